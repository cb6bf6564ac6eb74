//! `doctrine serve`: the analyses of one case (`/v1/explain`, `/v1/remedy`, `/v1/questions`,
//! `/v1/timeline`) and the descriptions of the policy (`/v1/policy`, `/v1/params`), each
//! compared with what the command line prints with `--format json`, and their errors.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

use super::support::{Answer, Server};

const CLOUD: &str = "policies/cloud-au-centre";
const NIS2: &str = "policies/nis2";

/// The example fact files of the shipped doctrine that load (exit 0 or 1 with `eval`).
const CLOUD_EXAMPLES: &[&str] = &[
    "examples/derogation-expired.yaml",
    "examples/derogation-open.yaml",
    "examples/office365-azure-2021.yaml",
    "examples/on-premises-large.yaml",
    "examples/on-premises-small.yaml",
    "examples/on-premises-very-large.yaml",
    "examples/unknown-facts.yaml",
    "examples/office365-azure-2023.json",
    "examples/nubo-internal.toml",
];

/// The example fact files of NIS2.
const NIS2_EXAMPLES: &[&str] = &[
    "examples/nis2/cloud-provider-medium.yaml",
    "examples/nis2/defence-agency.yaml",
    "examples/nis2/grid-operator.yaml",
    "examples/nis2/hospital-unknown-staff.yaml",
    "examples/nis2/ministry.yaml",
    "examples/nis2/region-designated.yaml",
    "examples/nis2/registrar.yaml",
    "examples/nis2/trust-service-small.yaml",
];

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A fact file as a JSON body, and a JSON fact file with the same content for the command
/// line (so that both read the very same facts).
fn body_of(example: &str) -> (String, PathBuf) {
    let value = super::support::fact_file_json(&root().join(example));
    let body = serde_json::to_string_pretty(&value).expect("JSON");
    let name = example.replace(['/', '.'], "-");
    let file = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("serve-analyses-{name}.json"));
    std::fs::write(&file, &body).expect("write the JSON facts");
    (body, file)
}

/// What `doctrine ARGS` prints on stdout, as JSON (its exit code 0 or 1).
fn cli(args: &[&str]) -> Value {
    let out = Command::new(env!("CARGO_BIN_EXE_doctrine"))
        .current_dir(root())
        .args(args)
        .output()
        .expect("run doctrine");
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "doctrine {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("JSON on stdout")
}

/// `value` with every string equal to `from` replaced by `to`.
fn renamed(value: Value, from: &str, to: &str) -> Value {
    match value {
        Value::String(s) if s == from => Value::String(to.to_string()),
        Value::Array(items) => {
            Value::Array(items.into_iter().map(|v| renamed(v, from, to)).collect())
        }
        Value::Object(map) => Value::Object(
            map.into_iter()
                .map(|(k, v)| (k, renamed(v, from, to)))
                .collect(),
        ),
        other => other,
    }
}

/// A 200 JSON answer's body.
fn ok(answer: &Answer, what: &str) -> Value {
    assert_eq!(answer.status, 200, "{what}: {}", answer.body);
    assert_eq!(answer.content_type, "application/json", "{what}");
    assert!(answer.version.is_some(), "{what}: no policy version header");
    answer.json()
}

/// Posts `example` to `path?query` and checks the answer is what `doctrine COMMAND POLICY
/// FACTS --format json ARGS` prints for the same facts.
fn same_as_cli(
    server: &Server,
    path: &str,
    query: &str,
    policy: &str,
    example: &str,
    command: &str,
    args: &[&str],
) {
    let (body, file) = body_of(example);
    let file = file.to_string_lossy().to_string();
    let answer = server.post(&format!("{path}?{query}"), &body);
    let what = format!("{path}?{query} on {example}");
    let served = ok(&answer, &what);
    let mut all = vec![command, policy, file.as_str(), "--format", "json"];
    all.extend_from_slice(args);
    let printed = renamed(cli(&all), &file, "request");
    assert_eq!(served, printed, "{what}");
}

