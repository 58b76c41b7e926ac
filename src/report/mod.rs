//! Findings made concrete (file, line, column) and written for people or machines.

pub mod concise;
pub mod github;
pub mod gitlab;
pub mod human;
pub mod json;
pub mod junit;
pub mod links;
pub mod output;
pub mod rdjson;
pub mod sarif;
pub mod statistics;

use std::ops::Range;

use crate::check::CheckedFile;
use crate::diagnostic::{Finding, Label, Severity};
use crate::source::{Position, SourceFile};

/// A place, resolved.
#[derive(Debug, Clone)]
pub struct Place {
    pub file: String,
    pub span: Range<usize>,
    pub start: Position,
    pub end: Position,
    /// 1-based columns counted in UTF-8 bytes, for formats that want them (rdjson).
    pub start_byte_column: usize,
    pub end_byte_column: usize,
    pub pointer: Option<String>,
}

impl Place {
    pub fn of(source: &SourceFile, location: &crate::diagnostic::Location) -> Self {
        let span = source.resolve(location);
        let start = source.position(span.start);
        let end = source.position(span.end);
        let byte_column = |offset: usize, line: usize| {
            offset.saturating_sub(source.lines.line_range(&source.text, line).start) + 1
        };
        Self {
            file: source.display_path(),
            start_byte_column: byte_column(span.start, start.line),
            end_byte_column: byte_column(span.end, end.line),
            span,
            start,
            end,
            pointer: location.pointer().map(str::to_string),
        }
    }
}

/// A labelled place.
#[derive(Debug, Clone)]
pub struct PlaceLabel {
    pub place: Place,
    pub message: Option<String>,
}

/// A finding with concrete positions, ready for any output format.
#[derive(Debug, Clone)]
pub struct Diagnostic {
    pub code: &'static str,
    pub severity: Severity,
    pub message: String,
    pub help: Option<String>,
    pub note: Option<String>,
    /// What the wording engine read, when it says.
    pub reading: Option<String>,
    pub primary: PlaceLabel,
    pub related: Vec<PlaceLabel>,
    /// Counter-example path: (step id, where it is defined).
    pub path: Vec<(String, Place)>,
    /// The machine fix, its edits resolved to places.
    pub fix: Option<PlacedFix>,
}

/// A fix with each edit's place (its range of the original source) and new text.
#[derive(Debug, Clone)]
pub struct PlacedFix {
    pub description: String,
    pub applicability: crate::diagnostic::Applicability,
    pub edits: Vec<(Place, String)>,
}

impl PlacedFix {
    fn of(source: &SourceFile, fix: &crate::diagnostic::Fix) -> Self {
        Self {
            description: fix.description.clone(),
            applicability: fix.applicability,
            edits: fix
                .edits
                .iter()
                .map(|e| {
                    let at = crate::diagnostic::Location::Bytes(e.range.clone());
                    (Place::of(source, &at), e.replacement.clone())
                })
                .collect(),
        }
    }
}

impl Diagnostic {
    pub fn resolve(source: &SourceFile, finding: &Finding) -> Self {
        let label = |l: &Label| PlaceLabel {
            place: Place::of(source, &l.location),
            message: l.message.clone(),
        };
        Self {
            code: finding.code,
            severity: finding.severity,
            message: finding.message.clone(),
            help: finding.help.clone(),
            note: finding.note.clone(),
            reading: finding.reading.clone(),
            primary: label(&finding.primary),
            related: finding.related.iter().map(label).collect(),
            path: finding
                .path
                .iter()
                .map(|p| (p.name.clone(), Place::of(source, &p.location)))
                .collect(),
            fix: finding.fix.as_ref().map(|f| PlacedFix::of(source, f)),
        }
    }
}

/// Counts for the closing line and the JSON summary.
#[derive(Debug, Clone, Copy, Default)]
pub struct Summary {
    pub files: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    /// Findings `--fix` would resolve, and those only `--unsafe-fixes` would.
    pub fixable: usize,
    pub unsafe_fixable: usize,
    /// After `--fix`: how many fixes were applied.
    pub fixed: Option<usize>,
    /// YAML files found in folders that are not playbooks (named on standard error).
    pub skipped: usize,
}

