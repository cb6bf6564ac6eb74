//! Remedies as JSON: each remedy's changes (values as a fact file writes them), the decision
//! it reaches, and the rules and outcomes it changes.

use serde_json::{Map, Value as Json, json};

use crate::analysis::remedy::{Change, ChangeKind, Cut, Goal, OutcomeValue, Remedy, RemedyReport};
use crate::eval::decision::VerdictRef;
use crate::eval::render::value_text;
use crate::facts::schema::value_json;
use crate::language::ast::Lang;
use crate::language::program::Program;
use crate::language::value::Value;

/// A search's remedies as one JSON object; `facts` names the fact file, `shown` caps the list.
pub fn report(
    program: &Program,
    report: &RemedyReport,
    facts: &str,
    evaluated_on: jiff::civil::Date,
    shown: usize,
    lang: Lang,
) -> Json {
    let target = match &report.goal {
        Goal::Better | Goal::Leave(_) => Json::Null,
        Goal::AtLeast(v) => json!(v.name),
        Goal::Outcome(target) => json!(format!(
            "{}={}",
            target.name,
            value_text(program, &target.value, None)
        )),
    };
    let mut out = json!({
        "facts": facts,
        "policy": program.id,
        "evaluated_on": evaluated_on.to_string(),
        "decision": report.decision.name,
        "in_scope": report.in_scope,
        "target": target,
        "reached": report.reached,
        "best": report.best.as_ref().map(|v| v.name.clone()),
        "max_changes": report.max_changes,
        "exhausted": report.exhausted,
        "cut": report.cut.map(|cut| match cut {
            Cut::Limit => "limit",
            Cut::Evaluations => "evaluations",
            Cut::Memory => "memory",
        }),
        "evaluations": report.evaluations,
        "found": report.remedies.len(),
        "remedies": report
            .remedies
            .iter()
            .take(shown)
            .map(|r| remedy(program, r, lang))
            .collect::<Vec<_>>(),
    });
    // Only for goals on outcomes: the outputs of goals on verdicts stay as they were.
    if let Some(object) = out.as_object_mut() {
        if let Some(now) = &report.outcome {
            object.insert("outcome".into(), outcome(program, now));
        }
        if let Goal::Leave(names) = &report.goal {
            object.insert(
                "leave".into(),
                json!(names.iter().map(|v| v.name.clone()).collect::<Vec<_>>()),
            );
        }
    }
    out
}

/// An outcome's value as JSON, as a decision gives it: a name, a number, a date or a duration
/// as written (a text), a bool, a list for a set; `null` when not set or unknown.
fn outcome_value(program: &Program, value: &Value) -> Json {
    match value {
        Value::Bool(b) => Json::Bool(*b),
        Value::NotSet | Value::Unknown(_) => Json::Null,
        Value::Set(items) => Json::Array(
            items
                .iter()
                .map(|v| json!(value_text(program, v, None)))
                .collect(),
        ),
        _ => json!(value_text(program, value, None)),
    }
}

/// An outcome's value and the case that decided it.
fn outcome(program: &Program, value: &OutcomeValue) -> Json {
    json!({
        "name": value.outcome,
        "value": outcome_value(program, &value.value),
        "by": value.by,
    })
}

fn name(verdict: Option<&VerdictRef>) -> Json {
    verdict.map_or(Json::Null, |v| json!(v.name))
}

/// One remedy as a JSON object.
pub fn remedy(program: &Program, remedy: &Remedy, lang: Lang) -> Json {
    let mut out = json!({
        "size": remedy.changes.len(),
        "decision": remedy.decision.name,
        "until": remedy.until.map(|d| d.to_string()),
        "in_scope": remedy.in_scope,
        "changes": remedy.changes.iter().map(|c| change(program, c, lang)).collect::<Vec<_>>(),
        "effects": remedy.effects.iter().map(|e| json!({
            "rule": e.rule,
            "before": name(e.before.as_ref()),
            "after": name(e.after.as_ref()),
            "by": e.by,
            "until": e.until.map(|d| d.to_string()),
        })).collect::<Vec<_>>(),
    });
    // Only for a policy that declares outcomes, as in a decision.
    if program.defs.iter().any(|d| d.outcome.is_some())
        && let Some(object) = out.as_object_mut()
    {
        let effects = remedy.outcomes.iter().map(|e| {
            json!({
                "outcome": e.before.outcome,
                "before": outcome_value(program, &e.before.value),
                "after": outcome_value(program, &e.after.value),
                "by": e.after.by,
            })
        });
        object.insert("outcomes".into(), Json::Array(effects.collect()));
    }
    out
}

fn change(program: &Program, change: &Change, lang: Lang) -> Json {
    let mut out = Map::new();
    out.insert("fact".into(), json!(change.fact));
    out.insert(
        "label".into(),
        change.label.get(lang).map_or(Json::Null, |l| json!(l)),
    );
    let kind = match &change.kind {
        ChangeKind::Flip => "flip",
        ChangeKind::Pick => "pick",
        ChangeKind::Elements { .. } => "elements",
        ChangeKind::Move { .. } => "move",
        ChangeKind::Assign => "assign",
        ChangeKind::Unset => "unset",
    };
    out.insert("kind".into(), json!(kind));
    out.insert("from".into(), value_json(program, &change.from));
    out.insert("to".into(), value_json(program, &change.to));
    match &change.kind {
        ChangeKind::Elements { added, removed } => {
            let list = |l: &[crate::language::value::Value]| {
                Json::Array(l.iter().map(|v| value_json(program, v)).collect())
            };
            out.insert("added".into(), list(added));
            out.insert("removed".into(), list(removed));
        }
        ChangeKind::Move { across } => {
            out.insert("across".into(), value_json(program, across));
        }
        _ => {}
    }
    Json::Object(out)
}