fn explain_is_the_cli_s() {
    let server = Server::start(&[CLOUD]);
    for example in CLOUD_EXAMPLES {
        same_as_cli(
            &server,
            "/v1/explain",
            "lang=en",
            CLOUD,
            example,
            "explain",
            &["--lang", "en"],
        );
    }
    let example = "examples/office365-azure-2021.yaml";
    let cases: &[(&str, &[&str])] = &[
        ("lang=fr&all=true", &["--lang", "fr", "--all"]),
        ("lang=en&rule=R9", &["--lang", "en", "--rule", "R9"]),
        (
            "lang=en&on=2024-01-15&all",
            &["--lang", "en", "--on", "2024-01-15", "--all"],
        ),
        (
            "lang=en&set=min_zones%3D3",
            &["--lang", "en", "--set", "min_zones=3"],
        ),
    ];
    for (query, args) in cases {
        same_as_cli(
            &server,
            "/v1/explain",
            query,
            CLOUD,
            example,
            "explain",
            args,
        );
    }
    let nis2 = Server::start(&[NIS2]);
    for example in NIS2_EXAMPLES {
        same_as_cli(
            &nis2,
            "/v1/explain",
            "lang=en",
            NIS2,
            example,
            "explain",
            &["--lang", "en"],
        );
    }
    same_as_cli(
        &nis2,
        "/v1/explain",
        "lang=en&outcome=classification",
        NIS2,
        "examples/nis2/ministry.yaml",
        "explain",
        &["--lang", "en", "--outcome", "classification"],
    );
}

fn remedy_is_the_cli_s() {
    let server = Server::start(&[CLOUD]);
    for example in CLOUD_EXAMPLES {
        same_as_cli(
            &server,
            "/v1/remedy",
            "lang=en",
            CLOUD,
            example,
            "remedy",
            &["--lang", "en"],
        );
    }
    same_as_cli(
        &server,
        "/v1/remedy",
        "lang=en&target=compliant&fixed=data.*&fixed=entity.*&max_changes=2&limit=3&budget=5000",
        CLOUD,
        "examples/office365-azure-2021.yaml",
        "remedy",
        &[
            "--lang",
            "en",
            "--target",
            "compliant",
            "--fixed",
            "data.*",
            "--fixed",
            "entity.*",
            "--max-changes",
            "2",
            "--limit",
            "3",
            "--budget",
            "5000",
        ],
    );
    let nis2 = Server::start(&[NIS2]);
    for example in [
        "examples/nis2/ministry.yaml",
        "examples/nis2/hospital-unknown-staff.yaml",
    ] {
        same_as_cli(
            &nis2,
            "/v1/remedy",
            "lang=en&target=important",
            NIS2,
            example,
            "remedy",
            &["--lang", "en", "--target", "important"],
        );
    }
}

/// The keys of `eval --format json` that `/v1/questions` answers, `questions` empty when
/// `eval` lists none.
fn eval_questions(policy: &str, file: &str, args: &[&str]) -> Value {
    let mut all = vec!["eval", policy, file, "--format", "json"];
    all.extend_from_slice(args);
    let eval = renamed(cli(&all), file, "request");
    let mut out = serde_json::Map::new();
    for key in [
        "facts",
        "policy",
        "texts",
        "evaluated_on",
        "decision",
        "until",
        "in_scope",
        "missing",
    ] {
        out.insert(key.into(), eval[key].clone());
    }
    out.insert(
        "questions".into(),
        eval.get("questions")
            .cloned()
            .unwrap_or(Value::Array(Vec::new())),
    );
    Value::Object(out)
}

fn questions_are_eval_s() {
    for (policy, examples) in [(CLOUD, CLOUD_EXAMPLES), (NIS2, NIS2_EXAMPLES)] {
        let server = Server::start(&[policy]);
        for example in examples {
            for (query, args) in [
                ("lang=en", &["--lang", "en"][..]),
                (
                    "lang=fr&on=2025-06-01",
                    &["--lang", "fr", "--on", "2025-06-01"][..],
                ),
            ] {
                let (body, file) = body_of(example);
                let file = file.to_string_lossy().to_string();
                let served = ok(
                    &server.post(&format!("/v1/questions?{query}"), &body),
                    example,
                );
                assert_eq!(
                    served,
                    eval_questions(policy, &file, args),
                    "{example} {query}"
                );
            }
        }
    }
    // An undecided case has questions, each with its fact, type, values and rules.
    let server = Server::start(&[CLOUD]);
    let (body, _) = body_of("examples/unknown-facts.yaml");
    let served = ok(
        &server.post("/v1/questions?lang=en", &body),
        "unknown facts",
    );
    assert_eq!(served["decision"], "needs_review");
    let first = &served["questions"][0];
    assert_eq!(first["fact"], "hosting.secnumcloud");
    assert_eq!(first["type"], "bool");
    assert_eq!(first["values"], serde_json::json!(["true", "false"]));
    assert_eq!(first["rules"], serde_json::json!(["R9"]));
}

