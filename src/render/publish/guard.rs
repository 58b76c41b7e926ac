//! Which folders a build may never publish to, whatever they hold: the current folder, the
//! user's home, a repository root, a folder holding an input, and anything containing those.

use std::fmt;
use std::path::{Component, Path, PathBuf};

/// Why a build refused its output folder. Nothing was written when this is returned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    CurrentFolder,
    ContainsCurrentFolder,
    Home,
    ContainsHome,
    RepositoryRoot,
    /// The output equals or contains an input path.
    HoldsInput(PathBuf),
    NotAFolder,
    /// A symbolic link whose target does not exist.
    DanglingLink(PathBuf),
    /// The folder holds files no earlier build wrote (or that changed since).
    Foreign {
        examples: Vec<String>,
        more: bool,
        modified: bool,
    },
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::CurrentFolder => write!(f, "it is the current folder"),
            Self::ContainsCurrentFolder => write!(f, "it contains the current folder"),
            Self::Home => write!(f, "it is your home folder"),
            Self::ContainsHome => write!(f, "it contains your home folder"),
            Self::RepositoryRoot => write!(f, "it is the root of a git repository"),
            Self::HoldsInput(input) => write!(f, "it holds the input `{}`", input.display()),
            Self::NotAFolder => write!(f, "it is a file, not a folder"),
            Self::DanglingLink(target) => write!(
                f,
                "it is a link to `{}`, which does not exist",
                target.display()
            ),
            Self::Foreign {
                examples,
                more,
                modified,
            } => {
                let list = examples
                    .iter()
                    .map(|e| format!("`{e}`"))
                    .collect::<Vec<_>>()
                    .join(", ");
                let more = if *more { ", …" } else { "" };
                if *modified {
                    write!(
                        f,
                        "files an earlier build wrote were changed since: {list}{more}"
                    )
                } else {
                    write!(f, "it holds files cordial did not write: {list}{more}")
                }
            }
        }
    }
}

impl Refusal {
    /// What the user can do about it.
    pub fn help(&self) -> &'static str {
        match self {
            Self::Foreign { modified: true, .. } => {
                "move the changed files out of the site (a build replaces every file it wrote), or choose another --out"
            }
            Self::DanglingLink(_) => "create the link's target folder, or choose another --out",
            _ => {
                "choose an --out that is empty, does not exist yet, or was written by an earlier `cordial build` (for example --out site)"
            }
        }
    }
}

/// The places around a build that must never be replaced.
#[derive(Debug, Clone, Default)]
pub struct Protected {
    pub current_folder: Option<PathBuf>,
    pub home: Option<PathBuf>,
    pub inputs: Vec<PathBuf>,
}

impl Protected {
    /// The current folder and home of this process, and the given inputs.
    pub fn here(inputs: &[PathBuf]) -> Self {
        Self {
            current_folder: std::env::current_dir().ok(),
            home: std::env::var_os("HOME")
                .filter(|h| !h.is_empty())
                .map(PathBuf::from),
            inputs: inputs.to_vec(),
        }
    }
}

/// Where a build really writes: `out` made absolute, through a link at `out` itself, with the
/// existing part of the path resolved. Refuses a link to nowhere.
pub fn resolve_out(out: &Path) -> Result<PathBuf, Refusal> {
    if let Ok(meta) = std::fs::symlink_metadata(out)
        && meta.file_type().is_symlink()
    {
        return std::fs::canonicalize(out).map_err(|_| {
            let target = std::fs::read_link(out).unwrap_or_else(|_| out.to_path_buf());
            Refusal::DanglingLink(target)
        });
    }
    Ok(resolved(out))
}

/// Refuses an output folder that is, or contains, a protected place. `out` is resolved.
pub fn refuse_protected(out: &Path, protected: &Protected) -> Result<(), Refusal> {
    if let Some(cwd) = &protected.current_folder {
        let cwd = resolved(cwd);
        if cwd == out {
            return Err(Refusal::CurrentFolder);
        }
        if cwd.starts_with(out) {
            return Err(Refusal::ContainsCurrentFolder);
        }
    }
    if let Some(home) = &protected.home {
        let home = resolved(home);
        if home == out {
            return Err(Refusal::Home);
        }
        if home.starts_with(out) {
            return Err(Refusal::ContainsHome);
        }
    }
    for input in &protected.inputs {
        if resolved(input).starts_with(out) {
            return Err(Refusal::HoldsInput(input.clone()));
        }
    }
    if out.join(".git").exists() {
        return Err(Refusal::RepositoryRoot);
    }
    if out.exists() && !out.is_dir() {
        return Err(Refusal::NotAFolder);
    }
    Ok(())
}

