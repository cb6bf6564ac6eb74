//! `doctrine ask`: asks the questions of an undecided case one by one on standard input,
//! shows the decision as it firms up, and can write the completed fact file.

use std::io::{BufRead, IsTerminal};

use clap::Args;
use jiff::civil::Date;

use super::output::{EXIT_BAD_INPUT, language, print_diagnostics, print_stdout};
use super::{LangArg, PolicyArgs, parse_date};
use crate::ast::Lang;
use crate::decision::Decision;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::eval::{EvalOptions, FactSet};
use crate::program::Program;
use crate::questions::Question;
use crate::source::SourceMap;

/// Arguments of `doctrine ask`.
#[derive(Debug, Args)]
pub struct AskArgs {
    #[command(flatten)]
    policy: PolicyArgs,
    /// The fact file: .yaml, .yml, .json or .toml.
    #[arg(value_name = "FACTS")]
    facts: String,
    /// Write the completed fact file (YAML) here; `-` prints it.
    #[arg(long, value_name = "FILE")]
    write: Option<String>,
    /// The evaluation date (YYYY-MM-DD); default: the facts' `evaluated_on`, else today.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    on: Option<Date>,
    /// Override a parameter for this run, its value written as in a policy file (repeatable).
    #[arg(long = "set", value_name = "NAME=VALUE")]
    set: Vec<String>,
    /// Message language; default: from the environment's locale.
    #[arg(long, value_enum)]
    lang: Option<LangArg>,
}

crate::words! {
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
    let mut sources = SourceMap::new();
    let program = match args.policy.load(&mut sources) {
        Ok(program) => program,
        Err(code) => return code,
    };
    let mut errors = Diagnostics::new();
    let overrides = super::parse_overrides(&program, &args.set, &mut sources, &mut errors);
    if args.facts == "-" {
        errors.push(
            Diagnostic::error(
                "doctrine::cli",
                "`doctrine ask` reads its answers on standard input: the facts must be a file",
            )
            .with_help("give a .yaml, .yml, .json or .toml fact file"),
        );
    }
    let loaded = if args.facts == "-" {
        None
    } else {
        match crate::load::load_facts(&args.facts, &program, &mut sources, &[]) {
            Ok((facts, _, _)) if errors.is_empty() => Some(facts),
            Ok(_) => None,
            Err(e) => {
                errors.extend(e);
                None
            }
        }
    };
    let Some(mut facts) = loaded else {
        print_diagnostics(&errors, &sources);
        return EXIT_BAD_INPUT;
    };
    let options = super::eval_options(args.on, &facts, overrides);
    let lang = language(args.lang);
    let stdin = std::io::stdin();
    let echo = !stdin.is_terminal();
    let mut session = Session {
        program: &program,
        options: &options,
        lang,
        words: Words::of(lang),
        echo,
    };
    let decision = match session.run(&mut facts, &args.facts, &mut stdin.lock()) {
        Ok(decision) => decision,
        Err(error) => {
            print_diagnostics(&error.in_facts(&args.facts).into(), &sources);
            return EXIT_BAD_INPUT;
        }
    };
    let questions =
        crate::questions::questions(&program, &facts, &options, &decision).unwrap_or_default();
    print_stdout(&format!(
        "\n{}{}",
        crate::report::text::decision(&decision, &args.facts, lang, &program.scale),
        crate::report::questions::text(&questions, lang)
    ));
    match &args.write {
        None => 0,
        Some(path) => write(&program, &facts, path, session.words),
    }
}

fn write(program: &Program, facts: &FactSet, path: &str, words: &Words) -> u8 {
    let yaml = match crate::facts::write::yaml(program, facts) {
        Ok(yaml) => yaml,
        Err(e) => {
            let error = Diagnostic::error("doctrine::io", format!("cannot write the facts: {e}"));
            print_diagnostics(&error.into(), &SourceMap::new());
            return EXIT_BAD_INPUT;
        }
    };
    if path == "-" {
        print_stdout(&format!("\n{yaml}"));
        return 0;
    }
    match std::fs::write(path, yaml) {
        Ok(()) => {
            print_stdout(&format!("\n{}: {path}\n", words.written));
            0
        }
        Err(e) => {
            let error = Diagnostic::error("doctrine::io", format!("cannot write `{path}`: {e}"));
            print_diagnostics(&error.into(), &SourceMap::new());
            EXIT_BAD_INPUT
        }
    }
}

/// One run of questions and answers.
struct Session<'a> {
    program: &'a Program,
    options: &'a EvalOptions,
    lang: Lang,
    words: &'static Words,
    /// Whether to repeat each answer: input that is not typed at a terminal is not shown.
    echo: bool,
}

impl Session<'_> {
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
    /// ends; returns the last decision.
    fn run(
        &mut self,
        facts: &mut FactSet,
        name: &str,
        input: &mut dyn BufRead,
    ) -> Result<Decision, crate::eval::EvalError> {
        let mut decision = crate::eval::evaluate(self.program, facts, self.options)?;
        let first = crate::questions::questions(self.program, facts, self.options, &decision)?;
        print_stdout(&format!("{}  ({name})\n", self.decision_line(&decision)));
        if first.is_empty() {
            return Ok(decision);
        }
        print_stdout(&format!("{} {}\n", first.len(), self.words.questions));
        let mut skipped: Vec<u32> = Vec::new();
        loop {
            let questions =
                crate::questions::questions(self.program, facts, self.options, &decision)?;
            let Some(question) = questions.into_iter().find(|q| !skipped.contains(&q.slot)) else {
                return Ok(decision);
            };
            self.show(&question);
            let Some(answer) = self.answer(&question, input) else {
                print_stdout(&format!("\n{}\n", self.words.end));
                return Ok(decision);
            };
            match answer {
                None => {
                    skipped.push(question.slot);
                    print_stdout(&format!("  ({})\n", self.words.skipped));
                }
                Some(value) => {
                    if let Some(cell) = facts.values.get_mut(question.slot as usize) {
                        *cell = value;
                    }
                    decision = crate::eval::evaluate(self.program, facts, self.options)?;
                    print_stdout(&format!("  → {}\n", self.decision_line(&decision)));
                }
            }
        }
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
            crate::report::questions::allowed(question),
            self.words.unblocks,
            what.join(", "),
            self.words.skip
        ));
    }

    /// Reads answers until one is valid: `Some(Some(value))`, `Some(None)` for an empty
    /// answer, `None` at the end of the input.
    fn answer(
        &self,
        question: &Question,
        input: &mut dyn BufRead,
    ) -> Option<Option<crate::value::Value>> {
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
            match crate::answers::parse(self.program, question, answer, self.lang) {
                Ok(value) => return Some(Some(value)),
                Err(message) => print_stdout(&format!("  {message}\n")),
            }
        }
    }
}
