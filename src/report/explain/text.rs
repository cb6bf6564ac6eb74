//! An explanation as prose for a person: the decision, the scope, then each rule explained
//! (whether it applies and why, its requirement, the exceptions tried, its verdict), each
//! condition as an indented tree of what made it hold or fail, in the reader's language.

use std::fmt::Write;

use anstyle::Style;

use super::mark;
use super::{Words, words};
use crate::analysis::explain::{Branch, ExceptionExplanation, Explanation, RuleExplanation, Truth};
use crate::language::ast::Lang;
use crate::language::program::VerdictScale;
use crate::report::run::{Labels, Run, styled_verdict};

/// The prose of one explanation; `facts_name` names the fact file.
pub fn explanation(
    explanation: &Explanation,
    facts_name: &str,
    lang: Lang,
    scale: &VerdictScale,
) -> String {
    let mut prose = Prose {
        out: String::new(),
        words: words(lang),
        lang,
        scale,
        short_names: &explanation.short_names,
    };
    prose.header(explanation, facts_name);
    prose.scope(explanation);
    for outcome in &explanation.outcomes {
        prose.outcome(outcome);
    }
    for rule in &explanation.rules {
        prose.rule(rule);
    }
    prose.others(explanation);
    prose.missing(explanation);
    prose.out
}

pub(super) struct Prose<'a> {
    pub out: String,
    pub words: &'static Words,
    pub lang: Lang,
    pub scale: &'a VerdictScale,
    /// Citations are shown by their source's short name.
    pub short_names: &'a crate::language::short_names::ShortNames,
}

