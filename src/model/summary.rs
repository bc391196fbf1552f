//! What one report contributes to comparisons across years: a [`Summary`], small enough that a
//! directory of hundreds of reports need not keep every model. The cross-year checks
//! (`checks/carryover_mismatch.rs`, `checks/copied_text.rs`) read summaries only.
//!
//! The organisation is what the title says before the year (「集贤县人民政府2025年…」 →
//! 集贤县人民政府), compared in simplified script without spaces.

use super::{Model, Value};
use crate::template::{CellRef, FormatSection, FormatTable};
use crate::text::{Script, is_space, normalize};
use std::ops::Range;

/// A value cell: its value and where it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cell {
    pub value: i64,
    pub range: Range<usize>,
}

/// A paragraph to compare with last year's.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Paragraph {
    pub range: Range<usize>,
    /// Characters, punctuation and spaces aside, years as 「#年」.
    pub key: Vec<char>,
    /// The numbers other than years, in order.
    pub numbers: Vec<String>,
    /// Index into the format's sections.
    pub section: FormatSection,
}

/// What one report contributes to comparisons across years.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Summary {
    /// The organisation, normalised; `None` when the title does not say.
    pub org: Option<String>,
    /// The organisation as written.
    pub org_name: String,
    pub year: Option<i32>,
    pub script: Script,
    pub format: String,
    /// Row 二 and row 四 of table 三, by column key.
    pub carried_in: Vec<(String, Cell)>,
    pub carried_out: Vec<(String, Cell)>,
    /// The stock row (行政规范性文件): the stock, and the cells added and taken away.
    pub stock: Option<(Cell, Vec<Cell>, Vec<Cell>)>,
    pub paragraphs: Vec<Paragraph>,
    /// False for [`Summary::identity_only`]: cells and paragraphs were not read.
    pub complete: bool,
}

/// The organisation in the title: the text before the year on its line, or the line above.
fn organisation(m: &Model) -> Option<String> {
    let y = m.year.as_ref()?;
    let line = m.line_at(y.range.start)?;
    let before = m.text[line.range.start..y.range.start]
        .trim_matches(|c: char| is_space(c) || c.is_ascii_punctuation());
    if !before.is_empty() {
        return Some(before.to_string());
    }
    m.lines[..line.number]
        .iter()
        .rev()
        .find(|l| !l.is_blank())
        .map(|l| l.text(m.text).trim_matches(is_space).to_string())
        .filter(|s| !s.is_empty() && s.chars().count() <= 40)
}

fn cell(m: &Model, table: FormatTable, block: usize, row: usize, col: usize) -> Option<Cell> {
    // A table read in an older format holds the same rows by key.
    let (t, at) = m.find_cell(table, CellRef { block, row, col })?;
    let (block, row, col) = (at.block, at.row, at.col);
    let r = t.blocks.get(block)?.row(row)?;
    if !r.bound() {
        return None;
    }
    let c = r.cell(col)?;
    match &c.value {
        Value::Number(n) => Some(Cell {
            // Bounded, so that last year's stock plus this year's changes cannot overflow.
            value: n.as_count()?.get(),
            range: c.range.clone(),
        }),
        _ => None,
    }
}

/// The comparison key of a paragraph: no spaces or punctuation, 4-digit years replaced.
fn paragraph_key(chars: &[char]) -> (Vec<char>, Vec<String>) {
    let kept: Vec<char> = chars
        .iter()
        .copied()
        .filter(|c| c.is_alphanumeric())
        .collect();
    let mut key = Vec::with_capacity(kept.len());
    let mut numbers = Vec::new();
    let mut i = 0;
    while i < kept.len() {
        if kept[i].is_ascii_digit() {
            let start = i;
            while i < kept.len() && kept[i].is_ascii_digit() {
                i += 1;
            }
            let digits: String = kept[start..i].iter().collect();
            if digits.len() == 4 && kept.get(i) == Some(&'年') {
                key.push('#');
            } else {
                key.extend(digits.chars());
                numbers.push(digits);
            }
        } else {
            key.push(kept[i]);
            i += 1;
        }
    }
    (key, numbers)
}

