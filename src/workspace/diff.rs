//! The edits that turn one text into another, shaped as a writer of Word files can take them:
//! a changed line is an edit of the characters that differ in it, new lines are inserted after
//! the line before them (as an inserted table row is), lines taken out are removed whole. Used
//! to write into a Word file what a person typed in an editor since the file was opened.

use crate::finding::Edit;

/// Above this many line pairs the changed middle is one edit (comparing lines costs their
/// product; a person's edits between two saves are far below it).
const MAX_PAIRS: usize = 4_000_000;

/// Edits of `old` (byte ranges of it, in order, not overlapping) that make `new`.
pub fn text_edits(old: &str, new: &str) -> Vec<Edit> {
    if old == new {
        return Vec::new();
    }
    let a = lines(old);
    let b = lines(new);
    let prefix = a.iter().zip(&b).take_while(|(x, y)| x.1 == y.1).count();
    let suffix = a[prefix..]
        .iter()
        .rev()
        .zip(b[prefix..].iter().rev())
        .take_while(|(x, y)| x.1 == y.1)
        .count();
    let (am, bm) = (&a[prefix..a.len() - suffix], &b[prefix..b.len() - suffix]);
    let mut edits = Vec::new();
    // Hunks of the middle: runs of lines between lines both texts keep.
    let mut hunk = |ai: std::ops::Range<usize>, bi: std::ops::Range<usize>| {
        hunk_edits(
            &a,
            prefix + ai.start..prefix + ai.end,
            &b[prefix + bi.start..prefix + bi.end],
            &mut edits,
        )
    };
    if am.len().saturating_mul(bm.len()) > MAX_PAIRS {
        hunk(0..am.len(), 0..bm.len());
    } else {
        let kept = common_lines(am, bm);
        let (mut i, mut j) = (0, 0);
        for (ki, kj) in kept
            .into_iter()
            .chain(std::iter::once((am.len(), bm.len())))
        {
            if ki > i || kj > j {
                hunk(i..ki, j..kj);
            }
            (i, j) = (ki + 1, kj + 1);
        }
    }
    edits
}

/// The lines of a text (without their line breaks) with their start offsets: a text ending in
/// a line break ends with an empty line.
fn lines(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut at = 0;
    for l in text.split('\n') {
        out.push((at, l));
        at += l.len() + 1;
    }
    out
}

/// The pairs of line indices both texts keep, in order (a longest common subsequence).
fn common_lines(a: &[(usize, &str)], b: &[(usize, &str)]) -> Vec<(usize, usize)> {
    let (n, m) = (a.len(), b.len());
    // len[i][j]: the longest common subsequence of a[i..] and b[j..].
    let mut len = vec![0u32; (n + 1) * (m + 1)];
    let at = |i: usize, j: usize| i * (m + 1) + j;
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            len[at(i, j)] = if a[i].1 == b[j].1 {
                len[at(i + 1, j + 1)] + 1
            } else {
                len[at(i + 1, j)].max(len[at(i, j + 1)])
            };
        }
    }
    let mut out = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < n && j < m {
        if a[i].1 == b[j].1 {
            out.push((i, j));
            i += 1;
            j += 1;
        } else if len[at(i + 1, j)] >= len[at(i, j + 1)] {
            i += 1;
        } else {
            j += 1;
        }
    }
    out
}

