//! The codes as users read them are the registry's. The README's table: the same codes in the
//! same order, each with its default severity and whether it offers a fix (and a check that says
//! it offers no fix offers none on any fixture). The VS Code extension's `nianbao.severity`
//! setting: every code and no other, so that the editor flags a misspelt one as it is typed.

use nianbao::checks::{CHECKS, Options, Run};
use std::path::{Path, PathBuf};

/// (code, severity, has a fix) per row of the table under 「## Finding codes」.
fn readme_rows() -> Vec<(String, String, bool)> {
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
        .expect("README.md");
    let table = readme
        .split("## Finding codes")
        .nth(1)
        .expect("a section 「## Finding codes」");
    let mut lines = table.lines().skip_while(|l| !l.starts_with('|'));
    let header = lines.next().expect("a table");
    assert_eq!(header.trim(), "| code | severity | what it flags | fix |");
    lines
        .skip(1)
        .take_while(|l| l.starts_with('|'))
        .map(|l| {
            let cells: Vec<&str> = l.trim().trim_matches('|').split(" | ").collect();
            assert_eq!(cells.len(), 4, "{l}");
            (
                cells[0].trim().trim_matches('`').to_string(),
                cells[1].trim().to_string(),
                cells[3].trim() != "—",
            )
        })
        .collect()
}

#[test]
fn readme_table_matches_the_registry() {
    let registry: Vec<(String, String, bool)> = CHECKS
        .iter()
        .map(|c| {
            (
                c.code.as_str().to_string(),
                c.severity.as_str().to_string(),
                c.offers_fix,
            )
        })
        .collect();
    assert_eq!(readme_rows(), registry);
}

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            files(&p, out);
        } else if p.extension().is_some_and(|e| e == "txt") {
            out.push(p);
        }
    }
}

#[test]
fn checks_without_fixes_offer_none_on_any_fixture() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut paths = Vec::new();
    files(&root.join("tests/fixtures"), &mut paths);
    files(&root.join("examples"), &mut paths);
    assert!(paths.len() > 20, "{paths:?}");
    let mut fixes_seen = 0;
    for p in &paths {
        let bytes = std::fs::read(p).unwrap();
        let Ok(d) = nianbao::decode::decode(&bytes) else {
            continue;
        };
        for f in nianbao::check_text(&d.text, &Options::default()) {
            let check = nianbao::checks::check(f.code).unwrap();
            assert!(
                check.offers_fix || f.fixes.is_empty(),
                "{} offers a fix in {}: set `offers_fix` and the README's table",
                f.code,
                p.display()
            );
            fixes_seen += usize::from(!f.fixes.is_empty());
        }
    }
    // The fixtures do exercise fixes, so the assertion above has something to hold.
    assert!(fixes_seen > 0);
    // Cross-year checks build their findings through `Pair::finding`, which has no fixes.
    for c in CHECKS {
        if matches!(c.run, Run::AcrossYears(_)) {
            assert!(!c.offers_fix, "{}", c.code);
        }
    }
}

#[test]
fn vscode_severity_setting_names_every_code() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("editors/vscode/package.json");
    let package: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let setting = &package["contributes"]["configuration"]["properties"]["nianbao.severity"];
    assert_eq!(setting["additionalProperties"], serde_json::json!(false));
    let properties = setting["properties"]
        .as_object()
        .expect("one property per code");
    let names: Vec<&str> = properties.keys().map(String::as_str).collect();
    let mut codes: Vec<&str> = CHECKS.iter().map(|c| c.code.as_str()).collect();
    // serde_json keeps object keys sorted.
    codes.sort();
    assert_eq!(names, codes);
    for (code, p) in properties {
        let levels: Vec<&str> = p["enum"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        assert_eq!(
            levels,
            ["error", "warning", "information", "hint", "off"],
            "{code}"
        );
        // Each level is one the server reads.
        let read = nianbao::settings::read(&serde_json::json!({"severity": {code: levels}}));
        assert_eq!(read.1.len(), 1, "an array is no level");
        for l in levels {
            let (s, problems) =
                nianbao::settings::read(&serde_json::json!({"severity": {code: l}}));
            assert!(
                problems.is_empty() && s.severity.unwrap().len() == 1,
                "{code}: {l}"
            );
        }
    }
}
