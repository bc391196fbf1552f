//! Where the tables are in a PDF's layout text: runs of value lines (`frags::values_from`) with
//! nothing between them but label text where the table's labels stand, and page numbers.
//!
//! Page numbers and running headers and footers (the same words at the top or bottom of two
//! pages or more) are not part of the report's text: a table goes on over them.
//!
//! Two rows belong to one table when their values start (or end) at the same column, or, across
//! a page break, when they have as many values. A line between them belongs to the table when
//! all its text stands left of the values and starts where the labels of the rows on its page
//! reach (a header line or a table's caption stands further right); prose never does.

use super::frags::{Frag, frags, is_page_number, is_prose, values_from};
use crate::text::is_space;
use std::collections::BTreeMap;
use std::ops::Range;

/// A line of the layout text and its page (0-based).
pub(super) struct Line<'a> {
    pub(super) page: usize,
    pub(super) text: &'a str,
}

/// How many lines may stand between two rows of one table.
const MAX_GAP: usize = 24;
/// How many lines above a table's first row and below its last may hold their labels.
const MAX_EDGE: usize = 6;

/// The runs of each line, which lines are rows and which are page numbers.
pub(super) struct Layout<'a> {
    pub(super) lines: &'a [Line<'a>],
    pub(super) frags: Vec<Vec<Frag>>,
    /// Where a row's values start among its runs.
    pub(super) values: Vec<Option<usize>>,
    /// Page numbers at the top or bottom of a page.
    pub(super) furniture: Vec<bool>,
}

impl<'a> Layout<'a> {
    pub(super) fn new(lines: &'a [Line<'a>]) -> Layout<'a> {
        let frags: Vec<Vec<Frag>> = lines
            .iter()
            .enumerate()
            .map(|(i, l)| frags(i, l.text))
            .collect();
        let mut furniture = vec![false; lines.len()];
        // The first and last line with text of each page.
        let mut edges: BTreeMap<usize, (usize, usize)> = BTreeMap::new();
        for (i, l) in lines.iter().enumerate() {
            if !frags[i].is_empty() {
                edges
                    .entry(l.page)
                    .and_modify(|e| e.1 = i)
                    .or_insert((i, i));
            }
        }
        // A running header or footer: the same words at the same edge of another page (its
        // page number aside).
        let key = |i: usize| -> String {
            lines[i]
                .text
                .chars()
                .filter(|c| !is_space(*c) && !c.is_ascii_digit())
                .collect()
        };
        let tops: Vec<String> = edges.values().map(|e| key(e.0)).collect();
        let bottoms: Vec<String> = edges.values().map(|e| key(e.1)).collect();
        let repeated = |keys: &[String], k: &str| keys.iter().filter(|o| *o == k).count() >= 2;
        for &(a, b) in edges.values() {
            for (i, keys) in [(a, &tops), (b, &bottoms)] {
                let k = key(i);
                furniture[i] =
                    is_page_number(lines[i].text) || (!k.is_empty() && repeated(keys, &k));
            }
        }
        let values = (0..lines.len())
            .map(|i| {
                if furniture[i] {
                    None
                } else {
                    values_from(&frags[i], lines[i].text)
                }
            })
            .collect();
        Layout {
            lines,
            frags,
            values,
            furniture,
        }
    }

    pub(super) fn text(&self, f: &Frag) -> &'a str {
        &self.lines[f.line].text[f.range.clone()]
    }

    pub(super) fn page(&self, i: usize) -> usize {
        self.lines[i].page
    }

    /// The column where a row's values start.
    pub(super) fn value_x(&self, i: usize) -> usize {
        self.values[i].map_or(0, |k| self.frags[i][k].x)
    }

    /// The label runs of a line (all its runs if it is not a row).
    pub(super) fn labels(&self, i: usize) -> &[Frag] {
        let fs = &self.frags[i];
        &fs[..self.values[i].unwrap_or(fs.len())]
    }

    pub(super) fn is_empty(&self, i: usize) -> bool {
        self.frags[i].is_empty()
    }

    /// Whether a line between rows may be part of them: page numbers and empty lines are.
    fn skipped(&self, i: usize) -> bool {
        self.furniture[i] || self.is_empty(i)
    }
}

/// Where a table's labels and values stand on one page.
#[derive(Clone, Copy, Debug)]
pub(super) struct Geometry {
    /// The column where its values start.
    pub(super) values: usize,
    /// The column where the labels of its rows end, if its rows have labels.
    pub(super) labels_end: Option<usize>,
}

