//! A request's body: read up to the server's limit, checked to be UTF-8 text, refused with
//! a problem document (413 over the limit, 400 otherwise) rather than axum's plain text.

use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use axum::http::StatusCode;

use super::problem::Problem;

/// The name a request's facts go by in decisions, records and errors.
pub const REQUEST_FACTS: &str = "request";

/// A request body that is UTF-8 text.
#[derive(Debug)]
pub struct Text(pub String);

impl<S: Send + Sync> FromRequest<S> for Text {
    type Rejection = Problem;

    async fn from_request(request: Request, state: &S) -> Result<Text, Problem> {
        let RawBody(bytes) = RawBody::from_request(request, state).await?;
        match String::from_utf8(bytes.to_vec()) {
            Ok(text) => Ok(Text(text)),
            Err(e) => {
                let at = e.utf8_error().valid_up_to();
                Err(Problem::bad_request(format!(
                    "the request body is not UTF-8 text (an invalid byte at offset {at})"
                ))
                .with("offset", serde_json::json!(at)))
            }
        }
    }
}

/// A request body as bytes (a batch: a line that is not UTF-8 is that line's error).
#[derive(Debug)]
pub struct RawBody(pub Bytes);

impl<S: Send + Sync> FromRequest<S> for RawBody {
    type Rejection = Problem;

    async fn from_request(request: Request, state: &S) -> Result<RawBody, Problem> {
        Bytes::from_request(request, state)
            .await
            .map(RawBody)
            .map_err(|rejection| {
                if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
                    Problem::new(
                        StatusCode::PAYLOAD_TOO_LARGE,
                        "too-large",
                        "The request body is over the limit",
                        "the request body is larger than the server takes (see `--max-body`)",
                    )
                } else {
                    Problem::bad_request(format!("cannot read the request body: {rejection}"))
                }
            })
    }
}
