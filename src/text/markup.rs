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
/// tags, HTML tags, comments and entities, Word's `mso-` style declarations, U+FFFC and U+FFFD.
/// Byte ranges, in text order.
pub fn markup_spans(text: &str) -> Vec<Range<usize>> {
    let mut out = tags_and_marks(text);
    out.extend(style_declarations(text));
    // Leftovers that touch are one (「<o:p></o:p>」); a declaration inside a tag's attribute is
    // part of the tag.
    super::merge_ranges(out)
}

fn tags_and_marks(text: &str) -> Vec<Range<usize>> {
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
                        // Up to the first ] or line break, not further.
                        rest.find([']', '\n'])
                            .filter(|&e| rest.as_bytes()[e] == b']')
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

/// The length of an HTML tag such as `<br>`, `</p>`, `<span style="…">` or Word's `<o:p>` at the
/// start of `s`, or of a comment (`<!--[if !supportLists]-->`) or a conditional (`<![endif]>`).
fn html_tag(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    // Only comments look for the line's end: finding it for every tag would scan the rest of
    // the text each time.
    let line_end = || s.find(['\n', '\r']).unwrap_or(s.len());
    if s.starts_with("<!--") {
        return s[..line_end()].find("-->").map(|e| e + 3);
    }
    if s.starts_with("<![") {
        return s[..line_end()].find("]>").map(|e| e + 2);
    }
    let mut k = 1;
    if b.get(k) == Some(&b'/') {
        k += 1;
    }
    // A name, with a namespace prefix in Word's exports (o:p, st1:chsdate, w:sdt).
    let mut name = 0;
    let mut colon = false;
    for (i, c) in b[k..].iter().enumerate() {
        let ok = if i == 0 {
            c.is_ascii_alphabetic()
        } else if *c == b':' && !colon {
            colon = true;
            true
        } else {
            c.is_ascii_alphanumeric()
        };
        if !ok {
            break;
        }
        name += 1;
    }
    if name == 0 || name > 16 || b[k + name - 1] == b':' {
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

/// Word's style declarations leaked into text: 「mso-bidi-font-family:仿宋_GB2312;mso-font-kerning:0pt;」,
/// from the first `mso-` declaration over the declarations that follow it.
fn style_declarations(text: &str) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    for at in memchr::memmem::find_iter(text.as_bytes(), b"mso-") {
        if out.last().is_some_and(|r| at < r.end)
            || text.as_bytes()[..at]
                .last()
                .is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'-')
        {
            continue;
        }
        let mut end = at;
        while let Some(len) = declaration(&text[end..]) {
            end += len;
            end += text[end..].len() - text[end..].trim_start_matches(' ').len();
        }
        if end > at {
            out.push(at..end);
        }
    }
    out
}

/// The length of one `name: value;` declaration at the start of `s`.
fn declaration(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    let name = b
        .iter()
        .take_while(|c| c.is_ascii_lowercase() || **c == b'-')
        .count();
    if name < 2 {
        return None;
    }
    let rest = &s[name..];
    let colon = rest.len() - rest.trim_start_matches(' ').len();
    if rest.as_bytes().get(colon) != Some(&b':') {
        return None;
    }
    let value_start = name + colon + 1;
    let value = &s[value_start..];
    let stop = value
        .find([';', '\n', '\r', '\'', '"', '>', '。', '，'])
        .unwrap_or(value.len());
    let has_semicolon = value.as_bytes().get(stop) == Some(&b';');
    // A value runs to its semicolon; the last one of a run may lack it, and then ends at a space.
    let len = if has_semicolon {
        stop + 1
    } else {
        value[..stop].find(' ').unwrap_or(stop)
    };
    (len > 0 && len <= 80).then_some(value_start + len)
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
    // The spans are sorted and apart: one binary search per character, not a scan.
    let is_gap = |i: usize, c: char| {
        is_space(c) || {
            let k = marks.partition_point(|m| m.end <= i);
            marks.get(k).is_some_and(|m| m.contains(&i))
        }
    };
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
    fn word_exports_leave_comments_namespaced_tags_and_styles() {
        let text = "（二）依申请公开<o:p></o:p>𠀀\n<!--[if !supportLists]-->二、<!--[endif]-->\nmso-bidi-font-family:仿宋_GB2312;mso-font-kerning:0pt;按季度清理\n<st1:chsdate Year=\"2025\">2025年</st1:chsdate>";
        let found: Vec<&str> = markup_spans(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(
            found,
            [
                "<o:p></o:p>",
                "<!--[if !supportLists]-->",
                "<!--[endif]-->",
                "mso-bidi-font-family:仿宋_GB2312;mso-font-kerning:0pt;",
                "<st1:chsdate Year=\"2025\">",
                "</st1:chsdate>"
            ]
        );
        // Prose that only looks like it is left alone.
        for prose in ["台账mso-备份", "比例<3:1>", "a<:b>", "mso-：冒号"] {
            assert!(markup_spans(prose).is_empty(), "{prose}");
        }
    }

    #[test]
    fn markup_is_trimmed_like_spaces() {
        let text = "x&nbsp;12 [bookmark: _GoBack]y";
        assert_eq!(&text[trim_markup(text, 1..9)], "12");
        assert_eq!(trim_markup(text, 1..7), 7..7);
        assert_eq!(&text[trim_markup(text, 10..text.len())], "y");
        assert_eq!(&text[trim_markup(text, 0..text.len())], text);
    }
}
