//! Every editor feature answers in every mix of formats (issue 13, point 5): a 2019 or 2020
//! report whose tables follow the 2021 format, and a 2025 report whose tables follow the 2019
//! format, at every line's start, middle and end.

use nianbao::{Lang, Model, ide};

fn fixture(path: &str) -> String {
    std::fs::read_to_string(format!("{}/{path}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

fn every_feature_everywhere(text: &str) {
    let m = Model::new(text);
    let _ = ide::outline(&m, Lang::Chinese);
    let _ = ide::tokens(&m);
    let _ = ide::hints(&m, 0..text.len(), Lang::English);
    let _ = nianbao::render::tables_html(&m, Lang::Chinese);
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let mut mid = start + line.len() / 2;
        while !text.is_char_boundary(mid) {
            mid -= 1;
        }
        let end = start + line.trim_end_matches(['\n', '\r']).len();
        for at in [start, mid, end] {
            let _ = ide::complete(&m, at, Lang::Chinese, 2025);
            let _ = ide::hover(&m, at, Lang::English);
            let _ = ide::recompute_totals(&m, at);
        }
        start += line.len();
    }
}

#[test]
fn tables_of_one_format_in_a_report_of_another() {
    let y2025 = fixture("examples/report-2025.txt");
    let y2019 = fixture("tests/fixtures/clean_2019.txt");
    for year in ["2019", "2020"] {
        every_feature_everywhere(&y2025.replace("2025年", &format!("{year}年")));
    }
    for year in ["2021", "2025"] {
        every_feature_everywhere(&y2019.replace("2019年", &format!("{year}年")));
    }
    // A format's table pasted into the other year's report, section by section.
    let table_2 = |t: &str| {
        let a = t.find("二、主动公开").unwrap();
        let b = t.find("三、收到和处理").unwrap();
        t[a..b].to_string()
    };
    every_feature_everywhere(&y2019.replace(&table_2(&y2019), &table_2(&y2025)));
    every_feature_everywhere(&y2025.replace(&table_2(&y2025), &table_2(&y2019)));
}
