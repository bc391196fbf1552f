//! `outdated-format`: a report for 2021 or later that uses a table of the 2019 trial format, or
//! cites the 2019 notice (国办公开办函〔2019〕60号).

use super::{Check, Ctx, Needs, Run};
use crate::code::Code;
use crate::finding::{Edit, Finding, Fix, Related, Severity};
use crate::model::TableModel;
use crate::template::Template;
use crate::text::{fold_prose, to_han_ordinal};
use std::ops::Range;

pub const CHECK: Check = Check {
    code: Code::OutdatedFormat,
    severity: Severity::Error,
    run: Run::Document(run),
    summary: "2019-format tables, or a citation of 〔2019〕60号, in a 2021+ report",
    needs: Needs::Year,
    offers_fix: true,
};

/// The parts of a notice that identify it whatever its brackets: 「2019」 and 「60号」 in
/// 「国办公开办函〔2019〕60号」.
/// Also the issuer's name before the bracket (「国办公开办函」).
fn notice_key(notice: &str) -> Option<(String, String, String)> {
    let folded: String = notice.chars().map(fold_prose).collect();
    let open = folded.find(['〔', '[', '(', '【'])?;
    let close = folded[open..].find(['〕', ']', ')', '】'])? + open;
    let issuer = folded[..open].to_string();
    let year = folded[open..close]
        .trim_start_matches(['〔', '[', '(', '【'])
        .to_string();
    let number = folded[close..]
        .trim_start_matches(['〕', ']', ')', '】'])
        .to_string();
    Some((issuer, year, number))
}

/// Where `text` cites the notice: the year in brackets followed by the number.
fn citations(text: &str, issuer: &str, year: &str, number: &str) -> Vec<Range<usize>> {
    // Most reports cite nothing of that year: look for its digits before folding the text.
    let wide: String = year
        .chars()
        .map(|c| char::from_u32(c as u32 + 0xFEE0).unwrap_or(c))
        .collect();
    if !text.contains(year) && !text.contains(wide.as_str()) {
        return Vec::new();
    }
    let folded: Vec<(usize, char)> = text
        .char_indices()
        .map(|(i, c)| (i, fold_prose(c)))
        .collect();
    let mut out = Vec::new();
    let opens = ['〔', '[', '(', '【'];
    let closes = ['〕', ']', ')', '】'];
    let y: Vec<char> = year.chars().collect();
    let n: Vec<char> = number.chars().collect();
    for k in 0..folded.len() {
        if !opens.contains(&folded[k].1) {
            continue;
        }
        let yr = k + 1..k + 1 + y.len();
        let cl = yr.end;
        let nr = cl + 1..cl + 1 + n.len();
        if nr.end > folded.len() {
            continue;
        }
        let same =
            |r: Range<usize>, w: &[char]| folded[r].iter().map(|x| x.1).eq(w.iter().copied());
        if same(yr, &y) && closes.contains(&folded[cl].1) && same(nr.clone(), &n) {
            // From the issuer's name when it is there (国办公开办函), to the number.
            let iss: Vec<char> = issuer.chars().collect();
            let start = if k >= iss.len() && same(k - iss.len()..k, &iss) {
                k - iss.len()
            } else {
                k
            };
            let end = folded.get(nr.end).map(|x| x.0).unwrap_or(text.len());
            out.push(folded[start].0..end);
        }
    }
    out
}

fn run(cx: &Ctx) -> Vec<Finding> {
    let m = cx.model;
    // Only a report whose year is known to need a newer format.
    let Some(year) = m.year.as_ref().map(|y| y.year) else {
        return Vec::new();
    };
    let current = m.format;
    if year < current.first_year {
        return Vec::new();
    }
    let notice = current.notice.get(m.script);
    let mut out = Vec::new();
    for t in &m.tables {
        out.extend(old_table(cx, t, year));
    }
    for f in Template::get()
        .formats
        .iter()
        .filter(|f| f.first_year < current.first_year)
    {
        let Some((issuer, y, number)) = notice_key(&f.notice.hans) else {
            continue;
        };
        for r in citations(m.text, &issuer, &y, &number) {
            let cited = m.slice(&r).to_string();
            out.push(cx.finding(
                &CHECK,
                r,
                cx.say(
                    format!("引用了已被替代的「{cited}」，{year}年的报告应依据{notice}"),
                    format!("Cites 「{cited}」, which was replaced; a report for {year} follows {notice}"),
                ),
                Vec::new(),
            ));
        }
    }
    out
}

