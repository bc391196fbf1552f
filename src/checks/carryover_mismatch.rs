//! `carryover-mismatch`: 上年结转 of year N differs from 结转下年度继续办理 of year N−1 of the
//! same organisation (column by column), or 现行有效 of N−1 + 本年制发 − 本年废止 differs from
//! 现行有效 of N. Runs when both reports are checked together (see `cross.rs`).

use super::{Check, Needs, Pair, Run};
use crate::code::Code;
use crate::finding::{Finding, Related, Severity};
use crate::model::summary::Cell;
use crate::template::{FormatSpec, RuleKind};
use crate::text::Script;

pub const CHECK: Check = Check {
    code: Code::CarryoverMismatch,
    severity: Severity::Warning,
    run: Run::AcrossYears(compare),
    summary: "上年结转 differs from last year's 结转下年度继续办理 (or the stock of documents in force does not carry over)",
    needs: Needs::Year,
    offers_fix: false,
};

/// The template's names for what is compared, in one report's script.
struct Names {
    /// Per column key: its name, and whether a sum rule makes it the total of other columns.
    columns: Vec<(String, String, bool)>,
    /// The row carried in this year (二、上年结转…) and the one carried out last year (四、…).
    carried_in: String,
    carried_out: String,
    /// The stock row's columns: the stock, the ones that add to it, the ones that take away.
    stock: String,
    plus: Vec<String>,
    minus: Vec<String>,
}

impl Names {
    fn new(f: &FormatSpec, script: Script) -> Names {
        let mut names = Names {
            columns: Vec::new(),
            carried_in: String::new(),
            carried_out: String::new(),
            stock: String::new(),
            plus: Vec::new(),
            minus: Vec::new(),
        };
        if let Some(c) = &f.across.carryover {
            let block = &f.table(c.table).blocks[c.block];
            let total = |col: usize| {
                f.rules.iter().any(|r| {
                    (r.table, r.block) == (c.table, c.block)
                        && r.each_row
                        && matches!(r.kind, RuleKind::Sum { total, .. } if total == col)
                })
            };
            names.columns = (0..block.columns.len())
                .map(|i| {
                    let key = block.columns[i].key.clone();
                    (key, block.column_name(i, script), total(i))
                })
                .collect();
            names.carried_in = block.rows[c.this_year].full_label(script);
            names.carried_out = block.rows[c.last_year].full_label(script);
        }
        if let Some(s) = &f.across.stock {
            let block = &f.table(s.table).blocks[s.block];
            let names_of =
                |cols: &[usize]| cols.iter().map(|&i| block.column_name(i, script)).collect();
            names.stock = block.column_name(s.stock, script);
            names.plus = names_of(&s.plus);
            names.minus = names_of(&s.minus);
        }
        names
    }

    /// A column's name, and whether it is a total.
    fn column<'a>(&'a self, key: &'a str) -> (&'a str, bool) {
        self.columns
            .iter()
            .find(|(k, _, _)| k == key)
            .map_or((key, false), |(_, n, t)| (n.as_str(), *t))
    }
}

