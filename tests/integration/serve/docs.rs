//! Every `curl` example of docs/serve.md (and of README.md) is sent to a real server
//! (`doctrine serve policies/cloud-au-centre --lang en`, on an ephemeral port that replaces
//! `127.0.0.1:8181`), without the curl binary: the command line is parsed here and sent
//! with the test client. The lines under a `$ curl …` line are the expected output: each
//! line matches one line of the answer, `…` in a line matches any text, and a line that is
//! only `…` matches any number of lines. `-i` shows the status line and headers first;
//! `| jq` shows a JSON answer (each line of a JSON Lines one) indented by two spaces, as
//! jq does; `# status N` after a command expects that status (default 200, or whatever
//! `-i` shows). A `curl` line the runner cannot read fails the test.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "tests may unwrap, index and panic"
)]

use super::support::{Server, agent};

/// The address the documentation shows.
const DOC_ADDR: &str = "127.0.0.1:8181";

/// The documents whose examples are run.
const DOCS: &[&str] = &["docs/serve.md", "README.md"];

/// One `curl` example: the command and the lines shown under it.
#[derive(Debug)]
struct Example {
    line: usize,
    command: String,
    expected: Vec<String>,
}

/// The `$ curl` commands of the document's `console` blocks, with their output; a `curl`
/// line anywhere else is refused, so that no example goes unchecked.
fn examples(doc: &str, markdown: &str) -> Vec<Example> {
    let mut out: Vec<Example> = Vec::new();
    let mut block: Option<String> = None;
    // Whether the lines read now are the output of the last example.
    let mut collecting = false;
    for (n, line) in markdown.lines().enumerate() {
        if let Some(info) = line.trim_start().strip_prefix("```") {
            block = match block {
                Some(_) => None,
                None => Some(info.trim().to_string()),
            };
            collecting = false;
            continue;
        }
        let Some(info) = &block else { continue };
        let command = line.strip_prefix("$ ");
        let is_curl = command.is_some_and(|c| c.starts_with("curl ")) || line.starts_with("curl ");
        if is_curl {
            assert_eq!(
                info,
                "console",
                "{doc}:{}: a curl example outside a `console` block: {line}",
                n + 1
            );
            let command = command.expect("`$ ` before a curl command");
            out.push(Example {
                line: n + 1,
                command: command.to_string(),
                expected: Vec::new(),
            });
            collecting = true;
        } else if command.is_some() {
            // Another command (`doctrine …`): the README test runs those.
            collecting = false;
        } else if collecting && let Some(last) = out.last_mut() {
            last.expected.push(line.to_string());
        }
    }
    out
}

/// Splits a command line as a POSIX shell does for the cases the documentation uses:
/// spaces separate, single quotes keep everything, double quotes keep all but `\"`, `\\`,
/// and a backslash outside quotes escapes the next character.
fn words(command: &str) -> Result<Vec<String>, String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut started = false;
    let mut chars = command.chars();
    while let Some(c) = chars.next() {
        match c {
            '\'' => {
                started = true;
                loop {
                    match chars.next() {
                        Some('\'') => break,
                        Some(c) => word.push(c),
                        None => return Err("an unclosed '".into()),
                    }
                }
            }
            '"' => {
                started = true;
                loop {
                    match chars.next() {
                        Some('"') => break,
                        Some('\\') => match chars.next() {
                            Some(c @ ('"' | '\\' | '$' | '`')) => word.push(c),
                            Some(c) => {
                                word.push('\\');
                                word.push(c);
                            }
                            None => return Err("an unclosed \"".into()),
                        },
                        Some(c) => word.push(c),
                        None => return Err("an unclosed \"".into()),
                    }
                }
            }
            '\\' => {
                started = true;
                word.push(chars.next().ok_or("a \\ at the end")?);
            }
            ' ' | '\t' => {
                if started {
                    words.push(std::mem::take(&mut word));
                    started = false;
                }
            }
            c => {
                started = true;
                word.push(c);
            }
        }
    }
    if started {
        words.push(word);
    }
    Ok(words)
}

/// A curl command, read.
#[derive(Debug, Default)]
struct Curl {
    method: Option<String>,
    url: String,
    headers: Vec<(String, String)>,
    body: Option<Vec<u8>>,
    include: bool,
    jq: bool,
    status: Option<u16>,
}

