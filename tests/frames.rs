//! The built server under malformed input, over its real stdio with the exact bytes: after
//! every bad frame it still answers a hover and a shutdown, and it exits with the code the
//! protocol asks for.

mod common;

use common::stdio::{Server, URI, frame};
use serde_json::{Value, json};

fn error_code(m: &Value) -> Option<i64> {
    m["error"]["code"].as_i64()
}

#[test]
fn bodies_that_are_not_messages_are_answered_and_the_server_goes_on() {
    for (body, code) in [
        (&b"{}"[..], -32600),
        (br#"[{"jsonrpc":"2.0","id":5,"method":"shutdown"}]"#, -32600),
        (b"[]", -32600),
        (b"42", -32600),
        (b"null", -32600),
        (br#"{"jsonrpc":"2.0","id":1.5,"method":"x"}"#, -32600),
        (b"{oops", -32700),
        (b"\xff\xfe{}", -32700),
    ] {
        let what = String::from_utf8_lossy(body).into_owned();
        let mut s = Server::start();
        s.raw(&frame(body));
        let m = s
            .wait(|m| m.get("error").is_some())
            .unwrap_or_else(|| panic!("{what}: no error answered"));
        assert_eq!(error_code(&m), Some(code), "{what}: {m}");
        assert_eq!(m["id"], Value::Null, "{what}");
        s.still_serves(&what);
    }
}

#[test]
fn text_that_is_not_utf8_or_has_lone_surrogates_is_repaired() {
    for text in [&b"\xff\xfe \xe4\xb8"[..], br"\ud800 and \udc00 alone"] {
        let mut s = Server::start();
        let mut body = br#"{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///other.txt","languageId":"nianbao","version":1,"text":""#.to_vec();
        body.extend_from_slice(text);
        body.extend_from_slice(br#""}}}"#);
        s.raw(&frame(&body));
        // The document was opened: its diagnostics come.
        let d = s
            .wait(|m| m["params"]["uri"] == "file:///other.txt")
            .expect("diagnostics of the repaired document");
        assert_eq!(d["method"], "textDocument/publishDiagnostics");
        // A request carrying a lone surrogate is answered too.
        s.raw(&frame(br#"{"jsonrpc":"2.0","id":7,"method":"textDocument/hover","params":{"textDocument":{"uri":"file:///frames.txt"},"position":{"line":0,"character":0},"workDoneToken":"\ud800"}}"#));
        assert!(s.answer(7).get("error").is_none());
        s.still_serves(&String::from_utf8_lossy(text));
    }
}

#[test]
fn a_wrong_content_length_resynchronises_at_the_next_header() {
    let body = json!({"jsonrpc": "2.0", "id": 5, "method": "textDocument/documentSymbol", "params": {"textDocument": {"uri": URI}}}).to_string();
    let n = body.len();
    for len in [
        (n - 1).to_string(),
        (n + 1).to_string(),
        (n + 500).to_string(),
        "abc".into(),
        "-5".into(),
        "0".into(),
        "".into(),
    ] {
        let mut s = Server::start();
        let mut bytes = format!("Content-Length: {len}\r\n\r\n").into_bytes();
        bytes.extend_from_slice(body.as_bytes());
        s.raw(&bytes);
        s.still_serves(&format!("Content-Length: {len}"));
    }
}

#[test]
fn a_huge_content_length_is_refused_and_skipped() {
    for len in [
        "1000000000000",
        "18446744073709551615",
        "4000000000",
        "67108865",
    ] {
        let mut s = Server::start();
        s.raw(format!("Content-Length: {len}\r\n\r\n{{\"jsonrpc\":\"2.0\"").as_bytes());
        let m = s.wait(|m| m.get("error").is_some()).expect("an error");
        assert_eq!(error_code(&m), Some(-32600), "{len}");
        s.still_serves(&format!("Content-Length: {len}"));
    }
}

#[test]
fn garbage_between_frames_is_skipped() {
    let mut s = Server::start();
    s.raw(b"\r\n\r\nhello\r\n\x00\xff}}Content-Type: x\r\n\r\n");
    s.still_serves("garbage");
}

#[test]
fn exit_codes_follow_the_protocol() {
    // exit without shutdown: 1.
    let mut s = Server::start();
    s.send(&json!({"jsonrpc": "2.0", "method": "exit"}));
    assert_eq!(s.exit_code(), Some(1));
    // The stream ends without exit: 1.
    let mut s = Server::start();
    s.send(&json!({"jsonrpc": "2.0", "id": 2, "method": "shutdown"}));
    s.answer(2);
    drop(s.stdin.take());
    assert_eq!(s.exit_code(), Some(1));
    // shutdown then exit: 0.
    Server::start().still_serves("clean");
}
