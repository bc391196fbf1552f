//! The template resolved for one format: what the model and the checks read.

use crate::text::{Fuzzy, Script};
use serde::Deserialize;

/// A table of a format: an index into [`FormatSpec::tables`]. The same table (二, 三 or 四) has
/// the same index in every format; its blocks, rows and columns do not.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FormatTable(pub usize);

/// A section of a format: an index into [`FormatSpec::sections`] (一 is 0).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FormatSection(pub usize);

/// A label in both scripts.
#[derive(Clone, Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Label {
    pub hans: String,
    pub hant: String,
}

impl Label {
    pub fn get(&self, script: Script) -> &str {
        match script {
            Script::Hans => &self.hans,
            Script::Hant => &self.hant,
        }
    }
}

/// What a column holds.
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum ValueKind {
    /// A non-negative integer.
    Count,
    /// A non-negative decimal (an amount of money).
    Amount,
    /// An integer that may be negative (a change).
    Signed,
}

/// What may follow a number in a cell.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ValuesSpec {
    /// Every unit word a cell may carry.
    pub units: Vec<String>,
    /// Those an amount of money may carry.
    pub money_units: Vec<String>,
}

/// A day of the year.
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct MonthDay {
    pub month: u32,
    pub day: u32,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NarrativeSettings {
    pub units: Vec<String>,
    pub approximate_before: Vec<String>,
    pub approximate_after: Vec<String>,
    pub negations: Vec<String>,
    #[serde(default)]
    pub set_phrases: Vec<String>,
}

#[derive(Debug)]
pub struct CarryoverSpec {
    pub table: FormatTable,
    pub block: usize,
    pub this_year: usize,
    pub last_year: usize,
}

/// stock(N) = stock(N−1) + Σ plus(N) − Σ minus(N), in one row.
#[derive(Debug)]
pub struct StockSpec {
    pub table: FormatTable,
    pub block: usize,
    pub row: usize,
    pub stock: usize,
    pub plus: Vec<usize>,
    pub minus: Vec<usize>,
}

/// Comparisons of one year with the last.
#[derive(Debug)]
pub struct AcrossSpec {
    pub carryover: Option<CarryoverSpec>,
    pub stock: Option<StockSpec>,
    /// Indices into the format's sections.
    pub copy_sections: Vec<FormatSection>,
    pub copy_min_chars: usize,
    pub copy_similarity: f64,
}

/// A section of the report.
#[derive(Debug)]
pub struct SectionSpec {
    pub key: String,
    /// 1 to 6.
    pub number: u32,
    pub ordinal: String,
    pub title: Label,
    pub variants: Vec<String>,
    pub keywords: Vec<String>,
    pub basis: String,
    pub help: String,
    pub help_en: String,
    /// Index into [`FormatSpec::tables`].
    pub table: Option<FormatTable>,
    pub fee_keywords: Vec<String>,
    pub fee_from_year: Option<i32>,
    /// The fee rules, named when a report does not say whether it charged.
    pub fee_rule: Option<Label>,
    /// The sentence about the fee a new report starts the section with.
    pub fee_sentence: Option<Label>,
    /// Normalised title and variants, for matching.
    pub norm_title: String,
    pub norm_variants: Vec<String>,
    /// The same, title first, prepared for fuzzy comparison.
    pub fuzzy_titles: Vec<Fuzzy>,
}

impl SectionSpec {
    /// The standard heading line, ordinal included.
    pub fn heading(&self, script: Script) -> String {
        format!("{}{}", self.ordinal, self.title.get(script))
    }
}

#[derive(Debug)]
pub struct GroupSpec {
    pub key: String,
    pub label: Label,
    pub parent: Option<usize>,
    pub norm: String,
    /// The article of the Regulations the group rests on, if any.
    pub basis: String,
    pub help: String,
    pub help_en: String,
}

#[derive(Debug)]
pub struct ColumnSpec {
    pub key: String,
    pub label: Label,
    pub kind: ValueKind,
    pub group: Option<usize>,
    pub optional: bool,
    pub variants: Vec<String>,
    pub help: String,
    pub help_en: String,
    pub norm: String,
    pub norm_variants: Vec<String>,
    /// The article of the Regulations the column rests on, if any.
    pub basis: String,
}

#[derive(Debug)]
pub struct RowSpec {
    pub key: String,
    pub ordinal: Option<String>,
    pub label: Label,
    pub parent: Option<usize>,
    /// False for heading rows such as （三）不予公开 that carry no numbers.
    pub values: bool,
    pub variants: Vec<String>,
    pub basis: String,
    pub help: String,
    pub help_en: String,
    pub norm: String,
    pub norm_variants: Vec<String>,
    /// The label and variants prepared for fuzzy matching.
    pub fuzzy: Vec<Fuzzy>,
    /// The value of the ordinal (（三） → 3).
    pub ordinal_value: Option<u32>,
}

impl RowSpec {
    /// The label with its ordinal, as printed in the standard table.
    pub fn full_label(&self, script: Script) -> String {
        format!(
            "{}{}",
            self.ordinal.as_deref().unwrap_or(""),
            self.label.get(script)
        )
    }
}

#[derive(Debug)]
pub struct BlockSpec {
    pub key: String,
    pub title: Option<Label>,
    pub corner: Option<Label>,
    pub notes: Vec<Label>,
    pub groups: Vec<GroupSpec>,
    pub columns: Vec<ColumnSpec>,
    pub rows: Vec<RowSpec>,
}

impl BlockSpec {
    /// Indices of the rows that carry numbers.
    pub fn data_rows(&self) -> impl Iterator<Item = usize> + '_ {
        self.rows
            .iter()
            .enumerate()
            .filter(|(_, r)| r.values)
            .map(|(i, _)| i)
    }

    /// The group labels of a column, outermost first.
    pub fn column_path(&self, col: usize) -> Vec<&GroupSpec> {
        let mut path = Vec::new();
        let mut g = self.columns[col].group;
        while let Some(i) = g {
            path.push(&self.groups[i]);
            g = self.groups[i].parent;
        }
        path.reverse();
        path
    }

    /// The column's name with its groups, e.g. 「行政诉讼·复议后起诉·总计」.
    pub fn column_name(&self, col: usize, script: Script) -> String {
        let mut parts: Vec<&str> = self
            .column_path(col)
            .iter()
            .map(|g| g.label.get(script))
            .collect();
        parts.push(self.columns[col].label.get(script));
        parts.join("·")
    }

    /// The labels of a row's parents, outermost first.
    pub fn row_path(&self, row: usize) -> Vec<&RowSpec> {
        let mut path = Vec::new();
        let mut p = self.rows[row].parent;
        while let Some(i) = p {
            path.push(&self.rows[i]);
            p = self.rows[i].parent;
        }
        path.reverse();
        path
    }

    /// The row's name for messages, e.g. 「（三）不予公开 1.属于国家秘密」.
    pub fn row_name(&self, row: usize, script: Script) -> String {
        let r = &self.rows[row];
        if r.label.get(script).is_empty() {
            return String::new();
        }
        let mut name = String::new();
        for p in self.row_path(row) {
            // The top heading row (三、本年度办理结果) adds nothing a clerk needs.
            if p.parent.is_some() {
                name.push_str(&p.full_label(script));
                name.push(' ');
            }
        }
        name.push_str(&r.full_label(script));
        name
    }
}

