//! `nonstandard-label`: a row or column label worded differently from the standard.

use super::{Check, Ctx, Needs, Run};
use crate::code::Code;
use crate::finding::{Edit, Finding, Fix, Severity};

pub const CHECK: Check = Check {
    code: Code::NonstandardLabel,
    severity: Severity::Warning,
    run: Run::Document(run),
    summary: "a row or column label differs from the standard wording",
    needs: Needs::Format,
    offers_fix: true,
};

fn run(cx: &Ctx) -> Vec<Finding> {
    let m = cx.model;
    let mut out = Vec::new();
    let mut push = |range: std::ops::Range<usize>,
                    fix_range: Option<std::ops::Range<usize>>,
                    standard: &str| {
        let found = m.slice(&range);
        let fixes = fix_range
            .map(|r| Fix {
                title: cx.say(
                    format!("改为「{standard}」"),
                    format!("Replace with 「{standard}」"),
                ),
                edits: vec![Edit {
                    range: r,
                    new_text: standard.to_string(),
                }],
                safe: true,
            })
            .into_iter()
            .collect();
        out.push(cx.finding(
            &CHECK,
            range,
            cx.say(
                format!("「{found}」与标准写法「{standard}」不一致"),
                format!("「{found}」 differs from the standard label 「{standard}」"),
            ),
            fixes,
        ));
    };
    for t in &m.tables {
        // Old labels are `outdated-format`'s; in a table read in an older format, wording that
        // format's own is nothing to ask for.
        let retired = |r: &std::ops::Range<usize>| {
            t.retired
                .iter()
                .any(|h| h.range.start < r.end && r.start < h.range.end)
        };
        let older = t.format.first_year < m.format.first_year;
        let now = m.format.table(t.spec);
        let in_report_format = |key: &str| {
            !older
                || now.blocks.iter().any(|b| {
                    b.rows.iter().any(|r| r.key == key) || b.columns.iter().any(|c| c.key == key)
                })
        };
        for block in t.each_block() {
            let (bm, bs) = (block.model, block.spec);
            for row in &bm.rows {
                let Some(l) = &row.label else { continue };
                // A label spread over several cells is often wrapped or interleaved text (PDF
                // exports); only a label read in one cell is judged.
                let Some(range) = l.text_range.clone() else {
                    continue;
                };
                if l.standard
                    || !l.complete
                    || retired(&range)
                    || !in_report_format(&bs.rows[row.row].key)
                {
                    continue;
                }
                let standard = bs.rows[row.row].label.get(m.script);
                push(range.clone(), Some(range), standard);
            }
            if let Some(h) = &bm.header {
                for c in h.columns.iter().filter(|c| {
                    !c.standard && !retired(&c.range) && in_report_format(&bs.columns[c.col].key)
                }) {
                    let standard = bs.columns[c.col].label.get(m.script);
                    push(c.range.clone(), Some(c.range.clone()), standard);
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::checks::testing::*;
    use crate::code::Code;

    #[test]
    fn a_row_label_with_different_words() {
        let text = CLEAN.replace("2.其他法律行政法规禁止公开", "2.其他法律法规禁止公开");
        let f = findings(&text, Code::NonstandardLabel);
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!(&text[f[0].range.clone()], "其他法律法规禁止公开");
        assert_eq!(apply(&text, &f[0].fixes[0]), CLEAN);
    }

    #[test]
    fn a_column_label_with_different_words() {
        let text = CLEAN.replace("\t科研机构\t", "\t科研院所机构\t");
        let f = findings(&text, Code::NonstandardLabel);
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!(apply(&text, &f[0].fixes[0]), CLEAN);
    }

    #[test]
    fn traditional_mixed_and_spaced_labels_are_standard() {
        let text = CLEAN
            .replace("1.属于国家秘密", "1. 屬于國家秘密")
            .replace("4.无正当理由大量反复申请", "4.無正當理由大量反復申請")
            .replace("3.补正后申请内容仍不明确", "3.補正后申請內容仍不明確");
        assert!(findings(&text, Code::NonstandardLabel).is_empty());
        assert!(findings(CLEAN, Code::NonstandardLabel).is_empty());
    }

    #[test]
    fn the_fix_is_written_in_the_document_script() {
        let text = CLEAN.replace("2.其他法律行政法规禁止公开", "2.其他法律法規禁止公開");
        // A mostly simplified report keeps simplified labels.
        let f = findings(&text, Code::NonstandardLabel);
        assert_eq!(f[0].fixes[0].edits[0].new_text, "其他法律行政法规禁止公开");
    }
}
