//! Fixes written back into a Word file. An edit of the report's text (a byte range of the text
//! the reader made, and its new text) becomes a change of the `w:t` elements it covers: the new
//! text goes into the first run concerned, keeping its properties, and the replaced text leaves
//! the others. A value for an empty cell becomes a run in the cell's paragraph; a missing table
//! row becomes a copy of its neighbour with the new cell texts. Every other byte of the main part,
//! and every other part of the package (copied compressed, as it was), stays as it was.
//!
//! What cannot be written is refused before anything is written, so that a caller can ask, fix by
//! fix, which ones a Word file can take.

use super::parse::{CellShape, Map, Row, RunText, SegKind, Slot, VMerge};
use super::{Package, open_archive, read_package};
use crate::finding::Edit;
use crate::source::{Document, ReadError};
use quick_xml::escape::{partial_escape, unescape};
use std::collections::BTreeMap;
use std::io::{Cursor, Write};
use std::ops::Range;
use zip::ZipWriter;
use zip::write::SimpleFileOptions;

/// Why fixes could not be written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WriteError {
    /// The original file could not be read.
    Read(ReadError),
    /// The document given is not what the original file reads to: the edits were made on
    /// another text.
    Stale,
    /// The edits lie outside the text, off character boundaries, or overlap.
    BadEdits,
    /// Edit number `edit` (in the order given) cannot be expressed in the file.
    NotApplicable { edit: usize, why: Unwritable },
    /// The package could not be written (a technical detail).
    Package(String),
}

/// What kind of edit a Word file cannot take.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unwritable {
    /// It crosses paragraphs, cells or rows, adds line breaks or tabs, or lands where there is
    /// no text to change (between cells, beside a tab).
    Structure,
    /// It changes a list number that Word draws from its numbering definitions.
    Numbering,
    /// Characters that XML cannot hold.
    Characters,
    /// A new table row whose neighbours cannot serve as its model, or whose cells do not
    /// line up with theirs.
    Row,
}

impl From<ReadError> for WriteError {
    fn from(e: ReadError) -> Self {
        WriteError::Read(e)
    }
}

/// A Word file read once, ready to take edits of its text.
pub struct DocxWriter<'a> {
    original: &'a [u8],
    package: Package,
}

/// Splices into the main part: replace `range` with `text`; splices at one point keep their order.
struct Splice {
    range: Range<usize>,
    text: String,
}

#[derive(Default)]
struct Plan {
    /// Per `w:t` (its segment index): local edits of its text, in order.
    runs: BTreeMap<usize, Vec<(Range<usize>, String)>>,
    /// Per slot (its segment index): text for a new run.
    slots: BTreeMap<usize, String>,
    /// Elements removed whole (tabs, breaks… inside a replaced stretch).
    removed: Vec<Range<usize>>,
    /// New rows: where, and their XML.
    rows: Vec<Splice>,
}

/// Writes `edits` (byte ranges of `doc.text`) into the Word file `original`, which `doc` was
/// read from. Callers with several fixes to test one by one use [`DocxWriter`].
pub fn apply_fixes_docx(
    original: &[u8],
    doc: &Document,
    edits: &[Edit],
) -> Result<Vec<u8>, WriteError> {
    let w = DocxWriter::new(original)?;
    if w.document().text != doc.text {
        return Err(WriteError::Stale);
    }
    w.apply(edits)
}

/// Whether `edits` (one fix's, or several fixes' together) can be written into `original`.
pub fn can_apply(original: &[u8], doc: &Document, edits: &[Edit]) -> bool {
    DocxWriter::new(original).is_ok_and(|w| w.document().text == doc.text && w.check(edits).is_ok())
}

fn is_xml_char(c: char) -> bool {
    !matches!(c, '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}')
}

/// Whether Word would drop spaces of `s` without `xml:space="preserve"`.
fn needs_preserve(s: &str) -> bool {
    s.starts_with(char::is_whitespace) || s.ends_with(char::is_whitespace) || s.contains("  ")
}

