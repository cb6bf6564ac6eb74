//! `POST /v1/explain`, `/v1/remedy`, `/v1/questions`, `/v1/timeline`: the analyses of one
//! fact set, answered with the JSON the matching commands print with `--format json`.

use std::sync::Arc;

use axum::extract::State;
use axum::response::Response;

use super::body::Text;
use super::problem::Problem;
use super::query::Query;
use super::state::Shared;

/// `POST /v1/explain`.
pub async fn explain(
    State(_shared): State<Arc<Shared>>,
    _query: Query,
    Text(_body): Text,
) -> Result<Response, Problem> {
    Err(Problem::bad_request("not yet"))
}

/// `POST /v1/remedy`.
pub async fn remedy(
    State(_shared): State<Arc<Shared>>,
    _query: Query,
    Text(_body): Text,
) -> Result<Response, Problem> {
    Err(Problem::bad_request("not yet"))
}

/// `POST /v1/questions`.
pub async fn questions(
    State(_shared): State<Arc<Shared>>,
    _query: Query,
    Text(_body): Text,
) -> Result<Response, Problem> {
    Err(Problem::bad_request("not yet"))
}

/// `POST /v1/timeline`.
pub async fn timeline(
    State(_shared): State<Arc<Shared>>,
    _query: Query,
    Text(_body): Text,
) -> Result<Response, Problem> {
    Err(Problem::bad_request("not yet"))
}
