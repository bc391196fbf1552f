//! The language server's handlers. Thin: they take a snapshot of a document, run the core off
//! the async threads, and convert the result.

use super::convert::{self, Text};
use super::store::{Snapshot, Store};
use super::workspace::{Entry, Workspace};
use crate::checks::{self, Options};
use crate::ide;
use crate::model::Model;
use crate::position::Encoding;
use crate::voice::Lang;
use crate::voice::phrase;
use serde_json::Value;
use std::sync::{Arc, Mutex, MutexGuard};
use tokio::sync::mpsc;
use tower_lsp_server::jsonrpc::{Error, Result};
use tower_lsp_server::ls_types::*;
use tower_lsp_server::{Client, LanguageServer};
use tree_sitter::Tree;

/// Settings a client can change.
#[derive(Clone, Debug, Default)]
pub struct Config {
    pub options: Options,
    /// Whether the language was set explicitly (it then wins over the client's locale).
    pub lang_set: bool,
    /// Documents larger than this are checked on save (see `large.rs`); `None`: the default.
    pub check_on_save_above: Option<usize>,
}

impl Config {
    /// Takes what a configuration sets (see [`crate::settings`]); returns what it did not
    /// understand, for the user to be told.
    pub fn apply(&mut self, v: &Value) -> Vec<crate::settings::Problem> {
        use crate::settings::Language;
        if let Some(n) = super::large::setting(v) {
            self.check_on_save_above = Some(n);
        }
        let (settings, problems) = crate::settings::read(v);
        if let Some(severity) = settings.severity {
            self.options.severity = severity;
        }
        match settings.language {
            Some(Language::English) => {
                self.options.lang = Lang::English;
                self.lang_set = true;
            }
            Some(Language::Chinese) => {
                self.options.lang = Lang::Chinese;
                self.lang_set = true;
            }
            Some(Language::Auto) => self.lang_set = false,
            None => {}
        }
        problems
    }
}

/// Diagnostics to publish, if `version` is still the document's and no later analysis was
/// published already.
struct Publish {
    uri: Uri,
    /// The opening of the document the diagnostics are for.
    epoch: u64,
    version: Option<i32>,
    /// The analysis's number (`Doc::generation`); `None` clears a closed document.
    generation: Option<u64>,
    diagnostics: Vec<Diagnostic>,
}

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
}

pub struct Backend {
    shared: Arc<Shared>,
}

/// Locks a mutex even if a panicking thread poisoned it: the data are plain values, and the
/// server must keep serving.
pub(super) fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// Analyses a document off the async threads and queues its diagnostics; when its summary
/// changed, the open reports of the same organisation are analysed again (their comparisons
/// with it may have changed).
/// Reads `paths` from disk again into the workspace's reports (a file gone is dropped), then
/// analyses the open documents again: one of them may be compared with a file that changed.
fn refresh_from_disk(shared: &Arc<Shared>, paths: Vec<std::path::PathBuf>) {
    let shared = shared.clone();
    tokio::spawn(async move {
        let paths: Vec<_> = {
            let ws = lock(&shared.workspace);
            paths.into_iter().filter(|p| ws.holds(p)).collect()
        };
        if paths.is_empty() {
            return;
        }
        let read = tokio::task::spawn_blocking(move || {
            paths
                .into_iter()
                .map(|p| {
                    let uri = Uri::from_file_path(&p).map(|u| u.as_str().to_string());
                    (uri, Workspace::read(&p))
                })
                .collect::<Vec<_>>()
        })
        .await;
        let Ok(read) = read else { return };
        {
            let mut ws = lock(&shared.workspace);
            for (uri, entry) in read {
                match (uri, entry) {
                    (_, Some((u, e))) => {
                        ws.disk.insert(u, e);
                    }
                    (Some(u), None) => {
                        ws.disk.remove(&u);
                    }
                    (None, None) => {}
                }
            }
        }
        let open: Vec<String> = {
            let mut s = lock(&shared.store);
            for d in s.docs.values_mut() {
                d.analysed = None;
            }
            s.docs.keys().cloned().collect()
        };
        for u in open {
            if let Ok(uri) = u.parse::<Uri>() {
                schedule(&shared, uri);
            }
        }
    });
}

