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

/// Fonts: common CJK faces first; then faces that carry CJK Extension B (𠀀, U+20000 and on),
/// which the browser falls back to character by character where the first ones lack a glyph.
const FONTS_HANS: &str = "\"Noto Sans CJK SC\", \"Source Han Sans SC\", \"Microsoft YaHei\", \"PingFang SC\", \"WenQuanYi Micro Hei\", \"SimSun-ExtB\", \"MingLiU-ExtB\", \"HanaMinB\", \"Noto Serif CJK SC\", sans-serif";
const FONTS_HANT: &str = "\"Noto Sans CJK TC\", \"Source Han Sans TC\", \"Microsoft JhengHei\", \"PingFang TC\", \"WenQuanYi Micro Hei\", \"MingLiU-ExtB\", \"SimSun-ExtB\", \"HanaMinB\", \"Noto Serif CJK TC\", sans-serif";

const STYLE: &str = "
h1 { font-size: 1.3em; } h2 { font-size: 1.1em; margin-top: 2em; }
table { border-collapse: collapse; margin: 0.6em 0 1.2em; }
th, td { border: 1px solid #999; padding: 0.25em 0.5em; }
th { background: #f0f0f0; font-weight: normal; text-align: center; }
td.label { text-align: left; min-width: 7em; }
td.group, th[data-col] { text-align: center; white-space: nowrap; }
td.num { text-align: right; font-variant-numeric: tabular-nums; min-width: 2.5em; }
td.wrong { background: #fde0e0; color: #b00; font-weight: bold; }
td.wrong .expected { display: block; font-size: 0.8em; font-weight: normal; color: #b00; }
td.blank { background: #fff4cc; }
td.invalid { background: #fde0e0; }
tr.missing td { background: #eee; color: #999; font-style: italic; }
td.unbound { background: #fff4cc; text-align: left; }
p.note { color: #777; font-size: 0.9em; }
";

/// ` rowspan="2" colspan="3"`, leaving out spans of 1.
fn spans(rows: usize, cols: usize) -> String {
    let mut out = String::new();
    if rows > 1 {
        let _ = write!(out, " rowspan=\"{rows}\"");
    }
    if cols > 1 {
        let _ = write!(out, " colspan=\"{cols}\"");
    }
    out
}

/// How a block sits in its table.
struct Frame<'a> {
    /// Label columns before the values (三 has three: 三、 · （三） · 1.).
    labels: usize,
    /// Columns the last value column spans besides its own (the blocks of table 二 with fewer
    /// value columns than the widest one).
    extra: usize,
    /// The block's title heads its value columns (「申请人情况」) instead of standing on a row of
    /// its own across the table (「第二十条第（一）项」).
    title_over_columns: bool,
    script: Script,
    /// The text of the top-left corner: notes and the corner label.
    corner: &'a str,
}

/// The header rows of a block: its title, the column groups, then the columns.
fn header(out: &mut String, b: &BlockSpec, cols: &[usize], f: &Frame) {
    let script = f.script;
    let depth = cols
        .iter()
        .map(|&c| b.column_path(c).len())
        .max()
        .unwrap_or(0);
    let title = b
        .title
        .as_ref()
        .filter(|_| f.title_over_columns)
        .map(|t| t.get(script));
    let top = usize::from(title.is_some());
    let rows = top + depth + 1;
    let last = cols.len().saturating_sub(1);
    // The columns a run of value columns from `i` to `j` (inclusive) spans.
    let span = |i: usize, j: usize| j - i + 1 + if j == last { f.extra } else { 0 };
    for level in 0..rows {
        out.push_str("<tr>");
        if level == 0 && f.labels > 0 {
            let _ = write!(out, "<th{}>{}</th>", spans(rows, f.labels), esc(f.corner));
        }
        if let Some(t) = title
            && level == 0
        {
            let _ = write!(out, "<th{}>{}</th></tr>", spans(1, span(0, last)), esc(t));
            continue;
        }
        let level = level - top;
        let mut i = 0;
        while i < cols.len() {
            let path = b.column_path(cols[i]);
            if level < path.len() {
                // A group: as wide as the run of columns under it.
                let g = path[level];
                let mut n = 1;
                while i + n < cols.len()
                    && b.column_path(cols[i + n])
                        .get(level)
                        .is_some_and(|x| std::ptr::eq(*x, g))
                {
                    n += 1;
                }
                let _ = write!(
                    out,
                    "<th{}>{}</th>",
                    spans(1, span(i, i + n - 1)),
                    esc(g.label.get(script))
                );
                i += n;
            } else {
                if level == path.len() {
                    let _ = write!(
                        out,
                        "<th{} data-col=\"{}\">{}</th>",
                        spans(depth + 1 - level, span(i, i)),
                        b.columns[cols[i]].key,
                        esc(b.columns[cols[i]].label.get(script))
                    );
                }
                i += 1;
            }
        }
        out.push_str("</tr>");
    }
}

/// How many label columns a block's rows need: the depth of its deepest labelled row.
fn label_depth(b: &BlockSpec) -> usize {
    b.data_rows()
        .filter(|&r| !b.rows[r].label.hans.is_empty())
        .map(|r| b.row_path(r).len() + 1)
        .max()
        .unwrap_or(0)
}

/// The data rows under a heading row (三、本年度办理结果 → 22 rows).
fn leaves(b: &BlockSpec, row: usize) -> usize {
    b.data_rows()
        .filter(|&r| b.row_path(r).iter().any(|p| std::ptr::eq(*p, &b.rows[row])))
        .count()
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
    // The page's own words follow the reader's language; the report's text keeps its script.
    let page_lang = match (lang, script) {
        (Lang::English, _) => "en",
        (_, Script::Hant) => "zh-Hant",
        _ => "zh-Hans",
    };
    let (fonts, text_lang) = match script {
        Script::Hant => (FONTS_HANT, "zh-Hant"),
        Script::Hans => (FONTS_HANS, "zh-Hans"),
    };
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{page_lang}\"><head><meta charset=\"utf-8\"><title>{}</title><style>body {{ font-family: {fonts}; margin: 1.5em; color: #222; }}{STYLE}</style></head><body>",
        esc(&title)
    );
    let _ = write!(out, "<h1 lang=\"{text_lang}\">{}</h1>", esc(&title));
    for t in &m.tables {
        table(&mut out, m, t, &w, text_lang);
    }
    for (id, s) in m.format.sections_with_ids() {
        if s.table.is_some() && m.section(id).is_none() {
            let _ = write!(
                out,
                "<h2 lang=\"{text_lang}\">{}</h2><p class=\"note\">{}</p>",
                esc(&s.heading(script)),
                esc(&w.say("报告中没有这一部分。", "The report lacks this section."))
            );
        }
    }
    out.push_str("</body></html>\n");
    out
}

fn table(out: &mut String, m: &Model, t: &TableModel, w: &Voice, text_lang: &str) {
    let script = m.script;
    let spec = t.table_spec();
    let section = m.format.section(spec.section);
    let _ = write!(
        out,
        "<h2 lang=\"{text_lang}\">{}</h2>",
        esc(&section.heading(script))
    );
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
    // The blocks share one table, as wide as the widest block (table 二: the label column and
    // three value columns, a block of one column spanning the three).
    let labels = spec.blocks.iter().map(label_depth).max().unwrap_or(0);
    let width = t.blocks.iter().map(|b| b.columns.len()).max().unwrap_or(0);
    let several = spec.blocks.len() > 1;
    let mut unlabelled_missing = false;
    let _ = write!(
        out,
        "<table lang=\"{text_lang}\" border=\"1\" cellspacing=\"0\" cellpadding=\"4\" data-table=\"{}\">",
        spec.key
    );
    for (b, bm) in t.blocks.iter().enumerate() {
        let bs = &spec.blocks[b];
        let mut corner: Vec<&str> = bs.notes.iter().map(|n| n.get(script)).collect();
        corner.extend(bs.corner.as_ref().map(|c| c.get(script)));
        let frame = Frame {
            labels,
            extra: width.saturating_sub(bm.columns.len()),
            title_over_columns: !several,
            script,
            corner: &corner.join(" "),
        };
        let _ = write!(out, "<tbody data-block=\"{}\">", bs.key);
        if several && let Some(title) = &bs.title {
            let _ = write!(
                out,
                "<tr><th{}>{}</th></tr>",
                spans(1, labels + width),
                esc(title.get(script))
            );
        }
        header(out, bs, &bm.columns, &frame);
        for r in bs.data_rows() {
            let key = &bs.rows[r].key;
            let missing = bm.row(r).is_none();
            let _ = write!(
                out,
                "<tr{} data-row=\"{key}\">",
                if missing { " class=\"missing\"" } else { "" }
            );
            // Heading rows (三、本年度办理结果, （三）不予公开) as one cell beside all their rows,
            // written in the row of their first one.
            let path = bs.row_path(r);
            for p in &path {
                let i = bs
                    .rows
                    .iter()
                    .position(|x| std::ptr::eq(x, *p))
                    .expect("a parent is a row of its block");
                let first = bs
                    .data_rows()
                    .find(|&d| bs.row_path(d).iter().any(|q| std::ptr::eq(*q, *p)));
                if first == Some(r) {
                    let _ = write!(
                        out,
                        "<td class=\"label group\"{}>{}</td>",
                        spans(leaves(bs, i), 1),
                        esc(&p.full_label(script))
                    );
                }
            }
            let label = bs.rows[r].full_label(script);
            let note = match bm.row(r) {
                None => Some(w.say("（缺少此行）", "(row missing)")),
                Some(row) if !row.bound() => Some(w.say(
                    format!("（有{}个数值，应为{}个）", row.values.len(), row.expected),
                    format!("({} values, {} expected)", row.values.len(), row.expected),
                )),
                _ => None,
            };
            if labels > 0 {
                let _ = write!(
                    out,
                    "<td class=\"label\"{}>{}{}</td>",
                    spans(1, labels - path.len()),
                    esc(&label),
                    note.as_ref()
                        .map(|n| format!(" <span class=\"note\">{}</span>", esc(n)))
                        .unwrap_or_default()
                );
            } else if missing {
                unlabelled_missing = true;
            }
            let span = |k: usize| {
                spans(
                    1,
                    if k + 1 == bm.columns.len() {
                        frame.extra + 1
                    } else {
                        1
                    },
                )
            };
            match bm.row(r) {
                None => {
                    for (k, &c) in bm.columns.iter().enumerate() {
                        let _ = write!(
                            out,
                            "<td class=\"num\"{} data-col=\"{}\"></td>",
                            span(k),
                            bs.columns[c].key
                        );
                    }
                }
                Some(row) if row.bound() => {
                    for (k, &c) in bm.columns.iter().enumerate() {
                        let Some(cell) = row.cell(c) else {
                            let _ = write!(out, "<td class=\"num\"{}></td>", span(k));
                            continue;
                        };
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
                            "<td class=\"{class}\"{} data-col=\"{}\">{shown}</td>",
                            span(k),
                            bs.columns[c].key
                        );
                    }
                }
                Some(row) => {
                    // The wrong number of values: shown in order across the row, not under
                    // columns they cannot be matched to.
                    let values: Vec<String> =
                        row.values.iter().map(|v| esc(m.slice(&v.range))).collect();
                    let _ = write!(
                        out,
                        "<td class=\"unbound\"{}>{}{}</td>",
                        spans(1, bm.columns.len() + frame.extra),
                        values.join(" "),
                        if labels == 0 {
                            note.map(|n| format!(" {}", esc(&n))).unwrap_or_default()
                        } else {
                            String::new()
                        }
                    );
                }
            }
            out.push_str("</tr>");
        }
        out.push_str("</tbody>");
    }
    out.push_str("</table>");
    if unlabelled_missing {
        let _ = write!(
            out,
            "<p class=\"note\">{}</p>",
            esc(&w.say(
                "报告中缺少这张表的数值行。",
                "The report lacks this table's row of values."
            ))
        );
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
    }

    /// A cell of a page's table where the browser puts it: row, column, rows and columns it
    /// spans, its text without tags.
    #[derive(Debug, PartialEq)]
    struct Laid {
        row: usize,
        col: usize,
        rowspan: usize,
        colspan: usize,
        text: String,
    }

    /// Lays out the `<table data-table="key">` of a page as HTML does: each cell takes the next
    /// column its row has free, rowspans reserve the columns below.
    fn layout(html: &str, key: &str) -> Vec<Laid> {
        let start = html.find(&format!("data-table=\"{key}\"")).unwrap();
        let body = &html[start..start + html[start..].find("</table>").unwrap()];
        let attr = |tag: &str, name: &str| {
            tag.find(&format!("{name}=\""))
                .map(|i| {
                    let v = &tag[i + name.len() + 2..];
                    v[..v.find('"').unwrap()].parse::<usize>().unwrap()
                })
                .unwrap_or(1)
        };
        let mut taken: std::collections::HashSet<(usize, usize)> = Default::default();
        let mut out = Vec::new();
        for (row, tr) in body.split("<tr").skip(1).enumerate() {
            let mut col = 0;
            for cell in tr.split("<t").skip(1) {
                if !(cell.starts_with('d') || cell.starts_with('h')) || cell.starts_with("head") {
                    continue;
                }
                let open = &cell[..cell.find('>').unwrap()];
                let inner = &cell[open.len() + 1..cell.find("</t").unwrap_or(cell.len())];
                // The text without tags.
                let mut text = String::new();
                let mut in_tag = false;
                for ch in inner.chars() {
                    match ch {
                        '<' => in_tag = true,
                        '>' => in_tag = false,
                        c if !in_tag => text.push(c),
                        _ => {}
                    }
                }
                while taken.contains(&(row, col)) {
                    col += 1;
                }
                let (rowspan, colspan) = (attr(open, "rowspan"), attr(open, "colspan"));
                for r in row..row + rowspan {
                    for c in col..col + colspan {
                        taken.insert((r, c));
                    }
                }
                out.push(Laid {
                    row,
                    col,
                    rowspan,
                    colspan,
                    text,
                });
                col += colspan;
            }
        }
        out
    }

    /// Checks the header and label cells of a laid-out table against the official layout,
    /// written as lines of `row col rowspan colspan text`, and that every other cell is a value
    /// cell of one column.
    fn official(laid: &[Laid], want: &str, value: impl Fn(&Laid) -> bool) {
        let mut expected: Vec<Laid> = Vec::new();
        for line in want.lines().map(str::trim).filter(|l| !l.is_empty()) {
            let mut it = line.splitn(5, ' ');
            let mut n = || it.next().unwrap().parse::<usize>().unwrap();
            let (row, col, rowspan, colspan) = (n(), n(), n(), n());
            expected.push(Laid {
                row,
                col,
                rowspan,
                colspan,
                text: it.next().unwrap().to_string(),
            });
        }
        let labels: Vec<&Laid> = laid.iter().filter(|c| !value(c)).collect();
        for (got, want) in labels.iter().zip(&expected) {
            assert_eq!(*got, want);
        }
        assert_eq!(labels.len(), expected.len(), "{labels:#?}");
    }

    /// The official layout of table 三 (2021 format), as published: the note in the corner,
    /// 申请人情况 over the columns, each heading row one cell beside its rows.
    const REQUESTS_2021: &str = "
        0 0 3 3 （本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）
        0 3 1 7 申请人情况
        1 3 2 1 自然人
        1 4 1 5 法人或其他组织
        1 9 2 1 总计
        2 4 1 1 商业企业
        2 5 1 1 科研机构
        2 6 1 1 社会公益组织
        2 7 1 1 法律服务机构
        2 8 1 1 其他
        3 0 1 3 一、本年新收政府信息公开申请数量
        4 0 1 3 二、上年结转政府信息公开申请数量
        5 0 22 1 三、本年度办理结果
        5 1 1 2 （一）予以公开
        6 1 1 2 （二）部分公开（区分处理的，只计这一情形，不计其他情形）
        7 1 8 1 （三）不予公开
        7 2 1 1 1.属于国家秘密
        8 2 1 1 2.其他法律行政法规禁止公开
        9 2 1 1 3.危及“三安全一稳定”
        10 2 1 1 4.保护第三方合法权益
        11 2 1 1 5.属于三类内部事务信息
        12 2 1 1 6.属于四类过程性信息
        13 2 1 1 7.属于行政执法案卷
        14 2 1 1 8.属于行政查询事项
        15 1 3 1 （四）无法提供
        15 2 1 1 1.本机关不掌握相关政府信息
        16 2 1 1 2.没有现成信息需要另行制作
        17 2 1 1 3.补正后申请内容仍不明确
        18 1 5 1 （五）不予处理
        18 2 1 1 1.信访举报投诉类申请
        19 2 1 1 2.重复申请
        20 2 1 1 3.要求提供公开出版物
        21 2 1 1 4.无正当理由大量反复申请
        22 2 1 1 5.要求行政机关确认或重新出具已获取信息
        23 1 3 1 （六）其他处理
        23 2 1 1 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请
        24 2 1 1 2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请
        25 2 1 1 3.其他
        26 1 1 2 （七）总计
        27 0 1 3 四、结转下年度继续办理";

    /// Table 四: no label column; 行政诉讼 over its two kinds of suit.
    const REVIEW: &str = "
        0 0 1 5 行政复议
        0 5 1 10 行政诉讼
        1 0 2 1 结果维持
        1 1 2 1 结果纠正
        1 2 2 1 其他结果
        1 3 2 1 尚未审结
        1 4 2 1 总计
        1 5 1 5 未经复议直接起诉
        1 10 1 5 复议后起诉
        2 5 1 1 结果维持
        2 6 1 1 结果纠正
        2 7 1 1 其他结果
        2 8 1 1 尚未审结
        2 9 1 1 总计
        2 10 1 1 结果维持
        2 11 1 1 结果纠正
        2 12 1 1 其他结果
        2 13 1 1 尚未审结
        2 14 1 1 总计";

    /// Table 二 (2021): one table of four columns, each block under its 第二十条 title.
    const PROACTIVE_2021: &str = "
        0 0 1 4 第二十条第（一）项
        1 0 1 1 信息内容
        1 1 1 1 本年制发件数
        1 2 1 1 本年废止件数
        1 3 1 1 现行有效件数
        2 0 1 1 规章
        3 0 1 1 行政规范性文件
        4 0 1 4 第二十条第（五）项
        5 0 1 1 信息内容
        5 1 1 3 本年处理决定数量
        6 0 1 1 行政许可
        7 0 1 4 第二十条第（六）项
        8 0 1 1 信息内容
        8 1 1 3 本年处理决定数量
        9 0 1 1 行政处罚
        10 0 1 1 行政强制
        11 0 1 4 第二十条第（八）项
        12 0 1 1 信息内容
        12 1 1 3 本年收费金额（单位：万元）
        13 0 1 1 行政事业性收费";

    #[test]
    fn the_tables_are_laid_out_as_the_official_format() {
        let text = include_str!("../examples/report-2025.txt");
        let html = tables_html(&Model::new(text), Lang::Chinese);
        // Value cells: in the value columns, one column wide (a block of one column in table
        // 二 spans the three).
        let requests = layout(&html, "requests");
        official(&requests, REQUESTS_2021, |c| c.row >= 3 && c.col >= 3);
        assert!(
            requests
                .iter()
                .filter(|c| c.row >= 3 && c.col >= 3)
                .all(|c| (c.rowspan, c.colspan) == (1, 1))
        );
        assert_eq!(
            requests.iter().filter(|c| c.row >= 3 && c.col >= 3).count(),
            25 * 7
        );
        let review = layout(&html, "review");
        official(&review, REVIEW, |c| c.row == 3);
        assert_eq!(review.iter().filter(|c| c.row == 3).count(), 15);
        let proactive = layout(&html, "proactive");
        let data_rows = [2, 3, 6, 9, 10, 13];
        official(&proactive, PROACTIVE_2021, |c| {
            data_rows.contains(&c.row) && c.col > 0
        });
        let values: Vec<(usize, usize, usize, &str)> = proactive
            .iter()
            .filter(|c| data_rows.contains(&c.row) && c.col > 0)
            .map(|c| (c.row, c.col, c.colspan, c.text.as_str()))
            .collect();
        assert_eq!(
            values,
            [
                (2, 1, 1, "0"),
                (2, 2, 1, "0"),
                (2, 3, 1, "0"),
                (3, 1, 1, "5"),
                (3, 2, 1, "2"),
                (3, 3, 1, "31"),
                (6, 1, 3, "1234"),
                (9, 1, 3, "567"),
                (10, 1, 3, "8"),
                (13, 1, 3, "12.5")
            ]
        );
    }

    #[test]
    fn the_layout_follows_the_script_the_format_and_the_columns_present() {
        // Traditional script: every label from the template in that script.
        let text = include_str!("../tests/fixtures/clean_per_line_hant.txt");
        let html = tables_html(&Model::new(text), Lang::Chinese);
        let hant = crate::text::to_hant(REQUESTS_2021);
        official(&layout(&html, "requests"), &hant, |c| {
            c.row >= 3 && c.col >= 3
        });
        official(
            &layout(&html, "review"),
            &crate::text::to_hant(REVIEW),
            |c| c.row == 3,
        );
        // English page words, labels still in the report's script.
        let html = tables_html(&Model::new(text), Lang::English);
        official(&layout(&html, "requests"), &hant, |c| {
            c.row >= 3 && c.col >= 3
        });
        assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
        // The 2019 format: （六）其他处理 is a row of its own, two columns wide.
        let text = include_str!("../tests/fixtures/clean_2019.txt");
        let requests = layout(&tables_html(&Model::new(text), Lang::Chinese), "requests");
        let other = requests
            .iter()
            .find(|c| c.text == "（六）其他处理")
            .unwrap();
        assert_eq!((other.col, other.rowspan, other.colspan), (1, 1, 2));
        let results = requests
            .iter()
            .find(|c| c.text == "三、本年度办理结果")
            .unwrap();
        assert_eq!(results.rowspan, 20);
        // A report with the organisations' subtotal: the group and the applicants span it.
        let text = include_str!("../tests/fixtures/clean_subtotal.txt");
        let requests = layout(&tables_html(&Model::new(text), Lang::Chinese), "requests");
        let group = requests
            .iter()
            .find(|c| c.text == "法人或其他组织")
            .unwrap();
        assert_eq!(group.colspan, 6);
        let applicants = requests.iter().find(|c| c.text == "申请人情况").unwrap();
        assert_eq!(applicants.colspan, 8);
    }

    #[test]
    fn fonts_cover_extension_b_and_the_page_needs_no_scripts() {
        let text = include_str!("../examples/report-2025.txt").replacen("示例", "𠀀", 1);
        let html = tables_html(&Model::new(&text), Lang::Chinese);
        for font in [
            "Noto Sans CJK SC",
            "SimSun-ExtB",
            "MingLiU-ExtB",
            "HanaMinB",
        ] {
            assert!(html.contains(font), "{font}");
        }
        assert!(!html.contains("<script"));
        assert!(html.contains("<table lang=\"zh-Hans\" border=\"1\""));
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
        // The missing row keeps its place: 8.属于行政查询事项 under （三）不予公开.
        let requests = layout(&html, "requests");
        let query = requests
            .iter()
            .find(|c| c.text.starts_with("8.属于行政查询事项"))
            .unwrap();
        assert_eq!((query.row, query.col), (14, 2));
    }

    #[test]
    fn text_is_escaped() {
        let text = include_str!("../tests/fixtures/clean_rows.txt")
            .replace("行政处罚\t567", "行政处罚\t1<2");
        let html = tables_html(&Model::new(&text), Lang::Chinese);
        assert!(
            html.contains(
                "<td class=\"num invalid\" colspan=\"3\" data-col=\"decisions\">1&lt;2</td>"
            ),
            "{html}"
        );
    }
}
