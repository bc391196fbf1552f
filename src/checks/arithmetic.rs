//! Findings from the arithmetic of the tables, shared by `total-mismatch` and
//! `balance-mismatch` (see `arith` for how a wrong cell is found).

use super::{Check, Ctx};
use crate::arith::{self, Discrepancy, Grid};
use crate::finding::{Edit, Finding, Fix, Related};
use crate::template::RuleKind;

/// Findings for the discrepancies of every table that are sums (`sum`) or balances.
pub(super) fn findings(cx: &Ctx, check: &Check, sum: bool) -> Vec<Finding> {
    let mut out = Vec::new();
    for (ti, (g, ds)) in cx.arithmetic().iter().enumerate() {
        for d in ds.iter().filter(|d| d.sum == sum) {
            out.push(finding(cx, check, ti, g, ds, d));
        }
    }
    out
}

fn finding(
    cx: &Ctx,
    check: &Check,
    ti: usize,
    g: &Grid,
    all: &[Discrepancy],
    d: &Discrepancy,
) -> Finding {
    let m = cx.model;
    let t = &m.tables[ti];
    let cell = t
        .cell(d.cell.block, d.cell.row, d.cell.col)
        .expect("discrepancies are about cells that were read");
    let name = cx.cell_name(ti, d.cell);
    let actual = d.actual;
    let (zh, en) = if d.instances.len() > 1 {
        let v = d.expected.unwrap_or_default();
        (
            format!("{name}为{actual}，与它所在各行、列的合计都不符，按合计应为{v}"),
            format!("{name} is {actual}; the totals of its row and column both imply {v}"),
        )
    } else {
        let inst = &g.instances[d.instances[0]];
        let rule = &m.format.rules[inst.rule];
        match &rule.kind {
            RuleKind::Sum { .. } => {
                let (_, parts) = g.sum_cells(d.instances[0]);
                let values: Vec<String> = parts.iter().map(|c| g.value(c).to_string()).collect();
                let sum: i64 = parts.iter().map(|c| g.value(c)).sum();
                let terms = values.join(" + ");
                (
                    format!("{name}为{actual}，但各项之和为{sum}（{terms} = {sum}）"),
                    format!("{name} is {actual}, but its parts add up to {sum} ({terms} = {sum})"),
                )
            }
            RuleKind::Balance { .. } => {
                let left: Vec<i64> = inst
                    .terms
                    .iter()
                    .filter(|(_, k)| *k > 0)
                    .map(|(c, _)| g.value(c))
                    .collect();
                let right: Vec<i64> = inst
                    .terms
                    .iter()
                    .filter(|(_, k)| *k < 0)
                    .map(|(c, _)| g.value(c))
                    .collect();
                let show = |v: &[i64]| v.iter().map(i64::to_string).collect::<Vec<_>>().join(" + ");
                let (ls, rs): (i64, i64) = (left.iter().sum(), right.iter().sum());
                let b = cx.block_spec(ti, d.cell.block);
                let col = b.column_name(d.cell.col, m.script);
                (
                    format!(
                        "「{col}」列的勾稽关系不成立：第一项加第二项为{} = {ls}，第三项（七）加第四项为{} = {rs}",
                        show(&left),
                        show(&right)
                    ),
                    format!(
                        "Column 「{col}」 does not balance: items one and two give {} = {ls}, item three (7) and item four give {} = {rs}",
                        show(&left),
                        show(&right)
                    ),
                )
            }
        }
    };
    let fixes = d
        .expected
        .filter(|v| *v >= 0 && (d.sum || d.instances.len() > 1))
        .filter(|v| arith::fix_is_clean(g, all, d.cell, *v))
        .map(|v| Fix {
            title: cx.say(format!("改为{v}"), format!("Change to {v}")),
            edits: vec![Edit {
                range: cell.range.clone(),
                new_text: v.to_string(),
            }],
            safe: false,
        })
        .into_iter()
        .collect();
    let mut f = cx.finding(check, cell.range.clone(), cx.say(zh, en), fixes);
    // Point at the other totals the cell is checked against (not every part: the message
    // already shows the arithmetic, and long lists bury the other findings in editors).
    for &i in &d.instances {
        let inst = &g.instances[i];
        let (c, _) = inst.terms[0];
        if !inst.sum || c == d.cell {
            continue;
        }
        if let Some(other) = t.cell(c.block, c.row, c.col) {
            f.related.push(Related {
                range: other.range.clone(),
                message: format!("{} = {}", cx.cell_name(ti, c), g.value(&c)),
                doc: None,
            });
        }
    }
    f
}
