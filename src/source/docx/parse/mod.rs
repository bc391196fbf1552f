//! `word/document.xml` → the text layout the model reads, the pieces of that text with their
//! places, and the map the writer needs to put edits back into the XML.
//!
//! One pass, no recursion: paragraphs, tables (their grid, `gridSpan`, `vMerge`), runs, fields and
//! tracked changes are followed with a few explicit frames. Text is read as printed: insertions
//! in, deletions and moved-away text out, field instructions out and results in, hidden text out,
//! text boxes, drawings and ruby annotations out.

mod map;
mod paragraph;
mod props;
mod table;

pub(crate) use map::{CellShape, Map, Parsed, Row, RunText, Seg, SegKind, Slot, VMerge};

use super::numbering::{Counters, Definitions, NumPr};
use super::xml::{Name, Ns, Part, Step, Walker, attr, corrupt};
use crate::source::{Piece, ReadError};
use quick_xml::events::BytesStart;
use std::ops::Range;

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

fn source_of(kind: &SegKind) -> Option<Range<usize>> {
    match kind {
        SegKind::Run(r) => Some(r.content.clone()),
        SegKind::Special(r) => Some(r.clone()),
        SegKind::Number | SegKind::Slot(_) => None,
    }
}
