//! `POST /v1/explain`, `/v1/remedy`, `/v1/questions`, `/v1/timeline`: the analyses of one
//! fact set, answered with the JSON the matching commands print with `--format json`.

use std::sync::Arc;

use axum::extract::State;
use axum::response::{IntoResponse, Response};
use serde_json::Value;

use super::body::{REQUEST_FACTS, Text};
use super::decide::{case_workspace, json_response};
use super::problem::Problem;
use super::query::{CASE_PARAMS, LANG, ON, Param, Query, SET, Values};
use super::state::{Loaded, Shared};
use super::work::Work;
use crate::analysis::explain::Detail;
use crate::app::analyse::RemedyAsk;
use crate::app::{FactSource, Workspace};
use crate::diagnostic::Diagnostics;

/// `rule=ID`.
pub const RULE: Param = Param::one(
    "rule",
    "string",
    "Explain only this rule (by id), as `explain --rule`; it must be in force on the day",
)
.taking(Values::Rules);

/// `outcome=NAME`.
pub const OUTCOME: Param = Param::one(
    "outcome",
    "string",
    "Explain only this outcome (by name), as `explain --outcome`; not with `rule`",
)
.taking(Values::Outcomes);

/// `all=true`.
pub const ALL: Param = Param::one(
    "all",
    "boolean",
    "Show every branch: every rule, every operand, the exceptions not tried (`explain --all`)",
);

/// The parameters of `POST /v1/explain`.
pub const EXPLAIN_PARAMS: &[Param] = &[ON, LANG, SET, RULE, OUTCOME, ALL];

/// `target=TARGET`.
pub const TARGET: Param = Param::one(
    "target",
    "string",
    "What to reach: a verdict (or better), a name of the outcome the policy decides by, or \
     `OUTCOME=VALUE`; default: any better verdict (as `remedy --target`)",
);

/// `fixed=PATTERN`, repeatable.
pub const FIXED: Param = Param {
    name: "fixed",
    doc: "Facts that may not change: a pattern on their paths, like `data.*`; repeatable",
    kind: "string",
    format: None,
    repeats: true,
    values: super::query::Values::Any,
};

/// `max_changes=N`.
pub const MAX_CHANGES: Param = Param::one(
    "max_changes",
    "integer",
    "The most changes in one remedy, 1 to 8; default 4",
)
.taking(Values::Range(1, 8));

/// `limit=N`.
pub const LIMIT: Param = Param::one(
    "limit",
    "integer",
    "How many remedies to show, 1 to 65535; larger sets are not searched once this many \
     are found; default 10",
)
.taking(Values::Range(1, u16::MAX as u64));

/// `budget=N`.
pub const BUDGET: Param = Param::one(
    "budget",
    "integer",
    "The most fact sets the search evaluates, from 1 to the default of `remedy --budget` \
     (200000), which is also the most a server allows; past it the search stops and says so",
)
.taking(Values::Range(1, crate::analysis::remedy::BUDGET as u64));

/// The parameters of `POST /v1/remedy`.
pub const REMEDY_PARAMS: &[Param] = &[ON, LANG, SET, TARGET, FIXED, MAX_CHANGES, LIMIT, BUDGET];

/// The parameters of `POST /v1/questions`.
pub const QUESTIONS_PARAMS: &[Param] = CASE_PARAMS;

/// `from=YYYY-MM-DD`.
pub const FROM: Param = Param {
    name: "from",
    doc: "The first day (YYYY-MM-DD); default: the day before the first text comes into force",
    kind: "string",
    format: Some("date"),
    repeats: false,
    values: super::query::Values::Any,
};

/// `to=YYYY-MM-DD`.
pub const TO: Param = Param {
    name: "to",
    doc: "The last day (YYYY-MM-DD); default: five years after the latest date of the policy \
          (texts, parameter steps) and of the facts",
    kind: "string",
    format: Some("date"),
    repeats: false,
    values: super::query::Values::Any,
};

/// The parameters of `POST /v1/timeline`.
pub const TIMELINE_PARAMS: &[Param] = &[FROM, TO, LANG, SET];

/// The request's fact set, as the analyses load it.
fn request(body: &str) -> FactSource<'_> {
    FactSource::Text {
        name: REQUEST_FACTS,
        text: body,
        format: crate::facts::Format::Json,
    }
}

