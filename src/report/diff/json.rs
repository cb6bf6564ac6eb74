//! A comparison as JSON for tools: both sides, every case that changes (every case with
//! `--all`), and the counts.

use serde_json::{Map, Value as Json, json};

use crate::analysis::diff::causes::Cause;
use crate::analysis::diff::{CaseDiff, DiffReport, OutcomeChange, Side, texts_applied};
use crate::eval::decision::{Decision, FactRef, OutcomeResult, RemarkResult, RuleResult};
use crate::language::ast::Lang;
use crate::report::timeline::outcome_value_json;

fn text(localized: &crate::language::program::Localized, lang: Lang) -> Json {
    localized
        .get(lang)
        .map_or(Json::Null, |t| Json::String(t.to_string()))
}

fn day(date: Option<jiff::civil::Date>) -> Json {
    date.map_or(Json::Null, |d| json!(d.to_string()))
}

fn side(s: &Side, decisions: Vec<&Decision>) -> Json {
    let overrides: Map<String, Json> = s
        .overrides
        .iter()
        .map(|(name, value)| (name.clone(), json!(value)))
        .collect();
    json!({
        "policy": s.policy,
        "path": s.path,
        "amendments": s.amendments,
        "on": day(s.on),
        "overrides": overrides,
        "texts": texts_applied(decisions.into_iter()),
    })
}

fn decision(d: &Decision) -> Json {
    let mut out = json!({
        "decision": d.decision.name,
        "until": day(d.until),
        "evaluated_on": d.evaluated_on.to_string(),
        "texts": d.texts.iter().map(|t| t.id.clone()).collect::<Vec<_>>(),
        "missing": facts(&d.missing),
    });
    // Only a policy that declares outcomes lists them: other comparisons are unchanged.
    if !d.outcomes.is_empty()
        && let Json::Object(map) = &mut out
    {
        let outcomes: Map<String, Json> = d
            .outcomes
            .iter()
            .map(|o| (o.name.clone(), value(Some(o))))
            .collect();
        map.insert("outcomes".into(), Json::Object(outcomes));
    }
    out
}

/// An outcome's value as `eval` writes it (`null`: not in force, not set or undecided).
fn value(o: Option<&OutcomeResult>) -> Json {
    o.map_or(Json::Null, |o| {
        outcome_value_json(&o.value, &o.written, &o.members)
    })
}

fn outcome(o: &OutcomeChange, lang: Lang) -> Json {
    let (a, b) = (o.before.as_ref(), o.after.as_ref());
    let by = |x: Option<&OutcomeResult>| x.and_then(|x| x.by.clone());
    let message =
        |x: Option<&OutcomeResult>| x.and_then(|x| x.message.get(lang).map(str::to_string));
    json!({
        "outcome": o.name,
        "title": text(&o.title, lang),
        "before": value(a),
        "after": value(b),
        "by_before": by(a),
        "by_after": by(b),
        "message_before": message(a),
        "message_after": message(b),
        "causes": causes(&o.causes),
    })
}

fn facts(list: &[FactRef]) -> Json {
    json!(list.iter().map(|f| f.path.clone()).collect::<Vec<_>>())
}

fn ids(list: &[RemarkResult]) -> Json {
    json!(list.iter().map(|r| r.id.clone()).collect::<Vec<_>>())
}

fn result_field<T>(r: Option<&RuleResult>, f: impl Fn(&RuleResult) -> Option<T>) -> Json
where
    T: Into<Json>,
{
    r.and_then(f).map_or(Json::Null, Into::into)
}

/// Why a rule or the scope differs.
fn causes(list: &[Cause]) -> Json {
    Json::Array(
        list.iter()
            .map(|cause| match cause {
                Cause::Text { id, side } => json!({ "text": id, "side": side }),
                Cause::Param { name, a, b } => json!({ "param": name, "a": a, "b": b }),
                Cause::Expired { exception, side } => {
                    json!({ "expired": exception, "side": side })
                }
                Cause::Day { facts } => json!({ "day": facts }),
            })
            .collect(),
    )
}

fn case(c: &CaseDiff, has_outcomes: bool, lang: Lang) -> Json {
    let rules: Vec<Json> = c
        .rules
        .iter()
        .map(|r| {
            let (a, b) = (r.before.as_ref(), r.after.as_ref());
            let expired = |x: &RuleResult| x.expired.as_ref().map(|(e, _)| e.clone());
            let message = |x: &RuleResult| x.message.get(lang).map(str::to_string);
            json!({
                "rule": r.rule,
                "title": text(&r.title, lang),
                "before": result_field(a, |x| Some(x.verdict.name.clone())),
                "after": result_field(b, |x| Some(x.verdict.name.clone())),
                "by_before": result_field(a, |x| x.by.clone()),
                "by_after": result_field(b, |x| x.by.clone()),
                "until_before": result_field(a, |x| x.until.map(|d| d.to_string())),
                "until_after": result_field(b, |x| x.until.map(|d| d.to_string())),
                "expired_before": result_field(a, expired),
                "expired_after": result_field(b, expired),
                "message_before": result_field(a, message),
                "message_after": result_field(b, message),
                "causes": causes(&r.causes),
            })
        })
        .collect();
    let mut out = json!({
        "facts": c.facts,
        "change": c.change.name(),
        "before": decision(&c.before),
        "after": decision(&c.after),
        "rules": rules,
        "advice_added": ids(&c.advice.added),
        "advice_removed": ids(&c.advice.removed),
        "notes_added": ids(&c.notes.added),
        "notes_removed": ids(&c.notes.removed),
        "missing_added": facts(&c.missing.added),
        "missing_removed": facts(&c.missing.removed),
        "scope_causes": causes(&c.scope_causes),
    });
    if has_outcomes && let Json::Object(map) = &mut out {
        let list: Vec<Json> = c.outcomes.iter().map(|o| outcome(o, lang)).collect();
        map.insert("outcomes".into(), Json::Array(list));
    }
    out
}

/// The comparison as one JSON object; with `all`, `changes` lists every case.
pub fn render(report: &DiffReport, all: bool, lang: Lang) -> Json {
    let summary = &report.summary;
    let changes: Vec<Json> = report
        .cases
        .iter()
        .filter(|c| all || c.change.listed())
        .map(|c| case(c, summary.has_outcomes, lang))
        .collect();
    let transitions: Vec<Json> = summary
        .transitions
        .iter()
        .map(|t| json!({"before": t.before.name, "after": t.after.name, "count": t.count}))
        .collect();
    let mut out = json!({
        "a": side(&report.a, report.cases.iter().map(|c| &c.before).collect()),
        "b": side(&report.b, report.cases.iter().map(|c| &c.after).collect()),
        "changes": changes,
        "summary": {
            "total": summary.total,
            "changed": summary.changed,
            "detail_only": summary.detail,
            "transitions": transitions,
        },
    });
    if summary.has_outcomes
        && let Some(Json::Object(map)) = out.get_mut("summary")
    {
        map.insert("outcome_only".into(), json!(summary.outcome));
    }
    out
}