/// The edits of one hunk: old lines `ai` (indices into `a`) become `new_lines`. Lines are paired
/// in order and each pair narrowed to what differs; the new lines left over are inserted after
/// the last old line, the old ones left over removed with their line breaks.
fn hunk_edits(
    a: &[(usize, &str)],
    ai: std::ops::Range<usize>,
    new_lines: &[(usize, &str)],
    edits: &mut Vec<Edit>,
) {
    let paired = ai.len().min(new_lines.len());
    for (k, (_, new_line)) in new_lines.iter().take(paired).enumerate() {
        let (start, old_line) = a[ai.start + k];
        edits.push(Edit::narrowed(start, old_line, new_line));
    }
    let rest = ai.start + paired..ai.end;
    let end_of = |i: usize| a[i].0 + a[i].1.len();
    if !rest.is_empty() {
        // Each line with the line break after it, or the last lines with the one before them.
        let range = match a.get(rest.end) {
            Some(next) => a[rest.start].0..next.0,
            None if rest.start > 0 => end_of(rest.start - 1)..end_of(rest.end - 1),
            None => a[rest.start].0..end_of(rest.end - 1),
        };
        edits.push(Edit {
            range,
            new_text: String::new(),
        });
        return;
    }
    let added: Vec<&str> = new_lines[paired..].iter().map(|l| l.1).collect();
    if added.is_empty() {
        return;
    }
    let added = added.join("\n");
    let edit = match rest.start.checked_sub(1) {
        // After the line before, before its line break: as an inserted table row is.
        Some(before) => Edit {
            range: end_of(before)..end_of(before),
            new_text: format!("\n{added}"),
        },
        None => Edit {
            range: 0..0,
            new_text: format!("{added}\n"),
        },
    };
    edits.push(edit);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::apply_edits;

    fn round_trip(old: &str, new: &str) -> Vec<Edit> {
        let edits = text_edits(old, new);
        assert_eq!(apply_edits(old, &edits).as_deref(), Some(new), "{edits:#?}");
        assert!(edits.windows(2).all(|w| w[0].range.end <= w[1].range.start));
        edits
    }

    #[test]
    fn a_changed_cell_is_the_characters_that_differ() {
        let old = "一、总体情况𠀀\n（一）予以公开\t15\t1\n（二）总计\t17\t1\n";
        let new = "一、总体情况𠀀\n（一）予以公开\t16\t1\n（二）总计\t17\t1\n";
        let e = round_trip(old, new);
        let at = old.find("15").unwrap() + 1;
        assert_eq!(
            e,
            [Edit {
                range: at..at + 1,
                new_text: "6".into()
            }]
        );
        assert!(round_trip(old, old).is_empty());
    }

    #[test]
    fn new_lines_follow_the_line_before_as_an_inserted_row() {
        let old = "表𠀀\n（一）予以公开\t1\n（三）不予公开\t2\n";
        let new = "表𠀀\n（一）予以公开\t1\n（二）部分公开\t0\n（三）不予公开\t2\n";
        let e = round_trip(old, new);
        let end = old.find("\t1\n").unwrap() + 2;
        assert_eq!(
            e,
            [Edit {
                range: end..end,
                new_text: "\n（二）部分公开\t0".into()
            }]
        );
        // At the very start, and after a last line without a line break.
        round_trip("乙\n", "甲\n乙\n");
        round_trip("甲", "甲\n乙𠀀");
        round_trip("甲", "甲\n乙\n");
        round_trip("", "甲\n");
        round_trip("甲\n", "");
        round_trip("甲\n乙", "甲");
        round_trip("甲\n乙\n丙", "丙");
    }

    #[test]
    fn edits_in_several_places_and_removed_lines() {
        let old: String = (0..50).map(|i| format!("第{i}行𠀀\n")).collect();
        let new = old
            .replace("第3行", "第三行")
            .replace("第40行𠀀\n", "")
            .replace("第45行", "第45行改\n新行");
        let e = round_trip(&old, &new);
        // One changed character, one line out, one line changed and one after it.
        assert_eq!(e.len(), 4, "{e:#?}");
        assert_eq!(e[3].new_text, "\n新行𠀀");
        // Texts too different to compare line by line are one edit of the middle.
        let many: String = (0..2100).map(|i| format!("{i}\n")).collect();
        let other: String = (0..2100).map(|i| format!("x{i}\n")).collect();
        round_trip(&many, &other);
    }
}
