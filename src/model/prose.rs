//! What the prose states about the tables: statements found by the template's narrative
//! patterns (see `[[narrative]]` in template.toml), each with its figure and where it is.

use super::Model;
use crate::syntax::LineKind;
use crate::text::{Count, Script, fold_prose, han_number, is_han_number_char, is_space};
use std::ops::Range;

/// A figure (or a negation) in the prose, and the template statement it makes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Statement {
    /// Index into the format's narratives.
    pub narrative: usize,
    /// The stated number; `None` for a negation (all cells are 0).
    pub value: Option<Count>,
    /// The figure with its unit, or the negation phrase.
    pub range: Range<usize>,
    /// The whole clause, for messages.
    pub clause: Range<usize>,
    /// Whether the sentence says the figure includes `with` cells (「含上年结转」).
    pub with: bool,
}

/// Normalised prose, each character with the bytes it came from (its start and length: a
/// paragraph may be a whole long line).
#[derive(Debug)]
struct Stream {
    chars: Vec<char>,
    starts: Vec<usize>,
    lens: Vec<u8>,
}

impl Stream {
    fn bytes(&self, r: Range<usize>) -> Range<usize> {
        if r.is_empty() {
            let at = self.starts.get(r.start).copied().unwrap_or(0);
            return at..at;
        }
        self.starts[r.start]..self.starts[r.end - 1] + usize::from(self.lens[r.end - 1])
    }
}

/// Paragraphs of prose outside the tables, as ranges of line numbers: runs of non-blank text
/// lines (PDF exports wrap a paragraph over several lines).
fn paragraph_lines(m: &Model) -> Vec<Range<usize>> {
    let table_lines: Vec<Range<usize>> = m
        .tables
        .iter()
        .filter(|t| t.present && !t.range.is_empty())
        .filter_map(|t| {
            let a = m.line_at(t.range.start)?.number;
            let b = m
                .line_at(t.range.end.saturating_sub(1).max(t.range.start))?
                .number;
            Some(a..b + 1)
        })
        .collect();
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    for line in &m.lines {
        let prose = matches!(line.kind, LineKind::Paragraph | LineKind::Heading)
            && !table_lines.iter().any(|r| r.contains(&line.number));
        match (prose, start) {
            (true, None) => start = Some(line.number),
            (false, Some(s)) => {
                out.push(s..line.number);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(s..m.lines.len());
    }
    out
}

/// The normalised text of some lines.
fn stream(m: &Model, lines: Range<usize>) -> Stream {
    let mut cur = Stream {
        chars: Vec::new(),
        starts: Vec::new(),
        lens: Vec::new(),
    };
    for line in &m.lines[lines] {
        let text = line.text(m.text);
        for (i, c) in text.char_indices() {
            if is_space(c) {
                continue;
            }
            cur.chars.push(fold_prose(c));
            cur.starts.push(line.range.start + i);
            // A char is at most 4 bytes.
            cur.lens.push(c.len_utf8() as u8);
        }
    }
    cur
}

/// The paragraphs of prose outside the tables: byte range and normalised characters, made one
/// at a time as they are asked for (the prose of a big text, all at once, took twice its size).
pub fn paragraph_texts<'a>(m: &'a Model) -> impl Iterator<Item = (Range<usize>, Vec<char>)> + 'a {
    paragraph_lines(m)
        .into_iter()
        .map(|r| stream(m, r))
        .filter(|s| !s.chars.is_empty())
        .map(|p| (p.bytes(0..p.chars.len()), p.chars))
}

fn is_sentence_end(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '；' | ';' | '!' | '?')
}

fn is_clause_end(chars: &[char], i: usize) -> bool {
    match chars[i] {
        '，' | '：' | ':' | '(' | ')' | '（' | '）' | '【' | '】' | '「' | '」' | '《' | '》' => {
            true
        }
        // A comma between digits with three after it groups thousands.
        ',' => {
            let digit = |k: usize| chars.get(k).is_some_and(|c| c.is_ascii_digit());
            !(i > 0
                && digit(i - 1)
                && digit(i + 1)
                && digit(i + 2)
                && digit(i + 3)
                && !digit(i + 4))
        }
        _ => false,
    }
}

