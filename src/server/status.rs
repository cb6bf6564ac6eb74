//! `GET /v1/status`: the policy version in force, its texts, the server's age, and what came
//! of the reloads (with the errors of the last one, while it is the latest attempt).

use std::sync::Arc;

use axum::extract::State;
use axum::response::Response;
use serde_json::{Value, json};

use super::decide::json_response;
use super::problem::Problem;
use super::query::{Param, Query};
use super::state::{Loaded, Shared};

/// The query parameters of `GET /v1/status`: none.
pub const STATUS_PARAMS: &[Param] = &[];

/// `GET /v1/status`.
pub async fn status(State(shared): State<Arc<Shared>>, query: Query) -> Result<Response, Problem> {
    query.only(STATUS_PARAMS)?;
    let loaded = shared.current();
    let now = jiff::Timestamp::now();
    let reloads = match shared.reloads.lock() {
        Ok(reloads) => {
            let last_error = reloads.errors.as_ref().map(|(diagnostics, sources, at)| {
                json!({
                    "at": at.to_string(),
                    "diagnostics": crate::report::diagnostics::to_json(diagnostics, sources),
                })
            });
            json!({
                "succeeded": reloads.succeeded,
                "failed": reloads.failed,
                "last_error": last_error,
            })
        }
        Err(_) => Value::Null,
    };
    let value = json!({
        "policy": policy(&loaded),
        "started_at": shared.started.to_string(),
        "uptime_seconds": (now.as_second() - shared.started.as_second()).max(0),
        "watching": shared.watching.load(std::sync::atomic::Ordering::Relaxed),
        "reloads": reloads,
    });
    Ok(json_response(&loaded, &value))
}

/// The version in force: its hash, when it was loaded, and each text's file and SHA-256.
fn policy(loaded: &Loaded) -> Value {
    let ws = &loaded.workspace;
    let texts: Vec<Value> = ws
        .program
        .texts
        .iter()
        .map(|text| {
            let file = ws.sources.get(text.file);
            json!({
                "id": text.id,
                "file": file.map(|f| f.name.clone()).unwrap_or_default(),
                "sha256": file.map(|f| f.sha256()).unwrap_or_default(),
            })
        })
        .collect();
    json!({
        "version": loaded.version,
        "loaded_at": loaded.loaded_at.to_string(),
        "texts": texts,
    })
}
