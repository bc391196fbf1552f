//! Semantic tokens: what to colour, for editors that do not run the tree-sitter grammar.

use crate::model::Model;
use crate::syntax::LineKind;
use crate::text::{parse_number, trim_markup};
use std::collections::HashSet;
use std::ops::Range;

/// The token types, in the order of the legend the server announces.
pub const TOKEN_TYPES: &[&str] = &["heading", "label", "number", "total"];
/// The token modifiers, as bits in that order.
pub const TOKEN_MODIFIERS: &[&str] = &["wrong"];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenKind {
    /// A section heading.
    Heading = 0,
    /// A row or column label of a table.
    Label = 1,
    /// A value.
    Number = 2,
    /// A value that is the total of a sum.
    Total = 3,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    pub range: Range<usize>,
    pub kind: TokenKind,
    /// A value the arithmetic blames.
    pub wrong: bool,
}

/// The tokens of a report, in text order, not overlapping.
pub fn tokens(m: &Model) -> Vec<Token> {
    let mut out = Vec::new();
    for h in &m.sections {
        out.push(Token {
            range: h.heading.clone(),
            kind: TokenKind::Heading,
            wrong: false,
        });
    }
    for t in &m.tables {
        let a = t.arithmetic();
        let sheet = &a.sheet;
        let totals: HashSet<_> = sheet
            .instances
            .iter()
            .filter(|i| i.sum)
            .map(|i| i.terms[0].0)
            .collect();
        let wrong: HashSet<_> = a.discrepancies.iter().map(|d| d.cell).collect();
        for (b, bm) in t.blocks.iter().enumerate() {
            if let Some(h) = &bm.header {
                for c in &h.columns {
                    out.push(Token {
                        range: c.range.clone(),
                        kind: TokenKind::Label,
                        wrong: false,
                    });
                }
            }
            for row in &bm.rows {
                if let Some(l) = &row.label {
                    out.push(Token {
                        range: l.range.clone(),
                        kind: TokenKind::Label,
                        wrong: false,
                    });
                }
                for v in row.values.iter().filter(|v| !v.range.is_empty()) {
                    let at = v.col.map(|col| crate::template::CellRef {
                        block: b,
                        row: row.row,
                        col,
                    });
                    let kind = if at.is_some_and(|a| totals.contains(&a)) {
                        TokenKind::Total
                    } else {
                        TokenKind::Number
                    };
                    out.push(Token {
                        range: v.range.clone(),
                        kind,
                        wrong: at.is_some_and(|a| wrong.contains(&a)),
                    });
                }
            }
        }
    }
    // Every other label cell of a table: group labels (三、本年度办理结果, （三）不予公开) in tab
    // rows, block titles, group headers, notes. Values were taken above; what is left of a table's
    // lines that is text is a label.
    for t in m.tables.iter().filter(|t| t.present && !t.range.is_empty()) {
        let values: Vec<Range<usize>> = t
            .blocks
            .iter()
            .flat_map(|b| &b.rows)
            .flat_map(|r| &r.values)
            .map(|v| v.range.clone())
            .collect();
        let first = m.line_at(t.range.start).map_or(0, |l| l.number);
        let last = m.line_at(t.range.end).map_or(0, |l| l.number);
        for line in m.lines.get(first..=last).unwrap_or_default() {
            let fields: Vec<Range<usize>> = match line.kind {
                LineKind::TabRow | LineKind::PipeRow => {
                    line.fields.iter().map(|f| f.content.clone()).collect()
                }
                LineKind::Heading | LineKind::Paragraph => vec![line.fields[0].content.clone()],
                _ => Vec::new(),
            };
            for f in fields {
                let f = trim_markup(m.text, f);
                let s = &m.text[f.clone()];
                let label = !f.is_empty()
                    && s.chars().any(char::is_alphabetic)
                    && parse_number(s).is_none()
                    && !values.iter().any(|v| v.start < f.end && f.start < v.end);
                if label {
                    out.push(Token {
                        range: f,
                        kind: TokenKind::Label,
                        wrong: false,
                    });
                }
            }
        }
    }
    out.sort_by_key(|t| (t.range.start, t.range.end));
    // Keep the first of overlapping tokens (a label inside a heading line, say).
    let mut kept: Vec<Token> = Vec::with_capacity(out.len());
    for t in out {
        if kept.last().is_none_or(|p| t.range.start >= p.range.end) {
            kept.push(t);
        }
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_labels_numbers_totals_and_wrong_totals() {
        let text = include_str!("../../examples/report-2025.txt");
        let m = Model::new(text);
        let t = tokens(&m);
        let of = |s: &str| {
            t.iter()
                .find(|t| &text[t.range.clone()] == s)
                .map(|t| (t.kind, t.wrong))
        };
        assert_eq!(of("一、总体情况"), Some((TokenKind::Heading, false)));
        assert_eq!(of("（一）予以公开"), Some((TokenKind::Label, false)));
        assert_eq!(of("本年制发件数"), Some((TokenKind::Label, false)));
        assert_eq!(of("1234"), Some((TokenKind::Number, false)));
        assert_eq!(of("18"), Some((TokenKind::Total, true)));
        assert!(t.windows(2).all(|w| w[0].range.end <= w[1].range.start));
        // Group labels in tab rows, block titles, group headers and the note are labels too.
        for label in [
            "三、本年度办理结果",
            "（三）不予公开",
            "（六）其他处理",
            "第二十条第（五）项",
            "信息内容",
            "法人或其他组织",
            "行政诉讼",
            "未经复议直接起诉",
            "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
        ] {
            assert_eq!(of(label), Some((TokenKind::Label, false)), "{label}");
        }
        // Prose around the tables is not: nothing in section 一's body, nor in section 五's.
        for s in [0, 4] {
            let body = m.sections[s].body.clone();
            assert!(body.len() > 100);
            assert!(
                t.iter()
                    .all(|t| t.range.end <= body.start || t.range.start >= body.end)
            );
        }
    }
}
