//! Adopting cordial on a repository that already has findings: a baseline file records them,
//! and later runs report only findings that are not in it.
//!
//! A finding matches an entry by its code, its file (as given, with `/` separators) and the JSON
//! pointer of its node, never by line or column, so edits elsewhere in the file do not
//! resurrect it. An entry counts how many findings it covers: a node that had one finding and
//! now has two reports the second. Findings that no rule exception may silence (threats, abuse,
//! shaming) and findings that stop a file from being read (`input/unreadable`, `yaml/syntax`)
//! are never recorded: a baseline must not hide them.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::check::CheckedFile;
use crate::diagnostic::Finding;

/// The baseline file's format version.
pub const VERSION: u32 = 1;

/// A baseline file.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    pub version: u32,
    pub entries: Vec<Entry>,
}

/// Findings of one code on one node of one file.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq, PartialOrd, Ord)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub code: String,
    pub file: String,
    /// The node's JSON pointer; absent for findings about the file as a whole.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pointer: Option<String>,
    /// How many findings of this code on this node are accepted.
    pub count: usize,
    /// The first finding's message when recorded, for people reading the file; not matched.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
}

type Key = (String, String, Option<String>);

fn normalise(file: &str) -> String {
    let file = file.replace('\\', "/");
    file.strip_prefix("./").unwrap_or(&file).to_string()
}

fn key(file: &CheckedFile, finding: &Finding) -> Key {
    (
        finding.code.to_string(),
        normalise(&file.source.display_path()),
        finding.primary.location.pointer().map(str::to_string),
    )
}

/// Whether a finding may be recorded in a baseline at all.
pub fn recordable(finding: &Finding) -> bool {
    !matches!(finding.code, "input/unreadable" | "yaml/syntax")
        && crate::rules::meta(finding.code).is_none_or(|m| m.suppressible)
}

/// Builds a baseline file by file, in run order (the same as [`Baseline::of`] on the whole run).
#[derive(Debug, Default)]
pub struct Recorder {
    grouped: BTreeMap<Key, (usize, String)>,
}

impl Recorder {
    pub fn file(&mut self, file: &CheckedFile) {
        for finding in file.findings.iter().filter(|f| recordable(f)) {
            self.grouped
                .entry(key(file, finding))
                .or_insert((0, finding.message.clone()))
                .0 += 1;
        }
    }

    pub fn finish(self) -> Baseline {
        Baseline {
            version: VERSION,
            entries: self
                .grouped
                .into_iter()
                .map(|((code, file, pointer), (count, message))| Entry {
                    code,
                    file,
                    pointer,
                    count,
                    message: Some(message),
                })
                .collect(),
        }
    }
}

/// Applies a baseline file by file, in run order (the same as [`Baseline::apply`] on the whole
/// run): an entry covers the first findings it matches.
#[derive(Debug)]
pub struct Applier<'a> {
    baseline: &'a Baseline,
    remaining: BTreeMap<Key, usize>,
    hidden: usize,
}

impl<'a> Applier<'a> {
    pub fn new(baseline: &'a Baseline) -> Self {
        let mut remaining: BTreeMap<Key, usize> = BTreeMap::new();
        for e in &baseline.entries {
            *remaining
                .entry((e.code.clone(), normalise(&e.file), e.pointer.clone()))
                .or_insert(0) += e.count;
        }
        Self {
            baseline,
            remaining,
            hidden: 0,
        }
    }

    /// Removes the findings the baseline covers from one file.
    pub fn file(&mut self, file: &mut CheckedFile) {
        let findings = std::mem::take(&mut file.findings);
        let mut kept = Vec::with_capacity(findings.len());
        for finding in findings {
            match self.remaining.get_mut(&key(file, &finding)) {
                Some(n) if *n > 0 && recordable(&finding) => {
                    *n -= 1;
                    self.hidden += 1;
                }
                _ => kept.push(finding),
            }
        }
        file.findings = kept;
    }

    /// How many findings were removed, and the entries (with the count still unmatched) that no
    /// longer occur.
    pub fn finish(mut self) -> Applied {
        let stale = self
            .baseline
            .entries
            .iter()
            .filter_map(|e| {
                let k = (e.code.clone(), normalise(&e.file), e.pointer.clone());
                let left = self.remaining.get_mut(&k)?;
                let unmatched = (*left).min(e.count);
                *left -= unmatched;
                (unmatched > 0).then(|| Entry {
                    count: unmatched,
                    ..e.clone()
                })
            })
            .collect();
        Applied {
            hidden: self.hidden,
            stale,
        }
    }
}

impl Baseline {
    /// The baseline of a run's current findings.
    pub fn of(files: &[CheckedFile]) -> Self {
        let mut recorder = Recorder::default();
        for file in files {
            recorder.file(file);
        }
        recorder.finish()
    }

    /// Reads a baseline file; the error names the file, and the line and column of bad JSON.
    pub fn read(path: &Path) -> Result<Self, String> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("cannot read the baseline {}: {e}", path.display()))?;
        let baseline: Self = serde_json::from_str(&text).map_err(|e| {
            format!(
                "{}:{}:{}: not a cordial baseline: {e}",
                path.display(),
                e.line(),
                e.column()
            )
        })?;
        if baseline.version != VERSION {
            return Err(format!(
                "{}: baseline version {} is not supported (this cordial writes version {VERSION}); write it again with --write-baseline",
                path.display(),
                baseline.version
            ));
        }
        Ok(baseline)
    }

    pub fn write(&self, path: &Path) -> Result<(), String> {
        let mut text = serde_json::to_string_pretty(self).unwrap_or_default();
        text.push('\n');
        std::fs::write(path, text)
            .map_err(|e| format!("cannot write the baseline {}: {e}", path.display()))
    }

    /// Removes the findings the baseline covers from `files`; returns how many were removed and
    /// the entries (with the count still unmatched) that no longer occur.
    pub fn apply(&self, files: &mut [CheckedFile]) -> Applied {
        let mut applier = Applier::new(self);
        for file in files.iter_mut() {
            applier.file(file);
        }
        applier.finish()
    }
}

/// What applying a baseline did.
#[derive(Debug, Default)]
pub struct Applied {
    /// Findings left out because the baseline covers them.
    pub hidden: usize,
    /// Entries that matched fewer findings than they count (with the unmatched count).
    pub stale: Vec<Entry>,
}

impl Applied {
    /// Lines for standard error: what was left out, and what no longer occurs.
    pub fn describe(&self, path: &Path) -> String {
        let mut out = String::new();
        if self.hidden > 0 {
            out.push_str(&format!(
                "{} in the baseline {} not shown\n",
                if self.hidden == 1 {
                    "1 finding".to_string()
                } else {
                    format!("{} findings", self.hidden)
                },
                path.display()
            ));
        }
        if !self.stale.is_empty() {
            out.push_str(&format!(
                "{} of the baseline {} no longer {} (remove {}, or write the baseline again with --write-baseline):\n",
                if self.stale.len() == 1 { "1 entry".to_string() } else { format!("{} entries", self.stale.len()) },
                path.display(),
                if self.stale.len() == 1 { "occurs" } else { "occur" },
                if self.stale.len() == 1 { "it" } else { "them" },
            ));
            for e in &self.stale {
                out.push_str(&format!(
                    "  {} {}{}{}\n",
                    e.code,
                    e.file,
                    e.pointer
                        .as_deref()
                        .map(|p| format!(" {p}"))
                        .unwrap_or_default(),
                    if e.count > 1 {
                        format!(" (×{})", e.count)
                    } else {
                        String::new()
                    }
                ));
            }
        }
        out
    }
}
