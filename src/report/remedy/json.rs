//! Remedies as JSON: each remedy's changes (values as a fact file writes them), the decision
//! it reaches and the rules whose outcome it changes.

use serde_json::{Map, Value as Json, json};

use crate::analysis::remedy::{Change, ChangeKind, Cut, Goal, Remedy, RemedyReport};
use crate::eval::decision::VerdictRef;
use crate::facts::schema::value_json;
use crate::language::ast::Lang;
use crate::language::program::Program;

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
        Goal::Better => Json::Null,
        Goal::AtLeast(v) => json!(v.name),
    };
    json!({
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
    })
}

fn name(verdict: Option<&VerdictRef>) -> Json {
    verdict.map_or(Json::Null, |v| json!(v.name))
}

/// One remedy as a JSON object.
pub fn remedy(program: &Program, remedy: &Remedy, lang: Lang) -> Json {
    json!({
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
    })
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
