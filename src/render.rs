//! The three tables of a report as an HTML page: every cell where the template puts it, wrong
//! cells marked with the value their sums imply, blank and unreadable cells shown as such. The
//! same page is behind `nianbao render --format html` and the editor's live preview.

use crate::model::{Model, TableModel, Value};
use crate::template::{BlockSpec, CellRef, Template};
use crate::text::Script;
use crate::voice::{Lang, Voice};
use std::collections::HashMap;
use std::fmt::Write;

fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
    out
}

const STYLE: &str = "
body { font-family: 'Noto Sans CJK SC', 'WenQuanYi Micro Hei', 'Microsoft YaHei', sans-serif; margin: 1.5em; color: #222; }
h1 { font-size: 1.3em; } h2 { font-size: 1.1em; margin-top: 2em; } h3 { font-size: 1em; color: #555; }
table { border-collapse: collapse; margin: 0.6em 0 1.2em; }
th, td { border: 1px solid #999; padding: 0.25em 0.5em; }
th { background: #f0f0f0; font-weight: normal; }
td.label { text-align: left; }
td.num { text-align: right; font-variant-numeric: tabular-nums; min-width: 2.5em; }
td.wrong { background: #fde0e0; color: #b00; font-weight: bold; }
td.wrong .expected { display: block; font-size: 0.8em; font-weight: normal; color: #b00; }
td.blank { background: #fff4cc; }
td.invalid { background: #fde0e0; }
tr.missing td { background: #eee; color: #999; font-style: italic; }
tr.unbound td.num { background: #fff4cc; }
p.note { color: #777; font-size: 0.9em; }
";

/// The table headers of a block: group rows, then the columns.
fn header(out: &mut String, b: &BlockSpec, cols: &[usize], script: Script, corner: &str) {
    // Depth of the column groups.
    let depth = cols
        .iter()
        .map(|&c| b.column_path(c).len())
        .max()
        .unwrap_or(0);
    let rows = depth + 1;
    out.push_str("<thead>");
    for level in 0..rows {
        out.push_str("<tr>");
        if level == 0 {
            let _ = write!(out, "<th rowspan=\"{rows}\">{}</th>", esc(corner));
        }
        let mut i = 0;
        while i < cols.len() {
            let path = b.column_path(cols[i]);
            if level < path.len() {
                // A group: as wide as the run of columns under it.
                let g = path[level];
                let mut span = 1;
                while i + span < cols.len()
                    && b.column_path(cols[i + span])
                        .get(level)
                        .is_some_and(|x| std::ptr::eq(*x, g))
                {
                    span += 1;
                }
                let _ = write!(
                    out,
                    "<th colspan=\"{span}\">{}</th>",
                    esc(g.label.get(script))
                );
                i += span;
            } else if level == path.len() {
                let _ = write!(
                    out,
                    "<th rowspan=\"{}\" data-col=\"{}\">{}</th>",
                    rows - level,
                    b.columns[cols[i]].key,
                    esc(b.columns[cols[i]].label.get(script))
                );
                i += 1;
            } else {
                i += 1;
            }
        }
        out.push_str("</tr>");
    }
    out.push_str("</thead>");
}

/// Renders the tables of a report.
pub fn tables_html(m: &Model, lang: Lang) -> String {
    let script = m.script;
    let w = Voice::new(lang, script);
    let mut out = String::new();
    let title = m
        .year
        .as_ref()
        .and_then(|y| m.line_at(y.range.start))
        .map(|l| l.text(m.text).trim().to_string())
        .unwrap_or_else(|| match lang {
            Lang::Chinese => Template::get().report.title.get(script).to_string(),
            Lang::English => "Annual report on government information disclosure".to_string(),
        });
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\"><title>{}</title><style>{STYLE}</style></head><body>",
        match (lang, script) {
            (Lang::English, _) => "en",
            (_, Script::Hant) => "zh-Hant",
            _ => "zh-Hans",
        },
        esc(&title)
    );
    let _ = write!(out, "<h1>{}</h1>", esc(&title));
    for t in &m.tables {
        table(&mut out, m, t, &w);
    }
    for (id, s) in m.format.sections_with_ids() {
        if s.table.is_some() && m.section(id).is_none() {
            let _ = write!(
                out,
                "<h2>{}</h2><p class=\"note\">{}</p>",
                esc(&s.heading(script)),
                esc(&w.say("报告中没有这一部分。", "The report lacks this section."))
            );
        }
    }
    out.push_str("</body></html>\n");
    out
}

fn table(out: &mut String, m: &Model, t: &TableModel, w: &Voice) {
    let script = m.script;
    let spec = t.table_spec();
    let section = m.format.section(spec.section);
    let _ = write!(out, "<h2>{}</h2>", esc(&section.heading(script)));
    if !t.present {
        let _ = write!(
            out,
            "<p class=\"note\">{}</p>",
            esc(&w.say("这一部分没有统计表。", "This section has no table."))
        );
        return;
    }
    if !std::ptr::eq(t.format, m.format) {
        let _ = write!(
            out,
            "<p class=\"note\">{}</p>",
            esc(&w.say(
                format!("这张表是{}年格式。", t.format.first_year),
                format!("This table follows the {} format.", t.format.first_year)
            ))
        );
    }
    // Wrong cells and the values their sums imply.
    let wrong: HashMap<CellRef, Option<i64>> = t
        .arithmetic()
        .discrepancies
        .iter()
        .map(|d| (d.cell, d.expected))
        .collect();
    for (b, bm) in t.blocks.iter().enumerate() {
        let bs = &spec.blocks[b];
        if let Some(title) = &bs.title
            && spec.blocks.len() > 1
        {
            let _ = write!(out, "<h3>{}</h3>", esc(title.get(script)));
        }
        let corner = bs
            .corner
            .as_ref()
            .map(|c| c.get(script).to_string())
            .unwrap_or_default();
        let _ = write!(
            out,
            "<table data-table=\"{}\" data-block=\"{}\">",
            spec.key, bs.key
        );
        header(out, bs, &bm.columns, script, &corner);
        out.push_str("<tbody>");
        for r in bs.data_rows() {
            let name = bs.row_name(r, script);
            let key = &bs.rows[r].key;
            match bm.row(r) {
                None => {
                    let _ = write!(
                        out,
                        "<tr class=\"missing\" data-row=\"{key}\"><td class=\"label\">{} {}</td>",
                        esc(&name),
                        esc(&w.say("（缺少此行）", "(row missing)"))
                    );
                    for &c in &bm.columns {
                        let _ = write!(
                            out,
                            "<td class=\"num\" data-col=\"{}\"></td>",
                            bs.columns[c].key
                        );
                    }
                }
                Some(row) if row.bound() => {
                    let _ = write!(
                        out,
                        "<tr data-row=\"{key}\"><td class=\"label\">{}</td>",
                        esc(&name)
                    );
                    for cell in &row.values {
                        let Some(c) = cell.col else { continue };
                        let text = m.slice(&cell.range);
                        let at = CellRef {
                            block: b,
                            row: r,
                            col: c,
                        };
                        let (class, shown) = match (&cell.value, wrong.get(&at)) {
                            (Value::Blank, _) => ("num blank", String::new()),
                            (Value::Text, _) => ("num invalid", esc(text)),
                            (Value::Number(_), Some(expected)) => {
                                let hint = expected
                                    .map(|e| {
                                        format!(
                                            "<span class=\"expected\">{}</span>",
                                            esc(&w
                                                .say(format!("应为{e}"), format!("should be {e}")))
                                        )
                                    })
                                    .unwrap_or_default();
                                ("num wrong", format!("{}{hint}", esc(text)))
                            }
                            (Value::Number(_), None) => ("num", esc(text)),
                        };
                        let _ = write!(
                            out,
                            "<td class=\"{class}\" data-col=\"{}\">{shown}</td>",
                            bs.columns[c].key
                        );
                    }
                }
                Some(row) => {
                    // The wrong number of values: shown in order, not under columns.
                    let _ = write!(
                        out,
                        "<tr class=\"unbound\" data-row=\"{key}\"><td class=\"label\">{} {}</td>",
                        esc(&name),
                        esc(&w.say(
                            format!("（有{}个数值，应为{}个）", row.values.len(), row.expected),
                            format!("({} values, {} expected)", row.values.len(), row.expected)
                        ))
                    );
                    for cell in &row.values {
                        let _ = write!(out, "<td class=\"num\">{}</td>", esc(m.slice(&cell.range)));
                    }
                }
            }
            out.push_str("</tr>");
        }
        out.push_str("</tbody></table>");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The text of the cell (table, row, column) in the page.
    fn cell<'a>(html: &'a str, table: &str, row: &str, col: &str) -> Option<&'a str> {
        let t = html.find(&format!("data-table=\"{table}\""))?;
        let r = t + html[t..].find(&format!("data-row=\"{row}\""))?;
        let end = r + html[r..].find("</tr>")?;
        let c = r + html[r..end].find(&format!("data-col=\"{col}\""))?;
        let start = c + html[c..].find('>')? + 1;
        let stop = start + html[start..].find("</td>")?;
        Some(&html[start..stop])
    }

    #[test]
    fn every_cell_is_in_its_place() {
        let text = include_str!("../tests/fixtures/clean_per_line.txt");
        let m = Model::new(text);
        let html = tables_html(&m, Lang::Chinese);
        let mut n = 0;
        for t in &m.tables {
            let spec = t.table_spec();
            for (b, bm) in t.blocks.iter().enumerate() {
                let bs = &spec.blocks[b];
                for row in &bm.rows {
                    for v in &row.values {
                        let col = &bs.columns[v.col.unwrap()].key;
                        let want = m.slice(&v.range);
                        assert_eq!(
                            cell(&html, &spec.key, &bs.rows[row.row].key, col),
                            Some(want),
                            "{} {col}",
                            bs.rows[row.row].key
                        );
                        n += 1;
                    }
                }
            }
        }
        assert_eq!(n, 200);
        assert!(html.contains("<th colspan=\"5\">法人或其他组织</th>"));
        assert!(html.contains("<th colspan=\"10\">行政诉讼</th>"));
    }

    #[test]
    fn wrong_blank_and_missing_cells_are_marked() {
        let text = include_str!("../examples/report-2025.txt");
        let m = Model::new(text);
        let html = tables_html(&m, Lang::Chinese);
        assert_eq!(
            cell(&html, "requests", "granted", "total"),
            Some("18<span class=\"expected\">应为17</span>")
        );
        assert!(html.contains("<td class=\"num wrong\" data-col=\"total\">18"));
        assert!(html.contains("<td class=\"num blank\" data-col=\"sa_pending\"></td>"));
        let line = text
            .lines()
            .find(|l| l.contains("8.属于行政查询事项"))
            .unwrap();
        let m2_text = text.replace(&format!("{line}\n"), "");
        let m2 = Model::new(&m2_text);
        let html = tables_html(&m2, Lang::English);
        assert!(html.contains("<tr class=\"missing\" data-row=\"refused_query\">"));
        assert!(html.contains("(row missing)"));
    }

    #[test]
    fn text_is_escaped() {
        let text = include_str!("../tests/fixtures/clean_rows.txt")
            .replace("行政处罚\t567", "行政处罚\t1<2");
        let html = tables_html(&Model::new(&text), Lang::Chinese);
        assert!(
            html.contains("<td class=\"num invalid\" data-col=\"decisions\">1&lt;2</td>"),
            "{html}"
        );
    }
}
