//! The report files under the paths a user names, for the CLI and the language server's
//! workspace. Returns data (files and problems) and prints nothing.
//!
//! Each real directory is walked once (by canonical path), so a link back to a parent is one
//! loop, reported once, and two such links do not multiply the walk; a link that leads out of
//! the tree named is not followed.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// Extensions of the files collected from directories (a file named directly is always taken).
pub const EXTENSIONS: &[&str] = &["txt", "md", "docx", "html", "htm", "pdf", "doc", "wps"];

/// Something found while walking that is not a report file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// A path that does not exist (or a link to nothing).
    Missing(PathBuf),
    /// A symbolic link that leads back to a directory it is in, or to itself.
    Loop { link: PathBuf, target: PathBuf },
    /// A directory that could not be read.
    Unreadable { path: PathBuf, error: String },
    /// A link that leads out of the tree named; not followed.
    Outside { link: PathBuf, target: PathBuf },
}

impl Problem {
    pub fn path(&self) -> &Path {
        match self {
            Problem::Missing(p) => p,
            Problem::Loop { link, .. } | Problem::Outside { link, .. } => link,
            Problem::Unreadable { path, .. } => path,
        }
    }

    /// Whether the user should hear of it as an error (a link out of the tree is a choice).
    pub fn is_error(&self) -> bool {
        !matches!(self, Problem::Outside { .. })
    }

    /// A short message, in Chinese or English.
    pub fn message(&self, english: bool) -> String {
        match (self, english) {
            (Problem::Missing(_), false) => "文件不存在".into(),
            (Problem::Missing(_), true) => "no such file".into(),
            (Problem::Loop { target, .. }, false) => {
                format!("符号链接成环（指向 {}），未跟随", target.display())
            }
            (Problem::Loop { target, .. }, true) => {
                format!("symbolic link loop (to {}), not followed", target.display())
            }
            (Problem::Unreadable { error, .. }, _) => error.clone(),
            (Problem::Outside { target, .. }, false) => {
                format!("链接指向所给目录之外（{}），未跟随", target.display())
            }
            (Problem::Outside { target, .. }, true) => {
                format!(
                    "link leads outside the directory given ({}), not followed",
                    target.display()
                )
            }
        }
    }
}

/// What a walk found: report files in a stable order, and problems.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Walk {
    pub files: Vec<PathBuf>,
    pub problems: Vec<Problem>,
}

/// Whether a file name has one of [`EXTENSIONS`].
pub fn is_report_name(p: &Path) -> bool {
    p.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| EXTENSIONS.iter().any(|x| e.eq_ignore_ascii_case(x)))
}

/// Where a link leads, or why it leads nowhere.
enum Follow {
    To(PathBuf),
    Loop(PathBuf),
    Missing,
}

fn follow(link: &Path) -> Follow {
    match std::fs::canonicalize(link) {
        Ok(p) => Follow::To(p),
        Err(e) if is_loop(&e) => {
            Follow::Loop(std::fs::read_link(link).unwrap_or_else(|_| link.to_path_buf()))
        }
        Err(_) => Follow::Missing,
    }
}

/// Too many levels of symbolic links (ELOOP).
fn is_loop(e: &std::io::Error) -> bool {
    #[cfg(target_os = "linux")]
    const ELOOP: i32 = 40;
    #[cfg(not(target_os = "linux"))]
    const ELOOP: i32 = 62;
    e.raw_os_error() == Some(ELOOP)
}

/// The report files under `paths`: files named as they are, directories searched.
pub fn walk(paths: &[PathBuf]) -> Walk {
    let mut w = Walk::default();
    // Real directories and files already taken, by canonical path.
    let mut dirs: HashSet<PathBuf> = HashSet::new();
    let mut files: HashSet<PathBuf> = HashSet::new();
    for p in paths {
        let is_link = std::fs::symlink_metadata(p).is_ok_and(|m| m.file_type().is_symlink());
        let real = match follow(p) {
            Follow::To(r) => r,
            Follow::Loop(target) if is_link => {
                w.problems.push(Problem::Loop {
                    link: p.clone(),
                    target,
                });
                continue;
            }
            Follow::Loop(_) | Follow::Missing => {
                w.problems.push(Problem::Missing(p.clone()));
                continue;
            }
        };
        if real.is_dir() {
            walk_tree(p, &real, &mut dirs, &mut files, &mut w);
        } else if files.insert(real) {
            w.files.push(p.clone());
        }
    }
    w
}

