//! `nianbao lsp`: the language server on stdio. The framework's types stay in this module.

mod backend;
#[doc(hidden)]
pub mod client;
mod convert;
mod input;
mod ordered;
mod store;
mod workspace;

pub use backend::{Analyser, FIX_ALL_KIND};

use tokio::io::{AsyncRead, AsyncWrite};
use tower_lsp_server::{LspService, Server};

/// Serves one client over a pair of streams until it exits.
pub async fn serve<I, O>(input: I, output: O)
where
    I: AsyncRead + Unpin + Send + 'static,
    O: AsyncWrite,
{
    serve_with(input, output, crate::checks::run).await;
}

/// Like [`serve`], with another analysis in place of the checks (tests use one that panics).
#[doc(hidden)]
pub async fn serve_with<I, O>(input: I, output: O, analyser: backend::Analyser)
where
    I: AsyncRead + Unpin + Send + 'static,
    O: AsyncWrite,
{
    // Only well-formed frames reach the framework (see `input.rs`).
    let (checked, to_checked) = tokio::io::duplex(1 << 16);
    tokio::spawn(input::pump(input, to_checked));
    let (service, socket) =
        LspService::build(|client| backend::Backend::with_analyser(client, analyser))
            .custom_method("nianbao/render", backend::Backend::render)
            .custom_method("nianbao/newReport", backend::Backend::new_report)
            .finish();
    Server::new(checked, output, socket)
        .serve(ordered::Ordered::new(service))
        .await;
}

/// Runs the server on stdin and stdout. Nothing but protocol is written to stdout; logs go to
/// stderr.
pub fn run_stdio() -> i32 {
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("nianbao lsp: cannot start: {e}");
            return 2;
        }
    };
    runtime.block_on(serve(tokio::io::stdin(), tokio::io::stdout()));
    // The blocking reader of stdin may still wait for input the client will never send; after
    // `exit` the process ends now, without waiting for it.
    runtime.shutdown_background();
    0
}
