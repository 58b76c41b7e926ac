//! `cordial.toml`: which codes are reported, at which severity, for which files.
//!
//! The file closest to a playbook wins (found by walking up from the playbook's folder), as a
//! whole: settings are not merged across files. `--config FILE` uses one file for every
//! playbook; `--isolated` uses none. Globs (`include`, `exclude`, `overrides.paths`) are
//! relative to the folder of the file that states them.

mod describe;
mod laws;
mod parse;
mod phrases;
pub mod schema;

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use crate::check::CheckedFile;
use crate::diagnostic::{Finding, Severity};
use crate::model::Jurisdiction;
use crate::rules::configured::{LawConfig, RuleConfig};

pub use describe::describe;

pub use parse::ConfigError;

/// The name cordial looks for.
pub const FILE_NAME: &str = "cordial.toml";

/// Where a value came from: a line of a configuration file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    pub file: PathBuf,
    pub line: usize,
}

impl std::fmt::Display for Origin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.file.display(), self.line)
    }
}

/// A code (`graph/dead-end`), a family (`wording/*`) or everything (`*`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pattern(pub String);

impl Pattern {
    pub fn matches(&self, code: &str) -> bool {
        match self.0.strip_suffix("/*") {
            _ if self.0 == "*" => true,
            Some(family) => code.split('/').next() == Some(family),
            None => self.0 == code,
        }
    }
    /// How specific the pattern is: a code beats a family beats `*`.
    fn rank(&self) -> u8 {
        if self.0 == "*" {
            0
        } else if self.0.ends_with("/*") {
            1
        } else {
            2
        }
    }
}

/// A list setting with where it was written.
#[derive(Debug, Clone)]
pub struct Listed<T> {
    pub items: Vec<T>,
    pub origin: Origin,
}

/// A severity override.
#[derive(Debug, Clone)]
pub struct SeverityOverride {
    pub pattern: Pattern,
    pub severity: Severity,
    pub origin: Origin,
}

/// `[[overrides]]`: settings for the files its `paths` globs match.
#[derive(Debug, Clone)]
pub struct Override {
    pub paths: Vec<String>,
    matcher: globset::GlobSet,
    /// Replaces the inherited `select` when present.
    pub select: Option<Listed<Pattern>>,
    /// Adds to the inherited `ignore`.
    pub ignore: Option<Listed<Pattern>>,
    pub severity: Vec<SeverityOverride>,
    /// Replaces the inherited `packs` when present.
    pub packs: Option<Listed<Jurisdiction>>,
    pub origin: Origin,
}

/// One parsed `cordial.toml`.
#[derive(Debug, Clone)]
pub struct Config {
    pub path: PathBuf,
    /// The folder globs are relative to.
    pub dir: PathBuf,
    pub select: Option<Listed<Pattern>>,
    pub ignore: Option<Listed<Pattern>>,
    pub include: Option<(Listed<String>, globset::GlobSet)>,
    pub exclude: Option<(Listed<String>, globset::GlobSet)>,
    pub severity: Vec<SeverityOverride>,
    /// Jurisdiction packs added to every playbook.
    pub packs: Option<Listed<Jurisdiction>>,
    /// `[jurisdiction.*]`: each configured jurisdiction's parameters, computed once.
    pub laws: Arc<BTreeMap<Jurisdiction, LawConfig>>,
    /// `[phrases.*]`: the extra phrase lists, their files read.
    pub phrases: Vec<phrases::PhraseList>,
    /// The same files per language, as the rules read them.
    pub phrase_files: Arc<BTreeMap<String, Vec<Arc<crate::rules::configured::PhraseFile>>>>,
    pub overrides: Vec<Override>,
}

/// Which configuration a run uses.
#[derive(Debug, Clone, Default)]
pub enum Choice {
    /// The closest `cordial.toml` above each playbook.
    #[default]
    Discover,
    /// One file for every playbook (`--config`).
    File(PathBuf),
    /// None (`--isolated`).
    Isolated,
}

