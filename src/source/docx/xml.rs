//! A guarded walk over one XML part of a Word package: elements by namespace and local name (the
//! names the reader uses are interned), text with its byte range in the part, and the refusals
//! that keep a hostile file from costing more than its size: no document type declarations (and
//! so no entity expansion), a bounded nesting depth, no unclosed elements at the end.

use crate::source::{Kind, ReadError, Refusal};
use quick_xml::NsReader;
use quick_xml::events::{BytesStart, Event};
use quick_xml::name::{Namespace, QName, ResolveResult};
use std::borrow::Cow;
use std::ops::Range;

/// Deeper than any Word document nests (tables in tables, text boxes, content controls).
pub(crate) const MAX_DEPTH: usize = 400;

/// One part of the package, inflated.
pub(crate) struct Part {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// The namespaces the reader cares about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Ns {
    /// WordprocessingML, transitional or strict.
    W,
    /// Markup compatibility (`mc:AlternateContent`).
    Mc,
    /// Package relationships.
    Rels,
    Other,
}

fn ns_of(r: &ResolveResult) -> Ns {
    match r {
        ResolveResult::Bound(Namespace(uri)) => match *uri {
            b"http://schemas.openxmlformats.org/wordprocessingml/2006/main"
            | b"http://purl.oclc.org/ooxml/wordprocessingml/main" => Ns::W,
            b"http://schemas.openxmlformats.org/markup-compatibility/2006" => Ns::Mc,
            b"http://schemas.openxmlformats.org/package/2006/relationships" => Ns::Rels,
            _ => Ns::Other,
        },
        _ => Ns::Other,
    }
}

macro_rules! names {
    ($($v:ident = $s:literal),* $(,)?) => {
        /// Local names the readers look at; everything else is `Other`.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        #[allow(non_camel_case_types)]
        pub(crate) enum Name { $($v,)* Other }
        fn intern(local: &[u8]) -> Name {
            match local { $($s => Name::$v,)* _ => Name::Other }
        }
    };
}

names! {
    document = b"document", body = b"body", p = b"p", r = b"r", t = b"t", tab = b"tab",
    br = b"br", cr = b"cr", sym = b"sym", noBreakHyphen = b"noBreakHyphen",
    softHyphen = b"softHyphen", ptab = b"ptab", fldChar = b"fldChar", instrText = b"instrText",
    delText = b"delText", delInstrText = b"delInstrText", del = b"del", ins = b"ins",
    moveFrom = b"moveFrom", moveTo = b"moveTo", tbl = b"tbl", tblGrid = b"tblGrid",
    gridCol = b"gridCol", tr = b"tr", tc = b"tc", trPr = b"trPr", tcPr = b"tcPr", pPr = b"pPr",
    rPr = b"rPr", pStyle = b"pStyle", numPr = b"numPr", ilvl = b"ilvl", numId = b"numId",
    vanish = b"vanish", specVanish = b"specVanish", gridSpan = b"gridSpan", vMerge = b"vMerge",
    hMerge = b"hMerge", gridBefore = b"gridBefore", gridAfter = b"gridAfter",
    tblHeader = b"tblHeader", tblPrEx = b"tblPrEx", tblPr = b"tblPr", sdtPr = b"sdtPr",
    sdtEndPr = b"sdtEndPr", drawing = b"drawing", pict = b"pict", object = b"object",
    AlternateContent = b"AlternateContent", Choice = b"Choice", Fallback = b"Fallback",
    sectPr = b"sectPr", pPrChange = b"pPrChange", rPrChange = b"rPrChange",
    tcPrChange = b"tcPrChange", trPrChange = b"trPrChange", tblPrChange = b"tblPrChange",
    tblPrExChange = b"tblPrExChange", cellIns = b"cellIns", cellDel = b"cellDel",
    cellMerge = b"cellMerge", rt = b"rt", footnoteReference = b"footnoteReference",
    endnoteReference = b"endnoteReference", commentReference = b"commentReference",
    fldData = b"fldData", fldSimple = b"fldSimple", numberingChange = b"numberingChange",
    abstractNum = b"abstractNum", num = b"num", lvl = b"lvl", lvlOverride = b"lvlOverride",
    abstractNumId = b"abstractNumId", startOverride = b"startOverride", start = b"start",
    numFmt = b"numFmt", lvlText = b"lvlText", lvlRestart = b"lvlRestart", suff = b"suff",
    isLgl = b"isLgl", style = b"style", basedOn = b"basedOn", Relationship = b"Relationship",
    latentStyles = b"latentStyles", docDefaults = b"docDefaults", tblStylePr = b"tblStylePr",
}

