//! `empty-cell`: a blank where a number belongs.

use super::{Check, Ctx, Needs, Run};
use crate::code::Code;
use crate::finding::{Edit, Finding, Fix, Related, Severity};
use crate::model::{BlockView, Layout, RowModel, Value, ValueCell};
use crate::template::CellRef;
use crate::text::to_han_ordinal;
use std::ops::Range;

pub const CHECK: Check = Check {
    code: Code::EmptyCell,
    severity: Severity::Error,
    run: Run::Document(run),
    summary: "a blank where a number belongs (one finding per row, column or block when whole rows or columns are blank)",
    needs: Needs::Format,
    offers_fix: true,
};

/// Related locations listed with a finding about many cells, at most.
const RELATED_MAX: usize = 10;

fn run(cx: &Ctx) -> Vec<Finding> {
    let mut out = Vec::new();
    for t in &cx.model.tables {
        for block in t.each_block() {
            out.extend(block_findings(cx, block));
        }
    }
    out
}

fn is_blank(c: &ValueCell) -> bool {
    matches!(c.value, Value::Blank)
}

/// One finding for a block whose rows are all blank, one for the rows that are, one for the
/// columns blank in every other row, and one per remaining blank cell: a web page that writes
/// `&nbsp;` for 0 leaves whole rows and columns blank, and that is one thing to fix, not dozens.
fn block_findings(cx: &Ctx, block: BlockView) -> Vec<Finding> {
    let m = cx.model;
    let script = m.script;
    let rows: Vec<&RowModel> = block.model.rows.iter().filter(|r| r.bound()).collect();
    let whole = |r: &&RowModel| !r.values.is_empty() && r.values.iter().all(is_blank);
    let blank_rows: Vec<&RowModel> = rows.iter().copied().filter(whole).collect();
    let others: Vec<&RowModel> = rows.iter().copied().filter(|r| !whole(r)).collect();
    let mut out = Vec::new();
    if !blank_rows.is_empty() {
        let names: Vec<String> = blank_rows
            .iter()
            .map(|r| block.spec.row_name(r.row, script))
            .collect();
        let (zh, en) = if blank_rows.len() == rows.len() && rows.len() > 1 || names[0].is_empty() {
            let what = block_name(cx, block);
            (
                format!("{what}的数值全部为空，应填写数字（没有则填0）"),
                format!(
                    "{} is blank; write its numbers (0 if none)",
                    block_name_en(cx, block)
                ),
            )
        } else if blank_rows.len() == 1 {
            (
                format!("「{}」行的数值全部为空，应填写数字（没有则填0）", names[0]),
                format!(
                    "The row 「{}」 is blank; write its numbers (0 if none)",
                    names[0]
                ),
            )
        } else {
            let n = blank_rows.len();
            (
                format!(
                    "「{}」等{n}行的数值全部为空，应填写数字（没有则填0）",
                    names[0]
                ),
                format!(
                    "「{}」 and {} other rows are blank; write their numbers (0 if none)",
                    names[0],
                    n - 1
                ),
            )
        };
        let cells: Vec<(CellRef, &ValueCell)> =
            blank_rows.iter().flat_map(|r| cells_of(block, r)).collect();
        let at = blank_rows[0]
            .label
            .as_ref()
            .map_or(blank_rows[0].values[0].range.clone(), |l| l.range.clone());
        let related = blank_rows[1..]
            .iter()
            .take(RELATED_MAX)
            .map(|r| Related {
                range: r
                    .label
                    .as_ref()
                    .map_or(r.range.clone(), |l| l.range.clone()),
                message: block.spec.row_name(r.row, script),
                doc: None,
            })
            .collect();
        out.push(finding(cx, block, at, cx.say(zh, en), &cells, related));
    }
    // Columns blank in every other row (at least two of them).
    let cols: Vec<usize> = block
        .model
        .columns
        .iter()
        .copied()
        .filter(|&c| others.len() >= 2 && others.iter().all(|r| r.cell(c).is_some_and(is_blank)))
        .collect();
    if !cols.is_empty() {
        let names: Vec<String> = cols
            .iter()
            .map(|&c| block.spec.column_name(c, script))
            .collect();
        let (zh, en) = if cols.len() == 1 {
            (
                format!("「{}」列的数值全部为空，应填写数字（没有则填0）", names[0]),
                format!(
                    "The column 「{}」 is blank; write its numbers (0 if none)",
                    names[0]
                ),
            )
        } else {
            let n = cols.len();
            (
                format!(
                    "「{}」等{n}列的数值全部为空，应填写数字（没有则填0）",
                    names[0]
                ),
                format!(
                    "「{}」 and {} other columns are blank; write their numbers (0 if none)",
                    names[0],
                    n - 1
                ),
            )
        };
        let cells: Vec<(CellRef, &ValueCell)> = others
            .iter()
            .flat_map(|r| cells_of(block, r))
            .filter(|(at, _)| cols.contains(&at.col))
            .collect();
        let header = block.model.header.as_ref().and_then(|h| {
            h.columns
                .iter()
                .find(|c| c.col == cols[0])
                .map(|c| c.range.clone())
        });
        let at = header.unwrap_or(cells[0].1.range.clone());
        out.push(finding(cx, block, at, cx.say(zh, en), &cells, Vec::new()));
    }
    // Each remaining blank cell on its own.
    for r in &others {
        for (at, cell) in cells_of(block, r) {
            if cols.contains(&at.col) {
                continue;
            }
            let name = cx.cell_name(block.table, at);
            let msg = cx.say(
                format!("{name}为空，应填写数字（没有则填0）"),
                format!("{name} is blank; write a number (0 if none)"),
            );
            out.push(finding(
                cx,
                block,
                cell.range.clone(),
                msg,
                &[(at, cell)],
                Vec::new(),
            ));
        }
    }
    out
}

