//! `nonstandard-heading`: a section heading recognised, but worded or numbered differently from
//! the standard.

use super::{Check, Ctx, Needs, Run};
use crate::code::Code;
use crate::finding::{Edit, Finding, Fix, Severity};

pub const CHECK: Check = Check {
    code: Code::NonstandardHeading,
    severity: Severity::Warning,
    run: Run::Document(run),
    summary: "a section heading worded or numbered differently from the standard",
    needs: Needs::Format,
    offers_fix: true,
};

fn run(cx: &Ctx) -> Vec<Finding> {
    let m = cx.model;
    let mut out = Vec::new();
    for hit in m.sections.iter().filter(|h| !h.standard) {
        let spec = &m.format.section(hit.spec);
        let standard = spec.heading(m.script);
        let found = m.slice(&hit.heading);
        let message = cx.say(
            format!("标题「{found}」不规范，标准写法为「{standard}」"),
            format!("Heading 「{found}」 differs from the standard 「{standard}」"),
        );
        let fix = Fix {
            title: cx.say(
                format!("改为「{standard}」"),
                format!("Replace with 「{standard}」"),
            ),
            edits: vec![Edit {
                range: hit.heading.clone(),
                new_text: standard,
            }],
            safe: true,
        };
        out.push(cx.finding(&CHECK, hit.heading.clone(), message, vec![fix]));
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::checks::testing::*;
    use crate::code::Code;

    #[test]
    fn a_variant_title_is_replaced_by_the_standard_one() {
        let text = CLEAN.replace(
            "五、存在的主要问题及改进情况",
            "五、存在问题与下一步改进措施",
        );
        let f = findings(&text, Code::NonstandardHeading);
        assert_eq!(f.len(), 1);
        assert_eq!(&text[f[0].range.clone()], "五、存在问题与下一步改进措施");
        let fixed = apply(&text, &f[0].fixes[0]);
        assert_eq!(fixed, CLEAN);
    }

    #[test]
    fn arabic_ordinals_and_traditional_documents() {
        let text = "芷江縣2025年政府信息公開工作年度報告\n1、總體情況\n𠀀\n";
        let f = findings(text, Code::NonstandardHeading);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].fixes[0].edits[0].new_text, "一、總體情況");
    }

    #[test]
    fn does_not_fire_on_standard_headings_in_either_script() {
        assert!(findings(CLEAN, Code::NonstandardHeading).is_empty());
        let hant = "一、總體情況\n二、主動公開政府信息情況\n";
        assert!(findings(hant, Code::NonstandardHeading).is_empty());
        // Spaces inside a heading are not a wording difference.
        assert!(findings("一、 总体 情况\n", Code::NonstandardHeading).is_empty());
    }
}
