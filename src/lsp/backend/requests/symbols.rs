//! `textDocument/documentSymbol` and `textDocument/foldingRange`: the outline of sections and
//! tables, and where they fold.

use super::super::Backend;
use crate::ide;
use crate::lsp::convert;
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;

pub(in crate::lsp::backend) async fn document_symbol(
    backend: &Backend,
    params: DocumentSymbolParams,
) -> Result<Option<DocumentSymbolResponse>> {
    let r = backend
        .with_model(&params.text_document.uri, |m, t, _, o| {
            let s = ide::outline(m, o.lang);
            DocumentSymbolResponse::Nested(s.iter().map(|s| convert::symbol(t, s)).collect())
        })
        .await?;
    Ok(r)
}

pub(in crate::lsp::backend) async fn folding_range(
    backend: &Backend,
    params: FoldingRangeParams,
) -> Result<Option<Vec<FoldingRange>>> {
    backend
        .with_model(&params.text_document.uri, |m, t, _, _| {
            ide::folding(m)
                .iter()
                .filter_map(|r| convert::folding(t, r))
                .collect()
        })
        .await
}
