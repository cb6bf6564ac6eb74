//! A decision report as a document: headline, facts about the run, and sections of
//! paragraphs, lists and tables, in one language. The Markdown and HTML renderers draw the
//! same document, each escaping every text its own way.

use crate::ast::Lang;
use crate::decision::{Decision, FactRef, Ground, RemarkResult, RuleResult, VerdictRef};
use crate::program::{Localized, Program, VerdictScale};
use crate::record::Record;
use crate::report::report_words::{Words, words};

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
    /// What it holds, for styles: `rules`, `why`, `explanation`, `remedies`, `advice`,
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

fn pick(localized: &Localized, lang: Lang) -> String {
    localized.get(lang).unwrap_or("").to_string()
}

fn text(s: impl Into<String>) -> Inline {
    Inline::Text(s.into())
}

fn code(s: impl Into<String>) -> Inline {
    Inline::Code(s.into())
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

fn verdict(verdict: &VerdictRef, scale: &VerdictScale, lang: Lang) -> Inline {
    let label = verdict.label.get(lang).unwrap_or(&verdict.name).to_string();
    Inline::Verdict(label, tone(verdict, scale))
}

impl Report {
    /// The report of a decision, with what its record says was read.
    pub fn new(decision: &Decision, record: &Record, program: &Program, lang: Lang) -> Report {
        let w = words(lang);
        let scale = &program.scale;
        let mut headline = vec![
            text(format!("{}{}", w.decision, w.colon)),
            verdict(&decision.decision, scale, lang),
        ];
        if let Some(until) = decision.until {
            headline.push(text(format!(" {} {until}", w.until)));
        }
        let mut sections = vec![rules(decision, scale, w, lang)];
        sections.extend(why(&decision.results, w, lang));
        sections.extend(remarks("advice", w.advice, &decision.advice, lang));
        sections.extend(remarks("notes", w.notes, &decision.notes, lang));
        sections.extend(missing(&decision.missing, w, lang));
        sections.push(texts(decision, record, w, lang));
        Report {
            lang,
            title: format!("{} — {}", w.title, record.facts.file),
            headline,
            tone: tone(&decision.decision, scale),
            about: about(decision, record, program, w, lang),
            sections,
        }
    }

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

fn about(
    decision: &Decision,
    record: &Record,
    program: &Program,
    w: &Words,
    lang: Lang,
) -> Vec<(String, Vec<Inline>)> {
    let title = pick(&program.title, lang);
    let mut policy = vec![code(&decision.policy)];
    if !title.is_empty() {
        policy.push(text(format!(" — {title}")));
    }
    let in_scope = match decision.in_scope {
        Some(true) => w.yes,
        Some(false) => w.no,
        None => w.unknown,
    };
    let mut about = vec![
        (w.policy.to_string(), policy),
        (
            w.facts.to_string(),
            vec![
                code(&record.facts.file),
                text(format!(" ({} ", w.sha256)),
                code(&record.facts.sha256),
                text(")"),
            ],
        ),
        (
            w.evaluated_on.to_string(),
            vec![text(decision.evaluated_on.to_string())],
        ),
        (w.in_scope.to_string(), vec![text(in_scope)]),
    ];
    if !record.amendments.is_empty() {
        about.push((w.amendments.to_string(), list_of_code(&record.amendments)));
    }
    if !decision.overrides.is_empty() {
        let set: Vec<String> = decision
            .overrides
            .iter()
            .map(|(name, value)| format!("{name} = {value}"))
            .collect();
        about.push((w.overrides.to_string(), list_of_code(&set)));
    }
    about.push((
        w.tool.to_string(),
        vec![text(format!("{} {}", record.tool, record.version))],
    ));
    about
}

fn list_of_code(items: &[String]) -> Vec<Inline> {
    let mut out = Vec::new();
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push(text(", "));
        }
        out.push(code(item));
    }
    out
}

fn rules(decision: &Decision, scale: &VerdictScale, w: &Words, lang: Lang) -> Section {
    if decision.results.is_empty() {
        return Section {
            id: "rules",
            heading: w.rules.to_string(),
            blocks: vec![Block::Paragraph(vec![text(w.no_rule)])],
        };
    }
    let mut rows: Vec<Vec<Vec<Inline>>> = decision
        .results
        .iter()
        .map(|r| rule_row(r, scale, w, lang))
        .collect();
    let mut head: Vec<String> = [w.rule, w.verdict, w.message, w.cites, w.exception]
        .map(String::from)
        .to_vec();
    // A column no exception fills only takes room.
    if rows.iter().all(|row| row.last().is_none_or(Vec::is_empty)) {
        head.pop();
        for row in &mut rows {
            row.pop();
        }
    }
    Section {
        id: "rules",
        heading: w.rules.to_string(),
        blocks: vec![Block::Table { head, rows }],
    }
}

