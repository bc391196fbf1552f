//! A document's identity includes its opening: reopening a URI at version 1 (after a close, or
//! with a second didOpen) while the old text is still being analysed never publishes the old
//! text's diagnostics, and the old text's tree never serves the new text (issue 13, point 1).
//! The built server, over its real stdio.

mod common;

use common::stdio::{EXAMPLE, Server, frame};
use serde_json::{Value, json};
use std::time::{Duration, Instant};

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/tests/fixtures/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

type Said = Vec<(Value, Value, Value)>;

/// What the diagnostics say, without the URIs of related reports.
fn said(d: &Value) -> Said {
    d["params"]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["code"].clone(), d["range"].clone(), d["message"].clone()))
        .collect()
}

fn open(uri: &str, text: &str) -> Vec<u8> {
    frame(json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": uri, "languageId": "nianbao", "version": 1, "text": text}}}).to_string().as_bytes())
}

fn is_publish(m: &Value, uri: &str) -> bool {
    m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri
}

/// The diagnostics a fresh server publishes for `text`, and how long they took.
fn reference(text: &str) -> (Said, Duration) {
    let mut s = Server::bare();
    let t = Instant::now();
    s.raw(&open("file:///ref.txt", text));
    let d = s
        .wait(|m| is_publish(m, "file:///ref.txt"))
        .expect("reference");
    (said(&d), t.elapsed())
}

#[test]
fn reopening_during_analysis_never_mixes_two_texts() {
    // Two texts of about the same size, so that either analysis may finish first; B has astral
    // characters where A has other bytes, so that A's tree cannot serve B's text.
    let a = EXAMPLE.repeat(6);
    let b = fixture("clean_per_line.txt").repeat(3);
    let mut b2 = b.clone();
    let nl = b.find('\n').unwrap();
    b2.insert_str(nl + 1, "𠀀𠀀");
    let (want_a, ta) = reference(&a);
    let (want_b, tb) = reference(&b);
    let (want_b2, _) = reference(&b2);
    assert_ne!(want_a, want_b, "the two texts must differ in what they say");
    let quiet = (ta + tb) * 2 + Duration::from_millis(300);
    let mut s = Server::bare();
    let mut id = 100;
    for trial in 0..15 {
        for close_first in [true, false] {
            let what = format!("trial {trial}, close first: {close_first}");
            let uri = format!("file:///reopen-{trial}-{close_first}.txt");
            // All in one write, so that B comes while A is analysed.
            let mut bytes = open(&uri, &a);
            if close_first {
                bytes.extend(frame(json!({"jsonrpc": "2.0", "method": "textDocument/didClose", "params": {"textDocument": {"uri": uri}}}).to_string().as_bytes()));
            }
            bytes.extend(open(&uri, &b));
            s.raw(&bytes);
            // Once both analyses are over, what was published last for version 1 is B's, and
            // nothing published said A's findings.
            let seen: Vec<Value> = s
                .drain(quiet)
                .into_iter()
                .filter(|m| is_publish(m, &uri))
                .collect();
            let last = seen
                .last()
                .unwrap_or_else(|| panic!("{what}: nothing published"));
            assert!(
                said(last) == want_b,
                "{what}: the last of {} publishes is not B's findings",
                seen.len()
            );
            assert!(
                seen.iter().all(|m| said(m) != want_a),
                "{what}: A's findings shown"
            );
            // The reopened document goes on: an edit, a hover, an outline, never -32603.
            s.send(&json!({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"range": {"start": {"line": 1, "character": 0}, "end": {"line": 1, "character": 0}}, "text": "𠀀𠀀"}]}}));
            for method in ["textDocument/hover", "textDocument/documentSymbol"] {
                id += 1;
                s.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": {"textDocument": {"uri": uri}, "position": {"line": 1, "character": 2}}}));
                let r = s.answer(id);
                assert!(r.get("error").is_none(), "{what}: {method}: {r}");
            }
            let v2 = s
                .wait(|m| is_publish(m, &uri) && m["params"]["version"] == 2)
                .unwrap_or_else(|| panic!("{what}: no diagnostics for version 2"));
            assert!(
                said(&v2) == want_b2,
                "{what}: version 2 is not B's edited text"
            );
        }
    }
    s.still_serves("reopen");
}
