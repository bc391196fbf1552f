//! The JSON contract's shape of a finding, written once for every edge that prints it (the CLI's
//! `check --format json`, the browser's findings): ranges in lines and UTF-16 code units, fixes
//! as text edits, and for a file that is not plain text the finding's place in the file's own
//! terms. No IO: a web page's source comes in as bytes.

use crate::finding::Finding;
use crate::model::Model;
use crate::position::{Encoding, LineIndex};
use crate::source::{Document, Kind, Place};
use crate::voice::Lang;
use crate::workspace::locate::{Location, locate};
use serde_json::{Value, json};
use std::ops::Range;

/// A byte range of `text` as an LSP range (lines and UTF-16 code units).
pub fn range_json(idx: &LineIndex, text: &str, r: &Range<usize>) -> Value {
    let s = idx.position(text, r.start, Encoding::Utf16);
    let e = idx.position(text, r.end, Encoding::Utf16);
    json!({
        "start": { "line": s.line, "character": s.character },
        "end": { "line": e.line, "character": e.character },
    })
}

/// One finding as in the JSON contract. Related locations in other reports are left out (the
/// CLI adds them with their path).
pub fn finding_json(idx: &LineIndex, text: &str, f: &Finding) -> Value {
    let mut v = json!({
        "code": f.code.as_str(),
        "severity": f.severity.as_str(),
        "message": f.message,
        "range": range_json(idx, text, &f.range),
        "fixes": f.fixes.iter().map(|fix| json!({
            "title": fix.title,
            "edits": edits_json(idx, text, &fix.edits),
        })).collect::<Vec<_>>(),
    });
    let related: Vec<Value> = f
        .related
        .iter()
        .filter(|r| r.doc.is_none())
        .map(|r| json!({ "range": range_json(idx, text, &r.range), "message": r.message }))
        .collect();
    if !related.is_empty() {
        v["related"] = related.into();
    }
    v
}

/// Text edits as `[{range, newText}]`.
pub fn edits_json(idx: &LineIndex, text: &str, edits: &[crate::finding::Edit]) -> Value {
    edits
        .iter()
        .map(|e| json!({ "range": range_json(idx, text, &e.range), "newText": e.new_text }))
        .collect::<Vec<_>>()
        .into()
}

/// One finding with its place in the file when the file is not plain text (`location`).
pub fn diagnostic_json(idx: &LineIndex, text: &str, f: &Finding, places: Option<&Places>) -> Value {
    let mut v = finding_json(idx, text, f);
    if let Some(l) = places.and_then(|p| p.json(f.range.start)) {
        v["location"] = l;
    }
    v
}

/// Where the findings of a file that is not plain text are, in its own terms: built once per
/// file (the model names the report's tables; a web page's source gives lines and columns).
pub struct Places<'a> {
    doc: &'a Document,
    model: Model<'a>,
    /// The page's text as the HTML reader saw it, and its lines.
    page: Option<(String, LineIndex)>,
    lang: Lang,
}

impl<'a> Places<'a> {
    /// For a document read from a file that is not plain text; `page` is a web page's own bytes
    /// (its source positions come from them).
    pub fn new(doc: &'a Document, page: Option<&[u8]>, lang: Lang) -> Option<Places<'a>> {
        if doc.kind == Kind::Text {
            return None;
        }
        let page = page.filter(|_| doc.kind == Kind::Html).map(|b| {
            let (text, _) = crate::source::html::decode_page(b);
            let idx = LineIndex::new(&text);
            (text, idx)
        });
        Some(Places {
            doc,
            model: Model::new(&doc.text),
            page,
            lang,
        })
    }

    /// A finding's location, and for a web page its line and column (1-based, in characters)
    /// in the page's source.
    pub fn at(&self, offset: usize) -> Option<(Location, Option<(u32, u32)>)> {
        let l = locate(self.doc, &self.model, offset, self.lang)?;
        let src = match (&self.page, &l.source) {
            (Some((text, idx)), Some(r)) if text.is_char_boundary(r.start.min(text.len())) => {
                let p = idx.position(text, r.start.min(text.len()), Encoding::Chars);
                Some((p.line + 1, p.character + 1))
            }
            _ => None,
        };
        Some((l, src))
    }

    /// The JSON contract's `location` of a finding at `offset`.
    pub fn json(&self, offset: usize) -> Option<Value> {
        let (l, src) = self.at(offset)?;
        let mut v = match l.place {
            Place::Cell { table, row, col } => {
                json!({ "table": table, "row": row, "column": col })
            }
            Place::Paragraph(n) => json!({ "paragraph": n }),
            Place::PageLine { page, line } => json!({ "page": page, "line": line }),
        };
        if let Some(t) = &l.table {
            v["reportTable"] = json!(t);
        }
        v["text"] = json!(l.name);
        v["excerpt"] = json!(l.excerpt);
        if let Some((line, column)) = src {
            v["source"] = json!({ "line": line, "column": column });
        }
        Some(v)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::code::Code;
    use crate::finding::{Edit, Fix, Severity};

    #[test]
    fn ranges_in_utf16_units_and_fixes_as_edits() {
        // 𠀀 is two UTF-16 units and four bytes; 总 is one unit and three bytes.
        let text = "𠀀总\n一𠀀二";
        let idx = LineIndex::new(text);
        let f = Finding {
            code: Code::EmptyCell,
            severity: Severity::Warning,
            range: 4..7,
            message: "空𠀀".into(),
            related: Vec::new(),
            fixes: vec![Fix {
                title: "改𠀀".into(),
                edits: vec![Edit {
                    range: 11..15,
                    new_text: "三".into(),
                }],
                safe: true,
            }],
        };
        let v = finding_json(&idx, text, &f);
        assert_eq!(
            v["range"],
            json!({"start": {"line": 0, "character": 2}, "end": {"line": 0, "character": 3}})
        );
        assert_eq!(
            v["fixes"][0]["edits"][0],
            json!({"range": {"start": {"line": 1, "character": 1}, "end": {"line": 1, "character": 3}}, "newText": "三"})
        );
        assert_eq!(v["message"], "空𠀀");
        assert!(v.get("related").is_none());
        // Plain text has no places of its own.
        let doc = Document::text(text.into(), "utf-8");
        assert!(Places::new(&doc, None, Lang::Chinese).is_none());
        assert!(
            diagnostic_json(&idx, text, &f, None)
                .get("location")
                .is_none()
        );
    }
}
