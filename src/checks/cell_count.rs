//! `cell-count`: a row has more or fewer numbers than its table's columns.

use super::{Check, Ctx, Needs, Run};
use crate::code::Code;
use crate::finding::{Finding, Severity};

pub const CHECK: Check = Check {
    code: Code::CellCount,
    severity: Severity::Error,
    run: Run::Document(run),
    summary: "a row has more or fewer numbers than the template's columns",
    needs: Needs::Format,
    offers_fix: false,
};

fn run(cx: &Ctx) -> Vec<Finding> {
    let m = cx.model;
    let mut out = Vec::new();
    for view in m.each_row().filter(|r| !r.row.bound()) {
        let row = view.row;
        let name = view.name(m.script);
        let (found, want) = (row.values.len(), row.expected);
        let what = if name.is_empty() {
            String::new()
        } else {
            format!("「{name}」")
        };
        let range = match (row.values.first(), row.values.last()) {
            (Some(a), Some(z)) => a.range.start..z.range.end,
            _ => row.range.clone(),
        };
        out.push(cx.finding(
            &CHECK,
            range,
            cx.say(
                format!("{what}行有{found}个数值，应为{want}个"),
                format!("Row {what} has {found} values; it should have {want}"),
            ),
            Vec::new(),
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::checks::testing::*;
    use crate::code::Code;
    use expect_test::expect;

    #[test]
    fn a_row_with_a_value_too_many_or_too_few() {
        let text = CLEAN.replace("行政规范性文件\t5\t2\t31", "行政规范性文件\t5\t2\t31\t𠀀9");
        let text = text.replace(
            "（二）部分公开（区分处理的，只计这一情形，不计其他情形）\t4\t0\t0\t0\t0\t0\t4",
            "（二）部分公开（区分处理的，只计这一情形，不计其他情形）\t4\t0\t0\t0\t0\t4",
        );
        expect![[r#"
            32:9 error[cell-count] 「行政规范性文件」行有4个数值，应为3个
            52:31 error[cell-count] 「（二）部分公开（区分处理的，只计这一情形，不计其他情形）」行有6个数值，应为7个
        "#]].assert_eq(&render(&text, Code::CellCount));
        // The broken row's sums are not checked.
        assert!(findings(&text, Code::TotalMismatch).is_empty());
    }

    #[test]
    fn does_not_fire_on_full_rows() {
        assert!(findings(CLEAN, Code::CellCount).is_empty());
    }
}
