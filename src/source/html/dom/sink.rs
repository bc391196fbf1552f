//! The tree html5ever builds, kept as a vector of nodes linked by index: each element with
//! where its start tag was written, its spans and whether it is hidden, each text node with the
//! character tokens it came from; nesting past [`MAX_DEPTH`] stops the parse.

use super::{Data, Element, Id, MAX_DEPTH, NONE, Node, Text};
use html5ever::tendril::StrTendril;
use html5ever::tree_builder::{ElemName, ElementFlags, NodeOrText, QuirksMode, TreeSink};
use html5ever::{Attribute, LocalName, Namespace, QualName, local_name, ns};
use std::borrow::Cow;
use std::cell::{Cell, RefCell};

/// An element's name, owned, as html5ever asks for it (a borrowed name would hold the tree's
/// borrow while html5ever calls back into it).
#[derive(Debug)]
pub struct Name {
    ns: Namespace,
    local: LocalName,
}

impl ElemName for Name {
    fn ns(&self) -> &Namespace {
        &self.ns
    }
    fn local_name(&self) -> &LocalName {
        &self.local
    }
}

/// The tree being built. Every borrow of `nodes` ends inside the method that takes it.
pub(super) struct Sink {
    pub(super) nodes: RefCell<Vec<Node>>,
    pub(super) names: RefCell<Vec<(Namespace, LocalName)>>,
    pub(super) depth: RefCell<Vec<u32>>,
    /// The character token being processed, if any.
    pub(super) token: Cell<u32>,
    /// Where the chunk being fed starts.
    pub(super) chunk_start: Cell<u32>,
    pub(super) too_deep: Cell<bool>,
}

impl Sink {
    pub(super) fn new() -> Sink {
        let s = Sink {
            nodes: RefCell::new(Vec::new()),
            names: RefCell::new(Vec::new()),
            depth: RefCell::new(Vec::new()),
            token: Cell::new(NONE),
            chunk_start: Cell::new(0),
            too_deep: Cell::new(false),
        };
        s.push(Data::Document, None);
        s
    }

    fn push(&self, data: Data, name: Option<(Namespace, LocalName)>) -> Id {
        let mut nodes = self.nodes.borrow_mut();
        let id = nodes.len() as Id;
        nodes.push(Node {
            parent: NONE,
            first_child: NONE,
            last_child: NONE,
            prev: NONE,
            next: NONE,
            data,
        });
        self.names
            .borrow_mut()
            .push(name.unwrap_or((ns!(), local_name!(""))));
        self.depth.borrow_mut().push(0);
        id
    }

    fn detach(nodes: &mut [Node], id: Id) {
        let (parent, prev, next) = {
            let n = &nodes[id as usize];
            (n.parent, n.prev, n.next)
        };
        if parent == NONE {
            return;
        }
        if prev != NONE {
            nodes[prev as usize].next = next;
        } else {
            nodes[parent as usize].first_child = next;
        }
        if next != NONE {
            nodes[next as usize].prev = prev;
        } else {
            nodes[parent as usize].last_child = prev;
        }
        let n = &mut nodes[id as usize];
        n.parent = NONE;
        n.prev = NONE;
        n.next = NONE;
    }

    /// Links `child` into `parent` before `before` (or last).
    fn link(&self, nodes: &mut [Node], parent: Id, child: Id, before: Id) {
        Sink::detach(nodes, child);
        let prev = if before == NONE {
            nodes[parent as usize].last_child
        } else {
            nodes[before as usize].prev
        };
        {
            let c = &mut nodes[child as usize];
            c.parent = parent;
            c.prev = prev;
            c.next = before;
        }
        if prev != NONE {
            nodes[prev as usize].next = child;
        } else {
            nodes[parent as usize].first_child = child;
        }
        if before != NONE {
            nodes[before as usize].prev = child;
        } else {
            nodes[parent as usize].last_child = child;
        }
        let mut depth = self.depth.borrow_mut();
        let d = depth[parent as usize] + 1;
        depth[child as usize] = d;
        if d > MAX_DEPTH {
            self.too_deep.set(true);
        }
    }

    /// Adds text before `before` (or last) in `parent`, merged into a text node right there.
    fn add_text(&self, parent: Id, before: Id, text: &str) {
        let token = self.token.get();
        let mut nodes = self.nodes.borrow_mut();
        let prev = if before == NONE {
            nodes[parent as usize].last_child
        } else {
            nodes[before as usize].prev
        };
        if prev != NONE
            && let Data::Text(t) = &mut nodes[prev as usize].data
        {
            t.segs.push((t.text.len() as u32, token));
            t.text.push_str(text);
            return;
        }
        drop(nodes);
        let id = self.push(
            Data::Text(Text {
                text: text.to_string(),
                segs: vec![(0, token)],
            }),
            None,
        );
        let mut nodes = self.nodes.borrow_mut();
        self.link(&mut nodes, parent, id, before);
    }

