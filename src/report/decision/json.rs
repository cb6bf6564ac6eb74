//! Decisions as JSON: the keys of the command-line contract, and more.

use serde_json::{Map, Value as Json, json};

use crate::eval::decision::{Basis, Decision, FactRef, OutcomeResult, RemarkResult};
use crate::language::ast::Lang;
use crate::language::value::Value;
use crate::report::run::{Run, overrides_json};

fn text(localized: &crate::language::program::Localized, lang: Lang) -> Json {
    localized
        .get(lang)
        .map_or(Json::Null, |t| Json::String(t.to_string()))
}

fn because(list: &[Basis]) -> Json {
    Json::Array(
        list.iter()
            .map(|g| Json::String(format!("{} = {}", g.name, g.value)))
            .collect(),
    )
}

fn facts(refs: &[FactRef]) -> Json {
    Json::Array(refs.iter().map(|f| Json::String(f.path.clone())).collect())
}

fn remarks(list: &[RemarkResult], lang: Lang) -> Json {
    Json::Array(
        list.iter()
            .map(|r| {
                json!({
                    "id": r.id,
                    "title": text(&r.title, lang),
                    "message": text(&r.message, lang),
                    "cites": r.cites,
                })
            })
            .collect(),
    )
}

/// An outcome's value as JSON: a name, a text, a date or a number as written (exact), a
/// bool, a set as a list; `null` when not set or undecided.
pub(crate) fn outcome_value(outcome: &OutcomeResult) -> Json {
    match &outcome.value {
        Value::Bool(b) => Json::Bool(*b),
        Value::NotSet | Value::Unknown(_) => Json::Null,
        Value::Set(_) => json!(outcome.members),
        _ => Json::String(outcome.written.clone()),
    }
}

/// Each outcome by name: its value, the case that decided, its message, sources, grounds.
fn outcomes(list: &[OutcomeResult], lang: Lang) -> Json {
    let mut out = Map::new();
    for outcome in list {
        let grounds: Vec<Json> = outcome
            .grounds
            .iter()
            .map(|g| json!({"id": g.id, "title": text(&g.title, lang), "cites": g.cites}))
            .collect();
        let mut entry = Map::new();
        entry.insert("value".into(), outcome_value(outcome));
        entry.insert("title".into(), text(&outcome.title, lang));
        entry.insert("by".into(), json!(outcome.by));
        entry.insert("message".into(), text(&outcome.message, lang));
        entry.insert("cites".into(), json!(outcome.cites));
        entry.insert("because".into(), because(&outcome.because));
        entry.insert("grounds".into(), Json::Array(grounds));
        if !outcome.missing.is_empty() {
            entry.insert("missing".into(), facts(&outcome.missing));
        }
        out.insert(outcome.name.clone(), Json::Object(entry));
    }
    Json::Object(out)
}

/// One decision as a JSON object; `facts` names the fact file.
pub fn decision(decision: &Decision, facts_name: &str, lang: Lang) -> Json {
    let results: Vec<Json> = decision
        .results
        .iter()
        .map(|r| {
            let mut entry = Map::new();
            entry.insert("rule".into(), json!(r.rule));
            entry.insert("title".into(), text(&r.title, lang));
            entry.insert("verdict".into(), json!(r.verdict.name));
            if let Some(by) = &r.by {
                entry.insert("by".into(), json!(by));
            }
            if let Some(until) = r.until {
                entry.insert("until".into(), json!(until.to_string()));
            }
            if let Some((exception, last)) = &r.expired {
                entry.insert(
                    "expired".into(),
                    json!({"exception": exception, "until": last.map(|d| d.to_string())}),
                );
            }
            entry.insert("message".into(), text(&r.message, lang));
            entry.insert("cites".into(), json!(r.cites));
            entry.insert("because".into(), because(&r.because));
            if !r.missing.is_empty() {
                entry.insert("missing".into(), facts(&r.missing));
            }
            Json::Object(entry)
        })
        .collect();
    let mut out = Run::from(decision).json(facts_name);
    out.insert(
        "in_scope".into(),
        decision.in_scope.map_or(Json::Null, Json::Bool),
    );
    out.insert("results".into(), Json::Array(results));
    // Only a policy that declares outcomes lists them: other policies' output is unchanged.
    if !decision.outcomes.is_empty() {
        out.insert("outcomes".into(), outcomes(&decision.outcomes, lang));
    }
    out.insert("advice".into(), remarks(&decision.advice, lang));
    out.insert("notes".into(), remarks(&decision.notes, lang));
    out.insert("missing".into(), facts(&decision.missing));
    if !decision.overrides.is_empty() {
        out.insert("overrides".into(), overrides_json(&decision.overrides));
    }
    Json::Object(out)
}
