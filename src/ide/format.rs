//! Document formatting: the tab rows of each table aligned into columns, as the editor shows them
//! (a CJK character is two columns wide, a tab goes to the next multiple of the tab size).
//!
//! Only the spaces around cells change: every tab stays, so each line keeps its fields and the
//! checker reads the formatted text to the same cells. Values line up under their column labels,
//! whatever number of label fields each row has (「三、本年度办理结果\t（一）予以公开\t15」 against
//! 「\t（三）不予公开\t1.属于国家秘密\t0」): the model says which field holds a row's first value
//! and which header field names which column.

use crate::finding::Edit;
use crate::model::{Model, TableModel};
use crate::syntax::{Line, LineKind};
use std::ops::Range;
use unicode_width::UnicodeWidthStr;

/// How the fields of one line are placed on the grid of its table.
struct Placed<'l> {
    line: &'l Line,
    /// The grid column of each field.
    columns: Vec<usize>,
    /// Whether the line decides the grid (its fields' places are known), or only fits into it.
    anchored: bool,
}

fn width(m: &Model, r: &Range<usize>) -> usize {
    // VS Code draws a CJK character two columns wide, as unicode-width counts it.
    UnicodeWidthStr::width(&m.text[r.clone()])
}

/// The index of the field of `line` that contains byte `at`.
fn field_at(line: &Line, at: usize) -> Option<usize> {
    line.fields
        .iter()
        .position(|f| f.span.start <= at && at <= f.span.end)
}

/// The field of a line that holds the first value of a table row, if any.
fn first_value_field(t: &TableModel, line: &Line) -> Option<usize> {
    let at = t
        .blocks
        .iter()
        .flat_map(|b| &b.rows)
        .flat_map(|r| &r.values)
        .filter(|v| v.line == line.number)
        .map(|v| v.range.start)
        .min()?;
    field_at(line, at)
}

/// Places a line's fields: data rows by their first value, header rows by the columns they
/// name, other rows field by field.
fn place<'l>(t: &TableModel, line: &'l Line, labels: usize) -> Placed<'l> {
    let n = line.fields.len();
    let free = Placed {
        line,
        columns: (0..n).collect(),
        anchored: false,
    };
    // A data row: the field of its first value starts the value columns.
    if let Some(f) = first_value_field(t, line) {
        let columns = (0..n)
            .map(|i| if i < f { i } else { labels + i - f })
            .collect();
        return Placed {
            line,
            columns,
            anchored: true,
        };
    }
    // A header row: the fields that name a column sit over it; the others in between.
    let mut anchors: Vec<(usize, usize)> = Vec::new();
    for b in &t.blocks {
        let Some(h) = &b.header else { continue };
        for hit in &h.columns {
            let (Some(f), Some(k)) = (
                field_at(line, hit.range.start),
                b.columns.iter().position(|&c| c == hit.col),
            ) else {
                continue;
            };
            anchors.push((f, labels + k));
        }
    }
    anchors.sort();
    anchors.dedup_by_key(|a| a.0);
    if anchors.is_empty() {
        return free;
    }
    let mut columns = Vec::with_capacity(n);
    for i in 0..n {
        let at = match anchors.iter().find(|a| a.0 == i) {
            Some(a) => a.1,
            None if i == 0 => 0,
            None => columns[i - 1] + 1,
        };
        // Fields must go left to right and fit before the next anchor.
        let next = anchors.iter().find(|a| a.0 > i).map(|a| a.1);
        if (i > 0 && at <= columns[i - 1]) || next.is_some_and(|x| at >= x) {
            return free;
        }
        columns.push(at);
    }
    Placed {
        line,
        columns,
        anchored: true,
    }
}

fn round_up(x: usize, tab: usize) -> usize {
    x.div_ceil(tab) * tab
}

