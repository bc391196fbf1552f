//! The reader and the writer on small packages written here, one feature of WordprocessingML at
//! a time. Text always holds CJK characters and 𠀀 (4 bytes) so that offsets are tested on them.

use super::*;
use crate::finding::Edit;
use crate::source::{Place, read};
use std::io::Write;
use zip::ZipWriter;
use zip::write::SimpleFileOptions;

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// A package with `body` as the document's body and optional numbering and styles parts.
fn package(body: &str, numbering: Option<&str>, styles: Option<&str>) -> Vec<u8> {
    let mut z = ZipWriter::new(Cursor::new(Vec::new()));
    let o = SimpleFileOptions::default();
    let mut put = |name: &str, text: &str| {
        z.start_file(name, o).unwrap();
        z.write_all(text.as_bytes()).unwrap();
    };
    put(
        "[Content_Types].xml",
        r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>"#,
    );
    put(
        "_rels/.rels",
        r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#,
    );
    put(
        "word/_rels/document.xml.rels",
        r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="/word/styles.xml"/></Relationships>"#,
    );
    put(
        "word/document.xml",
        &format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{W}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><w:body>{body}</w:body></w:document>"#
        ),
    );
    if let Some(n) = numbering {
        put(
            "word/numbering.xml",
            &format!(r#"<w:numbering xmlns:w="{W}">{n}</w:numbering>"#),
        );
    }
    if let Some(s) = styles {
        put(
            "word/styles.xml",
            &format!(r#"<w:styles xmlns:w="{W}">{s}</w:styles>"#),
        );
    }
    put("word/media/image1.png", "\u{89}PNG not really");
    z.finish().unwrap().into_inner()
}

fn docx(body: &str) -> Vec<u8> {
    package(body, None, None)
}

fn text_of(bytes: &[u8]) -> String {
    read_docx(bytes).unwrap().text
}

fn p(text: &str) -> String {
    format!("<w:p><w:r><w:t>{text}</w:t></w:r></w:p>")
}

fn tc(inner: &str) -> String {
    format!("<w:tc>{inner}</w:tc>")
}

fn cell(text: &str) -> String {
    tc(&p(text))
}

fn grid(n: usize) -> String {
    format!("<w:tblGrid>{}</w:tblGrid>", "<w:gridCol/>".repeat(n))
}

fn part(bytes: &[u8], name: &str) -> Vec<u8> {
    let mut a = ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut f = a.by_name(name).unwrap();
    let mut out = Vec::new();
    f.read_to_end(&mut out).unwrap();
    out
}

#[test]
fn paragraphs_are_lines_and_runs_map_to_their_text_in_the_xml() {
    let bytes = docx(&format!(
        "{}<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>统计𠀀</w:t></w:r><w:r><w:t xml:space=\"preserve\"> 1</w:t></w:r><w:r><w:t>5件 &amp; &#x4E00;</w:t></w:r></w:p><w:p/>{}",
        p("一、总体情况"),
        p("尾")
    ));
    let d = read(Some("x.docx"), &bytes).unwrap();
    assert_eq!(d.kind, Kind::Docx);
    assert_eq!(d.text, "一、总体情况\n统计𠀀 15件 & 一\n\n尾\n");
    let xml = part(&bytes, "word/document.xml");
    // Every piece of text maps to its characters in the part (escaped ones to their escape).
    for piece in &d.pieces {
        let src = std::str::from_utf8(&xml[piece.source.clone().unwrap()]).unwrap();
        let shown = &d.text[piece.text.clone()];
        assert_eq!(src.replace("&amp;", "&").replace("&#x4E00;", "一"), shown);
    }
    let at = d.text.find("15").unwrap();
    assert_eq!(d.piece_at(at).unwrap().place, Place::Paragraph(2));
    assert_eq!(d.piece_at(at + 1).unwrap().text, at + 1..at + 11);
    // The empty paragraph is not counted: 「尾」 is the third paragraph a person sees.
    assert_eq!(
        d.piece_at(d.text.len() - 2).unwrap().place,
        Place::Paragraph(3)
    );
}

#[test]
fn tables_are_laid_out_on_their_grid_with_merged_cells_as_empty_fields() {
    let header = format!(
        "<w:tr>{}{}</w:tr>",
        tc(
            "<w:tcPr><w:gridSpan w:val=\"2\"/><w:vMerge w:val=\"restart\"/></w:tcPr><w:p><w:r><w:t>项目𠀀</w:t></w:r></w:p>"
        ),
        tc("<w:tcPr><w:gridSpan w:val=\"2\"/></w:tcPr><w:p><w:r><w:t>申请人</w:t></w:r></w:p>")
    );
    let second = format!(
        "<w:tr>{}{}{}</w:tr>",
        tc("<w:tcPr><w:gridSpan w:val=\"2\"/><w:vMerge/></w:tcPr><w:p/>"),
        cell("自然人"),
        cell("总计")
    );
    let data = format!(
        "<w:tr><w:trPr><w:gridBefore w:val=\"1\"/></w:trPr>{}{}{}</w:tr>",
        cell("（一）予以公开"),
        cell("15"),
        tc("<w:p/>")
    );
    let bytes = docx(&format!(
        "{}<w:tbl><w:tblPr/>{}{header}{second}{data}</w:tbl>",
        p("三、情况"),
        grid(4)
    ));
    let d = read_docx(&bytes).unwrap();
    assert_eq!(
        d.text,
        "三、情况\n项目𠀀\t\t申请人\t\n\t\t自然人\t总计\n\t（一）予以公开\t15\t\n"
    );
    let place = |needle: &str| {
        d.piece_at(d.text.find(needle).unwrap())
            .unwrap()
            .place
            .clone()
    };
    let cell = |row, col| Place::Cell { table: 1, row, col };
    assert_eq!(place("申请人"), cell(1, 3));
    assert_eq!(place("总计"), cell(2, 4));
    assert_eq!(place("15"), cell(3, 3));
    // The continued part of the merged cell points at the cell where the merge starts.
    let second_line = d.text.find("\t\t自然人").unwrap();
    assert_eq!(d.piece_at(second_line).unwrap().place, cell(1, 1));
    // The blank cell has its own place (for a finding that it is empty).
    assert_eq!(d.piece_at(d.text.len() - 1).unwrap().place, cell(3, 4));
}

#[test]
fn tabs_and_breaks_are_spaces_in_cells_and_text_is_read_as_printed() {
    let runs = "<w:r><w:t>法人或</w:t><w:tab/><w:t>其他</w:t><w:br/><w:t>组织</w:t><w:cr/><w:t>𠀀</w:t><w:br w:type=\"page\"/><w:noBreakHyphen/><w:sym w:font=\"Wingdings\" w:char=\"2713\"/></w:r>";
    let para = format!("<w:p>{runs}</w:p>");
    let bytes = docx(&format!(
        "{para}<w:tbl>{}<w:tr>{}{}</w:tr></w:tbl>",
        grid(2),
        tc(&para),
        cell("1")
    ));
    assert_eq!(
        text_of(&bytes),
        "法人或\t其他\n组织\n𠀀-✓\n法人或 其他 组织 𠀀-✓\t1\n"
    );
}

#[test]
fn fields_show_their_results_and_revisions_their_final_text() {
    let body = concat!(
        "<w:p><w:fldSimple w:instr=\" DATE \"><w:r><w:t>2025</w:t></w:r></w:fldSimple><w:r><w:t>年</w:t></w:r>",
        "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText> = 40+</w:instrText></w:r>",
        // A field inside the instruction of another: its result is not printed either.
        "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText>PAGE</w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>7</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r>",
        "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>47</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r>",
        "<w:r><w:t>件</w:t></w:r></w:p>",
        // A table of contents repeats the headings; it is not read.
        "<w:p><w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText xml:space=\"preserve\"> TOC \\o \"1-3\" </w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>一、总体情况</w:t></w:r><w:r><w:tab/><w:t>1</w:t></w:r></w:p>",
        "<w:p><w:r><w:t>二、主动公开</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r></w:p>",
        "<w:p><w:fldSimple w:instr=\"toc \\o\"><w:r><w:t>目录</w:t></w:r></w:fldSimple></w:p>",
        "<w:p><w:r><w:t>共</w:t></w:r><w:del w:id=\"1\" w:author=\"a\"><w:r><w:delText>48</w:delText></w:r></w:del>",
        "<w:ins w:id=\"2\" w:author=\"a\"><w:r><w:t>50</w:t></w:r></w:ins>",
        "<w:moveFrom w:id=\"3\" w:author=\"a\"><w:r><w:t>旧处</w:t></w:r></w:moveFrom>",
        "<w:moveTo w:id=\"4\" w:author=\"a\"><w:r><w:t>𠀀</w:t></w:r></w:moveTo>",
        "<w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏</w:t></w:r><w:r><w:rPr><w:vanish w:val=\"0\"/></w:rPr><w:t>件</w:t></w:r>",
        "<w:smartTag w:uri=\"u\" w:element=\"e\"><w:r><w:t>，</w:t></w:r></w:smartTag>",
        "<w:hyperlink r:id=\"x\" xmlns:r=\"r\"><w:r><w:t>见</w:t></w:r></w:hyperlink>",
        "<w:sdt><w:sdtPr><w:alias w:val=\"x\"/><w:rPr><w:t>不是</w:t></w:rPr></w:sdtPr><w:sdtContent><w:r><w:t>附件</w:t></w:r></w:sdtContent></w:sdt>",
        "<w:r><w:drawing><w:txbxContent><w:p><w:r><w:t>文本框</w:t></w:r></w:p></w:txbxContent></w:drawing></w:r>",
        "<w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:t>新</w:t></mc:Choice><mc:Fallback><w:pict><w:t>旧</w:t></w:pict></mc:Fallback></mc:AlternateContent></w:r>",
        "<w:ruby><w:rt><w:r><w:t>zhù</w:t></w:r></w:rt><w:rubyBase><w:r><w:t>注</w:t></w:r></w:rubyBase></w:ruby>",
        "</w:p>",
    );
    assert_eq!(
        text_of(&docx(body)),
        "2025年47件\n\n\n\n共50𠀀件，见附件注\n"
    );
}

#[test]
fn content_controls_frames_and_nested_tables() {
    let inner = format!(
        "<w:tbl>{}<w:tr>{}{}</w:tr></w:tbl>",
        grid(2),
        cell("甲"),
        cell("乙")
    );
    let real = format!(
        "<w:sdt><w:sdtContent><w:tbl>{}<w:tr>{}{}</w:tr><w:tr><w:trPr><w:del w:id=\"9\" w:author=\"a\"/></w:trPr>{}{}</w:tr></w:tbl></w:sdtContent></w:sdt>",
        grid(2),
        tc(&format!("{}{inner}", p("𠀀"))),
        cell("2"),
        cell("删去的行"),
        cell("9")
    );
    // A one-column table around the report: its content reads as body text.
    let frame = format!(
        "<w:tbl>{}<w:tr>{}</w:tr></w:tbl>",
        grid(1),
        tc(&format!("{}{real}{}", p("标题"), p("正文")))
    );
    let d = read_docx(&docx(&frame)).unwrap();
    assert_eq!(d.text, "标题\n𠀀 甲 乙\t2\n正文\n");
    assert_eq!(d.piece_at(0).unwrap().place, Place::Paragraph(1));
    let two = d.text.find('2').unwrap();
    assert_eq!(
        d.piece_at(two).unwrap().place,
        Place::Cell {
            table: 1,
            row: 1,
            col: 2
        }
    );
    assert_eq!(
        d.piece_at(d.text.len() - 2).unwrap().place,
        Place::Paragraph(2)
    );
}

const NUMBERING: &str = concat!(
    "<w:abstractNum w:abstractNumId=\"0\">",
    "<w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"chineseCounting\"/><w:lvlText w:val=\"%1、\"/></w:lvl>",
    "<w:lvl w:ilvl=\"1\"><w:start w:val=\"1\"/><w:numFmt w:val=\"chineseCounting\"/><w:lvlText w:val=\"（%2）\"/><w:pStyle w:val=\"H2\"/></w:lvl>",
    "<w:lvl w:ilvl=\"2\"><w:start w:val=\"1\"/><w:numFmt w:val=\"decimal\"/><w:lvlText w:val=\"%1.%3\"/><w:lvlRestart w:val=\"0\"/><w:suff w:val=\"space\"/></w:lvl>",
    "</w:abstractNum>",
    "<w:abstractNum w:abstractNumId=\"1\">",
    "<w:lvl w:ilvl=\"0\"><w:start w:val=\"3\"/><w:numFmt w:val=\"ideographTraditional\"/><w:lvlText w:val=\"%1\"/></w:lvl>",
    "</w:abstractNum>",
    "<w:abstractNum w:abstractNumId=\"2\">",
    "<w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><mc:AlternateContent xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\"><mc:Choice Requires=\"w14\"><w:numFmt w:val=\"custom\" w:format=\"001\"/></mc:Choice><mc:Fallback><w:numFmt w:val=\"decimalEnclosedCircle\"/></mc:Fallback></mc:AlternateContent><w:lvlText w:val=\"%1\"/><w:suff w:val=\"nothing\"/></w:lvl>",
    "</w:abstractNum>",
    "<w:abstractNum w:abstractNumId=\"3\"><w:lvl w:ilvl=\"0\"><w:numFmt w:val=\"bullet\"/><w:lvlText w:val=\"\u{f0b7}\"/></w:lvl></w:abstractNum>",
    "<w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num>",
    "<w:num w:numId=\"2\"><w:abstractNumId w:val=\"0\"/></w:num>",
    "<w:num w:numId=\"3\"><w:abstractNumId w:val=\"0\"/><w:lvlOverride w:ilvl=\"0\"><w:startOverride w:val=\"5\"/></w:lvlOverride></w:num>",
    "<w:num w:numId=\"4\"><w:abstractNumId w:val=\"1\"/></w:num>",
    "<w:num w:numId=\"5\"><w:abstractNumId w:val=\"2\"/></w:num>",
    "<w:num w:numId=\"6\"><w:abstractNumId w:val=\"3\"/></w:num>",
);

const STYLES: &str = concat!(
    "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"/>",
    "<w:style w:type=\"paragraph\" w:styleId=\"H1\"><w:pPr><w:numPr><w:numId w:val=\"1\"/></w:numPr></w:pPr></w:style>",
    "<w:style w:type=\"paragraph\" w:styleId=\"H2\"><w:pPr><w:numPr><w:numId w:val=\"1\"/></w:numPr></w:pPr></w:style>",
    "<w:style w:type=\"paragraph\" w:styleId=\"H2x\"><w:basedOn w:val=\"H2\"/></w:style>",
);

fn numbered(style: Option<&str>, num: Option<(&str, Option<u32>)>, text: &str) -> String {
    let style = style
        .map(|s| format!("<w:pStyle w:val=\"{s}\"/>"))
        .unwrap_or_default();
    let num = num
        .map(|(id, l)| {
            let l = l
                .map(|l| format!("<w:ilvl w:val=\"{l}\"/>"))
                .unwrap_or_default();
            format!("<w:numPr>{l}<w:numId w:val=\"{id}\"/></w:numPr>")
        })
        .unwrap_or_default();
    format!("<w:p><w:pPr>{style}{num}</w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>")
}

#[test]
fn list_numbers_are_put_back_before_their_paragraphs() {
    let body = [
        numbered(Some("H1"), None, "总体情况𠀀"),
        // The level comes from the level linked to the style; through basedOn too.
        numbered(Some("H2"), None, "主动公开"),
        numbered(Some("H2x"), None, "依申请公开"),
        numbered(None, Some(("1", Some(2))), "细目"),
        numbered(Some("H1"), None, "主动公开政府信息情况"),
        // A deeper level restarts under a new higher item; lvlRestart 0 never restarts.
        numbered(Some("H2"), None, "规章"),
        numbered(None, Some(("1", Some(2))), "细目"),
        // Another instance of the same list counts on.
        numbered(None, Some(("2", Some(0))), "收到和处理"),
        // An instance that restarts counts on its own.
        numbered(None, Some(("3", Some(0))), "复议"),
        numbered(None, Some(("3", Some(0))), "问题"),
        numbered(None, Some(("1", Some(0))), "其他"),
        // numId 0 takes the style's numbering away.
        numbered(Some("H1"), Some(("0", None)), "无编号"),
        numbered(None, Some(("4", None)), "甲项"),
        numbered(None, Some(("5", None)), "圈"),
        numbered(None, Some(("6", None)), "要点"),
        numbered(None, Some(("99", None)), "未定义"),
    ]
    .concat();
    let d = read_docx(&package(&body, Some(NUMBERING), Some(STYLES))).unwrap();
    assert_eq!(
        d.text,
        "一、总体情况𠀀\n（一）主动公开\n（二）依申请公开\n一.1 细目\n二、主动公开政府信息情况\n（一）规章\n二.2 细目\n三、收到和处理\n五、复议\n六、问题\n四、其他\n无编号\n丙 甲项\n①圈\n要点\n未定义\n"
    );
    // The number has no source bytes and maps to its paragraph.
    let num = d.pieces.iter().find(|p| p.text == (0..6)).unwrap();
    assert_eq!(
        (num.place.clone(), num.source.clone()),
        (Place::Paragraph(1), None)
    );
}

#[test]
fn files_that_are_not_word_documents_or_are_damaged_are_refused_clearly() {
    let corrupt = |e: ReadError| {
        matches!(
            e,
            ReadError::Corrupt {
                kind: Kind::Docx,
                ..
            }
        )
    };
    // Not a zip at all, though it starts like one.
    assert!(corrupt(read_docx(b"PK\x03\x04 not a zip").unwrap_err()));
    // A zip without a Word document.
    let mut z = ZipWriter::new(Cursor::new(Vec::new()));
    z.start_file("mimetype", SimpleFileOptions::default())
        .unwrap();
    z.write_all(b"application/vnd.oasis.opendocument.text")
        .unwrap();
    let odt = z.finish().unwrap().into_inner();
    let e = read(Some("a.docx"), &odt).unwrap_err();
    assert!(corrupt(e.clone()), "{e:?}");
    // A package whose main part is not a Word document (a spreadsheet).
    let sheet = package("", None, None);
    let sheet = {
        let mut a = ZipArchive::new(Cursor::new(&sheet[..])).unwrap();
        let mut z = ZipWriter::new(Cursor::new(Vec::new()));
        for i in 0..a.len() {
            let f = a.by_index(i).unwrap();
            let name = f.name().to_string();
            if name == "word/document.xml" {
                drop(f);
                z.start_file(name, SimpleFileOptions::default()).unwrap();
                z.write_all(b"<workbook xmlns=\"http://x\"><sheets/></workbook>")
                    .unwrap();
            } else {
                z.raw_copy_file(f).unwrap();
            }
        }
        z.finish().unwrap().into_inner()
    };
    assert!(corrupt(read_docx(&sheet).unwrap_err()));
    // Truncated: the zip's directory is gone.
    let good = docx(&p("一、总体情况"));
    assert!(corrupt(read_docx(&good[..good.len() - 30]).unwrap_err()));
    // Ill-formed and unfinished XML.
    assert!(corrupt(
        read_docx(&docx("<w:p><w:r><w:t>一</w:r></w:p>")).unwrap_err()
    ));
    assert!(corrupt(
        read_docx(&docx("<w:p><w:r><w:t>&nbsp;</w:t></w:r></w:p>")).unwrap_err()
    ));
    // A Word file without tables reads; its checks say what is missing.
    assert_eq!(text_of(&docx(&p("一、总体情况"))), "一、总体情况\n");
}

#[test]
fn markup_built_to_exhaust_a_reader_is_refused() {
    let bomb = r#"<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&lol2;</w:t></w:r></w:p></w:body></w:document>"#;
    let mut z = ZipWriter::new(Cursor::new(Vec::new()));
    z.start_file("word/document.xml", SimpleFileOptions::default())
        .unwrap();
    z.write_all(bomb.as_bytes()).unwrap();
    let bytes = z.finish().unwrap().into_inner();
    assert_eq!(
        read_docx(&bytes).unwrap_err(),
        ReadError::Refused {
            kind: Kind::Docx,
            reason: Refusal::DocumentType
        }
    );
    // Nesting far deeper than a document needs, without recursion to overflow.
    let deep = format!(
        "<w:p>{}{}</w:p>",
        "<w:customXml>".repeat(100_000),
        "</w:customXml>".repeat(100_000)
    );
    assert_eq!(
        read_docx(&docx(&deep)).unwrap_err(),
        ReadError::TooDeep {
            limit: xml::MAX_DEPTH
        }
    );
}

/// The package with the declared size of `name` in the central directory set to `size`.
fn declare_size(bytes: &[u8], name: &str, size: u32) -> Vec<u8> {
    let mut out = bytes.to_vec();
    let sig = b"PK\x01\x02";
    let mut i = 0;
    while let Some(k) = out[i..].windows(4).position(|w| w == sig) {
        let at = i + k;
        let len = u16::from_le_bytes([out[at + 28], out[at + 29]]) as usize;
        if &out[at + 46..at + 46 + len] == name.as_bytes() {
            out[at + 24..at + 28].copy_from_slice(&size.to_le_bytes());
        }
        i = at + 4;
    }
    out
}

#[test]
fn a_part_that_inflates_too_far_is_refused_before_and_while_inflating() {
    let good = docx(&p("一、总体情况"));
    let refused = ReadError::Refused {
        kind: Kind::Docx,
        reason: Refusal::Inflation {
            part: "word/document.xml".into(),
            limit: MAX_PART,
        },
    };
    // A declared size over the limit is refused without inflating anything.
    let declared = declare_size(&good, "word/document.xml", 0x7fff_ffff);
    assert_eq!(read_docx(&declared).unwrap_err(), refused);
    // A part that says it is small and inflates beyond the limit stops at the limit.
    let mut z = ZipWriter::new(Cursor::new(Vec::new()));
    let o = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    z.start_file("word/document.xml", o).unwrap();
    let block = vec![b' '; 1 << 20];
    for _ in 0..(MAX_PART >> 20) + 1 {
        z.write_all(&block).unwrap();
    }
    let bomb = z.finish().unwrap().into_inner();
    assert!(bomb.len() < 200_000, "{}", bomb.len());
    let lying = declare_size(&bomb, "word/document.xml", 1000);
    assert_eq!(read_docx(&lying).unwrap_err(), refused);
}

// ------------------------------------------------------------------------------------------
// Writing back.

fn edit(range: std::ops::Range<usize>, new_text: &str) -> Edit {
    Edit {
        range,
        new_text: new_text.to_string(),
    }
}

/// Applies edits found by their text: (the text to replace, its occurrence, the new text).
fn fix(bytes: &[u8], edits: &[Edit]) -> Vec<u8> {
    let doc = read_docx(bytes).unwrap();
    apply_fixes_docx(bytes, &doc, edits).unwrap()
}

fn at(text: &str, needle: &str) -> std::ops::Range<usize> {
    let i = text.find(needle).unwrap();
    i..i + needle.len()
}

/// The XML with the content of every `w:t` blanked and `xml:space` dropped: what must not change.
fn skeleton(xml: &[u8]) -> String {
    let s = String::from_utf8(xml.to_vec()).unwrap();
    let mut out = String::new();
    let mut rest = s.as_str();
    while let Some(i) = rest.find("<w:t") {
        let after = &rest[i + 4..];
        if !after.starts_with('>') && !after.starts_with(' ') {
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

#[test]
fn an_edit_changes_only_the_text_of_the_runs_it_covers() {
    let body = concat!(
        "<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>发布信息𠀀</w:t></w:r><w:r><w:rPr><w:sz w:val=\"24\"/></w:rPr><w:t>1</w:t></w:r>",
        "<w:r><w:rPr><w:i/></w:rPr><w:t>8</w:t></w:r><w:r><w:t>条</w:t></w:r></w:p>"
    );
    let bytes = docx(body);
    let doc = read_docx(&bytes).unwrap();
    // 「18」 over two runs becomes 「17」: the common 「1」 stays, 「8」 becomes 「7」 in its run.
    let out = fix(&bytes, &[edit(at(&doc.text, "18"), "17")]);
    let xml = part(&out, "word/document.xml");
    assert!(String::from_utf8_lossy(&xml).contains("<w:i/></w:rPr><w:t>7</w:t>"));
    assert_eq!(text_of(&out), "发布信息𠀀17条\n");
    // A replacement over three runs puts its text in the first and empties the others.
    let out = fix(&bytes, &[edit(at(&doc.text, "𠀀18条"), "一百 & <二>")]);
    let xml = String::from_utf8(part(&out, "word/document.xml")).unwrap();
    assert!(
        xml.contains("<w:b/></w:rPr><w:t>发布信息一百 &amp; &lt;二&gt;</w:t>"),
        "{xml}"
    );
    assert!(xml.contains("<w:i/></w:rPr><w:t></w:t>"));
    assert_eq!(text_of(&out), "发布信息一百 & <二>\n");
    assert_eq!(
        skeleton(&xml.into_bytes()),
        skeleton(&part(&bytes, "word/document.xml"))
    );
    // Every other part is the same, byte for byte.
    for name in [
        "word/media/image1.png",
        "_rels/.rels",
        "[Content_Types].xml",
    ] {
        assert_eq!(part(&out, name), part(&bytes, name));
    }
}

#[test]
fn spaces_kept_by_xml_space_where_they_need_it() {
    let bytes =
        docx("<w:p><w:r><w:t>甲</w:t></w:r><w:r><w:t xml:space=\"default\">乙</w:t></w:r></w:p>");
    let doc = read_docx(&bytes).unwrap();
    let out = fix(&bytes, &[edit(at(&doc.text, "甲"), "甲 ")]);
    let xml = String::from_utf8(part(&out, "word/document.xml")).unwrap();
    assert!(
        xml.contains("<w:t xml:space=\"preserve\">甲 </w:t>"),
        "{xml}"
    );
    let out = fix(&bytes, &[edit(at(&doc.text, "乙"), " 𠀀")]);
    let xml = String::from_utf8(part(&out, "word/document.xml")).unwrap();
    assert!(
        xml.contains("<w:t xml:space=\"preserve\"> 𠀀</w:t>"),
        "{xml}"
    );
    assert_eq!(text_of(&out), "甲 𠀀\n");
}

#[test]
fn a_blank_cell_gets_a_run_with_its_paragraph_mark_formatting() {
    let row = format!(
        "<w:tr>{}{}{}</w:tr>",
        cell("合计𠀀"),
        tc("<w:p><w:pPr><w:jc w:val=\"center\"/><w:rPr><w:sz w:val=\"21\"/></w:rPr></w:pPr></w:p>"),
        tc("<w:p/>")
    );
    let bytes = docx(&format!("<w:tbl>{}{row}</w:tbl>", grid(3)));
    let doc = read_docx(&bytes).unwrap();
    assert_eq!(doc.text, "合计𠀀\t\t\n");
    let first = doc.text.find('\t').unwrap() + 1;
    let last = doc.text.len() - 1;
    let out = fix(&bytes, &[edit(first..first, "0"), edit(last..last, "12")]);
    let xml = String::from_utf8(part(&out, "word/document.xml")).unwrap();
    assert!(
        xml.contains("<w:rPr><w:sz w:val=\"21\"/></w:rPr></w:pPr><w:r><w:rPr><w:sz w:val=\"21\"/></w:rPr><w:t>0</w:t></w:r></w:p>"),
        "{xml}"
    );
    assert!(xml.contains("<w:p><w:r><w:t>12</w:t></w:r></w:p>"), "{xml}");
    assert_eq!(text_of(&out), "合计𠀀\t0\t12\n");
}

#[test]
fn list_numbers_are_kept_and_edits_of_them_refused() {
    let body = [
        numbered(Some("H1"), None, "存在问题与改进措施"),
        numbered(Some("H1"), None, "其他"),
    ]
    .concat();
    let bytes = package(&body, Some(NUMBERING), Some(STYLES));
    let w = DocxWriter::new(&bytes).unwrap();
    let text = w.document().text.clone();
    assert_eq!(text, "一、存在问题与改进措施\n二、其他\n");
    // The standard heading keeps the number Word draws: only the words change.
    let heading = edit(
        at(&text, "一、存在问题与改进措施"),
        "一、存在的主要问题及改进情况",
    );
    assert!(w.can_apply(std::slice::from_ref(&heading)));
    let out = w.apply(&[heading]).unwrap();
    assert_eq!(text_of(&out), "一、存在的主要问题及改进情况\n二、其他\n");
    // Changing the number itself cannot be written.
    let renumber = edit(at(&text, "二、"), "三、");
    assert_eq!(
        w.check(&[renumber]),
        Err(WriteError::NotApplicable {
            edit: 0,
            why: Unwritable::Numbering
        })
    );
    let before = edit(0..0, "𠀀");
    assert!(!w.can_apply(&[before]));
}

#[test]
fn edits_across_structure_are_refused_and_stale_documents_detected() {
    let bytes = docx(&format!(
        "{}<w:tbl>{}<w:tr>{}{}</w:tr></w:tbl><w:p><w:r><w:t>甲</w:t><w:tab/><w:t>乙</w:t></w:r></w:p>",
        p("一、总体"),
        grid(2),
        cell("行政许可"),
        cell("1234")
    ));
    let w = DocxWriter::new(&bytes).unwrap();
    let text = w.document().text.clone();
    assert_eq!(text, "一、总体\n行政许可\t1234\n甲\t乙\n");
    let refused = |e: Edit| match w.check(&[e]) {
        Err(WriteError::NotApplicable { why, .. }) => Some(why),
        _ => None,
    };
    // Across two cells, across two paragraphs, a new tab, a control character.
    assert_eq!(
        refused(edit(at(&text, "许可\t12"), "x")),
        Some(Unwritable::Structure)
    );
    assert_eq!(
        refused(edit(at(&text, "总体\n行"), "x")),
        Some(Unwritable::Structure)
    );
    assert_eq!(
        refused(edit(at(&text, "1234"), "12\t34")),
        Some(Unwritable::Structure)
    );
    assert_eq!(
        refused(edit(at(&text, "1234"), "\u{7}")),
        Some(Unwritable::Characters)
    );
    // A tab inside a replaced stretch goes with it.
    let out = w.apply(&[edit(at(&text, "甲\t乙"), "甲乙𠀀")]).unwrap();
    assert_eq!(text_of(&out), "一、总体\n行政许可\t1234\n甲乙𠀀\n");
    // Overlapping edits, edits off the text, and edits of another text.
    assert_eq!(
        w.check(&[edit(0..6, "a"), edit(3..9, "b")]),
        Err(WriteError::BadEdits)
    );
    assert_eq!(w.check(&[edit(1..2, "a")]), Err(WriteError::BadEdits));
    let mut other = w.document().clone();
    other.text.push('x');
    assert_eq!(
        apply_fixes_docx(&bytes, &other, &[]),
        Err(WriteError::Stale)
    );
    assert!(!can_apply(&bytes, &other, &[]));
}

/// Table 三 in miniature: a merged group label over two rows.
fn group_table() -> Vec<u8> {
    let props = "<w:tcPr><w:tcW w:w=\"900\"/><w:vMerge w:val=\"restart\"/><w:shd w:fill=\"EEEEEE\"/></w:tcPr>";
    let cont = "<w:tcPr><w:tcW w:w=\"900\"/><w:vMerge/><w:shd w:fill=\"EEEEEE\"/></w:tcPr><w:p/>";
    let value = |v: &str| {
        tc(&format!(
            "<w:p><w:pPr><w:jc w:val=\"center\"/></w:pPr><w:r><w:rPr><w:sz w:val=\"18\"/></w:rPr><w:t>{v}</w:t></w:r></w:p>"
        ))
    };
    let rows = [
        format!(
            "<w:tr>{}{}{}</w:tr>",
            tc(&format!("{props}{}", p("（三）不予公开"))),
            cell("1.属于国家秘密"),
            value("0")
        ),
        format!(
            "<w:tr w:rsidR=\"1\">{}{}{}</w:tr>",
            tc(cont),
            cell("2.其他法律行政法规禁止公开"),
            value("1")
        ),
        format!(
            "<w:tr>{}{}{}</w:tr>",
            tc(cont),
            cell("4.保护第三方合法权益𠀀"),
            value("2")
        ),
        format!(
            "<w:tr>{}{}</w:tr>",
            tc(&format!(
                "<w:tcPr><w:gridSpan w:val=\"2\"/></w:tcPr>{}",
                p("（四）无法提供")
            )),
            value("9")
        ),
    ]
    .concat();
    docx(&format!("<w:tbl>{}{rows}</w:tbl>", grid(3)))
}

#[test]
fn a_missing_row_is_a_copy_of_its_neighbour_inside_the_merged_group() {
    let bytes = group_table();
    let w = DocxWriter::new(&bytes).unwrap();
    let text = w.document().text.clone();
    assert_eq!(
        text,
        "（三）不予公开\t1.属于国家秘密\t0\n\t2.其他法律行政法规禁止公开\t1\n\t4.保护第三方合法权益𠀀\t2\n（四）无法提供\t\t9\n"
    );
    // As the missing-row fix writes it: after the row above, a label and its values.
    let end = text.find("\t1\n").unwrap() + 2;
    let insert = edit(end..end, "\n3.危及“三安全一稳定”\t0");
    let out = w.apply(&[insert]).unwrap();
    let read_back = text_of(&out);
    assert_eq!(
        read_back,
        "（三）不予公开\t1.属于国家秘密\t0\n\t2.其他法律行政法规禁止公开\t1\n\t3.危及“三安全一稳定”\t0\n\t4.保护第三方合法权益𠀀\t2\n（四）无法提供\t\t9\n"
    );
    let xml = String::from_utf8(part(&out, "word/document.xml")).unwrap();
    // The new row continues the merge and keeps the cells' widths, shading and formatting.
    assert!(xml.contains(
        "<w:tr><w:tc><w:tcPr><w:tcW w:w=\"900\"/><w:vMerge/><w:shd w:fill=\"EEEEEE\"/></w:tcPr><w:p></w:p></w:tc><w:tc><w:p><w:r><w:t>3.危及“三安全一稳定”</w:t></w:r></w:p></w:tc><w:tc><w:p><w:pPr><w:jc w:val=\"center\"/></w:pPr><w:r><w:rPr><w:sz w:val=\"18\"/></w:rPr><w:t>0</w:t></w:r></w:p></w:tc></w:tr>"
    ), "{xml}");
    // Before a row, on the grid; and the last row of a group extended downwards.
    let start = text.find("（四）").unwrap();
    let out = w
        .apply(&[edit(start..start, "\t5.属于三类内部事务信息\t0\n")])
        .unwrap();
    assert!(text_of(&out).contains("𠀀\t2\n\t5.属于三类内部事务信息\t0\n（四）"));
    // Text where the row below continues a merge would break it; too many fields fit nowhere.
    let inside = text.find("\t2.其他").unwrap();
    assert_eq!(
        w.check(&[edit(inside..inside, "（九）新组\t1.甲\t0\n")]),
        Err(WriteError::NotApplicable {
            edit: 0,
            why: Unwritable::Row
        })
    );
    assert!(!w.can_apply(&[edit(end..end, "\n甲\t乙\t丙\t丁\t0")]));
    // A line inserted in the middle of a row is not a row.
    let mid = text.find("1.属于").unwrap();
    assert!(!w.can_apply(&[edit(mid..mid, "甲\n")]));
}

#[test]
fn output_stays_in_proportion_to_the_input() {
    // A list whose number text is longer than any list writes would repeat it before every
    // paragraph: it is not taken.
    let long = "第%1".to_string() + &"很".repeat(40);
    let numbering = format!(
        "<w:abstractNum w:abstractNumId=\"0\"><w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:lvlText w:val=\"{long}\"/></w:lvl></w:abstractNum><w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num>"
    );
    let styles = "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"N\"><w:pPr><w:numPr><w:numId w:val=\"1\"/></w:numPr></w:pPr></w:style>";
    let body = "<w:p/>".repeat(1000);
    let d = read_docx(&package(&body, Some(&numbering), Some(styles))).unwrap();
    assert_eq!(d.text, "\n".repeat(1000));
    // Spans are bounded too: a cell claiming a million columns lays out 64.
    let row = format!(
        "<w:tbl>{}<w:tr>{}{}</w:tr></w:tbl>",
        grid(2),
        tc("<w:tcPr><w:gridSpan w:val=\"1000000\"/></w:tcPr><w:p/>"),
        cell("𠀀")
    );
    assert_eq!(text_of(&docx(&row)), format!("{}𠀀\n", "\t".repeat(64)));
}
