//! `nianbao check` as a reviewer or CI runs it: the built binary, its exit codes, the JSON
//! contract of checks.md and the human view.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_nianbao"))
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// A fresh directory under the target directory.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn json(args: &[&std::ffi::OsStr]) -> (i32, Value) {
    let out = bin()
        .arg("check")
        .arg("--format")
        .arg("json")
        .args(args)
        .output()
        .unwrap();
    let doc: Value = serde_json::from_slice(&out.stdout).expect("one JSON document on stdout");
    (out.status.code().unwrap(), doc)
}

#[test]
fn json_contract_with_utf16_columns_after_an_astral_character() {
    let dir = scratch("json_contract");
    let clean = std::fs::read_to_string(fixture("clean_rows.txt")).unwrap();
    // 𠀀 (2 UTF-16 units) and four Han characters before an invalid value.
    let text = clean.replace("行政处罚\t567", "𠀀行政处罚\t五百");
    let path = dir.join("report.txt");
    std::fs::write(&path, &text).unwrap();
    let (code, doc) = json(&[path.as_os_str()]);
    assert_eq!(code, 1);
    assert_eq!(doc["version"], 1);
    let file = &doc["files"][0];
    assert_eq!(file["path"], path.to_string_lossy().as_ref());
    let diags = file["diagnostics"].as_array().unwrap();
    let bad = diags
        .iter()
        .find(|d| d["code"] == "invalid-number")
        .expect("invalid-number");
    let line = text
        .lines()
        .position(|l| l.starts_with("𠀀行政处罚"))
        .unwrap();
    assert_eq!(bad["severity"], "error");
    assert_eq!(bad["range"]["start"]["line"], line);
    assert_eq!(bad["range"]["start"]["character"], 7);
    assert_eq!(bad["range"]["end"]["character"], 9);
    assert!(bad["message"].as_str().unwrap().contains("五百"));
    assert!(bad["fixes"].as_array().unwrap().is_empty());
    // A fix with an edit in the same coordinates.
    let label = diags
        .iter()
        .find(|d| d["code"] == "nonstandard-label")
        .expect("nonstandard-label");
    let edit = &label["fixes"][0]["edits"][0];
    assert_eq!(edit["range"]["start"]["character"], 0);
    assert_eq!(edit["range"]["end"]["character"], 6);
    assert_eq!(edit["newText"], "行政处罚");
}

