//! An explanation as JSON for tools. Every object has the same keys whatever its values
//! (`null` or `[]` when empty), so the shape is stable; labels and messages are in the
//! language asked for.

use serde_json::{Map, Value as Json, json};

use crate::analysis::explain::{
    Branch, CaseExplanation, ExceptionExplanation, Explanation, Node, NodeKind, OutcomeExplanation,
    ParamOrigin, RuleExplanation,
};
use crate::eval::decision::{FactRef, VerdictRef};
use crate::language::ast::Lang;
use crate::language::program::Localized;
use crate::report::run::{Run, overrides_json};

fn text(localized: &Localized, lang: Lang) -> Json {
    localized
        .get(lang)
        .map_or(Json::Null, |t| Json::String(t.to_string()))
}

fn facts(refs: &[FactRef]) -> Json {
    Json::Array(refs.iter().map(|f| json!(f.path)).collect())
}

fn verdict(verdict: Option<&VerdictRef>) -> Json {
    verdict.map_or(Json::Null, |v| json!(v.name))
}

/// One explanation as a JSON object; `facts_name` names the fact file.
pub fn explanation(explanation: &Explanation, facts_name: &str, lang: Lang) -> Json {
    let mut out = Run::from(explanation).json(facts_name);
    out.insert("all".into(), json!(explanation.all));
    out.insert(
        "scope".into(),
        explanation
            .scope
            .as_ref()
            .map_or(Json::Null, |s| branch(s, lang)),
    );
    out.insert(
        "rules".into(),
        Json::Array(explanation.rules.iter().map(|r| rule(r, lang)).collect()),
    );
    // Only for a policy that declares outcomes: the JSON of others is unchanged.
    if !explanation.outcomes.is_empty() || explanation.decided_by_outcome.is_some() {
        out.insert(
            "outcomes".into(),
            Json::Array(
                explanation
                    .outcomes
                    .iter()
                    .map(|o| outcome(o, lang))
                    .collect(),
            ),
        );
    }
    out.insert(
        "others".into(),
        Json::Array(
            explanation
                .others
                .iter()
                .map(|o| {
                    json!({
                        "rule": o.rule,
                        "title": text(&o.title, lang),
                        "verdict": verdict(o.verdict.as_ref()),
                    })
                })
                .collect(),
        ),
    );
    out.insert("missing".into(), facts(&explanation.missing));
    out.insert("overrides".into(), overrides_json(&explanation.overrides));
    Json::Object(out)
}

fn rule(rule: &RuleExplanation, lang: Lang) -> Json {
    let result = rule.result.as_ref();
    let mut out = Map::new();
    out.insert("rule".into(), json!(rule.rule));
    out.insert("title".into(), text(&rule.title, lang));
    out.insert("verdict".into(), verdict(result.map(|r| &r.verdict)));
    out.insert("decisive".into(), json!(rule.decisive));
    out.insert("by".into(), json!(result.and_then(|r| r.by.clone())));
    out.insert(
        "until".into(),
        json!(result.and_then(|r| r.until).map(|d| d.to_string())),
    );
    out.insert(
        "expired".into(),
        result
            .and_then(|r| r.expired.as_ref())
            .map_or(Json::Null, |(exception, last)| {
                json!({"exception": exception, "until": last.map(|d| d.to_string())})
            }),
    );
    out.insert(
        "message".into(),
        result.map_or(Json::Null, |r| text(&r.message, lang)),
    );
    out.insert("cites".into(), json!(rule.cites));
    out.insert(
        "applies".into(),
        rule.applies
            .as_ref()
            .map_or(Json::Null, |b| branch(b, lang)),
    );
    out.insert(
        "requires".into(),
        rule.requires
            .as_ref()
            .map_or(Json::Null, |b| branch(b, lang)),
    );
    out.insert("violation".into(), json!(rule.violation.name));
    out.insert(
        "exceptions".into(),
        Json::Array(rule.exceptions.iter().map(|e| exception(e, lang)).collect()),
    );
    out.insert(
        "missing".into(),
        facts(result.map_or(&[][..], |r| r.missing.as_slice())),
    );
    Json::Object(out)
}

