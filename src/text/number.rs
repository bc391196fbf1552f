//! Numbers as written in report cells.

use super::is_space;

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

/// The value of a Han numeral such as 三, 十二, 两百零五, 一万.
pub fn han_number(s: &[char]) -> Option<i64> {
    let digit = |c: char| {
        "零一二三四五六七八九"
            .chars()
            .position(|d| d == c)
            .map(|p| p as i64)
            .or(match c {
                '〇' => Some(0),
                '两' => Some(2),
                _ => None,
            })
    };
    if s.is_empty() {
        return None;
    }
    let (mut total, mut section, mut number) = (0i64, 0i64, 0i64);
    for &c in s {
        if let Some(d) = digit(c) {
            number = d;
        } else {
            let unit = match c {
                '十' => 10,
                '百' => 100,
                '千' => 1000,
                '万' => 10_000,
                _ => return None,
            };
            if unit == 10_000 {
                section = (section + number) * unit;
                total += section;
                section = 0;
            } else {
                section += if number == 0 && unit == 10 { 1 } else { number } * unit;
            }
            number = 0;
        }
    }
    Some(total + section + number)
}

/// Whether `c` can be part of a Han number such as 两百零五.
pub fn is_han_number_char(c: char) -> bool {
    "零〇一二两三四五六七八九十百千万".contains(c)
}

/// Whether `c` is a full-width digit (０ to ９).
pub(super) fn is_fullwidth_digit(c: char) -> bool {
    ('０'..='９').contains(&c)
}

/// A number followed by one of `units` (「318000元」, 「12.5 万元」): the number and the length in
/// bytes of the unit with the spaces before it (0 when there is no unit).
pub fn parse_number_with_unit(s: &str, units: &[String]) -> Option<(Number, usize)> {
    let s = s.trim_matches(is_space);
    if let Some(n) = parse_number(s) {
        return Some((n, 0));
    }
    let unit = units
        .iter()
        .filter(|u| !u.is_empty() && s.ends_with(u.as_str()))
        .max_by_key(|u| u.len())?;
    let body = &s[..s.len() - unit.len()];
    let number = body.trim_end_matches(is_space);
    let n = parse_number(number)?;
    Some((n, s.len() - number.len()))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_with_units() {
        let units: Vec<String> = ["元", "万元", "件"].iter().map(|s| s.to_string()).collect();
        let n = |s: &str| parse_number_with_unit(s, &units).map(|(n, u)| (n.mantissa, n.scale, u));
        assert_eq!(n("318000元"), Some((318000, 0, 3)));
        assert_eq!(n("12.5 万元"), Some((125, 1, 7)));
        assert_eq!(n("6,210,455.80元"), Some((621045580, 2, 3)));
        assert_eq!(n("12"), Some((12, 0, 0)));
        assert_eq!(n("元"), None);
        assert_eq!(n("十二件"), None);
        assert_eq!(n("12米"), None);
        assert_eq!(n("𠀀12元"), None);
    }

    #[test]
    fn han_numbers() {
        let n = |s: &str| han_number(&s.chars().collect::<Vec<_>>());
        assert_eq!(n("三"), Some(3));
        assert_eq!(n("十二"), Some(12));
        assert_eq!(n("两百零五"), Some(205));
        assert_eq!(n("一千二百三十四"), Some(1234));
        assert_eq!(n("一万"), Some(10_000));
        assert_eq!(n("是"), None);
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
}
