//! Mutated reports (the corpus starts from the fixtures) through the checks, fix-all and every
//! editor feature at a few offsets. Nothing may panic; fix-all's edits apply.
#![no_main]

use libfuzzer_sys::fuzz_target;
use nianbao::{Lang, Model, Options, ide};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let text = text.as_ref();
    let m = Model::new(text);
    let findings = nianbao::checks::run(&m, &Options::default());
    let edits = ide::fix_all(&findings);
    if let Some(fixed) = nianbao::apply_edits(text, &edits) {
        let _ = nianbao::checks::run(&Model::new(&fixed), &Options::default());
    }
    let _ = ide::outline(&m, Lang::Chinese);
    let _ = ide::folding(&m);
    let _ = ide::tokens(&m);
    let _ = ide::format(&m, None, 4);
    let _ = ide::hints(&m, 0..text.len(), Lang::English);
    let _ = nianbao::render::tables_html(&m, Lang::Chinese);
    // A few offsets spread over the text, on character boundaries.
    let n = text.len();
    for k in 0..8 {
        let mut at = n * k / 8;
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        let _ = ide::hover(&m, at, Lang::Chinese);
        let _ = ide::complete(&m, at, Lang::Chinese, 2025);
        let _ = ide::recompute_totals(&m, at);
        let _ = ide::format(&m, Some(at..n), 2);
    }
});
