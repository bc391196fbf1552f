//! Reports where they live. The bytes of a file — plain text, a Word document, a saved web page,
//! the text of a PDF — are read into the one text layout the model reads (paragraphs one per
//! line, table rows as tab-separated cells, blanks kept as empty fields), with a map from the
//! pieces of that text back to their places in the source, so that a finding can say where it is
//! in terms a person uses and a fix can be written back into the file.
//!
//! Reading is pure: bytes in, text and map out, no IO. Programs outside the process (a PDF text
//! extractor, LibreOffice for old binary formats) belong to the IO layer that calls this.

pub mod docx;
pub mod external;
pub mod html;
pub mod pdf;

use crate::decode::{DecodeError, decode};
use std::ops::Range;

/// What kind of file the bytes are.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    /// Plain text in UTF-8, UTF-16 or GB18030.
    Text,
    /// A Word document (Office Open XML, from Word or WPS).
    Docx,
    /// A web page, whole or an excerpt of one.
    Html,
    /// A PDF file.
    Pdf,
    /// An old binary Word or WPS document (.doc, .wps), which must be converted first.
    OldBinary,
}

impl Kind {
    /// The kind of a file, from its content first and its name only where the content does not
    /// tell (a web page excerpt may start with any element).
    pub fn sniff(name: Option<&str>, bytes: &[u8]) -> Kind {
        let ext = name
            .and_then(|n| n.rsplit_once('.'))
            .map(|(_, e)| e.to_ascii_lowercase());
        if bytes.starts_with(b"PK\x03\x04") {
            return Kind::Docx;
        }
        if bytes.starts_with(b"%PDF-") {
            return Kind::Pdf;
        }
        if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
            return Kind::OldBinary;
        }
        if looks_like_markup(bytes) || matches!(ext.as_deref(), Some("html" | "htm" | "xhtml")) {
            return Kind::Html;
        }
        Kind::Text
    }
}

/// Whether the start of a file is HTML markup: after a byte-order mark and spaces it opens a
/// tag, and a tag that only web pages have appears early on.
fn looks_like_markup(bytes: &[u8]) -> bool {
    let b = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let start = b
        .iter()
        .position(|c| !c.is_ascii_whitespace())
        .unwrap_or(b.len());
    if b.get(start) != Some(&b'<') {
        return false;
    }
    let head = &b[start..b.len().min(start + 4096)];
    let lower: Vec<u8> = head.iter().map(|c| c.to_ascii_lowercase()).collect();
    [
        &b"<!doctype html"[..],
        b"<html",
        b"<head",
        b"<body",
        b"<div",
        b"<p",
        b"<table",
        b"<span",
        b"<meta",
    ]
    .iter()
    .any(|tag| lower.windows(tag.len()).any(|w| w == *tag))
}

/// Where a piece of the text is, for a person.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Place {
    /// The n-th paragraph of the document body (1-based), tables not counted.
    Paragraph(usize),
    /// A cell of the n-th table of the document (all 1-based, in the source table's grid:
    /// merged cells take the row and column where they start).
    Cell {
        table: usize,
        row: usize,
        col: usize,
    },
    /// A line of a page (PDF text, 1-based).
    PageLine { page: usize, line: usize },
}

/// A stretch of the text and where it came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Piece {
    /// Byte range in [`Document::text`].
    pub text: Range<usize>,
    pub place: Place,
    /// Byte range in the source file where the piece's characters are written (the HTML source,
    /// or for a Word file its `word/document.xml`), when known. For a web page the offsets are in
    /// its text as [`html::decode_page`] gives it: the file's own bytes for a UTF-8 page, the
    /// decoded text for a GBK one. An empty range marks the tag of an empty table cell.
    pub source: Option<Range<usize>>,
}

/// A report read from a file.
#[derive(Clone, Debug)]
pub struct Document {
    pub kind: Kind,
    /// The report in the text layout the model reads.
    pub text: String,
    /// How the source text was encoded: `utf-8`, `gb18030`, `utf-16le`, `utf-16be` (a web page
    /// may also declare another charset, named as the Encoding Standard names it, e.g. `Big5`).
    pub encoding: &'static str,
    /// The pieces of `text` with their places, in text order; empty for plain text, where the
    /// text is the source.
    pub pieces: Vec<Piece>,
}

impl Document {
    /// A plain text document.
    pub fn text(text: String, encoding: &'static str) -> Document {
        Document {
            kind: Kind::Text,
            text,
            encoding,
            pieces: Vec::new(),
        }
    }

    /// The piece that holds byte `offset` of the text, or the nearest one before it.
    pub fn piece_at(&self, offset: usize) -> Option<&Piece> {
        let i = self.pieces.partition_point(|p| p.text.start <= offset);
        self.pieces[..i].last()
    }
}

/// Why a file could not be read as a report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReadError {
    /// Plain text in an encoding we cannot read.
    Encoding(DecodeError),
    /// A kind of file that needs another program first (old binary Word or WPS documents, and
    /// PDF, whose text `pdftotext` gives: see [`external`]).
    NeedsConversion(Kind),
    /// A kind of file this build cannot read.
    Unsupported(Kind),
    /// The file is damaged or is not what its kind says (a zip without a Word document).
    Corrupt { kind: Kind, detail: String },
    /// A PDF without a text layer (a scan).
    NoTextLayer,
    /// Larger than the readers accept.
    TooLarge { bytes: usize, limit: usize },
    /// Elements nested deeper than any real document (a page or an XML file built to exhaust
    /// the reader).
    TooDeep { limit: usize },
    /// The file asks more of a reader than any report needs, as files made to exhaust readers do.
    Refused { kind: Kind, reason: Refusal },
}