/// Runs an analysis on the blocking threads (it may evaluate many fact sets) with the
/// request's copy of the workspace; its errors become a problem document.
async fn analyse(
    work: Work,
    loaded: Arc<Loaded>,
    mut ws: Workspace,
    body: String,
    run: impl FnOnce(&mut Workspace, FactSource<'_>) -> Result<Value, Diagnostics> + Send + 'static,
) -> Result<Response, Problem> {
    work.blocking(move || match run(&mut ws, request(&body)) {
        Ok(value) => json_response(&loaded, &value),
        Err(errors) => Problem::from_diagnostics(&errors, &ws.sources).into_response(),
    })
    .await
}

/// `POST /v1/explain`: the derivation of the fact set's decision, as `explain --format json`.
pub async fn explain(
    State(shared): State<Arc<Shared>>,
    work: Work,
    query: Query,
    Text(body): Text,
) -> Result<Response, Problem> {
    query.only(EXPLAIN_PARAMS)?;
    let detail = Detail {
        all: query.flag("all")?,
        rule: query.one("rule")?.map(str::to_string),
        outcome: query.one("outcome")?.map(str::to_string),
    };
    if detail.rule.is_some() && detail.outcome.is_some() {
        return Err(Problem::bad_request(
            "`rule` and `outcome` cannot be given together: explain one rule or one outcome",
        )
        .with("parameter", serde_json::json!("outcome")));
    }
    let loaded = shared.current();
    let (ws, on) = case_workspace(&loaded, &query)?;
    analyse(work, loaded, ws, body, move |ws, facts| {
        let explanation = ws.explain(facts, on, &detail)?;
        Ok(crate::report::explain::json::explanation(
            &explanation,
            REQUEST_FACTS,
            ws.lang,
        ))
    })
    .await
}

/// `POST /v1/remedy`: the smallest sets of fact changes that would move the decision to a
/// target, as `remedy --format json`.
pub async fn remedy(
    State(shared): State<Arc<Shared>>,
    work: Work,
    query: Query,
    Text(body): Text,
) -> Result<Response, Problem> {
    query.only(REMEDY_PARAMS)?;
    let budget = crate::analysis::remedy::BUDGET as u64;
    let ask = RemedyAsk {
        target: query.one("target")?.map(str::to_string),
        fixed: query.all("fixed"),
        max_changes: count(query.count(&MAX_CHANGES, 4)?),
        limit: count(query.count(&LIMIT, 10)?),
        // A server bounds what one request may cost: no more than the command's default.
        budget: count(query.count(&BUDGET, budget)?),
    };
    let loaded = shared.current();
    let (ws, on) = case_workspace(&loaded, &query)?;
    analyse(work, loaded, ws, body, move |ws, facts| {
        let found = ws.remedy(facts, on, &ask)?;
        Ok(crate::report::remedy::json::report(
            &ws.program,
            &found.report,
            REQUEST_FACTS,
            found.on,
            ask.limit,
            ws.lang,
        ))
    })
    .await
}

/// `POST /v1/questions`: the questions an undecided fact set raises, each with its fact,
/// label, type, allowed values and what it would decide, as `eval --format json` lists them.
pub async fn questions(
    State(shared): State<Arc<Shared>>,
    work: Work,
    query: Query,
    Text(body): Text,
) -> Result<Response, Problem> {
    query.only(QUESTIONS_PARAMS)?;
    let loaded = shared.current();
    let (ws, on) = case_workspace(&loaded, &query)?;
    analyse(work, loaded, ws, body, move |ws, facts| {
        let decided = ws.decide(&[facts], on)?;
        Ok(decided
            .first()
            .map(crate::app::decide::questions_value)
            .unwrap_or_default())
    })
    .await
}

/// `POST /v1/timeline`: the fact set's decision through time, as `timeline --format json`.
pub async fn timeline(
    State(shared): State<Arc<Shared>>,
    work: Work,
    query: Query,
    Text(body): Text,
) -> Result<Response, Problem> {
    query.only(TIMELINE_PARAMS)?;
    let from = query.date("from")?;
    let to = query.date("to")?;
    let loaded = shared.current();
    let (ws, _) = case_workspace(&loaded, &query)?;
    analyse(work, loaded, ws, body, move |ws, facts| {
        let (start, timelines) = ws.timelines(&[facts], from, to)?;
        Ok(timelines
            .first()
            .map(|t| crate::report::timeline::json(&t.heading(&ws.program.id, start), &t.periods))
            .unwrap_or_default())
    })
    .await
}

/// A count the query bounds, as a size.
fn count(n: u64) -> usize {
    usize::try_from(n).unwrap_or(usize::MAX)
}
