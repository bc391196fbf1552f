//! The command line for reviewers and CI: `check`, `inspect`, `render`, `fix` and `convert`.
//! This is an edge: it reads files, converts byte offsets to lines and UTF-16 columns, and
//! prints. This file holds the arguments, the dispatch and the reading of files; each
//! subcommand and each way of printing findings has a file of its own.

mod check;
mod convert;
mod fix;
mod human;
mod inspect;
mod json;
mod places;
pub mod report_json;

pub use check::run_check;
pub use human::write_human;
pub use inspect::{inspect, inspect_json};
pub use json::{finding_json, json_diagnostics, json_document, json_file};

use crate::catalogue;
use crate::source::Document;
use crate::source::external::System;
use crate::voice::Lang;
use crate::workspace::{self, Failure};
use clap::{Parser, Subcommand, ValueEnum};
use std::path::{Path, PathBuf};

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
        Command::Inspect { format, lang, path } => inspect::run_inspect(&path, format, lang.into()),
        Command::Render {
            format: RenderFormat::Html,
            lang,
            path,
        } => convert::run_render(&path, lang),
        Command::Fix {
            all,
            lang,
            output,
            in_place,
            path,
        } => fix::run_fix(&path, all, lang.into(), output.as_deref(), in_place),
        Command::Convert {
            to,
            lang,
            output,
            path,
        } => convert::run_convert(&path, to, lang.into(), output.as_deref()),
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
pub fn collect_files(paths: &[PathBuf], lang: Lang) -> (Vec<PathBuf>, Vec<(PathBuf, String)>) {
    let w = crate::walk::walk(paths);
    let errors = w
        .problems
        .iter()
        .filter(|p| p.is_error())
        .map(|p| (p.path().to_path_buf(), p.message(lang == Lang::English)))
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