/// The blank cells of a row with where they are in the template.
fn cells_of<'m>(block: BlockView<'m>, r: &'m RowModel) -> Vec<(CellRef, &'m ValueCell)> {
    r.values
        .iter()
        .filter(|c| is_blank(c))
        .filter_map(|c| {
            Some((
                CellRef {
                    block: block.index,
                    row: r.row,
                    col: c.col?,
                },
                c,
            ))
        })
        .collect()
}

fn block_name(cx: &Ctx, block: BlockView) -> String {
    let m = cx.model;
    let spec = block.table.table_spec();
    match (&block.spec.title, spec.blocks.len()) {
        (Some(title), n) if n > 1 => format!("「{}」", title.get(m.script)),
        _ => format!(
            "第{}部分的统计表",
            to_han_ordinal(m.format.section(spec.section).number)
        ),
    }
}

fn block_name_en(cx: &Ctx, block: BlockView) -> String {
    let m = cx.model;
    let spec = block.table.table_spec();
    match (&block.spec.title, spec.blocks.len()) {
        (Some(title), n) if n > 1 => format!("「{}」", title.get(m.script)),
        _ => format!(
            "The table of section {}",
            m.format.section(spec.section).number
        ),
    }
}

/// A finding about some blank cells, with a fix that fills them with the values the totals
/// imply (0 where nothing implies another), when such values exist.
fn finding(
    cx: &Ctx,
    block: BlockView,
    range: Range<usize>,
    message: String,
    cells: &[(CellRef, &ValueCell)],
    related: Vec<Related>,
) -> Finding {
    let at: Vec<CellRef> = cells.iter().map(|(c, _)| *c).collect();
    let fix = block.table.arithmetic().sheet.infer(&at).map(|v| {
        let values: Vec<i64> = at.iter().map(|c| v[c]).collect();
        let title = match values.as_slice() {
            [one] => cx.say(format!("填入{one}"), format!("Fill in {one}")),
            _ if values.iter().all(|x| *x == 0) => {
                cx.voice.say("全部填入0", "Fill in 0 everywhere")
            }
            _ => cx
                .voice
                .say("按合计填入数值", "Fill in the values the totals imply"),
        };
        Fix {
            title,
            edits: edits(block.table.layout, cells, &values),
            safe: false,
        }
    });
    let mut f = cx.finding(&CHECK, range, message, fix.into_iter().collect());
    f.related = related;
    f
}

