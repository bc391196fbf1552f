//! The one place that decides how the reader is spoken to: in Chinese, in the report's own
//! script, or in English. Checks, editor features, the rendered tables and the edges' own
//! messages all go through [`Voice`].

use crate::text::{Script, to_hant};

/// The language of messages.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Lang {
    /// Chinese in the document's script.
    #[default]
    Chinese,
    English,
}

/// How messages are written for one document.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Voice {
    pub lang: Lang,
    pub script: Script,
}

impl Voice {
    pub fn new(lang: Lang, script: Script) -> Voice {
        Voice { lang, script }
    }

    /// Picks the Chinese (written in simplified characters, converted for a traditional-script
    /// document) or the English text. Labels interpolated into `zh` must already be in the
    /// document's script; the conversion leaves traditional characters alone.
    pub fn say(&self, zh: impl AsRef<str>, en: impl AsRef<str>) -> String {
        match (self.lang, self.script) {
            (Lang::English, _) => en.as_ref().to_string(),
            (Lang::Chinese, Script::Hans) => zh.as_ref().to_string(),
            (Lang::Chinese, Script::Hant) => to_hant(zh.as_ref()),
        }
    }

    /// One of the edges' own phrases, from [`phrase`].
    pub fn phrase(&self, p: phrase::Phrase) -> String {
        self.say(p.0, p.1)
    }

    /// A help text of the template: its English form where it has one, else the Chinese.
    pub fn help(&self, zh: &str, en: &str) -> String {
        if en.is_empty() {
            Voice {
                lang: Lang::Chinese,
                ..*self
            }
            .say(zh, en)
        } else {
            self.say(zh, en)
        }
    }
}

/// The phrases the editor features and edges say beside the checks' own messages, in one place
/// so that every edge words them alike: (Chinese, English).
pub mod phrase {
    pub type Phrase = (&'static str, &'static str);
    pub const RECOMPUTE_TOTALS: Phrase = (
        "按各项重新计算合计",
        "Recompute the totals from their parts",
    );
    pub const FIX_ALL: Phrase = ("修复所有可安全修复的问题", "Fix all safe problems");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_in_the_script_of_the_report_or_english() {
        let hans = Voice::new(Lang::Chinese, Script::Hans);
        let hant = Voice::new(Lang::Chinese, Script::Hant);
        let en = Voice::new(Lang::English, Script::Hant);
        assert_eq!(hans.say("合计应为𠀀28", "x"), "合计应为𠀀28");
        assert_eq!(hant.say("合计应为𠀀28", "x"), "合計應為𠀀28");
        assert_eq!(en.say("合计", String::from("total")), "total");
        // Help without English stays Chinese, in the report's script.
        assert_eq!(en.help("处理费", ""), "處理費");
        assert_eq!(en.help("处理费", "fee"), "fee");
    }
}
