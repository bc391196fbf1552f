//! Word files made by real writers (python-docx and LibreOffice, by
//! tests/fixtures/docx/make_docx.py) from the text fixtures: each reads to the same cells and
//! findings as its text; fixes written back leave nothing to fix and every other part of the
//! package untouched; LibreOffice opens the fixed file; damaged and hostile files are refused
//! without a panic.

use nianbao::checks::{Options, run};
use nianbao::decode::decode;
use nianbao::finding::{Edit, Finding, apply_edits};
use nianbao::ide::fix_all;
use nianbao::model::{Model, Value};
use nianbao::source::docx::{DocxWriter, Unwritable, WriteError, apply_fixes_docx, read_docx};
use nianbao::source::{Kind, ReadError, read};
use proptest::prelude::*;
use std::collections::BTreeMap;
use std::io::{Cursor, Read, Write};
use std::path::PathBuf;
use zip::write::SimpleFileOptions;
use zip::{ZipArchive, ZipWriter};

/// Each Word file and the text it was made from.
const FILES: &[(&str, &str)] = &[
    ("clean_rows.docx", "tests/fixtures/clean_rows.txt"),
    ("clean_rows.lo.docx", "tests/fixtures/clean_rows.txt"),
    (
        "clean_per_line_hant.docx",
        "tests/fixtures/clean_per_line_hant.txt",
    ),
    (
        "clean_per_line_hant.lo.docx",
        "tests/fixtures/clean_per_line_hant.txt",
    ),
    ("clean_2019.docx", "tests/fixtures/clean_2019.txt"),
    ("clean_2019.lo.docx", "tests/fixtures/clean_2019.txt"),
    ("report-2025.docx", "examples/report-2025.txt"),
    ("report-2025.lo.docx", "examples/report-2025.txt"),
];

fn root(path: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(path)
}

fn docx(name: &str) -> Vec<u8> {
    std::fs::read(root(&format!("tests/fixtures/docx/{name}"))).expect("fixture exists")
}

fn text(path: &str) -> String {
    decode(&std::fs::read(root(path)).unwrap()).unwrap().text
}

/// Every value read, keyed by table, block, row and column.
fn values(m: &Model) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for t in &m.tables {
        let spec = &t.table_spec();
        for (b, bm) in t.blocks.iter().enumerate() {
            let bs = &spec.blocks[b];
            for r in &bm.rows {
                for v in &r.values {
                    let col = v.col.map(|c| bs.columns[c].key.as_str()).unwrap_or("?");
                    let text = match &v.value {
                        Value::Blank => "_".to_string(),
                        _ => m.slice(&v.range).to_string(),
                    };
                    out.insert(
                        format!("{}/{}/{}/{col}", spec.key, bs.key, bs.rows[r.row].key),
                        text,
                    );
                }
            }
        }
    }
    out
}

fn findings(text: &str) -> Vec<Finding> {
    run(&Model::new(text), &Options::default())
}

/// What a finding says, independent of where its text sits: code, the text it points at, its
/// message and the new texts of its fixes.
fn said(text: &str, f: &Finding) -> (String, String, String, Vec<Vec<String>>) {
    (
        f.code.to_string(),
        text[f.range.clone()].to_string(),
        f.message.clone(),
        f.fixes
            .iter()
            .map(|x| x.edits.iter().map(|e| e.new_text.clone()).collect())
            .collect(),
    )
}

/// The lines of the prose around the tables: before section 二 and from section 五 on.
fn prose(text: &str) -> Vec<&str> {
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    let two = lines.iter().position(|l| l.starts_with("二、")).unwrap();
    let five = lines.iter().position(|l| l.starts_with("五、")).unwrap();
    lines[..two].iter().chain(&lines[five..]).copied().collect()
}