/// The edit with the text it keeps trimmed away at both ends: the smallest change that does the
/// same, so that it touches as few runs as it can (and not a list number it rewrites as it was).
fn trimmed(text: &str, e: &Edit) -> (Range<usize>, String) {
    let n = Edit::narrowed(e.range.start, &text[e.range.clone()], &e.new_text);
    (n.range, n.new_text)
}

impl<'a> DocxWriter<'a> {
    pub fn new(original: &'a [u8]) -> Result<Self, ReadError> {
        Ok(DocxWriter {
            original,
            package: read_package(original)?,
        })
    }

    /// The document as read; edits are byte ranges of its text.
    pub fn document(&self) -> &Document {
        &self.package.document
    }

    /// Whether `edits` can be written.
    pub fn can_apply(&self, edits: &[Edit]) -> bool {
        self.check(edits).is_ok()
    }

    /// Why `edits` cannot be written, if they cannot.
    pub fn check(&self, edits: &[Edit]) -> Result<(), WriteError> {
        self.plan(edits).map(|_| ())
    }

    /// The file with `edits` written into it.
    pub fn apply(&self, edits: &[Edit]) -> Result<Vec<u8>, WriteError> {
        let plan = self.plan(edits)?;
        let xml = self.render(&plan)?;
        self.repackage(&xml)
    }

    fn map(&self) -> &Map {
        &self.package.map
    }

    fn text(&self) -> &str {
        &self.package.document.text
    }

    fn plan(&self, edits: &[Edit]) -> Result<Plan, WriteError> {
        let text = self.text();
        let mut order: Vec<usize> = (0..edits.len()).collect();
        order.sort_by_key(|&i| (edits[i].range.start, edits[i].range.end));
        let mut plan = Plan::default();
        let mut at = 0;
        for i in order {
            let e = &edits[i];
            if e.range.start < at
                || e.range.start > e.range.end
                || text.get(e.range.clone()).is_none()
            {
                return Err(WriteError::BadEdits);
            }
            at = e.range.end;
            let refuse = |why| WriteError::NotApplicable { edit: i, why };
            if !e.new_text.chars().all(is_xml_char) {
                return Err(refuse(Unwritable::Characters));
            }
            if e.new_text.contains(['\n', '\t', '\r']) {
                if e.range.is_empty() {
                    let (at, xml) = self.new_rows(e).map_err(refuse)?;
                    plan.rows.push(Splice {
                        range: at..at,
                        text: xml,
                    });
                    continue;
                }
                return Err(refuse(Unwritable::Structure));
            }
            let (range, new) = trimmed(text, e);
            if range.is_empty() && new.is_empty() {
                continue;
            }
            self.place(&mut plan, range, new).map_err(refuse)?;
        }
        Ok(plan)
    }

