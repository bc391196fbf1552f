//! What checks produce: findings with byte ranges, messages and fixes as text edits.

use crate::text::{Script, to_hant};
use serde::Serialize;
use std::ops::Range;

/// How serious a finding is; only errors and warnings count as problems.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
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
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Edit {
    pub range: Range<usize>,
    pub new_text: String,
}

/// One way to fix a finding.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Fix {
    pub title: String,
    pub edits: Vec<Edit>,
    /// Safe fixes change nothing a clerk has to judge (wording, width, markup); the editor's
    /// "fix all" applies only these.
    pub safe: bool,
}

/// Another place that explains a finding.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Related {
    pub range: Range<usize>,
    pub message: String,
    /// Another report (an index into the reports checked together), or `None` for the same one.
    pub doc: Option<usize>,
}

/// A problem found in a report.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub code: &'static str,
    pub severity: Severity,
    /// UTF-8 byte range in the text.
    pub range: Range<usize>,
    pub message: String,
    pub fixes: Vec<Fix>,
    pub related: Vec<Related>,
}

/// The language of messages.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Lang {
    /// Chinese in the document's script.
    #[default]
    Chinese,
    English,
}

/// How messages are written for one document.
#[derive(Clone, Copy, Debug)]
pub struct Voice {
    pub lang: Lang,
    pub script: Script,
}

impl Voice {
    /// Picks the Chinese (written in simplified characters, converted for a traditional-script
    /// document) or the English text. Labels interpolated into `zh` must already be in the
    /// document's script; the conversion leaves traditional characters alone.
    pub fn say(&self, zh: String, en: String) -> String {
        match (self.lang, self.script) {
            (Lang::English, _) => en,
            (Lang::Chinese, Script::Hans) => zh,
            (Lang::Chinese, Script::Hant) => to_hant(&zh),
        }
    }
}
