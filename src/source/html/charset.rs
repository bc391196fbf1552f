//! A web page's bytes to text: the byte-order mark, else UTF-8 if the bytes are UTF-8, else the
//! charset the page declares in a `<meta>` near its start, else GB18030 (which reads GBK and
//! GB2312 too).

use encoding_rs::{Encoding, GB18030, UTF_8, UTF_16BE, UTF_16LE};

/// How far into the page a `<meta>` declaring the charset is looked for. The standard says
/// 1024 bytes; Chinese pages often put long comments or scripts first.
const PRESCAN: usize = 8192;

/// The page's text, and the name of its encoding. A UTF-8 byte-order mark is kept as U+FEFF,
/// so that byte offsets in the text are byte offsets in the file for UTF-8 pages.
pub fn decode_page(bytes: &[u8]) -> (String, &'static str) {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        let (text, _) = UTF_8.decode_without_bom_handling(rest);
        return (format!("\u{feff}{text}"), "utf-8");
    }
    for (bom, enc) in [(&b"\xFF\xFE"[..], UTF_16LE), (&b"\xFE\xFF"[..], UTF_16BE)] {
        if let Some(rest) = bytes.strip_prefix(bom) {
            let (text, _) = enc.decode_without_bom_handling(rest);
            return (text.into_owned(), name(enc));
        }
    }
    // Valid UTF-8 is UTF-8 whatever the page says: a page converted to UTF-8 often keeps its old
    // declaration, while text in GBK is almost never valid UTF-8 by chance.
    if let Ok(s) = std::str::from_utf8(bytes) {
        return (s.to_string(), "utf-8");
    }
    let declared = declared_encoding(&bytes[..bytes.len().min(PRESCAN)]);
    if let Some(enc) = declared
        && let Some(text) = enc.decode_without_bom_handling_and_without_replacement(bytes)
    {
        return (text.into_owned(), name(enc));
    }
    if let Some(text) = GB18030.decode_without_bom_handling_and_without_replacement(bytes) {
        return (text.into_owned(), "gb18030");
    }
    // Damaged bytes: read them as declared (or as GB18030), damage shown as U+FFFD.
    let enc = declared.unwrap_or(GB18030);
    let (text, _) = enc.decode_without_bom_handling(bytes);
    (text.into_owned(), name(enc))
}

/// The names [`crate::source::Document::encoding`] uses.
fn name(enc: &'static Encoding) -> &'static str {
    if enc == UTF_8 {
        "utf-8"
    } else if enc == GB18030 || enc == encoding_rs::GBK {
        // GBK pages are decoded as GB18030, its superset.
        "gb18030"
    } else if enc == UTF_16LE {
        "utf-16le"
    } else if enc == UTF_16BE {
        "utf-16be"
    } else {
        enc.name()
    }
}

/// The charset a `<meta charset>` or `<meta http-equiv="Content-Type" content="…;charset=…">`
/// declares, read from the bytes as the standard's prescan does: tags and their attributes,
/// skipping comments.
fn declared_encoding(b: &[u8]) -> Option<&'static Encoding> {
    let mut i = 0;
    while i < b.len() {
        if b[i..].starts_with(b"<!--") {
            i = find(b, i + 4, b"-->").map_or(b.len(), |p| p + 3);
            continue;
        }
        if b[i] == b'<' && b.len() > i + 5 && b[i + 1..i + 5].eq_ignore_ascii_case(b"meta") {
            let after = b[i + 5];
            if after.is_ascii_whitespace() || after == b'/' {
                let (attrs, end) = attributes(b, i + 5);
                i = end;
                if let Some(enc) = meta_charset(&attrs) {
                    return Some(enc);
                }
                continue;
            }
        }
        if b[i] == b'<'
            && b.get(i + 1)
                .is_some_and(|c| c.is_ascii_alphabetic() || *c == b'/')
        {
            // Any other tag: skip its attributes (a '>' inside a quoted value does not end it).
            let name_end = (i + 1..b.len())
                .find(|&j| b[j].is_ascii_whitespace() || b[j] == b'>')
                .unwrap_or(b.len());
            let (_, end) = attributes(b, name_end);
            i = end;
            continue;
        }
        i += 1;
    }
    None
}

fn find(b: &[u8], from: usize, pat: &[u8]) -> Option<usize> {
    b.get(from..)?
        .windows(pat.len())
        .position(|w| w == pat)
        .map(|p| from + p)
}

