//! Inlay hints: the column of each number where a number alone on a line says nothing (one
//! cell per line), and the value a wrong total should have.

use crate::model::{Layout, Model};
use crate::voice::{Lang, Voice};
use std::ops::Range;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HintKind {
    /// The column a value belongs to.
    Column,
    /// What a wrong cell's sums say it should be.
    Sum,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hint {
    /// Where the hint is shown: right after the value.
    pub offset: usize,
    pub label: String,
    pub kind: HintKind,
    pub tooltip: String,
}

/// Hints for values inside `range`.
pub fn hints(m: &Model, range: Range<usize>, lang: Lang) -> Vec<Hint> {
    let mut out = Vec::new();
    for t in &m.tables {
        let spec = t.table_spec();
        if t.layout == Layout::CellPerLine {
            for (b, bm) in t.blocks.iter().enumerate() {
                let bs = &spec.blocks[b];
                for row in &bm.rows {
                    for cell in &row.values {
                        let Some(col) = cell.col else { continue };
                        if cell.range.end < range.start || cell.range.end > range.end {
                            continue;
                        }
                        // The column's own label, with its innermost group when the label repeats.
                        let c = &bs.columns[col];
                        let repeated = bs
                            .columns
                            .iter()
                            .filter(|x| x.label.hans == c.label.hans)
                            .count()
                            > 1;
                        let label = match (repeated, bs.column_path(col).last()) {
                            (true, Some(g)) => {
                                format!("{}·{}", g.label.get(m.script), c.label.get(m.script))
                            }
                            _ => c.label.get(m.script).to_string(),
                        };
                        out.push(Hint {
                            offset: cell.range.end,
                            label,
                            kind: HintKind::Column,
                            tooltip: format!(
                                "{} · {}",
                                bs.row_name(row.row, m.script),
                                bs.column_name(col, m.script)
                            ),
                        });
                    }
                }
            }
        }
        for d in &t.arithmetic().discrepancies {
            let Some(expected) = d.expected else { continue };
            let Some(cell) = t.cell(d.cell.block, d.cell.row, d.cell.col) else {
                continue;
            };
            if cell.range.end < range.start || cell.range.end > range.end {
                continue;
            }
            let label = Voice::new(lang, m.script)
                .say(format!("应为{expected}"), format!("should be {expected}"));
            out.push(Hint {
                offset: cell.range.end,
                label,
                kind: HintKind::Sum,
                tooltip: String::new(),
            });
        }
    }
    out.sort_by_key(|h| (h.offset, h.kind == HintKind::Sum));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_in_one_cell_per_line_tables_and_wrong_totals() {
        let text = include_str!("../../tests/fixtures/clean_per_line.txt");
        let m = Model::new(text);
        let h = hints(&m, 0..text.len(), Lang::Chinese);
        // 10 values in table 二, 25 × 7 in table 三, 15 in table 四.
        assert_eq!(h.iter().filter(|h| h.kind == HintKind::Column).count(), 200);
        let first = h
            .iter()
            .find(|h| text[..h.offset].ends_with("\t44"))
            .unwrap();
        assert_eq!(first.label, "自然人");
        assert!(h.iter().any(|h| h.label == "复议后起诉·总计"));
        assert!(h.iter().all(|h| h.kind != HintKind::Sum));
        // The rows layout needs no column hints; a wrong total gets its value.
        let rows = include_str!("../../tests/fixtures/clean_rows.txt")
            .replace("2\t1\t0\t1\t4\t1", "2\t1\t0\t1\t5\t1");
        let m = Model::new(&rows);
        let h = hints(&m, 0..rows.len(), Lang::Chinese);
        assert_eq!(h.len(), 1);
        assert_eq!((h[0].kind, h[0].label.as_str()), (HintKind::Sum, "应为4"));
        assert!(rows[..h[0].offset].ends_with("\t5"));
    }
}
