//! Every layout real reports use reads to the same numbers, and a planted mistake is found at
//! the same cell in each of them. The fixtures are our own invented report, written by
//! tests/fixtures/make_fixtures.py.

use nianbao::checks::{Options, run};
use nianbao::decode::decode;
use nianbao::model::{Model, Value};
use nianbao::{Code, Finding, Severity, apply_edits};
use std::collections::BTreeMap;

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    decode(&std::fs::read(path).expect("fixture exists"))
        .expect("fixture decodes")
        .text
}

/// Every value read, keyed by table, block, row and column keys.
fn values(m: &Model) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for t in &m.tables {
        let spec = &t.table_spec();
        for (b, bm) in t.blocks.iter().enumerate() {
            let bs = &spec.blocks[b];
            for r in &bm.rows {
                for v in &r.values {
                    let col = v.col.map(|c| bs.columns[c].key.as_str()).unwrap_or("?");
                    let text = match &v.value {
                        Value::Blank => "_".to_string(),
                        _ => m.slice(&v.range).to_string(),
                    };
                    out.insert(
                        format!("{}/{}/{}/{col}", spec.key, bs.key, bs.rows[r.row].key),
                        text,
                    );
                }
            }
        }
    }
    out
}

fn problems(text: &str) -> Vec<Finding> {
    let m = Model::new(text);
    run(&m, &Options::default())
        .into_iter()
        .filter(|f| matches!(f.severity, Severity::Error | Severity::Warning))
        .collect()
}

const LAYOUTS_2021: &[&str] = &[
    "clean_rows.txt",
    "clean_per_line.txt",
    "clean_per_line_hant.txt",
    "clean_pipes.txt",
    "clean_spaced.txt",
    "clean_gb18030.txt",
];

#[test]
fn every_layout_reads_every_cell_to_the_same_numbers() {
    let reference = fixture("clean_rows.txt");
    let expected = values(&Model::new(&reference));
    // 25 rows × 7 + table 二 (3 + 3 + 1 + 1 + 1 + 1) + 15 cells of table 四.
    assert_eq!(expected.len(), 25 * 7 + 10 + 15);
    for name in LAYOUTS_2021 {
        let text = fixture(name);
        let m = Model::new(&text);
        assert_eq!(values(&m), expected, "{name}");
        assert!(m.unread.is_empty(), "{name}: {:?}", m.unread);
        assert_eq!(m.sections.len(), 6, "{name}");
        assert!(problems(&text).is_empty(), "{name}: {:#?}", problems(&text));
    }
}

#[test]
fn scripts_years_and_formats_are_recognised() {
    let hant = fixture("clean_per_line_hant.txt");
    let m = Model::new(&hant);
    assert_eq!(m.script, nianbao::text::Script::Hant);
    assert_eq!(m.year.as_ref().map(|y| y.year), Some(2025));
    let old = fixture("clean_2019.txt");
    let m = Model::new(&old);
    assert_eq!(m.format.id, "2019");
    let v = values(&m);
    assert_eq!(v["proactive/art20_5/licensing/items_change"], "-2");
    assert_eq!(v["proactive/art20_9/procurement/purchase_amount"], "86.4");
    assert_eq!(v["requests/requests/other_handling_2019/total"], "2");
    assert!(problems(&old).is_empty(), "{:#?}", problems(&old));
}

#[test]
fn the_subtotal_variant_has_eight_columns_and_its_own_sum() {
    let text = fixture("clean_subtotal.txt");
    let m = Model::new(&text);
    assert_eq!(m.tables[1].blocks[0].columns.len(), 8);
    assert_eq!(values(&m)["requests/requests/new/subtotal"], "6");
    assert!(problems(&text).is_empty());
    // A wrong 小计 is a total mismatch at that cell.
    let cell = m.tables[1].cell(0, 0, 6).expect("小计 of row 一");
    let mut broken = text.clone();
    broken.replace_range(cell.range.clone(), "7");
    let f = problems(&broken);
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(
        (f[0].code, f[0].range.clone()),
        (Code::TotalMismatch, cell.range.clone())
    );
}

/// The byte range of a cell, found through the model.
fn cell_range(text: &str, table: usize, row_key: &str, col_key: &str) -> std::ops::Range<usize> {
    let m = Model::new(text);
    let t = &m.tables[table];
    let bs = &t.table_spec().blocks[0];
    let row = bs.rows.iter().position(|r| r.key == row_key).unwrap();
    let col = bs.columns.iter().position(|c| c.key == col_key).unwrap();
    t.cell(0, row, col).unwrap().range.clone()
}

#[test]
fn a_wrong_number_is_found_at_its_cell_in_every_layout() {
    for name in LAYOUTS_2021 {
        let text = fixture(name);
        // 予以公开·自然人 is 15; 16 breaks its row and its column, one finding at the cell.
        let r = cell_range(&text, 1, "granted", "natural");
        assert_eq!(&text[r.clone()], "15", "{name}");
        let mut broken = text.clone();
        broken.replace_range(r.clone(), "16");
        let f = problems(&broken);
        assert_eq!(f.len(), 1, "{name}: {f:#?}");
        assert_eq!(
            (f[0].code, f[0].range.clone()),
            (Code::TotalMismatch, r.clone()),
            "{name}"
        );
        assert!(f[0].message.contains("15"), "{name}: {}", f[0].message);

        // Table 四: the 复议后起诉 total 1 → 3.
        let r = cell_range(&text, 2, "cases", "sa_total");
        let mut broken = text.clone();
        broken.replace_range(r.clone(), "3");
        let f = problems(&broken);
        assert_eq!(f.len(), 1, "{name}: {f:#?}");
        assert_eq!(f[0].range, r, "{name}");
        let fixed = apply_edits(&broken, &f[0].fixes[0].edits).unwrap();
        assert_eq!(fixed, text, "{name}");
    }
}

#[test]
fn traditional_reports_get_traditional_messages_and_fixes() {
    let text = fixture("clean_per_line_hant.txt");
    let broken = text.replacen("六、其他需要報告的事項", "六、其他需要說明的事項", 1);
    assert_ne!(broken, text);
    let f = problems(&broken);
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(f[0].code, Code::NonstandardHeading);
    assert!(
        f[0].message
            .contains("標準寫法為「六、其他需要報告的事項」"),
        "{}",
        f[0].message
    );
    assert_eq!(f[0].fixes[0].edits[0].new_text, "六、其他需要報告的事項");
}