/// The attributes of a tag from `i` (after its name) to its `>`, names lower-cased; and where
/// the tag ends.
fn attributes(b: &[u8], mut i: usize) -> (Vec<(String, String)>, usize) {
    let mut out = Vec::new();
    loop {
        while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b'/') {
            i += 1;
        }
        if i >= b.len() {
            return (out, b.len());
        }
        if b[i] == b'>' {
            return (out, i + 1);
        }
        let start = i;
        i += 1;
        while i < b.len() && !b[i].is_ascii_whitespace() && !matches!(b[i], b'=' | b'>' | b'/') {
            i += 1;
        }
        let name = String::from_utf8_lossy(&b[start..i]).to_ascii_lowercase();
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        let mut value = String::new();
        if i < b.len() && b[i] == b'=' {
            i += 1;
            while i < b.len() && b[i].is_ascii_whitespace() {
                i += 1;
            }
            let vstart;
            if i < b.len() && matches!(b[i], b'"' | b'\'') {
                let q = b[i];
                vstart = i + 1;
                i = vstart;
                while i < b.len() && b[i] != q {
                    i += 1;
                }
                value = String::from_utf8_lossy(&b[vstart..i]).into_owned();
                i = (i + 1).min(b.len());
            } else {
                vstart = i;
                while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'>' {
                    i += 1;
                }
                value = String::from_utf8_lossy(&b[vstart..i]).into_owned();
            }
        }
        out.push((name, value));
    }
}

fn meta_charset(attrs: &[(String, String)]) -> Option<&'static Encoding> {
    let get = |n: &str| attrs.iter().find(|(k, _)| k == n).map(|(_, v)| v.as_str());
    let label = if let Some(cs) = get("charset") {
        cs.to_string()
    } else if get("http-equiv").is_some_and(|v| v.trim().eq_ignore_ascii_case("content-type")) {
        charset_in_content(get("content")?)?
    } else {
        return None;
    };
    let enc = Encoding::for_label(label.trim().as_bytes())?;
    // A page declaring UTF-16 in ASCII markup is not UTF-16 (the standard reads it as UTF-8).
    Some(if enc == UTF_16LE || enc == UTF_16BE {
        UTF_8
    } else {
        enc
    })
}

/// The value after `charset=` in a Content-Type.
fn charset_in_content(content: &str) -> Option<String> {
    let lower = content.to_ascii_lowercase();
    let at = lower.find("charset")?;
    let rest = lower[at + 7..].trim_start();
    let rest = rest.strip_prefix('=')?.trim_start();
    let rest = rest.trim_start_matches(['"', '\'']);
    let end = rest
        .find(|c: char| c == ';' || c == '"' || c == '\'' || c.is_whitespace())
        .unwrap_or(rest.len());
    Some(rest[..end].to_string()).filter(|s| !s.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn byte_order_marks_come_first_and_utf8_keeps_its_mark() {
        let (t, e) = decode_page("\u{feff}<p>年报𠀀</p>".as_bytes());
        assert_eq!((t.as_str(), e), ("\u{feff}<p>年报𠀀</p>", "utf-8"));
        let mut le = vec![0xFF, 0xFE];
        le.extend("<p>表𠀀</p>".encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(decode_page(&le), ("<p>表𠀀</p>".into(), "utf-16le"));
    }

    #[test]
    fn meta_charset_and_http_equiv_are_read() {
        let (gbk, _, _) = encoding_rs::GBK.encode("<p>政府信息公开</p>");
        let mut page = b"<html><head><!-- <meta charset=utf-8> --><META http-equiv='Content-Type' content=\"text/html; charset=gb2312\"></head>".to_vec();
        page.extend_from_slice(&gbk);
        let (t, e) = decode_page(&page);
        assert_eq!(e, "gb18030");
        assert!(t.ends_with("<p>政府信息公开</p>"));

        let mut page = b"<meta charset=\"GBK\" /><title>x</title>".to_vec();
        page.extend_from_slice(&gbk);
        assert!(decode_page(&page).0.ends_with("<p>政府信息公开</p>"));
    }

    #[test]
    fn a_wrong_declaration_yields_to_the_bytes() {
        // Declared GBK but written in UTF-8 (the UTF-8 bytes of 年报 are not valid GBK here).
        let page = "<meta charset=gbk><p>年度报告𠀀</p>".as_bytes();
        assert_eq!(decode_page(page).1, "utf-8");
        // Undeclared GBK is detected.
        let (gbk, _, _) = encoding_rs::GBK.encode("<div>总体情况</div>");
        assert_eq!(decode_page(&gbk), ("<div>总体情况</div>".into(), "gb18030"));
    }

    #[test]
    fn a_quoted_angle_bracket_does_not_end_a_tag() {
        let page = b"<div title='a>b' data-x=\"<meta charset=big5>\"><meta charset=utf-8>";
        assert_eq!(declared_encoding(page), Some(UTF_8));
    }
}