    /// Puts one trimmed edit into the plan.
    fn place(&self, plan: &mut Plan, range: Range<usize>, new: String) -> Result<(), Unwritable> {
        let segs = &self.map().segs;
        // Segments that could be concerned: those starting at or before the edit's end.
        let upto = segs.partition_point(|s| s.text.start <= range.end);
        let from = segs[..upto].partition_point(|s| s.text.end < range.start);
        let near = from..upto;
        if range.is_empty() {
            let p = range.start;
            let pick = |f: &dyn Fn(&Range<usize>) -> bool| {
                near.clone()
                    .find(|&i| matches!(segs[i].kind, SegKind::Run(_)) && f(&segs[i].text))
            };
            let run = pick(&|r| r.start < p && p < r.end)
                .or_else(|| pick(&|r| r.end == p))
                .or_else(|| pick(&|r| r.start == p));
            if let Some(i) = run {
                let local = p - segs[i].text.start;
                plan.runs.entry(i).or_default().push((local..local, new));
                return Ok(());
            }
            if let Some(i) = near
                .clone()
                .find(|&i| segs[i].text == (p..p) && matches!(segs[i].kind, SegKind::Slot(_)))
            {
                plan.slots.entry(i).or_default().push_str(&new);
                return Ok(());
            }
            let numbered = near
                .clone()
                .any(|i| matches!(segs[i].kind, SegKind::Number) && segs[i].text.start == p);
            return Err(if numbered {
                Unwritable::Numbering
            } else {
                Unwritable::Structure
            });
        }
        let mut cursor = range.start;
        let mut first_run: Option<usize> = None;
        let mut parts: Vec<(usize, Range<usize>)> = Vec::new();
        for i in near {
            let s = &segs[i];
            if s.text.end <= range.start || s.text.start >= range.end || s.text.is_empty() {
                continue;
            }
            if s.text.start > cursor {
                return Err(Unwritable::Structure);
            }
            match &s.kind {
                SegKind::Number => return Err(Unwritable::Numbering),
                SegKind::Slot(_) => continue,
                SegKind::Special(elem) => {
                    if s.text.start < range.start || s.text.end > range.end {
                        return Err(Unwritable::Structure);
                    }
                    plan.removed.push(elem.clone());
                }
                SegKind::Run(_) => {
                    let lo = range.start.max(s.text.start) - s.text.start;
                    let hi = range.end.min(s.text.end) - s.text.start;
                    first_run.get_or_insert(i);
                    parts.push((i, lo..hi));
                }
            }
            cursor = s.text.end;
        }
        if cursor < range.end {
            return Err(Unwritable::Structure);
        }
        let Some(first) = first_run else {
            return if new.is_empty() {
                Ok(())
            } else {
                Err(Unwritable::Structure)
            };
        };
        let mut new = Some(new);
        for (i, local) in parts {
            let t = if i == first {
                new.take().unwrap_or_default()
            } else {
                String::new()
            };
            plan.runs.entry(i).or_default().push((local, t));
        }
        Ok(())
    }

    /// A run element with `text` and run properties `rpr` (a range of the part).
    fn run_xml(&self, rpr: &Option<Range<usize>>, text: &str) -> String {
        let xml = &self.package.main.bytes;
        let p = self.prefix();
        let props = rpr
            .as_ref()
            .map(|r| String::from_utf8_lossy(&xml[r.clone()]).into_owned())
            .unwrap_or_default();
        let space = if needs_preserve(text) {
            " xml:space=\"preserve\""
        } else {
            ""
        };
        format!(
            "<{p}r>{props}<{p}t{space}>{}</{p}t></{p}r>",
            partial_escape(text)
        )
    }

    /// `w:` (or whatever the part uses).
    fn prefix(&self) -> String {
        let p = &self.map().prefix;
        if p.is_empty() {
            String::new()
        } else {
            format!("{p}:")
        }
    }

    /// The part with the plan carried out.
    fn render(&self, plan: &Plan) -> Result<Vec<u8>, WriteError> {
        let xml = &self.package.main.bytes;
        let segs = &self.map().segs;
        let text = self.text();
        let mut splices: Vec<Splice> = Vec::new();
        for (&i, edits) in &plan.runs {
            let seg = &segs[i];
            let SegKind::Run(rt) = &seg.kind else {
                continue;
            };
            let shown = &text[seg.text.clone()];
            // The content as written (a tab or line break kept), when it maps byte for byte.
            let raw = std::str::from_utf8(&xml[rt.content.clone()]).ok();
            let original = raw
                .and_then(|r| unescape(r).ok())
                .filter(|o| o.len() == shown.len())
                .map(|o| o.into_owned())
                .unwrap_or_else(|| shown.to_string());
            let mut out = String::with_capacity(original.len() + 8);
            let mut at = 0;
            for (r, t) in edits {
                out.push_str(original.get(at..r.start).unwrap_or(""));
                out.push_str(t);
                at = r.end;
            }
            out.push_str(original.get(at..).unwrap_or(""));
            splices.push(Splice {
                range: rt.content.clone(),
                text: partial_escape(&out).into_owned(),
            });
            if needs_preserve(&out) && !rt.preserve {
                splices.push(preserve_splice(xml, rt));
            }
        }
        for (&i, t) in &plan.slots {
            let SegKind::Slot(Slot {
                at,
                self_closing,
                rpr,
            }) = &segs[i].kind
            else {
                continue;
            };
            let run = self.run_xml(rpr, t);
            let text = if *self_closing {
                format!(">{run}</{}p>", self.prefix())
            } else {
                run
            };
            splices.push(Splice {
                range: at.clone(),
                text,
            });
        }
        for r in &plan.removed {
            splices.push(Splice {
                range: r.clone(),
                text: String::new(),
            });
        }
        for s in &plan.rows {
            splices.push(Splice {
                range: s.range.clone(),
                text: s.text.clone(),
            });
        }
        // Stable: splices at one point keep the order they were planned in.
        splices.sort_by_key(|s| (s.range.start, s.range.end));
        let mut out = Vec::with_capacity(xml.len() + 256);
        let mut at = 0;
        for s in &splices {
            if s.range.start < at {
                return Err(WriteError::Package("overlapping changes".into()));
            }
            out.extend_from_slice(&xml[at..s.range.start]);
            out.extend_from_slice(s.text.as_bytes());
            at = s.range.end;
        }
        out.extend_from_slice(&xml[at..]);
        Ok(out)
    }

