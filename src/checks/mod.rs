//! The checks. One file per finding code; each reads the model and returns findings.

mod arithmetic;
mod balance_mismatch;
mod carryover_mismatch;
mod cell_count;
mod copied_text;
mod duplicate_section;
mod empty_cell;
mod invalid_number;
mod missing_column;
mod missing_fee_statement;
mod missing_row;
mod missing_section;
mod missing_table;
mod narrative_mismatch;
mod nonstandard_heading;
mod nonstandard_label;
mod outdated_format;
mod section_order;
mod stray_markup;
mod total_mismatch;
mod unknown_format;
mod year_mismatch;

use crate::code::Code;
use crate::finding::{Finding, Fix, Related, Severity};
use crate::model::summary::Summary;
use crate::model::{Model, TableModel};
use crate::template::{CellRef, FormatSpec};
use crate::voice::{Lang, Voice};
use std::collections::HashMap;
use std::ops::Range;

/// What a check sees.
pub struct Ctx<'a, 't> {
    pub model: &'a Model<'t>,
    pub voice: Voice,
    /// See [`Options::new_report_year`].
    pub new_report_year: Option<i32>,
}

impl<'a, 't> Ctx<'a, 't> {
    pub fn new(model: &'a Model<'t>, voice: Voice) -> Self {
        Ctx {
            model,
            voice,
            new_report_year: None,
        }
    }
}

impl Ctx<'_, '_> {
    pub fn say(&self, zh: impl AsRef<str>, en: impl AsRef<str>) -> String {
        self.voice.say(zh, en)
    }

    /// A finding with the check's default severity.
    pub fn finding(
        &self,
        check: &Check,
        range: Range<usize>,
        message: String,
        fixes: Vec<Fix>,
    ) -> Finding {
        Finding {
            code: check.code,
            severity: check.severity,
            range,
            message,
            fixes,
            related: Vec::new(),
        }
    }

    /// 「（三）不予公开 1.属于国家秘密」·「自然人」, for messages.
    pub fn cell_name(&self, table: &TableModel, c: CellRef) -> String {
        let b = &table.table_spec().blocks[c.block];
        let script = self.model.script;
        let row = b.row_name(c.row, script);
        let col = b.column_name(c.col, script);
        if row.is_empty() {
            format!("「{col}」")
        } else {
            format!("「{row}」·「{col}」")
        }
    }
}

/// What a cross-year check sees: a report and the same organisation's report of the year
/// before, both reduced to their [`Summary`] (see `cross.rs`, which pairs them).
pub struct Pair<'a> {
    /// The report of year N.
    pub cur: &'a Summary,
    /// The report of year N−1.
    pub prev: &'a Summary,
    /// The index of `prev` among the summaries compared, for [`crate::finding::Related::doc`].
    pub prev_doc: usize,
    /// How `cur`'s reader is spoken to.
    pub voice: Voice,
    /// The format `cur` follows, for the names of what is compared and the `[across]` settings.
    pub format: &'a FormatSpec,
}

impl Pair<'_> {
    /// A finding in `cur` with the check's default severity, pointing at `related` in `prev`.
    pub fn finding(
        &self,
        check: &Check,
        range: Range<usize>,
        message: String,
        related: Vec<Related>,
    ) -> Finding {
        Finding {
            code: check.code,
            severity: check.severity,
            range,
            message,
            fixes: Vec::new(),
            related,
        }
    }
}

/// What a check looks at.
pub enum Run {
    /// One report.
    Document(fn(&Ctx) -> Vec<Finding>),
    /// A report against the same organisation's report of the year before.
    AcrossYears(fn(&Pair) -> Vec<Finding>),
}

/// A check: its code, default severity and what it does.
pub struct Check {
    pub code: Code,
    pub severity: Severity,
    pub run: Run,
    /// One line for the README and `--help`.
    pub summary: &'static str,
    pub needs: Needs,
    /// Whether its findings can come with a fix (the README's table says so; a test holds the
    /// checks to it on every fixture).
    pub offers_fix: bool,
}

/// What a check needs of a report to mean anything.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Needs {
    /// The text only.
    Text,
    /// The official format the report follows: its sections and tables.
    Format,
    /// The format and the report's year.
    Year,
}

impl Needs {
    /// Whether a report with this year (if any) gives the check what it needs: a year before
    /// the first official format leaves only the text.
    pub fn met_by(self, model: &Model) -> bool {
        match self {
            Needs::Text => true,
            Needs::Format => !model.before_formats(),
            Needs::Year => model.year.is_some() && !model.before_formats(),
        }
    }
}

/// Every check, in the order of the catalogue.
pub const CHECKS: &[Check] = &[
    unknown_format::CHECK,
    missing_section::CHECK,
    duplicate_section::CHECK,
    section_order::CHECK,
    nonstandard_heading::CHECK,
    missing_table::CHECK,
    missing_row::CHECK,
    missing_column::CHECK,
    cell_count::CHECK,
    nonstandard_label::CHECK,
    empty_cell::CHECK,
    invalid_number::CHECK,
    total_mismatch::CHECK,
    balance_mismatch::CHECK,
    narrative_mismatch::CHECK,
    stray_markup::CHECK,
    missing_fee_statement::CHECK,
    outdated_format::CHECK,
    year_mismatch::CHECK,
    carryover_mismatch::CHECK,
    copied_text::CHECK,
];

/// The check of a code.
pub fn check(code: Code) -> Option<&'static Check> {
    CHECKS.iter().find(|c| c.code == code)
}

