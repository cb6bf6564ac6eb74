//! Parameters with their provenance as JSON: one object, its keys always present (but
//! `versions`, only with `--all`).

use serde_json::{Map, Value as Json, json};

use super::{ParamsView, version_values};
use crate::analysis::provenance::{Origin, ParamOnDay, Provenance};
use crate::language::program::ParamInfo;

/// The whole report: the policy, the day, the texts applied and each parameter.
pub fn params(view: &ParamsView<'_>) -> Json {
    let applied = view.texts_applied();
    let texts: Vec<Json> = view
        .program
        .texts
        .iter()
        .take(applied)
        .map(|t| json!(t.id))
        .collect();
    let params: Vec<Json> = view.params.iter().map(|p| entry(view, p)).collect();
    json!({
        "policy": view.program.id,
        "on": view.on.to_string(),
        "texts": texts,
        "params": params,
    })
}

fn entry(view: &ParamsView<'_>, item: &ParamOnDay<'_>) -> Json {
    let mut out = Map::new();
    out.insert("name".into(), json!(item.param.name));
    out.insert("type".into(), json!(view.type_name(item.param)));
    out.insert(
        "label".into(),
        view.label(item.body).map_or(Json::Null, |l| json!(l)),
    );
    out.extend(provenance(view, &item.current));
    out.insert(
        "overridden".into(),
        item.overridden
            .as_ref()
            .map_or(Json::Null, |o| Json::Object(provenance(view, o))),
    );
    out.insert(
        "computed".into(),
        view.derivation(item).map_or(Json::Null, |d| {
            let inputs: Vec<Json> = d
                .inputs
                .iter()
                .map(|(name, value)| {
                    json!({"name": name, "value": value.as_ref().map(|v| view.plain_value(v))})
                })
                .collect();
            json!({"expression": d.expression, "inputs": inputs})
        }),
    );
    if view.all {
        out.insert("versions".into(), versions(view, item.param));
    }
    Json::Object(out)
}

/// The keys that say where a value comes from.
fn provenance(view: &ParamsView<'_>, p: &Provenance) -> Map<String, Json> {
    let mut out = Map::new();
    out.insert(
        "value".into(),
        p.value
            .as_ref()
            .map_or(Json::Null, |v| json!(view.plain_value(v))),
    );
    out.insert("origin".into(), json!(p.origin.name()));
    out.insert(
        "text".into(),
        p.text.map_or(Json::Null, |t| json!(view.text_id(t))),
    );
    out.insert(
        "file".into(),
        p.text.map_or(Json::Null, |t| json!(view.text_file(t))),
    );
    out.insert(
        "step".into(),
        p.step.map_or(Json::Null, |d| json!(d.to_string())),
    );
    out.insert("cites".into(), json!(view.cites(&p.cites)));
    out
}

/// Every version of a parameter, in the order the texts apply, with all their values.
fn versions(view: &ParamsView<'_>, param: &ParamInfo) -> Json {
    let applied = view.texts_applied();
    let in_force = param.versions.text_at(applied);
    let list: Vec<Json> = param
        .versions
        .versions
        .iter()
        .map(|(text, body)| {
            let values: Vec<Json> = body
                .as_ref()
                .map(|body| {
                    version_values(body, view.on, in_force == Some(*text))
                        .into_iter()
                        .map(|v| {
                            json!({
                                "from": v.from.map(|d| d.to_string()),
                                "value": view.plain_value(v.value),
                                "cites": view.cites(v.cites),
                                "current": v.current,
                            })
                        })
                        .collect()
                })
                .unwrap_or_default();
            json!({
                "text": view.text_id(*text),
                "origin": Origin::of_text(*text).name(),
                "file": view.text_file(*text),
                "in_force": view.text_in_force(*text).map(|d| d.to_string()),
                "applied": (*text as usize) < applied,
                "repealed": body.is_none(),
                "values": values,
            })
        })
        .collect();
    Json::Array(list)
}
