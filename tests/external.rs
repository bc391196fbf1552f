//! The programs outside the process: pdftotext (Debian poppler-utils) for PDF and LibreOffice
//! (libreoffice-writer-nogui) for .doc, as the IO layer calls them, and what the readers make
//! of their output. CI installs both.

use nianbao::Model;
use nianbao::source::external::{ExternalError, convert_to_docx, pdf_file_to_text, pdf_to_text};
use nianbao::source::pdf::read_layout_text;
use nianbao::source::{Place, ReadError};
use std::path::Path;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn fixture(name: &str) -> std::path::PathBuf {
    Path::new(ROOT).join("tests/fixtures").join(name)
}

#[test]
fn a_text_pdf_is_read_with_its_pages_and_lines() {
    let bytes = std::fs::read(fixture("pdf/text.pdf")).unwrap();
    let layout = pdf_to_text(&bytes).unwrap();
    assert_eq!(layout, pdf_file_to_text(&fixture("pdf/text.pdf")).unwrap());
    let doc = read_layout_text(&layout).unwrap();
    assert!(
        doc.text.starts_with("Annual report 2024\n"),
        "{:?}",
        doc.text
    );
    let at = doc.text.find("12").unwrap();
    assert_eq!(
        doc.piece_at(at).unwrap().place,
        Place::PageLine { page: 1, line: 2 }
    );
}

#[test]
fn a_scanned_pdf_has_no_text_layer() {
    let layout = pdf_file_to_text(&fixture("pdf/scan.pdf")).unwrap();
    assert_eq!(
        read_layout_text(&layout).unwrap_err(),
        ReadError::NoTextLayer
    );
}

#[test]
fn an_encrypted_pdf_says_so() {
    let err = pdf_file_to_text(&fixture("pdf/encrypted.pdf")).unwrap_err();
    assert!(matches!(err, ExternalError::Encrypted), "{err:?}");
    assert_eq!(err.to_string(), "PDF 文件已加密，没有密码无法读取");
}

#[test]
fn bytes_that_are_no_pdf_fail_with_the_programs_word() {
    let err = pdf_to_text("一、总体情况𠀀".as_bytes()).unwrap_err();
    assert!(
        matches!(
            err,
            ExternalError::Failed {
                program: "pdftotext",
                ..
            }
        ),
        "{err:?}"
    );
}

#[test]
fn the_real_pdfs_are_read_completely() {
    for (name, year) in [
        ("101_hongzequ_2023.pdf", 2023),
        ("102_hongzequ_2024.pdf", 2024),
    ] {
        let path = Path::new(ROOT).join("../shared/corpus/real/pdf").join(name);
        let doc = read_layout_text(&pdf_file_to_text(&path).unwrap()).unwrap();
        assert!(
            doc.pieces
                .iter()
                .any(|p| p.place == Place::PageLine { page: 5, line: 1 })
        );
        let model = Model::new(&doc.text);
        assert_eq!(model.year.as_ref().map(|y| y.year), Some(year), "{name}");
        assert_eq!(model.tables.len(), 3, "{name}");
        for t in &model.tables {
            for b in &t.blocks {
                assert!(
                    b.missing_rows.is_empty(),
                    "{name}: table {} misses rows {:?}",
                    t.table_spec().key,
                    b.missing_rows
                );
                assert!(
                    b.rows.iter().all(|r| r.bound()),
                    "{name}: table {} has unbound rows",
                    t.table_spec().key
                );
            }
        }
    }
}

#[test]
fn an_old_word_file_is_converted_to_docx() {
    let docx = convert_to_docx(&fixture("doc/report.doc")).unwrap();
    assert!(docx.starts_with(b"PK\x03\x04"));
    // The zip's directory names its parts uncompressed.
    assert!(docx.windows(17).any(|w| w == b"word/document.xml"));
    let err = convert_to_docx(&fixture("doc/missing.doc")).unwrap_err();
    assert!(matches!(err, ExternalError::Io(_)), "{err:?}");
}
