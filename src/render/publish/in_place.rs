//! Replacing a site file by file, for an output folder that is a mount point (a container
//! volume): the folder itself cannot be renamed, but each file can be renamed over within it.
//!
//! Order matters, so that a build killed at any moment leaves a folder the next build still
//! recognises as its own: first a manifest listing the old files and naming a staging folder
//! inside the site (whose content is cordial's whatever it holds), then the new files written
//! into that folder, then a manifest listing both the old and the new files, the new files
//! renamed over one by one, the old files that are gone removed, and last the manifest of the
//! new site alone.

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

use super::manifest::{MANIFEST_DRAFT, MANIFEST_NAME, Manifest, slash_path};
use super::{PublishError, io_at, write_file};

/// A replacement under way; dropped without [`Replacement::commit`], the staging folder goes
/// and the site keeps its old files.
pub(super) struct Replacement {
    site: PathBuf,
    old: Option<Manifest>,
    staging: tempfile::TempDir,
    staging_name: String,
}

impl Replacement {
    pub(super) fn begin(site: &Path, old: Option<&Manifest>) -> Result<Self, PublishError> {
        // A staging folder a killed build left (the old manifest names it) goes first.
        if let Some(stale) = old.and_then(|m| m.staging.as_deref()) {
            let _ = fs::remove_dir_all(site.join(stale));
        }
        let staging = tempfile::Builder::new()
            .prefix(".cordial-staging-")
            .tempdir_in(site)
            .map_err(io_at(site))?;
        let staging_name = slash_path(Path::new(staging.path().file_name().unwrap_or_default()));
        let mut claimed = old.cloned().unwrap_or_else(|| Manifest::of(&[]));
        claimed.staging = Some(staging_name.clone());
        write_manifest(site, &claimed)?;
        Ok(Self {
            site: site.to_path_buf(),
            old: old.cloned(),
            staging,
            staging_name,
        })
    }

    pub(super) fn write(&mut self, relative: &Path, bytes: &[u8]) -> Result<(), PublishError> {
        super::staging::write_under(self.staging.path(), relative, bytes)
    }

    /// Moves the staged files over the site's and makes `new` its manifest.
    pub(super) fn commit(self, new: &Manifest) -> Result<(), PublishError> {
        super::flush(self.staging.path(), &new.files)?;
        let mut both = new.clone();
        both.staging = Some(self.staging_name.clone());
        if let Some(old) = &self.old {
            both.files.extend(old.files.iter().cloned());
        }
        write_manifest(&self.site, &both)?;
        for entry in &new.files {
            let destination = self.site.join(&entry.path);
            if let Some(folder) = destination.parent() {
                fs::create_dir_all(folder).map_err(io_at(folder))?;
            }
            fs::rename(self.staging.path().join(&entry.path), &destination)
                .map_err(io_at(&destination))?;
        }
        if let Some(old) = &self.old {
            let kept: HashSet<&str> = new.files.iter().map(|e| e.path.as_str()).collect();
            for entry in &old.files {
                if !kept.contains(entry.path.as_str()) {
                    let _ = fs::remove_file(self.site.join(&entry.path));
                    remove_empty_parents(&self.site, &self.site.join(&entry.path));
                }
            }
        }
        let site = self.site.clone();
        drop(self);
        write_manifest(&site, new)?;
        super::sync_folder(&site);
        Ok(())
    }
}

/// Replaces the site's files with `files` in one go.
#[cfg(test)]
pub(super) fn replace(
    site: &Path,
    old: Option<&Manifest>,
    files: &[(PathBuf, Vec<u8>)],
    cancelled: &dyn Fn() -> bool,
) -> Result<(), PublishError> {
    let mut replacement = Replacement::begin(site, old)?;
    for (relative, bytes) in files {
        if cancelled() {
            return Err(PublishError::Interrupted);
        }
        replacement.write(relative, bytes)?;
    }
    replacement.commit(&Manifest::of(files))
}

/// Writes a manifest beside the site's and renames it into place, so it is never half written.
fn write_manifest(site: &Path, manifest: &Manifest) -> Result<(), PublishError> {
    let draft = site.join(MANIFEST_DRAFT);
    write_file(&draft, &manifest.to_bytes())?;
    let path = site.join(MANIFEST_NAME);
    fs::rename(&draft, &path).map_err(io_at(&path))
}

/// Removes the folders a removed file leaves empty, up to (not including) the site.
fn remove_empty_parents(site: &Path, file: &Path) {
    let mut folder = file.parent();
    while let Some(dir) = folder {
        if dir == site || !dir.starts_with(site) || fs::remove_dir(dir).is_err() {
            break;
        }
        folder = dir.parent();
    }
}