/// The edits that write `values` into `cells`. Blank cells a short row lacks share one place;
/// their values go there together, separated as the table separates cells.
fn edits(layout: Layout, cells: &[(CellRef, &ValueCell)], values: &[i64]) -> Vec<Edit> {
    let sep = match layout {
        Layout::Pipes => " | ",
        Layout::Spaced => "  ",
        Layout::CellPerLine => "\n",
        Layout::Rows => "\t",
    };
    let mut out: Vec<Edit> = Vec::new();
    for ((_, cell), v) in cells.iter().zip(values) {
        match out.last_mut() {
            Some(e) if e.range == cell.range && cell.range.is_empty() => {
                e.new_text.push_str(sep);
                e.new_text.push_str(&v.to_string());
            }
            _ => out.push(Edit {
                range: cell.range.clone(),
                new_text: v.to_string(),
            }),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::checks::testing::*;
    use crate::code::Code;
    use expect_test::expect;

    #[test]
    fn a_blank_between_numbers_is_filled_with_the_implied_value() {
        let text = CLEAN.replace("2\t1\t0\t1\t4\t1\t0\t1", "2\t\t0\t1\t4\t1\t0\t1");
        expect![[r#"
            80:3 error[empty-cell] 「行政复议·结果纠正」为空，应填写数字（没有则填0）
              fix: 填入1
                80 | 2	1	0	1	4	1	0	1	0	2	0	0	0	1	1
        "#]]
        .assert_eq(&render(&text, Code::EmptyCell));
        let f = findings(&text, Code::EmptyCell);
        assert_eq!(apply(&text, &f[0].fixes[0]), CLEAN);
        // The blank cell's sum is not checked.
        assert!(findings(&text, Code::TotalMismatch).is_empty());
    }

    #[test]
    fn a_blank_line_in_one_cell_per_line_tables() {
        let text = "四、政府信息公开行政复议、行政诉讼情况\n\t行政复议\n\t行政诉讼\n\n\t结果维持\n\t结果纠正\n\t其他结果\n\t尚未审结\n\t总计\n\t未经复议直接起诉\n\t复议后起诉\n\n\t0\n\t0\n\t0\n\t0\n\t0\n\t𠀀\n";
        // A 𠀀 is not a number: it makes one invalid value, and the row is still read.
        let text = text.replace(
            "\t𠀀\n",
            "\t0\n\t0\n\t0\n\t0\n\t0\n\t1\n\t0\n\t0\n\t\n\t1\n",
        );
        let f = findings(&text, Code::EmptyCell);
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!(
            line_of(&text, f[0].range.start),
            text.lines().position(|l| l == "\t").unwrap()
        );
        assert_eq!(f[0].fixes[0].edits[0].new_text, "0");
    }

    #[test]
    fn a_row_of_blanks_is_one_finding_with_one_fix() {
        let text = CLEAN.replace(
            "\t\t3.危及“三安全一稳定”\t0\t0\t0\t0\t0\t0\t0",
            "\t\t3.危及“三安全一稳定”\t&nbsp;\t\t\t\t\t\t",
        );
        expect![[r#"
            55:3 error[empty-cell] 「（三）不予公开 3.危及“三安全一稳定”」行的数值全部为空，应填写数字（没有则填0）
              fix: 全部填入0
                55 | 		3.危及“三安全一稳定”	0	0	0	0	0	0	0
        "#]]
        .assert_eq(&render(&text, Code::EmptyCell));
        // Not a missing row, and no leftover reported for the 「&nbsp;」 the fix replaces.
        assert!(findings(&text, Code::MissingRow).is_empty());
        assert!(findings(&text, Code::StrayMarkup).is_empty());
    }

    #[test]
    fn blank_rows_blank_columns_and_a_blank_table() {
        let text = CLEAN
            .replace("行政许可\t1234", "行政许可\t")
            .replace("行政处罚\t567", "行政处罚\t\t")
            .replace("行政强制\t8", "行政强制\t\t")
            .replace(
                "2\t1\t0\t1\t4\t1\t0\t1\t0\t2\t0\t0\t0\t1\t1",
                &"\t".repeat(14),
            );
        expect![[r#"
            35:1 error[empty-cell] 「行政许可」行的数值全部为空，应填写数字（没有则填0）
              fix: 填入0
                35 | 行政许可	0
            38:1 error[empty-cell] 「第二十条第（六）项」的数值全部为空，应填写数字（没有则填0）
              fix: 全部填入0
                38 | 行政处罚	0	
                39 | 行政强制	0	
            80:1 error[empty-cell] 第四部分的统计表的数值全部为空，应填写数字（没有则填0）
              fix: 全部填入0
                80 | 0	0	0	0	0	0	0	0	0	0	0	0	0	0	0
        "#]]
        .assert_eq(&render(&text, Code::EmptyCell));
    }

    #[test]
    fn merged_label_cells_are_not_blanks() {
        assert!(findings(CLEAN, Code::EmptyCell).is_empty());
    }
}
