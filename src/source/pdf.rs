//! PDF files, through the text of their pages as poppler's `pdftotext -layout` lays it out:
//! lines as they sit on the page, columns kept apart by runs of spaces, pages ended by form
//! feeds. Running the program is IO and lives in [`super::external`]; this is the pure part,
//! layout text in, [`Document`] out, every line placed on its page.
//!
//! `pdftotext` was chosen over the Rust PDF crates by measuring them on real reports (see
//! BENCHMARKS.md): it alone kept every table value in reading order.

use super::{Document, Kind, Piece, Place, ReadError};

/// Reads the layout text of a PDF. The text the model reads is the layout text without its
/// form feeds; each line with text is a piece placed at its page and its line on that page
/// (counting lines with text, as a person counts them). A PDF whose pages hold no text at all
/// is a scan: [`ReadError::NoTextLayer`].
pub fn read_layout_text(layout: &str) -> Result<Document, ReadError> {
    if !layout.chars().any(|c| !c.is_whitespace()) {
        return Err(ReadError::NoTextLayer);
    }
    let mut text = String::with_capacity(layout.len());
    let mut pieces = Vec::new();
    // pdftotext ends every page with a form feed, the last one too.
    let pages = layout
        .strip_suffix('\u{c}')
        .unwrap_or(layout)
        .split('\u{c}');
    for (p, page) in pages.enumerate() {
        let mut line_no = 0;
        for line in page.split_inclusive('\n') {
            let body = line.strip_suffix('\n').unwrap_or(line);
            let body = body.strip_suffix('\r').unwrap_or(body);
            if body.chars().any(|c| !c.is_whitespace()) {
                line_no += 1;
                let start = text.len() + (body.len() - body.trim_start().len());
                pieces.push(Piece {
                    text: start..text.len() + body.trim_end().len(),
                    place: Place::PageLine {
                        page: p + 1,
                        line: line_no,
                    },
                    source: None,
                });
            }
            text.push_str(body);
            text.push('\n');
        }
        // A page that does not end its last line still ends it in the text.
        if !text.ends_with('\n') {
            text.push('\n');
        }
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
            "   某区人民政府\n  2024 年报告𠀀\n\n   一、总体情况\n\n    -1-\n规章        0     0\n行政许可    550\n"
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
                ("规章        0     0", Place::PageLine { page: 2, line: 1 }),
                ("行政许可    550", Place::PageLine { page: 2, line: 2 }),
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
}
