//! Tables put back together from pdftotext's layout. A table cell whose text wraps is printed
//! over several lines, and pdftotext lines a row's cells up by their middle (or their top, as
//! Word sets them): the line with a row's values holds one line of some of its labels, the rest
//! stand on lines above and below, among the lines of the labels beside them. Each row becomes
//! one tab row on its values' line, each label cell whole; the lines its pieces came from keep
//! what is not part of a row. Where the tables are is [`super::layout`]'s part.
//!
//! Labels are read by columns: where a run starts on its line says which column it is in (the
//! column start at or left of it, as centred text starts right of its column's start). In a
//! column, a run starts a cell if it starts an item (「1.」, 「（三）」), or is wider than the
//! cell above (a wrapped cell's first line is its fullest), or follows an empty line, or the
//! cell above belongs to a row already passed, or it stands on a value line whose cell in
//! that column already has its row; otherwise it continues the cell above, also across a page
//! break. A row's own cell is the deepest open cell without a row that has a run on its line or
//! began since the row before; cells of no row (merged over several rows) go to the row nearest
//! to where they start. Values go to the columns where the values of all rows stand, so a
//! column a row has no value in is a blank cell; for a table of one row, its header shows where
//! a column is.

use super::frags::{Frag, cut_at, is_prose, starts_item};
use super::layout::{Layout, Line, Table, tables};
use crate::text::merge_ranges;
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
        *fs = fs
            .iter()
            .flat_map(|f| cut_at(f, l.lines[i].text, a))
            .collect();
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

/// The label cells of a table, column by column, each row's own cell marked with its row.
fn cells(
    l: &Layout,
    t: &Table,
    runs: &BTreeMap<usize, Vec<Frag>>,
    col: impl Fn(usize, usize) -> usize,
) -> Vec<Cell> {
    let mut cells: Vec<Cell> = Vec::new();
    let mut open: BTreeMap<usize, usize> = BTreeMap::new();
    let mut prev_row: Option<usize> = None;
    let mut blank_since: Option<usize> = None;
    let last_row = t.rows[t.rows.len() - 1];
    let mut trailing_done = false;
    for (&i, fs) in runs {
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
            }
            prev_row = Some(i);
        }
    }

    cells
}

