//! A web page parsed by html5ever into a flat tree, with where each piece of text and each
//! element was written in the page source.
//!
//! html5ever reports no source positions, so the page is fed to its tokenizer in chunks that
//! each start at a `<`: the tokens that come out while a chunk is fed were written in that chunk,
//! and a token's text, matched backwards from the end of what was consumed, gives its exact
//! range (an entity or a line break that was rewritten gets the range of what it was written
//! as). The tree is a vector of nodes linked by index, so nothing recurses on its depth, and
//! parsing stops when the nesting passes [`MAX_DEPTH`].

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{
    BufferQueue, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};
use html5ever::tree_builder::{
    ElemName, ElementFlags, NodeOrText, QuirksMode, TreeBuilder, TreeBuilderOpts, TreeSink,
};
use html5ever::{Attribute, LocalName, Namespace, QualName, TokenizerResult, local_name, ns};
use std::borrow::Cow;
use std::cell::{Cell, RefCell};
use std::ops::Range;

/// Deeper nesting than this is no web page a person made: parsing stops (html5ever's scope
/// checks walk the stack of open elements, so deep stacks make it slow).
pub const MAX_DEPTH: u32 = 512;

/// A start tag with more attributes than this loses them (html5ever checks each new attribute
/// against the ones before it, which is quadratic); a real tag has a dozen.
const MAX_ATTRIBUTES: usize = 256;

pub type Id = u32;
const NONE: Id = Id::MAX;

#[derive(Debug)]
pub struct Node {
    pub parent: Id,
    pub first_child: Id,
    pub last_child: Id,
    pub prev: Id,
    pub next: Id,
    pub data: Data,
}

#[derive(Debug)]
pub enum Data {
    Document,
    Element(Element),
    Text(Text),
    /// Comments, processing instructions and template contents: never shown.
    Other,
}

#[derive(Debug)]
pub struct Element {
    pub name: LocalName,
    pub html: bool,
    /// Where the start tag that made the element begins (for implied elements, the tag that
    /// implied them).
    pub src: u32,
    pub rowspan: Option<u32>,
    pub colspan: Option<u32>,
    /// `hidden`, or a style with `display: none` or `visibility: hidden`.
    pub hidden: bool,
    /// `role="navigation"`, `"banner"`, `"contentinfo"` or `"complementary"`.
    pub chrome_role: bool,
    /// The contents of a `<template>`.
    template: Id,
}

#[derive(Debug, Default)]
pub struct Text {
    pub text: String,
    /// Where stretches of the text came from: `(offset in text, token)`, in order.
    pub segs: Vec<(u32, u32)>,
}

/// Where a character token was written.
#[derive(Clone, Debug, Default)]
pub struct TokenSource {
    pub range: Range<u32>,
    /// The source bytes are the token's text (no entity or line break was rewritten), so an
    /// offset in the text is the same offset in the source.
    pub literal: bool,
}

pub struct Dom {
    pub nodes: Vec<Node>,
    pub tokens: Vec<TokenSource>,
    /// Parsing stopped at [`MAX_DEPTH`].
    pub too_deep: bool,
}

