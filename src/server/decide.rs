//! `POST /v1/decide`: one fact set decided, answered with the JSON `eval --format json`
//! prints for one fact file, plus the decision's id.

use std::sync::Arc;

use axum::extract::State;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Map, Value, json};

use super::body::{REQUEST_FACTS, Text};
use super::problem::Problem;
use super::query::{CASE_PARAMS, Query};
use super::state::{Loaded, Shared};
use super::work::Work;
use crate::app::decide::json_value;
use crate::app::{FactSource, Today, Workspace};

/// The header that names the policy version that answered.
pub const VERSION_HEADER: &str = "doctrine-policy-version";

/// Decides the fact set in the body.
pub async fn decide(
    State(shared): State<Arc<Shared>>,
    work: Work,
    query: Query,
    Text(body): Text,
) -> Result<Response, Problem> {
    query.only(CASE_PARAMS)?;
    let body_len = body.len();
    let loaded = shared.current();
    let (mut ws, on) = case_workspace(&loaded, &query)?;
    let mut decide = move || {
        let source = FactSource::Text {
            name: REQUEST_FACTS,
            text: &body,
            format: crate::facts::Format::Json,
        };
        let decided = ws
            .decide(&[source], on)
            .map_err(|errors| Problem::from_diagnostics(&errors, &ws.sources))?;
        let Some(decided) = decided.first() else {
            return Err(Problem::bad_request("the request body holds no fact set"));
        };
        let id = decision_id();
        let value = with_id(&id, json_value(decided));
        shared.metrics.decided(decision_name(&value));
        if let Some(log) = &shared.log {
            log.decision(&id, &loaded.version, &value, &body);
        }
        Ok(json_response(&loaded, &value))
    };
    // A small fact set is decided where it arrived (in tens of microseconds: a hop to
    // another thread would cost as much); a large one on the blocking threads, so that it
    // holds up no connection and the time limit can answer for it.
    if body_len <= INLINE_BYTES {
        decide()
    } else {
        work.blocking(decide).await?
    }
}

/// The largest body decided on the thread it arrived on.
const INLINE_BYTES: usize = 64 << 10;

/// A copy of the policy's workspace for one request, with its language and overrides
/// (`lang=`, `set=`), and the day it asks for (`on=`); the overrides' errors refuse it.
pub fn case_workspace(
    loaded: &Loaded,
    query: &Query,
) -> Result<(Workspace, Option<jiff::civil::Date>), Problem> {
    let lang = query.lang(loaded.workspace.lang)?;
    let on = query.date("on")?;
    let set = query.all("set");
    let ws = loaded.workspace.for_request(lang, &set, Today::system());
    let errors = ws.errors();
    if !errors.is_empty() {
        return Err(Problem::from_diagnostics(&errors, &ws.sources));
    }
    Ok((ws, on))
}

/// A new decision id: a UUID whose first bits are the time, so that ids sort by time.
pub fn decision_id() -> String {
    uuid::Uuid::now_v7().to_string()
}

/// The object with `decision_id` first.
pub fn with_id(id: &str, value: Value) -> Value {
    let mut object = Map::new();
    object.insert("decision_id".into(), json!(id));
    if let Value::Object(rest) = value {
        object.extend(rest);
    }
    Value::Object(object)
}

/// The decision's name in a decision object.
pub fn decision_name(value: &Value) -> &str {
    value.get("decision").and_then(Value::as_str).unwrap_or("")
}

/// A JSON answer, naming the policy version that gave it.
pub fn json_response(loaded: &Loaded, value: &Value) -> Response {
    let body = serde_json::to_string(value).unwrap_or_default();
    let mut response = ([(header::CONTENT_TYPE, "application/json")], body).into_response();
    version_header(&mut response, loaded);
    response
}

/// Names the policy version in a response.
pub fn version_header(response: &mut Response, loaded: &Loaded) {
    if let Ok(value) = HeaderValue::from_str(&loaded.version) {
        response.headers_mut().insert(VERSION_HEADER, value);
    }
}
