//! The language server's handlers. Thin: they take a snapshot of a document, run the core off
//! the async threads, and convert the result. This file holds the state the handlers share and
//! the `LanguageServer` implementation, which hands each message to the file that does its job.

mod analysis;
mod capabilities;
mod config;
mod documents;
mod lifecycle;
mod publish;
mod requests;
mod schedule;
mod sync;
#[cfg(test)]
mod tests;

pub use capabilities::FIX_ALL_KIND;
pub use config::Config;

use super::convert::Text;
use super::store::Store;
use super::workspace::Workspace;
use crate::checks::Options;
use crate::model::Model;
use crate::position::Encoding;
use crate::voice::Lang;
use publish::Publish;
use std::sync::{Arc, Mutex, MutexGuard};
use tokio::sync::mpsc;
use tower_lsp_server::jsonrpc::{Error, Result};
use tower_lsp_server::ls_types::*;
use tower_lsp_server::{Client, LanguageServer};

/// What turns a model into findings: the checks, or in tests something that fails.
pub type Analyser = fn(&Model, &Options) -> Vec<crate::finding::Finding>;

/// State shared by the handlers and the background jobs.
struct Shared {
    analyser: Analyser,
    store: Mutex<Store>,
    config: Mutex<Config>,
    /// Set at initialize.
    enc: Mutex<Encoding>,
    /// The client's locale says English.
    locale_en: Mutex<bool>,
    workspace: Mutex<Workspace>,
    /// The client registers file watchers when asked (`didChangeWatchedFiles.dynamicRegistration`).
    watch: Mutex<bool>,
    publish: mpsc::UnboundedSender<Publish>,
    client: Client,
}

impl Shared {
    fn options(&self) -> Options {
        let cfg = lock(&self.config).clone();
        let mut o = cfg.options;
        o.new_report_year = Some(crate::skeleton::report_year_at(std::time::SystemTime::now()));
        if !cfg.lang_set {
            o.lang = if *lock(&self.locale_en) {
                Lang::English
            } else {
                Lang::Chinese
            };
        }
        o
    }

    fn encoding(&self) -> Encoding {
        *lock(&self.enc)
    }

    /// Documents larger than this are checked on save only.
    fn large_above(&self) -> usize {
        lock(&self.config)
            .check_on_save_above
            .unwrap_or(crate::lsp::large::DEFAULT_ABOVE)
    }
}

pub struct Backend {
    shared: Arc<Shared>,
}

/// Locks a mutex even if a panicking thread poisoned it: the data are plain values, and the
/// server must keep serving.
pub(super) fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl Backend {
    pub fn with_analyser(client: Client, analyser: Analyser) -> Backend {
        let (tx, rx) = mpsc::unbounded_channel::<Publish>();
        let shared = Arc::new(Shared {
            analyser,
            store: Mutex::new(Store::default()),
            config: Mutex::new(Config::default()),
            enc: Mutex::new(Encoding::Utf16),
            locale_en: Mutex::new(false),
            workspace: Mutex::new(Workspace::default()),
            watch: Mutex::new(false),
            publish: tx,
            client: client.clone(),
        });
        publish::spawn(&shared, client, rx);
        Backend { shared }
    }

    /// Tells the user, in their language, what in the settings was not understood (a misspelt
    /// code would otherwise seem to do nothing).
    async fn tell_settings_problems(&self, problems: Vec<crate::settings::Problem>) {
        if problems.is_empty() {
            return;
        }
        let lang = self.options().lang;
        let text: Vec<String> = problems.iter().map(|p| p.message(lang)).collect();
        self.shared
            .client
            .show_message(MessageType::WARNING, text.join("\n"))
            .await;
    }

    fn options(&self) -> Options {
        self.shared.options()
    }

    fn encoding(&self) -> Encoding {
        self.shared.encoding()
    }

    /// Runs `f` on the model of a document's current version, off the async threads: the model
    /// its analysis built, or one built now and kept for the next request.
    async fn with_model<R: Send + 'static>(
        &self,
        uri: &Uri,
        f: impl FnOnce(&Model, &Text, i32, &Options) -> R + Send + 'static,
    ) -> Result<Option<R>> {
        let shared = self.shared.clone();
        let key = uri.as_str().to_string();
        let options = self.options();
        let enc = self.encoding();
        let job = tokio::task::spawn_blocking(move || {
            let slot = analysis::current(&shared, &key)?;
            let built = analysis::built(&shared, &key, &slot);
            let text = Text::new(built.text(), enc);
            Some(f(built.model(), &text, slot.version, &options))
        })
        .await;
        job.map_err(|e| {
            tracing::error!("request on {} failed: {e}", uri.as_str());
            Error::internal_error()
        })
    }
}

impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        lifecycle::initialize(self, params).await
    }

    async fn initialized(&self, _: InitializedParams) {
        lifecycle::initialized(self).await
    }

    async fn shutdown(&self) -> Result<()> {
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        documents::did_open(self, params).await
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        documents::did_change(self, params).await
    }

    async fn did_save(&self, params: DidSaveTextDocumentParams) {
        documents::did_save(self, params).await
    }

    async fn did_change_watched_files(&self, params: DidChangeWatchedFilesParams) {
        documents::did_change_watched_files(self, params).await
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        documents::did_close(self, params).await
    }

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        documents::did_change_configuration(self, params).await
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        requests::hover::hover(self, params).await
    }

    async fn completion(&self, params: CompletionParams) -> Result<Option<CompletionResponse>> {
        requests::completion::completion(self, params).await
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        requests::code_action::code_action(self, params).await
    }

    async fn document_symbol(
        &self,
        params: DocumentSymbolParams,
    ) -> Result<Option<DocumentSymbolResponse>> {
        requests::symbols::document_symbol(self, params).await
    }

    async fn formatting(&self, params: DocumentFormattingParams) -> Result<Option<Vec<TextEdit>>> {
        requests::formatting::formatting(self, params).await
    }

    async fn range_formatting(
        &self,
        params: DocumentRangeFormattingParams,
    ) -> Result<Option<Vec<TextEdit>>> {
        requests::formatting::range_formatting(self, params).await
    }

    async fn folding_range(&self, params: FoldingRangeParams) -> Result<Option<Vec<FoldingRange>>> {
        requests::symbols::folding_range(self, params).await
    }

    async fn semantic_tokens_full(
        &self,
        params: SemanticTokensParams,
    ) -> Result<Option<SemanticTokensResult>> {
        requests::tokens::semantic_tokens_full(self, params).await
    }

    async fn inlay_hint(&self, params: InlayHintParams) -> Result<Option<Vec<InlayHint>>> {
        requests::tokens::inlay_hint(self, params).await
    }
}
