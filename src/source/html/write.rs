//! Writes the report's blocks as the text layout: a paragraph per line (a `<br>` continues the
//! paragraph), with a piece for each stretch of one text node; tables go to [`super::table`].

use super::dom::{Data, Dom, Id};
use super::find::Stats;
use super::is_block;
use super::text::{Ch, Run, collapse, join_parts};
use crate::source::{Piece, Place};

/// Writes the text and its pieces.
pub(super) struct Writer<'d> {
    pub(super) dom: &'d Dom,
    pub(super) text: String,
    pub(super) pieces: Vec<Piece>,
    pub(super) run: Run,
    pub(super) paragraphs: usize,
    pub(super) tables: usize,
    /// The next line continues the paragraph before it (after a `<br>`).
    pub(super) same_paragraph: bool,
    /// The last line written was a table row.
    pub(super) after_table: bool,
}

impl<'d> Writer<'d> {
    pub(super) fn new(dom: &'d Dom) -> Writer<'d> {
        Writer {
            dom,
            text: String::new(),
            pieces: Vec::new(),
            run: Run::default(),
            paragraphs: 0,
            tables: 0,
            same_paragraph: false,
            after_table: false,
        }
    }

    /// Appends characters to the text, with pieces for each stretch from one text node.
    pub(super) fn emit(&mut self, chars: &[Ch], place: &Place) {
        let mut i = 0;
        while i < chars.len() {
            let start_text = self.text.len();
            let node = chars[i].node;
            let first = chars[i].at as usize;
            let mut j = i;
            let mut last_end = first;
            while j < chars.len() && chars[j].node == node {
                if j > i && chars[j].at as usize != last_end {
                    break;
                }
                self.text.push(chars[j].c);
                last_end = chars[j].at as usize + chars[j].len as usize;
                j += 1;
            }
            if node != u32::MAX {
                self.pieces.push(Piece {
                    text: start_text..self.text.len(),
                    place: place.clone(),
                    source: self.dom.text_source(node, first..last_end),
                });
            }
            i = j;
        }
    }

    pub(super) fn newline(&mut self) {
        self.text.push('\n');
    }

    /// Ends the line being gathered, as a paragraph.
    pub(super) fn flush(&mut self, continues: bool) {
        let run = std::mem::take(&mut self.run);
        let chars: Vec<Ch> = collapse(&run.parts.concat());
        if chars.is_empty() {
            if !continues {
                self.same_paragraph = false;
            }
            return;
        }
        if self.after_table {
            self.newline();
            self.after_table = false;
        }
        if !self.same_paragraph {
            self.paragraphs += 1;
        }
        let place = Place::Paragraph(self.paragraphs);
        self.emit(&chars, &place);
        self.newline();
        self.same_paragraph = continues;
    }

    /// Writes the blocks of `root`'s subtree. `title` leaves out parts that are links.
    pub(super) fn flow(&mut self, root: Id, title: bool, stats: &Stats) {
        let dom = self.dom;
        // (node, leaving): leaving an element ends its block.
        let mut stack: Vec<(Id, bool)> = vec![(root, false)];
        while let Some((id, leaving)) = stack.pop() {
            let i = id as usize;
            match &dom.nodes[i].data {
                Data::Text(t) => {
                    for (at, c) in t.text.char_indices() {
                        self.run.push(Ch::new(c, id, at));
                    }
                }
                Data::Element(e) => {
                    let name = if e.html { &*e.name } else { "" };
                    if leaving {
                        if is_block(name) {
                            self.flush(false);
                        }
                        continue;
                    }
                    if stats.skipped[i] || (title && stats.link_heavy(id)) {
                        continue;
                    }
                    if name == "br" {
                        self.flush(true);
                        continue;
                    }
                    if name == "table" && stats.data[i] {
                        self.flush(false);
                        self.table(id, stats);
                        continue;
                    }
                    if is_block(name) {
                        self.flush(false);
                    }
                    stack.push((id, true));
                    let at = stack.len();
                    stack.extend(dom.children(id).map(|c| (c, false)));
                    stack[at..].reverse();
                }
                Data::Document => {
                    let at = stack.len();
                    stack.extend(dom.children(id).map(|c| (c, false)));
                    stack[at..].reverse();
                }
                Data::Other => {}
            }
        }
    }

    /// The text of a cell, its parts split where blocks and line breaks are.
    pub(super) fn cell_text(&self, cell: Id, stats: &Stats) -> Vec<Ch> {
        let dom = self.dom;
        let mut run = Run::default();
        let mut stack: Vec<(Id, bool)> = vec![(cell, false)];
        while let Some((id, leaving)) = stack.pop() {
            match &dom.nodes[id as usize].data {
                Data::Text(t) => {
                    for (at, c) in t.text.char_indices() {
                        run.push(Ch::new(c, id, at));
                    }
                }
                Data::Element(e) => {
                    let name = if e.html { &*e.name } else { "" };
                    if leaving {
                        run.brk();
                        continue;
                    }
                    if stats.skipped[id as usize] {
                        continue;
                    }
                    if name == "br" {
                        run.brk();
                        continue;
                    }
                    if is_block(name) {
                        run.brk();
                        stack.push((id, true));
                    }
                    let at = stack.len();
                    stack.extend(dom.children(id).map(|c| (c, false)));
                    stack[at..].reverse();
                }
                _ => {}
            }
        }
        join_parts(&run.parts)
    }

    /// A piece for an empty field: where a value would go, at the cell's tag.
    pub(super) fn empty_piece(&mut self, cell: Id, place: Place) {
        let at = self.text.len();
        let src = self.dom.element(cell).map(|e| e.src as usize);
        self.pieces.push(Piece {
            text: at..at,
            place,
            source: src.map(|s| s..s),
        });
    }
}
