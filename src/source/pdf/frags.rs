//! The pieces of a layout line: runs of text at their columns, which of them are values, and
//! which lines are page numbers rather than report text.
//!
//! pdftotext places each word at the column its position on the page gives (one column per
//! character, CJK ones too), so the column where a run starts says which table column it is in;
//! where it ends says less, since a CJK character is drawn twice as wide as its column.

use crate::text::{is_space, parse_number, parse_ordinal};
use std::ops::Range;

/// A run of text on a line: words one space apart (a cell's words), or one value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Frag {
    /// The line's index in the document.
    pub(super) line: usize,
    /// The column where it starts (characters from the start of the line).
    pub(super) x: usize,
    /// Its width in characters.
    pub(super) width: usize,
    /// Its bytes in the line.
    pub(super) range: Range<usize>,
    /// A number, or a sign written for a missing one (「—」, 「/」).
    pub(super) value: bool,
    /// Where its words start after the first: (column, byte offset in the line), to cut it at
    /// a column start found on other lines.
    pub(super) words: Vec<(usize, usize)>,
}

impl Frag {
    pub(super) fn end(&self) -> usize {
        self.x + self.width
    }
}

/// Signs written in a value cell for "none": values, not labels.
const PLACEHOLDERS: &[&str] = &["-", "—", "--", "——", "－", "/", "／", "×", "*"];

/// The words of a line: (column, width, byte range).
fn words(text: &str) -> Vec<(usize, usize, Range<usize>)> {
    let mut out = Vec::new();
    let mut start: Option<(usize, usize)> = None;
    let mut col = 0;
    for (i, c) in text.char_indices() {
        if is_space(c) {
            if let Some((x, b)) = start.take() {
                out.push((x, col - x, b..i));
            }
        } else if start.is_none() {
            start = Some((col, i));
        }
        col += 1;
    }
    if let Some((x, b)) = start {
        out.push((x, col - x, b..text.len()));
    }
    out
}

fn is_value(s: &str) -> bool {
    parse_number(s).is_some() || PLACEHOLDERS.contains(&s)
}

/// The runs of a line: words one space apart join unless either is a value.
pub(super) fn frags(line: usize, text: &str) -> Vec<Frag> {
    let mut out: Vec<Frag> = Vec::new();
    for (x, width, range) in words(text) {
        let value = is_value(&text[range.clone()]);
        if let Some(last) = out.last_mut()
            && !value
            && !last.value
            && x == last.end() + 1
        {
            last.words.push((x, range.start));
            last.width = x + width - last.x;
            last.range.end = range.end;
            continue;
        }
        out.push(Frag {
            line,
            x,
            width,
            range,
            value,
            words: Vec::new(),
        });
    }
    out
}

/// Cuts a run where one of its words starts at a column start: 「（三） 4.保护第三方合法权益」
/// is two cells when other lines start cells at the second one's column.
pub(super) fn cut_at(f: &Frag, text: &str, starts: &[usize]) -> Vec<Frag> {
    let mut out = vec![Frag {
        words: Vec::new(),
        ..f.clone()
    }];
    for &(x, b) in &f.words {
        let last = out.last_mut().expect("starts with one");
        if starts.contains(&x) {
            let end = f.range.end;
            last.range.end = text[..b].trim_end_matches(is_space).len();
            last.width = text[last.range.clone()].chars().count();
            out.push(Frag {
                line: f.line,
                x,
                width: f.end() - x,
                range: b..end,
                value: false,
                words: Vec::new(),
            });
        } else {
            last.words.push((x, b));
        }
    }
    out
}

/// Lines of values longer than this in their labels are prose that ends in a number.
const LABEL_CHARS: usize = 40;

/// Where the values of a row start among its runs: the runs after the last label are values,
/// at least one of them a number. A single value needs two spaces before it (a sentence ends in
/// a number after one), and labels as long as a line of prose make a sentence, not a row.
pub(super) fn values_from(frags: &[Frag], text: &str) -> Option<usize> {
    let k = frags.iter().rposition(|f| !f.value).map_or(0, |i| i + 1);
    let values = &frags[k..];
    if !values
        .iter()
        .any(|f| parse_number(&text[f.range.clone()]).is_some())
    {
        return None;
    }
    if k > 0 {
        let label_chars: usize = frags[..k].iter().map(|f| f.width).sum();
        if label_chars > LABEL_CHARS || frags[..k].iter().any(|f| is_prose(&text[f.range.clone()]))
        {
            return None;
        }
        if values.len() == 1 && values[0].x < frags[k - 1].end() + 2 {
            return None;
        }
    }
    Some(k)
}

/// Text that only prose has: the end of a sentence.
pub(super) fn is_prose(s: &str) -> bool {
    s.contains(['。', '；']) || s.chars().count() > LABEL_CHARS
}

