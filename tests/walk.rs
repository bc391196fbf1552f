//! `nianbao check` on odd file systems (issue 13, points 6 and 9): directory links back to a
//! parent are walked once and reported once, a link out of the tree is not followed, and a
//! looping link named on the command line is reported as a loop.
#![cfg(unix)]

use serde_json::Value;
use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn check_json(path: &Path) -> (i32, Value, Duration) {
    let t = Instant::now();
    let out = Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .args(["check", "--format", "json"])
        .arg(path)
        .output()
        .unwrap();
    let doc: Value = serde_json::from_slice(&out.stdout).expect("one JSON document");
    (out.status.code().unwrap(), doc, t.elapsed())
}

fn paths(doc: &Value) -> Vec<String> {
    doc["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn two_links_to_parents_finish_and_list_each_file_once() {
    let d = scratch("walk_loops");
    let outside = scratch("walk_outside");
    std::fs::write(outside.join("elsewhere.txt"), "x").unwrap();
    std::fs::create_dir_all(d.join("a/b")).unwrap();
    let report = include_str!("../examples/report-2025.txt");
    std::fs::write(d.join("a/b/r.txt"), report).unwrap();
    symlink("..", d.join("a/b/up")).unwrap();
    symlink("../..", d.join("a/b/up2")).unwrap();
    symlink(&outside, d.join("a/away")).unwrap();
    let (code, doc, took) = check_json(&d);
    assert!(took < Duration::from_secs(20), "{took:?}");
    let files = paths(&doc);
    let reports: Vec<&String> = files.iter().filter(|p| p.ends_with("r.txt")).collect();
    assert_eq!(reports.len(), 1, "{files:?}");
    assert!(!files.iter().any(|p| p.contains("elsewhere")), "{files:?}");
    // The two loops are each one error entry.
    let loops: Vec<&Value> = doc["files"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["error"].as_str().is_some_and(|e| e.contains("成环")))
        .collect();
    assert_eq!(loops.len(), 2, "{doc}");
    assert_eq!(code, 2);
}

#[test]
fn a_looping_link_given_as_an_argument_is_a_loop() {
    let d = scratch("walk_argloop");
    symlink(d.join("b"), d.join("a")).unwrap();
    symlink(d.join("a"), d.join("b")).unwrap();
    let (code, doc, _) = check_json(&d.join("a"));
    assert_eq!(code, 2);
    let error = doc["files"][0]["error"].as_str().unwrap();
    assert!(error.contains("成环"), "{error}");
    assert!(!error.contains("不存在"), "{error}");
}