/// Findings in `cur` (year N) against `prev` (year N−1), named by the format of `cur`.
fn compare(pair: &Pair) -> Vec<Finding> {
    let (cur, prev, p, voice) = (pair.cur, pair.prev, pair.prev_doc, pair.voice);
    let finding = |range, message, related| pair.finding(&CHECK, range, message, vec![related]);
    let names = Names::new(pair.format, voice.script);
    let mut out = Vec::new();
    let py = prev.year.unwrap_or_default();
    let mut differing: Vec<(&String, &Cell, &Cell)> = Vec::new();
    for (key, c) in &cur.carried_in {
        if let Some((_, q)) = prev.carried_out.iter().find(|(k, _)| k == key)
            && c.value != q.value
        {
            differing.push((key, c, q));
        }
    }
    // Part columns come before their total: when a part differs, the total follows from it.
    let parts_differ = differing.iter().any(|(k, _, _)| !names.column(k).1);
    let (this_row, last_row) = (&names.carried_in, &names.carried_out);
    for (key, c, q) in differing {
        let (column, is_total) = names.column(key);
        if parts_differ && is_total {
            continue;
        }
        out.push(finding(
            c.range.clone(),
            voice.say(
                format!(
                    "「{this_row}」·「{column}」为{}，但{py}年报告的「{last_row}」为{}",
                    c.value, q.value
                ),
                format!(
                    "「{this_row}」·「{column}」 is {}, but the {py} report has 「{last_row}」 {}",
                    c.value, q.value
                ),
            ),
            Related {
                range: q.range.clone(),
                message: voice.say(
                    format!("{py}年：「{last_row}」·「{column}」 = {}", q.value),
                    format!("{py}: 「{last_row}」·「{column}」 = {}", q.value),
                ),
                doc: Some(p),
            },
        ));
    }
    if let (Some((stock, plus, minus)), Some((last, _, _))) = (&cur.stock, &prev.stock) {
        let add: i64 = plus.iter().map(|c| c.value).sum();
        let sub: i64 = minus.iter().map(|c| c.value).sum();
        let expected = last.value + add - sub;
        if expected != stock.value {
            // 「29 + 本年制发件数5 − 本年废止件数2」, one term per column of the template.
            let mut terms = last.value.to_string();
            for (n, c) in names.plus.iter().zip(plus) {
                terms.push_str(&format!(" + {n}{}", c.value));
            }
            for (n, c) in names.minus.iter().zip(minus) {
                terms.push_str(&format!(" − {n}{}", c.value));
            }
            let name = &names.stock;
            out.push(finding(
                stock.range.clone(),
                voice.say(
                    format!(
                        "「{name}」为{}，但按{py}年报告计算 {terms} 应为{expected}",
                        stock.value
                    ),
                    format!(
                        "「{name}」 is {}, but from the {py} report {terms} makes {expected}",
                        stock.value
                    ),
                ),
                Related {
                    range: last.range.clone(),
                    message: voice.say(
                        format!("{py}年：「{name}」 = {}", last.value),
                        format!("{py}: 「{name}」 = {}", last.value),
                    ),
                    doc: Some(p),
                },
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::checks::testing::render_across;
    use crate::code::Code;
    use crate::cross::{cross_check, summarize};
    use crate::model::Model;
    use crate::voice::Lang;
    use expect_test::expect;

    const Y24: &str = include_str!("../../tests/fixtures/years/qingshi-2024.txt");
    const Y25: &str = include_str!("../../tests/fixtures/years/qingshi-2025.txt");

    fn findings(texts: &[&str]) -> Vec<(usize, String, String)> {
        let sums: Vec<_> = texts.iter().map(|t| summarize(&Model::new(t))).collect();
        let refs: Vec<_> = sums.iter().collect();
        cross_check(&refs, Lang::Chinese)
            .into_iter()
            .filter(|(_, f)| f.code == Code::CarryoverMismatch)
            .map(|(i, f)| (i, texts[i][f.range.clone()].to_string(), f.message))
            .collect()
    }

    #[test]
    fn carried_over_part_and_stock_in_force() {
        // The part column only; its total follows from it.
        expect![[r#"
            #1 50:19 warning[carryover-mismatch] 「二、上年结转政府信息公开申请数量」·「自然人」为3，但2024年报告的「四、结转下年度继续办理」为2
              related: #0 73:14 2024年：「四、结转下年度继续办理」·「自然人」 = 2
            #1 32:13 warning[carryover-mismatch] 「现行有效件数」为31，但按2024年报告计算 29 + 本年制发件数5 − 本年废止件数2 应为32
              related: #0 32:13 2024年：「现行有效件数」 = 29
        "#]].assert_eq(&render_across(&[Y24, Y25], Code::CarryoverMismatch));
        let f = findings(&[Y24, Y25]);
        assert_eq!((f[0].0, f[0].1.as_str()), (1, "3"));
        assert_eq!((f[1].0, f[1].1.as_str()), (1, "31"));
    }

    #[test]
    fn traditional_reports_get_the_template_labels_in_their_script() {
        let (a, b) = (crate::text::to_hant(Y24), crate::text::to_hant(Y25));
        expect![[r#"
            #1 50:19 warning[carryover-mismatch] 「二、上年結轉政府信息公開申請數量」·「自然人」為3，但2024年報告的「四、結轉下年度繼續辦理」為2
              related: #0 73:14 2024年：「四、結轉下年度繼續辦理」·「自然人」 = 2
            #1 32:13 warning[carryover-mismatch] 「現行有效件數」為31，但按2024年報告計算 29 + 本年製發件數5 − 本年廢止件數2 應為32
              related: #0 32:13 2024年：「現行有效件數」 = 29
        "#]].assert_eq(&render_across(&[&a, &b], Code::CarryoverMismatch));
    }

    #[test]
    fn not_across_organisations_gaps_or_duplicates() {
        let other = Y24.replace("青石县溪口镇人民政府", "白沙乡人民政府");
        assert!(findings(&[&other, Y25]).is_empty());
        let two_years_back = Y24.replace("2024年", "2023年");
        assert!(findings(&[&two_years_back, Y25]).is_empty());
        // Two 2024 reports of one organisation: which one carries over is unknown.
        assert!(findings(&[Y24, Y24, Y25]).is_empty());
        let consistent = include_str!("../../tests/fixtures/years/qingshi-2023.txt");
        assert!(findings(&[consistent, Y24]).is_empty());
    }
}
