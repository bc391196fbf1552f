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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::{Options, check_text};

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
