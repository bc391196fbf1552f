//! `nianbao lsp`: the language server on stdio. The framework's types stay in this module.

mod backend;
#[doc(hidden)]
pub mod client;
mod convert;
#[doc(hidden)]
pub mod frame;
#[doc(hidden)]
pub mod input;
mod large;
mod ordered;
mod store;
mod workspace;

pub use backend::{Analyser, FIX_ALL_KIND};

use tokio::io::{AsyncRead, AsyncWrite};
use tower_lsp_server::{LspService, Server};

/// Serves one client over a pair of streams until it exits; returns the exit code the
/// protocol asks for (0 after `shutdown` and `exit`, 1 otherwise).
pub async fn serve<I, O>(input: I, output: O) -> i32
where
    I: AsyncRead + Unpin + Send + 'static,
    O: AsyncWrite,
{
    serve_with(input, output, crate::checks::run).await
}

/// Like [`serve`], with another analysis in place of the checks (tests use one that panics).
#[doc(hidden)]
pub async fn serve_with<I, O>(input: I, output: O, analyser: backend::Analyser) -> i32
where
    I: AsyncRead + Unpin + Send + 'static,
    O: AsyncWrite,
{
    // Only well-formed messages reach the framework; the pump answers the others itself, and
    // one writer sends both its answers and the framework's (see `input.rs`).
    let (checked, to_checked) = tokio::io::duplex(1 << 16);
    let (server_out, from_server) = tokio::io::duplex(1 << 16);
    let (answers, answers_rx) = tokio::sync::mpsc::unbounded_channel();
    let session = std::sync::Arc::new(input::Session::default());
    tokio::spawn(input::pump(input, to_checked, answers, session.clone()));
    let (service, socket) =
        LspService::build(|client| backend::Backend::with_analyser(client, analyser))
            .custom_method("nianbao/render", backend::Backend::render)
            .custom_method("nianbao/newReport", backend::Backend::new_report)
            .finish();
    let server = Server::new(checked, server_out, socket).serve(ordered::Ordered::new(service));
    // The writer ends when the framework's output does, which `serve` drops on return.
    tokio::join!(server, input::write(from_server, output, answers_rx));
    session.exit_code()
}

/// Logs go to stderr, at the level `NIANBAO_LOG` names (`error`, `warn`, `info`, `debug`,
/// `trace`; `warn` by default).
pub fn init_logging() {
    let level = std::env::var("NIANBAO_LOG")
        .ok()
        .and_then(|v| v.trim().parse::<tracing::Level>().ok())
        .unwrap_or(tracing::Level::WARN);
    let _ = tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_max_level(level)
        .with_target(false)
        .try_init();
}

/// Runs the server on stdin and stdout. Nothing but protocol is written to stdout; logs go to
/// stderr.
pub fn run_stdio() -> i32 {
    init_logging();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            tracing::error!("cannot start: {e}");
            return 2;
        }
    };
    let code = runtime.block_on(serve(tokio::io::stdin(), tokio::io::stdout()));
    // The blocking reader of stdin may still wait for input the client will never send; after
    // `exit` the process ends now, without waiting for it.
    runtime.shutdown_background();
    code
}
