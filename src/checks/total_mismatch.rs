//! `total-mismatch`: a declared total differs from the sum of its parts (R1, R2, R4).

use super::{Check, Ctx, Needs, Run, arithmetic};
use crate::code::Code;
use crate::finding::{Finding, Severity};

pub const CHECK: Check = Check {
    code: Code::TotalMismatch,
    severity: Severity::Error,
    run: Run::Document(run),
    summary: "a declared total differs from the sum of its parts (R1, R2, R4)",
    needs: Needs::Format,
};

fn run(cx: &Ctx) -> Vec<Finding> {
    arithmetic::findings(cx, &CHECK, true)
}

#[cfg(test)]
mod tests {
    use crate::checks::testing::*;
    use crate::code::Code;

    #[test]
    fn a_wrong_group_total_in_table_four() {
        let text = CLEAN.replace("2\t1\t0\t1\t4\t1", "2\t1\t0\t1\t5\t1");
        let f = findings(&text, Code::TotalMismatch);
        assert_eq!(f.len(), 1, "{f:#?}");
        assert!(
            f[0].message
                .contains("「行政复议·总计」为5，但各项之和为4（2 + 1 + 0 + 1 = 4）"),
            "{}",
            f[0].message
        );
        assert_eq!(apply(&text, &f[0].fixes[0]), CLEAN);
    }

    #[test]
    fn one_wrong_part_is_one_finding_at_that_cell() {
        // 予以公开·自然人 15 → 16 breaks its row total and its column total.
        let text = CLEAN.replace("（一）予以公开\t15\t", "（一）予以公开\t16\t");
        let f = findings(&text, Code::TotalMismatch);
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!(&text[f[0].range.clone()], "16");
        assert!(f[0].message.contains("应为15"), "{}", f[0].message);
        assert_eq!(apply(&text, &f[0].fixes[0]), CLEAN);
        assert!(findings(&text, Code::BalanceMismatch).is_empty());
    }

    #[test]
    fn a_wrong_row_total() {
        let text = CLEAN.replace(
            "2.没有现成信息需要另行制作\t2\t0\t0\t0\t0\t0\t2",
            "2.没有现成信息需要另行制作\t2\t0\t0\t0\t0\t0\t3",
        );
        let f = findings(&text, Code::TotalMismatch);
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!(&text[f[0].range.clone()], "3");
    }

    #[test]
    fn does_not_fire_on_consistent_tables() {
        assert!(findings(CLEAN, Code::TotalMismatch).is_empty());
    }
}
