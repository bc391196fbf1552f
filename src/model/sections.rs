//! Finding the report's year and its six sections.

use super::{SectionHit, YearInfo};
use crate::syntax::{Line, LineKind};
use crate::template::{FormatSection, FormatSpec};
use crate::text::{
    Fuzzy, OrdinalStyle, is_space, normalize, normalize_words, parse_ordinal, similarity,
    trim_markup,
};
use std::ops::Range;

/// A heading candidate: a line that starts with a top-level ordinal.
struct Candidate {
    line: usize,
    heading: Range<usize>,
    title: Range<usize>,
    style: OrdinalStyle,
    value: u32,
}

fn candidate(text: &str, line: &Line) -> Option<Candidate> {
    if !matches!(line.kind, LineKind::Heading | LineKind::Paragraph) {
        return None;
    }
    let content = trim_markup(text, line.fields.first()?.content.clone());
    let content = without_markdown(text, content);
    let s = &text[content.clone()];
    let ord = parse_ordinal(s)?;
    if !matches!(
        ord.style,
        OrdinalStyle::HanComma
            | OrdinalStyle::HanDot
            | OrdinalStyle::ArabicComma
            | OrdinalStyle::ArabicDot
    ) {
        return None;
    }
    let rest_start = content.start + ord.len;
    let rest = &text[rest_start..content.end];
    // A heading may run on into its first sentence: the title stops at the first full stop or colon.
    let cut = rest
        .char_indices()
        .find(|(_, c)| matches!(c, '。' | '：' | ':' | '；' | ';'))
        .map(|(i, _)| i)
        .unwrap_or(rest.len());
    let title = rest[..cut]
        .trim_end_matches(|c: char| is_space(c) || matches!(c, '，' | ',' | '、' | '.' | '．'));
    if title.is_empty() {
        return None;
    }
    Some(Candidate {
        line: line.number,
        heading: content.start..rest_start + cut,
        title: rest_start..rest_start + title.len(),
        style: ord.style,
        value: ord.value,
    })
}

/// A line without Markdown's heading marks and bold stars around it (「## 一、总体情况」,
/// 「**二、主动公开政府信息情况**」).
fn without_markdown(text: &str, r: Range<usize>) -> Range<usize> {
    let s = &text[r.clone()];
    let hashes = s.len() - s.trim_start_matches('#').len();
    let mut start = r.start;
    if hashes > 0 && hashes <= 6 {
        let rest = &s[hashes..];
        start += hashes + (rest.len() - rest.trim_start_matches(is_space).len());
    }
    let mut end = r.end;
    let inner = &text[start..end];
    for mark in ["**", "__"] {
        if inner.len() > 2 * mark.len() && inner.starts_with(mark) && inner.ends_with(mark) {
            start += mark.len();
            end -= mark.len();
            break;
        }
    }
    start..end
}

/// How well a title matches a section: (score, strong). Strong means its words alone identify
/// the section (the standard title or a listed variant).
fn score(title: &Fuzzy, spec: &crate::template::SectionSpec) -> (f64, bool) {
    if spec.fuzzy_titles.iter().any(|t| t.text == title.text) {
        return (1.0, true);
    }
    // A wording whose characters could not beat the best so far is not compared in full.
    let mut best = 0.0f64;
    for t in &spec.fuzzy_titles {
        if t.is_empty() != title.is_empty() || title.similarity_bound(t) <= best {
            continue;
        }
        best = best.max(title.similarity(t));
    }
    (best, best >= 0.85)
}

/// The line of the first candidate heading that names section 一, or the first heading at all;
/// what comes before it is the title block.
pub(super) fn first_heading_line(text: &str, lines: &[Line]) -> usize {
    lines
        .iter()
        .filter_map(|l| candidate(text, l))
        .find(|c| c.value == 1)
        .map(|c| c.line)
        .unwrap_or(lines.len())
}

/// Reads the report year from the title block: a 4-digit year before 年 on a line with the
/// template's title marker (年度报告), or on one of the two lines before such a line.
pub(super) fn find_year(text: &str, lines: &[Line], before: usize) -> Option<YearInfo> {
    let block = &lines[..before.min(lines.len()).min(40)];
    let report = &crate::template::Template::get().report;
    let marker = report.title_marker.as_str();
    let says_report = |l: &Line| normalize(l.text(text)).contains(marker);
    for (i, line) in block.iter().enumerate() {
        if !says_report(line) {
            continue;
        }
        // This line, then the nearest non-empty lines above it.
        let mut looked = 0;
        for j in (0..=i).rev() {
            if block[j].is_blank() {
                continue;
            }
            if let Some(y) = year_in(text, &block[j]) {
                return Some(y);
            }
            looked += 1;
            if looked == 3 {
                break;
            }
        }
    }
    // A title worded otherwise: the first line of the title block that names the subject and a
    // year.
    block.iter().find_map(|l| {
        let n = normalize(l.text(text));
        report
            .title_words
            .iter()
            .any(|w| n.contains(w.as_str()))
            .then(|| year_in(text, l))
            .flatten()
    })
}

