//! Editor features computed from the model, in byte offsets and without protocol types: hover,
//! completion, outline and folding, inlay hints, formatting, and "fix all". The language server converts
//! them; nothing here knows LSP.

mod complete;
mod format;
mod hints;
mod hover;
mod outline;
mod tokens;

pub use complete::{Completion, CompletionKind, complete};
pub use format::format;
pub use hints::{Hint, HintKind, hints};
pub use hover::{HoverInfo, hover};
pub use outline::{Symbol, SymbolKind, folding, outline};
pub use tokens::{TOKEN_MODIFIERS, TOKEN_TYPES, Token, TokenKind, tokens};

use crate::finding::{Edit, Finding};

/// The edits of every safe fix, without overlaps, in text order: what "fix all safe problems"
/// applies in one go.
pub fn fix_all(findings: &[Finding]) -> Vec<Edit> {
    let mut edits: Vec<Edit> = findings
        .iter()
        .filter_map(|f| f.fixes.iter().find(|x| x.safe))
        .flat_map(|x| x.edits.iter().cloned())
        .collect();
    edits.sort_by_key(|e| (e.range.start, e.range.end));
    let mut out: Vec<Edit> = Vec::new();
    for e in edits {
        let clash = out.last().is_some_and(|p| {
            e.range.start < p.range.end || (e.range.start == p.range.start && p.range == e.range)
        });
        if !clash {
            out.push(e);
        }
    }
    out
}

/// Whether `offset` lies in `range`, its end included (a cursor right after a word is on it).
pub(crate) fn touches(range: &std::ops::Range<usize>, offset: usize) -> bool {
    range.start <= offset && offset <= range.end
}

/// 「按各项重新计算合计」: the edits that set every total of the table at `offset` to the sum of
/// its parts, offered anywhere in a table, also when nothing is wrong (then there are none to
/// make). `None` when `offset` is not in a table, or its totals do not settle (parts that
/// disagree among themselves).
pub fn recompute_totals(m: &crate::model::Model, offset: usize) -> Option<Vec<Edit>> {
    let t = m
        .tables
        .iter()
        .find(|t| t.present && t.range.start <= offset && offset <= t.range.end)?;
    let changed = crate::model::arith::recomputed(&t.arithmetic().grid)?;
    Some(
        changed
            .into_iter()
            .filter_map(|(c, v)| {
                Some(Edit {
                    range: t.cell(c.block, c.row, c.col)?.range.clone(),
                    new_text: v.to_string(),
                })
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::{Options, check_text};

    #[test]
    fn totals_are_recomputed_anywhere_in_a_table() {
        let text = include_str!("../../tests/fixtures/clean_rows.txt");
        let m = crate::model::Model::new(text);
        let in_table = text.find("2.重复申请").unwrap();
        // Nothing is wrong: the action is there, with nothing to change.
        assert_eq!(recompute_totals(&m, in_table), Some(Vec::new()));
        assert_eq!(recompute_totals(&m, text.find("按季度清理").unwrap()), None);
        // Two stale totals of 自然人 after 予以公开 15 → 16 (the row total too).
        let typed = text.replace(
            "（一）予以公开\t15\t1\t0\t0\t1\t0\t17",
            "（一）予以公开\t16\t1\t0\t0\t1\t0\t17",
        );
        let m = crate::model::Model::new(&typed);
        let edits = recompute_totals(&m, typed.find("（七）总计").unwrap()).unwrap();
        let fixed = crate::finding::apply_edits(&typed, &edits).unwrap();
        assert!(
            fixed.contains("（一）予以公开\t16\t1\t0\t0\t1\t0\t18"),
            "{fixed}"
        );
        assert!(
            fixed.contains("（七）总计\t44\t2\t0\t1\t1\t0\t48"),
            "{fixed}"
        );
        assert!(
            check_text(&fixed, &Options::default())
                .iter()
                .all(|f| f.code != crate::code::Code::TotalMismatch)
        );
    }

    #[test]
    fn fix_all_takes_safe_fixes_without_overlaps() {
        let text = include_str!("../../examples/report-2025.txt");
        let findings = check_text(text, &Options::default());
        let edits = fix_all(&findings);
        // Safe: the label, the heading, the markup; not the arithmetic ones.
        assert_eq!(edits.len(), 3, "{edits:#?}");
        let fixed = crate::finding::apply_edits(text, &edits).expect("edits without overlaps");
        let after = check_text(&fixed, &Options::default());
        let codes: Vec<&str> = after.iter().map(|f| f.code.as_str()).collect();
        assert_eq!(
            codes,
            ["total-mismatch", "empty-cell", "missing-fee-statement"]
        );
    }
}
