//! Text helpers shared by the model and the checks: label normalisation, script detection,
//! ordinals, number parsing and fuzzy comparison. Nothing here knows the template.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::OnceLock;

/// Traditional and variant characters with their simplified forms (see the data file's header).
const HANT_TO_HANS: &str = include_str!("../template/hant-to-hans.txt");
/// Simplified characters with a traditional form, and whole words that need another one.
const HANS_TO_HANT: &str = include_str!("../template/hans-to-hant.txt");

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

fn to_hans(c: char) -> Option<char> {
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

/// Whether `c` separates words without being a line break (ASCII and Unicode spaces,
/// zero-width characters and the byte-order mark included).
pub fn is_space(c: char) -> bool {
    matches!(
        c,
        ' ' | '\t' | '\u{00A0}' | '\u{1680}' | '\u{2000}'
            ..='\u{200B}' | '\u{202F}' | '\u{205F}' | '\u{3000}' | '\u{FEFF}'
    )
}

/// Folds one character for comparison: full width to half width, traditional to simplified,
/// quotes and dashes to one form. `None` drops it (spaces).
pub fn fold_char(c: char) -> Option<char> {
    if is_space(c) || c.is_control() {
        return None;
    }
    let c = match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '“' | '”' | '„' | '‟' | '「' | '」' | '『' | '』' | '‘' | '’' | '\'' | '〝' | '〞' => {
            '"'
        }
        '—' | '–' | '‐' | '‑' | '―' => '-',
        '。' => '.',
        '〔' | '【' => '[',
        '〕' | '】' => ']',
        _ => c,
    };
    let c = if is_han(c) {
        to_hans(c).unwrap_or(c)
    } else {
        c
    };
    Some(c.to_ascii_lowercase())
}

/// Folds a character of prose for matching words: full width to half width and traditional to
/// simplified, keeping Chinese punctuation (「。」 ends a sentence, 「.」 may be a decimal point).
pub fn fold_prose(c: char) -> char {
    let c = match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '“' | '”' | '„' | '‟' | '「' | '」' | '『' | '』' | '‘' | '’' => '"',
        _ => c,
    };
    if is_han(c) {
        to_hans(c).unwrap_or(c)
    } else {
        c
    }
}

/// The comparable form of a label: see [`fold_char`].
pub fn normalize(s: &str) -> String {
    s.chars().filter_map(fold_char).collect()
}

/// Like [`normalize`], also dropping punctuation, for comparing wording only.
pub fn normalize_words(s: &str) -> String {
    s.chars()
        .filter_map(fold_char)
        .filter(|c| c.is_alphanumeric() || *c == '"')
        .collect()
}

/// The style of an ordinal such as 一、 or （一） or 1.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OrdinalStyle {
    /// 一、
    HanComma,
    /// 一. 一．
    HanDot,
    /// （一） (一)
    HanParen,
    /// 1、
    ArabicComma,
    /// 1. 1．
    ArabicDot,
    /// （1） (1)
    ArabicParen,
    /// ①
    Circled,
}

impl OrdinalStyle {
    /// Whether two styles are the same apart from the kind of digits.
    pub fn same_shape(self, other: OrdinalStyle) -> bool {
        use OrdinalStyle::*;
        matches!(
            (self, other),
            (HanComma | ArabicComma, HanComma | ArabicComma)
                | (HanDot | ArabicDot, HanDot | ArabicDot)
                | (HanParen | ArabicParen, HanParen | ArabicParen)
        ) || self == other
    }
}

/// An ordinal at the start of a text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Ordinal {
    pub style: OrdinalStyle,
    pub value: u32,
    /// Length in bytes, including trailing spaces.
    pub len: usize,
}

/// The value of a Han numeral from 一 to 九十九 (and 〇/零 as 0).
pub fn han_numeral(s: &str) -> Option<u32> {
    fn digit(c: char) -> Option<u32> {
        "〇一二三四五六七八九"
            .chars()
            .position(|d| d == c)
            .map(|p| p as u32)
            .or(if c == '零' { Some(0) } else { None })
    }
    let chars: Vec<char> = s.chars().collect();
    match chars.as_slice() {
        [] => None,
        [c] if *c == '十' => Some(10),
        [c] => digit(*c),
        ['十', d] => Some(10 + digit(*d)?),
        [d, '十'] => Some(digit(*d)? * 10),
        [d, '十', e] => Some(digit(*d)? * 10 + digit(*e)?),
        _ => None,
    }
}

