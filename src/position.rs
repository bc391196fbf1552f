//! Conversion between byte offsets and line/column positions, for the edges (CLI and language
//! server) only. Lines break at \n, \r\n and \r, as in the Language Server Protocol.

/// How columns are counted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-8 bytes.
    Utf8,
    /// UTF-16 code units (the LSP default).
    Utf16,
    /// Unicode scalar values.
    Chars,
}

/// A 0-based line and column.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Position {
    pub line: u32,
    pub character: u32,
}

/// The start offsets of the lines of a text.
#[derive(Clone, Debug)]
pub struct LineIndex {
    starts: Vec<usize>,
    len: usize,
    /// Counts at every `MARK_STEP` bytes, made on the first column asked for far into a long
    /// line: many findings on one long line then cost one pass, not one pass each.
    marks: std::sync::OnceLock<Marks>,
}

/// Columns further than this from their line's start are counted from the nearest mark.
const LONG: usize = 2048;
const MARK_STEP: usize = 256;

/// For each block of `MARK_STEP` bytes: the first character boundary in it and the UTF-16
/// units and characters before that boundary in the whole text.
#[derive(Clone, Debug, Default)]
struct Marks {
    at: Vec<usize>,
    utf16: Vec<usize>,
    chars: Vec<usize>,
}

impl Marks {
    fn new(text: &str) -> Marks {
        let b = text.as_bytes();
        let n = b.len() / MARK_STEP + 1;
        let mut m = Marks {
            at: Vec::with_capacity(n),
            utf16: Vec::with_capacity(n),
            chars: Vec::with_capacity(n),
        };
        let (mut units, mut chars) = (0usize, 0usize);
        let mut next = 0;
        for (i, &byte) in b.iter().enumerate() {
            let lead = (byte as i8) >= -0x40;
            if lead && i >= next {
                m.at.push(i);
                m.utf16.push(units);
                m.chars.push(chars);
                next = (i / MARK_STEP + 1) * MARK_STEP;
            }
            if lead {
                chars += 1;
                units += if byte >= 0xF0 { 2 } else { 1 };
            }
        }
        m
    }

    /// (UTF-16 units, characters) before `offset`, a character boundary.
    fn before(&self, text: &str, offset: usize) -> (usize, usize) {
        let k = self.at.partition_point(|&a| a <= offset);
        if k == 0 {
            return (0, 0);
        }
        let seg = &text[self.at[k - 1]..offset];
        (
            self.utf16[k - 1] + seg.encode_utf16().count(),
            self.chars[k - 1] + seg.chars().count(),
        )
    }
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let mut starts = vec![0];
        let b = text.as_bytes();
        let mut skip_lf = None;
        for i in memchr::memchr2_iter(b'\n', b'\r', b) {
            if skip_lf == Some(i) {
                continue;
            }
            if b[i] == b'\r' && b.get(i + 1) == Some(&b'\n') {
                skip_lf = Some(i + 1);
                starts.push(i + 2);
            } else {
                starts.push(i + 1);
            }
        }
        LineIndex {
            starts,
            len: text.len(),
            marks: std::sync::OnceLock::new(),
        }
    }

    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// The byte range of a line, without its line break.
    pub fn line_range(&self, text: &str, line: usize) -> std::ops::Range<usize> {
        let start = self.starts.get(line).copied().unwrap_or(self.len);
        let mut end = self.starts.get(line + 1).copied().unwrap_or(self.len);
        let b = text.as_bytes();
        while end > start && matches!(b.get(end - 1), Some(b'\n' | b'\r')) {
            end -= 1;
        }
        start..end
    }

    /// The position of a byte offset (clamped to the text, moved back to a char boundary).
    pub fn position(&self, text: &str, offset: usize, enc: Encoding) -> Position {
        let mut offset = offset.min(self.len);
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let start = self.starts[line];
        let character = if enc == Encoding::Utf8 {
            offset - start
        } else if offset - start > LONG && text.len() == self.len {
            let marks = self.marks.get_or_init(|| Marks::new(text));
            let (u1, c1) = marks.before(text, offset);
            let (u0, c0) = marks.before(text, start);
            if enc == Encoding::Utf16 {
                u1 - u0
            } else {
                c1 - c0
            }
        } else {
            let seg = &text[start..offset];
            match enc {
                Encoding::Utf16 => seg.encode_utf16().count(),
                _ => seg.chars().count(),
            }
        };
        Position {
            line: line as u32,
            character: character as u32,
        }
    }

    /// The byte offset of a position; columns past the end of a line stop at its end, lines past
    /// the end at the end of the text, and a column inside a character at its start.
    pub fn offset(&self, text: &str, pos: Position, enc: Encoding) -> usize {
        let line = pos.line as usize;
        if line >= self.starts.len() {
            return self.len;
        }
        let range = self.line_range(text, line);
        let seg = &text[range.clone()];
        let want = pos.character as usize;
        let mut units = 0usize;
        for (i, c) in seg.char_indices() {
            if units >= want {
                return range.start + i;
            }
            units += match enc {
                Encoding::Utf8 => c.len_utf8(),
                Encoding::Utf16 => c.len_utf16(),
                Encoding::Chars => 1,
            };
            if units > want {
                return range.start + i;
            }
        }
        range.end
    }
}

