//! The server's endpoints in one table: the router is built from it and the OpenAPI
//! description generated from it, so neither can list an endpoint the other lacks.

use std::sync::Arc;

use axum::routing::{MethodRouter, get, post};

use super::query::{CASE_PARAMS, Param};
use super::state::Shared;
use super::{analyse, batch, decide, health, metrics, openapi, pages, policy, status};

/// An HTTP method the server answers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    /// `GET`.
    Get,
    /// `POST`.
    Post,
}

/// What a request's body holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Input {
    /// No body.
    Nothing,
    /// One fact set, as a JSON object.
    FactSet,
    /// Fact sets: JSON Lines, or a JSON array.
    FactSets,
}

/// What an answer holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Output {
    /// A decision object.
    Decision,
    /// One decision (or error object) per line.
    DecisionLines,
    /// A JSON object, described in words.
    Json(&'static str),
    /// Prometheus text.
    Prometheus,
    /// An HTML page of the workbench, described in words.
    Html(&'static str),
    /// A stylesheet.
    Css,
}

/// One endpoint.
pub struct Endpoint {
    /// Its method.
    pub method: Method,
    /// Its path.
    pub path: &'static str,
    /// Its operation id.
    pub id: &'static str,
    /// The group it is listed in.
    pub tag: &'static str,
    /// One line on what it does.
    pub summary: &'static str,
    /// The query parameters it takes (it refuses others).
    pub params: &'static [Param],
    /// Its body.
    pub input: Input,
    /// Its answer.
    pub output: Output,
    /// Its handler.
    pub route: fn() -> MethodRouter<Arc<Shared>>,
}

/// Every endpoint.
pub const ENDPOINTS: &[Endpoint] = &[
    Endpoint {
        method: Method::Post,
        path: "/v1/decide",
        id: "decide",
        tag: "decide",
        summary: "Decide one fact set: the JSON `doctrine eval --format json` prints, with a decision id",
        params: CASE_PARAMS,
        input: Input::FactSet,
        output: Output::Decision,
        route: || post(decide::decide),
    },
    Endpoint {
        method: Method::Post,
        path: "/v1/decide/batch",
        id: "decideBatch",
        tag: "decide",
        summary: "Decide many fact sets (JSON Lines or a JSON array): one JSON line per fact set, in order, streamed; a fact set that cannot be decided gets an error object with its line",
        params: CASE_PARAMS,
        input: Input::FactSets,
        output: Output::DecisionLines,
        route: || post(batch::batch),
    },
    Endpoint {
        method: Method::Post,
        path: "/v1/explain",
        id: "explain",
        tag: "analyse",
        summary: "Explain one fact set's decision: what `doctrine explain --format json` prints",
        params: analyse::EXPLAIN_PARAMS,
        input: Input::FactSet,
        output: Output::Json(
            "The explanation: each rule, condition by condition, with the values that decided",
        ),
        route: || post(analyse::explain),
    },
    Endpoint {
        method: Method::Post,
        path: "/v1/remedy",
        id: "remedy",
        tag: "analyse",
        summary: "The smallest sets of fact changes that would move a decision to a target: what `doctrine remedy --format json` prints",
        params: analyse::REMEDY_PARAMS,
        input: Input::FactSet,
        output: Output::Json(
            "The remedies found, each a set of fact changes and the decision it gives",
        ),
        route: || post(analyse::remedy),
    },
    Endpoint {
        method: Method::Post,
        path: "/v1/questions",
        id: "questions",
        tag: "analyse",
        summary: "The questions whose answers would decide what a fact set's unknown facts keep undecided",
        params: analyse::QUESTIONS_PARAMS,
        input: Input::FactSet,
        output: Output::Json(
            "The questions, each with the fact it asks for and what it would decide",
        ),
        route: || post(analyse::questions),
    },
    Endpoint {
        method: Method::Post,
        path: "/v1/timeline",
        id: "timeline",
        tag: "analyse",
        summary: "When a fact set's decision changes: what `doctrine timeline --format json` prints",
        params: analyse::TIMELINE_PARAMS,
        input: Input::FactSet,
        output: Output::Json(
            "The periods in which the decision stands, and what changed between them",
        ),
        route: || post(analyse::timeline),
    },
    Endpoint {
        method: Method::Get,
        path: "/v1/policy",
        id: "policy",
        tag: "policy",
        summary: "The texts and amendments in force on a day, with their dates and hashes; the rules with their titles, verdicts, exceptions and citations",
        params: policy::POLICY_PARAMS,
        input: Input::Nothing,
        output: Output::Json("The policy: its texts and rules"),
        route: || get(policy::policy),
    },
    Endpoint {
        method: Method::Get,
        path: "/v1/params",
        id: "params",
        tag: "policy",
        summary: "Every parameter on a day: value, where it comes from, history by date (`doctrine params --format json`)",
        params: policy::PARAMS_PARAMS,
        input: Input::Nothing,
        output: Output::Json("The parameters on the day"),
        route: || get(policy::params),
    },
    Endpoint {
        method: Method::Get,
        path: "/v1/schema",
        id: "schema",
        tag: "policy",
        summary: "The JSON Schema (2020-12) of the policy's fact sets",
        params: policy::SCHEMA_PARAMS,
        input: Input::Nothing,
        output: Output::Json("A JSON Schema"),
        route: || get(policy::schema),
    },
    Endpoint {
        method: Method::Get,
        path: "/v1/status",
        id: "status",
        tag: "server",
        summary: "The policy version in force, its texts, and what came of the reloads (with the errors of a refused one)",
        params: status::STATUS_PARAMS,
        input: Input::Nothing,
        output: Output::Json("The server's status"),
        route: || get(status::status),
    },
    Endpoint {
        method: Method::Get,
        path: "/v1/openapi.json",
        id: "openapi",
        tag: "server",
        summary: "This description (OpenAPI 3.1), generated from the server's endpoints and the policy's schema",
        params: &[],
        input: Input::Nothing,
        output: Output::Json("An OpenAPI 3.1 document"),
        route: || get(openapi::document),
    },
    Endpoint {
        method: Method::Get,
        path: "/health/live",
        id: "live",
        tag: "server",
        summary: "Liveness: the process answers",
        params: &[],
        input: Input::Nothing,
        output: Output::Json("`{\"status\": \"live\"}`"),
        route: || get(health::live),
    },
    Endpoint {
        method: Method::Get,
        path: "/health/ready",
        id: "ready",
        tag: "server",
        summary: "Readiness: a policy is loaded and requests are answered",
        params: &[],
        input: Input::Nothing,
        output: Output::Json("`{\"status\": \"ready\", \"policy_version\": …}`"),
        route: || get(health::ready),
    },
    Endpoint {
        method: Method::Get,
        path: "/metrics",
        id: "metrics",
        tag: "server",
        summary: "Prometheus metrics: requests, latencies, decisions by verdict, reloads",
        params: &[],
        input: Input::Nothing,
        output: Output::Prometheus,
        route: || get(metrics::render),
    },
    Endpoint {
        method: Method::Get,
        path: "/",
        id: "workbenchLaw",
        tag: "workbench",
        summary: "The workbench: the policy as law on a day, its texts with their dates and hashes, its rules, outcomes and remarks with their citations, searched",
        params: pages::LAW_PARAMS,
        input: Input::Nothing,
        output: Output::Html("The policy's page"),
        route: || get(pages::law),
    },
    Endpoint {
        method: Method::Get,
        path: "/rules/{id}",
        id: "workbenchItem",
        tag: "workbench",
        summary: "The workbench: one rule, exception, outcome or remark: title, citations, conditions as written, exceptions, what it reads and what reads it (404 for an id not in force)",
        params: pages::PAGE_PARAMS,
        input: Input::Nothing,
        output: Output::Html("The item's page"),
        route: || get(pages::item),
    },
    Endpoint {
        method: Method::Get,
        path: "/params",
        id: "workbenchParams",
        tag: "workbench",
        summary: "The workbench: every parameter on a day, its value, the text that set it, its citations and its history",
        params: pages::PAGE_PARAMS,
        input: Input::Nothing,
        output: Output::Html("The parameters' page"),
        route: || get(pages::params),
    },
    Endpoint {
        method: Method::Get,
        path: "/assets/style.css",
        id: "workbenchStyle",
        tag: "workbench",
        summary: "The workbench's stylesheet, compiled into the server",
        params: pages::STYLE_PARAMS,
        input: Input::Nothing,
        output: Output::Css,
        route: || get(pages::style),
    },
];

/// The endpoint at `path`, if any.
pub fn find(path: &str) -> Option<&'static Endpoint> {
    ENDPOINTS.iter().find(|e| e.path == path)
}
