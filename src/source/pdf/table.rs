//! Tables put back together from pdftotext's layout. A table cell whose text wraps is printed
//! over several lines, and pdftotext centres a row's cells on each other: the line with a row's
//! values holds one line of each label, the rest of the label stands on lines above and below,
//! among the lines of the labels beside it. Each row becomes one tab row on its values' line,
//! with each label cell whole; the lines its pieces came from keep what is not part of a row.
//!
//! A table is a run of value lines (`frags::values_from`) whose values start at the same column
//! (or that continue on the next page), with nothing between them but short label text left of
//! the values and page numbers. Label text is read by columns: where a run starts on its line
//! says which column it is in. In a column, a cell is a run that starts an item (「1.」, 「（三）」),
//! or follows an empty line, or stands on a value line whose cell in that column already has its
//! row; other runs continue the cell above them. A row's own cell is the one in the deepest
//! column that is open on its line; cells of no row (merged cells spanning rows) go to the row
//! nearest to where they start. Between values, a column where other rows have a value is a
//! blank cell.

use super::frags::{Frag, cut_at, is_prose, starts_item};
use super::layout::{Layout, Line, Table, tables};
use std::collections::BTreeMap;
use std::ops::Range;

/// A piece of a line: its index and bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Part {
    pub(super) line: usize,
    pub(super) range: Range<usize>,
}

/// What a line becomes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Out {
    /// The line as it is.
    Keep,
    /// A table row: its fields, each made of parts written one after the other (an empty
    /// field is a blank value).
    Row(Vec<Vec<Part>>),
    /// What stays of a line whose other runs went into rows: runs at their columns.
    Rest(Vec<(usize, Range<usize>)>),
}

/// A label cell: its runs, top to bottom.
#[derive(Debug)]
struct Cell {
    column: usize,
    frags: Vec<Frag>,
    /// The row whose own cell it is.
    row: Option<usize>,
}

/// Rebuilds the tables of a document's lines.
pub(super) fn rebuild(lines: &[Line]) -> Vec<Out> {
    let l = Layout::new(lines);
    let mut out = vec![Out::Keep; lines.len()];
    for t in tables(&l) {
        if std::env::var_os("PDF_DEBUG").is_some() { eprintln!("table rows {:?} lines {:?} pages {:?}", t.rows, t.lines, t.pages); }
        table(&l, &t, &mut out);
    }
    out
}

/// The label runs of a table's lines (not its page numbers), cut where columns start.
fn label_runs(l: &Layout, t: &Table) -> BTreeMap<usize, Vec<Frag>> {
    let mut lines: BTreeMap<usize, Vec<Frag>> = t
        .lines
        .clone()
        .filter(|&i| !l.furniture[i])
        .map(|i| (i, l.labels(i).to_vec()))
        .collect();
    let starts = anchors(l, &lines);
    for (&i, fs) in &mut lines {
        let a = starts.get(&l.page(i)).map_or(&[][..], Vec::as_slice);
        *fs = fs.iter().flat_map(|f| cut_at(f, l.lines[i].text, a)).collect();
    }
    lines
}

/// Per page, the columns where cells start: where runs of two lines start (one apart at most,
/// as pdftotext rounds), and where a row's labels start.
fn anchors(l: &Layout, lines: &BTreeMap<usize, Vec<Frag>>) -> BTreeMap<usize, Vec<usize>> {
    // Per page and column: how many runs start there (a row's label counts twice: it is a
    // cell's start) and how many words inside runs.
    let mut starts: BTreeMap<usize, BTreeMap<usize, (usize, usize)>> = BTreeMap::new();
    for (&i, fs) in lines {
        let page = starts.entry(l.page(i)).or_default();
        for f in fs {
            page.entry(f.x).or_default().0 += if l.values[i].is_some() { 2 } else { 1 };
            for &(x, _) in &f.words {
                page.entry(x).or_default().1 += 1;
            }
        }
    }
    starts
        .into_iter()
        .map(|(p, xs)| {
            let near = |x: usize| {
                xs.range(x.saturating_sub(1)..=x + 1)
                    .fold((0, 0), |(r, w), e| (r + e.1.0, w + e.1.1))
            };
            // A column where a run starts, and another run or word: words alone line up by
            // chance in justified text.
            let a = xs
                .keys()
                .copied()
                .filter(|&x| {
                    let (runs, words) = near(x);
                    runs >= 1 && runs + words >= 2
                })
                .collect();
            (p, a)
        })
        .collect()
}

