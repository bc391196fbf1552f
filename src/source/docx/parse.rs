//! `word/document.xml` → the text layout the model reads, the pieces of that text with their
//! places, and the map the writer needs to put edits back into the XML.
//!
//! One pass, no recursion: paragraphs, tables (their grid, `gridSpan`, `vMerge`), runs, fields and
//! tracked changes are followed with a few explicit frames. Text is read as printed: insertions
//! in, deletions and moved-away text out, field instructions out and results in, hidden text out,
//! text boxes, drawings and ruby annotations out.

use super::numbering::{Counters, Definitions, NumPr};
use super::xml::{Name, Ns, Part, Step, Walker, attr, corrupt, on};
use crate::source::{Piece, Place, ReadError};
use quick_xml::events::BytesStart;
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

/// A stretch of text being built (a paragraph, a cell), with segments in local offsets.
#[derive(Default)]
struct Frag {
    text: String,
    segs: Vec<Seg>,
    /// Properties of the first run that gave text.
    first_rpr: Option<Option<Range<usize>>>,
}

impl Frag {
    fn has_run(&self) -> bool {
        self.segs.iter().any(|s| matches!(s.kind, SegKind::Run(_)))
    }

    fn append(&mut self, other: Frag) {
        let shift = self.text.len();
        self.text.push_str(&other.text);
        self.segs.extend(other.segs.into_iter().map(|mut s| {
            s.text = s.text.start + shift..s.text.end + shift;
            s
        }));
        if self.first_rpr.is_none() {
            self.first_rpr = other.first_rpr;
        }
    }
}

struct Para {
    frag: Frag,
    in_cell: bool,
    ppr: Option<Range<usize>>,
    mark_rpr: Option<Range<usize>>,
    mark_hidden: bool,
    numpr: NumPr,
    style: Option<String>,
    /// Where a run can be added, once known.
    slot_at: Option<(Range<usize>, bool)>,
    /// Tracked changes in its properties (not a model for new rows).
    revised: bool,
}

#[derive(Default)]
struct Run {
    hidden: bool,
    rpr: Option<Range<usize>>,
}

