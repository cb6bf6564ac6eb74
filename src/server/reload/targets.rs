//! Which files a reload reads, which folders to watch for them, and which events change
//! them.

use std::path::{Path, PathBuf};

use notify::EventKind;
use notify::event::{AccessKind, AccessMode};

/// The files a reload reads, and the folders that hold them.
#[derive(Clone, Debug, Default)]
pub(super) struct Targets {
    /// Folders whose `.doctrine` files all count (a policy folder).
    folders_of_policy: Vec<PathBuf>,
    /// Files that count (a policy file, an amendment).
    files: Vec<PathBuf>,
    /// Every folder to watch.
    pub(super) folders: Vec<PathBuf>,
}

impl Targets {
    pub(super) fn of(policy: &Path, amend: &[PathBuf]) -> Targets {
        let mut targets = Targets::default();
        if policy.is_dir() {
            let folder = policy.canonicalize().unwrap_or_else(|_| absolute(policy));
            targets.folders_of_policy.push(folder.clone());
            // Its parent too: a folder replaced whole (removed and copied again, or another
            // renamed over it) is seen there, and watched again after the reload.
            if let Some(parent) = folder.parent() {
                targets.folders.push(parent.to_path_buf());
            }
            targets.folders.push(folder);
        } else {
            targets.file(policy);
        }
        for file in amend {
            targets.file(file);
        }
        targets.folders.sort();
        targets.folders.dedup();
        targets
    }

    fn file(&mut self, file: &Path) {
        let file = absolute(file);
        if let Some(folder) = file.parent() {
            self.folders.push(folder.to_path_buf());
        }
        self.files.push(file);
    }

    /// Whether an event may change what a reload reads: a write, a creation, a removal or
    /// a rename of one of the files (reads are not changes: the reload itself reads them).
    pub(super) fn concern(&self, event: &notify::Event) -> bool {
        let changes = match event.kind {
            EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
            EventKind::Access(_) => false,
            _ => true,
        };
        changes
            && event
                .paths
                .iter()
                .any(|path| self.concerns(&absolute(path)))
    }

    /// Whether a path changed may change what a reload reads: one of the files, a
    /// `.doctrine` file of the policy's folder, or a folder in a folder watched (a
    /// deployment that swaps a link to a folder of files, as Kubernetes does for a
    /// ConfigMap, changes every file at once without an event on any of them).
    fn concerns(&self, path: &Path) -> bool {
        let in_policy = || {
            path.parent()
                .is_some_and(|p| self.folders_of_policy.iter().any(|f| f == p))
        };
        let in_watched = || {
            path.parent()
                .is_some_and(|p| self.folders.iter().any(|f| f == p))
        };
        self.files.iter().any(|f| f == path)
            || self.folders_of_policy.iter().any(|f| f == path)
            || (path.extension().is_some_and(|x| x == "doctrine") && in_policy())
            || (in_watched() && path.is_dir())
    }
}

/// A path made absolute, its folder's symbolic links resolved (the watcher names files by
/// the folder watched, resolved so); the file's own name is kept, whether it exists or not.
fn absolute(path: &Path) -> PathBuf {
    let Some(name) = path.file_name() else {
        return path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
    };
    let parent = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    };
    parent
        .canonicalize()
        .map_or_else(|_| path.to_path_buf(), |p| p.join(name))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "tests may unwrap")]
    use notify::event::{CreateKind, ModifyKind};

    use super::*;

    fn event(kind: EventKind, path: &Path) -> notify::Event {
        notify::Event::new(kind).add_path(path.to_path_buf())
    }

    /// The policy's folder counts for its `.doctrine` files and the folders in it, an
    /// amendment elsewhere for itself only; reads never count (a reload reads the files).
    #[test]
    fn only_changes_to_what_a_reload_reads_count() {
        let root = std::env::temp_dir().join(format!("doctrine-targets-{}", std::process::id()));
        let policy = root.join("policy");
        std::fs::create_dir_all(policy.join("sub")).unwrap();
        let targets = Targets::of(&policy, &[root.join("local.doctrine")]);
        let root = root.canonicalize().unwrap();
        let policy = policy.canonicalize().unwrap();
        let write = EventKind::Modify(ModifyKind::Any);
        let create = EventKind::Create(CreateKind::Any);
        assert!(targets.concern(&event(write, &policy.join("a.doctrine"))));
        assert!(targets.concern(&event(create, &policy.join("sub"))));
        assert!(targets.concern(&event(write, &root.join("local.doctrine"))));
        let closed = EventKind::Access(AccessKind::Close(AccessMode::Write));
        assert!(targets.concern(&event(closed, &root.join("local.doctrine"))));
        assert!(!targets.concern(&event(write, &policy.join(".a.doctrine.swp"))));
        assert!(!targets.concern(&event(write, &root.join("other.doctrine"))));
        let opened = EventKind::Access(AccessKind::Open(AccessMode::Any));
        assert!(!targets.concern(&event(opened, &policy.join("a.doctrine"))));
        assert_eq!(targets.folders, vec![root.clone(), policy]);
        std::fs::remove_dir_all(&root).unwrap();
    }
}
