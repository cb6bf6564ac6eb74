//! Many fact sets streamed through a [`Batch`]: inputs read in bounded chunks, each chunk
//! evaluated in parallel while the next is read, outcomes handed on in input order.

use std::collections::VecDeque;
use std::sync::Arc;

use super::{Batch, Item, Outcome};
use crate::app::inputs::Input;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::eval::decision::Decision;
use crate::facts::lines::Lines;
use crate::source::SourceMap;

/// Fact sets per chunk: enough to keep every core busy, few enough to keep memory flat.
const CHUNK_ITEMS: usize = 4096;
/// Bytes of JSON Lines per chunk, at most (about: the last line read may pass it).
const CHUNK_BYTES: usize = 8 << 20;

/// A JSON Lines input being read: its name and its lines.
type Reading = (Arc<str>, Lines<Box<dyn std::io::BufRead + Send>>);

/// Inputs read chunk by chunk.
pub struct Stream {
    pending: VecDeque<Input>,
    current: Option<Reading>,
    /// Bytes of the inputs done, and of the current JSON Lines input before it.
    done_bytes: u64,
}

impl Stream {
    fn size(input: &Input) -> Option<u64> {
        if input.path == "-" {
            return None;
        }
        Some(crate::app::load::file_size(&input.path))
    }

    /// Bytes read so far.
    pub fn position(&self) -> u64 {
        self.done_bytes + self.current.as_ref().map_or(0, |(_, l)| l.bytes_read())
    }

    /// The next chunk of items; empty when all inputs are read.
    pub fn next_chunk(&mut self) -> Vec<Item> {
        let mut items = Vec::new();
        let mut bytes = 0;
        while items.len() < CHUNK_ITEMS && bytes < CHUNK_BYTES {
            if let Some((name, lines)) = &mut self.current {
                match lines.chunk(CHUNK_ITEMS - items.len(), CHUNK_BYTES - bytes) {
                    Ok(chunk) => {
                        bytes += chunk.iter().map(|l| l.bytes.len()).sum::<usize>();
                        items.extend(chunk.into_iter().map(|line| Item::Line {
                            input: name.clone(),
                            line,
                        }));
                        if !lines.is_done() {
                            continue;
                        }
                    }
                    Err(e) => items.push(Item::Broken(Diagnostic::error(
                        "doctrine::io",
                        format!("cannot read `{name}`: {e}"),
                    ))),
                }
                self.done_bytes += lines.bytes_read();
                self.current = None;
                continue;
            }
            let Some(input) = self.pending.pop_front() else {
                break;
            };
            if !input.jsonl {
                self.done_bytes += Self::size(&input).unwrap_or(0);
                items.push(Item::File(input.path));
                continue;
            }
            match crate::app::load::open_lines(&input.path) {
                Ok((reader, _)) => {
                    let name = if input.path == "-" {
                        "<stdin>"
                    } else {
                        &input.path
                    };
                    self.current = Some((name.into(), Lines::new(reader)));
                }
                Err(diagnostic) => items.push(Item::Broken(diagnostic)),
            }
        }
        items
    }
}

impl Stream {
    /// A stream over inputs, in their order.
    pub fn new(inputs: Vec<Input>) -> Stream {
        Stream {
            pending: inputs.into(),
            current: None,
            done_bytes: 0,
        }
    }

    /// The bytes of all inputs, when every one is a file.
    pub fn total_size(&self) -> Option<u64> {
        self.pending
            .iter()
            .map(Stream::size)
            .try_fold(0u64, |sum, size| size.map(|s| sum + s))
    }
}

impl Batch<'_> {
    /// Evaluates every fact set of `stream` on `jobs` worker threads (`None`: one per core),
    /// handing each chunk's outcomes, in input order, to `sink` with the bytes read so far;
    /// stops early when `sink` returns false. `report` renders a decision with its origin,
    /// `errors` diagnostics. Fails only when the worker threads cannot start.
    pub fn stream<R, E>(
        &self,
        stream: &mut Stream,
        jobs: Option<usize>,
        report: &R,
        errors: &E,
        mut sink: impl FnMut(&[Outcome], u64) -> bool + Send,
    ) -> Result<(), String>
    where
        R: Fn(&Decision, &str) -> String + Sync,
        E: Fn(&Diagnostics, &SourceMap) -> String + Sync,
    {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(jobs.unwrap_or(0))
            .build()
            .map_err(|e| e.to_string())?;
        pool.install(|| {
            let mut chunk = stream.next_chunk();
            let mut going = true;
            while !chunk.is_empty() && going {
                let (next, outcomes) =
                    rayon::join(|| stream.next_chunk(), || self.run(chunk, report, errors));
                going = sink(&outcomes, stream.position());
                chunk = next;
            }
        });
        Ok(())
    }
}