fn year_in(text: &str, line: &Line) -> Option<YearInfo> {
    for n in &line.numbers {
        let digits = &text[n.clone()];
        let Ok(year) = digits.parse::<i32>() else {
            continue;
        };
        if !(1990..=2200).contains(&year) || digits.len() != 4 {
            continue;
        }
        let after = text[n.end..line.range.end].trim_start_matches(is_space);
        if after.starts_with('年') {
            return Some(YearInfo {
                year,
                range: n.clone(),
            });
        }
    }
    None
}

/// Finds the section headings. A heading is taken for a section when its title is the standard
/// one or a listed variant (whatever its number), or when it is close in wording, carries one of
/// the section's keywords and has the section's number. Of two headings for one section the
/// weaker is ignored unless both are strong, which makes a duplicate.
pub(super) fn find_sections(text: &str, lines: &[Line], format: &FormatSpec) -> Vec<SectionHit> {
    let mut hits: Vec<(SectionHit, f64)> = Vec::new();
    for line in lines {
        let Some(c) = candidate(text, line) else {
            continue;
        };
        let title_text = &text[c.title.clone()];
        let norm = normalize_words(title_text);
        if norm.is_empty() || norm.chars().count() > 40 {
            continue;
        }
        let mut best: Option<(usize, f64, bool)> = None;
        let title = Fuzzy::new(norm.clone());
        for (i, spec) in format.sections.iter().enumerate() {
            let (s, strong) = score(&title, spec);
            let numbered = c.value == spec.number;
            let keyword = spec.keywords.iter().any(|k| norm.contains(k.as_str()));
            let accept = strong || (numbered && keyword && s >= 0.5);
            if !accept {
                continue;
            }
            let rank = s + if numbered { 0.2 } else { 0.0 };
            if best.is_none_or(|(_, r, _)| rank > r) {
                best = Some((i, rank, strong));
            }
        }
        let Some((spec, rank, strong)) = best else {
            continue;
        };
        let s = &format.sections[spec];
        let spec = FormatSection(spec);
        let standard = c.style == OrdinalStyle::HanComma
            && c.value == s.number
            && norm == s.norm_title
            && normalize(title_text) == normalize(s.title.get(crate::text::Script::Hans));
        hits.push((
            SectionHit {
                spec,
                line: c.line,
                heading: c.heading,
                title: c.title,
                standard,
                strong,
                body: 0..0,
                body_lines: 0..0,
                duplicate: false,
            },
            rank,
        ));
    }
    // Resolve several headings for one section.
    let mut keep = vec![true; hits.len()];
    let mut groups: Vec<Vec<usize>> = vec![Vec::new(); format.sections.len()];
    for (i, h) in hits.iter().enumerate() {
        groups[h.0.spec.0].push(i);
    }
    for group in groups {
        let heads: Vec<(bool, f64)> = group
            .iter()
            .map(|&i| (hits[i].0.strong, hits[i].1))
            .collect();
        let (kept, duplicate) = resolve(&heads);
        for (k, &i) in group.iter().enumerate() {
            keep[i] = kept[k];
            hits[i].0.duplicate = duplicate[k];
        }
    }
    let mut out: Vec<SectionHit> = hits
        .into_iter()
        .zip(keep)
        .filter(|(_, k)| *k)
        .map(|(h, _)| h.0)
        .collect();
    by_place(text, lines, format, &mut out);
    // Bodies run to the next heading.
    let ends: Vec<(usize, usize)> = out
        .iter()
        .skip(1)
        .map(|h| (lines[h.line].range.start, h.line))
        .chain(std::iter::once((text.len(), lines.len())))
        .collect();
    for (h, (end, end_line)) in out.iter_mut().zip(ends) {
        let start = lines[h.line].range.end;
        let start = (start + newline_len(text, start)).min(end.max(start));
        h.body = start.min(end)..end;
        h.body_lines = (h.line + 1).min(end_line)..end_line;
    }
    out
}

