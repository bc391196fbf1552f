//! `missing-row`: a row of the template is absent from its table.

use super::{Check, Ctx, Needs, Run};
use crate::code::Code;
use crate::finding::{Edit, Finding, Fix, Severity};
use crate::model::arith;
use crate::model::{Layout, RowModel, TableModel};
use crate::skeleton::{self, RowStyle};
use crate::template::CellRef;

pub const CHECK: Check = Check {
    code: Code::MissingRow,
    severity: Severity::Error,
    run: Run::Document(run),
    summary: "a row of the template is absent from its table",
    needs: Needs::Format,
    offers_fix: true,
};

/// How the table's rows are written, so an inserted row matches them.
pub(super) fn row_style(cx: &Ctx, t: &TableModel) -> RowStyle {
    let m = cx.model;
    let mut style = RowStyle {
        layout: t.layout,
        ..RowStyle::default()
    };
    if t.layout == Layout::CellPerLine
        && let Some(row) = t
            .blocks
            .iter()
            .flat_map(|b| &b.rows)
            .find(|r| r.values.len() >= 2)
    {
        let line = &m.lines[row.values[0].line];
        let text = line.text(m.text);
        style.indent = text[..text.len() - text.trim_start().len()].to_string();
        style.gap = row.values[1].line > row.values[0].line + 1;
    }
    style
}

fn run(cx: &Ctx) -> Vec<Finding> {
    let m = cx.model;
    let mut out = Vec::new();
    for (ti, t) in m.tables.iter().enumerate() {
        let spec = t.table_spec();
        let total: usize = spec.blocks.iter().map(|b| b.data_rows().count()).sum();
        let found: usize = t.blocks.iter().map(|b| b.rows.len()).sum();
        // A table read only in part is reported as unreadable, not row by row.
        if found == 0 || found * 2 < total {
            continue;
        }
        // Found rows in template order, as (block, row).
        let rows: Vec<(usize, &RowModel)> = t
            .blocks
            .iter()
            .enumerate()
            .flat_map(|(b, bm)| bm.rows.iter().map(move |r| (b, r)))
            .collect();
        let style = row_style(cx, t);
        // In a table read in an older format only the rows the report's format has are asked
        // for; a block of an old table whose rows were not read is the old table's problem.
        let older = t.format.first_year < m.format.first_year;
        let now = m.format.table(t.spec);
        let wanted = |key: &str| {
            !older
                || now
                    .blocks
                    .iter()
                    .any(|b| b.rows.iter().any(|r| r.key == key))
        };
        for (b, bm) in t.blocks.iter().enumerate() {
            if bm.rows.is_empty() && !t.retired.is_empty() {
                continue;
            }
            for &r in bm
                .missing_rows
                .iter()
                .filter(|&&r| wanted(&spec.blocks[b].rows[r].key))
            {
                let prev = rows.iter().rev().find(|(rb, rm)| (*rb, rm.row) < (b, r));
                let next = rows.iter().find(|(rb, rm)| (*rb, rm.row) > (b, r));
                let bs = &spec.blocks[b];
                let name = bs.row_name(r, m.script);
                let range = next
                    .or(prev)
                    .map(|(_, rm)| {
                        rm.label
                            .as_ref()
                            .map(|l| l.range.clone())
                            .unwrap_or(rm.range.clone())
                    })
                    .unwrap_or(t.range.clone());
                let message = cx.say(
                    format!("表格缺少「{name}」行"),
                    format!("The table lacks the row 「{name}」"),
                );
                let fix = insert_fix(cx, ti, b, r, prev.map(|p| p.1), next.map(|n| n.1), &style);
                out.push(cx.finding(&CHECK, range, message, fix.into_iter().collect()));
            }
        }
    }
    out
}

