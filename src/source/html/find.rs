//! Finding the report in the page: how much text, link text and data each element holds, the
//! element that holds the report, and the title block before it.

use super::dom::{Data, Dom, Id};
use super::table::{row_cells, table_rows};
use super::text::{invisible, spacing};
use super::{name_of, never_shown, preorder};

/// How much text each node holds, to find the report in the page.
pub(super) struct Stats {
    /// Non-space characters shown.
    pub(super) text: Vec<u32>,
    /// Of those, the ones inside links.
    pub(super) link: Vec<u32>,
    /// Links with text.
    pub(super) links: Vec<u32>,
    /// Whether the subtree holds a table of data (see [`data_table`]).
    pub(super) has_table: Vec<bool>,
    /// Whether the subtree holds any table (itself included).
    pub(super) any_table: Vec<bool>,
    /// For table elements: a table of data, not a layout (see [`data_table`]).
    pub(super) data: Vec<bool>,
    /// Elements not shown (see [`never_shown`] and `hidden`).
    pub(super) skipped: Vec<bool>,
}

impl Stats {
    pub(super) fn new(dom: &Dom) -> Stats {
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
    pub(super) fn content(&self, id: Id) -> u32 {
        self.text[id as usize] - self.link[id as usize].min(self.text[id as usize])
    }

    /// Mostly links: navigation, breadcrumbs, share buttons, lists of related pages.
    pub(super) fn link_heavy(&self, id: Id) -> bool {
        let (t, l) = (self.text[id as usize], self.link[id as usize]);
        l > 0 && l * 2 >= t
    }
}

pub(super) fn find_body(dom: &Dom) -> Id {
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
pub(super) fn content_root(dom: &Dom, stats: &Stats, body: Id) -> Id {
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
pub(super) fn title_blocks(dom: &Dom, stats: &Stats, root: Id, body: Id) -> Vec<Id> {
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