/// One step of the walk. Empty elements (`<w:tab/>`) give an `Open` with `empty` set and then
/// a `Close`, so handlers need not tell the two apart.
pub(crate) enum Step<'a> {
    Open {
        ns: Ns,
        name: Name,
        el: BytesStart<'a>,
        /// The start tag (or the whole empty element).
        range: Range<usize>,
        empty: bool,
    },
    Close {
        ns: Ns,
        name: Name,
        /// The end tag; empty at the end of an empty element.
        range: Range<usize>,
    },
    /// Character data, entity references resolved, in the order written.
    Text(Cow<'a, str>),
}

pub(crate) struct Walker<'a> {
    part: &'a str,
    reader: NsReader<&'a [u8]>,
    /// Offset of the reader's input in the part (after a byte-order mark).
    base: usize,
    /// Open elements: namespace, name, and where the start tag begins (for skipping).
    stack: Vec<(Ns, Name, usize)>,
    bytes: &'a [u8],
    /// The close of an empty element, given on the next call.
    pending: Option<(Ns, Name, usize)>,
}

pub(crate) fn corrupt(part: &str, what: impl std::fmt::Display) -> ReadError {
    ReadError::Corrupt {
        kind: Kind::Docx,
        detail: format!("{part}: {what}"),
    }
}

