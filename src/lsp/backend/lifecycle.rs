//! `initialize` and `initialized`: the position encoding, the client's locale and watcher
//! support, the first settings and the workspace's folders; then the watcher registered and
//! the workspace's reports read in the background.

use super::schedule::reanalyse_open;
use super::{Backend, lock};
use crate::lsp::workspace::Workspace;
use crate::position::Encoding;
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;

pub(in crate::lsp::backend) async fn initialize(
    backend: &Backend,
    params: InitializeParams,
) -> Result<InitializeResult> {
    let utf8 = params
        .capabilities
        .general
        .as_ref()
        .and_then(|g| g.position_encodings.as_ref())
        .is_some_and(|e| e.contains(&PositionEncodingKind::UTF8));
    *lock(&backend.shared.enc) = if utf8 {
        Encoding::Utf8
    } else {
        Encoding::Utf16
    };
    *lock(&backend.shared.watch) = params
        .capabilities
        .workspace
        .as_ref()
        .and_then(|w| w.did_change_watched_files.as_ref())
        .and_then(|d| d.dynamic_registration)
        .unwrap_or(false);
    *lock(&backend.shared.locale_en) = params
        .locale
        .as_deref()
        .is_some_and(|l| l.starts_with("en"));
    if let Some(o) = &params.initialization_options {
        let problems = lock(&backend.shared.config).apply(o);
        backend.tell_settings_problems(problems).await;
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
    lock(&backend.shared.workspace).roots = roots;
    Ok(InitializeResult {
        capabilities: backend.capabilities(),
        server_info: Some(ServerInfo {
            name: "nianbao".into(),
            version: Some(env!("CARGO_PKG_VERSION").into()),
        }),
        offset_encoding: None,
    })
}

pub(in crate::lsp::backend) async fn initialized(backend: &Backend) {
    // Reports changed on disk (last year's, edited elsewhere) are read again when the client
    // can watch files for us.
    if *lock(&backend.shared.watch) {
        let client = backend.shared.client.clone();
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
    let shared = backend.shared.clone();
    tokio::spawn(async move {
        let roots = lock(&shared.workspace).roots.clone();
        if roots.is_empty() {
            return;
        }
        let Ok(disk) = tokio::task::spawn_blocking(move || Workspace::scan(&roots)).await else {
            tracing::error!("reading the workspace failed");
            return;
        };
        lock(&shared.workspace).disk = disk;
        reanalyse_open(&shared);
    });
}
