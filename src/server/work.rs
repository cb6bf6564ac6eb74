//! The work of a request: the place it holds among the requests in flight, held until its
//! last piece of work ends (an analysis that outlives its answer, a batch still streaming),
//! and the blocking threads that work runs on, off the threads that serve connections.

use std::sync::Arc;
use std::time::Instant;

use axum::extract::FromRequestParts;
use axum::http::StatusCode;
use axum::http::request::Parts;
use prometheus_client::metrics::gauge::Gauge;
use tokio::sync::OwnedSemaphorePermit;

use super::problem::Problem;

/// A request's place among those in flight; cloned into each piece of its work.
#[derive(Clone, Debug)]
pub struct Work(Arc<InFlight>);

#[derive(Debug)]
struct InFlight {
    _permit: OwnedSemaphorePermit,
    gauge: Gauge,
    started: Instant,
}

impl Drop for InFlight {
    fn drop(&mut self) {
        self.gauge.dec();
    }
}

impl Work {
    /// Takes a place: `permit` is held, and `gauge` counts it, until the last clone is dropped.
    pub fn new(permit: OwnedSemaphorePermit, gauge: &Gauge) -> Work {
        gauge.inc();
        Work(Arc::new(InFlight {
            _permit: permit,
            gauge: gauge.clone(),
            started: Instant::now(),
        }))
    }

    /// When the request arrived.
    pub fn started(&self) -> Instant {
        self.0.started
    }

    /// Runs `work` on the blocking threads, holding the request's place until it ends (even
    /// if the request's answer was given up on before).
    pub async fn blocking<T: Send + 'static>(
        &self,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, Problem> {
        let place = self.clone();
        tokio::task::spawn_blocking(move || {
            let _place = place;
            work()
        })
        .await
        .map_err(|_| {
            Problem::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                "internal",
                "Internal error",
                "the work of this request stopped before its end (a defect: please report \
                 it); the server goes on serving",
            )
        })
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Work {
    type Rejection = Problem;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Work, Problem> {
        parts.extensions.get::<Work>().cloned().ok_or_else(|| {
            Problem::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                "internal",
                "Internal error",
                "the request was not counted among those in flight (a defect)",
            )
        })
    }
}
