//! `invalid-number`: a cell that is not a valid number for its column.

use super::{Check, Ctx, Needs, Run};
use crate::code::Code;
use crate::finding::{Edit, Finding, Fix, Severity};
use crate::model::Value;
use crate::template::Template;
use crate::template::ValueKind;
use crate::text::{ascii_number, is_space};

pub const CHECK: Check = Check {
    code: Code::InvalidNumber,
    severity: Severity::Error,
    run: Run::Document(run),
    summary: "a cell that is not a valid number for its column (text, negative, decimal count, full-width digits)",
    needs: Needs::Format,
    offers_fix: true,
};

/// What is wrong with a value.
enum Problem {
    Text,
    Negative,
    Fraction,
    FullWidth,
    /// A unit after a count (「5件」), or a unit other than money after an amount.
    Unit,
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
            (Value::Number(_), Some(kind)) if cell.unit.is_some() => {
                let unit = m
                    .slice(cell.unit.as_ref().expect("checked"))
                    .trim_matches(is_space);
                let money = &Template::get().values.money_units;
                if kind == ValueKind::Amount && money.iter().any(|u| u == unit) {
                    continue;
                }
                Problem::Unit
            }
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
            Problem::Unit => (
                format!("{name}应只填数字，表中为「{raw}」"),
                format!("{name} takes a bare number, not 「{raw}」"),
            ),
        };
        let fixes = match &cell.value {
            Value::Number(_) if matches!(problem, Problem::Unit) => {
                let unit = cell.unit.as_ref().expect("a unit problem has a unit");
                let number = m.slice(&(cell.range.start..unit.start));
                vec![Fix {
                    title: cx.say(format!("改为{number}"), format!("Write {number}")),
                    edits: vec![Edit {
                        range: unit.clone(),
                        new_text: String::new(),
                    }],
                    safe: true,
                }]
            }
            Value::Number(n) if n.fullwidth && !n.is_negative() => vec![Fix {
                title: cx.say("改为半角数字", "Use ASCII digits"),
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
    use expect_test::expect;

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
    fn money_may_carry_its_unit_a_count_may_not() {
        let text = CLEAN
            .replace("行政事业性收费\t12.5", "行政事业性收费\t12.5万元")
            .replace("行政许可\t1234", "行政许可\t1234 件")
            .replace("行政强制\t8", "行政强制\t8𠀀");
        expect![[r#"
            35:6 error[invalid-number] 「行政许可」·「本年处理决定数量」应只填数字，表中为「1234 件」
              fix: 改为1234
                35 | 行政许可	1234
            39:6 error[invalid-number] 「行政强制」·「本年处理决定数量」填写的「8𠀀」不是数字
        "#]]
        .assert_eq(&render(&text, Code::InvalidNumber));
        // The count is still counted; the amount is an amount.
        let m = crate::model::Model::new(&text);
        assert!(m.each_cell().any(|c| m.slice(&c.cell.range) == "1234 件"
            && matches!(c.cell.value, crate::model::Value::Number(_))));
        let amount = CLEAN.replace("行政事业性收费\t12.5", "行政事业性收费\t1,234.50");
        assert!(findings(&amount, Code::InvalidNumber).is_empty());
        let wrong_unit = CLEAN.replace("行政事业性收费\t12.5", "行政事业性收费\t12.5件");
        assert_eq!(findings(&wrong_unit, Code::InvalidNumber).len(), 1);
    }

    #[test]
    fn amounts_may_have_decimals_and_grouped_numbers_are_fine() {
        let text = CLEAN.replace("行政许可\t1234", "行政许可\t1,234");
        assert!(findings(&text, Code::InvalidNumber).is_empty());
        assert!(findings(CLEAN, Code::InvalidNumber).is_empty());
    }
}