#[test]
fn word_files_read_to_the_cells_and_findings_of_their_text() {
    for (name, source) in FILES {
        let bytes = docx(name);
        let doc = read(Some(name), &bytes).unwrap_or_else(|e| panic!("{name}: {e:?}"));
        assert_eq!(doc.kind, Kind::Docx);
        let original = text(source);
        let (m, expected) = (Model::new(&doc.text), Model::new(&original));
        assert_eq!(values(&m), values(&expected), "{name}");
        assert!(values(&m).len() > 150, "{name}");
        assert!(m.unread.is_empty(), "{name}: {:?}", m.unread);
        assert_eq!(m.sections.len(), 6, "{name}");
        let got: Vec<_> = findings(&doc.text)
            .iter()
            .map(|f| said(&doc.text, f))
            .collect();
        let want: Vec<_> = findings(&original)
            .iter()
            .map(|f| said(&original, f))
            .collect();
        assert_eq!(got, want, "{name}");
        // Headings with their list numbers, runs split mid-number, tracked changes, fields and
        // hidden text: the prose reads as printed, line for line. (LibreOffice 7.4's HTML import
        // drops characters beyond the BMP, so its files lack the title's 𠀀.)
        let expected = if name.contains(".lo.") {
            original.replace('𠀀', "")
        } else {
            original.clone()
        };
        assert_eq!(prose(&doc.text), prose(&expected), "{name}");
        // Pieces are in text order, apart, and every finding maps to a place a person can find.
        assert!(
            doc.pieces
                .windows(2)
                .all(|w| w[0].text.end <= w[1].text.start)
        );
        for f in findings(&doc.text) {
            assert!(doc.piece_at(f.range.start).is_some(), "{name}: {f:?}");
        }
    }
    // The planted mistakes are there (the test is not comparing nothing with nothing).
    let planted = findings(&read_docx(&docx("report-2025.docx")).unwrap().text);
    assert_eq!(planted.len(), 6);
}

/// The edits of the first fix of every finding that has one, without overlaps.
fn every_fix(findings: &[Finding]) -> Vec<Edit> {
    let mut edits: Vec<Edit> = findings
        .iter()
        .filter_map(|f| f.fixes.first())
        .flat_map(|x| x.edits.iter().cloned())
        .collect();
    edits.sort_by_key(|e| (e.range.start, e.range.end));
    edits.dedup_by(|b, a| b.range.start < a.range.end);
    edits
}

fn entries(bytes: &[u8]) -> BTreeMap<String, Vec<u8>> {
    let mut a = ZipArchive::new(Cursor::new(bytes)).unwrap();
    (0..a.len())
        .map(|i| {
            let mut f = a.by_index(i).unwrap();
            let mut out = Vec::new();
            f.read_to_end(&mut out).unwrap();
            (f.name().to_string(), out)
        })
        .collect()
}

/// The XML with every `w:t` emptied and `xml:space` dropped: what a text edit must not change.
fn skeleton(xml: &[u8]) -> String {
    let s = String::from_utf8(xml.to_vec()).unwrap();
    let mut out = String::new();
    let mut rest = s.as_str();
    while let Some(i) = rest.find("<w:t") {
        let after = &rest[i + 4..];
        if !(after.starts_with('>') || after.starts_with(' ')) {
            out.push_str(&rest[..i + 4]);
            rest = after;
            continue;
        }
        out.push_str(&rest[..i]);
        out.push_str("<w:t>");
        let close = i + rest[i..].find("</w:t>").unwrap();
        rest = &rest[close..];
    }
    out.push_str(rest);
    out
}

/// Writes `edits` and checks what must hold of any file fixed: it reads to the text with the
/// edits applied, and no part but the main one changed.
fn write_and_check(name: &str, bytes: &[u8], edits: &[Edit]) -> Vec<u8> {
    let doc = read_docx(bytes).unwrap();
    let out = apply_fixes_docx(bytes, &doc, edits).unwrap_or_else(|e| panic!("{name}: {e:?}"));
    let fixed = read_docx(&out).unwrap();
    assert_eq!(
        Some(fixed.text.clone()),
        apply_edits(&doc.text, edits),
        "{name}"
    );
    let (before, after) = (entries(bytes), entries(&out));
    assert_eq!(
        before.keys().collect::<Vec<_>>(),
        after.keys().collect::<Vec<_>>()
    );
    for (part, content) in &before {
        if part != "word/document.xml" {
            assert!(&after[part] == content, "{name}: {part} changed");
        }
    }
    out
}

#[test]
fn fixes_written_into_word_files_leave_nothing_to_fix() {
    for name in ["report-2025.docx", "report-2025.lo.docx"] {
        let bytes = docx(name);
        let doc = read_docx(&bytes).unwrap();
        let found = findings(&doc.text);
        // The safe fixes (wording, markup): only the text of the runs concerned changes.
        let safe = fix_all(&found);
        assert_eq!(safe.len(), 3, "{name}: {safe:?}");
        let out = write_and_check(name, &bytes, &safe);
        let main = |b: &[u8]| entries(b)["word/document.xml"].clone();
        assert_eq!(skeleton(&main(&out)), skeleton(&main(&bytes)), "{name}");
        let left = findings(&read_docx(&out).unwrap().text);
        assert!(
            left.iter().all(|f| f.fixes.iter().all(|x| !x.safe)),
            "{name}: {left:#?}"
        );
        // Every fix, numbers and the blank cell included.
        let all = every_fix(&found);
        assert_eq!(all.len(), 5, "{name}");
        let out = write_and_check(name, &bytes, &all);
        let left = findings(&read_docx(&out).unwrap().text);
        assert!(left.iter().all(|f| f.fixes.is_empty()), "{name}: {left:#?}");
        assert_eq!(left.len(), 1, "{name}: {left:#?}");
        // The blank cell got a run (its empty paragraph element opened up for it); nothing else
        // in the part's structure changed.
        let (old, new) = (skeleton(&main(&bytes)), skeleton(&main(&out)));
        assert!(added_one_run(&old, &new), "{name}");
    }
}