fn schedule(shared: &Arc<Shared>, uri: Uri) {
    let shared = shared.clone();
    tokio::spawn(async move {
        let job_shared = shared.clone();
        let job_uri = uri.clone();
        let job = tokio::task::spawn_blocking(move || analyse(&job_shared, &job_uri)).await;
        match job {
            Ok(Some(done)) => {
                let _ = shared.publish.send(Publish {
                    uri,
                    epoch: done.epoch,
                    version: Some(done.version),
                    generation: Some(done.generation),
                    diagnostics: done.diagnostics,
                });
                for other in done.reanalyse {
                    if let Ok(u) = other.parse::<Uri>() {
                        if let Some(d) = lock(&shared.store).docs.get_mut(&other) {
                            d.analysed = None;
                        }
                        schedule(&shared, u);
                    }
                }
            }
            Ok(None) => {}
            Err(e) => tracing::error!("analysis of {} failed: {e}", uri.as_str()),
        }
    });
}

impl Backend {
    pub fn with_analyser(client: Client, analyser: Analyser) -> Backend {
        let (tx, mut rx) = mpsc::unbounded_channel::<Publish>();
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
        // One task publishes, in order, and only what is still current: results of an older
        // version that finish late are dropped here.
        let publisher = shared.clone();
        tokio::spawn(async move {
            // By URI: the epoch and generation last published.
            let mut last: std::collections::HashMap<String, (u64, u64)> =
                std::collections::HashMap::new();
            while let Some(p) = rx.recv().await {
                let key = p.uri.as_str().to_string();
                let current = match (p.version, p.generation) {
                    (Some(v), Some(g)) => {
                        let s = lock(&publisher.store);
                        s.docs.get(&key).is_some_and(|d| d.is(p.epoch, v))
                            && last.get(&key).is_none_or(|&(e, l)| e != p.epoch || g > l)
                    }
                    _ => true,
                };
                if !current {
                    continue;
                }
                match p.generation {
                    Some(g) => {
                        last.insert(key, (p.epoch, g));
                    }
                    None => {
                        last.remove(&key);
                    }
                }
                client
                    .publish_diagnostics(p.uri, p.diagnostics, p.version)
                    .await;
            }
        });
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

    /// Applies a document notification to the store. Called synchronously, in arrival order,
    /// before the notification's handler runs.
    pub fn apply_notification(&self, method: &str, params: Option<&Value>) {
        let Some(params) = params.cloned() else {
            return;
        };
        let enc = self.encoding();
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let mut store = lock(&self.shared.store);
            match method {
                "textDocument/didOpen" => {
                    if let Ok(p) = serde_json::from_value::<DidOpenTextDocumentParams>(params) {
                        let d = p.text_document;
                        store.open(d.uri.as_str(), d.version, &d.text);
                    }
                }
                "textDocument/didChange" => {
                    let Ok(p) = serde_json::from_value::<DidChangeTextDocumentParams>(params)
                    else {
                        return;
                    };
                    let Some(doc) = store.docs.get_mut(p.text_document.uri.as_str()) else {
                        tracing::warn!(
                            "change to a document that is not open: {}",
                            p.text_document.uri.as_str()
                        );
                        return;
                    };
                    if p.text_document.version <= doc.version {
                        tracing::warn!(
                            "ignoring version {} of {}: already at {}",
                            p.text_document.version,
                            p.text_document.uri.as_str(),
                            doc.version
                        );
                        return;
                    }
                    for change in p.content_changes {
                        match change.range {
                            Some(r) => {
                                let start = doc.offset(r.start.line, r.start.character, enc);
                                let end = doc.offset(r.end.line, r.end.character, enc);
                                doc.replace(start.min(end), end.max(start), &change.text);
                            }
                            None => doc.set_text(&change.text),
                        }
                    }
                    doc.version = p.text_document.version;
                }
                "textDocument/didClose" => {
                    if let Ok(p) = serde_json::from_value::<DidCloseTextDocumentParams>(params) {
                        store.docs.remove(p.text_document.uri.as_str());
                    }
                }
                _ => {}
            }
        }));
        if result.is_err() {
            tracing::error!("applying {method} failed; the document may be out of step");
        }
    }

    /// Runs `f` on the model of a document's current version, off the async threads.
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
            let snap = lock(&shared.store).docs.get(&key).map(|d| d.snapshot())?;
            let tree = parse(&shared.store, &key, &snap);
            let model = Model::from_tree(&snap.text, &tree);
            let text = Text::new(&snap.text, enc);
            Some(f(&model, &text, snap.version, &options))
        })
        .await;
        job.map_err(|e| {
            tracing::error!("request on {} failed: {e}", uri.as_str());
            Error::internal_error()
        })
    }

    fn capabilities(&self) -> ServerCapabilities {
        let enc = match self.encoding() {
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            _ => PositionEncodingKind::UTF16,
        };
        ServerCapabilities {
            position_encoding: Some(enc),
            text_document_sync: Some(TextDocumentSyncCapability::Options(
                TextDocumentSyncOptions {
                    save: Some(TextDocumentSyncSaveOptions::Supported(true)),
                    open_close: Some(true),
                    change: Some(TextDocumentSyncKind::INCREMENTAL),
                    ..TextDocumentSyncOptions::default()
                },
            )),
            hover_provider: Some(HoverProviderCapability::Simple(true)),
            completion_provider: Some(CompletionOptions {
                trigger_characters: Some(vec!["、".into(), "（".into(), "(".into(), ".".into()]),
                ..CompletionOptions::default()
            }),
            code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
                code_action_kinds: Some(vec![
                    CodeActionKind::QUICKFIX,
                    CodeActionKind::SOURCE_FIX_ALL,
                    CodeActionKind::new(FIX_ALL_KIND),
                    CodeActionKind::REFACTOR_REWRITE,
                ]),
                ..CodeActionOptions::default()
            })),
            document_symbol_provider: Some(OneOf::Left(true)),
            document_formatting_provider: Some(OneOf::Left(true)),
            document_range_formatting_provider: Some(OneOf::Left(true)),
            folding_range_provider: Some(FoldingRangeProviderCapability::Simple(true)),
            inlay_hint_provider: Some(OneOf::Left(true)),
            semantic_tokens_provider: Some(
                SemanticTokensServerCapabilities::SemanticTokensOptions(SemanticTokensOptions {
                    legend: SemanticTokensLegend {
                        token_types: ide::TOKEN_TYPES
                            .iter()
                            .map(|t| SemanticTokenType::new(t))
                            .collect(),
                        token_modifiers: ide::TOKEN_MODIFIERS
                            .iter()
                            .map(|t| SemanticTokenModifier::new(t))
                            .collect(),
                    },
                    full: Some(SemanticTokensFullOptions::Bool(true)),
                    ..SemanticTokensOptions::default()
                }),
            ),
            ..ServerCapabilities::default()
        }
    }
}