/// Splits at `is_end`, returning non-empty ranges.
fn split(range: Range<usize>, mut is_end: impl FnMut(usize) -> bool) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = range.start;
    for i in range.clone() {
        if is_end(i) {
            if start < i {
                out.push(start..i);
            }
            start = i + 1;
        }
    }
    if start < range.end {
        out.push(start..range.end);
    }
    out
}

/// The first figure at or after `from` in `clause`: a number followed by a unit, not an
/// approximation. Returns (value, range of number and unit).
fn figure(
    s: &[char],
    masked: &[bool],
    clause: Range<usize>,
    from: usize,
    units: &[String],
    settings: &crate::template::NarrativeSettings,
) -> Option<(Count, Range<usize>)> {
    let mut i = from;
    while i < clause.end {
        let c = s[i];
        let start = i;
        if masked[i] {
            i += 1;
            continue;
        }
        let (value, end) = if c.is_ascii_digit() {
            let mut j = i;
            let mut v: i128 = 0;
            while j < clause.end
                && (s[j].is_ascii_digit()
                    || (s[j] == ',' && j + 1 < clause.end && s[j + 1].is_ascii_digit()))
            {
                if s[j] != ',' {
                    // Past the bound it is not a count; keep reading the digits to skip them.
                    v = (v * 10 + (s[j] as i128 - '0' as i128)).min(i128::from(i64::MAX));
                }
                j += 1;
            }
            let v = Count::new(v);
            // 12.5 or 1.2万: not a count.
            if j < clause.end && s[j] == '.' {
                return None;
            }
            (v, j)
        } else if is_han_number_char(c) {
            let mut j = i;
            while j < clause.end && is_han_number_char(s[j]) {
                j += 1;
            }
            (han_number(&s[i..j]).and_then(|v| Count::new(v.into())), j)
        } else {
            i += 1;
            continue;
        };
        i = end.max(i + 1);
        let Some(value) = value else { continue };
        let rest: String = s[end..clause.end].iter().collect();
        let Some(unit) = units.iter().find(|u| rest.starts_with(u.as_str())) else {
            continue;
        };
        let before: String = s[clause.start..start].iter().collect();
        let after: String = s[end + unit.chars().count()..clause.end].iter().collect();
        // 「约收到申请30件」: an approximation anywhere before the figure makes it one.
        if settings
            .approximate_before
            .iter()
            .any(|w| before.contains(w.as_str()))
            || settings
                .approximate_after
                .iter()
                .any(|w| after.starts_with(w.as_str()))
        {
            return None;
        }
        return Some((value, start..end + unit.chars().count()));
    }
    None
}

/// Which characters of a paragraph hold no count however they read: set phrases of the template
/// (「三个一」, 「十四五」, 「一网通办」), whatever stands in quotes (「“两个责任”」), and numbers after
/// 第 (「第三方」).
fn masked(s: &[char], settings: &crate::template::NarrativeSettings) -> Vec<bool> {
    let mut out = vec![false; s.len()];
    for p in &settings.set_phrases {
        let p: Vec<char> = p.chars().collect();
        if p.is_empty() || p.len() > s.len() {
            continue;
        }
        // The first character is compared alone first: it rules out almost every position
        // without a call to compare slices.
        for i in 0..=s.len() - p.len() {
            if s[i] == p[0] && s[i..i + p.len()] == p[..] {
                out[i..i + p.len()].iter_mut().for_each(|m| *m = true);
            }
        }
    }
    let mut open: Option<usize> = None;
    for (i, &c) in s.iter().enumerate() {
        match c {
            '"' => match open.take() {
                Some(o) => out[o..=i].iter_mut().for_each(|m| *m = true),
                None => open = Some(i),
            },
            // A quote left open does not run past its sentence.
            c if is_sentence_end(c) => open = None,
            '第' => {
                let mut j = i + 1;
                while j < s.len() && (is_han_number_char(s[j]) || s[j].is_ascii_digit()) {
                    out[j] = true;
                    j += 1;
                }
            }
            _ => {}
        }
    }
    out
}

