//! `duplicate-section`: a section appears twice.

use super::{Check, Ctx, Needs, Run};
use crate::code::Code;
use crate::finding::{Finding, Related, Severity};
use crate::text::to_han_ordinal;

pub const CHECK: Check = Check {
    code: Code::DuplicateSection,
    severity: Severity::Error,
    run: Run::Document(run),
    summary: "a section appears twice",
    needs: Needs::Format,
    offers_fix: false,
};

fn run(cx: &Ctx) -> Vec<Finding> {
    let m = cx.model;
    let mut out = Vec::new();
    for hit in m.sections.iter().filter(|h| h.duplicate) {
        let spec = &m.format.section(hit.spec);
        let first = m.section(hit.spec).map(|f| f.heading.clone());
        let n = to_han_ordinal(spec.number);
        let title = spec.title.get(m.script);
        let mut f = cx.finding(
            &CHECK,
            hit.heading.clone(),
            cx.say(
                format!("第{n}部分「{title}」重复出现"),
                format!("Section {} 「{title}」 appears a second time", spec.number),
            ),
            Vec::new(),
        );
        if let Some(r) = first {
            f.related.push(Related {
                range: r,
                message: cx.say("第一次出现的位置", "First occurrence"),
                doc: None,
            });
        }
        out.push(f);
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::checks::testing::*;
    use crate::code::Code;

    #[test]
    fn fires_on_the_second_heading() {
        let text = CLEAN.replace(
            "五、存在的主要问题及改进情况",
            "一、总体情况\n𠀀\n五、存在的主要问题及改进情况",
        );
        let f = findings(&text, Code::DuplicateSection);
        assert_eq!(f.len(), 1);
        assert_eq!(
            line_of(&text, f[0].range.start),
            line_of(&text, text.rfind("一、总体情况").unwrap())
        );
        assert_eq!(f[0].related.len(), 1);
    }

    #[test]
    fn numbered_subheadings_are_not_duplicates() {
        // 「一、」 inside table 三 is a row, not a second section 一.
        assert!(findings(CLEAN, Code::DuplicateSection).is_empty());
    }
}
