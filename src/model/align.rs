//! Step 3: each row group is scored against each data row of the template (exact or fuzzy
//! wording, fragments of wrapped labels, ordinals, nearness to the values) and a dynamic
//! programme picks the best order-preserving assignment.

use super::cells::{Cell, Kind};
use super::groups::Group;
use crate::template::{BlockSpec, RowSpec};
use crate::text::{Fuzzy, lcs, normalize_words, parse_ordinal};
use std::ops::Range;

/// A way to read a group's label: one cell or a few adjacent cells taken together.
pub(super) struct Candidate {
    /// Indices into the group's labels.
    pub(super) cells: Range<usize>,
    pub(super) norm: Fuzzy,
    pub(super) ordinal: Option<u32>,
}

/// Label cells further than this from the values are headers, not the row's own label.
const LABEL_REACH: usize = 12;

pub(super) fn candidates(text: &str, g: &Group) -> Vec<Candidate> {
    let labels: Vec<(usize, &Cell)> = g
        .labels
        .iter()
        .enumerate()
        .filter(|(_, c)| matches!(c.kind, Kind::Label))
        .collect();
    let labels = &labels[labels.len().saturating_sub(LABEL_REACH)..];
    let mut out = Vec::new();
    for (k, &(i, c)) in labels.iter().enumerate() {
        let s = &text[c.range.clone()];
        let ord = parse_ordinal(s);
        let body = ord.map(|o| &s[o.len..]).unwrap_or(s);
        let mut norm = normalize_words(body);
        out.push(Candidate {
            cells: i..i + 1,
            norm: Fuzzy::new(norm.clone()),
            ordinal: ord.map(|o| o.value),
        });
        for &(j, next) in labels.iter().skip(k + 1).take(2) {
            norm.push_str(&normalize_words(&text[next.range.clone()]));
            out.push(Candidate {
                cells: i..j + 1,
                norm: Fuzzy::new(norm.clone()),
                ordinal: ord.map(|o| o.value),
            });
        }
    }
    out
}

/// How well a candidate reads as a row label: (score, exact words, whole label).
fn label_score(c: &Candidate, row: &RowSpec) -> Option<(f64, bool, bool)> {
    if c.norm.is_empty() {
        return None;
    }
    let bonus = match (c.ordinal, row.ordinal_value) {
        (Some(a), Some(b)) if a == b => 0.1,
        (Some(_), Some(_)) => -0.25,
        _ => 0.0,
    };
    let exact = row.fuzzy.iter().any(|f| f.text == c.norm.text);
    if exact {
        return Some((1.0 + bonus, true, true));
    }
    let label = &row.fuzzy[0];
    let n = c.norm.len();
    let m = label.len();
    // A fragment of a label wrapped over lines.
    let frag = if n >= 3 && label.text.contains(c.norm.text.as_str()) {
        0.6 + 0.4 * n as f64 / m as f64
    } else {
        0.0
    };
    // Skip the costly comparison when even a perfect one could not reach the threshold.
    let bound = row
        .fuzzy
        .iter()
        .map(|f| c.norm.similarity_bound(f))
        .fold(0.0, f64::max);
    let near_fragment = n >= 6 && n < m && c.norm.common(label) * 10 >= n * 9;
    if bound.max(frag) + bonus < MIN_SCORE && !near_fragment {
        return None;
    }
    let sim = row
        .fuzzy
        .iter()
        .filter(|f| c.norm.similarity_bound(f) + bonus >= MIN_SCORE)
        .map(|f| c.norm.similarity(f))
        .fold(0.0, f64::max);
    let frag = if frag == 0.0 && near_fragment && coverage_of(&c.norm, label) >= 0.9 {
        0.55 + 0.3 * n as f64 / m as f64
    } else {
        frag
    };
    let (s, complete) = if frag > sim {
        (frag, false)
    } else {
        (sim, sim >= 0.75)
    };
    Some((s + bonus, false, complete))
}

fn coverage_of(fragment: &Fuzzy, label: &Fuzzy) -> f64 {
    lcs(&fragment.chars, &label.chars) as f64 / fragment.len().max(1) as f64
}

/// The best reading of a group as a template row.
#[derive(Clone)]
pub(super) struct Match {
    pub(super) score: f64,
    pub(super) label: Option<(Range<usize>, bool, bool)>,
}

const MIN_SCORE: f64 = 0.62;

pub(super) fn match_row(
    g: &Group,
    cands: &[Candidate],
    block: &BlockSpec,
    row: usize,
    columns: usize,
) -> Option<Match> {
    let spec = &block.rows[row];
    if spec.norm.is_empty() {
        // An unlabelled row (table 四): the group with the right number of values, or a row of
        // blanks without labels of its own.
        let n = if g.values.is_empty() {
            if g.own > 0 {
                return None;
            }
            g.trail.len()
        } else {
            g.values.len()
        };
        let s = 0.5 + 0.3 * n.min(columns) as f64 / columns.max(1) as f64
            - if n > columns { 0.2 } else { 0.0 };
        return Some(Match {
            score: s,
            label: None,
        });
    }
    let label_count = g.labels.len();
    let mut best: Option<Match> = None;
    for c in cands {
        let Some((s, exact, complete)) = label_score(c, spec) else {
            continue;
        };
        // Labels nearer the values are the row's own; earlier ones are headers.
        let distance = label_count.saturating_sub(c.cells.end).min(10);
        let s = s * (1.0 - 0.03 * distance as f64);
        if s >= MIN_SCORE && best.as_ref().is_none_or(|b| s > b.score) {
            best = Some(Match {
                score: s,
                label: Some((c.cells.clone(), exact, complete)),
            });
        }
    }
    best
}

/// Aligns groups with the template's data rows, in order, maximising the total score.
pub(super) fn align(scores: &[Vec<Option<Match>>], rows: usize) -> Vec<Option<usize>> {
    let n = scores.len();
    // dp[i][j]: best total using the first i groups and the first j rows.
    let mut dp = vec![vec![0.0f64; rows + 1]; n + 1];
    for i in 1..=n {
        for j in 1..=rows {
            let mut v = dp[i - 1][j].max(dp[i][j - 1]);
            if let Some(m) = &scores[i - 1][j - 1] {
                v = v.max(dp[i - 1][j - 1] + m.score);
            }
            dp[i][j] = v;
        }
    }
    let mut out = vec![None; n];
    let (mut i, mut j) = (n, rows);
    while i > 0 && j > 0 {
        if let Some(m) = &scores[i - 1][j - 1]
            && (dp[i][j] - (dp[i - 1][j - 1] + m.score)).abs() < 1e-9
        {
            out[i - 1] = Some(j - 1);
            i -= 1;
            j -= 1;
        } else if (dp[i][j] - dp[i - 1][j]).abs() < 1e-9 {
            i -= 1;
        } else {
            j -= 1;
        }
    }
    out
}