impl Summary {
    /// A summary with only what pairs the report with others (organisation and year): enough
    /// for a report that has no other report to be compared with yet.
    pub fn identity_only(m: &Model) -> Summary {
        let org_name = organisation(m).unwrap_or_default();
        Summary {
            org: (!org_name.is_empty()).then(|| normalize(&org_name)),
            org_name,
            year: m.year.as_ref().map(|y| y.year),
            script: m.script,
            format: m.format.id.clone(),
            carried_in: Vec::new(),
            carried_out: Vec::new(),
            stock: None,
            paragraphs: Vec::new(),
            complete: false,
        }
    }
}

/// The organisation and year of a report, normalised: what pairs it with others. Cheaper
/// than a whole [`summarize`].
pub fn identity(m: &Model) -> (Option<String>, Option<i32>) {
    let name = organisation(m).unwrap_or_default();
    (
        (!name.is_empty()).then(|| normalize(&name)),
        m.year.as_ref().map(|y| y.year),
    )
}

/// Reduces a model to what the cross-year checks need.
pub fn summarize(m: &Model) -> Summary {
    let f = m.format;
    let org_name = organisation(m).unwrap_or_default();
    // A report before the official formats is not compared: its tables are not read as theirs.
    let org = (!org_name.is_empty() && !m.before_formats()).then(|| normalize(&org_name));
    let mut carried_in = Vec::new();
    let mut carried_out = Vec::new();
    if let Some(c) = &f.across.carryover {
        let block = &f.table(c.table).blocks[c.block];
        for (col, spec) in block.columns.iter().enumerate() {
            if let Some(x) = cell(m, c.table, c.block, c.this_year, col) {
                carried_in.push((spec.key.clone(), x));
            }
            if let Some(x) = cell(m, c.table, c.block, c.last_year, col) {
                carried_out.push((spec.key.clone(), x));
            }
        }
    }
    let stock = f.across.stock.as_ref().and_then(|s| {
        let get = |col: usize| cell(m, s.table, s.block, s.row, col);
        let plus: Option<Vec<Cell>> = s.plus.iter().map(|&c| get(c)).collect();
        let minus: Option<Vec<Cell>> = s.minus.iter().map(|&c| get(c)).collect();
        Some((get(s.stock)?, plus?, minus?))
    });
    let mut paragraphs = Vec::new();
    // The sections a paragraph can belong to, by start: when they do not overlap (the usual
    // case), a paragraph's section is found by binary search, not by scanning them all (a
    // file of many reports has thousands of sections).
    let mut bodies: Vec<&super::SectionHit> = m.sections.iter().filter(|h| !h.duplicate).collect();
    let in_order = bodies.windows(2).all(|w| w[0].body.end <= w[1].body.start);
    if !in_order {
        bodies.clear();
    }
    for (range, chars) in super::prose::paragraph_texts(m) {
        let inside = |h: &&super::SectionHit| {
            !h.duplicate && h.body.start <= range.start && range.end <= h.body.end
        };
        let found = if in_order {
            let k = bodies.partition_point(|h| h.body.start <= range.start);
            k.checked_sub(1).map(|i| bodies[i]).filter(|h| inside(h))
        } else {
            m.sections.iter().find(|h| inside(h))
        };
        let Some(h) = found else {
            continue;
        };
        if !f.across.copy_sections.contains(&h.spec) {
            continue;
        }
        let (key, numbers) = paragraph_key(&chars);
        if key.len() >= f.across.copy_min_chars {
            paragraphs.push(Paragraph {
                range,
                key,
                numbers,
                section: h.spec,
            });
        }
    }
    Summary {
        org,
        org_name,
        year: m.year.as_ref().map(|y| y.year),
        script: m.script,
        format: f.id.clone(),
        carried_in,
        carried_out,
        stock,
        paragraphs,
        complete: true,
    }
}