/// Writes 1 to 99 as a Han numeral (一, 十二, 二十三).
pub fn to_han_ordinal(n: u32) -> String {
    const D: [char; 10] = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
    match n {
        0..=9 => D[n as usize].to_string(),
        10 => "十".into(),
        11..=19 => format!("十{}", D[(n % 10) as usize]),
        20..=99 if n % 10 == 0 => format!("{}十", D[(n / 10) as usize]),
        20..=99 => format!("{}十{}", D[(n / 10) as usize], D[(n % 10) as usize]),
        _ => n.to_string(),
    }
}

/// Reads the ordinal at the start of `s` (after optional spaces), if any.
pub fn parse_ordinal(s: &str) -> Option<Ordinal> {
    let trimmed = s.trim_start_matches(is_space);
    let lead = s.len() - trimmed.len();
    let mut chars = trimmed.char_indices().peekable();
    let (_, first) = *chars.peek()?;
    let finish = |style, value, end: usize| {
        let rest = &trimmed[end..];
        let spaces = rest.len() - rest.trim_start_matches(is_space).len();
        Some(Ordinal {
            style,
            value,
            len: lead + end + spaces,
        })
    };
    if ('\u{2460}'..='\u{2473}').contains(&first) {
        return finish(
            OrdinalStyle::Circled,
            first as u32 - 0x2460 + 1,
            first.len_utf8(),
        );
    }
    if first == '(' || first == '（' {
        let inner_start = first.len_utf8();
        let close = trimmed[inner_start..].find([')', '）'])? + inner_start;
        let inner: String = trimmed[inner_start..close]
            .chars()
            .filter(|c| !is_space(*c))
            .collect();
        let end = close + trimmed[close..].chars().next()?.len_utf8();
        if let Some(v) = han_numeral(&inner) {
            return finish(OrdinalStyle::HanParen, v, end);
        }
        let v = ascii_digits(&inner)?;
        return finish(OrdinalStyle::ArabicParen, v, end);
    }
    let body_end = trimmed
        .char_indices()
        .find(|(_, c)| !(is_han_digit(*c) || c.is_ascii_digit() || is_fullwidth_digit(*c)))
        .map(|(i, _)| i)
        .unwrap_or(trimmed.len());
    if body_end == 0 {
        return None;
    }
    let body = &trimmed[..body_end];
    let sep = trimmed[body_end..].chars().next()?;
    let end = body_end + sep.len_utf8();
    let han = han_numeral(body);
    let arabic = ascii_digits(body).filter(|_| body.chars().count() <= 2);
    match (sep, han, arabic) {
        ('、', Some(v), _) => finish(OrdinalStyle::HanComma, v, end),
        ('.' | '．', Some(v), _) => finish(OrdinalStyle::HanDot, v, end),
        ('、', None, Some(v)) => finish(OrdinalStyle::ArabicComma, v, end),
        ('.' | '．', None, Some(v)) => {
            // 1.5 is a number, not an ordinal.
            let next = trimmed[end..].chars().next();
            if next.is_some_and(|c| c.is_ascii_digit() || is_fullwidth_digit(c)) {
                None
            } else {
                finish(OrdinalStyle::ArabicDot, v, end)
            }
        }
        _ => None,
    }
}

fn is_han_digit(c: char) -> bool {
    "〇一二三四五六七八九十零".contains(c)
}

fn is_fullwidth_digit(c: char) -> bool {
    ('０'..='９').contains(&c)
}

fn ascii_digits(s: &str) -> Option<u32> {
    if s.is_empty() || s.chars().count() > 3 {
        return None;
    }
    let mut v = 0u32;
    for c in s.chars() {
        let d = if c.is_ascii_digit() {
            c as u32 - '0' as u32
        } else if is_fullwidth_digit(c) {
            c as u32 - '０' as u32
        } else {
            return None;
        };
        v = v * 10 + d;
    }
    Some(v)
}

