//! `missing-table`: section 二, 三 or 四 has no table.

use super::{Check, Ctx, Needs, Run};
use crate::code::Code;
use crate::finding::{Edit, Finding, Fix, Severity};
use crate::skeleton;
use crate::text::to_han_ordinal;

pub const CHECK: Check = Check {
    code: Code::MissingTable,
    severity: Severity::Error,
    run: Run::Document(run),
    summary: "section 二, 三 or 四 has no table",
    needs: Needs::Format,
    offers_fix: true,
};

fn run(cx: &Ctx) -> Vec<Finding> {
    let m = cx.model;
    let mut out = Vec::new();
    for t in m.tables.iter().filter(|t| !t.present) {
        let hit = &m.sections[t.section.0];
        let spec = m.format.section(hit.spec);
        let n = to_han_ordinal(spec.number);
        // A header without values is not "no table": say what is there, and do not insert a
        // second header under it.
        if let Some(h) = &t.header_only {
            out.push(cx.finding(
                &CHECK,
                h.clone(),
                cx.say(
                    format!("第{n}部分的统计表只有表头，没有读到数值"),
                    format!(
                        "The table of section {} has a header but no values could be read",
                        spec.number
                    ),
                ),
                Vec::new(),
            ));
            continue;
        }
        // The skeleton goes right after the heading line.
        let at = m.lines[hit.line].range.end;
        let body = skeleton::table_text(m.format, t.spec, m.script);
        let fix = Fix {
            title: cx.say("插入统计表", "Insert the table"),
            edits: vec![Edit {
                range: at..at,
                new_text: format!("\n{}", body.trim_end_matches('\n')),
            }],
            safe: false,
        };
        out.push(cx.finding(
            &CHECK,
            hit.heading.clone(),
            cx.say(
                format!("第{n}部分没有统计表"),
                format!("Section {} has no table", spec.number),
            ),
            vec![fix],
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::checks::testing::*;
    use crate::code::Code;

    #[test]
    fn fires_when_a_table_is_removed_and_the_fix_inserts_one() {
        let start = CLEAN.find("行政复议\t").unwrap();
        let end = CLEAN.find("五、存在的主要问题").unwrap();
        let text = format!("{}𠀀\n\n{}", &CLEAN[..start], &CLEAN[end..]);
        let f = findings(&text, Code::MissingTable);
        assert_eq!(f.len(), 1, "{f:#?}");
        assert!(text[f[0].range.clone()].starts_with("四、"));
        let fixed = apply(&text, &f[0].fixes[0]);
        assert!(findings(&fixed, Code::MissingTable).is_empty(), "{fixed}");
        let errors: Vec<_> = crate::checks::check_text(&fixed, &Default::default())
            .into_iter()
            .filter(|f| f.severity == crate::finding::Severity::Error)
            .collect();
        assert!(errors.is_empty(), "{errors:#?}\n{fixed}");
    }

    #[test]
    fn a_heading_at_the_end_gets_its_table() {
        let text = "一、总体情况\n三、收到和处理政府信息公开申请情况";
        let f = findings(text, Code::MissingTable);
        assert_eq!(f.len(), 1);
        let fixed = apply(text, &f[0].fixes[0]);
        assert!(findings(&fixed, Code::MissingTable).is_empty(), "{fixed}");
        assert!(findings(&fixed, Code::MissingRow).is_empty(), "{fixed}");
    }

    #[test]
    fn does_not_fire_when_tables_are_there() {
        assert!(findings(CLEAN, Code::MissingTable).is_empty());
    }
}
