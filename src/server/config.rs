//! What `doctrine serve` is started with: the policy, the address, the language, the
//! decision log and the limits.

use std::path::PathBuf;
use std::time::Duration;

use crate::app::PolicySpec;
use crate::language::ast::Lang;

/// How the server is started.
#[derive(Clone, Debug)]
pub struct Config {
    /// The policy, its amendments and overrides.
    pub spec: PolicySpec,
    /// The address to listen on (`HOST:PORT`; port 0 picks a free one).
    pub addr: String,
    /// The language of answers when a request does not ask for one.
    pub lang: Lang,
    /// Where to append one JSON line per decision, if anywhere.
    pub decision_log: Option<PathBuf>,
    /// Whether the decision log keeps each decision's facts.
    pub log_facts: bool,
    /// Whether to watch the policy's files and reload when they change.
    pub watch: bool,
    /// The limits on requests.
    pub limits: Limits,
}

/// The limits on requests.
#[derive(Clone, Debug)]
pub struct Limits {
    /// The largest request body, in bytes.
    pub max_body: usize,
    /// The longest a request may take to be answered.
    pub timeout: Duration,
    /// How many requests may be in flight at once; past it, requests get 503.
    pub max_in_flight: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_body: 16 << 20,
            timeout: Duration::from_secs(30),
            max_in_flight: 256,
        }
    }
}

/// The address the server listens on when none is given: loopback only.
pub const DEFAULT_ADDR: &str = "127.0.0.1:8181";
