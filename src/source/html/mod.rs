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

pub use charset::decode_page;

use super::{Document, Kind, Piece, Place, ReadError};
use dom::{Data, Dom, Id};

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
fn never_shown(name: &str) -> bool {
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
fn is_block(name: &str) -> bool {
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

/// Characters a reader does not see.
fn invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}' | '\u{200B}'..='\u{200F}' | '\u{2060}' | '\u{FEFF}' | '\u{202A}'..='\u{202E}'
    ) || (c.is_control() && !c.is_ascii_whitespace())
}

/// Characters that are spacing: collapsed and trimmed as a browser does with white space, and
/// as padding (`&nbsp;`, U+3000) is meant.
fn spacing(c: char) -> bool {
    c.is_whitespace()
}

/// How much text each node holds, to find the report in the page.
struct Stats {
    /// Non-space characters shown.
    text: Vec<u32>,
    /// Of those, the ones inside links.
    link: Vec<u32>,
    /// Links with text.
    links: Vec<u32>,
    /// Whether the subtree holds a table of data (see [`data_table`]).
    has_table: Vec<bool>,
    /// Whether the subtree holds any table (itself included).
    any_table: Vec<bool>,
    /// For table elements: a table of data, not a layout (see [`data_table`]).
    data: Vec<bool>,
    /// Elements not shown (see [`never_shown`] and `hidden`).
    skipped: Vec<bool>,
}

impl Stats {
    fn new(dom: &Dom) -> Stats {
        let n = dom.nodes.len();
        let mut s = Stats {
            text: vec![0; n],
            link: vec![0; n],
            links: vec![0; n],
            has_table: vec![false; n],
            any_table: vec![false; n],
            data: vec![false; n],
            skipped: vec![false; n],
        };
        for (i, node) in dom.nodes.iter().enumerate() {
            if let Data::Element(e) = &node.data {
                s.skipped[i] = e.hidden || (e.html && never_shown(&e.name));
            }
        }
        // Post-order without recursion: children before parents.
        let order = preorder(dom, 0, |id| !s.skipped[id as usize]);
        for &id in order.iter().rev() {
            let i = id as usize;
            if s.skipped[i] {
                continue;
            }
            match &dom.nodes[i].data {
                Data::Text(t) => {
                    s.text[i] = t
                        .text
                        .chars()
                        .filter(|c| !spacing(*c) && !invisible(*c))
                        .count() as u32;
                }
                Data::Element(e) => {
                    let (mut text, mut link, mut links, mut table) = (0u32, 0u32, 0u32, false);
                    let mut any = false;
                    for c in dom.children(id) {
                        let c = c as usize;
                        if s.skipped[c] {
                            continue;
                        }
                        text = text.saturating_add(s.text[c]);
                        link = link.saturating_add(s.link[c]);
                        links = links.saturating_add(s.links[c]);
                        table |= s.has_table[c];
                        any |= s.any_table[c];
                    }
                    if &*e.name == "a" {
                        link = text;
                        links = links.max(u32::from(text > 0));
                    }
                    if e.html && &*e.name == "table" {
                        s.data[i] = data_table(dom, &s.any_table, id);
                        table |= text > 0 && s.data[i];
                        any = true;
                    }
                    s.any_table[i] = any;
                    s.text[i] = text;
                    s.link[i] = link;
                    s.links[i] = links;
                    s.has_table[i] = table;
                }
                _ => {}
            }
        }
        s
    }

    /// Text that is not links.
    fn content(&self, id: Id) -> u32 {
        self.text[id as usize] - self.link[id as usize].min(self.text[id as usize])
    }

