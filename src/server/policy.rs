//! `GET /v1/policy`, `/v1/params`, `/v1/schema`, `/v1/status` and the health probes: what
//! the loaded policy is, and whether the server is up.

use std::sync::Arc;

use axum::extract::State;
use axum::response::Response;

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
