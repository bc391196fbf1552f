//! Reading a table in any layout, in the five steps ARCHITECTURE.md lists: cells (`cells.rs`),
//! row groups (`groups.rs`), alignment with the template's rows (`align.rs`), the header
//! (`header.rs`) and, here, binding the values to columns.
//!
//! Layouts: tab rows, pipe rows, space-aligned columns (PDF text) and one cell per line (with or
//! without blank lines between cells or rows). Labels broken over lines are read by trying
//! adjacent label cells together.

use super::align::{Candidate, Match, align, candidates, match_row};
use super::cells::{Cell, Kind, LineCells};
use super::groups::{Group, groups};
use super::header::{self, HeaderCell};
use super::{
    BlockModel, LabelHit, Model, ModelSection, RowModel, TableModel, Unread, Value, ValueCell,
};
use crate::template::{FormatSpec, FormatTable};
use crate::text::parse_ordinal;
use std::ops::Range;

/// How a table is laid out in the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Layout {
    /// One row per line, cells separated by tabs.
    Rows,
    /// One row per line, `| a | b |`.
    Pipes,
    /// One row per line, cells separated by runs of spaces (PDF text).
    Spaced,
    /// Each cell on its own line.
    CellPerLine,
}

fn span(cells: &[Cell]) -> Option<Range<usize>> {
    let first = cells.first()?;
    let last = cells.last()?;
    Some(first.range.start..last.range.end)
}

/// Picks the group's values for a row of `expected` cells: with or without the blanks that may
/// belong to it. Empty fields at `merged` positions (where the header has a merged column) are
/// left out when the count is otherwise wrong. A row of blanks only is a row whose every value
/// is blank, whatever the number of its empty fields.
fn pick_values(g: &Group, expected: usize, merged: &[usize]) -> Vec<Cell> {
    if g.values.is_empty() {
        let mut v: Vec<Cell> = g.trail.iter().take(expected).cloned().collect();
        let at = v
            .last()
            .map_or(g.labels.last().map_or(0, |c| c.range.end), |c| c.range.end);
        let line = v.last().or(g.labels.last()).map_or(0, |c| c.line);
        while v.len() < expected {
            v.push(Cell {
                line,
                range: at..at,
                kind: Kind::Blank,
                field: None,
                unit: None,
            });
        }
        return v;
    }
    let keep = |c: &&Cell, drop_merged: bool| {
        !(drop_merged
            && matches!(c.kind, Kind::Blank)
            && c.field.is_some_and(|f| merged.contains(&f)))
    };
    let with = |lead: bool, trail: bool, drop_merged: bool| -> Vec<Cell> {
        let mut v = Vec::new();
        if lead {
            v.extend(g.lead.iter().filter(|c| keep(c, drop_merged)).cloned());
        }
        v.extend(g.values.iter().filter(|c| keep(c, drop_merged)).cloned());
        if trail {
            v.extend(g.trail.iter().filter(|c| keep(c, drop_merged)).cloned());
        }
        v
    };
    for drop_merged in [false, true] {
        for (lead, trail) in [(false, false), (false, true), (true, false), (true, true)] {
            let v = with(lead, trail, drop_merged);
            if v.len() == expected {
                return v;
            }
        }
    }
    with(false, false, false)
}

