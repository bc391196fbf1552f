//! Step 1 of reading a table: each line of the section becomes cells. A tab or pipe row gives
//! its fields; a paragraph with runs of spaces and numbers gives space-aligned fields; anything
//! else is one cell on its own line. Fields are labels, numbers, "bad values" (text where a number
//! is meant) or blanks. Long paragraphs are prose and break the table.

use super::Layout;
use crate::syntax::{Line, LineKind};
use crate::template::Template;
use crate::text::{Number, is_space, parse_number, parse_number_with_unit, trim_markup};
use std::ops::Range;

#[derive(Clone, Debug)]
pub(super) enum Kind {
    Label,
    Number(Number),
    BadValue,
    Blank,
}

#[derive(Clone, Debug)]
pub(super) struct Cell {
    pub(super) line: usize,
    pub(super) range: Range<usize>,
    pub(super) kind: Kind,
    /// The position of the field in its tab or pipe row, counted from the row's first field.
    pub(super) field: Option<usize>,
    /// The unit written after a number (「元」 in 「318000元」), with the spaces before it.
    pub(super) unit: Option<Range<usize>>,
}

impl Cell {
    pub(super) fn is_value(&self) -> bool {
        matches!(self.kind, Kind::Number(_) | Kind::BadValue)
    }
}

/// Lines longer than this are prose, not cells.
const PROSE_CHARS: usize = 60;

/// Placeholders some clerks write instead of a number.
const PLACEHOLDERS: &[&str] = &[
    "-", "—", "--", "——", "－", "/", "／", "无", "無", "空", "×", "x", "X", "*",
];

/// A cell of `range`: what it holds and, for a number with a unit, where the unit is.
fn cell_at(text: &str, line: usize, range: Range<usize>, field: Option<usize>) -> Cell {
    let s = &text[range.clone()];
    if trim_markup(text, range.clone()).is_empty() {
        return Cell {
            line,
            range,
            kind: Kind::Blank,
            field,
            unit: None,
        };
    }
    let (kind, unit) = match parse_number_with_unit(s, &Template::get().values.units) {
        Some((n, unit_len)) if unit_len > 0 => {
            (Kind::Number(n), Some(range.end - unit_len..range.end))
        }
        _ => (classify(s), None),
    };
    Cell {
        line,
        range,
        kind,
        field,
        unit,
    }
}

/// A blank cell at `at`.
fn blank(line: usize, at: usize, field: Option<usize>) -> Cell {
    Cell {
        line,
        range: at..at,
        kind: Kind::Blank,
        field,
        unit: None,
    }
}

fn classify(s: &str) -> Kind {
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
pub(super) enum LineCells {
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

pub(super) fn line_cells(text: &str, line: &Line) -> LineCells {
    let n = line.number;
    match line.kind {
        LineKind::Empty => LineCells::Gap,
        LineKind::Blank => LineCells::Single(blank(n, line.range.end, None)),
        LineKind::TabRow | LineKind::PipeRow => {
            let layout = if line.kind == LineKind::TabRow {
                Layout::Rows
            } else {
                Layout::Pipes
            };
            // Conversion leftovers count as spaces: 「&nbsp;」 alone is an empty field. A pipe
            // inside a tab row's field separates cells too (`\t31 |`, a cell of a web table
            // copied one per line).
            let mut contents: Vec<Range<usize>> = Vec::new();
            for f in &line.fields {
                let r = field(text, f.content.clone());
                if layout == Layout::Rows && text[r.clone()].contains(['|', '｜']) {
                    let parts = pipe_fields(text, r.clone());
                    if parts.is_empty() {
                        contents.push(r.end..r.end);
                    }
                    contents.extend(parts);
                } else {
                    contents.push(r);
                }
            }
            fields_row(text, line, layout, contents)
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
                return LineCells::Single(blank(n, line.range.end, None));
            }
            // Pipes the grammar did not take for a row: without the outer pipes (`a | b |`), or
            // hidden behind a leftover such as 「&nbsp;」, or ending a cell on its own line.
            if text[content.clone()].contains(['|', '｜']) {
                let fields = pipe_fields(text, content.clone());
                if fields
                    .iter()
                    .all(|r| text[r.clone()].chars().count() <= PROSE_CHARS)
                {
                    return fields_row(text, line, Layout::Pipes, fields);
                }
            }
            let fields = spaced_fields(text, content.clone());
            if fields.len() >= 2 {
                let cells: Vec<Cell> = fields
                    .into_iter()
                    .map(|r| cell_at(text, n, r, None))
                    .collect();
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

/// The cells of a row of fields (tab or pipe separated, already trimmed).
fn fields_row(text: &str, line: &Line, layout: Layout, fields: Vec<Range<usize>>) -> LineCells {
    let n = line.number;
    let empty = |r: &Range<usize>| trim_markup(text, r.clone()).is_empty();
    if layout == Layout::Pipes
        && fields
            .iter()
            .all(|r| empty(r) || is_rule_field(&text[r.clone()]))
    {
        return LineCells::Skip;
    }
    let filled: Vec<usize> = (0..fields.len()).filter(|&i| !empty(&fields[i])).collect();
    match filled.as_slice() {
        // An indented empty cell on its own line; more empty fields make a row of blanks.
        [] if layout == Layout::Rows && fields.len() <= 2 => {
            return LineCells::Single(blank(n, line.range.end, None));
        }
        // One cell: a cell on its own line (indented by tabs, or ending in a pipe), unless a
        // label is followed by empty fields, which is a row whose values are all blank.
        [only] => {
            let trailing = fields.len() - 1 - only;
            let is_label = matches!(classify(&text[fields[*only].clone()]), Kind::Label);
            if !(is_label && trailing > 0) {
                return single(text, line, fields[*only].clone());
            }
        }
        _ => {}
    }
    let cells: Vec<Cell> = fields
        .into_iter()
        .enumerate()
        .map(|(i, r)| cell_at(text, n, r, Some(i)))
        .collect();
    LineCells::Row(layout, cells)
}

/// A field without spaces and conversion leftovers around it; a field of leftovers only
/// (「&nbsp;」, a web page's blank) keeps them, so that filling it in replaces them.
fn field(text: &str, range: Range<usize>) -> Range<usize> {
    let r = trim_markup(text, range.clone());
    if r.is_empty() {
        let s = &text[range.clone()];
        let start = range.start + (s.len() - s.trim_start_matches(is_space).len());
        let end = range.start + s.trim_end_matches(is_space).len();
        if start < end {
            return start..end;
        }
    }
    r
}

/// The fields of a line split at pipes, trimmed; an empty field before the first pipe or after
/// the last one is an outer pipe's, not a field.
fn pipe_fields(text: &str, content: Range<usize>) -> Vec<Range<usize>> {
    let s = &text[content.clone()];
    let mut fields = Vec::new();
    let mut start = 0;
    for (i, c) in s.char_indices() {
        if c == '|' || c == '｜' {
            fields.push(field(text, content.start + start..content.start + i));
            start = i + c.len_utf8();
        }
    }
    fields.push(field(text, content.start + start..content.end));
    if fields.first().is_some_and(|r| r.is_empty()) {
        fields.remove(0);
    }
    if fields.last().is_some_and(|r| r.is_empty()) {
        fields.pop();
    }
    fields
}

fn single(text: &str, line: &Line, range: Range<usize>) -> LineCells {
    if text[range.clone()].chars().count() > PROSE_CHARS {
        return LineCells::Prose;
    }
    LineCells::Single(cell_at(text, line.number, range, None))
}
