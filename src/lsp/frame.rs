//! The base protocol's frames (`Content-Length: N\r\n\r\n` and N bytes), read from any bytes.
//!
//! A client that sends a wrong length must not wedge the server, nor a huge one abort it. The
//! reader is a plain state machine fed with chunks, so that it can be tested and fuzzed without
//! IO. It never allocates more than the cap for a body, and it resynchronises at the next
//! header: a `Content-Length` line ended by a real line break can only be a header, because a
//! JSON body has no raw line break inside a string and no bare words outside one.

/// The largest body accepted. Larger ones are refused and skipped without being kept.
pub const MAX_BODY: usize = 64 * 1024 * 1024;

/// Longest header line accepted; a longer one is garbage.
const MAX_HEADER: usize = 8 * 1024;

/// What the reader found.
#[derive(Debug, PartialEq, Eq)]
pub enum Frame {
    /// A body of the declared length.
    Body(Vec<u8>),
    /// A body cut short by the next header: the declared length was too long.
    Cut(Vec<u8>),
    /// A body longer than the cap: refused, and its bytes are being skipped.
    TooLarge(u64),
    /// A header block without a usable `Content-Length` (the value, if one was given).
    BadLength(Option<String>),
    /// Bytes that were not part of any frame, dropped before the next header.
    Skipped(usize),
}

#[derive(Debug)]
enum State {
    /// Between frames, or inside a header block.
    Header {
        length: Option<Result<u64, String>>,
        any: bool,
    },
    /// Collecting `len` bytes; `scanned` bytes of them hold no complete header.
    Body { len: usize, scanned: usize },
    /// Dropping `left` bytes of a refused body.
    Skip { left: u64 },
    /// Looking for the next header.
    Garbage { dropped: usize },
}

/// Reads frames from chunks of bytes.
pub struct Reader {
    buf: Vec<u8>,
    /// Bytes of `buf` already consumed.
    pos: usize,
    state: State,
    max: usize,
}

impl Default for Reader {
    fn default() -> Self {
        Reader::new(MAX_BODY)
    }
}

impl Reader {
    /// A reader that refuses bodies longer than `max`.
    pub fn new(max: usize) -> Reader {
        Reader {
            buf: Vec::new(),
            pos: 0,
            state: State::Header {
                length: None,
                any: false,
            },
            max,
        }
    }

    /// Adds bytes read from the stream.
    pub fn push(&mut self, bytes: &[u8]) {
        if self.pos > 0 && self.pos * 2 >= self.buf.len() {
            self.buf.drain(..self.pos);
            self.pos = 0;
        }
        self.buf.extend_from_slice(bytes);
    }

    /// Bytes buffered and not yet consumed.
    pub fn pending(&self) -> usize {
        self.buf.len() - self.pos
    }

