//! `doctrine serve`: `POST /v1/decide` and `/v1/decide/batch` give the decisions `doctrine
//! eval` gives, and the server's edges (bad input, limits, probes, metrics, start-up
//! failures) answer with problem documents and leave the server up.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "tests may unwrap, index and panic"
)]

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Command, Stdio};

use serde_json::{Value, json};

use super::support::{Answer, Server, agent, eventually};

/// Runs the CLI in the repository's root: (exit code, stdout, stderr).
fn cli(args: &[&str]) -> (i32, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_doctrine"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(args)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .output()
        .unwrap();
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// `doctrine eval … --format json` for one fact file, as JSON.
fn eval(args: &[&str]) -> Value {
    let mut all = vec!["eval", "--format", "json"];
    all.extend_from_slice(args);
    if !args.contains(&"--lang") {
        all.extend(["--lang", "en"]);
    }
    let (code, out, err) = cli(&all);
    assert!(code == 0 || code == 1, "`{all:?}` exited {code}: {err}");
    serde_json::from_str(&out).unwrap()
}

/// A decision without what names its request (`facts`, `record.facts`, `decision_id`):
/// what the server and the CLI must agree on.
fn unnamed(mut value: Value) -> Value {
    let object = value.as_object_mut().expect("a decision is an object");
    // `shift_remove`: the other keys keep their order, which the comparison checks.
    object.shift_remove("facts");
    object.shift_remove("decision_id");
    if let Some(record) = object.get_mut("record").and_then(Value::as_object_mut) {
        record.shift_remove("facts");
    }
    value
}

/// A decision of the server, checked to carry its id, without its request's naming.
fn served(answer: &Answer) -> Value {
    assert_eq!(answer.status, 200, "{}", answer.body);
    assert_eq!(answer.content_type, "application/json");
    let value = answer.json();
    let id = value["decision_id"].as_str().expect("a decision_id");
    assert_eq!(id.len(), 36, "a UUID: {id}");
    assert_eq!(value["facts"], "request");
    if let Some(record) = value.get("record") {
        assert_eq!(record["facts"]["file"], "request");
        let hash = record["facts"]["sha256"].as_str().unwrap();
        assert_eq!(hash.len(), 64, "the request's SHA-256: {hash}");
    }
    unnamed(value)
}

/// A fact file's content as a JSON text (a JSON file's own text).
fn as_json(path: &Path) -> String {
    if path.extension().is_some_and(|e| e == "json") {
        return std::fs::read_to_string(path).unwrap();
    }
    serde_json::to_string(&super::support::fact_file_json(path)).unwrap()
}

/// The example fact files of a folder (relative to the repository's root), sorted.
fn fact_files(dir: &str) -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files: Vec<String> = std::fs::read_dir(root.join(dir))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.is_file()
                && p.extension()
                    .and_then(|e| e.to_str())
                    .is_some_and(|e| ["yaml", "json", "toml"].contains(&e))
        })
        .map(|p| format!("{dir}/{}", p.file_name().unwrap().to_string_lossy()))
        .collect();
    files.sort();
    files
}

/// The local amendment of the examples, and the fact files written for it.
const AMEND: &str = "examples/local-amendment/ministere-exemple.doctrine";
const AMENDED: &[&str] = &[
    "examples/two-zones-non-critical.yaml",
    "examples/local-amendment/collaboration-hors-france.yaml",
];

fn every_example_decides_as_eval() {
    let top: Vec<String> = fact_files("examples")
        .into_iter()
        .filter(|f| !AMENDED.contains(&f.as_str()))
        .collect();
    let amended: Vec<String> = AMENDED.iter().map(|f| (*f).to_string()).collect();
    let groups: [(&[&str], Vec<String>); 3] = [
        (&[CLOUD], top),
        (&[CLOUD, "--amend", AMEND], amended),
        (&["policies/nis2"], fact_files("examples/nis2")),
    ];
    let mut compared = 0;
    for (policy, files) in groups {
        let mut args = policy.to_vec();
        args.extend(["--lang", "en"]);
        let server = Server::start(&args);
        for file in files {
            let body = as_json(&Path::new(env!("CARGO_MANIFEST_DIR")).join(&file));
            let answer = server.post("/v1/decide", &body);
            let got = served(&answer);
            let mut args = policy.to_vec();
            args.push(&file);
            let want = unnamed(eval(&args));
            assert_eq!(
                serde_json::to_string(&got["results"]).unwrap(),
                serde_json::to_string(&want["results"]).unwrap(),
                "{file}: results"
            );
            assert_eq!(
                serde_json::to_string_pretty(&got).unwrap(),
                serde_json::to_string_pretty(&want).unwrap(),
                "{file}"
            );
            compared += 1;
        }
    }
    assert!(compared >= 19, "only {compared} example files");
}

