//! What checks produce: findings with byte ranges, messages and fixes as text edits.

use std::ops::Range;

/// How serious a finding is; only errors and warnings count as problems.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
    Information,
    Hint,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Information => "information",
            Severity::Hint => "hint",
        }
    }

    pub fn parse(s: &str) -> Option<Severity> {
        match s {
            "error" => Some(Severity::Error),
            "warning" => Some(Severity::Warning),
            "information" | "info" => Some(Severity::Information),
            "hint" => Some(Severity::Hint),
            _ => None,
        }
    }
}

/// Replace the bytes of `range` with `new_text`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edit {
    pub range: Range<usize>,
    pub new_text: String,
}

impl Edit {
    /// The edit that turns `old` (at `start`) into `new`, with the characters both keep at
    /// their ends left out: the smallest change that does the same.
    pub fn narrowed(start: usize, old: &str, new: &str) -> Edit {
        let prefix: usize = old
            .chars()
            .zip(new.chars())
            .take_while(|(a, b)| a == b)
            .map(|(a, _)| a.len_utf8())
            .sum();
        let suffix: usize = old[prefix..]
            .chars()
            .rev()
            .zip(new[prefix..].chars().rev())
            .take_while(|(a, b)| a == b)
            .map(|(a, _)| a.len_utf8())
            .sum();
        Edit {
            range: start + prefix..start + old.len() - suffix,
            new_text: new[prefix..new.len() - suffix].to_string(),
        }
    }
}

/// The text with `edits` applied, or None when an edit lies outside the text, off a character
/// boundary, or overlaps another (the edits of one fix, or of "fix all", never do).
pub fn apply_edits(text: &str, edits: &[Edit]) -> Option<String> {
    let mut sorted: Vec<&Edit> = edits.iter().collect();
    sorted.sort_by_key(|e| (e.range.start, e.range.end));
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for e in sorted {
        if e.range.start < at || e.range.start > e.range.end {
            return None;
        }
        out.push_str(text.get(at..e.range.start)?);
        text.get(e.range.clone())?;
        out.push_str(&e.new_text);
        at = e.range.end;
    }
    out.push_str(text.get(at..)?);
    Some(out)
}

/// One way to fix a finding.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fix {
    pub title: String,
    pub edits: Vec<Edit>,
    /// Safe fixes change nothing a clerk has to judge (wording, width, markup); the editor's
    /// "fix all" applies only these.
    pub safe: bool,
}

/// Another place that explains a finding.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Related {
    pub range: Range<usize>,
    pub message: String,
    /// Another report (an index into the reports checked together), or `None` for the same one.
    pub doc: Option<usize>,
}

/// A problem found in a report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub code: crate::code::Code,
    pub severity: Severity,
    /// UTF-8 byte range in the text.
    pub range: Range<usize>,
    pub message: String,
    pub fixes: Vec<Fix>,
    pub related: Vec<Related>,
}

/// Sorts findings as both edges show them: by position, then by code.
pub fn sort(findings: &mut [Finding]) {
    findings.sort_by(|a, b| {
        (a.range.start, a.range.end, a.code.as_str()).cmp(&(
            b.range.start,
            b.range.end,
            b.code.as_str(),
        ))
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edit(range: Range<usize>, new_text: &str) -> Edit {
        Edit {
            range,
            new_text: new_text.to_string(),
        }
    }

    #[test]
    fn edits_apply_in_text_order_whatever_their_order_in_the_list() {
        // 「总计𠀀17」: 总计 is 6 bytes, 𠀀 4.
        let text = "总计𠀀17";
        let edits = [edit(10..12, "18"), edit(0..6, "合计"), edit(6..6, "：")];
        assert_eq!(apply_edits(text, &edits).as_deref(), Some("合计：𠀀18"));
    }

    #[test]
    fn edits_that_do_not_fit_are_refused() {
        let text = "总计𠀀17";
        // Inside 𠀀, past the end, overlapping, backwards.
        assert_eq!(apply_edits(text, &[edit(7..8, "")]), None);
        assert_eq!(apply_edits(text, &[edit(12..13, "")]), None);
        assert_eq!(apply_edits(text, &[edit(0..6, ""), edit(3..10, "")]), None);
        let backwards = Range { start: 6, end: 3 };
        assert_eq!(apply_edits(text, &[edit(backwards, "")]), None);
        assert_eq!(apply_edits(text, &[]).as_deref(), Some(text));
    }
}
