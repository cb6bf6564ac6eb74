//! JSON Lines: one fact set per line, read in bounded chunks so that memory stays flat
//! however long the input; each line bound on its own, errors placed at its line.

use std::io::{BufRead, Read};

use super::{FactIndex, Format};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::facts::FactSet;
use crate::language::program::Program;
use crate::source::{SourceMap, Span};

/// One line of a JSON Lines input, as read.
#[derive(Debug)]
pub struct Line {
    /// Its 1-based number in the input.
    pub number: usize,
    /// Its bytes, without the line end.
    pub bytes: Vec<u8>,
    /// Set when the line was longer than the file size limit ([`crate::limits`]): its bytes are cut.
    pub too_long: bool,
}

/// Reads the lines of a JSON Lines input, skipping blank ones.
pub struct Lines<R> {
    reader: R,
    limit: u64,
    number: usize,
    bytes_read: u64,
    done: bool,
}

impl<R: BufRead> Lines<R> {
    /// Reads lines from a reader, each at most as long as a fact file may be.
    pub fn new(reader: R) -> Lines<R> {
        Lines::with_limit(reader, crate::limits::current().max_file_size)
    }

    /// Reads lines from a reader, each at most `limit` bytes long.
    pub fn with_limit(reader: R, limit: u64) -> Lines<R> {
        Lines {
            reader,
            limit: limit.max(1),
            number: 0,
            bytes_read: 0,
            done: false,
        }
    }

    /// The bytes read so far.
    pub fn bytes_read(&self) -> u64 {
        self.bytes_read
    }

    /// Whether the input is read to its end.
    pub fn is_done(&self) -> bool {
        self.done
    }

    /// Reads up to `max_lines` lines that are not blank, or fewer once about `max_bytes`
    /// are read; an empty chunk when the input is done.
    pub fn chunk(&mut self, max_lines: usize, max_bytes: usize) -> std::io::Result<Vec<Line>> {
        let mut lines = Vec::new();
        let mut bytes = 0;
        while !self.done && lines.len() < max_lines && bytes < max_bytes {
            if let Some(line) = self.next_line()? {
                bytes += line.bytes.len();
                lines.push(line);
            }
        }
        Ok(lines)
    }

    /// Reads into `into` up to the next newline (kept), `limit` bytes at most; counts them.
    fn read_piece(&mut self, into: &mut Vec<u8>) -> std::io::Result<usize> {
        let read = self
            .reader
            .by_ref()
            .take(self.limit)
            .read_until(b'\n', into)?;
        self.bytes_read += read as u64;
        Ok(read)
    }

    /// The next line, `None` for a blank one or the end.
    fn next_line(&mut self) -> std::io::Result<Option<Line>> {
        let mut bytes = Vec::new();
        let read = self.read_piece(&mut bytes)?;
        if read == 0 {
            self.done = true;
            return Ok(None);
        }
        self.number += 1;
        let mut too_long = false;
        if bytes.last() == Some(&b'\n') {
            bytes.pop();
            if bytes.last() == Some(&b'\r') {
                bytes.pop();
            }
        } else if read as u64 == self.limit {
            too_long = true;
            let mut rest = Vec::new();
            // The rest of the line, dropped in bounded pieces.
            loop {
                rest.clear();
                let more = self.read_piece(&mut rest)?;
                if more == 0 || rest.last() == Some(&b'\n') {
                    break;
                }
            }
        }
        if !too_long && bytes.iter().all(u8::is_ascii_whitespace) {
            return Ok(None);
        }
        Ok(Some(Line {
            number: self.number,
            bytes,
            too_long,
        }))
    }
}

/// Binds one line of a JSON Lines input named `name`: the fast reader first, the spanned
/// reader when it fails, its errors placed in the line (adding it to `sources`).
pub fn bind_line(
    program: &Program,
    index: &FactIndex,
    name: &str,
    line: &Line,
    sources: &mut SourceMap,
) -> Result<FactSet, Diagnostics> {
    let lines_before = line.number.saturating_sub(1);
    if line.too_long {
        return Err(Diagnostic::error(
            "doctrine::io",
            format!(
                "line {} of `{name}` is longer than the file size limit ({})",
                line.number,
                crate::limits::show_size(crate::limits::current().max_file_size)
            ),
        )
        .with_help("a line holds one fact set; raise the limit with `--max-file-size BYTES`")
        .into());
    }
    let text = match std::str::from_utf8(&line.bytes) {
        Ok(text) => text,
        Err(e) => {
            let offset = e.valid_up_to();
            let lossy = String::from_utf8_lossy(&line.bytes).into_owned();
            let id = sources.add_part(name, lossy, lines_before);
            return Err(Diagnostic::error(
                "doctrine::io",
                format!("line {} of `{name}` is not UTF-8 text", line.number),
            )
            .with_label(Span::new(id, offset, offset + 1), "this byte is not UTF-8")
            .with_help("save the file as UTF-8")
            .into());
        }
    };
    if let Some(facts) = super::read_json(index, text) {
        return Ok(facts);
    }
    let id = sources.add_part(name, text, lines_before);
    let source = sources
        .get(id)
        .cloned()
        .ok_or_else(|| Diagnostic::error("doctrine::io", "lost a source file"))?;
    let root = super::parse(&source, id, Format::Json)?;
    super::bind(program, &root, id, &[]).map(|(facts, _)| facts)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "tests may unwrap")]
mod tests {
    use super::*;

    fn read(text: &str, limit: u64, per_chunk: usize) -> Vec<Vec<(usize, String, bool)>> {
        let mut lines = Lines::with_limit(text.as_bytes(), limit);
        let mut chunks = Vec::new();
        loop {
            let chunk = lines.chunk(per_chunk, usize::MAX).unwrap();
            if chunk.is_empty() && lines.is_done() {
                break;
            }
            chunks.push(
                chunk
                    .into_iter()
                    .map(|l| (l.number, String::from_utf8(l.bytes).unwrap(), l.too_long))
                    .collect(),
            );
        }
        assert_eq!(lines.bytes_read(), text.len() as u64);
        chunks
    }

    /// Lines as [`read`] gives them: number, text, whether cut.
    fn owned(lines: &[(usize, &str, bool)]) -> Vec<(usize, String, bool)> {
        lines
            .iter()
            .map(|&(n, text, cut)| (n, text.to_string(), cut))
            .collect()
    }

    #[test]
    fn blank_lines_are_skipped_and_numbers_kept() {
        let chunks = read("{}\n\n  \t\n{\"a\":1}\r\n{}", 100, 10);
        let expected = [(1, "{}", false), (4, "{\"a\":1}", false), (5, "{}", false)];
        assert_eq!(chunks, [owned(&expected)]);
    }

    #[test]
    fn chunks_hold_at_most_the_lines_asked() {
        let chunks = read("1\n2\n3\n4\n5\n", 100, 2);
        let sizes: Vec<usize> = chunks.iter().map(Vec::len).collect();
        assert_eq!(sizes, vec![2, 2, 1]);
        assert_eq!(chunks.last().unwrap().first().unwrap().0, 5);
    }

    #[test]
    fn a_line_past_the_limit_is_cut_and_the_next_read_whole() {
        let chunks = read("0123456789abcdef\nok\n", 4, 10);
        assert_eq!(chunks, [owned(&[(1, "0123", true), (2, "ok", false)])]);
    }
}