/// A fact file of the examples, as JSON, and its path.
fn example(name: &str) -> (String, String) {
    let file = format!("examples/{name}");
    (
        as_json(&Path::new(env!("CARGO_MANIFEST_DIR")).join(&file)),
        file,
    )
}

const CLOUD: &str = "policies/cloud-au-centre";

fn query_parameters_as_the_cli_options() {
    let server = Server::start(&[CLOUD, "--lang", "en"]);
    let (body, file) = example("office365-azure-2021.yaml");
    let cases: &[(&str, &[&str])] = &[
        ("on=2024-01-15", &["--on", "2024-01-15"]),
        ("lang=fr", &["--lang", "fr"]),
        ("set=min_zones=3", &["--set", "min_zones=3"]),
        (
            "set=min_zones=3&set=study_threshold_eur=10&on=2023-09-01",
            &[
                "--set",
                "min_zones=3",
                "--set",
                "study_threshold_eur=10",
                "--on",
                "2023-09-01",
            ],
        ),
    ];
    let plain = unnamed(eval(&[CLOUD, &file]));
    for (query, options) in cases {
        let got = served(&server.post(&format!("/v1/decide?{query}"), &body));
        let mut args = vec![CLOUD, file.as_str()];
        args.extend_from_slice(options);
        let want = unnamed(eval(&args));
        assert_eq!(got, want, "?{query}");
        assert_ne!(got, plain, "?{query} changes nothing");
        // Applied to that request only: the next one without it decides as before.
        assert_eq!(
            served(&server.post("/v1/decide", &body)),
            plain,
            "after ?{query}"
        );
    }
}

fn the_servers_overrides_apply_to_every_request() {
    let server = Server::start(&[CLOUD, "--lang", "en", "--set", "min_zones=3"]);
    let (body, file) = example("office365-azure-2021.yaml");
    let want = unnamed(eval(&[CLOUD, &file, "--set", "min_zones=3"]));
    assert_eq!(served(&server.post("/v1/decide", &body)), want);
    assert_eq!(served(&server.post("/v1/decide", &body)), want);
    // A request's `set=` of the same name replaces the server's, for that request.
    let plain = unnamed(eval(&[CLOUD, &file]));
    let mut got = served(&server.post("/v1/decide?set=min_zones=2", &body));
    got.as_object_mut().unwrap().shift_remove("overrides");
    got["record"]["set"] = plain["record"]["set"].clone();
    assert_eq!(got["results"], plain["results"]);
    assert_eq!(got["decision"], plain["decision"]);
}

/// Checks a problem document: its status, media type and members.
fn problem(answer: &Answer, status: u16) -> Value {
    assert_eq!(answer.status, status, "{}", answer.body);
    assert_eq!(answer.content_type, "application/problem+json");
    let value = answer.json();
    assert!(
        value["type"]
            .as_str()
            .unwrap()
            .starts_with("urn:doctrine:problem:")
    );
    assert!(!value["title"].as_str().unwrap().is_empty());
    assert_eq!(value["status"], status);
    assert!(!value["detail"].as_str().unwrap().is_empty());
    value
}

fn bad_query_parameters_are_400() {
    let server = Server::start(&[CLOUD, "--lang", "en"]);
    let (body, _) = example("office365-azure-2021.yaml");
    for (query, names) in [
        ("set=nope=1", "`nope`"),
        ("set=min_zones=abc", "`abc`"),
        ("set=min_zones", "min_zones"),
        ("on=2024-02-30", "on=2024-02-30"),
        ("lang=xx-!!", "lang="),
        ("on=2024-01-01&on=2024-01-02", "`on`"),
        ("format=json", "`format`"),
    ] {
        for path in ["/v1/decide", "/v1/decide/batch"] {
            let answer = server.post(&format!("{path}?{query}"), &body);
            let value = problem(&answer, 400);
            let text = serde_json::to_string(&value).unwrap();
            assert!(text.contains(names), "{path}?{query}: {text}");
            assert_eq!(server.get("/health/live").status, 200);
        }
    }
    let value = problem(&server.post("/v1/decide?format=json", &body), 400);
    assert_eq!(value["parameter"], "format");
}