/// Reads a curl command line: `-s`, `-S`, `-i`, `-X METHOD`, `-H 'Name: value'`,
/// `-d`/`--data`/`--data-raw`/`--data-binary` (`@FILE` reads a file; `-d @FILE` drops its
/// line breaks, as curl does), one URL, then `| jq` or `| jq .`, then `# status N`.
fn parse(command: &str) -> Result<Curl, String> {
    let (command, status) = match command.split_once(" # status ") {
        Some((c, s)) => (
            c,
            Some(
                s.trim()
                    .parse::<u16>()
                    .map_err(|_| format!("`# status {s}`: not a status"))?,
            ),
        ),
        None => (command, None),
    };
    let (command, jq) = match command.split_once(" | ") {
        Some((c, "jq" | "jq .")) => (c, true),
        Some((_, pipe)) => return Err(format!("cannot run `| {pipe}`")),
        None => (command, false),
    };
    let words = words(command)?;
    let mut curl = Curl {
        jq,
        status,
        ..Curl::default()
    };
    let mut args = words.iter();
    if args.next().map(String::as_str) != Some("curl") {
        return Err("not a curl command".into());
    }
    while let Some(arg) = args.next() {
        let mut value = || {
            args.next()
                .cloned()
                .ok_or_else(|| format!("`{arg}` needs a value"))
        };
        match arg.as_str() {
            "-s" | "-S" | "-sS" | "--silent" | "--show-error" => {}
            "-i" | "-si" | "-is" | "--include" => curl.include = true,
            "-X" | "--request" => curl.method = Some(value()?),
            "-H" | "--header" => {
                let header = value()?;
                let (name, value) = header
                    .split_once(':')
                    .ok_or_else(|| format!("`-H {header}`: not `Name: value`"))?;
                curl.headers
                    .push((name.trim().to_string(), value.trim().to_string()));
            }
            "-d" | "--data" | "--data-raw" | "--data-binary" => {
                if curl.body.is_some() {
                    return Err("more than one body".into());
                }
                let data = value()?;
                let bytes = match data.strip_prefix('@') {
                    Some(file) if arg != "--data-raw" => {
                        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(file);
                        let bytes = std::fs::read(&path).map_err(|e| format!("`@{file}`: {e}"))?;
                        if arg == "--data-binary" {
                            bytes
                        } else {
                            bytes
                                .into_iter()
                                .filter(|b| *b != b'\n' && *b != b'\r')
                                .collect()
                        }
                    }
                    _ => data.into_bytes(),
                };
                curl.body = Some(bytes);
            }
            url if url.starts_with("http://") => {
                if !curl.url.is_empty() {
                    return Err("more than one URL".into());
                }
                curl.url = url.to_string();
            }
            other => return Err(format!("an option the runner does not know: `{other}`")),
        }
    }
    if curl.url.is_empty() {
        return Err("no URL".into());
    }
    if !curl.url.contains(DOC_ADDR) {
        return Err(format!("the URL is not on {DOC_ADDR}"));
    }
    Ok(curl)
}

/// Sends a curl command to the server: what curl would print, and the status.
fn send(server: &Server, curl: &Curl) -> (u16, String) {
    let url = curl.url.replace(DOC_ADDR, &server.addr);
    let method = curl
        .method
        .clone()
        .unwrap_or_else(|| if curl.body.is_some() { "POST" } else { "GET" }.to_string());
    let agent = agent();
    let mut request = ureq::http::Request::builder()
        .method(method.as_str())
        .uri(&url);
    for (name, value) in &curl.headers {
        request = request.header(name, value);
    }
    let answer = match &curl.body {
        Some(body) => agent.run(request.body(body.clone()).unwrap()),
        None => agent.run(request.body(()).unwrap()),
    };
    let mut response = answer.unwrap_or_else(|e| panic!("{method} {url}: {e}"));
    let status = response.status();
    let mut out = String::new();
    if curl.include {
        out.push_str(&format!(
            "HTTP/1.1 {} {}\n",
            status.as_u16(),
            status.canonical_reason().unwrap_or("")
        ));
        for (name, value) in response.headers() {
            out.push_str(&format!("{name}: {}\n", value.to_str().unwrap_or("")));
        }
        out.push('\n');
    }
    let text = response
        .body_mut()
        .with_config()
        .limit(1 << 30)
        .read_to_string()
        .unwrap();
    if curl.jq {
        for line in text.lines().filter(|l| !l.trim().is_empty()) {
            let value: serde_json::Value = serde_json::from_str(line)
                .unwrap_or_else(|e| panic!("`| jq`: not JSON ({e}): {line}"));
            out.push_str(&serde_json::to_string_pretty(&value).unwrap());
            out.push('\n');
        }
    } else {
        out.push_str(&text);
    }
    (status.as_u16(), out)
}

/// Whether a line matches a pattern line: `…` matches any text.
fn line_matches(pattern: &str, line: &str) -> bool {
    let mut parts = pattern.split('…');
    let first = parts.next().unwrap_or("");
    let Some(mut rest) = line.strip_prefix(first) else {
        return false;
    };
    let parts: Vec<&str> = parts.collect();
    let Some((last, middle)) = parts.split_last() else {
        return rest.is_empty();
    };
    for part in middle {
        match rest.find(part) {
            Some(at) => rest = &rest[at + part.len()..],
            None => return false,
        }
    }
    rest.len() >= last.len() && rest.ends_with(last)
}

