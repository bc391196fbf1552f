//! A guarded walk over a properties element (`w:pPr`, `w:rPr`, `w:trPr`, `w:tcPr`, `w:tblGrid`)
//! that hands each descendant to a closure and skips what it is told to.

use super::super::xml::{Name, Ns, Step};
use super::Parser;
use crate::source::ReadError;
use quick_xml::events::BytesStart;
use std::ops::Range;

impl Parser<'_, '_> {
    /// Reads the rest of a properties element, calling `on` for each descendant in the W
    /// namespace as it opens (`Child::Skip` skips it) and closes; returns the element's range.
    /// `depth` is 1 for a direct child.
    pub(super) fn walk_props(
        &mut self,
        range: Range<usize>,
        mut on: impl FnMut(Prop, Name, Option<&BytesStart>, Range<usize>, usize) -> Child,
    ) -> Result<Range<usize>, ReadError> {
        let mut depth = 1usize;
        let mut end = range.end;
        while depth > 0 {
            let Some(step) = self.w.next()? else {
                break;
            };
            match step {
                Step::Open {
                    ns,
                    name,
                    el,
                    range,
                    ..
                } => {
                    if ns == Ns::Mc && name == Name::Choice {
                        self.w.skip()?;
                        continue;
                    }
                    if ns == Ns::W && on(Prop::Open, name, Some(&el), range, depth) == Child::Skip {
                        self.w.skip()?;
                        continue;
                    }
                    depth += 1;
                }
                Step::Close { ns, name, range } => {
                    depth -= 1;
                    end = range.end;
                    if ns == Ns::W && depth > 0 {
                        on(Prop::Close, name, None, range, depth);
                    }
                }
                Step::Text(_) => {}
            }
        }
        Ok(range.start..end)
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Prop {
    Open,
    Close,
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Child {
    Read,
    Skip,
}