fn timeline_is_the_cli_s() {
    let server = Server::start(&[CLOUD]);
    for example in CLOUD_EXAMPLES {
        same_as_cli(
            &server,
            "/v1/timeline",
            "lang=en",
            CLOUD,
            example,
            "timeline",
            &["--lang", "en"],
        );
    }
    same_as_cli(
        &server,
        "/v1/timeline",
        "from=2021-01-01&to=2026-01-01&lang=fr&set=min_zones%3D3",
        CLOUD,
        "examples/office365-azure-2021.yaml",
        "timeline",
        &[
            "--from",
            "2021-01-01",
            "--to",
            "2026-01-01",
            "--lang",
            "fr",
            "--set",
            "min_zones=3",
        ],
    );
    let nis2 = Server::start(&[NIS2]);
    for example in NIS2_EXAMPLES {
        same_as_cli(
            &nis2,
            "/v1/timeline",
            "lang=en",
            NIS2,
            example,
            "timeline",
            &["--lang", "en"],
        );
    }
}

fn params_are_the_cli_s() {
    let server = Server::start(&[CLOUD]);
    let cases: &[(&str, &[&str])] = &[
        (
            "lang=en&on=2022-01-01",
            &["--lang", "en", "--on", "2022-01-01"],
        ),
        (
            "lang=fr&on=2024-01-01&all=true",
            &["--lang", "fr", "--on", "2024-01-01", "--all"],
        ),
        (
            "on=2020-01-01&lang=en&all",
            &["--on", "2020-01-01", "--lang", "en", "--all"],
        ),
        (
            "lang=en&on=2024-01-01&set=min_zones%3D3",
            &["--lang", "en", "--on", "2024-01-01", "--set", "min_zones=3"],
        ),
    ];
    for (policy, server) in [(CLOUD, &server), (NIS2, &Server::start(&[NIS2]))] {
        for (query, args) in cases {
            if policy == NIS2 && query.contains("set=") {
                continue;
            }
            let served = ok(&server.get(&format!("/v1/params?{query}")), query);
            let mut all = vec!["params", policy, "--format", "json"];
            all.extend_from_slice(args);
            assert_eq!(served, cli(&all), "{policy} params?{query}");
        }
    }
}