    /// Mostly links: navigation, breadcrumbs, share buttons, lists of related pages.
    fn link_heavy(&self, id: Id) -> bool {
        let (t, l) = (self.text[id as usize], self.link[id as usize]);
        l > 0 && l * 2 >= t
    }
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

fn find_body(dom: &Dom) -> Id {
    for html in dom.children(0) {
        if name_of(dom, html) == Some("html") {
            for c in dom.children(html) {
                if name_of(dom, c) == Some("body") {
                    return c;
                }
            }
            return html;
        }
    }
    0
}

/// The rows of a table (not of tables inside it): `tr` children of the table and of its
/// `thead`, `tbody` and `tfoot`.
fn table_rows(dom: &Dom, table: Id) -> Vec<Id> {
    let mut rows = Vec::new();
    for c in dom.children(table) {
        match name_of(dom, c) {
            Some("tr") => rows.push(c),
            Some("thead" | "tbody" | "tfoot") => {
                rows.extend(dom.children(c).filter(|&r| name_of(dom, r) == Some("tr")))
            }
            _ => {}
        }
    }
    rows
}

fn row_cells(dom: &Dom, tr: Id) -> impl Iterator<Item = Id> + '_ {
    dom.children(tr)
        .filter(move |&c| matches!(name_of(dom, c), Some("td" | "th")))
}

/// Whether a table holds data rather than laying out a page: it has more than one column and
/// no table inside it. (A page laid out with tables puts its content, tables included, in
/// their cells; a frame around the text is one column wide.)
fn data_table(dom: &Dom, any_table: &[bool], table: Id) -> bool {
    let mut wide = false;
    for tr in table_rows(dom, table) {
        let mut cols = 0u32;
        for cell in row_cells(dom, tr) {
            cols += dom
                .element(cell)
                .and_then(|e| e.colspan)
                .unwrap_or(1)
                .max(1);
            if any_table[cell as usize] {
                return false;
            }
        }
        wide |= cols > 1;
    }
    wide
}

/// Elements that may hold a whole report: the content root is looked for inside them.
fn container(dom: &Dom, stats: &Stats, id: Id) -> bool {
    let Some(e) = dom.element(id) else {
        return false;
    };
    if !e.html {
        return false;
    }
    match &*e.name {
        "div" | "section" | "article" | "main" | "center" | "form" | "font" | "blockquote"
        | "body" | "html" | "span" => true,
        "table" | "tbody" | "thead" | "tfoot" | "tr" | "td" | "th" => {
            // Only the parts of a layout table.
            let mut t = id;
            while name_of(dom, t) != Some("table") {
                t = dom.node(t).parent;
                if t == u32::MAX {
                    return false;
                }
            }
            !stats.data[t as usize]
        }
        name => name.contains('-'),
    }
}

/// The element that holds the report: from the body down, into the child that holds most of
/// the text that is not links, as long as the text left beside it is only page chrome (short,
/// and no table of data).
fn content_root(dom: &Dom, stats: &Stats, body: Id) -> Id {
    let mut cur = body;
    loop {
        let total = stats.content(cur);
        let kids: Vec<Id> = dom
            .children(cur)
            .filter(|&c| !stats.skipped[c as usize])
            .collect();
        let Some(&best) = kids.iter().max_by_key(|&&c| stats.content(c)) else {
            return cur;
        };
        if !container(dom, stats, best) || stats.content(best) == 0 {
            return cur;
        }
        let minor = (total / 8).max(300);
        let others_are_chrome = kids
            .iter()
            .all(|&c| c == best || (stats.content(c) < minor && !stats.has_table[c as usize]));
        if !others_are_chrome || stats.content(best) * 2 < total {
            return cur;
        }
        cur = best;
    }
}

/// Elements that are page chrome by their kind.
fn chrome_element(dom: &Dom, id: Id) -> bool {
    dom.element(id).is_some_and(|e| {
        e.chrome_role || (e.html && matches!(&*e.name, "header" | "footer" | "nav" | "aside"))
    })
}

