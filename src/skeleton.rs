//! Standard text generated from the template: table skeletons, single rows in a table's own
//! layout, and a whole empty report. Used by fixes, and by the editor's snippets.

use crate::model::Layout;
use crate::template::{BlockSpec, FormatSpec, FormatTable};
use crate::text::Script;

/// How the rows of an existing table are written, so an inserted row looks like its neighbours.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowStyle {
    pub layout: Layout,
    /// What each cell line starts with (one cell per line), e.g. a tab.
    pub indent: String,
    /// Blank lines between cells (one cell per line).
    pub gap: bool,
}

impl Default for RowStyle {
    fn default() -> Self {
        RowStyle {
            layout: Layout::Rows,
            indent: String::new(),
            gap: false,
        }
    }
}

/// The year a report begun at `time` is about: reports are written early in the year about the
/// year before. The edges read the clock (the browser has none that `std` can read).
pub fn report_year_at(time: std::time::SystemTime) -> i32 {
    let unix_secs = time
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    // Days since 1970-01-01 to a civil year (Howard Hinnant's algorithm), minus one.
    let days = (unix_secs / 86_400) as i64 + 719_468;
    let era = days.div_euclid(146_097);
    let doe = days - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let year = yoe + era * 400 + i64::from(mp >= 10);
    i32::try_from(year - 1).unwrap_or(i32::MAX)
}

/// The text of one row, ending with a line break.
pub fn row_text(style: &RowStyle, label: &str, values: &[String]) -> String {
    let mut out = String::new();
    match style.layout {
        Layout::Rows => {
            let cells = (!label.is_empty())
                .then_some(label)
                .into_iter()
                .chain(values.iter().map(String::as_str));
            out.push_str(&cells.collect::<Vec<_>>().join("\t"));
            out.push('\n');
        }
        Layout::Pipes => {
            out.push_str("| ");
            out.push_str(label);
            for v in values {
                out.push_str(" | ");
                out.push_str(v);
            }
            out.push_str(" |\n");
        }
        Layout::Spaced => {
            let cells = (!label.is_empty())
                .then_some(label)
                .into_iter()
                .chain(values.iter().map(String::as_str));
            out.push_str(&cells.collect::<Vec<_>>().join("    "));
            out.push('\n');
        }
        Layout::CellPerLine => {
            let sep = if style.gap { "\n\n" } else { "\n" };
            let cells = (!label.is_empty())
                .then_some(label)
                .into_iter()
                .chain(values.iter().map(String::as_str));
            let parts: Vec<String> = cells.map(|c| format!("{}{c}", style.indent)).collect();
            out.push_str(&parts.join(sep));
            out.push('\n');
        }
    }
    out
}

fn block_text(block: &BlockSpec, script: Script, out: &mut String) {
    if let Some(t) = &block.title {
        out.push_str(t.get(script));
        out.push('\n');
    }
    for n in &block.notes {
        out.push_str(n.get(script));
        out.push('\n');
    }
    // Group labels on their own line, then the column labels.
    let has_groups = block.columns.iter().any(|c| c.group.is_some());
    let cols: Vec<usize> = (0..block.columns.len())
        .filter(|&c| !block.columns[c].optional)
        .collect();
    let lead = if block.rows.iter().any(|r| !r.label.hans.is_empty()) {
        block
            .corner
            .as_ref()
            .map(|c| c.get(script).to_string())
            .unwrap_or_default()
    } else {
        String::new()
    };
    if has_groups {
        let mut fields = vec![String::new(); usize::from(!lead.is_empty())];
        let mut last: Option<usize> = None;
        for &c in &cols {
            let g = block.columns[c].group;
            let top = g.map(|g| {
                let mut g = g;
                while let Some(p) = block.groups[g].parent {
                    g = p;
                }
                g
            });
            fields.push(match top {
                Some(t) if last != Some(t) => block.groups[t].label.get(script).to_string(),
                _ => String::new(),
            });
            last = top;
        }
        out.push_str(fields.join("\t").trim_end_matches('\t'));
        out.push('\n');
        // Second-level groups (行政诉讼 → 未经复议直接起诉 / 复议后起诉).
        if block.groups.iter().any(|g| g.parent.is_some()) {
            let mut fields = vec![String::new(); usize::from(!lead.is_empty())];
            let mut last: Option<usize> = None;
            for &c in &cols {
                let g = block.columns[c]
                    .group
                    .filter(|g| block.groups[*g].parent.is_some());
                fields.push(match g {
                    Some(g) if last != Some(g) => block.groups[g].label.get(script).to_string(),
                    _ => String::new(),
                });
                last = g;
            }
            out.push_str(fields.join("\t").trim_end_matches('\t'));
            out.push('\n');
        }
    }
    let mut header: Vec<&str> = Vec::new();
    if !lead.is_empty() {
        header.push(&lead);
    }
    header.extend(cols.iter().map(|&c| block.columns[c].label.get(script)));
    out.push_str(&header.join("\t"));
    out.push('\n');
    let zeros = vec!["0".to_string(); cols.len()];
    for r in &block.rows {
        let label = r.full_label(script);
        if r.values {
            out.push_str(&row_text(&RowStyle::default(), &label, &zeros));
        } else {
            out.push_str(&label);
            out.push('\n');
        }
    }
}

