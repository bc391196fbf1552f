//! PDF files, through the text of their pages as poppler's `pdftotext -layout` lays it out:
//! lines as they sit on the page, columns kept apart by runs of spaces, pages ended by form
//! feeds. Running the program is IO and lives in [`super::external`]; this is the pure part,
//! layout text in, [`Document`] out, every line placed on its page. A table's wrapped labels
//! stand on lines of their own around their values; [`table`] puts each row back on one line.
//!
//! `pdftotext` was chosen over the Rust PDF crates by measuring them on real reports (see
//! BENCHMARKS.md): it alone kept every table value in reading order.

mod frags;
mod layout;
mod table;

use super::{Document, Kind, Piece, Place, ReadError};
use layout::Line;
use table::{Out, Part};

/// Reads the layout text of a PDF. The text the model reads is the layout text without its
/// form feeds, line for line, except that each table row becomes a tab row on the line of its
/// values, its label cells gathered from the lines around it (see [`table`]); those lines keep
/// what is left of them. Every run of text is a piece placed at its page and its line on that
/// page (counting lines with text, as a person counts them). A PDF whose pages hold no text at
/// all is a scan: [`ReadError::NoTextLayer`].
pub fn read_layout_text(layout: &str) -> Result<Document, ReadError> {
    if !layout.chars().any(|c| !c.is_whitespace()) {
        return Err(ReadError::NoTextLayer);
    }
    // pdftotext ends every page with a form feed, the last one too.
    let pages = layout
        .strip_suffix('\u{c}')
        .unwrap_or(layout)
        .split('\u{c}');
    let mut lines: Vec<Line> = Vec::new();
    // Each line's place: its page and its number among the page's lines with text.
    let mut places: Vec<Place> = Vec::new();
    for (p, page) in pages.enumerate() {
        let mut line_no = 0;
        for line in page.split('\n') {
            let body = line.strip_suffix('\r').unwrap_or(line);
            if body.chars().any(|c| !c.is_whitespace()) {
                line_no += 1;
            }
            lines.push(Line {
                page: p,
                text: body,
            });
            places.push(Place::PageLine {
                page: p + 1,
                line: line_no,
            });
        }
        // The page's last line ends with the page; an empty one after its last newline is none.
        if page.ends_with('\n') || page.is_empty() {
            lines.pop();
            places.pop();
        }
    }
    let outs = table::rebuild(&lines);
    let mut text = String::with_capacity(layout.len());
    let mut pieces = Vec::new();
    let mut piece = |text: &mut String, line: usize, s: &str| {
        pieces.push(Piece {
            text: text.len()..text.len() + s.len(),
            place: places[line].clone(),
            source: None,
        });
        text.push_str(s);
    };
    for (i, (line, out)) in lines.iter().zip(&outs).enumerate() {
        match out {
            Out::Keep => {
                let body = line.text.trim_end();
                let trimmed = body.trim_start();
                text.push_str(&body[..body.len() - trimmed.len()]);
                if !trimmed.is_empty() {
                    piece(&mut text, i, trimmed);
                }
            }
            Out::Row(fields) => {
                for (n, field) in fields.iter().enumerate() {
                    if n > 0 {
                        text.push('\t');
                    }
                    for Part { line, range } in field {
                        piece(&mut text, *line, &lines[*line].text[range.clone()]);
                    }
                }
            }
            Out::Rest(runs) => {
                let mut col = 0;
                for (x, range) in runs {
                    // Two spaces at least between runs, as between columns.
                    let pad = if col == 0 {
                        *x
                    } else {
                        x.saturating_sub(col).max(2)
                    };
                    text.extend(std::iter::repeat_n(' ', pad));
                    let s = &line.text[range.clone()];
                    piece(&mut text, i, s);
                    col += pad + s.chars().count();
                }
            }
        }
        text.push('\n');
    }
    Ok(Document {
        kind: Kind::Pdf,
        text,
        encoding: "utf-8",
        pieces,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_and_lines_are_placed_and_form_feeds_dropped() {
        let layout = "   某区人民政府\n  2024 年报告𠀀\n\n   一、总体情况\n\n    -1-\n\u{c}规章        0     0\n行政许可    550\n\u{c}";
        let d = read_layout_text(layout).unwrap();
        assert!(!d.text.contains('\u{c}'));
        assert_eq!(
            d.text,
            "   某区人民政府\n  2024 年报告𠀀\n\n   一、总体情况\n\n    -1-\n规章\t0\t0\n行政许可\t550\n"
        );
        let placed: Vec<(&str, Place)> = d
            .pieces
            .iter()
            .map(|p| (&d.text[p.text.clone()], p.place.clone()))
            .collect();
        assert_eq!(
            placed,
            [
                ("某区人民政府", Place::PageLine { page: 1, line: 1 }),
                ("2024 年报告𠀀", Place::PageLine { page: 1, line: 2 }),
                ("一、总体情况", Place::PageLine { page: 1, line: 3 }),
                ("-1-", Place::PageLine { page: 1, line: 4 }),
                // A table row: each cell a piece.
                ("规章", Place::PageLine { page: 2, line: 1 }),
                ("0", Place::PageLine { page: 2, line: 1 }),
                ("0", Place::PageLine { page: 2, line: 1 }),
                ("行政许可", Place::PageLine { page: 2, line: 2 }),
                ("550", Place::PageLine { page: 2, line: 2 }),
            ]
        );
        // A value is found on its page line.
        let at = d.text.find("550").unwrap();
        assert_eq!(
            d.piece_at(at).unwrap().place,
            Place::PageLine { page: 2, line: 2 }
        );
    }

    #[test]
    fn pages_without_text_are_a_scan() {
        assert_eq!(
            read_layout_text("\u{c}\n\n\u{c}   \u{c}").unwrap_err(),
            ReadError::NoTextLayer
        );
        assert_eq!(read_layout_text("").unwrap_err(), ReadError::NoTextLayer);
    }

    #[test]
    fn a_last_page_without_a_form_feed_or_newline_is_read() {
        let d = read_layout_text("第一页\u{c}第二页").unwrap();
        assert_eq!(d.text, "第一页\n第二页\n");
        assert_eq!(d.pieces[1].place, Place::PageLine { page: 2, line: 1 });
    }

    /// Layout-like text: labels, numbers, ordinals and page numbers at random columns.
    fn layout() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let word = prop_oneof![
            Just("（三）".to_string()),
            Just("1.属于".to_string()),
            Just("国家秘密𠀀".to_string()),
            Just("信息".to_string()),
            Just("- 3 -".to_string()),
            Just("—".to_string()),
            Just("。".to_string()),
            (0u32..2000).prop_map(|n| n.to_string()),
        ];
        let line = prop::collection::vec((0usize..12, word), 0..8).prop_map(|ws| {
            ws.into_iter()
                .map(|(pad, w)| format!("{}{w}", " ".repeat(pad)))
                .collect::<String>()
        });
        prop::collection::vec((line, prop::bool::weighted(0.1)), 0..40).prop_map(|ls| {
            ls.into_iter()
                .map(|(l, page)| format!("{l}{}", if page { "\u{c}" } else { "\n" }))
                .collect()
        })
    }

    proptest::proptest! {
        #[test]
        fn any_layout_keeps_its_lines_and_places_every_piece(layout in layout()) {
            let Ok(d) = read_layout_text(&layout) else { return Ok(()); };
            // Line for line: as many lines as the layout has, a form feed ending a line too
            // (an empty page has none).
            let mut lines = layout.trim_start_matches('\u{c}').to_string();
            for (from, to) in [("\u{c}\u{c}", "\u{c}"), ("\n\u{c}", "\n")] {
                while lines.contains(from) {
                    lines = lines.replace(from, to);
                }
            }
            proptest::prop_assert_eq!(
                d.text.lines().count(),
                lines.replace('\u{c}', "\n").lines().count()
            );
            let mut end = 0;
            for p in &d.pieces {
                proptest::prop_assert!(p.text.start >= end && p.text.end <= d.text.len());
                let s = &d.text[p.text.clone()];
                proptest::prop_assert!(!s.is_empty() && layout.contains(s));
                end = p.text.end;
            }
        }
    }
}
