//! Turning a file's bytes into text. Many government files are GBK/GB18030, some UTF-16 (from
//! Notepad); a byte-order mark is dropped so offsets match what editors show.

use encoding_rs::{Encoding, GB18030, UTF_16BE, UTF_16LE};

/// The text of a file and how it was encoded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    /// `utf-8`, `gb18030`, `utf-16le` or `utf-16be`.
    pub encoding: &'static str,
}

/// Why a file could not be read as text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DecodeError {
    /// Neither UTF-8, UTF-16 with a byte-order mark, nor GB18030.
    UnknownEncoding,
    /// Not text in any of those; `line` (1-based) is where it stops being UTF-8, and `utf16`
    /// says the bytes look like UTF-16 without a byte-order mark.
    NotText { line: usize, utf16: bool },
}

impl std::fmt::Display for DecodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DecodeError::UnknownEncoding => {
                f.write_str("不是 UTF-8、UTF-16 或 GB18030（GBK）编码的文本")
            }
            DecodeError::NotText { utf16: true, .. } => f.write_str(
                "不是 UTF-8、带 BOM 的 UTF-16 或 GB18030（GBK）编码的文本：像是没有字节顺序标记（BOM）的 UTF-16，请另存为 UTF-8",
            ),
            DecodeError::NotText { line, .. } => write!(
                f,
                "第 {line} 行起不是 UTF-8 文本，整个文件也不是 UTF-16 或 GB18030（GBK）编码；请检查该行（例如混入了 GBK 编码的文字）"
            ),
        }
    }
}

fn strict(enc: &'static Encoding, bytes: &[u8]) -> Option<String> {
    enc.decode_without_bom_handling_and_without_replacement(bytes)
        .map(|c| c.into_owned())
}

/// Decodes a report file.
pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        if let Ok(s) = std::str::from_utf8(rest) {
            return Ok(Decoded {
                text: s.to_string(),
                encoding: "utf-8",
            });
        }
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Ok(Decoded {
            text: s.to_string(),
            encoding: "utf-8",
        });
    }
    let utf16 = [
        (b"\xFF\xFE", UTF_16LE, "utf-16le"),
        (b"\xFE\xFF", UTF_16BE, "utf-16be"),
    ];
    for (bom, enc, name) in utf16 {
        if let Some(rest) = bytes.strip_prefix(bom)
            && let Some(text) = strict(enc, rest)
        {
            return Ok(Decoded {
                text,
                encoding: name,
            });
        }
    }
    // GB18030 decodes GBK and GB2312 too. Control characters other than line breaks and tabs
    // mean the bytes were not text in the first place.
    if let Some(text) = strict(GB18030, bytes)
        && !text
            .chars()
            .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}'))
    {
        return Ok(Decoded {
            text,
            encoding: "gb18030",
        });
    }
    Err(not_text(bytes))
}

/// Whether the start of `bytes` read in `enc` is nearly all Chinese, ASCII text and line
/// breaks: UTF-16 without its byte-order mark.
fn looks_utf16(bytes: &[u8], enc: &'static Encoding) -> bool {
    let head = &bytes[..bytes.len().min(4096) & !1];
    let Some(text) = strict(enc, head) else {
        return false;
    };
    let (mut good, mut all) = (0usize, 0usize);
    for c in text.chars() {
        all += 1;
        if matches!(c, '\n' | '\r' | '\t' | ' '..='~' | '\u{3000}'..='\u{303f}' | '\u{4e00}'..='\u{9fff}' | '\u{ff00}'..='\u{ffef}')
        {
            good += 1;
        }
    }
    // A few units say nothing: random bytes pass too.
    all >= 8 && good * 10 >= all * 9
}

/// Where the bytes stop being UTF-8 (the 1-based line), and whether they look like UTF-16
/// without a byte-order mark.
fn not_text(bytes: &[u8]) -> DecodeError {
    let valid = match std::str::from_utf8(bytes) {
        Ok(_) => bytes.len(),
        Err(e) => e.valid_up_to(),
    };
    let line = 1 + memchr::memchr_iter(b'\n', &bytes[..valid]).count();
    let utf16 = looks_utf16(bytes, UTF_16LE) || looks_utf16(bytes, UTF_16BE);
    DecodeError::NotText { line, utf16 }
}

