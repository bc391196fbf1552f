//! Text helpers shared by the model and the checks: label normalisation, script detection,
//! ordinals, number parsing and fuzzy comparison. Nothing here knows the template.

mod fold;
mod fuzzy;
mod markup;
mod number;
mod ordinal;
mod script;

pub use fold::{fold_char, fold_prose, normalize, normalize_words};
pub use fuzzy::{Fuzzy, coverage, lcs, lcs_full, similarity};
pub use markup::{markup_spans, trim_markup};
pub use number::{
    Count, Number, ascii_number, han_number, is_han_number_char, parse_number,
    parse_number_with_unit,
};
pub use ordinal::{Ordinal, OrdinalStyle, han_numeral, parse_ordinal, to_han_ordinal};
pub use script::{Script, to_hant};

/// Whether `c` separates words without being a line break (ASCII and Unicode spaces,
/// zero-width characters and the byte-order mark included).
pub fn is_space(c: char) -> bool {
    matches!(
        c,
        ' ' | '\t' | '\u{00A0}' | '\u{1680}' | '\u{2000}'
            ..='\u{200B}' | '\u{202F}' | '\u{205F}' | '\u{3000}' | '\u{FEFF}'
    )
}

/// Byte ranges that overlap or touch, merged into one, in order.
pub fn merge_ranges(mut ranges: Vec<std::ops::Range<usize>>) -> Vec<std::ops::Range<usize>> {
    ranges.sort_unstable_by_key(|r| (r.start, r.end));
    let mut out: Vec<std::ops::Range<usize>> = Vec::new();
    for r in ranges {
        match out.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => out.push(r),
        }
    }
    out
}

/// Whether `c` is a Han character (the CJK blocks reports use).
pub fn is_han(c: char) -> bool {
    matches!(c as u32,
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3134F)
}