/// A number written in a report cell.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Number {
    /// The value times 10^scale.
    pub mantissa: i128,
    pub scale: u32,
    /// Written with full-width digits or punctuation.
    pub fullwidth: bool,
    /// Written with thousands separators.
    pub grouped: bool,
}

impl Number {
    /// The integer value, if the number has no fractional part.
    pub fn as_integer(&self) -> Option<i64> {
        if self.scale == 0 {
            i64::try_from(self.mantissa).ok()
        } else {
            let p = 10i128.checked_pow(self.scale)?;
            if self.mantissa % p == 0 {
                i64::try_from(self.mantissa / p).ok()
            } else {
                None
            }
        }
    }

    pub fn is_negative(&self) -> bool {
        self.mantissa < 0
    }
}

/// Parses a cell's number: ASCII or full-width digits, an optional sign, thousands separators
/// (groups of three after a comma) and a decimal part. Surrounding spaces are allowed.
pub fn parse_number(s: &str) -> Option<Number> {
    let s = s.trim_matches(is_space);
    let mut chars = s.chars().peekable();
    let mut negative = false;
    let mut fullwidth = false;
    if let Some(&c) = chars.peek()
        && matches!(c, '-' | '－' | '−' | '+' | '＋')
    {
        negative = matches!(c, '-' | '－' | '−');
        fullwidth |= matches!(c, '－' | '＋');
        chars.next();
    }
    let mut mantissa: i128 = 0;
    let mut scale = 0u32;
    let mut digits = 0usize;
    let mut group_len: Option<usize> = None;
    let mut grouped = false;
    let mut in_fraction = false;
    for c in chars {
        let d = if c.is_ascii_digit() {
            c as u32 - '0' as u32
        } else if is_fullwidth_digit(c) {
            fullwidth = true;
            c as u32 - '０' as u32
        } else if (c == ',' || c == '，') && !in_fraction && digits > 0 {
            if group_len.is_some_and(|n| n != 3) || (group_len.is_none() && digits > 3) {
                return None;
            }
            fullwidth |= c == '，';
            grouped = true;
            group_len = Some(0);
            continue;
        } else if (c == '.' || c == '．') && !in_fraction && digits > 0 {
            if group_len.is_some_and(|n| n != 3) {
                return None;
            }
            fullwidth |= c == '．';
            in_fraction = true;
            group_len = None;
            continue;
        } else {
            return None;
        };
        digits += 1;
        if digits > 30 {
            return None;
        }
        mantissa = mantissa * 10 + d as i128;
        if in_fraction {
            scale += 1;
        } else if let Some(n) = group_len.as_mut() {
            *n += 1;
        }
    }
    if digits == 0 || (in_fraction && scale == 0) || group_len.is_some_and(|n| n != 3) {
        return None;
    }
    Some(Number {
        mantissa: if negative { -mantissa } else { mantissa },
        scale,
        fullwidth,
        grouped,
    })
}

/// The same number written with ASCII characters only.
pub fn ascii_number(s: &str) -> String {
    s.trim_matches(is_space)
        .chars()
        .map(|c| match c {
            '０'..='９' | '，' | '．' | '－' | '＋' => {
                char::from_u32(c as u32 - 0xFEE0).unwrap_or(c)
            }
            _ => c,
        })
        .collect()
}

/// Longest inputs compared in full; longer ones are cut, so the cost stays bounded.
const LCS_MAX: usize = 96;

/// Length of the longest common subsequence of two short texts.
pub fn lcs(a: &[char], b: &[char]) -> usize {
    let a = &a[..a.len().min(LCS_MAX)];
    let b = &b[..b.len().min(LCS_MAX)];
    // On the stack: labels are compared on every keystroke.
    lcs_in(a, b, &mut [0; LCS_MAX + 1], &mut [0; LCS_MAX + 1])
}

/// Length of the longest common subsequence of two texts of any length (time a·b).
pub fn lcs_full(a: &[char], b: &[char]) -> usize {
    lcs_in(a, b, &mut vec![0; b.len() + 1], &mut vec![0; b.len() + 1])
}

/// The dynamic programme, one row at a time; `prev` and `cur` hold `b.len() + 1` zeros.
fn lcs_in<'a>(a: &[char], b: &[char], mut prev: &'a mut [u32], mut cur: &'a mut [u32]) -> usize {
    for &x in a {
        for (j, &y) in b.iter().enumerate() {
            cur[j + 1] = if x == y {
                prev[j] + 1
            } else {
                cur[j].max(prev[j + 1])
            };
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()] as usize
}

