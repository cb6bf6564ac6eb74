//! The decision server under load (not a test): the release server on loopback, single
//! `POST /v1/decide` requests from several keep-alive connections (decisions per second,
//! p50 and p99 latency), the same fact sets through `POST /v1/decide/batch`, and `doctrine
//! eval --format jsonl` on them, in one run, with the targets checked.
//!
//! `cargo bench --bench serve`; `SERVE_BENCH_COUNT` (fact sets, default 20,000),
//! `SERVE_BENCH_CONNECTIONS` (default 4), `SERVE_BENCH_SECONDS` (the most the single
//! requests run, default 10) and `SERVE_BENCH_ROUNDS` (default 3) change the load. The
//! three ways run in turn, round after round, and the best round of each is shown: on a
//! shared machine the others' work only ever slows a round down.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "benchmarks may unwrap"
)]

#[allow(
    dead_code,
    reason = "only the generator's fact sets are used, not its main"
)]
#[path = "../examples/generate_facts.rs"]
mod generate_facts;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

const POLICY: &str = "policies/cloud-au-centre";

fn setting(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// The release server, stopped when dropped.
struct Server {
    child: Child,
    addr: String,
}

impl Server {
    fn start() -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_doctrine"))
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .args(["serve", POLICY, "--lang", "en", "--no-watch"])
            .args(["--addr", "127.0.0.1:0", "--max-body", "1073741824"])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            // The log line per request is written, as in production, and thrown away.
            .stderr(Stdio::null())
            .spawn()
            .expect("start doctrine serve");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let addr = line
            .trim()
            .strip_prefix("doctrine: listening on http://")
            .unwrap_or_else(|| panic!("the server did not start: {line:?}"))
            .to_string();
        Server { child, addr }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One keep-alive connection speaking just enough HTTP/1.1 for `POST /v1/decide`.
struct Connection {
    reader: BufReader<TcpStream>,
    writer: TcpStream,
    addr: String,
}

impl Connection {
    fn open(addr: &str) -> Connection {
        let stream = TcpStream::connect(addr).unwrap();
        stream.set_nodelay(true).unwrap();
        Connection {
            reader: BufReader::new(stream.try_clone().unwrap()),
            writer: stream,
            addr: addr.to_string(),
        }
    }

    /// Sends one request and reads its answer: the status and the body's length.
    fn post(&mut self, path: &str, body: &str) -> (u16, usize) {
        let request = format!(
            "POST {path} HTTP/1.1\r\nHost: {}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
            self.addr,
            body.len()
        );
        self.writer.write_all(request.as_bytes()).unwrap();
        let mut line = String::new();
        self.reader.read_line(&mut line).unwrap();
        let status: u16 = line.split(' ').nth(1).unwrap().parse().unwrap();
        let mut length = 0;
        loop {
            line.clear();
            self.reader.read_line(&mut line).unwrap();
            let header = line.trim_end();
            if header.is_empty() {
                break;
            }
            if let Some((name, value)) = header.split_once(':')
                && name.eq_ignore_ascii_case("content-length")
            {
                length = value.trim().parse().unwrap();
            }
        }
        let mut body = vec![0; length];
        self.reader.read_exact(&mut body).unwrap();
        (status, length)
    }
}

/// What one way of deciding did.
struct Run {
    name: String,
    decisions: usize,
    seconds: f64,
    /// Latencies of single requests, sorted, in seconds.
    latencies: Vec<f64>,
}

impl Run {
    fn rate(&self) -> f64 {
        self.decisions as f64 / self.seconds
    }

    fn percentile(&self, p: f64) -> Option<f64> {
        if self.latencies.is_empty() {
            return None;
        }
        let at = ((self.latencies.len() - 1) as f64 * p).round() as usize;
        Some(self.latencies[at] * 1000.0)
    }
}

/// `doctrine eval --format jsonl` on the corpus file, its output thrown away.
fn cli(file: &std::path::Path, count: usize) -> Run {
    let started = Instant::now();
    let status = Command::new(env!("CARGO_BIN_EXE_doctrine"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["eval", POLICY])
        .arg(file)
        .args(["--format", "jsonl", "--lang", "en"])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .unwrap();
    let seconds = started.elapsed().as_secs_f64();
    assert!(matches!(status.code(), Some(0 | 1)), "eval: {status}");
    Run {
        name: "doctrine eval --format jsonl".into(),
        decisions: count,
        seconds,
        latencies: Vec::new(),
    }
}

/// Single requests from `connections` keep-alive connections, until every fact set was
/// sent once or `limit` passed.
fn single(server: &Server, sets: &[String], connections: usize, limit: Duration) -> Run {
    let next = AtomicUsize::new(0);
    let started = Instant::now();
    let mut latencies: Vec<f64> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..connections)
            .map(|_| {
                let next = &next;
                scope.spawn(move || {
                    let mut connection = Connection::open(&server.addr);
                    let mut latencies = Vec::new();
                    loop {
                        let at = next.fetch_add(1, Ordering::Relaxed);
                        if at >= sets.len() || started.elapsed() > limit {
                            break;
                        }
                        let sent = Instant::now();
                        let (status, _) = connection.post("/v1/decide", &sets[at]);
                        latencies.push(sent.elapsed().as_secs_f64());
                        assert_eq!(status, 200, "fact set {at}");
                    }
                    latencies
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().unwrap())
            .collect()
    });
    let seconds = started.elapsed().as_secs_f64();
    latencies.sort_by(f64::total_cmp);
    Run {
        name: format!("POST /v1/decide ({connections} connections)"),
        decisions: latencies.len(),
        seconds,
        latencies,
    }
}

/// The whole corpus in one `POST /v1/decide/batch`, its answer read to the end.
fn batch(server: &Server, body: &str, count: usize) -> Run {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(Duration::from_secs(600)))
        .build()
        .into();
    let started = Instant::now();
    let mut response = agent
        .post(&format!("http://{}/v1/decide/batch", server.addr))
        .send(body)
        .unwrap();
    let mut reader = BufReader::new(response.body_mut().as_reader());
    let mut lines = 0;
    let mut line = Vec::new();
    while reader.read_until(b'\n', &mut line).unwrap() > 0 {
        assert!(
            !line.starts_with(b"{\"line\""),
            "a fact set was refused: {}",
            String::from_utf8_lossy(&line)
        );
        lines += 1;
        line.clear();
    }
    let seconds = started.elapsed().as_secs_f64();
    assert_eq!(lines, count, "one line per fact set");
    Run {
        name: "POST /v1/decide/batch (1 request)".into(),
        decisions: lines,
        seconds,
        latencies: Vec::new(),
    }
}

fn main() {
    let count = setting("SERVE_BENCH_COUNT", 20_000).max(1);
    let connections = setting("SERVE_BENCH_CONNECTIONS", 4).max(1);
    let limit = Duration::from_secs(setting("SERVE_BENCH_SECONDS", 10) as u64);
    let mut rng = generate_facts::Rng::seeded(1);
    let sets: Vec<String> = (0..count)
        .map(|_| generate_facts::fact_set(&mut rng))
        .collect();
    let mut body = sets.join("\n");
    body.push('\n');
    let file =
        std::env::temp_dir().join(format!("doctrine-serve-bench-{}.jsonl", std::process::id()));
    std::fs::write(&file, &body).unwrap();

    println!(
        "{count} generated fact sets (policies/cloud-au-centre), {connections} connections, at most {} s of single requests; the best of {} rounds",
        limit.as_secs(),
        setting("SERVE_BENCH_ROUNDS", 3).max(1)
    );
    let server = Server::start();
    // Warm up: the first requests pay for connections and caches.
    let mut warm = Connection::open(&server.addr);
    for set in sets.iter().take(200) {
        warm.post("/v1/decide", set);
    }
    drop(warm);
    let rounds = setting("SERVE_BENCH_ROUNDS", 3).max(1);
    let mut best: [Option<Run>; 3] = [None, None, None];
    for _ in 0..rounds {
        let runs = [
            cli(&file, count),
            single(&server, &sets, connections, limit),
            batch(&server, &body, count),
        ];
        for (slot, run) in best.iter_mut().zip(runs) {
            if slot.as_ref().is_none_or(|b| run.rate() > b.rate()) {
                *slot = Some(run);
            }
        }
    }
    let [Some(cli_run), Some(single_run), Some(batch_run)] = best else {
        unreachable!("every way ran at least once")
    };
    drop(server);
    let _ = std::fs::remove_file(&file);

    let base = cli_run.rate();
    println!();
    println!(
        "| {:<36} | {:>9} | {:>8} | {:>11} | {:>6} | {:>7} | {:>7} |",
        "", "decisions", "seconds", "decisions/s", "of CLI", "p50 ms", "p99 ms"
    );
    println!(
        "| {:-<36} | {:->9} | {:->8} | {:->11} | {:->6} | {:->7} | {:->7} |",
        "", "", "", "", "", "", ""
    );
    for run in [&cli_run, &single_run, &batch_run] {
        let ms = |p: Option<f64>| p.map_or_else(|| "".to_string(), |v| format!("{v:.2}"));
        println!(
            "| {:<36} | {:>9} | {:>8.2} | {:>11.0} | {:>5.0}% | {:>7} | {:>7} |",
            run.name,
            run.decisions,
            run.seconds,
            run.rate(),
            100.0 * run.rate() / base,
            ms(run.percentile(0.50)),
            ms(run.percentile(0.99)),
        );
    }
    let single_share = single_run.rate() / base;
    let p99 = single_run.percentile(0.99).unwrap_or(f64::INFINITY);
    let batch_share = batch_run.rate() / base;
    println!();
    println!(
        "single requests: {:.0}% of the CLI's batch throughput (target ≥ 40%), p99 {p99:.2} ms (target ≤ 5 ms): {}",
        100.0 * single_share,
        if single_share >= 0.4 && p99 <= 5.0 {
            "met"
        } else {
            "MISSED"
        }
    );
    println!(
        "batch endpoint: {:.0}% of the CLI's batch throughput (target ≥ 90%): {}",
        100.0 * batch_share,
        if batch_share >= 0.9 { "met" } else { "MISSED" }
    );
}
