//! A decision report as a document: headline, facts about the run, and sections of
//! paragraphs, lists and tables, in one language. The Markdown and HTML renderers draw the
//! same document, each escaping every text its own way.

use super::{Words, words};
use crate::eval::decision::VerdictRef;
use crate::language::ast::Lang;
use crate::language::program::VerdictScale;

/// How a verdict reads: the colour a renderer may give it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tone {
    /// The worst verdict of the scale.
    Worst,
    /// Worse than satisfied, but not the worst nor undecided.
    Between,
    /// The undecided verdict.
    Undecided,
    /// Satisfied or better.
    Satisfied,
    /// The inapplicable verdict: outside the scope.
    Inapplicable,
}

/// A piece of text in a line. Every text is plain: renderers escape it.
#[derive(Clone, Debug, PartialEq)]
pub enum Inline {
    /// Plain text.
    Text(String),
    /// Strong text.
    Strong(String),
    /// An identifier, a path, a hash: shown as code.
    Code(String),
    /// A verdict's label, toned.
    Verdict(String, Tone),
    /// A line break (inside a table cell or list item).
    Break,
}

/// A block of a section.
#[derive(Clone, Debug, PartialEq)]
pub enum Block {
    /// A paragraph.
    Paragraph(Vec<Inline>),
    /// A bulleted list.
    List(Vec<Vec<Inline>>),
    /// A tree: nested items, each a line and the items under it.
    Tree(Vec<TreeItem>),
    /// A table: column headers and rows of cells.
    Table {
        /// Column headers.
        head: Vec<String>,
        /// Rows, each a cell per column.
        rows: Vec<Vec<Vec<Inline>>>,
    },
}

/// An item of a tree: its line and the items under it.
#[derive(Clone, Debug, PartialEq)]
pub struct TreeItem {
    /// Its line.
    pub line: Vec<Inline>,
    /// The items under it.
    pub children: Vec<TreeItem>,
}

/// A titled section.
#[derive(Clone, Debug, PartialEq)]
pub struct Section {
    /// What it holds, for styles: `outcomes`, `rules`, `why`, `explanation`, `remedies`, `advice`,
    /// `notes`, `missing`, `texts`.
    pub id: &'static str,
    /// Its heading.
    pub heading: String,
    /// Its blocks.
    pub blocks: Vec<Block>,
}

/// The report of one decision.
#[derive(Clone, Debug, PartialEq)]
pub struct Report {
    /// Its language.
    pub lang: Lang,
    /// The title: "Decision" and the fact file.
    pub title: String,
    /// The headline: "Decision", the verdict and, for a temporary one, its last day.
    pub headline: Vec<Inline>,
    /// The tone of the decision.
    pub tone: Tone,
    /// Facts about the run: label and value.
    pub about: Vec<(String, Vec<Inline>)>,
    /// The sections, in reading order.
    pub sections: Vec<Section>,
}

/// The tone of a verdict on a scale.
pub fn tone(verdict: &VerdictRef, scale: &VerdictScale) -> Tone {
    if verdict.rank == scale.inapplicable {
        Tone::Inapplicable
    } else if verdict.rank >= scale.satisfied {
        Tone::Satisfied
    } else if verdict.rank == 0 {
        Tone::Worst
    } else if verdict.rank == scale.undecided {
        Tone::Undecided
    } else {
        Tone::Between
    }
}

/// A verdict's label in a language (its name if it has none), toned by its place on the scale.
pub fn verdict(verdict: &VerdictRef, scale: &VerdictScale, lang: Lang) -> Inline {
    let label = verdict.label.get(lang).unwrap_or(&verdict.name).to_string();
    Inline::Verdict(label, tone(verdict, scale))
}

impl Report {
    /// Adds a section before the first of `before` (by id) that the report has, else last.
    pub fn insert_before(&mut self, section: Section, before: &[&str]) {
        let at = self
            .sections
            .iter()
            .position(|s| before.contains(&s.id))
            .unwrap_or(self.sections.len());
        self.sections.insert(at, section);
    }

    /// The words of a report in this report's language.
    pub(crate) fn words(&self) -> &'static Words {
        words(self.lang)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "tests may unwrap")]
    use super::*;
    use crate::analysis::record::{Given, Inputs, Record};
    use crate::source::SourceMap;

    const POLICY: &str = r#"
        policy age "Age" text age-v1 "Age, version 1" in force from 2020-01-01
        verdicts refused "refused" unsure "unsure" as undecided allowed "allowed" as satisfied
          elsewhere "elsewhere" as inapplicable
        fact person.age: integer "Age"
        fact person.member: bool "Member"
        scope person.member
        rule ADULT "Adult" requires person.age >= 18 otherwise refused "Under 18"
    "#;

    fn report(facts: &str) -> Report {
        let mut sources = SourceMap::new();
        let policy = sources.add("age.doctrine", POLICY);
        let program = crate::compile(&sources, &[policy]).unwrap();
        let id = sources.add("facts.json", facts);
        let facts = crate::bind_facts(&program, &sources, id, crate::facts::Format::Json).unwrap();
        let options = crate::EvalOptions {
            on: "2024-01-01".parse().unwrap(),
            overrides: vec![],
        };
        let decision = crate::evaluate(&program, &facts, &options).unwrap();
        let inputs = Inputs {
            given: Given {
                policy: "age.doctrine".into(),
                amendments: vec![],
                set: vec![],
            },
            lang: Lang::EN,
        };
        let record = Record::new(&inputs, &program, &sources, &decision, "facts.json", id);
        Report::new(&decision, &record, &program, Lang::EN)
    }

    fn section<'a>(report: &'a Report, id: &str) -> Option<&'a Section> {
        report.sections.iter().find(|s| s.id == id)
    }

    #[test]
    fn a_violated_rule_is_worst_and_no_exception_column_is_kept() {
        let report = report(r#"{"person": {"age": 17, "member": true}}"#);
        assert_eq!(report.tone, Tone::Worst);
        let Some(Block::Table { head, rows }) = section(&report, "rules").unwrap().blocks.first()
        else {
            panic!("no rules table");
        };
        assert_eq!(head.len(), 4);
        assert!(rows.iter().all(|r| r.len() == 4));
        assert!(section(&report, "why").is_some());
        assert!(section(&report, "missing").is_none());
    }

    #[test]
    fn outside_the_scope_no_rule_applies() {
        let report = report(r#"{"person": {"age": 17, "member": false}}"#);
        assert_eq!(report.tone, Tone::Inapplicable);
        let rules = section(&report, "rules").unwrap();
        assert!(matches!(rules.blocks.first(), Some(Block::Paragraph(_))));
    }

    #[test]
    fn unknown_facts_are_listed() {
        let report = report(r#"{"person": {"member": true}}"#);
        assert_eq!(report.tone, Tone::Undecided);
        assert!(section(&report, "missing").is_some());
        assert_eq!(report.sections.last().unwrap().id, "texts");
    }
}
