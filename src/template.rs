//! The official template, loaded from `template/template.toml` (embedded at build time) and
//! resolved per format. Checks read labels, rows, columns and rules only from here.

use crate::text::{Fuzzy, Script, normalize, normalize_words, parse_ordinal};
use serde::Deserialize;
use std::sync::OnceLock;

const TEMPLATE_TOML: &str = include_str!("../template/template.toml");

/// A label in both scripts.
#[derive(Clone, Debug, Deserialize, Default)]
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

// ----- The file as written ---------------------------------------------------------------------

#[derive(Deserialize)]
struct RawTemplate {
    format: Vec<RawFormat>,
    section: Vec<RawSection>,
    table: Vec<RawTable>,
    rule: Vec<RawRule>,
    #[serde(default)]
    narrative: Vec<RawNarrative>,
    narrative_settings: NarrativeSettings,
    across: RawAcross,
    report: RawReport,
}

#[derive(Deserialize)]
struct RawReport {
    title: Label,
    title_marker: String,
    period_words: Vec<String>,
    period_start: MonthDay,
    period_end: MonthDay,
}

/// A day of the year.
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
pub struct MonthDay {
    pub month: u32,
    pub day: u32,
}

#[derive(Deserialize)]
struct RawCarryover {
    table: String,
    this_year: String,
    last_year: String,
}

#[derive(Deserialize)]
struct RawStock {
    table: String,
    row: String,
    stock: String,
    #[serde(default)]
    plus: Vec<String>,
    #[serde(default)]
    minus: Vec<String>,
}

#[derive(Deserialize)]
struct RawAcross {
    carryover: RawCarryover,
    stock: RawStock,
    copy_sections: Vec<String>,
    copy_min_chars: usize,
    copy_similarity: f64,
}

/// Row `this_year` of year N repeats row `last_year` of year N−1 (block 0 of `table`).
#[derive(Debug)]
pub struct CarryoverSpec {
    pub table: usize,
    pub block: usize,
    pub this_year: usize,
    pub last_year: usize,
}

/// stock(N) = stock(N−1) + Σ plus(N) − Σ minus(N), in one row.
#[derive(Debug)]
pub struct StockSpec {
    pub table: usize,
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
    pub copy_sections: Vec<usize>,
    pub copy_min_chars: usize,
    pub copy_similarity: f64,
}

#[derive(Deserialize)]
struct RawCell {
    table: String,
    row: String,
    column: String,
}

#[derive(Deserialize)]
struct RawNarrative {
    key: String,
    #[serde(default)]
    clause: Vec<Vec<String>>,
    #[serde(default)]
    sentence: Vec<Vec<String>>,
    #[serde(default)]
    exclude: Vec<String>,
    topic: Option<String>,
    #[serde(default)]
    rivals: Vec<String>,
    #[serde(default)]
    cells: Vec<RawCell>,
    #[serde(default)]
    with_words: Vec<String>,
    #[serde(default)]
    with: Vec<RawCell>,
    #[serde(default)]
    zero: bool,
    units: Option<Vec<String>>,
}

/// Words that frame figures in prose.
#[derive(Clone, Debug, Deserialize)]
pub struct NarrativeSettings {
    pub units: Vec<String>,
    pub approximate_before: Vec<String>,
    pub approximate_after: Vec<String>,
    pub negations: Vec<String>,
}

#[derive(Deserialize)]
struct RawFormat {
    id: String,
    first_year: i32,
    last_year: Option<i32>,
    notice: Label,
}

#[derive(Deserialize)]
struct RawSection {
    key: String,
    ordinal: String,
    title: Label,
    #[serde(default)]
    variants: Vec<String>,
    #[serde(default)]
    keywords: Vec<String>,
    #[serde(default)]
    basis: String,
    #[serde(default)]
    help: String,
    #[serde(default)]
    help_en: String,
    table: Option<String>,
    #[serde(default)]
    fee_keywords: Vec<String>,
    fee_from_year: Option<i32>,
    fee_rule: Option<Label>,
}

#[derive(Deserialize)]
struct RawTable {
    key: String,
    section: String,
    block: Vec<RawBlock>,
}

