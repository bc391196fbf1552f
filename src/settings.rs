//! What a client's configuration says: a severity per finding code and the language of
//! messages, read from the JSON the language server receives (`initializationOptions` and
//! `workspace/didChangeConfiguration`, where VS Code's `nianbao.*` settings arrive):
//!
//! ```json
//! { "severity": { "missing-fee-statement": "off", "section-order": "error" }, "language": "zh" }
//! ```
//!
//! also nested under `"nianbao"`. A misspelt code must not be ignored in silence (the setting
//! would seem to do nothing), so what is not understood comes back as [`Problem`]s, with
//! messages, for the edge to show.

use crate::code::Code;
use crate::finding::Severity;
use crate::text::Script;
use crate::voice::{Lang, Voice};
use serde_json::Value;
use std::collections::HashMap;

/// The `language` setting.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Language {
    Chinese,
    English,
    /// The client's locale decides.
    Auto,
}

/// What a configuration sets; `None` where it says nothing (the current value stays).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Settings {
    /// Severity per code; `None` turns a check off. A `severity` object replaces the whole map.
    pub severity: Option<HashMap<Code, Option<Severity>>>,
    pub language: Option<Language>,
}

/// Something in the configuration that was not understood, and so left out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    /// A key of `severity` that is no finding code, with the code it probably meant.
    UnknownCode {
        code: String,
        suggestion: Option<Code>,
    },
    /// A severity that is not `error`, `warning`, `information`, `hint` or `off`.
    UnknownSeverity { code: Code, value: String },
    /// A `language` other than `zh`, `en` or `auto`.
    UnknownLanguage(String),
}

impl Problem {
    /// The message for the user (the configuration has no script of its own: simplified).
    pub fn message(&self, lang: Lang) -> String {
        let v = Voice::new(lang, Script::Hans);
        match self {
            Problem::UnknownCode {
                code,
                suggestion: Some(s),
            } => v.say(
                format!("设置 severity 中的代码“{code}”不存在，已忽略；是否指“{s}”？"),
                format!("Unknown code “{code}” in the severity setting, ignored; did you mean “{s}”?"),
            ),
            Problem::UnknownCode {
                code,
                suggestion: None,
            } => v.say(
                format!("设置 severity 中的代码“{code}”不存在，已忽略"),
                format!("Unknown code “{code}” in the severity setting, ignored"),
            ),
            Problem::UnknownSeverity { code, value } => v.say(
                format!(
                    "设置 severity 中“{code}”的级别“{value}”无法识别，已忽略（可用 error、warning、information、hint、off）"
                ),
                format!(
                    "Unknown severity “{value}” for “{code}”, ignored (use error, warning, information, hint or off)"
                ),
            ),
            Problem::UnknownLanguage(value) => v.say(
                format!("设置 language 的值“{value}”无法识别，已忽略（可用 zh、en、auto）"),
                format!("Unknown language “{value}”, ignored (use zh, en or auto)"),
            ),
        }
    }
}

/// Reads a configuration. Never fails: what is not understood is left out and reported.
pub fn read(v: &Value) -> (Settings, Vec<Problem>) {
    let v = v.get("nianbao").unwrap_or(v);
    let mut settings = Settings::default();
    let mut problems = Vec::new();
    if let Some(map) = v.get("severity").and_then(Value::as_object) {
        let mut severity = HashMap::new();
        for (key, value) in map {
            let Some(code) = Code::parse(key) else {
                problems.push(Problem::UnknownCode {
                    code: key.clone(),
                    suggestion: nearest_code(key),
                });
                continue;
            };
            let sev = match value.as_str() {
                Some("off" | "none") => None,
                Some(s) if Severity::parse(s).is_some() => Severity::parse(s),
                _ => {
                    problems.push(Problem::UnknownSeverity {
                        code,
                        value: value
                            .as_str()
                            .map_or_else(|| value.to_string(), String::from),
                    });
                    continue;
                }
            };
            severity.insert(code, sev);
        }
        settings.severity = Some(severity);
    }
    match v.get("language") {
        None | Some(Value::Null) => {}
        Some(l) => match l.as_str() {
            Some("zh") => settings.language = Some(Language::Chinese),
            Some("en") => settings.language = Some(Language::English),
            Some("auto") => settings.language = Some(Language::Auto),
            other => problems.push(Problem::UnknownLanguage(
                other.map_or_else(|| l.to_string(), String::from),
            )),
        },
    }
    (settings, problems)
}

