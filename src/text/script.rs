//! The two scripts: detecting a document's, and writing our own messages in traditional
//! characters. The character tables come from OpenCC (see the data files' headers).

use super::is_han;
use std::collections::HashMap;
use std::sync::OnceLock;

/// Traditional and variant characters with their simplified forms (see the data file's header).
const HANT_TO_HANS: &str = include_str!("../../template/hant-to-hans.txt");
/// Simplified characters with a traditional form, and whole words that need another one.
const HANS_TO_HANT: &str = include_str!("../../template/hans-to-hant.txt");

struct ToHant {
    chars: HashMap<char, char>,
    words: Vec<(String, String)>,
}

fn to_hant_map() -> &'static ToHant {
    static MAP: OnceLock<ToHant> = OnceLock::new();
    MAP.get_or_init(|| {
        let mut chars = HashMap::with_capacity(4000);
        let mut words = Vec::new();
        for line in HANS_TO_HANT.lines().filter(|l| !l.starts_with('#')) {
            if let Some((s, t)) = line.split_once('=') {
                words.push((s.to_string(), t.to_string()));
            } else {
                let mut it = line.chars();
                if let (Some(s), Some(t)) = (it.next(), it.next()) {
                    chars.insert(s, t);
                }
            }
        }
        ToHant { chars, words }
    })
}

/// Writes simplified text in traditional characters (for our own messages, not for labels,
/// whose traditional forms come from the template).
pub fn to_hant(s: &str) -> String {
    let map = to_hant_map();
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    'outer: while let Some(c) = rest.chars().next() {
        for (from, to) in &map.words {
            if rest.starts_with(from.as_str()) {
                out.push_str(to);
                rest = &rest[from.len()..];
                continue 'outer;
            }
        }
        out.push(map.chars.get(&c).copied().unwrap_or(c));
        rest = &rest[c.len_utf8()..];
    }
    out
}

/// Traditional → simplified pairs, sorted by the traditional character for binary search.
fn hant_map() -> &'static [(char, char)] {
    static MAP: OnceLock<Vec<(char, char)>> = OnceLock::new();
    MAP.get_or_init(|| {
        let mut map = Vec::with_capacity(4200);
        for line in HANT_TO_HANS.lines() {
            if line.starts_with('#') {
                continue;
            }
            let mut chars = line.chars();
            if let (Some(t), Some(s)) = (chars.next(), chars.next()) {
                map.push((t, s));
            }
        }
        map.sort_unstable();
        map.dedup_by_key(|p| p.0);
        map
    })
}

pub(super) fn to_hans(c: char) -> Option<char> {
    let map = hant_map();
    map.binary_search_by_key(&c, |p| p.0).ok().map(|i| map[i].1)
}

/// Simplified characters that are not also traditional, sorted.
fn hans_chars() -> &'static [char] {
    static SET: OnceLock<Vec<char>> = OnceLock::new();
    SET.get_or_init(|| {
        let mut v: Vec<char> = hant_map()
            .iter()
            .map(|p| p.1)
            .filter(|c| to_hans(*c).is_none())
            .collect();
        v.sort_unstable();
        v.dedup();
        v
    })
}

/// The script a document is written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Script {
    #[default]
    Hans,
    Hant,
}

impl Script {
    /// Decides by counting characters that exist only in one script.
    pub fn detect(text: &str) -> Script {
        let hans = hans_chars();
        let (mut t, mut s) = (0usize, 0usize);
        for c in text.chars().filter(|c| is_han(*c)) {
            if to_hans(c).is_some() {
                t += 1;
            } else if hans.binary_search(&c).is_ok() {
                s += 1;
            }
            // A clear lead settles it; a report need not be read to the end.
            if t.abs_diff(s) > 200 {
                break;
            }
        }
        if t > s { Script::Hant } else { Script::Hans }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_convert_to_traditional() {
        assert_eq!(to_hant("合计应为28，重复申请"), "合計應為28，重複申請");
        assert_eq!(to_hant("行政复议·总计"), "行政復議·總計");
        assert_eq!(to_hant("𠀀 abc 3"), "𠀀 abc 3");
    }

    #[test]
    fn script_is_detected_by_majority() {
        assert_eq!(
            Script::detect("芷江縣政府信息公開工作年度報告"),
            Script::Hant
        );
        assert_eq!(
            Script::detect("集贤县人民政府政府信息公开工作年度报告"),
            Script::Hans
        );
        assert_eq!(Script::detect("2025"), Script::Hans);
    }
}
