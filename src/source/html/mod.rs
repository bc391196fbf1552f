//! Web pages, as saved from a government site or exported from Word or WPS.
//!
//! The page is parsed by html5ever ([`dom`]), the report is found in it (the element that holds
//! most of the page's text that is not links, plus the title block before it; navigation,
//! breadcrumbs, footers and scripts are left out), and its paragraphs and tables are written in
//! the text layout the model reads: a paragraph per line, a table row per line with its cells
//! separated by tabs on the table's grid, so that a merged cell leaves empty fields where it
//! continues. Every stretch of that text knows its paragraph or cell and where it is written in
//! the page.
//!
//! The reader knows web pages, not reports: nothing here names a section, a row or a site.

mod charset;
mod dom;
mod find;
mod table;
mod text;
mod write;

pub use charset::decode_page;

use super::{Document, Kind, ReadError};
use dom::{Dom, Id};
use find::{Stats, content_root, find_body, title_blocks};
use write::Writer;

/// The largest page read. Saved report pages are 100–400 KB; a page exported from Word with
/// its pictures inline is a few megabytes.
pub const MAX_PAGE_BYTES: usize = 16 * 1024 * 1024;

/// Reads a web page into the text layout the model reads. Offsets in [`Piece::source`] are
/// byte offsets in the page's text as [`decode_page`] gives it, which for a UTF-8 page (the
/// usual kind) are byte offsets in the file.
pub fn read_html(bytes: &[u8]) -> Result<Document, ReadError> {
    if bytes.len() > MAX_PAGE_BYTES {
        return Err(ReadError::TooLarge {
            bytes: bytes.len(),
            limit: MAX_PAGE_BYTES,
        });
    }
    let (src, encoding) = decode_page(bytes);
    let dom = dom::parse(&src);
    if dom.too_deep {
        return Err(ReadError::TooDeep {
            limit: dom::MAX_DEPTH as usize,
        });
    }
    let stats = Stats::new(&dom);
    let body = find_body(&dom);
    let root = content_root(&dom, &stats, body);
    let title = title_blocks(&dom, &stats, root, body);
    let mut w = Writer::new(&dom);
    for t in title {
        w.flow(t, true, &stats);
    }
    w.flow(root, false, &stats);
    w.flush(false);
    Ok(Document {
        kind: Kind::Html,
        text: w.text,
        encoding,
        pieces: w.pieces,
    })
}

/// Elements whose content a reader never sees as text.
pub(super) fn never_shown(name: &str) -> bool {
    matches!(
        name,
        "script"
            | "style"
            | "noscript"
            | "template"
            | "head"
            | "title"
            | "iframe"
            | "frame"
            | "frameset"
            | "noframes"
            | "object"
            | "embed"
            | "applet"
            | "svg"
            | "math"
            | "canvas"
            | "video"
            | "audio"
            | "map"
            | "select"
            | "textarea"
            | "button"
            | "input"
            | "nav"
            | "aside"
    )
}

/// Elements that start and end a block of text (a paragraph, a line of a cell).
pub(super) fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "li"
            | "ul"
            | "ol"
            | "dl"
            | "dt"
            | "dd"
            | "blockquote"
            | "pre"
            | "section"
            | "article"
            | "header"
            | "footer"
            | "main"
            | "address"
            | "center"
            | "figure"
            | "figcaption"
            | "form"
            | "fieldset"
            | "legend"
            | "hr"
            | "table"
            | "caption"
            | "tr"
            | "td"
            | "th"
            | "tbody"
            | "thead"
            | "tfoot"
            | "body"
            | "html"
            | "details"
            | "summary"
    )
}

/// The nodes of `root`'s subtree in document order, entering a node's children only when
/// `enter` allows.
fn preorder(dom: &Dom, root: Id, enter: impl Fn(Id) -> bool) -> Vec<Id> {
    let mut out = Vec::new();
    let mut stack = vec![root];
    while let Some(id) = stack.pop() {
        out.push(id);
        if !enter(id) {
            continue;
        }
        let at = stack.len();
        stack.extend(dom.children(id));
        stack[at..].reverse();
    }
    out
}

