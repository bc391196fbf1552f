//! Where tokens were written: the length and attribute count of a tag scanned from the source,
//! and each character token of a chunk matched backwards from the end of what was consumed.

use super::{Fed, MAX_ATTRIBUTES, TokenSource};
use html5ever::tokenizer::BufferQueue;

/// How long the tag at the start of `chunk` is (up to its `>`) and how many attributes it has
/// (counting stops past the limit), following the tokenizer's tag states closely enough to
/// count. The tag's name starts at `name_at`.
pub(super) fn scan_tag(chunk: &[u8], name_at: usize) -> (usize, usize) {
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

pub(super) fn queued_len(q: &BufferQueue) -> usize {
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
pub(super) fn place_tokens(
    src: &str,
    fed: &[Fed],
    mut end: usize,
    start: usize,
    out: &mut [TokenSource],
) {
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
