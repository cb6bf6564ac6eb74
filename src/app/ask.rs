//! Asking the questions of an undecided case, one answer at a time: the steps a front end
//! drives (the command line from standard input, a workbench from a form), each giving the
//! decision as it firms up.

use crate::analysis::questions::Question;
use crate::eval::decision::Decision;
use crate::eval::{EvalError, EvalOptions, FactSet};
use crate::language::ast::Lang;
use crate::language::program::Program;
use crate::language::value::Value;

/// A case being completed by answers.
#[derive(Debug)]
pub struct Asking<'p> {
    program: &'p Program,
    /// The facts, completed as answers come.
    pub facts: FactSet,
    /// The options every evaluation uses.
    pub options: EvalOptions,
    /// The decision on the facts as they stand.
    pub decision: Decision,
    /// The language answers are read in (names of choices, yes/no words).
    pub lang: Lang,
    skipped: Vec<u32>,
}

impl<'p> Asking<'p> {
    /// Starts from a case's facts: decides it once.
    pub fn new(
        program: &'p Program,
        facts: FactSet,
        options: EvalOptions,
        lang: Lang,
    ) -> Result<Asking<'p>, EvalError> {
        let decision = crate::eval::evaluate(program, &facts, &options)?;
        Ok(Asking {
            program,
            facts,
            options,
            decision,
            lang,
            skipped: Vec::new(),
        })
    }

    /// Every question that would help decide, skipped ones too, most useful first.
    pub fn questions(&self) -> Result<Vec<Question>, EvalError> {
        crate::analysis::questions::questions(
            self.program,
            &self.facts,
            &self.options,
            &self.decision,
        )
    }

    /// The next question to ask: the first one not skipped; `None` when none is left.
    pub fn next(&self) -> Result<Option<Question>, EvalError> {
        let questions = self.questions()?;
        Ok(questions
            .into_iter()
            .find(|q| !self.skipped.contains(&q.slot)))
    }

    /// Leaves a question unanswered: it is not asked again.
    pub fn skip(&mut self, question: &Question) {
        self.skipped.push(question.slot);
    }

    /// Reads an answer to a question; the message says what is expected when it does not fit.
    pub fn parse(&self, question: &Question, answer: &str) -> Result<Value, String> {
        crate::analysis::answers::parse(self.program, question, answer, self.lang)
    }

    /// Takes an answer and decides again.
    pub fn answer(&mut self, question: &Question, value: Value) -> Result<&Decision, EvalError> {
        if let Some(cell) = self.facts.values.get_mut(question.slot as usize) {
            *cell = value;
        }
        self.decision = crate::eval::evaluate(self.program, &self.facts, &self.options)?;
        Ok(&self.decision)
    }

    /// The completed facts as a YAML fact file.
    pub fn yaml(&self) -> Result<String, String> {
        crate::facts::write::yaml(self.program, &self.facts)
    }
}
