//! Keystroke-to-diagnostics latency through the language server (its real transport, in
//! process), and the resident memory of the built server holding 20 open reports.
//! Run with `cargo bench --bench lsp`; figures are recorded in BENCHMARKS.md.
//!
//! `cargo bench --bench lsp -- big` instead drives the built server (or the binary named by
//! `NIANBAO_BIN`, to measure another build) on one document of 20 MB: open, diagnostics, a
//! hover, one keystroke, a hover on the new version, another hover; times and peak memory.

use nianbao::lsp::client::Client;
use nianbao::position::{Encoding, LineIndex};
use serde_json::{Value, json};
use std::time::{Duration, Instant};

mod common;
use common::report_of;

fn pos(text: &str, offset: usize) -> Value {
    let p = LineIndex::new(text).position(text, offset, Encoding::Utf16);
    json!({"line": p.line, "character": p.character})
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i]
}

/// Types `keys` characters into a table cell, one didChange each, waiting for the diagnostics
/// of every version.
async fn latency(name: &str, text: String, keys: usize) {
    let (client_io, server_io) = tokio::io::duplex(1 << 24);
    let (sr, sw) = tokio::io::split(server_io);
    tokio::spawn(nianbao::lsp::serve(sr, sw));
    let (cr, cw) = tokio::io::split(client_io);
    let mut c = Client::new(cr, cw);
    c.initialize(json!({}), Value::Null, None).await;
    let uri = format!("file:///bench/{name}.txt");
    let mut text = text;
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "nianbao", "version": 1, "text": text}}),
    )
    .await;
    c.diagnostics(&uri, 1).await.expect("first diagnostics");
    // Edit the 予以公开·自然人 cell: append a digit, then remove it, over and over; every
    // version changes the arithmetic, so every keystroke is a full re-check.
    let cell = text.find("（一）予以公开\n\t15").unwrap() + "（一）予以公开\n\t15".len();
    let mut times = Vec::with_capacity(keys);
    for k in 0..keys {
        let version = k as i64 + 2;
        let change = if k % 2 == 0 {
            let c =
                json!({"range": {"start": pos(&text, cell), "end": pos(&text, cell)}, "text": "7"});
            text.insert(cell, '7');
            c
        } else {
            let c = json!({"range": {"start": pos(&text, cell), "end": pos(&text, cell + 1)}, "text": ""});
            text.remove(cell);
            c
        };
        let t = Instant::now();
        c.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [change]}),
        )
        .await;
        c.diagnostics(&uri, version)
            .await
            .expect("diagnostics of each version");
        times.push(t.elapsed());
        c.drain();
    }
    times.sort();
    println!(
        "latency {name:<12} {:>8} bytes  {keys} keystrokes  p50 {:>8.2?}  p90 {:>8.2?}  p99 {:>8.2?}  max {:>8.2?}",
        text.len(),
        percentile(&times, 0.5),
        percentile(&times, 0.9),
        percentile(&times, 0.99),
        times.last().unwrap()
    );
}

/// The built server on pipes, its process id and a client on its stdio.
fn spawn_server(
    bin: &str,
) -> (
    tokio::process::Child,
    u32,
    Client<tokio::process::ChildStdin>,
) {
    let mut child = tokio::process::Command::new(bin)
        .arg("lsp")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let pid = child.id().unwrap();
    let c = Client::new(child.stdout.take().unwrap(), child.stdin.take().unwrap());
    (child, pid, c)
}

/// A memory figure of a process (`VmRSS:`, `VmHWM:`) in MB.
fn status_mb(pid: u32, key: &str) -> f64 {
    let s = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    s.lines()
        .find(|l| l.starts_with(key))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse::<f64>().ok())
        .unwrap_or(0.0)
        / 1024.0
}