/// An unlabelled row (table 四's fifteen values) written as several small tables, one per group
/// of columns (行政复议, then 未经复议直接起诉, then 复议后起诉, each under its own header): when no
/// row has all the values, consecutive rows whose values add up to them are that row.
fn join_split_rows(mut groups: Vec<Group>, spec: &crate::template::TableSpec) -> Vec<Group> {
    for block in &spec.blocks {
        let unlabelled = block.data_rows().any(|r| block.rows[r].norm.is_empty());
        let n = block.columns.iter().filter(|c| !c.optional).count();
        if !unlabelled || groups.iter().any(|g| g.values.len() == n) {
            continue;
        }
        let counts: Vec<usize> = groups.iter().map(|g| g.values.len()).collect();
        let run = (0..groups.len()).find_map(|i| {
            let mut sum = 0;
            for (j, &c) in counts.iter().enumerate().skip(i) {
                if c < 2 || c >= n {
                    return None;
                }
                sum += c;
                if sum == n {
                    return Some(i..j + 1);
                }
                if sum > n {
                    return None;
                }
            }
            None
        });
        if let Some(run) = run {
            let mut parts = groups.drain(run.clone());
            let mut joined = parts.next().expect("a run has groups");
            for g in parts {
                joined.labels.extend(g.labels);
                joined.values.extend(g.values);
            }
            joined.own = 0;
            groups.insert(run.start, joined);
        }
    }
    groups
}

/// The label cells of a section that name columns of the template (two at least): a header,
/// from its first such cell to its last.
fn header_without_values(
    text: &str,
    cells: &[LineCells],
    spec: &crate::template::TableSpec,
) -> Option<Range<usize>> {
    let columns: Vec<&str> = spec
        .blocks
        .iter()
        .flat_map(|b| b.columns.iter().map(|c| c.norm.as_str()))
        .collect();
    let mut found: Vec<Range<usize>> = Vec::new();
    for c in label_cells(cells) {
        if columns.contains(&crate::text::normalize_words(&text[c.range.clone()]).as_str()) {
            found.push(c.range.clone());
        }
    }
    (found.len() >= 2).then(|| found[0].start..found[found.len() - 1].end)
}

/// Positions of a header's tab or pipe fields that no header line labels, between the first and
/// the last labelled one: a column split in a Word table leaves such an empty field in the header
/// and in every row, and it holds no value.
fn merged_positions(text: &str, model: &Model, cells: &[HeaderCell]) -> Option<Vec<usize>> {
    let mut lines: Vec<usize> = cells.iter().map(|c| c.line).collect();
    lines.dedup();
    let mut labelled: Vec<usize> = Vec::new();
    for &l in &lines {
        let Some(line) = model.lines.get(l) else {
            continue;
        };
        // Block titles and notes on lines of their own have no fields to align.
        if !matches!(
            line.kind,
            crate::syntax::LineKind::TabRow | crate::syntax::LineKind::PipeRow
        ) {
            continue;
        }
        for (i, f) in line.fields.iter().enumerate() {
            if !crate::text::trim_markup(text, f.content.clone()).is_empty() {
                labelled.push(i);
            }
        }
    }
    labelled.sort_unstable();
    labelled.dedup();
    // A title alone in the first field names no columns.
    if labelled.len() < 2 {
        return None;
    }
    let (lo, hi) = (labelled[0], labelled[labelled.len() - 1]);
    Some((lo..hi).filter(|p| !labelled.contains(p)).collect())
}

