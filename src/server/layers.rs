//! What every request goes through: the limit on requests in flight, the time limit, the
//! metrics, one log line, the policy version header; and the problem documents of unknown
//! paths and methods.

use std::sync::Arc;
use std::time::Instant;

use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::decide::{VERSION_HEADER, version_header};
use super::problem::Problem;
use super::state::Shared;

/// The health probes: not held to the limit on requests in flight.
const PROBES: &[&str] = &["/health/live", "/health/ready"];

/// Wraps every request.
pub async fn around(
    State(shared): State<Arc<Shared>>,
    mut request: Request,
    next: Next,
) -> Response {
    let started = Instant::now();
    let path = request.uri().path().to_string();
    // The label of an unknown path is one value: paths a client makes up must not grow the
    // metrics.
    let route = if super::endpoints::find(&path).is_some() {
        path.clone()
    } else {
        "unmatched".to_string()
    };
    // Likewise the methods: one a client makes up is `other`.
    let method = match request.method().as_str() {
        known @ ("GET" | "POST" | "PUT" | "DELETE" | "HEAD" | "OPTIONS" | "PATCH") => known,
        _ => "other",
    }
    .to_string();
    // The probes answer however busy the server is: a liveness probe turned away would
    // have a busy replica restarted, and they take no time to answer.
    if PROBES.contains(&path.as_str()) {
        let mut response = next.run(request).await;
        if !response.headers().contains_key(VERSION_HEADER) {
            version_header(&mut response, &shared.current());
        }
        finish(&shared, &route, &method, &path, &response, started);
        return response;
    }
    let Ok(permit) = shared.in_flight.clone().try_acquire_owned() else {
        let mut response = Problem::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "busy",
            "Too many requests in flight",
            format!(
                "the server answers at most {} requests at once (see `--max-in-flight`); retry",
                shared.config.limits.max_in_flight
            ),
        )
        .into_response();
        response
            .headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
        version_header(&mut response, &shared.current());
        finish(&shared, &route, &method, &path, &response, started);
        return response;
    };
    let mut answering = Answering {
        shared: &shared,
        route: &route,
        method: &method,
        path: &path,
        started,
        answered: false,
    };
    let work = super::work::Work::new(permit, shared.metrics.in_flight());
    request.extensions_mut().insert(work.clone());
    let limit = shared.config.limits.timeout;
    let mut response = match tokio::time::timeout(limit, next.run(request)).await {
        Ok(response) => response,
        Err(_) => Problem::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "timeout",
            "The request took too long",
            format!(
                "the request was not answered within {} s (see `--timeout`)",
                limit.as_secs_f64()
            ),
        )
        .into_response(),
    };
    // The place is given back when the request's last work ends, not before: an analysis
    // that outlived its answer, a batch still streaming.
    drop(work);
    if !response.headers().contains_key(VERSION_HEADER) {
        version_header(&mut response, &shared.current());
    }
    answering.answered = true;
    finish(&shared, &route, &method, &path, &response, started);
    response
}

fn finish(
    shared: &Shared,
    route: &str,
    method: &str,
    path: &str,
    response: &Response,
    started: Instant,
) {
    record(
        shared,
        route,
        method,
        path,
        response.status().as_u16(),
        started,
    );
}

/// Counts and logs a request answered with `status`.
fn record(shared: &Shared, route: &str, method: &str, path: &str, status: u16, started: Instant) {
    let elapsed = started.elapsed();
    shared
        .metrics
        .request(route, method, status, elapsed.as_secs_f64());
    tracing::info!(
        target: "doctrine::serve",
        method,
        path,
        status,
        micros = u64::try_from(elapsed.as_micros()).unwrap_or(u64::MAX),
        "request"
    );
}

/// The status counted for a request whose client left before its answer (as proxies count
/// it): the request is logged and counted all the same.
const CLIENT_LEFT: u16 = 499;

/// A request being answered: dropped before its answer (its client left), it still counts.
struct Answering<'a> {
    shared: &'a Shared,
    route: &'a str,
    method: &'a str,
    path: &'a str,
    started: Instant,
    answered: bool,
}

impl Drop for Answering<'_> {
    fn drop(&mut self) {
        if !self.answered {
            record(
                self.shared,
                self.route,
                self.method,
                self.path,
                CLIENT_LEFT,
                self.started,
            );
        }
    }
}

/// 404 for a path the server does not have.
pub async fn not_found(request: Request) -> Problem {
    Problem::new(
        StatusCode::NOT_FOUND,
        "not-found",
        "No such endpoint",
        format!(
            "`{}` is not an endpoint of this server; `GET /v1/openapi.json` lists them",
            request.uri().path()
        ),
    )
}

/// 405 for a method an endpoint does not take.
pub async fn method_not_allowed(request: Request) -> Problem {
    Problem::new(
        StatusCode::METHOD_NOT_ALLOWED,
        "method-not-allowed",
        "Method not allowed",
        format!(
            "`{} {}`: this endpoint does not take that method; `GET /v1/openapi.json` lists them",
            request.method(),
            request.uri().path()
        ),
    )
}

/// 500 for a handler that panicked: a defect of the server, never of the request. The
/// connection and the server go on; the panic is logged.
pub fn panicked(cause: Box<dyn std::any::Any + Send + 'static>) -> Response {
    let what = cause
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| cause.downcast_ref::<&str>().copied())
        .unwrap_or("a panic");
    tracing::error!(cause = what, "internal error: a handler panicked");
    Problem::new(
        StatusCode::INTERNAL_SERVER_ERROR,
        "internal",
        "Internal error",
        "the server failed on this request (a defect: please report it); it goes on serving",
    )
    .into_response()
}
