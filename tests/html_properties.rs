//! The web page reader on arbitrary input: random bytes, random tag soup and random damage to
//! the real pages never make it panic, and whatever it reads keeps its pieces in order and
//! inside both the text and the page.

use nianbao::Model;
use nianbao::source::Document;
use nianbao::source::html::{decode_page, read_html};
use proptest::prelude::*;

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus/real/html");

fn real_pages() -> Vec<Vec<u8>> {
    let mut names: Vec<_> = std::fs::read_dir(DIR)
        .expect("the real pages")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .collect();
    names.sort();
    names.iter().map(|p| std::fs::read(p).unwrap()).collect()
}

/// The pieces are in text order, inside the text and on its character boundaries, and their
/// sources lie on character boundaries of the decoded page.
fn check(bytes: &[u8], doc: &Document) {
    let (page, _) = decode_page(bytes);
    let mut last = 0;
    for p in &doc.pieces {
        assert!(p.text.start >= last, "pieces out of order");
        last = p.text.start;
        assert!(doc.text.get(p.text.clone()).is_some(), "{:?}", p.text);
        if let Some(s) = &p.source {
            assert!(
                page.get(s.clone()).is_some(),
                "source {s:?} of {}",
                page.len()
            );
        }
    }
    // Whatever was read, the model reads it without trouble too.
    let _ = Model::new(&doc.text);
}

fn tag_soup() -> impl Strategy<Value = String> {
    let atom = prop_oneof![
        Just("<table>".to_string()),
        Just("</table>".to_string()),
        Just("<tr>".to_string()),
        Just("</tr>".to_string()),
        (0u32..4, 0u32..4).prop_map(|(r, c)| format!("<td rowspan={r} colspan=\"{c}\">")),
        Just("</td>".to_string()),
        Just("<p>".to_string()),
        Just("</p>".to_string()),
        Just("<br/>".to_string()),
        Just("<div style='display:none'>".to_string()),
        Just("<div>".to_string()),
        Just("</div>".to_string()),
        Just("<a href=x>".to_string()),
        Just("<!--[if !supportLists]-->".to_string()),
        Just("<![endif]>".to_string()),
        Just("<o:p>".to_string()),
        Just("&nbsp;".to_string()),
        Just("&#x20000;".to_string()),
        Just("\u{3000}".to_string()),
        Just("\r\n".to_string()),
        Just("<script>".to_string()),
        "[一二三、（）0-9𠀀 ]{0,6}",
    ];
    prop::collection::vec(atom, 0..80).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn random_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..2000)) {
        let doc = read_html(&bytes).expect("bytes under the limit are read");
        check(&bytes, &doc);
    }

    #[test]
    fn tag_soup_never_panics(page in tag_soup()) {
        let doc = read_html(page.as_bytes()).expect("soup is read");
        check(page.as_bytes(), &doc);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// Cut, doubled or overwritten stretches of a real page: unbalanced tables, tags cut in
    /// half, entities and characters split.
    #[test]
    fn damaged_real_pages_never_panic(
        page in 0usize..10,
        edits in prop::collection::vec((any::<prop::sample::Index>(), 0usize..400, 0u8..4, any::<u8>()), 1..8),
    ) {
        let pages = real_pages();
        let mut bytes = pages[page % pages.len()].clone();
        for (at, len, kind, b) in edits {
            let start = at.index(bytes.len().max(1)).min(bytes.len());
            let end = (start + len).min(bytes.len());
            match kind {
                0 => { bytes.drain(start..end); }
                1 => {
                    let copy = bytes[start..end].to_vec();
                    bytes.splice(start..start, copy);
                }
                2 => bytes[start..end].iter_mut().for_each(|x| *x = b),
                _ => { bytes.insert(start, b); }
            }
        }
        let doc = read_html(&bytes).expect("a damaged page is read");
        check(&bytes, &doc);
    }
}
