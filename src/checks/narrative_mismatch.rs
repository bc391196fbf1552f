//! `narrative-mismatch`: a figure stated in the prose that refers to a table cell and differs
//! from it, or a negation (「未发生行政复议」) against a table that has cases.
//!
//! Conservative by design: only statements the template's narrative patterns recognise, only
//! cells read with confidence, and never cells the arithmetic already blames.

use super::{Check, Ctx, Needs, Run};
use crate::code::Code;
use crate::finding::{Finding, Related, Severity};
use crate::model::prose::statements;
use crate::model::{TableModel, Value};
use crate::template::CellRef;
use crate::template::TableCell;
use crate::text::Count;
use crate::text::to_han_ordinal;

pub const CHECK: Check = Check {
    code: Code::NarrativeMismatch,
    severity: Severity::Warning,
    run: Run::Document(run),
    summary: "a figure stated in the prose contradicts the table",
    needs: Needs::Format,
    offers_fix: false,
};

/// A cell of the report's tables read with confidence: its table, where it is in that table's
/// own format, its count and its range.
struct Read<'m> {
    table: &'m TableModel,
    at: CellRef,
    count: Count,
    range: std::ops::Range<usize>,
}

fn read<'m>(cx: &Ctx<'m, '_>, c: &TableCell) -> Option<Read<'m>> {
    let (t, at) = cx.model.find_cell(c.table, c.cell)?;
    let row = t.blocks.get(at.block)?.row(at.row)?;
    if !row.bound() {
        return None;
    }
    let cell = row.cell(at.col)?;
    let Value::Number(n) = &cell.value else {
        return None;
    };
    let count = n.as_count()?;
    let blamed = t.arithmetic().discrepancies.iter().any(|d| d.cell == at);
    (!blamed).then(|| Read {
        table: t,
        at,
        count,
        range: cell.range.clone(),
    })
}

/// The cells a figure speaks of, for a message: one cell by its name; the columns of one group in
/// one row as that group (「一、本年新收…」·「法人或其他组织」各列之和); others listed.
fn cells_name(cx: &Ctx, all: &[&Read]) -> String {
    if let [one] = all {
        return cx.cell_name(one.table, one.at);
    }
    let first = all[0];
    let block = &first.table.table_spec().blocks[first.at.block];
    let script = cx.model.script;
    let same_row = all.iter().all(|r| {
        std::ptr::eq(r.table, first.table)
            && (r.at.block, r.at.row) == (first.at.block, first.at.row)
    });
    let group = block.columns[first.at.col].group;
    let whole_group = group.is_some_and(|g| {
        let members: Vec<usize> = (0..block.columns.len())
            .filter(|&c| block.columns[c].group == Some(g) && !block.columns[c].optional)
            .collect();
        let mut cols: Vec<usize> = all.iter().map(|r| r.at.col).collect();
        cols.sort_unstable();
        cols == members
    });
    match group.filter(|_| same_row && whole_group) {
        Some(g) => {
            let row = block.row_name(first.at.row, script);
            format!(
                "「{row}」·「{}」各列之和",
                block.groups[g].label.get(script)
            )
        }
        None => {
            let names: Vec<String> = all.iter().map(|r| cx.cell_name(r.table, r.at)).collect();
            format!("{}之和", names.join("与"))
        }
    }
}