/// `path` made absolute and free of `.` and `..`, with its longest existing prefix resolved
/// through links, so that two spellings of one folder compare equal.
pub fn resolved(path: &Path) -> PathBuf {
    let absolute = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir()
            .unwrap_or_else(|_| PathBuf::from("/"))
            .join(path)
    };
    let mut clean = PathBuf::new();
    for component in absolute.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                clean.pop();
            }
            other => clean.push(other),
        }
    }
    // Resolve the longest prefix that exists; keep the rest as written.
    let mut existing = clean.clone();
    let mut rest = Vec::new();
    loop {
        if let Ok(real) = std::fs::canonicalize(&existing) {
            let mut full = real;
            full.extend(rest.iter().rev());
            return full;
        }
        match (
            existing.file_name().map(|n| n.to_os_string()),
            existing.parent(),
        ) {
            (Some(name), Some(parent)) => {
                rest.push(name);
                existing = parent.to_path_buf();
            }
            _ => return clean,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn protected(cwd: &Path, home: &Path, inputs: &[&Path]) -> Protected {
        Protected {
            current_folder: Some(cwd.to_path_buf()),
            home: Some(home.to_path_buf()),
            inputs: inputs.iter().map(|p| p.to_path_buf()).collect(),
        }
    }

    #[test]
    fn protected_places_and_their_ancestors_are_refused() {
        let root = tempfile::tempdir().expect("tempdir");
        let home = root.path().join("home");
        let repo = home.join("repo");
        let playbooks = repo.join("playbooks");
        std::fs::create_dir_all(&playbooks).expect("mkdir");
        std::fs::create_dir(repo.join(".git")).expect("git");
        let p = protected(&repo, &home, &[&playbooks]);
        let check = |out: &Path| refuse_protected(&resolved(out), &p);
        assert_eq!(check(&repo), Err(Refusal::CurrentFolder));
        assert_eq!(check(&home), Err(Refusal::ContainsCurrentFolder));
        assert_eq!(check(root.path()), Err(Refusal::ContainsCurrentFolder));
        assert_eq!(
            check(&playbooks),
            Err(Refusal::HoldsInput(playbooks.clone()))
        );
        assert_eq!(check(&repo.join("site")), Ok(()));
        // Spelled with `..` it is the same folder.
        assert_eq!(
            check(&repo.join("site/../playbooks")),
            Err(Refusal::HoldsInput(playbooks.clone()))
        );

        let elsewhere = protected(root.path(), &home, &[]);
        assert_eq!(
            refuse_protected(&resolved(&home), &elsewhere),
            Err(Refusal::Home)
        );
        assert_eq!(
            refuse_protected(&resolved(&repo), &elsewhere),
            Err(Refusal::RepositoryRoot)
        );
        let file = root.path().join("file");
        std::fs::write(&file, b"x").expect("file");
        let nobody = Protected::default();
        assert_eq!(
            refuse_protected(&resolved(&file), &nobody),
            Err(Refusal::NotAFolder)
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_link_is_followed_and_a_dangling_one_refused() {
        let root = tempfile::tempdir().expect("tempdir");
        let target = root.path().join("real-site");
        std::fs::create_dir(&target).expect("mkdir");
        let link = root.path().join("site");
        std::os::unix::fs::symlink(&target, &link).expect("link");
        assert_eq!(
            resolve_out(&link),
            Ok(std::fs::canonicalize(&target).expect("c"))
        );
        let dangling = root.path().join("nowhere");
        std::os::unix::fs::symlink(root.path().join("missing"), &dangling).expect("link");
        assert!(matches!(
            resolve_out(&dangling),
            Err(Refusal::DanglingLink(_))
        ));
    }
}
