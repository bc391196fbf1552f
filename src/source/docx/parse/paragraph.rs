//! Paragraphs and runs: text of `w:t` and the one-character elements, list numbers put in front,
//! a finished paragraph added to its cell or to the body, and paragraph and run properties.

use super::super::numbering::NumPr;
use super::super::xml::{Name, attr, on};
use super::map::{RunText, Seg, SegKind, Slot};
use super::props::{Child, Prop};
use super::{FirstPara, Frame};
use super::{Frag, Para, Parser, TextEl, source_of};
use crate::source::{Piece, Place, ReadError};
use quick_xml::events::BytesStart;
use std::ops::Range;

/// A character of a `w:t` as it goes into the text: line breaks never, tabs only between cells.
fn clean_char(c: char, in_cell: bool) -> char {
    match c {
        '\t' if !in_cell => '\t',
        '\t' | '\n' | '\r' => ' ',
        c if (c as u32) < 0x20 => ' ',
        c => c,
    }
}

impl Parser<'_, '_> {
    pub(super) fn special(
        &mut self,
        name: Name,
        el: &BytesStart,
        range: Range<usize>,
        empty: bool,
    ) -> Result<(), ReadError> {
        let start = range.start;
        let end = if empty {
            range.end
        } else {
            self.w.skip()?;
            self.w.position()
        };
        let Some(para) = self.para.as_mut() else {
            return Ok(());
        };
        let in_cell = para.in_cell;
        let c: Option<char> = match name {
            Name::tab | Name::ptab => Some(if in_cell { ' ' } else { '\t' }),
            Name::br => match attr(el, b"type").as_deref() {
                Some("page" | "column") => None,
                _ => Some(if in_cell { ' ' } else { '\n' }),
            },
            Name::cr => Some(if in_cell { ' ' } else { '\n' }),
            Name::noBreakHyphen => Some('-'),
            Name::sym => attr(el, b"char")
                .and_then(|h| u32::from_str_radix(h.trim(), 16).ok())
                .and_then(char::from_u32)
                .filter(|c| !c.is_control()),
            _ => None,
        };
        if let Some(c) = c {
            let at = para.frag.text.len();
            para.frag.text.push(c);
            para.frag.segs.push(Seg {
                text: at..para.frag.text.len(),
                kind: SegKind::Special(start..end),
            });
        }
        Ok(())
    }

    pub(super) fn push_text(&mut self, t: TextEl, content_end: usize) {
        let rpr = self.run.as_ref().and_then(|r| r.rpr.clone());
        let Some(para) = self.para.as_mut() else {
            return;
        };
        if t.text.is_empty() {
            return;
        }
        let in_cell = para.in_cell;
        let at = para.frag.text.len();
        para.frag
            .text
            .extend(t.text.chars().map(|c| clean_char(c, in_cell)));
        para.frag.segs.push(Seg {
            text: at..para.frag.text.len(),
            kind: SegKind::Run(RunText {
                content: t.content_start..content_end,
                tag: t.tag,
                preserve: t.preserve,
            }),
        });
        if para.frag.first_rpr.is_none() {
            para.frag.first_rpr = Some(rpr);
        }
    }

