//! Tables of data: their rows and cells, laid out on the table's grid (`colspan`, `rowspan`)
//! as a line per row with a field per column; merged cells leave empty fields.

use super::dom::{Dom, Id};
use super::find::Stats;
use super::name_of;
use super::write::Writer;
use crate::source::Place;

/// The rows of a table (not of tables inside it): `tr` children of the table and of its
/// `thead`, `tbody` and `tfoot`.
pub(super) fn table_rows(dom: &Dom, table: Id) -> Vec<Id> {
    let mut rows = Vec::new();
    for c in dom.children(table) {
        match name_of(dom, c) {
            Some("tr") => rows.push(c),
            Some("thead" | "tbody" | "tfoot") => {
                rows.extend(dom.children(c).filter(|&r| name_of(dom, r) == Some("tr")))
            }
            _ => {}
        }
    }
    rows
}

pub(super) fn row_cells(dom: &Dom, tr: Id) -> impl Iterator<Item = Id> + '_ {
    dom.children(tr)
        .filter(move |&c| matches!(name_of(dom, c), Some("td" | "th")))
}

impl Writer<'_> {
    /// Writes a table of data: a line per row, a field per column of the table's grid.
    pub(super) fn table(&mut self, table: Id, stats: &Stats) {
        const MAX_COLS: usize = 1000;
        const MAX_AREA: usize = 1 << 22;
        let dom = self.dom;
        let rows = table_rows(dom, table);
        if rows.is_empty() {
            return;
        }
        self.tables += 1;
        let t = self.tables;
        // The grid: for each slot, the cell that covers it and where that cell starts.
        let mut grid: Vec<Vec<Option<(Id, usize, usize)>>> = vec![Vec::new(); rows.len()];
        let mut area = 0usize;
        for (r, &tr) in rows.iter().enumerate() {
            let mut c = 0usize;
            for cell in row_cells(dom, tr) {
                while grid[r].get(c).is_some_and(Option::is_some) {
                    c += 1;
                }
                if c >= MAX_COLS {
                    break;
                }
                let e = dom.element(cell);
                let colspan =
                    (e.and_then(|e| e.colspan).unwrap_or(1).max(1) as usize).min(MAX_COLS - c);
                let rowspan = match e.and_then(|e| e.rowspan) {
                    // rowspan="0" runs to the end of the table.
                    Some(0) => rows.len() - r,
                    Some(n) => (n as usize).min(rows.len() - r),
                    None => 1,
                };
                area += colspan * rowspan;
                if area > MAX_AREA {
                    break;
                }
                for row in grid.iter_mut().skip(r).take(rowspan) {
                    if row.len() < c + colspan {
                        row.resize(c + colspan, None);
                    }
                    for slot in &mut row[c..c + colspan] {
                        // Overlapping cells: the first one keeps the slot.
                        if slot.is_none() {
                            *slot = Some((cell, r, c));
                        }
                    }
                }
                c += colspan;
            }
        }
        let width = grid.iter().map(Vec::len).max().unwrap_or(0);
        if width == 0 {
            return;
        }
        if !self.text.is_empty() && !self.text.ends_with("\n\n") {
            self.newline();
        }
        for (r, row) in grid.iter().enumerate() {
            // A row that starts no cell (only merged cells running through) shows nothing.
            if !row.iter().any(|s| s.is_some_and(|(_, sr, _)| sr == r)) {
                continue;
            }
            for c in 0..width {
                if c > 0 {
                    self.text.push('\t');
                }
                let slot = row.get(c).copied().flatten();
                match slot {
                    Some((cell, sr, sc)) if sr == r && sc == c => {
                        let chars = self.cell_text(cell, stats);
                        let place = Place::Cell {
                            table: t,
                            row: r + 1,
                            col: c + 1,
                        };
                        if chars.is_empty() {
                            self.empty_piece(cell, place);
                        } else {
                            self.emit(&chars, &place);
                        }
                    }
                    Some((cell, sr, sc)) => self.empty_piece(
                        cell,
                        Place::Cell {
                            table: t,
                            row: sr + 1,
                            col: sc + 1,
                        },
                    ),
                    None => {}
                }
            }
            self.newline();
        }
        self.after_table = true;
        self.same_paragraph = false;
    }
}