/// A normalised text prepared for fuzzy comparison.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Fuzzy {
    pub text: String,
    pub chars: Vec<char>,
    sorted: Vec<char>,
}

impl Fuzzy {
    pub fn new(text: String) -> Fuzzy {
        let chars: Vec<char> = text.chars().collect();
        let mut sorted = chars.clone();
        sorted.sort_unstable();
        Fuzzy {
            text,
            chars,
            sorted,
        }
    }

    pub fn len(&self) -> usize {
        self.chars.len()
    }

    pub fn is_empty(&self) -> bool {
        self.chars.is_empty()
    }

    /// Characters the two have in common (counted with repetition): a cheap upper bound of
    /// their longest common subsequence.
    pub fn common(&self, other: &Fuzzy) -> usize {
        let (mut i, mut j, mut n) = (0, 0, 0);
        while i < self.sorted.len() && j < other.sorted.len() {
            match self.sorted[i].cmp(&other.sorted[j]) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    n += 1;
                    i += 1;
                    j += 1;
                }
            }
        }
        n
    }

    /// See [`similarity`].
    pub fn similarity(&self, other: &Fuzzy) -> f64 {
        dice(lcs(&self.chars, &other.chars), self.len(), other.len())
    }

    /// The best similarity this pair could have, without computing it.
    pub fn similarity_bound(&self, other: &Fuzzy) -> f64 {
        dice(self.common(other), self.len(), other.len())
    }
}

fn dice(common: usize, n: usize, m: usize) -> f64 {
    if n + m == 0 {
        1.0
    } else {
        2.0 * common as f64 / (n + m) as f64
    }
}

/// Similarity of two normalised texts in 0..=1 (Dice coefficient over the common subsequence).
pub fn similarity(a: &str, b: &str) -> f64 {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.is_empty() != b.is_empty() {
        return 0.0;
    }
    dice(lcs(&a, &b), a.len(), b.len())
}

/// How much of `fragment` is found, in order, in `label` (0..=1).
pub fn coverage(fragment: &str, label: &str) -> f64 {
    let f: Vec<char> = fragment.chars().collect();
    let l: Vec<char> = label.chars().collect();
    if f.is_empty() {
        return 0.0;
    }
    lcs(&f, &l) as f64 / f.len() as f64
}

/// Bracketed tags that converters leave behind, as `[name:`.
const BRACKET_TAGS: &[&str] = &[
    "[bookmark:",
    "[image:",
    "[comment:",
    "[footnote:",
    "[endnote:",
];
/// HTML entities seen in pasted web text.
const ENTITIES: &[&str] = &["&nbsp;", "&amp;", "&lt;", "&gt;", "&quot;", "&#"];
/// Characters that mark lost content.
const MARKS: &[char] = &['\u{FFFC}', '\u{FFFD}'];