/// The title block: the text before the report's element and after the page's navigation
/// (the title, its source and date), found by walking back from the content root through
/// the blocks before it and its ancestors, skipping links, up to a menu or breadcrumb, a
/// header, or a long text.
fn title_blocks(dom: &Dom, stats: &Stats, root: Id, body: Id) -> Vec<Id> {
    const BUDGET: u32 = 400;
    let mut out = Vec::new();
    let mut taken = 0u32;
    let mut cur = root;
    'up: while cur != body && cur != 0 {
        let node = dom.node(cur);
        let mut sib = node.prev;
        while sib != u32::MAX {
            let s = sib as usize;
            sib = dom.node(sib).prev;
            let id = s as Id;
            if stats.skipped[s] || stats.text[s] == 0 {
                continue;
            }
            if chrome_element(dom, id) {
                break 'up;
            }
            if stats.link_heavy(id) {
                // A menu or a breadcrumb ends the title block; a share button does not.
                if stats.links[s] >= 4 {
                    break 'up;
                }
                continue;
            }
            let c = stats.content(id);
            if c > BUDGET || stats.has_table[s] {
                break 'up;
            }
            taken += c;
            if taken > BUDGET {
                break 'up;
            }
            out.push(id);
        }
        cur = node.parent;
        if cur == u32::MAX {
            break;
        }
    }
    out.reverse();
    out
}

/// One character of output and where it came from: a text node, a byte offset in its text and
/// the length of the character written there (a space may stand for U+3000), or nowhere
/// (`u32::MAX`) for characters the reader adds.
#[derive(Clone, Copy)]
struct Ch {
    c: char,
    node: Id,
    at: u32,
    len: u8,
}

impl Ch {
    fn new(c: char, node: Id, at: usize) -> Ch {
        Ch {
            c,
            node,
            at: at as u32,
            len: c.len_utf8() as u8,
        }
    }
}

/// A line being gathered: characters as written, with block breaks (for cells).
#[derive(Default)]
struct Run {
    parts: Vec<Vec<Ch>>,
}

impl Run {
    fn push(&mut self, ch: Ch) {
        if self.parts.is_empty() {
            self.parts.push(Vec::new());
        }
        self.parts.last_mut().unwrap().push(ch);
    }

    fn brk(&mut self) {
        if self.parts.last().is_some_and(|p| !p.is_empty()) {
            self.parts.push(Vec::new());
        }
    }
}

/// Collapses spacing to one space and trims it, as a browser shows text.
fn collapse(chars: &[Ch]) -> Vec<Ch> {
    let mut out: Vec<Ch> = Vec::with_capacity(chars.len());
    let mut pending: Option<Ch> = None;
    for &ch in chars {
        if invisible(ch.c) {
            continue;
        }
        if spacing(ch.c) {
            if !out.is_empty() && pending.is_none() {
                pending = Some(Ch { c: ' ', ..ch });
            }
            continue;
        }
        if let Some(p) = pending.take() {
            out.push(p);
        }
        out.push(ch);
    }
    out
}

/// The parts of a cell joined into its text: a label written a character per paragraph, or
/// 「结果」 and 「纠正」 on two lines, is one word; two runs of Latin letters or digits keep a
/// space between them.
fn join_parts(parts: &[Vec<Ch>]) -> Vec<Ch> {
    let mut out: Vec<Ch> = Vec::new();
    for p in parts {
        let p = collapse(p);
        if p.is_empty() {
            continue;
        }
        if let (Some(a), Some(b)) = (out.last(), p.first())
            && a.c.is_ascii_alphanumeric()
            && b.c.is_ascii_alphanumeric()
        {
            out.push(Ch::new(' ', u32::MAX, 0));
        }
        out.extend(p);
    }
    out
}

/// Writes the text and its pieces.
struct Writer<'d> {
    dom: &'d Dom,
    text: String,
    pieces: Vec<Piece>,
    run: Run,
    paragraphs: usize,
    tables: usize,
    /// The next line continues the paragraph before it (after a `<br>`).
    same_paragraph: bool,
    /// The last line written was a table row.
    after_table: bool,
}

