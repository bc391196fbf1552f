//! Open documents: their text in a rope, their version, and the tree-sitter tree kept up to date
//! with `InputEdit`s so that re-parsing is incremental. Edits are applied synchronously, in the
//! order the client sent them (see `ordered.rs`). Each document keeps the model of its last
//! version built, shared by its analysis and the requests on that version.

use crate::model::Model;
use crate::position::Encoding;
use ropey::Rope;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};
use tree_sitter::{InputEdit, Point, Tree};

self_cell::self_cell!(
    /// A model with the text it borrows from.
    pub struct Built {
        owner: Arc<str>,
        #[covariant]
        dependent: Model,
    }
);

impl Built {
    pub fn text(&self) -> &Arc<str> {
        self.borrow_owner()
    }

    pub fn model(&self) -> &Model<'_> {
        self.borrow_dependent()
    }
}

/// The model of one version of a document: built once by whoever needs it first (the analysis
/// or a request), then shared by everyone asking about that version.
pub struct Slot {
    /// Which opening and version of the document: a slot serves that text only.
    pub epoch: u64,
    pub version: i32,
    pub text: Arc<str>,
    /// The document's tree when the slot was made, to re-parse from; taken by the builder.
    pub tree: Mutex<Option<Tree>>,
    /// Whether that tree is a parse of this very text (no edits since).
    pub parsed: bool,
    pub built: OnceLock<Built>,
}

/// One open document.
pub struct Doc {
    /// Which opening of its URI this is: a reopened document starts again at any version, so
    /// results and trees are matched by epoch and version together.
    pub epoch: u64,
    pub version: i32,
    pub rope: Rope,
    /// The last parsed tree with every later edit applied to it, or none when the text was
    /// replaced whole (the next parse starts afresh).
    pub tree: Option<Tree>,
    /// Whether `tree` is a parse of the current text (no edits since).
    pub parsed: bool,
    /// The newest version whose analysis has started.
    pub analysed: Option<i32>,
    /// Counts analyses started: a later one saw later data.
    pub generation: u64,
    /// The clerk was told this document is checked on save only.
    pub told_large: bool,
    /// The model of the current version, once someone asked for it; dropped at every edit.
    pub model: Option<Arc<Slot>>,
}

impl Doc {
    pub fn new(version: i32, text: &str) -> Doc {
        Doc {
            epoch: 0,
            version,
            rope: Rope::from_str(text),
            tree: None,
            parsed: false,
            analysed: None,
            generation: 0,
            told_large: false,
            model: None,
        }
    }

    /// Whether `snap` was taken of this opening at its current version.
    pub fn is(&self, epoch: u64, version: i32) -> bool {
        self.epoch == epoch && self.version == version
    }

    /// The slot of the current version's model: the one made already, or a new one holding
    /// the text and tree to build it from.
    pub fn slot(&mut self) -> Arc<Slot> {
        if let Some(m) = &self.model
            && self.is(m.epoch, m.version)
        {
            return m.clone();
        }
        let slot = Arc::new(Slot {
            epoch: self.epoch,
            version: self.version,
            text: Arc::from(self.rope.to_string()),
            tree: Mutex::new(self.tree.clone()),
            parsed: self.parsed,
            built: OnceLock::new(),
        });
        self.model = Some(slot.clone());
        slot
    }

    /// The byte offset of an LSP position, clamped to the text: a line past the end is the end,
    /// a column past a line's end is that end (before its line break), and a column inside a
    /// character is that character's start.
    pub fn offset(&self, line: u32, character: u32, enc: Encoding) -> usize {
        let rope = &self.rope;
        let line = line as usize;
        if line >= rope.len_lines() {
            return rope.len_bytes();
        }
        let start_char = rope.line_to_char(line);
        let slice = rope.line(line);
        // The line without its break.
        let mut len = slice.len_chars();
        while len > 0 && matches!(slice.char(len - 1), '\n' | '\r') {
            len -= 1;
        }
        let want = character as usize;
        let char_in_line = match enc {
            Encoding::Chars => want.min(len),
            Encoding::Utf16 => {
                let base = rope.char_to_utf16_cu(start_char);
                let end = rope.char_to_utf16_cu(start_char + len);
                let target = (base + want).min(end);
                rope.utf16_cu_to_char(target) - start_char
            }
            Encoding::Utf8 => {
                let base = rope.char_to_byte(start_char);
                let end = rope.char_to_byte(start_char + len);
                let target = (base + want).min(end);
                rope.byte_to_char(target) - start_char
            }
        };
        rope.char_to_byte(start_char + char_in_line)
    }

