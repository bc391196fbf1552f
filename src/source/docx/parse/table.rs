//! Tables: the cell being read, rows laid out on the table's grid (spans, vertical and legacy
//! horizontal merges) and the grid, row and cell properties.

use super::super::xml::{Name, attr, on};
use super::map::{CellShape, Row, RowShape, Seg, SegKind, Slot, VMerge};
use super::props::{Child, Prop};
use super::{FirstPara, Frame, Parser, RowBuf, TableKind, source_of};
use crate::source::{Piece, Place, ReadError};
use std::ops::Range;

impl Parser<'_, '_> {
    /// The frame of the real table whose cell is being read, looking through flattened tables.
    pub(super) fn cell_frame(&self) -> Option<usize> {
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
    pub(super) fn real_row(&mut self) -> Option<&mut RowBuf> {
        match self.frames.last_mut() {
            Some(Frame::Table(t)) if matches!(t.kind, TableKind::Real(_)) => t.row.as_mut(),
            _ => None,
        }
    }

    /// Lays a finished row out on its table's grid as one line of tab-separated fields.
    pub(super) fn finish_row(&mut self, row: RowBuf, end: usize) {
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

    pub(super) fn read_grid(&mut self, range: Range<usize>) -> Result<usize, ReadError> {
        let mut cols = 0;
        self.walk_props(range, |step, name, _, _, depth| {
            if step == Prop::Open && name == Name::gridCol && depth == 1 {
                cols += 1;
            }
            Child::Read
        })?;
        Ok(cols)
    }

    pub(super) fn read_trpr(&mut self, range: Range<usize>) -> Result<TrPr, ReadError> {
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

    pub(super) fn read_tcpr(&mut self, range: Range<usize>) -> Result<TcPr, ReadError> {
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

#[derive(Default)]
pub(super) struct TrPr {
    pub(super) range: Range<usize>,
    pub(super) before: usize,
    pub(super) after: usize,
    pub(super) header: bool,
    pub(super) deleted: bool,
    pub(super) revised: bool,
}

#[derive(Default)]
pub(super) struct TcPr {
    pub(super) range: Range<usize>,
    pub(super) span: usize,
    pub(super) vmerge: VMerge,
    pub(super) vmerge_elem: Option<Range<usize>>,
    pub(super) hmerged: bool,
    pub(super) revised: bool,
}
