//! Step 2: cells become row groups. Label cells accumulate until values come; the values (and,
//! one cell per line, blanks between them) close a group. Empty fields beside labels are merged
//! cells and ignored.

use super::Layout;
use super::cells::{Cell, Kind, LineCells};
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
    /// How many of the labels (the last ones) stand on the row's own line.
    pub(super) own: usize,
}

/// Turns the lines of a region into row groups.
pub(super) fn groups(lines: &[Line], cells: &[LineCells]) -> Vec<Group> {
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
    for (line, line_cells) in lines.iter().zip(cells) {
        match line_cells {
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
                let layout = *layout;
                close(&mut cur, &mut out);
                lead.clear();
                let is_label = |c: &Cell| matches!(c.kind, Kind::Label);
                let first = cells.iter().position(Cell::is_value);
                let last = cells.iter().rposition(Cell::is_value);
                let last_label = cells.iter().rposition(is_label);
                let blanks = |r: std::ops::Range<usize>| -> Vec<Cell> {
                    cells[r]
                        .iter()
                        .filter(|c| matches!(c.kind, Kind::Blank))
                        .cloned()
                        .collect()
                };
                match (first, last) {
                    (Some(a), Some(b)) => {
                        let mut labels = std::mem::take(&mut pending);
                        let before = labels.len();
                        labels.extend(cells[..a].iter().filter(|c| is_label(c)).cloned());
                        let own = labels.len() - before;
                        // Empty fields between the label and the first value may be merged cells
                        // or blank values: the row's number of columns decides (`pick_values`).
                        // Empty fields after the last value are trailing separators, as often
                        // as not, and are not taken for values.
                        let lead_from = last_label.filter(|&l| l < a).map_or(a, |l| l + 1);
                        out.push(Group {
                            labels,
                            lead: blanks(lead_from..a),
                            values: cells[a..=b].to_vec(),
                            trail: Vec::new(),
                            layout,
                            own,
                        });
                    }
                    _ => {
                        // A label followed by empty fields only is a row whose values are all
                        // blank (web pages write `&nbsp;` for 0), or a header line; which, the
                        // alignment with the template's rows decides.
                        // A row of empty fields right under header lines is the blank data row of
                        // an unlabelled table (四).
                        let trail = match last_label {
                            Some(l) => blanks(l + 1..cells.len()),
                            None if !pending.is_empty() && cells.len() >= 3 => {
                                blanks(0..cells.len())
                            }
                            None => Vec::new(),
                        };
                        let mut labels = std::mem::take(&mut pending);
                        let before = labels.len();
                        labels.extend(cells.iter().filter(|c| is_label(c)).cloned());
                        let own = labels.len() - before;
                        if trail.is_empty() {
                            pending = labels;
                        } else {
                            out.push(Group {
                                labels,
                                lead: Vec::new(),
                                values: Vec::new(),
                                trail,
                                layout,
                                own,
                            });
                        }
                        last_label_line = Some(line.number);
                    }
                }
            }
            LineCells::Single(c) => {
                let c = c.clone();
                match c.kind {
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
                            own: 0,
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
                }
            }
        }
        gap = false;
    }
    close(&mut cur, &mut out);
    out
}
