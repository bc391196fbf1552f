//! Keystroke-to-diagnostics latency through the language server (its real transport, in
//! process), and the resident memory of the built server holding 20 open reports.
//! Run with `cargo bench --bench lsp`; figures are recorded in BENCHMARKS.md.

use nianbao::lsp::client::Client;
use nianbao::position::{Encoding, LineIndex};
use serde_json::{Value, json};
use std::time::{Duration, Instant};

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/tests/fixtures/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

/// The one-cell-per-line fixture with section 一 grown to `size` bytes (as in benches/check.rs).
fn report_of(size: usize) -> String {
    let base = fixture("clean_per_line.txt");
    let at = base.find("二、主动公开政府信息情况").unwrap();
    let para = "围绕农田水利、集镇改造和困难群众救助等群众关心的事项，本镇在政府网站专栏发布信息812条，\
召开情况通报会4场，对涉及群众切身利益的政策逐条解读，并在村务公开栏同步张贴。\n\n";
    let mut text = base[..at].to_string();
    while text.len() + (base.len() - at) < size {
        text.push_str(para);
    }
    text.push_str(&base[at..]);
    text
}

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

/// The resident memory of `nianbao lsp` with 20 reports open.
fn memory() {
    use std::io::{BufRead, BufReader, Read, Write};
    use std::process::{Command, Stdio};
    let bin = env!("CARGO_BIN_EXE_nianbao");
    let mut child = Command::new(bin)
        .arg("lsp")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut send = |v: Value| {
        let b = v.to_string();
        stdin
            .write_all(format!("Content-Length: {}\r\n\r\n{b}", b.len()).as_bytes())
            .unwrap();
        stdin.flush().unwrap();
    };
    let mut read = || -> Value {
        let mut head = String::new();
        stdout.read_line(&mut head).unwrap();
        let len: usize = head
            .trim()
            .trim_start_matches("Content-Length: ")
            .parse()
            .unwrap();
        let mut blank = String::new();
        stdout.read_line(&mut blank).unwrap();
        let mut body = vec![0; len];
        stdout.read_exact(&mut body).unwrap();
        serde_json::from_slice(&body).unwrap()
    };
    let rss = |pid: u32, key: &str| -> u64 {
        let s = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
        s.lines()
            .find(|l| l.starts_with(key))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|v| v.parse().ok())
            .unwrap_or(0)
    };
    send(
        json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}}),
    );
    read();
    send(json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}));
    let idle = rss(child.id(), "VmRSS:");
    let base = report_of(30 * 1024);
    for i in 0..20 {
        // Twenty different reports: the prose differs in each.
        let text = base.replacen("812", &format!("{}", 800 + i), 1);
        send(
            json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": format!("file:///m/{i}.txt"), "languageId": "nianbao", "version": 1, "text": text}}}),
        );
    }
    let mut published = std::collections::HashSet::new();
    while published.len() < 20 {
        let m = read();
        if m["method"] == "textDocument/publishDiagnostics" {
            published.insert(m["params"]["uri"].as_str().unwrap().to_string());
        }
    }
    // Hover once in each, so every tree and model has been built.
    for i in 0..20 {
        send(
            json!({"jsonrpc": "2.0", "id": 100 + i, "method": "textDocument/hover", "params": {"textDocument": {"uri": format!("file:///m/{i}.txt")}, "position": {"line": 130, "character": 1}}}),
        );
        loop {
            if read()["id"] == 100 + i {
                break;
            }
        }
    }
    let pid = child.id();
    println!(
        "memory: idle {:.1} MB; 20 open 30 KB reports {:.1} MB resident (peak {:.1} MB)",
        idle as f64 / 1024.0,
        rss(pid, "VmRSS:") as f64 / 1024.0,
        rss(pid, "VmHWM:") as f64 / 1024.0
    );
    send(json!({"jsonrpc": "2.0", "id": 2, "method": "shutdown"}));
    loop {
        if read()["id"] == 2 {
            break;
        }
    }
    send(json!({"jsonrpc": "2.0", "method": "exit"}));
    let _ = child.wait();
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
    rt.block_on(async {
        latency("typical_30k", report_of(30 * 1024), 400).await;
        latency("big_1m", report_of(1024 * 1024), 60).await;
    });
    memory();
}