/// How to run the checks.
#[derive(Clone, Debug, Default)]
pub struct Options {
    pub lang: Lang,
    /// Severity per code; `None` turns a check off.
    pub severity: HashMap<Code, Option<Severity>>,
    /// The year a report begun today is about (the year before today's), for the template a
    /// blank report is offered; the edges know the date, the core does not.
    pub new_report_year: Option<i32>,
}

impl Options {
    /// Whether the check of `code` runs at all.
    pub fn enabled(&self, code: Code) -> bool {
        !matches!(self.severity.get(&code), Some(None))
    }

    /// A finding with the severity configured for its code, or `None` when its check is off.
    /// Every finding, of one report or across years, goes through here.
    pub fn configure(&self, mut f: Finding) -> Option<Finding> {
        match self.severity.get(&f.code) {
            Some(None) => None,
            Some(Some(s)) => {
                f.severity = *s;
                Some(f)
            }
            None => Some(f),
        }
    }
}

/// Runs every check on a model; findings are sorted by position.
pub fn run(model: &Model, options: &Options) -> Vec<Finding> {
    let mut cx = Ctx::new(
        model,
        Voice {
            lang: options.lang,
            script: model.script,
        },
    );
    cx.new_report_year = options.new_report_year;
    let mut out = Vec::new();
    for c in CHECKS {
        let Run::Document(check) = c.run else {
            continue;
        };
        if !c.needs.met_by(model) {
            continue;
        }
        // A check turned off is not run at all; the others' severities are set in one place.
        if !options.enabled(c.code) {
            continue;
        }
        out.extend(check(&cx).into_iter().filter_map(|f| options.configure(f)));
    }
    crate::finding::sort(&mut out);
    out
}

/// Parses, binds and checks a text.
pub fn check_text(text: &str, options: &Options) -> Vec<Finding> {
    let model = Model::new(text);
    run(&model, options)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_has_one_check_in_catalogue_order() {
        let codes: Vec<Code> = CHECKS.iter().map(|c| c.code).collect();
        assert_eq!(codes, Code::ALL);
        for c in Code::ALL {
            assert_eq!(check(*c).map(|k| k.code), Some(*c));
        }
    }
}

#[cfg(test)]
pub(crate) mod testing {
    //! Helpers for the checks' tests.
    use super::*;

    /// Findings of one code in a text.
    pub fn findings(text: &str, code: Code) -> Vec<Finding> {
        check_text(text, &Options::default())
            .into_iter()
            .filter(|f| f.code == code)
            .collect()
    }

    /// The text with a fix applied.
    pub fn apply(text: &str, fix: &Fix) -> String {
        crate::finding::apply_edits(text, &fix.edits).expect("a fix's edits fit the text")
    }

    /// The 0-based line of a byte offset.
    pub fn line_of(text: &str, offset: usize) -> usize {
        text[..offset].matches('\n').count()
    }

    /// The findings of one code as a reader sees them: `line:column severity[code] message`
    /// (1-based, columns in characters), then each fix with the lines it changes, as they read
    /// after it. For `expect!` tests.
    pub fn render(text: &str, code: Code) -> String {
        let mut out = String::new();
        for f in findings(text, code) {
            out.push_str(&format!(
                "{} {}[{}] {}\n",
                place(text, f.range.start),
                f.severity.as_str(),
                f.code,
                f.message
            ));
            for fix in &f.fixes {
                out.push_str(&format!("  fix: {}\n", fix.title));
                let after = apply(text, fix);
                let (old, new): (Vec<&str>, Vec<&str>) =
                    (text.split('\n').collect(), after.split('\n').collect());
                if old.len() == new.len() {
                    for (i, (a, b)) in old.iter().zip(&new).enumerate() {
                        if a != b {
                            out.push_str(&format!("    {} | {}\n", i + 1, b));
                        }
                    }
                    continue;
                }
                let same_start = old.iter().zip(&new).take_while(|(a, b)| a == b).count();
                let same_end = old
                    .iter()
                    .rev()
                    .zip(new.iter().rev())
                    .take_while(|(a, b)| a == b)
                    .count()
                    .min(old.len().min(new.len()) - same_start);
                for (i, l) in new[same_start..new.len() - same_end].iter().enumerate() {
                    out.push_str(&format!("    {} | {}\n", same_start + i + 1, l));
                }
            }
        }
        out
    }

    /// `line:column` of a byte offset, 1-based, columns in characters.
    fn place(text: &str, offset: usize) -> String {
        let start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
        let col = text[start..offset].chars().count();
        format!("{}:{}", line_of(text, offset) + 1, col + 1)
    }

    /// The cross-year findings of one code for reports checked together, as [`render`] shows
    /// them, each headed by the number of its report, then the places they point at in the
    /// other report.
    pub fn render_across(texts: &[&str], code: Code) -> String {
        let sums: Vec<_> = texts
            .iter()
            .map(|t| crate::cross::summarize(&Model::new(t)))
            .collect();
        let refs: Vec<_> = sums.iter().collect();
        let mut out = String::new();
        for (i, f) in crate::cross::cross_check(&refs, Lang::Chinese) {
            if f.code != code {
                continue;
            }
            out.push_str(&format!(
                "#{i} {} {}[{}] {}\n",
                place(texts[i], f.range.start),
                f.severity.as_str(),
                f.code,
                f.message
            ));
            for r in &f.related {
                let d = r.doc.unwrap_or(i);
                let at = place(texts[d], r.range.start);
                out.push_str(&format!("  related: #{d} {at} {}\n", r.message));
            }
        }
        out
    }

    /// A small clean 2025 report in tab rows, with one 𠀀 in its prose. Tests break it on purpose.
    pub const CLEAN: &str = include_str!("../../tests/fixtures/clean_rows.txt");
}