fn table(l: &Layout, t: &Table, out: &mut [Out]) {
    // One value on its own: nothing to line up, and a sentence may end so in justified prose.
    if let [r] = t.rows[..]
        && l.frags[r].len() - l.values[r].unwrap_or(0) == 1
    {
        return;
    }
    let runs = label_runs(l, t);
    let starts = anchors(l, &runs);
    let col = |i: usize, x: usize| column(starts.get(&l.page(i)).map_or(&[][..], Vec::as_slice), x);
    let cells = cells(l, t, &runs, col);
    let own: BTreeMap<usize, usize> = cells
        .iter()
        .enumerate()
        .filter_map(|(k, c)| c.row.map(|r| (r, k)))
        .collect();

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
        page.extend(header_columns(l, r).into_iter().map(|x| x..x + 1));
        *page = merge_ranges(std::mem::take(page));
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
        let cols = value_cols.get(&l.page(r)).map_or(&[][..], Vec::as_slice);
        // The column a value stands in, or the nearest one.
        let col_of = |f: &Frag| {
            cols.iter()
                .position(|c| c.start < f.end() && f.x < c.end)
                .or_else(|| (0..cols.len()).min_by_key(|&i| cols[i].start.abs_diff(f.x)))
                .unwrap_or(0)
        };
        let first = values.first().map_or(0, col_of);
        // Blank columns before the first value, after the labels (a row without labels starts
        // with its first value: blanks before it cannot be told from none).
        if !fields.is_empty() {
            fields.extend((0..first).map(|_| Vec::new()));
        }
        let mut at = first;
        for f in values {
            let c = col_of(f).max(at);
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
    // Page numbers, headers and footers between rows go.
    let (first, last) = (t.rows[0], t.rows[t.rows.len() - 1]);
    for (o, _) in out[first..last]
        .iter_mut()
        .zip(&l.furniture[first..last])
        .filter(|(_, f)| **f)
    {
        *o = Out::Rest(Vec::new());
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
        starts.extend(
            fs.iter()
                .flat_map(|f| std::iter::once(f.x).chain(f.words.iter().map(|w| w.0))),
        );
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

/// Per page, the columns of the table's values, left to right: where they stand on one row
/// or another (values of one column start apart when centred or aligned right).
fn value_columns(l: &Layout, t: &Table) -> BTreeMap<usize, Vec<Range<usize>>> {
    let mut spans: BTreeMap<usize, Vec<Range<usize>>> = BTreeMap::new();
    for &r in &t.rows {
        let k = l.values[r].unwrap_or(0);
        spans
            .entry(l.page(r))
            .or_default()
            .extend(l.frags[r][k..].iter().map(|f| f.x..f.end()));
    }
    spans
        .into_iter()
        .map(|(p, s)| (p, merge_ranges(s)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::read_layout_text;
    use crate::source::Place;

    /// The text a layout is read into, line by line.
    fn read(layout: &str) -> Vec<String> {
        let text = read_layout_text(layout).unwrap().text;
        text.lines().map(str::to_string).collect()
    }

    #[test]
    fn wrapped_labels_above_and_below_their_values_join_the_row() {
        // pdftotext centres a row: the values stand between the lines of a wrapped label, or on
        // one of them.
        let layout = "\
         1.本机关不掌握相关政府
                      9    1    0
         信息𠀀
         2.没有现成信息需要另行
         制作           2    0    0
         3.补正后申请内容仍不明
                      1    0    0
         确
";
        assert_eq!(
            read(layout),
            [
                "",
                "1.本机关不掌握相关政府信息𠀀\t9\t1\t0",
                "",
                "",
                "2.没有现成信息需要另行制作\t2\t0\t0",
                "",
                "3.补正后申请内容仍不明确\t1\t0\t0",
                "",
            ]
        );
    }

    #[test]
    fn a_merged_cell_wrapped_among_the_rows_goes_whole_to_the_row_nearest_its_start() {
        let layout = "\
     （四）
         1.本机关不掌握相关政府
     无法提              9    1    0
         信息
     供
         2.没有现成信息    2    0    0
";
        assert_eq!(
            read(layout),
            [
                "",
                "",
                "（四）无法提供\t1.本机关不掌握相关政府信息\t9\t1\t0",
                "",
                "",
                "2.没有现成信息\t2\t0\t0",
            ]
        );
    }

    #[test]
    fn narrow_cells_at_the_top_of_their_rows() {
        // Word's default: each cell's text starts at the top, a few characters a line.
        let layout = "\
三、  （一）予以公      15   1
本年  开
度办  （二）部分公      4    0
理结  开（区分处理
果   的）𠀀
";
        assert_eq!(
            read(layout),
            [
                "三、本年度办理结果\t（一）予以公开\t15\t1",
                "",
                "（二）部分公开（区分处理的）𠀀\t4\t0",
                "",
                "",
            ]
        );
    }

    #[test]
    fn a_table_goes_on_over_a_page_break_without_its_headers_and_page_numbers() {
        let layout = "\
示例县年度报告𠀀
规章           0    0
2.其他法律行
政法规禁止        1    0

           - 1 -
\u{c}示例县年度报告𠀀

公开
3.危及安全      0    0
            - 2 -
\u{c}";
        let doc = read_layout_text(layout).unwrap();
        let lines: Vec<&str> = doc.text.lines().collect();
        assert_eq!(
            lines,
            [
                "示例县年度报告𠀀",
                "规章\t0\t0",
                "",
                "2.其他法律行政法规禁止公开\t1\t0",
                "",
                "",
                "",
                "",
                "",
                "3.危及安全\t0\t0",
                "            - 2 -",
            ]
        );
        // Each piece of the row is placed where it stands: 「公开」 on the second page.
        let at = doc.text.find("公开").unwrap();
        assert_eq!(
            doc.piece_at(at).unwrap().place,
            Place::PageLine { page: 2, line: 2 }
        );
        let at = doc.text.find("禁止").unwrap();
        assert_eq!(
            doc.piece_at(at).unwrap().place,
            Place::PageLine { page: 1, line: 4 }
        );
    }

    #[test]
    fn blank_cells_by_where_the_values_stand() {
        // Other rows show the column; for a table of one row, its header does.
        let layout = "\
规章             0      0      0
行政规范性文件𠀀       5             31
其他𠀀                   1      2

结果 结果 其他 尚未
维持 纠正 结果 审结 总计
2    1    0         3
";
        assert_eq!(
            read(layout),
            [
                "规章\t0\t0\t0",
                "行政规范性文件𠀀\t5\t\t31",
                "其他𠀀\t\t1\t2",
                "",
                "结果 结果 其他 尚未",
                "维持 纠正 结果 审结 总计",
                "2\t1\t0\t\t3",
            ]
        );
    }

    #[test]
    fn captions_headers_headings_and_prose_stay_as_they_are() {
        let layout = "\
第二十条第（五）项
信息内容        本年处理决定数量
行政许可        1234
第二十条第（六）项
信息内容        本年处理决定数量
行政处罚        567
行政强制        8
四、政府信息公开行政复议情况𠀀
全年收到申请，办结 47 件，结转下年度继续办理 5
结转下年度继续办理的申请共计    5
";
        assert_eq!(
            read(layout),
            [
                "第二十条第（五）项",
                "信息内容        本年处理决定数量",
                // A single value is left as it is: nothing to line up.
                "行政许可        1234",
                "第二十条第（六）项",
                "信息内容        本年处理决定数量",
                "行政处罚\t567",
                "行政强制\t8",
                "四、政府信息公开行政复议情况𠀀",
                "全年收到申请，办结 47 件，结转下年度继续办理 5",
                "结转下年度继续办理的申请共计    5",
            ]
        );
    }
}
