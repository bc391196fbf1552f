//! The outline (sections, their tables and rows) and folding ranges.

use crate::model::{Model, ModelSection};
use crate::text::{is_space, to_han_ordinal};
use crate::voice::{Lang, Voice};
use std::ops::Range;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SymbolKind {
    Section,
    Table,
    Row,
}

/// An entry of the outline.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Symbol {
    pub name: String,
    pub detail: String,
    pub kind: SymbolKind,
    /// Everything the entry covers.
    pub range: Range<usize>,
    /// What to select when it is picked (the heading or label).
    pub selection: Range<usize>,
    pub children: Vec<Symbol>,
}

/// `range` without trailing spaces and line breaks.
fn trim_end(text: &str, range: Range<usize>) -> Range<usize> {
    let s = &text[range.clone()];
    let t = s.trim_end_matches(|c: char| is_space(c) || c == '\n' || c == '\r');
    range.start..range.start + t.len()
}

/// Sections in document order, each with its table and the table's rows.
pub fn outline(m: &Model, lang: Lang) -> Vec<Symbol> {
    let voice = Voice::new(lang, m.script);
    let mut out = Vec::new();
    for (i, h) in m.sections.iter().enumerate() {
        let spec = m.format.section(h.spec);
        let range = trim_end(m.text, m.lines[h.line].range.start..h.body.end);
        let mut children = Vec::new();
        if let Some(t) = m
            .tables
            .iter()
            .find(|t| t.section == ModelSection(i) && t.present)
        {
            let ts = t.table_spec();
            let rows: Vec<Symbol> = t
                .blocks
                .iter()
                .enumerate()
                .flat_map(|(b, bm)| bm.rows.iter().map(move |r| (b, r)))
                .filter_map(|(b, r)| {
                    let name = ts.blocks[b].row_name(r.row, m.script);
                    let sel = r
                        .label
                        .as_ref()
                        .map(|l| l.range.clone())
                        .unwrap_or(r.range.clone());
                    (!name.is_empty()).then(|| Symbol {
                        name,
                        detail: String::new(),
                        kind: SymbolKind::Row,
                        range: r.range.clone(),
                        selection: sel,
                        children: Vec::new(),
                    })
                })
                .collect();
            children.push(Symbol {
                name: voice.say("统计表", "table"),
                detail: format!("{:?}", t.layout),
                kind: SymbolKind::Table,
                range: t.range.clone(),
                selection: t.range.start..t.range.start,
                children: rows,
            });
        }
        out.push(Symbol {
            name: m.slice(&h.heading).to_string(),
            detail: voice.say(
                format!("第{}部分", to_han_ordinal(spec.number)),
                format!("section {}", spec.number),
            ),
            kind: SymbolKind::Section,
            range,
            selection: h.heading.clone(),
            children,
        });
    }
    out
}

/// Foldable ranges: each section and each table.
pub fn folding(m: &Model) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    for h in &m.sections {
        out.push(trim_end(m.text, m.lines[h.line].range.start..h.body.end));
    }
    for t in m.tables.iter().filter(|t| t.present && !t.range.is_empty()) {
        out.push(t.range.clone());
    }
    out.sort_by_key(|r| (r.start, std::cmp::Reverse(r.end)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_tables_and_rows() {
        let text = include_str!("../../tests/fixtures/clean_rows.txt");
        let m = Model::new(text);
        let o = outline(&m, Lang::Chinese);
        assert_eq!(o.len(), 6);
        assert_eq!(o[2].name, "三、收到和处理政府信息公开申请情况");
        assert_eq!(o[2].detail, "第三部分");
        let table = &o[2].children[0];
        assert_eq!(table.kind, SymbolKind::Table);
        assert_eq!(table.children.len(), 25);
        assert_eq!(table.children[0].name, "一、本年新收政府信息公开申请数量");
        assert!(o[0].children.is_empty());
        // Ranges nest.
        assert!(o[2].range.start <= table.range.start && table.range.end <= o[2].range.end);
        assert_eq!(folding(&m).len(), 9);
    }
}
