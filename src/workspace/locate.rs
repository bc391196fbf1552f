//! Where a finding is in a file that is not plain text, in the words a person uses: a cell of a
//! table (「表三 第5行 第7列」), a paragraph (「第12段」) or a line of a PDF page, with a short
//! excerpt of what is written there.

use crate::model::Model;
use crate::source::{Document, Kind, Place};
use crate::voice::Lang;
use std::ops::Range;

/// The most characters of an excerpt.
const EXCERPT: usize = 40;

/// A finding's place in a Word file, web page or PDF.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Location {
    pub place: Place,
    /// For a cell: the report's table it is in, by the ordinal of its section (「三」), when it
    /// is one of the report's tables.
    pub table: Option<String>,
    /// The place in words: 「表三 第5行 第7列」, 「第12段」, 「第2页 第14行」.
    pub name: String,
    /// What is written there (the piece's text, shortened).
    pub excerpt: String,
    /// Where the piece's characters are written in the source (see [`crate::source::Piece`]).
    pub source: Option<Range<usize>>,
}

/// The location of byte `offset` of the report's text, for a document that is not plain text.
pub fn locate(doc: &Document, model: &Model, offset: usize, lang: Lang) -> Option<Location> {
    if doc.kind == Kind::Text {
        return None;
    }
    let piece = doc.piece_at(offset)?;
    // A cell or paragraph written in several runs is several pieces: the excerpt is all of it.
    let i = doc.pieces.partition_point(|p| p.text.start <= offset) - 1;
    let same = |p: &crate::source::Piece| p.place == piece.place;
    let first = doc.pieces[..i].iter().rev().take_while(|p| same(p)).count();
    let last = doc.pieces[i + 1..].iter().take_while(|p| same(p)).count();
    let whole = doc.pieces[i - first].text.start..doc.pieces[i + last].text.end;
    let table = match piece.place {
        Place::Cell { .. } => model
            .tables
            .iter()
            .find(|t| t.present && t.range.start <= offset && offset <= t.range.end)
            .map(|t| {
                let section = model.format.section(t.table_spec().section);
                section.ordinal.trim_end_matches('、').to_string()
            }),
        _ => None,
    };
    let name = name(&piece.place, table.as_deref(), lang);
    let text = doc.text.get(whole).unwrap_or("");
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut excerpt: String = text.chars().take(EXCERPT).collect();
    if text.chars().count() > EXCERPT {
        excerpt.push('…');
    }
    Some(Location {
        place: piece.place.clone(),
        table,
        name,
        excerpt,
        source: piece.source.clone(),
    })
}

/// A place in words.
pub fn name(place: &Place, table: Option<&str>, lang: Lang) -> String {
    match (place, lang) {
        (Place::Paragraph(n), Lang::Chinese) => format!("第{n}段"),
        (Place::Paragraph(n), Lang::English) => format!("paragraph {n}"),
        (Place::Cell { table: t, row, col }, Lang::Chinese) => match table {
            Some(s) => format!("表{s} 第{row}行 第{col}列"),
            None => format!("第{t}个表格 第{row}行 第{col}列"),
        },
        (Place::Cell { table: t, row, col }, Lang::English) => match table {
            Some(s) => format!("table {s}, row {row}, column {col}"),
            None => format!("table {t}, row {row}, column {col}"),
        },
        (Place::PageLine { page, line }, Lang::Chinese) => format!("第{page}页 第{line}行"),
        (Place::PageLine { page, line }, Lang::English) => format!("page {page}, line {line}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::Piece;

    #[test]
    fn places_in_words_with_an_excerpt() {
        let text = "一、总体情况𠀀\n规章\t5\n".to_string();
        let doc = Document {
            kind: Kind::Docx,
            text: text.clone(),
            encoding: "utf-8",
            pieces: vec![
                Piece {
                    text: 0..text.find('\n').unwrap(),
                    place: Place::Paragraph(12),
                    source: None,
                },
                Piece {
                    text: text.find('5').unwrap()..text.find('5').unwrap() + 1,
                    place: Place::Cell {
                        table: 2,
                        row: 5,
                        col: 7,
                    },
                    source: Some(100..101),
                },
            ],
        };
        let m = Model::new(&doc.text);
        let l = locate(&doc, &m, 3, Lang::Chinese).unwrap();
        assert_eq!(
            (l.name.as_str(), l.excerpt.as_str()),
            ("第12段", "一、总体情况𠀀")
        );
        let l = locate(&doc, &m, text.find('5').unwrap(), Lang::English).unwrap();
        assert_eq!(l.excerpt, "5");
        assert_eq!(l.source, Some(100..101));
        assert!(l.name.ends_with("row 5, column 7"), "{}", l.name);
        assert_eq!(
            name(
                &Place::Cell {
                    table: 2,
                    row: 5,
                    col: 7
                },
                Some("三"),
                Lang::Chinese
            ),
            "表三 第5行 第7列"
        );
        let plain = Document::text(text.clone(), "utf-8");
        assert!(locate(&plain, &m, 3, Lang::Chinese).is_none());
    }
}