#[derive(Deserialize)]
struct RawBlock {
    key: String,
    formats: Option<Vec<String>>,
    title: Option<Label>,
    corner: Option<Label>,
    #[serde(default)]
    notes: Vec<Label>,
    #[serde(default)]
    group: Vec<RawGroup>,
    column: Vec<RawColumn>,
    row: Vec<RawRow>,
}

#[derive(Deserialize)]
struct RawGroup {
    key: String,
    label: Label,
    parent: Option<String>,
}

#[derive(Deserialize)]
struct RawColumn {
    key: String,
    label: Label,
    kind: ValueKind,
    group: Option<String>,
    formats: Option<Vec<String>>,
    #[serde(default)]
    optional: bool,
    #[serde(default)]
    variants: Vec<String>,
    #[serde(default)]
    help: String,
    #[serde(default)]
    help_en: String,
}

#[derive(Deserialize)]
struct RawRow {
    key: String,
    ordinal: Option<String>,
    label: Label,
    parent: Option<String>,
    formats: Option<Vec<String>>,
    #[serde(default = "yes")]
    values: bool,
    #[serde(default)]
    variants: Vec<String>,
    #[serde(default)]
    basis: String,
    #[serde(default)]
    help: String,
    #[serde(default)]
    help_en: String,
}

fn yes() -> bool {
    true
}

#[derive(Deserialize)]
struct RawRule {
    id: String,
    table: String,
    kind: String,
    each: String,
    total: Option<String>,
    #[serde(default)]
    parts: Vec<String>,
    #[serde(default)]
    left: Vec<String>,
    #[serde(default)]
    right: Vec<String>,
}

// ----- The resolved template for one format ----------------------------------------------------

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
    pub table: Option<usize>,
    pub fee_keywords: Vec<String>,
    pub fee_from_year: Option<i32>,
    /// The fee rules, named when a report does not say whether it charged.
    pub fee_rule: Option<Label>,
    /// Normalised title and variants, for matching.
    pub norm_title: String,
    pub norm_variants: Vec<String>,
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
    pub section: usize,
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
    pub table: usize,
    pub block: usize,
    /// True: indices are columns, applied in each data row. False: rows, in each column.
    pub each_row: bool,
    pub kind: RuleKind,
}

/// A table cell named in a narrative statement.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TableCell {
    pub table: usize,
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
    pub topic: Option<String>,
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
}

impl FormatSpec {
    pub fn section_table(&self, section: usize) -> Option<&TableSpec> {
        self.sections[section].table.map(|t| &self.tables[t])
    }
}

/// The report as a whole, whatever its format.
#[derive(Debug)]
pub struct ReportSpec {
    /// The title after the organisation and the year.
    pub title: Label,
    /// Normalised words that mark the title line.
    pub title_marker: String,
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
}

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
    pub fn parse(toml_text: &str) -> Result<Template, String> {
        let raw: RawTemplate = toml::from_str(toml_text).map_err(|e| e.to_string())?;
        let formats = raw
            .format
            .iter()
            .map(|f| resolve(&raw, f))
            .collect::<Result<Vec<_>, _>>()?;
        if formats.is_empty() {
            return Err("no format".into());
        }
        let report = ReportSpec {
            title: raw.report.title.clone(),
            title_marker: normalize(&raw.report.title_marker),
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
            return Err("report: the title must contain its marker".into());
        }
        Ok(Template { formats, report })
    }
}

fn applies(formats: &Option<Vec<String>>, id: &str) -> bool {
    formats.as_ref().is_none_or(|f| f.iter().any(|x| x == id))
}

fn norm_all(v: &[String]) -> Vec<String> {
    v.iter().map(|s| normalize_words(s)).collect()
}

