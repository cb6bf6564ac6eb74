//! `POST /v1/decide/batch`: many fact sets (JSON Lines, or one JSON array) decided on the
//! server's cores, one JSON line answered per fact set, in order, streamed chunk by chunk.
//! A fact set that cannot be decided gets an error object in its place, with its line.

use std::io::Cursor;
use std::sync::Arc;

use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use serde_json::json;

use super::body::{REQUEST_FACTS, Text};
use super::decide::{case_workspace, decision_id, decision_name, version_header, with_id};
use super::problem::Problem;
use super::query::{CASE_PARAMS, Query};
use super::state::{Loaded, Shared};
use crate::analysis::record::Record;
use crate::app::Workspace;
use crate::app::batch::{Batch, Item};
use crate::facts::lines::{Line, Lines};
use crate::source::LineStarts;

/// Fact sets decided between two writes of the answer.
const CHUNK: usize = 1024;

/// The media type of the answer.
pub const JSON_LINES: &str = "application/x-ndjson";

/// Decides every fact set of the body.
pub async fn batch(
    State(shared): State<Arc<Shared>>,
    query: Query,
    Text(body): Text,
) -> Result<Response, Problem> {
    query.only(CASE_PARAMS)?;
    let loaded = shared.current();
    let (ws, on) = case_workspace(&loaded, &query)?;
    let lines = if body.trim_start().starts_with('[') {
        array_items(&body)?
    } else {
        jsonl_items(&body)?
    };
    let (sender, receiver) = tokio::sync::mpsc::channel::<Result<Bytes, std::io::Error>>(4);
    let version = loaded.clone();
    let worker = shared.clone();
    tokio::task::spawn_blocking(move || {
        let sets = Sets {
            shared: &worker,
            loaded: &version,
            ws: &ws,
        };
        sets.decide(lines, on, &sender);
    });
    let stream = futures_util::stream::unfold(receiver, |mut receiver| async move {
        receiver.recv().await.map(|chunk| (chunk, receiver))
    });
    let mut response = (
        [(header::CONTENT_TYPE, JSON_LINES)],
        Body::from_stream(stream),
    )
        .into_response();
    version_header(&mut response, &loaded);
    Ok(response)
}

/// What deciding a batch shares.
struct Sets<'a> {
    shared: &'a Shared,
    loaded: &'a Loaded,
    ws: &'a Workspace,
}

impl Sets<'_> {
    /// Decides the fact sets chunk by chunk, sending each chunk's lines; stops when the
    /// client has gone.
    fn decide(
        &self,
        lines: Vec<Line>,
        on: Option<jiff::civil::Date>,
        sender: &tokio::sync::mpsc::Sender<Result<Bytes, std::io::Error>>,
    ) {
        let batch = Batch::new(
            &self.ws.program,
            &self.ws.sources,
            on,
            self.ws.today.clone(),
            self.ws.overrides.clone(),
        );
        let input: Arc<str> = Arc::from(REQUEST_FACTS);
        let inputs = self.ws.record_inputs();
        let mut items: Vec<Item> = lines
            .into_iter()
            .map(|line| Item::Line {
                input: input.clone(),
                line,
            })
            .collect();
        while !items.is_empty() {
            let rest = items.split_off(CHUNK.min(items.len()));
            let answered = self.shared.pool.install(|| {
                batch.run_each(&items, &|item, decided| self.answer(item, decided, &inputs))
            });
            items = rest;
            let chunk: String = answered.concat();
            if sender.blocking_send(Ok(Bytes::from(chunk))).is_err() {
                tracing::info!("the client left before the batch was answered");
                return;
            }
        }
    }

    /// One fact set's line of the answer (and of the decision log).
    fn answer(
        &self,
        item: &Item,
        decided: Result<
            &crate::eval::decision::Decision,
            (&crate::diagnostic::Diagnostics, &crate::source::SourceMap),
        >,
        inputs: &crate::analysis::record::Inputs,
    ) -> String {
        let Item::Line { line, .. } = item else {
            return String::new();
        };
        let value = match decided {
            Ok(decision) => {
                let id = decision_id();
                let origin = item.origin();
                let value = with_id(
                    &id,
                    crate::report::decision::json::decision(decision, &origin, self.ws.lang),
                );
                self.shared.metrics.decided(decision_name(&value));
                if let Some(log) = &self.shared.log {
                    let text = String::from_utf8_lossy(&line.bytes);
                    let record = Record::with_facts_digest(
                        inputs,
                        &self.ws.program,
                        &self.ws.sources,
                        decision,
                        &origin,
                        crate::source::sha256_hex(&line.bytes),
                    );
                    let mut logged = value.clone();
                    if let Some(object) = logged.as_object_mut() {
                        object.insert(
                            "record".into(),
                            serde_json::to_value(&record).unwrap_or_default(),
                        );
                    }
                    log.decision(&id, &self.loaded.version, &logged, &text);
                }
                value
            }
            Err((diagnostics, sources)) => json!({
                "line": line.number,
                "error": Problem::from_diagnostics(diagnostics, sources).json(),
            }),
        };
        let mut text = serde_json::to_string(&value).unwrap_or_default();
        text.push('\n');
        text
    }
}

/// The lines of a JSON Lines body, blank ones skipped.
fn jsonl_items(body: &str) -> Result<Vec<Line>, Problem> {
    let mut lines = Lines::new(Cursor::new(body.as_bytes()));
    let mut all = Vec::new();
    while !lines.is_done() {
        let chunk = lines
            .chunk(usize::MAX, usize::MAX)
            .map_err(|e| Problem::bad_request(format!("cannot read the request body: {e}")))?;
        all.extend(chunk);
    }
    Ok(all)
}

/// The elements of a JSON array body, each as a line: its text padded to the column it
/// starts at, numbered by the line it starts on, so that errors point into the body.
fn array_items(body: &str) -> Result<Vec<Line>, Problem> {
    let elements: Vec<&serde_json::value::RawValue> = serde_json::from_str(body).map_err(|e| {
        Problem::bad_request(format!(
            "the request body is not a JSON array of fact sets: {e}"
        ))
        .with("line", json!(e.line()))
        .with("column", json!(e.column()))
    })?;
    let starts = LineStarts::new(body);
    let base = body.as_ptr() as usize;
    Ok(elements
        .into_iter()
        .map(|element| {
            let text = element.get();
            let offset = (text.as_ptr() as usize).saturating_sub(base);
            let line = starts.line_of(offset);
            let line_start = starts.start(line).unwrap_or(0);
            let column = body
                .get(line_start..offset)
                .map_or(0, |s| s.chars().count());
            let mut bytes = vec![b' '; column];
            bytes.extend_from_slice(text.as_bytes());
            Line {
                number: line + 1,
                bytes,
                too_long: false,
            }
        })
        .collect())
}