/// The column of a run on its page: the column start at or left of it (centred text starts
/// right of its column's start), numbered from the right, 0 the deepest.
fn column(starts: &[usize], x: usize) -> usize {
    let mut groups: Vec<usize> = Vec::new();
    for &s in starts {
        if groups.last().is_none_or(|&g| s > g + 1) {
            groups.push(s);
        }
    }
    let at = groups.iter().rposition(|&g| g <= x + 1).unwrap_or(0);
    groups.len().saturating_sub(1 + at)
}

fn table(l: &Layout, t: &Table, out: &mut [Out]) {
    let runs = label_runs(l, t);
    let starts = anchors(l, &runs);
    let col = |i: usize, x: usize| column(starts.get(&l.page(i)).map_or(&[][..], Vec::as_slice), x);

    // Cells, column by column, and each row's own cell.
    let mut cells: Vec<Cell> = Vec::new();
    let mut open: BTreeMap<usize, usize> = BTreeMap::new();
    let mut own: BTreeMap<usize, usize> = BTreeMap::new();
    let mut prev_row: Option<usize> = None;
    let mut blank_since: Option<usize> = None;
    let last_row = t.rows[t.rows.len() - 1];
    let mut trailing_done = false;
    for (&i, fs) in &runs {
        let row = l.values[i].is_some();
        if trailing_done {
            break;
        }
        if fs.is_empty() && !row {
            if l.is_empty(i) {
                blank_since.get_or_insert(i);
            }
            continue;
        }
        let deepest = fs.iter().map(|f| col(i, f.x)).min();
        for f in fs {
            let c = col(i, f.x);
            let new = match open.get(&c).map(|&k| &cells[k]) {
                None => true,
                Some(cell) => {
                    let last = cell.frags[cell.frags.len() - 1].line;
                    // A cell whose row has passed, or one an empty line ended (on one page: a
                    // page ends with empty lines), is closed; a wrapped cell's next lines are
                    // no wider than its first.
                    let passed = cell.row.is_some_and(|r| prev_row.is_some_and(|p| p > r));
                    let wider = cell.frags.iter().all(|g| f.width > g.width + 1);
                    starts_item(l.text(f))
                        || passed
                        || wider
                        || blank_since.is_some_and(|b| last < b && l.page(last) == l.page(i))
                        || (row && Some(c) == deepest && cell.row.is_some())
                }
            };
            // Below the last row only the ends of its labels belong to the table.
            if new && i > last_row {
                trailing_done = true;
                break;
            }
            if new {
                cells.push(Cell {
                    column: c,
                    frags: Vec::new(),
                    row: None,
                });
                open.insert(c, cells.len() - 1);
            }
            if let Some(&k) = open.get(&c) {
                cells[k].frags.push(f.clone());
            }
        }
        blank_since = None;
        if row {
            // The deepest open cell without a row that has a run on this line or began since
            // the last row.
            let pick = open
                .iter()
                .filter(|&(_, &k)| {
                    let c = &cells[k];
                    c.row.is_none()
                        && (c.frags.iter().any(|f| f.line == i)
                            || prev_row.is_none_or(|p| c.frags[0].line > p))
                })
                .map(|(&c, &k)| (c, k))
                .min();
            if let Some((_, k)) = pick {
                cells[k].row = Some(i);
                own.insert(i, k);
            }
            prev_row = Some(i);
        }
    }

    // Cells of no row (merged over several) go to the row nearest to where they start, the
    // earlier one on a tie.
    let mut merged: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (k, c) in cells.iter().enumerate() {
        if c.row.is_some() {
            continue;
        }
        let at = c.frags[0].line;
        if let Some(&r) = t.rows.iter().min_by_key(|&&r| (r.abs_diff(at), r > at)) {
            merged.entry(r).or_default().push(k);
        }
    }

    let mut value_cols = value_columns(l, t);
    // One row cannot show where a blank cell is; its header can.
    if let [r] = t.rows[..] {
        let page = value_cols.entry(l.page(r)).or_default();
        page.extend(header_columns(l, r));
        page.sort_unstable();
        page.dedup_by(|a, b| a.abs_diff(*b) <= 1);
    }
    let mut used: BTreeMap<usize, Vec<Range<usize>>> = BTreeMap::new();
    for &r in &t.rows {
        let mut label_cells: Vec<&Cell> = merged
            .get(&r)
            .map(|ks| ks.iter().map(|&k| &cells[k]).collect())
            .unwrap_or_default();
        label_cells.sort_by_key(|c| std::cmp::Reverse(c.column));
        // Merged cells first, left to right, the row's own label last.
        label_cells.extend(own.get(&r).map(|&k| &cells[k]));
        let mut fields: Vec<Vec<Part>> = Vec::new();
        for c in label_cells {
            let mut parts = Vec::new();
            for f in &c.frags {
                used.entry(f.line).or_default().push(f.range.clone());
                parts.push(Part {
                    line: f.line,
                    range: f.range.clone(),
                });
            }
            fields.push(parts);
        }
        let values = &l.frags[r][l.values[r].unwrap_or(0)..];
        let cols = value_cols
            .get(&l.page(r))
            .map_or(&[][..], Vec::as_slice);
        let col_of = |x: usize| {
            cols.iter()
                .enumerate()
                .min_by_key(|(_, c)| c.abs_diff(x))
                .map_or(0, |(i, _)| i)
        };
        let first = values.first().map_or(0, |f| col_of(f.x));
        // Blank columns before the first value, after the labels (a row without labels starts
        // with its first value: blanks before it cannot be told from none).
        if !fields.is_empty() {
            fields.extend((0..first).map(|_| Vec::new()));
        }
        let mut at = first;
        for f in values {
            let c = col_of(f.x).max(at);
            fields.extend((at..c).map(|_| Vec::new()));
            fields.push(vec![Part {
                line: r,
                range: f.range.clone(),
            }]);
            at = c + 1;
        }
        out[r] = Out::Row(fields);
    }
    // Lines that gave runs to rows keep the rest.
    for (i, fs) in &runs {
        if let (Some(taken), Out::Keep) = (used.get(i), &out[*i]) {
            let rest = fs
                .iter()
                .filter(|f| !taken.contains(&f.range))
                .map(|f| (f.x, f.range.clone()))
                .collect();
            out[*i] = Out::Rest(rest);
        }
    }
    // Page numbers between rows go.
    let (first, last) = (t.rows[0], t.rows[t.rows.len() - 1]);
    for i in first..last {
        if l.furniture[i] {
            out[i] = Out::Rest(Vec::new());
        }
    }
}

