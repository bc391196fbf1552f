//! Step 2: cells become row groups. Label cells accumulate until values come; the values (and,
//! one cell per line, blanks between them) close a group. Empty fields beside labels are merged
//! cells and ignored.

use super::Layout;
use super::cells::{Cell, Kind, LineCells, line_cells};
use crate::syntax::Line;

/// Labels followed by the values of one row.
#[derive(Clone, Debug)]
pub(super) struct Group {
    pub(super) labels: Vec<Cell>,
    /// Blanks that may be the first values (one cell per line only).
    pub(super) lead: Vec<Cell>,
    pub(super) values: Vec<Cell>,
    /// Blanks that may be the last values (one cell per line only).
    pub(super) trail: Vec<Cell>,
    pub(super) layout: Layout,
}

/// Turns the lines of a region into row groups.
pub(super) fn groups(text: &str, lines: &[Line]) -> Vec<Group> {
    let mut out = Vec::new();
    let mut pending: Vec<Cell> = Vec::new();
    let mut lead: Vec<Cell> = Vec::new();
    let mut cur: Option<Group> = None;
    let mut gap = false;
    let mut last_label_line: Option<usize> = None;
    let close = |cur: &mut Option<Group>, out: &mut Vec<Group>| {
        if let Some(mut g) = cur.take() {
            while g
                .values
                .last()
                .is_some_and(|c| matches!(c.kind, Kind::Blank))
            {
                let c = g.values.pop().expect("checked non-empty");
                g.trail.insert(0, c);
            }
            out.push(g);
        }
    };
    for line in lines {
        match line_cells(text, line) {
            LineCells::Gap => {
                gap = true;
                continue;
            }
            LineCells::Skip => {}
            LineCells::Prose => {
                close(&mut cur, &mut out);
                pending.clear();
                lead.clear();
            }
            LineCells::Row(layout, cells) => {
                close(&mut cur, &mut out);
                lead.clear();
                let first = cells.iter().position(Cell::is_value);
                let last = cells.iter().rposition(Cell::is_value);
                match (first, last) {
                    (Some(a), Some(b)) => {
                        let mut labels = std::mem::take(&mut pending);
                        labels.extend(
                            cells[..a]
                                .iter()
                                .filter(|c| matches!(c.kind, Kind::Label))
                                .cloned(),
                        );
                        out.push(Group {
                            labels,
                            lead: Vec::new(),
                            values: cells[a..=b].to_vec(),
                            trail: Vec::new(),
                            layout,
                        });
                    }
                    _ => {
                        pending.extend(cells.into_iter().filter(|c| matches!(c.kind, Kind::Label)));
                        last_label_line = Some(line.number);
                    }
                }
            }
            LineCells::Single(c) => match c.kind {
                Kind::Label => {
                    close(&mut cur, &mut out);
                    lead.clear();
                    last_label_line = Some(c.line);
                    pending.push(c);
                }
                Kind::Number(_) | Kind::BadValue => {
                    let g = cur.get_or_insert_with(|| Group {
                        labels: std::mem::take(&mut pending),
                        lead: std::mem::take(&mut lead),
                        values: Vec::new(),
                        trail: Vec::new(),
                        layout: Layout::CellPerLine,
                    });
                    g.values.push(c);
                }
                Kind::Blank => {
                    if let Some(g) = cur.as_mut() {
                        if !gap {
                            g.values.push(c);
                        } else {
                            // A blank after a gap belongs to the next row's label cells.
                            close(&mut cur, &mut out);
                        }
                    } else if !gap && last_label_line.is_some_and(|l| l + 1 == c.line) {
                        lead.push(c);
                    }
                }
            },
        }
        gap = false;
    }
    close(&mut cur, &mut out);
    out
}