    /// Puts the number (if any) before a finished paragraph and adds it to its cell or the body.
    pub(super) fn finish_para(&mut self, mut para: Para) {
        let number = if para.mark_hidden {
            None
        } else {
            self.counters
                .number(self.defs, &para.numpr, para.style.as_deref())
        };
        let numbered = number.is_some();
        if let Some(n) = number {
            let n: String = n.chars().map(|c| clean_char(c, para.in_cell)).collect();
            let mut frag = Frag {
                text: n.clone(),
                segs: vec![Seg {
                    text: 0..n.len(),
                    kind: SegKind::Number,
                }],
                first_rpr: None,
            };
            frag.append(std::mem::take(&mut para.frag));
            para.frag = frag;
        }
        let (slot_at, self_closing) = para.slot_at.clone().unwrap_or((0..0, false));
        let slot = Slot {
            at: slot_at.clone(),
            self_closing,
            rpr: para.mark_rpr.clone(),
        };
        if let Some(fi) = self.cell_frame() {
            let Frame::Table(t) = &mut self.frames[fi] else {
                return;
            };
            let Some(cell) = t.row.as_mut().and_then(|r| r.cell.as_mut()) else {
                return;
            };
            if cell.first_para.is_none() {
                let rpr = match &para.frag.first_rpr {
                    Some(r) => r.clone(),
                    None => para.mark_rpr.clone(),
                };
                cell.first_para = Some(FirstPara {
                    ppr: para.ppr.clone(),
                    slot: (slot_at, self_closing),
                    rpr,
                });
                cell.numbered = numbered;
                cell.clean &= !para.revised;
            }
            if para.frag.text.is_empty() {
                return;
            }
            if !cell.frag.text.is_empty() {
                cell.frag.text.push(' ');
            }
            cell.frag.append(para.frag);
            return;
        }
        // A paragraph of the body: one line.
        let start = self.text.len();
        let place = if para.frag.text.is_empty() {
            None
        } else {
            self.paragraphs += 1;
            Some(Place::Paragraph(self.paragraphs))
        };
        let has_run = para.frag.has_run();
        self.text.push_str(&para.frag.text);
        for s in para.frag.segs {
            let text = s.text.start + start..s.text.end + start;
            if let Some(place) = &place {
                self.pieces.push(Piece {
                    text: text.clone(),
                    place: place.clone(),
                    source: source_of(&s.kind),
                });
            }
            self.map.segs.push(Seg { text, kind: s.kind });
        }
        if !has_run {
            let at = self.text.len();
            self.map.segs.push(Seg {
                text: at..at,
                kind: SegKind::Slot(slot),
            });
        }
        self.text.push('\n');
    }

    pub(super) fn read_ppr(&mut self, range: Range<usize>) -> Result<(), ReadError> {
        let mut numpr = NumPr::default();
        let mut style = None;
        let mut revised = false;
        let mut mark: Option<Range<usize>> = None;
        let mut in_mark = false;
        let mut mark_hidden = false;
        let mut mark_revised = false;
        let whole = self.walk_props(range, |step, name, el, r, depth| {
            let val = || el.and_then(|e| attr(e, b"val"));
            match (step, name) {
                (Prop::Open, Name::pStyle) => style = val(),
                (Prop::Open, Name::numId) => numpr.num = val(),
                (Prop::Open, Name::ilvl) => numpr.level = val().and_then(|v| v.trim().parse().ok()),
                (Prop::Open, Name::rPr) if depth == 1 => {
                    in_mark = true;
                    mark = Some(r);
                }
                (Prop::Close, Name::rPr) if depth == 1 => {
                    in_mark = false;
                    if let Some(m) = mark.as_mut() {
                        m.end = r.end;
                    }
                }
                (Prop::Open, Name::vanish | Name::specVanish) if in_mark => {
                    mark_hidden |= on(val().as_deref())
                }
                (Prop::Open, Name::ins | Name::del | Name::moveFrom | Name::moveTo) if in_mark => {
                    mark_revised = true;
                    return Child::Skip;
                }
                (Prop::Open, Name::pPrChange | Name::rPrChange | Name::numberingChange) => {
                    revised = true;
                    return Child::Skip;
                }
                (Prop::Open, Name::sectPr) => return Child::Skip,
                _ => {}
            }
            Child::Read
        })?;
        if let Some(para) = self.para.as_mut() {
            para.ppr = Some(whole);
            para.numpr = numpr;
            para.style = style;
            para.revised |= revised || mark_revised;
            para.mark_hidden = mark_hidden;
            para.mark_rpr = mark.filter(|_| !mark_revised);
        }
        Ok(())
    }

    /// Run properties: their range, whether the run is hidden, whether they carry revisions.
    pub(super) fn read_rpr(
        &mut self,
        range: Range<usize>,
    ) -> Result<(Range<usize>, bool, bool), ReadError> {
        let mut hidden = false;
        let mut revised = false;
        let r = self.walk_props(range, |step, name, el, _, _| {
            if step == Prop::Open {
                match name {
                    Name::vanish | Name::specVanish => {
                        hidden |= on(el.and_then(|e| attr(e, b"val")).as_deref())
                    }
                    Name::rPrChange | Name::ins | Name::del | Name::moveFrom | Name::moveTo => {
                        revised = true;
                        return Child::Skip;
                    }
                    _ => {}
                }
            }
            Child::Read
        })?;
        Ok((r, hidden, revised))
    }
}