/// Whether `new` is `old` with one run added into a paragraph (opening up an empty paragraph
/// element `<w:p/>` if need be). The place is searched from the first difference backwards, as
/// runs repeat the same markup and the first difference may lie inside the added run.
fn added_one_run(old: &str, new: &str) -> bool {
    let head = old
        .bytes()
        .zip(new.bytes())
        .take_while(|(a, b)| a == b)
        .count();
    let is_run = |r: &str| {
        r.starts_with("<w:r>") && r.ends_with("</w:r>") && r.matches("<w:t>").count() == 1
    };
    for k in (head.saturating_sub(200)..=head).rev() {
        for was in ["", "/>"] {
            let Some(len) = (new.len() + was.len()).checked_sub(old.len()) else {
                continue;
            };
            if !old[k..].starts_with(was) || !new.is_char_boundary(k + len) || new.len() < k + len {
                continue;
            }
            if new[k + len..] != old[k + was.len()..] {
                continue;
            }
            let added = &new[k..k + len];
            let run = if was.is_empty() {
                Some(added)
            } else {
                added
                    .strip_prefix('>')
                    .and_then(|a| a.strip_suffix("</w:p>"))
            };
            if run.is_some_and(is_run) {
                return true;
            }
        }
    }
    false
}

/// The package with the table row holding `needle` taken out of its main part.
fn without_row(bytes: &[u8], needle: &str) -> Vec<u8> {
    let mut a = ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut z = ZipWriter::new(Cursor::new(Vec::new()));
    for i in 0..a.len() {
        let mut f = a.by_index(i).unwrap();
        let name = f.name().to_string();
        if name != "word/document.xml" {
            z.raw_copy_file(f).unwrap();
            continue;
        }
        let mut xml = String::new();
        f.read_to_string(&mut xml).unwrap();
        let at = xml.find(needle).unwrap();
        let start = xml[..at]
            .rfind("<w:tr>")
            .max(xml[..at].rfind("<w:tr "))
            .unwrap();
        let end = at + xml[at..].find("</w:tr>").unwrap() + "</w:tr>".len();
        xml.replace_range(start..end, "");
        z.start_file(name, SimpleFileOptions::default()).unwrap();
        z.write_all(xml.as_bytes()).unwrap();
    }
    z.finish().unwrap().into_inner()
}

#[test]
fn a_missing_row_is_inserted_into_the_word_table_as_a_copy_of_its_neighbour() {
    for name in ["clean_2019.docx", "clean_2019.lo.docx"] {
        let bytes = without_row(&docx(name), "危及");
        let w = DocxWriter::new(&bytes).unwrap();
        let found = findings(&w.document().text);
        let missing = found
            .iter()
            .find(|f| f.code.as_str() == "missing-row")
            .unwrap_or_else(|| panic!("{name}: {found:#?}"));
        let fix = &missing.fixes[0];
        assert!(w.can_apply(&fix.edits), "{name}: {:?}", w.check(&fix.edits));
        let out = w.apply(&fix.edits).unwrap();
        let fixed = read_docx(&out).unwrap();
        let row = fixed
            .text
            .lines()
            .find(|l| l.contains("危及"))
            .unwrap()
            .to_string();
        // The row sits in the group, on the table's grid, with the values the totals imply.
        assert_eq!(
            row, "\t\t3.危及“三安全一稳定”\t0\t0\t0\t0\t0\t0\t0",
            "{name}"
        );
        let left = findings(&fixed.text);
        assert!(
            left.iter().all(|f| f.code.as_str() != "missing-row"),
            "{name}: {left:#?}"
        );
        assert_eq!(left.len(), found.len() - 1, "{name}");
    }
    // Where the labels of the group are list numbers, a copied row would number itself: the fix
    // is reported as not applicable rather than written wrong.
    let bytes = without_row(&docx("clean_rows.docx"), "危及");
    let w = DocxWriter::new(&bytes).unwrap();
    let found = findings(&w.document().text);
    let missing = found
        .iter()
        .find(|f| f.code.as_str() == "missing-row")
        .unwrap();
    assert_eq!(
        w.check(&missing.fixes[0].edits),
        Err(WriteError::NotApplicable {
            edit: 0,
            why: Unwritable::Row
        })
    );
}

