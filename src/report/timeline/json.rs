//! Timelines as JSON for tools: the window, then each period with its decision, verdicts
//! and what changed on its first day.

use serde_json::{Map, Value as Json, json};

use super::Heading;
use crate::analysis::timeline::{Cause, Change, Period, RuleState};
use crate::report::run::overrides_json;

fn state_json(s: &Option<RuleState>) -> Json {
    let Some(s) = s else {
        return Json::Null;
    };
    let mut out = Map::new();
    out.insert("verdict".into(), json!(s.verdict.name));
    if let Some(by) = &s.by {
        out.insert("by".into(), json!(by));
    }
    if let Some(until) = s.until {
        out.insert("until".into(), json!(until.to_string()));
    }
    Json::Object(out)
}

/// Why a rule or the scope changed.
fn causes_json(causes: &[Cause]) -> Json {
    Json::Array(
        causes
            .iter()
            .map(|cause| match cause {
                Cause::Text { id } => json!({ "text": id }),
                Cause::Param {
                    name,
                    before,
                    after,
                } => json!({ "param": name, "before": before, "after": after }),
                Cause::Expired { exception } => json!({ "expired": exception }),
                Cause::Day { facts } => json!({ "day_passes": facts }),
            })
            .collect(),
    )
}

fn change_json(change: &Change) -> Json {
    match change {
        Change::Text { id } => json!({ "text": id }),
        Change::Param {
            name,
            before,
            after,
            ..
        } => json!({ "param": name, "before": before, "after": after }),
        Change::Scope { in_scope, causes } => {
            json!({ "scope": in_scope, "causes": causes_json(causes) })
        }
        Change::Rule {
            rule,
            before,
            after,
            expired,
            causes,
        } => {
            let mut out = Map::new();
            out.insert("rule".into(), json!(rule));
            out.insert("before".into(), state_json(before));
            out.insert("after".into(), state_json(after));
            if let Some((exception, last)) = expired {
                out.insert(
                    "expired".into(),
                    json!({ "exception": exception, "until": last.map(|d| d.to_string()) }),
                );
            }
            out.insert("causes".into(), causes_json(causes));
            Json::Object(out)
        }
    }
}

fn period_json(period: &Period) -> Json {
    let d = &period.decision;
    let results: Map<String, Json> = d
        .results
        .iter()
        .map(|r| (r.rule.clone(), json!(r.verdict.name)))
        .collect();
    let by: Map<String, Json> = d
        .results
        .iter()
        .filter_map(|r| r.by.as_ref().map(|by| (r.rule.clone(), json!(by))))
        .collect();
    json!({
        "from": period.from.to_string(),
        "to": period.to.map(|t| t.to_string()),
        "decision": d.decision.name,
        "until": d.until.map(|u| u.to_string()),
        "in_scope": d.in_scope,
        "texts": d.texts.iter().map(|t| t.id.clone()).collect::<Vec<_>>(),
        "later_texts": period
            .later_texts
            .iter()
            .map(|(id, day)| json!({ "text": id, "in_force": day.to_string() }))
            .collect::<Vec<_>>(),
        "results": results,
        "by": by,
        "changed": period.changed.iter().map(change_json).collect::<Vec<_>>(),
    })
}

/// A timeline as one JSON object: `facts`, `policy`, the window (`from`, `to`), `periods`
/// (each `from`, `to` (null: open-ended), `decision`, `until`, `in_scope`, `texts`,
/// `results` (rule → verdict), `by` (rule → exception), `changed`), and `overrides` if any.
pub fn json(heading: &Heading, periods: &[Period]) -> Json {
    let mut out = Map::new();
    out.insert("facts".into(), json!(heading.facts));
    out.insert("policy".into(), json!(heading.policy));
    out.insert("from".into(), json!(heading.from.to_string()));
    out.insert("to".into(), json!(heading.to.to_string()));
    out.insert(
        "periods".into(),
        Json::Array(periods.iter().map(period_json).collect()),
    );
    if !heading.overrides.is_empty() {
        out.insert("overrides".into(), overrides_json(heading.overrides));
    }
    Json::Object(out)
}
