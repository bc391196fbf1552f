//! Incremental edits against a fresh parse: a text and edits made from the input, each edit
//! given to the tree as the server gives it; the re-parse must equal a fresh parse.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tree_sitter::{InputEdit, Point};

fn point(text: &str, byte: usize) -> Point {
    let before = &text.as_bytes()[..byte];
    let row = before.iter().filter(|&&b| b == b'\n').count();
    let col = byte - before.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    Point::new(row, col)
}

fn boundary(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

const PIECES: &[&str] = &[
    "\t", "\n", "0", "12", "一、", "（二）", "总计", "𠀀", "|", " ", "\r\n", "年", "件",
];

fuzz_target!(|data: &[u8]| {
    // The first half is the text; the rest are edits of 4 bytes: where, how much, what.
    let split = data.len() / 2;
    let mut text = String::from_utf8_lossy(&data[..split]).into_owned();
    let mut tree = nianbao::syntax::parse(&text, None);
    for e in data[split..].chunks_exact(4) {
        let at = boundary(&text, usize::from(u16::from_le_bytes([e[0], e[1]])) % (text.len() + 1));
        let end = boundary(&text, at + usize::from(e[2] % 8));
        let end = end.max(at);
        let piece = PIECES[usize::from(e[3]) % PIECES.len()];
        let start_position = point(&text, at);
        let old_end_position = point(&text, end);
        text.replace_range(at..end, piece);
        let new_end = at + piece.len();
        tree.edit(&InputEdit {
            start_byte: at,
            old_end_byte: end,
            new_end_byte: new_end,
            start_position,
            old_end_position,
            new_end_position: point(&text, new_end),
        });
        tree = nianbao::syntax::parse(&text, Some(&tree));
    }
    let fresh = nianbao::syntax::parse(&text, None);
    assert_eq!(tree.root_node().to_sexp(), fresh.root_node().to_sexp());
    assert_eq!(
        format!("{:?}", nianbao::syntax::lines(&tree, &text)),
        format!("{:?}", nianbao::syntax::lines(&fresh, &text))
    );
});
