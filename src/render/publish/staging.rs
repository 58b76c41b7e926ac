//! A site written one file at a time and published whole, so that `build` never holds more than
//! one guide in memory: [`Staging::begin`] takes the lock and judges the output, [`Staging::write`]
//! puts each file where the new site is being assembled, [`Staging::commit`] swaps it in.
//! Dropped without a commit, a staging removes what it wrote and leaves the output as it was.
//!
//! A folder beside the output receives the files. Its manifest can only be written once every
//! file is known, so until then each file's name is appended to a journal before the file is
//! created: a build killed half way leaves a folder whose journal names everything in it, which
//! the next build proves ours and removes ([`super::remove_stale`]).

use std::collections::HashSet;
use std::fs;
use std::io::Write as _;
use std::path::{Component, Path, PathBuf};

use super::in_place::Replacement;
use super::manifest::{Entry, JOURNAL_NAME, MANIFEST_NAME, Manifest, slash_path};
use super::{Protected, PublishError, io_at, write_file};
use crate::render::sha256_hex;

/// A site being assembled; see the module documentation.
pub struct Staging {
    target: PathBuf,
    parent: PathBuf,
    into: Option<Into>,
    entries: Vec<Entry>,
    written: HashSet<String>,
    /// The outermost folder this staging created to hold the output; removed again (when
    /// empty) if nothing is published.
    created: Option<PathBuf>,
    committed: bool,
    _lock: fs::File,
}

enum Into {
    /// A temporary folder beside the output, renamed (or exchanged) into its place.
    Beside {
        dir: tempfile::TempDir,
        journal: fs::File,
        replaces: bool,
    },
    /// The output is a mount point: files are renamed over one by one.
    InPlace(Replacement),
}

impl Staging {
    /// Takes the output's lock, removes what killed builds left, judges what the output holds
    /// now and opens the place the new site is assembled in.
    pub fn begin(out: &Path, protected: &Protected) -> Result<Self, PublishError> {
        let target = super::protected_target(out, protected)?;
        let (parent, name) = super::split(&target);
        let created = outermost_missing(&parent);
        fs::create_dir_all(&parent).map_err(io_at(&parent))?;
        let opened = open(out, &target, &parent, &name);
        match opened {
            Ok((into, lock)) => Ok(Self {
                target,
                parent,
                into: Some(into),
                entries: Vec::new(),
                written: HashSet::new(),
                created,
                committed: false,
                _lock: lock,
            }),
            Err(e) => {
                remove_created(created.as_deref(), &parent);
                Err(e)
            }
        }
    }

    /// Writes one file of the new site, at `relative` (a path of plain names, each written once).
    pub fn write(&mut self, relative: &Path, bytes: &[u8]) -> Result<(), PublishError> {
        let name = slash_path(relative);
        let plain = relative
            .components()
            .all(|c| matches!(c, Component::Normal(_)));
        if !plain || name.is_empty() || name.contains('\n') || !self.written.insert(name.clone()) {
            return Err(PublishError::Io {
                path: relative.to_path_buf(),
                source: std::io::Error::new(
                    std::io::ErrorKind::InvalidInput,
                    "not a fresh relative path of plain names",
                ),
            });
        }
        match self.into.as_mut() {
            Some(Into::Beside { dir, journal, .. }) => {
                // The name goes on record before the file exists, so nothing in the folder is
                // ever unaccounted for.
                writeln!(journal, "{name}").map_err(io_at(dir.path()))?;
                write_under(dir.path(), relative, bytes)?;
            }
            Some(Into::InPlace(replacement)) => replacement.write(relative, bytes)?,
            None => {}
        }
        self.entries.push(Entry {
            path: name,
            sha256: sha256_hex(bytes),
        });
        Ok(())
    }

    /// Publishes what was written as the whole content of the output, unless `cancelled` says
    /// to stop first.
    pub fn commit(mut self, cancelled: &dyn Fn() -> bool) -> Result<(), PublishError> {
        if cancelled() {
            return Err(PublishError::Interrupted);
        }
        let mut manifest = Manifest::of(&[]);
        manifest.files = std::mem::take(&mut self.entries);
        match self.into.take() {
            Some(Into::Beside {
                dir,
                journal,
                replaces,
            }) => {
                drop(journal);
                write_file(&dir.path().join(MANIFEST_NAME), &manifest.to_bytes())?;
                // A folder holding both is still judged by its manifest; the journal must not
                // be published.
                fs::remove_file(dir.path().join(JOURNAL_NAME)).map_err(io_at(dir.path()))?;
                super::set_readable(dir.path());
                super::flush(dir.path(), &manifest.files)?;
                if cancelled() {
                    return Err(PublishError::Interrupted);
                }
                if replaces {
                    super::exchange(dir.path(), &self.target)?;
                } else {
                    fs::rename(dir.path(), &self.target).map_err(io_at(&self.target))?;
                }
                super::sync_folder(&self.parent);
                // After an exchange the temporary folder holds the old site; dropping it
                // removes it.
                drop(dir);
            }
            Some(Into::InPlace(replacement)) => replacement.commit(&manifest)?,
            None => {}
        }
        self.committed = true;
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        // The temporary files go first, then any folder made only to hold the output.
        drop(self.into.take());
        if !self.committed {
            remove_created(self.created.as_deref(), &self.parent);
        }
    }
}

/// Under the lock: what killed builds left goes, the output is judged, the staging is made.
fn open(
    out: &Path,
    target: &Path,
    parent: &Path,
    name: &str,
) -> Result<(Into, fs::File), PublishError> {
    let lock = super::lock(parent)?;
    super::remove_stale(parent, name);
    let existing = if target.is_dir() {
        Some(super::replaceable(out, target)?)
    } else {
        None
    };
    if let Some(old) = &existing
        && super::is_mount_point(target, parent)
    {
        return Ok((
            Into::InPlace(Replacement::begin(target, old.as_ref())?),
            lock,
        ));
    }
    let dir = tempfile::Builder::new()
        .prefix(&format!(".{name}.new-"))
        .tempdir_in(parent)
        .map_err(io_at(parent))?;
    let journal_path = dir.path().join(JOURNAL_NAME);
    let journal = fs::File::create(&journal_path).map_err(io_at(&journal_path))?;
    Ok((
        Into::Beside {
            dir,
            journal,
            replaces: existing.is_some(),
        },
        lock,
    ))
}

/// Writes `bytes` at `relative` under `dir`, making the folders it needs.
pub(super) fn write_under(dir: &Path, relative: &Path, bytes: &[u8]) -> Result<(), PublishError> {
    let path = dir.join(relative);
    if let Some(folder) = path.parent() {
        fs::create_dir_all(folder).map_err(io_at(folder))?;
    }
    write_file(&path, bytes)
}

/// The outermost ancestor of `folder` (or `folder` itself) that does not exist yet.
fn outermost_missing(folder: &Path) -> Option<PathBuf> {
    let mut missing = None;
    let mut current = Some(folder);
    while let Some(dir) = current {
        if dir.as_os_str().is_empty() || dir.exists() {
            break;
        }
        missing = Some(dir.to_path_buf());
        current = dir.parent();
    }
    missing
}

/// Removes the empty folders from `parent` up to `created`, which this build made.
fn remove_created(created: Option<&Path>, parent: &Path) {
    let Some(created) = created else { return };
    let mut folder = Some(parent);
    while let Some(dir) = folder {
        if !dir.starts_with(created) || fs::remove_dir(dir).is_err() {
            break;
        }
        folder = dir.parent();
    }
}
