//! `textDocument/semanticTokens/full` and `textDocument/inlayHint`: headings, labels, numbers,
//! totals and wrong values marked, and the values the sums imply shown beside cells.

use super::super::Backend;
use crate::ide;
use crate::lsp::convert;
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;

pub(in crate::lsp::backend) async fn semantic_tokens_full(
    backend: &Backend,
    params: SemanticTokensParams,
) -> Result<Option<SemanticTokensResult>> {
    let r = backend
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

pub(in crate::lsp::backend) async fn inlay_hint(
    backend: &Backend,
    params: InlayHintParams,
) -> Result<Option<Vec<InlayHint>>> {
    let range = params.range;
    backend
        .with_model(&params.text_document.uri, move |m, t, _, o| {
            let r = t.offset(range.start)..t.offset(range.end);
            ide::hints(m, r, o.lang)
                .iter()
                .map(|h| convert::inlay(t, h))
                .collect()
        })
        .await
}
