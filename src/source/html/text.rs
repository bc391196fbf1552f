//! Characters as a browser shows them: invisible ones dropped, spacing collapsed and trimmed,
//! the parts of a cell joined into one label, each character remembering where it was written.

use super::dom::Id;

/// Characters a reader does not see.
pub(super) fn invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}' | '\u{200B}'..='\u{200F}' | '\u{2060}' | '\u{FEFF}' | '\u{202A}'..='\u{202E}'
    ) || (c.is_control() && !c.is_ascii_whitespace())
}

/// Characters that are spacing: collapsed and trimmed as a browser does with white space, and
/// as padding (`&nbsp;`, U+3000) is meant.
pub(super) fn spacing(c: char) -> bool {
    c.is_whitespace()
}

/// One character of output and where it came from: a text node, a byte offset in its text and
/// the length of the character written there (a space may stand for U+3000), or nowhere
/// (`u32::MAX`) for characters the reader adds.
#[derive(Clone, Copy)]
pub(super) struct Ch {
    pub(super) c: char,
    pub(super) node: Id,
    pub(super) at: u32,
    pub(super) len: u8,
}

impl Ch {
    pub(super) fn new(c: char, node: Id, at: usize) -> Ch {
        Ch {
            c,
            node,
            at: at as u32,
            len: c.len_utf8() as u8,
        }
    }
}

/// A line being gathered: characters as written, with block breaks (for cells).
#[derive(Default)]
pub(super) struct Run {
    pub(super) parts: Vec<Vec<Ch>>,
}

impl Run {
    pub(super) fn push(&mut self, ch: Ch) {
        if self.parts.is_empty() {
            self.parts.push(Vec::new());
        }
        self.parts.last_mut().unwrap().push(ch);
    }

    pub(super) fn brk(&mut self) {
        if self.parts.last().is_some_and(|p| !p.is_empty()) {
            self.parts.push(Vec::new());
        }
    }
}

/// Collapses spacing to one space and trims it, as a browser shows text.
pub(super) fn collapse(chars: &[Ch]) -> Vec<Ch> {
    let mut out: Vec<Ch> = Vec::with_capacity(chars.len());
    let mut pending: Option<Ch> = None;
    for &ch in chars {
        if invisible(ch.c) {
            continue;
        }
        if spacing(ch.c) {
            if !out.is_empty() && pending.is_none() {
                pending = Some(Ch { c: ' ', ..ch });
            }
            continue;
        }
        if let Some(p) = pending.take() {
            out.push(p);
        }
        out.push(ch);
    }
    out
}

/// The parts of a cell joined into its text: a label written a character per paragraph, or
/// 「结果」 and 「纠正」 on two lines, is one word; two runs of Latin letters or digits keep a
/// space between them.
pub(super) fn join_parts(parts: &[Vec<Ch>]) -> Vec<Ch> {
    let mut out: Vec<Ch> = Vec::new();
    for p in parts {
        let p = collapse(p);
        if p.is_empty() {
            continue;
        }
        if let (Some(a), Some(b)) = (out.last(), p.first())
            && a.c.is_ascii_alphanumeric()
            && b.c.is_ascii_alphanumeric()
        {
            out.push(Ch::new(' ', u32::MAX, 0));
        }
        out.extend(p);
    }
    out
}
