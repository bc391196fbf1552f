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
    offers_fix: true,
};

fn run(cx: &Ctx) -> Vec<Finding> {
    arithmetic::findings(cx, &CHECK, true)
}

#[cfg(test)]
mod tests {
    use crate::checks::testing::*;
    use crate::code::Code;
    use expect_test::expect;

    #[test]
    fn a_wrong_group_total_in_table_four() {
        let text = CLEAN.replace("2\t1\t0\t1\t4\t1", "2\t1\t0\t1\t5\t1");
        expect![[r#"
            80:9 error[total-mismatch] 「行政复议·总计」为5，但各项之和为4（结果维持 2、结果纠正 1、尚未审结 1）
              fix: 改为4
                80 | 2	1	0	1	4	1	0	1	0	2	0	0	0	1	1
        "#]].assert_eq(&render(&text, Code::TotalMismatch));
        let f = findings(&text, Code::TotalMismatch);
        assert_eq!(apply(&text, &f[0].fixes[0]), CLEAN);
    }

    #[test]
    fn a_column_total_names_the_parts_that_count_not_twenty_one_numbers() {
        // 予以公开 of 自然人 15 → 17 with its row total made to agree: the column totals fail.
        let text = CLEAN.replace(
            "三、本年度办理结果\t（一）予以公开\t15\t1\t0\t0\t1\t0\t17",
            "三、本年度办理结果\t（一）予以公开\t17\t1\t0\t0\t1\t0\t19",
        );
        expect![[r#"
            72:8 error[total-mismatch] 「（七）总计」·「自然人」为43，但各项之和为45（（一）予以公开 17、（二）部分公开（区分处理… 4、（三）2.其他法律行政法规禁止… 1等，另有10项不为0）
            72:21 error[total-mismatch] 「（七）总计」·「总计」为47，但各项之和为49（（一）予以公开 19、（二）部分公开（区分处理… 4、（三）2.其他法律行政法规禁止… 1等，另有10项不为0）
        "#]].assert_eq(&render(&text, Code::TotalMismatch));
    }

    #[test]
    fn one_wrong_part_is_one_finding_at_that_cell() {
        // 予以公开·自然人 15 → 16 breaks its row total and its column total.
        let text = CLEAN.replace("（一）予以公开\t15\t", "（一）予以公开\t16\t");
        expect![[r#"
            51:19 error[total-mismatch] 「（一）予以公开」·「自然人」为16，与它所在各行、列的合计都不符，按合计应为15
              fix: 改为15
                51 | 三、本年度办理结果	（一）予以公开	15	1	0	0	1	0	17
        "#]].assert_eq(&render(&text, Code::TotalMismatch));
        let f = findings(&text, Code::TotalMismatch);
        assert_eq!(&text[f[0].range.clone()], "16");
        assert_eq!(apply(&text, &f[0].fixes[0]), CLEAN);
        assert!(findings(&text, Code::BalanceMismatch).is_empty());
    }

    #[test]
    fn a_wrong_total_with_figures_on_both_sides_of_the_balance_is_that_total() {
        // （七）总计·自然人 43 → 0, the column it totals cannot be summed (a row is missing) nor the
        // balance of 总计 (a word for a number): recomputing 总计 from the row would leave 44 + 2
        // against 0 + 3; the one wrong cell explains the row and the balance.
        let text = CLEAN
            .replace("\t（七）总计\t43\t", "\t（七）总计\t0\t")
            .replace(
                "申请数量\t\t44\t3\t0\t1\t2\t0\t50",
                "申请数量\t\t44\t3\t0\t1\t2\t0\t五",
            )
            .replace(
                "\t（三）不予公开\t1.属于国家秘密\t0\t0\t0\t0\t0\t0\t0\n",
                "\n",
            );
        expect![[r#"
            72:8 error[total-mismatch] 「（七）总计」·「自然人」为0，与它所在各行、列的合计都不符，按合计应为43
              fix: 改为43
                72 | 	（七）总计	43	2	0	1	1	0	47
        "#]]
        .assert_eq(&render(&text, Code::TotalMismatch));
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

#[cfg(test)]
mod drafting {
    use crate::checks::testing::*;
    use crate::code::Code;
    use crate::template::Template;
    use expect_test::expect;

    /// A new report from the template, with 𠀀 in the organisation's name.
    fn template() -> String {
        let f = Template::get().for_year(Some(2025));
        crate::skeleton::report_text(f, crate::text::Script::Hans, "青石县𠀀溪镇", 2025)
    }

    /// The template with the values of the row labelled `label` replaced (tab rows).
    fn fill(text: &str, label: &str, values: &[i64]) -> String {
        let line = text
            .lines()
            .find(|l| l.contains(label))
            .unwrap_or_else(|| panic!("{label}"));
        let cells: Vec<&str> = line.split('\t').collect();
        let keep = cells.len() - values.len();
        let mut new: Vec<String> = cells[..keep].iter().map(|s| s.to_string()).collect();
        new.extend(values.iter().map(|v| v.to_string()));
        text.replacen(line, &new.join("\t"), 1)
    }

    #[test]
    fn the_figure_just_typed_is_not_blamed() {
        let t = template();
        let typed = fill(&t, "（一）予以公开", &[5, 0, 0, 0, 0, 0, 0]);
        expect![[r#"
            29:21 error[total-mismatch] 3个合计没有随各项更新：「（一）予以公开」·「总计」为0，按各项之和应为5，其余见相关位置
              fix: 按各项重新计算合计
                29 | （一）予以公开	5	0	0	0	0	0	5
                54 | （七）总计	5	0	0	0	0	0	5
        "#]]
        .assert_eq(&render(&typed, Code::TotalMismatch));
        // The fix recomputes the totals; what is left is the row not filled in yet.
        let fixed = apply(&typed, &findings(&typed, Code::TotalMismatch)[0].fixes[0]);
        assert!(findings(&fixed, Code::TotalMismatch).is_empty());
        expect![[r#"
            26:18 error[balance-mismatch] 「自然人」列的勾稽关系不成立：第一项加第二项为0 + 0 = 0，第三项（七）加第四项为5 + 0 = 5
            26:30 error[balance-mismatch] 「总计」列的勾稽关系不成立：第一项加第二项为0 + 0 = 0，第三项（七）加第四项为5 + 0 = 5
        "#]].assert_eq(&render(&fixed, Code::BalanceMismatch));
    }

    #[test]
    fn a_forgotten_total_is_one_finding_with_one_fix() {
        let t = template();
        let t = fill(&t, "一、本年新收", &[5, 0, 0, 0, 0, 0, 5]);
        let t = fill(&t, "（一）予以公开", &[5, 0, 0, 0, 0, 0, 5]);
        let t = fill(&t, "（七）总计", &[5, 0, 0, 0, 0, 0, 0]);
        expect![[r#"
            54:19 error[total-mismatch] 「（七）总计」·「总计」为0，没有随各项更新，按各项之和应为5
              fix: 按各项重新计算合计
                54 | （七）总计	5	0	0	0	0	0	5
        "#]]
        .assert_eq(&render(&t, Code::TotalMismatch));
        assert!(findings(&t, Code::BalanceMismatch).is_empty());
    }
}
