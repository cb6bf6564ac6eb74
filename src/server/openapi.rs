//! `GET /v1/openapi.json`: the OpenAPI 3.1 description of every endpoint, generated from
//! the endpoint table (paths, methods, query parameters, bodies, answers) and from the
//! loaded policy (the schema of its fact sets, the names its decisions take).

use std::sync::Arc;

use axum::extract::State;
use axum::response::Response;
use serde_json::{Value, json};
use utoipa::openapi::path::{HttpMethod, OperationBuilder, ParameterBuilder, ParameterIn};
use utoipa::openapi::request_body::RequestBodyBuilder;
use utoipa::openapi::schema::{ArrayBuilder, KnownFormat, ObjectBuilder, SchemaFormat, Type};
use utoipa::openapi::{
    ComponentsBuilder, ContentBuilder, HeaderBuilder, InfoBuilder, OpenApi, OpenApiBuilder,
    PathItem, PathsBuilder, Ref, Required, ResponseBuilder, ResponsesBuilder, tag::TagBuilder,
};

use super::decide::{VERSION_HEADER, json_response};
use super::endpoints::{ENDPOINTS, Endpoint, Input, Method, Output};
use super::problem::{PROBLEM_JSON, Problem};
use super::query::{Param, Query, Values};
use super::state::{Loaded, Shared};

/// `GET /v1/openapi.json`.
pub async fn document(
    State(shared): State<Arc<Shared>>,
    query: Query,
) -> Result<Response, Problem> {
    query.only(&[])?;
    let loaded = shared.current();
    Ok(json_response(&loaded, &describe(&loaded)))
}

/// The OpenAPI document of the server with the policy `loaded`.
pub fn describe(loaded: &Loaded) -> Value {
    let program = &loaded.workspace.program;
    let mut paths = PathsBuilder::new();
    for endpoint in ENDPOINTS {
        let method = match endpoint.method {
            Method::Get => HttpMethod::Get,
            Method::Post => HttpMethod::Post,
        };
        paths = paths.path(
            endpoint.path,
            PathItem::new(method, operation(endpoint, program)),
        );
    }
    let tags = [
        ("decide", "Decisions on fact sets"),
        (
            "analyse",
            "Explanations, remedies, questions and timelines of one fact set",
        ),
        (
            "policy",
            "The policy loaded: texts, rules, parameters, schema",
        ),
        ("server", "Health, status, metrics and this description"),
    ]
    .map(|(name, about)| {
        TagBuilder::new()
            .name(name)
            .description(Some(about))
            .build()
    });
    let components = ComponentsBuilder::new()
        .schema("Decision", decision_schema(program))
        .schema("Problem", problem_schema())
        .build();
    let api: OpenApi = OpenApiBuilder::new()
        .info(
            InfoBuilder::new()
                .title(format!("doctrine decision server: {}", program.id))
                .version(env!("CARGO_PKG_VERSION"))
                .description(Some(format!(
                    "Decisions of the policy `{}` (version {}) on fact sets. Every answer names \
                     the policy version that gave it in the `{VERSION_HEADER}` header; errors \
                     are RFC 9457 problem documents (`{PROBLEM_JSON}`).",
                    program.id, loaded.version
                ))),
        )
        .paths(paths)
        .components(Some(components))
        .tags(Some(tags))
        .build();
    let mut value = serde_json::to_value(&api).unwrap_or_default();
    // The fact schema is the policy's own JSON Schema (2020-12, which OpenAPI 3.1 takes
    // as is): added as a value, so that it is the same schema `GET /v1/schema` gives.
    let mut facts = crate::facts::schema::schema(program, loaded.workspace.lang);
    if let Some(object) = facts.as_object_mut() {
        object.remove("$schema");
        object.remove("$id");
    }
    if let Some(schemas) = value
        .pointer_mut("/components/schemas")
        .and_then(Value::as_object_mut)
    {
        schemas.insert("FactSet".into(), facts);
    }
    value
}

