//! The server's own requests: `nianbao/render` (the tables as an HTML page, for the preview)
//! and `nianbao/newReport` (the text of an empty report).

use super::super::Backend;
use serde_json::Value;
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;

/// `nianbao/render`: the tables of a document as an HTML page.
#[derive(serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RenderParams {
    pub text_document: TextDocumentIdentifier,
}

/// `nianbao/newReport`: the text of an empty report.
#[derive(serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NewReportParams {
    pub organisation: String,
    pub year: i32,
    /// `hant` for traditional script.
    #[serde(default)]
    pub script: Option<String>,
}

impl Backend {
    pub async fn render(&self, params: RenderParams) -> Result<Value> {
        let html = self
            .with_model(&params.text_document.uri, |m, _, _, o| {
                crate::render::tables_html(m, o.lang)
            })
            .await?;
        Ok(serde_json::json!({ "html": html }))
    }

    pub async fn new_report(&self, params: NewReportParams) -> Result<Value> {
        let script = match params.script.as_deref() {
            Some("hant") => crate::text::Script::Hant,
            _ => crate::text::Script::Hans,
        };
        let text = crate::skeleton::new_report(&params.organisation, params.year, script);
        Ok(serde_json::json!({ "text": text }))
    }
}
