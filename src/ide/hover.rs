//! Hover: what a heading, label or number means.

use super::touches;
use crate::model::{CellView, Model, RowView, Value};
use crate::template::BlockSpec;
use crate::text::{normalize_words, to_han_ordinal};
use crate::voice::{Lang, Voice};
use std::ops::Range;

/// Hover text (Markdown) for a range of the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HoverInfo {
    pub range: Range<usize>,
    pub markdown: String,
}

/// The hover at byte `offset`, if it is on a section heading, a label or a value.
pub fn hover(m: &Model, offset: usize, lang: Lang) -> Option<HoverInfo> {
    let w = Voice::new(lang, m.script);
    for h in &m.sections {
        if touches(&h.heading, offset) {
            let s = m.format.section(h.spec);
            let title = s.heading(m.script);
            let n = w.say(
                format!("第{}部分", to_han_ordinal(s.number)),
                format!("section {}", s.number),
            );
            let mut md = format!("**{title}**（{n}）\n\n{}", w.help(&s.help, &s.help_en));
            if !s.basis.is_empty() {
                md.push_str(&format!("\n\n{}", basis_line(&w, &s.basis)));
            }
            return Some(HoverInfo {
                range: h.heading.clone(),
                markdown: md,
            });
        }
    }
    for t in &m.tables {
        for block in t.each_block() {
            for row in &block.model.rows {
                let view = RowView { block, row };
                for cell in &row.values {
                    if touches(&cell.range, offset) {
                        return Some(HoverInfo {
                            range: cell.range.clone(),
                            markdown: number_hover(m, &w, CellView { row: view, cell }),
                        });
                    }
                }
                if let Some(l) = &row.label
                    && touches(&l.range, offset)
                {
                    return Some(HoverInfo {
                        range: l.range.clone(),
                        markdown: row_hover(m, &w, block.spec, row.row),
                    });
                }
            }
            if let Some(h) = &block.model.header {
                for c in &h.columns {
                    if touches(&c.range, offset) {
                        return Some(HoverInfo {
                            range: c.range.clone(),
                            markdown: column_hover(m, &w, block.spec, c.col),
                        });
                    }
                }
            }
        }
    }
    label_at(m, &w, offset)
}

/// A label's hover: its name, what it counts, and the article of the Regulations it rests on.
fn label_hover(w: &Voice, name: &str, help: (&str, &str), basis: &str) -> String {
    let mut md = format!("**{name}**\n\n{}", w.help(help.0, help.1));
    if !basis.is_empty() {
        md.push_str(&format!("\n\n{}", basis_line(w, basis)));
    }
    md
}

/// 「依据：条例第五十条第（三）项」, or in English "Basis: the Regulations, Article 50(3)".
fn basis_line(w: &Voice, basis: &str) -> String {
    match w.lang {
        Lang::Chinese => w.say(format!("依据：{basis}"), ""),
        Lang::English => format!("Basis: {}", basis_en(basis)),
    }
}