    /// The tree-sitter point of a byte offset: rows by line, columns in bytes.
    fn point(&self, byte: usize) -> Point {
        let line = self.rope.byte_to_line(byte);
        let start = self.rope.line_to_byte(line);
        Point::new(line, byte - start)
    }

    /// Replaces the bytes `start..end` with `text`, keeping the tree in step.
    pub fn replace(&mut self, start: usize, end: usize, text: &str) {
        let len = self.rope.len_bytes();
        let start = start.min(len);
        let end = end.clamp(start, len);
        let start_position = self.point(start);
        let old_end_position = self.point(end);
        let sc = self.rope.byte_to_char(start);
        let ec = self.rope.byte_to_char(end);
        self.rope.remove(sc..ec);
        self.rope.insert(sc, text);
        let new_end = start + text.len();
        let new_end_position = self.point(new_end);
        if let Some(tree) = self.tree.as_mut() {
            tree.edit(&InputEdit {
                start_byte: start,
                old_end_byte: end,
                new_end_byte: new_end,
                start_position,
                old_end_position,
                new_end_position,
            });
        }
        self.parsed = false;
        self.model = None;
    }

    /// Replaces the whole text.
    pub fn set_text(&mut self, text: &str) {
        self.rope = Rope::from_str(text);
        self.tree = None;
        self.parsed = false;
        self.model = None;
    }
}

/// All open documents, by URI.
#[derive(Default)]
pub struct Store {
    pub docs: HashMap<String, Doc>,
    /// Openings so far: the next document's epoch.
    opened: u64,
    /// Models built so far (tests read it to see that a request reuses the analysed model).
    pub builds: u64,
}

impl Store {
    /// Opens (or reopens) a document as a new epoch.
    pub fn open(&mut self, uri: &str, version: i32, text: &str) {
        self.opened += 1;
        let mut d = Doc::new(version, text);
        d.epoch = self.opened;
        self.docs.insert(uri.to_string(), d);
    }

    /// The epoch of the open document at `uri`.
    pub fn epoch(&self, uri: &str) -> Option<u64> {
        self.docs.get(uri).map(|d| d.epoch)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_in_each_encoding_with_cjk_and_astral_characters() {
        let d = Doc::new(1, "一、总体\r\n𠀀规章\t0\r二\n");
        // Line 1: 𠀀(4 bytes, 2 units) 规(3) 章(3) tab 0.
        assert_eq!(d.offset(1, 5, Encoding::Utf16), 14 + 11);
        assert_eq!(d.offset(1, 11, Encoding::Utf8), 25);
        assert_eq!(d.offset(1, 4, Encoding::Chars), 25);
        // Inside 𠀀 is its start; past the end of a line is its end; a lone \r ends a line.
        assert_eq!(d.offset(1, 1, Encoding::Utf16), 14);
        assert_eq!(d.offset(0, 50, Encoding::Utf16), 12);
        assert_eq!(d.offset(2, 1, Encoding::Utf16), 30);
        assert_eq!(d.offset(9, 9, Encoding::Utf16), d.rope.len_bytes());
    }

    #[test]
    fn incremental_edits_match_a_fresh_parse() {
        let text = "一、总体情况\n𠀀规章\t0\t1\n";
        let mut d = Doc::new(1, text);
        d.tree = Some(crate::syntax::parse(text, None));
        d.parsed = true;
        // Replace 「0」 with 「12」, then delete the tab before 「1」.
        let zero = text.find('0').unwrap();
        d.replace(zero, zero + 1, "12");
        let tab = d.rope.to_string().rfind('\t').unwrap();
        d.replace(tab, tab + 1, "");
        let now = d.rope.to_string();
        assert_eq!(now, "一、总体情况\n𠀀规章\t121\n");
        let incremental = crate::syntax::parse(&now, d.tree.as_ref());
        let fresh = crate::syntax::parse(&now, None);
        assert_eq!(
            incremental.root_node().to_sexp(),
            fresh.root_node().to_sexp()
        );
    }
}
