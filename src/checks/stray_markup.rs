//! `stray-markup`: leftovers of a conversion from Word, PDF or a web page, such as
//! `[bookmark: _GoBack]`, HTML tags and entities, or replacement characters.

use super::{Check, Ctx};
use crate::finding::{Edit, Finding, Fix, Severity};
use std::ops::Range;

pub const CHECK: Check = Check {
    code: "stray-markup",
    severity: Severity::Warning,
    run,
    summary: "conversion leftovers such as [bookmark: _GoBack]",
};

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

fn find_markup(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
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

fn run(cx: &Ctx) -> Vec<Finding> {
    let m = cx.model;
    find_markup(m.text)
        .into_iter()
        .map(|r| {
            let found = m.slice(&r).to_string();
            let fix = Fix {
                title: cx.say(format!("删除「{found}」"), format!("Delete 「{found}」")),
                edits: vec![Edit {
                    range: r.clone(),
                    new_text: String::new(),
                }],
                safe: true,
            };
            cx.finding(
                &CHECK,
                r,
                cx.say(
                    format!("「{found}」是文档转换留下的标记"),
                    format!("「{found}」 is left over from a document conversion"),
                ),
                vec![fix],
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::find_markup;
    use crate::checks::testing::*;

    #[test]
    fn finds_converter_leftovers() {
        let text = "𠀀[bookmark: _GoBack]2025年，<br>我区&nbsp;共&#12288;收到<span class=\"x\">申请</span>\u{FFFD}";
        let found: Vec<&str> = find_markup(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(
            found,
            [
                "[bookmark: _GoBack]",
                "<br>",
                "&nbsp;",
                "&#12288;",
                "<span class=\"x\">",
                "</span>",
                "\u{FFFD}"
            ]
        );
    }

    #[test]
    fn the_fix_deletes_it() {
        let text = CLEAN.replace("一是部分村务", "[bookmark: _GoBack]一是部分村务");
        let f = findings(&text, "stray-markup");
        assert_eq!(f.len(), 1);
        assert_eq!(apply(&text, &f[0].fixes[0]), CLEAN);
    }

    #[test]
    fn ordinary_text_is_not_markup() {
        for text in ["a < b > c", "《条例》", "[1]", "R&D", "x<3", "<本>"] {
            assert!(find_markup(text).is_empty(), "{text}");
        }
        assert!(findings(CLEAN, "stray-markup").is_empty());
    }
}
