//! `nianbao check --format json` written as it is made: one diagnostic's JSON at a time, so
//! that memory does not hold every finding's tree at once (25,600 findings took 350 MB). The
//! bytes are those of `cli::json_document` printed pretty (a test compares them).

use super::{json_diagnostics, json_file};
use crate::voice::Lang;
use crate::workspace::FileReport;
use serde_json::{Value, json};
use std::io::Write;

const EMPTY: &str = "\"diagnostics\": []";

/// Writes the whole JSON document (pretty, with a final line break).
pub fn write(out: &mut impl Write, reports: &[FileReport], lang: Lang) -> std::io::Result<()> {
    // Standard output is flushed at each line break; this writes in blocks.
    let mut out = std::io::BufWriter::with_capacity(1 << 16, out);
    let out = &mut out;
    // The document without diagnostics, printed pretty; each file's `"diagnostics": []` is
    // then filled in place. (Inside a string the quotes would be escaped, so the marker only
    // matches the key.)
    let files: Vec<Value> = reports.iter().map(|r| json_file(r, lang)).collect();
    let skeleton = serde_json::to_string_pretty(&json!({ "version": 1, "files": files }))
        .map_err(std::io::Error::other)?;
    let mut rest = skeleton.as_str();
    for r in reports {
        let Some(at) = rest.find(EMPTY) else { break };
        let line_start = rest[..at].rfind('\n').map_or(0, |i| i + 1);
        let indent = &rest[line_start..at];
        out.write_all(&rest.as_bytes()[..at])?;
        rest = &rest[at + EMPTY.len()..];
        if r.findings.is_empty() {
            out.write_all(EMPTY.as_bytes())?;
            continue;
        }
        out.write_all(b"\"diagnostics\": [")?;
        for (i, d) in json_diagnostics(reports, r, lang).enumerate() {
            out.write_all(if i == 0 { b"\n" } else { b",\n" })?;
            let text = serde_json::to_string_pretty(&d).map_err(std::io::Error::other)?;
            for (k, line) in text.split('\n').enumerate() {
                if k > 0 {
                    out.write_all(b"\n")?;
                }
                write!(out, "{indent}  {line}")?;
            }
        }
        write!(out, "\n{indent}]")?;
    }
    out.write_all(rest.as_bytes())?;
    out.write_all(b"\n")?;
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_bytes_as_the_whole_document_printed_pretty() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
        let mut files: Vec<std::path::PathBuf> = ["years", "kinds"]
            .iter()
            .flat_map(|d| std::fs::read_dir(dir.join(d)).unwrap())
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .collect();
        files.sort();
        files.push(dir.join("clean_gb18030.txt"));
        files.push(dir.join("no such file.txt"));
        // A Word file: its diagnostics carry a location and the file its format.
        files.push(dir.join("docx/report-2025.docx"));
        let reports = crate::workspace::check_files(
            &files,
            &crate::cli::read_file,
            &Default::default(),
            &|_, _| {},
        );
        assert!(
            reports
                .iter()
                .any(|r| r.doc.kind != crate::source::Kind::Text)
        );
        assert!(
            reports
                .iter()
                .any(|r| r.findings.iter().any(|f| !f.related.is_empty()))
        );
        for lang in [Lang::Chinese, Lang::English] {
            let doc = crate::cli::json_document(&reports, lang);
            let mut want = serde_json::to_string_pretty(&doc).unwrap();
            want.push('\n');
            assert!(want.contains("\"location\""));
            let mut got = Vec::new();
            write(&mut got, &reports, lang).unwrap();
            assert_eq!(String::from_utf8(got).unwrap(), want);
        }
        let mut none = Vec::new();
        write(&mut none, &[], Lang::Chinese).unwrap();
        assert_eq!(
            String::from_utf8(none).unwrap(),
            serde_json::to_string_pretty(&crate::cli::json_document(&[], Lang::Chinese)).unwrap()
                + "\n"
        );
    }
}
