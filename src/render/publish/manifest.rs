//! The manifest a build leaves in every site it writes: the proof, checked before any later
//! build replaces the folder, that everything in it was written by cordial and is unchanged.

use std::collections::HashSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::render::sha256_hex;

/// The manifest's file name, at the top of the site.
pub const MANIFEST_NAME: &str = ".cordial-site.json";
/// Where a manifest is written before it is renamed into place.
pub(super) const MANIFEST_DRAFT: &str = ".cordial-site.json.new";
/// Where a build writing a site file by file records each file's name before creating it, until
/// the manifest can be written: one path per line (see [`super::Staging`]).
pub(super) const JOURNAL_NAME: &str = ".cordial-site.journal";
const FORMAT: &str = "cordial-site/1";
/// How many offending paths a refusal names.
const EXAMPLES: usize = 5;

/// What a site holds: every file with its SHA-256, in the order written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    pub format: String,
    pub generator: String,
    /// A folder inside the site that a build replacing files one by one (on a mount point) is
    /// filling; it is cordial's own and may be removed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub staging: Option<String>,
    pub files: Vec<Entry>,
}

/// One file. A path may appear twice, with two hashes, while a site is being replaced file by
/// file: either version is cordial's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    pub path: String,
    pub sha256: String,
}

impl Manifest {
    pub fn of(files: &[(PathBuf, Vec<u8>)]) -> Self {
        Self {
            format: FORMAT.into(),
            generator: format!("cordial {}", env!("CARGO_PKG_VERSION")),
            staging: None,
            files: files
                .iter()
                .map(|(path, bytes)| Entry {
                    path: slash_path(path),
                    sha256: sha256_hex(bytes),
                })
                .collect(),
        }
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        let mut text = serde_json::to_string_pretty(self).unwrap_or_default();
        text.push('\n');
        text.into_bytes()
    }

    /// The files a journal at the top of `dir` names, as a manifest without hashes.
    fn from_journal(dir: &Path) -> Option<Self> {
        let bytes = fs::read(dir.join(JOURNAL_NAME)).ok()?;
        let text = String::from_utf8_lossy(&bytes);
        let mut manifest = Self::of(&[]);
        // A line cut short by a kill names no file: the name is written before the file.
        manifest.files = text
            .lines()
            .filter(|line| !line.is_empty())
            .map(|line| Entry {
                path: line.to_string(),
                sha256: String::new(),
            })
            .collect();
        Some(manifest)
    }

    /// The manifest at the top of `dir`, if there is one that parses as ours.
    pub fn read(dir: &Path) -> Option<Self> {
        let bytes = fs::read(dir.join(MANIFEST_NAME)).ok()?;
        let manifest: Self = serde_json::from_slice(&bytes).ok()?;
        (manifest.format == FORMAT).then_some(manifest)
    }
}

/// What a folder holds, judged against its manifest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Contents {
    /// Nothing at all.
    Empty,
    /// Only files the manifest lists.
    Ours(Manifest),
    /// Something else: the manifest is missing, or files are not listed or were changed.
    Foreign {
        /// Up to five offending paths, relative to the folder.
        examples: Vec<String>,
        /// Whether there are more than those.
        more: bool,
        /// True when every offending file is listed but its content changed.
        modified: bool,
    },
}

/// How strictly to compare with the manifest.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Strictness {
    /// Every file must be listed with its exact content: a site that is about to be replaced.
    Content,
    /// Every file must be listed; content may differ (a file half written when a build was
    /// killed): a temporary folder of ours left behind. A build killed before its manifest was
    /// written lists its files in its journal, which counts as a listing here (never for
    /// [`Strictness::Content`]: a published site always has its manifest).
    Names,
}

/// Judges what `dir` holds. A folder without a manifest is judged from its top level alone, so
/// a large unrelated tree (a home folder, a repository) costs one directory listing.
pub fn judge(dir: &Path, strictness: Strictness) -> io::Result<Contents> {
    let read = Manifest::read(dir).or_else(|| {
        if strictness == Strictness::Names {
            Manifest::from_journal(dir)
        } else {
            None
        }
    });
    let Some(manifest) = read else {
        let mut top = Vec::new();
        for entry in fs::read_dir(dir)? {
            let entry = entry?;
            let mut name = entry.file_name().to_string_lossy().into_owned();
            if entry.file_type()?.is_dir() {
                name.push('/');
            }
            top.push(name);
        }
        if top.is_empty() {
            return Ok(Contents::Empty);
        }
        top.sort();
        let more = top.len() > EXAMPLES;
        top.truncate(EXAMPLES);
        return Ok(Contents::Foreign {
            examples: top,
            more,
            modified: false,
        });
    };
    let mut present = Vec::new();
    let mut folders = Vec::new();
    walk(dir, dir, &mut present, &mut folders)?;
    let staging = manifest.staging.as_deref();
    let listed: HashSet<&str> = manifest.files.iter().map(|e| e.path.as_str()).collect();
    let hashes: HashSet<(&str, &str)> = manifest
        .files
        .iter()
        .map(|e| (e.path.as_str(), e.sha256.as_str()))
        .collect();
    let mut unlisted = Vec::new();
    let mut changed = Vec::new();
    for path in &present {
        let own = path == MANIFEST_NAME
            || path == MANIFEST_DRAFT
            || (strictness == Strictness::Names && path == JOURNAL_NAME);
        if own || in_folder(path, staging) {
            continue;
        }
        if !listed.contains(path.as_str()) {
            unlisted.push(path.clone());
        } else if strictness == Strictness::Content {
            let bytes = fs::read(dir.join(path))?;
            if !hashes.contains(&(path.as_str(), sha256_hex(&bytes).as_str())) {
                changed.push(path.clone());
            }
        }
    }
    // A folder is ours when some listed file lies inside it (or it is the staging folder).
    for folder in &folders {
        let prefix = format!("{folder}/");
        let holds_listed = listed.iter().any(|p| p.starts_with(&prefix));
        if !holds_listed && !in_folder(folder, staging) && Some(folder.as_str()) != staging {
            unlisted.push(format!("{folder}/"));
        }
    }
    let modified = unlisted.is_empty() && !changed.is_empty();
    let mut offending: Vec<String> = unlisted.into_iter().chain(changed).collect();
    if offending.is_empty() {
        return Ok(Contents::Ours(manifest));
    }
    offending.sort();
    let more = offending.len() > EXAMPLES;
    offending.truncate(EXAMPLES);
    Ok(Contents::Foreign {
        examples: offending,
        more,
        modified,
    })
}

