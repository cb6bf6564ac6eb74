//! The decision log (`--decision-log FILE`): one JSON line per decision, appended by a
//! writer thread so that requests never wait on the disk, flushed after each burst and
//! synced when the server stops.

use std::fs::{File, OpenOptions};
use std::io::{BufWriter, Write};
use std::path::Path;
use std::sync::Mutex;
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::thread::JoinHandle;

use serde_json::{Value, json};

/// Lines waiting for the writer, at most: past it, requests wait (nothing is dropped).
const QUEUE: usize = 8192;

enum Message {
    Line(String),
    Close,
}

/// An open decision log.
pub struct DecisionLog {
    sender: SyncSender<Message>,
    writer: Mutex<Option<JoinHandle<()>>>,
    log_facts: bool,
}

impl DecisionLog {
    /// Opens (creating it, or appending to it) the log at `path`.
    pub fn open(path: &Path, log_facts: bool) -> Result<DecisionLog, String> {
        let mut options = OpenOptions::new();
        options.create(true).append(true);
        // Decisions, and with `--log-facts` the facts, may be personal data: a log the
        // server creates is readable by its owner only.
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let file = options
            .open(path)
            .map_err(|e| format!("cannot open the decision log `{}`: {e}", path.display()))?;
        let (sender, receiver) = sync_channel(QUEUE);
        let shown = path.to_path_buf();
        let writer = std::thread::Builder::new()
            .name("doctrine-decision-log".into())
            .spawn(move || write_lines(file, &shown, &receiver))
            .map_err(|e| format!("cannot start the decision log's writer: {e}"))?;
        Ok(DecisionLog {
            sender,
            writer: Mutex::new(Some(writer)),
            log_facts,
        })
    }

    /// Logs a decision: the object answered (with its id and record), when, the policy
    /// version, and, with `--log-facts`, the facts' text as received.
    pub fn decision(&self, id: &str, version: &str, decision: &Value, facts: &str) {
        let mut entry = json!({
            "decision_id": id,
            "logged_at": jiff::Timestamp::now().to_string(),
            "policy_version": version,
        });
        if let (Some(object), Value::Object(answered)) = (entry.as_object_mut(), decision) {
            for (key, value) in answered {
                if key != "decision_id" {
                    object.insert(key.clone(), value.clone());
                }
            }
            if self.log_facts {
                object.insert("facts_text".into(), json!(facts));
            }
        }
        let line = serde_json::to_string(&entry).unwrap_or_default();
        if self.sender.send(Message::Line(line)).is_err() {
            tracing::error!("the decision log's writer has stopped: a decision was not logged");
        }
    }

    /// Writes what is queued, syncs the file and stops the writer.
    pub fn close(&self) {
        let _ = self.sender.send(Message::Close);
        let writer = self.writer.lock().ok().and_then(|mut w| w.take());
        if let Some(writer) = writer
            && writer.join().is_err()
        {
            tracing::error!("the decision log's writer failed");
        }
    }
}

fn write_lines(file: File, path: &Path, receiver: &Receiver<Message>) {
    let mut out = BufWriter::new(file);
    let failed = |e: std::io::Error| {
        tracing::error!(path = %path.display(), error = %e, "cannot write the decision log");
    };
    while let Ok(message) = receiver.recv() {
        let mut next = Some(message);
        while let Some(message) = next.take() {
            match message {
                Message::Line(line) => {
                    if let Err(e) = out
                        .write_all(line.as_bytes())
                        .and_then(|()| out.write_all(b"\n"))
                    {
                        failed(e);
                    }
                }
                Message::Close => {
                    if let Err(e) = out.flush().and_then(|()| out.get_ref().sync_all()) {
                        failed(e);
                    }
                    return;
                }
            }
            next = receiver.try_recv().ok();
        }
        if let Err(e) = out.flush() {
            failed(e);
        }
    }
    if let Err(e) = out.flush() {
        failed(e);
    }
}
