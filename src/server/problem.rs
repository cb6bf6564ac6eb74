//! Errors as RFC 9457 problem documents (`application/problem+json`): the status, a title,
//! and for bad facts every diagnostic with its line and column in the request body, worded
//! as the command line words them.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Map, Value, json};

use crate::diagnostic::{Diagnostics, Severity};
use crate::source::SourceMap;

/// The media type of problem documents.
pub const PROBLEM_JSON: &str = "application/problem+json";

/// A problem document.
#[derive(Debug)]
pub struct Problem {
    /// The HTTP status.
    pub status: StatusCode,
    /// What kind of problem: the last part of its `type` URI.
    pub kind: &'static str,
    /// A short summary of the kind.
    pub title: &'static str,
    /// What happened in this request.
    pub detail: String,
    /// More members: `errors`, `line`… (boxed: a problem is the error of most handlers'
    /// results, which stay small so)
    pub members: Box<Map<String, Value>>,
}

impl Problem {
    /// A problem with no more members.
    pub fn new(
        status: StatusCode,
        kind: &'static str,
        title: &'static str,
        detail: impl Into<String>,
    ) -> Problem {
        Problem {
            status,
            kind,
            title,
            detail: detail.into(),
            members: Box::default(),
        }
    }

    /// 400: a request that cannot be read (a query parameter, a body that is not JSON).
    pub fn bad_request(detail: impl Into<String>) -> Problem {
        Problem::new(
            StatusCode::BAD_REQUEST,
            "bad-request",
            "The request is malformed",
            detail,
        )
    }

    /// Adds a member.
    pub fn with(mut self, key: &str, value: Value) -> Problem {
        self.members.insert(key.to_string(), value);
        self
    }

    /// The problem of a request's errors: 413 when the body is over a limit, 400 when it
    /// cannot be read (not JSON, a bad query parameter), 422 when facts do not fit the
    /// policy's schema or cannot be evaluated. `errors` lists every diagnostic as `check
    /// --error-format json` does, the request body named `request`.
    pub fn from_diagnostics(diagnostics: &Diagnostics, sources: &SourceMap) -> Problem {
        let errors: Vec<_> = diagnostics
            .0
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .collect();
        let too_large = errors.iter().any(|d| d.code == "doctrine::io::too_large");
        let unfit = !errors.is_empty()
            && errors
                .iter()
                .all(|d| d.code == "doctrine::facts" || d.code.starts_with("doctrine::eval"));
        let detail = match errors.first() {
            Some(first) if errors.len() == 1 => first.message.clone(),
            Some(first) => format!("{} (and {} more errors)", first.message, errors.len() - 1),
            None => "the request was refused".to_string(),
        };
        let problem = if too_large {
            Problem::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                "too-large",
                "The request body is over the limit",
                detail,
            )
        } else if unfit {
            Problem::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "invalid-facts",
                "The facts do not fit the policy",
                detail,
            )
        } else {
            Problem::bad_request(detail)
        };
        problem.with(
            "errors",
            Value::Array(crate::report::diagnostics::to_json(diagnostics, sources)),
        )
    }

    /// The document, as JSON.
    pub fn json(&self) -> Value {
        let mut object = Map::new();
        object.insert(
            "type".into(),
            json!(format!("urn:doctrine:problem:{}", self.kind)),
        );
        object.insert("title".into(), json!(self.title));
        object.insert("status".into(), json!(self.status.as_u16()));
        object.insert("detail".into(), json!(self.detail));
        for (key, value) in self.members.iter() {
            object.insert(key.clone(), value.clone());
        }
        Value::Object(object)
    }
}

impl IntoResponse for Problem {
    fn into_response(self) -> Response {
        let body = serde_json::to_string(&self.json()).unwrap_or_default();
        let mut response = (self.status, body).into_response();
        response
            .headers_mut()
            .insert(header::CONTENT_TYPE, HeaderValue::from_static(PROBLEM_JSON));
        response
    }
}