    /// The package with the main part replaced and every other entry copied as it was stored.
    fn repackage(&self, main: &[u8]) -> Result<Vec<u8>, WriteError> {
        let fail = |e: &dyn std::fmt::Display| WriteError::Package(e.to_string());
        let mut archive = open_archive(self.original)?;
        let mut out = ZipWriter::new(Cursor::new(Vec::with_capacity(self.original.len() + 1024)));
        out.set_raw_comment(archive.comment().into());
        let name = &self.package.main.name;
        for i in 0..archive.len() {
            let file = archive.by_index_raw(i).map_err(|e| fail(&e))?;
            if file.name() == name {
                let options: SimpleFileOptions = file.options();
                let entry = file.name().to_string();
                drop(file);
                out.start_file(entry, options).map_err(|e| fail(&e))?;
                out.write_all(main).map_err(|e| fail(&e))?;
            } else {
                out.raw_copy_file(file).map_err(|e| fail(&e))?;
            }
        }
        let cursor = out.finish().map_err(|e| fail(&e))?;
        Ok(cursor.into_inner())
    }

    /// New table rows from an insertion of whole lines at a row's start or end: where they go in
    /// the part, and their XML.
    fn new_rows(&self, e: &Edit) -> Result<(usize, String), Unwritable> {
        let rows = &self.map().rows;
        let p = e.range.start;
        let t = e.new_text.as_str();
        // After row `i` ("\nrow" at its end) or before it ("row\n" at its start).
        let (lines, above, below, at) = if let Some(body) = t.strip_prefix('\n')
            && !body.ends_with('\n')
            && let Some(i) = rows.iter().position(|r| r.line.end == p)
        {
            let below = rows.get(i + 1).filter(|r| r.table == rows[i].table);
            (body, Some(&rows[i]), below, rows[i].tr.end)
        } else if let Some(body) = t.strip_suffix('\n')
            && !body.starts_with('\n')
            && let Some(i) = rows.iter().position(|r| r.line.start == p)
        {
            let above = i
                .checked_sub(1)
                .map(|j| &rows[j])
                .filter(|r| r.table == rows[i].table);
            (body, above, Some(&rows[i]), rows[i].tr.start)
        } else {
            return Err(Unwritable::Structure);
        };
        let mut xml = String::new();
        for line in lines.split('\n') {
            let fields: Vec<&str> = line.split('\t').collect();
            let models = [above, below];
            let built = models
                .iter()
                .flatten()
                .filter(|m| m.clonable)
                .find_map(|m| self.row_xml(m, above, below, &fields));
            xml.push_str(&built.ok_or(Unwritable::Row)?);
        }
        Ok((at, xml))
    }

