//! The template file as written: the shape of `template.toml`. Every struct refuses keys it does
//! not know, so a misspelt key is an error, not a silent default.

use super::spec::{Label, MonthDay, NarrativeSettings, ValueKind, ValuesSpec};
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawTemplate {
    pub(super) format: Vec<RawFormat>,
    pub(super) section: Vec<RawSection>,
    pub(super) table: Vec<RawTable>,
    pub(super) rule: Vec<RawRule>,
    #[serde(default)]
    pub(super) narrative: Vec<RawNarrative>,
    pub(super) narrative_settings: NarrativeSettings,
    pub(super) across: RawAcross,
    pub(super) report: RawReport,
    pub(super) values: ValuesSpec,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawReport {
    pub(super) title: Label,
    pub(super) title_marker: String,
    pub(super) title_words: Vec<String>,
    pub(super) period_words: Vec<String>,
    pub(super) period_start: MonthDay,
    pub(super) period_end: MonthDay,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawCarryover {
    pub(super) table: String,
    pub(super) this_year: String,
    pub(super) last_year: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawStock {
    pub(super) table: String,
    pub(super) row: String,
    pub(super) stock: String,
    #[serde(default)]
    pub(super) plus: Vec<String>,
    #[serde(default)]
    pub(super) minus: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawAcross {
    pub(super) carryover: RawCarryover,
    pub(super) stock: RawStock,
    pub(super) copy_sections: Vec<String>,
    pub(super) copy_min_chars: usize,
    pub(super) copy_similarity: f64,
}

/// Row `this_year` of year N repeats row `last_year` of year N−1 (block 0 of `table`).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawCell {
    pub(super) table: String,
    pub(super) row: String,
    pub(super) column: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawNarrative {
    pub(super) key: String,
    #[serde(default)]
    pub(super) clause: Vec<Vec<String>>,
    #[serde(default)]
    pub(super) sentence: Vec<Vec<String>>,
    #[serde(default)]
    pub(super) exclude: Vec<String>,
    #[serde(default)]
    pub(super) topic: Vec<String>,
    #[serde(default)]
    pub(super) rivals: Vec<String>,
    #[serde(default)]
    pub(super) cells: Vec<RawCell>,
    #[serde(default)]
    pub(super) with_words: Vec<String>,
    #[serde(default)]
    pub(super) with: Vec<RawCell>,
    #[serde(default)]
    pub(super) zero: bool,
    pub(super) units: Option<Vec<String>>,
}

/// Words that frame figures in prose.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawFormat {
    pub(super) id: String,
    pub(super) first_year: i32,
    pub(super) last_year: Option<i32>,
    pub(super) notice: Label,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawSection {
    pub(super) key: String,
    pub(super) ordinal: String,
    pub(super) title: Label,
    #[serde(default)]
    pub(super) variants: Vec<String>,
    #[serde(default)]
    pub(super) keywords: Vec<String>,
    #[serde(default)]
    pub(super) basis: String,
    #[serde(default)]
    pub(super) help: String,
    #[serde(default)]
    pub(super) help_en: String,
    pub(super) table: Option<String>,
    #[serde(default)]
    pub(super) fee_keywords: Vec<String>,
    pub(super) fee_from_year: Option<i32>,
    pub(super) fee_rule: Option<Label>,
    pub(super) fee_sentence: Option<Label>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawTable {
    pub(super) key: String,
    pub(super) section: String,
    pub(super) block: Vec<RawBlock>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawBlock {
    pub(super) key: String,
    pub(super) formats: Option<Vec<String>>,
    pub(super) title: Option<Label>,
    pub(super) corner: Option<Label>,
    #[serde(default)]
    pub(super) notes: Vec<Label>,
    #[serde(default)]
    pub(super) group: Vec<RawGroup>,
    pub(super) column: Vec<RawColumn>,
    pub(super) row: Vec<RawRow>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawGroup {
    pub(super) key: String,
    pub(super) label: Label,
    pub(super) parent: Option<String>,
    #[serde(default)]
    pub(super) basis: String,
    #[serde(default)]
    pub(super) help: String,
    #[serde(default)]
    pub(super) help_en: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawColumn {
    pub(super) key: String,
    pub(super) label: Label,
    pub(super) kind: ValueKind,
    pub(super) group: Option<String>,
    pub(super) formats: Option<Vec<String>>,
    #[serde(default)]
    pub(super) optional: bool,
    #[serde(default)]
    pub(super) variants: Vec<String>,
    #[serde(default)]
    pub(super) basis: String,
    #[serde(default)]
    pub(super) help: String,
    #[serde(default)]
    pub(super) help_en: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawRow {
    pub(super) key: String,
    pub(super) ordinal: Option<String>,
    pub(super) label: Label,
    pub(super) parent: Option<String>,
    pub(super) formats: Option<Vec<String>>,
    /// In an older format: the key of the row a newer format has instead.
    pub(super) replaced_by: Option<String>,
    #[serde(default = "yes")]
    pub(super) values: bool,
    #[serde(default)]
    pub(super) variants: Vec<String>,
    #[serde(default)]
    pub(super) basis: String,
    #[serde(default)]
    pub(super) help: String,
    #[serde(default)]
    pub(super) help_en: String,
}

pub(super) fn yes() -> bool {
    true
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawRule {
    pub(super) id: String,
    pub(super) table: String,
    pub(super) kind: RawRuleKind,
    pub(super) each: Each,
    pub(super) total: Option<String>,
    #[serde(default)]
    pub(super) parts: Vec<String>,
    #[serde(default)]
    pub(super) left: Vec<String>,
    #[serde(default)]
    pub(super) right: Vec<String>,
}

/// What a rule states.
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub(super) enum RawRuleKind {
    /// total = Σ parts.
    Sum,
    /// Σ left = Σ right.
    Balance,
}

/// What a rule runs along.
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub(super) enum Each {
    /// In every data row, between columns.
    Row,
    /// In every column, between rows.
    Column,
}
