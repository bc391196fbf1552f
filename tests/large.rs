//! A document over the size set by `checkOnSaveAbove` is checked when saved, not on every
//! change, and the clerk is told once (issue 13, point 8). The built server over stdio.

mod common;

use common::stdio::{EXAMPLE, Server, frame};
use serde_json::json;
use std::time::Duration;

#[test]
fn a_large_document_is_checked_on_save_with_one_notice() {
    let mut s = Server::bare();
    s.send(&json!({"jsonrpc": "2.0", "method": "workspace/didChangeConfiguration", "params": {"settings": {"nianbao": {"checkOnSaveAbove": 1000}}}}));
    let uri = "file:///large.txt";
    s.raw(&frame(json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": uri, "languageId": "nianbao", "version": 1, "text": EXAMPLE}}}).to_string().as_bytes()));
    // Opening checks it.
    let publish = |v: i64| {
        move |m: &serde_json::Value| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == uri
                && m["params"]["version"] == v
        }
    };
    let d = s.wait(publish(1)).expect("diagnostics on open");
    let first = d["params"]["diagnostics"].as_array().unwrap().len();
    assert!(first > 0);
    // Two edits: no diagnostics, one notice.
    for v in [2, 3] {
        s.send(&json!({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {"textDocument": {"uri": uri, "version": v}, "contentChanges": [{"range": {"start": {"line": 1, "character": 0}, "end": {"line": 1, "character": 0}}, "text": "𠀀"}]}}));
    }
    let seen = s.drain(Duration::from_millis(1500));
    let notices: Vec<_> = seen
        .iter()
        .filter(|m| m["method"] == "window/showMessage")
        .collect();
    assert_eq!(notices.len(), 1, "{seen:?}");
    assert!(
        notices[0]["params"]["message"]
            .as_str()
            .unwrap()
            .contains("保存时检查")
    );
    assert!(
        !seen
            .iter()
            .any(|m| m["method"] == "textDocument/publishDiagnostics"),
        "{seen:?}"
    );
    // Saving checks the current text.
    s.send(&json!({"jsonrpc": "2.0", "method": "textDocument/didSave", "params": {"textDocument": {"uri": uri}}}));
    let d = s.wait(publish(3)).expect("diagnostics on save");
    assert!(d["params"]["diagnostics"].is_array());
    s.still_serves("large");
}
