//! Reading a block's header: which of the template's columns it names.
//!
//! Header cells are often broken over lines (「自然」/「人」), so the cells are joined and the
//! template's labels are looked for in the joined text, longest first. A column the header lacks
//! is reported missing only when the rows agree (they carry fewer numbers than the template
//! has columns); otherwise the header is taken as garbled and the template's columns are used.

use super::{ColumnHit, HeaderModel};
use crate::template::BlockSpec;
use crate::text::{fold_char, normalize_words, similarity};
use std::ops::Range;

/// A label cell of a header.
#[derive(Clone, Debug)]
pub(super) struct HeaderCell {
    pub line: usize,
    pub range: Range<usize>,
}

/// One character of the joined header, with the byte range it came from.
struct Joined {
    chars: Vec<char>,
    /// Byte range in the text of each char.
    origin: Vec<Range<usize>>,
    /// Cell index of each char.
    cell: Vec<usize>,
}

fn join(text: &str, cells: &[HeaderCell]) -> Joined {
    let mut j = Joined {
        chars: Vec::new(),
        origin: Vec::new(),
        cell: Vec::new(),
    };
    for (k, c) in cells.iter().enumerate() {
        for (i, ch) in text[c.range.clone()].char_indices() {
            if let Some(f) = fold_char(ch).filter(|f| f.is_alphanumeric() || *f == '"') {
                let at = c.range.start + i;
                j.chars.push(f);
                j.origin.push(at..at + ch.len_utf8());
                j.cell.push(k);
            }
        }
    }
    j
}

enum Target {
    Column(usize),
    Other,
}

/// Finds the first unconsumed occurrence of `needle` and consumes it.
fn take(j: &Joined, used: &mut [bool], needle: &[char]) -> Option<Range<usize>> {
    if needle.is_empty() || needle.len() > j.chars.len() {
        return None;
    }
    'start: for s in 0..=j.chars.len() - needle.len() {
        for (k, ch) in needle.iter().enumerate() {
            if used[s + k] || j.chars[s + k] != *ch {
                continue 'start;
            }
        }
        for u in used.iter_mut().skip(s).take(needle.len()) {
            *u = true;
        }
        return Some(s..s + needle.len());
    }
    None
}