#[derive(Debug)]
pub struct TableSpec {
    pub key: String,
    /// Index into [`FormatSpec::sections`].
    pub section: FormatSection,
    pub blocks: Vec<BlockSpec>,
}

/// A cell of a table: block, row and column indices.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CellRef {
    pub block: usize,
    pub row: usize,
    pub col: usize,
}

/// One arithmetic relation, for every row or every column of a table.
#[derive(Debug)]
pub enum RuleKind {
    /// total = Σ parts.
    Sum { total: usize, parts: Vec<usize> },
    /// Σ left = Σ right.
    Balance { left: Vec<usize>, right: Vec<usize> },
}

#[derive(Debug)]
pub struct RuleSpec {
    pub id: String,
    pub table: FormatTable,
    pub block: usize,
    /// True: indices are columns, applied in each data row. False: rows, in each column.
    pub each_row: bool,
    pub kind: RuleKind,
}

/// A table cell named in a narrative statement.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TableCell {
    pub table: FormatTable,
    pub cell: CellRef,
}

/// A kind of statement in the prose and the cells it speaks of (see the template's comments).
#[derive(Debug)]
pub struct NarrativeSpec {
    pub key: String,
    /// Word groups, normalised.
    pub clause: Vec<Vec<String>>,
    pub sentence: Vec<Vec<String>>,
    pub exclude: Vec<String>,
    pub topic: Vec<String>,
    pub rivals: Vec<String>,
    pub cells: Vec<TableCell>,
    pub with_words: Vec<String>,
    pub with: Vec<TableCell>,
    pub zero: bool,
    pub units: Vec<String>,
}