fn policy_describes_texts_rules_and_outcomes() {
    let server = Server::start(&[CLOUD]);
    let before = ok(&server.get("/v1/policy?on=2022-01-01&lang=en"), "policy");
    assert_eq!(before["policy"], "cloud-au-centre");
    assert_eq!(before["on"], "2022-01-01");
    assert_eq!(before["languages"], serde_json::json!(["fr", "en"]));
    let version = server.get("/v1/policy").version.expect("version header");
    assert_eq!(before["version"], version.as_str());
    let texts = before["texts"].as_array().expect("texts");
    assert_eq!(texts.len(), 2);
    assert_eq!(texts[0]["id"], "circulaire-6282-SG");
    assert_eq!(texts[0]["kind"], "base");
    assert_eq!(texts[0]["status"], "in_force");
    assert_eq!(texts[1]["id"], "circulaire-6404-SG");
    assert_eq!(texts[1]["status"], "not_yet_in_force");
    assert_eq!(texts[1]["in_force"], "2023-06-01");
    for text in texts {
        let file = text["file"].as_str().expect("file");
        let bytes = std::fs::read(root().join(file)).expect("read the text");
        let digest = {
            use sha2::Digest;
            sha2::Sha256::digest(&bytes)
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect::<String>()
        };
        assert_eq!(text["sha256"], digest.as_str(), "{file}");
    }
    let after = ok(&server.get("/v1/policy?on=2024-01-15&lang=fr"), "policy");
    assert_eq!(after["texts"][1]["status"], "in_force");
    let rules = after["rules"].as_array().expect("rules");
    let ids: Vec<&str> = rules.iter().filter_map(|r| r["id"].as_str()).collect();
    assert!(ids.contains(&"R9") && ids.contains(&"R6"), "{ids:?}");
    let r6 = rules.iter().find(|r| r["id"] == "R6").expect("R6");
    assert!(r6["title"].as_str().is_some_and(|t| !t.is_empty()));
    assert!(!r6["cites"].as_array().expect("cites").is_empty());
    let exceptions = r6["exceptions"].as_array().expect("exceptions");
    assert!(exceptions.iter().any(|e| e["id"] == "R7"), "{r6}");
    let verdicts = r6["verdicts"].as_array().expect("verdicts");
    assert!(verdicts.contains(&Value::from("non_compliant")), "{r6}");
    // Rules and titles as the decision names them.
    let (body, _) = body_of("examples/office365-azure-2021.yaml");
    let decided = ok(
        &server.post("/v1/decide?lang=fr&on=2024-01-15", &body),
        "decide",
    );
    for result in decided["results"].as_array().expect("results") {
        let rule = rules
            .iter()
            .find(|r| r["id"] == result["rule"])
            .expect("the rule described");
        assert_eq!(rule["title"], result["title"]);
    }
    // Before the base text, nothing is in force.
    let none = ok(&server.get("/v1/policy?on=2000-01-01"), "policy");
    assert_eq!(none["rules"], serde_json::json!([]));
    assert_eq!(none["texts"][0]["status"], "not_yet_in_force");

    let nis2 = Server::start(&[NIS2]);
    let described = ok(&nis2.get("/v1/policy?lang=en&on=2025-03-01"), "nis2 policy");
    assert_eq!(described["decision"]["by"], "outcome");
    assert_eq!(described["decision"]["outcome"], "classification");
    let outcomes = described["outcomes"].as_array().expect("outcomes");
    let classification = outcomes
        .iter()
        .find(|o| o["name"] == "classification")
        .expect("classification");
    let values = classification["values"].as_array().expect("values");
    assert!(
        values.contains(&Value::from("essential")),
        "{classification}"
    );
    let cases = classification["cases"].as_array().expect("cases");
    let essential = cases
        .iter()
        .find(|c| c["id"] == "ESSENTIAL")
        .expect("the case ESSENTIAL");
    assert_eq!(essential["value"], "essential");
    assert!(!essential["cites"].as_array().expect("cites").is_empty());
    assert_eq!(described["rules"], serde_json::json!([]));
}

/// The library function that builds the description, without a server.
fn policy_description_from_the_library() {
    let spec = doctrine::app::PolicySpec {
        policy: root().join(CLOUD),
        ..Default::default()
    };
    let ws = doctrine::app::Workspace::open(spec, doctrine::language::ast::Lang::EN).expect("open");
    let day = "2024-01-15".parse().expect("date");
    let view = doctrine::report::policy::PolicyView {
        program: &ws.program,
        sources: &ws.sources,
        version: "v1",
        on: day,
        lang: ws.lang,
    };
    let json = doctrine::report::policy::json::policy(&view);
    assert_eq!(json["version"], "v1");
    assert_eq!(json["verdicts"][0]["name"], "non_compliant");
    let r7 = json["rules"]
        .as_array()
        .expect("rules")
        .iter()
        .flat_map(|r| r["exceptions"].as_array().cloned().unwrap_or_default())
        .find(|e| e["id"] == "R7")
        .expect("R7 under a rule");
    assert!(r7["verdict"].is_string(), "{r7}");
    assert!(r7["exceptions"].is_array(), "{r7}");
}

/// A problem document with `status`, its `detail` containing `says`.
fn problem(answer: &Answer, status: u16, says: &str) -> Value {
    assert_eq!(answer.status, status, "{}", answer.body);
    assert_eq!(
        answer.content_type, "application/problem+json",
        "{}",
        answer.body
    );
    let json = answer.json();
    assert_eq!(json["status"], status);
    let detail = json["detail"].as_str().unwrap_or("");
    assert!(detail.contains(says), "{detail:?} does not say {says:?}");
    json
}

