//! The official template, loaded from `template/template.toml` (embedded at build time) and
//! resolved per format. Checks read labels, rows, columns and rules only from here.
//!
//! `schema.rs` is the file as written (it refuses unknown keys), `spec.rs` the template of one
//! format as the rest of the crate reads it, and `resolve.rs` turns the one into the other.

mod resolve;
mod schema;
mod spec;

pub use spec::*;

use crate::text::normalize;
use std::fmt;
use std::sync::OnceLock;

const TEMPLATE_TOML: &str = include_str!("../../template/template.toml");

/// Why template data could not be used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TemplateError {
    /// Not TOML, or not the template's shape: an unknown or missing key, a value of the wrong
    /// type. The text says where.
    Syntax(String),
    /// A key that names nothing: a `what` (table, row, column, section, group) called `key`,
    /// named `within` some element.
    Unknown {
        what: &'static str,
        key: String,
        within: String,
    },
    /// Something the template must have is missing or incoherent.
    Invalid(String),
}

impl fmt::Display for TemplateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TemplateError::Syntax(e) => write!(f, "template.toml: {e}"),
            TemplateError::Unknown { what, key, within } => {
                write!(
                    f,
                    "template.toml: {within} names the {what} {key:?}, which does not exist"
                )
            }
            TemplateError::Invalid(e) => write!(f, "template.toml: {e}"),
        }
    }
}

impl std::error::Error for TemplateError {}