impl Geometry {
    /// Whether a line that is not a row holds only labels of the table.
    fn fits(&self, l: &Layout, i: usize) -> bool {
        l.labels(i).iter().all(|f| {
            f.end() <= self.values
                && self.labels_end.is_none_or(|e| f.x <= e + 1)
                && !is_prose(l.text(f))
        })
    }
}

/// A table: its rows and the lines its labels may come from.
#[derive(Debug)]
pub(super) struct Table {
    pub(super) rows: Vec<usize>,
    pub(super) lines: Range<usize>,
}

fn geometry(l: &Layout, rows: &[usize]) -> BTreeMap<usize, Geometry> {
    let mut pages: BTreeMap<usize, Geometry> = BTreeMap::new();
    for &r in rows {
        let end = l.labels(r).iter().map(Frag::end).max();
        let g = pages.entry(l.page(r)).or_insert(Geometry {
            values: l.value_x(r),
            labels_end: end,
        });
        g.values = g.values.min(l.value_x(r));
        g.labels_end = g.labels_end.max(end);
    }
    pages
}

/// Whether two rows may be rows of one table.
fn same_table(l: &Layout, a: usize, b: usize) -> bool {
    let count = |r: usize| l.frags[r].len() - l.values[r].unwrap_or(0);
    if l.page(a) != l.page(b) {
        return count(a) == count(b);
    }
    // Values that end at one column: a row whose first cells are blank.
    let ends = match (l.frags[a].last(), l.frags[b].last()) {
        (Some(x), Some(y)) => x.x.abs_diff(y.x) <= 2 && count(a).abs_diff(count(b)) <= 2,
        _ => false,
    };
    l.value_x(a).abs_diff(l.value_x(b)) <= 2 || ends
}

/// Finds the tables of a layout.
pub(super) fn tables(l: &Layout) -> Vec<Table> {
    let n = l.lines.len();
    // Runs of rows with only short text between them.
    let mut runs: Vec<Vec<usize>> = Vec::new();
    let mut prev: Option<usize> = None;
    for i in 0..n {
        if l.values[i].is_none() {
            if !l.skipped(i) && l.labels(i).iter().any(|f| is_prose(l.text(f))) {
                prev = None;
            }
            continue;
        }
        match (prev, runs.last_mut()) {
            (Some(p), Some(run)) if i - p <= MAX_GAP && same_table(l, p, i) => run.push(i),
            _ => runs.push(vec![i]),
        }
        prev = Some(i);
    }
    let mut tables: Vec<Vec<usize>> = Vec::new();
    for run in runs {
        // Cut the run where a line between two rows is not the table's.
        let pages = geometry(l, &run);
        let mut rows = vec![run[0]];
        for w in run.windows(2) {
            let fits = (w[0] + 1..w[1])
                .all(|m| l.skipped(m) || pages.get(&l.page(m)).is_some_and(|g| g.fits(l, m)));
            if !fits {
                tables.push(std::mem::take(&mut rows));
            }
            rows.push(w[1]);
        }
        tables.push(rows);
    }
    // Each table's lines end before the next one's first row and start after the last one's.
    let mut out: Vec<Table> = Vec::new();
    for (k, rows) in tables.iter().enumerate() {
        let floor = out.last().map_or(0, |t| t.lines.end);
        let ceiling = tables.get(k + 1).map_or(n, |t| t[0]);
        out.push(table(l, rows.clone(), floor, ceiling));
    }
    out
}

/// A table of rows, with the label lines just above its first row and below its last.
fn table(l: &Layout, rows: Vec<usize>, floor: usize, ceiling: usize) -> Table {
    let pages = geometry(l, &rows);
    let (first, last) = (rows[0], rows[rows.len() - 1]);
    let fits = |i: usize| {
        l.values[i].is_none()
            && !l.is_empty(i)
            && pages.get(&l.page(i)).is_some_and(|g| g.fits(l, i))
    };
    let mut start = first;
    while start > floor && first - start < MAX_EDGE && fits(start - 1) {
        start -= 1;
    }
    let mut end = last + 1;
    while end < ceiling && end - last <= MAX_EDGE && fits(end) {
        end += 1;
    }
    Table {
        rows,
        lines: start..end,
    }
}
