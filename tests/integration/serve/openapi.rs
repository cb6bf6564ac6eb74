//! `GET /v1/openapi.json`: generated from the endpoint table and the policy. Every endpoint
//! answers as described: the paths, the query parameters it takes and refuses, the schemas
//! of its bodies and answers (checked by a real JSON Schema validator).

use serde_json::{Value, json};

use super::support::Server;

fn document(server: &Server) -> Value {
    let answer = server.get("/v1/openapi.json");
    assert_eq!(answer.status, 200, "{}", answer.body);
    assert_eq!(answer.content_type, "application/json");
    answer.json()
}

/// A validator of one component schema, its references resolved in the whole document.
fn validator(doc: &Value, name: &str) -> jsonschema::Validator {
    let mut root = doc.clone();
    root.as_object_mut()
        .unwrap()
        .insert("$ref".into(), json!(format!("#/components/schemas/{name}")));
    jsonschema::options()
        .with_draft(jsonschema::Draft::Draft202012)
        .build(&root)
        .unwrap()
}

fn every_endpoint_is_described_and_answers() {
    let server = Server::start(&["policies/cloud-au-centre"]);
    let doc = document(&server);
    assert_eq!(doc["openapi"], "3.1.0");
    let paths = doc["paths"].as_object().unwrap();
    for path in [
        "/v1/decide",
        "/v1/decide/batch",
        "/v1/explain",
        "/v1/remedy",
        "/v1/questions",
        "/v1/timeline",
        "/v1/policy",
        "/v1/params",
        "/v1/schema",
        "/v1/status",
        "/v1/openapi.json",
        "/health/live",
        "/health/ready",
        "/metrics",
    ] {
        assert!(paths.contains_key(path), "{path} is not described");
    }
    let facts = std::fs::read_to_string("examples/office365-azure-2023.json").unwrap();
    for (path, item) in paths {
        for (method, op) in item.as_object().unwrap() {
            let body = (method == "post").then_some(facts.as_str());
            // A parameter the endpoint does not describe is refused…
            let answer = server.request(
                &method.to_uppercase(),
                &format!("{path}?no_such_parameter=1"),
                body,
            );
            assert_eq!(answer.status, 400, "{method} {path}: {}", answer.body);
            assert!(
                answer.body.contains("no_such_parameter"),
                "{method} {path}: {}",
                answer.body
            );
            // …and none it describes is refused as unknown.
            // (A path parameter, such as a workbench page's `{id}`, is no query's.)
            for param in op["parameters"].as_array().into_iter().flatten() {
                if param["in"] != "query" {
                    continue;
                }
                let name = param["name"].as_str().unwrap();
                let answer =
                    server.request(&method.to_uppercase(), &format!("{path}?{name}=x"), body);
                assert!(
                    !answer.body.contains("unknown query parameter"),
                    "{method} {path}: the described parameter `{name}` is refused: {}",
                    answer.body
                );
            }
            assert!(op["responses"]["200"].is_object(), "{method} {path}");
        }
    }
}

fn the_schemas_are_the_policys() {
    let server = Server::start(&["policies/cloud-au-centre"]);
    let doc = document(&server);
    // The fact schema is the one `/v1/schema` gives (but for its `$schema` and `$id`).
    let mut schema = server.get("/v1/schema").json();
    let object = schema.as_object_mut().unwrap();
    object.remove("$schema");
    object.remove("$id");
    assert_eq!(doc["components"]["schemas"]["FactSet"], schema);
    // The decision names are the policy's verdicts.
    let names = &doc["components"]["schemas"]["Decision"]["properties"]["decision"]["enum"];
    assert_eq!(
        names,
        &json!([
            "non_compliant",
            "needs_review",
            "temporarily_allowed",
            "compliant",
            "not_applicable"
        ])
    );
    // Each parameter's values, as the endpoint checks them.
    let param = |path: &str, name: &str| {
        doc["paths"][path]["post"]["parameters"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["name"] == name)
            .unwrap()["schema"]
            .clone()
    };
    let max_changes = param("/v1/remedy", "max_changes");
    assert_eq!(
        (
            max_changes["minimum"].as_f64(),
            max_changes["maximum"].as_f64()
        ),
        (Some(1.0), Some(8.0))
    );
    let rules = param("/v1/explain", "rule")["enum"].clone();
    assert!(rules.as_array().unwrap().contains(&json!("R9")), "{rules}");
    let set = param("/v1/decide", "set")["items"]["pattern"].clone();
    assert!(set.as_str().unwrap().contains("derogation_period"), "{set}");
    let answer = server.post("/v1/remedy?max_changes=9", "{}");
    assert_eq!(answer.status, 400, "{}", answer.body);
    // Answers fit their schemas, and the example fits the fact schema.
    let facts = std::fs::read_to_string("examples/office365-azure-2023.json").unwrap();
    let fact_set: Value = serde_json::from_str(&facts).unwrap();
    let valid = validator(&doc, "FactSet");
    assert!(valid.is_valid(&fact_set));
    assert!(!valid.is_valid(&json!({"hosting": 3})));
    let decision = server.post("/v1/decide", &facts).json();
    let errors: Vec<String> = validator(&doc, "Decision")
        .iter_errors(&decision)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
    let problem = server.post("/v1/decide", r#"{"hosting": 3}"#);
    assert_eq!(problem.status, 422);
    assert!(validator(&doc, "Problem").is_valid(&problem.json()));
}

fn a_classifying_policy_names_its_classes() {
    let server = Server::start(&["policies/nis2"]);
    let doc = document(&server);
    let names = doc["components"]["schemas"]["Decision"]["properties"]["decision"]["enum"]
        .as_array()
        .unwrap()
        .clone();
    assert!(names.contains(&json!("essential")), "{names:?}");
    assert!(doc["info"]["title"].as_str().unwrap().contains("nis2"));
}

tests![
    every_endpoint_is_described_and_answers,
    the_schemas_are_the_policys,
    a_classifying_policy_names_its_classes,
];