impl Dom {
    pub fn children(&self, id: Id) -> Children<'_> {
        Children {
            dom: self,
            next: self.nodes[id as usize].first_child,
        }
    }

    pub fn node(&self, id: Id) -> &Node {
        &self.nodes[id as usize]
    }

    pub fn element(&self, id: Id) -> Option<&Element> {
        match &self.nodes[id as usize].data {
            Data::Element(e) => Some(e),
            _ => None,
        }
    }

    /// The source range where the bytes `r` of text node `id` were written: exact where the
    /// characters were written as they are, else the whole run of source they came from.
    pub fn text_source(&self, id: Id, r: Range<usize>) -> Option<Range<usize>> {
        let Data::Text(t) = &self.nodes[id as usize].data else {
            return None;
        };
        // For the character at byte `at`: its token, and its offset in the source if exact.
        let locate = |at: usize| -> Option<(&TokenSource, Option<usize>)> {
            let i = t
                .segs
                .partition_point(|&(o, _)| o as usize <= at)
                .checked_sub(1)?;
            let (off, tok) = t.segs[i];
            let seg_end = t.segs.get(i + 1).map_or(t.text.len(), |s| s.0 as usize);
            let ts = self.tokens.get(tok as usize)?;
            let exact =
                ts.literal && (ts.range.end - ts.range.start) as usize == seg_end - off as usize;
            Some((
                ts,
                exact.then(|| ts.range.start as usize + at - off as usize),
            ))
        };
        let r = r.start.min(t.text.len())..r.end.min(t.text.len());
        if r.is_empty() {
            let (ts, exact) = locate(r.start.min(t.text.len().saturating_sub(1)))?;
            let s = exact.unwrap_or(ts.range.start as usize);
            return Some(s..s);
        }
        let (first, exact) = locate(r.start)?;
        let start = exact.unwrap_or(first.range.start as usize);
        let mut last = r.end - 1;
        while last > r.start && !t.text.is_char_boundary(last) {
            last -= 1;
        }
        let (ts, exact) = locate(last)?;
        let end = match exact {
            Some(p) => p + (r.end - last),
            None => ts.range.end as usize,
        };
        Some(start..end.max(start))
    }
}

pub struct Children<'a> {
    dom: &'a Dom,
    next: Id,
}

impl Iterator for Children<'_> {
    type Item = Id;
    fn next(&mut self) -> Option<Id> {
        if self.next == NONE {
            return None;
        }
        let id = self.next;
        self.next = self.dom.nodes[id as usize].next;
        Some(id)
    }
}

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
struct Sink {
    nodes: RefCell<Vec<Node>>,
    names: RefCell<Vec<(Namespace, LocalName)>>,
    depth: RefCell<Vec<u32>>,
    /// The character token being processed, if any.
    token: Cell<u32>,
    /// Where the chunk being fed starts.
    chunk_start: Cell<u32>,
    too_deep: Cell<bool>,
}