/// Reads a header. Returns the header (if any cell was given) and the template columns the rows'
/// values are bound to, in order.
pub(super) fn read_header(
    text: &str,
    block: &BlockSpec,
    cells: &[HeaderCell],
    row_counts: &[usize],
) -> (Option<HeaderModel>, Vec<usize>) {
    let standard: Vec<usize> = (0..block.columns.len())
        .filter(|&c| !block.columns[c].optional)
        .collect();
    if cells.is_empty() {
        return (None, standard);
    }
    let j = join(text, cells);
    let mut used = vec![false; j.chars.len()];
    let mut targets: Vec<(Vec<char>, Target)> = Vec::new();
    for (i, c) in block.columns.iter().enumerate() {
        targets.push((c.norm.chars().collect(), Target::Column(i)));
    }
    for g in &block.groups {
        targets.push((g.norm.chars().collect(), Target::Other));
    }
    for l in block
        .title
        .iter()
        .chain(block.corner.iter())
        .chain(&block.notes)
    {
        targets.push((normalize_words(&l.hans).chars().collect(), Target::Other));
    }
    // Longest first, so that 「其他」 is not taken out of 「法人或其他组织」.
    targets.sort_by_key(|(n, _)| std::cmp::Reverse(n.len()));
    let mut found: Vec<Option<Range<usize>>> = vec![None; block.columns.len()];
    for (needle, target) in &targets {
        let hit = take(&j, &mut used, needle);
        if let (Some(h), Target::Column(c)) = (hit, target) {
            found[*c] = Some(j.origin[h.start].start..j.origin[h.end - 1].end);
        }
    }
    // Variant wordings of columns, in what is left.
    for (i, c) in block.columns.iter().enumerate() {
        if found[i].is_some() {
            continue;
        }
        for v in &c.norm_variants {
            let needle: Vec<char> = v.chars().collect();
            if let Some(h) = take(&j, &mut used, &needle) {
                found[i] = Some(j.origin[h.start].start..j.origin[h.end - 1].end);
                break;
            }
        }
    }
    let mut columns: Vec<ColumnHit> = found
        .iter()
        .enumerate()
        .filter_map(|(c, r)| {
            r.clone().map(|range| ColumnHit {
                col: c,
                range,
                standard: true,
            })
        })
        .collect();
    let present: Vec<usize> = (0..block.columns.len())
        .filter(|&c| found[c].is_some() || !block.columns[c].optional)
        .collect();
    let absent: Vec<usize> = standard
        .iter()
        .copied()
        .filter(|&c| found[c].is_none())
        .collect();
    let full = present.len();
    let short_rows = row_counts.iter().filter(|&&n| n < full).count();
    // The rows confirm a missing column when most of them are short of values.
    let confirmed =
        !absent.is_empty() && !row_counts.is_empty() && short_rows * 2 >= row_counts.len();
    let range = cells[0].range.start..cells.last().map(|c| c.range.end).unwrap_or(0);
    let lines = cells[0].line..cells.last().map(|c| c.line).unwrap_or(0) + 1;
    let mut header = HeaderModel {
        range,
        lines,
        columns: Vec::new(),
        missing: Vec::new(),
        anchor: 0..0,
    };
    let bound: Vec<usize>;
    if confirmed {
        header.missing = absent.clone();
        bound = present
            .iter()
            .copied()
            .filter(|c| !absent.contains(c))
            .collect();
        // Report next to the nearest column found before (or after) the first missing one.
        let m = absent[0];
        let near = (0..m)
            .rev()
            .chain(m + 1..block.columns.len())
            .find_map(|c| found[c].clone());
        header.anchor = near
            .map(|r| line_of(text, r))
            .unwrap_or(header.range.clone());
    } else {
        // Wording that differs from the template, for the columns not found verbatim. A cell is
        // claimed by one column at most, and a fragment of the label (wrapped text) is not a
        // different wording.
        let mut claimed: Vec<usize> = Vec::new();
        for &c in &absent {
            if let Some((k, r)) = fuzzy_leftover(cells, &j, &used, &claimed, &block.columns[c].norm)
            {
                claimed.push(k);
                columns.push(ColumnHit {
                    col: c,
                    range: r,
                    standard: false,
                });
            }
        }
        bound = present;
    }
    columns.sort_by_key(|c| c.range.start);
    header.columns = columns;
    (Some(header), bound)
}

/// The line around a byte range (without surrounding spaces).
fn line_of(text: &str, r: Range<usize>) -> Range<usize> {
    let start = text[..r.start]
        .rfind(['\n', '\r'])
        .map(|i| i + 1)
        .unwrap_or(0);
    let end = text[r.end..]
        .find(['\n', '\r'])
        .map(|i| r.end + i)
        .unwrap_or(text.len());
    let s = &text[start..end];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    if start + lead >= end - trail {
        r
    } else {
        start + lead..end - trail
    }
}

/// A header cell, none of whose characters were matched, that is worded like `label` without
/// being a mere fragment of it. Returns the cell's index and range.
fn fuzzy_leftover(
    cells: &[HeaderCell],
    j: &Joined,
    used: &[bool],
    claimed: &[usize],
    label: &str,
) -> Option<(usize, Range<usize>)> {
    let mut best: Option<(f64, usize, Range<usize>)> = None;
    for (k, c) in cells.iter().enumerate() {
        if claimed.contains(&k) {
            continue;
        }
        let idx: Vec<usize> = (0..j.chars.len()).filter(|&i| j.cell[i] == k).collect();
        if idx.is_empty() || idx.iter().any(|&i| used[i]) {
            continue;
        }
        let s: String = idx.iter().map(|&i| j.chars[i]).collect();
        if label.contains(s.as_str()) {
            continue;
        }
        let sim = similarity(&s, label);
        if sim >= 0.6 && best.as_ref().is_none_or(|(b, _, _)| sim > *b) {
            best = Some((sim, k, c.range.clone()));
        }
    }
    best.map(|(_, k, r)| (k, r))
}
