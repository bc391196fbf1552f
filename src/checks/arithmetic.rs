//! Findings from the arithmetic of the tables, shared by `total-mismatch` and
//! `balance-mismatch` (see `arith` for how a wrong cell is found).

use super::{Check, Ctx};
use crate::finding::{Edit, Finding, Fix, Related};
use crate::model::TableModel;
use crate::model::arith::{self, Discrepancy, Grid};
use crate::template::{BlockSpec, RuleKind};
use crate::text::Script;
use crate::voice::phrase::RECOMPUTE_TOTALS;

/// Findings for the discrepancies of every table that are sums (`sum`) or balances.
pub(super) fn findings(cx: &Ctx, check: &Check, sum: bool) -> Vec<Finding> {
    let mut out = Vec::new();
    for t in &cx.model.tables {
        let a = t.arithmetic();
        let stale: Vec<&Discrepancy> = a.discrepancies.iter().filter(|d| d.stale).collect();
        if sum && !stale.is_empty() {
            out.extend(stale_totals(cx, check, t, &stale));
        }
        for d in a.discrepancies.iter().filter(|d| d.sum == sum && !d.stale) {
            out.push(finding(cx, check, t, &a.grid, &a.discrepancies, d));
        }
    }
    out
}

/// Stale totals shown together: where the first of them is, the others as related places, and
/// one fix that recomputes every total of the table from its parts.
fn stale_totals(
    cx: &Ctx,
    check: &Check,
    t: &TableModel,
    stale: &[&Discrepancy],
) -> Option<Finding> {
    let cells: Vec<(&Discrepancy, &crate::model::ValueCell)> = stale
        .iter()
        .filter_map(|d| Some((*d, t.cell(d.cell.block, d.cell.row, d.cell.col)?)))
        .collect();
    let (first, first_cell) = cells.iter().min_by_key(|(_, c)| c.range.start)?;
    let expected = |d: &Discrepancy| d.expected.unwrap_or(d.actual);
    let name = cx.cell_name(t, first.cell);
    let (actual, want) = (first.actual, expected(first));
    let (zh, en) = if cells.len() == 1 {
        (
            format!("{name}为{actual}，没有随各项更新，按各项之和应为{want}"),
            format!(
                "{name} is {actual}: it was not updated with its parts, which add up to {want}"
            ),
        )
    } else {
        let n = cells.len();
        (
            format!(
                "{n}个合计没有随各项更新：{name}为{actual}，按各项之和应为{want}，其余见相关位置"
            ),
            format!(
                "{n} totals were not updated with their parts: {name} is {actual}, its parts add up to {want}; the others are listed"
            ),
        )
    };
    let fix = Fix {
        title: cx.say(RECOMPUTE_TOTALS.0, RECOMPUTE_TOTALS.1),
        edits: cells
            .iter()
            .map(|(d, c)| Edit {
                range: c.range.clone(),
                new_text: expected(d).to_string(),
            })
            .collect(),
        safe: false,
    };
    let mut f = cx.finding(check, first_cell.range.clone(), cx.say(zh, en), vec![fix]);
    f.related = cells
        .iter()
        .filter(|(d, _)| d.cell != first.cell)
        .map(|(d, c)| Related {
            range: c.range.clone(),
            message: cx.say(
                format!(
                    "{}为{}，应为{}",
                    cx.cell_name(t, d.cell),
                    d.actual,
                    expected(d)
                ),
                format!(
                    "{} is {}, should be {}",
                    cx.cell_name(t, d.cell),
                    d.actual,
                    expected(d)
                ),
            ),
            doc: None,
        })
        .collect();
    Some(f)
}

/// Parts named in a sum's message, at most; the hover shows every one.
const SHOWN: usize = 3;

/// A row's label for a short message: the ordinals of its parents, then its own label, cut.
fn short_row(b: &BlockSpec, row: usize, script: Script) -> String {
    let mut out: String = b
        .row_path(row)
        .iter()
        .filter(|p| p.parent.is_some())
        .filter_map(|p| p.ordinal.clone())
        .collect();
    let own = b.rows[row].full_label(script);
    let cut: String = own.chars().take(12).collect();
    out.push_str(&cut);
    if own.chars().count() > 12 {
        out.push('…');
    }
    out
}

