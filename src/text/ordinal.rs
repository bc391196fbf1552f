//! Ordinals such as 一、 （一） 1. and ①, and Han numerals.

use super::is_space;
use super::number::{han_number, is_fullwidth_digit};

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

/// The value of a Han numeral as ordinals write it, from 一 to 九十九 (and 〇/零 as 0): a
/// digit, 十, or 十 after and before digits.
pub fn han_numeral(s: &str) -> Option<u32> {
    let digit = |c: &char| "〇零一二三四五六七八九".contains(*c);
    let chars: Vec<char> = s.chars().collect();
    let shaped = match chars.as_slice() {
        [c] => digit(c) || *c == '十',
        ['十', d] => digit(d),
        [d, '十'] | [d, '十', _] => digit(d) && chars[2..].iter().all(digit),
        _ => false,
    };
    if !shaped {
        return None;
    }
    han_number(&chars).and_then(|v| u32::try_from(v).ok())
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
