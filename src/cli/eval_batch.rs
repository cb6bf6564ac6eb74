//! `doctrine eval` over many fact sets (JSON Lines inputs, `--format jsonl`): read in
//! bounded chunks, each chunk evaluated in parallel while the next is read, outcomes
//! written in input order; a bad fact set is reported in its place and the others go on.

use std::collections::VecDeque;
use std::io::{IsTerminal, Write};
use std::sync::Arc;
use std::time::Instant;

use indicatif::{ProgressBar, ProgressStyle};

use super::output::{EXIT_BAD_INPUT, diagnostics_text, errors_for_people};
use doctrine::batch::{Batch, Item, Outcome, Summary};
use doctrine::diagnostic::Diagnostic;
use doctrine::facts::lines::Lines;

/// Fact sets per chunk: enough to keep every core busy, few enough to keep memory flat.
const CHUNK_ITEMS: usize = 4096;
/// Bytes of JSON Lines per chunk, at most (about: the last line read may pass it).
const CHUNK_BYTES: usize = 8 << 20;

/// How decisions are written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layout {
    /// One line of JSON per decision.
    Jsonl,
    /// A JSON array, each decision as `--format json` writes it.
    JsonArray,
    /// The text report of each decision, a blank line between.
    Text,
}

/// One input: a fact file, or a JSON Lines input.
pub struct Input {
    /// The path as given (`-`: standard input).
    pub path: String,
    /// Whether it holds one fact set per line.
    pub jsonl: bool,
}

/// A JSON Lines input being read: its name and its lines.
type Reading = (Arc<str>, Lines<Box<dyn std::io::BufRead + Send>>);

/// The inputs, read chunk by chunk.
struct Inputs {
    pending: VecDeque<Input>,
    current: Option<Reading>,
    /// Bytes of the inputs done, and of the current JSON Lines input before it.
    done_bytes: u64,
}

impl Inputs {
    fn size(input: &Input) -> Option<u64> {
        if input.path == "-" {
            return None;
        }
        Some(std::fs::metadata(&input.path).map_or(0, |m| m.len()))
    }

    /// Bytes read so far.
    fn position(&self) -> u64 {
        self.done_bytes + self.current.as_ref().map_or(0, |(_, l)| l.bytes_read())
    }

