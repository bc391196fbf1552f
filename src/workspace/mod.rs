//! One core for both edges: a report read from whatever file holds it, its findings, its
//! comparisons with the same organisation's other years, severities applied once, in the order
//! both edges show them. The CLI and the language server call this and only add IO, positions
//! and printing or protocol.
//!
//! No IO happens here: the caller passes the bytes of a file, or a function that reads a file,
//! and the programs (pdftotext, LibreOffice) that turn PDF and old Word files into what the
//! readers read (the real ones are `source::external::System`).

use crate::checks::Options;
use crate::cross::{self, Summary};
use crate::finding::{self, Finding};
use crate::model::Model;
use crate::source::external::{ExternalError, Programs};
use crate::source::{self, Document, Kind, ReadError};
use std::path::PathBuf;

pub mod diff;
pub mod fix;
pub mod locate;

/// Why a file was not checked.
#[derive(Debug)]
pub enum Failure {
    /// The path names nothing.
    NotFound,
    /// The file system refused (the system's own words).
    Io(String),
    /// The bytes are not a report the readers can read.
    Read(ReadError),
    /// A program the file needs is missing or failed.
    Program(ExternalError),
}

/// Reads a file's bytes as a report, in any format: the kind comes from the content (`name`
/// helps only where the content does not tell); PDF and old binary documents go through
/// `programs` first.
pub fn read(
    name: Option<&str>,
    bytes: &[u8],
    programs: &dyn Programs,
) -> Result<Document, Failure> {
    match source::read(name, bytes) {
        Err(ReadError::NeedsConversion(Kind::Pdf)) => {
            let layout = programs.pdf_to_text(bytes).map_err(Failure::Program)?;
            source::pdf::read_layout_text(&layout).map_err(Failure::Read)
        }
        Err(ReadError::NeedsConversion(Kind::OldBinary)) => {
            let ext = name
                .and_then(|n| n.rsplit_once('.'))
                .map(|(_, e)| e)
                .filter(|e| !e.contains(['/', '\\']))
                .unwrap_or("doc");
            let docx = programs.to_docx(ext, bytes).map_err(Failure::Program)?;
            source::docx::read_docx(&docx).map_err(Failure::Read)
        }
        r => r.map_err(Failure::Read),
    }
}

/// One file of a run: what was read, what was found, or why it could not be read.
#[derive(Debug)]
pub struct FileReport {
    pub path: PathBuf,
    /// The report as read (an empty text when the file could not be read).
    pub doc: Document,
    pub findings: Vec<Finding>,
    pub error: Option<Failure>,
    /// What the cross-year checks need of it.
    pub summary: Option<Summary>,
}

impl FileReport {
    /// A file that could not be read.
    pub fn failed(path: PathBuf, error: Failure) -> FileReport {
        FileReport {
            path,
            doc: Document::text(String::new(), "utf-8"),
            findings: Vec::new(),
            error: Some(error),
            summary: None,
        }
    }

    /// The report's text in the layout the model reads.
    pub fn text(&self) -> &str {
        &self.doc.text
    }
}

/// The findings of one report on its own, and its summary for the cross-year checks.
pub fn check(text: &str, options: &Options) -> (Vec<Finding>, Summary) {
    let model = Model::new(text);
    (
        crate::checks::run(&model, options),
        cross::summarize(&model),
    )
}

/// The findings of the cross-year checks over `docs`, by index, configured as any finding.
pub fn across_years(docs: &[&Summary], options: &Options) -> Vec<(usize, Finding)> {
    cross::cross_check(docs, options.lang)
        .into_iter()
        .filter_map(|(i, f)| Some((i, options.configure(f)?)))
        .collect()
}

/// A report's own findings with those of comparing it (`this`, its summary) with the same
/// organisation's other reports, configured and sorted: what the editor shows for it.
pub fn with_comparisons(
    mut findings: Vec<Finding>,
    this: &Summary,
    others: &[&Summary],
    options: &Options,
) -> Vec<Finding> {
    if !others.is_empty() {
        let mut docs = vec![this];
        docs.extend_from_slice(others);
        // The comparisons for this report are those of index 0.
        findings.extend(
            across_years(&docs, options)
                .into_iter()
                .filter(|(i, _)| *i == 0)
                .map(|(_, f)| f),
        );
    }
    finding::sort(&mut findings);
    findings
}

