//! `doctrine serve`: the HTTP decision server on a policy.

use std::io::Write;
use std::path::PathBuf;

use clap::Args;
use doctrine::server::config::{Config, DEFAULT_ADDR, Limits};

use super::{LangArgs, PolicyArgs, SetArgs};

/// Arguments of `doctrine serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    #[command(flatten)]
    policy: PolicyArgs,
    #[command(flatten)]
    set: SetArgs,
    /// The address to listen on, `HOST:PORT` (port 0: any free port); bind to a
    /// non-loopback address only behind a proxy that authenticates.
    #[arg(long, value_name = "HOST:PORT", default_value = DEFAULT_ADDR)]
    addr: String,
    #[command(flatten)]
    lang: LangArgs,
    /// Append one JSON line per decision to this file, for `doctrine replay`.
    #[arg(long, value_name = "FILE")]
    decision_log: Option<PathBuf>,
    /// Keep each decision's facts in the decision log (they may be personal data).
    #[arg(long, requires = "decision_log")]
    log_facts: bool,
    /// Do not watch the policy's files (SIGHUP still reloads).
    #[arg(long)]
    no_watch: bool,
    /// The largest request body, in bytes.
    #[arg(long, value_name = "BYTES", default_value_t = Limits::default().max_body as u64, value_parser = clap::value_parser!(u64).range(1..=(1u64 << 32)))]
    max_body: u64,
    /// The longest a request may take, in seconds.
    #[arg(long, value_name = "SECONDS", default_value_t = 30, value_parser = clap::value_parser!(u64).range(1..=3600))]
    timeout: u64,
    /// The most requests answered at once; past it, 503.
    #[arg(long, value_name = "N", default_value_t = 256, value_parser = clap::value_parser!(u64).range(1..=65536))]
    max_in_flight: u64,
    /// Log lines as JSON objects rather than text.
    #[arg(long)]
    log_json: bool,
}

/// Runs `doctrine serve` until SIGTERM or Ctrl-C: exit 0, or 2 if the policy does not
/// load, 1 if the server cannot start.
pub fn run(args: &ServeArgs) -> u8 {
    let filter = tracing_subscriber::EnvFilter::try_from_env("DOCTRINE_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    // Lines are written by a thread of their own, so that a request never waits on stderr;
    // none is dropped (a full queue makes the logger wait), and the guard flushes at exit.
    let (stderr, _flush) = tracing_appender::non_blocking::NonBlockingBuilder::default()
        .lossy(false)
        .finish(std::io::stderr());
    let subscriber = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(stderr)
        .with_ansi(false);
    let installed = if args.log_json {
        tracing::subscriber::set_global_default(subscriber.json().finish())
    } else {
        tracing::subscriber::set_global_default(subscriber.finish())
    };
    if installed.is_err() {
        eprintln!("doctrine: cannot set up logging");
    }
    let config = Config {
        spec: args.policy.spec(&args.set),
        addr: args.addr.clone(),
        lang: args.lang.get(),
        decision_log: args.decision_log.clone(),
        log_facts: args.log_facts,
        watch: !args.no_watch,
        limits: Limits {
            max_body: usize::try_from(args.max_body).unwrap_or(usize::MAX),
            timeout: std::time::Duration::from_secs(args.timeout),
            max_in_flight: usize::try_from(args.max_in_flight).unwrap_or(usize::MAX),
        },
    };
    let listening = |addr| {
        let mut out = std::io::stdout();
        let _ = writeln!(out, "doctrine: listening on http://{addr}");
        let _ = out.flush();
    };
    match doctrine::server::run(config, listening) {
        Ok(()) => 0,
        Err(doctrine::server::Failure::Policy(failed)) => {
            super::bad_input(&failed.diagnostics, &failed.sources)
        }
        Err(doctrine::server::Failure::Io(message)) => {
            eprintln!("error: {message}");
            1
        }
    }
}