/// The settings in force for one playbook, with their origins.
#[derive(Debug, Clone, Default)]
pub struct Effective {
    /// The configuration file, if any.
    pub file: Option<PathBuf>,
    /// Empty means every code.
    pub select: Vec<(Pattern, Option<Origin>)>,
    pub ignore: Vec<(Pattern, Origin)>,
    pub severity: Vec<SeverityOverride>,
    /// The overrides whose globs match this playbook (their `[[overrides]]` lines).
    pub overrides: Vec<Origin>,
    /// The jurisdiction packs added, and where the list was written.
    pub packs: Option<Listed<Jurisdiction>>,
}

impl Effective {
    fn suppressible(code: &str) -> bool {
        crate::rules::meta(code).is_none_or(|m| m.suppressible)
    }

    /// Whether a finding of `code` is reported. Rules that cannot be silenced always are.
    pub fn reports(&self, code: &str) -> bool {
        if !Self::suppressible(code) {
            return true;
        }
        let selected = self.select.is_empty() || self.select.iter().any(|(p, _)| p.matches(code));
        selected && !self.ignore.iter().any(|(p, _)| p.matches(code))
    }

    /// The severity of a finding of `code`: the most specific override (the later one among
    /// equals), never below error for the rules that cannot be silenced.
    pub fn severity_of(&self, code: &str, default: Severity) -> Severity {
        let chosen = self
            .severity
            .iter()
            .enumerate()
            .filter(|(_, s)| s.pattern.matches(code))
            .max_by_key(|(i, s)| (s.pattern.rank(), *i))
            .map_or(default, |(_, s)| s.severity);
        if Self::suppressible(code) {
            chosen
        } else {
            Severity::Error
        }
    }

    /// Applies these settings to one file's findings.
    pub fn apply(&self, findings: &mut Vec<Finding>) {
        findings.retain(|f| self.reports(f.code));
        for f in findings {
            f.severity = self.severity_of(f.code, f.severity);
        }
    }
}

impl Config {
    /// Reads and checks a configuration file.
    pub fn read(path: &Path) -> Result<Self, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|e| ConfigError::unreadable(path, e))?;
        parse::parse(path, &text)
    }

    fn relative(&self, file: &Path) -> Option<PathBuf> {
        let absolute = std::path::absolute(file).ok()?;
        absolute.strip_prefix(&self.dir).ok().map(Path::to_path_buf)
    }

    /// Whether a playbook found in a folder is checked (`include`, then `exclude`).
    pub fn admits(&self, file: &Path) -> bool {
        let Some(relative) = self.relative(file) else {
            return true;
        };
        let included = self
            .include
            .as_ref()
            .is_none_or(|(_, set)| set.is_match(&relative));
        included
            && !self
                .exclude
                .as_ref()
                .is_some_and(|(_, set)| set.is_match(&relative))
    }

    /// The settings for one playbook.
    pub fn effective(&self, file: &Path) -> Effective {
        let mut e = Effective {
            file: Some(self.path.clone()),
            select: self
                .select
                .iter()
                .flat_map(|l| l.items.iter().map(|p| (p.clone(), Some(l.origin.clone()))))
                .collect(),
            ignore: self
                .ignore
                .iter()
                .flat_map(|l| l.items.iter().map(|p| (p.clone(), l.origin.clone())))
                .collect(),
            severity: self.severity.clone(),
            overrides: Vec::new(),
            packs: self.packs.clone(),
        };
        let relative = self.relative(file);
        for o in &self.overrides {
            if !relative.as_ref().is_some_and(|r| o.matcher.is_match(r)) {
                continue;
            }
            e.overrides.push(o.origin.clone());
            if let Some(select) = &o.select {
                e.select = select
                    .items
                    .iter()
                    .map(|p| (p.clone(), Some(select.origin.clone())))
                    .collect();
            }
            if let Some(ignore) = &o.ignore {
                e.ignore.extend(
                    ignore
                        .items
                        .iter()
                        .map(|p| (p.clone(), ignore.origin.clone())),
                );
            }
            e.severity.extend(o.severity.iter().cloned());
            if o.packs.is_some() {
                e.packs = o.packs.clone();
            }
        }
        e
    }

    /// What the rules of one playbook read from this file before they run.
    pub fn rule_config(&self, file: &Path) -> RuleConfig {
        let packs = self.effective(file).packs.map(|l| {
            let names: Vec<&str> = l.items.iter().map(|j| j.as_str()).collect();
            (
                l.items.clone(),
                Arc::new(crate::rules::jurisdiction::Setting {
                    at: l.origin.to_string(),
                    what: format!("packs = {names:?}"),
                }),
            )
        });
        RuleConfig {
            packs,
            laws: self.laws.clone(),
            phrases: self.phrase_files.clone(),
        }
    }
}

