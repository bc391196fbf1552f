//! The outline (sections, their tables, the blocks of a table of several blocks, row groups and
//! rows) and folding ranges. Each symbol covers exactly its own text, so that an editor's sticky
//! scroll shows above a line the headings that really contain it.

use crate::model::{BlockModel, Model, ModelSection, TableModel};
use crate::template::BlockSpec;
use crate::text::{is_space, normalize_words, to_han_ordinal};
use crate::voice::{Lang, Voice};
use std::ops::Range;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SymbolKind {
    Section,
    Table,
    /// A heading row of a table that gathers rows (三、本年度办理结果, （三）不予公开).
    Group,
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
    /// What to select when it is picked (the heading or label), inside `range`.
    pub selection: Range<usize>,
    pub children: Vec<Symbol>,
}

/// `range` without trailing spaces and line breaks.
fn trim_end(text: &str, range: Range<usize>) -> Range<usize> {
    let s = &text[range.clone()];
    let t = s.trim_end_matches(|c: char| is_space(c) || c == '\n' || c == '\r');
    range.start..range.start + t.len()
}

/// Where the label `words` is written in `text[within]`, by its words (script, width and
/// spacing aside), as the range of the characters that carry them.
fn find_label(text: &str, within: Range<usize>, words: &str) -> Option<Range<usize>> {
    let want = normalize_words(words);
    if want.is_empty() || within.start >= within.end {
        return None;
    }
    // Characters with their offsets, and the normalised form of each.
    let chars: Vec<(usize, char)> = text[within.clone()]
        .char_indices()
        .map(|(i, c)| (within.start + i, c))
        .collect();
    for (k, &(start, c)) in chars.iter().enumerate() {
        if normalize_words(&c.to_string()).is_empty() {
            continue;
        }
        let mut got = String::new();
        for &(at, d) in &chars[k..] {
            got.push_str(&normalize_words(&d.to_string()));
            if !want.starts_with(got.as_str()) {
                break;
            }
            if got == want {
                // Take in the punctuation the match starts inside (the 「（」 of 「（三）」).
                let mut from = start;
                for &(at, p) in chars[..k].iter().rev() {
                    if is_space(p) || p == '\n' || !normalize_words(&p.to_string()).is_empty() {
                        break;
                    }
                    from = at;
                }
                return Some(from..at + d.len_utf8());
            }
        }
    }
    None
}

/// The rows of a block as symbols, heading rows (those without values) gathering their rows.
/// `from` is where the block's own text starts: a heading row's label is looked for between
/// the row before its first row and that row.
fn rows(m: &Model, bs: &BlockSpec, bm: &BlockModel, from: usize) -> Vec<Symbol> {
    // Symbols of one parent (None: the block's top level), in template order.
    fn level(
        m: &Model,
        bs: &BlockSpec,
        bm: &BlockModel,
        parent: Option<usize>,
        prev_end: &mut usize,
    ) -> Vec<Symbol> {
        let mut out = Vec::new();
        for (r, spec) in bs.rows.iter().enumerate() {
            if spec.parent != parent {
                continue;
            }
            if spec.values {
                let Some(row) = bm.row(r) else { continue };
                let name = if parent.is_some_and(|p| bs.rows[p].parent.is_some()) {
                    // Under its group: the group's label is already above it.
                    spec.full_label(m.script)
                } else {
                    bs.row_name(r, m.script)
                };
                *prev_end = row.range.end;
                if name.is_empty() {
                    continue;
                }
                let selection = row
                    .label
                    .as_ref()
                    .map(|l| l.range.clone())
                    .unwrap_or(row.range.clone());
                out.push(Symbol {
                    name,
                    detail: String::new(),
                    kind: SymbolKind::Row,
                    range: row.range.clone(),
                    selection,
                    children: Vec::new(),
                });
            } else {
                let before = *prev_end;
                let children = level(m, bs, bm, Some(r), prev_end);
                let (Some(first), Some(last)) = (children.first(), children.last()) else {
                    continue;
                };
                // The group's own label, written before its first row (on that row's line
                // in tab rows, or on lines of its own).
                let gap = before..first.range.start;
                let label = find_label(m.text, gap.clone(), &spec.full_label(m.script))
                    .or_else(|| find_label(m.text, gap, spec.label.get(m.script)));
                let start = label.as_ref().map_or(first.range.start, |l| l.start);
                out.push(Symbol {
                    name: spec.full_label(m.script),
                    detail: String::new(),
                    kind: SymbolKind::Group,
                    range: start..last.range.end,
                    selection: label.unwrap_or(first.selection.clone()),
                    children,
                });
            }
        }
        out
    }
    let mut prev_end = from;
    level(m, bs, bm, None, &mut prev_end)
}