/// Which of several headings (strong, rank) for one section, in document order, are kept and
/// which are duplicates: each heading meets every later one still kept; of two strong ones the
/// later is a duplicate, otherwise the lower rank is dropped (the later one on a tie). Worked
/// out in near-linear time (a repeated report holds every heading thousands of times); the
/// same result as meeting every pair (`resolve_pairwise` in the tests).
fn resolve(heads: &[(bool, f64)]) -> (Vec<bool>, Vec<bool>) {
    let n = heads.len();
    let mut keep = vec![true; n];
    let mut duplicate = vec![false; n];
    // The first kept heading at or after each place, of any kind and weak only (with path
    // compression: each dropped heading is skipped for good).
    let mut next_any: Vec<usize> = (0..=n).collect();
    let mut next_weak: Vec<usize> = (0..=n)
        .map(|i| if i < n && heads[i].0 { i + 1 } else { i })
        .collect();
    fn find(next: &mut [usize], mut i: usize) -> usize {
        let mut root = i;
        while next[root] != root {
            root = next[root];
        }
        while next[i] != root {
            let up = next[i];
            next[i] = root;
            i = up;
        }
        root
    }
    let drop = |j: usize, keep: &mut [bool], any: &mut [usize], weak: &mut [usize]| {
        keep[j] = false;
        any[j] = j + 1;
        weak[j] = j + 1;
    };
    // Strong headings before this place met a strong heading before them (already marked).
    let mut marked = 0;
    for i in 0..n {
        if !keep[i] {
            continue;
        }
        let (strong, rank) = heads[i];
        if strong {
            // Strong ones later are duplicates up to the first weak one that outranks it.
            let mut w = find(&mut next_weak, i + 1);
            while w < n && rank >= heads[w].1 {
                drop(w, &mut keep, &mut next_any, &mut next_weak);
                w = find(&mut next_weak, w + 1);
            }
            for j in marked.max(i + 1)..w {
                if heads[j].0 && keep[j] {
                    duplicate[j] = true;
                }
            }
            marked = marked.max(w);
            if w < n {
                drop(i, &mut keep, &mut next_any, &mut next_weak);
            }
        } else {
            let mut j = find(&mut next_any, i + 1);
            while j < n && rank >= heads[j].1 {
                drop(j, &mut keep, &mut next_any, &mut next_weak);
                j = find(&mut next_any, j + 1);
            }
            if j < n {
                drop(i, &mut keep, &mut next_any, &mut next_weak);
            }
        }
    }
    (keep, duplicate)
}

/// A section not found by its words is found by its number and its place: a heading with the
/// section's ordinal, between the sections before and after it (「一、概述」 before 二 is 一).
/// Lines worded like a table row (「四、结转下年度继续办理」) are rows, not headings.
fn by_place(text: &str, lines: &[Line], format: &FormatSpec, hits: &mut Vec<SectionHit>) {
    let row_labels: Vec<&str> = format
        .tables
        .iter()
        .flat_map(|t| &t.blocks)
        .flat_map(|b| &b.rows)
        .map(|r| r.norm.as_str())
        .filter(|n| !n.is_empty())
        .collect();
    for (id, spec) in format.sections_with_ids() {
        if hits.iter().any(|h| h.spec == id) {
            continue;
        }
        let before = hits.iter().filter(|h| h.spec < id).map(|h| h.line).max();
        let after = hits
            .iter()
            .filter(|h| h.spec > id)
            .map(|h| h.line)
            .min()
            .unwrap_or(lines.len());
        let found = lines[before.map_or(0, |b| b + 1)..after.max(before.map_or(0, |b| b + 1))]
            .iter()
            .filter(|l| matches!(l.kind, LineKind::Heading | LineKind::Paragraph))
            .filter_map(|l| candidate(text, l))
            .find(|c| {
                let norm = normalize_words(&text[c.title.clone()]);
                c.value == spec.number
                    && matches!(c.style, OrdinalStyle::HanComma | OrdinalStyle::ArabicComma)
                    && (1..=20).contains(&norm.chars().count())
                    && !row_labels
                        .iter()
                        .any(|r| r.contains(norm.as_str()) || similarity(&norm, r) >= 0.5)
            });
        if let Some(c) = found {
            let at = hits.partition_point(|h| h.line < c.line);
            hits.insert(
                at,
                SectionHit {
                    spec: id,
                    line: c.line,
                    heading: c.heading,
                    title: c.title,
                    standard: false,
                    strong: false,
                    body: 0..0,
                    body_lines: 0..0,
                    duplicate: false,
                },
            );
        }
    }
}

