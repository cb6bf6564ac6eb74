//! Confining the paths a file names (a decision record's policy, amendments and facts) to a
//! folder: resolved from it, and refused when they lead outside, through `..`, an absolute
//! path or a symbolic link.

use std::path::{Component, Path, PathBuf};

use super::io_reason;
use crate::diagnostic::Diagnostic;
use crate::source::SourceMap;

/// A path a record names, checked to lead inside the root: the file to open, and the name
/// to show.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Resolved {
    /// The path with its symbolic links resolved, as checked: what is opened, so that a
    /// link swapped in after the check is not followed.
    pub open: PathBuf,
    /// The path as the record writes it, joined to the root as given: what messages show.
    pub shown: PathBuf,
}

impl Resolved {
    /// The file's text, named by [`Resolved::shown`] in messages and in `sources`.
    pub fn read_text(&self, sources: &mut SourceMap) -> Result<String, Diagnostic> {
        super::read_text_as(&self.open, &self.shown, sources)
    }

    /// The SHA-256 of the file's bytes, named by [`Resolved::shown`] in messages.
    pub fn sha256(&self) -> Result<String, Diagnostic> {
        super::file_sha256_as(&self.open, &self.shown)
    }
}

/// A folder that the paths a record names are resolved from and must stay inside.
#[derive(Clone, Debug)]
pub struct Root {
    /// The folder as given, for messages and for the paths resolved from it.
    shown: PathBuf,
    /// The folder with its symbolic links resolved, to compare paths with.
    canonical: PathBuf,
}

impl Root {
    /// The root `folder` (the empty path is the current folder).
    pub fn new(folder: &Path) -> Result<Root, Diagnostic> {
        let existing = if folder.as_os_str().is_empty() {
            Path::new(".")
        } else {
            folder
        };
        let canonical = std::fs::canonicalize(existing).map_err(|e| {
            Diagnostic::error(
                "doctrine::io",
                format!(
                    "cannot read the folder `{}`: {}",
                    existing.display(),
                    io_reason(&e)
                ),
            )
        })?;
        Ok(Root {
            shown: folder.to_path_buf(),
            canonical,
        })
    }

    /// The path `named` (relative to the root, or absolute) once checked to lead inside the
    /// root: its resolved form, to open, and its name. The error names the path and the rule,
    /// and says the same whether or not a path outside exists.
    pub fn resolve(&self, named: &str) -> Result<Resolved, Diagnostic> {
        let path = self.shown.join(named);
        match std::fs::canonicalize(&path) {
            Ok(canonical) if canonical.starts_with(&self.canonical) => Ok(Resolved {
                open: canonical,
                shown: path,
            }),
            Ok(_) => Err(self.outside(named)),
            Err(error) => {
                if self.leads_inside(named) {
                    Err(Diagnostic::error(
                        "doctrine::io",
                        format!("cannot read `{}`: {}", path.display(), io_reason(&error)),
                    )
                    .with_help(format!(
                        "the record names files as `eval` was given them, read here from `{}`; \
                         `--root FOLDER` reads them from the folder `eval` ran in",
                        self.shown_root()
                    )))
                } else {
                    Err(self.outside(named))
                }
            }
        }
    }

    /// For a path that cannot be resolved: whether its deepest existing ancestor, resolved,
    /// and the rest of it, taken word for word, lead inside the root.
    fn leads_inside(&self, named: &str) -> bool {
        let absolute = normalise(&self.canonical.join(named));
        let mut ancestor = absolute.as_path();
        let mut rest = Vec::new();
        loop {
            if let Ok(canonical) = std::fs::canonicalize(ancestor) {
                let full = rest.iter().rev().fold(canonical, |p: PathBuf, c| p.join(c));
                return full.starts_with(&self.canonical);
            }
            match (ancestor.parent(), ancestor.file_name()) {
                (Some(parent), Some(name)) => {
                    rest.push(name.to_os_string());
                    ancestor = parent;
                }
                _ => return false,
            }
        }
    }

    /// The root as messages show it (`.` for the current folder).
    fn shown_root(&self) -> String {
        if self.shown.as_os_str().is_empty() {
            String::from(".")
        } else {
            self.shown.display().to_string()
        }
    }

    fn outside(&self, named: &str) -> Diagnostic {
        let root = self.shown_root();
        Diagnostic::error(
            "doctrine::replay",
            format!(
                "the record names `{named}`, outside `{root}`: replay reads only the files \
                 inside the record's folder"
            ),
        )
        .with_help(
            "`..`, absolute paths and symbolic links that lead out of it are refused; replay \
             with `--root FOLDER` to read the files under FOLDER",
        )
    }
}

/// `path` with `.` and `..` taken word for word (a `..` removes the name before it).
fn normalise(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "tests may unwrap")]
    use super::*;

    #[test]
    fn paths_resolve_inside_the_root_and_nowhere_else() {
        let dir = std::env::temp_dir().join(format!("doctrine-confine-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("root/sub")).unwrap();
        std::fs::write(dir.join("root/a.yaml"), "a: 1\n").unwrap();
        std::fs::write(dir.join("outside.yaml"), "b: 2\n").unwrap();
        let root = Root::new(&dir.join("root")).unwrap();
        let resolved = root.resolve("a.yaml").unwrap();
        assert_eq!(resolved.shown, dir.join("root/a.yaml"));
        assert_eq!(
            resolved.open,
            dir.join("root/a.yaml").canonicalize().unwrap()
        );
        assert!(root.resolve("sub/../a.yaml").is_ok());
        let absolute = dir.join("root/a.yaml");
        assert!(root.resolve(absolute.to_str().unwrap()).is_ok());
        for named in [
            "../outside.yaml",
            "sub/../../outside.yaml",
            "../gone.yaml",
            "/etc/x",
        ] {
            let error = root.resolve(named).unwrap_err();
            assert!(
                error.message.contains("outside"),
                "{named}: {}",
                error.message
            );
        }
        let missing = root.resolve("sub/gone.yaml").unwrap_err();
        assert!(
            missing.message.contains("cannot read"),
            "{}",
            missing.message
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }

    /// What is opened is the path as checked: a link inside the root swapped, after the
    /// check, for one that leads out is not followed. Opening the path as written read the
    /// file outside.
    #[cfg(unix)]
    #[test]
    fn a_link_swapped_after_the_check_is_not_followed() {
        let dir =
            std::env::temp_dir().join(format!("doctrine-confine-swap-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("root")).unwrap();
        std::fs::write(dir.join("root/a.yaml"), "inside\n").unwrap();
        std::fs::write(dir.join("secret.yaml"), "SECRET\n").unwrap();
        let link = dir.join("root/link.yaml");
        std::os::unix::fs::symlink("a.yaml", &link).unwrap();
        let root = Root::new(&dir.join("root")).unwrap();
        let resolved = root.resolve("link.yaml").unwrap();
        assert_eq!(resolved.shown, link);
        std::fs::remove_file(&link).unwrap();
        std::os::unix::fs::symlink("../secret.yaml", &link).unwrap();
        let mut sources = SourceMap::new();
        assert_eq!(resolved.read_text(&mut sources).unwrap(), "inside\n");
        let inside = crate::source::sha256_hex(b"inside\n");
        assert_eq!(resolved.sha256().unwrap(), inside);
        // Messages name the path as written, not as resolved.
        std::fs::remove_file(dir.join("root/a.yaml")).unwrap();
        let error = resolved.sha256().unwrap_err();
        assert!(error.message.contains("link.yaml"), "{}", error.message);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
