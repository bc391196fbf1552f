//! `nianbao check`: the files named checked on all cores (with a progress bar on a terminal
//! for long runs), the findings printed as JSON or for people, and the exit status.

use super::{CheckArgs, ColorArg, Format, LangArg, collect_files, read_file, write_human};
use crate::checks::Options;
use crate::finding::Severity;
use crate::voice::Lang;
use crate::workspace::{self, Failure, FileReport};
use indicatif::{ProgressBar, ProgressStyle};
use std::io::IsTerminal;

pub fn run_check(args: &CheckArgs) -> i32 {
    let options = Options {
        lang: match args.lang {
            LangArg::Zh => Lang::Chinese,
            LangArg::En => Lang::English,
        },
        new_report_year: Some(crate::skeleton::report_year_at(std::time::SystemTime::now())),
        ..Options::default()
    };
    let (files, missing) = collect_files(&args.paths, options.lang);
    // A progress bar on a terminal, for long runs (indicatif draws nothing elsewhere).
    let bar = if files.len() >= 20 {
        ProgressBar::new(files.len() as u64)
    } else {
        ProgressBar::hidden()
    };
    bar.set_style(
        ProgressStyle::with_template("[{bar:30}] {pos}/{len} {elapsed}")
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("#> "),
    );
    let progress = |done: usize, _total: usize| bar.set_position(done as u64);
    let mut reports = workspace::check_files(&files, &read_file, &options, &progress);
    bar.finish_and_clear();
    for (path, error) in missing {
        // A link that leads nowhere or in a circle is there, as a link: the walk says why.
        let failure = if path.symlink_metadata().is_ok() {
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
        Format::Json => super::report_json::write(&mut out, &reports, options.lang),
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
