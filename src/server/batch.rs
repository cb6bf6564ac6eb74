//! `POST /v1/decide/batch`: many fact sets (JSON Lines, or one JSON array) decided on the
//! server's cores, one JSON line answered per fact set, in order, streamed chunk by chunk.
//! A fact set that cannot be decided gets an error object in its place, with its line.

use std::io::Cursor;
use std::sync::Arc;
use std::time::Instant;

use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};
use tokio::sync::mpsc::Sender;

use super::body::{REQUEST_FACTS, RawBody};
use super::decide::{case_workspace, decision_id, decision_name, version_header, with_id};
use super::problem::Problem;
use super::query::{CASE_PARAMS, Query};
use super::state::{Loaded, Shared};
use super::work::Work;
use crate::analysis::record::{Inputs, Record};
use crate::app::Workspace;
use crate::app::batch::{Batch, Item};
use crate::diagnostic::Diagnostics;
use crate::eval::decision::Decision;
use crate::facts::lines::{Line, Lines};
use crate::source::{LineStarts, SourceMap};

/// Fact sets decided between two writes of the answer.
const CHUNK: usize = 1024;

/// The media type of the answer.
pub const JSON_LINES: &str = "application/x-ndjson";

/// A chunk of the answer, or the end of the stream.
type Chunk = Result<Bytes, std::io::Error>;