    fn insert(&self, parent: Id, before: Id, child: NodeOrText<Id>) {
        match child {
            NodeOrText::AppendNode(n) => {
                let mut nodes = self.nodes.borrow_mut();
                self.link(&mut nodes, parent, n, before);
            }
            NodeOrText::AppendText(t) => self.add_text(parent, before, &t),
        }
    }
}

fn parse_span(v: &str) -> Option<u32> {
    // Browsers read the leading digits and ignore the rest ("2px" is 2).
    let digits: String = v
        .trim()
        .chars()
        .take_while(|c| c.is_ascii_digit())
        .take(6)
        .collect();
    digits.parse().ok()
}

/// Whether an inline style hides the element.
fn style_hides(style: &str) -> bool {
    // Word's styles are long and many: look closer only when a hiding value is there at all.
    let has = |word: &[u8]| {
        style
            .as_bytes()
            .windows(word.len())
            .any(|w| w.eq_ignore_ascii_case(word))
    };
    if !has(b"display") && !has(b"visibility") {
        return false;
    }
    let s: String = style
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect();
    s.split(';').any(|decl| {
        decl.strip_prefix("display:")
            .is_some_and(|v| v.starts_with("none"))
            || decl
                .strip_prefix("visibility:")
                .is_some_and(|v| v.starts_with("hidden") || v.starts_with("collapse"))
    })
}

impl TreeSink for Sink {
    type Handle = Id;
    type Output = ();
    type ElemName<'a> = Name;

    fn finish(self) {}

    fn parse_error(&self, _msg: Cow<'static, str>) {}

    fn get_document(&self) -> Id {
        0
    }

    fn elem_name<'a>(&'a self, target: &'a Id) -> Name {
        let names = self.names.borrow();
        let (ns, local) = names
            .get(*target as usize)
            .cloned()
            .unwrap_or((ns!(), local_name!("")));
        Name { ns, local }
    }

    fn create_element(&self, name: QualName, attrs: Vec<Attribute>, flags: ElementFlags) -> Id {
        let mut el = Element {
            name: name.local.clone(),
            html: name.ns == ns!(html),
            src: self.chunk_start.get(),
            rowspan: None,
            colspan: None,
            hidden: false,
            chrome_role: false,
            template: NONE,
        };
        for a in &attrs {
            match &*a.name.local {
                "rowspan" => el.rowspan = parse_span(&a.value),
                "colspan" => el.colspan = parse_span(&a.value),
                "hidden" => el.hidden = true,
                "style" => el.hidden |= style_hides(&a.value),
                "role" => {
                    el.chrome_role = matches!(
                        a.value.trim().to_ascii_lowercase().as_str(),
                        "navigation" | "banner" | "contentinfo" | "complementary"
                    )
                }
                _ => {}
            }
        }
        if flags.template {
            el.template = self.push(Data::Other, None);
        }
        self.push(Data::Element(el), Some((name.ns, name.local)))
    }

    fn create_comment(&self, _text: StrTendril) -> Id {
        self.push(Data::Other, None)
    }

    fn create_pi(&self, _target: StrTendril, _data: StrTendril) -> Id {
        self.push(Data::Other, None)
    }

    fn append(&self, parent: &Id, child: NodeOrText<Id>) {
        self.insert(*parent, NONE, child);
    }

    fn append_based_on_parent_node(&self, element: &Id, prev_element: &Id, child: NodeOrText<Id>) {
        let has_parent = self.nodes.borrow()[*element as usize].parent != NONE;
        if has_parent {
            self.append_before_sibling(element, child);
        } else {
            self.append(prev_element, child);
        }
    }

    fn append_doctype_to_document(&self, _: StrTendril, _: StrTendril, _: StrTendril) {}

    fn get_template_contents(&self, target: &Id) -> Id {
        match &self.nodes.borrow()[*target as usize].data {
            Data::Element(e) if e.template != NONE => e.template,
            _ => *target,
        }
    }

    fn same_node(&self, x: &Id, y: &Id) -> bool {
        x == y
    }

    fn set_quirks_mode(&self, _mode: QuirksMode) {}

    fn append_before_sibling(&self, sibling: &Id, new_node: NodeOrText<Id>) {
        let parent = self.nodes.borrow()[*sibling as usize].parent;
        if parent == NONE {
            return;
        }
        self.insert(parent, *sibling, new_node);
    }

    fn add_attrs_if_missing(&self, _target: &Id, _attrs: Vec<Attribute>) {
        // Only for attributes of a second <html> or <body> tag, which say nothing we read.
    }

    fn remove_from_parent(&self, target: &Id) {
        Sink::detach(&mut self.nodes.borrow_mut(), *target);
    }

    fn reparent_children(&self, node: &Id, new_parent: &Id) {
        let mut nodes = self.nodes.borrow_mut();
        let mut child = nodes[*node as usize].first_child;
        while child != NONE {
            let next = nodes[child as usize].next;
            self.link(&mut nodes, *new_parent, child, NONE);
            child = next;
        }
    }
}
