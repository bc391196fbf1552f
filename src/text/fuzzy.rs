//! Fuzzy comparison of short labels: the longest common subsequence, bounded in cost.

/// Longest inputs compared in full; longer ones are cut, so the cost stays bounded.
const LCS_MAX: usize = 96;

/// Length of the longest common subsequence of two short texts.
pub fn lcs(a: &[char], b: &[char]) -> usize {
    let a = &a[..a.len().min(LCS_MAX)];
    let b = &b[..b.len().min(LCS_MAX)];
    // On the stack: labels are compared on every keystroke.
    lcs_in(a, b, &mut [0; LCS_MAX + 1], &mut [0; LCS_MAX + 1])
}

/// Length of the longest common subsequence of two texts of any length (time a·b).
pub fn lcs_full(a: &[char], b: &[char]) -> usize {
    lcs_in(a, b, &mut vec![0; b.len() + 1], &mut vec![0; b.len() + 1])
}

/// The dynamic programme, one row at a time; `prev` and `cur` hold `b.len() + 1` zeros.
fn lcs_in<'a>(a: &[char], b: &[char], mut prev: &'a mut [u32], mut cur: &'a mut [u32]) -> usize {
    for &x in a {
        for (j, &y) in b.iter().enumerate() {
            cur[j + 1] = if x == y {
                prev[j] + 1
            } else {
                cur[j].max(prev[j + 1])
            };
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()] as usize
}

/// A normalised text prepared for fuzzy comparison.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Fuzzy {
    pub text: String,
    pub chars: Vec<char>,
    sorted: Vec<char>,
}

impl Fuzzy {
    pub fn new(text: String) -> Fuzzy {
        let chars: Vec<char> = text.chars().collect();
        let mut sorted = chars.clone();
        sorted.sort_unstable();
        Fuzzy {
            text,
            chars,
            sorted,
        }
    }

    pub fn len(&self) -> usize {
        self.chars.len()
    }

    pub fn is_empty(&self) -> bool {
        self.chars.is_empty()
    }

    /// Characters the two have in common (counted with repetition): a cheap upper bound of
    /// their longest common subsequence.
    pub fn common(&self, other: &Fuzzy) -> usize {
        let (mut i, mut j, mut n) = (0, 0, 0);
        while i < self.sorted.len() && j < other.sorted.len() {
            match self.sorted[i].cmp(&other.sorted[j]) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    n += 1;
                    i += 1;
                    j += 1;
                }
            }
        }
        n
    }

    /// See [`similarity`].
    pub fn similarity(&self, other: &Fuzzy) -> f64 {
        dice(lcs(&self.chars, &other.chars), self.len(), other.len())
    }

    /// The best similarity this pair could have, without computing it.
    pub fn similarity_bound(&self, other: &Fuzzy) -> f64 {
        dice(self.common(other), self.len(), other.len())
    }
}

fn dice(common: usize, n: usize, m: usize) -> f64 {
    if n + m == 0 {
        1.0
    } else {
        2.0 * common as f64 / (n + m) as f64
    }
}

/// Similarity of two normalised texts in 0..=1 (Dice coefficient over the common subsequence).
pub fn similarity(a: &str, b: &str) -> f64 {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.is_empty() != b.is_empty() {
        return 0.0;
    }
    dice(lcs(&a, &b), a.len(), b.len())
}

/// How much of `fragment` is found, in order, in `label` (0..=1).
pub fn coverage(fragment: &str, label: &str) -> f64 {
    let f: Vec<char> = fragment.chars().collect();
    let l: Vec<char> = label.chars().collect();
    if f.is_empty() {
        return 0.0;
    }
    lcs(&f, &l) as f64 / f.len() as f64
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::normalize_words;

    #[test]
    fn lcs_counts_common_subsequence_and_cuts_only_the_bounded_form() {
        let c = |s: &str| s.chars().collect::<Vec<_>>();
        assert_eq!(lcs(&c("不予公开𠀀"), &c("不予以公开𠀀")), 5);
        assert_eq!(lcs_full(&c("不予公开𠀀"), &c("不予以公开𠀀")), 5);
        assert_eq!(lcs_full(&c(""), &c("公开")), 0);
        let long = c(&"本机关依法公开".repeat(40));
        assert_eq!(lcs(&long, &long), LCS_MAX);
        assert_eq!(lcs_full(&long, &long), long.len());
    }

    #[test]
    fn fuzzy_comparison() {
        let a = normalize_words("其他法律法规禁止公开");
        let b = normalize_words("其他法律行政法规禁止公开");
        assert!(similarity(&a, &b) > 0.85);
        assert_eq!(coverage(&a, &b), 1.0);
        assert!(similarity("总体情况", "主动公开政府信息情况") < 0.5);
    }
}
