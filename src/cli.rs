//! `nianbao check`: the command line for reviewers and CI. This is an edge: it reads files,
//! converts byte offsets to lines and UTF-16 columns, and prints.

pub mod report_json;

use crate::catalogue;
use crate::checks::Options;
use crate::finding::{Finding, Severity};
use crate::position::{Encoding, LineIndex};
use crate::source::external::System;
use crate::source::{Document, Kind, Place};
use crate::voice::Lang;
use crate::workspace::locate::{Location, locate};
use crate::workspace::{self, Failure, FileReport};
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
    /// Check reports: text, Word (.docx; .doc and .wps through LibreOffice), web pages
    /// (.html, .htm) and PDF (through pdftotext); directories are searched for these.
    Check(CheckArgs),
    /// Apply the safe fixes (with --all, every fix) to a text report or a Word file.
    Fix {
        /// Apply every fix, not only the safe ones.
        #[arg(long)]
        all: bool,
        /// Language of messages.
        #[arg(long, value_enum, default_value_t = LangArg::Zh)]
        lang: LangArg,
        /// Where to write the fixed file (default: <name>.fixed.<ext> beside it).
        #[arg(short = 'o', long = "output", conflicts_with = "in_place")]
        output: Option<PathBuf>,
        /// Replace the file, keeping the original as <name>.orig.<ext>.
        #[arg(long)]
        in_place: bool,
        /// A report file (text or .docx).
        path: PathBuf,
    },
    /// Write a report in another form: `txt`, the text layout the editor works on (tables as tab
    /// rows), or `html`, the page of its tables.
    Convert {
        /// The form to write.
        #[arg(long, value_enum)]
        to: ConvertTo,
        /// Language of messages and of the page's own words.
        #[arg(long, value_enum, default_value_t = LangArg::Zh)]
        lang: LangArg,
        /// Where to write (default: standard output).
        #[arg(short = 'o', long = "output")]
        output: Option<PathBuf>,
        /// A report file in any format `check` reads.
        path: PathBuf,
    },
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
        /// Language of messages.
        #[arg(long, value_enum, default_value_t = LangArg::Zh)]
        lang: LangArg,
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
pub enum ConvertTo {
    Txt,
    Html,
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

/// Parses the arguments; `Err` holds the exit status after clap printed its message
/// (`--help` and `--version` are not failures).
pub fn parse() -> Result<Cli, i32> {
    Cli::try_parse().map_err(|e| {
        let code = if e.use_stderr() { 2 } else { 0 };
        let _ = e.print();
        code
    })
}

/// Runs a subcommand of the CLI; returns the exit status. (`lsp` is the server's, dispatched
/// by `main.rs`; here it is a usage error.)
pub fn run(command: Command) -> i32 {
    match command {
        Command::Check(args) => run_check(&args),
        Command::Inspect { format, lang, path } => run_inspect(&path, format, lang.into()),
        Command::Render {
            format: RenderFormat::Html,
            lang,
            path,
        } => run_render(&path, lang),
        Command::Fix {
            all,
            lang,
            output,
            in_place,
            path,
        } => run_fix(&path, all, lang.into(), output.as_deref(), in_place),
        Command::Convert {
            to,
            lang,
            output,
            path,
        } => run_convert(&path, to, lang.into(), output.as_deref()),
        Command::Lsp { .. } => 2,
    }
}

impl From<LangArg> for Lang {
    fn from(l: LangArg) -> Lang {
        match l {
            LangArg::Zh => Lang::Chinese,
            LangArg::En => Lang::English,
        }
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

/// Reads one file as a report, in whatever format it is: the IO of the edge, for the core's
/// [`workspace::read`].
pub fn read_file(path: &Path) -> Result<Document, Failure> {
    let bytes = std::fs::read(path).map_err(|e| Failure::Io(e.to_string()))?;
    let name = path.to_str();
    workspace::read(name, &bytes, &System)
}

pub fn run_check(args: &CheckArgs) -> i32 {
    let options = Options {
        lang: match args.lang {
            LangArg::Zh => Lang::Chinese,
            LangArg::En => Lang::English,
        },
        new_report_year: Some(crate::skeleton::report_year_at(std::time::SystemTime::now())),
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
    let mut reports = workspace::check_files(&files, &read_file, &options, &progress);
    if show {
        eprint!("\r\x1b[K");
    }
    for (path, error) in missing {
        let failure = if path.exists() {
            Failure::Io(error)
        } else {
            Failure::NotFound
        };
        reports.push(FileReport::failed(path, failure));
    }
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let written = match args.format {
        // Written a diagnostic at a time (see `report_json.rs`).
        Format::Json => report_json::write(&mut out, &reports, options.lang),
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

/// Reads one file for the single-file commands; the error is already printed.
fn read_one(path: &Path, lang: Lang) -> Option<Document> {
    match read_file(path) {
        Ok(d) => Some(d),
        Err(e) => {
            eprintln!("{}: {}", path.display(), catalogue::failure(&e, lang));
            None
        }
    }
}

fn run_render(path: &Path, lang: LangArg) -> i32 {
    let lang = match lang {
        LangArg::Zh => Lang::Chinese,
        LangArg::En => Lang::English,
    };
    let Some(doc) = read_one(path, lang) else {
        return 2;
    };
    let html = crate::render::tables_html(&crate::model::Model::new(&doc.text), lang);
    match std::io::stdout().lock().write_all(html.as_bytes()) {
        Ok(()) => 0,
        Err(_) => 2,
    }
}

fn run_inspect(path: &Path, format: Format, lang: Lang) -> i32 {
    let Some(doc) = read_one(path, lang) else {
        return 2;
    };
    let model = crate::model::Model::new(&doc.text);
    match format {
        Format::Human => print!("{}", inspect(&model)),
        Format::Json => println!("{}", inspect_json(&model)),
    }
    0
}

/// Where `fix` writes: the output given, the file itself, or `<name>.fixed.<ext>` beside it.
fn fixed_path(path: &Path, tag: &str) -> PathBuf {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let name = match path.extension() {
        Some(e) => format!("{stem}.{tag}.{}", e.to_string_lossy()),
        None => format!("{stem}.{tag}"),
    };
    path.with_file_name(name)
}

fn run_fix(path: &Path, all: bool, lang: Lang, output: Option<&Path>, in_place: bool) -> i32 {
    let options = Options {
        lang,
        ..Options::default()
    };
    let failed = |e: Failure| {
        eprintln!("{}: {}", path.display(), catalogue::failure(&e, lang));
        2
    };
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => return failed(Failure::Io(e.to_string())),
    };
    // The file's own kind, before any program runs: an old Word file is read through a .docx
    // that cannot be written back into it.
    let kind = Kind::sniff(path.to_str(), &bytes);
    if !matches!(kind, Kind::Text | Kind::Docx) {
        eprintln!("{}: {}", path.display(), catalogue::cannot_fix(kind, lang));
        return 2;
    }
    let doc = match workspace::read(path.to_str(), &bytes, &System) {
        Ok(d) => d,
        Err(e) => return failed(e),
    };
    let fixed = match workspace::fix::fix_file(&bytes, &doc, &options, all) {
        Ok(f) => f,
        Err(e) => return failed(e),
    };
    let target = match (output, in_place) {
        (Some(o), _) => o.to_path_buf(),
        (None, true) => {
            let backup = fixed_path(path, "orig");
            if let Err(e) = std::fs::write(&backup, &bytes) {
                return failed(Failure::Io(format!("{}: {e}", backup.display())));
            }
            eprintln!("{}", catalogue::backup(&backup.to_string_lossy(), lang));
            path.to_path_buf()
        }
        (None, false) => fixed_path(path, "fixed"),
    };
    if let Err(e) = std::fs::write(&target, &fixed.bytes) {
        return failed(Failure::Io(format!("{}: {e}", target.display())));
    }
    for title in &fixed.applied {
        eprintln!("  {title}");
    }
    eprintln!(
        "{}",
        catalogue::fixed(
            fixed.applied.len(),
            &target.to_string_lossy(),
            fixed.left,
            lang
        )
    );
    0
}

fn run_convert(path: &Path, to: ConvertTo, lang: Lang, output: Option<&Path>) -> i32 {
    let Some(doc) = read_one(path, lang) else {
        return 2;
    };
    let out = match to {
        ConvertTo::Txt => doc.text,
        ConvertTo::Html => crate::render::tables_html(&crate::model::Model::new(&doc.text), lang),
    };
    let written = match output {
        Some(o) => std::fs::write(o, out.as_bytes()),
        None => std::io::stdout().lock().write_all(out.as_bytes()),
    };
    match written {
        Ok(()) => 0,
        Err(e) => {
            let target = output.unwrap_or(Path::new("-"));
            eprintln!("{}: {e}", target.display());
            2
        }
    }
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

/// The JSON contract's name of a kind of file.
fn kind_key(k: Kind) -> &'static str {
    match k {
        Kind::Text => "text",
        Kind::Docx => "docx",
        Kind::Html => "html",
        Kind::Pdf => "pdf",
        Kind::OldBinary => "doc",
    }
}

/// Where the findings of a file that is not plain text are, in its own terms: built once per
/// file (the model names the report's tables; a web page's source gives lines and columns).
struct Places<'a> {
    doc: &'a Document,
    model: crate::model::Model<'a>,
    /// The page's text as the HTML reader saw it, and its lines.
    page: Option<(String, LineIndex)>,
    lang: Lang,
}

impl<'a> Places<'a> {
    fn new(r: &'a FileReport, lang: Lang) -> Option<Places<'a>> {
        if r.doc.kind == Kind::Text || r.error.is_some() {
            return None;
        }
        // The page is read again for its source positions: the reader keeps only offsets.
        let page = (r.doc.kind == Kind::Html)
            .then(|| std::fs::read(&r.path).ok())
            .flatten()
            .map(|b| {
                let (text, _) = crate::source::html::decode_page(&b);
                let idx = LineIndex::new(&text);
                (text, idx)
            });
        Some(Places {
            doc: &r.doc,
            model: crate::model::Model::new(&r.doc.text),
            page,
            lang,
        })
    }

    /// A finding's location, and for a web page its line and column (1-based, in characters)
    /// in the page's source.
    fn at(&self, offset: usize) -> Option<(Location, Option<(u32, u32)>)> {
        let l = locate(self.doc, &self.model, offset, self.lang)?;
        let src = match (&self.page, &l.source) {
            (Some((text, idx)), Some(r)) if text.is_char_boundary(r.start.min(text.len())) => {
                let p = idx.position(text, r.start.min(text.len()), Encoding::Chars);
                Some((p.line + 1, p.character + 1))
            }
            _ => None,
        };
        Some((l, src))
    }

    fn json(&self, offset: usize) -> Option<Value> {
        let (l, src) = self.at(offset)?;
        let mut v = match l.place {
            Place::Cell { table, row, col } => {
                json!({ "table": table, "row": row, "column": col })
            }
            Place::Paragraph(n) => json!({ "paragraph": n }),
            Place::PageLine { page, line } => json!({ "page": page, "line": line }),
        };
        if let Some(t) = &l.table {
            v["reportTable"] = json!(t);
        }
        v["text"] = json!(l.name);
        v["excerpt"] = json!(l.excerpt);
        if let Some((line, column)) = src {
            v["source"] = json!({ "line": line, "column": column });
        }
        Some(v)
    }
}

/// The whole JSON document for a run.
pub fn json_document(reports: &[FileReport], lang: Lang) -> Value {
    let files: Vec<Value> = reports
        .iter()
        .map(|r| {
            let mut v = json_file(r, lang);
            v["diagnostics"] = Value::Array(json_diagnostics(reports, r, lang).collect());
            v
        })
        .collect();
    json!({ "version": 1, "files": files })
}

/// A file's entry of the JSON document with its diagnostics left empty.
pub fn json_file(r: &FileReport, lang: Lang) -> Value {
    let mut v = json!({
        "path": r.path.to_string_lossy(),
        "diagnostics": [],
    });
    if r.doc.encoding != "utf-8" {
        v["encoding"] = json!(r.doc.encoding);
    }
    if r.doc.kind != Kind::Text {
        v["format"] = json!(kind_key(r.doc.kind));
    }
    if let Some(e) = &r.error {
        v["error"] = json!(catalogue::failure(e, lang));
    }
    v
}

/// A file's diagnostics in the JSON contract, one at a time (`report_json` writes them as they
/// come, so that memory does not hold them all).
pub fn json_diagnostics<'a>(
    reports: &'a [FileReport],
    r: &'a FileReport,
    lang: Lang,
) -> impl Iterator<Item = Value> + 'a {
    let places = Places::new(r, lang);
    let idx = LineIndex::new(&r.doc.text);
    r.findings.iter().map(move |f| {
        let mut v = finding_json(&idx, &r.doc.text, f);
        if let Some(l) = places.as_ref().and_then(|p| p.json(f.range.start)) {
            v["location"] = l;
        }
        // Places in other reports, with their path.
        for rel in &f.related {
            let Some(other) = rel.doc.and_then(|d| reports.get(d)) else {
                continue;
            };
            let oidx = LineIndex::new(&other.doc.text);
            let entry = json!({
                "path": other.path.to_string_lossy(),
                "range": range_json(&oidx, &other.doc.text, &rel.range),
                "message": rel.message,
            });
            match v["related"].as_array_mut() {
                Some(a) => a.push(entry),
                None => v["related"] = json!([entry]),
            }
        }
        v
    })
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
                "{}: {} {}",
                paint.wrap("1", &path),
                paint.wrap("1;31", catalogue::cannot_read(lang)),
                catalogue::failure(e, lang)
            )?;
            continue;
        }
        if r.doc.encoding != "utf-8" {
            let note = catalogue::read_as(r.doc.encoding, lang);
            writeln!(
                out,
                "{}: {}",
                paint.wrap("1", &path),
                paint.wrap("36", &note)
            )?;
        }
        let idx = LineIndex::new(&r.doc.text);
        let places = Places::new(r, lang);
        for f in &r.findings {
            match f.severity {
                Severity::Error => errors += 1,
                Severity::Warning => warnings += 1,
                _ => others += 1,
            }
            let pos = idx.position(&r.doc.text, f.range.start, Encoding::Chars);
            let (sev_color, sev) = match f.severity {
                Severity::Error => ("1;31", "error"),
                Severity::Warning => ("1;33", "warning"),
                Severity::Information => ("1;34", "info"),
                Severity::Hint => ("1;36", "hint"),
            };
            // A file that is not plain text is located in its own terms: its text layout's
            // lines mean nothing to the person who wrote it.
            let at = match places.as_ref().and_then(|p| p.at(f.range.start)) {
                Some((l, Some((line, column)))) => format!(
                    "{path}: {} ({})",
                    l.name,
                    catalogue::source_position(line, column, lang)
                ),
                Some((l, None)) => format!("{path}: {}", l.name),
                None => format!("{path}:{}:{}", pos.line + 1, pos.character + 1),
            };
            writeln!(
                out,
                "{}: {}{} {}",
                paint.wrap("1", &at),
                paint.wrap(sev_color, sev),
                paint.wrap(sev_color, &format!("[{}]", f.code)),
                f.message
            )?;
            let line_no = pos.line as usize;
            let whole = idx.line_range(&r.doc.text, line_no);
            // A long line is shown around the finding, with … where it was cut.
            let lr = crate::position::excerpt(&r.doc.text, whole.clone(), f.range.start, 400);
            let cut = (lr.start > whole.start, lr.end < whole.end);
            let line = format!(
                "{}{}{}",
                if cut.0 { "…" } else { "" },
                &r.doc.text[lr.clone()],
                if cut.1 { "…" } else { "" }
            );
            let gutter = format!("{}", line_no + 1);
            let pad = " ".repeat(gutter.len());
            let start = f.range.start.clamp(lr.start, lr.end);
            let end = f.range.end.clamp(start, lr.end);
            let lead = if cut.0 { width_of("…") } else { 0 };
            let before = lead + width_of(&r.doc.text[lr.start..start]);
            let span = (lead + width_of(&r.doc.text[lr.start..end]))
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
                marker.push(' ');
                marker.push_str(&catalogue::fix_offered(&fix.title, lang));
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
                let p = LineIndex::new(&other.doc.text).position(
                    &other.doc.text,
                    rel.range.start,
                    Encoding::Chars,
                );
                let see = catalogue::see(lang);
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
    let summary = catalogue::summary(files, errors, warnings, others, lang);
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
    let [file_h, err_h, warn_h, code_h, count_h] = catalogue::table_heads(lang);
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
            doc: Document::text(text.into(), "utf-8"),
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