impl Prose<'_> {
    fn verdict(&self, verdict: &crate::eval::decision::VerdictRef) -> String {
        styled_verdict(verdict, self.lang, self.scale)
    }

    fn header(&mut self, explanation: &Explanation, facts_name: &str) {
        let w = self.words;
        let bold = Style::new().bold();
        let _ = write!(self.out, "{bold}{}{bold:#}{}", w.decision, w.colon);
        let labels = Labels {
            until: w.until,
            policy: w.policy,
            on: w.on,
            texts: w.texts,
            none: w.none,
            overrides: w.overrides,
            colon: w.colon,
        };
        Run::from(explanation).text(&mut self.out, facts_name, &labels, self.lang, self.scale);
    }

    fn scope(&mut self, explanation: &Explanation) {
        let Some(scope) = &explanation.scope else {
            return;
        };
        let w = self.words;
        let bold = Style::new().bold();
        let state = match scope.holds {
            Truth::True => w.in_scope,
            Truth::False => w.out_of_scope,
            Truth::Unknown => w.scope_unknown,
        };
        let _ = writeln!(self.out, "\n{bold}{}{bold:#}{}{state}", w.scope, w.colon);
        self.node(&scope.condition, 1);
    }

    fn rule(&mut self, rule: &RuleExplanation) {
        let w = self.words;
        let bold = Style::new().bold();
        let verdict = match &rule.result {
            Some(result) => self.verdict(&result.verdict),
            None => self.words.no_verdict_short.to_string(),
        };
        let _ = writeln!(
            self.out,
            "\n{bold}{} — {}{bold:#}{}{verdict}",
            rule.rule,
            rule.title.text(self.lang),
            w.colon
        );
        match &rule.applies {
            None => self.line(1, w.always_applies),
            Some(applies) => {
                let heading = match applies.holds {
                    Truth::True => w.applies,
                    Truth::False => w.does_not_apply,
                    Truth::Unknown => w.applies_unknown,
                };
                self.branch(heading, applies);
            }
        }
        if let Some(requires) = &rule.requires {
            let heading = match requires.holds {
                Truth::True => w.requirement_met,
                Truth::False => w.requirement_not_met,
                Truth::Unknown => w.requirement_unknown,
            };
            self.branch(heading, requires);
        }
        if !rule.exceptions.is_empty() {
            let tried = rule.exceptions.iter().any(|e| e.when.tried);
            let heading = if tried {
                w.exceptions_tried
            } else {
                w.exceptions_not_tried
            };
            self.line(1, heading);
            for exception in &rule.exceptions {
                self.exception(exception, 2);
            }
        }
        match &rule.result {
            None => self.line(1, w.no_verdict),
            Some(result) => {
                let verdict = self.verdict(&result.verdict);
                let mut line = format!("{}{}{verdict}", w.verdict, w.colon);
                if let Some(until) = result.until {
                    let _ = write!(line, " {} {until}", w.until);
                }
                if let Some(by) = &result.by {
                    let _ = write!(line, " ({} {by})", w.decided_by);
                }
                let _ = write!(line, ". {}", result.message.text(self.lang));
                self.line(1, &line);
            }
        }
        self.sources(&rule.cites, 1);
    }

    fn branch(&mut self, heading: &str, branch: &Branch) {
        if branch.tried {
            self.line(1, heading);
        } else {
            let heading = heading.trim_end_matches([':', ' ']);
            self.line(1, &format!("{heading} ({}):", self.words.not_looked_at));
        }
        self.node(&branch.condition, 2);
    }

    fn exception(&mut self, exception: &ExceptionExplanation, depth: usize) {
        let w = self.words;
        let status = match exception.when.holds {
            Truth::False => w.does_not_hold.to_string(),
            Truth::Unknown => w.holds_unknown.to_string(),
            Truth::True if exception.expired => {
                let last = exception.until.as_ref().and_then(|u| u.last);
                let last = last.map(|d| d.to_string()).unwrap_or_default();
                format!("{} {last}", w.expired)
            }
            Truth::True => {
                let mut status = format!("{} {}", w.holds_gives, self.verdict(&exception.gives));
                if let Some(last) = exception.until.as_ref().and_then(|u| u.last) {
                    let _ = write!(status, " {} {last}", w.until);
                }
                status
            }
        };
        let not_tried = if exception.when.tried {
            String::new()
        } else {
            format!(" ({})", w.not_looked_at)
        };
        let line = format!(
            "{} {} — {}{}{status}{not_tried}",
            mark(Some(exception.when.holds)),
            exception.exception,
            exception.title.text(self.lang),
            w.colon
        );
        self.line(depth, &line);
        self.node(&exception.when.condition, depth + 1);
        if let Some(until) = &exception.until {
            self.line(depth + 1, w.last_day);
            self.node(&until.expression, depth + 2);
        }
        self.sources(&exception.cites, depth + 1);
        for nested in &exception.exceptions {
            self.exception(nested, depth + 1);
        }
    }

    pub(super) fn sources(&mut self, cites: &[String], depth: usize) {
        if cites.is_empty() {
            return;
        }
        let dim = Style::new().dimmed();
        let line = format!(
            "{dim}{}{}{}{dim:#}",
            self.words.sources,
            self.words.colon,
            self.short_names.cites(cites).join(" ; ")
        );
        self.line(depth, &line);
    }

    pub(super) fn line(&mut self, depth: usize, text: &str) {
        let _ = writeln!(self.out, "{}{text}", "  ".repeat(depth));
    }

    fn others(&mut self, explanation: &Explanation) {
        let w = self.words;
        let bold = Style::new().bold();
        if explanation.rules.is_empty() && explanation.others.is_empty() {
            let outside = explanation
                .scope
                .as_ref()
                .is_some_and(|s| s.holds == Truth::False);
            // Outside the scope, the scope's line has said that the rules are not looked at;
            // a policy that classifies may have outcomes and no rule.
            if explanation.texts.is_empty() {
                let _ = writeln!(self.out, "\n{}", w.no_text);
            } else if !outside && explanation.outcomes.is_empty() {
                let _ = writeln!(self.out, "\n{}", w.no_rule);
            }
            return;
        }
        let verdicts: Vec<String> = explanation
            .others
            .iter()
            .filter_map(|o| {
                let verdict = o.verdict.as_ref()?;
                Some(format!(
                    "{} — {}{}{}",
                    o.rule,
                    o.title.text(self.lang),
                    w.colon,
                    self.verdict(verdict)
                ))
            })
            .collect();
        let silent: Vec<&str> = explanation
            .others
            .iter()
            .filter(|o| o.verdict.is_none())
            .map(|o| o.rule.as_str())
            .collect();
        if !verdicts.is_empty() {
            let _ = writeln!(self.out, "\n{bold}{}{bold:#}", w.other_rules);
            for line in verdicts {
                self.line(1, &line);
            }
        }
        if !silent.is_empty() {
            let _ = writeln!(
                self.out,
                "\n{bold}{}{bold:#}{}{}",
                w.not_applying,
                w.colon,
                silent.join(", ")
            );
        }
    }

    fn missing(&mut self, explanation: &Explanation) {
        if explanation.missing.is_empty() {
            return;
        }
        let bold = Style::new().bold();
        let _ = writeln!(self.out, "\n{bold}{}{bold:#}", self.words.missing_facts);
        for fact in &explanation.missing {
            let line = format!("• {} — {}", fact.path, fact.label.text(self.lang));
            self.line(1, &line);
        }
    }
}
