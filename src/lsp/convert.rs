//! Core results (byte offsets) to protocol types (lines and negotiated columns).

use crate::finding::{Edit, Finding, Severity};
use crate::ide::{
    Completion, CompletionKind, Hint, HintKind, Symbol, SymbolKind as CoreSymbolKind,
};
use crate::position::{Encoding, LineIndex};
use std::ops::Range as Bytes;
use tower_lsp_server::ls_types::*;

/// A text with its line index and the negotiated encoding.
pub struct Text<'a> {
    pub text: &'a str,
    pub index: LineIndex,
    pub enc: Encoding,
}

impl<'a> Text<'a> {
    pub fn new(text: &'a str, enc: Encoding) -> Self {
        Text {
            text,
            index: LineIndex::new(text),
            enc,
        }
    }

    pub fn position(&self, offset: usize) -> Position {
        let p = self.index.position(self.text, offset, self.enc);
        Position::new(p.line, p.character)
    }

    pub fn range(&self, r: &Bytes<usize>) -> Range {
        Range::new(self.position(r.start), self.position(r.end))
    }

    pub fn offset(&self, p: Position) -> usize {
        self.index.offset(
            self.text,
            crate::position::Position {
                line: p.line,
                character: p.character,
            },
            self.enc,
        )
    }
}

pub fn severity(s: Severity) -> DiagnosticSeverity {
    match s {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Information => DiagnosticSeverity::INFORMATION,
        Severity::Hint => DiagnosticSeverity::HINT,
    }
}

/// A finding as a diagnostic. Related places in other reports (`Related::doc`) are looked up
/// in `others` (URI and text of each report checked together).
pub fn diagnostic(t: &Text, uri: &Uri, f: &Finding, others: &[(Uri, Text)]) -> Diagnostic {
    let related: Vec<DiagnosticRelatedInformation> = f
        .related
        .iter()
        .filter_map(|r| {
            let location = match r.doc {
                None => Location::new(uri.clone(), t.range(&r.range)),
                Some(d) => {
                    let (u, ot) = others.get(d)?;
                    Location::new(u.clone(), ot.range(&r.range))
                }
            };
            Some(DiagnosticRelatedInformation {
                location,
                message: r.message.clone(),
            })
        })
        .collect();
    let related = (!related.is_empty()).then_some(related);
    Diagnostic {
        range: t.range(&f.range),
        severity: Some(severity(f.severity)),
        code: Some(NumberOrString::String(f.code.to_string())),
        source: Some("nianbao".into()),
        message: f.message.clone(),
        related_information: related,
        ..Diagnostic::default()
    }
}

pub fn text_edits(t: &Text, edits: &[Edit]) -> Vec<TextEdit> {
    edits
        .iter()
        .map(|e| TextEdit::new(t.range(&e.range), e.new_text.clone()))
        .collect()
}

/// A workspace edit that the client applies only to the version it was computed for.
pub fn workspace_edit(t: &Text, uri: &Uri, version: i32, edits: &[Edit]) -> WorkspaceEdit {
    let edits = text_edits(t, edits).into_iter().map(OneOf::Left).collect();
    WorkspaceEdit {
        document_changes: Some(DocumentChanges::Edits(vec![TextDocumentEdit {
            text_document: OptionalVersionedTextDocumentIdentifier {
                uri: uri.clone(),
                version: Some(version),
            },
            edits,
        }])),
        ..WorkspaceEdit::default()
    }
}

pub fn completion(t: &Text, c: &Completion) -> CompletionItem {
    CompletionItem {
        label: c.label.clone(),
        kind: Some(match c.kind {
            CompletionKind::Section => CompletionItemKind::MODULE,
            CompletionKind::Row => CompletionItemKind::FIELD,
            CompletionKind::Column => CompletionItemKind::PROPERTY,
            CompletionKind::Snippet => CompletionItemKind::SNIPPET,
        }),
        detail: (!c.detail.is_empty()).then(|| c.detail.clone()),
        documentation: (!c.documentation.is_empty()).then(|| {
            Documentation::MarkupContent(MarkupContent {
                kind: MarkupKind::Markdown,
                value: c.documentation.clone(),
            })
        }),
        sort_text: Some(c.sort.clone()),
        filter_text: Some(c.filter_text.clone()),
        insert_text_format: Some(if c.snippet {
            InsertTextFormat::SNIPPET
        } else {
            InsertTextFormat::PLAIN_TEXT
        }),
        text_edit: Some(CompletionTextEdit::Edit(TextEdit::new(
            t.range(&c.replace),
            c.insert_text.clone(),
        ))),
        ..CompletionItem::default()
    }
}

#[allow(deprecated)]
pub fn symbol(t: &Text, s: &Symbol) -> DocumentSymbol {
    DocumentSymbol {
        name: s.name.clone(),
        detail: (!s.detail.is_empty()).then(|| s.detail.clone()),
        kind: match s.kind {
            CoreSymbolKind::Section => SymbolKind::NAMESPACE,
            CoreSymbolKind::Table => SymbolKind::STRUCT,
            CoreSymbolKind::Group => SymbolKind::OBJECT,
            CoreSymbolKind::Row => SymbolKind::FIELD,
        },
        tags: None,
        deprecated: None,
        range: t.range(&s.range),
        selection_range: t.range(&s.selection),
        children: Some(s.children.iter().map(|c| symbol(t, c)).collect()),
    }
}

pub fn folding(t: &Text, r: &Bytes<usize>) -> Option<FoldingRange> {
    let start = t.position(r.start).line;
    let end = t.position(r.end).line;
    (end > start).then(|| FoldingRange {
        start_line: start,
        end_line: end,
        kind: Some(FoldingRangeKind::Region),
        ..FoldingRange::default()
    })
}

/// Semantic tokens, delta-encoded; a token over several lines is cut at each line break.
pub fn semantic_tokens(t: &Text, tokens: &[crate::ide::Token]) -> Vec<SemanticToken> {
    let mut out = Vec::with_capacity(tokens.len());
    let (mut last_line, mut last_start) = (0u32, 0u32);
    for tok in tokens {
        let mut start = tok.range.start;
        while start < tok.range.end {
            let p = t.position(start);
            let line_end = t.index.line_range(t.text, p.line as usize).end;
            let end = tok.range.end.min(line_end.max(start));
            if end <= start {
                break;
            }
            let e = t.position(end);
            let length = e.character.saturating_sub(p.character);
            if length > 0 {
                let delta_line = p.line - last_line;
                let delta_start = if delta_line == 0 {
                    p.character - last_start
                } else {
                    p.character
                };
                out.push(SemanticToken {
                    delta_line,
                    delta_start,
                    length,
                    token_type: tok.kind as u32,
                    token_modifiers_bitset: u32::from(tok.wrong),
                });
                last_line = p.line;
                last_start = p.character;
            }
            // Continue after the line break.
            start = t.offset(Position::new(p.line + 1, 0));
            if start <= end {
                break;
            }
        }
    }
    out
}

pub fn inlay(t: &Text, h: &Hint) -> InlayHint {
    InlayHint {
        position: t.position(h.offset),
        label: InlayHintLabel::String(h.label.clone()),
        kind: Some(match h.kind {
            HintKind::Column => InlayHintKind::PARAMETER,
            HintKind::Sum => InlayHintKind::TYPE,
        }),
        text_edits: None,
        tooltip: (!h.tooltip.is_empty()).then(|| InlayHintTooltip::String(h.tooltip.clone())),
        padding_left: Some(true),
        padding_right: None,
        data: None,
    }
}
