//! The commands on reports where they live: Word files, web pages and PDFs checked, located,
//! fixed and converted by the built binary.

use serde_json::Value;
use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_nianbao"))
}

fn root(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

/// A fresh directory under the target directory.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn run(args: &[&std::ffi::OsStr]) -> Output {
    bin().args(args).output().unwrap()
}

fn check_json(path: &Path) -> (i32, Value) {
    let out = run(&[
        "check".as_ref(),
        "--format".as_ref(),
        "json".as_ref(),
        path.as_os_str(),
    ]);
    let doc = serde_json::from_slice(&out.stdout).expect("one JSON document");
    (out.status.code().unwrap(), doc)
}

/// The codes of a file's findings, sorted.
fn codes(doc: &Value) -> Vec<String> {
    let mut c: Vec<String> = doc["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap().to_string())
        .collect();
    c.sort();
    c
}

fn soffice() -> PathBuf {
    std::env::var_os("PATH")
        .and_then(|p| {
            std::env::split_paths(&p)
                .map(|d| d.join("soffice"))
                .find(|f| f.is_file())
        })
        .expect(
            "this test needs LibreOffice: install Debian's libreoffice-writer-nogui \
             (apt-get install --no-install-recommends libreoffice-writer-nogui)",
        )
}

/// LibreOffice's conversion of `input` to `filter`, in `dir`.
fn libreoffice(dir: &Path, input: &Path, filter: &str, ext: &str) -> PathBuf {
    let status = Command::new(soffice())
        .arg(format!(
            "-env:UserInstallation=file://{}/profile",
            dir.display()
        ))
        .args(["--headless", "--convert-to", filter, "--outdir"])
        .arg(dir)
        .arg(input)
        .output()
        .unwrap();
    let out = dir.join(format!(
        "{}.{ext}",
        input.file_stem().unwrap().to_string_lossy()
    ));
    assert!(out.is_file(), "LibreOffice made no {ext}: {status:?}");
    out
}

#[test]
fn a_word_file_and_a_web_page_of_a_report_give_the_codes_of_its_text() {
    let (_, text) = check_json(&root("examples/report-2025.txt"));
    let want = codes(&text);
    assert!(want.contains(&"total-mismatch".to_string()), "{want:?}");
    for docx in ["report-2025.docx", "report-2025.lo.docx"] {
        let (code, doc) = check_json(&root("tests/fixtures/docx").join(docx));
        assert_eq!(code, 1);
        assert_eq!(codes(&doc), want, "{docx}");
        assert_eq!(doc["files"][0]["format"], "docx");
    }
    // The web page LibreOffice saves of the Word file.
    let dir = scratch("same_codes");
    let page = libreoffice(
        &dir,
        &root("tests/fixtures/docx/report-2025.lo.docx"),
        "html",
        "html",
    );
    let (_, doc) = check_json(&page);
    assert_eq!(codes(&doc), want);
    assert_eq!(doc["files"][0]["format"], "html");
    // A page cannot take fixes: fix says so and writes nothing.
    let out = run(&["fix".as_ref(), page.as_os_str()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("不能写回网页"));
    assert!(!dir.join("report-2025.lo.fixed.html").exists());
    let old = root("tests/fixtures/doc/report.doc");
    let out = run(&[
        "fix".as_ref(),
        "--lang".as_ref(),
        "en".as_ref(),
        old.as_os_str(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("not into this old Word or WPS document")
    );
}

/// The cells `inspect` binds, by table, block, row and column.
fn cells(path: &Path) -> BTreeMap<String, String> {
    let out = run(&[
        "inspect".as_ref(),
        "--format".as_ref(),
        "json".as_ref(),
        path.as_os_str(),
    ]);
    let doc: Value = serde_json::from_slice(&out.stdout).expect("one JSON document");
    doc["cells"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            let key = ["table", "block", "row", "column"].map(|k| c[k].as_str().unwrap());
            (key.join("/"), c["text"].as_str().unwrap().to_string())
        })
        .collect()
}

#[test]
fn a_pdf_of_a_report_gives_the_codes_of_its_text_cell_for_cell() {
    // Printed by LibreOffice from the Word files (tests/fixtures/docx/make_docx.py): label
    // columns wrapped a few characters a line, cells centred or at the top, tables over page
    // breaks, and in the paged one a running header and page numbers.
    for (pdf, text) in [
        ("report-2025.pdf", "examples/report-2025.txt"),
        ("report-2025.lo.pdf", "examples/report-2025.txt"),
        ("report-2025.paged.pdf", "examples/report-2025.txt"),
        (
            "clean_per_line_hant.pdf",
            "tests/fixtures/clean_per_line_hant.txt",
        ),
        ("clean_2019.lo.pdf", "tests/fixtures/clean_2019.txt"),
    ] {
        let pdf = root("tests/fixtures/pdf").join(pdf);
        let (_, want) = check_json(&root(text));
        let (_, got) = check_json(&pdf);
        assert_eq!(got["files"][0]["format"], "pdf", "{pdf:?}");
        assert_eq!(codes(&got), codes(&want), "{pdf:?}");
        let (want, got) = (cells(&root(text)), cells(&pdf));
        assert!(want.len() >= 198, "{text}: {} cells", want.len());
        assert_eq!(got, want, "{pdf:?}");
    }
    // A finding in a PDF says on which page and line it is.
    let (_, doc) = check_json(&root("tests/fixtures/pdf/report-2025.lo.pdf"));
    let ds = doc["files"][0]["diagnostics"].as_array().unwrap();
    let total = ds.iter().find(|d| d["code"] == "total-mismatch").unwrap();
    let l = &total["location"];
    assert_eq!(
        (&l["page"], &l["line"], &l["text"]),
        (&1.into(), &42.into(), &"第1页 第42行".into()),
        "{l:#}"
    );
    assert_eq!(l["excerpt"], "（一）予以公开 15 1 0 0 1 0 18");
}

#[test]
fn findings_in_word_files_and_pages_say_where_they_are_as_a_person_does() {
    let (_, doc) = check_json(&root("tests/fixtures/docx/report-2025.docx"));
    let ds = doc["files"][0]["diagnostics"].as_array().unwrap();
    let total = ds.iter().find(|d| d["code"] == "total-mismatch").unwrap();
    let l = &total["location"];
    assert_eq!(l["text"], "表三 第6行 第10列", "{l:#}");
    assert_eq!(
        (&l["row"], &l["column"], &l["reportTable"]),
        (&6.into(), &10.into(), &"三".into())
    );
    assert_eq!(l["excerpt"], "18");
    // The range stays the one of the text layout the editor shows.
    assert!(total["range"]["start"]["line"].as_u64().unwrap() > 0);
    let heading = ds
        .iter()
        .find(|d| d["code"] == "nonstandard-heading")
        .unwrap();
    assert!(
        heading["location"]["text"]
            .as_str()
            .unwrap()
            .ends_with('段'),
        "{heading:#}"
    );
    assert!(heading["location"].get("source").is_none());
    // A web page: also the line and column of the source.
    let page = "../shared/corpus/real/html/003_ptzhsyqhzs_2024.article.html";
    let page = [
        root(page),
        PathBuf::from("/work/shared/corpus/real/html/003_ptzhsyqhzs_2024.article.html"),
    ]
    .into_iter()
    .find(|p| p.is_file())
    .expect("the real pages of ../shared/corpus/real");
    let (_, doc) = check_json(&page);
    let ds = doc["files"][0]["diagnostics"].as_array().unwrap();
    let total = ds.iter().find(|d| d["code"] == "total-mismatch").unwrap();
    let l = &total["location"];
    assert_eq!(l["text"], "表四 第4行 第5列", "{l:#}");
    let src = std::fs::read_to_string(&page).unwrap();
    let (line, col) = (
        l["source"]["line"].as_u64().unwrap() as usize,
        l["source"]["column"].as_u64().unwrap() as usize,
    );
    let at: String = src
        .lines()
        .nth(line - 1)
        .unwrap()
        .chars()
        .skip(col - 1)
        .take(1)
        .collect();
    assert_eq!(at, "0", "the wrong total's character in the page source");
    // The human view names the place instead of a line of the text layout.
    let out = run(&[
        "check".as_ref(),
        "--color".as_ref(),
        "never".as_ref(),
        page.as_os_str(),
    ]);
    let human = String::from_utf8(out.stdout).unwrap();
    assert!(
        human.contains(&format!(
            "表四 第4行 第5列 (网页源码第 {line} 行第 {col} 列)"
        )) && human.contains("error[total-mismatch]"),
        "{human}"
    );
}

#[test]
fn pdfs_that_cannot_be_read_and_missing_programs_exit_2_with_a_clear_message() {
    let pdf = root("tests/fixtures/pdf");
    for (file, said) in [("scan.pdf", "扫描件"), ("encrypted.pdf", "已加密")] {
        let out = run(&["check".as_ref(), pdf.join(file).as_os_str()]);
        assert_eq!(out.status.code(), Some(2), "{file}");
        assert!(
            String::from_utf8_lossy(&out.stdout).contains(said),
            "{file}"
        );
    }
    // Without pdftotext and LibreOffice on the PATH.
    let empty = scratch("no_programs");
    for (file, package) in [
        (pdf.join("text.pdf"), "poppler-utils"),
        (
            root("tests/fixtures/doc/report.doc"),
            "libreoffice-writer-nogui",
        ),
    ] {
        let out = bin()
            .env("PATH", &empty)
            .args(["check", "--lang", "en", "--format", "json"])
            .arg(&file)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2));
        let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
        let error = doc["files"][0]["error"].as_str().unwrap();
        assert!(
            error.contains(&format!("install the package {package}")),
            "{error}"
        );
    }
}

/// The entries of a zip file.
fn entries(path: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut out = BTreeMap::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        let mut b = Vec::new();
        f.read_to_end(&mut b).unwrap();
        out.insert(f.name().to_string(), b);
    }
    out
}

