//! Scheduling: a document's analysis spawned off the async threads with its diagnostics queued
//! for the publisher (and the neighbours whose comparisons changed analysed again), and
//! reports read again from disk when they change there.

use super::analysis::analyse;
use super::{Publish, Shared, lock};
use crate::lsp::workspace::Workspace;
use std::sync::Arc;
use tower_lsp_server::ls_types::*;

/// Reads `paths` from disk again into the workspace's reports (a file gone is dropped), then
/// analyses the open documents again: one of them may be compared with a file that changed.
pub(super) fn refresh_from_disk(shared: &Arc<Shared>, paths: Vec<std::path::PathBuf>) {
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
        reanalyse_open(&shared);
    });
}

/// Analyses a document off the async threads and queues its diagnostics; when its summary
/// changed, the open reports of the same organisation are analysed again (their comparisons
/// with it may have changed).
/// Analyses every open document again (the configuration or the reports they are compared
/// with changed).
pub(super) fn reanalyse_open(shared: &Arc<Shared>) {
    let open: Vec<String> = {
        let mut s = lock(&shared.store);
        for d in s.docs.values_mut() {
            d.analysed = None;
        }
        s.docs.keys().cloned().collect()
    };
    for u in open {
        if let Ok(uri) = u.parse::<Uri>() {
            schedule(shared, uri);
        }
    }
}

pub(super) fn schedule(shared: &Arc<Shared>, uri: Uri) {
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
