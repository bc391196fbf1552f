//! The full check of arbitrary bytes: decoding, the model, every check, the summary for the
//! cross-year checks and every position at the edge. Nothing may panic; ranges stay on
//! character boundaries.
#![no_main]

use libfuzzer_sys::fuzz_target;
use nianbao::position::{Encoding, LineIndex};

fuzz_target!(|data: &[u8]| {
    let Ok(d) = nianbao::decode::decode(data) else {
        return;
    };
    let text = &d.text;
    let model = nianbao::Model::new(text);
    let findings = nianbao::checks::run(&model, &nianbao::Options::default());
    let summary = nianbao::cross::summarize(&model);
    let _ = nianbao::cross::cross_check(&[&summary, &summary], nianbao::Lang::English);
    let idx = LineIndex::new(text);
    for f in &findings {
        assert!(f.range.start <= f.range.end && f.range.end <= text.len());
        assert!(text.is_char_boundary(f.range.start) && text.is_char_boundary(f.range.end));
        for enc in [Encoding::Utf16, Encoding::Chars] {
            let p = idx.position(text, f.range.start, enc);
            assert_eq!(idx.offset(text, p, enc), f.range.start);
        }
    }
});