/// The part of a long line to show around `start..end` (byte offsets in `text`, inside
/// `line`): the whole line when it is short, otherwise about `max` bytes from a little before
/// `start`, on character boundaries. Showing a 5 MB line once per finding is not reading.
pub fn excerpt(
    text: &str,
    line: std::ops::Range<usize>,
    start: usize,
    max: usize,
) -> std::ops::Range<usize> {
    if line.end - line.start <= max {
        return line;
    }
    let start = start.clamp(line.start, line.end);
    let mut from = start.saturating_sub(max / 4).max(line.start);
    while !text.is_char_boundary(from) {
        from -= 1;
    }
    let mut to = (from + max).min(line.end);
    while !text.is_char_boundary(to) {
        to -= 1;
    }
    from..to
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_far_into_a_long_line_agree_with_counting() {
        // CJK, 𠀀 and ASCII on one long line, after a short one.
        let line: String = "一a𠀀b\t".repeat(3000);
        let text = format!("第一行\r\n{line}\n末");
        let idx = LineIndex::new(&text);
        let start = text.find('\n').unwrap() + 1;
        for (off, _) in text.char_indices().step_by(97) {
            for enc in [Encoding::Utf16, Encoding::Chars, Encoding::Utf8] {
                let p = idx.position(&text, off, enc);
                let l = idx.starts[p.line as usize];
                let seg = &text[l..off];
                let want = match enc {
                    Encoding::Utf16 => seg.encode_utf16().count(),
                    Encoding::Chars => seg.chars().count(),
                    Encoding::Utf8 => seg.len(),
                };
                assert_eq!(p.character as usize, want, "offset {off}, {enc:?}");
                assert_eq!(
                    p.line,
                    u32::from(off >= start) + u32::from(off > start + line.len())
                );
            }
        }
    }

    #[test]
    fn excerpts_of_long_lines_stay_on_character_boundaries() {
        let text = "一".repeat(1000);
        assert_eq!(excerpt(&text, 0..30, 10, 100), 0..30);
        let r = excerpt(&text, 0..text.len(), 1500, 100);
        assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
        assert!(r.start <= 1500 && r.end > 1500 && r.end - r.start <= 100);
    }

    #[test]
    fn positions_with_cjk_and_astral_characters() {
        let text = "一、总体\r\n𠀀规章\t0\r二";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_count(), 3);
        let zero = text.find('0').unwrap();
        assert_eq!(zero, 25);
        assert_eq!(
            idx.position(text, zero, Encoding::Utf16),
            Position {
                line: 1,
                character: 5
            }
        );
        assert_eq!(
            idx.position(text, zero, Encoding::Utf8),
            Position {
                line: 1,
                character: 11
            }
        );
        assert_eq!(
            idx.position(text, zero, Encoding::Chars),
            Position {
                line: 1,
                character: 4
            }
        );
        for enc in [Encoding::Utf8, Encoding::Utf16, Encoding::Chars] {
            let p = idx.position(text, zero, enc);
            assert_eq!(idx.offset(text, p, enc), zero);
        }
        // Inside 𠀀 (between its two UTF-16 units) is its start.
        assert_eq!(
            idx.offset(
                text,
                Position {
                    line: 1,
                    character: 1
                },
                Encoding::Utf16
            ),
            14
        );
        // Past the end of a line or of the text.
        assert_eq!(
            idx.offset(
                text,
                Position {
                    line: 0,
                    character: 99
                },
                Encoding::Utf16
            ),
            12
        );
        assert_eq!(
            idx.offset(
                text,
                Position {
                    line: 9,
                    character: 0
                },
                Encoding::Utf16
            ),
            text.len()
        );
        assert_eq!(
            idx.position(text, 15, Encoding::Utf16),
            Position {
                line: 1,
                character: 0
            }
        );
        assert_eq!(idx.line_range(text, 2), 27..30);
    }
}
