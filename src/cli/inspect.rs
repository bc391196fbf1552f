//! `nianbao inspect`: what the model read from a report, as plain text for people checking the
//! reader or as JSON (every value cell with its table, block, row and column).

use super::{Format, read_one};
use crate::position::{Encoding, LineIndex};
use crate::voice::Lang;
use serde_json::{Value, json};
use std::path::Path;

pub(super) fn run_inspect(path: &Path, format: Format, lang: Lang) -> i32 {
    let Some(doc) = read_one(path, lang) else {
        return 2;
    };
    let model = crate::model::Model::new(&doc.text);
    match format {
        Format::Human => print!("{}", inspect(&model)),
        Format::Json => println!("{}", inspect_json(&model)),
    }
    0
}

/// Every value cell the model bound to a row and column, with its text.
pub fn inspect_json(m: &crate::model::Model) -> Value {
    let mut cells = Vec::new();
    for t in &m.tables {
        let spec = t.table_spec();
        for (b, bm) in t.blocks.iter().enumerate() {
            let bs = &spec.blocks[b];
            for r in &bm.rows {
                for v in &r.values {
                    let Some(c) = v.col else { continue };
                    cells.push(json!({
                        "table": spec.key,
                        "block": bs.key,
                        "row": bs.rows[r.row].key,
                        "column": bs.columns[c].key,
                        "text": m.slice(&v.range),
                    }));
                }
            }
        }
    }
    json!({ "year": m.year.as_ref().map(|y| y.year), "format": m.format.id, "cells": cells })
}

/// A plain description of what the model read, for people checking the reader itself.
pub fn inspect(m: &crate::model::Model) -> String {
    use std::fmt::Write as _;
    let script = m.script;
    let idx = LineIndex::new(m.text);
    let line = |o: usize| idx.position(m.text, o, Encoding::Chars).line + 1;
    let mut o = String::new();
    let year = m
        .year
        .as_ref()
        .map(|y| y.year.to_string())
        .unwrap_or_else(|| "?".into());
    let _ = writeln!(
        o,
        "year {year}, format {}, script {:?}",
        m.format.id, script
    );
    for h in &m.sections {
        let spec = &m.format.section(h.spec);
        let _ = writeln!(
            o,
            "section {} at line {}{}{}: {}",
            spec.number,
            h.line + 1,
            if h.standard { "" } else { " (non-standard)" },
            if h.duplicate { " (duplicate)" } else { "" },
            m.slice(&h.heading)
        );
    }
    for t in &m.tables {
        let spec = t.table_spec();
        let _ = writeln!(
            o,
            "table {} ({:?}, present: {})",
            spec.key, t.layout, t.present
        );
        for (b, bm) in t.blocks.iter().enumerate() {
            let bs = &spec.blocks[b];
            let cols: Vec<String> = bm
                .columns
                .iter()
                .map(|&c| bs.column_name(c, script))
                .collect();
            let _ = writeln!(o, "  block {}: columns {}", bs.key, cols.join(" | "));
            if let Some(h) = &bm.header {
                for c in &h.missing {
                    let _ = writeln!(o, "    missing column {}", bs.column_name(*c, script));
                }
            }
            for r in &bm.rows {
                let vals: Vec<String> = r
                    .values
                    .iter()
                    .map(|v| match &v.value {
                        crate::model::Value::Blank => "_".to_string(),
                        _ => m.slice(&v.range).to_string(),
                    })
                    .collect();
                let label = r
                    .label
                    .as_ref()
                    .map(|l| m.slice(&l.range).replace(['\n', '\r'], "⏎"))
                    .unwrap_or_default();
                let _ = writeln!(
                    o,
                    "    line {:>4} {:<24} [{}]{}  ← {label}",
                    line(r.range.start),
                    bs.row_name(r.row, script),
                    vals.join(" "),
                    if r.bound() { "" } else { " (count)" },
                );
            }
            for r in &bm.missing_rows {
                let _ = writeln!(o, "    missing row {}", bs.row_name(*r, script));
            }
        }
    }
    for st in crate::model::prose::statements(m) {
        let n = &m.format.narratives[st.narrative];
        let value = st
            .value
            .map(|v| v.to_string())
            .unwrap_or_else(|| "none".into());
        let _ = writeln!(
            o,
            "states {} = {value} at line {}: {}",
            n.key,
            line(st.range.start),
            m.slice(&st.range)
        );
    }
    for u in &m.unread {
        let _ = writeln!(
            o,
            "unread {} at line {}: {}",
            u.what,
            line(u.range.start),
            m.slice(&u.range).replace(['\n', '\r'], "⏎")
        );
    }
    o
}
