//! Completion of standard labels where the cursor is: section headings, the rows and columns of
//! the section's table, and snippets for a table skeleton or a whole report.

use crate::model::Model;
use crate::skeleton;
use crate::text::{is_space, parse_ordinal, to_han_ordinal};
use crate::voice::{Lang, Voice};
use std::ops::Range;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CompletionKind {
    Section,
    Row,
    Column,
    Snippet,
}

/// One proposal.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Completion {
    pub label: String,
    /// What the editor matches the typed text against: the label's words first, then the whole
    /// label, so that 「不予」 and 「（三）」 both find 「（三）不予公开」 (editors match from the start
    /// or after an ASCII separator).
    pub filter_text: String,
    pub kind: CompletionKind,
    pub detail: String,
    pub documentation: String,
    /// Plain text, or an LSP snippet when `snippet` is set.
    pub insert_text: String,
    pub snippet: bool,
    /// The text it replaces: what was typed of the label so far.
    pub replace: Range<usize>,
    /// Sort key: proposals most likely wanted first.
    pub sort: String,
}

/// The start of the field the cursor is in: after the last tab or pipe, past leading spaces.
fn field_start(text: &str, line: Range<usize>, offset: usize) -> usize {
    let before = &text[line.start..offset];
    let sep = before
        .rfind(['\t', '|', '｜'])
        .map(|i| line.start + i + 1)
        .unwrap_or(line.start);
    let rest = &text[sep..offset];
    sep + (rest.len() - rest.trim_start_matches(is_space).len())
}

/// The filter text of a label that may start with an ordinal: its words, then the label.
fn filter_text(label: &str) -> String {
    match parse_ordinal(label) {
        Some(o) if o.len < label.len() => format!("{} {label}", &label[o.len..]),
        _ => label.to_string(),
    }
}

/// 「第三部分统计表」: which table a row or column belongs to.
fn table_name(number: u32, v: &Voice) -> String {
    v.say(
        format!("第{}部分统计表", to_han_ordinal(number)),
        format!("table of section {number}"),
    )
}

/// 「依据条例第十四条」 for a detail line.
fn basis_text(basis: &str, v: &Voice) -> Option<String> {
    (!basis.is_empty()).then(|| {
        v.say(
            format!("依据{basis}"),
            format!("basis: {}", super::hover::basis_en(basis)),
        )
    })
}

/// Whether the cursor is in the first cell of its line (not after a tab or a pipe).
fn at_line_start_of(m: &Model, offset: usize) -> bool {
    m.line_at(offset)
        .filter(|l| l.range.start <= offset)
        .is_some_and(|l| !m.text[l.range.start..offset].contains(['\t', '|', '｜']))
}

fn snippet_escape(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('$', "\\$")
        .replace('}', "\\}")
}

