//! A comparison as JSON for tools: both sides, every case that changes (every case with
//! `--all`), and the counts.

use serde_json::{Map, Value as Json, json};

use crate::analysis::diff::causes::Cause;
use crate::analysis::diff::{CaseDiff, Change, DiffReport, Side, texts_applied};
use crate::eval::decision::{Decision, FactRef, RemarkResult, RuleResult};
use crate::language::ast::Lang;

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
    json!({
        "decision": d.decision.name,
        "until": day(d.until),
        "evaluated_on": d.evaluated_on.to_string(),
        "texts": d.texts.iter().map(|t| t.id.clone()).collect::<Vec<_>>(),
        "missing": facts(&d.missing),
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

fn case(c: &CaseDiff, lang: Lang) -> Json {
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
    json!({
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
    })
}

/// The comparison as one JSON object; with `all`, `changes` lists every case.
pub fn render(report: &DiffReport, all: bool, lang: Lang) -> Json {
    let changes: Vec<Json> = report
        .cases
        .iter()
        .filter(|c| all || c.change == Change::Decision)
        .map(|c| case(c, lang))
        .collect();
    let summary = &report.summary;
    let transitions: Vec<Json> = summary
        .transitions
        .iter()
        .map(|t| json!({"before": t.before.name, "after": t.after.name, "count": t.count}))
        .collect();
    json!({
        "a": side(&report.a, report.cases.iter().map(|c| &c.before).collect()),
        "b": side(&report.b, report.cases.iter().map(|c| &c.after).collect()),
        "changes": changes,
        "summary": {
            "total": summary.total,
            "changed": summary.changed,
            "detail_only": summary.detail,
            "transitions": transitions,
        },
    })
}