#[test]
fn fix_all_of_a_word_file_leaves_nothing_to_fix_and_the_other_parts_untouched() {
    let dir = scratch("fix_docx");
    let original = dir.join("年报.docx");
    std::fs::copy(root("tests/fixtures/docx/report-2025.docx"), &original).unwrap();
    // Safe fixes only, to <name>.fixed.docx.
    let out = run(&["fix".as_ref(), original.as_os_str()]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let safe = dir.join("年报.fixed.docx");
    let (_, doc) = check_json(&safe);
    assert!(codes(&doc).contains(&"total-mismatch".to_string()));
    assert!(!codes(&doc).contains(&"nonstandard-heading".to_string()));
    // Every fix, to the file named.
    let fixed = dir.join("fixed.docx");
    let out = run(&[
        "fix".as_ref(),
        "--all".as_ref(),
        original.as_os_str(),
        "-o".as_ref(),
        fixed.as_os_str(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let (_, doc) = check_json(&fixed);
    let left: Vec<&Value> = doc["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| !d["fixes"].as_array().unwrap().is_empty())
        .collect();
    assert!(left.is_empty(), "{left:#?}");
    let (before, after) = (entries(&original), entries(&fixed));
    assert_eq!(
        before.keys().collect::<Vec<_>>(),
        after.keys().collect::<Vec<_>>()
    );
    for (name, bytes) in &before {
        if name != "word/document.xml" {
            assert!(after[name] == *bytes, "{name} changed");
        }
    }
    assert_ne!(before["word/document.xml"], after["word/document.xml"]);
    // LibreOffice opens it and shows the fixes.
    let txt = libreoffice(&dir, &fixed, "txt:Text (encoded):UTF8", "txt");
    let txt = std::fs::read_to_string(txt).unwrap();
    assert!(
        txt.contains("其他法律行政法规禁止公开")
            && txt.contains("（一）予以公开\n15\n1\n0\n0\n1\n0\n17\n")
    );
}

#[test]
fn fix_of_a_text_file_keeps_its_encoding_and_in_place_keeps_a_backup() {
    let dir = scratch("fix_text");
    let text = std::fs::read_to_string(root("tests/fixtures/clean_rows.txt"))
        .unwrap()
        .replace(
            "五、存在的主要问题及改进情况",
            "五、存在问题与下一步改进措施",
        );
    let (gbk, _, _) = encoding_rs::GB18030.encode(&text);
    let file = dir.join("report.txt");
    std::fs::write(&file, &gbk).unwrap();
    let out = run(&["fix".as_ref(), "--in-place".as_ref(), file.as_os_str()]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert_eq!(
        std::fs::read(dir.join("report.orig.txt")).unwrap(),
        gbk.to_vec()
    );
    let written = std::fs::read(&file).unwrap();
    let (fixed, _, bad) = encoding_rs::GB18030.decode(&written);
    assert!(!bad);
    assert!(fixed.contains("五、存在的主要问题及改进情况"));
    assert_eq!(
        fixed.len(),
        text.len() + "的主要问题及改进情况".len() - "问题与下一步改进措施".len()
    );
    let (code, doc) = check_json(&file);
    assert_eq!(
        (code, doc["files"][0]["encoding"].as_str()),
        (0, Some("gb18030"))
    );
}

#[test]
fn convert_writes_the_text_layout_or_the_tables_page() {
    let dir = scratch("convert");
    let docx = root("tests/fixtures/docx/report-2025.docx");
    let txt = dir.join("r.txt");
    let out = run(&[
        "convert".as_ref(),
        "--to".as_ref(),
        "txt".as_ref(),
        docx.as_os_str(),
        "-o".as_ref(),
        txt.as_os_str(),
    ]);
    assert_eq!(out.status.code(), Some(0));
    let text = std::fs::read_to_string(&txt).unwrap();
    assert!(
        text.contains("（一）予以公开\t\t15\t1\t0\t0\t1\t0\t18"),
        "{text}"
    );
    // The text gives the Word file's findings.
    let (_, a) = check_json(&txt);
    let (_, b) = check_json(&docx);
    assert_eq!(codes(&a), codes(&b));
    let out = run(&[
        "convert".as_ref(),
        "--to".as_ref(),
        "html".as_ref(),
        docx.as_os_str(),
    ]);
    let page = String::from_utf8(out.stdout).unwrap();
    assert!(
        page.contains("<table") && page.contains("data-table"),
        "{page}"
    );
}
