//! `doctrine eval` over many fact sets (JSON Lines inputs, `--format jsonl`): the outcomes
//! of [`doctrine::app::batch`]'s stream written in input order, with a progress bar and a
//! summary; a bad fact set is reported in its place and the others go on.

use std::io::{IsTerminal, Write};
use std::time::Instant;

use doctrine::app::Today;
use doctrine::app::Workspace;
use doctrine::app::batch::{Batch, Outcome, Stream, Summary};
use doctrine::app::inputs::Input;
use doctrine::app::names::FailOn;
use indicatif::{ProgressBar, ProgressStyle};
use jiff::civil::Date;

use super::output::{EXIT_BAD_INPUT, diagnostics_text, errors_for_people};

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
                // Text is for people: its controls are shown, not obeyed; JSON stays exact.
                let report = match self.layout {
                    Layout::Text => doctrine::report::escape::terminal(report),
                    _ => std::borrow::Cow::Borrowed(report.as_str()),
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

/// Evaluates the inputs on `on` (else each fact set's `evaluated_on`, else today), writes
/// each decision in `layout` and a summary line, and returns the exit code.
pub fn run(
    ws: &Workspace,
    on: Option<Date>,
    fail_on: Option<FailOn>,
    layout: Layout,
    jobs: Option<usize>,
    inputs: Vec<Input>,
) -> u8 {
    let mut stream = Stream::new(inputs);
    let progress = progress_bar(stream.total_size());
    let (lang, scale, program) = (ws.lang, &ws.program.scale, &ws.program);
    let report = move |decision: &doctrine::Decision, origin: &str| match layout {
        Layout::Jsonl => {
            let json = doctrine::report::decision::json::decision(decision, origin, lang);
            format!("{}\n", serde_json::to_string(&json).unwrap_or_default())
        }
        Layout::JsonArray => indented(&doctrine::report::decision::json::decision(
            decision, origin, lang,
        )),
        Layout::Text => doctrine::report::decision::text::decision(
            &doctrine::report::decision::short::short_cites(decision, program),
            origin,
            lang,
            scale,
        ),
    };
    let started = Instant::now();
    let out: Box<dyn Write + Send> = match layout {
        Layout::Text => Box::new(anstream::stdout()),
        _ => Box::new(std::io::BufWriter::with_capacity(
            1 << 16,
            std::io::stdout(),
        )),
    };
    let mut writer = Writer {
        layout,
        written: 0,
        failed: 0,
        closed: false,
        out,
    };
    let verdicts = doctrine::app::names::decision_names(&ws.program);
    let mut summary = Summary::new(verdicts.len());
    let batch = Batch::new(
        &ws.program,
        &ws.sources,
        on,
        Today::system(),
        ws.overrides.clone(),
    );
    let streamed = batch.stream(
        &mut stream,
        jobs,
        &report,
        &diagnostics_text,
        |outcomes, position| {
            for outcome in outcomes {
                summary.add(outcome);
                writer.outcome(outcome, &progress);
            }
            progress.set_position(position);
            progress.set_message(format!("{} fact sets", summary.total()));
            !writer.closed
        },
    );
    if let Err(e) = streamed {
        eprintln!("error: cannot start the worker threads: {e}");
        return EXIT_BAD_INPUT;
    }
    writer.finish();
    progress.finish_and_clear();
    let mut line = summary.line(&verdicts);
    if std::io::stderr().is_terminal() {
        let seconds = started.elapsed().as_secs_f64();
        let rate = summary.total() as f64 / seconds.max(1e-9);
        line.push_str(&format!(" (in {seconds:.1} s, {rate:.0} per second)"));
    }
    eprintln!("{line}");
    if summary.errors > 0 {
        return EXIT_BAD_INPUT;
    }
    let failed = fail_on.is_some_and(|gate| gate.any_fails(&summary.decisions));
    u8::from(failed)
}
