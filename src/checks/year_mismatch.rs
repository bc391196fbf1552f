//! `year-mismatch`: the statistics period (「自2025年1月1日起至2025年12月31日止」) does not
//! cover the year of the title, or does not run from 1 January to 31 December. Other mentions
//! of years are ordinary prose and are not checked.

use super::{Check, Ctx, Run};
use crate::code::Code;
use crate::finding::{Finding, Severity};
use crate::text::{fold_prose, is_space, normalize};
use std::ops::Range;

pub const CHECK: Check = Check {
    code: Code::YearMismatch,
    severity: Severity::Warning,
    run: Run::Document(run),
    summary: "the year in the title and the statistics period disagree",
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
            let y = number(&mut k)?;
            if k - i != 4 || chars.get(k)?.1 != '年' {
                return None;
            }
            k += 1;
            let mo = number(&mut k)?;
            if chars.get(k)?.1 != '月' {
                return None;
            }
            k += 1;
            let d = number(&mut k)?;
            if chars.get(k)?.1 != '日' {
                return None;
            }
            Some((y as i32, mo, d))
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
        let mut flag = |d: &Date, zh: String, en: String| {
            out.push(cx.finding(&CHECK, d.range.clone(), cx.say(zh, en), Vec::new()));
        };
        if start.year != y {
            flag(
                start,
                format!("统计期限从{}年开始，与标题的{y}年不一致", start.year),
                format!(
                    "The statistics period starts in {}, but the title says {y}",
                    start.year
                ),
            );
        } else if (start.month, start.day) != (first.month, first.day) {
            flag(
                start,
                format!(
                    "统计期限应自{y}年{}月{}日起，这里是{}月{}日",
                    first.month, first.day, start.month, start.day
                ),
                format!(
                    "The statistics period should start on {}/{}/{y}, not {}/{}",
                    first.day, first.month, start.day, start.month
                ),
            );
        }
        if end.year != y {
            flag(
                end,
                format!("统计期限至{}年止，与标题的{y}年不一致", end.year),
                format!(
                    "The statistics period ends in {}, but the title says {y}",
                    end.year
                ),
            );
        } else if (end.month, end.day) != (last.month, last.day) {
            flag(
                end,
                format!(
                    "统计期限应至{y}年{}月{}日止，这里是{}月{}日",
                    last.month, last.day, end.month, end.day
                ),
                format!(
                    "The statistics period should end on {}/{}/{y}, not {}/{}",
                    last.day, last.month, end.day, end.month
                ),
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::dates;
    use crate::checks::testing::*;
    use crate::code::Code;

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
        let f = findings(&text, Code::YearMismatch);
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!(&text[f[0].range.clone()], "2025年12月21日");
        assert!(
            f[0].message
                .contains("应至2025年12月31日止，这里是12月21日")
        );
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
        let f = findings(&text, Code::YearMismatch);
        assert_eq!(f.len(), 2, "{f:#?}");
        assert!(f[0].message.contains("与标题的2025年不一致"));
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