/// How many lines above a table's only row its header may take.
const HEADER_LINES: usize = 10;

/// Columns the header of a table of one row starts that lie in a gap between two of its values
/// wide enough for a value: a blank cell under them.
fn header_columns(l: &Layout, r: usize) -> Vec<usize> {
    let values = &l.frags[r][l.values[r].unwrap_or(0)..];
    let mut starts: Vec<usize> = Vec::new();
    let mut i = r;
    while i > 0 && r - i < HEADER_LINES {
        i -= 1;
        if l.page(i) != l.page(r) || l.values[i].is_some() {
            break;
        }
        let fs = &l.frags[i];
        if fs.iter().any(|f| is_prose(l.text(f))) {
            break;
        }
        starts.extend(fs.iter().flat_map(|f| std::iter::once(f.x).chain(f.words.iter().map(|w| w.0))));
    }
    // A gap wide enough for a value: twice the usual one and the value's own column.
    let mut gaps: Vec<usize> = values
        .windows(2)
        .map(|w| w[1].x.saturating_sub(w[0].end()))
        .collect();
    gaps.sort_unstable();
    let usual = gaps.get(gaps.len() / 2).copied().unwrap_or(0);
    starts.sort_unstable();
    starts
        .into_iter()
        .filter(|&s| {
            values.windows(2).any(|w| {
                w[1].x.saturating_sub(w[0].end()) > 2 * usual
                    && w[0].end() < s
                    && s > w[0].x + 1
                    && s + 1 < w[1].x
            })
        })
        .collect()
}

/// Per page, the columns where the table's values start, left to right.
fn value_columns(l: &Layout, t: &Table) -> BTreeMap<usize, Vec<usize>> {
    let mut xs: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for &r in &t.rows {
        let k = l.values[r].unwrap_or(0);
        xs.entry(l.page(r))
            .or_default()
            .extend(l.frags[r][k..].iter().map(|f| f.x));
    }
    xs.into_iter()
        .map(|(p, mut xs)| {
            xs.sort_unstable();
            let mut cols: Vec<usize> = Vec::new();
            for x in xs {
                if cols.last().is_none_or(|&c| x > c + 1) {
                    cols.push(x);
                }
            }
            (p, cols)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::read_layout_text;

    /// The text a layout is read into.
    pub(crate) fn read(layout: &str) -> String {
        read_layout_text(layout).unwrap().text
    }

    #[test]
    fn debug_file() {
        if let Ok(p) = std::env::var("PDF_LAYOUT") {
            let s = std::fs::read_to_string(p).unwrap();
            println!("{}", read(&s));
        }
    }
}
