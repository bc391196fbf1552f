//! Step 1 of reading a table: each line of the section becomes cells. A tab or pipe row gives
//! its fields; a paragraph with runs of spaces and numbers gives space-aligned fields; anything
//! else is one cell on its own line. Fields are labels, numbers, "bad values" (text where a number
//! is meant) or blanks. Long paragraphs are prose and break the table.

use super::Layout;
use crate::syntax::{Line, LineKind};
use crate::text::{Number, is_space, parse_number, trim_markup};
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
