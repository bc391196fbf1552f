//! A client of the built server over its real stdio, for tests that send exact bytes.
#![allow(dead_code)]

use serde_json::{Value, json};
use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

pub const EXAMPLE: &str = include_str!("../../examples/report-2025.txt");
pub const URI: &str = "file:///frames.txt";
const WAIT: Duration = Duration::from_secs(60);

pub struct Server {
    child: Child,
    pub stdin: Option<ChildStdin>,
    out: Receiver<Value>,
    /// Messages read and not yet asked for.
    kept: Vec<Value>,
}

pub fn frame(body: &[u8]) -> Vec<u8> {
    let mut out = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    out.extend_from_slice(body);
    out
}

impl Server {
    /// A server, initialised, with the example report open.
    pub fn start() -> Server {
        let mut s = Server::bare();
        s.send(&json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": URI, "languageId": "nianbao", "version": 1, "text": EXAMPLE}}}));
        s
    }

    /// A server, initialised, with no document open.
    pub fn bare() -> Server {
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
        let mut s = Server {
            child,
            stdin,
            out,
            kept: Vec::new(),
        };
        s.send(&json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}}));
        assert_eq!(s.answer(1)["result"]["serverInfo"]["name"], "nianbao");
        s.send(&json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}));
        s
    }

    pub fn raw(&mut self, bytes: &[u8]) {
        let stdin = self.stdin.as_mut().unwrap();
        stdin.write_all(bytes).unwrap();
        stdin.flush().unwrap();
    }

    pub fn send(&mut self, v: &Value) {
        self.raw(&frame(v.to_string().as_bytes()));
    }

    /// The next message that answers `id` (others are kept out of the way).
    pub fn answer(&mut self, id: i64) -> Value {
        self.wait(|m| m["id"] == id && m.get("method").is_none())
            .unwrap_or_else(|| panic!("no answer to request {id}"))
    }

    /// Every message until none comes for `quiet`.
    pub fn drain(&mut self, quiet: Duration) -> Vec<Value> {
        let mut out = std::mem::take(&mut self.kept);
        while let Ok(m) = self.out.recv_timeout(quiet) {
            out.push(m);
        }
        out
    }

    /// The first message (kept or new) for which `f` holds; the others are kept.
    pub fn wait(&mut self, f: impl Fn(&Value) -> bool) -> Option<Value> {
        if let Some(i) = self.kept.iter().position(&f) {
            return Some(self.kept.remove(i));
        }
        let deadline = std::time::Instant::now() + WAIT;
        loop {
            let left = deadline.checked_duration_since(std::time::Instant::now())?;
            let m = self.out.recv_timeout(left).ok()?;
            if f(&m) {
                return Some(m);
            }
            self.kept.push(m);
        }
    }

    /// A hover and a shutdown are answered, `exit` ends the process with 0.
    pub fn still_serves(mut self, what: &str) {
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

    pub fn exit_code(&mut self) -> Option<i32> {
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
