//! The ten real web pages in ../shared/corpus/real/html (published by a government site, one
//! whole page and nine excerpts), read completely: every table row the page has is found and
//! bound by the model, and every value the model binds was read from a table cell of the page,
//! at the place in the page source where it is written.

use nianbao::Model;
use nianbao::source::html::read_html;
use nianbao::source::{Document, Place};

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus/real/html");

struct Page {
    file: &'static str,
    year: i32,
    /// Template rows the page itself lacks (a finding, not a reading failure).
    absent: &'static [&'static str],
    /// Rows the model cannot bind yet, and why: the text is right, the model's reading of it is
    /// issue 9. When the model learns them, this list empties.
    unbound: &'static [(&'static str, &'static str)],
}

const PAGES: &[Page] = &[
    Page {
        file: "001_ptzhsyqhzs_2025.html",
        year: 2025,
        absent: &["规章"],
        unbound: &[],
    },
    Page {
        file: "002_ptzhsyqhzs_2022.article.html",
        year: 2022,
        absent: &[],
        unbound: &[],
    },
    Page {
        file: "003_ptzhsyqhzs_2024.article.html",
        year: 2024,
        absent: &[],
        unbound: &[],
    },
    Page {
        file: "004_ptzhsyqhzs_2023.article.html",
        year: 2023,
        absent: &[],
        unbound: &[],
    },
    Page {
        file: "005_ptzhsyqgyz_2023.article.html",
        year: 2023,
        absent: &[],
        unbound: &[],
    },
    Page {
        file: "006_ptzhsyqzhz_2025.article.html",
        year: 2025,
        absent: &[],
        unbound: &[],
    },
    Page {
        file: "008_ptzhsyqgyz_2025.article.html",
        year: 2025,
        absent: &[],
        unbound: &[],
    },
    Page {
        file: "009_ptzhsyqlyy_2019.article.html",
        year: 2019,
        absent: &[],
        unbound: &[],
    },
    Page {
        file: "010_ptzhsyqzhz_2020.article.html",
        year: 2020,
        absent: &[],
        unbound: &[],
    },
];

fn read(file: &str) -> (String, Document) {
    let path = format!("{DIR}/{file}");
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let src = String::from_utf8(bytes.clone()).expect("the real pages are UTF-8");
    let doc = read_html(&bytes).unwrap_or_else(|e| panic!("{file}: {e:?}"));
    (src, doc)
}

#[test]
fn every_table_row_of_the_real_pages_is_read() {
    for page in PAGES {
        let (src, doc) = read(page.file);
        let model = Model::new(&doc.text);
        let f = page.file;
        assert_eq!(model.year.as_ref().map(|y| y.year), Some(page.year), "{f}");
        assert_eq!(model.tables.len(), 3, "{f}");
        let (mut absent, mut unbound) = (Vec::new(), Vec::new());
        for t in &model.tables {
            assert!(t.present, "{f}: table {} not found", t.table_spec().key);
            let spec = t.table_spec();
            for (b, block) in t.blocks.iter().enumerate() {
                let label = |r: usize| spec.blocks[b].rows[r].label.hans.as_str();
                absent.extend(block.missing_rows.iter().map(|&r| label(r)));
                for row in &block.rows {
                    if !row.bound() {
                        unbound.push(label(row.row));
                        continue;
                    }
                    for v in &row.values {
                        value_is_from_a_cell(&src, &doc, &model, v.range.clone(), f);
                    }
                }
                if let Some(h) = &block.header {
                    assert!(h.missing.is_empty(), "{f}: header misses {:?}", h.missing);
                }
            }
        }
        assert_eq!(absent, page.absent, "{f}: rows not found");
        let expected: Vec<&str> = page.unbound.iter().map(|(l, _)| *l).collect();
        assert_eq!(unbound, expected, "{f}: rows not bound");
    }
}

/// A bound value was read from a table cell, and the page source at that cell says it.
fn value_is_from_a_cell(
    src: &str,
    doc: &Document,
    model: &Model,
    range: std::ops::Range<usize>,
    f: &str,
) {
    let value = model.slice(&range);
    if value.is_empty() {
        return;
    }
    let piece = doc.piece_at(range.start).expect("a piece");
    assert!(
        matches!(piece.place, Place::Cell { .. }),
        "{f}: {value:?} read from {:?}",
        piece.place
    );
    // A value may be written in several spans (「1」「个」): the pieces it covers, together.
    let written: String = doc
        .pieces
        .iter()
        .filter(|p| p.text.start < range.end && range.start < p.text.end)
        .map(|p| &src[p.source.clone().expect("a source range")])
        .collect();
    assert_eq!(written, value, "{f}: {value:?} at {:?}", piece.place);
}

#[test]
fn the_2018_page_keeps_its_one_table() {
    // The model knows the formats of 2019 on; the reader still reads the old table whole.
    let (_, doc) = read("007_ptzhsyqzhz_2018.article.html");
    let rows: Vec<&str> = doc.text.lines().filter(|l| l.contains('\t')).collect();
    assert_eq!(rows.len(), 16);
    assert!(rows.iter().all(|r| r.split('\t').count() == 4), "{rows:#?}");
    assert_eq!(rows[0], "指 标 名 称\t单位\t2018 年\t历年累计");
    assert!(rows.contains(&"2.同意部分公开答复数\t条\t0\t1"));
    assert!(
        doc.text
            .starts_with("平潭综合实验区综合执法局2018年政府信息公开报告\n")
    );
}

#[test]
fn the_page_chrome_is_left_out_and_the_title_kept() {
    for page in PAGES {
        let (_, doc) = read(page.file);
        let first = doc.text.lines().next().unwrap_or_default();
        assert!(
            first.starts_with("平潭综合实验区") && first.ends_with("年度报告"),
            "{}: {first}",
            page.file
        );
        let chrome_words = [
            "当前位置",
            "QQ空间",
            "全真版",
            "文件下载",
            "附件下载",
            "扫一扫",
            "友情链接",
            "版权所有",
            "主办单位",
            "无障碍",
            "gklist",
            "ms-",
        ];
        for chrome in chrome_words {
            assert!(!doc.text.contains(chrome), "{}: {chrome}", page.file);
        }
    }
}

#[test]
fn every_piece_points_into_the_page() {
    for page in PAGES
        .iter()
        .map(|p| p.file)
        .chain(["007_ptzhsyqzhz_2018.article.html"])
    {
        let (src, doc) = read(page);
        let mut last = 0;
        for p in &doc.pieces {
            assert!(
                p.text.start >= last && p.text.end <= doc.text.len(),
                "{page}"
            );
            last = p.text.start;
            let s = p
                .source
                .clone()
                .expect("every piece of a page has a source");
            assert!(
                src.get(s.clone()).is_some(),
                "{page}: {s:?} is not on character boundaries"
            );
            let text = &doc.text[p.text.clone()];
            let written = &src[s];
            // Literal text is written as it is; spacing and entities are written otherwise.
            if !written.contains(['&', '\r', '\n', '\u{a0}', '\u{3000}']) && !text.contains(' ') {
                assert_eq!(written, text, "{page}: {:?}", p.place);
            }
        }
    }
}