/// The template's citation of the Regulations (条例) in English: 第X条 is an article, 第X款 a
/// paragraph, （X） an item; anything else (a named measure in 《》) is kept as written.
pub(crate) fn basis_en(basis: &str) -> String {
    let chars: Vec<char> = basis.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    let number = |from: usize, end: char| {
        let len = chars[from..].iter().position(|&c| c == end)?;
        let n = crate::text::han_number(&chars[from..from + len])?;
        Some((n, from + len + 1))
    };
    while i < chars.len() {
        let rest: String = chars[i..].iter().collect();
        if rest.starts_with("条例") {
            out.push_str("the Regulations, ");
            i += 2;
        } else if chars[i] == '第'
            && let Some((n, next)) =
                number(i + 1, '条').filter(|(_, e)| chars[i + 1..*e].len() <= 5)
        {
            out.push_str(&format!("Article {n}"));
            i = next;
        } else if chars[i] == '第'
            && let Some((n, next)) =
                number(i + 1, '款').filter(|(_, e)| chars[i + 1..*e].len() <= 3)
        {
            out.push_str(&format!(", paragraph {n}"));
            i = next;
        } else if chars[i] == '第' && chars.get(i + 1) == Some(&'（') {
            i += 1;
        } else if chars[i] == '（'
            && let Some((n, next)) = number(i + 1, '）')
        {
            out.push_str(&format!("({n})"));
            i = next;
        } else if chars[i] == '项' {
            i += 1;
        } else if chars[i] == '、' {
            out.push_str(", ");
            i += 1;
        } else if chars[i] == '；' {
            out.push_str("; ");
            i += 1;
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    out
}

fn row_hover(m: &Model, w: &Voice, bs: &BlockSpec, row: usize) -> String {
    let r = &bs.rows[row];
    label_hover(
        w,
        &bs.row_name(row, m.script),
        (&r.help, &r.help_en),
        &r.basis,
    )
}

fn column_hover(m: &Model, w: &Voice, bs: &BlockSpec, col: usize) -> String {
    let c = &bs.columns[col];
    label_hover(
        w,
        &bs.column_name(col, m.script),
        (&c.help, &c.help_en),
        &c.basis,
    )
}

fn number_hover(m: &Model, w: &Voice, view: CellView) -> String {
    let t = view.row.block.table;
    let bs = view.row.block.spec;
    let rname = view.row.name(m.script);
    let (Some(cell), Some(col)) = (view.at(), view.cell.col) else {
        return format!(
            "**{rname}**\n\n{}",
            w.say(
                "这一行的数值个数不对，无法确定这个数属于哪一列。",
                "This row has the wrong number of values; the column of this one is unknown."
            )
        );
    };
    let cname = bs.column_name(col, m.script);
    let name = if rname.is_empty() {
        format!("「{cname}」")
    } else {
        format!("「{rname}」·「{cname}」")
    };
    let shown = match view.cell.value {
        Value::Blank => w.say("（空）", "(blank)"),
        _ => m.slice(&view.cell.range).to_string(),
    };
    let mut md = format!("**{name}** = {shown}");
    // Sums this cell is the total of, with their parts.
    let sheet = &t.arithmetic().sheet;
    for inst in sheet
        .instances
        .iter()
        .filter(|i| i.sum && i.terms[0].0 == cell)
    {
        let parts: Vec<Option<i64>> = inst.terms[1..]
            .iter()
            .map(|(c, _)| sheet.values[c])
            .collect();
        let total = sheet.values[&cell];
        let shown_parts: Vec<String> = parts
            .iter()
            .map(|p| p.map(|v| v.to_string()).unwrap_or("?".into()))
            .collect();
        let line = match (total, parts.iter().copied().collect::<Option<Vec<i64>>>()) {
            (Some(t), Some(ps)) => {
                let sum: i64 = ps.iter().sum();
                if sum == t {
                    format!("{t} = {} ✓", shown_parts.join(" + "))
                } else {
                    format!("{t} ≠ {} = {sum} ✗", shown_parts.join(" + "))
                }
            }
            _ => format!("{shown} = {}", shown_parts.join(" + ")),
        };
        let along = if inst.rule.each_row {
            w.say("本行各项之和", "Sum of the row")
        } else {
            w.say("本列各项之和", "Sum of the column")
        };
        md.push_str(&format!("\n\n{along}：`{line}`"));
    }
    let c = &bs.columns[col];
    md.push_str(&format!("\n\n{}", w.help(&c.help, &c.help_en)));
    md
}

/// Any other label of the template under the cursor: group rows such as （三）不予公开, group
/// columns, block titles.
fn label_at(m: &Model, w: &Voice, offset: usize) -> Option<HoverInfo> {
    let line = m.line_at(offset)?;
    let field = line
        .fields
        .iter()
        .find(|f| touches(&f.content, offset) && !f.content.is_empty())?;
    let text = m.slice(&field.content);
    let ord = crate::text::parse_ordinal(text).map(|o| o.len).unwrap_or(0);
    let norm = normalize_words(&text[ord..]);
    if norm.is_empty() {
        return None;
    }
    for t in &m.tables {
        for bs in &t.table_spec().blocks {
            for (i, r) in bs.rows.iter().enumerate() {
                if r.norm == norm {
                    return Some(HoverInfo {
                        range: field.content.clone(),
                        markdown: row_hover(m, w, bs, i),
                    });
                }
            }
            for g in &bs.groups {
                if g.norm == norm {
                    return Some(HoverInfo {
                        range: field.content.clone(),
                        markdown: label_hover(
                            w,
                            g.label.get(m.script),
                            (&g.help, &g.help_en),
                            &g.basis,
                        ),
                    });
                }
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    #[test]
    fn citations_of_the_regulations_in_english() {
        let en = |s| super::basis_en(s);
        assert_eq!(
            en("条例第五十条第（三）项、第五十一条"),
            "the Regulations, Article 50(3), Article 51"
        );
        assert_eq!(
            en("条例第十六条第二款"),
            "the Regulations, Article 16, paragraph 2"
        );
        assert_eq!(
            en("条例第三十六条第（四）（五）项"),
            "the Regulations, Article 36(4)(5)"
        );
        assert_eq!(
            en("条例第四十二条；《政府信息公开信息处理费管理办法》"),
            "the Regulations, Article 42; 《政府信息公开信息处理费管理办法》"
        );
        // Text it does not know is kept, never dropped.
        assert_eq!(en("第𠀀条"), "第𠀀条");
    }

    use super::*;
    use expect_test::expect;

    const CLEAN: &str = include_str!("../../tests/fixtures/clean_rows.txt");

    fn at(text: &str, needle: &str) -> usize {
        text.find(needle).unwrap_or_else(|| panic!("{needle}"))
    }

    #[test]
    fn heading_label_and_group_label() {
        let m = Model::new(CLEAN);
        let h = hover(&m, at(CLEAN, "六、其他需要报告"), Lang::Chinese).unwrap();
        assert!(h.markdown.contains("信息处理费"), "{}", h.markdown);
        let h = hover(&m, at(CLEAN, "8.属于行政查询事项") + 4, Lang::Chinese).unwrap();
        assert!(
            h.markdown.contains("第三十六条第（七）项"),
            "{}",
            h.markdown
        );
        assert!(h.markdown.contains("不动产登记"), "{}", h.markdown);
        let h = hover(&m, at(CLEAN, "（三）不予公开"), Lang::English).unwrap();
        expect![[r#"
            **（三）不予公开**

            Requests whose information may not be disclosed by law (state secrets, information other laws forbid, third-party rights, safety and stability, internal and process information, administrative enforcement files, matters handled by administrative query), counted by reason in rows 1 to 8 below.

            Basis: the Regulations, Article 14, Article 15, Article 16"#]]
        .assert_eq(&h.markdown);
    }

    #[test]
    fn every_label_says_what_it_counts_and_its_article() {
        let m = Model::new(CLEAN);
        let h = hover(&m, at(CLEAN, "（三）不予公开"), Lang::Chinese).unwrap();
        expect![[r#"
            **（三）不予公开**

            依法不予公开的，按原因分为1至8项。

            依据：条例第十四条、第十五条、第十六条"#]]
        .assert_eq(&h.markdown);
        // A column label, and a group of columns.
        let h = hover(&m, at(CLEAN, "法律服务机构"), Lang::Chinese).unwrap();
        expect![[r#"
            **法人或其他组织·法律服务机构**

            律师事务所等法律服务机构提出的申请。

            依据：条例第二十七条"#]]
        .assert_eq(&h.markdown);
        let h = hover(&m, at(CLEAN, "\t行政诉讼") + 1, Lang::Chinese).unwrap();
        expect![[r#"
            **行政诉讼**

            因政府信息公开工作提起的行政诉讼，分未经复议直接起诉和复议后起诉。

            依据：条例第五十一条"#]]
        .assert_eq(&h.markdown);
    }

    #[test]
    fn a_total_shows_its_sum_right_or_wrong() {
        let m = Model::new(CLEAN);
        let total = at(CLEAN, "\t（七）总计\t43") + "\t（七）总计\t".len();
        let h = hover(&m, total, Lang::Chinese).unwrap();
        assert!(
            h.markdown.contains("**「（七）总计」·「自然人」** = 43"),
            "{}",
            h.markdown
        );
        assert!(
            h.markdown.contains("43 = 15 + 4 + 0 + 1 + 0 + 2"),
            "{}",
            h.markdown
        );
        assert!(h.markdown.contains("✓"));
        let broken = CLEAN.replace("\t（七）总计\t43", "\t（七）总计\t44");
        let m = Model::new(&broken);
        let h = hover(&m, total, Lang::Chinese).unwrap();
        assert!(h.markdown.contains("44 ≠ 15 + 4"), "{}", h.markdown);
        assert!(h.markdown.contains("= 43 ✗"), "{}", h.markdown);
    }

    #[test]
    fn traditional_documents_get_traditional_help() {
        let text = include_str!("../../tests/fixtures/clean_per_line_hant.txt");
        let m = Model::new(text);
        let h = hover(&m, at(text, "六、"), Lang::Chinese).unwrap();
        assert!(
            h.markdown.contains("資訊") || h.markdown.contains("信息處理費"),
            "{}",
            h.markdown
        );
    }

    #[test]
    fn nothing_on_prose() {
        let m = Model::new(CLEAN);
        assert_eq!(hover(&m, at(CLEAN, "按季度清理"), Lang::Chinese), None);
    }
}