/// Decides every fact set of the body.
pub async fn batch(
    State(shared): State<Arc<Shared>>,
    work: Work,
    query: Query,
    RawBody(body): RawBody,
) -> Result<Response, Problem> {
    query.only(CASE_PARAMS)?;
    let loaded = shared.current();
    let (ws, on) = case_workspace(&loaded, &query)?;
    let sets = work.blocking(move || fact_sets(&body)).await??;
    let (sender, receiver) = tokio::sync::mpsc::channel::<Chunk>(4);
    let deadline = work.started() + shared.config.limits.timeout;
    let version = loaded.clone();
    let worker = shared.clone();
    // The request's place is held until the last line is sent: a batch streaming is a
    // request in flight, bound by `--max-in-flight` and `--timeout`.
    let place = work.clone();
    tokio::task::spawn_blocking(move || {
        let _place = place;
        let decided = Sets {
            shared: &worker,
            loaded: &version,
            ws: &ws,
            inputs: ws.record_inputs(),
        }
        .decide(sets, on, deadline, &sender);
        tracing::info!(
            target: "doctrine::serve",
            path = "/v1/decide/batch",
            fact_sets = decided,
            micros = u64::try_from(work.started().elapsed().as_micros()).unwrap_or(u64::MAX),
            "batch answered"
        );
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

/// The fact sets of a batch: each with the index it has in a JSON array body.
struct FactSets {
    items: Vec<Item>,
    indexes: Option<Vec<usize>>,
}

/// What deciding a batch shares.
struct Sets<'a> {
    shared: &'a Shared,
    loaded: &'a Loaded,
    ws: &'a Workspace,
    inputs: Inputs,
}

impl Sets<'_> {
    /// Decides the fact sets chunk by chunk, sending each chunk's lines, until the last,
    /// the deadline (a last line says which were not decided) or the client's leaving.
    /// Returns how many were decided or refused.
    fn decide(
        &self,
        sets: FactSets,
        on: Option<jiff::civil::Date>,
        deadline: Instant,
        sender: &Sender<Chunk>,
    ) -> usize {
        let batch = Batch::new(
            &self.ws.program,
            &self.ws.sources,
            on,
            self.ws.today.clone(),
            self.ws.overrides.clone(),
        );
        let mut done = 0;
        for (number, chunk) in sets.items.chunks(CHUNK).enumerate() {
            let first = number * CHUNK;
            if Instant::now() > deadline {
                let line = chunk.first().map_or(0, line_of);
                let left = sets.items.len() - first;
                let problem = Problem::new(
                    StatusCode::SERVICE_UNAVAILABLE,
                    "timeout",
                    "The request took too long",
                    format!(
                        "the batch was not decided within {} s (see `--timeout`): the {left} fact sets from line {line} on were not decided",
                        self.shared.config.limits.timeout.as_secs_f64()
                    ),
                );
                let text = format!("{}\n", json!({"line": line, "error": problem.json()}));
                let _ = sender.blocking_send(Ok(Bytes::from(text)));
                return done;
            }
            let indexes = sets.indexes.as_deref();
            let answered = self.shared.pool.install(|| {
                batch.run_each(chunk, &|at, item, decided| {
                    let index = indexes.and_then(|i| i.get(first + at)).copied();
                    self.answer(item, index, decided)
                })
            });
            done += chunk.len();
            if sender
                .blocking_send(Ok(Bytes::from(answered.concat())))
                .is_err()
            {
                tracing::info!("the client left before the batch was answered");
                return done;
            }
        }
        done
    }

    /// One fact set's line of the answer (and of the decision log).
    fn answer(
        &self,
        item: &Item,
        index: Option<usize>,
        decided: Result<&Decision, (&Diagnostics, &SourceMap)>,
    ) -> String {
        let Item::Line { line, .. } = item else {
            return String::new();
        };
        let value = match decided {
            Ok(decision) => self.decision(item, line, decision),
            Err((diagnostics, sources)) => {
                let mut value = json!({"line": line.number});
                if let (Some(index), Some(object)) = (index, value.as_object_mut()) {
                    object.insert("index".into(), json!(index));
                }
                if let Some(object) = value.as_object_mut() {
                    let problem = Problem::from_diagnostics(diagnostics, sources);
                    object.insert("error".into(), problem.json());
                }
                value
            }
        };
        let mut text = serde_json::to_string(&value).unwrap_or_default();
        text.push('\n');
        text
    }

    /// A decision's line, logged if the server keeps a decision log.
    fn decision(&self, item: &Item, line: &Line, decision: &Decision) -> Value {
        let id = decision_id();
        let origin = item.origin();
        let value = with_id(
            &id,
            crate::report::decision::json::decision(decision, &origin, self.ws.lang),
        );
        self.shared.metrics.decided(decision_name(&value));
        if let Some(log) = &self.shared.log {
            // An array element's padding is not part of its facts.
            let facts = line.bytes.trim_ascii_start();
            let text = String::from_utf8_lossy(facts);
            let record = Record::with_facts_digest(
                &self.inputs,
                &self.ws.program,
                &self.ws.sources,
                decision,
                &origin,
                crate::source::sha256_hex(facts),
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
}

fn line_of(item: &Item) -> usize {
    match item {
        Item::Line { line, .. } => line.number,
        _ => 0,
    }
}

/// The fact sets of a body: a JSON array's elements, else JSON Lines (blank lines skipped;
/// a line that is not UTF-8 is refused in its place, as the others are decided).
fn fact_sets(body: &[u8]) -> Result<FactSets, Problem> {
    let start = body.iter().position(|b| !b.is_ascii_whitespace());
    if start.and_then(|at| body.get(at)) == Some(&b'[') {
        let text = std::str::from_utf8(body).map_err(|e| {
            Problem::bad_request(format!(
                "the request body, a JSON array, is not UTF-8 text (an invalid byte at offset {})",
                e.valid_up_to()
            ))
        })?;
        return array_items(text);
    }
    let input: Arc<str> = Arc::from(REQUEST_FACTS);
    let mut lines = Lines::new(Cursor::new(body));
    let mut items = Vec::new();
    while !lines.is_done() {
        let chunk = lines
            .chunk(usize::MAX, usize::MAX)
            .map_err(|e| Problem::bad_request(format!("cannot read the request body: {e}")))?;
        items.extend(chunk.into_iter().map(|line| Item::Line {
            input: input.clone(),
            line,
        }));
    }
    Ok(FactSets {
        items,
        indexes: None,
    })
}

/// The most spaces an array element is padded with: past it (a long one-line array), the
/// columns of its errors on its first line count from the element.
const PADDING: usize = 1024;

/// The elements of a JSON array body, each named `request[INDEX]` and numbered by the line
/// it starts on, so that its errors' lines (and columns, see [`PADDING`]) are the body's.
fn array_items(body: &str) -> Result<FactSets, Problem> {
    let elements: Vec<&serde_json::value::RawValue> = serde_json::from_str(body).map_err(|e| {
        Problem::bad_request(format!(
            "the request body is not a JSON array of fact sets: {e}"
        ))
        .with("line", json!(e.line()))
        .with("column", json!(e.column()))
    })?;
    let starts = LineStarts::new(body);
    let base = body.as_ptr() as usize;
    let mut items = Vec::with_capacity(elements.len());
    let mut indexes = Vec::with_capacity(elements.len());
    for (index, element) in elements.into_iter().enumerate() {
        let text = element.get();
        let offset = (text.as_ptr() as usize).saturating_sub(base);
        let line = starts.line_of(offset);
        // Padded to the column it starts at, so that its errors' columns are the body's;
        // but by PADDING at most, so that a long line costs in proportion to its length.
        let column = starts
            .start(line)
            .and_then(|start| body.get(start..offset))
            .map_or(0, |before| before.chars().count());
        let mut bytes = vec![b' '; if column <= PADDING { column } else { 0 }];
        bytes.extend_from_slice(text.as_bytes());
        items.push(Item::Line {
            input: Arc::from(format!("{REQUEST_FACTS}[{index}]")),
            line: Line {
                number: line + 1,
                bytes,
                too_long: false,
            },
        });
        indexes.push(index);
    }
    Ok(FactSets {
        items,
        indexes: Some(indexes),
    })
}
