//! The model cache seen from the handlers: a request on the version analysed reuses its model,
//! a new version or a new opening never gets an old one.

use super::*;
use serde_json::{Value, json};
use tower_lsp_server::LspService;

const A: &str = include_str!("../../../examples/report-2025.txt");
const B: &str = include_str!("../../../tests/fixtures/clean_per_line_hant.txt");
const URI: &str = "file:///cache/%F0%A0%80%80.txt";

fn uri() -> Uri {
    URI.parse().unwrap()
}

fn open(b: &Backend, version: i32, text: &str) {
    b.apply_notification(
        "textDocument/didOpen",
        Some(&json!({"textDocument": {"uri": URI, "languageId": "nianbao", "version": version, "text": text}})),
    );
}

fn builds(b: &Backend) -> u64 {
    lock(&b.shared.store).builds
}

async fn analyse(b: &Backend) {
    let shared = b.shared.clone();
    tokio::task::spawn_blocking(move || analysis::analyse(&shared, &uri()))
        .await
        .unwrap()
        .expect("an analysis of the new version");
}

/// The outline and the semantic tokens of the document, as the client gets them.
async fn seen(b: &Backend) -> Value {
    let symbols = b
        .document_symbol(DocumentSymbolParams {
            text_document: TextDocumentIdentifier { uri: uri() },
            work_done_progress_params: Default::default(),
            partial_result_params: Default::default(),
        })
        .await
        .unwrap();
    let tokens = b
        .semantic_tokens_full(SemanticTokensParams {
            text_document: TextDocumentIdentifier { uri: uri() },
            work_done_progress_params: Default::default(),
            partial_result_params: Default::default(),
        })
        .await
        .unwrap();
    json!([symbols, tokens])
}

async fn hover(b: &Backend, line: u32, character: u32) -> Option<Hover> {
    b.hover(HoverParams {
        text_document_position_params: TextDocumentPositionParams {
            text_document: TextDocumentIdentifier { uri: uri() },
            position: Position::new(line, character),
        },
        work_done_progress_params: Default::default(),
    })
    .await
    .unwrap()
}

/// What a server that only ever saw `text` shows of it.
async fn fresh(text: &str) -> Value {
    let (service, _socket) = LspService::new(|c| Backend::with_analyser(c, crate::checks::run));
    let b = service.inner();
    open(b, 1, text);
    seen(b).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn requests_reuse_the_analysed_model_and_never_get_another_texts() {
    let (want_a, want_b) = (fresh(A).await, fresh(B).await);
    assert_ne!(want_a, want_b);
    let (service, _socket) = LspService::new(|c| Backend::with_analyser(c, crate::checks::run));
    let b = service.inner();
    open(b, 1, A);
    analyse(b).await;
    assert_eq!(builds(b), 1);
    // Requests on the analysed version: no build.
    assert!(hover(b, 4, 2).await.is_some());
    assert_eq!(seen(b).await, want_a);
    assert_eq!(builds(b), 1);

    // A new version: built once however many ask at the same time, and it is the new text's.
    b.apply_notification(
        "textDocument/didChange",
        Some(&json!({"textDocument": {"uri": URI, "version": 2}, "contentChanges": [{"text": B}]})),
    );
    let (s1, s2, h) = tokio::join!(seen(b), seen(b), hover(b, 4, 2));
    assert_eq!((&s1, &s2), (&want_b, &want_b));
    assert_eq!(h, hover_on_fresh(B, 4, 2).await);
    assert_eq!(builds(b), 2);
    // Its analysis reuses the model the requests built.
    analyse(b).await;
    assert_eq!(builds(b), 2);

    // An edit: 𠀀 typed at the start of line 1.
    b.apply_notification(
        "textDocument/didChange",
        Some(&json!({"textDocument": {"uri": URI, "version": 3}, "contentChanges": [{"range": {"start": {"line": 1, "character": 0}, "end": {"line": 1, "character": 0}}, "text": "𠀀"}]})),
    );
    let line = B.find('\n').unwrap() + 1;
    let edited = format!("{}𠀀{}", &B[..line], &B[line..]);
    assert_eq!(seen(b).await, fresh(&edited).await);
    assert_eq!(builds(b), 3);

    // Reopened at version 1 again, with A: A's model, not the cached one of B.
    open(b, 1, A);
    assert_eq!(seen(b).await, want_a);
    assert_eq!(builds(b), 4);
}

async fn hover_on_fresh(text: &str, line: u32, character: u32) -> Option<Hover> {
    let (service, _socket) = LspService::new(|c| Backend::with_analyser(c, crate::checks::run));
    let b = service.inner();
    open(b, 1, text);
    hover(b, line, character).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_large_document_keeps_no_tree_and_reads_the_same() {
    let want = fresh(A).await;
    let (service, _socket) = LspService::new(|c| Backend::with_analyser(c, crate::checks::run));
    let b = service.inner();
    lock(&b.shared.config).check_on_save_above = Some(1000);
    open(b, 1, A);
    analyse(b).await;
    assert_eq!(seen(b).await, want);
    assert_eq!(builds(b), 1);
    assert!(lock(&b.shared.store).docs[URI].tree.is_none());
}
