//! The one task that publishes diagnostics, in order, and only what is still current: results
//! of an older version, or of an earlier opening, that finish late are dropped.

use super::{Shared, lock};
use std::sync::Arc;
use tokio::sync::mpsc;
use tower_lsp_server::Client;
use tower_lsp_server::ls_types::*;

/// Diagnostics to publish, if `version` is still the document's and no later analysis was
/// published already.
pub(super) struct Publish {
    pub(super) uri: Uri,
    /// The opening of the document the diagnostics are for.
    pub(super) epoch: u64,
    pub(super) version: Option<i32>,
    /// The analysis's number (`Doc::generation`); `None` clears a closed document.
    pub(super) generation: Option<u64>,
    pub(super) diagnostics: Vec<Diagnostic>,
}

/// Starts the publisher: it sends what comes through `rx` to `client`.
pub(super) fn spawn(
    shared: &Arc<Shared>,
    client: Client,
    mut rx: mpsc::UnboundedReceiver<Publish>,
) {
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
}
