//! One year against the last: reports of the same organisation checked together. Each report
//! is reduced to a [`Summary`] (`model/summary.rs`), and each report is paired with the same
//! organisation's report of the year before; every check of the registry that runs
//! [`Run::AcrossYears`] compares the pair, by the template's `[across]` relations:
//! - `carryover-mismatch`: 上年结转 of year N against 结转下年度继续办理 of year N−1, column by
//!   column; and 现行有效 of N−1 + 本年制发 − 本年废止 against 现行有效 of N;
//! - `copied-text`: a paragraph of sections 一 or 五 repeating last year's, years aside.

use crate::checks::{CHECKS, Pair, Run};
use crate::finding::Finding;
use crate::template::Template;
use crate::voice::{Lang, Voice};
use std::collections::HashMap;

// The summaries live with the model, so that the checks and this module both read them without
// importing each other; the edges keep calling them here.
pub use crate::model::summary::{Cell, Paragraph, Summary, identity, summarize};

/// Findings of comparing each report with the same organisation's report of the year before.
/// Returns (index of the report, finding); related locations in the other report carry its
/// index in `Related::doc`.
pub fn cross_check(docs: &[&Summary], lang: Lang) -> Vec<(usize, Finding)> {
    let mut by_key: HashMap<(&str, i32), Vec<usize>> = HashMap::new();
    for (i, d) in docs.iter().enumerate() {
        if let (Some(org), Some(y)) = (&d.org, d.year) {
            by_key.entry((org.as_str(), y)).or_default().push(i);
        }
    }
    let mut out = Vec::new();
    for (i, cur) in docs.iter().enumerate() {
        let (Some(org), Some(y)) = (&cur.org, cur.year) else {
            continue;
        };
        // Two reports of one organisation and year make the comparison ambiguous.
        if by_key.get(&(org.as_str(), y)).is_some_and(|v| v.len() > 1) {
            continue;
        }
        let Some(prev_list) = by_key.get(&(org.as_str(), y - 1)) else {
            continue;
        };
        let &[p] = prev_list.as_slice() else { continue };
        let prev = docs[p];
        let voice = Voice {
            lang,
            script: cur.script,
        };
        let Some(format) = Template::get().format(&cur.format) else {
            continue;
        };
        let pair = Pair {
            cur,
            prev,
            prev_doc: p,
            voice,
            format,
        };
        // Every cross-year check of the registry, in the order of the catalogue.
        for check in CHECKS {
            if let Run::AcrossYears(compare) = check.run {
                out.extend(compare(&pair).into_iter().map(|f| (i, f)));
            }
        }
    }
    out
}
