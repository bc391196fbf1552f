//! `missing-section`: one of the six sections is absent.

use super::{Check, Ctx, Needs, Run};
use crate::code::Code;
use crate::finding::{Edit, Finding, Fix, Severity};
use crate::skeleton;

pub const CHECK: Check = Check {
    code: Code::MissingSection,
    severity: Severity::Error,
    run: Run::Document(run),
    summary: "one of the six sections is absent",
    needs: Needs::Format,
    offers_fix: true,
};

fn run(cx: &Ctx) -> Vec<Finding> {
    let m = cx.model;
    let script = m.script;
    let mut out = Vec::new();
    // A report not begun yet: one word and the template, not six errors.
    if m.lines.iter().all(|l| l.is_blank()) {
        let year = cx.new_report_year.unwrap_or(m.format.first_year);
        let format = crate::template::Template::get().for_year(Some(year));
        // The template is Chinese whatever the reader's language.
        let placeholder =
            crate::voice::Voice::new(crate::voice::Lang::Chinese, script).say("（单位名称）", "");
        let mut f = cx.finding(
            &CHECK,
            0..m.text.len(),
            cx.say("报告为空", "The report is empty"),
            vec![Fix {
                title: cx.say("插入年度报告模板", "Insert the report template"),
                edits: vec![Edit {
                    range: 0..m.text.len(),
                    new_text: skeleton::report_text(format, script, &placeholder, year),
                }],
                safe: false,
            }],
        );
        f.severity = Severity::Information;
        return vec![f];
    }
    for (i, spec) in m.format.sections_with_ids() {
        if m.section(i).is_some() {
            continue;
        }
        // Insert before the first heading, in document order, of a later section.
        let next = m
            .sections
            .iter()
            .filter(|h| h.spec > i)
            .map(|h| h.line)
            .min();
        let (at, lead, range) = match next {
            Some(line) => {
                let start = m.lines[line].range.start;
                (start, "", start..m.lines[line].range.end)
            }
            None => {
                let end = m.text.len();
                let lead = if m.text.is_empty() || m.text.ends_with(['\n', '\r']) {
                    ""
                } else {
                    "\n"
                };
                // Report at the last non-blank line.
                let last = m.lines.iter().rev().find(|l| !l.is_blank());
                let range = last.map(|l| l.range.clone()).unwrap_or(end..end);
                (end, lead, range)
            }
        };
        let mut insert = format!("{lead}{}\n", spec.heading(script));
        if let Some(t) = spec.table {
            insert.push_str(&skeleton::table_text(m.format, t, script));
        }
        let heading = spec.heading(script);
        let message = cx.say(
            format!(
                "缺少第{}部分「{heading}」",
                crate::text::to_han_ordinal(spec.number)
            ),
            format!("Section {} 「{heading}」 is missing", spec.number),
        );
        let title = cx.say(
            format!("插入「{heading}」"),
            format!("Insert 「{heading}」"),
        );
        out.push(cx.finding(
            &CHECK,
            range,
            message,
            vec![Fix {
                title,
                edits: vec![Edit {
                    range: at..at,
                    new_text: insert,
                }],
                safe: false,
            }],
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
    fn an_empty_report_is_one_information_with_the_template_as_its_fix() {
        for text in ["", "\n  \n\u{3000}\n"] {
            let all = crate::checks::check_text(
                text,
                &crate::checks::Options {
                    new_report_year: Some(2025),
                    ..Default::default()
                },
            );
            assert_eq!(all.len(), 1, "{all:#?}");
            assert_eq!(
                (all[0].code, all[0].severity, all[0].message.as_str()),
                (
                    Code::MissingSection,
                    crate::Severity::Information,
                    "报告为空"
                )
            );
            let filled = apply(text, &all[0].fixes[0]);
            assert!(
                filled.starts_with("（单位名称）2025年政府信息公开工作年度报告\n"),
                "{filled}"
            );
            // The template it inserts is clean.
            assert!(crate::checks::check_text(&filled, &Default::default()).is_empty());
        }
    }

    #[test]
    fn fires_for_a_removed_section_and_the_fix_restores_it() {
        let start = CLEAN.find("三、收到和处理").unwrap();
        let end = CLEAN.find("四、政府信息公开行政复议").unwrap();
        let text = format!("{}{}", &CLEAN[..start], &CLEAN[end..]);
        expect![[r#"
            44:1 error[missing-section] 缺少第三部分「三、收到和处理政府信息公开申请情况」
              fix: 插入「三、收到和处理政府信息公开申请情况」
                44 | 三、收到和处理政府信息公开申请情况
                45 | 申请人情况
                46 | （本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）
                47 | 	法人或其他组织
                48 | 自然人	商业企业	科研机构	社会公益组织	法律服务机构	其他	总计
                49 | 一、本年新收政府信息公开申请数量	0	0	0	0	0	0	0
                50 | 二、上年结转政府信息公开申请数量	0	0	0	0	0	0	0
                51 | 三、本年度办理结果
                52 | （一）予以公开	0	0	0	0	0	0	0
                53 | （二）部分公开（区分处理的，只计这一情形，不计其他情形）	0	0	0	0	0	0	0
                54 | （三）不予公开
                55 | 1.属于国家秘密	0	0	0	0	0	0	0
                56 | 2.其他法律行政法规禁止公开	0	0	0	0	0	0	0
                57 | 3.危及“三安全一稳定”	0	0	0	0	0	0	0
                58 | 4.保护第三方合法权益	0	0	0	0	0	0	0
                59 | 5.属于三类内部事务信息	0	0	0	0	0	0	0
                60 | 6.属于四类过程性信息	0	0	0	0	0	0	0
                61 | 7.属于行政执法案卷	0	0	0	0	0	0	0
                62 | 8.属于行政查询事项	0	0	0	0	0	0	0
                63 | （四）无法提供
                64 | 1.本机关不掌握相关政府信息	0	0	0	0	0	0	0
                65 | 2.没有现成信息需要另行制作	0	0	0	0	0	0	0
                66 | 3.补正后申请内容仍不明确	0	0	0	0	0	0	0
                67 | （五）不予处理
                68 | 1.信访举报投诉类申请	0	0	0	0	0	0	0
                69 | 2.重复申请	0	0	0	0	0	0	0
                70 | 3.要求提供公开出版物	0	0	0	0	0	0	0
                71 | 4.无正当理由大量反复申请	0	0	0	0	0	0	0
                72 | 5.要求行政机关确认或重新出具已获取信息	0	0	0	0	0	0	0
                73 | （六）其他处理
                74 | 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请	0	0	0	0	0	0	0
                75 | 2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请	0	0	0	0	0	0	0
                76 | 3.其他	0	0	0	0	0	0	0
                77 | （七）总计	0	0	0	0	0	0	0
                78 | 四、结转下年度继续办理	0	0	0	0	0	0	0
        "#]].assert_eq(&render(&text, Code::MissingSection));
        let fixed = apply(&text, &findings(&text, Code::MissingSection)[0].fixes[0]);
        assert!(findings(&fixed, Code::MissingSection).is_empty());
        let errors: Vec<_> = crate::checks::check_text(&fixed, &Default::default())
            .into_iter()
            .filter(|f| f.severity == crate::finding::Severity::Error)
            .collect();
        assert!(errors.is_empty(), "{errors:#?}");
    }

    #[test]
    fn a_last_section_is_appended_in_the_document_script() {
        let text = "芷江縣2025年政府信息公開工作年度報告\n一、總體情況\n二、主動公開政府信息情況\n三、收到和處理政府信息公開申請情況\n四、政府信息公開行政復議、行政訴訟情況\n五、存在的主要問題及改進情況\n𠀀";
        expect![[r#"
            7:1 error[missing-section] 缺少第六部分「六、其他需要報告的事項」
              fix: 插入「六、其他需要報告的事項」
                8 | 六、其他需要報告的事項
                9 | 
        "#]]
        .assert_eq(&render(text, Code::MissingSection));
        let f = findings(text, Code::MissingSection);
        assert_eq!(f[0].fixes[0].edits[0].range, text.len()..text.len());
    }

    #[test]
    fn does_not_fire_on_a_complete_report() {
        assert!(findings(CLEAN, Code::MissingSection).is_empty());
    }
}
