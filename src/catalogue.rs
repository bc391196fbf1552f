//! The words of the edges: why a file could not be read, and the CLI's own words around the
//! findings. Chinese by default, English with `--lang en`; the findings' own messages come from
//! the checks through [`crate::voice::Voice`].

use crate::decode::DecodeError;
use crate::source::external::ExternalError;
use crate::source::{Kind, ReadError, Refusal};
use crate::voice::Lang;
use crate::workspace::Failure;

fn pick(lang: Lang, zh: String, en: String) -> String {
    match lang {
        Lang::Chinese => zh,
        Lang::English => en,
    }
}

/// A kind of file, as a person names it.
pub fn kind(k: Kind, lang: Lang) -> &'static str {
    match (k, lang) {
        (Kind::Text, Lang::Chinese) => "文本文件",
        (Kind::Text, Lang::English) => "text file",
        (Kind::Docx, Lang::Chinese) => "Word 文档",
        (Kind::Docx, Lang::English) => "Word document",
        (Kind::Html, Lang::Chinese) => "网页",
        (Kind::Html, Lang::English) => "web page",
        (Kind::Pdf, Lang::Chinese) => "PDF 文件",
        (Kind::Pdf, Lang::English) => "PDF file",
        (Kind::OldBinary, Lang::Chinese) => "旧版 Word 或 WPS 文档",
        (Kind::OldBinary, Lang::English) => "old Word or WPS document",
    }
}

/// Why a file was not checked.
pub fn failure(f: &Failure, lang: Lang) -> String {
    match f {
        Failure::NotFound => pick(lang, "文件不存在".into(), "no such file".into()),
        // The system's own words, in the system's language.
        Failure::Io(e) => e.clone(),
        Failure::Read(e) => read_error(e, lang),
        Failure::Program(e) => external(e, lang),
    }
}

/// Why bytes could not be read as a report.
pub fn read_error(e: &ReadError, lang: Lang) -> String {
    match e {
        ReadError::Encoding(DecodeError::UnknownEncoding) => pick(
            lang,
            DecodeError::UnknownEncoding.to_string(),
            "not text in UTF-8, UTF-16 or GB18030 (GBK)".into(),
        ),
        ReadError::Encoding(e @ DecodeError::NotText { line, utf16 }) => pick(
            lang,
            e.to_string(),
            if *utf16 {
                "not text in UTF-8, UTF-16 with a byte-order mark or GB18030 (GBK): it looks like UTF-16 without a byte-order mark; save it as UTF-8".into()
            } else {
                format!("not UTF-8 from line {line} on, and the whole file is not UTF-16 or GB18030 (GBK) either; check that line (text in GBK mixed in, for example)")
            },
        ),
        ReadError::NeedsConversion(k) | ReadError::Unsupported(k) => pick(
            lang,
            format!("无法直接读取{}", kind(*k, lang)),
            format!("a {} cannot be read directly", kind(*k, lang)),
        ),
        ReadError::Corrupt { kind: k, detail } => pick(
            lang,
            format!("文件已损坏，或不是{}：{detail}", kind(*k, lang)),
            format!("the file is damaged or not a {}: {detail}", kind(*k, lang)),
        ),
        ReadError::NoTextLayer => pick(
            lang,
            "PDF 没有文字层（可能是扫描件），读不出报告的文字：请检查原始文档，或先对 PDF 做文字识别（OCR）".into(),
            "the PDF has no text layer (it may be a scan), so the report's text cannot be read: check the original document, or run text recognition (OCR) on the PDF first".into(),
        ),
        ReadError::TooLarge { bytes, limit } => pick(
            lang,
            format!(
                "文件过大（{} MB），超过可读取的上限 {} MB",
                bytes >> 20,
                limit >> 20
            ),
            format!(
                "the file is too large ({} MB; at most {} MB is read)",
                bytes >> 20,
                limit >> 20
            ),
        ),
        ReadError::TooDeep { limit } => pick(
            lang,
            format!("元素嵌套超过 {limit} 层，不是正常的文档，已拒绝读取"),
            format!("elements are nested more than {limit} deep, which no real document does: refused"),
        ),
        ReadError::Refused {
            kind: k,
            reason: Refusal::Inflation { part, limit },
        } => pick(
            lang,
            format!(
                "{}的 {part} 解压后超过 {} MB，已拒绝读取",
                kind(*k, lang),
                limit >> 20
            ),
            format!(
                "{part} of the {} inflates to more than {} MB: refused",
                kind(*k, lang),
                limit >> 20
            ),
        ),
        ReadError::Refused {
            kind: k,
            reason: Refusal::DocumentType,
        } => pick(
            lang,
            format!(
                "{}声明了文档类型（DTD），其实体可能无限展开，已拒绝读取",
                kind(*k, lang)
            ),
            format!(
                "the {} declares a document type (DTD), whose entities could expand without bound: refused",
                kind(*k, lang)
            ),
        ),
    }
}

