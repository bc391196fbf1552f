//! Leftovers of a conversion from Word, PDF or a web page.

use super::is_space;
use std::ops::Range;

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_is_trimmed_like_spaces() {
        let text = "x&nbsp;12 [bookmark: _GoBack]y";
        assert_eq!(&text[trim_markup(text, 1..9)], "12");
        assert_eq!(trim_markup(text, 1..7), 7..7);
        assert_eq!(&text[trim_markup(text, 10..text.len())], "y");
        assert_eq!(&text[trim_markup(text, 0..text.len())], text);
    }
}
