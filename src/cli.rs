//! `nianbao check`: the command line for reviewers and CI. This is an edge: it reads files,
//! converts byte offsets to lines and UTF-16 columns, and prints.

use crate::checks::{self, Options};
use crate::decode::decode;
use crate::finding::{Finding, Severity};
use crate::position::{Encoding, LineIndex};
use crate::voice::Lang;
use clap::{Parser, Subcommand, ValueEnum};
use serde_json::{Value, json};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use unicode_width::UnicodeWidthChar;

#[derive(Parser, Debug)]
#[command(
    name = "nianbao",
    version,
    about = "检查政府信息公开工作年度报告 / checks government information disclosure annual reports"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Check report files, or directories searched for *.txt and *.md.
    Check(CheckArgs),
    /// Run the language server on stdin and stdout.
    Lsp {
        /// Accepted for clients that pass it; stdio is the only transport.
        #[arg(long)]
        stdio: bool,
    },
    /// Render a report's tables as an HTML page (on stdout).
    Render {
        /// Output format; HTML is the only one.
        #[arg(long, value_enum, default_value_t = RenderFormat::Html)]
        format: RenderFormat,
        /// Language of the page's own words.
        #[arg(long, value_enum, default_value_t = LangArg::Zh)]
        lang: LangArg,
        /// A report file.
        path: PathBuf,
    },
    /// Show what was read from a report: year, format, sections and every table cell.
    Inspect {
        /// `human`, or `json` for every cell read (table, block, row, column, text).
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
        /// A report file.
        path: PathBuf,
    },
}

#[derive(clap::Args, Debug)]
pub struct CheckArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Language of messages.
    #[arg(long, value_enum, default_value_t = LangArg::Zh)]
    pub lang: LangArg,
    /// When to colour the human output.
    #[arg(long, value_enum, default_value_t = ColorArg::Auto)]
    pub color: ColorArg,
    /// Files or directories.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
}

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum Format {
    Human,
    Json,
}

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum RenderFormat {
    Html,
}

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum LangArg {
    Zh,
    En,
}

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum ColorArg {
    Auto,
    Always,
    Never,
}

/// The result of checking one file.
pub struct FileReport {
    pub path: PathBuf,
    pub text: String,
    pub encoding: &'static str,
    pub findings: Vec<Finding>,
    /// Why the file could not be checked.
    pub error: Option<String>,
    /// What the cross-year checks need of it.
    pub summary: Option<crate::cross::Summary>,
}

/// Entry point of the binary; returns the exit status.
pub fn main() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return code;
        }
    };
    match cli.command {
        Command::Check(args) => run_check(&args),
        Command::Inspect { format, path } => run_inspect(&path, format),
        Command::Render {
            format: RenderFormat::Html,
            lang,
            path,
        } => run_render(&path, lang),
        Command::Lsp { .. } => crate::lsp::run_stdio(),
    }
}

/// The files named by the arguments: files as given, directories searched (see `walk.rs`).
pub fn collect_files(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<(PathBuf, String)>) {
    let w = crate::walk::walk(paths);
    let errors = w
        .problems
        .iter()
        .filter(|p| p.is_error())
        .map(|p| (p.path().to_path_buf(), p.message(false)))
        .collect();
    (w.files, errors)
}

/// Reads, decodes and checks one file.
pub fn check_file(path: &Path, options: &Options) -> FileReport {
    let mut report = FileReport {
        path: path.to_path_buf(),
        text: String::new(),
        encoding: "utf-8",
        findings: Vec::new(),
        error: None,
        summary: None,
    };
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            report.error = Some(e.to_string());
            return report;
        }
    };
    match decode(&bytes) {
        Ok(d) => {
            let model = crate::model::Model::new(&d.text);
            report.findings = checks::run(&model, options);
            report.summary = Some(crate::cross::summarize(&model));
            drop(model);
            report.text = d.text;
            report.encoding = d.encoding;
        }
        Err(e) => report.error = Some(e.to_string()),
    }
    report
}

