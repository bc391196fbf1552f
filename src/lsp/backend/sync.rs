//! Document notifications applied to the store synchronously, in arrival order, before their
//! handlers run (see `ordered.rs`): text opened, edited (positions through the rope in the
//! negotiated encoding) and closed.

use super::{Backend, lock};
use serde_json::Value;
use tower_lsp_server::ls_types::*;

impl Backend {
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
}
