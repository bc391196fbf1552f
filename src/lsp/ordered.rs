//! Document edits in arrival order.
//!
//! The framework creates a handler future per message in arrival order but runs them
//! concurrently (tower-lsp issue #284), so two `didChange` handlers may run out of order. The
//! transport calls `Service::call` once per message, strictly in arrival order; this wrapper
//! applies `didOpen`, `didChange` and `didClose` to the document store right there,
//! synchronously, before handing the message on.

use super::backend::Backend;
use std::task::{Context, Poll};
use tower::Service;
use tower_lsp_server::LspService;
use tower_lsp_server::jsonrpc::{Request, Response};

pub struct Ordered {
    inner: LspService<Backend>,
}

impl Ordered {
    pub fn new(inner: LspService<Backend>) -> Self {
        Ordered { inner }
    }
}

impl Service<Request> for Ordered {
    type Response = Option<Response>;
    type Error = <LspService<Backend> as Service<Request>>::Error;
    type Future = <LspService<Backend> as Service<Request>>::Future;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, req: Request) -> Self::Future {
        if matches!(
            req.method(),
            "textDocument/didOpen" | "textDocument/didChange" | "textDocument/didClose"
        ) {
            self.inner
                .inner()
                .apply_notification(req.method(), req.params());
        }
        self.inner.call(req)
    }
}
