//! The JSON contract of `check --format json`: a file's entry, its diagnostics (each shaped by
//! `contract.rs`, with places in other reports and their path) and the whole document.

use super::places::Places;
use crate::catalogue;
pub use crate::contract::finding_json;
use crate::contract::{diagnostic_json, range_json};
use crate::position::LineIndex;
use crate::source::Kind;
use crate::voice::Lang;
use crate::workspace::FileReport;
use serde_json::{Value, json};

/// The JSON contract's name of a kind of file.
fn kind_key(k: Kind) -> &'static str {
    match k {
        Kind::Text => "text",
        Kind::Docx => "docx",
        Kind::Html => "html",
        Kind::Pdf => "pdf",
        Kind::OldBinary => "doc",
    }
}

/// The whole JSON document for a run.
pub fn json_document(reports: &[FileReport], lang: Lang) -> Value {
    let files: Vec<Value> = reports
        .iter()
        .map(|r| {
            let mut v = json_file(r, lang);
            v["diagnostics"] = Value::Array(json_diagnostics(reports, r, lang).collect());
            v
        })
        .collect();
    json!({ "version": 1, "files": files })
}

/// A file's entry of the JSON document with its diagnostics left empty.
pub fn json_file(r: &FileReport, lang: Lang) -> Value {
    let mut v = json!({
        "path": r.path.to_string_lossy(),
        "diagnostics": [],
    });
    if r.doc.encoding != "utf-8" {
        v["encoding"] = json!(r.doc.encoding);
    }
    if r.doc.kind != Kind::Text {
        v["format"] = json!(kind_key(r.doc.kind));
    }
    if let Some(e) = &r.error {
        v["error"] = json!(catalogue::failure(e, lang));
    }
    v
}

/// A file's diagnostics in the JSON contract, one at a time (`report_json` writes them as they
/// come, so that memory does not hold them all).
pub fn json_diagnostics<'a>(
    reports: &'a [FileReport],
    r: &'a FileReport,
    lang: Lang,
) -> impl Iterator<Item = Value> + 'a {
    let places = Places::new(r, lang);
    let idx = LineIndex::new(&r.doc.text);
    r.findings.iter().map(move |f| {
        let mut v = diagnostic_json(&idx, &r.doc.text, f, places.as_ref().map(|p| &p.0));
        // Places in other reports, with their path.
        for rel in &f.related {
            let Some(other) = rel.doc.and_then(|d| reports.get(d)) else {
                continue;
            };
            let oidx = LineIndex::new(&other.doc.text);
            let entry = json!({
                "path": other.path.to_string_lossy(),
                "range": range_json(&oidx, &other.doc.text, &rel.range),
                "message": rel.message,
            });
            match v["related"].as_array_mut() {
                Some(a) => a.push(entry),
                None => v["related"] = json!([entry]),
            }
        }
        v
    })
}