/// A row as the table's own note names it: 「第一项」, 「第三项（七）」, from the template's
/// ordinals (the full label when the row has none).
fn item(b: &BlockSpec, row: usize, script: Script) -> String {
    let mut out = String::new();
    for r in b.row_path(row).into_iter().chain([&b.rows[row]]) {
        let Some(o) = r.ordinal.as_deref() else {
            continue;
        };
        if out.is_empty() {
            let o = o.trim_end_matches(|c: char| !c.is_alphanumeric());
            out = format!("第{o}项");
        } else {
            out.push_str(o);
        }
    }
    if out.is_empty() {
        format!("「{}」", b.rows[row].full_label(script))
    } else {
        out
    }
}

fn finding(
    cx: &Ctx,
    check: &Check,
    t: &TableModel,
    g: &Grid,
    all: &[Discrepancy],
    d: &Discrepancy,
) -> Finding {
    let m = cx.model;
    let cell = t
        .cell(d.cell.block, d.cell.row, d.cell.col)
        .expect("discrepancies are about cells that were read");
    let name = cx.cell_name(t, d.cell);
    let actual = d.actual;
    let (zh, en) = if d.instances.len() > 1 {
        let v = d.expected.unwrap_or_default();
        (
            format!("{name}为{actual}，与它所在各行、列的合计都不符，按合计应为{v}"),
            format!("{name} is {actual}; the totals of its row and column both imply {v}"),
        )
    } else {
        let inst = &g.instances[d.instances[0]];
        // The rule of the table's own format: a 2019 table in a 2021 report keeps its rules.
        match &inst.rule.kind {
            RuleKind::Sum { .. } => {
                let (_, parts) = g.sum_cells(d.instances[0]);
                let sum: i64 = parts.iter().map(|c| g.value(c)).sum();
                // The parts that count, by name; all of them are in the hover.
                let b = &t.table_spec().blocks[d.cell.block];
                let nonzero: Vec<String> = parts
                    .iter()
                    .filter(|c| g.value(c) != 0)
                    .map(|c| {
                        let part = if inst.rule.each_row {
                            b.columns[c.col].label.get(m.script).to_string()
                        } else {
                            short_row(b, c.row, m.script)
                        };
                        format!("{part} {}", g.value(c))
                    })
                    .collect();
                let shown = nonzero.iter().take(SHOWN).cloned().collect::<Vec<_>>();
                let more = nonzero.len().saturating_sub(SHOWN);
                let (terms_zh, terms_en) = match (nonzero.len(), more) {
                    (0, _) => ("各项均为0".to_string(), "all parts are 0".to_string()),
                    (_, 0) => (shown.join("、"), shown.join(", ")),
                    (_, more) => (
                        format!("{}等，另有{more}项不为0", shown.join("、")),
                        format!("{} and {more} more", shown.join(", ")),
                    ),
                };
                (
                    format!("{name}为{actual}，但各项之和为{sum}（{terms_zh}）"),
                    format!("{name} is {actual}, but its parts add up to {sum} ({terms_en})"),
                )
            }
            RuleKind::Balance { .. } => {
                let b = &t.table_spec().blocks[d.cell.block];
                let side = |positive: bool| {
                    let cells: Vec<_> = inst
                        .terms
                        .iter()
                        .filter(|(_, k)| (*k > 0) == positive)
                        .map(|(c, _)| c)
                        .collect();
                    let items: Vec<String> =
                        cells.iter().map(|c| item(b, c.row, m.script)).collect();
                    let values: Vec<String> =
                        cells.iter().map(|c| g.value(c).to_string()).collect();
                    let total: i64 = cells.iter().map(|c| g.value(c)).sum();
                    (items, values.join(" + "), total)
                };
                let ((li, lv, ls), (ri, rv, rs)) = (side(true), side(false));
                let col = b.column_name(d.cell.col, m.script);
                (
                    format!(
                        "「{col}」列的勾稽关系不成立：{}为{lv} = {ls}，{}为{rv} = {rs}",
                        li.join("加"),
                        ri.join("加")
                    ),
                    format!(
                        "Column 「{col}」 does not balance: {} give {lv} = {ls}, {} give {rv} = {rs}",
                        li.join(" + "),
                        ri.join(" + ")
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
                message: format!("{} = {}", cx.cell_name(t, c), g.value(&c)),
                doc: None,
            });
        }
    }
    f
}