fn newline_len(text: &str, at: usize) -> usize {
    let rest = &text.as_bytes()[at.min(text.len())..];
    match rest {
        [b'\r', b'\n', ..] => 2,
        [b'\n', ..] | [b'\r', ..] => 1,
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every pair of headings met in turn, as `find_sections` once did.
    fn resolve_pairwise(heads: &[(bool, f64)]) -> (Vec<bool>, Vec<bool>) {
        let n = heads.len();
        let (mut keep, mut duplicate) = (vec![true; n], vec![false; n]);
        for i in 0..n {
            for j in i + 1..n {
                if !keep[i] || !keep[j] {
                    continue;
                }
                if heads[i].0 && heads[j].0 {
                    duplicate[j] = true;
                } else if heads[i].1 >= heads[j].1 {
                    keep[j] = false;
                } else {
                    keep[i] = false;
                }
            }
        }
        (keep, duplicate)
    }

    #[test]
    fn headings_of_one_section_resolve_as_when_every_pair_meets() {
        // Every sequence of up to 7 headings of 2 kinds and 3 ranks, and longer random ones.
        let kinds = [
            (true, 1.0),
            (true, 1.2),
            (false, 0.9),
            (false, 1.1),
            (false, 1.0),
            (true, 1.1),
        ];
        for n in 0..=6 {
            let mut idx = vec![0usize; n];
            loop {
                let heads: Vec<(bool, f64)> = idx.iter().map(|&k| kinds[k]).collect();
                assert_eq!(resolve(&heads), resolve_pairwise(&heads), "{heads:?}");
                let mut d = 0;
                while d < n && idx[d] == kinds.len() - 1 {
                    idx[d] = 0;
                    d += 1;
                }
                if d == n {
                    break;
                }
                idx[d] += 1;
            }
        }
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        for _ in 0..300 {
            let heads: Vec<(bool, f64)> = (0..60)
                .map(|_| {
                    seed ^= seed << 13;
                    seed ^= seed >> 7;
                    seed ^= seed << 17;
                    kinds[(seed % kinds.len() as u64) as usize]
                })
                .collect();
            assert_eq!(resolve(&heads), resolve_pairwise(&heads), "{heads:?}");
        }
    }
    use crate::syntax;
    use crate::template::Template;

    fn sections(text: &str) -> Vec<(usize, bool, bool)> {
        let tree = syntax::parse(text, None);
        let lines = syntax::lines(&tree, text);
        let f = Template::get().for_year(Some(2025));
        find_sections(text, &lines, f)
            .iter()
            .map(|h| (h.spec.0, h.standard, h.duplicate))
            .collect()
    }

    #[test]
    fn standard_variant_and_traditional_headings() {
        let text = "一、总体情况\n正文\n二、主動公開政府信息情況\n五、存在问题与下一步改进措施\n1、其他需要报告的事项\n";
        assert_eq!(
            sections(text),
            [
                (0, true, false),
                (1, true, false),
                (4, false, false),
                (5, false, false)
            ]
        );
    }

    #[test]
    fn numbered_table_rows_are_not_sections() {
        let text = "三、收到和处理政府信息公开申请情况\n一、本年新收政府信息公开申请数量\t1\n二、上年结转政府信息公开申请数量\n三、本年度办理结果\n四、结转下年度继续办理\n1.完善审核发布机制。建立制度\n";
        assert_eq!(sections(text), [(2, true, false)]);
    }

    #[test]
    fn two_strong_headings_make_a_duplicate() {
        let text = "一、总体情况\n一、总体情况\n二、主动公开政府信息情况";
        assert_eq!(
            sections(text),
            [(0, true, false), (0, true, true), (1, true, false)]
        );
    }

    #[test]
    fn year_from_a_split_title() {
        let text = "集贤县人民政府𠀀2025年\n\n政府信息公开工作年度报告\n\n一、总体情况\n";
        let tree = syntax::parse(text, None);
        let lines = syntax::lines(&tree, text);
        let y = find_year(text, &lines, first_heading_line(text, &lines)).unwrap();
        assert_eq!(y.year, 2025);
        assert_eq!(&text[y.range.clone()], "2025");
        let text = "西坪镇 2024 年政府信息公開工作年度報告\n一、总体情况";
        let tree = syntax::parse(text, None);
        let lines = syntax::lines(&tree, text);
        assert_eq!(find_year(text, &lines, 1).unwrap().year, 2024);
    }
}