/// The resident memory of `nianbao lsp` with 20 reports open.
async fn memory() {
    let (mut child, pid, mut c) = spawn_server(env!("CARGO_BIN_EXE_nianbao"));
    let rss = |key: &str| status_mb(pid, key);
    c.initialize(json!({}), Value::Null, None).await;
    let idle = rss("VmRSS:");
    let base = report_of(30 * 1024);
    for i in 0..20 {
        // Twenty different reports: the prose differs in each.
        let text = base.replacen("812", &format!("{}", 800 + i), 1);
        c.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": format!("file:///m/{i}.txt"), "languageId": "nianbao", "version": 1, "text": text}}),
        )
        .await;
    }
    for i in 0..20 {
        c.diagnostics(&format!("file:///m/{i}.txt"), 1)
            .await
            .expect("diagnostics of each report");
    }
    // Hover once in each, so every tree and model has been built.
    for i in 0..20 {
        c.request(
            "textDocument/hover",
            json!({"textDocument": {"uri": format!("file:///m/{i}.txt")}, "position": {"line": 130, "character": 1}}),
        )
        .await;
    }
    println!(
        "memory: idle {idle:.1} MB; 20 open 30 KB reports {:.1} MB resident (peak {:.1} MB)",
        rss("VmRSS:"),
        rss("VmHWM:")
    );
    c.shutdown().await;
    let _ = child.wait().await;
}

/// A hover at the start of `line`, and how long its answer took.
async fn hover<W: tokio::io::AsyncWrite + Unpin>(
    c: &mut Client<W>,
    uri: &str,
    line: usize,
    long: Duration,
) -> Duration {
    let t = Instant::now();
    let (_, rx) = c
        .request_later(
            "textDocument/hover",
            json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": 1}}),
        )
        .await;
    let r = tokio::time::timeout(long, rx).await.unwrap().unwrap();
    assert!(r.get("result").is_some(), "{r}");
    t.elapsed()
}

/// One 20 MB document (the example report repeated) in the built server over stdio.
async fn big() {
    let bin = std::env::var("NIANBAO_BIN").unwrap_or_else(|_| env!("CARGO_BIN_EXE_nianbao").into());
    let (mut child, pid, mut c) = spawn_server(&bin);
    let peak = || status_mb(pid, "VmHWM:");
    c.initialize(json!({}), Value::Null, None).await;
    let example = include_str!("../examples/report-2025.txt");
    let text = example.repeat(20 * 1024 * 1024 / example.len() + 1);
    let uri = "file:///bench/big.txt";
    let long = Duration::from_secs(600);
    let t = Instant::now();
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "nianbao", "version": 1, "text": text}}),
    )
    .await;
    c.wait_for(long, |m| {
        m["method"] == "textDocument/publishDiagnostics" && m["params"]["version"] == 1
    })
    .await
    .expect("diagnostics of the big document");
    let open = t.elapsed();
    // The row 「行政规范性文件\t5\t2\t31」 of table 二 in the last report.
    let line = text.lines().count() - example.lines().count() + 31;
    let analysed = hover(&mut c, uri, line, long).await;
    let t = Instant::now();
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"range": {"start": {"line": line, "character": 8}, "end": {"line": line, "character": 8}}, "text": "7"}]}),
    )
    .await;
    let edited = hover(&mut c, uri, line, long).await;
    let keystroke = t.elapsed();
    let again = hover(&mut c, uri, line, long).await;
    println!(
        "big {} bytes: open -> diagnostics {open:.2?}; hover {analysed:.2?}; keystroke -> hover {keystroke:.2?} (the hover {edited:.2?}); hover again {again:.2?}; peak {:.0} MB",
        text.len(),
        peak()
    );
    c.shutdown().await;
    let _ = child.wait().await;
}

fn main() {
    // `cargo bench` passes harness flags; `--bench` is the one that matters.
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    if std::env::args().any(|a| a == "big") {
        rt.block_on(big());
        return;
    }
    rt.block_on(async {
        latency("typical_30k", report_of(30 * 1024), 400).await;
        latency("big_1m", report_of(1024 * 1024), 60).await;
        memory().await;
    });
}