struct TextEl {
    tag: Range<usize>,
    preserve: bool,
    content_start: usize,
    text: String,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum TableKind {
    /// Its grid is known, its first row not yet seen.
    Pending,
    /// A table of the report, numbered from 1 (index `n - 1` in the writer's rows).
    Real(usize),
    /// A one-column table used as a frame around text: its cells read as body text.
    Box,
}

struct Table {
    kind: TableKind,
    grid: usize,
    rows_read: usize,
    /// Per grid column, the (row, column) where the cell covering it started (for merged cells).
    origin: Vec<(usize, usize)>,
    row: Option<RowBuf>,
}

struct RowBuf {
    start: usize,
    grid_pos: usize,
    grid_before: usize,
    grid_after: usize,
    trpr: Option<Range<usize>>,
    tblprex: Option<Range<usize>>,
    deleted: bool,
    header: bool,
    clean: bool,
    cells: Vec<CellBuf>,
    cell: Option<CellBuf>,
}

struct CellBuf {
    col: usize,
    span: usize,
    vmerge: VMerge,
    /// A legacy horizontal merge continuation.
    hmerged: bool,
    frag: Frag,
    tcpr: Option<Range<usize>>,
    vmerge_elem: Option<Range<usize>>,
    first_para: Option<FirstPara>,
    numbered: bool,
    direct: bool,
    clean: bool,
}

/// The first paragraph of a cell: its properties, where a run can go, and run properties.
struct FirstPara {
    ppr: Option<Range<usize>>,
    slot: (Range<usize>, bool),
    rpr: Option<Range<usize>>,
}

enum Frame {
    Table(Box<Table>),
    /// A table inside a cell: its text joins that cell's.
    Flatten,
}

struct Parser<'a, 'd> {
    w: Walker<'a>,
    part: &'a str,
    defs: &'d Definitions,
    counters: Counters,
    text: String,
    pieces: Vec<Piece>,
    map: Map,
    paragraphs: usize,
    tables: usize,
    frames: Vec<Frame>,
    para: Option<Para>,
    /// Paragraphs opened inside a paragraph (malformed): their boundaries are ignored.
    nested_paras: usize,
    run: Option<Run>,
    t: Option<TextEl>,
    /// Complex fields open.
    fields: Vec<Field>,
    /// How many of them hide what is inside (still in their instruction, or a table of contents).
    in_instruction: usize,
    seen_root: bool,
}

/// Reads the main part. `defs` gives numbering.
pub(crate) fn parse(part: &Part, defs: &Definitions) -> Result<Parsed, ReadError> {
    let mut p = Parser {
        w: Walker::new(part)?,
        part: &part.name,
        defs,
        counters: Counters::default(),
        text: String::new(),
        pieces: Vec::new(),
        map: Map::default(),
        paragraphs: 0,
        tables: 0,
        frames: Vec::new(),
        para: None,
        nested_paras: 0,
        run: None,
        t: None,
        fields: Vec::new(),
        in_instruction: 0,
        seen_root: false,
    };
    p.run_all()?;
    if !p.seen_root {
        return Err(corrupt(&part.name, "not a Word document"));
    }
    Ok(Parsed {
        text: p.text,
        pieces: p.pieces,
        map: p.map,
    })
}

/// A character of a `w:t` as it goes into the text: line breaks never, tabs only between cells.
fn clean_char(c: char, in_cell: bool) -> char {
    match c {
        '\t' if !in_cell => '\t',
        '\t' | '\n' | '\r' => ' ',
        c if (c as u32) < 0x20 => ' ',
        c => c,
    }
}

fn qname_prefix(el: &BytesStart) -> String {
    let name = el.name();
    let raw = name.as_ref();
    match raw.iter().position(|&b| b == b':') {
        Some(i) => String::from_utf8_lossy(&raw[..i]).into_owned(),
        None => String::new(),
    }
}

impl<'a, 'd> Parser<'a, 'd> {
    fn run_all(&mut self) -> Result<(), ReadError> {
        while let Some(step) = self.w.next()? {
            match step {
                Step::Open {
                    ns,
                    name,
                    el,
                    range,
                    empty,
                } => {
                    if !self.seen_root {
                        if ns != Ns::W || name != Name::document {
                            return Err(corrupt(self.part, "not a Word document"));
                        }
                        self.seen_root = true;
                        self.map.prefix = qname_prefix(&el);
                        continue;
                    }
                    self.open(ns, name, &el, range, empty)?;
                }
                Step::Close { ns, name, range } => self.close(ns, name, range),
                Step::Text(text) => {
                    if let Some(t) = self.t.as_mut() {
                        t.text.push_str(&text);
                    }
                }
            }
        }
        Ok(())
    }

    fn visible(&self) -> bool {
        self.para.is_some()
            && !self.run.as_ref().is_some_and(|r| r.hidden)
            && self.in_instruction == 0
    }

