//! A web page parsed by html5ever into a flat tree, with where each piece of text and each
//! element was written in the page source.
//!
//! html5ever reports no source positions, so the page is fed to its tokenizer in chunks that
//! each start at a `<`: the tokens that come out while a chunk is fed were written in that chunk,
//! and a token's text, matched backwards from the end of what was consumed, gives its exact
//! range (an entity or a line break that was rewritten gets the range of what it was written
//! as). The tree is a vector of nodes linked by index, so nothing recurses on its depth, and
//! parsing stops when the nesting passes [`MAX_DEPTH`].

mod place;
mod sink;

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{
    BufferQueue, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};
use html5ever::tree_builder::{TreeBuilder, TreeBuilderOpts};
use html5ever::{LocalName, TokenizerResult};
use place::{place_tokens, queued_len, scan_tag};
use sink::Sink;
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
