//! The workbench in a real headless Chromium, driven through WebDriver (chromedriver) against
//! `doctrine serve` on an ephemeral loopback port. Each journey is a trial; a screenshot of
//! where it ends is written to `target/browser/NAME.png`.
//!
//! Chromium and chromedriver are Debian's `chromium` and `chromium-driver`. Without them the
//! trials are skipped, with a line saying so, unless `DOCTRINE_BROWSER_TESTS=1` requires them
//! (`.ci/run` installs them and sets it).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    reason = "test code: a failed expectation is a panic"
)]

#[path = "../integration/serve/support.rs"]
#[allow(
    dead_code,
    reason = "the browser journeys use part of the server tests' support"
)]
mod support;

mod journeys;

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use fantoccini::{Client, ClientBuilder};
use libtest_mimic::{Arguments, Failed, Trial};

const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

fn main() {
    let args = Arguments::from_args();
    let present = Path::new(CHROMIUM).exists() && Path::new(CHROMEDRIVER).exists();
    let required = std::env::var("DOCTRINE_BROWSER_TESTS").is_ok_and(|v| v == "1");
    let trials = journeys::trials()
        .into_iter()
        .map(|(name, journey)| {
            if present {
                Trial::test(name, move || run(name, journey))
            } else if required {
                Trial::test(name, || {
                    Err(Failed::from(format!(
                        "{CHROMIUM} or {CHROMEDRIVER} is missing: `apt-get install -y chromium chromium-driver`"
                    )))
                })
            } else {
                Trial::test(name, || Ok(())).with_ignored_flag(true)
            }
        })
        .collect();
    if !present && !required {
        eprintln!(
            "browser tests skipped: Chromium is not installed (`apt-get install -y chromium chromium-driver`)"
        );
    }
    libtest_mimic::run(&args, trials).exit();
}

/// A journey: what it does in the browser, given the server's base URL.
pub type Journey = fn(&Browser, &str) -> Result<(), String>;

/// A browser session, and the runtime its client runs on.
pub struct Browser {
    runtime: tokio::runtime::Runtime,
    client: Client,
    driver: Child,
    name: &'static str,
}

impl Browser {
    fn start(name: &'static str) -> Browser {
        let port = {
            let free = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
            free.local_addr().unwrap().port()
        };
        let driver = Command::new(CHROMEDRIVER)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start chromedriver");
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        let profile =
            std::env::temp_dir().join(format!("doctrine-chromium-{}-{name}", std::process::id()));
        let mut caps = serde_json::Map::new();
        caps.insert(
            "goog:chromeOptions".into(),
            serde_json::json!({
                "binary": CHROMIUM,
                "args": [
                    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
                    "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync",
                    "--window-size=1280,900",
                    format!("--user-data-dir={}", profile.display()),
                ],
            }),
        );
        let url = format!("http://127.0.0.1:{port}");
        let client = runtime.block_on(async {
            let mut last = None;
            // chromedriver takes a moment to listen.
            for _ in 0..100 {
                let connector = hyper_util::client::legacy::connect::HttpConnector::new();
                match ClientBuilder::new(connector)
                    .capabilities(caps.clone())
                    .connect(&url)
                    .await
                {
                    Ok(client) => return client,
                    Err(e) => last = Some(e),
                }
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
            panic!("cannot start a browser session: {last:?}");
        });
        Browser {
            runtime,
            client,
            driver,
            name,
        }
    }

    /// Runs a browser step.
    pub fn step<T>(
        &self,
        f: impl AsyncFnOnce(&Client) -> Result<T, fantoccini::error::CmdError>,
    ) -> Result<T, String> {
        self.runtime
            .block_on(f(&self.client))
            .map_err(|e| format!("browser: {e}"))
    }

    /// Saves a screenshot of the page as `target/browser/NAME-SUFFIX.png`.
    pub fn screenshot(&self, suffix: &str) -> PathBuf {
        let png = self
            .step(async |c| c.screenshot().await)
            .expect("screenshot");
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/browser");
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join(format!("{}-{suffix}.png", self.name));
        std::fs::write(&file, png).unwrap();
        file
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let client = self.client.clone();
        let _ = self.runtime.block_on(async move { client.close().await });
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

fn run(name: &'static str, journey: Journey) -> Result<(), Failed> {
    let server = support::Server::start(&["policies/cloud-au-centre"]);
    let browser = Browser::start(name);
    let base = server.url("");
    let result = journey(&browser, &base);
    if result.is_err() {
        browser.screenshot("failed");
    }
    result.map_err(Failed::from)
}
