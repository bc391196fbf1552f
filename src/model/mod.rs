//! The model: the syntax tree's lines bound to the template. Finds the title and year, the six
//! sections, and reads the tables of sections 二, 三 and 四 in every layout real reports use.
//! Whatever it cannot read is recorded in `unread`, never guessed.

mod align;
pub mod arith;
mod cells;
mod groups;
mod header;
pub mod prose;
mod sections;
pub mod summary;
mod table;

use crate::syntax::{self, Line};
use crate::template::{BlockSpec, CellRef, FormatSection, FormatSpec, FormatTable, Template};
use crate::text::{Number, Script};
use std::ops::Range;
use tree_sitter::Tree;

pub use table::Layout;

/// A section found in the report: an index into [`Model::sections`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ModelSection(pub usize);

/// The year the report covers, and where it was read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct YearInfo {
    pub year: i32,
    pub range: Range<usize>,
}

/// A section heading bound to the template.
#[derive(Clone, Debug)]
pub struct SectionHit {
    /// Index into the format's sections.
    pub spec: FormatSection,
    /// Line number of the heading.
    pub line: usize,
    /// The heading without surrounding spaces.
    pub heading: Range<usize>,
    /// The heading's title, without ordinal and trailing punctuation.
    pub title: Range<usize>,
    /// Worded and numbered exactly as the template says.
    pub standard: bool,
    /// Taken for this section by its wording alone (exact title or a known variant); a weak
    /// match relies on the ordinal too.
    pub strong: bool,
    /// From the end of the heading line to the next section heading (or the end).
    pub body: Range<usize>,
    /// Line numbers of the body.
    pub body_lines: Range<usize>,
    /// A second heading of a section already seen.
    pub duplicate: bool,
}

/// A value cell.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Number(Number),
    /// Nothing where a number belongs.
    Blank,
    /// Text where a number belongs.
    Text,
}

/// One value of a table row.
#[derive(Clone, Debug)]
pub struct ValueCell {
    /// Index into the block's columns, when the row's values could be bound.
    pub col: Option<usize>,
    /// The content, or for a blank the place where a number would go.
    pub range: Range<usize>,
    pub line: usize,
    pub value: Value,
    /// A unit written after the number (「元」 in 「318000元」), with the spaces before it.
    pub unit: Option<Range<usize>>,
}

/// Where a row label was read.
#[derive(Clone, Debug)]
pub struct LabelHit {
    /// From the first to the last character of the label, ordinal included.
    pub range: Range<usize>,
    /// The label's text without its ordinal, when it sits in one cell.
    pub text_range: Option<Range<usize>>,
    /// Same words as the template (after normalising script, width and spaces).
    pub standard: bool,
    /// The whole label was seen (not a fragment of a wrapped one).
    pub complete: bool,
}

/// A row of a table bound to a template row.
#[derive(Clone, Debug)]
pub struct RowModel {
    /// Index into the block's rows.
    pub row: usize,
    pub label: Option<LabelHit>,
    pub values: Vec<ValueCell>,
    /// Number of values the row should have.
    pub expected: usize,
    /// Lines from the row's first label to its last value.
    pub lines: Range<usize>,
    /// Byte range from the row's first label (or value) to its last value.
    pub range: Range<usize>,
}

impl RowModel {
    /// Whether the values were bound to columns (their number is right).
    pub fn bound(&self) -> bool {
        self.values.len() == self.expected
    }

    pub fn cell(&self, col: usize) -> Option<&ValueCell> {
        self.values.iter().find(|v| v.col == Some(col))
    }
}

/// A column label found in a header.
#[derive(Clone, Debug)]
pub struct ColumnHit {
    pub col: usize,
    pub range: Range<usize>,
    /// Worded as the template says.
    pub standard: bool,
}

/// The header of a block.
#[derive(Clone, Debug, Default)]
pub struct HeaderModel {
    pub range: Range<usize>,
    pub lines: Range<usize>,
    pub columns: Vec<ColumnHit>,
    /// Columns of the template the header lacks, confirmed by the rows' number of values.
    pub missing: Vec<usize>,
    /// Where the missing columns' siblings are, to report them.
    pub anchor: Range<usize>,
}

/// A block of a table (table 二 has four, 三 and 四 one each).
#[derive(Clone, Debug)]
pub struct BlockModel {
    pub header: Option<HeaderModel>,
    /// The template columns present, in the order of the values.
    pub columns: Vec<usize>,
    /// Rows found, in template order.
    pub rows: Vec<RowModel>,
    /// Template data rows not found.
    pub missing_rows: Vec<usize>,
}

impl BlockModel {
    pub fn row(&self, row: usize) -> Option<&RowModel> {
        self.rows.iter().find(|r| r.row == row)
    }
}

