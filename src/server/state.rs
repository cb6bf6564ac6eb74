//! What the server holds: the loaded policy (swapped whole on reload), the outcome of the
//! last reload, the metrics and the decision log.

use std::sync::atomic::AtomicBool;
use std::sync::{Arc, Mutex};

use arc_swap::ArcSwap;
use tokio::sync::Semaphore;

use super::config::Config;
use super::log::DecisionLog;
use super::metrics::Metrics;
use crate::app::Workspace;
use crate::diagnostic::Diagnostics;
use crate::source::SourceMap;

/// A policy loaded and checked, with the version that names it.
#[derive(Debug)]
pub struct Loaded {
    /// The workspace every request copies.
    pub workspace: Workspace,
    /// The policy's version: the SHA-256 of its texts' hashes and the server's overrides.
    pub version: String,
    /// When it was loaded.
    pub loaded_at: jiff::Timestamp,
}

impl Loaded {
    /// Wraps a workspace just loaded, computing the hash of each of its texts once.
    pub fn new(workspace: Workspace) -> Loaded {
        let mut summary = String::new();
        for text in &workspace.program.texts {
            let digest = workspace
                .sources
                .get(text.file)
                .map(|f| f.sha256())
                .unwrap_or_default();
            summary.push_str(&format!("{} {digest}\n", text.id));
        }
        for set in &workspace.spec.set {
            summary.push_str(&format!("--set {set}\n"));
        }
        Loaded {
            version: crate::source::sha256_hex(summary.as_bytes()),
            workspace,
            loaded_at: jiff::Timestamp::now(),
        }
    }
}

/// What came of reloads, and the errors of the last one while it is the latest attempt and
/// failed, shown by `GET /v1/status` until one succeeds.
#[derive(Debug, Default)]
pub struct Reloads {
    /// Reloads that swapped a new version in.
    pub succeeded: u64,
    /// Reloads refused because the new version did not check.
    pub failed: u64,
    /// The errors of the last refused version, while it is the latest attempt.
    pub errors: Option<(Diagnostics, SourceMap, jiff::Timestamp)>,
}

/// Everything the handlers share.
pub struct Shared {
    /// The policy in force: a request takes it once and uses that version throughout.
    pub policy: ArcSwap<Loaded>,
    /// How the server was started.
    pub config: Config,
    /// The counters `GET /metrics` shows.
    pub metrics: Metrics,
    /// The decision log, if asked for.
    pub log: Option<DecisionLog>,
    /// What came of reloads.
    pub reloads: Mutex<Reloads>,
    /// Whether the policy's files are watched (asked for, and the watcher started).
    pub watching: AtomicBool,
    /// The requests that may be in flight.
    pub in_flight: Arc<Semaphore>,
    /// When the server started.
    pub started: jiff::Timestamp,
    /// The threads that decide batches.
    pub pool: rayon::ThreadPool,
}

impl Shared {
    /// The shared state of a server started with `config` on a loaded policy.
    pub fn new(workspace: Workspace, config: Config) -> Result<Shared, String> {
        let log = match &config.decision_log {
            Some(path) => Some(DecisionLog::open(path, config.log_facts)?),
            None => None,
        };
        let pool = rayon::ThreadPoolBuilder::new()
            .thread_name(|i| format!("doctrine-batch-{i}"))
            .stack_size(super::STACK_BYTES)
            .build()
            .map_err(|e| format!("cannot start the batch threads: {e}"))?;
        let loaded = Loaded::new(workspace);
        let metrics = Metrics::new();
        metrics.policy_loaded(&loaded.version);
        Ok(Shared {
            policy: ArcSwap::from_pointee(loaded),
            in_flight: Arc::new(Semaphore::new(config.limits.max_in_flight)),
            config,
            metrics,
            log,
            reloads: Mutex::new(Reloads::default()),
            watching: AtomicBool::new(false),
            started: jiff::Timestamp::now(),
            pool,
        })
    }

    /// The policy in force now.
    pub fn current(&self) -> Arc<Loaded> {
        self.policy.load_full()
    }

    /// Flushes what must outlive the server (the decision log).
    pub fn finish(&self) {
        if let Some(log) = &self.log {
            log.close();
        }
    }
}