    /// The next chunk of items; empty when all inputs are read.
    fn next_chunk(&mut self) -> Vec<Item> {
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
            match doctrine::load::open_lines(&input.path) {
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

/// Writes outcomes: reports on stdout in their layout, diagnostics on stderr.
struct Writer {
    layout: Layout,
    written: u64,
    failed: u64,
    closed: bool,
    out: Box<dyn Write + Send>,
}

impl Writer {
    fn outcome(&mut self, outcome: &Outcome, progress: &ProgressBar) {
        match outcome {
            Outcome::Decided { report, .. } => {
                let before = match (self.layout, self.written) {
                    (Layout::JsonArray, 0) => "[\n",
                    (Layout::JsonArray, _) => ",\n",
                    (Layout::Text, 0) | (Layout::Jsonl, _) => "",
                    (Layout::Text, _) => "\n",
                };
                let written = self
                    .out
                    .write_all(before.as_bytes())
                    .and_then(|()| self.out.write_all(report.as_bytes()));
                // A reader that has gone (`| head`) wants no more: stop reading too.
                self.closed |= written.is_err();
                self.written += 1;
            }
            Outcome::Failed(text) => {
                let _ = self.out.flush();
                // A blank line between reports, as when several are printed at once.
                let gap = if self.failed > 0 && errors_for_people() {
                    "\n"
                } else {
                    ""
                };
                progress.suspend(|| {
                    let _ = write!(std::io::stderr(), "{gap}{text}");
                });
                self.failed += 1;
            }
        }
    }

    fn finish(&mut self) {
        if self.layout == Layout::JsonArray {
            let end = if self.written == 0 { "[]\n" } else { "\n]\n" };
            let _ = self.out.write_all(end.as_bytes());
        }
        let _ = self.out.flush();
    }
}

/// A JSON value as `--format json` writes it inside an array: pretty, indented.
fn indented(json: &serde_json::Value) -> String {
    let pretty = serde_json::to_string_pretty(json).unwrap_or_default();
    let lines: Vec<String> = pretty.lines().map(|l| format!("  {l}")).collect();
    lines.join("\n")
}

fn progress_bar(total: Option<u64>) -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = match total {
        Some(total) => ProgressBar::new(total).with_style(
            ProgressStyle::with_template(
                "{bar:30} {percent:>3}% {binary_bytes}/{binary_total_bytes} {msg} {elapsed} (eta {eta})",
            )
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
        ),
        None => ProgressBar::new_spinner().with_style(
            ProgressStyle::with_template("{spinner} {binary_bytes} {msg} {elapsed}")
                .unwrap_or_else(|_| ProgressStyle::default_spinner()),
        ),
    };
    bar.enable_steady_tick(std::time::Duration::from_millis(200));
    bar
}

/// What a batch run needs besides its inputs.
pub struct Run<'a> {
    /// The evaluation set-up.
    pub batch: Batch<'a>,
    /// The verdict names, in scale order.
    pub verdicts: Vec<&'a str>,
    /// The policy's verdict scale, for text reports.
    pub scale: &'a doctrine::program::VerdictScale,
    /// Exit 1 when a decision is this rank or worse.
    pub fail_on: Option<u32>,
    /// The message language.
    pub lang: doctrine::ast::Lang,
    /// How decisions are written.
    pub layout: Layout,
    /// Worker threads; `None`: one per core.
    pub jobs: Option<usize>,
}

/// Evaluates the inputs and returns the exit code.
pub fn run(run: &Run<'_>, inputs: Vec<Input>) -> u8 {
    let total = inputs
        .iter()
        .map(Inputs::size)
        .try_fold(0u64, |sum, size| size.map(|s| sum + s));
    let mut inputs = Inputs {
        pending: inputs.into(),
        current: None,
        done_bytes: 0,
    };
    let pool = match rayon::ThreadPoolBuilder::new()
        .num_threads(run.jobs.unwrap_or(0))
        .build()
    {
        Ok(pool) => pool,
        Err(e) => {
            eprintln!("error: cannot start the worker threads: {e}");
            return EXIT_BAD_INPUT;
        }
    };
    let (lang, scale, layout) = (run.lang, run.scale, run.layout);
    let report = move |decision: &doctrine::Decision, origin: &str| match layout {
        Layout::Jsonl => {
            let json = doctrine::report::json::decision(decision, origin, lang);
            format!("{}\n", serde_json::to_string(&json).unwrap_or_default())
        }
        Layout::JsonArray => indented(&doctrine::report::json::decision(decision, origin, lang)),
        Layout::Text => doctrine::report::text::decision(decision, origin, lang, scale),
    };
    let progress = progress_bar(total);
    let started = Instant::now();
    let out: Box<dyn Write + Send> = match run.layout {
        Layout::Text => Box::new(anstream::stdout()),
        _ => Box::new(std::io::BufWriter::with_capacity(
            1 << 16,
            std::io::stdout(),
        )),
    };
    let mut writer = Writer {
        layout: run.layout,
        written: 0,
        failed: 0,
        closed: false,
        out,
    };
    let mut summary = Summary::new(run.verdicts.len());
    pool.install(|| {
        let mut chunk = inputs.next_chunk();
        while !chunk.is_empty() && !writer.closed {
            let (next, outcomes) = rayon::join(
                || inputs.next_chunk(),
                || run.batch.run(chunk, &report, &diagnostics_text),
            );
            for outcome in &outcomes {
                summary.add(outcome);
                writer.outcome(outcome, &progress);
            }
            progress.set_position(inputs.position());
            progress.set_message(format!("{} fact sets", summary.total()));
            chunk = next;
        }
    });
    writer.finish();
    progress.finish_and_clear();
    let mut line = summary.line(&run.verdicts);
    if std::io::stderr().is_terminal() {
        let seconds = started.elapsed().as_secs_f64();
        let rate = summary.total() as f64 / seconds.max(1e-9);
        line.push_str(&format!(" (in {seconds:.1} s, {rate:.0} per second)"));
    }
    eprintln!("{line}");
    if summary.errors > 0 {
        return EXIT_BAD_INPUT;
    }
    let failed = run.fail_on.is_some_and(|limit| {
        summary
            .decisions
            .iter()
            .take(limit as usize + 1)
            .any(|count| *count > 0)
    });
    u8::from(failed)
}