/// A table bound to its template.
#[derive(Clone, Debug)]
pub struct TableModel {
    /// The format the table was read in: the report's, unless the table follows another one
    /// better (a 2021 report with a 2019 table).
    pub format: &'static FormatSpec,
    /// Index into the format's tables.
    pub spec: FormatTable,
    /// Index into the model's sections.
    pub section: ModelSection,
    pub layout: Layout,
    pub blocks: Vec<BlockModel>,
    /// Whether the section holds any table cell at all.
    pub present: bool,
    /// Where the header of a table without values is: column labels of the template, and no
    /// value under them.
    pub header_only: Option<Range<usize>>,
    /// Byte range of the table (from its first to its last cell).
    pub range: Range<usize>,
    /// Its arithmetic, worked out on first use.
    arithmetic: std::sync::OnceLock<arith::Arithmetic>,
    /// Labels of an older format that the report's format dropped, found in the table's lines
    /// (read or not): an old table, or an old label in a new one.
    pub retired: Vec<RetiredHit>,
}

/// A label of an older format found in a table.
#[derive(Clone, Debug)]
pub struct RetiredHit {
    /// The label's words, without ordinal.
    pub range: Range<usize>,
    /// Index into the report format's `retired`.
    pub label: usize,
}

impl TableModel {
    /// The template of this table.
    pub fn table_spec(&self) -> &'static crate::template::TableSpec {
        self.format.table(self.spec)
    }

    /// How well the text matched this reading: rows and header columns found, minus rows with
    /// the wrong number of values and columns missing.
    pub fn fit(&self) -> i64 {
        let mut s = 0i64;
        for b in &self.blocks {
            s += b.rows.len() as i64 * 2;
            s -= b.rows.iter().filter(|r| !r.bound()).count() as i64;
            s -= b.missing_rows.len() as i64;
            if let Some(h) = &b.header {
                s += h.columns.iter().filter(|c| c.standard).count() as i64;
                s -= h.missing.len() as i64 * 2;
            }
        }
        s
    }

    /// Whether the reading left nothing out.
    pub fn complete(&self) -> bool {
        self.blocks.iter().all(|b| {
            b.missing_rows.is_empty()
                && b.rows.iter().all(|r| r.bound())
                && b.header.as_ref().is_none_or(|h| h.missing.is_empty())
        })
    }

    /// The sum and balance relations of the table, their values and what explains the failing
    /// ones: worked out once, on first use.
    pub fn arithmetic(&self) -> &arith::Arithmetic {
        self.arithmetic.get_or_init(|| arith::Arithmetic::of(self))
    }

    /// The blocks of the table, each with its template.
    pub fn each_block(&self) -> impl Iterator<Item = BlockView<'_>> + '_ {
        let spec = self.table_spec();
        self.blocks
            .iter()
            .zip(&spec.blocks)
            .enumerate()
            .map(move |(index, (model, spec))| BlockView {
                table: self,
                index,
                model,
                spec,
            })
    }

    /// Every row read, in template order, with its block.
    pub fn each_row(&self) -> impl Iterator<Item = RowView<'_>> + '_ {
        self.each_block().flat_map(|block| {
            block
                .model
                .rows
                .iter()
                .map(move |row| RowView { block, row })
        })
    }

    /// Every value cell read, with its row and block.
    pub fn each_cell(&self) -> impl Iterator<Item = CellView<'_>> + '_ {
        self.each_row().flat_map(|row| {
            row.row
                .values
                .iter()
                .map(move |cell| CellView { row, cell })
        })
    }

    /// The value cell of (block, row, column), if read.
    pub fn cell(&self, block: usize, row: usize, col: usize) -> Option<&ValueCell> {
        self.blocks.get(block)?.row(row)?.cell(col)
    }
}

/// A block of a table with its template.
#[derive(Clone, Copy, Debug)]
pub struct BlockView<'m> {
    pub table: &'m TableModel,
    /// Index into the table's blocks (of the table's own format).
    pub index: usize,
    pub model: &'m BlockModel,
    pub spec: &'static BlockSpec,
}

/// A row of a table with its block.
#[derive(Clone, Copy, Debug)]
pub struct RowView<'m> {
    pub block: BlockView<'m>,
    pub row: &'m RowModel,
}

impl RowView<'_> {
    /// The row's name for messages, in the report's script.
    pub fn name(&self, script: Script) -> String {
        self.block.spec.row_name(self.row.row, script)
    }
}

/// A value cell with its row and block.
#[derive(Clone, Copy, Debug)]
pub struct CellView<'m> {
    pub row: RowView<'m>,
    pub cell: &'m ValueCell,
}

impl CellView<'_> {
    /// Where the cell is in the template, when its row's values could be bound to columns.
    pub fn at(&self) -> Option<CellRef> {
        Some(CellRef {
            block: self.row.block.index,
            row: self.row.row.row,
            col: self.cell.col?,
        })
    }
}

/// Something in the text the model could not read.
#[derive(Clone, Debug)]
pub struct Unread {
    pub range: Range<usize>,
    pub what: &'static str,
}