/// Whether the lines match the pattern lines: a pattern line that is only `…` matches any
/// number of lines.
fn lines_match(pattern: &[&str], lines: &[&str]) -> bool {
    match pattern.split_first() {
        None => lines.is_empty(),
        Some((first, rest)) if first.trim() == "…" => {
            (0..=lines.len()).any(|skip| lines_match(rest, &lines[skip..]))
        }
        Some((first, rest)) => match lines.split_first() {
            Some((line, lines)) => line_matches(first, line) && lines_match(rest, lines),
            None => false,
        },
    }
}

fn every_curl_example_of_the_docs_answers_as_shown() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let server = Server::start(&["policies/cloud-au-centre", "--lang", "en"]);
    for doc in DOCS {
        let markdown = std::fs::read_to_string(root.join(doc)).unwrap();
        let examples = examples(doc, &markdown);
        assert!(!examples.is_empty(), "{doc}: no curl example");
        if *doc == "docs/serve.md" {
            assert!(
                examples.len() >= 10,
                "only {} curl examples",
                examples.len()
            );
        }
        run(doc, &server, &examples);
    }
}

/// Sends each example and compares the answer with the output shown.
fn run(doc: &str, server: &Server, examples: &[Example]) {
    for example in examples {
        let at = format!("{doc}:{}: `{}`", example.line, example.command);
        let curl = parse(&example.command).unwrap_or_else(|e| panic!("{at}: {e}"));
        let (status, out) = send(server, &curl);
        // With `-i` the status line is part of the output shown.
        if curl.status.is_some() || !curl.include {
            assert_eq!(status, curl.status.unwrap_or(200), "{at}: status\n{out}");
        }
        let lines: Vec<&str> = out.trim_end().lines().collect();
        let pattern: Vec<&str> = example
            .expected
            .iter()
            .map(String::as_str)
            .collect::<Vec<_>>();
        let pattern: Vec<&str> = {
            let mut p = pattern;
            while p.last().is_some_and(|l| l.trim().is_empty()) {
                p.pop();
            }
            p
        };
        assert!(!pattern.is_empty(), "{at}: no output shown");
        assert!(
            lines_match(&pattern, &lines),
            "{at}: the answer is not as shown.\nshown:\n{}\nanswered:\n{}",
            pattern.join("\n"),
            out
        );
    }
}

fn the_runner_reads_curl_as_a_shell_does() {
    let curl = parse(
        r#"curl -s -X PUT -H 'Content-Type: application/json' --data-binary '{"a": "b c"}' "http://127.0.0.1:8181/v1/x?on=2024-01-01&set=a=1" | jq # status 422"#,
    )
    .unwrap();
    assert_eq!(curl.method.as_deref(), Some("PUT"));
    assert_eq!(
        curl.headers,
        [("Content-Type".to_string(), "application/json".to_string())]
    );
    assert_eq!(curl.body.as_deref(), Some(&br#"{"a": "b c"}"#[..]));
    assert_eq!(curl.url, "http://127.0.0.1:8181/v1/x?on=2024-01-01&set=a=1");
    assert!(curl.jq);
    assert_eq!(curl.status, Some(422));
    let curl = parse("curl -s -d @examples/fact-sets.jsonl http://127.0.0.1:8181/v1/decide/batch")
        .unwrap();
    assert!(
        !curl.body.unwrap().contains(&b'\n'),
        "-d @FILE drops line breaks"
    );
    for bad in [
        "curl -s -o out.json http://127.0.0.1:8181/health/live",
        "curl -s http://127.0.0.1:8181/health/live | grep live",
        "curl -s 'http://127.0.0.1:8181/health/live",
        "curl -s -d @no/such/file http://127.0.0.1:8181/v1/decide",
        "curl -s http://localhost:9999/health/live",
        "curl -s",
    ] {
        assert!(parse(bad).is_err(), "{bad}");
    }
    assert!(line_matches(
        r#"{"decision_id":"…","facts":"request"…}"#,
        r#"{"decision_id":"0a-1","facts":"request","x":1}"#
    ));
    assert!(!line_matches("abc", "abcd"));
    assert!(line_matches("a…", "abcd"));
    assert!(!line_matches("a…c…c", "abc"));
    assert!(lines_match(&["a", "…", "d"], &["a", "b", "c", "d"]));
    assert!(lines_match(&["a", "  …"], &["a"]));
    assert!(!lines_match(&["a", "c"], &["a", "b", "c"]));
}

tests![
    every_curl_example_of_the_docs_answers_as_shown,
    the_runner_reads_curl_as_a_shell_does,
];