/// Whether a run starts an item of a list (「一、」, 「（三）」, 「2.」), also when a narrow
/// column broke the ordinal (「（三」 over 「）不」).
pub(super) fn starts_item(s: &str) -> bool {
    if parse_ordinal(s).is_some() {
        return true;
    }
    let mut c = s.chars();
    matches!(c.next(), Some('（' | '('))
        && c.next()
            .is_some_and(|d| d.is_ascii_digit() || "一二三四五六七八九十".contains(d))
}

/// A page number: 「3」, 「-3-」, 「— 3 —」, 「第3页」, 「第 3 页 共 5 页」, 「3/5」.
pub(super) fn is_page_number(s: &str) -> bool {
    let t: String = s.chars().filter(|c| !is_space(*c)).collect();
    let t = t.trim_matches(['-', '—', '–', '－', '·', '•']);
    let digits = |s: &str| !s.is_empty() && s.len() <= 4 && s.chars().all(|c| c.is_ascii_digit());
    // One number: 「2 1 0」 is a row of values.
    let numbers = s
        .split(|c: char| !c.is_ascii_digit())
        .filter(|n| !n.is_empty())
        .count();
    if digits(t) {
        return numbers == 1;
    }
    if let Some((a, b)) = t.split_once('/') {
        return digits(a) && digits(b);
    }
    let page = |s: &str| {
        s.strip_prefix('第')
            .and_then(|s| s.strip_suffix('页'))
            .is_some_and(digits)
    };
    match t.find('共') {
        Some(i) => page(&t[..i]) && page(&format!("第{}", &t[i + '共'.len_utf8()..])),
        None => page(t),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts<'a>(text: &'a str, fs: &[Frag]) -> Vec<(usize, &'a str, bool)> {
        fs.iter()
            .map(|f| (f.x, &text[f.range.clone()], f.value))
            .collect()
    }

    #[test]
    fn runs_join_words_one_space_apart_but_not_values() {
        let line = "  4.无正当理由大量反复 申请   12 0  —  𠀀表 3";
        let fs = frags(0, line);
        assert_eq!(
            texts(line, &fs),
            [
                (2, "4.无正当理由大量反复 申请", false),
                (19, "12", true),
                (22, "0", true),
                (25, "—", true),
                (28, "𠀀表", false),
                (31, "3", true),
            ]
        );
        assert_eq!(fs[0].width, 14);
        assert_eq!(fs[0].words, [(14, "  4.无正当理由大量反复 ".len())]);
    }

    #[test]
    fn a_run_is_cut_where_a_column_starts() {
        let line = "     （三） 4.保护第三方合法权益𠀀  2";
        let fs = frags(0, line);
        let cut = cut_at(&fs[0], line, &[9]);
        assert_eq!(
            texts(line, &cut),
            [(5, "（三）", false), (9, "4.保护第三方合法权益𠀀", false)]
        );
        assert_eq!((cut[0].width, cut[1].width), (3, 12));
        assert_eq!(cut_at(&fs[0], line, &[10]), vec![fs[0].clone()]);
    }

    #[test]
    fn rows_end_in_values_and_sentences_do_not() {
        let row = |line: &str| values_from(&frags(0, line), line);
        assert_eq!(row("行政规范性文件 5      2      31"), Some(1));
        assert_eq!(row("规章𠀀    0"), Some(1));
        assert_eq!(row("     2    0    —   0"), Some(0));
        // One value one space after the text: a sentence ending in a number.
        assert_eq!(row("泽区人民政府办公室联系（地址：洪泽湖大道 90"), None);
        assert_eq!(row("行政事业性收费 12.5"), None);
        assert_eq!(row("全年收取费用 0 元。"), None);
        assert_eq!(row("一是部分公开内容更新不及时；二是    3    4"), None);
        assert_eq!(row("信息内容    本年制发件数"), None);
        assert_eq!(row("  —   /"), None);
    }

    #[test]
    fn items_and_page_numbers() {
        for s in ["一、本年新收", "（三", "(4）无法", "2.其", "（七）总计"] {
            assert!(starts_item(s), "{s}");
        }
        for s in ["开（区分处理", "信息", "）不", "𠀀"] {
            assert!(!starts_item(s), "{s}");
        }
        for s in [
            "3",
            "-3-",
            "— 12 —",
            "第3页",
            "第 3 页 共 5 页",
            "3/5",
            "- 4 -",
        ] {
            assert!(is_page_number(s), "{s}");
        }
        for s in [
            "第三页",
            "12345",
            "3.",
            "一",
            "第3项",
            "-",
            "2 1 0 3",
            "0  0",
        ] {
            assert!(!is_page_number(s), "{s}");
        }
    }
}