fn operation(
    endpoint: &Endpoint,
    program: &crate::language::program::Program,
) -> utoipa::openapi::path::Operation {
    let mut op = OperationBuilder::new()
        .operation_id(Some(endpoint.id))
        .summary(Some(endpoint.summary))
        .tag(endpoint.tag);
    // A path with `{id}` takes the id of an item of the policy (a workbench page).
    if endpoint.path.contains("{id}") {
        op = op.parameter(
            ParameterBuilder::new()
                .name("id")
                .parameter_in(ParameterIn::Path)
                .required(Required::True)
                .description(Some(
                    "The id of a rule, exception, outcome, advice or note of the policy",
                ))
                .schema(Some(ObjectBuilder::new().schema_type(Type::String)))
                .build(),
        );
    }
    for param in endpoint.params {
        op = op.parameter(parameter(param, program));
    }
    match endpoint.input {
        Input::Nothing => {}
        Input::FactSet => {
            op = op.request_body(Some(
                RequestBodyBuilder::new()
                    .description(Some("One fact set, as the content of a JSON fact file"))
                    .required(Some(Required::True))
                    .content(
                        "application/json",
                        content(Ref::from_schema_name("FactSet")),
                    )
                    .build(),
            ));
        }
        Input::FactSets => {
            let array = ArrayBuilder::new()
                .items(Ref::from_schema_name("FactSet"))
                .build();
            op = op.request_body(Some(
                RequestBodyBuilder::new()
                    .description(Some(
                        "Fact sets: JSON Lines (one fact set per line) or one JSON array",
                    ))
                    .required(Some(Required::True))
                    .content(
                        "application/x-ndjson",
                        content(Ref::from_schema_name("FactSet")),
                    )
                    .content("application/json", content(array))
                    .build(),
            ));
        }
    }
    let version = HeaderBuilder::new()
        .schema(ObjectBuilder::new().schema_type(Type::String))
        .description(Some("The version (SHA-256) of the policy that answered"))
        .build();
    let ok = match endpoint.output {
        Output::Decision => ResponseBuilder::new().description("The decision").content(
            "application/json",
            content(Ref::from_schema_name("Decision")),
        ),
        Output::DecisionLines => ResponseBuilder::new()
            .description(
                "One JSON object per line, in the order of the fact sets: a decision (as \
                 `/v1/decide` gives it, without its record), or `{\"line\": N, \"error\": \
                 Problem}` for a fact set that could not be decided",
            )
            .content(
                "application/x-ndjson",
                content(ObjectBuilder::new().schema_type(Type::Object)),
            ),
        Output::Json(about) => ResponseBuilder::new().description(about).content(
            "application/json",
            content(ObjectBuilder::new().schema_type(Type::Object)),
        ),
        Output::Html(about) => ResponseBuilder::new().description(about).content(
            "text/html",
            content(ObjectBuilder::new().schema_type(Type::String)),
        ),
        Output::Css => ResponseBuilder::new().description("A stylesheet").content(
            "text/css",
            content(ObjectBuilder::new().schema_type(Type::String)),
        ),
        Output::Prometheus => ResponseBuilder::new()
            .description("Prometheus text exposition format 0.0.4")
            .content(
                "text/plain",
                content(ObjectBuilder::new().schema_type(Type::String)),
            ),
    }
    .header(VERSION_HEADER, version);
    let mut responses = ResponsesBuilder::new().response("200", ok);
    let problem = |about: &str| {
        ResponseBuilder::new()
            .description(about)
            .content(PROBLEM_JSON, content(Ref::from_schema_name("Problem")))
    };
    // Every endpoint refuses a query parameter it does not take; a page says so in a page.
    responses = if let Output::Html(_) = endpoint.output {
        let page = |about: &str| {
            ResponseBuilder::new().description(about).content(
                "text/html",
                content(ObjectBuilder::new().schema_type(Type::String)),
            )
        };
        let with_id = endpoint.path.contains("{id}");
        let responses = responses.response(
            "400",
            page("A page naming the query parameter unknown or malformed"),
        );
        if with_id {
            responses.response(
                "404",
                page("A page saying that no item of this id is in force on the day"),
            )
        } else {
            responses
        }
    } else {
        responses.response(
            "400",
            problem(
                "Malformed: a query parameter unknown or out of bounds, or a body that is not JSON",
            ),
        )
    };
    if endpoint.input != Input::Nothing {
        responses = responses
            .response("413", problem("The body is over the server's limit"))
            .response(
                "422",
                problem("The facts do not fit the policy's schema, or cannot be evaluated"),
            );
    }
    responses = responses.response(
        "503",
        problem("Too many requests in flight, or the request took too long"),
    );
    op.responses(responses).build()
}

fn content(
    schema: impl Into<utoipa::openapi::RefOr<utoipa::openapi::Schema>>,
) -> utoipa::openapi::Content {
    ContentBuilder::new().schema(Some(schema)).build()
}