/// Years written as 「2024年」 in a range.
fn years(s: &[char], r: Range<usize>) -> Vec<i32> {
    let mut out = Vec::new();
    for i in r.start..r.end.saturating_sub(4) {
        let digits = s[i..i + 4].iter().all(|c| c.is_ascii_digit());
        let alone = i == 0 || !s[i - 1].is_ascii_digit();
        if digits && alone && s[i + 4] == '年' {
            let y: String = s[i..i + 4].iter().collect();
            out.extend(y.parse::<i32>().ok());
        }
    }
    out
}

/// The char index in `s` of a byte index.
fn char_at(s: &str, byte: usize) -> usize {
    s[..byte].chars().count()
}

/// Whether some pattern could match in these (simplified-script) lines: its first word is
/// there, and a word of each of its other groups.
fn worth_reading(m: &Model, lines: Range<usize>) -> bool {
    let texts: Vec<&str> = m.lines[lines].iter().map(|l| l.text(m.text)).collect();
    let has = |w: &str| texts.iter().any(|t| t.contains(w));
    let mut seen = Vec::new();
    for t in &texts {
        for hit in m.format.narrative_finder.find_overlapping_iter(*t) {
            let ni = m.format.narrative_words[hit.pattern().as_usize()].0;
            if seen.contains(&ni) {
                continue;
            }
            seen.push(ni);
            let n = &m.format.narratives[ni];
            let groups = n.clause.iter().skip(1).chain(&n.sentence);
            if groups.clone().all(|g| g.iter().any(|w| has(w))) {
                return true;
            }
        }
    }
    false
}

