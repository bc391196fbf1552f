//! `textDocument/formatting` and `rangeFormatting`: tab rows aligned by display width.

use super::super::Backend;
use crate::ide;
use crate::lsp::convert;
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;

pub(in crate::lsp::backend) async fn formatting(
    backend: &Backend,
    params: DocumentFormattingParams,
) -> Result<Option<Vec<TextEdit>>> {
    let tab = params.options.tab_size as usize;
    backend
        .with_model(&params.text_document.uri, move |m, t, _, _| {
            convert::text_edits(t, &ide::format(m, None, tab))
        })
        .await
}

pub(in crate::lsp::backend) async fn range_formatting(
    backend: &Backend,
    params: DocumentRangeFormattingParams,
) -> Result<Option<Vec<TextEdit>>> {
    let tab = params.options.tab_size as usize;
    let range = params.range;
    backend
        .with_model(&params.text_document.uri, move |m, t, _, _| {
            let r = t.offset(range.start)..t.offset(range.end);
            convert::text_edits(t, &ide::format(m, Some(r), tab))
        })
        .await
}
