//! `GET /v1/status`: the policy version in force, and what came of the reloads.

use std::sync::Arc;

use axum::extract::State;
use axum::response::Response;

use super::problem::Problem;
use super::query::Query;
use super::state::Shared;

/// `GET /v1/status`.
pub async fn status(
    State(_shared): State<Arc<Shared>>,
    _query: Query,
) -> Result<Response, Problem> {
    Err(Problem::bad_request("not yet"))
}
