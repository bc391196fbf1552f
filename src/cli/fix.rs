//! `nianbao fix`: the safe (or all) fixes applied to a text report or a Word file, written
//! beside it, to the output given, or in place with a backup.

use crate::catalogue;
use crate::checks::Options;
use crate::source::Kind;
use crate::source::external::System;
use crate::voice::Lang;
use crate::workspace::{self, Failure};
use std::path::{Path, PathBuf};

/// Where `fix` writes: the output given, the file itself, or `<name>.fixed.<ext>` beside it.
fn fixed_path(path: &Path, tag: &str) -> PathBuf {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let name = match path.extension() {
        Some(e) => format!("{stem}.{tag}.{}", e.to_string_lossy()),
        None => format!("{stem}.{tag}"),
    };
    path.with_file_name(name)
}

pub(super) fn run_fix(
    path: &Path,
    all: bool,
    lang: Lang,
    output: Option<&Path>,
    in_place: bool,
) -> i32 {
    let options = Options {
        lang,
        ..Options::default()
    };
    let failed = |e: Failure| {
        eprintln!("{}: {}", path.display(), catalogue::failure(&e, lang));
        2
    };
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => return failed(Failure::Io(e.to_string())),
    };
    // The file's own kind, before any program runs: an old Word file is read through a .docx
    // that cannot be written back into it.
    let kind = Kind::sniff(path.to_str(), &bytes);
    if !matches!(kind, Kind::Text | Kind::Docx) {
        eprintln!("{}: {}", path.display(), catalogue::cannot_fix(kind, lang));
        return 2;
    }
    let doc = match workspace::read(path.to_str(), &bytes, &System) {
        Ok(d) => d,
        Err(e) => return failed(e),
    };
    let fixed = match workspace::fix::fix_file(&bytes, &doc, &options, all) {
        Ok(f) => f,
        Err(e) => return failed(e),
    };
    let target = match (output, in_place) {
        (Some(o), _) => o.to_path_buf(),
        (None, true) => {
            let backup = fixed_path(path, "orig");
            if let Err(e) = std::fs::write(&backup, &bytes) {
                return failed(Failure::Io(format!("{}: {e}", backup.display())));
            }
            eprintln!("{}", catalogue::backup(&backup.to_string_lossy(), lang));
            path.to_path_buf()
        }
        (None, false) => fixed_path(path, "fixed"),
    };
    if let Err(e) = std::fs::write(&target, &fixed.bytes) {
        return failed(Failure::Io(format!("{}: {e}", target.display())));
    }
    for title in &fixed.applied {
        eprintln!("  {title}");
    }
    eprintln!(
        "{}",
        catalogue::fixed(
            fixed.applied.len(),
            &target.to_string_lossy(),
            fixed.left,
            lang
        )
    );
    0
}