/// Encodes a text back as the file it came from was encoded: `encoding` as [`decode`] named it,
/// with a byte-order mark where the file had one (always for UTF-16). A character GB18030 cannot
/// hold does not exist: it encodes all of Unicode.
pub fn encode(text: &str, encoding: &str, bom: bool) -> Vec<u8> {
    match encoding {
        "gb18030" => GB18030.encode(text).0.into_owned(),
        "utf-16le" | "utf-16be" => {
            let le = encoding == "utf-16le";
            let mut out = if le {
                vec![0xFF, 0xFE]
            } else {
                vec![0xFE, 0xFF]
            };
            for u in text.encode_utf16() {
                out.extend_from_slice(&if le { u.to_le_bytes() } else { u.to_be_bytes() });
            }
            out
        }
        _ => {
            let mut out = if bom {
                b"\xEF\xBB\xBF".to_vec()
            } else {
                Vec::new()
            };
            out.extend_from_slice(text.as_bytes());
            out
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(
            decode("一、总体情况𠀀".as_bytes()).unwrap().text,
            "一、总体情况𠀀"
        );
        let mut b = b"\xEF\xBB\xBF".to_vec();
        b.extend("二".as_bytes());
        assert_eq!(
            decode(&b).unwrap(),
            Decoded {
                text: "二".into(),
                encoding: "utf-8"
            }
        );
    }

    #[test]
    fn encoded_back_as_read() {
        let text = "一、总体情况𠀀\n共收到申请3件";
        for (enc, bom) in [
            ("utf-8", false),
            ("utf-8", true),
            ("gb18030", false),
            ("utf-16le", true),
            ("utf-16be", true),
        ] {
            let bytes = encode(text, enc, bom);
            assert_eq!(bytes.starts_with(b"\xEF\xBB\xBF"), enc == "utf-8" && bom);
            let d = decode(&bytes).unwrap();
            assert_eq!((d.text.as_str(), d.encoding), (text, enc));
        }
    }

    #[test]
    fn gbk_and_utf16() {
        let (gbk, _, bad) = GB18030.encode("一、总体情况\n共收到申请3件");
        assert!(!bad);
        let d = decode(&gbk).unwrap();
        assert_eq!(
            (d.text.as_str(), d.encoding),
            ("一、总体情况\n共收到申请3件", "gb18030")
        );
        let mut u16 = vec![0xFF, 0xFE];
        for unit in "三、𠀀".encode_utf16() {
            u16.extend(unit.to_le_bytes());
        }
        assert_eq!(decode(&u16).unwrap().text, "三、𠀀");
    }

    #[test]
    fn binary_is_refused() {
        assert!(matches!(
            decode(&[0x00, 0xFF, 0xFE, 0x80, 0x01]),
            Err(DecodeError::NotText { line: 1, .. })
        ));
        assert!(matches!(
            decode(b"\x81"),
            Err(DecodeError::NotText {
                line: 1,
                utf16: false
            })
        ));
    }

    #[test]
    fn refusals_say_the_line_or_that_it_looks_like_utf16() {
        // UTF-8 with one line in GBK that GB18030 cannot read as a whole: a NUL beside it.
        let mut b = "一、总体情况\n第二行\n".as_bytes().to_vec();
        let (gbk, _, _) = GB18030.encode("共收到申请3件");
        b.extend_from_slice(&gbk);
        b.extend_from_slice(b"\n\x00\n");
        let e = decode(&b).unwrap_err();
        assert_eq!(
            e,
            DecodeError::NotText {
                line: 3,
                utf16: false
            }
        );
        assert!(e.to_string().contains("第 3 行"));
        // UTF-16 without a byte-order mark.
        let u16: Vec<u8> = "一、总体情况\n共收到申请3件\n"
            .encode_utf16()
            .flat_map(|u| u.to_le_bytes())
            .collect();
        let e = decode(&u16).unwrap_err();
        assert!(
            matches!(e, DecodeError::NotText { utf16: true, .. }),
            "{e:?}"
        );
        assert!(e.to_string().contains("UTF-16"));
    }
}
