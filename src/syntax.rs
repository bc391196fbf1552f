//! The syntax layer: the tree-sitter grammar in `grammar/`, and a flat view of its tree as
//! lines and fields with byte ranges, which is what the model reads.

use std::cell::RefCell;
use std::ops::Range;
use tree_sitter::{Language, Node, Parser, Tree};

unsafe extern "C" {
    fn tree_sitter_nianbao() -> *const ();
}

/// The grammar's language function, for tree-sitter bindings.
pub const LANGUAGE: tree_sitter_language::LanguageFn =
    unsafe { tree_sitter_language::LanguageFn::from_raw(tree_sitter_nianbao) };

/// The tree-sitter language of report text.
pub fn language() -> Language {
    LANGUAGE.into()
}

/// The highlight queries shipped with the grammar.
pub const HIGHLIGHTS_QUERY: &str = include_str!("../grammar/queries/highlights.scm");

thread_local! {
    static PARSER: RefCell<Option<Parser>> = const { RefCell::new(None) };
}

/// Parses `text`, reusing `old` (already edited) for an incremental parse.
pub fn parse(text: &str, old: Option<&Tree>) -> Tree {
    parse_chunks(text.len(), old, |offset| &text.as_bytes()[offset..])
}

/// Parses text supplied in chunks: `chunk(offset)` returns the bytes from `offset` on (any
/// non-empty prefix of them), and an empty slice at the end.
pub fn parse_chunks<'a>(
    len: usize,
    old: Option<&Tree>,
    mut chunk: impl FnMut(usize) -> &'a [u8],
) -> Tree {
    PARSER.with(|cell| {
        let mut slot = cell.borrow_mut();
        let parser = slot.get_or_insert_with(|| {
            let mut p = Parser::new();
            p.set_language(&language())
                .expect("the grammar's ABI matches the runtime");
            p
        });
        let mut read = |offset: usize, _: tree_sitter::Point| -> &'a [u8] {
            if offset >= len { &[] } else { chunk(offset) }
        };
        parser
            .parse_with_options(&mut read, old, None)
            .expect("no timeout or cancellation is set, so parsing always finishes")
    })
}

/// What a line is, as the grammar sees it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LineKind {
    /// Nothing at all between two line breaks.
    Empty,
    /// Only spaces.
    Blank,
    /// Starts with an ordinal.
    Heading,
    Paragraph,
    /// Tab-separated fields.
    TabRow,
    /// Pipe-separated fields.
    PipeRow,
}

/// One field of a row: its byte range, trimmed of spaces.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Field {
    /// The whole field between separators.
    pub span: Range<usize>,
    /// The field without surrounding spaces; empty (at the span's end) for an empty field.
    pub content: Range<usize>,
}

impl Field {
    pub fn is_empty(&self) -> bool {
        self.content.is_empty()
    }
}

/// The fields of a line: most lines have one, kept in place; more share one exact
/// allocation. A big text has millions of lines.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Fields {
    One(Field),
    Many(Box<[Field]>),
}

impl std::ops::Deref for Fields {
    type Target = [Field];

    fn deref(&self) -> &[Field] {
        match self {
            Fields::One(f) => std::slice::from_ref(f),
            Fields::Many(v) => v,
        }
    }
}

impl<'a> IntoIterator for &'a Fields {
    type Item = &'a Field;
    type IntoIter = std::slice::Iter<'a, Field>;

    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

impl From<Vec<Field>> for Fields {
    fn from(mut v: Vec<Field>) -> Fields {
        match v.pop() {
            Some(f) if v.is_empty() => Fields::One(f),
            Some(f) => {
                v.push(f);
                Fields::Many(v.into_boxed_slice())
            }
            None => Fields::Many(Box::default()),
        }
    }
}

/// A line of the document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Line {
    /// 0-based line number.
    pub number: usize,
    /// The line without its line break.
    pub range: Range<usize>,
    pub kind: LineKind,
    /// The ordinal of a heading.
    pub ordinal: Option<Range<usize>>,
    /// Fields of a tab or pipe row; for other lines one field with the whole line.
    pub fields: Fields,
    /// Numbers the grammar found in the line.
    pub numbers: Box<[Range<usize>]>,
}

impl Line {
    pub fn text<'t>(&self, text: &'t str) -> &'t str {
        &text[self.range.clone()]
    }

    pub fn is_blank(&self) -> bool {
        matches!(self.kind, LineKind::Empty | LineKind::Blank)
            || (self.kind == LineKind::TabRow && self.fields.iter().all(Field::is_empty))
    }
}

fn trimmed(text: &str, span: Range<usize>) -> Range<usize> {
    let s = &text[span.clone()];
    let start = span.start + (s.len() - s.trim_start_matches(crate::text::is_space).len());
    let end = span.start + s.trim_end_matches(crate::text::is_space).len();
    if start >= end {
        span.end..span.end
    } else {
        start..end
    }
}

