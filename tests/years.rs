//! Reports of several organisations and years checked together by the CLI: one year is
//! compared with the last of the same organisation, never with another organisation's.

use serde_json::Value;
use std::path::Path;
use std::process::Command;

#[test]
fn a_directory_of_years_and_organisations() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/years");
    let out = Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .args(["check", "--format", "json"])
        .arg(&dir)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "warnings only");
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    let files = doc["files"].as_array().unwrap();
    assert_eq!(files.len(), 5);
    for f in files {
        let name = Path::new(f["path"].as_str().unwrap())
            .file_name()
            .unwrap()
            .to_string_lossy()
            .to_string();
        let codes: Vec<&str> = f["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["code"].as_str().unwrap())
            .collect();
        if name == "qingshi-2025.txt" {
            assert_eq!(
                codes,
                ["carryover-mismatch", "carryover-mismatch", "copied-text"],
                "{name}"
            );
            let related = &f["diagnostics"][0]["related"][0];
            assert!(
                related["path"]
                    .as_str()
                    .unwrap()
                    .ends_with("qingshi-2024.txt")
            );
            assert_eq!(related["range"]["start"]["line"], 31);
        } else {
            assert!(codes.is_empty(), "{name}: {codes:?}");
        }
    }
}

#[test]
fn one_file_alone_has_nothing_to_compare() {
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/years/qingshi-2025.txt");
    let out = Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .args(["check", "--format", "json"])
        .arg(&file)
        .output()
        .unwrap();
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["files"][0]["diagnostics"], Value::Array(vec![]));
}

#[test]
fn the_human_view_ends_with_a_table_per_file_and_per_code() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/years");
    let out = Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .args(["check", "--color", "never"])
        .arg(&dir)
        .output()
        .unwrap();
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(
        s.contains("= 参见: ") && s.contains("qingshi-2024.txt:32:13 2024年"),
        "{s}"
    );
    let table = &s[s.find("\n文件").expect("a table of files")..];
    assert!(
        table
            .lines()
            .any(|l| l.contains("qingshi-2025.txt") && l.trim_end().ends_with("0       3")),
        "{table}"
    );
    assert!(s.contains("carryover-mismatch       2"), "{s}");
    assert!(s.contains("copied-text              1"), "{s}");
}