/// A table of the template with every value 0, as tab rows.
pub fn table_text(format: &FormatSpec, table: FormatTable, script: Script) -> String {
    let mut out = String::new();
    for b in &format.table(table).blocks {
        block_text(b, script, &mut out);
    }
    out
}

/// A new report as the editors start one: in the format of `year`, for the organisation named
/// (control characters dropped, at most 100 characters), the year kept to a sane range.
pub fn new_report(organisation: &str, year: i32, script: Script) -> String {
    let year = year.clamp(1990, 2200);
    let format = crate::template::Template::get().for_year(Some(year));
    let org: String = organisation
        .chars()
        .filter(|c| !c.is_control())
        .take(100)
        .collect();
    report_text(format, script, &org, year)
}

/// A whole report: title, the six standard headings and the three tables.
pub fn report_text(format: &FormatSpec, script: Script, organisation: &str, year: i32) -> String {
    let title = crate::template::Template::get().report.title.get(script);
    let mut out = format!("{organisation}{year}年{title}\n\n");
    for s in &format.sections {
        out.push_str(&s.heading(script));
        out.push('\n');
        if let Some(t) = s.table {
            out.push_str(&table_text(format, t, script));
        }
        // From the year the fee rules apply, section 六 says whether a fee was charged.
        if let (Some(sentence), Some(from)) = (&s.fee_sentence, s.fee_from_year)
            && year >= from
        {
            out.push_str(sentence.get(script));
            out.push('\n');
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_report_begun_in_a_year_is_about_the_year_before() {
        use std::time::{Duration, UNIX_EPOCH};
        let at = |secs| super::report_year_at(UNIX_EPOCH + Duration::from_secs(secs));
        assert_eq!(at(0), 1969);
        // 2026-01-01T00:00:00Z and the second before it.
        assert_eq!(at(1_767_225_600), 2025);
        assert_eq!(at(1_767_225_599), 2024);
        // 2024-12-31T23:59:59Z, the last second of a leap year.
        assert_eq!(at(1_735_689_599), 2023);
    }

    use super::*;
    use crate::template::Template;

    #[test]
    fn a_new_report_names_its_organisation_without_control_characters() {
        let text = new_report("青石县\n𠀀溪镇\u{7}", 2025, Script::Hant);
        assert!(text.starts_with("青石县𠀀溪镇2025年"), "{text}");
        assert_eq!(
            text,
            report_text(
                Template::get().for_year(Some(2025)),
                Script::Hant,
                "青石县𠀀溪镇",
                2025
            )
        );
        // A year far off is kept to the range reports have.
        assert!(new_report("镇", -5, Script::Hans).starts_with("镇1990年"));
        let long = "镇".repeat(500);
        assert!(
            new_report(&long, 2025, Script::Hans)
                .starts_with(&format!("{}2025年", "镇".repeat(100)))
        );
    }

    #[test]
    fn a_new_report_from_the_template_has_no_finding_at_all() {
        for (year, script) in [
            (2025, Script::Hans),
            (2025, Script::Hant),
            (2020, Script::Hans),
        ] {
            let f = Template::get().for_year(Some(year));
            let text = report_text(f, script, "青石县𠀀溪镇", year);
            let all = crate::checks::check_text(&text, &Default::default());
            assert!(all.is_empty(), "{year} {script:?}: {all:#?}");
        }
    }

    #[test]
    fn rows_in_each_layout() {
        let v = vec!["0".to_string(), "3".to_string()];
        let rows = RowStyle::default();
        assert_eq!(row_text(&rows, "规章", &v), "规章\t0\t3\n");
        let pipes = RowStyle {
            layout: Layout::Pipes,
            ..RowStyle::default()
        };
        assert_eq!(row_text(&pipes, "规章", &v), "| 规章 | 0 | 3 |\n");
        let per_line = RowStyle {
            layout: Layout::CellPerLine,
            indent: "\t".into(),
            gap: true,
        };
        assert_eq!(row_text(&per_line, "规章", &v), "\t规章\n\n\t0\n\n\t3\n");
    }

    #[test]
    fn table_skeletons_name_every_row_in_the_script() {
        let f = Template::get().for_year(Some(2025));
        let t = table_text(f, FormatTable(1), Script::Hant);
        assert!(t.contains("屬於國家秘密\t0\t0\t0\t0\t0\t0\t0\n"));
        assert!(t.contains("（七）總計"));
        let review = table_text(f, FormatTable(2), Script::Hans);
        assert_eq!(review.lines().last().unwrap().split('\t').count(), 15);
    }
}
