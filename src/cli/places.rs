//! Where a finding is in a file that is not plain text (see [`crate::contract::Places`]), with
//! a web page read again for its source positions; shared by the JSON and the human view.

use crate::source::Kind;
use crate::voice::Lang;
use crate::workspace::FileReport;
use crate::workspace::locate::Location;

/// The places of one file's findings (see [`crate::contract::Places`]).
pub(super) struct Places<'a>(pub(super) crate::contract::Places<'a>);

impl<'a> Places<'a> {
    pub(super) fn new(r: &'a FileReport, lang: Lang) -> Option<Places<'a>> {
        if r.error.is_some() {
            return None;
        }
        // The page is read again for its source positions: the reader keeps only offsets.
        let page = (r.doc.kind == Kind::Html)
            .then(|| std::fs::read(&r.path).ok())
            .flatten();
        crate::contract::Places::new(&r.doc, page.as_deref(), lang).map(Places)
    }

    /// A finding's location, and for a web page its line and column (1-based, in characters)
    /// in the page's source.
    pub(super) fn at(&self, offset: usize) -> Option<(Location, Option<(u32, u32)>)> {
        self.0.at(offset)
    }
}
