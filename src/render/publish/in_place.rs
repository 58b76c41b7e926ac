//! Replacing a site file by file, for an output folder that is a mount point (a container
//! volume): the folder itself cannot be renamed, but each file can be renamed over within it.
//!
//! Order matters, so that a build killed at any moment leaves a folder the next build still
//! recognises as its own: first a manifest listing both the old and the new files, then the new
//! files (written into a staging folder inside the site and renamed over one by one), then the
//! old files that are gone, and last the manifest of the new site alone.

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

use super::manifest::{MANIFEST_DRAFT, MANIFEST_NAME, Manifest, slash_path};
use super::{PublishError, io_at, write_file};

pub(super) fn replace(
    site: &Path,
    old: Option<&Manifest>,
    files: &[(PathBuf, Vec<u8>)],
    cancelled: &dyn Fn() -> bool,
) -> Result<(), PublishError> {
    // A staging folder a killed build left (the old manifest names it) goes first.
    if let Some(stale) = old.and_then(|m| m.staging.as_deref()) {
        let _ = fs::remove_dir_all(site.join(stale));
    }
    let new = Manifest::of(files);
    let staging = tempfile::Builder::new()
        .prefix(".cordial-staging-")
        .tempdir_in(site)
        .map_err(io_at(site))?;
    let staging_name = slash_path(Path::new(staging.path().file_name().unwrap_or_default()));
    let mut both = new.clone();
    both.staging = Some(staging_name);
    if let Some(old) = old {
        both.files.extend(old.files.iter().cloned());
    }
    write_manifest(site, &both)?;

    for (relative, bytes) in files {
        if cancelled() {
            return Err(PublishError::Interrupted);
        }
        let staged = staging.path().join(relative);
        if let Some(folder) = staged.parent() {
            fs::create_dir_all(folder).map_err(io_at(folder))?;
        }
        write_file(&staged, bytes)?;
    }
    super::flush(staging.path(), files)?;
    for (relative, _) in files {
        let destination = site.join(relative);
        if let Some(folder) = destination.parent() {
            fs::create_dir_all(folder).map_err(io_at(folder))?;
        }
        fs::rename(staging.path().join(relative), &destination).map_err(io_at(&destination))?;
    }
    if let Some(old) = old {
        let kept: HashSet<&str> = new.files.iter().map(|e| e.path.as_str()).collect();
        for entry in &old.files {
            if !kept.contains(entry.path.as_str()) {
                let _ = fs::remove_file(site.join(&entry.path));
                remove_empty_parents(site, &site.join(&entry.path));
            }
        }
    }
    drop(staging);
    write_manifest(site, &new)?;
    super::sync_folder(site);
    Ok(())
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
