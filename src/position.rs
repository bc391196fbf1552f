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
        let seg = &text[start..offset];
        let character = match enc {
            Encoding::Utf8 => seg.len(),
            Encoding::Utf16 => seg.encode_utf16().count(),
            Encoding::Chars => seg.chars().count(),
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

#[cfg(test)]
mod tests {
    use super::*;

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
