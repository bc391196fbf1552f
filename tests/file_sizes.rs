//! No hand-written file of `src/` has more than 700 lines before its tests (issue 11 point 6): a
//! file that long does more than one job and is split by job. The lines counted are those before
//! the first line starting with `#[cfg(test)]`; a file that is all test code (declared as
//! `#[cfg(test)] mod name;`) is not counted.

use std::path::{Path, PathBuf};

const LIMIT: usize = 700;

#[path = "common/rs_files.rs"]
mod rs_files;
use rs_files::rs_files;

/// Lines before the first line that starts with `#[cfg(test)]`, or all of them.
fn lines_before_tests(text: &str) -> usize {
    text.lines()
        .position(|l| l.starts_with("#[cfg(test)]"))
        .unwrap_or_else(|| text.lines().count())
}

/// Modules declared as `#[cfg(test)] mod name;` in a file of `dir`: their files are test code.
fn test_only_files(dir: &Path, text: &str) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    for w in lines.windows(2) {
        if w[0] == "#[cfg(test)]"
            && let Some(name) = w[1].strip_prefix("mod ").and_then(|r| r.strip_suffix(';'))
        {
            out.push(dir.join(format!("{name}.rs")));
            out.push(dir.join(name).join("mod.rs"));
        }
    }
    out
}

/// Every file of `src/` that is not test code, with its lines before its tests.
fn sizes() -> Vec<(PathBuf, usize)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rs_files(&root.join("src"), &mut files);
    let texts: Vec<String> = files
        .iter()
        .map(|f| std::fs::read_to_string(f).unwrap())
        .collect();
    let mut tests = Vec::new();
    for (f, text) in files.iter().zip(&texts) {
        // A module file's children sit beside it (`a/mod.rs`) or in a folder named after it (`a.rs`).
        let dir = match f.file_name().and_then(|n| n.to_str()) {
            Some("mod.rs" | "lib.rs" | "main.rs") => f.parent().unwrap().to_path_buf(),
            _ => f.with_extension(""),
        };
        tests.extend(test_only_files(&dir, text));
    }
    files
        .iter()
        .zip(&texts)
        .filter(|(f, _)| !tests.contains(f))
        .map(|(f, text)| {
            (
                f.strip_prefix(root).unwrap().to_path_buf(),
                lines_before_tests(text),
            )
        })
        .collect()
}

#[test]
fn lines_are_counted_up_to_the_first_test_module() {
    let text = "//! doc\nfn a() {}\n    #[cfg(test)] // indented: not a test module\n\n#[cfg(test)]\nmod tests {\n}\n#[cfg(test)]\n";
    assert_eq!(lines_before_tests(text), 4);
    assert_eq!(lines_before_tests("fn a() {}\nfn b() {}\n"), 2);
    assert_eq!(lines_before_tests(""), 0);
}

#[test]
fn test_only_modules_are_found_beside_their_parent() {
    let found = test_only_files(Path::new("src/x"), "mod a;\n#[cfg(test)]\nmod tests;\n");
    assert_eq!(
        found,
        [
            PathBuf::from("src/x/tests.rs"),
            PathBuf::from("src/x/tests/mod.rs")
        ]
    );
}

#[test]
fn no_hand_written_file_is_over_700_lines_before_its_tests() {
    let sizes = sizes();
    // The walk sees the crate: it cannot pass on an empty list.
    assert!(
        sizes
            .iter()
            .any(|(f, n)| f.ends_with("src/lib.rs") && *n > 0),
        "src/lib.rs not found among {sizes:?}"
    );
    // The Word reader's tests are a file of their own and are not counted.
    assert!(
        !sizes
            .iter()
            .any(|(f, _)| f.ends_with("src/source/docx/tests.rs"))
    );
    let over: Vec<String> = sizes
        .iter()
        .filter(|(_, n)| *n > LIMIT)
        .map(|(f, n)| format!("{} ({n} lines)", f.display()))
        .collect();
    assert!(
        over.is_empty(),
        "over {LIMIT} lines before their tests; split them by job: {over:?}"
    );
}
