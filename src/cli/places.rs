//! Where a finding is in a file that is not plain text, in the file's own terms (a table's row
//! and column, a paragraph, a page's line), and for a web page its line and column in the source;
//! shared by the JSON and the human view.

use crate::position::{Encoding, LineIndex};
use crate::source::{Document, Kind, Place};
use crate::voice::Lang;
use crate::workspace::FileReport;
use crate::workspace::locate::{Location, locate};
use serde_json::{Value, json};

/// Where the findings of a file that is not plain text are, in its own terms: built once per
/// file (the model names the report's tables; a web page's source gives lines and columns).
pub(super) struct Places<'a> {
    doc: &'a Document,
    model: crate::model::Model<'a>,
    /// The page's text as the HTML reader saw it, and its lines.
    page: Option<(String, LineIndex)>,
    lang: Lang,
}

impl<'a> Places<'a> {
    pub(super) fn new(r: &'a FileReport, lang: Lang) -> Option<Places<'a>> {
        if r.doc.kind == Kind::Text || r.error.is_some() {
            return None;
        }
        // The page is read again for its source positions: the reader keeps only offsets.
        let page = (r.doc.kind == Kind::Html)
            .then(|| std::fs::read(&r.path).ok())
            .flatten()
            .map(|b| {
                let (text, _) = crate::source::html::decode_page(&b);
                let idx = LineIndex::new(&text);
                (text, idx)
            });
        Some(Places {
            doc: &r.doc,
            model: crate::model::Model::new(&r.doc.text),
            page,
            lang,
        })
    }

    /// A finding's location, and for a web page its line and column (1-based, in characters)
    /// in the page's source.
    pub(super) fn at(&self, offset: usize) -> Option<(Location, Option<(u32, u32)>)> {
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

    pub(super) fn json(&self, offset: usize) -> Option<Value> {
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
