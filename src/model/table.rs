//! Reading a table in any layout: the lines of a section become cells, cells become row groups
//! (labels followed by values), groups are aligned with the template's rows, and values are
//! bound to columns.
//!
//! Layouts: tab rows, pipe rows, space-aligned columns (PDF text) and one cell per line (with or
//! without blank lines between cells or rows). Labels broken over lines are read by trying
//! adjacent label cells together.

use super::header::{self, HeaderCell};
use super::{
    BlockModel, LabelHit, Model, ModelSection, RowModel, TableModel, Unread, Value, ValueCell,
};
use crate::syntax::{Line, LineKind};
use crate::template::{BlockSpec, FormatSpec, FormatTable, RowSpec};
use crate::text::{
    Fuzzy, Number, is_space, lcs, normalize_words, parse_number, parse_ordinal, trim_markup,
};
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

#[derive(Clone, Debug)]
enum Kind {
    Label,
    Number(Number),
    BadValue,
    Blank,
}

#[derive(Clone, Debug)]
struct Cell {
    line: usize,
    range: Range<usize>,
    kind: Kind,
}

impl Cell {
    fn is_value(&self) -> bool {
        matches!(self.kind, Kind::Number(_) | Kind::BadValue)
    }
}

/// Labels followed by the values of one row.
#[derive(Clone, Debug)]
struct Group {
    labels: Vec<Cell>,
    /// Blanks that may be the first values (one cell per line only).
    lead: Vec<Cell>,
    values: Vec<Cell>,
    /// Blanks that may be the last values (one cell per line only).
    trail: Vec<Cell>,
    layout: Layout,
}

/// Lines longer than this are prose, not cells.
const PROSE_CHARS: usize = 60;

/// Placeholders some clerks write instead of a number.
const PLACEHOLDERS: &[&str] = &[
    "-", "—", "--", "——", "－", "/", "／", "无", "無", "空", "×", "x", "X", "*",
];

fn classify(text: &str, range: Range<usize>) -> Kind {
    let s = &text[range];
    if s.is_empty() {
        return Kind::Blank;
    }
    if let Some(n) = parse_number(s) {
        return Kind::Number(n);
    }
    if PLACEHOLDERS.contains(&s) {
        return Kind::BadValue;
    }
    // 「五百」, 「十二」: a number in Han numerals.
    if s.chars().count() <= 8
        && s.chars()
            .all(|c| "〇零一二三四五六七八九十百千万两".contains(c))
    {
        return Kind::BadValue;
    }
    let total = s.chars().count();
    let digits = s
        .chars()
        .filter(|c| c.is_ascii_digit() || ('０'..='９').contains(c))
        .count();
    // 「12件」, 「1,2345」: mostly digits, so meant as a number.
    if total <= 12 && digits > 0 && digits * 2 >= total {
        return Kind::BadValue;
    }
    Kind::Label
}

/// What one line contributes.
enum LineCells {
    /// An empty line.
    Gap,
    /// A long paragraph: not part of a table.
    Prose,
    /// One cell on its own line (possibly blank).
    Single(Cell),
    /// A row of several cells.
    Row(Layout, Vec<Cell>),
    /// Nothing to read (a Markdown separator row).
    Skip,
}

fn is_rule_field(s: &str) -> bool {
    let t = s.trim_matches(|c: char| is_space(c) || c == ':');
    !t.is_empty() && t.chars().all(|c| c == '-' || c == '—' || c == '=')
}

