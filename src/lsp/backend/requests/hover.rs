//! `textDocument/hover`: what a cell, label or heading is, from the template.

use super::super::Backend;
use crate::ide;
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;

pub(in crate::lsp::backend) async fn hover(
    backend: &Backend,
    params: HoverParams,
) -> Result<Option<Hover>> {
    let p = params.text_document_position_params;
    let pos = p.position;
    let r = backend
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