/// One finding for a table read in an older format, or holding labels the report's format
/// dropped: at the first old label (or row) a clerk must change, naming the others.
fn old_table(cx: &Ctx, t: &TableModel, year: i32) -> Option<Finding> {
    let m = cx.model;
    let current = m.format;
    let read_old = t.present && t.format.first_year < current.first_year;
    if !read_old && t.retired.is_empty() {
        return None;
    }
    let s = current.section(t.table_spec().section);
    let n = to_han_ordinal(s.number);
    let notice = current.notice.get(m.script);
    let labels: Vec<String> = t
        .retired
        .iter()
        .map(|h| format!("「{}」", m.slice(&h.range)))
        .take(3)
        .collect();
    // Where to point: the first old label; else the first row the report's format lacks (the
    // 2019 single row （六）其他处理); else the header.
    let now = current.table(t.spec);
    let has_row = |key: &str| {
        now.blocks
            .iter()
            .any(|b| b.rows.iter().any(|r| r.key == key))
    };
    let old_row = t
        .each_row()
        .find(|r| !has_row(&r.block.spec.rows[r.row.row].key));
    let range = t
        .retired
        .first()
        .map(|h| h.range.clone())
        .or_else(|| old_row.and_then(|r| r.row.label.as_ref().map(|l| l.range.clone())))
        .or_else(|| {
            t.blocks
                .iter()
                .find_map(|b| b.header.as_ref().map(|h| h.range.clone()))
        })
        .unwrap_or(t.range.clone());
    let named = if labels.is_empty() {
        old_row
            .map(|r| format!("（如「{}」）", r.name(m.script)))
            .unwrap_or_default()
    } else {
        format!("（如{}）", labels.join(""))
    };
    let (zh, en) = if read_old {
        let old = t.format.notice.get(m.script);
        (
            format!(
                "第{n}部分的统计表是{}年试行格式（{old}）{named}，{year}年的报告应使用{}年格式（{notice}）",
                t.format.first_year, current.first_year
            ),
            format!(
                "The table of section {} follows the {} trial format ({old}){named}; a report for {year} must use the {} format ({notice})",
                s.number, t.format.first_year, current.first_year
            ),
        )
    } else {
        let r = &current.retired[t.retired[0].label];
        let replaced = r
            .replaced_by
            .as_ref()
            .map(|l| format!("，应为「{}」", l.get(m.script)))
            .unwrap_or_default();
        let replaced_en = r
            .replaced_by
            .as_ref()
            .map(|l| format!("; it is 「{}」 now", l.get(m.script)))
            .unwrap_or_default();
        (
            format!(
                "第{n}部分的统计表用了{}年试行格式的写法{}{replaced}；{year}年的报告应使用{}年格式（{notice}）",
                r.format,
                labels.join(""),
                current.first_year
            ),
            format!(
                "The table of section {} uses the wording of the {} trial format, {}{replaced_en}; a report for {year} follows the {} format ({notice})",
                s.number,
                r.format,
                labels.join(""),
                current.first_year
            ),
        )
    };
    // Old labels in a table read in the report's format, each with a newer wording: one safe
    // fix writes them all.
    let edits: Option<Vec<Edit>> = (!read_old)
        .then(|| {
            t.retired
                .iter()
                .map(|h| {
                    current.retired[h.label].replaced_by.as_ref().map(|l| Edit {
                        range: h.range.clone(),
                        new_text: l.get(m.script).to_string(),
                    })
                })
                .collect()
        })
        .flatten();
    let fixes = edits
        .map(|edits| Fix {
            title: cx.say("改为现行格式的写法", "Use the current format's wording"),
            edits,
            safe: true,
        })
        .into_iter()
        .collect();
    let mut f = cx.finding(&CHECK, range, cx.say(zh, en), fixes);
    f.related = t.retired[1.min(t.retired.len())..]
        .iter()
        .map(|h| Related {
            range: h.range.clone(),
            message: m.slice(&h.range).to_string(),
            doc: None,
        })
        .collect();
    Some(f)
}

#[cfg(test)]
mod tests {
    use crate::checks::testing::*;
    use crate::code::Code;
    use expect_test::expect;

    fn old_tables_in(year: u32) -> String {
        include_str!("../../tests/fixtures/clean_2019.txt").replace("2020年", &format!("{year}年"))
    }

    #[test]
    fn old_tables_in_a_new_report_are_one_finding_each() {
        let text = old_tables_in(2025);
        expect![[r#"
            30:6 error[outdated-format] 第二部分的统计表是2019年试行格式（国办公开办函〔2019〕60号）（如「本年新制作数量」「本年新公开数量」「对外公开总数量」），2025年的报告应使用2021年格式（国办公开办函〔2021〕30号）
            73:2 error[outdated-format] 第三部分的统计表是2019年试行格式（国办公开办函〔2019〕60号）（如「（六）其他处理」），2025年的报告应使用2021年格式（国办公开办函〔2021〕30号）
        "#]].assert_eq(&render(&text, Code::OutdatedFormat));
        // No cascade of missing rows and columns.
        let errors: Vec<_> = crate::checks::check_text(&text, &Default::default())
            .into_iter()
            .filter(|f| {
                f.severity == crate::finding::Severity::Error && f.code != Code::OutdatedFormat
            })
            .collect();
        assert!(errors.is_empty(), "{errors:#?}");
    }

    #[test]
    fn a_citation_of_the_old_notice() {
        let text = CLEAN.replace("编制，统计期限", "及国办公开办函（2019）60号编制，统计期限");
        let f = findings(&text, Code::OutdatedFormat);
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!(&text[f[0].range.clone()], "国办公开办函（2019）60号");
        let other = CLEAN.replace("编制，统计期限", "及国办公开办函〔2019〕61号编制，统计期限");
        assert!(findings(&other, Code::OutdatedFormat).is_empty());
    }

    #[test]
    fn not_in_reports_of_2019_and_2020_nor_without_a_year() {
        assert!(findings(&old_tables_in(2020), Code::OutdatedFormat).is_empty());
        let no_year = old_tables_in(2025)
            .replacen(
                "2025年政府信息公开工作年度报告",
                "政府信息公开工作年度报告",
                1,
            )
            .replace(
                "统计期限自2025年1月1日起至2025年12月31日止",
                "统计期限为本年度",
            );
        assert!(findings(&no_year, Code::OutdatedFormat).is_empty());
        assert!(findings(CLEAN, Code::OutdatedFormat).is_empty());
    }
}
