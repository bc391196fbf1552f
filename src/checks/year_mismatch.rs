//! `year-mismatch`: the statistics period (「自2025年1月1日起至2025年12月31日止」) does not
//! cover the year of the title, or does not run from 1 January to 31 December. Other mentions
//! of years are ordinary prose and are not checked.

use super::{Check, Ctx, Needs, Run};
use crate::code::Code;
use crate::finding::{Finding, Severity};
use crate::text::{fold_prose, is_space, normalize};
use std::ops::Range;

pub const CHECK: Check = Check {
    code: Code::YearMismatch,
    severity: Severity::Warning,
    run: Run::Document(run),
    summary: "the year in the title and the statistics period disagree",
    needs: Needs::Year,
    offers_fix: false,
};

/// A date written as 「2025年1月1日」 (spaces allowed), with its byte range.
#[derive(Debug, PartialEq, Eq)]
struct Date {
    year: i32,
    month: u32,
    day: u32,
    range: Range<usize>,
}

fn dates(text: &str, range: Range<usize>) -> Vec<Date> {
    let chars: Vec<(usize, char)> = text[range.clone()]
        .char_indices()
        .map(|(i, c)| (range.start + i, fold_prose(c)))
        .filter(|(_, c)| !is_space(*c))
        .collect();
    let mut out = Vec::new();
    let number = |k: &mut usize| -> Option<u32> {
        let start = *k;
        let mut v = 0u32;
        while *k < chars.len() && chars[*k].1.is_ascii_digit() && *k - start < 4 {
            v = v * 10 + chars[*k].1 as u32 - '0' as u32;
            *k += 1;
        }
        (*k > start).then_some(v)
    };
    let mut i = 0;
    while i < chars.len() {
        let mut k = i;
        let parsed = (|| {
            if i > 0 && chars[i - 1].1.is_ascii_digit() {
                return None;
            }
            // 「2025年12月31日」, or 「12月31日」 in the year of the date before it on the line.
            let y = number(&mut k)?;
            let (y, mo) = if k - i == 4 && chars.get(k)?.1 == '年' {
                k += 1;
                (y as i32, number(&mut k)?)
            } else if chars.get(k)?.1 == '月' && (1..=12).contains(&y) {
                (out.last().map(|d: &Date| d.year)?, y)
            } else {
                return None;
            };
            if chars.get(k)?.1 != '月' {
                return None;
            }
            k += 1;
            let d = number(&mut k)?;
            if chars.get(k)?.1 != '日' {
                return None;
            }
            Some((y, mo, d))
        })();
        match parsed {
            Some((year, month, day)) => {
                let end = chars[k].0 + chars[k].1.len_utf8().max('日'.len_utf8());
                out.push(Date {
                    year,
                    month,
                    day,
                    range: chars[i].0..end.min(text.len()),
                });
                i = k + 1;
            }
            None => i += 1,
        }
    }
    out
}