/// Reads the table of template table `spec` in section hit `section`.
pub(super) fn read_table(
    model: &Model,
    format: &'static FormatSpec,
    spec: FormatTable,
    section: ModelSection,
    cells: &[LineCells],
) -> (TableModel, Vec<Unread>) {
    let text = model.text;
    let hit = &model.sections[section.0];
    let table_spec = format.table(spec);
    let lines = &model.lines[hit.body_lines.clone()];
    let groups = join_split_rows(groups(lines, cells), table_spec);

    // The template's data rows, all blocks in order.
    let flat: Vec<(usize, usize)> = table_spec
        .blocks
        .iter()
        .enumerate()
        .flat_map(|(b, block)| block.data_rows().map(move |r| (b, r)))
        .collect();
    let cands: Vec<Vec<Candidate>> = groups.iter().map(|g| candidates(text, g)).collect();
    let scores: Vec<Vec<Option<Match>>> = groups
        .iter()
        .zip(&cands)
        .map(|(g, c)| {
            flat.iter()
                .map(|&(b, r)| {
                    let block = &table_spec.blocks[b];
                    let cols = block.columns.iter().filter(|c| !c.optional).count();
                    match_row(g, c, block, r, cols)
                })
                .collect()
        })
        .collect();
    let assignment = align(&scores, flat.len());

    let mut unread = Vec::new();
    let mut blocks = Vec::new();
    let mut layouts: Vec<Layout> = Vec::new();
    let mut range: Option<Range<usize>> = None;
    let mut extend = |r: Range<usize>| {
        range = Some(match range.take() {
            None => r,
            Some(x) => x.start.min(r.start)..x.end.max(r.end),
        });
    };
    // Groups before this index belong to the blocks already read.
    let mut header_from = 0;
    let mut grid: Vec<usize> = Vec::new();
    for (b, block) in table_spec.blocks.iter().enumerate() {
        // Groups matched to this block's rows, in order.
        let members: Vec<(usize, usize)> = assignment
            .iter()
            .enumerate()
            .filter_map(|(gi, a)| a.map(|fi| (gi, fi)))
            .filter(|&(_, fi)| flat[fi].0 == b)
            .map(|(gi, fi)| (gi, flat[fi].1))
            .collect();
        // The header: label cells of the first row's group before its own label, after those of
        // header lines read as rows of blanks (`| 申请人情况 |  |  |`) that no row took.
        let header_cells: Vec<HeaderCell> = members
            .first()
            .map(|&(gi, _)| {
                let g = &groups[gi];
                let fi = assignment[gi].expect("member groups are assigned");
                let own = scores[gi][fi]
                    .as_ref()
                    .and_then(|m| m.label.as_ref())
                    .map(|l| l.0.start)
                    .unwrap_or(g.labels.len());
                let lines_before = (header_from..gi)
                    .filter(|&k| assignment[k].is_none() && groups[k].values.is_empty())
                    .flat_map(|k| groups[k].labels.iter());
                lines_before
                    .chain(&g.labels[..own])
                    .filter(|c| matches!(c.kind, Kind::Label))
                    .map(|c| HeaderCell {
                        line: c.line,
                        range: c.range.clone(),
                    })
                    .collect()
            })
            .unwrap_or_default();
        if let Some(&(last, _)) = members.last() {
            header_from = last + 1;
        }
        // A row of blanks says nothing about the number of columns.
        let counts: Vec<usize> = members
            .iter()
            .map(|&(gi, _)| groups[gi].values.len())
            .filter(|&n| n > 0)
            .collect();
        // A block without a header line of its own continues the grid of the block before.
        let merged = match merged_positions(text, model, &header_cells) {
            Some(m) => {
                grid = m.clone();
                m
            }
            None => grid.clone(),
        };
        let (header, columns) = header::read_header(text, block, &header_cells, &counts);
        if let Some(h) = &header {
            extend(h.range.clone());
        }
        let mut rows = Vec::new();
        for &(gi, row) in &members {
            let g = &groups[gi];
            let fi = assignment[gi].expect("member groups are assigned");
            let m = scores[gi][fi]
                .as_ref()
                .expect("assigned pairs have a score");
            let label = m.label.as_ref().map(|(cells, standard, complete)| {
                let own = &g.labels[cells.clone()];
                let range = span(own).unwrap_or(0..0);
                let text_range = (own.len() == 1).then(|| {
                    let r = own[0].range.clone();
                    let s = &text[r.clone()];
                    let skip = parse_ordinal(s).map(|o| o.len).unwrap_or(0);
                    r.start + skip..r.end
                });
                LabelHit {
                    range,
                    text_range,
                    standard: *standard,
                    complete: *complete,
                }
            });
            let values = pick_values(g, columns.len(), &merged);
            let bound = values.len() == columns.len();
            let cells: Vec<ValueCell> = values
                .iter()
                .enumerate()
                .map(|(k, c)| ValueCell {
                    col: bound.then(|| columns[k]),
                    range: c.range.clone(),
                    line: c.line,
                    value: match &c.kind {
                        Kind::Number(n) => Value::Number(*n),
                        Kind::Blank => Value::Blank,
                        _ => Value::Text,
                    },
                    unit: c.unit.clone(),
                })
                .collect();
            let first = label
                .as_ref()
                .map(|l| l.range.start)
                .or(cells.first().map(|c| c.range.start))
                .unwrap_or(0);
            let last = cells.last().map(|c| c.range.end).unwrap_or(first);
            let first_line = g
                .labels
                .iter()
                .find(|c| Some(c.range.start) == label.as_ref().map(|l| l.range.start))
                .map(|c| c.line)
                .or(values.first().map(|c| c.line))
                .unwrap_or(0);
            let last_line = values.last().map(|c| c.line).unwrap_or(first_line);
            extend(first..last);
            layouts.push(g.layout);
            rows.push(RowModel {
                row,
                label,
                values: cells,
                expected: columns.len(),
                lines: first_line..last_line + 1,
                range: first..last,
            });
        }
        let found: Vec<usize> = rows.iter().map(|r| r.row).collect();
        let missing_rows = block.data_rows().filter(|r| !found.contains(r)).collect();
        blocks.push(BlockModel {
            header,
            columns,
            rows,
            missing_rows,
        });
    }
    for (gi, a) in assignment.iter().enumerate() {
        if a.is_none()
            && let Some(r) = span(&groups[gi].values)
        {
            unread.push(Unread {
                range: r,
                what: "row",
            });
        }
    }
    let any_value = groups.iter().any(|g| !g.values.is_empty());
    let present = blocks.iter().any(|b| !b.rows.is_empty()) || any_value;
    let layout = most_common(&layouts).unwrap_or(Layout::Rows);
    (
        TableModel {
            format,
            spec,
            section,
            layout,
            blocks,
            present,
            range: range.unwrap_or(hit.body.start..hit.body.start),
            header_only: (!present)
                .then(|| header_without_values(text, cells, table_spec))
                .flatten(),
            arithmetic: Default::default(),
            retired: Vec::new(),
        },
        unread,
    )
}

