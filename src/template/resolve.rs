//! From the file as written to the template of each format: keys become indices, elements of
//! other formats are left out, and every key that names something is checked to exist.

use super::TemplateError;
use super::schema::*;
use super::spec::*;
use crate::text::{Fuzzy, normalize, normalize_words, parse_ordinal};

fn unknown(what: &'static str, key: &str, within: String) -> TemplateError {
    TemplateError::Unknown {
        what,
        key: key.to_string(),
        within,
    }
}

fn applies(formats: &Option<Vec<String>>, id: &str) -> bool {
    formats.as_ref().is_none_or(|f| f.iter().any(|x| x == id))
}

fn norm_all(v: &[String]) -> Vec<String> {
    v.iter().map(|s| normalize_words(s)).collect()
}

pub(super) fn format(raw: &RawTemplate, f: &RawFormat) -> Result<FormatSpec, TemplateError> {
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
            fee_sentence: s.fee_sentence.clone(),
            norm_title: normalize_words(&s.title.hans),
            norm_variants: norm_all(&s.variants),
            fuzzy_titles: std::iter::once(normalize_words(&s.title.hans))
                .chain(norm_all(&s.variants))
                .map(Fuzzy::new)
                .collect(),
        });
    }
    let mut tables = Vec::new();
    for t in &raw.table {
        let section = sections
            .iter()
            .position(|s| s.key == t.section)
            .ok_or_else(|| unknown("section", &t.section, format!("table {}", t.key)))?;
        let mut blocks = Vec::new();
        for b in t.block.iter().filter(|b| applies(&b.formats, id)) {
            blocks.push(resolve_block(b, id)?);
        }
        let ti = tables.len();
        tables.push(TableSpec {
            key: t.key.clone(),
            section: FormatSection(section),
            blocks,
        });
        sections[section].table = Some(FormatTable(ti));
    }
    for s in &raw.section {
        if let Some(t) = &s.table
            && !tables.iter().any(|x| &x.key == t)
        {
            return Err(unknown("table", t, format!("section {}", s.key)));
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
        // Matched against prose as it is read: folded, punctuation kept.
        set_phrases: raw
            .narrative_settings
            .set_phrases
            .iter()
            .map(|w| w.chars().map(crate::text::fold_prose).collect())
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
        .map_err(|e| TemplateError::Invalid(format!("narrative words: {e}")))?;
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
        retired: Vec::new(),
    })
}