/// Splits a line of space-aligned columns: runs of two or more spaces separate cells, and so does
/// any space next to a number.
fn spaced_fields(text: &str, range: Range<usize>) -> Vec<Range<usize>> {
    let s = &text[range.clone()];
    let mut tokens: Vec<(Range<usize>, bool)> = Vec::new();
    let mut start: Option<usize> = None;
    for (i, c) in s.char_indices() {
        if is_space(c) {
            if let Some(st) = start.take() {
                let r = range.start + st..range.start + i;
                let num = parse_number(&text[r.clone()]).is_some();
                tokens.push((r, num));
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(st) = start {
        let r = range.start + st..range.end;
        let num = parse_number(&text[r.clone()]).is_some();
        tokens.push((r, num));
    }
    let mut fields: Vec<(Range<usize>, bool)> = Vec::new();
    for (r, num) in tokens {
        if let Some((last, last_num)) = fields.last_mut() {
            let gap = &text[last.end..r.start];
            if !num && !*last_num && gap.chars().count() == 1 {
                last.end = r.end;
                continue;
            }
        }
        fields.push((r, num));
    }
    fields.into_iter().map(|(r, _)| r).collect()
}

fn line_cells(text: &str, line: &Line) -> LineCells {
    let cell = |range: Range<usize>| Cell {
        line: line.number,
        kind: classify(text, range.clone()),
        range,
    };
    match line.kind {
        LineKind::Empty => LineCells::Gap,
        LineKind::Blank => LineCells::Single(Cell {
            line: line.number,
            range: line.range.end..line.range.end,
            kind: Kind::Blank,
        }),
        LineKind::TabRow | LineKind::PipeRow => {
            let layout = if line.kind == LineKind::TabRow {
                Layout::Rows
            } else {
                Layout::Pipes
            };
            // Conversion leftovers count as spaces: 「&nbsp;」 alone is an empty field.
            let contents: Vec<Range<usize>> = line
                .fields
                .iter()
                .map(|f| trim_markup(text, f.content.clone()))
                .collect();
            let filled: Vec<&Range<usize>> = contents.iter().filter(|r| !r.is_empty()).collect();
            if layout == Layout::Pipes
                && contents
                    .iter()
                    .all(|r| r.is_empty() || is_rule_field(&text[r.clone()]))
            {
                return LineCells::Skip;
            }
            if layout == Layout::Rows && filled.len() <= 1 {
                return match filled.first() {
                    None => LineCells::Single(Cell {
                        line: line.number,
                        range: line.range.end..line.range.end,
                        kind: Kind::Blank,
                    }),
                    Some(r) => single(text, line, (*r).clone()),
                };
            }
            let cells: Vec<Cell> = contents.into_iter().map(cell).collect();
            LineCells::Row(layout, cells)
        }
        LineKind::Heading | LineKind::Paragraph => {
            let content = trim_markup(text, line.fields[0].content.clone());
            if content.is_empty() {
                // Read the line as it would be without the leftovers: nothing at all is a gap,
                // spaces are a blank cell.
                let only_markup = trim_markup(text, line.range.clone()).is_empty()
                    && !text[line.range.clone()].contains(is_space);
                if only_markup {
                    return LineCells::Gap;
                }
                return LineCells::Single(Cell {
                    line: line.number,
                    range: line.range.end..line.range.end,
                    kind: Kind::Blank,
                });
            }
            // A pipe row hidden behind a leftover such as 「&nbsp;」 is still a pipe row.
            if text[content.clone()].starts_with(['|', '｜']) {
                return pipe_fields(text, line, content);
            }
            let fields = spaced_fields(text, content.clone());
            if fields.len() >= 2 {
                let cells: Vec<Cell> = fields.into_iter().map(cell).collect();
                // Text after the numbers means a sentence, not a row.
                let first_value = cells.iter().position(Cell::is_value);
                let text_after = first_value
                    .is_some_and(|i| cells[i..].iter().any(|c| matches!(c.kind, Kind::Label)));
                if !text_after {
                    return LineCells::Row(Layout::Spaced, cells);
                }
            }
            single(text, line, content)
        }
    }
}

/// Splits `| a | b |` text that the grammar did not see as a pipe row.
fn pipe_fields(text: &str, line: &Line, content: Range<usize>) -> LineCells {
    let s = &text[content.clone()];
    let mut cells = Vec::new();
    let mut start: Option<usize> = None;
    for (i, c) in s.char_indices() {
        if c == '|' || c == '｜' {
            if let Some(st) = start {
                let r = trim_markup(text, content.start + st..content.start + i);
                cells.push(Cell {
                    line: line.number,
                    kind: classify(text, r.clone()),
                    range: r,
                });
            }
            start = Some(i + c.len_utf8());
        }
    }
    if let Some(st) = start {
        let r = trim_markup(text, content.start + st..content.end);
        if !r.is_empty() {
            cells.push(Cell {
                line: line.number,
                kind: classify(text, r.clone()),
                range: r,
            });
        }
    }
    if cells
        .iter()
        .all(|c| c.range.is_empty() || is_rule_field(&text[c.range.clone()]))
    {
        return LineCells::Skip;
    }
    LineCells::Row(Layout::Pipes, cells)
}

fn single(text: &str, line: &Line, range: Range<usize>) -> LineCells {
    if text[range.clone()].chars().count() > PROSE_CHARS {
        return LineCells::Prose;
    }
    LineCells::Single(Cell {
        line: line.number,
        kind: classify(text, range.clone()),
        range,
    })
}

/// Turns the lines of a region into row groups.
fn groups(text: &str, lines: &[Line]) -> Vec<Group> {
    let mut out = Vec::new();
    let mut pending: Vec<Cell> = Vec::new();
    let mut lead: Vec<Cell> = Vec::new();
    let mut cur: Option<Group> = None;
    let mut gap = false;
    let mut last_label_line: Option<usize> = None;
    let close = |cur: &mut Option<Group>, out: &mut Vec<Group>| {
        if let Some(mut g) = cur.take() {
            while g
                .values
                .last()
                .is_some_and(|c| matches!(c.kind, Kind::Blank))
            {
                let c = g.values.pop().expect("checked non-empty");
                g.trail.insert(0, c);
            }
            out.push(g);
        }
    };
    for line in lines {
        match line_cells(text, line) {
            LineCells::Gap => {
                gap = true;
                continue;
            }
            LineCells::Skip => {}
            LineCells::Prose => {
                close(&mut cur, &mut out);
                pending.clear();
                lead.clear();
            }
            LineCells::Row(layout, cells) => {
                close(&mut cur, &mut out);
                lead.clear();
                let first = cells.iter().position(Cell::is_value);
                let last = cells.iter().rposition(Cell::is_value);
                match (first, last) {
                    (Some(a), Some(b)) => {
                        let mut labels = std::mem::take(&mut pending);
                        labels.extend(
                            cells[..a]
                                .iter()
                                .filter(|c| matches!(c.kind, Kind::Label))
                                .cloned(),
                        );
                        out.push(Group {
                            labels,
                            lead: Vec::new(),
                            values: cells[a..=b].to_vec(),
                            trail: Vec::new(),
                            layout,
                        });
                    }
                    _ => {
                        pending.extend(cells.into_iter().filter(|c| matches!(c.kind, Kind::Label)));
                        last_label_line = Some(line.number);
                    }
                }
            }
            LineCells::Single(c) => match c.kind {
                Kind::Label => {
                    close(&mut cur, &mut out);
                    lead.clear();
                    last_label_line = Some(c.line);
                    pending.push(c);
                }
                Kind::Number(_) | Kind::BadValue => {
                    let g = cur.get_or_insert_with(|| Group {
                        labels: std::mem::take(&mut pending),
                        lead: std::mem::take(&mut lead),
                        values: Vec::new(),
                        trail: Vec::new(),
                        layout: Layout::CellPerLine,
                    });
                    g.values.push(c);
                }
                Kind::Blank => {
                    if let Some(g) = cur.as_mut() {
                        if !gap {
                            g.values.push(c);
                        } else {
                            // A blank after a gap belongs to the next row's label cells.
                            close(&mut cur, &mut out);
                        }
                    } else if !gap && last_label_line.is_some_and(|l| l + 1 == c.line) {
                        lead.push(c);
                    }
                }
            },
        }
        gap = false;
    }
    close(&mut cur, &mut out);
    out
}

/// A way to read a group's label: one cell or a few adjacent cells taken together.
struct Candidate {
    /// Indices into the group's labels.
    cells: Range<usize>,
    norm: Fuzzy,
    ordinal: Option<u32>,
}

/// Label cells further than this from the values are headers, not the row's own label.
const LABEL_REACH: usize = 12;

fn candidates(text: &str, g: &Group) -> Vec<Candidate> {
    let labels: Vec<(usize, &Cell)> = g
        .labels
        .iter()
        .enumerate()
        .filter(|(_, c)| matches!(c.kind, Kind::Label))
        .collect();
    let labels = &labels[labels.len().saturating_sub(LABEL_REACH)..];
    let mut out = Vec::new();
    for (k, &(i, c)) in labels.iter().enumerate() {
        let s = &text[c.range.clone()];
        let ord = parse_ordinal(s);
        let body = ord.map(|o| &s[o.len..]).unwrap_or(s);
        let mut norm = normalize_words(body);
        out.push(Candidate {
            cells: i..i + 1,
            norm: Fuzzy::new(norm.clone()),
            ordinal: ord.map(|o| o.value),
        });
        for &(j, next) in labels.iter().skip(k + 1).take(2) {
            norm.push_str(&normalize_words(&text[next.range.clone()]));
            out.push(Candidate {
                cells: i..j + 1,
                norm: Fuzzy::new(norm.clone()),
                ordinal: ord.map(|o| o.value),
            });
        }
    }
    out
}

/// How well a candidate reads as a row label: (score, exact words, whole label).
fn label_score(c: &Candidate, row: &RowSpec) -> Option<(f64, bool, bool)> {
    if c.norm.is_empty() {
        return None;
    }
    let bonus = match (c.ordinal, row.ordinal_value) {
        (Some(a), Some(b)) if a == b => 0.1,
        (Some(_), Some(_)) => -0.25,
        _ => 0.0,
    };
    let exact = row.fuzzy.iter().any(|f| f.text == c.norm.text);
    if exact {
        return Some((1.0 + bonus, true, true));
    }
    let label = &row.fuzzy[0];
    let n = c.norm.len();
    let m = label.len();
    // A fragment of a label wrapped over lines.
    let frag = if n >= 3 && label.text.contains(c.norm.text.as_str()) {
        0.6 + 0.4 * n as f64 / m as f64
    } else {
        0.0
    };
    // Skip the costly comparison when even a perfect one could not reach the threshold.
    let bound = row
        .fuzzy
        .iter()
        .map(|f| c.norm.similarity_bound(f))
        .fold(0.0, f64::max);
    let near_fragment = n >= 6 && n < m && c.norm.common(label) * 10 >= n * 9;
    if bound.max(frag) + bonus < MIN_SCORE && !near_fragment {
        return None;
    }
    let sim = row
        .fuzzy
        .iter()
        .filter(|f| c.norm.similarity_bound(f) + bonus >= MIN_SCORE)
        .map(|f| c.norm.similarity(f))
        .fold(0.0, f64::max);
    let frag = if frag == 0.0 && near_fragment && coverage_of(&c.norm, label) >= 0.9 {
        0.55 + 0.3 * n as f64 / m as f64
    } else {
        frag
    };
    let (s, complete) = if frag > sim {
        (frag, false)
    } else {
        (sim, sim >= 0.75)
    };
    Some((s + bonus, false, complete))
}

fn coverage_of(fragment: &Fuzzy, label: &Fuzzy) -> f64 {
    lcs(&fragment.chars, &label.chars) as f64 / fragment.len().max(1) as f64
}

/// The best reading of a group as a template row.
#[derive(Clone)]
struct Match {
    score: f64,
    label: Option<(Range<usize>, bool, bool)>,
}

const MIN_SCORE: f64 = 0.62;

fn match_row(
    g: &Group,
    cands: &[Candidate],
    block: &BlockSpec,
    row: usize,
    columns: usize,
) -> Option<Match> {
    let spec = &block.rows[row];
    if spec.norm.is_empty() {
        // An unlabelled row (table 四): the group with the right number of values.
        let n = g.values.len();
        let s = 0.5 + 0.3 * n.min(columns) as f64 / columns.max(1) as f64
            - if n > columns { 0.2 } else { 0.0 };
        return Some(Match {
            score: s,
            label: None,
        });
    }
    let label_count = g.labels.len();
    let mut best: Option<Match> = None;
    for c in cands {
        let Some((s, exact, complete)) = label_score(c, spec) else {
            continue;
        };
        // Labels nearer the values are the row's own; earlier ones are headers.
        let distance = label_count.saturating_sub(c.cells.end).min(10);
        let s = s * (1.0 - 0.03 * distance as f64);
        if s >= MIN_SCORE && best.as_ref().is_none_or(|b| s > b.score) {
            best = Some(Match {
                score: s,
                label: Some((c.cells.clone(), exact, complete)),
            });
        }
    }
    best
}

/// Aligns groups with the template's data rows, in order, maximising the total score.
fn align(scores: &[Vec<Option<Match>>], rows: usize) -> Vec<Option<usize>> {
    let n = scores.len();
    // dp[i][j]: best total using the first i groups and the first j rows.
    let mut dp = vec![vec![0.0f64; rows + 1]; n + 1];
    for i in 1..=n {
        for j in 1..=rows {
            let mut v = dp[i - 1][j].max(dp[i][j - 1]);
            if let Some(m) = &scores[i - 1][j - 1] {
                v = v.max(dp[i - 1][j - 1] + m.score);
            }
            dp[i][j] = v;
        }
    }
    let mut out = vec![None; n];
    let (mut i, mut j) = (n, rows);
    while i > 0 && j > 0 {
        if let Some(m) = &scores[i - 1][j - 1]
            && (dp[i][j] - (dp[i - 1][j - 1] + m.score)).abs() < 1e-9
        {
            out[i - 1] = Some(j - 1);
            i -= 1;
            j -= 1;
        } else if (dp[i][j] - dp[i - 1][j]).abs() < 1e-9 {
            i -= 1;
        } else {
            j -= 1;
        }
    }
    out
}

fn span(cells: &[Cell]) -> Option<Range<usize>> {
    let first = cells.first()?;
    let last = cells.last()?;
    Some(first.range.start..last.range.end)
}

/// Picks the group's values for a row of `expected` cells: with or without the blanks that may
/// belong to it.
fn pick_values(g: &Group, expected: usize) -> Vec<Cell> {
    let with = |lead: bool, trail: bool| -> Vec<Cell> {
        let mut v = Vec::new();
        if lead {
            v.extend(g.lead.iter().cloned());
        }
        v.extend(g.values.iter().cloned());
        if trail {
            v.extend(g.trail.iter().cloned());
        }
        v
    };
    for (lead, trail) in [(false, false), (false, true), (true, false), (true, true)] {
        let v = with(lead, trail);
        if v.len() == expected {
            return v;
        }
    }
    with(false, false)
}

/// Reads the table of template table `spec` in section hit `section`.
pub(super) fn read_table(
    model: &Model,
    format: &'static FormatSpec,
    spec: FormatTable,
    section: ModelSection,
) -> (TableModel, Vec<Unread>) {
    let text = model.text;
    let hit = &model.sections[section.0];
    let table_spec = format.table(spec);
    let lines = &model.lines[hit.body_lines.clone()];
    let groups = groups(text, lines);

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
    for (b, block) in table_spec.blocks.iter().enumerate() {
        // Groups matched to this block's rows, in order.
        let members: Vec<(usize, usize)> = assignment
            .iter()
            .enumerate()
            .filter_map(|(gi, a)| a.map(|fi| (gi, fi)))
            .filter(|&(_, fi)| flat[fi].0 == b)
            .map(|(gi, fi)| (gi, flat[fi].1))
            .collect();
        // The header: label cells of the first row's group before its own label.
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
                g.labels[..own]
                    .iter()
                    .filter(|c| matches!(c.kind, Kind::Label))
                    .map(|c| HeaderCell {
                        line: c.line,
                        range: c.range.clone(),
                    })
                    .collect()
            })
            .unwrap_or_default();
        let counts: Vec<usize> = members
            .iter()
            .map(|&(gi, _)| groups[gi].values.len())
            .collect();
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
            let values = pick_values(g, columns.len());
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
            arithmetic: Default::default(),
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