/// Leftovers of a conversion from Word, PDF or a web page in `text`: `[bookmark: …]` and similar
/// tags, HTML tags and entities, U+FFFC and U+FFFD. Byte ranges.
pub fn markup_spans(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    // The next [ & < at or after `i`, found once and reused until passed: full-width
    // punctuation also starts with 0xEF, and rescanning for each of them would be quadratic.
    let mut next_ascii: Option<usize> = None;
    while i < bytes.len() {
        if next_ascii.is_none_or(|n| n < i) {
            next_ascii = memchr::memchr3(b'[', b'&', b'<', &bytes[i..]).map(|k| i + k);
            if next_ascii.is_none() {
                next_ascii = Some(usize::MAX);
            }
        }
        let limit = next_ascii.unwrap_or(usize::MAX).min(bytes.len());
        // U+FFFC and U+FFFD start with 0xEF; so do many full-width characters.
        let mark = memchr::memchr(0xEF, &bytes[i..limit]).map(|k| i + k);
        match mark.or((limit < bytes.len()).then_some(limit)) {
            Some(k) => i = k,
            None => break,
        }
        // Only a few bytes can start markup; everything else is skipped without decoding.
        let found = match bytes[i] {
            b'[' => {
                let rest = &text[i..];
                BRACKET_TAGS
                    .iter()
                    .any(|t| {
                        rest.len() >= t.len()
                            && rest.as_bytes()[..t.len()].eq_ignore_ascii_case(t.as_bytes())
                    })
                    .then(|| {
                        rest.find(']')
                            .filter(|&e| !rest[..e].contains('\n'))
                            .map(|e| e + 1)
                    })
                    .flatten()
            }
            b'&' => {
                let rest = &text[i..];
                ENTITIES
                    .iter()
                    .find(|e| rest.starts_with(*e))
                    .and_then(|e| {
                        if *e == "&#" {
                            let digits = rest[2..]
                                .bytes()
                                .take_while(|b| b.is_ascii_alphanumeric())
                                .count();
                            (digits > 0 && rest.as_bytes().get(2 + digits) == Some(&b';'))
                                .then_some(3 + digits)
                        } else {
                            Some(e.len())
                        }
                    })
            }
            b'<' => html_tag(&text[i..]),
            0xEF => text[i..]
                .chars()
                .next()
                .filter(|c| MARKS.contains(c))
                .map(char::len_utf8),
            _ => None,
        };
        match found {
            Some(len) => {
                out.push(i..i + len);
                i += len;
            }
            None => i += 1,
        }
    }
    out
}

/// The length of an HTML tag such as `<br>`, `</p>` or `<span style="…">` at the start of `s`.
fn html_tag(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    let mut k = 1;
    if b.get(k) == Some(&b'/') {
        k += 1;
    }
    let name = b[k..]
        .iter()
        .take_while(|c| c.is_ascii_alphabetic())
        .count();
    if name == 0 || name > 10 {
        return None;
    }
    k += name;
    let end = s[k..].find(['>', '<', '\n'])?;
    if s.as_bytes()[k + end] != b'>' {
        return None;
    }
    // After the name: nothing, spaces and attributes, or a closing slash.
    let between = &s[k..k + end];
    if !(between.is_empty() || between.starts_with(' ') || between == "/") {
        return None;
    }
    Some(k + end + 1)
}

/// `range` without surrounding spaces and conversion leftovers (an `&nbsp;` is a space, a
/// `[bookmark: …]` nothing); empty, at its end, when nothing else is left.
pub fn trim_markup(text: &str, range: Range<usize>) -> Range<usize> {
    let s = &text[range.clone()];
    let b = s.as_bytes();
    if memchr::memchr3(b'[', b'&', b'<', b).is_none() && memchr::memchr(0xEF, b).is_none() {
        let start = range.start + (s.len() - s.trim_start_matches(is_space).len());
        let end = range.start + s.trim_end_matches(is_space).len();
        return if start >= end {
            range.end..range.end
        } else {
            start..end
        };
    }
    let marks = markup_spans(s);
    let is_gap = |i: usize, c: char| is_space(c) || marks.iter().any(|m| m.contains(&i));
    let start = s
        .char_indices()
        .find(|&(i, c)| !is_gap(i, c))
        .map(|(i, _)| i);
    let Some(start) = start else {
        return range.end..range.end;
    };
    let end = s
        .char_indices()
        .rev()
        .find(|&(i, c)| !is_gap(i, c))
        .map(|(i, c)| i + c.len_utf8())
        .unwrap_or(start);
    range.start + start..range.start + end
}