fn in_folder(path: &str, folder: Option<&str>) -> bool {
    folder.is_some_and(|f| {
        path.strip_prefix(f)
            .is_some_and(|rest| rest.starts_with('/'))
    })
}

/// Collects files (anything that is not a real folder, links included) and folders, relative
/// to `root`, with `/` separators.
fn walk(
    root: &Path,
    dir: &Path,
    files: &mut Vec<String>,
    folders: &mut Vec<String>,
) -> io::Result<()> {
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        let path = entry.path();
        let relative = slash_path(path.strip_prefix(root).unwrap_or(&path));
        // A directory entry's type does not follow links: a link is judged as a file of its own
        // and never followed out of the site.
        if entry.file_type()?.is_dir() {
            folders.push(relative);
            walk(root, &path, files, folders)?;
        } else {
            files.push(relative);
        }
    }
    Ok(())
}

/// A relative path with `/` separators, as the manifest stores it.
pub fn slash_path(path: &Path) -> String {
    path.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(files: &[(&str, &str)]) -> (tempfile::TempDir, Vec<(PathBuf, Vec<u8>)>) {
        let dir = tempfile::tempdir().expect("tempdir");
        let files: Vec<(PathBuf, Vec<u8>)> = files
            .iter()
            .map(|(p, c)| (PathBuf::from(p), c.as_bytes().to_vec()))
            .collect();
        for (path, bytes) in &files {
            let full = dir.path().join(path);
            fs::create_dir_all(full.parent().expect("parent")).expect("mkdir");
            fs::write(full, bytes).expect("write");
        }
        (dir, files)
    }

    #[test]
    fn an_empty_folder_is_empty_and_a_folder_without_manifest_is_foreign() {
        let dir = tempfile::tempdir().expect("tempdir");
        assert_eq!(
            judge(dir.path(), Strictness::Content).expect("judge"),
            Contents::Empty
        );
        let (dir, _) = site(&[("notes.txt", "mine"), ("src/main.rs", "fn main() {}")]);
        match judge(dir.path(), Strictness::Content).expect("judge") {
            Contents::Foreign {
                examples,
                more,
                modified,
            } => {
                assert_eq!(examples, ["notes.txt", "src/"]);
                assert!(!more && !modified);
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_site_with_its_manifest_is_ours_until_a_file_is_added_or_changed() {
        let (dir, files) = site(&[("index.html", "<p>"), ("a/guide.json", "{}")]);
        fs::write(
            dir.path().join(MANIFEST_NAME),
            Manifest::of(&files).to_bytes(),
        )
        .expect("m");
        assert!(matches!(
            judge(dir.path(), Strictness::Content).expect("judge"),
            Contents::Ours(_)
        ));

        fs::write(dir.path().join("a/guide.json"), "{\"edited\": true}").expect("edit");
        match judge(dir.path(), Strictness::Content).expect("judge") {
            Contents::Foreign {
                examples, modified, ..
            } => {
                assert_eq!(examples, ["a/guide.json"]);
                assert!(modified);
            }
            other => panic!("{other:?}"),
        }
        // A half-written file of ours still counts as ours when only names matter.
        assert!(matches!(
            judge(dir.path(), Strictness::Names).expect("judge"),
            Contents::Ours(_)
        ));

        fs::write(dir.path().join("CNAME"), "docs.example.com").expect("add");
        match judge(dir.path(), Strictness::Names).expect("judge") {
            Contents::Foreign { examples, .. } => assert_eq!(examples, ["CNAME"]),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn an_unknown_manifest_format_is_not_ours() {
        let (dir, _) = site(&[("index.html", "<p>")]);
        fs::write(
            dir.path().join(MANIFEST_NAME),
            r#"{"format": "other/9", "generator": "x", "files": [{"path": "index.html", "sha256": "0"}]}"#,
        )
        .expect("m");
        assert!(matches!(
            judge(dir.path(), Strictness::Names).expect("judge"),
            Contents::Foreign { .. }
        ));
    }

    #[test]
    fn a_journal_lists_files_for_a_leftover_but_never_for_a_site() {
        let (dir, _) = site(&[("index.html", "<p>"), ("a/guide.json", "{\"half")]);
        fs::write(
            dir.path().join(JOURNAL_NAME),
            "index.html\na/guide.json\na/dia",
        )
        .expect("j");
        assert!(matches!(
            judge(dir.path(), Strictness::Names).expect("judge"),
            Contents::Ours(_)
        ));
        assert!(matches!(
            judge(dir.path(), Strictness::Content).expect("judge"),
            Contents::Foreign { .. }
        ));
        fs::write(dir.path().join("notes.txt"), "mine").expect("add");
        match judge(dir.path(), Strictness::Names).expect("judge") {
            Contents::Foreign { examples, .. } => assert_eq!(examples, ["notes.txt"]),
            other => panic!("{other:?}"),
        }
    }
}
