//! The walk over folders, and why an input that cannot be read is never skipped.
//!
//! Symbolic links are followed (a linked playbook is checked like any other). Whatever the walk
//! cannot enter or read — a folder without permission, a symlink loop, a dangling link, a FIFO
//! or socket with a YAML name — is handed on as an input of its own, so that reading it reports
//! the reason as `input/unreadable` and the rest of the run goes on.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::diagnostic::{Finding, Location};

/// Something found under a folder: a path to check, and whether it must be reported even if it
/// turns out not to be a playbook (everything the walk could not read).
pub struct Found {
    pub path: PathBuf,
    pub must_report: bool,
}

fn is_yaml(path: &Path) -> bool {
    matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("yaml" | "yml")
    )
}

/// The path an error of the walk is about, if it names one.
fn error_path(error: &ignore::Error) -> Option<PathBuf> {
    match error {
        ignore::Error::WithPath { path, .. } => Some(path.clone()),
        ignore::Error::Loop { child, .. } => Some(child.clone()),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            error_path(err)
        }
        ignore::Error::Partial(errors) => errors.iter().find_map(error_path),
        _ => None,
    }
}

/// YAML files under `folder` (honouring `.gitignore`, `.ignore` and hidden files), sorted, with
/// every entry the walk could not read.
pub fn yaml_files(folder: &Path) -> Vec<Found> {
    let walker = ignore::WalkBuilder::new(folder)
        .require_git(false)
        .follow_links(true)
        .sort_by_file_path(Ord::cmp)
        .build();
    let mut found = Vec::new();
    for entry in walker {
        match entry {
            Ok(entry) => {
                let is_dir = entry.file_type().is_some_and(|t| t.is_dir());
                if !is_dir && is_yaml(entry.path()) {
                    let regular = entry.file_type().is_some_and(|t| t.is_file());
                    found.push(Found {
                        path: entry.path().to_path_buf(),
                        must_report: !regular,
                    });
                }
            }
            Err(error) => {
                let path = error_path(&error).unwrap_or_else(|| folder.to_path_buf());
                // A dangling link or unreadable entry that is neither a folder nor YAML was
                // never going to be a playbook.
                let folder_like = fs::symlink_metadata(&path).is_ok_and(|m| !m.is_file());
                if is_yaml(&path) || folder_like || path == folder {
                    found.push(Found {
                        path,
                        must_report: true,
                    });
                }
            }
        }
    }
    found
}

fn unreadable(message: String) -> Finding {
    Finding::new("input/unreadable", message, Location::Bytes(0..0))
}

/// Reads a file's bytes within `max_bytes`, or says why it cannot be read. Never blocks on a
/// FIFO and never reads more than one byte past the limit.
// Reading fails rarely and then ends the file's check: boxing the finding would only add noise.
#[allow(clippy::result_large_err)]
pub fn read_bytes(path: &Path, max_bytes: u64) -> Result<Vec<u8>, Finding> {
    let metadata = match fs::metadata(path) {
        Ok(m) => m,
        Err(e) => {
            return Err(match fs::read_link(path) {
                Ok(target) => unreadable(format!(
                    "a symbolic link to `{}`, which cannot be opened: {e}",
                    target.display()
                ))
                .help("fix or remove the link"),
                Err(_) => unreadable(format!("cannot open the file: {e}")),
            });
        }
    };
    if metadata.is_dir() {
        let why = match fs::read_dir(path) {
            Err(e) => format!("cannot list the folder: {e}"),
            Ok(_) => "a folder that links back to one of its own parents (a symlink loop)".into(),
        };
        return Err(unreadable(why).help(
            "fix the folder's permissions or the link, or leave it out with a `.ignore` file",
        ));
    }
    if !metadata.is_file() {
        return Err(unreadable(
            "not a regular file (a FIFO, socket or device): it is not read".into(),
        )
        .help("playbooks are regular files; remove it or leave it out with a `.ignore` file"));
    }
    if metadata.len() > max_bytes {
        return Err(too_large(max_bytes));
    }
    let file = fs::File::open(path).map_err(|e| {
        unreadable(format!("cannot open the file: {e}")).help("check the file's permissions")
    })?;
    let mut bytes = Vec::new();
    file.take(max_bytes + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| unreadable(format!("cannot read the file: {e}")))?;
    if bytes.len() as u64 > max_bytes {
        return Err(too_large(max_bytes));
    }
    Ok(bytes)
}

/// `input/unreadable` for a file over the size limit (also said of an editor's buffer).
pub fn too_large(max_bytes: u64) -> Finding {
    unreadable(format!("the file is larger than the limit of {max_bytes} bytes"))
        .help("playbooks are small; split this file, or raise the limit with `--max-file-size` if it really is one playbook")
}
