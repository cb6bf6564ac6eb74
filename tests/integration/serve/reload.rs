//! `doctrine serve`: hot reload (watched files, SIGHUP), `GET /v1/status`, the decision log
//! replayed, and graceful shutdown. Each test serves a small policy from a temporary folder
//! and edits it there.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::mpsc::{Receiver, channel};

use serde_json::Value;

use super::support::{Server, agent, eventually};

/// A policy whose age of majority is `majority`.
fn policy(majority: u32) -> String {
    format!(
        "// A small policy for the reload tests.
policy adults \"Adults\"
text adults-v1 \"Adults, version 1\"
in force from 2020-01-01

verdicts
  refused \"refused\"
  unknown \"unknown\" as undecided
  allowed \"allowed\" as satisfied
  elsewhere \"elsewhere\" as inapplicable

fact person.age: integer \"Age\"

param majority: integer at least 0 = {majority}
  en \"Age of majority\"

rule ADULT \"Adult\"
  requires person.age >= majority
  otherwise refused \"Only adults: {{person.age}} is under {{majority}}\"
"
    )
}

/// A fact set of a person of 17.
const SEVENTEEN: &str = r#"{"evaluated_on": "2024-01-01", "person": {"age": 17}}"#;

/// Seconds to wait for a reload at most.
const WAIT: u64 = 60;

/// A temporary folder holding `policy/adults.doctrine`; removed when dropped.
struct Folder {
    path: PathBuf,
}

impl Folder {
    fn new(name: &str) -> Folder {
        let path = std::env::temp_dir().join(format!(
            "doctrine-serve-reload-{}-{name}",
            std::process::id()
        ));
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir_all(path.join("policy")).expect("create the temporary folder");
        let folder = Folder { path };
        folder.write_policy(&policy(18));
        folder
    }

    fn file(&self) -> PathBuf {
        self.path.join("policy/adults.doctrine")
    }

    /// Rewrites the policy as an editor does: a new file renamed over the old one.
    fn write_policy(&self, text: &str) {
        let temporary = self.path.join("policy/.adults.doctrine.tmp");
        std::fs::write(&temporary, text).expect("write the policy");
        std::fs::rename(&temporary, self.file()).expect("rename the policy");
    }

    fn start(&self, args: &[&str]) -> Server {
        let mut all = vec!["policy"];
        all.extend_from_slice(args);
        Server::start_in(&self.path, &all)
    }

    /// `doctrine replay ARGS` in the folder.
    fn replay(&self, log: &str) -> Output {
        Command::new(env!("CARGO_BIN_EXE_doctrine"))
            .current_dir(&self.path)
            .args(["replay", log])
            .output()
            .expect("run doctrine replay")
    }
}

impl Drop for Folder {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.path);
    }
}