/// The text LibreOffice makes of a Word file (headless, with a throwaway profile).
fn libreoffice_text(bytes: &[u8], label: &str) -> String {
    let soffice = std::env::var_os("PATH")
        .and_then(|p| {
            std::env::split_paths(&p)
                .map(|d| d.join("soffice"))
                .find(|f| f.is_file())
        })
        .expect(
            "this test needs LibreOffice: install Debian's libreoffice-writer-nogui \
             (apt-get install --no-install-recommends libreoffice-writer-nogui)",
        );
    let dir = std::env::temp_dir().join(format!("nianbao-lo-{}-{label}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let input = dir.join(format!("{label}.docx"));
    std::fs::write(&input, bytes).unwrap();
    let status = std::process::Command::new(soffice)
        .arg(format!(
            "-env:UserInstallation=file://{}/profile",
            dir.display()
        ))
        .args([
            "--headless",
            "--convert-to",
            "txt:Text (encoded):UTF8",
            "--outdir",
        ])
        .arg(&dir)
        .arg(&input)
        .output()
        .unwrap();
    let out = std::fs::read_to_string(dir.join(format!("{label}.txt")))
        .unwrap_or_else(|e| panic!("LibreOffice made no text ({e}): {status:?}"));
    let _ = std::fs::remove_dir_all(&dir);
    out
}

#[test]
fn libreoffice_opens_the_fixed_word_file_and_shows_the_fixes() {
    let bytes = docx("report-2025.docx");
    let doc = read_docx(&bytes).unwrap();
    let out = apply_fixes_docx(&bytes, &doc, &every_fix(&findings(&doc.text))).unwrap();
    let before = libreoffice_text(&bytes, "before");
    let after = libreoffice_text(&out, "after");
    // LibreOffice writes each cell on its own line.
    let total = "（一）予以公开\n15\n1\n0\n0\n1\n0\n";
    assert!(before.contains(&format!("{total}18\n")));
    assert!(after.contains(&format!("{total}17\n")), "{after}");
    let review = "\n2\n1\n0\n1\n4\n1\n0\n1\n0\n2\n0\n0\n0\n";
    assert!(before.contains(&format!("{review}\n1")));
    assert!(after.contains(&format!("{review}1\n1")), "{after}");
    for fixed in ["其他法律行政法规禁止公开", "存在的主要问题及改进情况"] {
        assert!(!before.contains(fixed) && after.contains(fixed), "{fixed}");
    }
    assert!(before.contains("[bookmark: _GoBack]") && !after.contains("[bookmark: _GoBack]"));
}

#[test]
fn damaged_and_foreign_files_are_refused_clearly() {
    let corrupt = |r: Result<_, ReadError>| {
        matches!(
            r,
            Err(ReadError::Corrupt {
                kind: Kind::Docx,
                ..
            })
        )
    };
    let good = docx("report-2025.lo.docx");
    assert!(corrupt(read(Some("a.docx"), &good[..good.len() / 2])));
    assert!(corrupt(read(Some("a.docx"), b"PK\x03\x04\x14\x00\x00\x00")));
    // A zip that is not a Word file, such as an OpenDocument text.
    let mut z = ZipWriter::new(Cursor::new(Vec::new()));
    z.start_file("mimetype", SimpleFileOptions::default())
        .unwrap();
    z.write_all(b"application/vnd.oasis.opendocument.text")
        .unwrap();
    z.start_file("content.xml", SimpleFileOptions::default())
        .unwrap();
    z.write_all(b"<office:document-content/>").unwrap();
    assert!(corrupt(read(
        Some("a.odt"),
        &z.finish().unwrap().into_inner()
    )));
}

/// A fixture's main part with `f` applied to its bytes, repackaged.
fn with_main(bytes: &[u8], mut f: impl FnMut(&mut Vec<u8>)) -> Vec<u8> {
    let mut a = ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut z = ZipWriter::new(Cursor::new(Vec::new()));
    for i in 0..a.len() {
        let mut file = a.by_index(i).unwrap();
        let name = file.name().to_string();
        if name != "word/document.xml" {
            z.raw_copy_file(file).unwrap();
            continue;
        }
        let mut xml = Vec::new();
        file.read_to_end(&mut xml).unwrap();
        f(&mut xml);
        z.start_file(name, SimpleFileOptions::default()).unwrap();
        z.write_all(&xml).unwrap();
    }
    z.finish().unwrap().into_inner()
}

fn mutate(bytes: &mut Vec<u8>, ops: &[(u8, usize, u8)]) {
    for &(op, at, b) in ops {
        if bytes.is_empty() {
            return;
        }
        let i = at % bytes.len();
        match op % 4 {
            0 => bytes[i] = b,
            1 => bytes.insert(i, b),
            2 => {
                bytes.remove(i);
            }
            _ => bytes.truncate(i),
        }
    }
}

#[test]
fn edits_inside_the_text_of_paragraphs_and_cells_are_accepted() {
    // The property below accepts refusals; here, every line's middle takes an insertion and
    // every cell's value a replacement, all at once, and they read back exactly.
    for name in ["report-2025.docx", "report-2025.lo.docx"] {
        let bytes = docx(name);
        let w = DocxWriter::new(&bytes).unwrap();
        let text = w.document().text.clone();
        let mut edits = Vec::new();
        let mut at = 0;
        for line in text.split_inclusive('\n') {
            let mut start = at;
            for field in line.trim_end_matches('\n').split('\t') {
                let mid =
                    (1..field.len()).find(|&i| field.is_char_boundary(i) && i * 2 >= field.len());
                match mid {
                    Some(m) => edits.push(Edit {
                        range: start + m..start + m,
                        new_text: "𠀀&".into(),
                    }),
                    None if !field.is_empty() => edits.push(Edit {
                        range: start..start + field.len(),
                        new_text: "<9>".into(),
                    }),
                    None => {}
                }
                start += field.len() + 1;
            }
            at += line.len();
        }
        assert!(edits.len() > 250, "{name}: {}", edits.len());
        let out = w.apply(&edits).unwrap_or_else(|e| panic!("{name}: {e:?}"));
        assert_eq!(
            Some(read_docx(&out).unwrap().text),
            apply_edits(&text, &edits),
            "{name}"
        );
    }
}

const NAMES: &[&str] = &[
    "report-2025.docx",
    "report-2025.lo.docx",
    "clean_per_line_hant.docx",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048), zip in any::<bool>()) {
        let mut b = bytes;
        if zip {
            b.splice(0..0, *b"PK\x03\x04");
        }
        let _ = read(Some("x.docx"), &b);
    }

    #[test]
    fn mutated_word_files_never_panic(
        which in 0..NAMES.len(),
        ops in proptest::collection::vec((any::<u8>(), any::<usize>(), any::<u8>()), 1..6),
        inside in any::<bool>(),
    ) {
        let original = docx(NAMES[which]);
        let bytes = if inside {
            // Damage inside the XML (the zip stays sound), where the reader's own parsing is.
            with_main(&original, |xml| mutate(xml, &ops))
        } else {
            let mut b = original;
            mutate(&mut b, &ops);
            b
        };
        if let Ok(doc) = read(Some("x.docx"), &bytes) {
            // What is read is text the model takes, and every piece lies in it.
            for p in &doc.pieces {
                prop_assert!(doc.text.get(p.text.clone()).is_some());
            }
            prop_assert!(doc.pieces.windows(2).all(|w| w[0].text.end <= w[1].text.start));
            let _ = findings(&doc.text);
        }
    }

    /// An edit that the writer accepts reads back as exactly that edit of the text.
    #[test]
    fn accepted_edits_read_back_exactly(
        which in 0..NAMES.len(),
        start in any::<prop::sample::Index>(),
        len in 0usize..12,
        new in "[0-9 &<>一二𠀀]{0,4}",
    ) {
        let bytes = docx(NAMES[which]);
        let w = DocxWriter::new(&bytes).unwrap();
        let text = w.document().text.clone();
        let mut s = start.index(text.len());
        while !text.is_char_boundary(s) {
            s -= 1;
        }
        let mut e = (s + len).min(text.len());
        while !text.is_char_boundary(e) {
            e += 1;
        }
        let edit = Edit { range: s..e, new_text: new };
        if w.can_apply(std::slice::from_ref(&edit)) {
            let out = w.apply(std::slice::from_ref(&edit)).unwrap();
            prop_assert_eq!(Some(read_docx(&out).unwrap().text), apply_edits(&text, &[edit]));
        }
    }
}
