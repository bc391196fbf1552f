//! `copied-text`: a paragraph of sections 一 or 五 that is the same as, or nearly the same as,
//! one of the same organisation's report of the year before, years aside. Runs when both
//! reports are checked together (see `cross.rs`).

use super::{Check, Needs, Pair, Run};
use crate::code::Code;
use crate::finding::{Finding, Related, Severity};
use std::collections::HashSet;

pub const CHECK: Check = Check {
    code: Code::CopiedText,
    severity: Severity::Warning,
    run: Run::AcrossYears(compare),
    summary: "a paragraph of sections 一 or 五 repeats last year's report",
    needs: Needs::Year,
    offers_fix: false,
};

fn trigrams(key: &[char]) -> HashSet<[char; 3]> {
    key.windows(3).map(|w| [w[0], w[1], w[2]]).collect()
}

/// A cheap first look: the share of three-character pieces two paragraphs have in common.
fn overlap(a: &HashSet<[char; 3]>, b: &HashSet<[char; 3]>) -> f64 {
    let common = a.intersection(b).count();
    let all = a.len() + b.len();
    if all == 0 {
        1.0
    } else {
        2.0 * common as f64 / all as f64
    }
}

/// Similarity by longest common subsequence (2·LCS / total length), without a length cut.
fn likeness(a: &[char], b: &[char]) -> f64 {
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    2.0 * crate::text::lcs_full(a, b) as f64 / (a.len() + b.len()) as f64
}

/// Paragraphs of `cur` (year N) repeated from `prev` (year N−1). Near repetitions count only
/// when every number but the years is the same: updated figures mean the paragraph was written
/// anew.
fn compare(pair: &Pair) -> Vec<Finding> {
    let (cur, prev, p, voice) = (pair.cur, pair.prev, pair.prev_doc, pair.voice);
    let threshold = pair.format.across.copy_similarity;
    let py = prev.year.unwrap_or_default();
    let prev_grams: Vec<HashSet<[char; 3]>> =
        prev.paragraphs.iter().map(|q| trigrams(&q.key)).collect();
    let mut out = Vec::new();
    for para in &cur.paragraphs {
        let grams = trigrams(&para.key);
        let hit = prev.paragraphs.iter().zip(&prev_grams).find(|(q, g)| {
            q.section == para.section
                && (q.key == para.key
                    || (q.numbers == para.numbers
                        && overlap(&grams, g) >= 0.6
                        && likeness(&para.key, &q.key) >= threshold))
        });
        if let Some((q, _)) = hit {
            out.push(pair.finding(
                &CHECK,
                para.range.clone(),
                voice.say(
                    format!("这一段与{py}年报告中的一段几乎相同，可能沿用了上年的文字"),
                    format!("This paragraph is (nearly) the same as one in the {py} report"),
                ),
                vec![Related {
                    range: q.range.clone(),
                    message: voice.say(
                        format!("{py}年报告中的这一段"),
                        format!("the paragraph in the {py} report"),
                    ),
                    doc: Some(p),
                }],
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::checks::testing::render_across;
    use crate::code::Code;
    use crate::cross::{cross_check, summarize};
    use crate::model::Model;
    use crate::voice::Lang;
    use expect_test::expect;

    const Y24: &str = include_str!("../../tests/fixtures/years/qingshi-2024.txt");
    const Y25: &str = include_str!("../../tests/fixtures/years/qingshi-2025.txt");

    fn copied(a: &str, b: &str) -> Vec<String> {
        let sums = [summarize(&Model::new(a)), summarize(&Model::new(b))];
        cross_check(&[&sums[0], &sums[1]], Lang::Chinese)
            .into_iter()
            .filter(|(_, f)| f.code == Code::CopiedText)
            .map(|(_, f)| b[f.range].to_string())
            .collect()
    }

    #[test]
    fn a_paragraph_repeated_from_last_year() {
        expect![[r#"
            #1 84:1 warning[copied-text] 这一段与2024年报告中的一段几乎相同，可能沿用了上年的文字
              related: #0 84:1 2024年报告中的这一段
        "#]]
        .assert_eq(&render_across(&[Y24, Y25], Code::CopiedText));
        let f = copied(Y24, Y25);
        assert_eq!(f.len(), 1, "{f:?}");
        assert!(f[0].starts_with("一是部分村务公开栏更新不及时"));
    }

    #[test]
    fn with_only_the_year_changed_or_a_word_changed() {
        // Years aside, and a word or two changed: still the same paragraph.
        let y25 = Y25
            .replace("建立村级公开台账", "建立村级公开工作台账")
            .replace("惠民政策", "惠农政策");
        let f = copied(Y24, &y25);
        assert_eq!(f.len(), 1, "{f:?}");
    }

    #[test]
    fn updated_figures_and_different_paragraphs_are_not_copies() {
        // The overview paragraphs repeat their sentence pattern with this year's figures.
        let f = copied(
            include_str!("../../tests/fixtures/years/qingshi-2023.txt"),
            Y24,
        );
        assert!(f.is_empty(), "{f:?}");
        let rewritten = Y25.replace(
            "一是部分村务公开栏更新不及时；二是政策解读形式单一。",
            "一是网站栏目分类不清；二是答复文书不规范。",
        );
        assert!(copied(Y24, &rewritten).is_empty());
    }
}
