//! `section-order`: sections out of the standard order.

use super::{Check, Ctx, Needs, Run};
use crate::code::Code;
use crate::finding::{Finding, Severity};
use crate::text::to_han_ordinal;

pub const CHECK: Check = Check {
    code: Code::SectionOrder,
    severity: Severity::Warning,
    run: Run::Document(run),
    summary: "sections out of the standard order",
    needs: Needs::Format,
    offers_fix: false,
};

/// Positions (indices into `seq`) of one longest strictly increasing subsequence.
fn longest_increasing(seq: &[usize]) -> Vec<usize> {
    let n = seq.len();
    let mut len = vec![1usize; n];
    let mut prev = vec![usize::MAX; n];
    for i in 0..n {
        for j in 0..i {
            if seq[j] < seq[i] && len[j] + 1 > len[i] {
                len[i] = len[j] + 1;
                prev[i] = j;
            }
        }
    }
    let Some(mut i) = (0..n).max_by_key(|&i| (len[i], std::cmp::Reverse(i))) else {
        return Vec::new();
    };
    let mut out = vec![i];
    while prev[i] != usize::MAX {
        i = prev[i];
        out.push(i);
    }
    out.reverse();
    out
}

fn run(cx: &Ctx) -> Vec<Finding> {
    let m = cx.model;
    let hits: Vec<_> = m.sections.iter().filter(|h| !h.duplicate).collect();
    let seq: Vec<usize> = hits.iter().map(|h| h.spec.0).collect();
    let keep = longest_increasing(&seq);
    let mut out = Vec::new();
    for (i, hit) in hits.iter().enumerate() {
        if keep.contains(&i) {
            continue;
        }
        let spec = m.format.section(hit.spec);
        // The section it should follow: the nearest earlier-numbered section in place.
        let after = keep
            .iter()
            .map(|&k| hits[k])
            .filter(|h| h.spec < hit.spec)
            .max_by_key(|h| h.spec);
        let n = to_han_ordinal(spec.number);
        let (zh, en) = match after {
            Some(a) => {
                let an = to_han_ordinal(m.format.section(a.spec).number);
                (
                    format!("第{n}部分的位置不对，应在第{an}部分之后"),
                    format!(
                        "Section {} is out of place; it belongs after section {}",
                        spec.number,
                        m.format.section(a.spec).number
                    ),
                )
            }
            None => (
                format!("第{n}部分的位置不对，应在前面"),
                format!(
                    "Section {} is out of place; it belongs earlier",
                    spec.number
                ),
            ),
        };
        out.push(cx.finding(&CHECK, hit.heading.clone(), cx.say(zh, en), Vec::new()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::longest_increasing;
    use crate::checks::testing::*;
    use crate::code::Code;
    use expect_test::expect;

    #[test]
    fn increasing_subsequence() {
        assert_eq!(longest_increasing(&[0, 1, 3, 2, 4, 5]), [0, 1, 2, 4, 5]);
        assert_eq!(longest_increasing(&[]), Vec::<usize>::new());
    }

    #[test]
    fn fires_on_the_section_out_of_place() {
        // Move section 五 in front of section 二.
        let five = CLEAN.find("五、存在的主要问题").unwrap();
        let six = CLEAN.find("六、其他需要报告").unwrap();
        let two = CLEAN.find("二、主动公开政府信息情况").unwrap();
        let text = format!(
            "{}{}{}{}",
            &CLEAN[..two],
            &CLEAN[five..six],
            &CLEAN[two..five],
            &CLEAN[six..]
        );
        expect![[r#"
            27:1 warning[section-order] 第五部分的位置不对，应在第四部分之后
        "#]]
        .assert_eq(&render(&text, Code::SectionOrder));
    }

    #[test]
    fn does_not_fire_in_order() {
        assert!(findings(CLEAN, Code::SectionOrder).is_empty());
    }
}