    fn open(
        &mut self,
        ns: Ns,
        name: Name,
        el: &BytesStart,
        range: Range<usize>,
        empty: bool,
    ) -> Result<(), ReadError> {
        if ns == Ns::Mc {
            // Take the Fallback that every reader understands; drop the newer Choice.
            if name == Name::Choice {
                self.w.skip()?;
            }
            return Ok(());
        }
        if ns != Ns::W {
            return Ok(());
        }
        match name {
            Name::p => {
                if self.para.is_some() {
                    self.nested_paras += 1;
                    return Ok(());
                }
                let in_cell = self.cell_frame().is_some();
                self.para = Some(Para {
                    frag: Frag::default(),
                    in_cell,
                    ppr: None,
                    mark_rpr: None,
                    mark_hidden: false,
                    numpr: NumPr::default(),
                    style: None,
                    slot_at: empty.then(|| (range.end - 2..range.end, true)),
                    revised: false,
                });
            }
            Name::pPr if self.para.is_some() && self.run.is_none() => self.read_ppr(range)?,
            Name::r => self.run = Some(Run::default()),
            Name::rPr if self.run.is_some() => {
                let (rpr, hidden, _) = self.read_rpr(range)?;
                if let Some(r) = self.run.as_mut() {
                    r.rpr = Some(rpr);
                    r.hidden = hidden;
                }
            }
            Name::t if self.visible() && !empty => {
                let preserve = attr(el, b"space").as_deref() == Some("preserve");
                self.t = Some(TextEl {
                    tag: range.clone(),
                    preserve,
                    content_start: range.end,
                    text: String::new(),
                });
            }
            Name::tab | Name::ptab | Name::br | Name::cr | Name::sym | Name::noBreakHyphen
                if self.visible() && self.run.is_some() =>
            {
                self.special(name, el, range, empty)?
            }
            Name::fldChar => match attr(el, b"fldCharType").as_deref() {
                Some("begin") => {
                    self.fields.push(Field::default());
                    self.in_instruction += 1;
                }
                Some("separate") => {
                    // A table of contents repeats the headings: its result is not report text.
                    if let Some(top) = self.fields.last_mut()
                        && !top.shown
                        && !is_toc(&top.instruction)
                    {
                        top.shown = true;
                        self.in_instruction -= 1;
                    }
                }
                Some("end") => {
                    let hiding = self.fields.pop().is_some_and(|f| !f.shown);
                    self.in_instruction -= usize::from(hiding);
                }
                _ => {}
            },
            Name::instrText if !empty => {
                let mut instruction = String::new();
                while let Some(step) = self.w.next()? {
                    match step {
                        Step::Text(t) if instruction.len() < 16 => instruction.push_str(&t),
                        Step::Close { .. } => break,
                        Step::Open { .. } => self.w.skip()?,
                        Step::Text(_) => {}
                    }
                }
                if let Some(top) = self.fields.last_mut()
                    && !top.shown
                    && top.instruction.len() < 16
                {
                    top.instruction.push_str(&instruction);
                }
            }
            Name::fldSimple if attr(el, b"instr").is_some_and(|i| is_toc(&i)) => self.w.skip()?,
            // Not printed, or not text of the report.
            Name::instrText
            | Name::delText
            | Name::delInstrText
            | Name::del
            | Name::moveFrom
            | Name::drawing
            | Name::pict
            | Name::object
            | Name::sdtPr
            | Name::sdtEndPr
            | Name::sectPr
            | Name::rt
            | Name::fldData
            | Name::tblPr
            | Name::pPr
            | Name::rPr
            | Name::footnoteReference
            | Name::endnoteReference
            | Name::commentReference => self.w.skip()?,
            Name::tbl => {
                let frame = if self.cell_frame().is_some() {
                    Frame::Flatten
                } else {
                    Frame::Table(Box::new(Table {
                        kind: TableKind::Pending,
                        grid: 0,
                        rows_read: 0,
                        origin: Vec::new(),
                        row: None,
                    }))
                };
                self.frames.push(frame);
            }
            Name::tblGrid => {
                let cols = self.read_grid(range)?;
                if let Some(Frame::Table(t)) = self.frames.last_mut()
                    && t.kind == TableKind::Pending
                {
                    t.grid = cols;
                }
            }
            Name::tr => {
                if let Some(Frame::Table(t)) = self.frames.last_mut() {
                    if t.kind == TableKind::Pending {
                        t.kind = if t.grid == 1 {
                            TableKind::Box
                        } else {
                            self.tables += 1;
                            TableKind::Real(self.tables)
                        };
                    }
                    if matches!(t.kind, TableKind::Real(_)) {
                        t.row = Some(RowBuf {
                            start: range.start,
                            grid_pos: 0,
                            grid_before: 0,
                            grid_after: 0,
                            trpr: None,
                            tblprex: None,
                            deleted: false,
                            header: false,
                            clean: true,
                            cells: Vec::new(),
                            cell: None,
                        });
                    }
                }
            }
            Name::trPr => {
                let info = self.read_trpr(range)?;
                if let Some(row) = self.real_row() {
                    if row.cell.is_none() && row.cells.is_empty() {
                        row.trpr = Some(info.range);
                        row.grid_before = info.before;
                        row.grid_after = info.after;
                        row.grid_pos = info.before;
                        row.deleted = info.deleted;
                        row.header = info.header;
                        row.clean &= !info.revised;
                    }
                }
            }
            Name::tblPrEx => {
                let start = range.start;
                self.w.skip()?;
                let end = if empty { range.end } else { self.w.position() };
                if let Some(row) = self.real_row()
                    && row.cell.is_none()
                {
                    row.tblprex = Some(start..end);
                }
            }
            Name::tc => {
                let direct = self.w.parent(empty) == Some((Ns::W, Name::tr));
                if let Some(row) = self.real_row() {
                    row.cell = Some(CellBuf {
                        col: row.grid_pos,
                        span: 1,
                        vmerge: VMerge::None,
                        hmerged: false,
                        frag: Frag::default(),
                        tcpr: None,
                        vmerge_elem: None,
                        first_para: None,
                        numbered: false,
                        direct,
                        clean: true,
                    });
                }
            }
            Name::tcPr => {
                let info = self.read_tcpr(range)?;
                if let Some(row) = self.real_row()
                    && let Some(cell) = row.cell.as_mut()
                    && cell.tcpr.is_none()
                    && cell.frag.text.is_empty()
                {
                    cell.tcpr = Some(info.range);
                    cell.span = info.span;
                    cell.vmerge = info.vmerge;
                    cell.vmerge_elem = info.vmerge_elem;
                    cell.hmerged = info.hmerged;
                    cell.clean &= !info.revised;
                }
            }
            _ => {}
        }
        Ok(())
    }

