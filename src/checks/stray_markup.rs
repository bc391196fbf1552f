//! `stray-markup`: leftovers of a conversion from Word, PDF or a web page, such as
//! `[bookmark: _GoBack]`, HTML tags and entities, or replacement characters.

use super::{Check, Ctx, Needs, Run};
use crate::code::Code;
use crate::finding::{Edit, Finding, Fix, Severity};
use crate::text::markup_spans;

pub const CHECK: Check = Check {
    code: Code::StrayMarkup,
    severity: Severity::Warning,
    run: Run::Document(run),
    summary: "conversion leftovers such as [bookmark: _GoBack]",
    needs: Needs::Text,
    offers_fix: true,
};

fn run(cx: &Ctx) -> Vec<Finding> {
    let m = cx.model;
    // A table cell that holds nothing but a leftover (「&nbsp;」 for 0) is a blank cell, and
    // `empty-cell` reports it, with a fix that replaces the leftover.
    let blanks: Vec<std::ops::Range<usize>> = m
        .each_cell()
        .filter(|c| matches!(c.cell.value, crate::model::Value::Blank) && c.cell.col.is_some())
        .map(|c| c.cell.range.clone())
        .filter(|r| !r.is_empty())
        .collect();
    markup_spans(m.text)
        .into_iter()
        .filter(|r| {
            let i = blanks.partition_point(|b| b.end <= r.start);
            blanks
                .get(i)
                .is_none_or(|b| !(b.start <= r.start && r.end <= b.end))
        })
        .map(|r| {
            let found = m.slice(&r).to_string();
            let fix = Fix {
                title: cx.say(format!("删除「{found}」"), format!("Delete 「{found}」")),
                edits: vec![Edit {
                    range: r.clone(),
                    new_text: String::new(),
                }],
                safe: true,
            };
            cx.finding(
                &CHECK,
                r,
                cx.say(
                    format!("「{found}」是文档转换留下的标记"),
                    format!("「{found}」 is left over from a document conversion"),
                ),
                vec![fix],
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::checks::testing::*;
    use crate::code::Code;
    use crate::text::markup_spans as find_markup;

    #[test]
    fn finds_converter_leftovers() {
        let text = "𠀀[bookmark: _GoBack]2025年，<br>我区&nbsp;共&#12288;收到<span class=\"x\">申请</span>。\u{FFFD}";
        let found: Vec<&str> = find_markup(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(
            found,
            [
                "[bookmark: _GoBack]",
                "<br>",
                "&nbsp;",
                "&#12288;",
                "<span class=\"x\">",
                "</span>",
                "\u{FFFD}"
            ]
        );
    }

    #[test]
    fn leftovers_among_full_width_punctuation() {
        // Full-width characters start with the same byte as U+FFFD.
        let text = "，，[bookmark: a]，（\u{FFFD}）。&nbsp;！<p>";
        let found: Vec<&str> = find_markup(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(found, ["[bookmark: a]", "\u{FFFD}", "&nbsp;", "<p>"]);
        assert!(find_markup("，。（）！").is_empty());
    }

    #[test]
    fn the_fix_deletes_it() {
        let text = CLEAN.replace("一是部分村务", "[bookmark: _GoBack]一是部分村务");
        let f = findings(&text, Code::StrayMarkup);
        assert_eq!(f.len(), 1);
        assert_eq!(apply(&text, &f[0].fixes[0]), CLEAN);
    }

    #[test]
    fn ordinary_text_is_not_markup() {
        for text in ["a < b > c", "《条例》", "[1]", "R&D", "x<3", "<本>"] {
            assert!(find_markup(text).is_empty(), "{text}");
        }
        assert!(findings(CLEAN, Code::StrayMarkup).is_empty());
    }
}
