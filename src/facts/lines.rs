//! JSON Lines: one fact set per line, read in bounded chunks so that memory stays flat
//! however long the input; each line bound on its own, errors placed at its line.

use std::io::{BufRead, Read};

use super::{FactIndex, Format};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::eval::FactSet;
use crate::program::Program;
use crate::source::{SourceMap, Span};

/// The longest line read, in bytes: as long as a fact file may be.
pub const MAX_LINE_BYTES: u64 = crate::load::MAX_FILE_BYTES;

/// One line of a JSON Lines input, as read.
#[derive(Debug)]
pub struct Line {
    /// Its 1-based number in the input.
    pub number: usize,
    /// Its bytes, without the line end.
    pub bytes: Vec<u8>,
    /// Set when the line was longer than [`MAX_LINE_BYTES`]: its bytes are cut.
    pub too_long: bool,
}

/// Reads the lines of a JSON Lines input, skipping blank ones.
pub struct Lines<R> {
    reader: R,
    number: usize,
    bytes_read: u64,
    done: bool,
}

impl<R: BufRead> Lines<R> {
    /// Reads lines from a reader.
    pub fn new(reader: R) -> Lines<R> {
        Lines {
            reader,
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

    /// The next line, `None` for a blank one or the end.
    fn next_line(&mut self) -> std::io::Result<Option<Line>> {
        let mut bytes = Vec::new();
        let read = self
            .reader
            .by_ref()
            .take(MAX_LINE_BYTES)
            .read_until(b'\n', &mut bytes)?;
        self.bytes_read += read as u64;
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
        } else if read as u64 == MAX_LINE_BYTES {
            too_long = true;
            let mut rest = Vec::new();
            // The rest of the line, dropped in bounded pieces.
            loop {
                rest.clear();
                let more = self
                    .reader
                    .by_ref()
                    .take(MAX_LINE_BYTES)
                    .read_until(b'\n', &mut rest)?;
                self.bytes_read += more as u64;
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
                "line {} of `{name}` is longer than {} MiB",
                line.number,
                MAX_LINE_BYTES / (1024 * 1024)
            ),
        )
        .with_help("a line of a JSON Lines file holds one fact set")
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
