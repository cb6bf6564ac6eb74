//! `doctrine ask`: asks the questions of an undecided case one by one on standard input,
//! shows the decision as it firms up, and can write the completed fact file.

use std::io::{BufRead, IsTerminal};

use clap::Args;
use doctrine::analysis::questions::Question;
use doctrine::app::ask::Asking;
use doctrine::diagnostic::Diagnostic;
use doctrine::eval::decision::Decision;
use doctrine::language::ast::Lang;
use doctrine::source::SourceMap;

use super::output::{print_exact, print_stdout};
use super::{CaseArgs, bad_input};

/// Arguments of `doctrine ask`.
#[derive(Debug, Args)]
pub struct AskArgs {
    #[command(flatten)]
    case: CaseArgs,
    /// Write the completed fact file (YAML) here; `-` prints it.
    #[arg(long, value_name = "FILE")]
    write: Option<String>,
}

doctrine::words! {
    struct Words in "ask" {
        decision,
        colon,
        questions,
        skip,
        skipped,
        unblocks,
        scope,
        end,
        written,
    }
}

/// Runs `doctrine ask` and returns the exit code.
pub fn run(args: &AskArgs) -> u8 {
    let mut ws = match args.case.open() {
        Ok(ws) => ws,
        Err(code) => return code,
    };
    let mut errors = ws.errors();
    let case = if args.case.facts == "-" {
        errors.push(
            Diagnostic::error(
                "doctrine::cli",
                "`doctrine ask` reads its answers on standard input: the facts must be a file",
            )
            .with_help("give a .yaml, .yml, .json or .toml fact file"),
        );
        None
    } else {
        ws.case(args.case.source(), args.case.on.on, &mut errors)
    };
    let Some((facts, options, file)) = case else {
        return bad_input(&errors, &ws.sources);
    };
    let lang = ws.lang;
    let stdin = std::io::stdin();
    let session = Session {
        lang,
        words: Words::of(lang),
        echo: !stdin.is_terminal(),
    };
    let asked = Asking::new(&ws.program, facts, options, lang)
        .map_err(Stop::Eval)
        .and_then(|mut asking| {
            let mut reader = Reader::new(stdin.lock());
            session.run(&mut asking, &args.case.facts, &mut reader)?;
            Ok(asking)
        });
    let asking = match asked {
        Ok(asking) => asking,
        Err(Stop::Eval(error)) => {
            let located = error.in_fact_file(&args.case.facts, &ws.program, &ws.sources, file);
            return bad_input(&located.into(), &ws.sources);
        }
        Err(Stop::Input(error)) => return bad_input(&(*error).into(), &ws.sources),
    };
    let questions = asking.questions().unwrap_or_default();
    print_stdout(&format!(
        "\n{}{}",
        doctrine::report::decision::text::decision(
            &doctrine::report::decision::short::short_cites(&asking.decision, &ws.program),
            &args.case.facts,
            lang,
            &ws.program.scale
        ),
        doctrine::report::questions::text(&questions, lang)
    ));
    match &args.write {
        None => 0,
        Some(path) => write(&asking, path, session.words),
    }
}

fn write(asking: &Asking<'_>, path: &str, words: &Words) -> u8 {
    let yaml = match asking.yaml() {
        Ok(yaml) => yaml,
        Err(e) => {
            let error = Diagnostic::error("doctrine::io", format!("cannot write the facts: {e}"));
            return bad_input(&error.into(), &SourceMap::new());
        }
    };
    if path == "-" {
        // The fact file as written, exact: escaping its values would change them.
        print_exact(&format!("\n{yaml}"));
        return 0;
    }
    match doctrine::app::load::write_text(path, &yaml) {
        Ok(()) => {
            print_stdout(&format!("\n{}: {path}\n", words.written));
            0
        }
        Err(error) => bad_input(&error.into(), &SourceMap::new()),
    }
}

/// Bad answers in a row to one question after which input that is not typed at a terminal
/// is given up on: a script answering wrongly would otherwise be asked forever.
const BAD_ANSWERS: usize = 5;

/// Why a session stopped before its end.
enum Stop {
    /// Deciding failed.
    Eval(doctrine::eval::EvalError),
    /// The input is unusable: not UTF-8, unreadable, or bad answers again and again.
    Input(Box<Diagnostic>),
}

/// Lines of standard input, counted, so that a bad byte is reported where it is.
struct Reader<R> {
    input: R,
    /// Lines read so far.
    lines: usize,
    /// Bytes read so far.
    bytes: usize,
}

impl<R: BufRead> Reader<R> {
    fn new(input: R) -> Reader<R> {
        Reader {
            input,
            lines: 0,
            bytes: 0,
        }
    }