/// Where a block's text starts and ends: its title (when written), header and rows.
fn block_range(m: &Model, bs: &BlockSpec, bm: &BlockModel, after: usize) -> Option<Range<usize>> {
    let first_row = bm.rows.first().map(|r| r.range.start);
    let header = bm.header.as_ref().map(|h| h.range.start);
    let start = header.into_iter().chain(first_row).min()?;
    let end = bm
        .rows
        .last()
        .map_or(start, |r| r.range.end)
        .max(bm.header.as_ref().map_or(start, |h| h.range.end));
    let title = bs.title.as_ref().and_then(|t| {
        find_label(m.text, after..start.max(after), t.get(m.script)).map(|r| r.start)
    });
    Some(title.unwrap_or(start).min(start)..end)
}

fn table_symbols(m: &Model, t: &TableModel, lang: Lang) -> Vec<Symbol> {
    let ts = t.table_spec();
    let table_name = || Voice::new(lang, m.script).say("统计表", "table");
    if t.blocks.len() == 1 {
        let bs = &ts.blocks[0];
        return vec![Symbol {
            name: table_name(),
            detail: layout_name(t.layout, lang, m.script),
            kind: SymbolKind::Table,
            range: t.range.clone(),
            selection: t.range.start..t.range.start,
            children: rows(m, bs, &t.blocks[0], t.range.start),
        }];
    }
    // A table of several blocks (二): each block under its own title, so that the title of the
    // first block does not stand above the rows of the others.
    let mut out = Vec::new();
    let mut after = m.sections[t.section.0].body.start;
    for (b, bm) in t.blocks.iter().enumerate() {
        let bs = &ts.blocks[b];
        let Some(range) = block_range(m, bs, bm, after) else {
            continue;
        };
        let title = bs.title.as_ref().map(|l| l.get(m.script).to_string());
        let selection = title
            .as_deref()
            .and_then(|w| find_label(m.text, range.clone(), w))
            .unwrap_or(range.start..range.start);
        out.push(Symbol {
            name: title.unwrap_or_else(table_name),
            detail: layout_name(t.layout, lang, m.script),
            kind: SymbolKind::Table,
            range: range.clone(),
            selection,
            children: rows(m, bs, bm, range.start),
        });
        after = range.end;
    }
    out
}

/// How a table is laid out, for the outline's detail.
fn layout_name(layout: crate::model::Layout, lang: Lang, script: crate::text::Script) -> String {
    use crate::model::Layout::*;
    let (zh, en) = match layout {
        Rows => ("制表符分隔", "tab-separated"),
        Pipes => ("竖线分隔", "pipe-separated"),
        Spaced => ("空格对齐", "space-aligned"),
        CellPerLine => ("每行一格", "one cell per line"),
    };
    Voice::new(lang, script).say(zh, en)
}

