//! Source files and byte spans into them.

use std::sync::{Arc, OnceLock};

/// Identifies one file in a [`SourceMap`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct FileId(pub u32);

/// A byte range in one source file. `Copy`, so every node can carry one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub struct Span {
    /// The file the range is in.
    pub file: FileId,
    /// First byte.
    pub start: u32,
    /// One past the last byte.
    pub end: u32,
}

impl Span {
    /// A span from byte offsets.
    pub fn new(file: FileId, start: usize, end: usize) -> Span {
        Span {
            file,
            start: u32::try_from(start).unwrap_or(u32::MAX),
            end: u32::try_from(end).unwrap_or(u32::MAX),
        }
    }

    /// The smallest span covering both.
    pub fn to(self, other: Span) -> Span {
        Span {
            file: self.file,
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }

    /// Length in bytes.
    pub fn len(self) -> usize {
        self.end.saturating_sub(self.start) as usize
    }

    /// Whether the span covers no byte.
    pub fn is_empty(self) -> bool {
        self.len() == 0
    }
}

/// A value with the span it was written at.
#[derive(Clone, Debug, PartialEq)]
pub struct Spanned<T> {
    /// The value.
    pub value: T,
    /// Where it was written.
    pub span: Span,
}

/// One named text: a policy file, a fact file, or a command-line value.
#[derive(Clone, Debug)]
pub struct SourceFile {
    /// The name shown in messages (usually the path as given).
    pub name: String,
    /// The whole text.
    pub text: Arc<str>,
    /// How many lines of the file come before this text: 0 for a whole file, more for one
    /// line of a JSON Lines file, so that places name the line in the file.
    pub lines_before: usize,
    /// Where each line starts, built on first use: a place is then found by a binary search,
    /// not by reading the text again (thousands of errors in one file stay linear).
    lines: OnceLock<LineStarts>,
    /// The SHA-256 of the text, computed on first use: a server's records name the same
    /// policy texts in every decision.
    digest: OnceLock<String>,
}

/// The byte offset where each line of a text starts (the first is 0), ascending.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LineStarts(Vec<usize>);

impl LineStarts {
    /// Reads the text once.
    pub fn new(text: &str) -> LineStarts {
        let mut starts = vec![0];
        starts.extend(
            text.bytes()
                .enumerate()
                .filter(|(_, byte)| *byte == b'\n')
                .map(|(index, _)| index + 1),
        );
        LineStarts(starts)
    }

    /// The 0-based line of a byte offset.
    pub fn line_of(&self, offset: usize) -> usize {
        self.0
            .partition_point(|start| *start <= offset)
            .saturating_sub(1)
    }

    /// Where a 0-based line starts, if the text has it.
    pub fn start(&self, line: usize) -> Option<usize> {
        self.0.get(line).copied()
    }

    /// How many lines the text has (a final line end starts an empty last line).
    pub fn count(&self) -> usize {
        self.0.len()
    }
}

impl SourceFile {
    /// A whole text, or the part of a file after `lines_before` of its lines.
    pub fn new(name: impl Into<String>, text: impl Into<Arc<str>>, lines_before: usize) -> Self {
        SourceFile {
            name: name.into(),
            text: text.into(),
            lines_before,
            lines: OnceLock::new(),
            digest: OnceLock::new(),
        }
    }

    /// The start of each line, read once per file.
    pub fn line_starts(&self) -> &LineStarts {
        self.lines.get_or_init(|| LineStarts::new(&self.text))
    }

    /// The byte range of the line an offset is on, without its line end.
    pub fn line_range(&self, offset: usize) -> std::ops::Range<usize> {
        let starts = self.line_starts();
        let line = starts.line_of(offset.min(self.text.len()));
        let start = starts.start(line).unwrap_or(0);
        let end = starts
            .start(line + 1)
            .map_or(self.text.len(), |next| next.saturating_sub(1));
        start..end.max(start)
    }

    /// The SHA-256 of the text, in lowercase hex. The loader keeps a file's text whole (it
    /// refuses what is not UTF-8), so for a file this is the SHA-256 of its bytes.
    pub fn sha256(&self) -> String {
        self.digest
            .get_or_init(|| sha256_hex(self.text.as_bytes()))
            .clone()
    }

    /// The 1-based line (in the whole file) and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let starts = self.line_starts();
        let line = starts.line_of(offset);
        let line_start = starts.start(line).unwrap_or(0);
        let col = self
            .text
            .get(line_start..offset)
            .map_or(0, |s| s.chars().count())
            + 1;
        (line + 1 + self.lines_before, col)
    }

