//! Analysing one version of a document, off the async threads: parsed incrementally, checked,
//! its summary kept in the workspace, compared with the same organisation's other reports,
//! and converted into diagnostics.

use super::{Shared, lock};
use crate::lsp::convert::{self, Text};
use crate::lsp::store::{Built, Slot};
use crate::lsp::workspace::Entry;
use crate::model::Model;
use std::sync::Arc;
use tower_lsp_server::ls_types::*;

/// The model of a slot's version, built on first use: parsed (incrementally when the document
/// had an edited tree), the tree kept for the next parse if the document has not moved on, and
/// bound. Whoever asks at the same time waits for that one build. A large document (checked on
/// save) keeps no tree: it is parsed a piece at a time, as the CLI does, since the tree of a
/// whole text takes about 30 times its size.
pub(super) fn built<'s>(shared: &Shared, key: &str, slot: &'s Slot) -> &'s Built {
    let store = &shared.store;
    slot.built.get_or_init(|| {
        let old = lock(&slot.tree).take();
        if slot.text.len() > shared.large_above() {
            drop(old);
            let mut s = lock(store);
            if let Some(d) = s.docs.get_mut(key)
                && d.epoch == slot.epoch
            {
                d.tree = None;
                d.parsed = false;
            }
            s.builds += 1;
            drop(s);
            return Built::new(slot.text.clone(), |text| Model::new(text));
        }
        let tree = match old {
            Some(t) if slot.parsed => t,
            old => {
                let tree = crate::syntax::parse(&slot.text, old.as_ref());
                let mut s = lock(store);
                if let Some(d) = s.docs.get_mut(key)
                    && d.is(slot.epoch, slot.version)
                    && !d.parsed
                {
                    d.tree = Some(tree.clone());
                    d.parsed = true;
                }
                tree
            }
        };
        lock(store).builds += 1;
        Built::new(slot.text.clone(), |text| Model::from_tree(text, &tree))
    })
}

/// The model of a document's current version: the one built already, or built now and kept.
pub(super) fn current(shared: &Shared, key: &str) -> Option<Arc<Slot>> {
    let slot = lock(&shared.store).docs.get_mut(key)?.slot();
    built(shared, key, &slot);
    Some(slot)
}

/// The result of analysing one version of a document.
pub(super) struct Analysed {
    pub(super) epoch: u64,
    pub(super) version: i32,
    pub(super) generation: u64,
    pub(super) diagnostics: Vec<Diagnostic>,
    /// Open documents to analyse again, because this one changed what they compare with.
    pub(super) reanalyse: Vec<String>,
}

/// Diagnostics of a document's current version, unless that version was analysed already:
/// its own findings, and those of comparing it with the same organisation's other reports.
pub(super) fn analyse(shared: &Shared, uri: &Uri) -> Option<Analysed> {
    let key = uri.as_str();
    let options = shared.options();
    let enc = shared.encoding();
    let (snap, generation) = {
        let mut s = lock(&shared.store);
        let d = s.docs.get_mut(key)?;
        if d.analysed.is_some_and(|a| a >= d.version) {
            return None;
        }
        d.analysed = Some(d.version);
        d.generation += 1;
        (d.slot(), d.generation)
    };
    let model = built(shared, key, &snap).model();
    let findings = (shared.analyser)(model, &options);
    // The whole summary only when another report of the organisation is known: a report on
    // its own needs no comparison, and that keeps keystrokes cheap.
    let (org, _) = crate::cross::identity(model);
    let known = org.as_deref().is_some_and(|o| {
        let ws = lock(&shared.workspace);
        ws.open
            .iter()
            .chain(ws.disk.iter())
            .any(|(u, e)| u != key && e.summary.org.as_deref() == Some(o))
    });
    let summary = if known {
        crate::cross::summarize(model)
    } else {
        crate::cross::Summary::identity_only(model)
    };
    let text: Arc<str> = snap.text.clone();
    let open_now = lock(&shared.store).epoch(key) == Some(snap.epoch);
    let (neighbours, changed) = {
        let mut ws = lock(&shared.workspace);
        let entry = Entry {
            summary: summary.clone(),
            text: text.clone(),
            epoch: snap.epoch,
            version: snap.version,
        };
        // An analysis of an older version, or of a closed or earlier opening, that finishes
        // late does not replace a newer one.
        let newer = open_now
            && ws
                .open
                .get(key)
                .is_none_or(|old| (old.epoch, old.version) <= (snap.epoch, snap.version));
        let changed = newer && ws.open.get(key).is_none_or(|old| old.summary != summary);
        if newer {
            ws.open.insert(key.to_string(), entry);
        }
        let neighbours = summary
            .org
            .as_deref()
            .map(|o| ws.neighbours(key, o))
            .unwrap_or_default();
        let reanalyse = match (&summary.org, changed) {
            (Some(o), true) => ws.open_next_to(key, o, summary.year),
            _ => Vec::new(),
        };
        (neighbours, reanalyse)
    };
    // Neighbours read only for their identity are read in full now, from the text they were
    // last analysed with, and kept so for the next time.
    let neighbours: Vec<(String, Entry)> = neighbours
        .into_iter()
        .map(|(u, mut e)| {
            if !e.summary.complete {
                let full = crate::cross::summarize(&Model::new(&e.text));
                let mut ws = lock(&shared.workspace);
                if let Some(stored) = ws.open.get_mut(&u)
                    && Arc::ptr_eq(&stored.text, &e.text)
                {
                    stored.summary = full.clone();
                }
                e.summary = full;
            }
            (u, e)
        })
        .collect();
    // Compared with the year before, configured and sorted as in the CLI.
    let docs: Vec<&crate::cross::Summary> = neighbours.iter().map(|(_, e)| &e.summary).collect();
    let findings = crate::workspace::with_comparisons(findings, &summary, &docs, &options);
    let others: Vec<(Uri, Text)> = std::iter::once((uri.clone(), Text::new(&snap.text, enc)))
        .chain(
            neighbours
                .iter()
                .filter_map(|(u, e)| Some((u.parse::<Uri>().ok()?, Text::new(&e.text, enc)))),
        )
        .collect();
    let t = Text::new(&snap.text, enc);
    let diagnostics = findings
        .iter()
        .map(|f| convert::diagnostic(&t, uri, f, &others))
        .collect();
    Some(Analysed {
        epoch: snap.epoch,
        version: snap.version,
        generation,
        diagnostics,
        reanalyse: changed,
    })
}
