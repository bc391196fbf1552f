//! Reports of the workspace, for comparing an open report with the same organisation's report
//! of the year before. Files on disk are read once, in the background; open documents replace
//! their files with their latest analysed text.

use crate::cross::Summary;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;
use tower_lsp_server::ls_types::Uri;

/// Files larger than this are not reports.
const MAX_FILE: u64 = 4 * 1024 * 1024;

/// A report's summary and the text its ranges refer to.
#[derive(Clone)]
pub struct Entry {
    pub summary: Summary,
    pub text: Arc<str>,
    /// The opening and version of the document it was made from (0 for files on disk).
    pub epoch: u64,
    pub version: i32,
}

#[derive(Default)]
pub struct Workspace {
    pub roots: Vec<PathBuf>,
    /// By URI: reports on disk.
    pub disk: HashMap<String, Entry>,
    /// By URI: open documents, as last analysed.
    pub open: HashMap<String, Entry>,
}

impl Workspace {
    /// Reads and summarises every report under `roots` (blocking).
    pub fn scan(roots: &[PathBuf]) -> HashMap<String, Entry> {
        let files = crate::walk::walk(roots).files;
        let mut out = HashMap::new();
        for path in files {
            if let Some((uri, entry)) = Workspace::read(&path) {
                out.insert(uri, entry);
            }
        }
        out
    }

    /// A report file read and summarised, by URI; `None` when it is not a readable report.
    pub fn read(path: &std::path::Path) -> Option<(String, Entry)> {
        if std::fs::metadata(path)
            .map(|m| m.len() > MAX_FILE)
            .unwrap_or(true)
        {
            return None;
        }
        let bytes = std::fs::read(path).ok()?;
        let d = crate::decode::decode(&bytes).ok()?;
        let uri = Uri::from_file_path(path)?;
        let summary = crate::cross::summarize(&crate::model::Model::new(&d.text));
        Some((
            uri.as_str().to_string(),
            Entry {
                summary,
                text: Arc::from(d.text),
                epoch: 0,
                version: 0,
            },
        ))
    }

    /// Whether `path` is under one of the workspace's folders (files elsewhere are not its
    /// reports, even when the client reports them).
    pub fn holds(&self, path: &std::path::Path) -> bool {
        self.roots.iter().any(|r| path.starts_with(r))
    }

    /// The other reports of `org`: open documents first, then files not open.
    pub fn neighbours(&self, uri: &str, org: &str) -> Vec<(String, Entry)> {
        let same = |e: &Entry| e.summary.org.as_deref() == Some(org);
        let mut out: Vec<(String, Entry)> = self
            .open
            .iter()
            .filter(|(u, e)| u.as_str() != uri && same(e))
            .map(|(u, e)| (u.clone(), e.clone()))
            .collect();
        for (u, e) in &self.disk {
            if u != uri && !self.open.contains_key(u) && same(e) {
                out.push((u.clone(), e.clone()));
            }
        }
        out
    }

    /// Open documents of `org` from the year before or after `year` (the ones a report of
    /// `year` is compared with), other than `uri`.
    pub fn open_next_to(&self, uri: &str, org: &str, year: Option<i32>) -> Vec<String> {
        let Some(y) = year else { return Vec::new() };
        self.open
            .iter()
            .filter(|(u, e)| {
                u.as_str() != uri
                    && e.summary.org.as_deref() == Some(org)
                    && e.summary.year.is_some_and(|x| x == y - 1 || x == y + 1)
            })
            .map(|(u, _)| u.clone())
            .collect()
    }
}
