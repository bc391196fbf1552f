//! The top-level modules of `src/` import each other without a cycle, so that data flows one way
//! (text → syntax → model → checks → ide → edges). An edge of the graph is any `crate::X` path
//! outside comments and test modules; a known exception is allowed only if it is listed below
//! with its reason, and only while it still exists.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Imports allowed to close a cycle for now: (from, to, why).
/// Imports allowed although they close a cycle, each with its reason (none today: walking is in
/// `walk.rs` and the dispatch in `main.rs`).
const ALLOWED: &[(&str, &str, &str)] = &[];

#[path = "common/rs_files.rs"]
mod rs_files;
use rs_files::rs_files;

/// The code of a file without its comments and its test modules (which, by the project's
/// custom, close the file).
fn code_of(text: &str) -> String {
    let mut out = String::new();
    let mut lines = text.lines().peekable();
    while let Some(line) = lines.next() {
        let t = line.trim_start();
        if t.starts_with("#[cfg(test)]") {
            let next = lines.peek().map_or("", |l| l.trim_start());
            let item = t.trim_start_matches("#[cfg(test)]").trim_start();
            let item = if item.is_empty() { next } else { item };
            if item.contains("mod ") && item.trim_end().ends_with('{') {
                break;
            }
        }
        if t.starts_with("//") {
            continue;
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// Modules declared as `#[cfg(test)] mod name;`: their files are test code.
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

/// The top-level modules a piece of code names: `crate::x…` and the first names of
/// `crate::{x, y::z, …}`.
fn imports(code: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let ident = |s: &str| -> String {
        s.chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect()
    };
    for (i, _) in code.match_indices("crate::") {
        // Not part of a longer name (`nianbao_crate::`, `$crate::`).
        let before = code[..i].chars().next_back();
        if before.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$') {
            continue;
        }
        let rest = &code[i + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let mut depth = 1;
            let mut at_item = true;
            for (k, c) in group.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' => {
                        depth -= 1;
                        if depth == 0 {
                            break;
                        }
                    }
                    ',' if depth == 1 => at_item = true,
                    c if depth == 1 && at_item && !c.is_whitespace() => {
                        at_item = false;
                        let name = ident(&group[k..]);
                        if !name.is_empty() && name != "self" {
                            out.insert(name);
                        }
                    }
                    _ => {}
                }
            }
        } else {
            let name = ident(rest);
            if !name.is_empty() {
                out.insert(name);
            }
        }
    }
    out
}

/// Which top-level module imports which.
fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rs_files(&src, &mut files);
    let mut skip = Vec::new();
    for f in &files {
        let text = std::fs::read_to_string(f).unwrap();
        skip.extend(test_only_files(f.parent().unwrap(), &text));
    }
    let mut modules = BTreeSet::new();
    for f in &files {
        let rel = f.strip_prefix(&src).unwrap();
        let first = rel
            .components()
            .next()
            .unwrap()
            .as_os_str()
            .to_str()
            .unwrap();
        modules.insert(first.trim_end_matches(".rs").to_string());
    }
    let mut g: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for f in &files {
        if skip.contains(f) {
            continue;
        }
        let rel = f.strip_prefix(&src).unwrap();
        let first = rel
            .components()
            .next()
            .unwrap()
            .as_os_str()
            .to_str()
            .unwrap();
        let from = first.trim_end_matches(".rs").to_string();
        if from == "lib" || from == "main" {
            continue;
        }
        let code = code_of(&std::fs::read_to_string(f).unwrap());
        for to in imports(&code) {
            if to != from && modules.contains(&to) {
                g.entry(from.clone()).or_default().insert(to);
            }
        }
    }
    g
}

/// A cycle through `start`, if there is one: the modules in order.
fn cycle_from(
    g: &BTreeMap<String, BTreeSet<String>>,
    start: &str,
    at: &str,
    path: &mut Vec<String>,
) -> Option<Vec<String>> {
    for next in g.get(at).into_iter().flatten() {
        if next == start {
            let mut c = path.clone();
            c.push(start.to_string());
            return Some(c);
        }
        if !path.contains(next) && next.as_str() > start {
            path.push(next.clone());
            if let Some(c) = cycle_from(g, start, next, path) {
                return Some(c);
            }
            path.pop();
        }
    }
    None
}

#[test]
fn top_level_modules_have_no_import_cycle() {
    let mut g = graph();
    for (from, to, why) in ALLOWED {
        assert!(
            g.get_mut(*from).is_some_and(|s| s.remove(*to)),
            "`{from}` no longer imports `{to}` ({why}): remove the exception from ALLOWED"
        );
    }
    let mut cycles = Vec::new();
    for start in g.keys() {
        if let Some(c) = cycle_from(&g, start, start, &mut vec![start.clone()]) {
            cycles.push(c.join(" → "));
        }
    }
    assert!(cycles.is_empty(), "import cycles: {cycles:#?}");
}

#[test]
fn the_reader_sees_imports_and_cycles() {
    let code = code_of(
        "use crate::checks::{self, Options};\n\
         use crate::{finding::Severity, model::{Model, Value}, text};\n\
         // crate::lsp in a comment\n\
         fn f() { crate::cross::summarize(); }\n\
         #[cfg(test)]\n\
         mod tests {\n    use crate::cli;\n}\n",
    );
    let found: Vec<String> = imports(&code).into_iter().collect();
    assert_eq!(found, ["checks", "cross", "finding", "model", "text"]);
    let g: BTreeMap<String, BTreeSet<String>> = [
        ("a", vec!["b"]),
        ("b", vec!["c"]),
        ("c", vec!["a"]),
        ("d", vec!["a"]),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.into_iter().map(String::from).collect()))
    .collect();
    assert_eq!(
        cycle_from(&g, "a", "a", &mut vec!["a".to_string()]),
        Some(
            vec!["a", "b", "c", "a"]
                .into_iter()
                .map(String::from)
                .collect()
        )
    );
    assert_eq!(cycle_from(&g, "d", "d", &mut vec!["d".to_string()]), None);
}
