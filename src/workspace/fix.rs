//! Fixes written back into the file a report came from: a text file in its own encoding, or a
//! Word file through its writer. Bytes in, bytes out; the edge reads and writes the files.

use super::{Failure, check};
use crate::checks::Options;
use crate::finding::{Edit, Finding, Fix, apply_edits};
use crate::source::docx::{DocxWriter, WriteError};
use crate::source::{Document, Kind};

/// Rounds of fixing at most: a fix may make another one possible (a row inserted, then its
/// total), and each round checks the fixed report again.
const ROUNDS: usize = 4;

/// What `nianbao fix` made of a file.
#[derive(Debug)]
pub struct Fixed {
    /// The new file.
    pub bytes: Vec<u8>,
    /// The titles of the fixes applied, in the order applied.
    pub applied: Vec<String>,
    /// Fixes offered by the fixed report that were not applied (not safe, or not writable).
    pub left: usize,
}

/// The fix of a finding that `fix` would apply: the first one offered that is safe (or any,
/// with `all`) and that `writable` accepts.
fn pick<'f>(f: &'f Finding, all: bool, writable: &dyn Fn(&[Edit]) -> bool) -> Option<&'f Fix> {
    f.fixes
        .iter()
        .find(|x| (all || x.safe) && !x.edits.is_empty() && writable(&x.edits))
}

/// Whether two edits touch the same text (two insertions at one point clash too: their order
/// would be a guess).
fn clash(a: &Edit, b: &Edit) -> bool {
    a.range.start < b.range.end && b.range.start < a.range.end || a.range.start == b.range.start
}

/// The fixes of one round: one per finding, none touching another's text.
fn choose<'f>(
    findings: &'f [Finding],
    all: bool,
    writable: &dyn Fn(&[Edit]) -> bool,
) -> Vec<&'f Fix> {
    let mut chosen: Vec<&Fix> = Vec::new();
    for f in findings {
        let Some(x) = pick(f, all, writable) else {
            continue;
        };
        let free = chosen
            .iter()
            .all(|c| c.edits.iter().all(|a| x.edits.iter().all(|b| !clash(a, b))));
        if free {
            chosen.push(x);
        }
    }
    chosen
}

/// Applies the safe fixes (with `all`, every fix) of a text report, round after round.
pub fn fix_text(text: &str, options: &Options, all: bool) -> (String, Vec<String>, usize) {
    let mut text = text.to_string();
    let mut applied = Vec::new();
    for _ in 0..ROUNDS {
        let (findings, _) = check(&text, options);
        let chosen = choose(&findings, all, &|_| true);
        let edits: Vec<Edit> = chosen.iter().flat_map(|x| x.edits.clone()).collect();
        let Some(next) = apply_edits(&text, &edits) else {
            break;
        };
        if chosen.is_empty() || next == text {
            break;
        }
        applied.extend(chosen.iter().map(|x| x.title.clone()));
        text = next;
    }
    let (findings, _) = check(&text, options);
    let left = findings.iter().filter(|f| !f.fixes.is_empty()).count();
    (text, applied, left)
}

/// Applies the fixes to a report file: text in its own encoding, a Word file through its
/// writer (only fixes it can write; a fix refused when written with the others is left out and
/// the rest written again). Other kinds cannot take fixes.
pub fn fix_file(
    original: &[u8],
    doc: &Document,
    options: &Options,
    all: bool,
) -> Result<Fixed, Failure> {
    match doc.kind {
        Kind::Text => {
            let (text, applied, left) = fix_text(&doc.text, options, all);
            let bom = doc.encoding == "utf-8" && original.starts_with(b"\xEF\xBB\xBF");
            Ok(Fixed {
                bytes: crate::decode::encode(&text, doc.encoding, bom),
                applied,
                left,
            })
        }
        Kind::Docx => fix_docx(original, options, all),
        other => Err(Failure::Read(crate::source::ReadError::Unsupported(other))),
    }
}

/// Why what a person typed could not be written into their Word file.
#[derive(Debug)]
pub enum SaveError {
    /// The file or the document it held could not be read.
    Read(Failure),
    /// An edit the file cannot express, on line `line` (0-based) of the text typed.
    Unwritable {
        line: usize,
        why: crate::source::docx::Unwritable,
    },
    /// The writer failed otherwise (a technical detail).
    Other(String),
}

/// A Word file with the text a person made of it in an editor (`text`, edited from what the file
/// reads to) written in, then the safe (or all) fixes as [`fix_file`] writes them. Edits the
/// file cannot take are refused, with the first one's line.
pub fn save_docx(
    original: &[u8],
    text: &str,
    options: &Options,
    all: bool,
) -> Result<Fixed, SaveError> {
    let w = DocxWriter::new(original).map_err(|e| SaveError::Read(Failure::Read(e)))?;
    let opened = &w.document().text;
    let edits = super::diff::text_edits(opened, text);
    let edited = if edits.is_empty() {
        original.to_vec()
    } else {
        match w.apply(&edits) {
            Ok(b) => b,
            Err(WriteError::NotApplicable { edit, why }) => {
                // Where it is in the text typed: the edits before it moved it.
                let moved: isize = edits[..edit]
                    .iter()
                    .map(|e| e.new_text.len() as isize - e.range.len() as isize)
                    .sum();
                let at = edits[edit].range.start.saturating_add_signed(moved);
                let line = text.get(..at).map_or(0, |t| t.matches('\n').count());
                return Err(SaveError::Unwritable { line, why });
            }
            Err(WriteError::Read(e)) => return Err(SaveError::Read(Failure::Read(e))),
            Err(e) => return Err(SaveError::Other(format!("{e:?}"))),
        }
    };
    fix_docx(&edited, options, all).map_err(SaveError::Read)
}

