//! What the reader hands the writer besides the text: where each stretch of text sits in the
//! XML (runs, specials, list numbers, empty paragraphs) and the shape of every table row.

use crate::source::Piece;
use std::ops::Range;

/// Where the writer can reach a stretch of the text.
#[derive(Clone, Debug)]
pub(crate) struct Seg {
    /// Byte range in the text.
    pub text: Range<usize>,
    pub kind: SegKind,
}

#[derive(Clone, Debug)]
pub(crate) enum SegKind {
    /// The characters of one `w:t` element, one byte of text per byte of its unescaped content.
    Run(RunText),
    /// One character written by an element (`w:tab`, `w:br`, `w:sym`…): the element's range.
    Special(Range<usize>),
    /// A list number computed from the numbering definitions: not in the file.
    Number,
    /// A paragraph without text (zero width): where a new run can go.
    Slot(Slot),
}

#[derive(Clone, Debug)]
pub(crate) struct RunText {
    /// The element's content in the part.
    pub content: Range<usize>,
    /// Its start tag.
    pub tag: Range<usize>,
    /// Whether the start tag already has `xml:space="preserve"`.
    pub preserve: bool,
}

#[derive(Clone, Debug)]
pub(crate) struct Slot {
    /// Where a run is inserted: before the paragraph's end tag (empty range), or the `/>` of an
    /// empty paragraph element, which is replaced.
    pub at: Range<usize>,
    pub self_closing: bool,
    /// Run properties for the new run: the paragraph mark's.
    pub rpr: Option<Range<usize>>,
}

/// A table row as written, for inserting rows beside it.
#[derive(Clone, Debug)]
pub(crate) struct Row {
    /// The row's line in the text, without its line break.
    pub line: Range<usize>,
    /// The `w:tr` element.
    pub tr: Range<usize>,
    /// Which table (an index over the tables read as tables).
    pub table: usize,
    pub shape: RowShape,
    /// Whether the row can serve as a model for a new one: not when its cells are wrapped in
    /// content controls or its properties carry tracked changes.
    pub clonable: bool,
}

#[derive(Clone, Debug)]
pub(crate) struct RowShape {
    pub trpr: Option<Range<usize>>,
    pub tblprex: Option<Range<usize>>,
    pub grid_before: usize,
    pub grid_after: usize,
    /// A header row repeated on every page.
    pub header: bool,
    pub cells: Vec<CellShape>,
}

#[derive(Clone, Debug)]
pub(crate) struct CellShape {
    /// First grid column (0-based) and columns spanned.
    pub col: usize,
    pub span: usize,
    pub vmerge: VMerge,
    pub tcpr: Option<Range<usize>>,
    /// The `w:vMerge` element inside `tcpr`.
    pub vmerge_elem: Option<Range<usize>>,
    /// The first paragraph's properties, and the properties of its first run with text (else
    /// its mark's).
    pub ppr: Option<Range<usize>>,
    pub rpr: Option<Range<usize>>,
    pub numbered: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub(crate) enum VMerge {
    #[default]
    None,
    Restart,
    Continue,
}

/// What the writer needs besides the text.
#[derive(Clone, Debug, Default)]
pub(crate) struct Map {
    /// In text order, not overlapping.
    pub segs: Vec<Seg>,
    /// Table rows in text order.
    pub rows: Vec<Row>,
    /// The prefix the part uses for WordprocessingML (`w`), for new elements.
    pub prefix: String,
}

pub(crate) struct Parsed {
    pub text: String,
    pub pieces: Vec<Piece>,
    pub map: Map,
}