fn name_of(dom: &Dom, id: Id) -> Option<&str> {
    dom.element(id).filter(|e| e.html).map(|e| &*e.name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::Place;

    fn read(page: &str) -> Document {
        read_html(page.as_bytes()).expect("a page is read")
    }

    fn lines(d: &Document) -> Vec<&str> {
        d.text.lines().filter(|l| !l.is_empty()).collect()
    }

    /// The place and the source text of the piece that holds `needle` in the output.
    fn piece_of<'a>(d: &'a Document, src: &'a str, needle: &str) -> (&'a Place, &'a str) {
        let at = d.text.find(needle).expect("needle in text");
        let p = d.piece_at(at).expect("a piece");
        (&p.place, &src[p.source.clone().expect("a source range")])
    }

    #[test]
    fn spans_in_either_attribute_order_lay_cells_on_the_grid() {
        let page = r#"<table>
<tr><td colspan="2" rowspan="2">类别𠀀</td><td rowspan="2" colspan="1">合计</td><td colspan="2">申请人</td></tr>
<tr><td>个人</td><td>单位</td></tr>
<tr><td rowspan=2>一、新收</td><td>甲</td><td>7</td><td>3</td><td>4</td></tr>
<tr><td>乙</td><td>2</td><td>1</td><td>1</td></tr>
</table>"#;
        let d = read(page);
        assert_eq!(
            lines(&d),
            [
                "类别𠀀\t\t合计\t申请人\t",
                "\t\t\t个人\t单位",
                "一、新收\t甲\t7\t3\t4",
                "\t乙\t2\t1\t1",
            ]
        );
        let (place, src) = piece_of(&d, page, "单位");
        assert_eq!(
            (place, src),
            (
                &Place::Cell {
                    table: 1,
                    row: 2,
                    col: 5
                },
                "单位"
            )
        );
        // The field a merged cell continues into belongs to the cell where it starts.
        let row4 = d.text.find("\t乙").unwrap();
        assert_eq!(
            d.piece_at(row4).unwrap().place,
            Place::Cell {
                table: 1,
                row: 3,
                col: 1
            }
        );
    }

    #[test]
    fn cell_text_over_paragraphs_and_breaks_is_one_label() {
        let page = "<table><tr>\
            <td><p>三</p><p>、</p><p>本</p><p>年</p><p>度</p></td>\
            <td><p><span>结果</span><br/><span>纠正</span></p></td>\
            <td><p>结果</p>\n<p>维持</p></td>\
            <td><p>Word</p><p>2019</p></td>\
            <td><p>本年新</p><p>制作数量𠀀</p></td></tr></table>";
        assert_eq!(
            lines(&read(page)),
            ["三、本年度\t结果纠正\t结果维持\tWord 2019\t本年新制作数量𠀀"]
        );
    }

    #[test]
    fn padding_is_trimmed_and_blank_cells_stay_empty_fields() {
        let page = "<table><tr><td>（三）不予公开&nbsp;</td><td><p>&nbsp;&nbsp;0</p></td>\
            <td>12&nbsp;&nbsp;</td><td>\u{3000}\u{3000}7</td><td><br/></td>\
            <td><span style=\"font-family:宋体\"></span></td><td>3</td></tr></table>";
        let d = read(page);
        assert_eq!(lines(&d), ["（三）不予公开\t0\t12\t7\t\t\t3"]);
        // The blank cell has a piece where its tag is.
        let blank = d.text.find("7\t").unwrap() + 2;
        let p = d.piece_at(blank).unwrap();
        assert_eq!(
            p.place,
            Place::Cell {
                table: 1,
                row: 1,
                col: 5
            }
        );
        assert!(page[p.source.clone().unwrap().start..].starts_with("<td><br/>"));
        // The padded number points at its digit.
        let (_, src) = piece_of(&d, page, "12");
        assert_eq!(src, "12");
    }

    #[test]
    fn word_and_wps_markup_leaves_its_text_and_list_numbers() {
        let page = r#"<div class="WordSection1">
<p class="MsoNormal" style="mso-list:l0 level1 lfo1"><!--[if !supportLists]--><span style="mso-list:Ignore">二、</span><!--[endif]--><span style="font-family:黑体">主动公开<o:p></o:p></span></p>
<p class=MsoNormal><![if !supportLists]>三、<![endif]>收到申请<o:p>&nbsp;</o:p></p>
<p class="MsoNormal"><!--?xml:namespace prefix = o /-->统计期限为<st1:chsdate year="2021" month="1" day="1" w:st="on"><span lang="EN-US">2021</span>年<span lang="EN-US">1</span>月<span lang="EN-US">1</span>日</st1:chsdate>起𠀀</p>
<table class="MsoTableGrid"><tr style="mso-yfti-irow:0"><td style="border:solid windowtext 1.0pt;
mso-border-alt:solid windowtext .5pt"><p class="MsoNormal"><span lang="EN-US">246900</span><span>元<span></span></span></p></td><td><p>1</p></td></tr></table>
</div>"#;
        assert_eq!(
            lines(&read(page)),
            [
                "二、主动公开",
                "三、收到申请",
                "统计期限为2021年1月1日起𠀀",
                "246900元\t1",
            ]
        );
    }

    #[test]
    fn the_report_is_found_and_the_page_chrome_left_out() {
        let report = "<p>一、总体情况</p>".to_string()
            + &"<p>本机关依法公开政府信息，全年主动公开信息一百余条，办理申请若干件。𠀀</p>"
                .repeat(12)
            + "<table><tr><td>行政许可</td><td>15</td></tr></table><p>二、其他</p>";
        let page = format!(
            r##"<!DOCTYPE html><html><head><title>年报</title><script>var gklist = {{"a": "<p>脚本里的字</p>"}};</script><style>p {{ color: red }}</style></head>
<body><div class="top"><ul><li><a href="/">首页</a></li><li><a href="/a">政务公开</a></li><li><a href="/b">新闻</a></li><li><a href="/c">互动</a></li></ul><span>欢迎访问本站</span></div>
<div class="main"><div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/x">政务公开</a> &gt; <a href="/y">年报</a> &gt; <a href="/z">正文</a></div>
<div class="art"><h1>某某局2025年政府信息公开工作年度报告</h1><div class="meta">来源：某某局 时间：2026-01-20</div>
<div class="share"><a href="#">微信</a><a href="#">微博</a></div>
<div class="content"><div class="inner">{report}</div></div></div></div>
<div class="foot"><p>主办单位：某某局 地址：某路1号 电话：0591-1234567</p><p><a href="/map">网站地图</a></p></div>
<nav>导航里的字</nav><div style="display: none">隐藏的字</div></body></html>"##
        );
        let d = read(&page);
        let ls = lines(&d);
        assert_eq!(ls[0], "某某局2025年政府信息公开工作年度报告");
        assert_eq!(ls[1], "来源：某某局 时间：2026-01-20");
        assert_eq!(ls[2], "一、总体情况");
        assert!(ls.contains(&"行政许可\t15"));
        assert_eq!(ls.last(), Some(&"二、其他"));
        for chrome in [
            "首页",
            "欢迎",
            "当前位置",
            "微信",
            "主办单位",
            "脚本",
            "导航",
            "隐藏",
            "color",
        ] {
            assert!(!d.text.contains(chrome), "{chrome} left in:\n{}", d.text);
        }
        assert_eq!(d.pieces[0].place, Place::Paragraph(1));
        let (place, src) = piece_of(&d, &page, "二、其他");
        assert_eq!((place, src), (&Place::Paragraph(16), "二、其他"));
    }

    #[test]
    fn a_report_in_a_page_laid_out_with_tables_is_found_in_its_cell() {
        let body = "<p>一、总体情况</p>".to_string()
            + &"<p>全年公开信息若干条，依申请公开办理完毕。</p>".repeat(10)
            + "<table><tr><td>规章</td><td>0</td></tr><tr><td>行政规范性文件</td><td>3</td></tr></table>";
        let page = format!(
            "<table><tr><td><a href=/>首页</a> <a href=/1>机构</a> <a href=/2>公开</a> <a href=/3>互动</a></td></tr>\
             <tr><td><table><tr><td>{body}</td></tr></table></td></tr><tr><td>版权所有</td></tr></table>"
        );
        let d = read(&page);
        let ls = lines(&d);
        assert_eq!(ls[0], "一、总体情况");
        assert_eq!(&ls[ls.len() - 2..], ["规章\t0", "行政规范性文件\t3"]);
        assert!(!d.text.contains("首页") && !d.text.contains("版权"));
    }

    #[test]
    fn gbk_pages_are_decoded_and_their_offsets_are_in_the_decoded_text() {
        let page = "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\"></head><body><p>一、总体情况</p><table><tr><td>行政许可</td><td>15</td></tr></table></body></html>";
        let (bytes, _, _) = encoding_rs::GBK.encode(page);
        let d = read_html(&bytes).unwrap();
        assert_eq!(d.encoding, "gb18030");
        assert_eq!(lines(&d), ["一、总体情况", "行政许可\t15"]);
        let (text, _) = decode_page(&bytes);
        let (_, src) = piece_of(&d, &text, "行政许可");
        assert_eq!(src, "行政许可");
    }

    #[test]
    fn line_breaks_in_prose_make_lines_of_one_paragraph() {
        let d = read("<p>平潭某局<br>2026年1月30日</p><p>第二段 \n 续</p>");
        assert_eq!(lines(&d), ["平潭某局", "2026年1月30日", "第二段 续"]);
        let mut places: Vec<_> = d.pieces.iter().map(|p| p.place.clone()).collect();
        places.dedup();
        assert_eq!(places, [Place::Paragraph(1), Place::Paragraph(2)]);
    }

    #[test]
    fn bad_pages_give_errors_or_little_text() {
        let deep = "<div>".repeat(100_000) + "正文";
        assert_eq!(
            read_html(deep.as_bytes()).unwrap_err(),
            ReadError::TooDeep {
                limit: dom::MAX_DEPTH as usize
            }
        );
        let huge = vec![b'a'; MAX_PAGE_BYTES + 1];
        assert!(matches!(read_html(&huge), Err(ReadError::TooLarge { .. })));
        let entities = "<p>".to_string() + &"&amp;&nbsp;&#x20000;&lt;".repeat(20_000) + "</p>";
        let d = read(&entities);
        assert_eq!(d.text.chars().filter(|&c| c == '𠀀').count(), 20_000);
        assert!(read("<html><body></body></html>").text.is_empty());
        assert!(read("").text.is_empty());
        // A page that is no report is read as what it says.
        let d = read("<p>天气预报：明天晴。</p>");
        assert_eq!(d.text, "天气预报：明天晴。\n");
    }
}
