//! `carryover-mismatch`: 上年结转 of year N differs from 结转下年度继续办理 of year N−1 of the
//! same organisation (column by column), or 现行有效 of N−1 + 本年制发 − 本年废止 differs from
//! 现行有效 of N. Runs when both reports are checked together (see `cross.rs`).

use super::{Check, Run};
use crate::cross::{Cell, Summary};
use crate::finding::{Finding, Related, Severity, Voice};

pub const CHECK: Check = Check {
    code: "carryover-mismatch",
    severity: Severity::Warning,
    run: Run::AcrossYears,
    summary: "上年结转 differs from last year's 结转下年度继续办理 (or the stock of documents in force does not carry over)",
};

/// Part columns come before their total: when a part differs, the total follows from it.
fn is_total(key: &str) -> bool {
    key == "total" || key == "subtotal"
}

fn finding(range: std::ops::Range<usize>, message: String, related: Related) -> Finding {
    Finding {
        code: CHECK.code,
        severity: CHECK.severity,
        range,
        message,
        fixes: Vec::new(),
        related: vec![related],
    }
}

/// Findings in `cur` (year N) against `prev` (year N−1, report number `p`).
pub(crate) fn compare(
    cur: &Summary,
    prev: &Summary,
    p: usize,
    voice: Voice,
    column_name: &dyn Fn(&str) -> String,
) -> Vec<Finding> {
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
    let parts_differ = differing.iter().any(|(k, _, _)| !is_total(k));
    for (key, c, q) in differing {
        if parts_differ && is_total(key) {
            continue;
        }
        let column = column_name(key);
        out.push(finding(
            c.range.clone(),
            voice.say(
                format!(
                    "「上年结转」·「{column}」为{}，但{py}年报告的「结转下年度继续办理」为{}",
                    c.value, q.value
                ),
                format!(
                    "Carried over ({column}) is {}, but the {py} report carried {} to this year",
                    c.value, q.value
                ),
            ),
            Related {
                range: q.range.clone(),
                message: voice.say(
                    format!("{py}年：结转下年度继续办理 = {}", q.value),
                    format!("{py}: carried to next year = {}", q.value),
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
            out.push(finding(
                stock.range.clone(),
                voice.say(
                    format!("现行有效件数为{}，但按{py}年报告的{} + 本年制发{add} − 本年废止{sub}应为{expected}", stock.value, last.value),
                    format!("In force: {}, but {} in {py} + {add} issued − {sub} repealed makes {expected}", stock.value, last.value),
                ),
                Related {
                    range: last.range.clone(),
                    message: voice.say(format!("{py}年：现行有效 = {}", last.value), format!("{py}: in force = {}", last.value)),
                    doc: Some(p),
                },
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::cross::{cross_check, summarize};
    use crate::finding::Lang;
    use crate::model::Model;

    const Y24: &str = include_str!("../../tests/fixtures/years/qingshi-2024.txt");
    const Y25: &str = include_str!("../../tests/fixtures/years/qingshi-2025.txt");

    fn findings(texts: &[&str]) -> Vec<(usize, String, String)> {
        let sums: Vec<_> = texts.iter().map(|t| summarize(&Model::new(t))).collect();
        let refs: Vec<_> = sums.iter().collect();
        cross_check(&refs, Lang::Chinese)
            .into_iter()
            .filter(|(_, f)| f.code == "carryover-mismatch")
            .map(|(i, f)| (i, texts[i][f.range.clone()].to_string(), f.message))
            .collect()
    }

    #[test]
    fn carried_over_part_and_stock_in_force() {
        let f = findings(&[Y24, Y25]);
        assert_eq!(f.len(), 2, "{f:#?}");
        // The part column only; its total follows from it.
        assert_eq!((f[0].0, f[0].1.as_str()), (1, "3"));
        assert!(
            f[0].2
                .contains("「上年结转」·「自然人」为3，但2024年报告的「结转下年度继续办理」为2"),
            "{}",
            f[0].2
        );
        assert_eq!((f[1].0, f[1].1.as_str()), (1, "31"));
        assert!(
            f[1].2.contains("29 + 本年制发5 − 本年废止2应为32"),
            "{}",
            f[1].2
        );
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