impl Sink {
    fn new() -> Sink {
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

/// One token that came out while a chunk was fed.
enum Fed {
    Chars(u32, StrTendril),
    Markup,
}

/// Passes tokens to the tree builder, noting the character tokens and which is being built.
struct Tap {
    builder: TreeBuilder<Id, Sink>,
    fed: RefCell<Vec<Fed>>,
    tokens: Cell<u32>,
}

impl Tap {
    fn chars(&self, text: StrTendril) {
        let id = self.tokens.get();
        self.tokens.set(id + 1);
        self.builder.sink.token.set(id);
        self.fed.borrow_mut().push(Fed::Chars(id, text));
    }
}

impl TokenSink for Tap {
    type Handle = Id;

    fn process_token(&self, token: Token, line_number: u64) -> TokenSinkResult<Id> {
        match &token {
            Token::CharacterTokens(t) => self.chars(t.clone()),
            Token::NullCharacterToken => self.chars(StrTendril::from_char('\0')),
            Token::TagToken(_) | Token::CommentToken(_) | Token::DoctypeToken(_) => {
                self.builder.sink.token.set(NONE);
                self.fed.borrow_mut().push(Fed::Markup);
            }
            Token::EOFToken | Token::ParseError(_) => self.builder.sink.token.set(NONE),
        }
        self.builder.process_token(token, line_number)
    }

    fn end(&self) {
        self.builder.end();
    }

    fn adjusted_current_node_present_but_not_in_html_namespace(&self) -> bool {
        self.builder
            .adjusted_current_node_present_but_not_in_html_namespace()
    }
}

/// How long the tag at the start of `chunk` is (up to its `>`) and how many attributes it has
/// (counting stops past the limit), following the tokenizer's tag states closely enough to
/// count. The tag's name starts at `name_at`.
fn scan_tag(chunk: &[u8], name_at: usize) -> (usize, usize) {
    let mut i = name_at;
    while i < chunk.len() && !matches!(chunk[i], b'>' | b'/') && !chunk[i].is_ascii_whitespace() {
        i += 1;
    }
    let mut attrs = 0;
    loop {
        while i < chunk.len() && (chunk[i].is_ascii_whitespace() || chunk[i] == b'/') {
            i += 1;
        }
        if i >= chunk.len() {
            return (chunk.len(), attrs);
        }
        if chunk[i] == b'>' {
            return (i + 1, attrs);
        }
        attrs += 1;
        if attrs > MAX_ATTRIBUTES {
            // The rest of the tag is dropped with the attributes: find its end.
            return (skip_tag_rest(chunk, i), attrs);
        }
        // The first character of a name may be '='.
        i += 1;
        while i < chunk.len()
            && !matches!(chunk[i], b'>' | b'/' | b'=')
            && !chunk[i].is_ascii_whitespace()
        {
            i += 1;
        }
        while i < chunk.len() && chunk[i].is_ascii_whitespace() {
            i += 1;
        }
        if i < chunk.len() && chunk[i] == b'=' {
            i += 1;
            while i < chunk.len() && chunk[i].is_ascii_whitespace() {
                i += 1;
            }
            if i < chunk.len() && matches!(chunk[i], b'"' | b'\'') {
                let q = chunk[i];
                i += 1;
                while i < chunk.len() && chunk[i] != q {
                    i += 1;
                }
                i += 1;
            } else {
                while i < chunk.len() && chunk[i] != b'>' && !chunk[i].is_ascii_whitespace() {
                    i += 1;
                }
            }
        }
    }
}

/// Where a tag ends, from inside its attributes: at the first `>` outside a quoted value.
fn skip_tag_rest(chunk: &[u8], mut i: usize) -> usize {
    let mut quote = None;
    let mut after_eq = false;
    while i < chunk.len() {
        let c = chunk[i];
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == b'>' => return i + 1,
            None if after_eq && matches!(c, b'"' | b'\'') => quote = Some(c),
            None => {}
        }
        if quote.is_none() && !c.is_ascii_whitespace() {
            after_eq = c == b'=';
        }
        i += 1;
    }
    chunk.len()
}

fn queued_len(q: &BufferQueue) -> usize {
    let keep = BufferQueue::default();
    let mut n = 0;
    while let Some(b) = q.pop_front() {
        n += b.len();
        keep.push_back(b);
    }
    q.swap_with(&keep);
    n
}

/// The length of an entity (`&name;`, `&#123`, `&am`) at the end of `b`, or 0.
fn entity_suffix(b: &[u8]) -> usize {
    let Some(amp) = b.iter().rposition(|&c| c == b'&') else {
        return 0;
    };
    let tail = &b[amp + 1..];
    let body = tail.strip_suffix(b";").unwrap_or(tail);
    if body.len() <= 40 && body.iter().all(|c| c.is_ascii_alphanumeric() || *c == b'#') {
        b.len() - amp
    } else {
        0
    }
}

/// Gives each character token that came out of one chunk its source range, matching backwards
/// from `end` (the end of what the tokenizer consumed) down to `start` (the chunk's start).
fn place_tokens(src: &str, fed: &[Fed], mut end: usize, start: usize, out: &mut [TokenSource]) {
    let b = src.as_bytes();
    for f in fed.iter().rev() {
        match f {
            Fed::Markup => end = end.min(start),
            Fed::Chars(id, text) => {
                let t = text.as_bytes();
                // The tokenizer may hold an entity it has read but not yet emitted (it waits for
                // more input at the end of a chunk): the token ends before it.
                if !t.is_empty() && !b[..end].ends_with(t) {
                    let held = entity_suffix(&b[start.min(end)..end]);
                    if held > 0 && b[..end - held].ends_with(t) {
                        end -= held;
                    }
                }
                // A line break written as CR LF or CR comes out as LF.
                let (s, literal) = if &**text == "\n" && b[..end].ends_with(b"\r\n") {
                    (end - 2, false)
                } else if &**text == "\n" && b[..end].ends_with(b"\r") {
                    (end - 1, false)
                } else if !t.is_empty() && b[..end].ends_with(t) {
                    (end - t.len(), true)
                } else {
                    // An entity: back to its '&', a few bytes before.
                    let lo = end.saturating_sub(48);
                    match b[lo..end].iter().rposition(|&c| c == b'&') {
                        Some(p) => (lo + p, false),
                        None => (end, false),
                    }
                };
                if let Some(slot) = out.get_mut(*id as usize) {
                    *slot = TokenSource {
                        range: s as u32..end as u32,
                        literal,
                    };
                }
                end = s;
            }
        }
    }
}

/// Parses a page. `src` is the page's text; positions are byte offsets in it.
pub fn parse(src: &str) -> Dom {
    let opts = TreeBuilderOpts {
        scripting_enabled: true,
        ..Default::default()
    };
    let tap = Tap {
        builder: TreeBuilder::new(Sink::new(), opts),
        fed: RefCell::new(Vec::new()),
        tokens: Cell::new(0),
    };
    let tok = Tokenizer::new(tap, TokenizerOpts::default());
    let queue = BufferQueue::default();
    let mut tokens: Vec<TokenSource> = Vec::new();
    let bytes = src.as_bytes();

    let feed = |text: &str, start: usize, end: usize, tokens: &mut Vec<TokenSource>| {
        tok.sink.builder.sink.chunk_start.set(start as u32);
        if !text.is_empty() {
            queue.push_back(StrTendril::from_slice(text));
        }
        while !matches!(tok.feed(&queue), TokenizerResult::Done) {}
        let fed = std::mem::take(&mut *tok.sink.fed.borrow_mut());
        tokens.resize(tok.sink.tokens.get() as usize, TokenSource::default());
        let consumed = end.saturating_sub(queued_len(&queue));
        place_tokens(src, &fed, consumed, start, tokens);
    };

    let mut at = 0;
    // Tags are scanned for their attributes once: a tag that holds a '<' in a value spans
    // chunks, and its later chunks are not scanned again.
    let mut scanned_to = 0;
    let mut starts = memchr::memchr_iter(b'<', bytes).peekable();
    while at < bytes.len() {
        // The next chunk runs to the next '<' after this one.
        while starts.peek().is_some_and(|&p| p <= at) {
            starts.next();
        }
        let end = starts.peek().copied().unwrap_or(bytes.len());
        let name_at = match bytes.get(at + 1) {
            Some(b'/') => at + 2,
            _ => at + 1,
        };
        if at >= scanned_to
            && bytes[at] == b'<'
            && bytes.get(name_at).is_some_and(u8::is_ascii_alphabetic)
        {
            let (tag_len, attrs) = scan_tag(&bytes[at..], name_at - at);
            scanned_to = at + tag_len;
            if attrs > MAX_ATTRIBUTES {
                // Keep the element, drop its attributes.
                let name_end = bytes[name_at..]
                    .iter()
                    .position(|c| c.is_ascii_whitespace() || matches!(c, b'/' | b'>'))
                    .map_or(bytes.len(), |p| name_at + p);
                let tag = format!("{}>", &src[at..name_end]);
                feed(&tag, at, at, &mut tokens);
                at = scanned_to;
                continue;
            }
        }
        // Chunks end at a '<', an ASCII byte: always a character boundary.
        feed(&src[at..end], at, end, &mut tokens);
        at = end;
        if tok.sink.builder.sink.too_deep.get() {
            break;
        }
    }
    tok.end();
    let fed = std::mem::take(&mut *tok.sink.fed.borrow_mut());
    tokens.resize(tok.sink.tokens.get() as usize, TokenSource::default());
    place_tokens(src, &fed, bytes.len().min(at), at, &mut tokens);

    let sink = &tok.sink.builder.sink;
    Dom {
        nodes: sink.nodes.take(),
        tokens,
        too_deep: sink.too_deep.get(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text_nodes(dom: &Dom) -> Vec<(Id, &str)> {
        (0..dom.nodes.len() as Id)
            .filter_map(|i| match &dom.node(i).data {
                Data::Text(t) => Some((i, t.text.as_str())),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn text_maps_to_where_it_is_written() {
        let src = "<p>甲&lt;𠀀&gt;乙。</p><table><tr><td>&nbsp;第二十条\r\n项</td></tr></table>";
        let dom = parse(src);
        let nodes = text_nodes(&dom);
        let (p, text) = nodes[0];
        assert_eq!(text, "甲<𠀀>乙。");
        // The whole text: from 甲 to 。, entities included.
        let r = dom.text_source(p, 0..text.len()).unwrap();
        assert_eq!(&src[r], "甲&lt;𠀀&gt;乙。");
        // 𠀀 alone (4 bytes) is exact; so is the entity it sits beside.
        let at = text.find('𠀀').unwrap();
        let r = dom.text_source(p, at..at + 4).unwrap();
        assert_eq!(&src[r], "𠀀");
        let r = dom.text_source(p, 3..4).unwrap();
        assert_eq!(&src[r], "&lt;");
        let (cell, text) = nodes[1];
        assert_eq!(text, "\u{a0}第二十条\n项");
        let r = dom.text_source(cell, 2..text.len()).unwrap();
        assert_eq!(&src[r], "第二十条\r\n项");
    }

    #[test]
    fn an_entity_read_at_the_end_of_a_chunk_is_placed_after_the_text_before_it() {
        // "&nbsp;" ends the chunk before "</p>": html5ever emits it only with the next chunk.
        let src = "<p>第（一）项&nbsp;</p>";
        let dom = parse(src);
        let (id, text) = text_nodes(&dom)[0];
        let r = dom.text_source(id, 0..text.len() - 2).unwrap();
        assert_eq!(&src[r], "第（一）项");
        let r = dom.text_source(id, text.len() - 2..text.len()).unwrap();
        assert_eq!(&src[r], "&nbsp;");
    }

    #[test]
    fn elements_know_where_their_tag_starts() {
        let src =
            "<div>前<table><tr><td>1</td><td rowspan=\"2\" colspan=3>𠀀</td></tr></table></div>";
        let dom = parse(src);
        let tds: Vec<&Element> = dom
            .nodes
            .iter()
            .filter_map(|n| match &n.data {
                Data::Element(e) if &*e.name == "td" => Some(e),
                _ => None,
            })
            .collect();
        assert_eq!(tds.len(), 2);
        assert!(src[tds[0].src as usize..].starts_with("<td>1"));
        assert!(src[tds[1].src as usize..].starts_with("<td rowspan"));
        assert_eq!((tds[1].rowspan, tds[1].colspan), (Some(2), Some(3)));
    }

    #[test]
    fn nesting_past_the_limit_stops_the_parse() {
        let deep = "<div>".repeat(MAX_DEPTH as usize + 10);
        assert!(parse(&deep).too_deep);
        let fine = "<div>".repeat(100) + "正文";
        assert!(!parse(&fine).too_deep);
    }

    #[test]
    fn a_tag_with_thousands_of_attributes_keeps_its_element_and_loses_them() {
        // Quoted '<' inside values would split the tag into chunks: it is still one tag.
        let mut tag = String::from("<td rowspan=2");
        for i in 0..5000 {
            tag.push_str(&format!(" a{i}=\"<\""));
        }
        let src = format!("<table><tr>{tag}>值𠀀</td></tr></table>");
        let dom = parse(&src);
        let td = dom
            .nodes
            .iter()
            .find_map(|n| match &n.data {
                Data::Element(e) if &*e.name == "td" => Some(e),
                _ => None,
            })
            .unwrap();
        assert_eq!(td.rowspan, None);
        let (id, text) = text_nodes(&dom)[0];
        assert_eq!(text, "值𠀀");
        assert_eq!(&src[dom.text_source(id, 0..text.len()).unwrap()], "值𠀀");
        assert_eq!(scan_tag(b"<a b='>' c>x", 1), (11, 2));
        assert_eq!(scan_tag(b"</p x y>", 2), (8, 2));
    }
}
