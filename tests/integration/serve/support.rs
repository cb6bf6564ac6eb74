//! A real `doctrine serve` process on an ephemeral loopback port, and a small HTTP client
//! for it.

use std::io::{BufRead, BufReader, Read};
use std::process::{Child, ChildStderr, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

/// A running server; killed when dropped.
pub struct Server {
    child: Child,
    stderr: Option<ChildStderr>,
    /// `127.0.0.1:PORT`.
    pub addr: String,
}

/// An answer.
#[derive(Debug)]
pub struct Answer {
    /// The HTTP status.
    pub status: u16,
    /// The content type.
    pub content_type: String,
    /// The policy version header.
    pub version: Option<String>,
    /// Every header, lowercase names.
    pub headers: Vec<(String, String)>,
    /// The body.
    pub body: String,
}

impl Answer {
    /// The body as JSON.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }

    /// A header's value.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

impl Server {
    /// Starts `doctrine serve ARGS --addr 127.0.0.1:0` in the repository's root and waits
    /// for the address it prints.
    pub fn start(args: &[&str]) -> Server {
        Server::start_in(env!("CARGO_MANIFEST_DIR"), args)
    }

    /// Starts the server in the folder `dir`.
    pub fn start_in(dir: impl AsRef<std::path::Path>, args: &[&str]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_doctrine"))
            .current_dir(dir)
            .arg("serve")
            .args(args)
            .args(["--addr", "127.0.0.1:0"])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start doctrine serve");
        let stdout = child.stdout.take().expect("stdout");
        let mut line = String::new();
        BufReader::new(stdout)
            .read_line(&mut line)
            .expect("read the address");
        let Some(addr) = line.trim().strip_prefix("doctrine: listening on http://") else {
            let mut err = String::new();
            if let Some(mut e) = child.stderr.take() {
                let _ = e.read_to_string(&mut err);
            }
            let _ = child.kill();
            panic!("the server did not start: stdout {line:?}, stderr {err}");
        };
        let addr = addr.to_string();
        let stderr = child.stderr.take();
        Server {
            child,
            stderr,
            addr,
        }
    }

    /// `http://ADDR/PATH`.
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    /// Sends a request with a body (or none) and reads the whole answer.
    pub fn request(&self, method: &str, path: &str, body: Option<&str>) -> Answer {
        let agent = agent();
        let url = self.url(path);
        let result = match (method, body) {
            ("GET", _) => agent.get(&url).call(),
            ("DELETE", _) => agent.delete(&url).call(),
            ("POST", Some(body)) => agent.post(&url).send(body),
            ("POST", None) => agent.post(&url).send_empty(),
            ("PUT", Some(body)) => agent.put(&url).send(body),
            (other, _) => panic!("method {other} not supported by the test client"),
        };
        let mut response = result.unwrap_or_else(|e| panic!("{method} {path}: {e}"));
        let status = response.status().as_u16();
        let headers: Vec<(String, String)> = response
            .headers()
            .iter()
            .map(|(n, v)| (n.as_str().to_string(), v.to_str().unwrap_or("").to_string()))
            .collect();
        let body = response
            .body_mut()
            .with_config()
            .limit(1 << 30)
            .read_to_string()
            .unwrap_or_else(|e| panic!("{method} {path}: reading the body: {e}"));
        let find = |name: &str| {
            headers
                .iter()
                .find(|(n, _)| n == name)
                .map(|(_, v)| v.clone())
        };
        Answer {
            status,
            content_type: find("content-type").unwrap_or_default(),
            version: find("doctrine-policy-version"),
            headers: headers.clone(),
            body,
        }
    }

    /// `POST PATH` with a body.
    pub fn post(&self, path: &str, body: &str) -> Answer {
        self.request("POST", path, Some(body))
    }

    /// `GET PATH`.
    pub fn get(&self, path: &str) -> Answer {
        self.request("GET", path, None)
    }

    /// The process id.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Sends a signal (`TERM`, `HUP`, `INT`) to the server.
    pub fn signal(&self, name: &str) {
        let status = Command::new("kill")
            .arg(format!("-{name}"))
            .arg(self.pid().to_string())
            .status()
            .expect("run kill");
        assert!(status.success(), "kill -{name} failed");
    }

    /// Sends SIGTERM and waits (at most a minute) for the process to end: its exit status
    /// and everything it wrote on stderr.
    pub fn stop(mut self) -> (ExitStatus, String) {
        self.signal("TERM");
        let deadline = Instant::now() + Duration::from_secs(60);
        let status = loop {
            if let Some(status) = self.child.try_wait().expect("wait") {
                break status;
            }
            assert!(
                Instant::now() < deadline,
                "the server did not stop on SIGTERM"
            );
            std::thread::sleep(Duration::from_millis(20));
        };
        let mut err = String::new();
        if let Some(mut e) = self.stderr.take() {
            let _ = e.read_to_string(&mut err);
        }
        (status, err)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A client that reads 4xx and 5xx answers as answers, not errors.
pub fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(120)))
        .build()
        .into()
}

/// Waits (at most `seconds`) until `check` holds, polling.
pub fn eventually(seconds: u64, mut check: impl FnMut() -> bool) -> bool {
    let deadline = Instant::now() + Duration::from_secs(seconds);
    while Instant::now() < deadline {
        if check() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    check()
}

/// A fact file's content as a JSON value (YAML, JSON or TOML; TOML dates as their text, as
/// the fact loader reads them).
pub fn fact_file_json(path: &std::path::Path) -> serde_json::Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    match path.extension().and_then(|e| e.to_str()) {
        Some("json") => serde_json::from_str(&text).expect("JSON fact file"),
        Some("yaml" | "yml") => serde_saphyr::from_str(&text).expect("YAML fact file"),
        Some("toml") => toml_json(toml::Value::Table(
            toml::from_str(&text).expect("TOML fact file"),
        )),
        other => panic!("not a fact file: {other:?}"),
    }
}

fn toml_json(value: toml::Value) -> serde_json::Value {
    use serde_json::Value;
    match value {
        toml::Value::String(s) => Value::String(s),
        toml::Value::Integer(i) => Value::from(i),
        toml::Value::Float(f) => Value::from(f),
        toml::Value::Boolean(b) => Value::Bool(b),
        toml::Value::Datetime(d) => Value::String(d.to_string()),
        toml::Value::Array(items) => Value::Array(items.into_iter().map(toml_json).collect()),
        toml::Value::Table(table) => {
            Value::Object(table.into_iter().map(|(k, v)| (k, toml_json(v))).collect())
        }
    }
}
