//! Parse + model + checks on a typical report (about 30 KB) and on 1 MB documents.
//! Run with `cargo bench`; figures are recorded in BENCHMARKS.md.

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use nianbao::checks::{Options, run};
use nianbao::model::Model;
use std::hint::black_box;

mod common;
use common::{fixture, report_of};

fn check(text: &str) -> usize {
    let m = Model::new(text);
    run(&m, &Options::default()).len()
}

fn benches(c: &mut Criterion) {
    let typical = report_of(30 * 1024);
    let rows = fixture("clean_rows.txt");
    let mut g = c.benchmark_group("check");
    g.throughput(Throughput::Bytes(typical.len() as u64));
    g.bench_function("typical_30k", |b| b.iter(|| check(black_box(&typical))));
    g.throughput(Throughput::Bytes(rows.len() as u64));
    g.bench_function("rows_8k", |b| b.iter(|| check(black_box(&rows))));
    g.finish();
    // Time against size: one report whose prose grows, and many whole reports in one file
    // (every section and table repeated).
    let mut g = c.benchmark_group("linear");
    g.sample_size(20);
    for kb in [256, 512, 1024] {
        let prose = report_of(kb * 1024);
        g.throughput(Throughput::Bytes(prose.len() as u64));
        g.bench_with_input(BenchmarkId::new("prose", kb), &prose, |b, t| {
            b.iter(|| check(black_box(t)))
        });
        let reports = rows.repeat(kb * 1024 / rows.len());
        g.throughput(Throughput::Bytes(reports.len() as u64));
        g.bench_with_input(BenchmarkId::new("reports", kb), &reports, |b, t| {
            b.iter(|| check(black_box(t)))
        });
    }
    g.finish();
    let mut g = c.benchmark_group("stages");
    g.bench_function("parse_30k", |b| {
        b.iter(|| nianbao::syntax::parse(black_box(&typical), None))
    });
    let tree = nianbao::syntax::parse(&typical, None);
    g.bench_function("model_30k", |b| {
        b.iter(|| Model::from_tree(black_box(&typical), &tree).tables.len())
    });
    g.finish();
}

criterion_group!(check_benches, benches);
criterion_main!(check_benches);