/// Walks one tree named by the user: `shown` is how its paths are written, `root` its real
/// place; nothing outside `root` is followed.
fn walk_tree(
    shown: &Path,
    root: &Path,
    dirs: &mut HashSet<PathBuf>,
    files: &mut HashSet<PathBuf>,
    w: &mut Walk,
) {
    if !dirs.insert(root.to_path_buf()) {
        return;
    }
    // Depth first without recursion: (path as shown, real path), children in name order.
    let mut stack: Vec<(PathBuf, PathBuf)> = vec![(shown.to_path_buf(), root.to_path_buf())];
    while let Some((dir, real_dir)) = stack.pop() {
        let entries = match std::fs::read_dir(&dir) {
            Ok(e) => e,
            Err(e) => {
                w.problems.push(Problem::Unreadable {
                    path: dir,
                    error: e.to_string(),
                });
                continue;
            }
        };
        let mut entries: Vec<(std::ffi::OsString, Option<std::fs::FileType>)> = entries
            .filter_map(|e| e.ok())
            .map(|e| (e.file_name(), e.file_type().ok()))
            .collect();
        entries.sort_by(|a, b| a.0.cmp(&b.0));
        let mut subdirs = Vec::new();
        for (name, kind) in entries {
            let path = dir.join(&name);
            let Some(kind) = kind else { continue };
            let (real, is_dir) = if kind.is_symlink() {
                match follow(&path) {
                    Follow::To(r) => {
                        if !r.starts_with(root) {
                            w.problems.push(Problem::Outside {
                                link: path,
                                target: r,
                            });
                            continue;
                        }
                        let d = r.is_dir();
                        (r, d)
                    }
                    Follow::Loop(target) => {
                        w.problems.push(Problem::Loop { link: path, target });
                        continue;
                    }
                    Follow::Missing => {
                        if is_report_name(&path) {
                            w.problems.push(Problem::Missing(path));
                        }
                        continue;
                    }
                }
            } else {
                (real_dir.join(&name), kind.is_dir())
            };
            if is_dir {
                if dirs.insert(real.clone()) {
                    subdirs.push((path, real));
                } else if kind.is_symlink() && real_dir.starts_with(&real) {
                    // A link to a directory it is in: a loop, reported here once.
                    w.problems.push(Problem::Loop {
                        link: path,
                        target: real,
                    });
                }
            } else if is_report_name(&path) && files.insert(real) {
                w.files.push(path);
            }
        }
        stack.extend(subdirs.into_iter().rev());
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    fn scratch(name: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!("nianbao-walk-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).unwrap();
        d
    }

    fn names(w: &Walk, root: &Path) -> Vec<String> {
        w.files
            .iter()
            .map(|p| p.strip_prefix(root).unwrap().display().to_string())
            .collect()
    }

    #[test]
    fn files_in_name_order_with_the_listed_extensions() {
        let d = scratch("plain");
        std::fs::create_dir_all(d.join("b/c")).unwrap();
        for f in [
            "a.txt", "b/c/x.MD", "b/y.txt", "b/z.pdf", "b/w.xlsx", "note",
        ] {
            std::fs::write(d.join(f), "x").unwrap();
        }
        let w = walk(std::slice::from_ref(&d));
        assert_eq!(names(&w, &d), ["a.txt", "b/y.txt", "b/z.pdf", "b/c/x.MD"]);
        assert!(w.problems.is_empty());
        // A file named directly is taken whatever its extension; a missing one is a problem.
        let w = walk(&[d.join("note"), d.join("nothing.txt")]);
        assert_eq!(w.files, [d.join("note")]);
        assert_eq!(w.problems, [Problem::Missing(d.join("nothing.txt"))]);
    }

    #[test]
    fn links_to_a_parent_are_one_loop_each_and_files_come_once() {
        let d = scratch("loops");
        std::fs::create_dir_all(d.join("sub")).unwrap();
        std::fs::write(d.join("sub/r.txt"), "x").unwrap();
        symlink("..", d.join("sub/up")).unwrap();
        symlink("../..", d.join("sub/up2")).unwrap();
        symlink(".", d.join("here")).unwrap();
        let w = walk(std::slice::from_ref(&d));
        assert_eq!(names(&w, &d), ["sub/r.txt"]);
        let loops: Vec<String> = w
            .problems
            .iter()
            .filter(|p| matches!(p, Problem::Loop { .. }))
            .map(|p| p.path().strip_prefix(&d).unwrap().display().to_string())
            .collect();
        assert_eq!(loops, ["here", "sub/up"]);
        // ../.. leads out of the tree.
        assert!(
            w.problems
                .iter()
                .any(|p| matches!(p, Problem::Outside { link, .. } if link.ends_with("sub/up2")))
        );
    }

    #[test]
    fn a_link_out_of_the_tree_is_not_followed_and_a_link_inside_is_walked_once() {
        let outside = scratch("outside");
        std::fs::write(outside.join("o.txt"), "x").unwrap();
        let d = scratch("inside");
        std::fs::create_dir_all(d.join("real")).unwrap();
        std::fs::write(d.join("real/r.txt"), "x").unwrap();
        symlink(&outside, d.join("away")).unwrap();
        symlink(d.join("real"), d.join("alias")).unwrap();
        symlink(d.join("real/r.txt"), d.join("same.txt")).unwrap();
        let w = walk(std::slice::from_ref(&d));
        // One real file comes once, under the first name met; `real` is walked once (as
        // `alias`, met first).
        assert_eq!(names(&w, &d), ["same.txt"]);
        assert_eq!(w.problems.len(), 1);
        assert!(matches!(&w.problems[0], Problem::Outside { .. }));
        assert!(!w.problems[0].is_error());
    }

    #[test]
    fn a_looping_link_named_directly_is_a_loop_not_a_missing_file() {
        let d = scratch("argloop");
        symlink(d.join("b"), d.join("a")).unwrap();
        symlink(d.join("a"), d.join("b")).unwrap();
        let w = walk(&[d.join("a")]);
        assert!(w.files.is_empty());
        assert!(matches!(&w.problems[..], [Problem::Loop { link, .. }] if link == &d.join("a")));
        assert!(w.problems[0].message(false).contains("成环"));
    }
}