fn run(cx: &Ctx) -> Vec<Finding> {
    let m = cx.model;
    let Some(title) = &m.year else {
        return Vec::new();
    };
    let y = title.year;
    let report = &crate::template::Template::get().report;
    let (first, last) = (report.period_start, report.period_end);
    let mut out = Vec::new();
    for line in &m.lines {
        let text = line.text(m.text);
        // Only lines with dates can state the period; most lines have none.
        if !(text.contains('年') && text.contains('月') && text.contains('日')) {
            continue;
        }
        // The statistics period: a line with the template's words for it and a date range.
        let folded = normalize(text);
        if !(report
            .period_words
            .iter()
            .any(|w| folded.contains(w.as_str()))
            && (folded.contains('至') || folded.contains('到')))
        {
            continue;
        }
        let ds = dates(m.text, line.range.clone());
        let (Some(start), Some(end)) = (ds.first(), ds.get(1)) else {
            continue;
        };
        let flag = |d: &Date, zh: String, en: String| {
            cx.finding(&CHECK, d.range.clone(), cx.say(zh, en), Vec::new())
        };
        if start.year != y {
            out.push(flag(
                start,
                format!("统计期限从{}年开始，与标题的{y}年不一致", start.year),
                format!(
                    "The statistics period starts in {}, but the title says {y}",
                    start.year
                ),
            ));
        } else if (start.month, start.day) > (first.month, first.day) {
            // A body set up during the year reports from its first day: the year is right, and
            // this is worth knowing, not a mistake.
            let mut f = flag(
                start,
                format!(
                    "统计期限自{y}年{}月{}日起，不是全年（机关年内设立的，可在报告中说明）",
                    start.month, start.day
                ),
                format!(
                    "The statistics period starts on {}/{}/{y}, not on {}/{}: not the whole year (say why if the body was set up during the year)",
                    start.day, start.month, first.day, first.month
                ),
            );
            f.severity = Severity::Information;
            out.push(f);
        }
        if end.year != y {
            out.push(flag(
                end,
                format!("统计期限至{}年止，与标题的{y}年不一致", end.year),
                format!(
                    "The statistics period ends in {}, but the title says {y}",
                    end.year
                ),
            ));
        } else if (end.month, end.day) != (last.month, last.day) {
            out.push(flag(
                end,
                format!(
                    "统计期限应至{y}年{}月{}日止，这里是{}月{}日",
                    last.month, last.day, end.month, end.day
                ),
                format!(
                    "The statistics period should end on {}/{}/{y}, not {}/{}",
                    last.day, last.month, end.day, end.month
                ),
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::dates;
    use crate::checks::testing::*;
    use crate::code::Code;
    use expect_test::expect;

    #[test]
    fn dates_with_spaces_and_full_width_digits() {
        let t = "自 2024 年 1 月 1 日至２０２４年12月31日";
        let d = dates(t, 0..t.len());
        assert_eq!(d.len(), 2);
        assert_eq!((d[0].year, d[0].month, d[0].day), (2024, 1, 1));
        assert_eq!(&t[d[0].range.clone()], "2024 年 1 月 1 日");
        assert_eq!((d[1].year, d[1].month, d[1].day), (2024, 12, 31));
    }

    #[test]
    fn a_wrong_end_date_and_a_wrong_year() {
        let text = CLEAN.replace("至2025年12月31日", "至2025年12月21日");
        expect![[r#"
            3:42 warning[year-mismatch] 统计期限应至2025年12月31日止，这里是12月21日
        "#]]
        .assert_eq(&render(&text, Code::YearMismatch));
        let f = findings(&text, Code::YearMismatch);
        assert_eq!(&text[f[0].range.clone()], "2025年12月21日");
        // The period in traditional script.
        let text = CLEAN.replace(
            "统计期限自2025年1月1日起至2025年12月31日",
            "統計期限自2025年1月2日起至2025年12月31日",
        );
        let f = findings(&text, Code::YearMismatch);
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!(&text[f[0].range.clone()], "2025年1月2日");
        let text = CLEAN.replace(
            "自2025年1月1日起至2025年12月31日",
            "自𠀀2024年1月1日起至2024年12月31日",
        );
        expect![[r#"
            3:32 warning[year-mismatch] 统计期限从2024年开始，与标题的2025年不一致
            3:43 warning[year-mismatch] 统计期限至2024年止，与标题的2025年不一致
        "#]]
        .assert_eq(&render(&text, Code::YearMismatch));
    }

    #[test]
    fn a_later_start_is_information_an_early_end_without_its_year_is_a_warning() {
        let text = CLEAN.replace(
            "统计期限自2025年1月1日起至2025年12月31日止",
            "统计期限自𠀀2025年9月1日起至12月21日止",
        );
        expect![[r#"
            3:32 information[year-mismatch] 统计期限自2025年9月1日起，不是全年（机关年内设立的，可在报告中说明）
            3:43 warning[year-mismatch] 统计期限应至2025年12月31日止，这里是12月21日
        "#]]
        .assert_eq(&render(&text, Code::YearMismatch));
    }

    #[test]
    fn other_years_in_prose_are_fine() {
        assert!(findings(CLEAN, Code::YearMismatch).is_empty());
        let text = CLEAN.replace(
            "按季度清理已公开文件",
            "自2023年起按季度清理已公开文件，2024年12月起统一标注",
        );
        assert!(findings(&text, Code::YearMismatch).is_empty());
    }
}