/// Node kind ids, looked up once: comparing ids is much cheaper than comparing names.
struct Kinds {
    newline: u16,
    number: u16,
    cell: u16,
    tab: u16,
    pipe: u16,
    ordinal: u16,
    blank_line: u16,
    heading: u16,
    table_row: u16,
    pipe_row: u16,
}

fn kinds() -> &'static Kinds {
    static K: std::sync::OnceLock<Kinds> = std::sync::OnceLock::new();
    K.get_or_init(|| {
        let l = language();
        let id = |name: &str| l.id_for_node_kind(name, true);
        Kinds {
            newline: id("newline"),
            number: id("number"),
            cell: id("cell"),
            tab: id("tab"),
            pipe: id("pipe"),
            ordinal: id("ordinal"),
            blank_line: id("blank_line"),
            heading: id("heading"),
            table_row: id("table_row"),
            pipe_row: id("pipe_row"),
        }
    })
}

fn collect_numbers(node: Node, base: usize, out: &mut Vec<Range<usize>>) {
    let k = kinds();
    let mut cursor = node.walk();
    for child in node.children(&mut cursor) {
        let id = child.kind_id();
        if id == k.number {
            out.push(shift(child.byte_range(), base));
        } else if id == k.cell {
            collect_numbers(child, base, out);
        }
    }
}

fn shift(r: Range<usize>, base: usize) -> Range<usize> {
    r.start + base..r.end + base
}

/// The lines of a parsed document.
pub fn lines(tree: &Tree, text: &str) -> Vec<Line> {
    let mut out = Vec::with_capacity(text.len() / 40 + 1);
    flatten(tree, text, 0, text.len(), &mut out);
    out
}

/// Bytes parsed at a time by [`lines_of`]: the tree of a piece takes about 30 times its size.
const CHUNK: usize = 1 << 18;

/// The lines of a text, parsed a piece at a time: the grammar is line-oriented, so a piece
/// that ends after a `\n` parses as it does inside the whole text, and only one piece's tree
/// is alive at a time (the tree of a whole 100 MB text takes gigabytes). The same lines as
/// [`lines`] of a whole parse.
pub fn lines_of(text: &str) -> Vec<Line> {
    lines_in_chunks(text, CHUNK)
}

/// [`lines_of`] with pieces of about `chunk` bytes (tests use tiny ones).
#[doc(hidden)]
pub fn lines_in_chunks(text: &str, chunk: usize) -> Vec<Line> {
    let mut out = Vec::with_capacity(text.len() / 40 + 1);
    let b = text.as_bytes();
    let mut start = 0usize;
    loop {
        // Cut after the last \n of the piece, or after the next one past it: never inside a
        // character or between the \r and \n of one line break.
        let want = start.saturating_add(chunk.max(1)).min(text.len());
        let end = if want == text.len() {
            want
        } else {
            match memchr::memrchr(b'\n', &b[start..want]) {
                Some(i) => start + i + 1,
                None => memchr::memchr(b'\n', &b[want..]).map_or(text.len(), |i| want + i + 1),
            }
        };
        let tree = parse_chunks(end - start, None, |offset| &b[start + offset..end]);
        flatten(&tree, text, start, end, &mut out);
        if end >= text.len() {
            out.shrink_to_fit();
            return out;
        }
        start = end;
    }
}

/// Appends the lines of `tree`, a parse of `text[base..end]` (which is the whole text or ends
/// after a line break), numbered on from those in `out`.
fn flatten(tree: &Tree, text: &str, base: usize, end: usize, out: &mut Vec<Line>) {
    let root = tree.root_node();
    let mut line_start = base;
    let mut content: Option<Node> = None;
    let mut cursor = root.walk();
    let push = |out: &mut Vec<Line>, start: usize, end: usize, content: Option<Node>| {
        let number = out.len();
        out.push(make_line(text, base, number, start..end, content));
    };
    let newline = kinds().newline;
    for child in root.children(&mut cursor) {
        if child.kind_id() == newline {
            push(out, line_start, base + child.start_byte(), content.take());
            line_start = base + child.end_byte();
        } else {
            content = Some(child);
        }
    }
    if line_start < end || content.is_some() {
        push(out, line_start, end, content);
    }
}

