//! `missing-fee-statement`: section 六 of a 2021 or later report does not say whether the
//! information processing fee (信息处理费) was charged.

use super::{Check, Ctx, Needs, Run};
use crate::code::Code;
use crate::finding::{Finding, Severity};
use crate::text::normalize;

pub const CHECK: Check = Check {
    code: Code::MissingFeeStatement,
    severity: Severity::Warning,
    run: Run::Document(run),
    summary: "section 六 of a 2021+ report does not state whether 信息处理费 was charged",
    needs: Needs::Format,
    offers_fix: false,
};

fn run(cx: &Ctx) -> Vec<Finding> {
    let m = cx.model;
    let mut out = Vec::new();
    for (i, spec) in m.format.sections_with_ids() {
        let Some(from) = spec.fee_from_year else {
            continue;
        };
        if m.year.as_ref().is_some_and(|y| y.year < from) || m.format.first_year < from {
            continue;
        }
        let Some(hit) = m.section(i) else { continue };
        let body = normalize(m.slice(&hit.body));
        if spec.fee_keywords.iter().any(|k| body.contains(k.as_str())) {
            continue;
        }
        out.push(cx.finding(
            &CHECK,
            hit.heading.clone(),
            cx.say(
                format!(
                        "本部分未说明是否依据{}收取信息处理费",
                        spec.fee_rule
                            .as_ref()
                            .map_or("相关规定", |r| r.get(cx.model.script))
                    ),
                "This section does not say whether an information processing fee was charged",
            ),
            Vec::new(),
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::checks::testing::*;
    use crate::code::Code;
    use expect_test::expect;

    #[test]
    fn none_alone_is_not_a_statement() {
        let text = CLEAN.replace(
            "本年度未收取信息处理费。年度政务公开工作要点均已落实。",
            "无",
        );
        expect![[r#"
            86:1 warning[missing-fee-statement] 本部分未说明是否依据《政府信息公开信息处理费管理办法》收取信息处理费
        "#]].assert_eq(&render(&text, Code::MissingFeeStatement));
    }

    #[test]
    fn a_traditional_report_is_told_in_traditional_script() {
        let text = "芷江縣𠀀2025年政府信息公開工作年度報告\n六、其他需要報告的事項\n年度工作要點均已落實。\n";
        expect![[r#"
            2:1 warning[missing-fee-statement] 本部分未說明是否依據《政府信息公開信息處理費管理辦法》收取信息處理費
        "#]].assert_eq(&render(text, Code::MissingFeeStatement));
    }

    #[test]
    fn administrative_fees_are_not_the_processing_fee() {
        let text = CLEAN.replace(
            "本年度未收取信息处理费。",
            "本年度行政事业性收费情况见上表。",
        );
        assert_eq!(findings(&text, Code::MissingFeeStatement).len(), 1);
    }

    #[test]
    fn statements_in_either_script_and_older_reports() {
        assert!(findings(CLEAN, Code::MissingFeeStatement).is_empty());
        let hant = CLEAN.replace("本年度未收取信息处理费。", "本年度沒有產生信息公開處理費。");
        assert!(findings(&hant, Code::MissingFeeStatement).is_empty());
        let old = CLEAN
            .replace("2025年政府信息", "2020年政府信息")
            .replace("本年度未收取信息处理费。", "");
        assert!(findings(&old, Code::MissingFeeStatement).is_empty());
    }
}
