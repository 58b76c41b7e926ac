//! Writing a fixed playbook back: atomically, through symbolic links, keeping permissions, and
//! only over the bytes that were checked.

use std::io::Write;
use std::path::Path;

/// Replaces the file at `path` with `fixed`, provided it still holds `original`. The text goes
/// to a temporary file in the same folder (same file system, so the rename is atomic), gets the
/// old file's permissions, is flushed, and is renamed over the file: a reader sees the old text
/// or the new, never half of one. A symbolic link is followed and stays a link.
pub fn replace_file(path: &Path, original: &str, fixed: &str) -> Result<(), String> {
    let fail = |what: &str, e: std::io::Error| format!("cannot {what} {}: {e}", path.display());
    let target = std::fs::canonicalize(path).map_err(|e| fail("resolve", e))?;
    let now = std::fs::read(&target).map_err(|e| fail("read", e))?;
    if now != original.as_bytes() {
        return Err(format!(
            "{} changed while it was being checked; not fixed",
            path.display()
        ));
    }
    let permissions = std::fs::metadata(&target)
        .map_err(|e| fail("read the permissions of", e))?
        .permissions();
    let folder = target.parent().unwrap_or(Path::new("."));
    let mut staged = tempfile::Builder::new()
        .prefix(".cordial-fix-")
        .tempfile_in(folder)
        .map_err(|e| fail("stage the fixed text of", e))?;
    staged
        .write_all(fixed.as_bytes())
        .and_then(|()| staged.as_file().sync_all())
        .map_err(|e| fail("write the fixed text of", e))?;
    std::fs::set_permissions(staged.path(), permissions)
        .map_err(|e| fail("keep the permissions of", e))?;
    staged
        .persist(&target)
        .map_err(|e| fail("replace", e.error))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_is_replaced_whole_keeping_its_permissions_and_refused_when_it_changed() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("p.yaml");
        std::fs::write(&path, "a: 1\r\n").expect("write");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).expect("chmod");
        }
        replace_file(&path, "a: 1\r\n", "a: 2\r\n").expect("replaced");
        assert_eq!(std::fs::read_to_string(&path).expect("read"), "a: 2\r\n");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).expect("meta").permissions().mode();
            assert_eq!(mode & 0o777, 0o640);
        }
        assert!(replace_file(&path, "a: 1\r\n", "a: 3\r\n").is_err());
        assert_eq!(std::fs::read_to_string(&path).expect("read"), "a: 2\r\n");
        let left: Vec<_> = std::fs::read_dir(dir.path()).expect("list").collect();
        assert_eq!(left.len(), 1, "no temporary file is left behind");
    }
}