    /// The byte offset of a 1-based line and column (in characters) of this text (not
    /// counting `lines_before`).
    pub fn offset_of(&self, line: usize, col: usize) -> usize {
        let starts = self.line_starts();
        let Some(start) = line.checked_sub(1).and_then(|line| starts.start(line)) else {
            return self.text.len();
        };
        let end = starts.start(line).unwrap_or(self.text.len());
        let in_line: usize = self
            .text
            .get(start..end)
            .unwrap_or("")
            .chars()
            .take(col.saturating_sub(1))
            .map(char::len_utf8)
            .sum();
        start + in_line
    }
}

/// Every source file of one run, so that spans can be shown with their text.
#[derive(Clone, Debug, Default)]
pub struct SourceMap {
    files: Vec<SourceFile>,
}

impl SourceMap {
    /// An empty map.
    pub fn new() -> SourceMap {
        SourceMap::default()
    }

    /// Adds a file and returns its id.
    pub fn add(&mut self, name: impl Into<String>, text: impl Into<Arc<str>>) -> FileId {
        self.add_part(name, text, 0)
    }

    /// Adds a part of a file that starts after `lines_before` lines of it (one line of a
    /// JSON Lines file) and returns its id: places in it name the line in the whole file.
    pub fn add_part(
        &mut self,
        name: impl Into<String>,
        text: impl Into<Arc<str>>,
        lines_before: usize,
    ) -> FileId {
        let id = FileId(u32::try_from(self.files.len()).unwrap_or(u32::MAX));
        self.files
            .push(SourceFile::new(name.into(), text.into(), lines_before));
        id
    }

    /// The file with this id.
    pub fn get(&self, id: FileId) -> Option<&SourceFile> {
        self.files.get(id.0 as usize)
    }

    /// The text a span covers, or "" when it is out of range.
    pub fn snippet(&self, span: Span) -> &str {
        self.get(span.file)
            .and_then(|f| f.text.get(span.start as usize..span.end as usize))
            .unwrap_or("")
    }

    /// `file:line:column` of a span's start.
    pub fn location(&self, span: Span) -> String {
        match self.get(span.file) {
            Some(file) => {
                let (line, col) = file.line_col(span.start as usize);
                format!("{}:{line}:{col}", file.name)
            }
            None => String::from("<unknown>"),
        }
    }
}

/// The SHA-256 of some bytes, in lowercase hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    use std::fmt::Write;
    let digest = sha2::Sha256::digest(bytes);
    digest
        .iter()
        .fold(String::with_capacity(64), |mut hex, byte| {
            let _ = write!(hex, "{byte:02x}");
            hex
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Line and column the slow way: every character before the offset.
    fn counted(text: &str, offset: usize) -> (usize, usize) {
        let before = &text[..offset];
        let line = before.matches('\n').count() + 1;
        let start = before.rfind('\n').map_or(0, |i| i + 1);
        (line, before[start..].chars().count() + 1)
    }

    #[test]
    fn places_agree_with_counting_every_character() {
        let text = "a: 1\n\nbé: « x »\r\n  c: [1,\n 2]\nlast";
        let file = SourceFile::new("f", text, 0);
        for (offset, _) in text.char_indices().chain([(text.len(), ' ')]) {
            let place = file.line_col(offset);
            assert_eq!(place, counted(text, offset), "offset {offset}");
            assert_eq!(file.offset_of(place.0, place.1), offset, "offset {offset}");
        }
        assert_eq!(file.offset_of(0, 1), text.len());
        assert_eq!(file.offset_of(99, 1), text.len());
        assert_eq!(
            file.line_range(8),
            6..19,
            "the line end is `\\n`; a `\\r` before it stays"
        );
    }

    #[test]
    fn the_line_index_is_built_once_per_file() {
        let text = "k: 1\n".repeat(1000);
        let file = SourceFile::new("f", text.as_str(), 3);
        let first: *const LineStarts = file.line_starts();
        for offset in (0..text.len()).step_by(7) {
            let _ = file.line_col(offset);
            let _ = file.offset_of(offset / 5 + 1, 2);
        }
        assert!(
            std::ptr::eq(first, file.line_starts()),
            "the index was rebuilt"
        );
        assert_eq!(file.line_starts().count(), 1001);
        assert_eq!(file.line_col(text.len() - 1), (1003, 5));
    }
}