fn rule_row(r: &RuleResult, scale: &VerdictScale, w: &Words, lang: Lang) -> Vec<Vec<Inline>> {
    let mut rule = vec![Inline::Strong(r.rule.clone())];
    let title = pick(&r.title, lang);
    if !title.is_empty() {
        rule.extend([Inline::Break, text(title)]);
    }
    let mut verdict_cell = vec![verdict(&r.verdict, scale, lang)];
    if let Some(until) = r.until {
        verdict_cell.push(text(format!(" {} {until}", w.until)));
    }
    let mut cites = Vec::new();
    for (i, cite) in r.cites.iter().enumerate() {
        if i > 0 {
            cites.push(Inline::Break);
        }
        cites.push(text(cite));
    }
    let mut exception = Vec::new();
    if let Some(by) = &r.by {
        exception.push(code(by));
        if let Some(title) = r.by_title.as_ref().map(|t| pick(t, lang)) {
            exception.push(text(format!(" {title}")));
        }
    }
    if let Some((expired, last)) = &r.expired {
        if !exception.is_empty() {
            exception.push(Inline::Break);
        }
        exception.push(code(expired));
        if let Some(last) = last {
            exception.push(text(format!(" ({} {last})", w.expired)));
        }
    }
    vec![
        rule,
        verdict_cell,
        vec![text(pick(&r.message, lang))],
        cites,
        exception,
    ]
}

fn ground(g: &Ground, w: &Words, lang: Lang) -> Vec<Inline> {
    let label = pick(&g.label, lang);
    let mut line = vec![code(&g.name)];
    if g.is_param {
        line.push(text(format!(" ({})", w.param)));
    }
    line.push(text(format!(
        " = {}",
        g.shown.get(lang).unwrap_or(&g.value)
    )));
    if !label.is_empty() {
        line.push(text(format!(" — {label}")));
    }
    line
}

fn why(results: &[RuleResult], w: &Words, lang: Lang) -> Option<Section> {
    let rows: Vec<Vec<Vec<Inline>>> = results
        .iter()
        .filter(|r| !r.because.is_empty() || !r.missing.is_empty())
        .map(|r| {
            let mut read = Vec::new();
            for g in &r.because {
                if !read.is_empty() {
                    read.push(Inline::Break);
                }
                read.extend(ground(g, w, lang));
            }
            if !r.missing.is_empty() {
                if !read.is_empty() {
                    read.push(Inline::Break);
                }
                read.push(text(format!("{}{}", w.unknown_facts, w.colon)));
                let paths: Vec<String> = r.missing.iter().map(|f| f.path.clone()).collect();
                read.extend(list_of_code(&paths));
            }
            vec![vec![Inline::Strong(r.rule.clone())], read]
        })
        .collect();
    (!rows.is_empty()).then(|| Section {
        id: "why",
        heading: w.why.to_string(),
        blocks: vec![Block::Table {
            head: vec![w.rule.to_string(), w.read.to_string()],
            rows,
        }],
    })
}

fn remarks(id: &'static str, heading: &str, list: &[RemarkResult], lang: Lang) -> Option<Section> {
    let items: Vec<Vec<Inline>> = list
        .iter()
        .map(|r| {
            let mut item = vec![Inline::Strong(r.id.clone())];
            let title = pick(&r.title, lang);
            if !title.is_empty() && title != r.id {
                item.push(text(format!(" {title}")));
            }
            item.extend([Inline::Break, text(pick(&r.message, lang))]);
            if !r.cites.is_empty() {
                item.extend([Inline::Break, text(format!("({})", r.cites.join("; ")))]);
            }
            item
        })
        .collect();
    (!items.is_empty()).then(|| Section {
        id,
        heading: heading.to_string(),
        blocks: vec![Block::List(items)],
    })
}

fn missing(facts: &[FactRef], w: &Words, lang: Lang) -> Option<Section> {
    let items: Vec<Vec<Inline>> = facts
        .iter()
        .map(|f| {
            let mut item = vec![code(&f.path)];
            let label = pick(&f.label, lang);
            if !label.is_empty() {
                item.push(text(format!(" — {label}")));
            }
            item
        })
        .collect();
    (!items.is_empty()).then(|| Section {
        id: "missing",
        heading: w.missing.to_string(),
        blocks: vec![
            Block::Paragraph(vec![text(w.missing_lead)]),
            Block::List(items),
        ],
    })
}

fn texts(decision: &Decision, record: &Record, w: &Words, lang: Lang) -> Section {
    if decision.texts.is_empty() {
        return Section {
            id: "texts",
            heading: w.texts.to_string(),
            blocks: vec![Block::Paragraph(vec![text(w.none)])],
        };
    }
    let rows = decision
        .texts
        .iter()
        .map(|t| {
            let file = record.texts.iter().find(|f| f.id == t.id);
            vec![
                vec![code(&t.id)],
                vec![text(pick(&t.title, lang))],
                vec![text(t.in_force.to_string())],
                vec![code(file.map(|f| f.file.as_str()).unwrap_or(""))],
                vec![code(file.map(|f| f.sha256.as_str()).unwrap_or(""))],
            ]
        })
        .collect();
    Section {
        id: "texts",
        heading: w.texts.to_string(),
        blocks: vec![Block::Table {
            head: [w.text, w.text_title, w.in_force, w.file, w.sha256]
                .map(String::from)
                .to_vec(),
            rows,
        }],
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "tests may unwrap")]
    use super::*;
    use crate::record::Inputs;
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
            policy: "age.doctrine".into(),
            amendments: vec![],
            set: vec![],
            lang: Lang::En,
        };
        let record = Record::new(&inputs, &program, &sources, &decision, "facts.json", id);
        Report::new(&decision, &record, &program, Lang::En)
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