fn fix_docx(original: &[u8], options: &Options, all: bool) -> Result<Fixed, Failure> {
    let mut bytes = original.to_vec();
    let mut applied = Vec::new();
    for _ in 0..ROUNDS {
        let w = DocxWriter::new(&bytes).map_err(Failure::Read)?;
        let (findings, _) = check(&w.document().text, options);
        let mut chosen = choose(&findings, all, &|e| w.can_apply(e));
        let out = loop {
            if chosen.is_empty() {
                break None;
            }
            // Edit index → the fix it belongs to, to leave out a fix the writer refuses.
            let mut owner = Vec::new();
            let mut edits = Vec::new();
            for (i, x) in chosen.iter().enumerate() {
                owner.extend(std::iter::repeat_n(i, x.edits.len()));
                edits.extend(x.edits.iter().cloned());
            }
            match w.apply(&edits) {
                Ok(b) => break Some(b),
                Err(WriteError::NotApplicable { edit, .. }) => {
                    chosen.remove(owner[edit]);
                }
                Err(WriteError::Read(e)) => return Err(Failure::Read(e)),
                // Fixes that fit one by one but not together: one at a time next round.
                Err(_) if chosen.len() > 1 => chosen.truncate(chosen.len() / 2),
                Err(_) => chosen.clear(),
            }
        };
        let Some(out) = out else { break };
        if out == bytes {
            break;
        }
        applied.extend(chosen.iter().map(|x| x.title.clone()));
        bytes = out;
    }
    let w = DocxWriter::new(&bytes).map_err(Failure::Read)?;
    let (findings, _) = check(&w.document().text, options);
    let left = findings.iter().filter(|f| !f.fixes.is_empty()).count();
    Ok(Fixed {
        bytes,
        applied,
        left,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::code::Code;

    #[test]
    fn safe_fixes_of_a_text_report_leave_no_safe_fix() {
        // A non-standard heading and full-width digits have safe fixes.
        let text = crate::checks::testing::CLEAN.replacen(
            "五、存在的主要问题及改进情况",
            "五、存在问题与下一步改进措施",
            1,
        );
        let (findings, _) = check(&text, &Options::default());
        assert!(findings.iter().any(|f| f.code == Code::NonstandardHeading));
        let (fixed, applied, _) = fix_text(&text, &Options::default(), false);
        assert!(!applied.is_empty());
        let (after, _) = check(&fixed, &Options::default());
        assert!(
            after.iter().all(|f| f.fixes.iter().all(|x| !x.safe)),
            "{after:?}"
        );
    }

    #[test]
    fn a_word_file_takes_the_typed_edits_then_the_fixes() {
        let original = include_bytes!("../../tests/fixtures/docx/report-2025.docx");
        let opened = crate::source::read(Some("r.docx"), original).unwrap().text;
        // A paragraph of section 一 gets a character (an astral one too) and a word.
        let at = opened.find("一、总体情况").unwrap();
        let line_end = at + opened[at..].find('\n').unwrap();
        let next = line_end + 1 + opened[line_end + 1..].find('\n').unwrap();
        let mut typed = opened.clone();
        typed.insert_str(next, "（𠀀补记）");
        let saved = save_docx(original, &typed, &Options::default(), false).unwrap();
        let back = crate::source::read(Some("r.docx"), &saved.bytes)
            .unwrap()
            .text;
        assert!(back.contains("（𠀀补记）"), "{back}");
        // The safe fixes were written too: none is left.
        let (after, _) = check(&back, &Options::default());
        assert!(
            after.iter().all(|f| f.fixes.iter().all(|x| !x.safe)),
            "{after:#?}"
        );
        // Nothing typed: the same as `nianbao fix`.
        let plain = save_docx(original, &opened, &Options::default(), false).unwrap();
        let doc = crate::source::read(Some("r.docx"), original).unwrap();
        let fixed = fix_file(original, &doc, &Options::default(), false).unwrap();
        assert_eq!(plain.bytes, fixed.bytes);
        // A tab typed into a paragraph of prose has no place in a Word paragraph.
        let mut tabbed = opened.clone();
        tabbed.insert(next, '\t');
        let line = opened[..next].matches('\n').count();
        assert!(matches!(
            save_docx(original, &tabbed, &Options::default(), false),
            Err(SaveError::Unwritable { line: l, .. }) if l == line
        ));
    }

    #[test]
    fn edits_at_one_point_or_overlapping_clash() {
        let e = |a: usize, b: usize| Edit {
            range: a..b,
            new_text: "𠀀".into(),
        };
        assert!(clash(&e(0, 4), &e(2, 6)));
        assert!(clash(&e(3, 3), &e(3, 3)));
        assert!(!clash(&e(0, 4), &e(4, 8)));
        assert!(!clash(&e(0, 4), &e(5, 5)));
    }
}
