//! The two versions `cordial diff` compares: two paths on disk, or git revisions (the working
//! tree when the head revision is left out). Files are checked without configuration, so the
//! comparison means the same on every machine.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::check::{self, CheckedFile, Options};

/// One side of the comparison.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Side {
    /// A playbook file or a folder of them.
    Path(PathBuf),
    /// A git revision; `paths` restrict it.
    Revision(String),
}

impl Side {
    /// A path when one exists on disk by that name, else a revision.
    pub fn guess(text: &str) -> Self {
        if Path::new(text).exists() {
            Self::Path(PathBuf::from(text))
        } else {
            Self::Revision(text.to_string())
        }
    }
}

fn is_yaml(name: &str) -> bool {
    name.ends_with(".yaml") || name.ends_with(".yml")
}

fn git(args: &[&str]) -> Result<Vec<u8>, String> {
    let out = Command::new("git")
        .args(args)
        .output()
        .map_err(|e| format!("cannot run git: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "git {} failed: {}",
            args.join(" "),
            String::from_utf8_lossy(&out.stderr).trim()
        ));
    }
    Ok(out.stdout)
}

/// A diff compares the parsed documents, so it keeps what a plain check drops.
pub fn diff_options() -> Options {
    Options {
        keep_documents: true,
        ..Options::default()
    }
}

/// The playbooks of one side. `paths` restrict a revision (and are what a missing head reads).
pub fn load(side: &Side, paths: &[PathBuf]) -> Result<Vec<CheckedFile>, String> {
    let options = diff_options();
    match side {
        Side::Path(path) => {
            let inputs = check::discover(std::slice::from_ref(path)).map_err(|e| e.to_string())?;
            Ok(check::check_inputs(&inputs, &options))
        }
        Side::Revision(rev) => {
            git(&[
                "rev-parse",
                "--verify",
                "--quiet",
                &format!("{rev}^{{commit}}"),
            ])
            .map_err(|_| {
                format!("`{rev}` is neither a path nor a git revision of this repository")
            })?;
            let mut args = vec!["ls-tree", "-r", "-z", "--name-only", rev.as_str(), "--"];
            let shown: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
            args.extend(shown.iter().map(String::as_str));
            let listing = git(&args)?;
            let mut files = Vec::new();
            for name in listing.split(|&b| b == 0).filter(|n| !n.is_empty()) {
                let name = String::from_utf8_lossy(name).to_string();
                if !is_yaml(&name) {
                    continue;
                }
                let bytes = git(&["show", &format!("{rev}:./{name}")])?;
                let (source, unreadable) = crate::load::from_bytes(Path::new(&name), bytes);
                files.extend(check::check_source(source, unreadable, false, &options));
            }
            Ok(files)
        }
    }
}

/// The files changed since `rev` (committed, staged, unstaged and untracked), as absolute
/// paths, for `check --changed-since`.
pub fn changed_since(rev: &str) -> Result<Vec<PathBuf>, String> {
    let root = String::from_utf8_lossy(&git(&["rev-parse", "--show-toplevel"])?)
        .trim()
        .to_string();
    git(&[
        "rev-parse",
        "--verify",
        "--quiet",
        &format!("{rev}^{{commit}}"),
    ])
    .map_err(|_| format!("`{rev}` is not a git revision of this repository"))?;
    let mut names = git(&["diff", "--name-only", "-z", rev, "--"])?;
    names.push(0);
    names.extend(git(&[
        "ls-files",
        "--others",
        "--exclude-standard",
        "-z",
        "--full-name",
    ])?);
    Ok(names
        .split(|&b| b == 0)
        .filter(|n| !n.is_empty())
        .map(|n| Path::new(&root).join(String::from_utf8_lossy(n).as_ref()))
        .collect())
}
