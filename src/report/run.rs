//! The run a report of one evaluation opens with (fact file, policy, texts applied, day,
//! decision and its last day, parameters overridden), written the same way by every report
//! that shows it: as JSON keys and as the first lines of a text for a person.

use std::fmt::Write;

use anstyle::{AnsiColor, Style};
use jiff::civil::Date;
use serde_json::{Map, Value as Json, json};

use crate::analysis::explain::Explanation;
use crate::eval::decision::{Decision, TextApplied, VerdictRef};
use crate::language::ast::Lang;
use crate::language::program::VerdictScale;

/// The run of one evaluation, from a decision or an explanation.
pub(crate) struct Run<'a> {
    policy: &'a str,
    texts: &'a [TextApplied],
    evaluated_on: Date,
    decision: &'a VerdictRef,
    until: Option<Date>,
    overrides: &'a [(String, String)],
}

impl<'a> From<&'a Decision> for Run<'a> {
    fn from(d: &'a Decision) -> Self {
        Run {
            policy: &d.policy,
            texts: &d.texts,
            evaluated_on: d.evaluated_on,
            decision: &d.decision,
            until: d.until,
            overrides: &d.overrides,
        }
    }
}

impl<'a> From<&'a Explanation> for Run<'a> {
    fn from(e: &'a Explanation) -> Self {
        Run {
            policy: &e.policy,
            texts: &e.texts,
            evaluated_on: e.evaluated_on,
            decision: &e.decision,
            until: e.until,
            overrides: &e.overrides,
        }
    }
}

/// The words of a run's lines, in the reader's language.
pub(crate) struct Labels<'a> {
    /// Before a temporary decision's last day.
    pub until: &'a str,
    /// Before the policy's id.
    pub policy: &'a str,
    /// Before the day.
    pub on: &'a str,
    /// Before the texts applied.
    pub texts: &'a str,
    /// When no text applies.
    pub none: &'a str,
    /// Before the parameters overridden.
    pub overrides: &'a str,
    /// Between a heading and what it introduces.
    pub colon: &'a str,
}

impl Run<'_> {
    /// The keys `facts`, `policy`, `texts`, `evaluated_on`, `decision` and `until`, in this
    /// order; `facts_name` names the fact file.
    pub(crate) fn json(&self, facts_name: &str) -> Map<String, Json> {
        let mut out = Map::new();
        out.insert("facts".into(), json!(facts_name));
        out.insert("policy".into(), json!(self.policy));
        out.insert(
            "texts".into(),
            Json::Array(self.texts.iter().map(|t| json!(t.id)).collect()),
        );
        out.insert("evaluated_on".into(), json!(self.evaluated_on.to_string()));
        out.insert("decision".into(), json!(self.decision.name));
        out.insert(
            "until".into(),
            self.until.map_or(Json::Null, |d| json!(d.to_string())),
        );
        out
    }

    /// What follows the word "decision" on a text's first line: the decision, its last day
    /// and its name; then a line with the fact file, the policy, the day and the texts
    /// applied, and one with the parameters overridden if any.
    pub(crate) fn text(
        &self,
        out: &mut String,
        facts_name: &str,
        labels: &Labels,
        lang: Lang,
        scale: &VerdictScale,
    ) {
        let dim = Style::new().dimmed();
        out.push_str(&styled_verdict(self.decision, lang, scale));
        if let Some(until) = self.until {
            let _ = write!(out, " {} {until}", labels.until);
        }
        let _ = writeln!(out, "  {dim}({}){dim:#}", self.decision.name);
        let texts = text_ids(self.texts, labels.none);
        let _ = writeln!(
            out,
            "{dim}{facts_name} · {} {} · {} {} · {}{}{texts}{dim:#}",
            labels.policy, self.policy, labels.on, self.evaluated_on, labels.texts, labels.colon
        );
        out.push_str(&overrides_line(
            self.overrides,
            labels.overrides,
            labels.colon,
        ));
    }
}

/// The ids of texts applied, separated by commas; `none` if there is none.
pub(crate) fn text_ids(texts: &[TextApplied], none: &str) -> String {
    if texts.is_empty() {
        none.to_string()
    } else {
        let ids: Vec<&str> = texts.iter().map(|t| t.id.as_str()).collect();
        ids.join(", ")
    }
}

/// Parameters overridden as one JSON object: name → value as written.
pub(crate) fn overrides_json(overrides: &[(String, String)]) -> Json {
    Json::Object(
        overrides
            .iter()
            .map(|(name, value)| (name.clone(), json!(value)))
            .collect(),
    )
}

/// Parameters overridden as a dimmed line of text, `label` first; empty if there is none.
pub(crate) fn overrides_line(overrides: &[(String, String)], label: &str, colon: &str) -> String {
    if overrides.is_empty() {
        return String::new();
    }
    let dim = Style::new().dimmed();
    let list: Vec<String> = overrides
        .iter()
        .map(|(n, v)| format!("{n} = {v}"))
        .collect();
    format!("{dim}{label}{colon}{}{dim:#}\n", list.join(", "))
}

/// The style of a verdict in text: green when satisfied or better, red for the worst,
/// yellow between.
pub(crate) fn verdict_style(rank: u32, satisfied: bool) -> Style {
    let colour = if satisfied {
        AnsiColor::Green
    } else if rank == 0 {
        AnsiColor::Red
    } else {
        AnsiColor::Yellow
    };
    Style::new().fg_color(Some(colour.into())).bold()
}

/// A verdict's label in the reader's language (its name if it has none), styled by its
/// place on the scale.
pub(crate) fn styled_verdict(v: &VerdictRef, lang: Lang, scale: &VerdictScale) -> String {
    let style = verdict_style(v.rank, v.rank >= scale.satisfied);
    let label = v.label.get(lang).unwrap_or(&v.name);
    format!("{style}{label}{style:#}")
}