fn resolve(raw: &RawTemplate, f: &RawFormat) -> Result<FormatSpec, String> {
    let id = f.id.as_str();
    let mut sections = Vec::new();
    for (i, s) in raw.section.iter().enumerate() {
        sections.push(SectionSpec {
            key: s.key.clone(),
            number: i as u32 + 1,
            ordinal: s.ordinal.clone(),
            title: s.title.clone(),
            variants: s.variants.clone(),
            keywords: s.keywords.iter().map(|k| normalize(k)).collect(),
            basis: s.basis.clone(),
            help: s.help.clone(),
            help_en: s.help_en.clone(),
            table: None,
            fee_keywords: s.fee_keywords.iter().map(|k| normalize(k)).collect(),
            fee_from_year: s.fee_from_year,
            fee_rule: s.fee_rule.clone(),
            norm_title: normalize_words(&s.title.hans),
            norm_variants: norm_all(&s.variants),
        });
    }
    let mut tables = Vec::new();
    for t in &raw.table {
        let section = sections
            .iter()
            .position(|s| s.key == t.section)
            .ok_or_else(|| format!("table {}: unknown section {}", t.key, t.section))?;
        let mut blocks = Vec::new();
        for b in t.block.iter().filter(|b| applies(&b.formats, id)) {
            blocks.push(resolve_block(b, id)?);
        }
        let ti = tables.len();
        tables.push(TableSpec {
            key: t.key.clone(),
            section,
            blocks,
        });
        sections[section].table = Some(ti);
    }
    for s in &raw.section {
        if let Some(t) = &s.table
            && !tables.iter().any(|x| &x.key == t)
        {
            return Err(format!("section {}: unknown table {t}", s.key));
        }
    }
    let mut rules = Vec::new();
    for r in &raw.rule {
        if let Some(rule) = resolve_rule(r, &tables)? {
            rules.push(rule);
        }
    }
    let settings = NarrativeSettings {
        units: raw
            .narrative_settings
            .units
            .iter()
            .map(|w| normalize(w))
            .collect(),
        approximate_before: raw
            .narrative_settings
            .approximate_before
            .iter()
            .map(|w| normalize(w))
            .collect(),
        approximate_after: raw
            .narrative_settings
            .approximate_after
            .iter()
            .map(|w| normalize(w))
            .collect(),
        negations: raw
            .narrative_settings
            .negations
            .iter()
            .map(|w| normalize(w))
            .collect(),
    };
    let narratives: Vec<NarrativeSpec> = raw
        .narrative
        .iter()
        .map(|n| resolve_narrative(n, &tables, &settings))
        .collect::<Result<Vec<_>, _>>()?
        .into_iter()
        .flatten()
        .collect();
    let across = resolve_across(&raw.across, &tables, &sections)?;
    let narrative_words: Vec<(usize, String)> = narratives
        .iter()
        .enumerate()
        .flat_map(|(i, n): (usize, &NarrativeSpec)| {
            n.clause
                .first()
                .into_iter()
                .flatten()
                .map(move |w| (i, w.clone()))
        })
        .collect();
    let narrative_finder = aho_corasick::AhoCorasick::new(narrative_words.iter().map(|(_, w)| w))
        .map_err(|e| format!("narrative words: {e}"))?;
    Ok(FormatSpec {
        id: f.id.clone(),
        first_year: f.first_year,
        last_year: f.last_year,
        notice: f.notice.clone(),
        sections,
        tables,
        rules,
        narratives,
        narrative_settings: settings,
        narrative_finder,
        narrative_words,
        across,
    })
}

