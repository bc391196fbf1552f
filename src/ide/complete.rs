//! Completion of standard labels where the cursor is: section headings, the rows and columns of
//! the section's table, and snippets for a table skeleton or a whole report.

use crate::model::Model;
use crate::skeleton;
use crate::template::FormatSection;
use crate::text::is_space;
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

fn snippet_escape(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('$', "\\$")
        .replace('}', "\\}")
}

/// Proposals at byte `offset`. `year` is used in the whole-report snippet when the document has
/// none.
pub fn complete(m: &Model, offset: usize, lang: Lang, year: i32) -> Vec<Completion> {
    let script = m.script;
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

    // The section the cursor is in: the last heading before it.
    let current = m
        .sections
        .iter()
        .filter(|h| m.lines[h.line].range.start <= offset && !h.duplicate)
        .max_by_key(|h| h.line);

    if at_line_start {
        let missing: Vec<FormatSection> = m
            .format
            .sections_with_ids()
            .map(|(i, _)| i)
            .filter(|&i| m.section(i).is_none())
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
            out.push(Completion {
                label: heading.clone(),
                kind: CompletionKind::Section,
                detail: match lang {
                    Lang::English => format!("section {}", s.number),
                    Lang::Chinese => "标准章节标题".into(),
                },
                documentation: Voice::new(lang, script).help(&s.help, &s.help_en),
                insert_text: heading,
                snippet: false,
                replace: replace.clone(),
                sort: format!("{rank}{:02}", i),
            });
        }
    }

    if let Some(h) = current
        && let Some(ti) = m.format.section(h.spec).table
    {
        let table = m.tables.iter().find(|t| t.spec == ti);
        // The table as it was read, in its own format (a 2019 table in a 2021 report keeps
        // its rows); the report's format when it was not read at all.
        let spec = table.map_or(m.format.table(ti), |t| t.table_spec());
        for (b, bs) in spec.blocks.iter().enumerate() {
            let missing = table
                .and_then(|t| t.blocks.get(b))
                .map(|bm| bm.missing_rows.clone())
                .unwrap_or_default();
            for (r, row) in bs.rows.iter().enumerate() {
                let label = row.full_label(script);
                if row.label.hans.is_empty() {
                    continue;
                }
                let rank = if missing.contains(&r) { 0 } else { 1 };
                out.push(Completion {
                    label: label.clone(),
                    kind: CompletionKind::Row,
                    detail: bs.row_name(r, script),
                    documentation: Voice::new(lang, script).help(&row.help, &row.help_en),
                    insert_text: label,
                    snippet: false,
                    replace: replace.clone(),
                    sort: format!("{}{rank}{b}{r:02}", if at_line_start { 3 } else { 0 }),
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
                out.push(Completion {
                    label: label.clone(),
                    kind: CompletionKind::Column,
                    detail: bs.column_name(c, script),
                    documentation: Voice::new(lang, script).help(&col.help, &col.help_en),
                    insert_text: label,
                    snippet: false,
                    replace: replace.clone(),
                    sort: format!("4{b}{c:02}"),
                });
            }
        }
        if at_line_start && table.is_none_or(|t| !t.present) {
            let body = skeleton::table_text(m.format, ti, script);
            out.push(Completion {
                label: match lang {
                    Lang::English => "table skeleton".into(),
                    Lang::Chinese => "插入统计表".into(),
                },
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
        out.push(Completion {
            label: match lang {
                Lang::English => "new annual report".into(),
                Lang::Chinese => "新建年度报告".into(),
            },
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
}
