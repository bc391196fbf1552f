//! A guard in front of the framework's input and a merger of its output.
//!
//! The framework stops reading, and so the server exits, after one message it cannot decode;
//! it also trusts `Content-Length` (a wrong one wedges it, a huge one aborts the process). This
//! pump reads frames with `frame::Reader` (which resynchronises and caps a body), repairs what
//! can be repaired (bytes that are not UTF-8, lone surrogate escapes), answers what is not a
//! JSON-RPC message itself and passes on only messages the framework decodes. Its answers and
//! the framework's go out through one writer, a whole frame at a time.

use super::frame::{Frame, MAX_BODY, Reader};
use std::borrow::Cow;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tokio::sync::mpsc;
use tower_lsp_server::jsonrpc::{Request, Response};

/// What the client asked for the end of the session: the exit code depends on it.
#[derive(Default)]
pub struct Session {
    shutdown: AtomicBool,
    exit: AtomicBool,
}

impl Session {
    /// 0 after `shutdown` then `exit`; 1 when the client exited without `shutdown` or the
    /// stream ended without `exit` (as the protocol says).
    pub fn exit_code(&self) -> i32 {
        if self.shutdown.load(Ordering::SeqCst) && self.exit.load(Ordering::SeqCst) {
            0
        } else {
            1
        }
    }
}

