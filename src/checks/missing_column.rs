//! `missing-column`: a table header lacks a column of the template (and the rows agree).

use super::{Check, Ctx, Needs, Run};
use crate::code::Code;
use crate::finding::{Finding, Severity};

pub const CHECK: Check = Check {
    code: Code::MissingColumn,
    severity: Severity::Error,
    run: Run::Document(run),
    summary: "a table header lacks a column of the template",
    needs: Needs::Format,
    offers_fix: false,
};

fn run(cx: &Ctx) -> Vec<Finding> {
    let m = cx.model;
    let mut out = Vec::new();
    for t in &m.tables {
        for block in t.each_block() {
            let Some(h) = &block.model.header else {
                continue;
            };
            let bs = block.spec;
            let older = t.format.first_year < m.format.first_year;
            let now = m.format.table(t.spec);
            let wanted = |key: &str| {
                !older
                    || now
                        .blocks
                        .iter()
                        .any(|b| b.columns.iter().any(|c| c.key == key))
            };
            for &c in h.missing.iter().filter(|&&c| wanted(&bs.columns[c].key)) {
                let name = bs.column_name(c, m.script);
                out.push(cx.finding(
                    &CHECK,
                    h.anchor.clone(),
                    cx.say(
                        format!("表头缺少「{name}」列"),
                        format!("The header lacks the column 「{name}」"),
                    ),
                    Vec::new(),
                ));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::checks::testing::*;
    use crate::code::Code;
    use expect_test::expect;

    /// The clean report without the 其他 column of table 三.
    fn without_other_column() -> String {
        let mut out = String::new();
        let mut in_table = false;
        for line in CLEAN.lines() {
            if line.starts_with("三、收到和处理") {
                in_table = true;
            } else if line.starts_with("四、政府信息公开") {
                in_table = false;
            }
            let mut fields: Vec<&str> = line.split('\t').collect();
            if in_table && fields.len() >= 8 && fields.contains(&"其他") {
                fields.retain(|f| *f != "其他");
            } else if in_table && fields.iter().filter(|f| f.parse::<i64>().is_ok()).count() == 7 {
                // The 其他 value is the sixth number of a row.
                let idx: Vec<usize> = (0..fields.len())
                    .filter(|&i| fields[i].parse::<i64>().is_ok())
                    .collect();
                fields.remove(idx[5]);
            }
            out.push_str(&fields.join("\t"));
            out.push('\n');
        }
        out
    }

    #[test]
    fn fires_once_on_the_header() {
        let text = without_other_column();
        expect![[r#"
            48:4 error[missing-column] 表头缺少「法人或其他组织·其他」列
        "#]]
        .assert_eq(&render(&text, Code::MissingColumn));
        // The rows agree with the header: no row is reported, and no sum is checked.
        assert!(findings(&text, Code::CellCount).is_empty());
        assert!(findings(&text, Code::TotalMismatch).is_empty());
    }

    #[test]
    fn a_garbled_header_with_full_rows_is_not_missing_a_column() {
        let text = CLEAN.replace("社会公益组织", "社会公益");
        assert!(findings(&text, Code::MissingColumn).is_empty());
    }

    #[test]
    fn does_not_fire_on_a_full_header() {
        assert!(findings(CLEAN, Code::MissingColumn).is_empty());
    }
}
