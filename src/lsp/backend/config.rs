//! The settings a client can change (severities, language, the check-on-save size), read from
//! `initializationOptions` and `didChangeConfiguration`.

use crate::checks::Options;
use crate::voice::Lang;
use serde_json::Value;

/// Settings a client can change.
#[derive(Clone, Debug, Default)]
pub struct Config {
    pub options: Options,
    /// Whether the language was set explicitly (it then wins over the client's locale).
    pub lang_set: bool,
    /// Documents larger than this are checked on save (see `large.rs`); `None`: the default.
    pub check_on_save_above: Option<usize>,
}

impl Config {
    /// Takes what a configuration sets (see [`crate::settings`]); returns what it did not
    /// understand, for the user to be told.
    pub fn apply(&mut self, v: &Value) -> Vec<crate::settings::Problem> {
        use crate::settings::Language;
        if let Some(n) = crate::lsp::large::setting(v) {
            self.check_on_save_above = Some(n);
        }
        let (settings, problems) = crate::settings::read(v);
        if let Some(severity) = settings.severity {
            self.options.severity = severity;
        }
        match settings.language {
            Some(Language::English) => {
                self.options.lang = Lang::English;
                self.lang_set = true;
            }
            Some(Language::Chinese) => {
                self.options.lang = Lang::Chinese;
                self.lang_set = true;
            }
            Some(Language::Auto) => self.lang_set = false,
            None => {}
        }
        problems
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Severity;

    #[test]
    fn configuration_shapes() {
        let mut c = Config::default();
        let problems = c.apply(&serde_json::json!({"nianbao": {"severity": {"stray-markup": "off", "section-order": "error", "bogus": "off", "empty-cell": "loud"}, "language": "en"}}));
        // Both are told, not ignored.
        assert_eq!(problems.len(), 2, "{problems:?}");
        use crate::code::Code;
        assert_eq!(c.options.severity.get(&Code::StrayMarkup), Some(&None));
        assert_eq!(
            c.options.severity.get(&Code::SectionOrder),
            Some(&Some(Severity::Error))
        );
        // The unknown code and the unknown severity are left out.
        assert_eq!(c.options.severity.len(), 2);
        assert_eq!(c.options.lang, Lang::English);
        c.apply(&serde_json::json!({"severity": {}}));
        assert!(c.options.severity.is_empty());
    }
}