/// The edits that align the tab rows of the tables touching `range` (the whole text when
/// `None`). `tab` is the editor's tab size.
pub fn format(m: &Model, range: Option<Range<usize>>, tab: usize) -> Vec<Edit> {
    let tab = tab.clamp(1, 16);
    let mut edits = Vec::new();
    for t in m.tables.iter().filter(|t| t.present && !t.range.is_empty()) {
        let first = m.line_at(t.range.start).map_or(0, |l| l.number);
        let last = m.line_at(t.range.end).map_or(0, |l| l.number);
        let rows: Vec<&Line> = m
            .lines
            .get(first..=last)
            .unwrap_or_default()
            .iter()
            .filter(|l| l.kind == LineKind::TabRow)
            .collect();
        if rows.is_empty() {
            continue;
        }
        // The label fields before the values: as many as the data row with the most.
        let labels = rows
            .iter()
            .filter_map(|l| first_value_field(t, l))
            .max()
            .unwrap_or(0);
        let placed: Vec<Placed> = rows.iter().map(|l| place(t, l, labels)).collect();
        // The grid: where each column starts, from the lines whose places are known.
        let columns = placed
            .iter()
            .filter(|p| p.anchored)
            .filter_map(|p| p.columns.last())
            .max()
            .map_or(0, |c| c + 1);
        let mut x = vec![0usize; columns.max(1)];
        for g in 1..x.len() {
            let mut at = x[g - 1];
            for p in placed.iter().filter(|p| p.anchored) {
                for (i, w) in p.columns.windows(2).enumerate() {
                    if w[1] == g {
                        let end = x[w[0]] + width(m, &p.line.fields[i].content);
                        at = at.max(round_up(end + 1, tab));
                    }
                }
            }
            x[g] = at;
        }
        for p in &placed {
            let line = p.line;
            if range
                .as_ref()
                .is_some_and(|r| line.range.end < r.start || line.range.start > r.end)
            {
                continue;
            }
            let n = line.fields.len();
            // Where each field starts, in display columns.
            let mut pos = 0usize;
            for (i, f) in line.fields.iter().enumerate() {
                let content = &m.text[f.content.clone()];
                let end = pos + width(m, &f.content);
                let mut new = content.to_string();
                if i + 1 < n {
                    // The next field's place: its grid column, or when this field is too wide
                    // for that (lines that do not decide the grid), the next tab stop.
                    let target = match x.get(p.columns[i + 1]) {
                        Some(&at) if at > end => at,
                        _ => round_up(end + 1, tab),
                    };
                    // Spaces up to the last tab stop before the target; the tab does the rest.
                    let pad = target.saturating_sub(tab).saturating_sub(end);
                    new.extend(std::iter::repeat_n(' ', pad));
                    pos = target;
                }
                if m.text[f.span.clone()] != new {
                    edits.push(Edit {
                        range: f.span.clone(),
                        new_text: new,
                    });
                }
            }
        }
    }
    edits
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::{Options, run};
    use crate::finding::apply_edits;

    /// Every cell the model reads: (table, block, row, column) and its text.
    fn cells(m: &Model) -> Vec<(usize, usize, usize, Option<usize>, String)> {
        let mut out = Vec::new();
        for t in &m.tables {
            for (b, bm) in t.blocks.iter().enumerate() {
                for r in &bm.rows {
                    for v in &r.values {
                        out.push((t.spec.0, b, r.row, v.col, m.slice(&v.range).to_string()));
                    }
                }
            }
        }
        out
    }

    /// Each finding's code, message and the text it points at (spaces aside: a finding may
    /// cover several cells).
    fn findings(m: &Model) -> Vec<(String, String, String)> {
        run(m, &Options::default())
            .into_iter()
            .map(|f| {
                (
                    f.code.to_string(),
                    f.message,
                    m.slice(&f.range).replace(' ', ""),
                )
            })
            .collect()
    }

    /// Display columns where each field of a line starts, tabs expanded.
    fn starts(line: &str, tab: usize) -> Vec<usize> {
        let mut out = vec![0];
        let mut col = 0;
        for c in line.chars() {
            if c == '\t' {
                col = (col / tab + 1) * tab;
                out.push(col);
            } else {
                col += UnicodeWidthStr::width(c.to_string().as_str());
            }
        }
        out
    }

    fn formatted(text: &str, tab: usize) -> String {
        let m = Model::new(text);
        apply_edits(text, &format(&m, None, tab)).expect("edits fit")
    }

    #[test]
    fn formatting_keeps_every_cell_and_finding() {
        let f = crate::template::Template::get().for_year(Some(2025));
        let draft =
            crate::skeleton::report_text(f, crate::text::Script::Hans, "𠀀县人民政府", 2025);
        let mut texts: Vec<String> = vec![
            draft,
            include_str!("../../examples/report-2025.txt").into(),
            include_str!("../../tests/fixtures/clean_rows.txt").into(),
            include_str!("../../tests/fixtures/clean_subtotal.txt").into(),
            include_str!("../../tests/fixtures/clean_2019.txt").into(),
            include_str!("../../tests/fixtures/clean_per_line_hant.txt").into(),
        ];
        // Cells with spaces around them and a CRLF report.
        texts.push(
            texts[1]
                .replace("\t44\t", "\t 44  \t")
                .replace('\n', "\r\n"),
        );
        for text in &texts {
            for tab in [4, 8] {
                let out = formatted(text, tab);
                let (before, after) = (Model::new(text), Model::new(&out));
                assert_eq!(cells(&before), cells(&after));
                assert_eq!(findings(&before), findings(&after));
                // Only spaces changed, and formatting again changes nothing.
                let squeeze = |s: &str| s.replace([' ', '\u{3000}'], "");
                assert_eq!(squeeze(text), squeeze(&out));
                assert!(format(&after, None, tab).is_empty());
            }
        }
    }

    #[test]
    fn values_line_up_under_their_column_labels() {
        let text = include_str!("../../examples/report-2025.txt");
        let out = formatted(text, 4);
        let m = Model::new(&out);
        let t = &m.tables[1];
        let header = t.blocks[0].header.as_ref().unwrap();
        // The display column where byte `at` is.
        let column = |at: usize| {
            let line = m.line_at(at).unwrap();
            let before = &out[line.range.start..at];
            *starts(before, 4).last().unwrap()
                + UnicodeWidthStr::width(before.rsplit('\t').next().unwrap())
        };
        let mut checked = 0;
        for hit in &header.columns {
            let k = t.blocks[0]
                .columns
                .iter()
                .position(|&c| c == hit.col)
                .unwrap();
            for row in &t.blocks[0].rows {
                let v = &row.values[k];
                assert_eq!(
                    column(v.range.start),
                    column(hit.range.start),
                    "{}",
                    m.slice(&v.range)
                );
                checked += 1;
            }
        }
        assert_eq!(checked, 7 * 25);
        // Table 四: fifteen values under fifteen labels, and the groups over their columns.
        let review = &m.tables[2].blocks[0];
        for hit in &review.header.as_ref().unwrap().columns {
            let v = &review.rows[0].values[hit.col];
            // A blank's place is where a number would end.
            if !v.range.is_empty() {
                assert_eq!(column(v.range.start), column(hit.range.start));
            }
        }
        let litigation = out.find("行政诉讼\n").unwrap();
        let direct = out.find("未经复议直接起诉").unwrap();
        assert_eq!(column(litigation), column(direct));
        // Label fields at the same place line up too: （一） and （二） after 三、本年度办理结果.
        let granted = out.find("（一）予以公开").unwrap();
        let partial = out.find("（二）部分公开").unwrap();
        let refused = out.find("（三）不予公开").unwrap();
        assert_eq!(column(granted), column(partial));
        assert_eq!(column(granted), column(refused));
        // The widest label before them, 「一、本年新收政府信息公开申请数量」, is 32 columns wide
        // (16 CJK characters): the second column starts at the tab stop after it.
        assert_eq!(column(granted), 36);
    }

    #[test]
    fn a_range_formats_only_its_lines() {
        let text = include_str!("../../examples/report-2025.txt");
        let m = Model::new(text);
        let all = format(&m, None, 4);
        let line = m
            .lines
            .iter()
            .find(|l| l.text(text).contains("（一）予以公开"))
            .unwrap();
        let some = format(&m, Some(line.range.clone()), 4);
        assert!(!some.is_empty() && some.len() < all.len());
        assert!(
            some.iter()
                .all(|e| line.range.start <= e.range.start && e.range.end <= line.range.end)
        );
        assert!(some.iter().all(|e| all.contains(e)));
    }
}