/// The decision on a person of 17, and the version that gave it.
fn decide(server: &Server) -> (String, String) {
    let answer = server.post("/v1/decide", SEVENTEEN);
    assert_eq!(answer.status, 200, "{}", answer.body);
    let decision = answer.json()["decision"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    (decision, answer.version.clone().expect("a version header"))
}

fn status(server: &Server) -> Value {
    let answer = server.get("/v1/status");
    assert_eq!(answer.status, 200, "{}", answer.body);
    answer.json()
}

/// The value of a sample of `/metrics` (its whole name with labels), if present.
fn metric(server: &Server, sample: &str) -> Option<f64> {
    let text = server.get("/metrics").body;
    text.lines()
        .find_map(|line| line.strip_prefix(sample)?.strip_prefix(' ')?.parse().ok())
}

fn good_edit_reloads() {
    let folder = Folder::new("good");
    let server = folder.start(&[]);
    let (decision, old) = decide(&server);
    assert_eq!(decision, "refused");
    let before = status(&server);
    assert_eq!(before["watching"], true);
    assert_eq!(before["policy"]["version"], old.as_str());
    assert_eq!(before["reloads"]["succeeded"], 0);
    assert_eq!(
        before["policy"]["texts"][0]["file"],
        "policy/adults.doctrine"
    );

    folder.write_policy(&policy(16));
    assert!(
        eventually(WAIT, || decide(&server).0 == "allowed"),
        "the new version never answered"
    );
    let (_, new) = decide(&server);
    assert_ne!(new, old, "a new version has a new hash");
    let after = status(&server);
    assert_eq!(after["policy"]["version"], new.as_str());
    assert_eq!(after["reloads"]["succeeded"], 1);
    assert_eq!(after["reloads"]["last_error"], Value::Null);
    assert_eq!(
        metric(&server, "doctrine_policy_reloads_total{result=\"ok\"}"),
        Some(1.0)
    );
    let info = format!("doctrine_policy_info{{version=\"{new}\"}}");
    assert_eq!(metric(&server, &info), Some(1.0));
}

fn broken_edit_keeps_the_old_version() {
    let folder = Folder::new("broken");
    let server = folder.start(&[]);
    let (_, old) = decide(&server);
    let mut broken = policy(16);
    broken.push_str("rule BROKEN \"Broken\"\n  requires person.age >=\n");
    folder.write_policy(&broken);
    assert!(
        eventually(WAIT, || status(&server)["reloads"]["failed"] == 1),
        "the broken version was never refused"
    );
    // The old version keeps answering, and the status shows why the new one was refused.
    assert_eq!(decide(&server), ("refused".to_string(), old.clone()));
    let shown = status(&server);
    assert_eq!(shown["policy"]["version"], old.as_str());
    let error = &shown["reloads"]["last_error"];
    assert!(error["at"].is_string(), "{shown}");
    let diagnostic = &error["diagnostics"][0];
    assert_eq!(diagnostic["severity"], "error", "{shown}");
    assert_eq!(diagnostic["file"], "policy/adults.doctrine", "{shown}");
    assert!(diagnostic["line"].as_u64().is_some(), "{shown}");
    assert_eq!(
        metric(&server, "doctrine_policy_reloads_total{result=\"failed\"}"),
        Some(1.0)
    );

    // Fixed: the new version answers, and the errors are gone.
    folder.write_policy(&policy(16));
    assert!(
        eventually(WAIT, || decide(&server).0 == "allowed"),
        "the fixed version never answered"
    );
    let fixed = status(&server);
    assert_eq!(fixed["reloads"]["last_error"], Value::Null, "{fixed}");
    assert_eq!(fixed["reloads"]["succeeded"], 1);
    assert_eq!(fixed["reloads"]["failed"], 1);
    let (_, stderr) = server.stop();
    assert!(
        stderr.contains("policy not reloaded") && stderr.contains("adults.doctrine"),
        "the refused reload is logged with its errors: {stderr}"
    );
}

fn sighup_reloads() {
    let folder = Folder::new("sighup");
    let server = folder.start(&["--no-watch"]);
    let (_, old) = decide(&server);
    assert_eq!(status(&server)["watching"], false);
    folder.write_policy(&policy(16));
    server.signal("HUP");
    assert!(
        eventually(WAIT, || decide(&server).0 == "allowed"),
        "SIGHUP did not reload"
    );
    assert_ne!(decide(&server).1, old);
    // A SIGHUP that finds the same files changes nothing, and the server stays up.
    server.signal("HUP");
    server.signal("HUP");
    assert_eq!(decide(&server).0, "allowed");
    assert!(
        eventually(WAIT, || status(&server)["reloads"]["succeeded"] == 1),
        "{}",
        status(&server)
    );
    let (exit, _) = server.stop();
    assert!(exit.success(), "{exit:?}");
}

/// A local amendment that sets the age of majority to `majority`.
fn amendment(majority: u32) -> String {
    format!(
        "amendment local-2024 of adults \"Local\"
in force from 2020-01-01

replace param majority: integer = {majority}
  en \"Local age of majority\"
"
    )
}

/// An amendment file outside the policy's folder is watched too.
fn amendment_edit_reloads() {
    let folder = Folder::new("amend");
    let local = folder.path.join("local.doctrine");
    std::fs::write(&local, amendment(18)).expect("write the amendment");
    let server = folder.start(&["--amend", "local.doctrine"]);
    let (decision, old) = decide(&server);
    assert_eq!(decision, "refused");
    std::fs::write(&local, amendment(16)).expect("rewrite the amendment");
    assert!(
        eventually(WAIT, || decide(&server).0 == "allowed"),
        "the amendment was never reloaded"
    );
    assert_ne!(decide(&server).1, old);
    let texts = &status(&server)["policy"]["texts"];
    assert_eq!(texts[1]["file"], "local.doctrine", "{texts}");
}

/// A deployment that swaps a link to a folder of files (as Kubernetes updates a ConfigMap:
/// `adults.doctrine -> ..data/adults.doctrine`, `..data -> v1` renamed to `-> v2`).
#[cfg(unix)]
fn a_folder_replaced_whole_is_watched_again() {
    let folder = Folder::new("replaced");
    let server = folder.start(&[]);
    assert_eq!(decide(&server).0, "refused");
    // The folder removed and written again (a deployment's copy): the new one is reloaded…
    let dir = folder.path.join("policy");
    std::fs::remove_dir_all(&dir).expect("remove the folder");
    std::fs::create_dir_all(&dir).expect("make the folder again");
    std::fs::write(folder.file(), policy(16)).expect("write the policy");
    assert!(
        eventually(WAIT, || decide(&server).0 == "allowed"),
        "the new folder was never reloaded"
    );
    // …and watched: an edit in it reloads too.
    folder.write_policy(&policy(18));
    assert!(
        eventually(WAIT, || decide(&server).0 == "refused"),
        "an edit in the new folder was never reloaded"
    );
}

fn swapped_folder_link_reloads() {
    use std::os::unix::fs::symlink;
    let folder = Folder::new("link");
    let dir = folder.path.join("policy");
    std::fs::create_dir_all(dir.join("v1")).expect("v1");
    std::fs::rename(folder.file(), dir.join("v1/adults.doctrine")).expect("move");
    symlink("v1", dir.join("..data")).expect("link ..data");
    symlink("..data/adults.doctrine", folder.file()).expect("link the file");
    let server = folder.start(&[]);
    let (decision, old) = decide(&server);
    assert_eq!(decision, "refused");
    std::fs::create_dir_all(dir.join("v2")).expect("v2");
    std::fs::write(dir.join("v2/adults.doctrine"), policy(16)).expect("write v2");
    symlink("v2", dir.join("..data_tmp")).expect("link ..data_tmp");
    std::fs::rename(dir.join("..data_tmp"), dir.join("..data")).expect("swap the link");
    assert!(
        eventually(WAIT, || decide(&server).0 == "allowed"),
        "the swapped folder was never reloaded"
    );
    assert_ne!(decide(&server).1, old);
}

fn decision_log_replays() {
    let folder = Folder::new("log");
    let server = folder.start(&["--decision-log", "decisions.jsonl", "--log-facts"]);
    decide(&server);
    let unknown = server.post("/v1/decide", r#"{"person": {}}"#);
    assert_eq!(unknown.status, 200, "{}", unknown.body);
    let batch = server.post(
        "/v1/decide/batch",
        "{\"evaluated_on\": \"2024-01-01\", \"person\": {\"age\": 30}}\n{\"person\": {\"age\": 3}}\n{\"person\": {}}\n",
    );
    assert_eq!(batch.status, 200, "{}", batch.body);
    let (exit, _) = server.stop();
    assert!(exit.success(), "{exit:?}");

    let log = std::fs::read_to_string(folder.path.join("decisions.jsonl")).expect("the log");
    assert_eq!(log.lines().count(), 5, "{log}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let meta = std::fs::metadata(folder.path.join("decisions.jsonl")).expect("the log");
        assert_eq!(
            meta.permissions().mode() & 0o077,
            0,
            "the log is its owner's only"
        );
    }
    let first: Value = serde_json::from_str(log.lines().next().unwrap_or("")).expect("JSON");
    for key in [
        "decision_id",
        "logged_at",
        "policy_version",
        "facts_text",
        "record",
    ] {
        assert!(first.get(key).is_some(), "{key} is logged: {first}");
    }

    let replayed = folder.replay("decisions.jsonl");
    let stdout = String::from_utf8_lossy(&replayed.stdout);
    assert_eq!(
        replayed.status.code(),
        Some(0),
        "{stdout}{}",
        String::from_utf8_lossy(&replayed.stderr)
    );
    assert_eq!(
        stdout,
        "decisions.jsonl: 5 decision(s) replayed: the same bytes\n"
    );

    // The policy changed since: replay says which file, and does not decide.
    folder.write_policy(&policy(16));
    let changed = folder.replay("decisions.jsonl");
    let stderr = String::from_utf8_lossy(&changed.stderr);
    assert_eq!(changed.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("`policy/adults.doctrine` has changed since the decision was recorded"),
        "{stderr}"
    );
}

fn decision_log_without_facts() {
    let folder = Folder::new("nofacts");
    let server = folder.start(&["--decision-log", "decisions.jsonl"]);
    decide(&server);
    decide(&server);
    let (exit, _) = server.stop();
    assert!(exit.success(), "{exit:?}");
    let log = std::fs::read_to_string(folder.path.join("decisions.jsonl")).expect("the log");
    assert!(!log.contains("facts_text"), "{log}");

    let replayed = folder.replay("decisions.jsonl");
    let stderr = String::from_utf8_lossy(&replayed.stderr);
    assert_eq!(replayed.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("2 decision(s) cannot be decided again")
            && stderr.contains("logged without their facts")
            && stderr.contains("--log-facts"),
        "{stderr}"
    );
}

/// A request body given in two parts: the second once `release` receives.
struct Held {
    first: Option<Vec<u8>>,
    release: Receiver<Vec<u8>>,
    rest: Option<std::io::Cursor<Vec<u8>>>,
}

impl Read for Held {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if let Some(first) = self.first.take() {
            let n = first.len().min(buf.len());
            buf[..n].copy_from_slice(&first[..n]);
            if n < first.len() {
                self.first = Some(first[n..].to_vec());
            }
            return Ok(n);
        }
        if self.rest.is_none() {
            let rest = self.release.recv().unwrap_or_default();
            self.rest = Some(std::io::Cursor::new(rest));
        }
        self.rest.as_mut().map_or(Ok(0), |rest| rest.read(buf))
    }
}

fn graceful_shutdown_finishes_requests() {
    let folder = Folder::new("shutdown");
    let server = folder.start(&["--decision-log", "decisions.jsonl"]);
    let line = format!("{SEVENTEEN}\n");
    let (send, release) = channel();
    let held = Held {
        first: Some(line.repeat(10).into_bytes()),
        release,
        rest: None,
    };
    let url = server.url("/v1/decide/batch");
    let client = std::thread::spawn(move || {
        let mut response = agent()
            .post(&url)
            .send(ureq::SendBody::from_owned_reader(held))
            .expect("the batch is answered");
        let status = response.status().as_u16();
        let body = response.body_mut().read_to_string().expect("the answer");
        (status, body)
    });
    // The batch is in flight (with this request for the metrics).
    assert!(
        eventually(WAIT, || metric(&server, "doctrine_http_requests_in_flight")
            .is_some_and(|n| n >= 2.0)),
        "the batch never arrived"
    );
    server.signal("TERM");
    // The server no longer accepts connections: it is shutting down.
    let addr = server.addr.clone();
    assert!(
        eventually(WAIT, || std::net::TcpStream::connect(&addr).is_err()),
        "the server kept accepting connections after SIGTERM"
    );
    send.send(line.repeat(10).into_bytes())
        .expect("release the body");
    let (status, body) = client.join().expect("the client");
    assert_eq!(status, 200, "{body}");
    assert_eq!(body.lines().count(), 20, "{body}");
    assert!(
        body.lines().all(|l| l.contains("\"decision\":\"refused\"")),
        "{body}"
    );
    let (exit, _) = server.stop();
    assert_eq!(exit.code(), Some(0), "{exit:?}");
    // The decision log was flushed before the process ended.
    let log = std::fs::read_to_string(folder.path.join("decisions.jsonl")).expect("the log");
    assert_eq!(log.lines().count(), 20);
}

/// The policy path the tests serve exists as written.
fn the_temporary_policy_checks() {
    let folder = Folder::new("check");
    let out = Command::new(env!("CARGO_BIN_EXE_doctrine"))
        .current_dir(&folder.path)
        .args(["check", "policy"])
        .output()
        .expect("run doctrine check");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(Path::new(&folder.file()).is_file());
}

tests![
    a_folder_replaced_whole_is_watched_again,
    the_temporary_policy_checks,
    good_edit_reloads,
    broken_edit_keeps_the_old_version,
    sighup_reloads,
    amendment_edit_reloads,
    swapped_folder_link_reloads,
    decision_log_replays,
    decision_log_without_facts,
    graceful_shutdown_finishes_requests,
];
