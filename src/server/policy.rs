//! `GET /v1/policy`, `/v1/params`, `/v1/schema`, `/v1/status` and the health probes: what
//! the loaded policy is, and whether the server is up.

use std::sync::Arc;

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::json;

use super::decide::json_response;
use super::problem::Problem;
use super::query::Query;
use super::state::Shared;

/// `GET /v1/policy`.
pub async fn policy(
    State(_shared): State<Arc<Shared>>,
    _query: Query,
) -> Result<Response, Problem> {
    Err(Problem::bad_request("not yet"))
}

/// `GET /v1/params`.
pub async fn params(
    State(_shared): State<Arc<Shared>>,
    _query: Query,
) -> Result<Response, Problem> {
    Err(Problem::bad_request("not yet"))
}

/// `GET /v1/schema?lang=`: the JSON Schema of fact sets, labels in the language asked for.
pub async fn schema(State(shared): State<Arc<Shared>>, query: Query) -> Result<Response, Problem> {
    query.only(&[super::query::LANG])?;
    let loaded = shared.current();
    let lang = query.lang(loaded.workspace.lang)?;
    let schema = crate::facts::schema::schema(&loaded.workspace.program, lang);
    Ok(json_response(&loaded, &schema))
}

/// `GET /health/live`: the process answers.
pub async fn live() -> Response {
    (StatusCode::OK, axum::Json(json!({"status": "live"}))).into_response()
}

/// `GET /health/ready`: a policy is loaded and requests are answered.
pub async fn ready(State(shared): State<Arc<Shared>>) -> Response {
    let loaded = shared.current();
    json_response(
        &loaded,
        &json!({"status": "ready", "policy_version": loaded.version}),
    )
}