    fn close(&mut self, ns: Ns, name: Name, range: Range<usize>) {
        if ns != Ns::W {
            return;
        }
        match name {
            Name::t => {
                if let Some(t) = self.t.take() {
                    self.push_text(t, range.start);
                }
            }
            Name::r => self.run = None,
            Name::p => {
                if self.nested_paras > 0 {
                    self.nested_paras -= 1;
                } else if let Some(mut para) = self.para.take() {
                    if para.slot_at.is_none() {
                        para.slot_at = Some((range.start..range.start, false));
                    }
                    self.finish_para(para);
                }
            }
            Name::tc => {
                if let Some(row) = self.real_row()
                    && let Some(cell) = row.cell.take()
                {
                    row.grid_pos = cell.col + cell.span;
                    row.cells.push(cell);
                }
            }
            Name::tr => {
                let Some(Frame::Table(t)) = self.frames.last_mut() else {
                    return;
                };
                if let Some(row) = t.row.take() {
                    self.finish_row(row, range.end);
                }
            }
            Name::tbl => {
                self.frames.pop();
            }
            _ => {}
        }
    }

    /// The frame of the real table whose cell is being read, looking through flattened tables.
    fn cell_frame(&self) -> Option<usize> {
        for (i, f) in self.frames.iter().enumerate().rev() {
            match f {
                Frame::Flatten => continue,
                Frame::Table(t) => {
                    return match t.kind {
                        TableKind::Real(_) if t.row.as_ref().is_some_and(|r| r.cell.is_some()) => {
                            Some(i)
                        }
                        _ => None,
                    };
                }
            }
        }
        None
    }

    /// The row being read of the innermost table, when that table is a real one.
    fn real_row(&mut self) -> Option<&mut RowBuf> {
        match self.frames.last_mut() {
            Some(Frame::Table(t)) if matches!(t.kind, TableKind::Real(_)) => t.row.as_mut(),
            _ => None,
        }
    }