/// Sections in document order, each with its table, row groups and rows.
pub fn outline(m: &Model, lang: Lang) -> Vec<Symbol> {
    let mut out = Vec::new();
    for (i, h) in m.sections.iter().enumerate() {
        let spec = m.format.section(h.spec);
        let range = trim_end(m.text, m.lines[h.line].range.start..h.body.end);
        let children = m
            .tables
            .iter()
            .find(|t| t.section == ModelSection(i) && t.present)
            .map(|t| table_symbols(m, t, lang))
            .unwrap_or_default();
        out.push(Symbol {
            name: m.slice(&h.heading).to_string(),
            detail: Voice::new(lang, m.script).say(
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

    /// The names of the symbols whose ranges contain `offset`, outermost first: what sticky
    /// scroll shows above that place.
    fn path_at(symbols: &[Symbol], offset: usize) -> Vec<String> {
        let mut out = Vec::new();
        let mut level = symbols;
        while let Some(s) = level
            .iter()
            .find(|s| s.range.start <= offset && offset < s.range.end)
        {
            out.push(s.name.clone());
            level = &s.children;
        }
        out
    }

    /// Every symbol lies inside its parent, after its previous sibling, and selects inside
    /// itself.
    fn nested(text: &str, symbols: &[Symbol], within: Range<usize>) {
        let mut after = within.start;
        for s in symbols {
            assert!(
                within.start <= s.range.start && s.range.end <= within.end,
                "{} {:?} outside {:?}",
                s.name,
                s.range,
                within
            );
            assert!(s.range.start >= after, "{} overlaps its sibling", s.name);
            assert!(
                s.range.start <= s.selection.start && s.selection.end <= s.range.end,
                "{}: selection outside",
                s.name
            );
            assert!(text.is_char_boundary(s.range.start) && text.is_char_boundary(s.range.end));
            after = s.range.end;
            nested(text, &s.children, s.range.clone());
        }
    }

    #[test]
    fn sections_blocks_groups_and_rows() {
        let text = include_str!("../../tests/fixtures/clean_rows.txt");
        let m = Model::new(text);
        let o = outline(&m, Lang::Chinese);
        assert_eq!(o.len(), 6);
        assert_eq!(o[2].name, "三、收到和处理政府信息公开申请情况");
        assert_eq!(o[2].detail, "第三部分");
        // Table 二: its four blocks, each under its title.
        let blocks: Vec<&str> = o[1].children.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(
            blocks,
            [
                "第二十条第（一）项",
                "第二十条第（五）项",
                "第二十条第（六）项",
                "第二十条第（八）项"
            ]
        );
        let table = &o[2].children[0];
        assert_eq!(table.kind, SymbolKind::Table);
        assert_eq!(table.detail, "制表符分隔");
        let top: Vec<&str> = table.children.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(
            top,
            [
                "一、本年新收政府信息公开申请数量",
                "二、上年结转政府信息公开申请数量",
                "三、本年度办理结果",
                "四、结转下年度继续办理"
            ]
        );
        assert_eq!(table.children[2].kind, SymbolKind::Group);
        assert_eq!(table.children[2].children.len(), 7);
        assert_eq!(table.children[2].children[2].children.len(), 8);
        assert!(o[0].children.is_empty());
        nested(text, &o, 0..text.len());
        assert_eq!(folding(&m).len(), 9);
        let en = outline(&m, Lang::English);
        assert_eq!(en[2].children[0].detail, "tab-separated");
        assert_eq!(en[2].children[0].name, "table");
    }

    #[test]
    fn each_symbol_covers_exactly_its_text() {
        // A draft from the template, after a title with an astral character (𠀀, 4 bytes).
        let f = crate::template::Template::get().for_year(Some(2025));
        let skeleton =
            crate::skeleton::report_text(f, crate::text::Script::Hans, "𠀀县人民政府", 2025);
        for text in [
            skeleton.as_str(),
            include_str!("../../examples/report-2025.txt"),
            include_str!("../../tests/fixtures/clean_per_line.txt"),
            include_str!("../../tests/fixtures/clean_per_line_hant.txt"),
        ] {
            let m = Model::new(text);
            let o = outline(&m, Lang::Chinese);
            nested(text, &o, 0..text.len());
            // A row covers its label and values, nothing more.
            for t in &m.tables {
                for bm in &t.blocks {
                    for r in &bm.rows {
                        let s = &text[r.range.clone()];
                        assert!(!s.starts_with(is_space) && !s.ends_with(is_space), "{s:?}");
                    }
                }
            }
            let at = |needle: &str| {
                let needle = Voice::new(Lang::Chinese, m.script).say(needle, "");
                text.find(&needle).expect(&needle)
            };
            let lines = |r: &Range<usize>| text[r.clone()].lines().count();
            // Sticky scroll above 行政处罚 shows its own block, not the first one.
            let path = path_at(&o, at("行政处罚") + 1);
            assert_eq!(
                path[1],
                Voice::new(Lang::Chinese, m.script).say("第二十条第（六）项", ""),
                "{path:?}"
            );
            assert_eq!(path.len(), 3, "{path:?}");
            let first_block = &o[1].children[0];
            assert!(first_block.range.end < at("行政许可"));
            assert!(lines(&first_block.range) < 30);
            // Above the rows of （六）其他处理: the table, 三、本年度办理结果, （六）其他处理.
            let other = at("2.申请人逾期未按收费通知");
            let path = path_at(&o, other + 1);
            assert_eq!(path.len(), 5, "{path:?}");
            assert!(
                path[2].ends_with(&Voice::new(Lang::Chinese, m.script).say("本年度办理结果", ""))
            );
            assert_eq!(
                path[3],
                Voice::new(Lang::Chinese, m.script).say("（六）其他处理", "")
            );
            assert!(path[4].starts_with("2."));
            // A group starts at its own label.
            let group = &o[2].children[0].children[2].children[5];
            assert!(
                text[group.range.clone()]
                    .starts_with(&Voice::new(Lang::Chinese, m.script).say("（六）其他处理", "")),
                "{:?}",
                &text[group.range.clone()]
            );
        }
    }
}