/// Reads and checks files on all cores, then compares reports of the same organisation across
/// years. `read` is the edge's IO (a path to its report); `progress` is called with
/// (done, total) as files finish. Reports come back in the order of `files`. (Threads are the
/// edges': not in the WebAssembly build.)
#[cfg(feature = "server")]
pub fn check_files(
    files: &[PathBuf],
    read: &(dyn Fn(&std::path::Path) -> Result<Document, Failure> + Sync),
    options: &Options,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Vec<FileReport> {
    use rayon::prelude::*;
    let done = std::sync::atomic::AtomicUsize::new(0);
    let mut reports: Vec<FileReport> = files
        .par_iter()
        .map(|f| {
            let r = match read(f) {
                Ok(doc) => {
                    let (findings, summary) = check(&doc.text, options);
                    FileReport {
                        path: f.clone(),
                        doc,
                        findings,
                        error: None,
                        summary: Some(summary),
                    }
                }
                Err(e) => FileReport::failed(f.clone(), e),
            };
            let n = done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
            progress(n, files.len());
            r
        })
        .collect();
    let owners: Vec<usize> = (0..reports.len())
        .filter(|&i| reports[i].summary.is_some())
        .collect();
    let summaries: Vec<&Summary> = owners
        .iter()
        .filter_map(|&i| reports[i].summary.as_ref())
        .collect();
    let cross = across_years(&summaries, options);
    for (i, mut f) in cross {
        // Summary indices to report indices.
        for r in &mut f.related {
            r.doc = r.doc.map(|d| owners[d]);
        }
        reports[owners[i]].findings.push(f);
    }
    for r in &mut reports {
        finding::sort(&mut r.findings);
    }
    reports
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::code::Code;
    use crate::finding::Severity;

    struct NoPrograms;

    impl Programs for NoPrograms {
        fn pdf_to_text(&self, _: &[u8]) -> Result<String, ExternalError> {
            Err(ExternalError::Missing {
                program: "pdftotext",
                package: "poppler-utils",
            })
        }
        fn to_docx(&self, _: &str, _: &[u8]) -> Result<Vec<u8>, ExternalError> {
            Err(ExternalError::Missing {
                program: "soffice",
                package: "libreoffice-writer-nogui",
            })
        }
    }

    struct Layout(&'static str);

    impl Programs for Layout {
        fn pdf_to_text(&self, _: &[u8]) -> Result<String, ExternalError> {
            Ok(self.0.to_string())
        }
        fn to_docx(&self, _: &str, _: &[u8]) -> Result<Vec<u8>, ExternalError> {
            Err(ExternalError::Io("none".into()))
        }
    }

    #[test]
    fn files_are_read_by_content_and_programs_are_asked_only_when_needed() {
        let d = read(Some("a.txt"), "一、总体情况𠀀".as_bytes(), &NoPrograms).unwrap();
        assert_eq!((d.kind, d.text.as_str()), (Kind::Text, "一、总体情况𠀀"));
        let d = read(
            Some("a.htm"),
            "<p>一、总体情况𠀀</p>".as_bytes(),
            &NoPrograms,
        )
        .unwrap();
        assert_eq!((d.kind, d.text.as_str()), (Kind::Html, "一、总体情况𠀀\n"));
        assert!(matches!(
            read(Some("a.pdf"), b"%PDF-1.7", &NoPrograms),
            Err(Failure::Program(ExternalError::Missing {
                package: "poppler-utils",
                ..
            }))
        ));
        assert!(matches!(
            read(
                Some("a.wps"),
                b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1",
                &NoPrograms
            ),
            Err(Failure::Program(ExternalError::Missing {
                program: "soffice",
                ..
            }))
        ));
        let d = read(None, b"%PDF-1.7", &Layout("一、总体情况𠀀\n\u{c}")).unwrap();
        assert_eq!((d.kind, d.text.as_str()), (Kind::Pdf, "一、总体情况𠀀\n"));
        assert!(matches!(
            read(None, b"%PDF-1.7", &Layout(" \n\u{c}")),
            Err(Failure::Read(ReadError::NoTextLayer))
        ));
    }

    #[test]
    fn severities_are_applied_once_to_own_and_cross_year_findings() {
        let text = crate::checks::testing::CLEAN.replacen(
            "五、存在的主要问题及改进情况",
            "五、存在问题与下一步改进措施",
            1,
        );
        let mut options = Options::default();
        let (plain, _) = check(&text, &options);
        assert!(plain.iter().any(|f| f.code == Code::NonstandardHeading));
        options
            .severity
            .insert(Code::NonstandardHeading, Some(Severity::Error));
        let (loud, summary) = check(&text, &options);
        let f = loud
            .iter()
            .find(|f| f.code == Code::NonstandardHeading)
            .unwrap();
        assert_eq!(f.severity, Severity::Error);
        options.severity.insert(Code::NonstandardHeading, None);
        let own = crate::checks::run(&Model::new(&text), &options);
        let off = with_comparisons(own, &summary, &[], &options);
        assert!(off.iter().all(|f| f.code != Code::NonstandardHeading));
        assert!(off.windows(2).all(|w| w[0].range.start <= w[1].range.start));
    }
}
