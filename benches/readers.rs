//! Reading reports where they live: a saved web page of about 400 KB, and two 5-page PDFs (a
//! real one made in WPS, and LibreOffice's print of the example report) through pdftotext, read
//! and checked, each beside the same report as text. Run with
//! `cargo bench --bench readers` (the PDF needs pdftotext, Debian poppler-utils); figures are
//! in BENCHMARKS.md.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use nianbao::checks::{Options, run};
use nianbao::model::Model;
use nianbao::source::external::pdf_file_to_text;
use nianbao::source::html::read_html;
use nianbao::source::pdf::read_layout_text;
use std::hint::black_box;

const REAL: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus/real/html");

fn real(name: &str) -> String {
    std::fs::read_to_string(format!("{REAL}/{name}")).unwrap()
}

/// A whole saved page of about 400 KB, as the site serves its largest reports: the site's page
/// (header, navigation, the `gklist` script, footer) from 001 around the largest report body
/// (010, a WPS export), the site's `gklist` script repeated up to the size of its biggest pages.
fn page_400k() -> String {
    let site = real("001_ptzhsyqhzs_2025.html");
    let body = real("010_ptzhsyqzhz_2020.article.html");
    let start = site.find("<div class=\"article_title_group\">").unwrap();
    let end_mark = "本年度没有产生信息公开处理费。</p><p><br/></p></div>\n                              </div>";
    let end = site.find(end_mark).unwrap() + end_mark.len();
    let list = site.find("var gklist").unwrap();
    let script_at = site[..list].rfind("<script").unwrap();
    let script_end = site[list..].find("</script>").unwrap() + list + "</script>".len();
    let mut page = site[..start].to_string() + &body + &site[end..];
    while page.len() < 400 * 1024 {
        let at = page.rfind("</body>").unwrap_or(page.len());
        page.insert_str(at, &site[script_at..script_end]);
    }
    page
}

fn check(text: &str) -> usize {
    let m = Model::new(text);
    run(&m, &Options::default()).len()
}

fn benches(c: &mut Criterion) {
    let page = page_400k();
    let text = read_html(page.as_bytes()).unwrap().text;
    let mut g = c.benchmark_group("html");
    g.throughput(Throughput::Bytes(page.len() as u64));
    g.bench_function("page_400k_read_and_check", |b| {
        b.iter(|| check(&read_html(black_box(page.as_bytes())).unwrap().text))
    });
    g.bench_function("page_400k_read", |b| {
        b.iter(|| read_html(black_box(page.as_bytes())).unwrap().pieces.len())
    });
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.bench_function("same_report_as_text_check", |b| {
        b.iter(|| check(black_box(&text)))
    });
    g.finish();

    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let pdf = root.join("../shared/corpus/real/pdf/101_hongzequ_2023.pdf");
    let text = read_layout_text(&pdf_file_to_text(&pdf).unwrap())
        .unwrap()
        .text;
    let mut g = c.benchmark_group("pdf");
    g.bench_function("5_pages_pdftotext_read_and_check", |b| {
        b.iter(|| {
            check(
                &read_layout_text(&pdf_file_to_text(black_box(&pdf)).unwrap())
                    .unwrap()
                    .text,
            )
        })
    });
    g.bench_function("5_pages_pdftotext_only", |b| {
        b.iter(|| pdf_file_to_text(black_box(&pdf)).unwrap().len())
    });
    g.bench_function("same_report_as_text_check", |b| {
        b.iter(|| check(black_box(&text)))
    });
    let layout = pdf_file_to_text(&pdf).unwrap();
    g.bench_function("5_pages_read_layout_text_only", |b| {
        b.iter(|| read_layout_text(black_box(&layout)).unwrap().pieces.len())
    });
    // LibreOffice's print of a Word file: label columns wrapped a few characters a line, so
    // most of its table is put back together from the lines around each row.
    let pdf = root.join("tests/fixtures/pdf/report-2025.pdf");
    let layout = pdf_file_to_text(&pdf).unwrap();
    let text = std::fs::read_to_string(root.join("examples/report-2025.txt")).unwrap();
    g.bench_function("lo_5_pages_pdftotext_read_and_check", |b| {
        b.iter(|| {
            check(
                &read_layout_text(&pdf_file_to_text(black_box(&pdf)).unwrap())
                    .unwrap()
                    .text,
            )
        })
    });
    g.bench_function("lo_5_pages_read_layout_text_only", |b| {
        b.iter(|| read_layout_text(black_box(&layout)).unwrap().pieces.len())
    });
    g.bench_function("lo_same_report_as_text_check", |b| {
        b.iter(|| check(black_box(&text)))
    });
    g.finish();
}

criterion_group!(reader_benches, benches);
criterion_main!(reader_benches);
