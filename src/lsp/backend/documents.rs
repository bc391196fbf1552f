//! The notifications about documents and settings: a document opened, changed (a large one
//! waits for its save), saved, closed, changed on disk, and the configuration changed. The
//! store was updated already (`sync.rs`); these only schedule work.

use super::schedule::{reanalyse_open, refresh_from_disk, schedule};
use super::{Backend, Publish, lock};
use tower_lsp_server::ls_types::*;

pub(in crate::lsp::backend) async fn did_open(
    backend: &Backend,
    params: DidOpenTextDocumentParams,
) {
    schedule(&backend.shared, params.text_document.uri);
}

pub(in crate::lsp::backend) async fn did_change(
    backend: &Backend,
    params: DidChangeTextDocumentParams,
) {
    // A large document waits for its save; the clerk is told once.
    let above = backend.shared.large_above();
    let large = lock(&backend.shared.store)
        .docs
        .get_mut(params.text_document.uri.as_str())
        .and_then(|d| {
            let size = d.rope.len_bytes();
            (size > above).then(|| (size, !std::mem::replace(&mut d.told_large, true)))
        });
    match large {
        Some((size, tell)) => {
            if tell {
                let lang = backend.options().lang;
                backend
                    .shared
                    .client
                    .show_message(
                        MessageType::INFO,
                        crate::lsp::large::notice(lang, size, above),
                    )
                    .await;
            }
        }
        None => schedule(&backend.shared, params.text_document.uri),
    }
}

pub(in crate::lsp::backend) async fn did_save(
    backend: &Backend,
    params: DidSaveTextDocumentParams,
) {
    // The file as saved is what its neighbours are compared with (and a large document is
    // checked now).
    if let Some(p) = params.text_document.uri.to_file_path() {
        refresh_from_disk(&backend.shared, vec![p.into_owned()]);
    }
    schedule(&backend.shared, params.text_document.uri);
}

pub(in crate::lsp::backend) async fn did_change_watched_files(
    backend: &Backend,
    params: DidChangeWatchedFilesParams,
) {
    let paths = params
        .changes
        .iter()
        .filter_map(|c| c.uri.to_file_path().map(|p| p.into_owned()))
        .collect();
    refresh_from_disk(&backend.shared, paths);
}

pub(in crate::lsp::backend) async fn did_close(
    backend: &Backend,
    params: DidCloseTextDocumentParams,
) {
    lock(&backend.shared.workspace)
        .open
        .remove(params.text_document.uri.as_str());
    // Its neighbours are compared with the file as saved from now on.
    if let Some(p) = params.text_document.uri.to_file_path() {
        refresh_from_disk(&backend.shared, vec![p.into_owned()]);
    }
    let _ = backend.shared.publish.send(Publish {
        uri: params.text_document.uri,
        epoch: 0,
        version: None,
        generation: None,
        diagnostics: Vec::new(),
    });
}

pub(in crate::lsp::backend) async fn did_change_configuration(
    backend: &Backend,
    params: DidChangeConfigurationParams,
) {
    let problems = lock(&backend.shared.config).apply(&params.settings);
    backend.tell_settings_problems(problems).await;
    reanalyse_open(&backend.shared);
}