/// Whether `c` is a Han character (the CJK blocks reports use).
pub fn is_han(c: char) -> bool {
    matches!(c as u32,
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3134F)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lcs_counts_common_subsequence_and_cuts_only_the_bounded_form() {
        let c = |s: &str| s.chars().collect::<Vec<_>>();
        assert_eq!(lcs(&c("不予公开𠀀"), &c("不予以公开𠀀")), 5);
        assert_eq!(lcs_full(&c("不予公开𠀀"), &c("不予以公开𠀀")), 5);
        assert_eq!(lcs_full(&c(""), &c("公开")), 0);
        let long = c(&"本机关依法公开".repeat(40));
        assert_eq!(lcs(&long, &long), LCS_MAX);
        assert_eq!(lcs_full(&long, &long), long.len());
    }

    #[test]
    fn normalize_folds_width_script_and_spaces() {
        assert_eq!(normalize("（二） 部分公开"), "(二)部分公开");
        assert_eq!(normalize("屬于國家秘密"), normalize("属于国家秘密"));
        assert_eq!(normalize("重複申請"), normalize("重复申请"));
        assert_eq!(
            normalize("無正當理由大量反覆申請"),
            "无正当理由大量反复申请"
        );
        assert_eq!(normalize("危及“三安全一穩定”"), "危及\"三安全一稳定\"");
        assert_eq!(normalize("結果\u{3000}維持"), "结果维持");
        assert_ne!(
            normalize("其他法律法规禁止公开"),
            normalize("其他法律行政法规禁止公开")
        );
    }

    #[test]
    fn markup_is_trimmed_like_spaces() {
        let text = "x&nbsp;12 [bookmark: _GoBack]y";
        assert_eq!(&text[trim_markup(text, 1..9)], "12");
        assert_eq!(trim_markup(text, 1..7), 7..7);
        assert_eq!(&text[trim_markup(text, 10..text.len())], "y");
        assert_eq!(&text[trim_markup(text, 0..text.len())], text);
    }

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

    #[test]
    fn ordinals_of_every_style() {
        let o = parse_ordinal("一、总体情况").unwrap();
        assert_eq!((o.style, o.value, o.len), (OrdinalStyle::HanComma, 1, 6));
        let o = parse_ordinal("（十二）x").unwrap();
        assert_eq!((o.style, o.value), (OrdinalStyle::HanParen, 12));
        let o = parse_ordinal("( 一)  项").unwrap();
        assert_eq!((o.style, o.value, o.len), (OrdinalStyle::HanParen, 1, 8));
        let o = parse_ordinal("  3. 其他").unwrap();
        assert_eq!((o.style, o.value, o.len), (OrdinalStyle::ArabicDot, 3, 5));
        let o = parse_ordinal("１、总体").unwrap();
        assert_eq!((o.style, o.value), (OrdinalStyle::ArabicComma, 1));
        assert_eq!(parse_ordinal("②x").unwrap().value, 2);
        assert_eq!(parse_ordinal("1.5万"), None);
        assert_eq!(parse_ordinal("2025年"), None);
        assert_eq!(parse_ordinal("一是"), None);
        assert_eq!(parse_ordinal("(本列数据)"), None);
        assert_eq!(parse_ordinal("第一、"), None);
    }

    #[test]
    fn numbers() {
        let n = parse_number("1,234").unwrap();
        assert_eq!((n.mantissa, n.scale, n.grouped), (1234, 0, true));
        let n = parse_number(" 260.2 ").unwrap();
        assert_eq!((n.mantissa, n.scale), (2602, 1));
        let n = parse_number("１２").unwrap();
        assert_eq!((n.mantissa, n.fullwidth), (12, true));
        assert_eq!(parse_number("-3").unwrap().mantissa, -3);
        assert_eq!(parse_number("3.0").unwrap().as_integer(), Some(3));
        assert_eq!(parse_number("3.5").unwrap().as_integer(), None);
        for bad in ["", "1,23", "12件", "1.2.3", "1,2345", "—", ".5", "5."] {
            assert_eq!(parse_number(bad), None, "{bad}");
        }
        assert_eq!(ascii_number("１，２３４"), "1,234");
    }

    #[test]
    fn han_numerals() {
        assert_eq!(han_numeral("六"), Some(6));
        assert_eq!(han_numeral("十"), Some(10));
        assert_eq!(han_numeral("十五"), Some(15));
        assert_eq!(han_numeral("二十"), Some(20));
        assert_eq!(han_numeral("二十三"), Some(23));
        assert_eq!(han_numeral("本"), None);
        for n in 0..100 {
            assert_eq!(han_numeral(&to_han_ordinal(n)), Some(n));
        }
    }

    #[test]
    fn fuzzy_comparison() {
        let a = normalize_words("其他法律法规禁止公开");
        let b = normalize_words("其他法律行政法规禁止公开");
        assert!(similarity(&a, &b) > 0.85);
        assert_eq!(coverage(&a, &b), 1.0);
        assert!(similarity("总体情况", "主动公开政府信息情况") < 0.5);
    }
}