fn parameter(
    param: &Param,
    program: &crate::language::program::Program,
) -> utoipa::openapi::path::Parameter {
    let kind = match param.kind {
        "integer" => Type::Integer,
        "boolean" => Type::Boolean,
        _ => Type::String,
    };
    let mut one = ObjectBuilder::new().schema_type(kind);
    if let Some("date") = param.format {
        one = one.format(Some(SchemaFormat::KnownFormat(KnownFormat::Date)));
    }
    let names = |one: ObjectBuilder, mut names: Vec<&str>| {
        names.dedup();
        one.enum_values(Some(names.into_iter().map(|n| json!(n))))
    };
    one = match param.values {
        Values::Any => one,
        Values::Pattern(pattern) => one.pattern(Some(pattern)),
        Values::Range(min, max) => one.minimum(Some(min as f64)).maximum(Some(max as f64)),
        Values::Rules => {
            let mut ids: Vec<&str> = program.rules.iter().map(|r| r.id.as_str()).collect();
            ids.sort_unstable();
            names(one, ids)
        }
        Values::Outcomes => names(
            one,
            program.outcomes().map(|(_, d)| d.name.as_str()).collect(),
        ),
        Values::Overrides => {
            // Parameter names are identifiers: nothing in them to escape.
            let names: Vec<&str> = program.params.iter().map(|p| p.name.as_str()).collect();
            one.pattern(Some(format!("^({})=.+$", names.join("|"))))
        }
    };
    let builder = ParameterBuilder::new()
        .name(param.name)
        .parameter_in(ParameterIn::Query)
        .required(Required::False)
        .description(Some(param.doc));
    if param.repeats {
        builder
            .schema(Some(ArrayBuilder::new().items(one)))
            .explode(Some(true))
            .build()
    } else {
        builder.schema(Some(one)).build()
    }
}

fn string() -> ObjectBuilder {
    ObjectBuilder::new().schema_type(Type::String)
}

/// A decision object: its keys, and the names the decision takes under this policy.
fn decision_schema(program: &crate::language::program::Program) -> ObjectBuilder {
    let names: Vec<Value> = crate::app::names::decision_names(program)
        .into_iter()
        .map(|n| json!(n))
        .collect();
    let date = || string().format(Some(SchemaFormat::KnownFormat(KnownFormat::Date)));
    let array = || ArrayBuilder::new().items(ObjectBuilder::new());
    let mut schema = ObjectBuilder::new()
        .schema_type(Type::Object)
        .description(Some(
            "A decision, as `doctrine eval --format json` prints it for one fact file",
        ))
        .property(
            "decision_id",
            string()
                .format(Some(SchemaFormat::Custom("uuid".into())))
                .description(Some("The decision's id, as the decision log keeps it")),
        )
        .property("facts", string())
        .property("policy", string())
        .property("texts", ArrayBuilder::new().items(string()))
        .property("evaluated_on", date())
        .property("decision", string().enum_values(Some(names)))
        .property(
            "until",
            ObjectBuilder::new()
                .schema_type(utoipa::openapi::schema::SchemaType::from_iter([
                    Type::String,
                    Type::Null,
                ]))
                .format(Some(SchemaFormat::KnownFormat(KnownFormat::Date))),
        )
        .property("results", array())
        .property("advice", array())
        .property("notes", array())
        .property("missing", ArrayBuilder::new().items(string()))
        .property("questions", array())
        .property("record", ObjectBuilder::new().schema_type(Type::Object));
    for key in [
        "decision_id",
        "facts",
        "policy",
        "texts",
        "evaluated_on",
        "decision",
        "results",
        "record",
    ] {
        schema = schema.required(key);
    }
    schema
}

/// An RFC 9457 problem document.
fn problem_schema() -> ObjectBuilder {
    ObjectBuilder::new()
        .schema_type(Type::Object)
        .description(Some(
            "An RFC 9457 problem document; `errors` lists the diagnostics, each with its line and column in the request body",
        ))
        .property("type", string().format(Some(SchemaFormat::Custom("uri-reference".into()))))
        .property("title", string())
        .property("status", ObjectBuilder::new().schema_type(Type::Integer))
        .property("detail", string())
        .property("errors", ArrayBuilder::new().items(ObjectBuilder::new()))
        .required("type")
        .required("title")
        .required("status")
        .required("detail")
}