#[test]
fn exit_status_follows_the_contract() {
    let clean = fixture("clean_rows.txt");
    let status = bin()
        .args(["check", "--format", "json"])
        .arg(&clean)
        .output()
        .unwrap()
        .status;
    assert_eq!(status.code(), Some(0));
    // Warnings alone do not fail.
    let dir = scratch("exit_status");
    let warn = dir.join("warn.txt");
    let text = std::fs::read_to_string(&clean).unwrap();
    std::fs::write(
        &warn,
        text.replace(
            "五、存在的主要问题及改进情况",
            "五、存在问题与下一步改进措施",
        ),
    )
    .unwrap();
    let (code, doc) = json(&[warn.as_os_str()]);
    assert_eq!(code, 0);
    assert_eq!(doc["files"][0]["diagnostics"][0]["severity"], "warning");
    // A file that does not exist, and bad arguments.
    let missing = dir.join("nope.txt");
    let (code, doc) = json(&[missing.as_os_str()]);
    assert_eq!(code, 2);
    assert!(doc["files"][0]["error"].is_string());
    let out = bin()
        .args(["check", "--format", "yaml", "x"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let out = bin().arg("check").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn directories_gbk_and_binary_files() {
    let dir = scratch("directories");
    std::fs::create_dir_all(dir.join("sub")).unwrap();
    std::fs::copy(fixture("clean_gb18030.txt"), dir.join("sub/gbk.txt")).unwrap();
    std::fs::copy(fixture("clean_pipes.txt"), dir.join("pipes.md")).unwrap();
    std::fs::copy(fixture("docx/clean_rows.docx"), dir.join("word.docx")).unwrap();
    std::fs::write(dir.join("notes.json"), b"{}").unwrap();
    let (code, doc) = json(&[dir.as_os_str()]);
    assert_eq!(code, 0, "{doc:#}");
    let files = doc["files"].as_array().unwrap();
    // The Word file is a report too; other files are left alone.
    assert_eq!(files.len(), 3);
    let gbk = files
        .iter()
        .find(|f| f["path"].as_str().unwrap().ends_with("gbk.txt"))
        .unwrap();
    assert_eq!(gbk["encoding"], "gb18030");
    assert_eq!(gbk["diagnostics"].as_array().unwrap().len(), 0);
    // A binary file named .txt is reported, and the run says the command failed.
    std::fs::write(
        dir.join("binary.txt"),
        [0u8, 0xFF, 0xFE, 0x81, 0x30, 0x00, 0x9F],
    )
    .unwrap();
    let (code, doc) = json(&[dir.as_os_str()]);
    assert_eq!(code, 2);
    let bin_entry = doc["files"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["path"].as_str().unwrap().ends_with("binary.txt"))
        .unwrap();
    assert!(bin_entry["error"].as_str().unwrap().contains("GB18030"));
}

#[test]
fn human_view_has_location_code_source_marker_and_summary() {
    let dir = scratch("human");
    let text = std::fs::read_to_string(fixture("clean_rows.txt"))
        .unwrap()
        .replace("行政强制\t8", "𠀀行政强制\t８");
    let path = dir.join("r.txt");
    std::fs::write(&path, &text).unwrap();
    let out = bin()
        .args(["check", "--color", "never"])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let s = String::from_utf8(out.stdout).unwrap();
    let line = text
        .lines()
        .position(|l| l.starts_with("𠀀行政强制"))
        .unwrap()
        + 1;
    // Columns in the human view count characters: 𠀀 行 政 强 制 tab → column 7.
    let gutter = line.to_string().len();
    assert!(
        s.contains(&format!(
            "使用了全角数字「８」\n{}--> {}:{line}:7\n",
            " ".repeat(gutter),
            path.display()
        )),
        "{s}"
    );
    // Display width: 𠀀 and four Han characters are 10 columns, the tab 4 more; the marker
    // sits under ８, two columns wide.
    let shown = format!("{line} | 𠀀行政强制    ８");
    let from = s.find("使用了全角数字").unwrap();
    let at = from + s[from..].find(&shown).expect(&s);
    let marker = s[at..].lines().nth(1).unwrap();
    assert_eq!(
        marker,
        format!(
            "{} | {}^^ 可修复：改为半角数字",
            " ".repeat(gutter),
            " ".repeat(14)
        ),
        "{s}"
    );
    assert!(
        s.trim_end()
            .ends_with("共检查 1 个文件：1 个错误，1 个警告"),
        "{s}"
    );
    // English on request.
    let out = bin()
        .args(["check", "--color", "never", "--lang", "en"])
        .arg(&path)
        .output()
        .unwrap();
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(s.contains("full-width"), "{s}");
    assert!(
        s.contains("Checked 1 file(s): 1 error(s), 1 warning(s)"),
        "{s}"
    );
}

#[test]
fn english_messages_with_lang_en_also_for_files_that_cannot_be_read() {
    let dir = scratch("english");
    let binary = dir.join("binary.txt");
    std::fs::write(&binary, [0u8, 0xFF, 0xFE, 0x81, 0x30, 0x00, 0x9F]).unwrap();
    let missing = dir.join("missing𠀀.txt");
    let out = bin()
        .args(["check", "--lang", "en", "--color", "never"])
        .arg(&binary)
        .arg(&missing)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let human = String::from_utf8(out.stdout).unwrap();
    let cjk = |s: &str| s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
    for line in human.lines() {
        // Only the file name has Chinese in it.
        assert!(!cjk(&line.replace("missing𠀀", "")), "{line}");
    }
    assert!(
        human.contains("binary.txt: cannot read: not UTF-8 from line 1 on"),
        "{human}"
    );
    assert!(human.contains("cannot read: no such file"), "{human}");
    let (_, doc) = json(&["--lang".as_ref(), "en".as_ref(), missing.as_os_str()]);
    assert_eq!(doc["files"][0]["error"], "no such file");
    // The single-file commands too.
    for cmd in ["inspect", "render", "convert"] {
        let mut c = bin();
        c.arg(cmd);
        if cmd == "convert" {
            c.args(["--to", "txt"]);
        }
        let out = c.args(["--lang", "en"]).arg(&binary).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{cmd}");
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(
            err.contains(": not UTF-8 from line 1 on,") && err.ends_with(")\n"),
            "{cmd}: {err}"
        );
    }
}