/// Proposals at byte `offset`. `year` is used in the whole-report snippet when the document has
/// none.
pub fn complete(m: &Model, offset: usize, lang: Lang, year: i32) -> Vec<Completion> {
    let script = m.script;
    let v = Voice::new(lang, script);
    let offset = offset.min(m.text.len());
    let line = m
        .line_at(offset)
        .map(|l| l.range.clone())
        .filter(|r| r.start <= offset)
        .unwrap_or(offset..offset);
    let start = field_start(m.text, line.clone(), offset);
    let replace = start..offset;
    let at_line_start = !m.text[line.start..offset].contains(['\t', '|', '｜']);
    let mut out = Vec::new();

    // The section the cursor is in: the last heading before it. A heading being typed on the
    // cursor's line (「三、收到」) is what completion is for, not a section found.
    let cursor_line = m.line_at(offset).map(|l| l.number);
    let typing = at_line_start_of(m, offset)
        .then(|| m.sections.iter().find(|h| Some(h.line) == cursor_line))
        .flatten();
    let current = m
        .sections
        .iter()
        .filter(|h| m.lines[h.line].range.start <= offset && !h.duplicate)
        .filter(|h| typing.is_none_or(|t| !std::ptr::eq(*h, t)))
        .max_by_key(|h| h.line);
    let section_table = current.and_then(|h| m.format.section(h.spec).table);
    // Inside a table (on the lines from its first cell to its last) its own rows come before
    // anything else.
    let inside_table = section_table
        .and_then(|ti| m.tables.iter().find(|t| t.spec == ti && t.present))
        .zip(cursor_line)
        .is_some_and(|(t, line)| {
            let first = m.line_at(t.range.start).map_or(usize::MAX, |l| l.number);
            let last = m.line_at(t.range.end).map_or(0, |l| l.number);
            first <= line && line <= last
        });

    if at_line_start {
        let missing: Vec<_> = m
            .format
            .sections_with_ids()
            .map(|(i, _)| i)
            .filter(|&i| m.section(i).is_none() || typing.is_some_and(|t| t.spec == i))
            .collect();
        let after = current.map(|h| h.spec.0 + 1).unwrap_or(0);
        for (id, s) in m.format.sections_with_ids() {
            let i = id.0;
            let heading = s.heading(script);
            // The next missing section after the cursor's first, then other missing, then the rest.
            let rank = if missing.contains(&id) {
                if i >= after { 0 } else { 1 }
            } else {
                2
            };
            let mut detail = vec![v.say(
                format!("第{}部分", to_han_ordinal(s.number)),
                format!("section {}", s.number),
            )];
            detail.extend(basis_text(&s.basis, &v));
            out.push(Completion {
                filter_text: filter_text(&heading),
                label: heading.clone(),
                kind: CompletionKind::Section,
                detail: detail.join(" · "),
                documentation: v.help(&s.help, &s.help_en),
                insert_text: heading,
                snippet: false,
                replace: replace.clone(),
                sort: format!("{}{rank}{:02}", if inside_table { 5 } else { 0 }, i),
            });
        }
    }

    if let Some(h) = current
        && let Some(ti) = section_table
    {
        let table = m.tables.iter().find(|t| t.spec == ti);
        // The table as it was read, in its own format (a 2019 table in a 2021 report keeps
        // its rows); the report's format when it was not read at all.
        let spec = table.map_or(m.format.table(ti), |t| t.table_spec());
        let name = table_name(m.format.section(spec.section).number, &v);
        let several = spec.blocks.len() > 1;
        for (b, bs) in spec.blocks.iter().enumerate() {
            let missing = table
                .and_then(|t| t.blocks.get(b))
                .map(|bm| bm.missing_rows.clone())
                .unwrap_or_default();
            // Where in the table: its name, and the block's title in a table of several.
            let mut place = vec![name.clone()];
            if several && let Some(t) = &bs.title {
                place.push(t.get(script).to_string());
            }
            for (r, row) in bs.rows.iter().enumerate() {
                let label = row.full_label(script);
                if row.label.hans.is_empty() {
                    continue;
                }
                let rank = if missing.contains(&r) { 0 } else { 1 };
                let mut detail = place.clone();
                detail.extend(
                    bs.row_path(r)
                        .iter()
                        .filter(|p| p.parent.is_some())
                        .map(|p| p.full_label(script)),
                );
                detail.extend(basis_text(&row.basis, &v));
                let group = if inside_table {
                    1
                } else if at_line_start {
                    3
                } else {
                    0
                };
                out.push(Completion {
                    filter_text: filter_text(&label),
                    label: label.clone(),
                    kind: CompletionKind::Row,
                    detail: detail.join(" · "),
                    documentation: v.help(&row.help, &row.help_en),
                    insert_text: label,
                    snippet: false,
                    replace: replace.clone(),
                    sort: format!("{group}{rank}{b}{r:02}"),
                });
            }
            for (c, col) in bs.columns.iter().enumerate() {
                let label = col.label.get(script).to_string();
                if out
                    .iter()
                    .any(|o| o.kind == CompletionKind::Column && o.label == label)
                {
                    continue;
                }
                let mut detail = place.clone();
                detail.extend(
                    bs.column_path(c)
                        .iter()
                        .map(|g| g.label.get(script).to_string()),
                );
                out.push(Completion {
                    filter_text: filter_text(&label),
                    label: label.clone(),
                    kind: CompletionKind::Column,
                    detail: detail.join(" · "),
                    documentation: v.help(&col.help, &col.help_en),
                    insert_text: label,
                    snippet: false,
                    replace: replace.clone(),
                    sort: format!("4{b}{c:02}"),
                });
            }
        }
        if at_line_start && table.is_none_or(|t| !t.present) {
            let body = skeleton::table_text(m.format, ti, script);
            let label = v.say("插入统计表", "table skeleton");
            out.push(Completion {
                filter_text: label.clone(),
                label,
                kind: CompletionKind::Snippet,
                detail: m.format.section(h.spec).heading(script),
                documentation: body.clone(),
                insert_text: snippet_escape(&body),
                snippet: true,
                replace: replace.clone(),
                sort: "00".into(),
            });
        }
    }

    if m.sections.is_empty() && at_line_start {
        let org = match lang {
            Lang::English => "Organisation",
            Lang::Chinese => "单位名称",
        };
        let body = skeleton::report_text(m.format, script, "\u{0}ORG\u{0}", year);
        let body = snippet_escape(&body)
            .replacen("\u{0}ORG\u{0}", &format!("${{1:{org}}}"), 1)
            .replacen(&format!("{year}年"), &format!("${{2:{year}}}年"), 1);
        let label = v.say("新建年度报告", "new annual report");
        out.push(Completion {
            filter_text: label.clone(),
            label,
            kind: CompletionKind::Snippet,
            detail: m.format.notice.get(script).to_string(),
            documentation: String::new(),
            insert_text: body,
            snippet: true,
            replace,
            sort: "00".into(),
        });
    }
    out.sort_by(|a, b| a.sort.cmp(&b.sort));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const CLEAN: &str = include_str!("../../tests/fixtures/clean_rows.txt");

    #[test]
    fn the_next_missing_section_comes_first() {
        let start = CLEAN.find("三、收到和处理").unwrap();
        let end = CLEAN.find("四、政府信息公开行政复议").unwrap();
        let text = format!("{}三、收到\n{}", &CLEAN[..start], &CLEAN[end..]);
        let m = Model::new(&text);
        let at = text.find("三、收到\n").unwrap() + "三、收到".len();
        let c = complete(&m, at, Lang::Chinese, 2025);
        assert_eq!(c[0].label, "三、收到和处理政府信息公开申请情况");
        assert_eq!(&text[c[0].replace.clone()], "三、收到");
    }

    #[test]
    fn rows_of_the_table_in_the_document_script() {
        let text = include_str!("../../tests/fixtures/clean_per_line_hant.txt");
        let at = text.find("（七）總計").unwrap();
        let m = Model::new(text);
        let c = complete(&m, at, Lang::Chinese, 2025);
        let rows: Vec<&str> = c
            .iter()
            .filter(|c| c.kind == CompletionKind::Row)
            .map(|c| c.label.as_str())
            .collect();
        assert!(rows.contains(&"（七）總計"), "{rows:?}");
        assert!(rows.contains(&"1.屬於國家秘密"), "{rows:?}");
        assert!(
            c.iter()
                .any(|c| c.kind == CompletionKind::Column && c.label == "商業企業")
        );
    }

    #[test]
    fn a_missing_row_is_proposed_first_in_its_table() {
        let line = CLEAN
            .lines()
            .find(|l| l.contains("8.属于行政查询事项"))
            .unwrap();
        let text = CLEAN.replace(&format!("{line}\n"), "\t\t8.\n");
        let m = Model::new(&text);
        let at = text.find("\t\t8.\n").unwrap() + 4;
        let c = complete(&m, at, Lang::Chinese, 2025);
        assert_eq!(c[0].label, "8.属于行政查询事项");
        assert_eq!(&text[c[0].replace.clone()], "8.");
    }

    #[test]
    fn snippets_for_an_empty_document_and_an_empty_section() {
        let m = Model::new("");
        let c = complete(&m, 0, Lang::Chinese, 2025);
        let report = c
            .iter()
            .find(|c| c.kind == CompletionKind::Snippet)
            .unwrap();
        assert!(
            report
                .insert_text
                .starts_with("${1:单位名称}${2:2025}年政府信息公开工作年度报告")
        );
        let text = "一、总体情况\n二、主动公开政府信息情况\n";
        let m = Model::new(text);
        let c = complete(&m, text.len(), Lang::Chinese, 2025);
        assert_eq!(c[0].kind, CompletionKind::Snippet);
        assert!(c[0].insert_text.contains("第二十条第（一）项"));
    }

    /// A text with a row being typed into table 三 after the 2.其他法律… line (tab rows), and a
    /// title with an astral character, so that offsets are not character counts.
    fn typing_in_table(typed: &str) -> (String, usize) {
        let text = CLEAN.replacen("2025年", "𠀀2025年", 1);
        let line = text
            .lines()
            .find(|l| l.contains("2.其他法律行政法规禁止公开"))
            .unwrap();
        let at = text.find(line).unwrap() + line.len() + 1;
        let text = format!("{}{typed}\n{}", &text[..at], &text[at..]);
        (text, at + typed.len())
    }

    #[test]
    fn a_label_is_found_by_its_words() {
        for typed in ["不予", "予以", "不予公开", "（三）", "属于国家"] {
            let (text, at) = typing_in_table(typed);
            let m = Model::new(&text);
            let c = complete(&m, at, Lang::Chinese, 2025);
            assert_eq!(&text[c[0].replace.clone()], typed);
            // The editor matches from the start of the filter text or after a space.
            let found: Vec<&str> = c
                .iter()
                .filter(|c| {
                    c.filter_text.starts_with(typed)
                        || c.filter_text.split(' ').any(|w| w.starts_with(typed))
                })
                .map(|c| c.label.as_str())
                .collect();
            let want = match typed {
                "予以" => "（一）予以公开",
                "属于国家" => "1.属于国家秘密",
                _ => "（三）不予公开",
            };
            assert!(found.contains(&want), "{typed}: {found:?}");
            // Inside the table its rows come first, section headings last.
            assert_eq!(c[0].kind, CompletionKind::Row, "{typed}");
            let first_section = c.iter().position(|c| c.kind == CompletionKind::Section);
            let last_row = c.iter().rposition(|c| c.kind == CompletionKind::Row);
            assert!(first_section > last_row, "{typed}");
            assert!(first_section.is_some());
        }
        let (text, at) = typing_in_table("不予");
        let c = complete(&Model::new(&text), at, Lang::Chinese, 2025);
        let refused = c.iter().find(|c| c.label == "（三）不予公开").unwrap();
        assert_eq!(refused.filter_text, "不予公开 （三）不予公开");
        // Outside a table, at a line start, the headings come first.
        let at = CLEAN.find("五、存在").unwrap();
        let c = complete(&Model::new(CLEAN), at, Lang::Chinese, 2025);
        assert_eq!(c[0].kind, CompletionKind::Section);
        let five = c.iter().find(|c| c.label.starts_with("五、")).unwrap();
        assert_eq!(
            five.filter_text,
            "存在的主要问题及改进情况 五、存在的主要问题及改进情况"
        );
    }

    #[test]
    fn details_name_the_table_the_group_and_the_basis() {
        let (text, at) = typing_in_table("");
        let m = Model::new(&text);
        let detail = |lang: Lang, label: &str| {
            complete(&m, at, lang, 2025)
                .into_iter()
                .find(|c| c.label == label)
                .map(|c| c.detail)
                .unwrap()
        };
        assert_eq!(
            detail(Lang::Chinese, "1.属于国家秘密"),
            "第三部分统计表 · （三）不予公开 · 依据条例第十四条、第十七条"
        );
        assert_eq!(
            detail(Lang::English, "1.属于国家秘密"),
            "table of section 3 · （三）不予公开 · basis: the Regulations, Article 14, Article 17"
        );
        assert_eq!(
            detail(Lang::Chinese, "商业企业"),
            "第三部分统计表 · 法人或其他组织"
        );
        assert_eq!(
            detail(Lang::Chinese, "三、收到和处理政府信息公开申请情况"),
            "第三部分 · 依据条例第五十条第（二）项"
        );
        // Table 二: the block's title.
        let at = CLEAN.find("行政处罚").unwrap();
        let c = complete(&Model::new(CLEAN), at, Lang::Chinese, 2025);
        let licensing = c.iter().find(|c| c.label == "行政许可").unwrap();
        assert_eq!(
            licensing.detail,
            "第二部分统计表 · 第二十条第（五）项 · 依据条例第二十条第（五）项"
        );
        // In a traditional-script report, in its script.
        let text = include_str!("../../tests/fixtures/clean_per_line_hant.txt");
        let at = text.find("（七）總計").unwrap();
        let c = complete(&Model::new(text), at, Lang::Chinese, 2025);
        let secret = c.iter().find(|c| c.label == "1.屬於國家秘密").unwrap();
        assert!(
            secret.detail.starts_with("第三部分統計表 · （三）不予公開"),
            "{}",
            secret.detail
        );
    }
}
