//! `balance-mismatch`: 一 + 二 ≠ 三（七） + 四 in some column of table 三 (R3).

use super::{Check, Ctx, Needs, Run, arithmetic};
use crate::code::Code;
use crate::finding::{Finding, Severity};

pub const CHECK: Check = Check {
    code: Code::BalanceMismatch,
    severity: Severity::Error,
    run: Run::Document(run),
    summary: "一 + 二 ≠ 三（七） + 四 in some column (R3)",
    needs: Needs::Format,
    offers_fix: false,
};

fn run(cx: &Ctx) -> Vec<Finding> {
    arithmetic::findings(cx, &CHECK, false)
}

#[cfg(test)]
mod tests {
    use crate::checks::testing::*;
    use crate::code::Code;
    use expect_test::expect;

    #[test]
    fn carry_over_that_does_not_balance() {
        // 结转下年度 of 自然人 3 → 4: only R3 of that column (and R1 of the row) fail; the cell
        // explains both, so it is a total problem; change the row total too to isolate R3.
        let text = CLEAN.replace(
            "四、结转下年度继续办理\t\t3\t1\t0\t0\t1\t0\t5",
            "四、结转下年度继续办理\t\t4\t1\t0\t0\t1\t0\t6",
        );
        let f = findings(&text, Code::BalanceMismatch);
        assert_eq!(f.len(), 2, "{f:#?}");
        // The items are named from the template's ordinals, as the table's own note does.
        assert_eq!(
            f[0].message,
            "「自然人」列的勾稽关系不成立：第一项加第二项为44 + 2 = 46，第三项（七）加第四项为43 + 4 = 47"
        );
        expect![[r#"
            73:14 error[balance-mismatch] 「自然人」列的勾稽關係不成立：第一項加第二項為44 + 2 = 46，第三項（七）加第四項為43 + 4 = 47
            73:26 error[balance-mismatch] 「總計」列的勾稽關係不成立：第一項加第二項為50 + 2 = 52，第三項（七）加第四項為47 + 6 = 53
        "#]].assert_eq(&render(&crate::text::to_hant(&text), Code::BalanceMismatch));
        assert!(f[0].fixes.is_empty());
        assert!(findings(&text, Code::TotalMismatch).is_empty());
    }

    #[test]
    fn does_not_fire_on_a_balanced_table() {
        assert!(findings(CLEAN, Code::BalanceMismatch).is_empty());
    }
}