fn errors_are_problems() {
    let server = Server::start(&[CLOUD]);
    let (body, _) = body_of("examples/office365-azure-2021.yaml");
    // Query parameters: unknown, repeated, out of range, not a date, not a flag.
    for path in ["/v1/explain", "/v1/remedy", "/v1/questions", "/v1/timeline"] {
        let json = problem(
            &server.post(&format!("{path}?colour=red"), &body),
            400,
            "unknown query parameter `colour`",
        );
        assert_eq!(json["parameter"], "colour");
    }
    for path in ["/v1/policy", "/v1/params"] {
        problem(
            &server.get(&format!("{path}?format=text")),
            400,
            "unknown query parameter `format`",
        );
        problem(
            &server.get(&format!("{path}?on=2021-02-30")),
            400,
            "not a date",
        );
        problem(&server.get(&format!("{path}?lang=")), 400, "lang=");
    }
    problem(
        &server.get("/v1/params?all=maybe"),
        400,
        "expected `true` or `false`",
    );
    problem(
        &server.post("/v1/explain?on=2021-13-01", &body),
        400,
        "not a date",
    );
    problem(&server.post("/v1/explain?all=yes", &body), 400, "`all=yes`");
    problem(
        &server.post("/v1/explain?rule=R9&outcome=x", &body),
        400,
        "cannot be given together",
    );
    problem(
        &server.post("/v1/explain?rule=R9&rule=R6", &body),
        400,
        "more than once",
    );
    problem(
        &server.post("/v1/timeline?from=2021-99-01", &body),
        400,
        "not a date",
    );
    problem(
        &server.post("/v1/timeline?on=2021-01-01", &body),
        400,
        "unknown query parameter `on`",
    );
    problem(
        &server.post("/v1/remedy?max_changes=9", &body),
        400,
        "from 1 to 8",
    );
    problem(&server.post("/v1/remedy?limit=0", &body), 400, "from 1 to");
    problem(
        &server.post("/v1/remedy?budget=x", &body),
        400,
        "whole number",
    );
    // A server bounds what one request may cost.
    problem(
        &server.post("/v1/remedy?budget=200001", &body),
        400,
        "from 1 to 200000",
    );
    // Names the policy lacks, as the command line words them.
    let json = problem(
        &server.post("/v1/explain?rule=R99", &body),
        400,
        "`--rule R99`: no such rule",
    );
    assert!(
        json["errors"].as_array().is_some_and(|e| !e.is_empty()),
        "{json}"
    );
    problem(
        &server.post("/v1/explain?outcome=nothing", &body),
        400,
        "nothing",
    );
    problem(
        &server.post("/v1/explain?rule=R9&on=2000-01-01", &body),
        400,
        "not in force",
    );
    problem(
        &server.post("/v1/remedy?target=excellent", &body),
        400,
        "excellent",
    );
    problem(
        &server.post("/v1/remedy?fixed=nowhere.*", &body),
        400,
        "nowhere",
    );
    problem(
        &server.post("/v1/timeline?from=2025-01-01&to=2024-01-01", &body),
        400,
        "is after",
    );
    problem(
        &server.post("/v1/questions?set=NOPE%3D1", &body),
        400,
        "unknown parameter `NOPE`",
    );
    problem(
        &server.get("/v1/params?set=NOPE%3D1"),
        400,
        "unknown parameter `NOPE`",
    );
    // Bodies: not JSON (400), facts that do not fit the policy (422), with the place.
    let (unfit, _) = body_of("examples/two-zones-non-critical.yaml");
    for path in ["/v1/explain", "/v1/remedy", "/v1/questions", "/v1/timeline"] {
        problem(&server.post(path, "{\"entity\": "), 400, "");
        let json = problem(&server.post(path, &unfit), 422, "unknown fact");
        assert_eq!(json["errors"][0]["file"], "request", "{json}");
        assert!(json["errors"][0]["line"].is_number(), "{json}");
        problem(
            &server.post(path, "{\"project\": {\"full_cost_eur\": \"lots\"}}"),
            422,
            "",
        );
    }
    // The server goes on serving.
    assert_eq!(server.get("/health/ready").status, 200);
}

tests![
    explain_is_the_cli_s,
    remedy_is_the_cli_s,
    questions_are_eval_s,
    timeline_is_the_cli_s,
    params_are_the_cli_s,
    policy_describes_texts_rules_and_outcomes,
    policy_description_from_the_library,
    errors_are_problems,
];
