//! Writing a file whole and atomically: a temporary file beside it, synced, renamed over it
//! (a device, a FIFO or `/dev/stdout` is written in place: it cannot be replaced).

use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};

use super::io_reason;
use crate::diagnostic::Diagnostic;

/// Writes a file whole (a formatted policy, a completed fact file) so that it is never seen
/// half written: the text goes to a temporary file in the same folder, which is synced and
/// then renamed over the file. On any error the file is left as it was and the temporary
/// file is removed. The file keeps its permissions; a symbolic link is followed (its target
/// is replaced, the link stays); a file with other hard links gets a new inode, so the other
/// names keep the old text. What is not a regular file (a device such as `/dev/null`, a FIFO,
/// `/dev/stdout`) is written in place, as it cannot be replaced without destroying it.
pub fn write_text(path: &str, text: &str) -> Result<(), Diagnostic> {
    write_atomic(Path::new(path), text.as_bytes(), |file, bytes| {
        file.write_all(bytes)
    })
}

/// [`write_text`] with the step that writes the bytes given: a seam for tests to make the
/// write fail half-way, as a full disk does.
pub(crate) fn write_atomic(
    path: &Path,
    bytes: &[u8],
    write: impl FnOnce(&mut File, &[u8]) -> std::io::Result<()>,
) -> Result<(), Diagnostic> {
    let cannot = |reason: String| {
        Diagnostic::error(
            "doctrine::io",
            format!("cannot write `{}`: {reason}", path.display()),
        )
        .with_help("the file is unchanged")
    };
    if in_place(path) {
        return std::fs::OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(true)
            .open(path)
            .and_then(|mut file| write(&mut file, bytes).and_then(|()| file.flush()))
            .map_err(|e| {
                Diagnostic::error(
                    "doctrine::io",
                    format!("cannot write `{}`: {}", path.display(), io_reason(&e)),
                )
            });
    }
    let target = target_of(path).map_err(|e| cannot(io_reason(&e)))?;
    let folder = match target.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let permissions = std::fs::metadata(&target).ok().map(|m| m.permissions());
    let (temporary, mut file) =
        create_temporary(&folder, &target, permissions.as_ref()).map_err(|e| {
            cannot(format!(
                "cannot create a temporary file in `{}`: {}",
                folder.display(),
                io_reason(&e)
            ))
        })?;
    let written = write(&mut file, bytes)
        .and_then(|()| file.sync_all())
        .and_then(|()| match permissions {
            Some(permissions) => std::fs::set_permissions(&temporary, permissions),
            None => Ok(()),
        })
        .and_then(|()| {
            drop(file);
            std::fs::rename(&temporary, &target)
        });
    if let Err(error) = written {
        let _ = std::fs::remove_file(&temporary);
        return Err(cannot(io_reason(&error)));
    }
    // The rename is durable once the folder is synced; a folder that cannot be opened
    // (some systems) still holds the new file.
    if let Ok(dir) = File::open(&folder) {
        let _ = dir.sync_all();
    }
    Ok(())
}

/// Whether `path` is to be written in place: it exists and is not a regular file (a device,
/// a FIFO, a socket), or it is a link into `/proc` (`/dev/stdout` leads to
/// `/proc/self/fd/1`), whose target, even a regular file, is the file a process has open.
fn in_place(path: &Path) -> bool {
    if std::fs::metadata(path).is_ok_and(|m| !m.is_file()) {
        return true;
    }
    let mut link = path.to_path_buf();
    // A chain of links is followed a few steps: a longer one is not a standard stream's.
    for _ in 0..8 {
        let Ok(next) = std::fs::read_link(&link) else {
            return false;
        };
        let next = match link.parent() {
            Some(parent) if next.is_relative() => parent.join(next),
            _ => next,
        };
        if next.starts_with("/proc") {
            return true;
        }
        link = next;
    }
    false
}

/// The file to replace: the path itself, or the file a symbolic link leads to (renaming
/// over the link would turn it into a plain file).
fn target_of(path: &Path) -> std::io::Result<PathBuf> {
    match std::fs::symlink_metadata(path) {
        Ok(metadata) if metadata.file_type().is_symlink() => std::fs::canonicalize(path),
        _ => Ok(path.to_path_buf()),
    }
}

