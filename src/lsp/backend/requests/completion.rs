//! `textDocument/completion`: headings, row labels and skeletons, from the template.

use super::super::Backend;
use crate::ide;
use crate::lsp::convert;
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;

pub(in crate::lsp::backend) async fn completion(
    backend: &Backend,
    params: CompletionParams,
) -> Result<Option<CompletionResponse>> {
    let p = params.text_document_position;
    let pos = p.position;
    let year = crate::skeleton::report_year_at(std::time::SystemTime::now());
    let r = backend
        .with_model(&p.text_document.uri, move |m, t, _, o| {
            let items = ide::complete(m, t.offset(pos), o.lang, year);
            CompletionResponse::Array(items.iter().map(|c| convert::completion(t, c)).collect())
        })
        .await?;
    Ok(r)
}