impl Template {
    /// The embedded template. Its validity is proven by the tests of this module.
    pub fn get() -> &'static Template {
        static T: OnceLock<Template> = OnceLock::new();
        T.get_or_init(|| {
            Template::parse(TEMPLATE_TOML).unwrap_or_else(|e| panic!("embedded template: {e}"))
        })
    }

    /// The format for a report year; the newest format when the year is unknown.
    pub fn for_year(&self, year: Option<i32>) -> &FormatSpec {
        let newest = self
            .formats
            .iter()
            .max_by_key(|f| f.first_year)
            .expect("the template has formats");
        let Some(year) = year else { return newest };
        self.formats
            .iter()
            .find(|f| year >= f.first_year && f.last_year.is_none_or(|l| year <= l))
            .unwrap_or(if year < newest.first_year {
                self.formats
                    .iter()
                    .min_by_key(|f| f.first_year)
                    .unwrap_or(newest)
            } else {
                newest
            })
    }

    pub fn format(&self, id: &str) -> Option<&FormatSpec> {
        self.formats.iter().find(|f| f.id == id)
    }

    /// Parses and resolves template data.
    pub fn parse(toml_text: &str) -> Result<Template, TemplateError> {
        let raw: schema::RawTemplate =
            toml::from_str(toml_text).map_err(|e| TemplateError::Syntax(e.to_string()))?;
        resolve::check_references(&raw)?;
        let mut formats = raw
            .format
            .iter()
            .map(|f| resolve::format(&raw, f))
            .collect::<Result<Vec<_>, _>>()?;
        resolve::retired_labels(&raw, &mut formats)?;
        if formats.is_empty() {
            return Err(TemplateError::Invalid("no format".into()));
        }
        let report = ReportSpec {
            title: raw.report.title.clone(),
            title_marker: normalize(&raw.report.title_marker),
            title_words: raw
                .report
                .title_words
                .iter()
                .map(|w| normalize(w))
                .collect(),
            period_words: raw
                .report
                .period_words
                .iter()
                .map(|w| normalize(w))
                .collect(),
            period_start: raw.report.period_start,
            period_end: raw.report.period_end,
        };
        if report.title_marker.is_empty()
            || !normalize(&report.title.hans).contains(&report.title_marker)
        {
            return Err(TemplateError::Invalid(
                "report: the title must contain its marker".into(),
            ));
        }
        Ok(Template {
            formats,
            report,
            values: raw.values.clone(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Script;

    /// The embedded template with one text replaced (the first occurrence).
    fn edited(from: &str, to: &str) -> Result<Template, TemplateError> {
        assert!(TEMPLATE_TOML.contains(from), "{from}");
        Template::parse(&TEMPLATE_TOML.replacen(from, to, 1))
    }

    #[test]
    fn every_label_of_every_table_names_its_legal_basis() {
        for f in &Template::get().formats {
            for t in &f.tables {
                for b in &t.blocks {
                    for r in b.rows.iter().filter(|r| !r.label.hans.is_empty()) {
                        assert!(!r.basis.is_empty(), "{} row {}", f.id, r.key);
                        assert!(!r.help.is_empty() && !r.help_en.is_empty(), "{}", r.key);
                    }
                    for c in &b.columns {
                        assert!(!c.basis.is_empty(), "{} column {}", f.id, c.key);
                        assert!(!c.help.is_empty() && !c.help_en.is_empty(), "{}", c.key);
                    }
                    for g in &b.groups {
                        assert!(!g.basis.is_empty() && !g.help.is_empty(), "{}", g.key);
                    }
                }
            }
        }
    }

    #[test]
    fn misspelt_keys_are_refused_not_defaulted() {
        // A key of a row, a section, the report and the narrative settings, each misspelt.
        for (from, to) in [
            ("basis = \"条例第三十条\"", "bassis = \"条例第三十条\""),
            ("keywords = [\"总体\"", "keyword = [\"总体\""),
            ("title_marker = ", "title_markr = "),
            ("approximate_after = ", "aproximate_after = "),
            ("kind = \"count\"", "kind = \"cuont\""),
            ("each = \"row\"\ntotal", "each = \"rows\"\ntotal"),
            ("kind = \"sum\"\neach", "kind = \"summ\"\neach"),
        ] {
            let e = edited(from, to)
                .err()
                .unwrap_or_else(|| panic!("{to} was accepted"));
            assert!(matches!(e, TemplateError::Syntax(_)), "{to}: {e}");
        }
    }

    #[test]
    fn keys_that_name_nothing_are_refused() {
        let e = edited(
            "\"refused_secret\", \"refused_law\"",
            "\"refused_secret\", \"refused_lawww\"",
        )
        .unwrap_err();
        assert_eq!(
            e,
            TemplateError::Unknown {
                what: "row",
                key: "refused_lawww".into(),
                within: "rule R2".into()
            }
        );
        assert!(e.to_string().contains("refused_lawww"));
        let e = edited(
            "row = \"new\", column = \"total\"",
            "row = \"new\", column = \"totl\"",
        )
        .unwrap_err();
        assert!(
            matches!(e, TemplateError::Unknown { what: "column", .. }),
            "{e}"
        );
        let e = edited("stock = \"in_force\"", "stock = \"in_forse\"").unwrap_err();
        assert!(
            matches!(e, TemplateError::Unknown { what: "column", .. }),
            "{e}"
        );
    }

    #[test]
    fn every_rule_statement_and_relation_holds_in_some_format() {
        let t = Template::get();
        let raw: schema::RawTemplate = toml::from_str(TEMPLATE_TOML).unwrap();
        for r in &raw.rule {
            assert!(
                t.formats
                    .iter()
                    .any(|f| f.rules.iter().any(|x| x.id == r.id)),
                "rule {} resolves in no format",
                r.id
            );
        }
        for n in &raw.narrative {
            assert!(
                t.formats
                    .iter()
                    .any(|f| f.narratives.iter().any(|x| x.key == n.key)),
                "narrative {} resolves in no format",
                n.key
            );
        }
        assert!(t.formats.iter().any(|f| f.across.carryover.is_some()));
        assert!(t.formats.iter().any(|f| f.across.stock.is_some()));
    }

    #[test]
    fn embedded_template_resolves_for_every_format() {
        let t = Template::parse(TEMPLATE_TOML).expect("template parses");
        assert_eq!(t.formats.len(), 2);
        for f in &t.formats {
            assert_eq!(f.sections.len(), 6, "{}", f.id);
            assert_eq!(f.tables.len(), 3, "{}", f.id);
            for s in &f.sections {
                assert!(!s.title.hant.is_empty() && !s.title.hans.is_empty());
            }
            for t in &f.tables {
                for b in &t.blocks {
                    for c in &b.columns {
                        assert!(!c.label.hant.is_empty(), "{}", c.key);
                    }
                    for r in &b.rows {
                        assert_eq!(r.label.hans.is_empty(), r.label.hant.is_empty());
                    }
                }
            }
        }
    }

    #[test]
    fn formats_differ_where_the_notices_say() {
        let t = Template::get();
        let f21 = t.for_year(Some(2025));
        let f19 = t.for_year(Some(2020));
        assert_eq!(f21.id, "2021");
        assert_eq!(f19.id, "2019");
        assert_eq!(t.for_year(None).id, "2021");
        let rows = |f: &FormatSpec| f.tables[1].blocks[0].data_rows().count();
        // 25 rows with numbers in 2021; （六） is a single row in 2019.
        assert_eq!(rows(f21), 25);
        assert_eq!(rows(f19), 23);
        assert_eq!(f21.tables[0].blocks.len(), 4);
        assert_eq!(f19.tables[0].blocks.len(), 5);
        assert_eq!(f21.tables[2].blocks[0].columns.len(), 15);
    }

    #[test]
    fn rules_resolve_against_the_format() {
        let f = Template::get().for_year(Some(2025));
        let ids: Vec<&str> = f.rules.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(ids, ["R1", "R1-subtotal", "R2", "R3", "R4", "R4", "R4"]);
        let r2 = f.rules.iter().find(|r| r.id == "R2").unwrap();
        let RuleKind::Sum { parts, .. } = &r2.kind else {
            panic!("R2 is a sum")
        };
        assert_eq!(parts.len(), 21);
        let f19 = Template::get().for_year(Some(2019));
        let r2 = f19.rules.iter().find(|r| r.id == "R2").unwrap();
        let RuleKind::Sum { parts, .. } = &r2.kind else {
            panic!("R2 is a sum")
        };
        assert_eq!(parts.len(), 19);
    }

    #[test]
    fn narratives_resolve_per_format() {
        let f21 = Template::get().for_year(Some(2025));
        let f19 = Template::get().for_year(Some(2020));
        let made = |f: &FormatSpec| {
            f.narratives
                .iter()
                .find(|n| n.key == "normative_made")
                .unwrap()
                .cells
                .len()
        };
        assert_eq!(made(f21), 1);
        assert_eq!(made(f19), 1);
        // No 废止 column in 2019.
        assert!(f19.narratives.iter().all(|n| n.key != "normative_repealed"));
        let lit = f21
            .narratives
            .iter()
            .find(|n| n.key == "litigation")
            .unwrap();
        assert_eq!(lit.cells.len(), 2);
        assert_eq!(lit.clause, [["行政诉讼"]]);
    }

    #[test]
    fn relations_across_years_resolve_per_format() {
        let f21 = Template::get().for_year(Some(2025));
        let f19 = Template::get().for_year(Some(2020));
        assert!(f21.across.carryover.is_some() && f19.across.carryover.is_some());
        // The 2019 format has no 废止 column: no stock relation.
        assert!(f21.across.stock.is_some());
        assert!(f19.across.stock.is_none());
        assert_eq!(
            f21.across.copy_sections,
            [FormatSection(0), FormatSection(4)]
        );
    }

    #[test]
    fn names_for_messages() {
        let f = Template::get().for_year(Some(2025));
        let b = &f.tables[1].blocks[0];
        let secret = b
            .rows
            .iter()
            .position(|r| r.key == "refused_secret")
            .unwrap();
        assert_eq!(
            b.row_name(secret, Script::Hans),
            "（三）不予公开 1.属于国家秘密"
        );
        assert_eq!(
            b.row_name(secret, Script::Hant),
            "（三）不予公開 1.屬於國家秘密"
        );
        let r = &f.tables[2].blocks[0];
        assert_eq!(r.column_name(14, Script::Hans), "行政诉讼·复议后起诉·总计");
    }
}