    /// The next line, without its end; `None` at the end of the input. A line longer than
    /// the file size limit is refused: reading it whole would take unbounded memory.
    fn line(&mut self) -> Result<Option<String>, Stop> {
        let limit = doctrine::limits::current().max_file_size;
        let mut raw = Vec::new();
        let read = std::io::Read::take(&mut self.input, limit.saturating_add(1))
            .read_until(b'\n', &mut raw)
            .map_err(|e| input_error(format!("cannot read standard input: {e}")))?;
        if read == 0 {
            return Ok(None);
        }
        if read as u64 > limit {
            return Err(Stop::Input(Box::new(
                Diagnostic::error(
                    "doctrine::ask::input",
                    format!(
                        "line {} of standard input is longer than the file size limit ({})",
                        self.lines + 1,
                        doctrine::limits::show_size(limit)
                    ),
                )
                .with_help(
                    "answer each question on a line of its own; raise the limit with \
                     `--max-file-size BYTES` (or `DOCTRINE_MAX_FILE_SIZE`)",
                ),
            )));
        }
        let start = self.bytes;
        self.lines += 1;
        self.bytes += read;
        match String::from_utf8(raw) {
            Ok(line) => Ok(Some(line)),
            Err(error) => {
                let at = error.utf8_error().valid_up_to();
                let byte = error.as_bytes().get(at).copied().unwrap_or_default();
                Err(input_error(format!(
                    "standard input is not UTF-8: byte 0x{byte:02x} at line {}, byte {} of the input",
                    self.lines,
                    start + at + 1
                )))
            }
        }
    }
}

fn input_error(message: String) -> Stop {
    Stop::Input(Box::new(
        Diagnostic::error("doctrine::ask::input", message)
            .with_help("answer each question on its own line, in UTF-8 text"),
    ))
}

/// One run of questions and answers on a text stream.
struct Session {
    lang: Lang,
    words: &'static Words,
    /// Whether to repeat each answer: input that is not typed at a terminal is not shown.
    echo: bool,
}

impl Session {
    fn decision_line(&self, decision: &Decision) -> String {
        let verdict = &decision.decision;
        let mut line = format!(
            "{}{}{}",
            self.words.decision,
            self.words.colon,
            verdict.label.get(self.lang).unwrap_or(&verdict.name)
        );
        if let Some(until) = decision.until {
            line.push_str(&format!(" ({until})"));
        }
        line
    }

    /// Asks until the decision is no longer undecided, the questions run out, or the input
    /// ends.
    fn run(
        &self,
        asking: &mut Asking<'_>,
        name: &str,
        input: &mut Reader<impl BufRead>,
    ) -> Result<(), Stop> {
        let first = asking.questions().map_err(Stop::Eval)?;
        print_stdout(&format!(
            "{}  ({name})\n",
            self.decision_line(&asking.decision)
        ));
        if first.is_empty() {
            return Ok(());
        }
        print_stdout(&format!("{} {}\n", first.len(), self.words.questions));
        while let Some(question) = asking.next().map_err(Stop::Eval)? {
            self.show(&question);
            let Some(answer) = self.answer(asking, &question, input)? else {
                print_stdout(&format!("\n{}\n", self.words.end));
                return Ok(());
            };
            match answer {
                None => {
                    asking.skip(&question);
                    print_stdout(&format!("  ({})\n", self.words.skipped));
                }
                Some(value) => {
                    let decision = asking.answer(&question, value).map_err(Stop::Eval)?;
                    print_stdout(&format!("  → {}\n", self.decision_line(decision)));
                }
            }
        }
        Ok(())
    }

    fn show(&self, question: &Question) {
        let what = question.unblocks(self.words.scope);
        print_stdout(&format!(
            "\n{} — {}\n  [{}] · {} {} · {}\n",
            question.fact,
            question.label.get(self.lang).unwrap_or(""),
            doctrine::report::questions::allowed(question),
            self.words.unblocks,
            what.join(", "),
            self.words.skip
        ));
    }

    /// Reads answers until one is valid: `Some(Some(value))`, `Some(None)` for an empty
    /// answer, `None` at the end of the input. Input not typed at a terminal has
    /// [`BAD_ANSWERS`] tries per question.
    fn answer(
        &self,
        asking: &Asking<'_>,
        question: &Question,
        input: &mut Reader<impl BufRead>,
    ) -> Result<Option<Option<doctrine::language::value::Value>>, Stop> {
        let mut bad = 0;
        loop {
            print_stdout("> ");
            let Some(line) = input.line()? else {
                return Ok(None);
            };
            let answer = line.trim();
            if self.echo {
                print_stdout(&format!("{answer}\n"));
            }
            if answer.is_empty() {
                return Ok(Some(None));
            }
            match asking.parse(question, answer) {
                Ok(value) => return Ok(Some(Some(value))),
                Err(message) => print_stdout(&format!("  {message}\n")),
            }
            bad += 1;
            if self.echo && bad >= BAD_ANSWERS {
                return Err(Stop::Input(Box::new(
                    Diagnostic::error(
                        "doctrine::ask::input",
                        format!(
                            "{bad} answers in a row to `{}` do not fit, at line {} of standard input: giving up",
                            question.fact, input.lines
                        ),
                    )
                    .with_help(format!(
                        "answer with one of: {} (an empty line skips the question)",
                        doctrine::report::questions::allowed(question)
                    )),
                )));
            }
        }
    }
}