/// `doctrine eval --format jsonl` of a JSON Lines file: its lines, as JSON.
fn eval_lines(file: &str, on: Option<&str>) -> Vec<Value> {
    let mut args = vec!["eval", CLOUD, file, "--format", "jsonl", "--lang", "en"];
    if let Some(on) = on {
        args.extend(["--on", on]);
    }
    let (code, out, err) = cli(&args);
    assert!(code == 0 || code == 1, "exited {code}: {err}");
    out.lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// The lines of a batch answer, checked to be JSON Lines.
fn batch_lines(answer: &Answer) -> Vec<Value> {
    assert_eq!(answer.status, 200, "{}", answer.body);
    assert_eq!(answer.content_type, "application/x-ndjson");
    assert!(answer.version.is_some());
    assert!(answer.body.is_empty() || answer.body.ends_with('\n'));
    answer
        .body
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn batch_decides_as_eval_jsonl() {
    let server = Server::start(&[CLOUD, "--lang", "en"]);
    let file = "examples/fact-sets.jsonl";
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(file)).unwrap();
    let want: Vec<Value> = eval_lines(file, Some("2024-06-01"))
        .into_iter()
        .map(unnamed)
        .collect();
    assert_eq!(want.len(), 3);
    let array = format!(
        "[{}]",
        text.trim_end().lines().collect::<Vec<_>>().join(",\n")
    );
    let spaced = text.replace('\n', "\n\n\n");
    for body in [text.clone(), array, spaced] {
        let got = batch_lines(&server.post("/v1/decide/batch?on=2024-06-01", &body));
        assert_eq!(got.len(), want.len(), "{body}");
        for (n, (got, want)) in got.iter().zip(&want).enumerate() {
            assert!(got["decision_id"].is_string(), "line {n}");
            // A line is `request:LINE`; an array's element `request[INDEX]:LINE`.
            let name = got["facts"].as_str().unwrap();
            assert!(
                name.starts_with("request:") || name.starts_with(&format!("request[{n}]:")),
                "{name}"
            );
            assert_eq!(
                serde_json::to_string(&unnamed(got.clone())).unwrap(),
                serde_json::to_string(want).unwrap(),
                "decision {n}"
            );
        }
    }
    // The lines are numbered in the body: blank lines count, and are not decided.
    let got = batch_lines(&server.post("/v1/decide/batch", &text.replace('\n', "\n\n")));
    let names: Vec<&str> = got.iter().map(|v| v["facts"].as_str().unwrap()).collect();
    assert_eq!(names, ["request:1", "request:3", "request:5"]);
    // An empty body (or only blank lines): no decision, no error.
    for body in ["", "\n\n  \n"] {
        assert!(batch_lines(&server.post("/v1/decide/batch", body)).is_empty());
    }
    assert!(batch_lines(&server.post("/v1/decide/batch", "[]")).is_empty());
}

fn batch_bad_lines_answer_in_place() {
    let server = Server::start(&[CLOUD, "--lang", "en"]);
    let good = r#"{"entity": {"kind": "local_authority"}, "evaluated_on": "2024-03-01"}"#;
    let body = format!(
        "{good}\n{{\"nope\": 1}}\n{good}\n{{\"entity\": \n{good}\n{{\"entity\": {{\"kind\": 3}}}}\n"
    );
    let got = batch_lines(&server.post("/v1/decide/batch", &body));
    assert_eq!(got.len(), 6);
    for (at, line, status, message) in [
        (1, 2, 422, "unknown fact `nope`"),
        (3, 4, 400, "invalid JSON"),
        (
            5,
            6,
            422,
            "`entity.kind` must be one of the names of `entity_kind`",
        ),
    ] {
        let bad = &got[at];
        assert_eq!(bad["line"], line, "{bad}");
        assert_eq!(bad["error"]["status"], status, "{bad}");
        assert!(
            bad["error"]["detail"].as_str().unwrap().contains(message),
            "{bad}"
        );
        assert_eq!(bad["error"]["errors"][0]["line"], line, "{bad}");
        assert!(bad.get("decision").is_none());
    }
    for at in [0, 2, 4] {
        assert_eq!(got[at]["decision"], "not_applicable", "{}", got[at]);
        assert_eq!(got[at]["facts"], format!("request:{}", at + 1));
    }
    // In an array, an element's line is the line it starts on.
    let array = format!("[\n{good},\n  {{\"nope\": 1}}\n]");
    let got = batch_lines(&server.post("/v1/decide/batch", &array));
    assert_eq!(got.len(), 2);
    assert_eq!(got[1]["line"], 3);
    assert_eq!(got[1]["error"]["errors"][0]["line"], 3);
    assert_eq!(got[1]["error"]["errors"][0]["column"], 4);
    // An array that is not JSON is the whole body's fault: 400, with line and column.
    let value = problem(&server.post("/v1/decide/batch", "[\n{},\n{"), 400);
    assert_eq!(value["line"], 3);
    assert!(value["column"].is_number());
    assert_eq!(server.get("/health/live").status, 200);
}

/// The CLI's diagnostics for a JSON fact text, as `--error-format json` objects.
fn cli_errors(json: &str) -> Vec<Value> {
    let mut child = Command::new(env!("CARGO_BIN_EXE_doctrine"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["eval", CLOUD, "-", "--error-format", "json", "--lang", "en"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(json.as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{err}");
    err.lines()
        .filter(|l| l.starts_with('{'))
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn bad_facts_are_problems_worded_as_the_cli() {
    let server = Server::start(&[CLOUD, "--lang", "en"]);
    for (body, status) in [
        ("{\"entity\": ", 400),
        (
            "{\n  \"entity\": {\"kind\": \"local_authority\"},\n  x\n}",
            400,
        ),
        ("", 400),
        ("{\"nope\": 1}", 422),
        ("{\"entity\": {\"kind\": 3}}", 422),
        ("{\"entity\": {\"kind\": \"nope\"}}", 422),
        ("{\"project\": {\"full_cost_eur\": \"much\"}}", 422),
        ("{\"evaluated_on\": \"2024-02-30\"}", 422),
        ("[]", 422),
        (&format!("{}1{}", "[".repeat(100), "]".repeat(100)), 400),
    ] {
        let value = problem(&server.post("/v1/decide", body), status);
        let want = cli_errors(body);
        let errors = value["errors"].as_array().expect("errors");
        assert_eq!(errors.len(), want.len(), "{body}: {value}");
        for (got, want) in errors.iter().zip(&want) {
            assert_eq!(got["message"], want["message"], "{body}");
            assert_eq!(got["line"], want["line"], "{body}");
            assert_eq!(got["column"], want["column"], "{body}");
            assert_eq!(got["file"], "request", "{body}");
        }
        assert_eq!(value["detail"], want[0]["message"], "{body}");
        assert_eq!(server.get("/health/live").status, 200, "after {body}");
    }
    // Malformed JSON points into the body.
    let value = problem(&server.post("/v1/decide", "{\n\"entity\": }"), 400);
    assert_eq!(value["errors"][0]["line"], 2);
    assert!(value["errors"][0]["column"].as_u64().unwrap() > 1);
}

/// Sends raw bytes and returns the status and the body.
fn post_bytes(server: &Server, path: &str, body: &[u8]) -> Answer {
    let mut response = agent().post(&server.url(path)).send(body).unwrap();
    let status = response.status().as_u16();
    let content_type = response
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default();
    let version = response
        .headers()
        .get("doctrine-policy-version")
        .map(|v| v.to_str().unwrap().to_string());
    let body = response.body_mut().read_to_string().unwrap();
    Answer {
        status,
        content_type,
        version,
        headers: Vec::new(),
        body,
    }
}

fn request_edges_are_problems() {
    let server = Server::start(&[CLOUD, "--max-body", "1000"]);
    let big = format!("{{\"entity\": {{\"name\": \"{}\"}}}}", "x".repeat(2000));
    for path in ["/v1/decide", "/v1/decide/batch"] {
        let value = problem(&server.post(path, &big), 413);
        assert!(value["detail"].as_str().unwrap().contains("--max-body"));
    }
    // A body that is not UTF-8 is refused whole; in a batch of JSON Lines, the line is.
    let not_utf8: &[u8] = b"{\"entity\": {\"name\": \"\xff\xfe\"}}";
    let value = problem(&post_bytes(&server, "/v1/decide", not_utf8), 400);
    assert!(value["detail"].as_str().unwrap().contains("UTF-8"));
    assert_eq!(value["offset"], 21);
    let answer = post_bytes(&server, "/v1/decide/batch", not_utf8);
    assert_eq!(answer.status, 200);
    assert!(answer.body.contains("is not UTF-8 text"), "{}", answer.body);
    let value = problem(&server.get("/v2/decide"), 404);
    assert!(value["detail"].as_str().unwrap().contains("/v2/decide"));
    // `/` is the workbench's page; a path no endpoint has is a problem.
    problem(&server.get("/v1"), 404);
    for (method, path) in [
        ("GET", "/v1/decide"),
        ("GET", "/v1/decide/batch"),
        ("POST", "/health/live"),
        ("DELETE", "/v1/schema"),
        ("PUT", "/metrics"),
    ] {
        let body = (method != "GET" && method != "DELETE").then_some("{}");
        let answer = server.request(method, path, body);
        let value = problem(&answer, 405);
        assert!(value["detail"].as_str().unwrap().contains(path));
        assert!(answer.header("allow").is_some());
    }
    assert_eq!(server.get("/health/live").status, 200);
    let (body, _) = example("nubo-internal.toml");
    assert_eq!(server.post("/v1/decide", &body).status, 200);
}

fn concurrent_requests_all_answered_alike() {
    let server = Server::start(&[CLOUD, "--lang", "en"]);
    let files: Vec<String> = fact_files("examples")
        .into_iter()
        .filter(|f| !AMENDED.contains(&f.as_str()))
        .collect();
    let cases: Vec<(String, Value)> = files
        .iter()
        .map(|file| {
            let body = as_json(&Path::new(env!("CARGO_MANIFEST_DIR")).join(file));
            let want = served(&server.post("/v1/decide", &body));
            (body, want)
        })
        .collect();
    let threads = 6;
    let rounds = 40;
    let answered = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|t| {
                let (server, cases) = (&server, &cases);
                scope.spawn(move || {
                    let mut answered = 0;
                    for round in 0..rounds {
                        let (body, want) = &cases[(t + round) % cases.len()];
                        assert_eq!(&served(&server.post("/v1/decide", body)), want);
                        answered += 1;
                    }
                    answered
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap())
            .sum::<usize>()
    });
    assert_eq!(answered, threads * rounds);
    let metrics = server.get("/metrics").body;
    let decided: f64 = metrics
        .lines()
        .filter(|l| l.starts_with("doctrine_decisions_total{"))
        .map(|l| l.rsplit(' ').next().unwrap().parse::<f64>().unwrap())
        .sum();
    assert_eq!(decided as usize, answered + cases.len());
}

/// Starts a request whose body never ends: it stays in flight until the stream is
/// written to or dropped.
fn stalled(server: &Server) -> TcpStream {
    let mut stream = TcpStream::connect(&server.addr).unwrap();
    write!(
        stream,
        "POST /v1/decide HTTP/1.1\r\nHost: {}\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{{",
        server.addr
    )
    .unwrap();
    stream.flush().unwrap();
    stream
}

fn requests_past_the_in_flight_limit_are_503() {
    let server = Server::start(&[CLOUD, "--max-in-flight", "1"]);
    let (body, _) = example("nubo-internal.toml");
    assert_eq!(server.post("/v1/decide", &body).status, 200);
    let mut slow = stalled(&server);
    // Once the stalled request holds the only place, the next one is turned away.
    let mut busy = None;
    assert!(
        eventually(60, || {
            let answer = server.post("/v1/decide", &body);
            let refused = answer.status == 503;
            if refused {
                busy = Some(answer);
            }
            refused
        }),
        "no request was refused while one was in flight"
    );
    let busy = busy.unwrap();
    let value = problem(&busy, 503);
    assert!(
        value["detail"]
            .as_str()
            .unwrap()
            .contains("--max-in-flight")
    );
    assert_eq!(busy.header("retry-after"), Some("1"));
    assert!(busy.version.is_some(), "a 503 names the policy version too");
    // The probes still answer: a busy server is alive and ready.
    assert_eq!(server.get("/health/live").status, 200);
    assert_eq!(server.get("/health/ready").status, 200);
    // The stalled request ends, and is answered; the place is free again.
    slow.write_all(b"}").unwrap();
    slow.flush().unwrap();
    let mut head = [0u8; 12];
    slow.read_exact(&mut head).unwrap();
    assert_eq!(&head, b"HTTP/1.1 200");
    drop(slow);
    assert!(eventually(60, || server.post("/v1/decide", &body).status == 200));
    let metrics = server.get("/metrics").body;
    assert!(
        metrics.contains(
            r#"doctrine_http_requests_total{route="/v1/decide",method="POST",status="503"}"#
        ),
        "{metrics}"
    );
}

/// Reads a whole answer from a raw connection (the server closes it after a problem, or
/// the test reads only what it needs): the status line and the rest.
fn raw_answer(stream: &mut TcpStream) -> (String, String) {
    stream
        .set_read_timeout(Some(std::time::Duration::from_secs(120)))
        .unwrap();
    let mut text = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        match stream.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => {
                text.extend_from_slice(&buf[..n]);
                // One answer with a body: enough once the body's JSON has closed.
                if text.ends_with(b"}") {
                    break;
                }
            }
            Err(e) => panic!("reading the answer: {e}"),
        }
    }
    let text = String::from_utf8_lossy(&text).into_owned();
    let (status, rest) = text.split_once("\r\n").unwrap_or((&text, ""));
    (status.to_string(), rest.to_string())
}

fn a_request_over_the_time_limit_is_503() {
    let server = Server::start(&[CLOUD, "--timeout", "1"]);
    let mut slow = stalled(&server);
    let (status, rest) = raw_answer(&mut slow);
    assert_eq!(status, "HTTP/1.1 503 Service Unavailable", "{rest}");
    assert!(rest.contains("application/problem+json"), "{rest}");
    assert!(rest.contains("urn:doctrine:problem:timeout"), "{rest}");
    assert!(rest.contains("--timeout"), "{rest}");
    let (body, _) = example("nubo-internal.toml");
    assert_eq!(server.post("/v1/decide", &body).status, 200);
}

fn sigterm_finishes_the_requests_in_flight() {
    let server = Server::start(&[CLOUD]);
    let mut slow = stalled(&server);
    // The request is in flight once the gauge counts it (and the request for the metrics).
    assert!(eventually(60, || {
        server
            .get("/metrics")
            .body
            .lines()
            .any(|l| l == "doctrine_http_requests_in_flight 2")
    }));
    server.signal("TERM");
    // The server stops accepting, but answers the request it has.
    std::thread::sleep(std::time::Duration::from_millis(200));
    slow.write_all(b"}").unwrap();
    slow.flush().unwrap();
    let (status, rest) = raw_answer(&mut slow);
    assert_eq!(status, "HTTP/1.1 200 OK", "{rest}");
    assert!(rest.contains("\"decision\""), "{rest}");
    drop(slow);
    let (exit, log) = server.stop();
    assert!(exit.success(), "{exit}: {log}");
    assert!(log.contains("finishing the requests in flight"), "{log}");
}

fn every_answer_names_the_policy_version() {
    let server = Server::start(&[CLOUD, "--max-body", "100"]);
    let ready = server.get("/health/ready");
    assert_eq!(ready.status, 200);
    let version = ready.json()["policy_version"].as_str().unwrap().to_string();
    assert_eq!(version.len(), 64);
    let big = "x".repeat(200);
    let answers = [
        server.post("/v1/decide", r#"{"evaluated_on": "2024-01-01"}"#),
        server.post("/v1/decide", "{"),
        server.post("/v1/decide", "{\"nope\": 1}"),
        server.post("/v1/decide", &big),
        server.post("/v1/decide?nope=1", "{}"),
        server.post("/v1/decide/batch", "{}\n{}"),
        server.get("/v1/schema"),
        server.get("/health/live"),
        server.get("/health/ready"),
        server.get("/metrics"),
        server.get("/nope"),
        server.get("/v1/decide"),
    ];
    for answer in answers {
        assert_eq!(
            answer.version.as_deref(),
            Some(version.as_str()),
            "{answer:?}"
        );
    }
}

fn health_probes_and_metrics() {
    let server = Server::start(&[CLOUD]);
    let live = server.get("/health/live");
    assert_eq!(live.status, 200);
    assert_eq!(live.json()["status"], "live");
    let ready = server.get("/health/ready");
    assert_eq!(ready.status, 200);
    assert_eq!(ready.json()["status"], "ready");
    assert_eq!(
        ready.json()["policy_version"].as_str(),
        ready.version.as_deref()
    );
    let decisions = [
        ("office365-azure-2021.yaml", "non_compliant"),
        ("derogation-open.yaml", "temporarily_allowed"),
        ("nubo-internal.toml", "compliant"),
        ("on-premises-small.yaml", "compliant"),
        ("unknown-facts.yaml", "needs_review"),
    ];
    for (name, decision) in decisions {
        let (body, _) = example(name);
        assert_eq!(
            server.post("/v1/decide", &body).json()["decision"],
            decision
        );
    }
    server.post("/v1/decide", "{");
    let batch = r#"{"entity": {"kind": "local_authority"}}"#;
    server.post("/v1/decide/batch", &format!("{batch}\n{batch}\nnope\n"));
    let metrics = server.get("/metrics");
    assert_eq!(metrics.status, 200);
    assert!(
        metrics.content_type.starts_with("text/plain")
            || metrics
                .content_type
                .starts_with("application/openmetrics-text"),
        "{}",
        metrics.content_type
    );
    let text = metrics.body;
    for line in [
        r#"doctrine_decisions_total{decision="non_compliant"} 1"#,
        r#"doctrine_decisions_total{decision="temporarily_allowed"} 1"#,
        r#"doctrine_decisions_total{decision="compliant"} 2"#,
        r#"doctrine_decisions_total{decision="needs_review"} 1"#,
        r#"doctrine_decisions_total{decision="not_applicable"} 2"#,
        r#"doctrine_http_requests_total{route="/v1/decide",method="POST",status="200"} 5"#,
        r#"doctrine_http_requests_total{route="/v1/decide",method="POST",status="400"} 1"#,
        r#"doctrine_http_requests_total{route="/v1/decide/batch",method="POST",status="200"} 1"#,
        r#"doctrine_http_requests_total{route="/health/ready",method="GET",status="200"} 1"#,
    ] {
        assert!(
            text.lines().any(|l| l == line),
            "no line `{line}` in:\n{text}"
        );
    }
    assert!(text.contains("doctrine_http_request_duration_seconds_bucket"));
}

fn a_policy_that_does_not_check_is_not_served() {
    let case = "tests/cases/errors/policy-type-error";
    let policy = format!("{case}/policy.doctrine");
    let facts = format!("{case}/facts.yaml");
    let (code, out, err) = cli(&["serve", &policy, "--addr", "127.0.0.1:0"]);
    assert_eq!(code, 2, "{out}{err}");
    assert!(out.is_empty(), "{out}");
    let (eval_code, _, eval_err) = cli(&["eval", &policy, &facts]);
    assert_eq!(eval_code, 2);
    assert!(!eval_err.trim().is_empty());
    assert!(
        err.contains(eval_err.trim()),
        "serve:\n{err}\neval:\n{eval_err}"
    );
    let (code, _, err) = cli(&["serve", "no/such/policy", "--addr", "127.0.0.1:0"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("no/such/policy"), "{err}");
}

fn an_address_that_cannot_be_bound_is_refused() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = taken.local_addr().unwrap().to_string();
    let (code, out, err) = cli(&["serve", CLOUD, "--addr", &addr]);
    assert_ne!(code, 0, "{out}{err}");
    assert!(err.contains(&format!("cannot listen on {addr}")), "{err}");
    assert!(!out.contains("listening"), "{out}");
    for bad in ["nonsense", "127.0.0.1:99999", "256.0.0.1:80"] {
        let (code, out, err) = cli(&["serve", CLOUD, "--addr", bad]);
        assert_ne!(code, 0, "{bad}: {out}{err}");
        assert!(err.contains(bad), "{bad}: {err}");
    }
    drop(taken);
}

/// The server's peak memory (`VmHWM`), in KiB.
fn peak_memory_kib(server: &Server) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{}/status", server.pid())).unwrap();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap()
}

fn a_one_line_array_batch_costs_in_proportion() {
    // 20,000 fact sets on one line: each element read as itself (the cost of one used to
    // grow with its column: 15 GB for 100,000 `{}`).
    let server = Server::start(&[CLOUD]);
    let body = format!(
        "[{}]",
        vec![r#"{"evaluated_on": "2024-01-01"}"#; 20_000].join(",")
    );
    let answer = server.post("/v1/decide/batch", &body);
    assert_eq!(answer.status, 200);
    let lines: Vec<&str> = answer.body.lines().collect();
    assert_eq!(lines.len(), 20_000);
    let last: Value = serde_json::from_str(lines[19_999]).unwrap();
    assert_eq!(last["facts"], "request[19999]:1", "{last}");
    // An element that cannot be decided names its line and its index.
    let answer = server.post("/v1/decide/batch", r#"[{}, {"hosting": 3}]"#);
    let second: Value = serde_json::from_str(answer.body.lines().nth(1).unwrap()).unwrap();
    assert_eq!(
        (second["line"].as_u64(), second["index"].as_u64()),
        (Some(1), Some(1))
    );
    assert!(
        peak_memory_kib(&server) < 400 * 1024,
        "{} KiB",
        peak_memory_kib(&server)
    );
}

fn a_batch_line_that_is_not_utf8_is_refused_in_its_place() {
    let server = Server::start(&[CLOUD]);
    let body: &[u8] = b"{}\n\xff\xfe\n{}\n";
    let answer = agent()
        .post(&server.url("/v1/decide/batch"))
        .send(body)
        .unwrap()
        .body_mut()
        .read_to_string()
        .unwrap();
    let lines: Vec<Value> = answer
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3, "{answer}");
    assert!(lines[0]["decision"].is_string());
    assert_eq!(lines[1]["line"], 2);
    assert!(
        lines[1]["error"]["detail"]
            .as_str()
            .unwrap()
            .contains("not UTF-8"),
        "{}",
        lines[1]
    );
    assert!(lines[2]["decision"].is_string());
}

fn a_servers_bad_override_is_not_served() {
    let (code, out, err) = cli(&["serve", CLOUD, "--set", "nope=1", "--addr", "127.0.0.1:0"]);
    assert_eq!(code, 2, "{out}{err}");
    assert!(!out.contains("listening"), "{out}");
    assert!(err.contains("unknown parameter `nope`"), "{err}");
}

fn a_requests_override_is_what_the_record_says() {
    // The request's `set=` replaces the server's `--set` of the same parameter: the record
    // names the request's only, so that a replay sets what decided.
    let server = Server::start(&[CLOUD, "--set", "min_zones=3"]);
    let (body, _) = example("office365-azure-2023.json");
    let answer = server.post("/v1/decide?set=min_zones=2", &body).json();
    assert_eq!(
        answer["record"]["set"],
        json!(["min_zones=2"]),
        "{}",
        answer["record"]
    );
    let answer = server.post("/v1/decide", &body).json();
    assert_eq!(answer["record"]["set"], json!(["min_zones=3"]));
}

fn made_up_methods_are_one_metric() {
    let server = Server::start(&[CLOUD]);
    for method in ["FOO", "BAR", "BAZ"] {
        let mut stream = std::net::TcpStream::connect(&server.addr).unwrap();
        write!(
            stream,
            "{method} /v1/decide HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
        )
        .unwrap();
        let mut answer = String::new();
        stream.read_to_string(&mut answer).unwrap();
        assert!(answer.starts_with("HTTP/1.1 405"), "{answer}");
    }
    let metrics = server.get("/metrics").body;
    assert!(!metrics.contains("FOO"), "{metrics}");
    assert!(
        metrics.contains(r#"route="/v1/decide",method="other",status="405"} 3"#),
        "{metrics}"
    );
}

fn sigterm_does_not_wait_for_ever_for_a_stalled_client() {
    let server = Server::start(&[CLOUD, "--timeout", "1"]);
    // Headers begun and never finished.
    let mut stalled = TcpStream::connect(&server.addr).unwrap();
    stalled
        .write_all(b"POST /v1/decide HTTP/1.1\r\nHost: x\r\n")
        .unwrap();
    assert_eq!(server.get("/health/live").status, 200);
    let (exit, log) = server.stop();
    assert!(exit.success(), "{exit}: {log}");
    assert!(log.contains("stopping without them"), "{log}");
    drop(stalled);
}

fn a_request_whose_client_left_is_counted() {
    let server = Server::start(&[CLOUD]);
    let (body, _) = example("office365-azure-2021.yaml");
    let mut leaving = TcpStream::connect(&server.addr).unwrap();
    write!(
        leaving,
        "POST /v1/remedy?max_changes=8&budget=20000 HTTP/1.1\r\nHost: x\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    // In flight (the gauge counts it and the request for the metrics), then left.
    assert!(eventually(60, || {
        server
            .get("/metrics")
            .body
            .lines()
            .any(|l| l == "doctrine_http_requests_in_flight 2")
    }));
    drop(leaving);
    assert!(
        eventually(60, || server
            .get("/metrics")
            .body
            .contains(r#"route="/v1/remedy",method="POST",status="499"} 1"#)),
        "{}",
        server.get("/metrics").body
    );
    // Its place is given back once its work ends.
    assert!(eventually(120, || {
        server
            .get("/metrics")
            .body
            .lines()
            .any(|l| l == "doctrine_http_requests_in_flight 1")
    }));
}

tests![
    a_request_whose_client_left_is_counted,
    sigterm_does_not_wait_for_ever_for_a_stalled_client,
    a_one_line_array_batch_costs_in_proportion,
    a_batch_line_that_is_not_utf8_is_refused_in_its_place,
    a_servers_bad_override_is_not_served,
    a_requests_override_is_what_the_record_says,
    made_up_methods_are_one_metric,
    every_example_decides_as_eval,
    query_parameters_as_the_cli_options,
    the_servers_overrides_apply_to_every_request,
    bad_query_parameters_are_400,
    batch_decides_as_eval_jsonl,
    batch_bad_lines_answer_in_place,
    bad_facts_are_problems_worded_as_the_cli,
    request_edges_are_problems,
    concurrent_requests_all_answered_alike,
    requests_past_the_in_flight_limit_are_503,
    a_request_over_the_time_limit_is_503,
    sigterm_finishes_the_requests_in_flight,
    every_answer_names_the_policy_version,
    health_probes_and_metrics,
    a_policy_that_does_not_check_is_not_served,
    an_address_that_cannot_be_bound_is_refused,
];
