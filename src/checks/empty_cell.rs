//! `empty-cell`: a blank where a number belongs.

use super::{Check, Ctx, Run};
use crate::code::Code;
use crate::finding::{Edit, Finding, Fix, Severity};
use crate::model::Value;

pub const CHECK: Check = Check {
    code: Code::EmptyCell,
    severity: Severity::Error,
    run: Run::Document(run),
    summary: "a blank where a number belongs",
};

fn run(cx: &Ctx) -> Vec<Finding> {
    let m = cx.model;
    let mut out = Vec::new();
    for view in m.each_cell() {
        let (Value::Blank, Some(at)) = (&view.cell.value, view.at()) else {
            continue;
        };
        let t = view.row.block.table;
        let name = cx.cell_name(t, at);
        // The value that keeps every sum right: implied by the totals, or 0.
        let fix = t.arithmetic().sheet.infer(&[at]).map(|v| {
            let v = v[&at];
            Fix {
                title: cx.say(format!("填入{v}"), format!("Fill in {v}")),
                edits: vec![Edit {
                    range: view.cell.range.clone(),
                    new_text: v.to_string(),
                }],
                safe: false,
            }
        });
        out.push(cx.finding(
            &CHECK,
            view.cell.range.clone(),
            cx.say(
                format!("{name}为空，应填写数字（没有则填0）"),
                format!("{name} is blank; write a number (0 if none)"),
            ),
            fix.into_iter().collect(),
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::checks::testing::*;
    use crate::code::Code;

    #[test]
    fn a_blank_between_numbers_is_filled_with_the_implied_value() {
        let text = CLEAN.replace("2\t1\t0\t1\t4\t1\t0\t1", "2\t\t0\t1\t4\t1\t0\t1");
        let f = findings(&text, Code::EmptyCell);
        assert_eq!(f.len(), 1, "{f:#?}");
        assert!(
            f[0].message.contains("行政复议·结果纠正"),
            "{}",
            f[0].message
        );
        assert_eq!(f[0].fixes[0].edits[0].new_text, "1");
        assert_eq!(apply(&text, &f[0].fixes[0]), CLEAN);
        // The blank cell's sum is not checked.
        assert!(findings(&text, Code::TotalMismatch).is_empty());
    }

    #[test]
    fn a_blank_line_in_one_cell_per_line_tables() {
        let text = "四、政府信息公开行政复议、行政诉讼情况\n\t行政复议\n\t行政诉讼\n\n\t结果维持\n\t结果纠正\n\t其他结果\n\t尚未审结\n\t总计\n\t未经复议直接起诉\n\t复议后起诉\n\n\t0\n\t0\n\t0\n\t0\n\t0\n\t𠀀\n";
        // A 𠀀 is not a number: it makes one invalid value, and the row is still read.
        let text = text.replace(
            "\t𠀀\n",
            "\t0\n\t0\n\t0\n\t0\n\t0\n\t1\n\t0\n\t0\n\t\n\t1\n",
        );
        let f = findings(&text, Code::EmptyCell);
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!(
            line_of(&text, f[0].range.start),
            text.lines().position(|l| l == "\t").unwrap()
        );
        assert_eq!(f[0].fixes[0].edits[0].new_text, "0");
    }

    #[test]
    fn merged_label_cells_are_not_blanks() {
        assert!(findings(CLEAN, Code::EmptyCell).is_empty());
    }
}