/// Why a program a file needs did not give what the readers read.
pub fn external(e: &ExternalError, lang: Lang) -> String {
    match lang {
        Lang::Chinese => e.to_string(),
        Lang::English => e.english(),
    }
}

/// `fix --in-place`: where the original went.
pub fn backup(path: &str, lang: Lang) -> String {
    pick(
        lang,
        format!("原文件已备份为 {path}"),
        format!("the original is kept as {path}"),
    )
}

/// `fix`: what was done, and what is left.
pub fn fixed(applied: usize, path: &str, left: usize, lang: Lang) -> String {
    let mut s = pick(
        lang,
        format!("已修复 {applied} 处，写入 {path}"),
        format!("{applied} fix(es) applied, written to {path}"),
    );
    if left > 0 {
        s.push_str(&pick(
            lang,
            format!("；还有 {left} 个问题有修复建议，需要人工判断（nianbao fix --all 全部应用）"),
            format!("; {left} finding(s) still offer a fix that needs a person's judgement (nianbao fix --all applies them)"),
        ));
    }
    s
}

/// `fix` of a file it cannot write back into.
pub fn cannot_fix(k: Kind, lang: Lang) -> String {
    pick(
        lang,
        format!(
            "只能把修复写回文本文件和 Word 文档（.docx），不能写回{}：请修改原始文档，或用 nianbao convert --to txt 转成文本后修复",
            kind(k, lang)
        ),
        format!(
            "fixes can be written back only into text files and Word documents (.docx), not into this {}: fix the original document, or convert it with nianbao convert --to txt first",
            kind(k, lang)
        ),
    )
}

/// A file the browser cannot read: PDF and old Word files need programs outside it.
pub fn needs_program_in_browser(k: Kind, lang: Lang) -> String {
    pick(
        lang,
        format!(
            "网页版不能读取{}（需要另外的程序）：请在 Word 或 WPS 中另存为 .docx 后打开，或用命令行 nianbao check 检查",
            kind(k, lang)
        ),
        format!(
            "a {} cannot be read in the browser (it needs another program): save it as .docx in Word or WPS and open that, or check it with the command line (nianbao check)",
            kind(k, lang)
        ),
    )
}

/// Saving as a Word file when the report did not come from one.
pub fn no_word_file_open(lang: Lang) -> String {
    pick(
        lang,
        "只能把修改写回打开的 Word 文档（.docx）：当前报告不是从 Word 文档打开的，请另存为文本".into(),
        "changes can be written only into a Word file (.docx) that was opened: this report did not come from one, so save it as text".into(),
    )
}

/// An edit typed in the editor that a Word file cannot take (`line` is 0-based).
pub fn unwritable_edit(line: usize, why: crate::source::docx::Unwritable, lang: Lang) -> String {
    use crate::source::docx::Unwritable as U;
    let line = line + 1;
    let (zh, en) = match why {
        U::Structure => (
            "跨越了段落或单元格，或加入了换行或制表符",
            "it crosses paragraphs or cells, or adds line breaks or tabs",
        ),
        U::Numbering => (
            "改动了 Word 自动生成的编号",
            "it changes a list number that Word draws itself",
        ),
        U::Characters => (
            "含有 Word 文档不能保存的字符",
            "it has characters a Word file cannot hold",
        ),
        U::Row => (
            "新加的表格行与相邻行的单元格对不上",
            "a new table row does not line up with the rows beside it",
        ),
    };
    pick(
        lang,
        format!("第 {line} 行的修改无法写入 Word 文档（{zh}）：请另存为文本，或在 Word 中修改"),
        format!(
            "the edit on line {line} cannot be written into the Word file ({en}): save as text, or make it in Word"
        ),
    )
}

