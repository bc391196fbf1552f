//! A minimal LSP client over async streams, for the tests and benchmarks that drive the real
//! server through its real transport (in process or over a child's stdio).

use serde_json::{Value, json};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWrite, AsyncWriteExt, BufReader};
use tokio::sync::{mpsc, oneshot};

type Pending = Arc<Mutex<HashMap<i64, oneshot::Sender<Value>>>>;

pub struct Client<W> {
    writer: W,
    next_id: i64,
    pending: Pending,
    notifications: mpsc::UnboundedReceiver<Value>,
    /// Notifications read while waiting for another one.
    seen: Vec<Value>,
}

/// Reads one framed message.
async fn read_message<R: tokio::io::AsyncRead + Unpin>(r: &mut BufReader<R>) -> Option<Value> {
    let mut len: Option<usize> = None;
    loop {
        let mut line = String::new();
        if r.read_line(&mut line).await.ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(v) = line.strip_prefix("Content-Length:") {
            len = v.trim().parse().ok();
        }
    }
    let mut body = vec![0u8; len?];
    r.read_exact(&mut body).await.ok()?;
    serde_json::from_slice(&body).ok()
}

impl<W: AsyncWrite + Unpin> Client<W> {
    /// Starts reading the server's output.
    pub fn new<R: tokio::io::AsyncRead + Unpin + Send + 'static>(reader: R, writer: W) -> Self {
        let pending: Pending = Arc::default();
        let (tx, rx) = mpsc::unbounded_channel();
        let p = pending.clone();
        tokio::spawn(async move {
            let mut r = BufReader::new(reader);
            while let Some(msg) = read_message(&mut r).await {
                let is_response = msg.get("method").is_none();
                if is_response {
                    let id = msg.get("id").and_then(Value::as_i64).unwrap_or(-1);
                    let waiter = p.lock().unwrap_or_else(|e| e.into_inner()).remove(&id);
                    if let Some(w) = waiter {
                        let _ = w.send(msg);
                    }
                } else if tx.send(msg).is_err() {
                    break;
                }
            }
        });
        Client {
            writer,
            next_id: 1,
            pending,
            notifications: rx,
            seen: Vec::new(),
        }
    }

    async fn send(&mut self, msg: &Value) {
        let body = msg.to_string();
        let frame = format!("Content-Length: {}\r\n\r\n{body}", body.len());
        // A server that has exited closes the pipe; the caller sees it through the replies.
        let _ = self.writer.write_all(frame.as_bytes()).await;
        let _ = self.writer.flush().await;
    }

    /// Sends a request and returns the whole response (`result` or `error`).
    pub async fn request(&mut self, method: &str, params: Value) -> Value {
        let (_, rx) = self.request_later(method, params).await;
        tokio::time::timeout(Duration::from_secs(30), rx)
            .await
            .ok()
            .and_then(Result::ok)
            .unwrap_or(Value::Null)
    }

    /// Sends a request without waiting for its response; returns its id.
    pub async fn request_later(
        &mut self,
        method: &str,
        params: Value,
    ) -> (i64, oneshot::Receiver<Value>) {
        let id = self.next_id;
        self.next_id += 1;
        let (tx, rx) = oneshot::channel();
        self.pending
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(id, tx);
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}))
            .await;
        (id, rx)
    }

    pub async fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}))
            .await;
    }

    /// Sends raw bytes, for tests of malformed input.
    pub async fn send_raw(&mut self, bytes: &[u8]) {
        let _ = self.writer.write_all(bytes).await;
        let _ = self.writer.flush().await;
    }

    /// The first notification (already seen or to come) that satisfies `pred`.
    pub async fn wait_for(
        &mut self,
        timeout: Duration,
        pred: impl Fn(&Value) -> bool,
    ) -> Option<Value> {
        if let Some(i) = self.seen.iter().position(&pred) {
            return Some(self.seen.remove(i));
        }
        let deadline = tokio::time::Instant::now() + timeout;
        loop {
            let msg = tokio::time::timeout_at(deadline, self.notifications.recv())
                .await
                .ok()??;
            if pred(&msg) {
                return Some(msg);
            }
            self.seen.push(msg);
        }
    }

    /// The diagnostics published for `uri` at `version`.
    pub async fn diagnostics(&mut self, uri: &str, version: i64) -> Option<Vec<Value>> {
        let uri = uri.to_string();
        let msg = self
            .wait_for(Duration::from_secs(30), move |m| {
                m["method"] == "textDocument/publishDiagnostics"
                    && m["params"]["uri"] == uri.as_str()
                    && m["params"]["version"] == version
            })
            .await?;
        msg["params"]["diagnostics"].as_array().cloned()
    }

    /// Every notification received so far and not yet consumed.
    pub fn drain(&mut self) -> Vec<Value> {
        while let Ok(m) = self.notifications.try_recv() {
            self.seen.push(m);
        }
        std::mem::take(&mut self.seen)
    }

    /// initialize + initialized, with the given client capabilities and options.
    pub async fn initialize(
        &mut self,
        capabilities: Value,
        options: Value,
        locale: Option<&str>,
    ) -> Value {
        let mut params = json!({"processId": null, "rootUri": null, "capabilities": capabilities, "initializationOptions": options});
        if let Some(l) = locale {
            params["locale"] = json!(l);
        }
        let r = self.request("initialize", params).await;
        self.notify("initialized", json!({})).await;
        r
    }

    pub async fn shutdown(&mut self) -> Value {
        let r = self.request("shutdown", Value::Null).await;
        self.notify("exit", Value::Null).await;
        r
    }
}
