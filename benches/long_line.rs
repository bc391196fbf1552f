//! Many findings on one long line against the same findings spread over lines (issue 13,
//! point 7): the check and the human view of 25,600 markup leftovers, each 4 bytes, on one
//! 100 KB line and on 25,600 lines.

use criterion::{Criterion, criterion_group, criterion_main};
use nianbao::cli::write_human;
use nianbao::source::Document;
use nianbao::workspace::FileReport;
use nianbao::{Lang, Options};
use std::hint::black_box;

const EXAMPLE: &str = include_str!("../examples/report-2025.txt");

fn report(one_line: bool) -> String {
    let lines: Vec<&str> = EXAMPLE.split('\n').collect();
    let leftovers = if one_line {
        "<p>a".repeat(25_600)
    } else {
        vec!["<p>a"; 25_600].join("\n")
    };
    let mut out = lines[..3].join("\n");
    out.push('\n');
    out.push_str(&leftovers);
    out.push('\n');
    out.push_str(&lines[3..].join("\n"));
    out
}

/// Checks the text and writes the human view; returns its size.
fn human(text: &str) -> usize {
    let findings = nianbao::check_text(text, &Options::default());
    let reports = [FileReport {
        path: "report.txt".into(),
        doc: Document::text(text.to_string(), "utf-8"),
        findings,
        error: None,
        summary: None,
    }];
    let mut out = Vec::new();
    write_human(&mut out, &reports, false, Lang::Chinese).unwrap();
    out.len()
}

fn benches(c: &mut Criterion) {
    let mut g = c.benchmark_group("long_line");
    g.sample_size(10);
    let one = report(true);
    let spread = report(false);
    assert!(nianbao::check_text(&one, &Options::default()).len() > 25_600);
    g.bench_function("human_25600_on_one_line", |b| {
        b.iter(|| human(black_box(&one)))
    });
    g.bench_function("human_25600_spread", |b| {
        b.iter(|| human(black_box(&spread)))
    });
    g.finish();
}

criterion_group!(long_line, benches);
criterion_main!(long_line);
