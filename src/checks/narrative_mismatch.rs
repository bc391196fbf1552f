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
use crate::template::TableCell;
use crate::text::to_han_ordinal;

pub const CHECK: Check = Check {
    code: Code::NarrativeMismatch,
    severity: Severity::Warning,
    run: Run::Document(run),
    summary: "a figure stated in the prose contradicts the table",
    needs: Needs::Format,
};

/// A cell of the report's tables: its table, value and range, if read with confidence.
fn read<'m>(
    cx: &Ctx<'m, '_>,
    c: &TableCell,
) -> Option<(&'m TableModel, i64, std::ops::Range<usize>)> {
    let m = cx.model;
    let t = m
        .tables
        .iter()
        .find(|t| t.spec == c.table && std::ptr::eq(t.format, m.format))?;
    let row = t.blocks.get(c.cell.block)?.row(c.cell.row)?;
    if !row.bound() {
        return None;
    }
    let cell = row.cell(c.cell.col)?;
    let Value::Number(n) = &cell.value else {
        return None;
    };
    let v = n.as_integer().filter(|v| *v >= 0)?;
    let blamed = t
        .arithmetic()
        .discrepancies
        .iter()
        .any(|d| d.cell == c.cell);
    (!blamed).then(|| (t, v, cell.range.clone()))
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
        let read_cells: Vec<Option<(&TableModel, i64, std::ops::Range<usize>)>> =
            cells.iter().map(|c| read(cx, c)).collect();
        let name = |c: &TableCell, t: &TableModel| cx.cell_name(t, c.cell);
        let table_no = |c: &TableCell| {
            let s = m.format.table(c.table).section;
            to_han_ordinal(m.format.section(s).number)
        };
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
                let Some(all) = read_cells.iter().cloned().collect::<Option<Vec<_>>>() else {
                    continue;
                };
                let sum: i64 = all.iter().map(|(_, v, _)| v).sum();
                if sum == value {
                    continue;
                }
                let names: Vec<String> = cells
                    .iter()
                    .zip(&all)
                    .map(|(c, (t, _, _))| name(c, t))
                    .collect();
                let what = if names.len() == 1 {
                    names[0].clone()
                } else {
                    format!("{}之和", names.join("与"))
                };
                let related = cells
                    .iter()
                    .zip(&all)
                    .map(|(c, (ti, v, r))| Related {
                        range: r.clone(),
                        message: format!("{} = {v}", name(c, ti)),
                        doc: None,
                    })
                    .collect::<Vec<_>>();
                (
                    format!(
                        "正文「{clause}」称{said}，但表{}中{what}为{sum}",
                        table_no(cells[0])
                    ),
                    format!(
                        "The text 「{clause}」 says {value}, but in table {} {what} is {sum}",
                        m.format
                            .section(m.format.table(cells[0].table).section)
                            .number
                    ),
                    related,
                )
            }
            None => {
                let nonzero = cells.iter().zip(&read_cells).find_map(|(c, r)| {
                    r.as_ref()
                        .filter(|(_, v, _)| *v > 0)
                        .map(|x| (c, x.clone()))
                });
                let Some((c, (ti, v, r))) = nonzero else {
                    continue;
                };
                let cell = name(c, ti);
                (
                    format!("正文称「{said}」，但表{}中{cell}为{v}", table_no(c)),
                    format!(
                        "The text says 「{said}」, but in table {} {cell} is {v}",
                        m.format.section(m.format.table(c.table).section).number
                    ),
                    vec![Related {
                        range: r,
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

    #[test]
    fn a_count_that_differs_from_the_table() {
        let text = CLEAN.replace(
            "全年共收到政府信息公开申请50件",
            "全年共收到政府信息公开申请𠀀52件",
        );
        let f = findings(&text, Code::NarrativeMismatch);
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!(&text[f[0].range.clone()], "52件");
        assert!(
            f[0].message
                .contains("「一、本年新收政府信息公开申请数量」·「总计」为50"),
            "{}",
            f[0].message
        );
        assert_eq!(f[0].related.len(), 1);
        assert_eq!(&text[f[0].related[0].range.clone()], "50");
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
        let f = findings(&text, Code::NarrativeMismatch);
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!(&text[f[0].range.clone()], "未发生行政复议");
        assert!(
            f[0].message.contains("「行政复议·结果维持」为2"),
            "{}",
            f[0].message
        );
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
        let f = findings(&broken, Code::NarrativeMismatch);
        assert_eq!(f.len(), 1, "{f:#?}");
        assert!(f[0].message.contains("總計」為50"), "{}", f[0].message);
    }
}
