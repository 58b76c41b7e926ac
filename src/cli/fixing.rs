//! `check --fix`, `--unsafe-fixes` and `--diff`: each playbook with fixes is fixed round after
//! round (re-checked with the same configuration each time) and then written back, or shown as
//! a unified diff.

use std::path::Path;

use crate::check::{self, CheckedFile, Options};
use crate::fix::{self, Mode};
use crate::source::SourceFile;

/// The fixing options of `check`.
#[derive(Debug, Clone, clap::Args)]
pub struct FixArgs {
    /// Apply the fixes that are safe and certain (a unique did-you-mean, the preferred word),
    /// then report what is left.
    #[arg(long)]
    pub fix: bool,
    /// Apply every fix, also those that add the pack's sentence to a message (implies --fix).
    #[arg(long)]
    pub unsafe_fixes: bool,
    /// Print the fixes as a unified diff instead of writing them; exit 1 when there is one.
    #[arg(long)]
    pub diff: bool,
}

impl FixArgs {
    /// What to do, or None when no fixing option is given.
    pub fn request(&self) -> Option<Request> {
        let mode = if self.unsafe_fixes {
            Mode::Unsafe
        } else {
            Mode::Safe
        };
        (self.fix || self.unsafe_fixes || self.diff).then_some(Request {
            mode,
            write: !self.diff,
        })
    }
}

/// How the fixing part of a run ended.
#[derive(Debug)]
pub enum Done {
    /// `--diff`: the diff for standard output, the sentence for standard error, and whether any
    /// file would change.
    Diff {
        text: String,
        said: String,
        changed: bool,
    },
    /// `--fix`: how many fixes were written (the files were then checked again).
    Written { applied: usize },
}

/// What a `check` run was asked, for checking again after fixing.
pub struct CheckRun<'a> {
    pub paths: &'a [std::path::PathBuf],
    pub stdin_filename: Option<&'a Path>,
    pub changed_since: Option<&'a str>,
    pub config: crate::config::Choice,
    pub options: Options,
}

/// Runs the fixing part of `check` on `files` (only those changed since the revision under
/// `--changed-since`). The caller checks the paths afresh for the report after writing.
/// Standard input is never written: `--fix` with `-` is an error, `--diff` works.
pub fn run(run: &CheckRun<'_>, request: Request, files: &[CheckedFile]) -> Result<Done, String> {
    if request.write && run.paths.iter().any(|p| p.as_os_str() == "-") {
        return Err(
            "--fix cannot write a playbook read from standard input; use --diff to see the fixes"
                .into(),
        );
    }
    let targets = match run.changed_since {
        Some(rev) => super::changed_files_since(rev, files)?,
        None => files.iter().collect(),
    };
    let report = fix_files(&targets, request, run.config.clone(), &run.options)?;
    if !request.write {
        let fixes = if report.applied == 1 { "fix" } else { "fixes" };
        let playbooks = if report.changed == 1 {
            "playbook"
        } else {
            "playbooks"
        };
        return Ok(Done::Diff {
            said: format!(
                "{} {fixes} would be applied to {} {playbooks}; nothing was written",
                report.applied, report.changed
            ),
            text: report.diff,
            changed: report.changed > 0,
        });
    }
    Ok(Done::Written {
        applied: report.applied,
    })
}

/// What the fixing part of a run does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Request {
    pub mode: Mode,
    /// Write the files (`--fix`), or only show the diff (`--diff`).
    pub write: bool,
}

/// What fixing the files of a run came to.
#[derive(Debug, Default)]
pub struct Report {
    /// Fixes applied (or, with `--diff`, that would be).
    pub applied: usize,
    /// Playbooks changed (or that would be).
    pub changed: usize,
    /// With `--diff`: the unified diff of every changed playbook, one after another.
    pub diff: String,
}

/// Fixes every file of `files` that has a fix `request` admits. Files that could not be parsed
/// (or were read from standard input, when writing) are never touched. Err when a file cannot
/// be written or the configuration cannot be read again.
pub fn fix_files(
    files: &[&CheckedFile],
    request: Request,
    config: crate::config::Choice,
    options: &Options,
) -> Result<Report, String> {
    let resolver =
        std::sync::Arc::new(crate::config::Resolver::new(config).map_err(|e| e.render())?);
    let options = &options.configured_by(&resolver);
    let mut report = Report::default();
    for &file in files {
        if fix::fixes(&file.findings, request.mode).is_empty() {
            continue;
        }
        let path = &file.source.path;
        let outcome = fix::fix_text(&file.source.text, &file.findings, request.mode, |text| {
            recheck(path, text, &resolver, options)
        });
        if outcome.applied == 0 || outcome.text == *file.source.text {
            continue;
        }
        if request.write {
            fix::write::replace_file(path, &file.source.text, &outcome.text)?;
        } else {
            report.diff.push_str(&fix::diff::unified(
                &file.source.display_path(),
                &file.source.text,
                &outcome.text,
            ));
        }
        report.applied += outcome.applied;
        report.changed += 1;
    }
    Ok(report)
}

/// The findings of `text` as the run would report them for `path` (exceptions and
/// configuration applied), or None when the text does not parse.
fn recheck(
    path: &Path,
    text: &str,
    resolver: &crate::config::Resolver,
    options: &Options,
) -> Option<Vec<crate::diagnostic::Finding>> {
    let source = SourceFile::new(path.to_path_buf(), text.to_string());
    let mut checked = check::check_source(source, None, true, options)?;
    crate::config::apply(resolver, std::slice::from_mut(&mut checked)).ok()?;
    if checked.findings.iter().any(fix::unparsed) {
        return None;
    }
    Some(checked.findings)
}