/// The template of one format (2021 or 2019).
#[derive(Debug)]
pub struct FormatSpec {
    pub id: String,
    pub first_year: i32,
    pub last_year: Option<i32>,
    pub notice: Label,
    pub sections: Vec<SectionSpec>,
    pub tables: Vec<TableSpec>,
    pub rules: Vec<RuleSpec>,
    pub narratives: Vec<NarrativeSpec>,
    pub narrative_settings: NarrativeSettings,
    /// The first word group of every narrative, in one automaton: pattern `k` is
    /// `narrative_words[k]` = (narrative index, word).
    pub narrative_finder: aho_corasick::AhoCorasick,
    pub narrative_words: Vec<(usize, String)>,
    pub across: AcrossSpec,
    /// Labels of older formats that this one no longer has (「规范性文件」, 「本年新制作数量」):
    /// seen in a report of this format, they show an old table.
    pub retired: Vec<RetiredLabel>,
}

/// A row or column label, or a block title, of an older format that a newer one dropped.
#[derive(Clone, Debug)]
pub struct RetiredLabel {
    /// Normalised words, for matching.
    pub norm: String,
    pub label: Label,
    /// The table it belongs to (the same table in every format).
    pub table: FormatTable,
    /// The format it belongs to.
    pub format: String,
    /// The newer format's label for the same thing, when there is one (行政规范性文件).
    pub replaced_by: Option<Label>,
}

impl FormatSpec {
    pub fn table(&self, t: FormatTable) -> &TableSpec {
        &self.tables[t.0]
    }

    pub fn section(&self, s: FormatSection) -> &SectionSpec {
        &self.sections[s.0]
    }

    /// The sections with their ids, in the standard order.
    pub fn sections_with_ids(&self) -> impl Iterator<Item = (FormatSection, &SectionSpec)> {
        self.sections
            .iter()
            .enumerate()
            .map(|(i, s)| (FormatSection(i), s))
    }

    /// The tables with their ids.
    pub fn tables_with_ids(&self) -> impl Iterator<Item = (FormatTable, &TableSpec)> {
        self.tables
            .iter()
            .enumerate()
            .map(|(i, t)| (FormatTable(i), t))
    }

    pub fn section_table(&self, section: FormatSection) -> Option<&TableSpec> {
        self.section(section).table.map(|t| self.table(t))
    }
}

/// The report as a whole, whatever its format.
#[derive(Debug)]
pub struct ReportSpec {
    /// The title after the organisation and the year.
    pub title: Label,
    /// Normalised words that mark the title line.
    pub title_marker: String,
    /// Normalised words of a title line without the marker.
    pub title_words: Vec<String>,
    /// Normalised words of the line that states the statistics period.
    pub period_words: Vec<String>,
    pub period_start: MonthDay,
    pub period_end: MonthDay,
}

/// All formats.
#[derive(Debug)]
pub struct Template {
    pub formats: Vec<FormatSpec>,
    pub report: ReportSpec,
    pub values: ValuesSpec,
}
