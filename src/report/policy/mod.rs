//! A policy described for the systems that ask it (`GET /v1/policy`): its texts on a day,
//! in force or not yet, with their hashes; its rules and outcomes with their titles, the
//! verdicts they can give, their exceptions and citations.

pub mod json;

use jiff::civil::Date;

use crate::language::ast::Lang;
use crate::language::program::{Citation, Localized, Program, Snapshot};
use crate::source::SourceMap;

/// What a policy description shows: a program as loaded, on a day, in a language.
#[derive(Clone, Copy, Debug)]
pub struct PolicyView<'a> {
    /// The program.
    pub program: &'a Program,
    /// Its files, for their names and hashes.
    pub sources: &'a SourceMap,
    /// The version that names the policy as loaded (a server's `doctrine-policy-version`).
    pub version: &'a str,
    /// The day.
    pub on: Date,
    /// The language of titles and labels.
    pub lang: Lang,
}

impl<'a> PolicyView<'a> {
    /// How many texts are in force on the day (the base first, then amendments by date).
    pub fn texts_in_force(&self) -> usize {
        crate::eval::texts_in_force(self.program, self.on)
    }

    /// The exception tree in force on the day, if any text is.
    fn snapshot(&self) -> Option<&'a Snapshot> {
        self.program
            .snapshots
            .get(self.texts_in_force().checked_sub(1)?)
    }

    /// A title or label in the view's language (with the usual fallbacks).
    fn text(&self, localized: &Localized) -> Option<String> {
        localized.get(self.lang).map(str::to_string)
    }

    /// Citations as "source title, pinpoint".
    fn cites(&self, cites: &[Citation]) -> Vec<String> {
        crate::eval::citations(self.program, cites)
    }

    /// A verdict's name by rank.
    fn verdict(&self, rank: u32) -> Option<&'a str> {
        self.program
            .vocabularies
            .first()
            .and_then(|v| v.members.get(rank as usize))
            .map(|m| m.name.as_str())
    }

    /// A text's id, by index.
    fn text_id(&self, text: Option<u32>) -> Option<&'a str> {
        self.program
            .texts
            .get(text? as usize)
            .map(|t| t.id.as_str())
    }

    /// The names of vocabularies, for writing types.
    fn type_names(&self) -> Vec<String> {
        self.program
            .vocabularies
            .iter()
            .map(|v| v.name.clone())
            .collect()
    }

    /// The source text of an expression, on one line.
    fn written(&self, span: crate::source::Span) -> Option<String> {
        let text = self
            .sources
            .get(span.file)?
            .text
            .get(span.start as usize..span.end as usize)?;
        Some(text.split_whitespace().collect::<Vec<_>>().join(" "))
    }
}
