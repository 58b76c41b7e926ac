//! Publishing a rendered site so that no build, interrupted or concurrent, can destroy data.
//!
//! - A build replaces only a folder that does not exist, is empty, or holds exactly what an
//!   earlier build wrote, as the manifest it left there proves ([`manifest`]). The current
//!   folder, the home folder, a repository root and any folder holding an input are refused
//!   whatever they hold ([`guard`]).
//! - The new site is written into a temporary folder beside the output, flushed to disk once,
//!   and exchanged with the old one in a single `renameat2(RENAME_EXCHANGE)` on Linux, so the
//!   output always exists; elsewhere, or where the file system cannot exchange, two renames with
//!   the old site restored on failure.
//! - On a mount point (a container volume), where nothing can be renamed over the folder
//!   itself, files are replaced one by one under a manifest that covers both versions
//!   ([`in_place`]).
//! - A lock on the parent folder keeps two builds into one output from interleaving, and
//!   temporary folders left by a killed build are removed by the next one, when their manifest
//!   says they are ours.

mod guard;
mod in_place;
mod manifest;
mod staging;

use std::fs;
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

pub use guard::{Protected, Refusal, resolve_out, resolved};
pub use manifest::{Contents, MANIFEST_NAME, Manifest, Strictness, judge};
pub use staging::Staging;

/// Why nothing, or not everything, was published.
#[derive(Debug, thiserror::Error)]
pub enum PublishError {
    #[error("refusing to publish to `{}`: {reason}", out.display())]
    Refused { out: PathBuf, reason: Refusal },
    #[error("cannot write the site at `{}`: {source}", path.display())]
    Io { path: PathBuf, source: io::Error },
    #[error("interrupted before the site was replaced; the temporary files were removed")]
    Interrupted,
}

fn io_at(path: &Path) -> impl FnOnce(io::Error) -> PublishError + '_ {
    move |source| PublishError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// Publishes `files` (relative path, bytes) as the whole content of `out`.
pub fn publish(
    out: &Path,
    files: &[(PathBuf, Vec<u8>)],
    protected: &Protected,
    cancel: Option<&AtomicBool>,
) -> Result<(), PublishError> {
    let cancelled = || cancel.is_some_and(|c| c.load(Ordering::SeqCst));
    let mut staging = Staging::begin(out, protected)?;
    for (relative, bytes) in files {
        if cancelled() {
            return Err(PublishError::Interrupted);
        }
        staging.write(relative, bytes)?;
    }
    staging.commit(&cancelled)
}

/// Where `out` really is, refused when it is or holds a protected place.
fn protected_target(out: &Path, protected: &Protected) -> Result<PathBuf, PublishError> {
    let refused = |reason| PublishError::Refused {
        out: out.to_path_buf(),
        reason,
    };
    let target = resolve_out(out).map_err(refused)?;
    guard::refuse_protected(&target, protected).map_err(refused)?;
    Ok(target)
}

/// Judges the existing folder: `Ok(None)` when empty, `Ok(Some(manifest))` when ours.
fn replaceable(out: &Path, target: &Path) -> Result<Option<Manifest>, PublishError> {
    match judge(target, Strictness::Content).map_err(io_at(target))? {
        Contents::Empty => Ok(None),
        Contents::Ours(manifest) => Ok(Some(manifest)),
        Contents::Foreign {
            examples,
            more,
            modified,
        } => Err(PublishError::Refused {
            out: out.to_path_buf(),
            reason: Refusal::Foreign {
                examples,
                more,
                modified,
            },
        }),
    }
}

fn write_file(path: &Path, bytes: &[u8]) -> Result<(), PublishError> {
    let mut file = fs::File::create(path).map_err(io_at(path))?;
    file.write_all(bytes).map_err(io_at(path))
}

/// Durability for one flush: `syncfs` on Linux writes every file of the build at once;
/// elsewhere each file is synced.
#[cfg(target_os = "linux")]
fn flush(dir: &Path, _files: &[manifest::Entry]) -> Result<(), PublishError> {
    let handle = fs::File::open(dir).map_err(io_at(dir))?;
    rustix::fs::syncfs(&handle).map_err(|e| PublishError::Io {
        path: dir.to_path_buf(),
        source: e.into(),
    })
}