/// What a reader refused to do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// A compressed part inflates (or says it does) to more than `limit` bytes.
    Inflation { part: String, limit: u64 },
    /// Markup declares a document type, and with it entities that could expand without bound.
    DocumentType,
}

impl From<DecodeError> for ReadError {
    fn from(e: DecodeError) -> Self {
        ReadError::Encoding(e)
    }
}

/// The largest file read: reports are well under a megabyte of text, their web pages and Word
/// files a few megabytes with images.
pub const MAX_BYTES: usize = 64 * 1024 * 1024;

/// Reads a file's bytes as a report. `name` (a file name or path) helps only where the content
/// does not tell the kind.
pub fn read(name: Option<&str>, bytes: &[u8]) -> Result<Document, ReadError> {
    if bytes.len() > MAX_BYTES {
        return Err(ReadError::TooLarge {
            bytes: bytes.len(),
            limit: MAX_BYTES,
        });
    }
    match Kind::sniff(name, bytes) {
        Kind::Text => {
            let d = decode(bytes)?;
            Ok(Document::text(d.text, d.encoding))
        }
        Kind::Docx => docx::read_docx(bytes),
        Kind::Html => html::read_html(bytes),
        // PDF text comes from pdftotext (external::pdf_to_text, then pdf::read_layout_text).
        Kind::Pdf => Err(ReadError::NeedsConversion(Kind::Pdf)),
        Kind::OldBinary => Err(ReadError::NeedsConversion(Kind::OldBinary)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_from_content_before_names() {
        assert_eq!(Kind::sniff(Some("a.txt"), b"PK\x03\x04rest"), Kind::Docx);
        assert_eq!(Kind::sniff(Some("a.docx"), b"%PDF-1.7\n"), Kind::Pdf);
        assert_eq!(
            Kind::sniff(None, "\u{feff}  <DIV class=x>一、总体情况𠀀".as_bytes()),
            Kind::Html
        );
        assert_eq!(
            Kind::sniff(None, b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"),
            Kind::OldBinary
        );
        // A report in text that mentions a tag later on, or quotes one in prose, is text.
        assert_eq!(
            Kind::sniff(Some("年报.txt"), "一、总体情况\n<p>𠀀".as_bytes()),
            Kind::Text
        );
        assert_eq!(Kind::sniff(Some("x.htm"), "正文".as_bytes()), Kind::Html);
    }

    #[test]
    fn text_is_decoded_and_maps_to_itself() {
        let d = read(Some("r.txt"), "一、总体情况𠀀".as_bytes()).unwrap();
        assert_eq!((d.kind, d.text.as_str()), (Kind::Text, "一、总体情况𠀀"));
        assert!(d.pieces.is_empty() && d.piece_at(3).is_none());
        assert_eq!(
            read(None, b"\x81").unwrap_err(),
            ReadError::Encoding(DecodeError::NotText {
                line: 1,
                utf16: false
            })
        );
        assert_eq!(
            read(None, b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1").unwrap_err(),
            ReadError::NeedsConversion(Kind::OldBinary)
        );
    }

    #[test]
    fn pages_are_read_as_html_and_pdfs_need_pdftotext() {
        let d = read(
            Some("年报.htm"),
            "<div><p>一、总体情况𠀀</p><table><tr><td>规章</td><td>0</td></tr></table></div>"
                .as_bytes(),
        )
        .unwrap();
        assert_eq!(d.kind, Kind::Html);
        assert_eq!(d.text, "一、总体情况𠀀\n\n规章\t0\n");
        assert_eq!(
            read(None, b"%PDF-1.7\n").unwrap_err(),
            ReadError::NeedsConversion(Kind::Pdf)
        );
        // A 50 MB page is refused before it is parsed.
        let mut big = b"<html><body>".to_vec();
        big.resize(50 << 20, b'x');
        assert!(matches!(
            read(Some("big.html"), &big),
            Err(ReadError::TooLarge { bytes, .. }) if bytes == 50 << 20
        ));
    }

    #[test]
    fn pieces_are_found_by_offset() {
        // 「一、总体」 then a cell 「𠀀3」: 𠀀 is 4 bytes.
        let d = Document {
            kind: Kind::Html,
            text: "一、总体\n𠀀3".into(),
            encoding: "utf-8",
            pieces: vec![
                Piece {
                    text: 0..12,
                    place: Place::Paragraph(1),
                    source: Some(40..52),
                },
                Piece {
                    text: 13..18,
                    place: Place::Cell {
                        table: 1,
                        row: 2,
                        col: 3,
                    },
                    source: None,
                },
            ],
        };
        assert_eq!(d.piece_at(0).unwrap().place, Place::Paragraph(1));
        // The line break between them belongs to the piece before.
        assert_eq!(d.piece_at(12).unwrap().place, Place::Paragraph(1));
        assert_eq!(
            d.piece_at(17).unwrap().place,
            Place::Cell {
                table: 1,
                row: 2,
                col: 3
            }
        );
    }
}
