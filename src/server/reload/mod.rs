//! Reloading the policy when its files change (with `watch`) or on SIGHUP: the new version
//! is loaded and checked aside, then swapped in whole; one that does not check is refused,
//! and the old one keeps serving.

use std::sync::Arc;
use std::time::Duration;

use notify::{RecommendedWatcher, RecursiveMode, Watcher};
use tokio::sync::mpsc::{UnboundedReceiver, UnboundedSender, unbounded_channel};

mod targets;

use targets::Targets;

use super::state::{Loaded, Shared};
use crate::app::{Failed, Workspace};

/// How long the files must stay quiet before a reload: an editor's save is several events.
const QUIET: Duration = Duration::from_millis(200);

/// The longest a burst of events delays a reload: files rewritten without pause (a log
/// written into the policy's folder by mistake) must not put it off for ever.
const LONGEST: Duration = Duration::from_secs(2);

/// What asks for a reload.
#[derive(Clone, Copy, Debug)]
enum Cause {
    /// A file watched changed.
    Files,
    /// SIGHUP.
    Hangup,
}

impl Cause {
    fn name(self) -> &'static str {
        match self {
            Cause::Files => "files changed",
            Cause::Hangup => "SIGHUP",
        }
    }
}

/// Starts reloading on SIGHUP and, with `config.watch`, when the policy's files change. The
/// tasks end with the server's runtime; the watcher is dropped with them.
pub fn start(shared: &Arc<Shared>) {
    let (sender, receiver) = unbounded_channel();
    let watcher = if shared.config.watch {
        watch(shared, sender.clone())
    } else {
        None
    };
    shared
        .watching
        .store(watcher.is_some(), std::sync::atomic::Ordering::Relaxed);
    hangups(sender);
    tokio::spawn(reloads(shared.clone(), receiver, watcher));
}

/// A watcher and what it watches.
type Watching = (RecommendedWatcher, Targets);

/// Watches the folders that hold the policy's files (not the files: an editor replaces a
/// file by renaming a new one over it, which a watch on the file would lose).
fn watch(shared: &Shared, sender: UnboundedSender<Cause>) -> Option<Watching> {
    let targets = Targets::of(&shared.config.spec.policy, &shared.config.spec.amend);
    let handler = {
        let targets = targets.clone();
        move |event: notify::Result<notify::Event>| match event {
            Ok(event) if targets.concern(&event) => {
                let _ = sender.send(Cause::Files);
            }
            Ok(_) => {}
            Err(error) => tracing::warn!(%error, "watching the policy's files"),
        }
    };
    let mut watcher = match notify::recommended_watcher(handler) {
        Ok(watcher) => watcher,
        Err(error) => {
            tracing::error!(%error, "cannot watch the policy's files: reload with SIGHUP");
            return None;
        }
    };
    for folder in &targets.folders {
        if let Err(error) = watcher.watch(folder, RecursiveMode::NonRecursive) {
            tracing::error!(folder = %folder.display(), %error, "cannot watch a folder of the policy: reload with SIGHUP");
        }
    }
    tracing::info!(
        folders = targets.folders.len(),
        "watching the policy's files"
    );
    Some((watcher, targets))
}

/// Watches the folders again: one replaced whole (a new folder where the old one was) is a
/// new folder to the system, which the old watch does not see.
fn rewatch(watching: &mut Option<Watching>) {
    if let Some((watcher, targets)) = watching {
        for folder in &targets.folders {
            let _ = watcher.unwatch(folder);
            if let Err(error) = watcher.watch(folder, RecursiveMode::NonRecursive) {
                tracing::warn!(folder = %folder.display(), %error, "cannot watch a folder of the policy again");
            }
        }
    }
}

/// Sends a reload for each SIGHUP. The handler is installed before this returns (before
/// the server says it listens), so that a SIGHUP never meets the default action, which
/// ends the process.
fn hangups(sender: UnboundedSender<Cause>) {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        let mut hangup = match signal(SignalKind::hangup()) {
            Ok(hangup) => hangup,
            Err(error) => {
                tracing::error!(%error, "cannot listen for SIGHUP");
                return;
            }
        };
        tokio::spawn(async move {
            while hangup.recv().await.is_some() {
                if sender.send(Cause::Hangup).is_err() {
                    return;
                }
            }
        });
    }
    #[cfg(not(unix))]
    drop(sender);
}

/// Reloads once per burst of causes, one reload at a time. Holds the watcher, so that it
/// lives as long as this task.
async fn reloads(
    shared: Arc<Shared>,
    mut receiver: UnboundedReceiver<Cause>,
    mut watching: Option<Watching>,
) {
    while let Some(first) = receiver.recv().await {
        let mut cause = first;
        let began = tokio::time::Instant::now();
        // Waits until no cause has come for `QUIET` (or `LONGEST` has passed); a SIGHUP in
        // the burst names it.
        while began.elapsed() < LONGEST
            && let Ok(Some(next)) = tokio::time::timeout(QUIET, receiver.recv()).await
        {
            if matches!(next, Cause::Hangup) {
                cause = next;
            }
        }
        reload(&shared, cause).await;
        rewatch(&mut watching);
    }
}

/// Loads the policy again aside and swaps it in if it checks.
async fn reload(shared: &Shared, cause: Cause) {
    let spec = shared.config.spec.clone();
    let lang = shared.config.lang;
    let opened = tokio::task::spawn_blocking(move || {
        let workspace = Workspace::open(spec, lang)?;
        let errors = workspace.errors();
        if errors.is_empty() {
            Ok(Loaded::new(workspace))
        } else {
            // The server's `--set` no longer fits the new version.
            Err(Failed {
                diagnostics: errors,
                sources: workspace.sources,
            })
        }
    })
    .await;
    let opened = match opened {
        Ok(opened) => opened,
        Err(error) => {
            tracing::error!(%error, "the reload stopped");
            return;
        }
    };
    let old = shared.current();
    match opened {
        Ok(new) if new.version == old.version => {
            tracing::debug!(cause = cause.name(), version = %old.version, "policy reloaded: the same version");
            if let Ok(mut reloads) = shared.reloads.lock() {
                reloads.errors = None;
            }
        }
        Ok(new) => {
            let version = new.version.clone();
            shared.policy.store(Arc::new(new));
            if let Ok(mut reloads) = shared.reloads.lock() {
                reloads.succeeded += 1;
                reloads.errors = None;
            }
            shared.metrics.reloaded(true);
            shared.metrics.policy_loaded(&version);
            tracing::info!(cause = cause.name(), old = %old.version, new = %version, "policy reloaded");
        }
        Err(failed) => {
            let rendered =
                crate::report::diagnostics::render(&failed.diagnostics, &failed.sources, false);
            if let Ok(mut reloads) = shared.reloads.lock() {
                reloads.failed += 1;
                reloads.errors = Some((failed.diagnostics, failed.sources, jiff::Timestamp::now()));
            }
            shared.metrics.reloaded(false);
            tracing::error!(
                cause = cause.name(),
                version = %old.version,
                errors = %rendered,
                "policy not reloaded: the new version does not check; the old one keeps serving"
            );
        }
    }
}