/// Where a finding is in the HTML source of a web page.
pub fn source_position(line: u32, column: u32, lang: Lang) -> String {
    pick(
        lang,
        format!("网页源码第 {line} 行第 {column} 列"),
        format!("HTML source line {line}, column {column}"),
    )
}

// ----- The human view's words ------------------------------------------------------------------

/// Before the reason a file could not be read.
pub fn cannot_read(lang: Lang) -> &'static str {
    match lang {
        Lang::Chinese => "无法读取：",
        Lang::English => "cannot read:",
    }
}

/// A file that was not UTF-8.
pub fn read_as(encoding: &str, lang: Lang) -> String {
    pick(
        lang,
        format!("提示：按 {encoding} 编码读取"),
        format!("note: read as {encoding}"),
    )
}

/// After the marker: the first fix offered.
pub fn fix_offered(title: &str, lang: Lang) -> String {
    pick(lang, format!("可修复：{title}"), format!("fix: {title}"))
}

/// Before a place in another report.
pub fn see(lang: Lang) -> &'static str {
    match lang {
        Lang::Chinese => "参见",
        Lang::English => "see",
    }
}

/// The last line of a run.
pub fn summary(files: usize, errors: usize, warnings: usize, notes: usize, lang: Lang) -> String {
    match lang {
        Lang::English => format!(
            "Checked {files} file(s): {errors} error(s), {warnings} warning(s){}",
            if notes > 0 {
                format!(", {notes} note(s)")
            } else {
                String::new()
            }
        ),
        Lang::Chinese => format!(
            "共检查 {files} 个文件：{errors} 个错误，{warnings} 个警告{}",
            if notes > 0 {
                format!("，{notes} 条提示")
            } else {
                String::new()
            }
        ),
    }
}

/// The headings of the table after a run over several files: file, errors, warnings, code,
/// findings.
pub fn table_heads(lang: Lang) -> [&'static str; 5] {
    match lang {
        Lang::English => ["file", "errors", "warnings", "code", "findings"],
        Lang::Chinese => ["文件", "错误", "警告", "代码", "数量"],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_reason_is_said_in_both_languages() {
        let reasons = [
            Failure::NotFound,
            Failure::Read(ReadError::Encoding(DecodeError::UnknownEncoding)),
            Failure::Read(ReadError::NoTextLayer),
            Failure::Read(ReadError::TooLarge {
                bytes: 50 << 20,
                limit: 64 << 20,
            }),
            Failure::Read(ReadError::TooDeep { limit: 256 }),
            Failure::Read(ReadError::Corrupt {
                kind: Kind::Docx,
                detail: "word/document.xml".into(),
            }),
            Failure::Read(ReadError::Refused {
                kind: Kind::Docx,
                reason: Refusal::Inflation {
                    part: "word/document.xml".into(),
                    limit: 256 << 20,
                },
            }),
            Failure::Read(ReadError::Refused {
                kind: Kind::Html,
                reason: Refusal::DocumentType,
            }),
            Failure::Program(ExternalError::Missing {
                program: "pdftotext",
                package: "poppler-utils",
            }),
            Failure::Program(ExternalError::Encrypted),
        ];
        for r in &reasons {
            let (zh, en) = (failure(r, Lang::Chinese), failure(r, Lang::English));
            // Chinese words in the Chinese message, none in the English one.
            let cjk = |s: &str| s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
            assert!(cjk(&zh), "{zh}");
            assert!(!cjk(&en), "{en}");
        }
        assert_eq!(
            failure(&reasons[1], Lang::Chinese),
            "不是 UTF-8、UTF-16 或 GB18030（GBK）编码的文本"
        );
        assert_eq!(
            summary(2, 1, 0, 3, Lang::English),
            "Checked 2 file(s): 1 error(s), 0 warning(s), 3 note(s)"
        );
        assert_eq!(fix_offered("改为17", Lang::Chinese), "可修复：改为17");
    }
}