fn most_common(v: &[Layout]) -> Option<Layout> {
    let mut best: Option<(Layout, usize)> = None;
    for l in v {
        let n = v.iter().filter(|x| *x == l).count();
        if best.is_none_or(|(_, m)| n > m) {
            best = Some((*l, n));
        }
    }
    best.map(|(l, _)| l)
}

/// The cells of a section's lines, read once for every reading of its table.
pub(super) fn section_cells(model: &Model, section: ModelSection) -> Vec<LineCells> {
    let hit = &model.sections[section.0];
    model.lines[hit.body_lines.clone()]
        .iter()
        .map(|line| super::cells::line_cells(model.text, line))
        .collect()
}

/// The label cells of a section's lines.
fn label_cells(cells: &[LineCells]) -> impl Iterator<Item = &Cell> {
    cells
        .iter()
        .flat_map(|lc| match lc {
            LineCells::Single(c) => std::slice::from_ref(c),
            LineCells::Row(_, cells) => cells.as_slice(),
            _ => &[],
        })
        .filter(|c| matches!(c.kind, Kind::Label))
}

/// The labels of older formats, dropped by `format`, that the label cells of a section hold.
pub(super) fn retired_labels(
    text: &str,
    format: &FormatSpec,
    cells: &[LineCells],
) -> Vec<super::RetiredHit> {
    if format.retired.is_empty() {
        return Vec::new();
    }
    let mut out = Vec::new();
    for c in label_cells(cells) {
        let s = &text[c.range.clone()];
        let skip = parse_ordinal(s).map_or(0, |o| o.len);
        let norm = crate::text::normalize_words(&s[skip..]);
        if let Some(k) = format.retired.iter().position(|r| r.norm == norm) {
            out.push(super::RetiredHit {
                range: c.range.start + skip..c.range.end,
                label: k,
            });
        }
    }
    out
}