    fn special(
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

    fn push_text(&mut self, t: TextEl, content_end: usize) {
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
    fn finish_para(&mut self, mut para: Para) {
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

    /// Lays a finished row out on its table's grid as one line of tab-separated fields.
    fn finish_row(&mut self, row: RowBuf, end: usize) {
        let Some(Frame::Table(t)) = self.frames.last_mut() else {
            return;
        };
        let TableKind::Real(table) = t.kind else {
            return;
        };
        if row.deleted {
            return;
        }
        t.rows_read += 1;
        let row_no = t.rows_read;
        let line_start = self.text.len();
        let mut fields = 0usize;
        let text = &mut self.text;
        let mut field = |text: &mut String| {
            if fields > 0 {
                text.push('\t');
            }
            fields += 1;
        };
        for _ in 0..row.grid_before {
            field(text);
        }
        let mut shape_cells = Vec::new();
        let clean = row.clean && row.cells.iter().all(|c| c.direct && c.clean);
        for cell in &row.cells {
            let span = cell.span.max(1);
            if t.origin.len() < cell.col + span {
                t.origin.resize(cell.col + span, (0, 0));
            }
            let own = (row_no, cell.col + 1);
            if cell.vmerge == VMerge::Continue || cell.hmerged {
                let (r, c) = if cell.hmerged {
                    own
                } else {
                    match t.origin[cell.col] {
                        (0, _) => own,
                        o => o,
                    }
                };
                field(text);
                let at = text.len();
                self.pieces.push(Piece {
                    text: at..at,
                    place: Place::Cell {
                        table,
                        row: r,
                        col: c,
                    },
                    source: None,
                });
                for _ in 1..span {
                    field(text);
                }
            } else {
                for o in &mut t.origin[cell.col..cell.col + span] {
                    *o = own;
                }
                field(text);
                let start = text.len();
                let place = Place::Cell {
                    table,
                    row: row_no,
                    col: cell.col + 1,
                };
                text.push_str(&cell.frag.text);
                if cell.frag.text.is_empty() {
                    self.pieces.push(Piece {
                        text: start..start,
                        place: place.clone(),
                        source: None,
                    });
                }
                for s in &cell.frag.segs {
                    let r = s.text.start + start..s.text.end + start;
                    self.pieces.push(Piece {
                        text: r.clone(),
                        place: place.clone(),
                        source: source_of(&s.kind),
                    });
                    self.map.segs.push(Seg {
                        text: r,
                        kind: s.kind.clone(),
                    });
                }
                if !cell.frag.has_run()
                    && let Some(FirstPara {
                        slot: (at, self_closing),
                        rpr,
                        ..
                    }) = &cell.first_para
                {
                    let end = text.len();
                    self.map.segs.push(Seg {
                        text: end..end,
                        kind: SegKind::Slot(Slot {
                            at: at.clone(),
                            self_closing: *self_closing,
                            rpr: rpr.clone(),
                        }),
                    });
                }
                for _ in 1..span {
                    field(text);
                }
            }
            let (ppr, rpr) = match &cell.first_para {
                Some(f) => (f.ppr.clone(), f.rpr.clone()),
                None => (None, None),
            };
            shape_cells.push(CellShape {
                col: cell.col,
                span,
                vmerge: cell.vmerge,
                tcpr: cell.tcpr.clone(),
                vmerge_elem: cell.vmerge_elem.clone(),
                ppr,
                rpr,
                numbered: cell.numbered,
            });
        }
        for _ in 0..row.grid_after {
            field(text);
        }
        let line_end = self.text.len();
        self.text.push('\n');
        let clean = clean
            && row
                .cells
                .iter()
                .all(|c| !c.hmerged && c.first_para.is_some());
        self.map.rows.push(Row {
            line: line_start..line_end,
            tr: row.start..end,
            table,
            clonable: clean,
            shape: RowShape {
                trpr: row.trpr,
                tblprex: row.tblprex,
                grid_before: row.grid_before,
                grid_after: row.grid_after,
                header: row.header,
                cells: shape_cells,
            },
        });
    }

    /// Reads the rest of a properties element, calling `on` for each descendant in the W
    /// namespace as it opens (`Child::Skip` skips it) and closes; returns the element's range.
    /// `depth` is 1 for a direct child.
    fn walk_props(
        &mut self,
        range: Range<usize>,
        mut on: impl FnMut(Prop, Name, Option<&BytesStart>, Range<usize>, usize) -> Child,
    ) -> Result<Range<usize>, ReadError> {
        let mut depth = 1usize;
        let mut end = range.end;
        while depth > 0 {
            let Some(step) = self.w.next()? else {
                break;
            };
            match step {
                Step::Open {
                    ns,
                    name,
                    el,
                    range,
                    ..
                } => {
                    if ns == Ns::Mc && name == Name::Choice {
                        self.w.skip()?;
                        continue;
                    }
                    if ns == Ns::W && on(Prop::Open, name, Some(&el), range, depth) == Child::Skip {
                        self.w.skip()?;
                        continue;
                    }
                    depth += 1;
                }
                Step::Close { ns, name, range } => {
                    depth -= 1;
                    end = range.end;
                    if ns == Ns::W && depth > 0 {
                        on(Prop::Close, name, None, range, depth);
                    }
                }
                Step::Text(_) => {}
            }
        }
        Ok(range.start..end)
    }

    fn read_ppr(&mut self, range: Range<usize>) -> Result<(), ReadError> {
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
    fn read_rpr(&mut self, range: Range<usize>) -> Result<(Range<usize>, bool, bool), ReadError> {
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

    fn read_grid(&mut self, range: Range<usize>) -> Result<usize, ReadError> {
        let mut cols = 0;
        self.walk_props(range, |step, name, _, _, depth| {
            if step == Prop::Open && name == Name::gridCol && depth == 1 {
                cols += 1;
            }
            Child::Read
        })?;
        Ok(cols)
    }

    fn read_trpr(&mut self, range: Range<usize>) -> Result<TrPr, ReadError> {
        let mut info = TrPr::default();
        let r = self.walk_props(range, |step, name, el, _, _| {
            if step == Prop::Close {
                return Child::Read;
            }
            let n = || {
                el.and_then(|e| attr(e, b"val"))
                    .and_then(|v| v.trim().parse::<usize>().ok())
                    .map(|n| n.min(MAX_SPAN))
                    .unwrap_or(0)
            };
            match name {
                Name::gridBefore => info.before = n(),
                Name::gridAfter => info.after = n(),
                Name::tblHeader => info.header = on(el.and_then(|e| attr(e, b"val")).as_deref()),
                Name::del => {
                    info.deleted = true;
                    info.revised = true;
                    return Child::Skip;
                }
                Name::ins | Name::trPrChange => {
                    info.revised = true;
                    return Child::Skip;
                }
                _ => {}
            }
            Child::Read
        })?;
        info.range = r;
        Ok(info)
    }

    fn read_tcpr(&mut self, range: Range<usize>) -> Result<TcPr, ReadError> {
        let mut info = TcPr {
            span: 1,
            ..TcPr::default()
        };
        let r = self.walk_props(range, |step, name, el, r, depth| {
            let val = || el.and_then(|e| attr(e, b"val"));
            match (step, name) {
                (Prop::Open, Name::gridSpan) if depth == 1 => {
                    info.span = val()
                        .and_then(|v| v.trim().parse::<usize>().ok())
                        .unwrap_or(1)
                        .clamp(1, MAX_SPAN);
                }
                (Prop::Open, Name::vMerge) if depth == 1 => {
                    info.vmerge = match val().as_deref() {
                        Some("restart") => VMerge::Restart,
                        _ => VMerge::Continue,
                    };
                    info.vmerge_elem = Some(r);
                }
                (Prop::Close, Name::vMerge) if depth == 1 => {
                    if let Some(e) = info.vmerge_elem.as_mut() {
                        e.end = r.end;
                    }
                }
                (Prop::Open, Name::hMerge) if depth == 1 => {
                    info.hmerged = val().as_deref() != Some("restart");
                }
                (
                    Prop::Open,
                    Name::tcPrChange | Name::cellIns | Name::cellDel | Name::cellMerge,
                ) => {
                    info.revised = true;
                    return Child::Skip;
                }
                _ => {}
            }
            Child::Read
        })?;
        info.range = r;
        Ok(info)
    }
}

/// Widest span or gap a row may claim: more than any report table, small enough to lay out.
const MAX_SPAN: usize = 64;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Prop {
    Open,
    Close,
}

#[derive(Default)]
struct Field {
    /// Past its separator, showing its result.
    shown: bool,
    /// The start of its instruction.
    instruction: String,
}

/// Whether a field instruction makes a table of contents.
fn is_toc(instruction: &str) -> bool {
    instruction
        .trim_start()
        .get(..3)
        .is_some_and(|w| w.eq_ignore_ascii_case("TOC"))
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Child {
    Read,
    Skip,
}

#[derive(Default)]
struct TrPr {
    range: Range<usize>,
    before: usize,
    after: usize,
    header: bool,
    deleted: bool,
    revised: bool,
}

#[derive(Default)]
struct TcPr {
    range: Range<usize>,
    span: usize,
    vmerge: VMerge,
    vmerge_elem: Option<Range<usize>>,
    hmerged: bool,
    revised: bool,
}

fn source_of(kind: &SegKind) -> Option<Range<usize>> {
    match kind {
        SegKind::Run(r) => Some(r.content.clone()),
        SegKind::Special(r) => Some(r.clone()),
        SegKind::Number | SegKind::Slot(_) => None,
    }
}