fn outcome(outcome: &OutcomeExplanation, lang: Lang) -> Json {
    let result = &outcome.result;
    json!({
        "outcome": outcome.name,
        "title": text(&outcome.title, lang),
        "value": crate::report::decision::json::outcome_value(result),
        "shown": text(&result.shown, lang),
        "decisive": outcome.decisive,
        "by": result.by,
        "message": text(&result.message, lang),
        "cites": result.cites,
        "outcome_cites": outcome.cites,
        "cases": Json::Array(outcome.cases.iter().map(|c| case(c, lang)).collect()),
        "grounds": Json::Array(result.grounds.iter().map(|g| json!({
            "id": g.id,
            "title": text(&g.title, lang),
            "cites": g.cites,
        })).collect()),
        "missing": facts(&result.missing),
    })
}

fn case(case: &CaseExplanation, lang: Lang) -> Json {
    json!({
        "case": case.case,
        "title": text(&case.title, lang),
        "holds": case.holds.name(),
        "tried": case.tried,
        "decided": case.decided,
        "condition": case.when.as_ref().map_or(Json::Null, |w| node(&w.condition, lang)),
        "gives": case.gives.as_ref().map_or(Json::Null, |g| node(g, lang)),
        "cites": case.cites,
    })
}

fn branch(branch: &Branch, lang: Lang) -> Json {
    json!({
        "holds": branch.holds.name(),
        "tried": branch.tried,
        "condition": node(&branch.condition, lang),
    })
}

fn exception(exception: &ExceptionExplanation, lang: Lang) -> Json {
    json!({
        "exception": exception.exception,
        "title": text(&exception.title, lang),
        "gives": exception.gives.name,
        "holds": exception.when.holds.name(),
        "tried": exception.when.tried,
        "condition": node(&exception.when.condition, lang),
        "until": exception.until.as_ref().map_or(Json::Null, |u| json!({
            "last": u.last.map(|d| d.to_string()),
            "expression": node(&u.expression, lang),
        })),
        "expired": exception.expired,
        "cites": exception.cites,
        "exceptions": Json::Array(
            exception.exceptions.iter().map(|e| self::exception(e, lang)).collect()
        ),
    })
}

fn node(node: &Node, lang: Lang) -> Json {
    let mut out = Map::new();
    out.insert("kind".into(), json!(node.kind.name()));
    out.insert("source".into(), json!(node.source));
    let (name, label) = match &node.kind {
        NodeKind::Fact { path, label } => (Some(path), Some(label)),
        NodeKind::Param { name, label, .. }
        | NodeKind::Def { name, label }
        | NodeKind::Outcome { name, label } => (Some(name), Some(label)),
        NodeKind::Ground { id, title, .. } => (Some(id), Some(title)),
        _ => (None, None),
    };
    out.insert("name".into(), json!(name));
    out.insert("label".into(), label.map_or(Json::Null, |l| text(l, lang)));
    let known = node.value.as_ref().filter(|v| !v.unknown && !v.not_set);
    let state = match &node.value {
        None => "not_evaluated",
        Some(v) if v.unknown => "unknown",
        Some(v) if v.not_set => "not_set",
        Some(_) => "known",
    };
    out.insert("state".into(), json!(state));
    out.insert("value".into(), json!(known.map(|v| v.written.clone())));
    out.insert(
        "shown".into(),
        known.map_or(Json::Null, |v| text(&v.read, lang)),
    );
    out.insert(
        "truth".into(),
        json!(node.truth.map(crate::analysis::explain::Truth::name)),
    );
    if let NodeKind::Param { origin: o, .. } = &node.kind {
        out.insert("origin".into(), origin(o));
    }
    if let NodeKind::Ground { cites, .. } = &node.kind {
        out.insert("cites".into(), json!(cites));
    }
    out.insert("missing".into(), facts(&node.blockers));
    out.insert("repeated".into(), json!(node.repeated));
    out.insert(
        "children".into(),
        Json::Array(node.children.iter().map(|c| self::node(c, lang)).collect()),
    );
    Json::Object(out)
}

fn origin(origin: &ParamOrigin) -> Json {
    json!({
        "from": origin.origin.name(),
        "text": origin.text,
        "step": origin.step.map(|d| d.to_string()),
        "set": origin.set,
        "cites": origin.cites,
    })
}