impl<'d> Writer<'d> {
    fn new(dom: &'d Dom) -> Writer<'d> {
        Writer {
            dom,
            text: String::new(),
            pieces: Vec::new(),
            run: Run::default(),
            paragraphs: 0,
            tables: 0,
            same_paragraph: false,
            after_table: false,
        }
    }

    /// Appends characters to the text, with pieces for each stretch from one text node.
    fn emit(&mut self, chars: &[Ch], place: &Place) {
        let mut i = 0;
        while i < chars.len() {
            let start_text = self.text.len();
            let node = chars[i].node;
            let first = chars[i].at as usize;
            let mut j = i;
            let mut last_end = first;
            while j < chars.len() && chars[j].node == node {
                if j > i && chars[j].at as usize != last_end {
                    break;
                }
                self.text.push(chars[j].c);
                last_end = chars[j].at as usize + chars[j].len as usize;
                j += 1;
            }
            if node != u32::MAX {
                self.pieces.push(Piece {
                    text: start_text..self.text.len(),
                    place: place.clone(),
                    source: self.dom.text_source(node, first..last_end),
                });
            }
            i = j;
        }
    }

    fn newline(&mut self) {
        self.text.push('\n');
    }

    /// Ends the line being gathered, as a paragraph.
    fn flush(&mut self, continues: bool) {
        let run = std::mem::take(&mut self.run);
        let chars: Vec<Ch> = collapse(&run.parts.concat());
        if chars.is_empty() {
            if !continues {
                self.same_paragraph = false;
            }
            return;
        }
        if self.after_table {
            self.newline();
            self.after_table = false;
        }
        if !self.same_paragraph {
            self.paragraphs += 1;
        }
        let place = Place::Paragraph(self.paragraphs);
        self.emit(&chars, &place);
        self.newline();
        self.same_paragraph = continues;
    }

    /// Writes the blocks of `root`'s subtree. `title` leaves out parts that are links.
    fn flow(&mut self, root: Id, title: bool, stats: &Stats) {
        let dom = self.dom;
        // (node, leaving): leaving an element ends its block.
        let mut stack: Vec<(Id, bool)> = vec![(root, false)];
        while let Some((id, leaving)) = stack.pop() {
            let i = id as usize;
            match &dom.nodes[i].data {
                Data::Text(t) => {
                    for (at, c) in t.text.char_indices() {
                        self.run.push(Ch::new(c, id, at));
                    }
                }
                Data::Element(e) => {
                    let name = if e.html { &*e.name } else { "" };
                    if leaving {
                        if is_block(name) {
                            self.flush(false);
                        }
                        continue;
                    }
                    if stats.skipped[i] || (title && stats.link_heavy(id)) {
                        continue;
                    }
                    if name == "br" {
                        self.flush(true);
                        continue;
                    }
                    if name == "table" && stats.data[i] {
                        self.flush(false);
                        self.table(id, stats);
                        continue;
                    }
                    if is_block(name) {
                        self.flush(false);
                    }
                    stack.push((id, true));
                    let at = stack.len();
                    stack.extend(dom.children(id).map(|c| (c, false)));
                    stack[at..].reverse();
                }
                Data::Document => {
                    let at = stack.len();
                    stack.extend(dom.children(id).map(|c| (c, false)));
                    stack[at..].reverse();
                }
                Data::Other => {}
            }
        }
    }

    /// The text of a cell, its parts split where blocks and line breaks are.
    fn cell_text(&self, cell: Id, stats: &Stats) -> Vec<Ch> {
        let dom = self.dom;
        let mut run = Run::default();
        let mut stack: Vec<(Id, bool)> = vec![(cell, false)];
        while let Some((id, leaving)) = stack.pop() {
            match &dom.nodes[id as usize].data {
                Data::Text(t) => {
                    for (at, c) in t.text.char_indices() {
                        run.push(Ch::new(c, id, at));
                    }
                }
                Data::Element(e) => {
                    let name = if e.html { &*e.name } else { "" };
                    if leaving {
                        run.brk();
                        continue;
                    }
                    if stats.skipped[id as usize] {
                        continue;
                    }
                    if name == "br" {
                        run.brk();
                        continue;
                    }
                    if is_block(name) {
                        run.brk();
                        stack.push((id, true));
                    }
                    let at = stack.len();
                    stack.extend(dom.children(id).map(|c| (c, false)));
                    stack[at..].reverse();
                }
                _ => {}
            }
        }
        join_parts(&run.parts)
    }

    /// Writes a table of data: a line per row, a field per column of the table's grid.
    fn table(&mut self, table: Id, stats: &Stats) {
        const MAX_COLS: usize = 1000;
        const MAX_AREA: usize = 1 << 22;
        let dom = self.dom;
        let rows = table_rows(dom, table);
        if rows.is_empty() {
            return;
        }
        self.tables += 1;
        let t = self.tables;
        // The grid: for each slot, the cell that covers it and where that cell starts.
        let mut grid: Vec<Vec<Option<(Id, usize, usize)>>> = vec![Vec::new(); rows.len()];
        let mut area = 0usize;
        for (r, &tr) in rows.iter().enumerate() {
            let mut c = 0usize;
            for cell in row_cells(dom, tr) {
                while grid[r].get(c).is_some_and(Option::is_some) {
                    c += 1;
                }
                if c >= MAX_COLS {
                    break;
                }
                let e = dom.element(cell);
                let colspan =
                    (e.and_then(|e| e.colspan).unwrap_or(1).max(1) as usize).min(MAX_COLS - c);
                let rowspan = match e.and_then(|e| e.rowspan) {
                    // rowspan="0" runs to the end of the table.
                    Some(0) => rows.len() - r,
                    Some(n) => (n as usize).min(rows.len() - r),
                    None => 1,
                };
                area += colspan * rowspan;
                if area > MAX_AREA {
                    break;
                }
                for row in grid.iter_mut().skip(r).take(rowspan) {
                    if row.len() < c + colspan {
                        row.resize(c + colspan, None);
                    }
                    for slot in &mut row[c..c + colspan] {
                        // Overlapping cells: the first one keeps the slot.
                        if slot.is_none() {
                            *slot = Some((cell, r, c));
                        }
                    }
                }
                c += colspan;
            }
        }
        let width = grid.iter().map(Vec::len).max().unwrap_or(0);
        if width == 0 {
            return;
        }
        if !self.text.is_empty() && !self.text.ends_with("\n\n") {
            self.newline();
        }
        for (r, row) in grid.iter().enumerate() {
            // A row that starts no cell (only merged cells running through) shows nothing.
            if !row.iter().any(|s| s.is_some_and(|(_, sr, _)| sr == r)) {
                continue;
            }
            for c in 0..width {
                if c > 0 {
                    self.text.push('\t');
                }
                let slot = row.get(c).copied().flatten();
                match slot {
                    Some((cell, sr, sc)) if sr == r && sc == c => {
                        let chars = self.cell_text(cell, stats);
                        let place = Place::Cell {
                            table: t,
                            row: r + 1,
                            col: c + 1,
                        };
                        if chars.is_empty() {
                            self.empty_piece(cell, place);
                        } else {
                            self.emit(&chars, &place);
                        }
                    }
                    Some((cell, sr, sc)) => self.empty_piece(
                        cell,
                        Place::Cell {
                            table: t,
                            row: sr + 1,
                            col: sc + 1,
                        },
                    ),
                    None => {}
                }
            }
            self.newline();
        }
        self.after_table = true;
        self.same_paragraph = false;
    }

    /// A piece for an empty field: where a value would go, at the cell's tag.
    fn empty_piece(&mut self, cell: Id, place: Place) {
        let at = self.text.len();
        let src = self.dom.element(cell).map(|e| e.src as usize);
        self.pieces.push(Piece {
            text: at..at,
            place,
            source: src.map(|s| s..s),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
