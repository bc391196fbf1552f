//! `textDocument/codeAction`: the quick fixes of the findings in the range, "fix all safe
//! problems", and recomputing a table's totals.

use super::super::Backend;
use super::super::FIX_ALL_KIND;
use crate::checks;
use crate::ide;
use crate::lsp::convert;
use crate::voice::phrase;
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;

pub(in crate::lsp::backend) async fn code_action(
    backend: &Backend,
    params: CodeActionParams,
) -> Result<Option<CodeActionResponse>> {
    let uri = params.text_document.uri.clone();
    let range = params.range;
    let only = params.context.only.clone();
    let wants = move |kind: &CodeActionKind| {
        only.as_ref().is_none_or(|o| {
            o.iter().any(|x| {
                kind.as_str() == x.as_str()
                    || kind.as_str().starts_with(&format!("{}.", x.as_str()))
            })
        })
    };
    let r = backend
        .with_model(&params.text_document.uri, move |m, t, version, o| {
            let findings = checks::run(m, o);
            let voice = crate::voice::Voice::new(o.lang, m.script);
            let (start, end) = (t.offset(range.start), t.offset(range.end));
            let mut actions = Vec::new();
            if wants(&CodeActionKind::QUICKFIX) {
                for f in findings
                    .iter()
                    .filter(|f| f.range.start <= end && start <= f.range.end)
                {
                    let diag = convert::diagnostic(t, &uri, f, &[]);
                    for (i, fix) in f.fixes.iter().enumerate() {
                        actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                            title: fix.title.clone(),
                            kind: Some(CodeActionKind::QUICKFIX),
                            diagnostics: Some(vec![diag.clone()]),
                            edit: Some(convert::workspace_edit(t, &uri, version, &fix.edits)),
                            is_preferred: Some(i == 0 && fix.safe),
                            ..CodeAction::default()
                        }));
                    }
                }
            }
            let fix_all_kind = CodeActionKind::new(FIX_ALL_KIND);
            if wants(&fix_all_kind) {
                let edits = ide::fix_all(&findings);
                if !edits.is_empty() {
                    let title = voice.phrase(phrase::FIX_ALL);
                    actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                        title,
                        kind: Some(fix_all_kind),
                        edit: Some(convert::workspace_edit(t, &uri, version, &edits)),
                        ..CodeAction::default()
                    }));
                }
            }
            // 「按各项重新计算合计」 anywhere in a table, also with nothing to change, unless a
            // stale-totals finding here already offers it.
            if wants(&CodeActionKind::REFACTOR_REWRITE)
                && let Some(edits) = ide::recompute_totals(m, start)
            {
                let title = voice.phrase(phrase::RECOMPUTE_TOTALS);
                let offered = actions.iter().any(|a| match a {
                    CodeActionOrCommand::CodeAction(a) => a.title == title,
                    CodeActionOrCommand::Command(_) => false,
                });
                if !offered {
                    actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                        title,
                        kind: Some(CodeActionKind::REFACTOR_REWRITE),
                        edit: Some(convert::workspace_edit(t, &uri, version, &edits)),
                        ..CodeAction::default()
                    }));
                }
            }
            actions
        })
        .await?;
    Ok(r)
}
