//! `unknown-format`: the checker cannot tell which official format the report follows, because
//! its title gives no year (the 2021 format is assumed, and the checks that need the year are
//! not run), or because the year is before the first official format (only the text is
//! checked). Said once, as information, naming what was left out.

use super::{CHECKS, Check, Ctx, Needs, Run};
use crate::code::Code;
use crate::finding::{Finding, Severity};
use crate::template::Template;

pub const CHECK: Check = Check {
    code: Code::UnknownFormat,
    severity: Severity::Information,
    run: Run::Document(run),
    summary: "no year in the title, or a year before the official formats: what was not checked",
    needs: Needs::Text,
    offers_fix: false,
};

fn run(cx: &Ctx) -> Vec<Finding> {
    let m = cx.model;
    // An empty report is said to be empty (missing-section), nothing more.
    if m.lines.iter().all(|l| l.is_blank()) {
        return Vec::new();
    }
    let template = Template::get();
    let first = template
        .formats
        .iter()
        .min_by_key(|f| f.first_year)
        .expect("the template has formats");
    // Where the title is: the first line with text.
    let title = m
        .lines
        .iter()
        .find(|l| !l.is_blank())
        .map_or(0..0, |l| l.range.clone());
    let skipped = |needs: Needs| -> String {
        CHECKS
            .iter()
            .filter(|c| c.needs == needs || (needs == Needs::Format && c.needs == Needs::Year))
            .map(|c| c.code.as_str())
            .collect::<Vec<_>>()
            .join("、")
    };
    match &m.year {
        None => {
            let which = skipped(Needs::Year);
            let format = m.format;
            vec![cx.finding(
                &CHECK,
                title,
                cx.say(
                    format!(
                        "标题中没有找到报告的年度（如「2025年」），按{}年格式（{}）检查；以下检查需要年度，未进行：{which}",
                        format.first_year,
                        format.notice.get(m.script)
                    ),
                    format!(
                        "The title gives no year (such as 「2025年」); the report is checked against the {} format, and these checks, which need the year, were not run: {which}",
                        format.first_year
                    ),
                ),
                Vec::new(),
            )]
        }
        Some(y) if m.before_formats() => {
            let which = skipped(Needs::Format);
            vec![cx.finding(
                &CHECK,
                y.range.clone(),
                cx.say(
                    format!(
                        "这是{}年度的报告，早于{}年起施行的年度报告格式（{}），章节和统计表未按格式检查；未进行的检查：{which}",
                        y.year,
                        first.first_year,
                        first.notice.get(m.script)
                    ),
                    format!(
                        "This is a report for {}, before the official format of {} ({}); its sections and tables were not checked against it. Not run: {which}",
                        y.year,
                        first.first_year,
                        first.notice.hans
                    ),
                ),
                Vec::new(),
            )]
        }
        Some(_) => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use crate::checks::testing::*;
    use crate::code::Code;
    use expect_test::expect;

    #[test]
    fn no_year_is_said_once_with_what_was_left_out() {
        let text = CLEAN
            .replace("2025年政府信息公开工作年度报告", "政府信息公开工作年度报告")
            .replace(
                "统计期限自2025年1月1日起至2025年12月31日止",
                "统计期限为本年度",
            );
        expect![[r#"
            1:1 information[unknown-format] 标题中没有找到报告的年度（如「2025年」），按2021年格式（国办公开办函〔2021〕30号）检查；以下检查需要年度，未进行：outdated-format、year-mismatch、carryover-mismatch、copied-text
        "#]]
        .assert_eq(&render(&text, Code::UnknownFormat));
    }

    #[test]
    fn a_report_before_the_formats_is_checked_for_its_text_only() {
        let text = include_str!("../../tests/fixtures/clean_2019.txt")
            .replace("2020年", "2018年")
            .replace(
                "政府信息公开工作年度报告",
                "政府信息公开工作年度报告<o:p></o:p>",
            );
        let all = crate::checks::check_text(&text, &Default::default());
        let codes: Vec<&str> = all.iter().map(|f| f.code.as_str()).collect();
        assert_eq!(codes, ["unknown-format", "stray-markup"]);
        expect![[r#"
            1:11 information[unknown-format] 这是2018年度的报告，早于2019年起施行的年度报告格式（国办公开办函〔2019〕60号），章节和统计表未按格式检查；未进行的检查：missing-section、duplicate-section、section-order、nonstandard-heading、missing-table、missing-row、missing-column、cell-count、nonstandard-label、empty-cell、invalid-number、total-mismatch、balance-mismatch、narrative-mismatch、missing-fee-statement、outdated-format、year-mismatch、carryover-mismatch、copied-text
        "#]].assert_eq(&render(&text, Code::UnknownFormat));
    }

    #[test]
    fn silent_when_the_year_is_known() {
        assert!(findings(CLEAN, Code::UnknownFormat).is_empty());
        let old = include_str!("../../tests/fixtures/clean_2019.txt");
        assert!(findings(old, Code::UnknownFormat).is_empty());
    }
}
