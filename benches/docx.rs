//! Word files read and checked, beside the same report as text; and fixes written back.
//! Run with `cargo bench --bench docx`; figures are recorded in BENCHMARKS.md.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use nianbao::checks::{Options, run};
use nianbao::model::Model;
use nianbao::source::docx::{DocxWriter, read_docx};
use nianbao::source::read;
use std::hint::black_box;
use std::io::{Cursor, Read, Write};

fn file(path: &str) -> Vec<u8> {
    std::fs::read(format!("{}/{path}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

fn check(text: &str) -> usize {
    run(&Model::new(text), &Options::default()).len()
}

/// A Word file with the paragraphs of its section 五 repeated until its main part is `size`
/// bytes: a long report with heavy markup.
fn grown(bytes: &[u8], size: usize) -> Vec<u8> {
    let mut a = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut z = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for i in 0..a.len() {
        let mut f = a.by_index(i).unwrap();
        let name = f.name().to_string();
        if name != "word/document.xml" {
            z.raw_copy_file(f).unwrap();
            continue;
        }
        let mut xml = String::new();
        f.read_to_string(&mut xml).unwrap();
        let at = xml.find("一是部分公开内容").unwrap();
        let start = xml[..at]
            .rfind("<w:p>")
            .max(xml[..at].rfind("<w:p "))
            .unwrap();
        let end = at + xml[at..].find("</w:p>").unwrap() + "</w:p>".len();
        let para = xml[start..end].to_string();
        while xml.len() < size {
            xml.insert_str(end, &para);
        }
        z.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        z.write_all(xml.as_bytes()).unwrap();
    }
    z.finish().unwrap().into_inner()
}

fn benches(c: &mut Criterion) {
    let text = String::from_utf8(file("examples/report-2025.txt")).unwrap();
    let word = file("tests/fixtures/docx/report-2025.docx");
    let office = file("tests/fixtures/docx/report-2025.lo.docx");
    let long = grown(&office, 1 << 20);
    let mut g = c.benchmark_group("docx");
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.bench_function("text_read_check", |b| {
        b.iter(|| {
            check(
                &read(Some("r.txt"), black_box(text.as_bytes()))
                    .unwrap()
                    .text,
            )
        })
    });
    g.throughput(Throughput::Bytes(word.len() as u64));
    g.bench_function("python_docx_read_check", |b| {
        b.iter(|| check(&read_docx(black_box(&word)).unwrap().text))
    });
    g.throughput(Throughput::Bytes(office.len() as u64));
    g.bench_function("libreoffice_read_check", |b| {
        b.iter(|| check(&read_docx(black_box(&office)).unwrap().text))
    });
    g.bench_function("libreoffice_read", |b| {
        b.iter(|| read_docx(black_box(&office)).unwrap().text.len())
    });
    let w = DocxWriter::new(&office).unwrap();
    let findings = run(&Model::new(&w.document().text), &Options::default());
    let edits = nianbao::ide::fix_all(&findings);
    g.bench_function("libreoffice_write_safe_fixes", |b| {
        b.iter(|| {
            DocxWriter::new(black_box(&office))
                .unwrap()
                .apply(&edits)
                .unwrap()
                .len()
        })
    });
    g.sample_size(20);
    g.throughput(Throughput::Bytes(long.len() as u64));
    g.bench_function("libreoffice_1mb_read_check", |b| {
        b.iter(|| check(&read_docx(black_box(&long)).unwrap().text))
    });
    g.finish();
}

criterion_group!(docx_benches, benches);
criterion_main!(docx_benches);