    /// The next frame the bytes so far make, or `None` until more bytes come.
    pub fn next_frame(&mut self) -> Option<Frame> {
        loop {
            let rest = &self.buf[self.pos..];
            match &mut self.state {
                State::Header { length, any } => {
                    let Some(nl) = memchr::memchr(b'\n', &rest[..rest.len().min(MAX_HEADER)])
                    else {
                        if rest.len() >= MAX_HEADER {
                            self.pos += 1;
                            self.state = State::Garbage { dropped: 1 };
                            continue;
                        }
                        return None;
                    };
                    let line = trim(&rest[..nl]);
                    if line.is_empty() {
                        self.pos += nl + 1;
                        if !*any {
                            continue;
                        }
                        let length = length.take();
                        self.state = State::Header {
                            length: None,
                            any: false,
                        };
                        match length {
                            Some(Ok(n)) if n <= self.max as u64 => {
                                self.state = State::Body {
                                    len: n as usize,
                                    scanned: 0,
                                };
                            }
                            Some(Ok(n)) => {
                                self.state = State::Skip { left: n };
                                return Some(Frame::TooLarge(n));
                            }
                            Some(Err(v)) => {
                                self.state = State::Garbage { dropped: 0 };
                                return Some(Frame::BadLength(Some(v)));
                            }
                            None => {
                                self.state = State::Garbage { dropped: 0 };
                                return Some(Frame::BadLength(None));
                            }
                        }
                        continue;
                    }
                    let Some((name, value)) = header(line) else {
                        // Not a header line: the stream is out of step. Its first byte goes, so
                        // that the search for the next header moves on.
                        self.pos += 1;
                        self.state = State::Garbage { dropped: 1 };
                        continue;
                    };
                    if name.eq_ignore_ascii_case(b"content-length") {
                        let v = String::from_utf8_lossy(value).into_owned();
                        *length = Some(match v.parse::<u64>() {
                            Ok(n) if v.bytes().all(|b| b.is_ascii_digit()) => Ok(n),
                            // Only digits; 2⁶⁴ and more is still "too large".
                            _ if !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit()) => {
                                Ok(u64::MAX)
                            }
                            _ => Err(v),
                        });
                    }
                    *any = true;
                    self.pos += nl + 1;
                }
                State::Body { len, scanned } => {
                    let len = *len;
                    let avail = rest.len();
                    if avail >= len {
                        // The whole body is here; a header starting inside it means the length
                        // was too long (a valid body cannot hold one).
                        match find_header(rest, 0, len) {
                            Found::At(p) => {
                                let body = rest[..p].to_vec();
                                self.pos += p;
                                self.state = State::Header {
                                    length: None,
                                    any: false,
                                };
                                return Some(Frame::Cut(body));
                            }
                            Found::Maybe(_) => return None,
                            Found::No => {
                                let body = rest[..len].to_vec();
                                self.pos += len;
                                self.state = State::Header {
                                    length: None,
                                    any: false,
                                };
                                return Some(Frame::Body(body));
                            }
                        }
                    }
                    // Not all here: a complete header among what came means the body was cut.
                    match find_header(rest, *scanned, avail) {
                        Found::At(p) => {
                            let body = rest[..p].to_vec();
                            self.pos += p;
                            self.state = State::Header {
                                length: None,
                                any: false,
                            };
                            return Some(Frame::Cut(body));
                        }
                        Found::Maybe(p) => *scanned = p,
                        Found::No => *scanned = avail,
                    }
                    return None;
                }
                State::Skip { left } => {
                    // Drop what belongs to the refused body, watching for a header in it.
                    let take = (*left).min(rest.len() as u64) as usize;
                    match find_header(rest, 0, take) {
                        Found::At(p) => {
                            self.pos += p;
                            self.state = State::Header {
                                length: None,
                                any: false,
                            };
                            continue;
                        }
                        Found::Maybe(p) => {
                            // Keep a possible header's start until its line is complete.
                            self.pos += p;
                            *left -= p as u64;
                            if *left == 0 {
                                self.state = State::Header {
                                    length: None,
                                    any: false,
                                };
                                continue;
                            }
                            return None;
                        }
                        Found::No => {
                            self.pos += take;
                            *left -= take as u64;
                            if *left == 0 {
                                self.state = State::Header {
                                    length: None,
                                    any: false,
                                };
                                continue;
                            }
                            return None;
                        }
                    }
                }
                State::Garbage { dropped } => match find_marker(rest) {
                    // Only the start of the marker so far: wait for the rest.
                    Some(p) if rest.len() - p < MARKER.len() => {
                        *dropped += p;
                        self.pos += p;
                        return None;
                    }
                    Some(p) => {
                        let n = *dropped + p;
                        self.pos += p;
                        self.state = State::Header {
                            length: None,
                            any: false,
                        };
                        if n > 0 {
                            return Some(Frame::Skipped(n));
                        }
                    }
                    None => {
                        // Keep a tail that may be the start of the marker.
                        let keep = rest.len().min(MARKER.len() - 1);
                        let drop = rest.len() - keep;
                        *dropped += drop;
                        self.pos += drop;
                        return None;
                    }
                },
            }
        }
    }
}

const MARKER: &[u8] = b"content-length";

/// Strips spaces, tabs and a carriage return from both ends.
fn trim(mut s: &[u8]) -> &[u8] {
    while let [b' ' | b'\t' | b'\r', rest @ ..] = s {
        s = rest;
    }
    while let [rest @ .., b' ' | b'\t' | b'\r'] = s {
        s = rest;
    }
    s
}

