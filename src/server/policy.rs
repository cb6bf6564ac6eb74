//! `GET /v1/policy`, `/v1/params`, `/v1/schema`, `/v1/status` and the health probes: what
//! the loaded policy is, and whether the server is up.

use std::sync::Arc;

use axum::extract::State;
use axum::response::Response;

use super::decide::{case_workspace, json_response};
use super::problem::Problem;
use super::query::{LANG, Param, Query, SET};
use super::state::Shared;
use crate::report::params::ParamsView;
use crate::report::policy::PolicyView;

/// `all=true` for `GET /v1/params`.
pub const PARAMS_ALL: Param = Param::one(
    "all",
    "boolean",
    "List every version of each parameter and each dated step too (`params --all`)",
);

/// `on=YYYY-MM-DD` for the endpoints that describe the policy on a day.
pub const ON_DAY: Param = Param {
    name: "on",
    doc: "The day (YYYY-MM-DD); default: today",
    kind: "string",
    format: Some("date"),
    repeats: false,
    values: super::query::Values::Any,
};

/// The parameters of `GET /v1/policy`.
pub const POLICY_PARAMS: &[Param] = &[ON_DAY, LANG];

/// The parameters of `GET /v1/params`.
pub const PARAMS_PARAMS: &[Param] = &[ON_DAY, LANG, SET, PARAMS_ALL];

/// The parameters of `GET /v1/schema`.
pub const SCHEMA_PARAMS: &[Param] = &[LANG];

/// `GET /v1/policy?on=&lang=`: the texts in force on the day (and those not yet) with their
/// dates and hashes, the rules and outcomes in force with their titles, verdicts,
/// exceptions and citations, the policy's id, version and languages.
pub async fn policy(State(shared): State<Arc<Shared>>, query: Query) -> Result<Response, Problem> {
    query.only(POLICY_PARAMS)?;
    let loaded = shared.current();
    let (ws, on) = case_workspace(&loaded, &query)?;
    let view = PolicyView {
        program: &ws.program,
        sources: &ws.sources,
        version: &loaded.version,
        on: on.unwrap_or_else(|| ws.today.get()),
        lang: ws.lang,
    };
    Ok(json_response(
        &loaded,
        &crate::report::policy::json::policy(&view),
    ))
}

/// `GET /v1/params?on=&lang=&set=&all=`: every parameter on the day, with its value, where
/// it comes from and its history, as `params --format json` prints it.
pub async fn params(State(shared): State<Arc<Shared>>, query: Query) -> Result<Response, Problem> {
    query.only(PARAMS_PARAMS)?;
    let all = query.flag("all")?;
    let loaded = shared.current();
    let (ws, on) = case_workspace(&loaded, &query)?;
    let (on, params) = ws
        .params(on)
        .map_err(|errors| Problem::from_diagnostics(&errors, &ws.sources))?;
    let view = ParamsView {
        program: &ws.program,
        sources: &ws.sources,
        on,
        params,
        all,
        lang: ws.lang,
    };
    Ok(json_response(
        &loaded,
        &crate::report::params::json::params(&view),
    ))
}

/// `GET /v1/schema?lang=`: the JSON Schema of fact sets, labels in the language asked for.
pub async fn schema(State(shared): State<Arc<Shared>>, query: Query) -> Result<Response, Problem> {
    query.only(SCHEMA_PARAMS)?;
    let loaded = shared.current();
    let lang = query.lang(loaded.workspace.lang)?;
    let schema = crate::facts::schema::schema(&loaded.workspace.program, lang);
    Ok(json_response(&loaded, &schema))
}