fn make_line(
    text: &str,
    base: usize,
    number: usize,
    range: Range<usize>,
    node: Option<Node>,
) -> Line {
    let whole = Field {
        span: range.clone(),
        content: trimmed(text, range.clone()),
    };
    let mut line = Line {
        number,
        range: range.clone(),
        kind: LineKind::Empty,
        ordinal: None,
        fields: Fields::Many(Box::default()),
        numbers: Box::default(),
    };
    let Some(node) = node else {
        return line;
    };
    let mut fields = Vec::new();
    let mut numbers = Vec::new();
    // An ERROR node cannot come from this grammar; treat anything unknown as a paragraph.
    let k = kinds();
    let id = node.kind_id();
    line.kind = if id == k.blank_line {
        LineKind::Blank
    } else if id == k.heading {
        LineKind::Heading
    } else if id == k.table_row {
        LineKind::TabRow
    } else if id == k.pipe_row {
        LineKind::PipeRow
    } else {
        LineKind::Paragraph
    };
    collect_numbers(node, base, &mut numbers);
    match line.kind {
        LineKind::TabRow => {
            let mut start = range.start;
            let mut cursor = node.walk();
            for child in node.children(&mut cursor) {
                if child.kind_id() == k.tab {
                    let at = base + child.start_byte();
                    fields.push(Field {
                        span: start..at,
                        content: trimmed(text, start..at),
                    });
                    start = base + child.end_byte();
                }
            }
            fields.push(Field {
                span: start..range.end,
                content: trimmed(text, start..range.end),
            });
        }
        LineKind::PipeRow => {
            let mut start: Option<usize> = None;
            let mut cursor = node.walk();
            for child in node.children(&mut cursor) {
                if child.kind_id() == k.pipe {
                    let at = base + child.start_byte();
                    if let Some(s) = start {
                        fields.push(Field {
                            span: s..at,
                            content: trimmed(text, s..at),
                        });
                    }
                    start = Some(base + child.end_byte());
                }
            }
            // Text after the last pipe is a field too, unless it is only spaces.
            if let Some(s) = start {
                let f = trimmed(text, s..range.end);
                if !f.is_empty() {
                    fields.push(Field {
                        span: s..range.end,
                        content: f,
                    });
                }
            }
        }
        LineKind::Heading => {
            let mut cursor = node.walk();
            line.ordinal = node
                .children(&mut cursor)
                .find(|c| c.kind_id() == k.ordinal)
                .map(|c| shift(c.byte_range(), base));
            fields.push(whole);
        }
        _ => fields.push(whole),
    }
    line.fields = fields.into();
    line.numbers = numbers.into_boxed_slice();
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<LineKind> {
        let tree = parse(text, None);
        lines(&tree, text).iter().map(|l| l.kind).collect()
    }

    #[test]
    fn line_kinds() {
        use LineKind::*;
        assert_eq!(
            kinds("一、总体情况\n\n  \n正文3件\n\t0\n| a | b |\n"),
            [Heading, Empty, Blank, Paragraph, TabRow, PipeRow]
        );
        assert_eq!(kinds("a\r\nb\rc"), [Paragraph, Paragraph, Paragraph]);
        assert_eq!(kinds(""), Vec::<LineKind>::new());
    }

    #[test]
    fn fields_of_a_tab_row_keep_empty_ones() {
        let text = "𠀀规章\t 0\t\t12 \t";
        let tree = parse(text, None);
        let l = &lines(&tree, text)[0];
        let contents: Vec<&str> = l.fields.iter().map(|f| &text[f.content.clone()]).collect();
        assert_eq!(contents, ["𠀀规章", "0", "", "12", ""]);
        assert_eq!(l.numbers.len(), 2);
        // Byte offsets: 𠀀 is 4 bytes, each Han character 3.
        assert_eq!(l.fields[1].content, 12..13);
    }

    #[test]
    fn pipe_rows_split_on_pipes() {
        let text = "| 规章 | 1 |  2 |";
        let tree = parse(text, None);
        let l = &lines(&tree, text)[0];
        let contents: Vec<&str> = l.fields.iter().map(|f| &text[f.content.clone()]).collect();
        assert_eq!(contents, ["规章", "1", "2"]);
    }

    #[test]
    fn lines_parsed_in_pieces_are_those_of_the_whole_text() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
        let mut texts: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .filter_map(|e| std::fs::read_to_string(e.ok()?.path()).ok())
            .collect();
        assert!(texts.len() > 5);
        let example = include_str!("../examples/report-2025.txt");
        texts.extend([
            example.replace('\n', "\r\n"),
            example.replace('\n', "\r"),
            format!("{example}𠀀规章\t1\t2\r\n\r\n| 𠀀 | 3 |\r  \n\n（一）"),
            "𠀀\n\n\r\n𠀀𠀀\t𠀀".to_string(),
            String::new(),
            "\n".to_string(),
        ]);
        for text in &texts {
            let whole = lines(&parse(text, None), text);
            assert_eq!(lines_of(text), whole);
            // Pieces of 1 to 7 bytes and more end inside 𠀀 (4 bytes), Han characters (3)
            // and \r\n, unless cut after a line break.
            for chunk in [1, 2, 3, 5, 7, 64, 1000] {
                assert_eq!(lines_in_chunks(text, chunk), whole, "{chunk}: {text:?}");
            }
        }
    }

    #[test]
    fn no_error_nodes_on_odd_input() {
        for text in [
            "\0\0",
            "|\t|",
            "（",
            "((一)",
            "\u{feff}一、",
            "1,",
            "\r\r\n\n\r",
            "｜",
        ] {
            let tree = parse(text, None);
            assert!(!tree.root_node().has_error(), "{text:?}");
        }
    }
}