/// The code a misspelling most likely meant: `_` for `-`, case, or at most two characters off.
fn nearest_code(s: &str) -> Option<Code> {
    let folded = s.trim().to_ascii_lowercase().replace(['_', ' '], "-");
    Code::ALL
        .iter()
        .map(|c| (edit_distance(&folded, c.as_str()), *c))
        .filter(|(d, _)| *d <= 2)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// Levenshtein distance in characters (codes are short).
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;
    use expect_test::expect;
    use serde_json::json;

    fn shown(v: Value, lang: Lang) -> String {
        read(&v).1.iter().map(|p| p.message(lang) + "\n").collect()
    }

    #[test]
    fn severities_by_code_and_the_language() {
        let (s, problems) = read(&json!({"nianbao": {
            "severity": {"stray-markup": "off", "section-order": "error", "empty-cell": "info"},
            "language": "en"
        }}));
        assert!(problems.is_empty(), "{problems:?}");
        let sev = s.severity.unwrap();
        assert_eq!(sev.len(), 3);
        assert_eq!(sev[&Code::StrayMarkup], None);
        assert_eq!(sev[&Code::SectionOrder], Some(Severity::Error));
        assert_eq!(sev[&Code::EmptyCell], Some(Severity::Information));
        assert_eq!(s.language, Some(Language::English));
        // Nothing said, nothing changed; an empty map clears the severities.
        assert_eq!(read(&json!({})), (Settings::default(), Vec::new()));
        assert_eq!(
            read(&json!({"severity": {}})).0.severity,
            Some(HashMap::new())
        );
    }

    #[test]
    fn unknown_codes_are_reported_with_the_code_they_probably_meant() {
        let v =
            json!({"severity": {"total_mismatch": "off", "bogus": "off", "copied-txt": "hint"}});
        let (s, problems) = read(&v);
        assert!(s.severity.unwrap().is_empty());
        assert_eq!(problems.len(), 3);
        expect![[r#"
            设置 severity 中的代码“bogus”不存在，已忽略
            设置 severity 中的代码“copied-txt”不存在，已忽略；是否指“copied-text”？
            设置 severity 中的代码“total_mismatch”不存在，已忽略；是否指“total-mismatch”？
        "#]]
        .assert_eq(&shown(v.clone(), Lang::Chinese));
        expect![[r#"
            Unknown code “bogus” in the severity setting, ignored
            Unknown code “copied-txt” in the severity setting, ignored; did you mean “copied-text”?
            Unknown code “total_mismatch” in the severity setting, ignored; did you mean “total-mismatch”?
        "#]]
        .assert_eq(&shown(v, Lang::English));
    }

    #[test]
    fn unknown_severities_and_languages_are_reported() {
        let v = json!({"severity": {"empty-cell": "loud", "section-order": 3}, "language": "fr"});
        let (s, _) = read(&v);
        assert!(s.severity.unwrap().is_empty());
        assert_eq!(s.language, None);
        expect![[r#"
            设置 severity 中“empty-cell”的级别“loud”无法识别，已忽略（可用 error、warning、information、hint、off）
            设置 severity 中“section-order”的级别“3”无法识别，已忽略（可用 error、warning、information、hint、off）
            设置 language 的值“fr”无法识别，已忽略（可用 zh、en、auto）
        "#]]
        .assert_eq(&shown(v, Lang::Chinese));
    }

    #[test]
    fn every_code_is_its_own_nearest() {
        for c in Code::ALL {
            assert_eq!(nearest_code(c.as_str()), Some(*c));
            assert_eq!(
                nearest_code(&c.as_str().to_uppercase().replace('-', "_")),
                Some(*c)
            );
        }
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
    }
}