fn resolve_across(
    a: &RawAcross,
    tables: &[TableSpec],
    sections: &[SectionSpec],
) -> Result<AcrossSpec, TemplateError> {
    let table = |key: &str| {
        tables
            .iter()
            .position(|t| t.key == key)
            .ok_or_else(|| unknown("table", key, "across".into()))
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
            table: FormatTable(ct),
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
            table: FormatTable(st),
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
                .ok_or_else(|| unknown("section", k, "across".into()))
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(AcrossSpec {
        carryover,
        stock,
        copy_sections: copy_sections.into_iter().map(FormatSection).collect(),
        copy_min_chars: a.copy_min_chars,
        copy_similarity: a.copy_similarity,
    })
}

/// Finds a cell by keys in this format's tables; `Ok(None)` when the row or column belongs to
/// another format.
fn resolve_cell(c: &RawCell, tables: &[TableSpec]) -> Result<Option<TableCell>, TemplateError> {
    let table = tables
        .iter()
        .position(|t| t.key == c.table)
        .ok_or_else(|| unknown("table", &c.table, "narrative".into()))?;
    for (b, block) in tables[table].blocks.iter().enumerate() {
        let row = block.rows.iter().position(|r| r.key == c.row);
        let col = block.columns.iter().position(|x| x.key == c.column);
        if let (Some(row), Some(col)) = (row, col) {
            return Ok(Some(TableCell {
                table: FormatTable(table),
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
) -> Result<Option<NarrativeSpec>, TemplateError> {
    let cells = |v: &[RawCell]| -> Result<Vec<TableCell>, TemplateError> {
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
        topic: words(&n.topic),
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

fn resolve_block(b: &RawBlock, id: &str) -> Result<BlockSpec, TemplateError> {
    let mut groups: Vec<GroupSpec> = Vec::new();
    for g in &b.group {
        let parent = match &g.parent {
            Some(p) => Some(
                groups
                    .iter()
                    .position(|x| &x.key == p)
                    .ok_or_else(|| unknown("parent group", p, format!("group {}", g.key)))?,
            ),
            None => None,
        };
        groups.push(GroupSpec {
            key: g.key.clone(),
            label: g.label.clone(),
            parent,
            norm: normalize_words(&g.label.hans),
            basis: g.basis.clone(),
            help: g.help.clone(),
            help_en: g.help_en.clone(),
        });
    }
    let mut columns = Vec::new();
    for c in b.column.iter().filter(|c| applies(&c.formats, id)) {
        let group = match &c.group {
            Some(g) => Some(
                groups
                    .iter()
                    .position(|x| &x.key == g)
                    .ok_or_else(|| unknown("group", g, format!("column {}", c.key)))?,
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
            basis: c.basis.clone(),
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
                    .ok_or_else(|| unknown("parent row", p, format!("row {}", r.key)))?,
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
fn resolve_rule(r: &RawRule, tables: &[TableSpec]) -> Result<Option<RuleSpec>, TemplateError> {
    let table = tables
        .iter()
        .position(|t| t.key == r.table)
        .ok_or_else(|| unknown("table", &r.table, format!("rule {}", r.id)))?;
    let each_row = r.each == Each::Row;
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
    let kind = match r.kind {
        RawRuleKind::Sum => {
            let Some(total) = r.total.as_ref().and_then(find) else {
                return Ok(None);
            };
            RuleKind::Sum {
                total,
                parts: list(&r.parts),
            }
        }
        RawRuleKind::Balance => RuleKind::Balance {
            left: list(&r.left),
            right: list(&r.right),
        },
    };
    Ok(Some(RuleSpec {
        id: r.id.clone(),
        table: FormatTable(table),
        block,
        each_row,
        kind,
    }))
}

/// Every key a rule, a narrative statement or a year-to-year relation names must name a row or a
/// column of its table in some format: elements of one format only are left out of the others,
/// so a misspelt key would otherwise vanish in silence.
pub(super) fn check_references(raw: &RawTemplate) -> Result<(), TemplateError> {
    let table = |key: &str, within: &dyn Fn() -> String| {
        raw.table
            .iter()
            .find(|t| t.key == key)
            .ok_or_else(|| unknown("table", key, within()))
    };
    let has_row = |t: &RawTable, k: &str| t.block.iter().any(|b| b.row.iter().any(|r| r.key == k));
    let has_col =
        |t: &RawTable, k: &str| t.block.iter().any(|b| b.column.iter().any(|c| c.key == k));
    for r in &raw.rule {
        let within = || format!("rule {}", r.id);
        let t = table(&r.table, &within)?;
        for k in r
            .total
            .iter()
            .chain(&r.parts)
            .chain(&r.left)
            .chain(&r.right)
        {
            let found = match r.each {
                Each::Row => has_col(t, k),
                Each::Column => has_row(t, k),
            };
            if !found {
                let what = if r.each == Each::Row { "column" } else { "row" };
                return Err(unknown(what, k, within()));
            }
        }
    }
    for n in &raw.narrative {
        let within = || format!("narrative {}", n.key);
        for c in n.cells.iter().chain(&n.with) {
            let t = table(&c.table, &within)?;
            if !has_row(t, &c.row) {
                return Err(unknown("row", &c.row, within()));
            }
            if !has_col(t, &c.column) {
                return Err(unknown("column", &c.column, within()));
            }
        }
    }
    let a = &raw.across;
    let within = || "across".to_string();
    let t = table(&a.carryover.table, &within)?;
    for k in [&a.carryover.this_year, &a.carryover.last_year] {
        if !has_row(t, k) {
            return Err(unknown("row", k, within()));
        }
    }
    let t = table(&a.stock.table, &within)?;
    if !has_row(t, &a.stock.row) {
        return Err(unknown("row", &a.stock.row, within()));
    }
    for k in std::iter::once(&a.stock.stock)
        .chain(&a.stock.plus)
        .chain(&a.stock.minus)
    {
        if !has_col(t, k) {
            return Err(unknown("column", k, within()));
        }
    }
    Ok(())
}

/// The labels each format dropped from the older ones, with their replacements.
pub(super) fn retired_labels(
    raw: &RawTemplate,
    formats: &mut [FormatSpec],
) -> Result<(), TemplateError> {
    let years: Vec<(String, i32)> = formats
        .iter()
        .map(|f| (f.id.clone(), f.first_year))
        .collect();
    for f in formats.iter_mut() {
        let mut retired: Vec<RetiredLabel> = Vec::new();
        for (older, _) in years.iter().filter(|(_, y)| *y < f.first_year) {
            for (ti, t) in raw.table.iter().enumerate() {
                let Some(now) = f.tables.iter().find(|x| x.key == t.key) else {
                    continue;
                };
                // Every label the table has in this format, normalised.
                let current: Vec<String> = now
                    .blocks
                    .iter()
                    .flat_map(|b| {
                        b.rows
                            .iter()
                            .map(|r| r.norm.clone())
                            .chain(b.columns.iter().map(|c| c.norm.clone()))
                            .chain(b.title.iter().map(|l| normalize_words(&l.hans)))
                    })
                    .collect();
                let old_blocks = t.block.iter().filter(|b| applies(&b.formats, older));
                for b in old_blocks {
                    let mut labels: Vec<(&Label, Option<&String>)> = Vec::new();
                    if applies(&b.formats, older) && !applies(&b.formats, &f.id) {
                        labels.extend(b.title.iter().map(|l| (l, None)));
                    }
                    labels.extend(
                        b.row
                            .iter()
                            .filter(|r| applies(&r.formats, older))
                            .map(|r| (&r.label, r.replaced_by.as_ref())),
                    );
                    labels.extend(
                        b.column
                            .iter()
                            .filter(|c| applies(&c.formats, older))
                            .map(|c| (&c.label, None)),
                    );
                    for (label, replaced_by) in labels {
                        let norm = normalize_words(&label.hans);
                        // A shorter form of a current label (处理决定数量 of 本年处理决定数量) is
                        // as likely a loose wording as an old table, unless the template says
                        // the label was renamed.
                        let shortened = current.iter().any(|c| c.contains(norm.as_str()));
                        if norm.is_empty()
                            || current.contains(&norm)
                            || (shortened && replaced_by.is_none())
                            || retired.iter().any(|r| r.norm == norm)
                        {
                            continue;
                        }
                        let replaced_by = match replaced_by {
                            Some(key) => Some(
                                now.blocks
                                    .iter()
                                    .flat_map(|b| &b.rows)
                                    .find(|r| &r.key == key)
                                    .map(|r| r.label.clone())
                                    .ok_or_else(|| {
                                        unknown("row", key, format!("replaced_by in {}", t.key))
                                    })?,
                            ),
                            None => None,
                        };
                        retired.push(RetiredLabel {
                            norm,
                            label: label.clone(),
                            table: FormatTable(ti),
                            format: older.clone(),
                            replaced_by,
                        });
                    }
                }
            }
        }
        f.retired = retired;
    }
    Ok(())
}