impl<'a> Walker<'a> {
    pub(crate) fn new(part: &'a Part) -> Result<Self, ReadError> {
        let bytes = &part.bytes[..];
        if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
            return Err(corrupt(&part.name, "UTF-16 XML is not supported"));
        }
        let base = if bytes.starts_with(b"\xEF\xBB\xBF") {
            3
        } else {
            0
        };
        let mut reader = NsReader::from_reader(&bytes[base..]);
        let config = reader.config_mut();
        config.trim_text(false);
        config.expand_empty_elements = false;
        config.check_end_names = true;
        Ok(Walker {
            part: &part.name,
            reader,
            base,
            stack: Vec::new(),
            bytes,
            pending: None,
        })
    }

    fn pos(&self) -> usize {
        self.base + self.reader.buffer_position() as usize
    }

    /// The byte offset in the part reached so far.
    pub(crate) fn position(&self) -> usize {
        self.pos()
    }

    /// The parent of the element just opened (`empty`: it was an empty element).
    pub(crate) fn parent(&self, empty: bool) -> Option<(Ns, Name)> {
        let n = self.stack.len();
        let i = if empty {
            n.checked_sub(1)?
        } else {
            n.checked_sub(2)?
        };
        self.stack.get(i).map(|&(ns, name, _)| (ns, name))
    }

    /// Consumes the rest of the element just opened (its content and its close).
    pub(crate) fn skip(&mut self) -> Result<(), ReadError> {
        if self.pending.take().is_some() {
            return Ok(());
        }
        // The parser skips to the matching end tag without resolving names on the way.
        let Some(&(_, _, start)) = self.stack.last() else {
            return Ok(());
        };
        let tag = &self.bytes[start + 1..];
        let len = tag
            .iter()
            .position(|b| matches!(b, b' ' | b'\t' | b'\r' | b'\n' | b'>' | b'/'))
            .unwrap_or(tag.len());
        if let Err(e) = self.reader.read_to_end(QName(&tag[..len])) {
            let at = self.base + self.reader.error_position() as usize;
            return Err(corrupt(self.part, format_args!("{e} (byte {at})")));
        }
        self.stack.pop();
        Ok(())
    }

    /// The next step, or None at the end of the part.
    pub(crate) fn next(&mut self) -> Result<Option<Step<'a>>, ReadError> {
        if let Some((ns, name, at)) = self.pending.take() {
            return Ok(Some(Step::Close {
                ns,
                name,
                range: at..at,
            }));
        }
        loop {
            let before = self.pos();
            let (resolved, event) = match self.reader.read_resolved_event() {
                Ok((r, e)) => (ns_of(&r), e),
                Err(e) => {
                    let at = self.base + self.reader.error_position() as usize;
                    return Err(corrupt(self.part, format_args!("{e} (byte {at})")));
                }
            };
            let after = self.pos();
            let range = before..after;
            match event {
                Event::Start(el) => {
                    if self.stack.len() >= MAX_DEPTH {
                        return Err(ReadError::TooDeep { limit: MAX_DEPTH });
                    }
                    let name = intern(el.local_name().as_ref());
                    self.stack.push((resolved, name, before));
                    return Ok(Some(Step::Open {
                        ns: resolved,
                        name,
                        el,
                        range,
                        empty: false,
                    }));
                }
                Event::Empty(el) => {
                    let name = intern(el.local_name().as_ref());
                    self.pending = Some((resolved, name, after));
                    return Ok(Some(Step::Open {
                        ns: resolved,
                        name,
                        el,
                        range,
                        empty: true,
                    }));
                }
                Event::End(_) => {
                    let Some((ns, name, _)) = self.stack.pop() else {
                        return Err(corrupt(
                            self.part,
                            format_args!("stray end tag (byte {before})"),
                        ));
                    };
                    return Ok(Some(Step::Close { ns, name, range }));
                }
                Event::Text(t) => {
                    let text = t
                        .decode()
                        .map_err(|e| corrupt(self.part, format_args!("{e} (byte {before})")))?;
                    return Ok(Some(Step::Text(text)));
                }
                Event::CData(t) => {
                    let text = t
                        .decode()
                        .map_err(|e| corrupt(self.part, format_args!("{e} (byte {before})")))?;
                    return Ok(Some(Step::Text(text)));
                }
                Event::GeneralRef(r) => {
                    let c = match r.resolve_char_ref() {
                        Ok(Some(c)) => c,
                        Ok(None) => match &*r {
                            b"amp" => '&',
                            b"lt" => '<',
                            b"gt" => '>',
                            b"quot" => '"',
                            b"apos" => '\'',
                            _ => {
                                return Err(corrupt(
                                    self.part,
                                    format_args!("undeclared entity (byte {before})"),
                                ));
                            }
                        },
                        Err(e) => {
                            return Err(corrupt(self.part, format_args!("{e} (byte {before})")));
                        }
                    };
                    return Ok(Some(Step::Text(Cow::Owned(c.to_string()))));
                }
                Event::DocType(_) => {
                    return Err(ReadError::Refused {
                        kind: Kind::Docx,
                        reason: Refusal::DocumentType,
                    });
                }
                Event::Decl(_) | Event::PI(_) | Event::Comment(_) => continue,
                Event::Eof => {
                    if !self.stack.is_empty() {
                        return Err(corrupt(self.part, "ends inside an element (truncated)"));
                    }
                    return Ok(None);
                }
            }
        }
    }
}

/// The value of the attribute with local name `local` (any prefix), unescaped.
pub(crate) fn attr(el: &BytesStart<'_>, local: &[u8]) -> Option<String> {
    el.attributes()
        .with_checks(false)
        .flatten()
        .find(|a| a.key.local_name().as_ref() == local)
        .and_then(|a| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .ok()
                .map(Cow::into_owned)
        })
}

/// An on/off property: present without a value means on.
pub(crate) fn on(val: Option<&str>) -> bool {
    !matches!(val, Some("0" | "false" | "off" | "none"))
}