    /// A row like `model` holding `fields`, to sit between `above` and `below`; None when the
    /// fields do not fit its cells or a merge would break.
    fn row_xml(
        &self,
        model: &Row,
        above: Option<&Row>,
        below: Option<&Row>,
        fields: &[&str],
    ) -> Option<String> {
        let shape = &model.shape;
        if shape.header || shape.cells.is_empty() {
            return None;
        }
        let is_above = above.is_some_and(|a| std::ptr::eq(a, model));
        let width = shape.grid_before
            + shape.cells.iter().map(|c| c.span).sum::<usize>()
            + shape.grid_after;
        let n = shape.cells.len();
        // Field for each cell: by grid position when the line gives every field, else the
        // fields right-aligned on the cells (a label and its values).
        let texts: Vec<&str> = if fields.len() == width {
            let empty = |r: Range<usize>| r.into_iter().all(|k| fields[k].is_empty());
            if !empty(0..shape.grid_before) || !empty(width - shape.grid_after..width) {
                return None;
            }
            let mut out = Vec::with_capacity(n);
            for c in &shape.cells {
                if !empty(c.col + 1..c.col + c.span) {
                    return None;
                }
                out.push(fields[c.col]);
            }
            out
        } else if fields.len() <= n {
            let mut out = vec![""; n - fields.len()];
            out.extend_from_slice(fields);
            out
        } else {
            return None;
        };
        let p = self.prefix();
        let xml = &self.package.main.bytes;
        let raw = |r: &Option<Range<usize>>| {
            r.as_ref()
                .map(|r| String::from_utf8_lossy(&xml[r.clone()]).into_owned())
                .unwrap_or_default()
        };
        let cell_at = |row: Option<&Row>, col: usize| -> Option<CellShape> {
            row?.shape.cells.iter().find(|c| c.col == col).cloned()
        };
        let mut out = format!("<{p}tr>{}{}", raw(&shape.tblprex), raw(&shape.trpr));
        for (c, text) in shape.cells.iter().zip(texts) {
            if !text.chars().all(is_xml_char) {
                return None;
            }
            let below_continues =
                cell_at(below, c.col).is_some_and(|b| b.vmerge == VMerge::Continue);
            let vmerge = if !text.is_empty() {
                if below_continues {
                    return None;
                }
                VMerge::None
            } else if (is_above && c.vmerge != VMerge::None) || below_continues {
                VMerge::Continue
            } else {
                VMerge::None
            };
            if c.numbered {
                return None;
            }
            let tcpr = if vmerge == c.vmerge {
                raw(&c.tcpr)
            } else {
                let (Some(tcpr), Some(elem)) = (&c.tcpr, &c.vmerge_elem) else {
                    return None;
                };
                let with = match vmerge {
                    VMerge::Continue => format!("<{p}vMerge/>"),
                    _ => String::new(),
                };
                format!(
                    "{}{with}{}",
                    String::from_utf8_lossy(&xml[tcpr.start..elem.start]),
                    String::from_utf8_lossy(&xml[elem.end..tcpr.end])
                )
            };
            let run = if text.is_empty() {
                String::new()
            } else {
                self.run_xml(&c.rpr, text)
            };
            out.push_str(&format!(
                "<{p}tc>{tcpr}<{p}p>{}{run}</{p}p></{p}tc>",
                raw(&c.ppr)
            ));
        }
        out.push_str(&format!("</{p}tr>"));
        Some(out)
    }
}

/// `xml:space="preserve"` added to (or set on) a `w:t` start tag.
fn preserve_splice(xml: &[u8], rt: &RunText) -> Splice {
    let tag = &xml[rt.tag.clone()];
    let key = b"xml:space=";
    if let Some(k) = tag.windows(key.len()).position(|w| w == key) {
        let q = k + key.len();
        let quote = tag[q];
        if let Some(len) = tag[q + 1..].iter().position(|&b| b == quote) {
            return Splice {
                range: rt.tag.start + q + 1..rt.tag.start + q + 1 + len,
                text: "preserve".into(),
            };
        }
    }
    let gt = rt.tag.end - 1;
    Splice {
        range: gt..gt,
        text: " xml:space=\"preserve\"".into(),
    }
}