/// The code action kind of "fix all safe problems".
pub const FIX_ALL_KIND: &str = "source.fixAll.nianbao";

/// Parses a snapshot (incrementally when it has an edited tree) and keeps the tree for the next
/// parse if the document has not moved on.
fn parse(store: &Mutex<Store>, key: &str, snap: &Snapshot) -> Tree {
    if snap.parsed
        && let Some(t) = &snap.tree
    {
        return t.clone();
    }
    let tree = crate::syntax::parse(&snap.text, snap.tree.as_ref());
    let mut s = lock(store);
    if let Some(d) = s.docs.get_mut(key)
        && d.is(snap.epoch, snap.version)
        && !d.parsed
    {
        d.tree = Some(tree.clone());
        d.parsed = true;
    }
    tree
}

/// The result of analysing one version of a document.
struct Analysed {
    epoch: u64,
    version: i32,
    generation: u64,
    diagnostics: Vec<Diagnostic>,
    /// Open documents to analyse again, because this one changed what they compare with.
    reanalyse: Vec<String>,
}

/// Diagnostics of a document's current version, unless that version was analysed already:
/// its own findings, and those of comparing it with the same organisation's other reports.
fn analyse(shared: &Shared, uri: &Uri) -> Option<Analysed> {
    let key = uri.as_str();
    let options = shared.options();
    let enc = shared.encoding();
    let snap = {
        let mut s = lock(&shared.store);
        let d = s.docs.get_mut(key)?;
        if d.analysed.is_some_and(|a| a >= d.version) {
            return None;
        }
        d.analysed = Some(d.version);
        d.generation += 1;
        (d.snapshot(), d.generation)
    };
    let (snap, generation) = snap;
    let tree = parse(&shared.store, key, &snap);
    let model = Model::from_tree(&snap.text, &tree);
    let findings = (shared.analyser)(&model, &options);
    // The whole summary only when another report of the organisation is known: a report on
    // its own needs no comparison, and that keeps keystrokes cheap.
    let (org, _) = crate::cross::identity(&model);
    let known = org.as_deref().is_some_and(|o| {
        let ws = lock(&shared.workspace);
        ws.open
            .iter()
            .chain(ws.disk.iter())
            .any(|(u, e)| u != key && e.summary.org.as_deref() == Some(o))
    });
    let summary = if known {
        crate::cross::summarize(&model)
    } else {
        crate::cross::Summary::identity_only(&model)
    };
    drop(model);
    let text: Arc<str> = Arc::from(snap.text.as_str());
    let open_now = lock(&shared.store).epoch(key) == Some(snap.epoch);
    let (neighbours, changed) = {
        let mut ws = lock(&shared.workspace);
        let entry = Entry {
            summary: summary.clone(),
            text: text.clone(),
            epoch: snap.epoch,
            version: snap.version,
        };
        // An analysis of an older version, or of a closed or earlier opening, that finishes
        // late does not replace a newer one.
        let newer = open_now
            && ws
                .open
                .get(key)
                .is_none_or(|old| (old.epoch, old.version) <= (snap.epoch, snap.version));
        let changed = newer && ws.open.get(key).is_none_or(|old| old.summary != summary);
        if newer {
            ws.open.insert(key.to_string(), entry);
        }
        let neighbours = summary
            .org
            .as_deref()
            .map(|o| ws.neighbours(key, o))
            .unwrap_or_default();
        let reanalyse = match (&summary.org, changed) {
            (Some(o), true) => ws.open_next_to(key, o, summary.year),
            _ => Vec::new(),
        };
        (neighbours, reanalyse)
    };
    // Neighbours read only for their identity are read in full now, from the text they were
    // last analysed with, and kept so for the next time.
    let neighbours: Vec<(String, Entry)> = neighbours
        .into_iter()
        .map(|(u, mut e)| {
            if !e.summary.complete {
                let full = crate::cross::summarize(&Model::new(&e.text));
                let mut ws = lock(&shared.workspace);
                if let Some(stored) = ws.open.get_mut(&u)
                    && Arc::ptr_eq(&stored.text, &e.text)
                {
                    stored.summary = full.clone();
                }
                e.summary = full;
            }
            (u, e)
        })
        .collect();
    // Compared with the year before, configured and sorted as in the CLI.
    let docs: Vec<&crate::cross::Summary> = neighbours.iter().map(|(_, e)| &e.summary).collect();
    let findings = crate::workspace::with_comparisons(findings, &summary, &docs, &options);
    let others: Vec<(Uri, Text)> = std::iter::once((uri.clone(), Text::new(&snap.text, enc)))
        .chain(
            neighbours
                .iter()
                .filter_map(|(u, e)| Some((u.parse::<Uri>().ok()?, Text::new(&e.text, enc)))),
        )
        .collect();
    let t = Text::new(&snap.text, enc);
    let diagnostics = findings
        .iter()
        .map(|f| convert::diagnostic(&t, uri, f, &others))
        .collect();
    Some(Analysed {
        epoch: snap.epoch,
        version: snap.version,
        generation,
        diagnostics,
        reanalyse: changed,
    })
}