/// A report bound to the template.
pub struct Model<'t> {
    pub text: &'t str,
    pub lines: Vec<Line>,
    pub script: Script,
    pub year: Option<YearInfo>,
    pub format: &'static FormatSpec,
    /// Sections found, in document order.
    pub sections: Vec<SectionHit>,
    /// Tables of the sections found, in document order.
    pub tables: Vec<TableModel>,
    pub unread: Vec<Unread>,
}

impl<'t> Model<'t> {
    /// Parses and binds a text (a piece at a time: no tree of the whole text is kept).
    pub fn new(text: &'t str) -> Model<'t> {
        Model::from_lines(text, syntax::lines_of(text))
    }

    /// Binds an already parsed text.
    pub fn from_tree(text: &'t str, tree: &Tree) -> Model<'t> {
        let lines = syntax::lines(tree, text);
        Model::from_lines(text, lines)
    }

    pub fn from_lines(text: &'t str, lines: Vec<Line>) -> Model<'t> {
        // The script shows in the first pages; a megabyte need not be counted.
        let mut probe_end = text.len().min(64 * 1024);
        while !text.is_char_boundary(probe_end) {
            probe_end -= 1;
        }
        let script = Script::detect(&text[..probe_end]);
        let template = Template::get();
        let first_heading = sections::first_heading_line(text, &lines);
        let year = sections::find_year(text, &lines, first_heading);
        let format = template.for_year(year.as_ref().map(|y| y.year));
        let sections = sections::find_sections(text, &lines, format);
        let mut model = Model {
            text,
            lines,
            script,
            year,
            format,
            sections,
            tables: Vec::new(),
            unread: Vec::new(),
        };
        for (i, hit) in model.sections.iter().enumerate() {
            if hit.duplicate {
                continue;
            }
            if let Some(t) = format.section(hit.spec).table {
                let cells = table::section_cells(&model, ModelSection(i));
                let (mut table, mut unread) =
                    table::read_table(&model, format, t, ModelSection(i), &cells);
                // A table that does not fit the report's format may fit another one better: a
                // report copied from an old one keeps the old tables.
                if table.present && !table.complete() {
                    for other in template.formats.iter().filter(|f| f.id != format.id) {
                        let Some(ot) = other.section(hit.spec).table else {
                            continue;
                        };
                        let (alt, alt_unread) =
                            table::read_table(&model, other, ot, ModelSection(i), &cells);
                        if alt.fit() > table.fit() + 2 {
                            table = alt;
                            unread = alt_unread;
                        }
                    }
                }
                table.retired = table::retired_labels(model.text, format, &cells);
                model.tables.push(table);
                model.unread.extend(unread);
            }
        }
        model
    }

    /// Whether the report's year is before the first official format (a 2018 report): its
    /// sections and tables followed rules the template does not hold.
    pub fn before_formats(&self) -> bool {
        let first = Template::get().formats.iter().map(|f| f.first_year).min();
        matches!((&self.year, first), (Some(y), Some(f)) if y.year < f)
    }

    /// The section hit of a template section, if found (the first one).
    pub fn section(&self, spec: FormatSection) -> Option<&SectionHit> {
        self.sections
            .iter()
            .find(|s| s.spec == spec && !s.duplicate)
    }

    /// The table of a template table, if its section was found.
    pub fn table(&self, spec: FormatTable) -> Option<&TableModel> {
        self.tables.iter().find(|t| t.spec == spec)
    }

    /// A cell named in the report's format (by the template: a narrative statement, a relation
    /// between years) in the table of the report that holds it, in that table's own format: a
    /// table read in an older format has the same rows and columns by key, elsewhere.
    pub fn find_cell(&self, table: FormatTable, cell: CellRef) -> Option<(&TableModel, CellRef)> {
        let t = self.table(table)?;
        if std::ptr::eq(t.format, self.format) {
            return Some((t, cell));
        }
        let block = self.format.table(table).blocks.get(cell.block)?;
        let (row, col) = (
            &block.rows.get(cell.row)?.key,
            &block.columns.get(cell.col)?.key,
        );
        t.table_spec()
            .blocks
            .iter()
            .enumerate()
            .find_map(|(b, spec)| {
                Some(CellRef {
                    block: b,
                    row: spec.rows.iter().position(|r| &r.key == row)?,
                    col: spec.columns.iter().position(|c| &c.key == col)?,
                })
            })
            .map(|c| (t, c))
    }

    /// Every row of every table, in document order of the tables.
    pub fn each_row(&self) -> impl Iterator<Item = RowView<'_>> + '_ {
        self.tables.iter().flat_map(TableModel::each_row)
    }

    /// Every value cell of every table.
    pub fn each_cell(&self) -> impl Iterator<Item = CellView<'_>> + '_ {
        self.tables.iter().flat_map(TableModel::each_cell)
    }

    /// The line that contains byte `offset`.
    pub fn line_at(&self, offset: usize) -> Option<&Line> {
        let i = self.lines.partition_point(|l| l.range.end < offset);
        self.lines.get(i)
    }

    /// The text of a range.
    pub fn slice(&self, range: &Range<usize>) -> &'t str {
        &self.text[range.clone()]
    }
}