/// `Name: value` with a name of token characters.
fn header(line: &[u8]) -> Option<(&[u8], &[u8])> {
    let colon = memchr::memchr(b':', line)?;
    let name = &line[..colon];
    if name.is_empty()
        || !name
            .iter()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_'))
    {
        return None;
    }
    Some((name, trim(&line[colon + 1..])))
}

/// The first place in `s` where `content-length` starts (any case).
fn find_marker(s: &[u8]) -> Option<usize> {
    let mut from = 0;
    while let Some(i) = memchr::memchr2(b'c', b'C', &s[from..]) {
        let at = from + i;
        let tail = &s[at..];
        let n = tail.len().min(MARKER.len());
        if tail[..n].eq_ignore_ascii_case(&MARKER[..n]) {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

enum Found {
    /// A complete header line starts here.
    At(usize),
    /// A header may start here; more bytes will tell.
    Maybe(usize),
    No,
}

/// Looks for a header line `Content-Length: digits` ended by a line break, starting in
/// `s[from..to]` (it may end past `to`).
fn find_header(s: &[u8], from: usize, to: usize) -> Found {
    let mut i = from;
    while i < to {
        let Some(k) = memchr::memchr2(b'c', b'C', &s[i..to]) else {
            return Found::No;
        };
        let at = i + k;
        match header_at(&s[at..]) {
            Some(true) => return Found::At(at),
            None => return Found::Maybe(at),
            Some(false) => i = at + 1,
        }
    }
    Found::No
}

/// Whether `s` starts with a complete `Content-Length` header line (`None`: not yet known).
fn header_at(s: &[u8]) -> Option<bool> {
    let n = s.len().min(MARKER.len());
    if !s[..n].eq_ignore_ascii_case(&MARKER[..n]) {
        return Some(false);
    }
    if n < MARKER.len() {
        return None;
    }
    let mut i = MARKER.len();
    let skip = |i: &mut usize| {
        while *i < s.len() && matches!(s[*i], b' ' | b'\t') {
            *i += 1;
        }
    };
    skip(&mut i);
    match s.get(i) {
        None => return None,
        Some(b':') => i += 1,
        Some(_) => return Some(false),
    }
    skip(&mut i);
    let digits = i;
    while i < s.len() && s[i].is_ascii_digit() {
        i += 1;
        if i - digits > 40 {
            return Some(false);
        }
    }
    skip(&mut i);
    if i < s.len() && s[i] == b'\r' {
        i += 1;
    }
    match s.get(i) {
        None => None,
        Some(b'\n') => Some(i > digits),
        Some(_) => Some(false),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frames(chunks: &[&[u8]]) -> Vec<Frame> {
        let mut r = Reader::default();
        let mut out = Vec::new();
        for c in chunks {
            r.push(c);
            while let Some(f) = r.next_frame() {
                out.push(f);
            }
        }
        out
    }

    fn msg(body: &str) -> Vec<u8> {
        format!("Content-Length: {}\r\n\r\n{body}", body.len()).into_bytes()
    }

    const A: &str = r#"{"jsonrpc":"2.0","method":"a"}"#;
    const B: &str = r#"{"jsonrpc":"2.0","id":1,"method":"b"}"#;

    fn with_len(len: &str, body: &str) -> Vec<u8> {
        format!("Content-Length: {len}\r\n\r\n{body}").into_bytes()
    }

    #[test]
    fn well_formed_frames_in_any_chunks() {
        let mut all = msg(A);
        all.extend(msg(B));
        all.extend(b"Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n");
        all.extend(msg("{}"));
        let want = vec![
            Frame::Body(A.into()),
            Frame::Body(B.into()),
            Frame::Body(b"{}".to_vec()),
        ];
        assert_eq!(frames(&[&all]), want);
        let bytes: Vec<&[u8]> = all.chunks(1).collect();
        assert_eq!(frames(&bytes), want);
        let bytes: Vec<&[u8]> = all.chunks(7).collect();
        assert_eq!(frames(&bytes), want);
    }

    #[test]
    fn wrong_lengths_resynchronise_at_the_next_header() {
        let short = (A.len() - 1).to_string();
        let long = (A.len() + 1).to_string();
        for (len, first) in [
            (
                short.as_str(),
                Some(Frame::Body(A.as_bytes()[..A.len() - 1].to_vec())),
            ),
            (long.as_str(), Some(Frame::Cut(A.into()))),
            ("abc", Some(Frame::BadLength(Some("abc".into())))),
            ("-5", Some(Frame::BadLength(Some("-5".into())))),
            ("0", Some(Frame::Body(Vec::new()))),
        ] {
            let mut all = with_len(len, A);
            all.extend(msg(B));
            for size in [1, 5, all.len()] {
                let chunks: Vec<&[u8]> = all.chunks(size).collect();
                let got = frames(&chunks);
                assert_eq!(
                    got.first(),
                    first.as_ref(),
                    "length {len}, chunks of {size}"
                );
                assert_eq!(
                    got.last(),
                    Some(&Frame::Body(B.into())),
                    "length {len}: {got:?}"
                );
            }
        }
    }

    #[test]
    fn a_long_length_waits_for_the_next_header_and_then_cuts() {
        let mut r = Reader::default();
        r.push(&with_len("1000", A));
        assert_eq!(r.next_frame(), None);
        r.push(&msg(B));
        assert_eq!(r.next_frame(), Some(Frame::Cut(A.into())));
        assert_eq!(r.next_frame(), Some(Frame::Body(B.into())));
    }

    #[test]
    fn huge_lengths_are_refused_without_keeping_the_body() {
        for len in [
            "1000000000000",
            "18446744073709551615",
            "99999999999999999999999",
        ] {
            let mut r = Reader::default();
            r.push(&with_len(len, "xxxx"));
            assert!(matches!(r.next_frame(), Some(Frame::TooLarge(_))));
            // A large skipped body is not kept.
            for _ in 0..100 {
                r.push(&[b'x'; 100_000]);
                assert_eq!(r.next_frame(), None);
                assert!(r.pending() < 100);
            }
            r.push(&msg(B));
            assert_eq!(r.next_frame(), Some(Frame::Body(B.into())));
        }
        // A refused body that really had that length is skipped whole.
        let mut r = Reader::new(10);
        let mut all = msg(A);
        all.extend(msg(B));
        r.push(&all);
        assert_eq!(r.next_frame(), Some(Frame::TooLarge(A.len() as u64)));
        assert_eq!(r.next_frame(), Some(Frame::TooLarge(B.len() as u64)));
        assert_eq!(r.next_frame(), None);
    }

    #[test]
    fn garbage_between_frames_is_skipped() {
        let mut all = b"hello\r\n\x00\xff garbage ".to_vec();
        all.extend(msg(A));
        all.extend(b"}}");
        all.extend(msg(B));
        let got = frames(&[&all]);
        assert_eq!(
            got,
            vec![
                Frame::Skipped(18),
                Frame::Body(A.into()),
                Frame::Skipped(2),
                Frame::Body(B.into())
            ]
        );
    }

    #[test]
    fn a_header_inside_a_json_string_is_not_a_header() {
        let body = r#"{"jsonrpc":"2.0","method":"a","params":"Content-Length: 5\r\n\r\nxx"}"#;
        assert_eq!(frames(&[&msg(body)]), vec![Frame::Body(body.into())]);
    }
}

#[cfg(test)]
mod found_by_fuzzing {
    use super::*;

    fn all(data: &[u8], step: usize, max: usize) -> Vec<Frame> {
        let mut r = Reader::new(max);
        let mut out = Vec::new();
        for c in data.chunks(step) {
            r.push(c);
            while let Some(f) = r.next_frame() {
                out.push(f);
            }
        }
        out
    }

    #[test]
    fn the_same_frames_however_the_bytes_are_cut() {
        let data =
            b"Content-Lneght: 30\r\n\r\n{\"\xe7\xb8\xbd\xe8pc\":\"2.\0\0\0\0\0\0\0\x01od\":\"a\"}";
        let whole = all(data, data.len(), 512);
        for step in 1..=16 {
            assert_eq!(all(data, step, 512), whole, "chunks of {step}");
        }
    }
}