/// Checks files on all cores, then compares reports of the same organisation across years.
/// `progress` is called with (done, total) as files finish.
pub fn check_files(
    files: &[PathBuf],
    options: &Options,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Vec<FileReport> {
    use rayon::prelude::*;
    let done = std::sync::atomic::AtomicUsize::new(0);
    let mut reports: Vec<FileReport> = files
        .par_iter()
        .map(|f| {
            let r = check_file(f, options);
            let n = done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
            progress(n, files.len());
            r
        })
        .collect();
    let summaries: Vec<&crate::cross::Summary> =
        reports.iter().filter_map(|r| r.summary.as_ref()).collect();
    let owners: Vec<usize> = reports
        .iter()
        .enumerate()
        .filter(|(_, r)| r.summary.is_some())
        .map(|(i, _)| i)
        .collect();
    let mut cross = crate::cross::cross_check(&summaries, options.lang);
    // Summary indices to report indices, and the severity settings applied as for any check.
    let mut extra: Vec<(usize, Finding)> = Vec::new();
    for (i, mut f) in cross.drain(..) {
        match options.severity.get(&f.code) {
            Some(None) => continue,
            Some(Some(s)) => f.severity = *s,
            None => {}
        }
        for r in &mut f.related {
            r.doc = r.doc.map(|d| owners[d]);
        }
        extra.push((owners[i], f));
    }
    for (i, f) in extra {
        reports[i].findings.push(f);
    }
    for r in &mut reports {
        r.findings.sort_by(|a, b| {
            (a.range.start, a.range.end, a.code.as_str()).cmp(&(
                b.range.start,
                b.range.end,
                b.code.as_str(),
            ))
        });
    }
    reports
}

fn run_check(args: &CheckArgs) -> i32 {
    let options = Options {
        lang: match args.lang {
            LangArg::Zh => Lang::Chinese,
            LangArg::En => Lang::English,
        },
        ..Options::default()
    };
    let (files, missing) = collect_files(&args.paths);
    // A progress line on a terminal, for long runs.
    let show = std::io::stderr().is_terminal() && files.len() >= 20;
    let step = (files.len() / 100).max(1);
    let progress = |done: usize, total: usize| {
        if show && (done % step == 0 || done == total) {
            let width = 30;
            let filled = done * width / total.max(1);
            eprint!(
                "\r[{}{}] {done}/{total}",
                "#".repeat(filled),
                " ".repeat(width - filled)
            );
        }
    };
    let mut reports = check_files(&files, &options, &progress);
    if show {
        eprint!("\r\x1b[K");
    }
    for (path, error) in missing {
        reports.push(FileReport {
            path,
            text: String::new(),
            encoding: "utf-8",
            findings: Vec::new(),
            error: Some(error),
            summary: None,
        });
    }
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let written = match args.format {
        // Written a diagnostic at a time (see `report_json.rs`).
        Format::Json => crate::report_json::write(&mut out, &reports),
        Format::Human => {
            let color = match args.color {
                ColorArg::Always => true,
                ColorArg::Never => false,
                ColorArg::Auto => {
                    std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none()
                }
            };
            write_human(&mut out, &reports, color, options.lang)
        }
    };
    if written.is_err() {
        return 2;
    }
    if reports.iter().any(|r| r.error.is_some()) {
        2
    } else if reports
        .iter()
        .any(|r| r.findings.iter().any(|f| f.severity == Severity::Error))
    {
        1
    } else {
        0
    }
}

/// Reads and decodes one file for the single-file commands; the error is already printed.
fn read_one(path: &Path) -> Option<String> {
    match std::fs::read(path)
        .map_err(|e| e.to_string())
        .and_then(|b| decode(&b).map_err(|e| e.to_string()))
    {
        Ok(d) => Some(d.text),
        Err(e) => {
            eprintln!("{}: {e}", path.display());
            None
        }
    }
}

fn run_render(path: &Path, lang: LangArg) -> i32 {
    let Some(text) = read_one(path) else {
        return 2;
    };
    let lang = match lang {
        LangArg::Zh => Lang::Chinese,
        LangArg::En => Lang::English,
    };
    let html = crate::render::tables_html(&crate::model::Model::new(&text), lang);
    match std::io::stdout().lock().write_all(html.as_bytes()) {
        Ok(()) => 0,
        Err(_) => 2,
    }
}

fn run_inspect(path: &Path, format: Format) -> i32 {
    let Some(text) = read_one(path) else {
        return 2;
    };
    let model = crate::model::Model::new(&text);
    match format {
        Format::Human => print!("{}", inspect(&model)),
        Format::Json => println!("{}", inspect_json(&model)),
    }
    0
}

/// Every value cell the model bound to a row and column, with its text.
pub fn inspect_json(m: &crate::model::Model) -> Value {
    let mut cells = Vec::new();
    for t in &m.tables {
        let spec = t.table_spec();
        for (b, bm) in t.blocks.iter().enumerate() {
            let bs = &spec.blocks[b];
            for r in &bm.rows {
                for v in &r.values {
                    let Some(c) = v.col else { continue };
                    cells.push(json!({
                        "table": spec.key,
                        "block": bs.key,
                        "row": bs.rows[r.row].key,
                        "column": bs.columns[c].key,
                        "text": m.slice(&v.range),
                    }));
                }
            }
        }
    }
    json!({ "year": m.year.as_ref().map(|y| y.year), "format": m.format.id, "cells": cells })
}

/// A plain description of what the model read, for people checking the reader itself.
pub fn inspect(m: &crate::model::Model) -> String {
    use std::fmt::Write as _;
    let script = m.script;
    let idx = LineIndex::new(m.text);
    let line = |o: usize| idx.position(m.text, o, Encoding::Chars).line + 1;
    let mut o = String::new();
    let year = m
        .year
        .as_ref()
        .map(|y| y.year.to_string())
        .unwrap_or_else(|| "?".into());
    let _ = writeln!(
        o,
        "year {year}, format {}, script {:?}",
        m.format.id, script
    );
    for h in &m.sections {
        let spec = &m.format.section(h.spec);
        let _ = writeln!(
            o,
            "section {} at line {}{}{}: {}",
            spec.number,
            h.line + 1,
            if h.standard { "" } else { " (non-standard)" },
            if h.duplicate { " (duplicate)" } else { "" },
            m.slice(&h.heading)
        );
    }
    for t in &m.tables {
        let spec = t.table_spec();
        let _ = writeln!(
            o,
            "table {} ({:?}, present: {})",
            spec.key, t.layout, t.present
        );
        for (b, bm) in t.blocks.iter().enumerate() {
            let bs = &spec.blocks[b];
            let cols: Vec<String> = bm
                .columns
                .iter()
                .map(|&c| bs.column_name(c, script))
                .collect();
            let _ = writeln!(o, "  block {}: columns {}", bs.key, cols.join(" | "));
            if let Some(h) = &bm.header {
                for c in &h.missing {
                    let _ = writeln!(o, "    missing column {}", bs.column_name(*c, script));
                }
            }
            for r in &bm.rows {
                let vals: Vec<String> = r
                    .values
                    .iter()
                    .map(|v| match &v.value {
                        crate::model::Value::Blank => "_".to_string(),
                        _ => m.slice(&v.range).to_string(),
                    })
                    .collect();
                let label = r
                    .label
                    .as_ref()
                    .map(|l| m.slice(&l.range).replace(['\n', '\r'], "⏎"))
                    .unwrap_or_default();
                let _ = writeln!(
                    o,
                    "    line {:>4} {:<24} [{}]{}  ← {label}",
                    line(r.range.start),
                    bs.row_name(r.row, script),
                    vals.join(" "),
                    if r.bound() { "" } else { " (count)" },
                );
            }
            for r in &bm.missing_rows {
                let _ = writeln!(o, "    missing row {}", bs.row_name(*r, script));
            }
        }
    }
    for st in crate::model::prose::statements(m) {
        let n = &m.format.narratives[st.narrative];
        let value = st
            .value
            .map(|v| v.to_string())
            .unwrap_or_else(|| "none".into());
        let _ = writeln!(
            o,
            "states {} = {value} at line {}: {}",
            n.key,
            line(st.range.start),
            m.slice(&st.range)
        );
    }
    for u in &m.unread {
        let _ = writeln!(
            o,
            "unread {} at line {}: {}",
            u.what,
            line(u.range.start),
            m.slice(&u.range).replace(['\n', '\r'], "⏎")
        );
    }
    o
}

// ----- JSON ------------------------------------------------------------------------------------

fn range_json(idx: &LineIndex, text: &str, r: &std::ops::Range<usize>) -> Value {
    let s = idx.position(text, r.start, Encoding::Utf16);
    let e = idx.position(text, r.end, Encoding::Utf16);
    json!({
        "start": { "line": s.line, "character": s.character },
        "end": { "line": e.line, "character": e.character },
    })
}

/// One finding as in the JSON contract (ranges in lines and UTF-16 code units). Related
/// locations in other reports are left out: see [`json_document`].
pub fn finding_json(idx: &LineIndex, text: &str, f: &Finding) -> Value {
    let mut v = json!({
        "code": f.code.as_str(),
        "severity": f.severity.as_str(),
        "message": f.message,
        "range": range_json(idx, text, &f.range),
        "fixes": f.fixes.iter().map(|fix| json!({
            "title": fix.title,
            "edits": fix.edits.iter().map(|e| json!({
                "range": range_json(idx, text, &e.range),
                "newText": e.new_text,
            })).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
    });
    let related: Vec<Value> = f
        .related
        .iter()
        .filter(|r| r.doc.is_none())
        .map(|r| json!({ "range": range_json(idx, text, &r.range), "message": r.message }))
        .collect();
    if !related.is_empty() {
        v["related"] = related.into();
    }
    v
}

/// The whole JSON document for a run.
pub fn json_document(reports: &[FileReport]) -> Value {
    let files: Vec<Value> = reports
        .iter()
        .map(|r| {
            let idx = LineIndex::new(&r.text);
            let diagnostics: Vec<Value> = r
                .findings
                .iter()
                .map(|f| {
                    let mut v = finding_json(&idx, &r.text, f);
                    // Places in other reports, with their path.
                    for rel in &f.related {
                        let Some(other) = rel.doc.and_then(|d| reports.get(d)) else {
                            continue;
                        };
                        let oidx = LineIndex::new(&other.text);
                        let entry = json!({
                            "path": other.path.to_string_lossy(),
                            "range": range_json(&oidx, &other.text, &rel.range),
                            "message": rel.message,
                        });
                        match v["related"].as_array_mut() {
                            Some(a) => a.push(entry),
                            None => v["related"] = json!([entry]),
                        }
                    }
                    v
                })
                .collect();
            let mut v = json!({
                "path": r.path.to_string_lossy(),
                "diagnostics": diagnostics,
            });
            if r.encoding != "utf-8" {
                v["encoding"] = json!(r.encoding);
            }
            if let Some(e) = &r.error {
                v["error"] = json!(e);
            }
            v
        })
        .collect();
    json!({ "version": 1, "files": files })
}

// ----- Human -----------------------------------------------------------------------------------

const TAB_WIDTH: usize = 4;

struct Paint {
    on: bool,
}

impl Paint {
    fn wrap(&self, code: &str, s: &str) -> String {
        if self.on {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }
}

/// Display columns of a text, with tabs expanded.
fn width_of(s: &str) -> usize {
    let mut w = 0;
    for c in s.chars() {
        w += if c == '\t' {
            TAB_WIDTH - w % TAB_WIDTH
        } else {
            c.width().unwrap_or(0)
        };
    }
    w
}

/// A source line as shown: tabs expanded, control characters made visible.
fn shown(s: &str) -> String {
    let mut out = String::new();
    let mut w = 0;
    for c in s.chars() {
        if c == '\t' {
            let n = TAB_WIDTH - w % TAB_WIDTH;
            out.extend(std::iter::repeat_n(' ', n));
            w += n;
        } else if c.is_control() {
            out.push('\u{FFFD}');
            w += 1;
        } else {
            out.push(c);
            w += c.width().unwrap_or(0);
        }
    }
    out
}

/// Writes findings the way a reviewer reads them: location, code, message, the source line and
/// a marker under the problem.
pub fn write_human(
    out: &mut impl Write,
    reports: &[FileReport],
    color: bool,
    lang: Lang,
) -> std::io::Result<()> {
    let paint = Paint { on: color };
    let (mut errors, mut warnings, mut others) = (0usize, 0usize, 0usize);
    for r in reports {
        let path = r.path.to_string_lossy();
        if let Some(e) = &r.error {
            writeln!(
                out,
                "{}: {} {e}",
                paint.wrap("1", &path),
                paint.wrap("1;31", "无法读取：")
            )?;
            continue;
        }
        if r.encoding != "utf-8" {
            let note = match lang {
                Lang::English => format!("note: read as {}", r.encoding),
                Lang::Chinese => format!("提示：按 {} 编码读取", r.encoding),
            };
            writeln!(
                out,
                "{}: {}",
                paint.wrap("1", &path),
                paint.wrap("36", &note)
            )?;
        }
        let idx = LineIndex::new(&r.text);
        for f in &r.findings {
            match f.severity {
                Severity::Error => errors += 1,
                Severity::Warning => warnings += 1,
                _ => others += 1,
            }
            let pos = idx.position(&r.text, f.range.start, Encoding::Chars);
            let (sev_color, sev) = match f.severity {
                Severity::Error => ("1;31", "error"),
                Severity::Warning => ("1;33", "warning"),
                Severity::Information => ("1;34", "info"),
                Severity::Hint => ("1;36", "hint"),
            };
            writeln!(
                out,
                "{}: {}{} {}",
                paint.wrap(
                    "1",
                    &format!("{path}:{}:{}", pos.line + 1, pos.character + 1)
                ),
                paint.wrap(sev_color, sev),
                paint.wrap(sev_color, &format!("[{}]", f.code)),
                f.message
            )?;
            let line_no = pos.line as usize;
            let whole = idx.line_range(&r.text, line_no);
            // A long line is shown around the finding, with … where it was cut.
            let lr = crate::position::excerpt(&r.text, whole.clone(), f.range.start, 400);
            let cut = (lr.start > whole.start, lr.end < whole.end);
            let line = format!(
                "{}{}{}",
                if cut.0 { "…" } else { "" },
                &r.text[lr.clone()],
                if cut.1 { "…" } else { "" }
            );
            let gutter = format!("{}", line_no + 1);
            let pad = " ".repeat(gutter.len());
            let start = f.range.start.clamp(lr.start, lr.end);
            let end = f.range.end.clamp(start, lr.end);
            let lead = if cut.0 { width_of("…") } else { 0 };
            let before = lead + width_of(&r.text[lr.start..start]);
            let span = (lead + width_of(&r.text[lr.start..end]))
                .saturating_sub(before)
                .max(1);
            writeln!(out, "{pad} {}", paint.wrap("34", "|"))?;
            writeln!(
                out,
                "{} {} {}",
                paint.wrap("34", &gutter),
                paint.wrap("34", "|"),
                shown(&line)
            )?;
            let mut marker = format!("{}{}", " ".repeat(before), "^".repeat(span));
            if let Some(fix) = f.fixes.first() {
                let label = match lang {
                    Lang::English => "fix",
                    Lang::Chinese => "可修复",
                };
                marker.push_str(&format!(" {label}：{}", fix.title));
            }
            writeln!(
                out,
                "{pad} {} {}",
                paint.wrap("34", "|"),
                paint.wrap(sev_color, &marker)
            )?;
            // Places in other reports (the year before).
            for rel in &f.related {
                let Some(other) = rel.doc.and_then(|d| reports.get(d)) else {
                    continue;
                };
                let p = LineIndex::new(&other.text).position(
                    &other.text,
                    rel.range.start,
                    Encoding::Chars,
                );
                let see = match lang {
                    Lang::English => "see",
                    Lang::Chinese => "参见",
                };
                writeln!(
                    out,
                    "{pad} {} {see} {}:{}:{} {}",
                    paint.wrap("34", "="),
                    other.path.to_string_lossy(),
                    p.line + 1,
                    p.character + 1,
                    rel.message
                )?;
            }
            writeln!(out)?;
        }
    }
    if reports.len() > 1 {
        write_table(out, reports, &paint, lang)?;
    }
    let files = reports.len();
    let summary = match lang {
        Lang::English => format!(
            "Checked {files} file(s): {errors} error(s), {warnings} warning(s){}",
            if others > 0 {
                format!(", {others} note(s)")
            } else {
                String::new()
            }
        ),
        Lang::Chinese => format!(
            "共检查 {files} 个文件：{errors} 个错误，{warnings} 个警告{}",
            if others > 0 {
                format!("，{others} 条提示")
            } else {
                String::new()
            }
        ),
    };
    let c = if errors > 0 {
        "1;31"
    } else if warnings > 0 {
        "1;33"
    } else {
        "1;32"
    };
    writeln!(out, "{}", paint.wrap(c, &summary))
}

/// Counts per file and per code, after the findings of a run over several files.
fn write_table(
    out: &mut impl Write,
    reports: &[FileReport],
    paint: &Paint,
    lang: Lang,
) -> std::io::Result<()> {
    let (file_h, err_h, warn_h, code_h, count_h) = match lang {
        Lang::English => ("file", "errors", "warnings", "code", "findings"),
        Lang::Chinese => ("文件", "错误", "警告", "代码", "数量"),
    };
    let count = |r: &FileReport, s: Severity| r.findings.iter().filter(|f| f.severity == s).count();
    let names: Vec<String> = reports
        .iter()
        .map(|r| r.path.to_string_lossy().into_owned())
        .collect();
    let width = names
        .iter()
        .map(|n| width_of(n))
        .max()
        .unwrap_or(0)
        .max(width_of(file_h));
    let pad = |s: &str, w: usize| format!("{s}{}", " ".repeat(w.saturating_sub(width_of(s))));
    writeln!(
        out,
        "{}  {:>6}  {:>6}",
        paint.wrap("1", &pad(file_h, width)),
        err_h,
        warn_h
    )?;
    for (r, n) in reports.iter().zip(&names) {
        if r.error.is_some() {
            writeln!(out, "{}  {:>6}  {:>6}", pad(n, width), "-", "-")?;
        } else {
            writeln!(
                out,
                "{}  {:>6}  {:>6}",
                pad(n, width),
                count(r, Severity::Error),
                count(r, Severity::Warning)
            )?;
        }
    }
    let mut codes: std::collections::BTreeMap<&str, usize> = std::collections::BTreeMap::new();
    for f in reports.iter().flat_map(|r| &r.findings) {
        *codes.entry(f.code.as_str()).or_default() += 1;
    }
    if !codes.is_empty() {
        writeln!(out)?;
        let cw = codes
            .keys()
            .map(|c| c.len())
            .max()
            .unwrap_or(0)
            .max(width_of(code_h));
        writeln!(out, "{}  {:>6}", paint.wrap("1", &pad(code_h, cw)), count_h)?;
        for (code, n) in codes {
            writeln!(out, "{}  {:>6}", pad(code, cw), n)?;
        }
    }
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_line_up_under_cjk_tabs_and_astral_characters() {
        assert_eq!(width_of("一、"), 4);
        assert_eq!(width_of("\t"), 4);
        assert_eq!(width_of("𠀀a\t"), 4);
        assert_eq!(shown("a\tb"), "a   b");
        let text = "𠀀规章\t0\t五\n";
        let f = Finding {
            code: crate::code::Code::InvalidNumber,
            severity: Severity::Error,
            range: text.find('五').unwrap()..text.find('五').unwrap() + 3,
            message: "x".into(),
            fixes: Vec::new(),
            related: Vec::new(),
        };
        let r = FileReport {
            path: "a.txt".into(),
            text: text.into(),
            encoding: "utf-8",
            findings: vec![f],
            error: None,
            summary: None,
        };
        let mut out = Vec::new();
        write_human(&mut out, &[r], false, Lang::Chinese).unwrap();
        let s = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = s.lines().collect();
        assert_eq!(lines[0], "a.txt:1:7: error[invalid-number] x");
        assert_eq!(lines[2], "1 | 𠀀规章  0   五");
        // 五 starts at display column 12 of the source line: the marker is under it, 2 wide.
        assert_eq!(lines[3], "  |             ^^");
        assert_eq!(
            lines[3].find('^').unwrap() - 4,
            lines[2]
                .find('五')
                .map(|i| width_of(&lines[2][4..i]))
                .unwrap()
        );
        assert!(lines.last().unwrap().contains("1 个错误"));
    }
}