/// The statements of the prose.
pub fn statements(m: &Model) -> Vec<Statement> {
    let settings = &m.format.narrative_settings;
    let year = m.year.as_ref().map(|y| y.year);
    let mut out = Vec::new();
    for lines in paragraph_lines(m) {
        // A simplified-script paragraph without any pattern's first word says nothing to check
        // (traditional text must be folded first to tell).
        if m.script == Script::Hans && !worth_reading(m, lines.clone()) {
            continue;
        }
        let p = stream(m, lines);
        let s = &p.chars;
        let mask = masked(s, settings);
        for sentence in split(0..s.len(), |i| is_sentence_end(s[i])) {
            let clauses = split(sentence.clone(), |i| is_clause_end(s, i));
            let sent: String = s[sentence.clone()].iter().collect();
            let texts: Vec<String> = clauses
                .iter()
                .map(|c| s[c.clone()].iter().collect())
                .collect();
            for (ci, clause) in clauses.iter().enumerate() {
                let cs = &texts[ci];
                // The first word of each pattern the clause contains, in one pass.
                let mut firsts: Vec<(usize, usize, &str)> = Vec::new();
                for hit in m.format.narrative_finder.find_overlapping_iter(cs.as_str()) {
                    let (ni, word) = &m.format.narrative_words[hit.pattern().as_usize()];
                    match firsts.iter_mut().find(|f| f.0 == *ni) {
                        Some(f) if f.1 <= hit.start() => {}
                        Some(f) => *f = (*ni, hit.start(), word.as_str()),
                        None => firsts.push((*ni, hit.start(), word.as_str())),
                    }
                }
                firsts.sort_unstable();
                for (ni, at_byte, word) in firsts {
                    let n = &m.format.narratives[ni];
                    if n.exclude.iter().any(|w| cs.contains(w.as_str()))
                        || !n
                            .clause
                            .iter()
                            .skip(1)
                            .all(|g| g.iter().any(|w| cs.contains(w.as_str())))
                        || !n
                            .sentence
                            .iter()
                            .all(|g| g.iter().any(|w| sent.contains(w.as_str())))
                    {
                        continue;
                    }
                    // A figure of another year is not this report's.
                    let own_years = years(s, clause.clone());
                    let context_year = years(s, sentence.start..clause.start).last().copied();
                    let other_year = match (year, own_years.first().or(context_year.as_ref())) {
                        (Some(y), Some(&x)) => x != y,
                        _ => false,
                    };
                    if other_year || own_years.iter().any(|&x| Some(x) != year) {
                        continue;
                    }
                    let at = char_at(cs, at_byte);
                    let word_end = clause.start + at + word.chars().count();
                    if !n.topic.is_empty() {
                        let prefix: String = s[sentence.start..word_end].iter().collect();
                        let t = n
                            .topic
                            .iter()
                            .filter_map(|w| prefix.rfind(w.as_str()))
                            .max();
                        if t.is_none() || n.rivals.iter().any(|r| prefix.rfind(r.as_str()) > t) {
                            continue;
                        }
                    }
                    let with = n.with_words.iter().any(|w| cs.contains(w.as_str()))
                        || texts.get(ci + 1).is_some_and(|next| {
                            n.with_words.iter().any(|w| next.contains(w.as_str()))
                        });
                    if n.zero {
                        let before = &cs[..at_byte];
                        let neg = settings
                            .negations
                            .iter()
                            .filter_map(|w| before.find(w.as_str()))
                            .min();
                        let Some(neg) = neg else { continue };
                        out.push(Statement {
                            narrative: ni,
                            value: None,
                            range: p.bytes(clause.start + char_at(cs, neg)..word_end),
                            clause: p.bytes(clause.clone()),
                            with,
                        });
                    } else if let Some((value, r)) =
                        figure(s, &mask, clause.clone(), word_end, &n.units, settings)
                    {
                        out.push(Statement {
                            narrative: ni,
                            value: Some(value),
                            range: p.bytes(r),
                            clause: p.bytes(clause.clone()),
                            with,
                        });
                    }
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<(String, Option<i64>, String)> {
        let m = Model::new(text);
        statements(&m)
            .into_iter()
            .map(|s| {
                (
                    m.format.narratives[s.narrative].key.clone(),
                    s.value.map(|v| v.get()),
                    text[s.range].to_string(),
                )
            })
            .collect()
    }

    #[test]
    fn figures_of_each_kind() {
        let text = "𠀀县2025年政府信息公开工作年度报告\n一、总体情况\n2025年，本县共收到政府信息公开申请1,234件，上年结转三件，办结1,230件，结转下年度继续办理7件。\n全年未发生政府信息公开行政复议案件，行政诉讼2件，其中结果维持1件。\n";
        assert_eq!(
            found(text),
            [
                ("received".into(), Some(1234), "1,234件".into()),
                ("carried_in".into(), Some(3), "三件".into()),
                ("answered".into(), Some(1230), "1,230件".into()),
                ("carried_out".into(), Some(7), "7件".into()),
                (
                    "no_reconsideration".into(),
                    None,
                    "未发生政府信息公开行政复议".into()
                ),
                ("litigation".into(), Some(2), "2件".into()),
                ("litigation_upheld".into(), Some(1), "1件".into()),
            ]
        );
    }

    #[test]
    fn look_alikes_are_not_figures() {
        let text = "县2025年政府信息公开工作年度报告\n一、总体情况\n\
全年按时答复率100%，共收到申请100余件，约收到申请30件。\n\
2024年共收到政府信息公开申请40件。\n\
咨询电话：0469-4242257，地址：新兴大街191号，申请人来信12件，网络申请15件。\n\
本年度共收到领导信箱来信97件，比上年增加5件。\n\
统计期限自2025年1月1日起至2025年12月31日止。\n";
        assert_eq!(found(text), []);
    }

    #[test]
    fn carry_over_included_and_wrapped_lines() {
        let text = "县2025年政府信息公开工作年度报告\n一、总体情况\n全年共受理政府信息公开申请 3119 件，答\n复 3050 件（含上年度结转申请 34 件）。\n共收到申请20件（含上年结转2件）。\n";
        let m = Model::new(text);
        let st = statements(&m);
        let keys: Vec<(&str, Option<i64>, bool)> = st
            .iter()
            .map(|s| {
                (
                    m.format.narratives[s.narrative].key.as_str(),
                    s.value.map(|v| v.get()),
                    s.with,
                )
            })
            .collect();
        assert_eq!(
            keys,
            [
                ("received", Some(3119), false),
                ("answered", Some(3050), false),
                ("carried_in", Some(34), false),
                ("received", Some(20), true),
                ("carried_in", Some(2), false),
            ]
        );
        // The figure spans the line break as it is in the text.
        assert_eq!(&text[st[1].range.clone()], "3050 件");
    }
}
