//! The built server under malformed input, over its real stdio with the exact bytes: after
//! every bad frame it still answers a hover and a shutdown, and it exits with the code the
//! protocol asks for.

use serde_json::{Value, json};
use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

const EXAMPLE: &str = include_str!("../examples/report-2025.txt");
const URI: &str = "file:///frames.txt";
const WAIT: Duration = Duration::from_secs(20);

struct Server {
    child: Child,
    stdin: Option<ChildStdin>,
    out: Receiver<Value>,
}

fn frame(body: &[u8]) -> Vec<u8> {
    let mut out = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    out.extend_from_slice(body);
    out
}

impl Server {
    /// A server, initialised, with the example report open.
    fn start() -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_nianbao"))
            .arg("lsp")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdin = child.stdin.take();
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        let (tx, out) = channel();
        std::thread::spawn(move || {
            loop {
                let mut len = None;
                loop {
                    let mut line = String::new();
                    if stdout.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    let line = line.trim();
                    if line.is_empty() {
                        break;
                    }
                    let (name, value) = line.split_once(':').expect("a header");
                    assert!(name.eq_ignore_ascii_case("content-length"), "{line}");
                    len = Some(value.trim().parse::<usize>().unwrap());
                }
                let mut body = vec![0; len.expect("a length")];
                stdout.read_exact(&mut body).unwrap();
                let v: Value = serde_json::from_slice(&body).expect("JSON on stdout");
                if tx.send(v).is_err() {
                    return;
                }
            }
        });
        let mut s = Server { child, stdin, out };
        s.send(&json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}}));
        assert_eq!(s.answer(1)["result"]["serverInfo"]["name"], "nianbao");
        s.send(&json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}));
        s.send(&json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": URI, "languageId": "nianbao", "version": 1, "text": EXAMPLE}}}));
        s
    }

    fn raw(&mut self, bytes: &[u8]) {
        let stdin = self.stdin.as_mut().unwrap();
        stdin.write_all(bytes).unwrap();
        stdin.flush().unwrap();
    }

    fn send(&mut self, v: &Value) {
        self.raw(&frame(v.to_string().as_bytes()));
    }

    /// The next message that answers `id` (others are kept out of the way).
    fn answer(&mut self, id: i64) -> Value {
        self.wait(|m| m["id"] == id && m.get("method").is_none())
            .unwrap_or_else(|| panic!("no answer to request {id}"))
    }

    fn wait(&mut self, f: impl Fn(&Value) -> bool) -> Option<Value> {
        let deadline = std::time::Instant::now() + WAIT;
        loop {
            let left = deadline.checked_duration_since(std::time::Instant::now())?;
            let m = self.out.recv_timeout(left).ok()?;
            if f(&m) {
                return Some(m);
            }
        }
    }

    /// A hover and a shutdown are answered, `exit` ends the process with 0.
    fn still_serves(mut self, what: &str) {
        // Byte 10 of line 0 is inside the title.
        self.send(&json!({"jsonrpc": "2.0", "id": 90, "method": "textDocument/hover", "params": {"textDocument": {"uri": URI}, "position": {"line": 0, "character": 3}}}));
        let hover = self.answer(90);
        assert!(
            hover.get("error").is_none(),
            "{what}: hover failed: {hover}"
        );
        self.send(&json!({"jsonrpc": "2.0", "id": 91, "method": "shutdown"}));
        let shut = self.answer(91);
        assert!(shut.get("error").is_none(), "{what}: {shut}");
        self.send(&json!({"jsonrpc": "2.0", "method": "exit"}));
        assert_eq!(self.exit_code(), Some(0), "{what}");
    }

    fn exit_code(&mut self) -> Option<i32> {
        let deadline = std::time::Instant::now() + WAIT;
        loop {
            if let Some(s) = self.child.try_wait().unwrap() {
                return s.code();
            }
            if std::time::Instant::now() > deadline {
                let _ = self.child.kill();
                panic!("the server did not exit");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

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
