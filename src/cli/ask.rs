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

use super::output::print_stdout;
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
    let Some((facts, options)) = case else {
        return bad_input(&errors, &ws.sources);
    };
    let lang = ws.lang;
    let stdin = std::io::stdin();
    let session = Session {
        lang,
        words: Words::of(lang),
        echo: !stdin.is_terminal(),
    };
    let asked = Asking::new(&ws.program, facts, options, lang).and_then(|mut asking| {
        session.run(&mut asking, &args.case.facts, &mut stdin.lock())?;
        Ok(asking)
    });
    let asking = match asked {
        Ok(asking) => asking,
        Err(error) => return bad_input(&error.in_facts(&args.case.facts).into(), &ws.sources),
    };
    let questions = asking.questions().unwrap_or_default();
    print_stdout(&format!(
        "\n{}{}",
        doctrine::report::decision::text::decision(
            &asking.decision,
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
        print_stdout(&format!("\n{yaml}"));
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
        input: &mut dyn BufRead,
    ) -> Result<(), doctrine::eval::EvalError> {
        let first = asking.questions()?;
        print_stdout(&format!(
            "{}  ({name})\n",
            self.decision_line(&asking.decision)
        ));
        if first.is_empty() {
            return Ok(());
        }
        print_stdout(&format!("{} {}\n", first.len(), self.words.questions));
        while let Some(question) = asking.next()? {
            self.show(&question);
            let Some(answer) = self.answer(asking, &question, input) else {
                print_stdout(&format!("\n{}\n", self.words.end));
                return Ok(());
            };
            match answer {
                None => {
                    asking.skip(&question);
                    print_stdout(&format!("  ({})\n", self.words.skipped));
                }
                Some(value) => {
                    let decision = asking.answer(&question, value)?;
                    print_stdout(&format!("  → {}\n", self.decision_line(decision)));
                }
            }
        }
        Ok(())
    }

    fn show(&self, question: &Question) {
        let mut what: Vec<&str> = Vec::new();
        if question.scope {
            what.push(self.words.scope);
        }
        what.extend(question.rules.iter().map(String::as_str));
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
    /// answer, `None` at the end of the input.
    fn answer(
        &self,
        asking: &Asking<'_>,
        question: &Question,
        input: &mut dyn BufRead,
    ) -> Option<Option<doctrine::language::value::Value>> {
        loop {
            print_stdout("> ");
            let mut line = String::new();
            match input.read_line(&mut line) {
                Ok(0) | Err(_) => return None,
                Ok(_) => {}
            }
            let answer = line.trim();
            if self.echo {
                print_stdout(&format!("{answer}\n"));
            }
            if answer.is_empty() {
                return Some(None);
            }
            match asking.parse(question, answer) {
                Ok(value) => return Some(Some(value)),
                Err(message) => print_stdout(&format!("  {message}\n")),
            }
        }
    }
}