/// Finds, reads once and caches the configuration of each playbook. Shared by the threads of a
/// check, which read each playbook's settings before its rules run.
#[derive(Debug, Default)]
pub struct Resolver {
    choice: Choice,
    /// Folder → the closest configuration at or above it.
    by_dir: Mutex<HashMap<PathBuf, Option<Arc<Config>>>>,
    fixed: Option<Arc<Config>>,
}

impl Resolver {
    pub fn new(choice: Choice) -> Result<Self, ConfigError> {
        let fixed = match &choice {
            Choice::File(path) => Some(std::sync::Arc::new(Config::read(path)?)),
            _ => None,
        };
        Ok(Self {
            choice,
            by_dir: Mutex::new(HashMap::new()),
            fixed,
        })
    }

    /// The configuration in force for `file` (shared by the threads of a check).
    pub fn lookup(&self, file: &Path) -> Result<Option<std::sync::Arc<Config>>, ConfigError> {
        match self.choice {
            Choice::Isolated => return Ok(None),
            Choice::File(_) => return Ok(self.fixed.clone()),
            Choice::Discover => {}
        }
        let absolute = std::path::absolute(file).unwrap_or_else(|_| file.to_path_buf());
        let start = absolute.parent().map(Path::to_path_buf).unwrap_or_default();
        self.closest(&start)
    }

    /// What rules read for `file`: None without a configuration, or when it cannot be read
    /// (the run reports that error before any finding).
    pub fn rule_config(&self, file: &Path) -> Option<RuleConfig> {
        let config = self.lookup(file).ok().flatten()?;
        Some(config.rule_config(file))
    }

    fn closest(&self, dir: &Path) -> Result<Option<Arc<Config>>, ConfigError> {
        if let Some(found) = self.lock().get(dir) {
            return Ok(found.clone());
        }
        let candidate = dir.join(FILE_NAME);
        let found = if candidate.is_file() {
            // Shown relative to the working folder, like playbook paths.
            let shown = std::env::current_dir()
                .ok()
                .and_then(|cwd| candidate.strip_prefix(cwd).ok().map(Path::to_path_buf))
                .unwrap_or_else(|| candidate.clone());
            Some(std::sync::Arc::new(Config::read(&shown)?))
        } else {
            match dir.parent() {
                Some(parent) if parent != dir => self.closest(parent)?,
                _ => None,
            }
        };
        self.lock().insert(dir.to_path_buf(), found.clone());
        Ok(found)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<PathBuf, Option<Arc<Config>>>> {
        self.by_dir.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// Applies each file's configuration to its findings.
pub fn apply(resolver: &Resolver, files: &mut [CheckedFile]) -> Result<(), ConfigError> {
    for file in files {
        if let Some(config) = resolver.lookup(&file.source.path)? {
            config
                .effective(&file.source.path)
                .apply(&mut file.findings);
        }
    }
    Ok(())
}