/// `nianbao/render`: the tables of a document as an HTML page.
#[derive(serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RenderParams {
    pub text_document: TextDocumentIdentifier,
}

/// `nianbao/newReport`: the text of an empty report.
#[derive(serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NewReportParams {
    pub organisation: String,
    pub year: i32,
    /// `hant` for traditional script.
    #[serde(default)]
    pub script: Option<String>,
}

impl Backend {
    pub async fn render(&self, params: RenderParams) -> Result<Value> {
        let html = self
            .with_model(&params.text_document.uri, |m, _, _, o| {
                crate::render::tables_html(m, o.lang)
            })
            .await?;
        Ok(serde_json::json!({ "html": html }))
    }

    pub async fn new_report(&self, params: NewReportParams) -> Result<Value> {
        let format = crate::template::Template::get().for_year(Some(params.year));
        let script = match params.script.as_deref() {
            Some("hant") => crate::text::Script::Hant,
            _ => crate::text::Script::Hans,
        };
        let org: String = params
            .organisation
            .chars()
            .filter(|c| !c.is_control())
            .take(100)
            .collect();
        let year = params.year.clamp(1990, 2200);
        Ok(serde_json::json!({ "text": crate::skeleton::report_text(format, script, &org, year) }))
    }
}

impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        let utf8 = params
            .capabilities
            .general
            .as_ref()
            .and_then(|g| g.position_encodings.as_ref())
            .is_some_and(|e| e.contains(&PositionEncodingKind::UTF8));
        *lock(&self.shared.enc) = if utf8 {
            Encoding::Utf8
        } else {
            Encoding::Utf16
        };
        *lock(&self.shared.watch) = params
            .capabilities
            .workspace
            .as_ref()
            .and_then(|w| w.did_change_watched_files.as_ref())
            .and_then(|d| d.dynamic_registration)
            .unwrap_or(false);
        *lock(&self.shared.locale_en) = params
            .locale
            .as_deref()
            .is_some_and(|l| l.starts_with("en"));
        if let Some(o) = &params.initialization_options {
            let problems = lock(&self.shared.config).apply(o);
            self.tell_settings_problems(problems).await;
        }
        // The workspace's reports, for comparisons across years.
        #[allow(deprecated)]
        let roots: Vec<std::path::PathBuf> = match &params.workspace_folders {
            Some(folders) => folders
                .iter()
                .filter_map(|f| f.uri.to_file_path().map(|p| p.into_owned()))
                .collect(),
            None => params
                .root_uri
                .iter()
                .filter_map(|u| u.to_file_path().map(|p| p.into_owned()))
                .collect(),
        };
        lock(&self.shared.workspace).roots = roots;
        Ok(InitializeResult {
            capabilities: self.capabilities(),
            server_info: Some(ServerInfo {
                name: "nianbao".into(),
                version: Some(env!("CARGO_PKG_VERSION").into()),
            }),
            offset_encoding: None,
        })
    }

    async fn initialized(&self, _: InitializedParams) {
        // Reports changed on disk (last year's, edited elsewhere) are read again when the client
        // can watch files for us.
        if *lock(&self.shared.watch) {
            let client = self.shared.client.clone();
            tokio::spawn(async move {
                let watchers = serde_json::json!({"watchers": [{"globPattern": "**/*.{txt,md}"}]});
                let r = client
                    .register_capability(vec![Registration {
                        id: "nianbao-reports-on-disk".into(),
                        method: "workspace/didChangeWatchedFiles".into(),
                        register_options: Some(watchers),
                    }])
                    .await;
                if r.is_err() {
                    eprintln!("nianbao: the client refused to watch files");
                }
            });
        }
        // Read the workspace's reports in the background, then look at the open ones again.
        let shared = self.shared.clone();
        tokio::spawn(async move {
            let roots = lock(&shared.workspace).roots.clone();
            if roots.is_empty() {
                return;
            }
            let Ok(disk) = tokio::task::spawn_blocking(move || Workspace::scan(&roots)).await
            else {
                tracing::error!("reading the workspace failed");
                return;
            };
            lock(&shared.workspace).disk = disk;
            let open: Vec<String> = {
                let mut s = lock(&shared.store);
                for d in s.docs.values_mut() {
                    d.analysed = None;
                }
                s.docs.keys().cloned().collect()
            };
            for u in open {
                if let Ok(uri) = u.parse::<Uri>() {
                    schedule(&shared, uri);
                }
            }
        });
    }

    async fn shutdown(&self) -> Result<()> {
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        schedule(&self.shared, params.text_document.uri);
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        // A large document waits for its save; the clerk is told once.
        let above = lock(&self.shared.config)
            .check_on_save_above
            .unwrap_or(super::large::DEFAULT_ABOVE);
        let large = lock(&self.shared.store)
            .docs
            .get_mut(params.text_document.uri.as_str())
            .and_then(|d| {
                let size = d.rope.len_bytes();
                (size > above).then(|| (size, !std::mem::replace(&mut d.told_large, true)))
            });
        match large {
            Some((size, tell)) => {
                if tell {
                    let lang = self.options().lang;
                    self.shared
                        .client
                        .show_message(MessageType::INFO, super::large::notice(lang, size, above))
                        .await;
                }
            }
            None => schedule(&self.shared, params.text_document.uri),
        }
    }

    async fn did_save(&self, params: DidSaveTextDocumentParams) {
        // The file as saved is what its neighbours are compared with (and a large document is
        // checked now).
        if let Some(p) = params.text_document.uri.to_file_path() {
            refresh_from_disk(&self.shared, vec![p.into_owned()]);
        }
        schedule(&self.shared, params.text_document.uri);
    }

    async fn did_change_watched_files(&self, params: DidChangeWatchedFilesParams) {
        let paths = params
            .changes
            .iter()
            .filter_map(|c| c.uri.to_file_path().map(|p| p.into_owned()))
            .collect();
        refresh_from_disk(&self.shared, paths);
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        lock(&self.shared.workspace)
            .open
            .remove(params.text_document.uri.as_str());
        // Its neighbours are compared with the file as saved from now on.
        if let Some(p) = params.text_document.uri.to_file_path() {
            refresh_from_disk(&self.shared, vec![p.into_owned()]);
        }
        let _ = self.shared.publish.send(Publish {
            uri: params.text_document.uri,
            epoch: 0,
            version: None,
            generation: None,
            diagnostics: Vec::new(),
        });
    }

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        let problems = lock(&self.shared.config).apply(&params.settings);
        self.tell_settings_problems(problems).await;
        let uris: Vec<String> = {
            let mut s = lock(&self.shared.store);
            for d in s.docs.values_mut() {
                d.analysed = None;
            }
            s.docs.keys().cloned().collect()
        };
        for u in uris {
            if let Ok(uri) = u.parse::<Uri>() {
                schedule(&self.shared, uri);
            }
        }
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        let p = params.text_document_position_params;
        let pos = p.position;
        let r = self
            .with_model(&p.text_document.uri, move |m, t, _, o| {
                let h = ide::hover(m, t.offset(pos), o.lang)?;
                Some(Hover {
                    contents: HoverContents::Markup(MarkupContent {
                        kind: MarkupKind::Markdown,
                        value: h.markdown,
                    }),
                    range: Some(t.range(&h.range)),
                })
            })
            .await?;
        Ok(r.flatten())
    }

    async fn completion(&self, params: CompletionParams) -> Result<Option<CompletionResponse>> {
        let p = params.text_document_position;
        let pos = p.position;
        let year = crate::skeleton::report_year_at(std::time::SystemTime::now());
        let r = self
            .with_model(&p.text_document.uri, move |m, t, _, o| {
                let items = ide::complete(m, t.offset(pos), o.lang, year);
                CompletionResponse::Array(items.iter().map(|c| convert::completion(t, c)).collect())
            })
            .await?;
        Ok(r)
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        let uri = params.text_document.uri.clone();
        let range = params.range;
        let only = params.context.only.clone();
        let wants = move |kind: &CodeActionKind| {
            only.as_ref().is_none_or(|o| {
                o.iter().any(|x| {
                    kind.as_str() == x.as_str()
                        || kind.as_str().starts_with(&format!("{}.", x.as_str()))
                })
            })
        };
        let r = self
            .with_model(&params.text_document.uri, move |m, t, version, o| {
                let findings = checks::run(m, o);
                let voice = crate::voice::Voice::new(o.lang, m.script);
                let (start, end) = (t.offset(range.start), t.offset(range.end));
                let mut actions = Vec::new();
                if wants(&CodeActionKind::QUICKFIX) {
                    for f in findings
                        .iter()
                        .filter(|f| f.range.start <= end && start <= f.range.end)
                    {
                        let diag = convert::diagnostic(t, &uri, f, &[]);
                        for (i, fix) in f.fixes.iter().enumerate() {
                            actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                                title: fix.title.clone(),
                                kind: Some(CodeActionKind::QUICKFIX),
                                diagnostics: Some(vec![diag.clone()]),
                                edit: Some(convert::workspace_edit(t, &uri, version, &fix.edits)),
                                is_preferred: Some(i == 0 && fix.safe),
                                ..CodeAction::default()
                            }));
                        }
                    }
                }
                let fix_all_kind = CodeActionKind::new(FIX_ALL_KIND);
                if wants(&fix_all_kind) {
                    let edits = ide::fix_all(&findings);
                    if !edits.is_empty() {
                        let title = voice.phrase(phrase::FIX_ALL);
                        actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                            title,
                            kind: Some(fix_all_kind),
                            edit: Some(convert::workspace_edit(t, &uri, version, &edits)),
                            ..CodeAction::default()
                        }));
                    }
                }
                // 「按各项重新计算合计」 anywhere in a table, also with nothing to change, unless a
                // stale-totals finding here already offers it.
                if wants(&CodeActionKind::REFACTOR_REWRITE)
                    && let Some(edits) = ide::recompute_totals(m, start)
                {
                    let title = voice.phrase(phrase::RECOMPUTE_TOTALS);
                    let offered = actions.iter().any(|a| match a {
                        CodeActionOrCommand::CodeAction(a) => a.title == title,
                        CodeActionOrCommand::Command(_) => false,
                    });
                    if !offered {
                        actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                            title,
                            kind: Some(CodeActionKind::REFACTOR_REWRITE),
                            edit: Some(convert::workspace_edit(t, &uri, version, &edits)),
                            ..CodeAction::default()
                        }));
                    }
                }
                actions
            })
            .await?;
        Ok(r)
    }

    async fn document_symbol(
        &self,
        params: DocumentSymbolParams,
    ) -> Result<Option<DocumentSymbolResponse>> {
        let r = self
            .with_model(&params.text_document.uri, |m, t, _, o| {
                let s = ide::outline(m, o.lang);
                DocumentSymbolResponse::Nested(s.iter().map(|s| convert::symbol(t, s)).collect())
            })
            .await?;
        Ok(r)
    }

    async fn formatting(&self, params: DocumentFormattingParams) -> Result<Option<Vec<TextEdit>>> {
        let tab = params.options.tab_size as usize;
        self.with_model(&params.text_document.uri, move |m, t, _, _| {
            convert::text_edits(t, &ide::format(m, None, tab))
        })
        .await
    }

    async fn range_formatting(
        &self,
        params: DocumentRangeFormattingParams,
    ) -> Result<Option<Vec<TextEdit>>> {
        let tab = params.options.tab_size as usize;
        let range = params.range;
        self.with_model(&params.text_document.uri, move |m, t, _, _| {
            let r = t.offset(range.start)..t.offset(range.end);
            convert::text_edits(t, &ide::format(m, Some(r), tab))
        })
        .await
    }

    async fn folding_range(&self, params: FoldingRangeParams) -> Result<Option<Vec<FoldingRange>>> {
        self.with_model(&params.text_document.uri, |m, t, _, _| {
            ide::folding(m)
                .iter()
                .filter_map(|r| convert::folding(t, r))
                .collect()
        })
        .await
    }

    async fn semantic_tokens_full(
        &self,
        params: SemanticTokensParams,
    ) -> Result<Option<SemanticTokensResult>> {
        let r = self
            .with_model(&params.text_document.uri, |m, t, _, _| {
                let data = convert::semantic_tokens(t, &ide::tokens(m));
                SemanticTokensResult::Tokens(SemanticTokens {
                    result_id: None,
                    data,
                })
            })
            .await?;
        Ok(r)
    }

    async fn inlay_hint(&self, params: InlayHintParams) -> Result<Option<Vec<InlayHint>>> {
        let range = params.range;
        self.with_model(&params.text_document.uri, move |m, t, _, o| {
            let r = t.offset(range.start)..t.offset(range.end);
            ide::hints(m, r, o.lang)
                .iter()
                .map(|h| convert::inlay(t, h))
                .collect()
        })
        .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Severity;

    #[test]
    fn configuration_shapes() {
        let mut c = Config::default();
        let problems = c.apply(&serde_json::json!({"nianbao": {"severity": {"stray-markup": "off", "section-order": "error", "bogus": "off", "empty-cell": "loud"}, "language": "en"}}));
        // Both are told, not ignored.
        assert_eq!(problems.len(), 2, "{problems:?}");
        use crate::code::Code;
        assert_eq!(c.options.severity.get(&Code::StrayMarkup), Some(&None));
        assert_eq!(
            c.options.severity.get(&Code::SectionOrder),
            Some(&Some(Severity::Error))
        );
        // The unknown code and the unknown severity are left out.
        assert_eq!(c.options.severity.len(), 2);
        assert_eq!(c.options.lang, Lang::English);
        c.apply(&serde_json::json!({"severity": {}}));
        assert!(c.options.severity.is_empty());
    }
}