fn resolve_across(
    a: &RawAcross,
    tables: &[TableSpec],
    sections: &[SectionSpec],
) -> Result<AcrossSpec, String> {
    let table = |key: &str| {
        tables
            .iter()
            .position(|t| t.key == key)
            .ok_or_else(|| format!("across: unknown table {key}"))
    };
    let row = |t: usize, key: &str| -> Option<(usize, usize)> {
        tables[t]
            .blocks
            .iter()
            .enumerate()
            .find_map(|(b, bl)| bl.rows.iter().position(|r| r.key == key).map(|r| (b, r)))
    };
    let col = |t: usize, b: usize, key: &str| {
        tables[t].blocks[b]
            .columns
            .iter()
            .position(|c| c.key == key)
    };
    let c = &a.carryover;
    let ct = table(&c.table)?;
    let carryover = match (row(ct, &c.this_year), row(ct, &c.last_year)) {
        (Some((b, this)), Some((_, last))) => Some(CarryoverSpec {
            table: ct,
            block: b,
            this_year: this,
            last_year: last,
        }),
        _ => None,
    };
    let s = &a.stock;
    let st = table(&s.table)?;
    // Every column must exist in this format, or the relation does not hold in it.
    let stock = row(st, &s.row).and_then(|(b, r)| {
        let plus: Option<Vec<usize>> = s.plus.iter().map(|k| col(st, b, k)).collect();
        let minus: Option<Vec<usize>> = s.minus.iter().map(|k| col(st, b, k)).collect();
        Some(StockSpec {
            table: st,
            block: b,
            row: r,
            stock: col(st, b, &s.stock)?,
            plus: plus?,
            minus: minus?,
        })
    });
    let copy_sections = a
        .copy_sections
        .iter()
        .map(|k| {
            sections
                .iter()
                .position(|x| &x.key == k)
                .ok_or_else(|| format!("across: unknown section {k}"))
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(AcrossSpec {
        carryover,
        stock,
        copy_sections,
        copy_min_chars: a.copy_min_chars,
        copy_similarity: a.copy_similarity,
    })
}

/// Finds a cell by keys in this format's tables; `Ok(None)` when the row or column belongs to
/// another format.
fn resolve_cell(c: &RawCell, tables: &[TableSpec]) -> Result<Option<TableCell>, String> {
    let table = tables
        .iter()
        .position(|t| t.key == c.table)
        .ok_or_else(|| format!("narrative: unknown table {}", c.table))?;
    for (b, block) in tables[table].blocks.iter().enumerate() {
        let row = block.rows.iter().position(|r| r.key == c.row);
        let col = block.columns.iter().position(|x| x.key == c.column);
        if let (Some(row), Some(col)) = (row, col) {
            return Ok(Some(TableCell {
                table,
                cell: CellRef { block: b, row, col },
            }));
        }
    }
    Ok(None)
}

fn resolve_narrative(
    n: &RawNarrative,
    tables: &[TableSpec],
    settings: &NarrativeSettings,
) -> Result<Option<NarrativeSpec>, String> {
    let cells = |v: &[RawCell]| -> Result<Vec<TableCell>, String> {
        Ok(v.iter()
            .map(|c| resolve_cell(c, tables))
            .collect::<Result<Vec<_>, _>>()?
            .into_iter()
            .flatten()
            .collect())
    };
    let groups = |g: &[Vec<String>]| -> Vec<Vec<String>> {
        g.iter()
            .map(|w| w.iter().map(|x| normalize(x)).collect())
            .collect()
    };
    let words = |v: &[String]| -> Vec<String> { v.iter().map(|x| normalize(x)).collect() };
    let found = cells(&n.cells)?;
    if found.is_empty() {
        return Ok(None);
    }
    Ok(Some(NarrativeSpec {
        key: n.key.clone(),
        clause: groups(&n.clause),
        sentence: groups(&n.sentence),
        exclude: words(&n.exclude),
        topic: n.topic.as_deref().map(normalize),
        rivals: words(&n.rivals),
        cells: found,
        with_words: words(&n.with_words),
        with: cells(&n.with)?,
        zero: n.zero,
        units: n
            .units
            .as_deref()
            .map(words)
            .unwrap_or_else(|| settings.units.clone()),
    }))
}

fn resolve_block(b: &RawBlock, id: &str) -> Result<BlockSpec, String> {
    let mut groups: Vec<GroupSpec> = Vec::new();
    for g in &b.group {
        let parent = match &g.parent {
            Some(p) => Some(
                groups
                    .iter()
                    .position(|x| &x.key == p)
                    .ok_or_else(|| format!("group {}: unknown parent {p}", g.key))?,
            ),
            None => None,
        };
        groups.push(GroupSpec {
            key: g.key.clone(),
            label: g.label.clone(),
            parent,
            norm: normalize_words(&g.label.hans),
        });
    }
    let mut columns = Vec::new();
    for c in b.column.iter().filter(|c| applies(&c.formats, id)) {
        let group = match &c.group {
            Some(g) => Some(
                groups
                    .iter()
                    .position(|x| &x.key == g)
                    .ok_or_else(|| format!("column {}: unknown group {g}", c.key))?,
            ),
            None => None,
        };
        columns.push(ColumnSpec {
            key: c.key.clone(),
            label: c.label.clone(),
            kind: c.kind,
            group,
            optional: c.optional,
            variants: c.variants.clone(),
            help: c.help.clone(),
            help_en: c.help_en.clone(),
            norm: normalize_words(&c.label.hans),
            norm_variants: norm_all(&c.variants),
        });
    }
    let kept: Vec<&RawRow> = b.row.iter().filter(|r| applies(&r.formats, id)).collect();
    let mut rows = Vec::new();
    for r in &kept {
        let parent = match &r.parent {
            Some(p) => Some(
                kept.iter()
                    .position(|x| &x.key == p)
                    .ok_or_else(|| format!("row {}: unknown parent {p}", r.key))?,
            ),
            None => None,
        };
        rows.push(RowSpec {
            key: r.key.clone(),
            ordinal: r.ordinal.clone(),
            label: r.label.clone(),
            parent,
            values: r.values,
            variants: r.variants.clone(),
            basis: r.basis.clone(),
            help: r.help.clone(),
            help_en: r.help_en.clone(),
            norm: normalize_words(&r.label.hans),
            norm_variants: norm_all(&r.variants),
            fuzzy: std::iter::once(normalize_words(&r.label.hans))
                .chain(norm_all(&r.variants))
                .map(Fuzzy::new)
                .collect(),
            ordinal_value: r
                .ordinal
                .as_deref()
                .and_then(parse_ordinal)
                .map(|o| o.value),
        });
    }
    Ok(BlockSpec {
        key: b.key.clone(),
        title: b.title.clone(),
        corner: b.corner.clone(),
        notes: b.notes.clone(),
        groups,
        columns,
        rows,
    })
}

/// Resolves a rule's keys for one format; cells of other formats are left out, and a rule whose
/// total does not exist in this format is dropped.
fn resolve_rule(r: &RawRule, tables: &[TableSpec]) -> Result<Option<RuleSpec>, String> {
    let table = tables
        .iter()
        .position(|t| t.key == r.table)
        .ok_or_else(|| format!("rule {}: unknown table {}", r.id, r.table))?;
    let each_row = match r.each.as_str() {
        "row" => true,
        "column" => false,
        other => return Err(format!("rule {}: each = {other}?", r.id)),
    };
    let t = &tables[table];
    let all_keys: Vec<&String> = r
        .total
        .iter()
        .chain(&r.parts)
        .chain(&r.left)
        .chain(&r.right)
        .collect();
    // The block is the one that knows the rule's keys.
    let Some(block) = t.blocks.iter().position(|b| {
        all_keys.iter().any(|k| {
            if each_row {
                b.columns.iter().any(|c| &c.key == *k)
            } else {
                b.rows.iter().any(|x| &x.key == *k)
            }
        })
    }) else {
        return Ok(None);
    };
    let b = &t.blocks[block];
    let find = |k: &String| -> Option<usize> {
        if each_row {
            b.columns.iter().position(|c| &c.key == k)
        } else {
            b.rows.iter().position(|x| &x.key == k)
        }
    };
    let list = |v: &[String]| -> Vec<usize> { v.iter().filter_map(find).collect() };
    let kind = match r.kind.as_str() {
        "sum" => {
            let Some(total) = r.total.as_ref().and_then(find) else {
                return Ok(None);
            };
            RuleKind::Sum {
                total,
                parts: list(&r.parts),
            }
        }
        "balance" => RuleKind::Balance {
            left: list(&r.left),
            right: list(&r.right),
        },
        other => return Err(format!("rule {}: kind = {other}?", r.id)),
    };
    Ok(Some(RuleSpec {
        id: r.id.clone(),
        table,
        block,
        each_row,
        kind,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert_eq!(f21.across.copy_sections, [0, 4]);
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
