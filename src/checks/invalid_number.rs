//! `invalid-number`: a cell that is not a valid number for its column.

use super::{Check, Ctx, Run};
use crate::code::Code;
use crate::finding::{Edit, Finding, Fix, Severity};
use crate::model::Value;
use crate::template::ValueKind;
use crate::text::ascii_number;

pub const CHECK: Check = Check {
    code: Code::InvalidNumber,
    severity: Severity::Error,
    run: Run::Document(run),
    summary: "a cell that is not a valid number for its column (text, negative, decimal count, full-width digits)",
};

/// What is wrong with a value.
enum Problem {
    Text,
    Negative,
    Fraction,
    FullWidth,
}

fn run(cx: &Ctx) -> Vec<Finding> {
    let m = cx.model;
    let mut out = Vec::new();
    for view in m.each_cell() {
        let (cell, bs) = (view.cell, view.row.block.spec);
        let kind = cell.col.map(|c| bs.columns[c].kind);
        let problem = match (&cell.value, kind) {
            (Value::Text, _) => Problem::Text,
            (Value::Number(n), Some(ValueKind::Count | ValueKind::Amount)) if n.is_negative() => {
                Problem::Negative
            }
            (Value::Number(n), Some(ValueKind::Count | ValueKind::Signed))
                if n.as_integer().is_none() =>
            {
                Problem::Fraction
            }
            (Value::Number(n), _) if n.fullwidth => Problem::FullWidth,
            _ => continue,
        };
        let raw = m.slice(&cell.range);
        let name = match view.at() {
            Some(at) => cx.cell_name(view.row.block.table, at),
            None => format!("「{}」", view.row.name(m.script)),
        };
        let (zh, en) = match problem {
            Problem::Text => (
                format!("{name}填写的「{raw}」不是数字"),
                format!("{name} holds 「{raw}」, which is not a number"),
            ),
            Problem::Negative => (
                format!("{name}为负数「{raw}」"),
                format!("{name} is negative: 「{raw}」"),
            ),
            Problem::Fraction => (
                format!("{name}应为整数，表中为「{raw}」"),
                format!("{name} must be a whole number, not 「{raw}」"),
            ),
            Problem::FullWidth => (
                format!("{name}使用了全角数字「{raw}」"),
                format!("{name} is written with full-width characters: 「{raw}」"),
            ),
        };
        let fixes = match &cell.value {
            Value::Number(n) if n.fullwidth && !n.is_negative() => vec![Fix {
                title: cx.say("改为半角数字".into(), "Use ASCII digits".into()),
                edits: vec![Edit {
                    range: cell.range.clone(),
                    new_text: ascii_number(raw),
                }],
                safe: true,
            }],
            _ => Vec::new(),
        };
        out.push(cx.finding(&CHECK, cell.range.clone(), cx.say(zh, en), fixes));
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::checks::testing::*;
    use crate::code::Code;

    #[test]
    fn text_negative_decimal_and_full_width() {
        let text = CLEAN
            .replace("行政处罚\t567", "行政处罚\t五百")
            .replace("行政强制\t8", "行政强制\t-8")
            .replace("行政许可\t1234", "行政许可\t12.5")
            .replace("行政规范性文件\t5\t2\t31", "行政规范性文件\t５\t2\t31");
        let f = findings(&text, Code::InvalidNumber);
        let got: Vec<&str> = f.iter().map(|f| &text[f.range.clone()]).collect();
        assert_eq!(got, ["５", "12.5", "五百", "-8"], "{f:#?}");
        assert_eq!(f[0].fixes[0].edits[0].new_text, "5");
        assert!(f[1..].iter().all(|f| f.fixes.is_empty()));
    }

    #[test]
    fn amounts_may_have_decimals_and_grouped_numbers_are_fine() {
        let text = CLEAN.replace("行政许可\t1234", "行政许可\t1,234");
        assert!(findings(&text, Code::InvalidNumber).is_empty());
        assert!(findings(CLEAN, Code::InvalidNumber).is_empty());
    }
}
