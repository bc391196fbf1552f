//! The server's frame reader and message guard on arbitrary bytes, in arbitrary chunks: no
//! panic, nothing kept beyond the cap, the same frames however the bytes are cut, and every
//! body either passed on as JSON the framework reads, answered, or dropped.
#![no_main]

use libfuzzer_sys::fuzz_target;
use nianbao::lsp::frame::{Frame, Reader};
use nianbao::lsp::input::{Verdict, judge};

const MAX: usize = 512;

fn frames(data: &[u8], cut: &[usize]) -> Vec<Frame> {
    let mut r = Reader::new(MAX);
    let mut out = Vec::new();
    let mut at = 0;
    for &c in cut.iter().chain(std::iter::once(&data.len())) {
        let c = c.clamp(at, data.len());
        r.push(&data[at..c]);
        at = c;
        while let Some(f) = r.next_frame() {
            out.push(f);
        }
        // A header line, a body up to the cap, and a little for a header in sight.
        assert!(r.pending() <= MAX + 8 * 1024 + 64, "{} pending", r.pending());
    }
    out
}

fuzz_target!(|data: &[u8]| {
    // The first byte picks the chunk size.
    let Some((&k, data)) = data.split_first() else {
        return;
    };
    let step = usize::from(k % 16) + 1;
    let cut: Vec<usize> = (1..).map(|i| i * step).take_while(|&c| c < data.len()).collect();
    let whole = frames(data, &[]);
    assert_eq!(frames(data, &cut), whole);
    for f in whole {
        if let Frame::Body(b) | Frame::Cut(b) = f {
            assert!(b.len() <= MAX);
            if let Verdict::Pass { text, .. } = judge(&b) {
                assert!(serde_json::from_str::<serde_json::Value>(&text).is_ok());
            }
        }
    }
});