/// What to do with one body.
#[derive(Debug, PartialEq)]
pub enum Verdict {
    /// Pass this text on to the framework; `method` is the request's, if any.
    Pass {
        text: String,
        method: Option<String>,
    },
    /// Answer with this error (id null).
    Answer(i64, &'static str),
    /// Nothing to answer (a notification that is not valid).
    Drop,
}

/// Judges one body: repaired, then passed on, answered or dropped.
pub fn judge(body: &[u8]) -> Verdict {
    let text = repair_surrogates(String::from_utf8_lossy(body));
    if let Ok(req) = serde_json::from_str::<Request>(&text) {
        let method = Some(req.method().to_string());
        return Verdict::Pass {
            text: text.into_owned(),
            method,
        };
    }
    if serde_json::from_str::<Response>(&text).is_ok() {
        return Verdict::Pass {
            text: text.into_owned(),
            method: None,
        };
    }
    match serde_json::from_str::<serde_json::Value>(&text) {
        Err(_) => Verdict::Answer(-32700, "Parse error"),
        // A notification gets no answer, even an invalid one.
        Ok(serde_json::Value::Object(o))
            if o.get("method").is_some_and(|m| m.is_string()) && !o.contains_key("id") =>
        {
            Verdict::Drop
        }
        Ok(_) => Verdict::Answer(-32600, "Invalid Request"),
    }
}

/// Replaces each `\uD800`–`\uDFFF` escape that is not half of a pair with `\uFFFD`: serde
/// refuses them, and clients written in JavaScript send them for an unpaired surrogate.
pub fn repair_surrogates(text: Cow<'_, str>) -> Cow<'_, str> {
    let b = text.as_bytes();
    let hex = |i: usize| -> Option<u32> {
        let s = b.get(i..i + 4)?;
        if !s.iter().all(u8::is_ascii_hexdigit) {
            return None;
        }
        u32::from_str_radix(std::str::from_utf8(s).ok()?, 16).ok()
    };
    let escape = |i: usize| -> Option<u32> {
        if b.get(i) == Some(&b'\\') && b.get(i + 1) == Some(&b'u') {
            hex(i + 2)
        } else {
            None
        }
    };
    let mut out: Option<String> = None;
    let mut copied = 0;
    let mut i = 0;
    while i < b.len()
        && let Some(k) = memchr::memchr(b'\\', &b[i..])
    {
        let at = i + k;
        let Some(u) = escape(at) else {
            // Another escape: skip it whole, so that `\\u` is not read as `\u`.
            i = at + 2;
            continue;
        };
        let paired = (0xD800..0xDC00).contains(&u)
            && escape(at + 6).is_some_and(|l| (0xDC00..0xE000).contains(&l));
        if paired {
            i = at + 12;
        } else if (0xD800..0xE000).contains(&u) {
            let o = out.get_or_insert_with(|| String::with_capacity(b.len()));
            o.push_str(&text[copied..at]);
            o.push_str("\\uFFFD");
            copied = at + 6;
            i = at + 6;
        } else {
            i = at + 6;
        }
    }
    match out {
        None => text,
        Some(mut o) => {
            o.push_str(&text[copied..]);
            Cow::Owned(o)
        }
    }
}

fn frame(body: &[u8]) -> Vec<u8> {
    let mut out = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    out.extend_from_slice(body);
    out
}

fn error(code: i64, message: &str) -> Vec<u8> {
    serde_json::to_vec(&serde_json::json!({
        "jsonrpc": "2.0",
        "id": null,
        "error": {"code": code, "message": message},
    }))
    .unwrap_or_default()
}

/// Copies messages from `input` to `output` (the framework) until `input` ends; errors for
/// the client go to `answers`.
pub async fn pump<R, W>(
    mut input: R,
    mut output: W,
    answers: mpsc::UnboundedSender<Vec<u8>>,
    session: Arc<Session>,
) where
    R: AsyncRead + Unpin,
    W: AsyncWrite + Unpin,
{
    let mut reader = Reader::new(MAX_BODY);
    let mut chunk = vec![0u8; 64 * 1024];
    loop {
        let n = match input.read(&mut chunk).await {
            Ok(0) | Err(_) => return,
            Ok(n) => n,
        };
        reader.push(&chunk[..n]);
        while let Some(f) = reader.next_frame() {
            let body = match f {
                Frame::Body(b) => b,
                Frame::Cut(b) => {
                    tracing::warn!(
                        "a message was shorter than its Content-Length ({} bytes before the next header)",
                        b.len()
                    );
                    b
                }
                Frame::TooLarge(n) => {
                    tracing::error!(
                        "refusing a message of {n} bytes (more than {MAX_BODY}); skipping it"
                    );
                    let _ = answers.send(error(-32600, "Message too large"));
                    continue;
                }
                Frame::BadLength(v) => {
                    tracing::warn!(
                        "a header without a usable Content-Length ({v:?}); looking for the next header"
                    );
                    continue;
                }
                Frame::Skipped(n) => {
                    tracing::warn!("skipped {n} bytes that were not part of a message");
                    continue;
                }
            };
            match judge(&body) {
                Verdict::Pass { text, method } => {
                    match method.as_deref() {
                        Some("shutdown") => session.shutdown.store(true, Ordering::SeqCst),
                        Some("exit") => session.exit.store(true, Ordering::SeqCst),
                        _ => {}
                    }
                    if output.write_all(&frame(text.as_bytes())).await.is_err() {
                        return;
                    }
                    let _ = output.flush().await;
                }
                Verdict::Answer(code, message) => {
                    tracing::warn!(
                        "answering a message of {} bytes with {code} ({message})",
                        body.len()
                    );
                    let _ = answers.send(error(code, message));
                }
                Verdict::Drop => {
                    tracing::warn!(
                        "dropping a notification that is not JSON-RPC ({} bytes)",
                        body.len()
                    );
                }
            }
        }
    }
}

/// Writes the framework's frames and the pump's answers to `output`, each frame whole, until
/// the framework's output ends.
pub async fn write<R, W>(
    mut from_server: R,
    output: W,
    mut answers: mpsc::UnboundedReceiver<Vec<u8>>,
) where
    R: AsyncRead + Unpin,
    W: AsyncWrite,
{
    let mut output = std::pin::pin!(output);
    let mut reader = Reader::new(usize::MAX);
    let mut chunk = vec![0u8; 64 * 1024];
    let mut answers_open = true;
    loop {
        tokio::select! {
            n = from_server.read(&mut chunk) => {
                let n = match n {
                    Ok(0) | Err(_) => break,
                    Ok(n) => n,
                };
                reader.push(&chunk[..n]);
                while let Some(f) = reader.next_frame() {
                    if let Frame::Body(b) = f
                        && output.write_all(&frame(&b)).await.is_err()
                    {
                        return;
                    }
                }
                let _ = output.flush().await;
            }
            a = answers.recv(), if answers_open => match a {
                Some(a) => {
                    if output.write_all(&frame(&a)).await.is_err() {
                        return;
                    }
                    let _ = output.flush().await;
                }
                None => answers_open = false,
            },
        }
    }
    while let Ok(a) = answers.try_recv() {
        let _ = output.write_all(&frame(&a)).await;
    }
    let _ = output.flush().await;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lone_surrogates_become_replacement_characters() {
        let fix = |s: &str| repair_surrogates(Cow::Borrowed(s)).into_owned();
        assert_eq!(fix(r#""\ud800""#), r#""\uFFFD""#);
        assert_eq!(fix(r#""a\udc00b\ud800""#), r#""a\uFFFDb\uFFFD""#);
        // A pair, an escaped backslash before `u`, and other escapes stay.
        assert_eq!(fix(r#""\ud840\udc00""#), r#""\ud840\udc00""#);
        assert_eq!(fix(r#""\\ud800""#), r#""\\ud800""#);
        assert_eq!(fix(r#""\n\u4e00\""#), r#""\n\u4e00\""#);
        assert_eq!(fix(r#""\ud800\u0041""#), r#""\uFFFD\u0041""#);
        assert_eq!(fix("\\"), "\\");
        assert_eq!(fix("\\ud8"), "\\ud8");
    }

    #[test]
    fn bodies_that_are_not_messages_are_answered_or_dropped() {
        for body in [
            "{}",
            "[]",
            r#"[{"jsonrpc":"2.0","id":1,"method":"shutdown"}]"#,
            "42",
            "null",
            r#"{"jsonrpc":"1.0","id":1,"method":"a"}"#,
        ] {
            assert_eq!(
                judge(body.as_bytes()),
                Verdict::Answer(-32600, "Invalid Request"),
                "{body}"
            );
        }
        for body in ["", "{", "\u{feff}{}", "{\"a\":1}}"] {
            assert_eq!(
                judge(body.as_bytes()),
                Verdict::Answer(-32700, "Parse error"),
                "{body}"
            );
        }
        assert_eq!(judge(br#"{"method":"a"}"#), Verdict::Drop);
        let pass = |body: &[u8]| match judge(body) {
            Verdict::Pass { text, method } => (text, method),
            other => panic!("{other:?}"),
        };
        let (text, method) = pass(br#"{"jsonrpc":"2.0","id":1,"method":"shutdown"}"#);
        assert_eq!(method.as_deref(), Some("shutdown"));
        assert!(text.contains("shutdown"));
        // Bytes that are not UTF-8 and a lone surrogate are repaired.
        let (text, _) = pass(b"{\"jsonrpc\":\"2.0\",\"method\":\"a\",\"params\":\"\xff\\ud800\"}");
        let v: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(v["params"], "\u{fffd}\u{fffd}");
        pass(br#"{"jsonrpc":"2.0","id":1,"result":null}"#);
    }
}
