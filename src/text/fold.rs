//! Folding text for comparison: width, script, quotes, dashes and spaces.

use super::script::to_hans;
use super::{is_han, is_space};

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

#[cfg(test)]
mod tests {
    use super::*;

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
}