fn run(cx: &Ctx) -> Vec<Finding> {
    let m = cx.model;
    let mut out = Vec::new();
    for st in statements(m) {
        let n = &m.format.narratives[st.narrative];
        let mut cells: Vec<&TableCell> = n.cells.iter().collect();
        if st.with {
            cells.extend(n.with.iter());
        }
        let read_cells: Vec<Option<Read>> = cells.iter().map(|c| read(cx, c)).collect();
        let name = |r: &Read| cx.cell_name(r.table, r.at);
        let section = |c: &TableCell| m.format.section(m.format.table(c.table).section).number;
        let said = m.slice(&st.range);
        let clause = {
            let c = m.slice(&st.clause);
            let mut short: String = c.chars().take(40).collect();
            if c.chars().count() > 40 {
                short.push('…');
            }
            short
        };
        let (zh, en, related) = match st.value {
            Some(value) => {
                let Some(all) = read_cells
                    .iter()
                    .map(Option::as_ref)
                    .collect::<Option<Vec<&Read>>>()
                else {
                    continue;
                };
                // Bounded counts: the sum of a statement's few cells cannot overflow.
                let sum: i64 = all.iter().map(|r| r.count.get()).sum();
                if sum == value.get() {
                    continue;
                }
                // 「受理申请749件」 may count last year's carried-over requests without saying so:
                // a figure that agrees once they are added contradicts nothing.
                if !st.with && !n.with.is_empty() {
                    let with: Option<i64> = n
                        .with
                        .iter()
                        .map(|c| read(cx, c).map(|r| r.count.get()))
                        .sum();
                    if with.is_some_and(|w| sum + w == value.get()) {
                        continue;
                    }
                }
                let what = cells_name(cx, &all);
                let related = all
                    .iter()
                    .map(|r| Related {
                        range: r.range.clone(),
                        message: format!("{} = {}", name(r), r.count),
                        doc: None,
                    })
                    .collect::<Vec<_>>();
                let n = section(cells[0]);
                (
                    format!(
                        "正文「{clause}」称{said}，但表{}中{what}为{sum}",
                        to_han_ordinal(n)
                    ),
                    format!("The text 「{clause}」 says {value}, but in table {n} {what} is {sum}"),
                    related,
                )
            }
            None => {
                let nonzero = cells
                    .iter()
                    .zip(&read_cells)
                    .find_map(|(c, r)| r.as_ref().filter(|r| r.count.get() > 0).map(|r| (c, r)));
                let Some((c, r)) = nonzero else {
                    continue;
                };
                let (cell, v, n) = (name(r), r.count, section(c));
                (
                    format!("正文称「{said}」，但表{}中{cell}为{v}", to_han_ordinal(n)),
                    format!("The text says 「{said}」, but in table {n} {cell} is {v}"),
                    vec![Related {
                        range: r.range.clone(),
                        message: format!("{cell} = {v}"),
                        doc: None,
                    }],
                )
            }
        };
        let mut f = cx.finding(&CHECK, st.range.clone(), cx.say(zh, en), Vec::new());
        f.related = related;
        out.push(f);
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::checks::testing::*;
    use crate::code::Code;
    use expect_test::expect;

    #[test]
    fn a_count_that_differs_from_the_table() {
        let text = CLEAN.replace(
            "全年共收到政府信息公开申请50件",
            "全年共收到政府信息公开申请𠀀53件",
        );
        expect![[r#"
            13:15 warning[narrative-mismatch] 正文「全年共收到政府信息公开申请𠀀53件」称53件，但表三中「一、本年新收政府信息公开申请数量」·「总计」为50
        "#]].assert_eq(&render(&text, Code::NarrativeMismatch));
        let f = findings(&text, Code::NarrativeMismatch);
        assert_eq!(&text[f[0].range.clone()], "53件");
        assert_eq!(f[0].related.len(), 1);
        assert_eq!(&text[f[0].related[0].range.clone()], "50");
    }

    #[test]
    fn a_figure_that_counts_the_carried_over_requests_too_is_no_contradiction() {
        // 50 new and 2 carried over: 52 accepted in all.
        let text = CLEAN.replace(
            "全年共收到政府信息公开申请50件",
            "全年共受理政府信息公开申请𠀀52件，其中自然人申请46件",
        );
        assert!(findings(&text, Code::NarrativeMismatch).is_empty());
    }

    #[test]
    fn each_figure_of_the_fixture_is_checked() {
        // The fixture says 50 received, 2 carried, 47 answered, 5 carried on: all right.
        assert!(findings(CLEAN, Code::NarrativeMismatch).is_empty());
        for (from, to) in [
            ("上年结转2件", "上年结转3件"),
            ("办结47件", "办结46件"),
            ("继续办理5件", "继续办理6件"),
        ] {
            let text = CLEAN.replace(from, to);
            assert_eq!(findings(&text, Code::NarrativeMismatch).len(), 1, "{to}");
        }
    }

    #[test]
    fn a_negation_against_cases_in_the_table() {
        let text = CLEAN.replace("全年未发生责任追究情况。", "全年未发生行政复议案件。");
        expect![[r#"
            25:17 warning[narrative-mismatch] 正文称「未发生行政复议」，但表四中「行政复议·结果维持」为2
        "#]].assert_eq(&render(&text, Code::NarrativeMismatch));
        let f = findings(&text, Code::NarrativeMismatch);
        assert_eq!(&text[f[0].range.clone()], "未发生行政复议");
        // With no cases, the same sentence is right.
        let none = text.replace(
            "2\t1\t0\t1\t4\t1\t0\t1\t0\t2",
            "0\t0\t0\t0\t0\t1\t0\t1\t0\t2",
        );
        assert!(findings(&none, Code::NarrativeMismatch).is_empty());
    }

    #[test]
    fn cells_the_arithmetic_blames_are_not_compared() {
        // The 一 总计 is wrong (51 ≠ 50 parts): the prose's 50 is not compared with it.
        let text = CLEAN.replace(
            "一、本年新收政府信息公开申请数量\t\t44\t3\t0\t1\t2\t0\t50",
            "一、本年新收政府信息公开申请数量\t\t44\t3\t0\t1\t2\t0\t51",
        );
        assert!(findings(&text, Code::NarrativeMismatch).is_empty());
        assert_eq!(findings(&text, Code::TotalMismatch).len(), 1);
    }

    #[test]
    fn look_alikes_do_not_fire() {
        let text = CLEAN.replace(
            "全年共收到政府信息公开申请50件，",
            "全年共收到政府信息公开申请50件，答复率100%，其中网络申请30件，比上年增加9件，2024年共收到申请41件，咨询电话0469-4242257，地址为新兴大街191号，另收到来信12件，共收到申请近60件，",
        );
        assert!(
            findings(&text, Code::NarrativeMismatch).is_empty(),
            "{:#?}",
            findings(&text, Code::NarrativeMismatch)
        );
    }

    #[test]
    fn traditional_prose() {
        let text = include_str!("../../tests/fixtures/clean_per_line_hant.txt");
        assert!(findings(text, Code::NarrativeMismatch).is_empty());
        let broken = text.replace("共收到政府信息公開申請50件", "共收到政府信息公開申請三件");
        assert_ne!(broken, text);
        expect![[r#"
            13:14 warning[narrative-mismatch] 正文「全年共收到政府信息公開申請三件」稱三件，但表三中「一、本年新收政府信息公開申請數量」·「總計」為50
        "#]].assert_eq(&render(&broken, Code::NarrativeMismatch));
    }
}
