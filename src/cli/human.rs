//! The human view of `check`: each finding with its place, code and message, the source line
//! and a marker under the problem lined up by display width (CJK, tabs, astral characters),
//! and after a run over several files the counts per file and per code.

use super::places::Places;
use crate::catalogue;
use crate::finding::Severity;
use crate::position::{Encoding, LineIndex};
use crate::voice::Lang;
use crate::workspace::FileReport;
use annotate_snippets::{AnnotationKind, Level, Renderer, Snippet};
use std::io::Write;
use unicode_width::UnicodeWidthChar;

const TAB_WIDTH: usize = 4;

/// Lines longer than this (in bytes) are cut around each finding before they are shown.
const LONG_LINE: usize = 16 * 1024;

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

/// Display columns of a text, with tabs expanded (the counts table pads names by it).
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

/// Writes findings the way a reviewer reads them: the code and message, where it is, the source
/// line and a marker under the problem. The excerpt and marker are `annotate-snippets`' (as in
/// rustc and ruff): it lines markers up by display width (CJK, astral characters, tabs) and
/// shows control characters as symbols.
pub fn write_human(
    out: &mut impl Write,
    reports: &[FileReport],
    color: bool,
    lang: Lang,
) -> std::io::Result<()> {
    let paint = Paint { on: color };
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
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
            let level = match f.severity {
                Severity::Error => {
                    errors += 1;
                    Level::ERROR
                }
                Severity::Warning => {
                    warnings += 1;
                    Level::WARNING
                }
                Severity::Information => {
                    others += 1;
                    Level::INFO
                }
                Severity::Hint => {
                    others += 1;
                    Level::HELP.with_name(Some("hint"))
                }
            };
            let pos = idx.position(&r.doc.text, f.range.start, Encoding::Chars);
            let line_no = pos.line as usize + 1;
            let whole = idx.line_range(&r.doc.text, pos.line as usize);
            // A file that is not plain text is located in its own terms: its text layout's
            // lines mean nothing to the person who wrote it.
            let place = places.as_ref().and_then(|p| p.at(f.range.start));
            // The library finds the line and column itself from the whole line, and cuts a
            // long one for display; a very long line is cut here first (around the finding) so
            // that many findings on it do not each measure all of it, and its place is written
            // out below the excerpt.
            let (whole_len, line_start, line_end) = (whole.len(), whole.start, whole.end);
            let shown = if place.is_none() && whole.len() <= LONG_LINE {
                whole
            } else {
                crate::position::excerpt(&r.doc.text, whole, f.range.start, 400)
            };
            let start = f.range.start.clamp(shown.start, shown.end);
            let end = f.range.end.clamp(start, shown.end);
            let label = f
                .fixes
                .first()
                .map(|fix| catalogue::fix_offered(&fix.title, lang));
            // A line cut here says so at each end cut.
            let (lead, tail) = (
                if shown.start > line_start { "…" } else { "" },
                if shown.end < line_end { "…" } else { "" },
            );
            let source = format!("{lead}{}{tail}", &r.doc.text[shown.clone()]);
            let (start, end) = (start + lead.len(), end + lead.len());
            let mut snippet = Snippet::source(source).line_start(line_no).annotation(
                AnnotationKind::Primary
                    .span(start - shown.start..end - shown.start)
                    .label(label),
            );
            let written_place = match place {
                Some((l, Some((line, column)))) => Some(format!(
                    "{path}: {} ({})",
                    l.name,
                    catalogue::source_position(line, column, lang)
                )),
                Some((l, None)) => Some(format!("{path}: {}", l.name)),
                None if shown.len() < whole_len => {
                    Some(format!("{path}:{line_no}:{}", pos.character + 1))
                }
                None => {
                    snippet = snippet.path(path.as_ref());
                    None
                }
            };
            let mut group = level
                .primary_title(f.message.as_str())
                .id(f.code.as_str())
                .element(snippet);
            if let Some(p) = written_place {
                group = group.element(Level::NOTE.no_name().message(p));
            }
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
                group = group.element(Level::NOTE.with_name(Some(catalogue::see(lang))).message(
                    format!(
                        "{}:{}:{} {}",
                        other.path.to_string_lossy(),
                        p.line + 1,
                        p.character + 1,
                        rel.message
                    ),
                ));
            }
            writeln!(out, "{}", renderer.render(&[group]))?;
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
    use crate::finding::Finding;
    use crate::source::Document;
    use expect_test::expect;

    fn one_finding(text: &str, at: &str, len: usize, fix: bool) -> String {
        let start = text.find(at).unwrap();
        let f = Finding {
            code: crate::code::Code::InvalidNumber,
            severity: Severity::Error,
            range: start..start + len,
            message: "x".into(),
            fixes: if fix {
                vec![crate::finding::Fix {
                    title: "改为 5".into(),
                    safe: true,
                    edits: Vec::new(),
                }]
            } else {
                Vec::new()
            },
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
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn markers_line_up_under_cjk_tabs_and_astral_characters() {
        assert_eq!(width_of("一、"), 4);
        assert_eq!(width_of("\t"), 4);
        assert_eq!(width_of("𠀀a\t"), 4);
        // 𠀀 and 规章 are 6 columns, a tab 4 (as the library shows tabs), 0 one: 五 starts 15
        // columns in, 2 wide, and the marker under it.
        let s = one_finding("第一行\n𠀀规章\t0\t五\n", "五", "五".len(), true);
        expect![[r#"
            error[invalid-number]: x
             --> a.txt:2:7
              |
            2 | 𠀀规章    0    五
              |                ^^ 可修复：改为 5

            共检查 1 个文件：1 个错误，0 个警告
        "#]]
        .assert_eq(&s);
    }

    #[test]
    fn a_long_line_is_shown_around_the_finding_and_control_characters_as_symbols() {
        let text = format!("{}\u{7}错{}\n", "长".repeat(6000), "文".repeat(6000));
        let s = one_finding(&text, "错", "错".len(), false);
        expect![[r#"
            error[invalid-number]: x
              |
            1 | …长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长␇错文文文文文文文文文文文文文文文文文文文文文文文文文文文文文文文...
              |                                                                     ^^
              |
              = a.txt:1:6002

            共检查 1 个文件：1 个错误，0 个警告
        "#]]
        .assert_eq(&s);
    }
}