/// Creates a new, hidden temporary file beside `target`, never one that exists already.
/// The file is created with the permissions of the file it replaces (`permissions`), so that
/// the new text is never readable by more people than the old one was.
fn create_temporary(
    folder: &Path,
    target: &Path,
    permissions: Option<&std::fs::Permissions>,
) -> std::io::Result<(PathBuf, File)> {
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut last = std::io::Error::other("no temporary name is free");
    for attempt in 0..100u32 {
        let temporary = folder.join(format!(
            ".{name}.{}.{attempt}.doctrine-tmp",
            std::process::id()
        ));
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        if let Some(permissions) = permissions {
            use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
            options.mode(permissions.mode() & 0o777);
        }
        #[cfg(not(unix))]
        let _ = permissions;
        match options.open(&temporary) {
            Ok(file) => return Ok((temporary, file)),
            Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => last = error,
            Err(error) => return Err(error),
        }
    }
    Err(last)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "tests may unwrap")]
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("doctrine-write-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    fn entries(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn a_write_that_fails_half_way_leaves_the_file_and_no_temporary() {
        let dir = scratch("fails");
        let file = dir.join("p.doctrine");
        std::fs::write(&file, "the original text\n").unwrap();
        let error = write_atomic(&file, b"a new text, cut off", |file, bytes| {
            file.write_all(bytes.get(..5).unwrap())?;
            Err(std::io::Error::other("no space left on device"))
        })
        .unwrap_err();
        assert!(error.message.contains("p.doctrine"), "{}", error.message);
        assert!(error.message.contains("no space left"), "{}", error.message);
        assert_eq!(std::fs::read(&file).unwrap(), b"the original text\n");
        assert_eq!(entries(&dir), ["p.doctrine"]);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_write_replaces_the_text_and_leaves_no_temporary() {
        let dir = scratch("writes");
        let file = dir.join("p.doctrine");
        std::fs::write(&file, "old\n").unwrap();
        write_text(file.to_str().unwrap(), "new\n").unwrap();
        assert_eq!(std::fs::read_to_string(&file).unwrap(), "new\n");
        assert_eq!(entries(&dir), ["p.doctrine"]);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn a_write_keeps_permissions_follows_links_and_breaks_hard_links() {
        use std::os::unix::fs::PermissionsExt;
        let dir = scratch("unix");
        let file = dir.join("p.doctrine");
        std::fs::write(&file, "old\n").unwrap();
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o640)).unwrap();
        let hard = dir.join("hard.doctrine");
        std::fs::hard_link(&file, &hard).unwrap();
        let link = dir.join("link.doctrine");
        std::os::unix::fs::symlink("p.doctrine", &link).unwrap();
        write_text(link.to_str().unwrap(), "new\n").unwrap();
        assert!(
            std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(std::fs::read_to_string(&file).unwrap(), "new\n");
        let mode = std::fs::metadata(&file).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o640);
        assert_eq!(std::fs::read_to_string(&hard).unwrap(), "old\n");
        assert_eq!(
            entries(&dir),
            ["hard.doctrine", "link.doctrine", "p.doctrine"]
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }

    /// The new text of a file only its owner may read is never in a file others may read,
    /// not even while it is written: the temporary file has the mode from its creation.
    #[cfg(unix)]
    #[test]
    fn the_temporary_file_has_the_mode_of_the_file_from_the_start() {
        use std::os::unix::fs::PermissionsExt;
        let dir = scratch("mode");
        let file = dir.join("secret.yaml");
        std::fs::write(&file, "old\n").unwrap();
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o600)).unwrap();
        let mut seen = None;
        write_atomic(&file, b"new\n", |temporary, bytes| {
            seen = Some(temporary.metadata()?.permissions().mode() & 0o777);
            temporary.write_all(bytes)
        })
        .unwrap();
        assert_eq!(seen, Some(0o600));
        std::fs::remove_dir_all(&dir).unwrap();
    }

    /// A FIFO is written in place, not replaced by a regular file; `/dev/stdout` too.
    #[cfg(unix)]
    #[test]
    fn what_is_not_a_regular_file_is_written_in_place() {
        let dir = scratch("in-place");
        let file = dir.join("p.doctrine");
        assert!(!in_place(&file));
        std::fs::write(&file, "old\n").unwrap();
        assert!(!in_place(&file));
        assert!(in_place(Path::new("/dev/null")));
        assert!(in_place(Path::new("/dev/stdout")));
        assert!(in_place(&dir));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