fn insert_fix(
    cx: &Ctx,
    table: usize,
    block: usize,
    row: usize,
    prev: Option<&RowModel>,
    next: Option<&RowModel>,
    style: &RowStyle,
) -> Option<Fix> {
    let m = cx.model;
    let t = &m.tables[table];
    let bm = &t.blocks[block];
    let bs = &t.table_spec().blocks[block];
    let cells: Vec<CellRef> = bm
        .columns
        .iter()
        .map(|&col| CellRef { block, row, col })
        .collect();
    let sheet = arith::sheet(t, &cells);
    let values = sheet.infer(&cells)?;
    let texts: Vec<String> = cells.iter().map(|c| values[c].to_string()).collect();
    let label = bs.rows[row].full_label(m.script);
    let body = skeleton::row_text(style, &label, &texts);
    let (at, new_text) = if let Some(p) = prev {
        let end = m.lines[p.lines.end - 1].range.end;
        let sep = if style.layout == Layout::CellPerLine && style.gap {
            "\n\n"
        } else {
            "\n"
        };
        (end, format!("{sep}{}", body.trim_end_matches('\n')))
    } else {
        let n = next?;
        let start = m.lines[n.lines.start].range.start;
        let sep = if style.layout == Layout::CellPerLine && style.gap {
            "\n"
        } else {
            ""
        };
        (start, format!("{body}{sep}"))
    };
    let shown = texts.join("、");
    Some(Fix {
        title: cx.say(
            format!("插入「{label}」行（数值为{shown}，请核对）"),
            format!("Insert the row 「{label}」 (values {shown}; please check)"),
        ),
        edits: vec![Edit {
            range: at..at,
            new_text,
        }],
        safe: false,
    })
}

#[cfg(test)]
mod tests {
    use crate::checks::testing::*;
    use crate::code::Code;
    use crate::finding::Severity;
    use expect_test::expect;

    fn errors(text: &str) -> Vec<crate::finding::Finding> {
        crate::checks::check_text(text, &Default::default())
            .into_iter()
            .filter(|f| f.severity == Severity::Error)
            .collect()
    }

    #[test]
    fn a_removed_row_is_reported_and_reinserted() {
        let line = CLEAN
            .lines()
            .find(|l| l.contains("8.属于行政查询事项"))
            .unwrap();
        // The row held 3 applications; remove it and fix the totals so only the row is missing.
        let text = CLEAN.replace(&format!("{line}\n"), "");
        let text = text.replace(
            "\t（七）总计\t43\t2\t0\t1\t1\t0\t47",
            "\t（七）总计\t40\t2\t0\t1\t1\t0\t44",
        );
        let text = text.replace(
            "四、结转下年度继续办理\t\t3\t1\t0\t0\t1\t0\t5",
            "四、结转下年度继续办理\t\t6\t1\t0\t0\t1\t0\t8",
        );
        // The row is inserted with zeros: the totals were made to add up without it.
        expect![[r#"
            60:10 error[missing-row] 表格缺少「（三）不予公开 8.属于行政查询事项」行
              fix: 插入「8.属于行政查询事项」行（数值为0、0、0、0、0、0、0，请核对）
                60 | 8.属于行政查询事项	0	0	0	0	0	0	0
        "#]]
        .assert_eq(&render(&text, Code::MissingRow));
        let fixed = apply(&text, &findings(&text, Code::MissingRow)[0].fixes[0]);
        assert!(errors(&fixed).is_empty(), "{:#?}", errors(&fixed));
    }

    #[test]
    fn a_missing_total_row_is_inserted_with_its_sums() {
        let line = CLEAN.lines().find(|l| l.contains("（七）总计")).unwrap();
        let text = CLEAN.replace(&format!("{line}\n"), "");
        // The row comes back with the sums of its parts.
        expect![[r#"
            72:1 error[missing-row] 表格缺少「（七）总计」行
              fix: 插入「（七）总计」行（数值为43、2、0、1、1、0、47，请核对）
                72 | （七）总计	43	2	0	1	1	0	47
        "#]]
        .assert_eq(&render(&text, Code::MissingRow));
        let fixed = apply(&text, &findings(&text, Code::MissingRow)[0].fixes[0]);
        assert!(errors(&fixed).is_empty(), "{:#?}", errors(&fixed));
    }

    #[test]
    fn no_values_are_inferred_from_sums_that_already_fail() {
        let line = CLEAN.lines().find(|l| l.contains("（七）总计")).unwrap();
        let text = CLEAN.replace(&format!("{line}\n"), "");
        // A part is wrong too: the totals the row would get from it are not to be trusted.
        let text = text.replacen("2.重复申请\t1\t", "2.重复申请\t7\t", 1);
        assert!(text.contains("2.重复申请\t7\t"));
        expect![[r#"
            72:1 error[missing-row] 表格缺少「（七）总计」行
        "#]]
        .assert_eq(&render(&text, Code::MissingRow));
    }

    #[test]
    fn does_not_fire_on_a_complete_table() {
        assert!(findings(CLEAN, Code::MissingRow).is_empty());
    }
}