#[cfg(not(target_os = "linux"))]
fn flush(dir: &Path, files: &[manifest::Entry]) -> Result<(), PublishError> {
    for entry in files {
        let path = dir.join(&entry.path);
        fs::File::open(&path)
            .and_then(|f| f.sync_all())
            .map_err(io_at(&path))?;
    }
    Ok(())
}

/// Swaps the new site at `staged` with the old one at `target`; afterwards `staged` holds the
/// old site.
fn exchange(staged: &Path, target: &Path) -> Result<(), PublishError> {
    #[cfg(any(target_os = "linux", target_os = "android"))]
    {
        use rustix::fs::{CWD, RenameFlags, renameat_with};
        match renameat_with(CWD, staged, CWD, target, RenameFlags::EXCHANGE) {
            Ok(()) => return Ok(()),
            // File systems without RENAME_EXCHANGE fall back to two renames.
            Err(e)
                if e == rustix::io::Errno::INVAL
                    || e == rustix::io::Errno::NOSYS
                    || e == rustix::io::Errno::OPNOTSUPP => {}
            Err(e) => {
                return Err(PublishError::Io {
                    path: target.to_path_buf(),
                    source: e.into(),
                });
            }
        }
    }
    exchange_by_renames(staged, target)
}

/// Two renames through a third name; the old site is put back when the second fails.
fn exchange_by_renames(staged: &Path, target: &Path) -> Result<(), PublishError> {
    let staged_name = staged
        .file_name()
        .map(|n| n.to_string_lossy().replacen(".new-", ".old-", 1))
        .unwrap_or_default();
    let aside = staged.with_file_name(staged_name);
    fs::rename(target, &aside).map_err(io_at(target))?;
    if let Err(e) = fs::rename(staged, target) {
        let _ = fs::rename(&aside, target);
        return Err(PublishError::Io {
            path: target.to_path_buf(),
            source: e,
        });
    }
    fs::rename(&aside, staged).map_err(io_at(staged))
}

/// The folder that holds `target`, and `target`'s name.
fn split(target: &Path) -> (PathBuf, String) {
    let parent = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = target
        .file_name()
        .map_or_else(|| "site".into(), |n| n.to_string_lossy().into_owned());
    (parent, name)
}

/// An exclusive lock held for the whole publish: on the parent folder itself, so that no lock
/// file is left behind.
fn lock(parent: &Path) -> Result<fs::File, PublishError> {
    let handle = fs::File::open(parent).map_err(io_at(parent))?;
    handle.lock().map_err(io_at(parent))?;
    Ok(handle)
}

/// Removes temporary folders of earlier, killed builds into the same output: only those named
/// like ours whose manifest proves every file in them ours (or that are empty).
fn remove_stale(parent: &Path, name: &str) {
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    let prefixes = [format!(".{name}.new-"), format!(".{name}.old-")];
    for entry in entries.flatten() {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        if !prefixes.iter().any(|p| file_name.starts_with(p.as_str())) {
            continue;
        }
        if !entry.file_type().is_ok_and(|t| t.is_dir()) {
            continue;
        }
        let path = entry.path();
        match judge(&path, Strictness::Names) {
            Ok(Contents::Empty) => {
                let _ = fs::remove_dir(&path);
            }
            Ok(Contents::Ours(_)) => {
                let _ = fs::remove_dir_all(&path);
            }
            _ => {}
        }
    }
}

#[cfg(unix)]
fn is_mount_point(target: &Path, parent: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (fs::metadata(target), fs::metadata(parent)) {
        (Ok(t), Ok(p)) => t.dev() != p.dev(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn is_mount_point(_target: &Path, _parent: &Path) -> bool {
    false
}

/// After a rename, the parent folder's entry is made durable too.
fn sync_folder(dir: &Path) {
    if let Ok(handle) = fs::File::open(dir) {
        let _ = handle.sync_all();
    }
}

#[cfg(unix)]
fn set_readable(dir: &Path) {
    use std::os::unix::fs::PermissionsExt;
    // Published pages must be readable by a web server, whatever the temporary folder's mode.
    let _ = fs::set_permissions(dir, fs::Permissions::from_mode(0o755));
}

#[cfg(not(unix))]
fn set_readable(_dir: &Path) {}

#[cfg(test)]
mod tests;
