//! `GET /health/live` and `GET /health/ready`: the probes of a load balancer or an
//! orchestrator.

use std::sync::Arc;

use axum::extract::State;
use axum::response::Response;
use serde_json::json;

use super::decide::json_response;
use super::problem::Problem;
use super::query::Query;
use super::state::Shared;

/// `GET /health/live`: the process answers.
pub async fn live(State(shared): State<Arc<Shared>>, query: Query) -> Result<Response, Problem> {
    query.only(&[])?;
    Ok(json_response(&shared.current(), &json!({"status": "live"})))
}

/// `GET /health/ready`: a policy is loaded, so decisions are answered. The server loads its
/// policy before it listens, and a reload that fails keeps the policy in force: once
/// listening, it is ready.
pub async fn ready(State(shared): State<Arc<Shared>>, query: Query) -> Result<Response, Problem> {
    query.only(&[])?;
    let loaded = shared.current();
    Ok(json_response(
        &loaded,
        &json!({"status": "ready", "policy_version": loaded.version}),
    ))
}
