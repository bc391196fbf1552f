//! The human view of `check`: each finding with its place, code and message, the source line
//! and a marker under the problem lined up by display width (CJK, tabs, astral characters),
//! and after a run over several files the counts per file and per code.

use super::places::Places;
use crate::catalogue;
use crate::finding::Severity;
use crate::position::{Encoding, LineIndex};
use crate::voice::Lang;
use crate::workspace::FileReport;
use std::io::Write;
use unicode_width::UnicodeWidthChar;

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
    use crate::finding::Finding;
    use crate::source::Document;

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