impl Summary {
    pub fn of(files: &[CheckedFile]) -> Self {
        let mut s = Self {
            files: files.len(),
            ..Self::default()
        };
        for f in files.iter().flat_map(|f| &f.findings) {
            match f.fix.as_ref().map(|fix| fix.applicability) {
                Some(crate::diagnostic::Applicability::Safe) => s.fixable += 1,
                Some(crate::diagnostic::Applicability::Unsafe) => s.unsafe_fixable += 1,
                None => {}
            }
            match f.severity {
                Severity::Error => s.errors += 1,
                Severity::Warning => s.warnings += 1,
                Severity::Info => s.infos += 1,
            }
        }
        s
    }
    /// The same counts, with the number of other YAML files the run left out.
    pub fn skipping(self, skipped: usize) -> Self {
        Self { skipped, ..self }
    }
}

/// Every finding of a run, resolved, in output order (file, root causes first, line, column,
/// code).
pub fn diagnostics(files: &[CheckedFile]) -> Vec<Diagnostic> {
    let mut all: Vec<Diagnostic> = files
        .iter()
        .flat_map(|f| {
            f.findings
                .iter()
                .map(|finding| Diagnostic::resolve(&f.source, finding))
        })
        .collect();
    all.sort_by(|a, b| {
        (
            &a.primary.place.file,
            !crate::diagnostic::is_root_cause(a.code),
            a.primary.place.start.line,
            a.primary.place.start.column,
            a.code,
        )
            .cmp(&(
                &b.primary.place.file,
                !crate::diagnostic::is_root_cause(b.code),
                b.primary.place.start.line,
                b.primary.place.start.column,
                b.code,
            ))
    });
    all
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// `2 errors, 1 warning in 4 playbooks (0.04 s)` or `4 playbooks checked, no findings (0.03 s)`;
/// with `, 2 other YAML files skipped` after the playbooks when a folder held files that are
/// not playbooks (a scan that checked nothing says so rather than look clean).
pub fn closing_line(summary: &Summary, seconds: Option<f64>) -> String {
    let mut files = plural(summary.files, "playbook", "playbooks");
    let skipped = match summary.skipped {
        0 => String::new(),
        1 => ", 1 other YAML file skipped".to_string(),
        n => format!(", {n} other YAML files skipped"),
    };
    let time = seconds.map(|s| format!(" ({s:.2} s)")).unwrap_or_default();
    let mut parts = Vec::new();
    if summary.errors > 0 {
        parts.push(plural(summary.errors, "error", "errors"));
    }
    if summary.warnings > 0 {
        parts.push(plural(summary.warnings, "warning", "warnings"));
    }
    if summary.infos > 0 {
        parts.push(plural(summary.infos, "note", "notes"));
    }
    let line = if parts.is_empty() {
        format!("{files} checked{skipped}, no findings{time}")
    } else {
        files.push_str(&skipped);
        format!("{} in {files}{time}", parts.join(", "))
    };
    format!("{line}{}", fixes_said(summary))
}

/// `; 3 fixes applied (2 remaining)` after `--fix`, or `; 2 fixable with --fix` when fixes
/// exist; nothing when neither.
fn fixes_said(summary: &Summary) -> String {
    let remaining = summary.errors + summary.warnings + summary.infos;
    let unsafe_more = match summary.unsafe_fixable {
        0 => String::new(),
        n => format!("; {n} more fixable with --unsafe-fixes"),
    };
    match summary.fixed {
        Some(applied) => format!(
            "; {} applied ({remaining} remaining{unsafe_more})",
            plural(applied, "fix", "fixes")
        ),
        None if summary.fixable > 0 => {
            format!("; {} fixable with --fix{unsafe_more}", summary.fixable)
        }
        None if summary.unsafe_fixable > 0 => {
            format!("; {} fixable with --unsafe-fixes", summary.unsafe_fixable)
        }
        None => String::new(),
    }
}
