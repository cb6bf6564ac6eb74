//! A policy described as JSON: one object, its keys always present.

use serde_json::{Value as Json, json};

use super::PolicyView;
use crate::language::program::{CKind, DecisionOf, Target};
use crate::language::types::Type;

/// The whole description: the policy's id, title, version and languages, the day, the
/// verdict scale, what it decides by, its texts (`status`: `in_force` or `not_yet_in_force`
/// on the day), and the rules and outcomes in force on the day, each with its exceptions
/// (and an outcome decided case by case, with its cases).
pub fn policy(view: &PolicyView<'_>) -> Json {
    let program = view.program;
    let verdicts: Vec<Json> = program
        .vocabularies
        .first()
        .map(|scale| {
            scale
                .members
                .iter()
                .map(|m| json!({"name": m.name, "label": view.text(&m.label)}))
                .collect()
        })
        .unwrap_or_default();
    let decides = match &program.decision {
        DecisionOf::Verdicts { fails_on } => json!({
            "by": "verdicts",
            "fails_on": fails_on.and_then(|rank| view.verdict(rank)),
        }),
        DecisionOf::Outcome {
            def,
            vocabulary,
            fails_on,
        } => {
            let members = program.vocabularies.get(*vocabulary as usize);
            let fails_on: Vec<&str> = fails_on
                .iter()
                .filter_map(|m| members?.members.get(*m as usize))
                .map(|m| m.name.as_str())
                .collect();
            json!({
                "by": "outcome",
                "outcome": program.defs.get(*def as usize).map(|d| d.name.as_str()),
                "fails_on": fails_on,
            })
        }
    };
    json!({
        "policy": program.id,
        "title": view.text(&program.title),
        "version": view.version,
        "languages": program.languages.iter().map(ToString::to_string).collect::<Vec<_>>(),
        "on": view.on.to_string(),
        "decision": decides,
        "verdicts": verdicts,
        "texts": texts(view),
        "rules": rules(view),
        "outcomes": outcomes(view),
    })
}

/// Every text, base first, with its day in force, file, hash and status on the day.
fn texts(view: &PolicyView<'_>) -> Vec<Json> {
    let applied = view.texts_in_force();
    view.program
        .texts
        .iter()
        .enumerate()
        .map(|(index, text)| {
            let file = view.sources.get(text.file);
            json!({
                "id": text.id,
                "title": view.text(&text.title),
                "kind": if index == 0 { "base" } else { "amendment" },
                "in_force": text.in_force.to_string(),
                "status": if index < applied { "in_force" } else { "not_yet_in_force" },
                "file": file.map(|f| f.name.clone()),
                "sha256": file.map(|f| f.sha256()),
            })
        })
        .collect()
}

/// The rules in force on the day, in policy order.
fn rules(view: &PolicyView<'_>) -> Vec<Json> {
    let applied = view.texts_in_force();
    let program = view.program;
    let scale = &program.scale;
    program
        .rules
        .iter()
        .enumerate()
        .filter_map(|(slot, rule)| {
            let body = rule.versions.at(applied)?;
            let children = view
                .snapshot()
                .and_then(|s| s.rule_children.get(slot))
                .map_or(&[][..], Vec::as_slice);
            // What the rule gives by itself, then what its exceptions give, on the scale.
            let mut ranks = vec![body.violation, scale.satisfied];
            if body.applies.is_some() {
                ranks.push(scale.inapplicable);
            }
            exception_verdicts(view, children, &mut ranks);
            ranks.sort_unstable();
            ranks.dedup();
            let verdicts: Vec<&str> = ranks.iter().filter_map(|r| view.verdict(*r)).collect();
            Some(json!({
                "id": rule.id,
                "title": view.text(&body.title),
                "text": view.text_id(rule.versions.text_at(applied)),
                "violation": view.verdict(body.violation),
                "verdicts": verdicts,
                "cites": view.cites(&body.cites),
                "exceptions": exceptions(view, children, None),
            }))
        })
        .collect()
}

/// The outcomes in force on the day, in policy order.
fn outcomes(view: &PolicyView<'_>) -> Vec<Json> {
    let applied = view.texts_in_force();
    let names = view.type_names();
    view.program
        .outcomes()
        .filter_map(|(slot, def)| {
            let body = def.versions.at(applied)?;
            let cases: Vec<Json> = match &body.kind {
                CKind::Cases(cases) => cases
                    .iter()
                    .map(|case| {
                        json!({
                            "id": case.id,
                            "title": view.text(&case.title),
                            "value": view.written(case.gives.span),
                            "cites": view.cites(&case.cites),
                        })
                    })
                    .collect(),
                _ => Vec::new(),
            };
            let children = view
                .snapshot()
                .and_then(|s| s.outcome_children.get(slot as usize))
                .map_or(&[][..], Vec::as_slice);
            let ty = def.ty.required();
            let values: Vec<String> = match ty {
                Type::Enum(vocabulary) => view
                    .program
                    .vocabularies
                    .get(*vocabulary as usize)
                    .map(|v| v.members.iter().map(|m| m.name.clone()).collect())
                    .unwrap_or_default(),
                _ => Vec::new(),
            };
            let cites = def
                .outcome
                .as_ref()
                .and_then(|o| o.at(applied))
                .map(|c| view.cites(c))
                .unwrap_or_default();
            Some(json!({
                "name": def.name,
                "label": def.labels.at(applied).and_then(|l| view.text(l)),
                "type": def.ty.display(&names).to_string(),
                "values": values,
                "text": view.text_id(def.versions.text_at(applied)),
                "cites": cites,
                "cases": cases,
                "exceptions": exceptions(view, children, Some(ty)),
            }))
        })
        .collect()
}

/// The exceptions `slots` (in force on the day), each with those under it; `value_of`: the
/// type of the outcome they give a value of, for exceptions to an outcome.
fn exceptions(view: &PolicyView<'_>, slots: &[u32], value_of: Option<&Type>) -> Vec<Json> {
    let applied = view.texts_in_force();
    slots
        .iter()
        .filter_map(|slot| {
            let exception = view.program.exceptions.get(*slot as usize)?;
            let body = exception.versions.at(applied)?;
            let children = view
                .snapshot()
                .and_then(|s| s.exception_children.get(*slot as usize))
                .map_or(&[][..], Vec::as_slice);
            let to_outcome =
                value_of.is_some() || body.targets.iter().all(|t| matches!(t, Target::Outcome(_)));
            let (verdict, value) = if to_outcome {
                (None, body.value.as_ref().and_then(|v| view.written(v.span)))
            } else {
                (view.verdict(body.gives), None)
            };
            Some(json!({
                "id": exception.id,
                "title": view.text(&body.title),
                "text": view.text_id(exception.versions.text_at(applied)),
                "verdict": verdict,
                "value": value,
                "temporary": body.until.is_some(),
                "cites": view.cites(&body.cites),
                "exceptions": exceptions(view, children, value_of),
            }))
        })
        .collect()
}

/// The verdicts the exceptions `slots` and those under them give, added to `ranks`.
fn exception_verdicts(view: &PolicyView<'_>, slots: &[u32], ranks: &mut Vec<u32>) {
    let applied = view.texts_in_force();
    for slot in slots {
        let Some(body) = view
            .program
            .exceptions
            .get(*slot as usize)
            .and_then(|e| e.versions.at(applied))
        else {
            continue;
        };
        ranks.push(body.gives);
        let children = view
            .snapshot()
            .and_then(|s| s.exception_children.get(*slot as usize))
            .map_or(&[][..], Vec::as_slice);
        exception_verdicts(view, children, ranks);
    }
}
