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
}

impl std::fmt::Display for DecodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DecodeError::UnknownEncoding => {
                f.write_str("不是 UTF-8、UTF-16 或 GB18030（GBK）编码的文本")
            }
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
    Err(DecodeError::UnknownEncoding)
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
        assert_eq!(
            decode(&[0x00, 0xFF, 0xFE, 0x80, 0x01]),
            Err(DecodeError::UnknownEncoding)
        );
        assert_eq!(decode(b"\x81"), Err(DecodeError::UnknownEncoding));
    }
}
