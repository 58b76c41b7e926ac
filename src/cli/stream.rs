//! `cordial check` in bounded memory: each file is checked, configured, matched against the
//! baseline, resolved into positions and (for the human format) drawn while its text is at
//! hand, in input order; then its text and tree are dropped. The run keeps only its
//! diagnostics and their drawings, so memory follows the number of findings, not of files.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::baseline::{Applier, Baseline, Recorder};
use crate::check::{self, CheckedFile, Options};
use crate::diagnostic::Severity;
use crate::report::output::Drawing;
use crate::report::{Diagnostic, Summary, human};

/// What happens to each file once checked, besides being reported.
#[derive(Debug, Default)]
pub struct Plan<'a> {
    /// The drawings of the human format the outputs need (standard output and files).
    pub drawings: Vec<Drawing>,
    /// `--baseline`: hide the findings it records.
    pub baseline: Option<&'a Path>,
    /// `--write-baseline`: record every finding there, then hide them.
    pub write_baseline: Option<&'a Path>,
    /// `--quiet`: say less about the baseline.
    pub quiet: bool,
    /// `--changed-since`: report only these files (canonical paths); all are still checked.
    pub changed: Option<HashSet<PathBuf>>,
}

/// A run reduced to what its outputs need.
#[derive(Debug, Default)]
pub struct Reported {
    /// The files reported, by display path, in input order.
    pub paths: Vec<String>,
    /// Every diagnostic, in output order (file, root causes first, line, column, code).
    pub diagnostics: Vec<Diagnostic>,
    /// For each drawing of the plan: one drawn block per diagnostic, in the same order.
    pub drawn: Vec<(Drawing, Vec<String>)>,
    pub summary: Summary,
    /// What to say on standard error about the baseline.
    pub said: String,
}

/// Finds, checks and reports the playbooks under `paths` (`-`: standard input) as `plan` says.
/// Err says why the run cannot start or finish.
pub fn check_paths(
    paths: &[PathBuf],
    stdin_filename: Option<&Path>,
    config: crate::config::Choice,
    options: &Options,
    plan: Plan<'_>,
) -> Result<Reported, String> {
    check_paths_each(paths, stdin_filename, config, options, plan, |_, _| {})
}

/// [`check_paths`], handing each reported file, configured and with its final findings, and
/// its diagnostics to `each` in input order (`build` renders its guide there).
pub fn check_paths_each(
    paths: &[PathBuf],
    stdin_filename: Option<&Path>,
    config: crate::config::Choice,
    options: &Options,
    plan: Plan<'_>,
    each: impl FnMut(CheckedFile, &[Diagnostic]),
) -> Result<Reported, String> {
    let resolver =
        std::sync::Arc::new(crate::config::Resolver::new(config).map_err(|e| e.render())?);
    let options = &options.configured_by(&resolver);
    let read = match (plan.baseline, plan.write_baseline) {
        (Some(path), None) => Some(Baseline::read(path)?),
        _ => None,
    };
    let mut sink = Sink {
        resolver: &resolver,
        applier: read.as_ref().map(Applier::new),
        recorder: plan.write_baseline.map(|_| Recorder::default()),
        plan: &plan,
        reported: Reported {
            drawn: plan.drawings.iter().map(|d| (*d, Vec::new())).collect(),
            ..Reported::default()
        },
        error: None,
        each,
    };
    if paths.iter().any(|p| p.as_os_str() == "-") {
        let (source, unreadable) = super::read_stdin(paths, stdin_filename, options)?;
        if let Some(file) = check::check_source(source, unreadable, true, options) {
            sink.take(file);
        }
    } else {
        let inputs = super::admitted(paths, stdin_filename, sink.resolver, options)?;
        let mut seen = vec![false; inputs.len()];
        check::check_in_order(&inputs, options, |i, file| {
            seen[i] = true;
            sink.take(file);
        });
        let skipped: Vec<PathBuf> = inputs
            .iter()
            .zip(&seen)
            .filter(|(input, seen)| !input.named && !**seen)
            .map(|(input, _)| input.path.clone())
            .collect();
        // On standard error, so that machine formats on standard output stay as they are.
        if let Some(line) = check::skipped_line(&skipped) {
            eprintln!("note: {line}");
        }
        sink.reported.summary.skipped = skipped.len();
    }
    if let Some(e) = sink.error {
        return Err(e);
    }
    let Sink {
        applier,
        recorder,
        mut reported,
        ..
    } = sink;
    if let (Some(recorder), Some(path)) = (recorder, plan.write_baseline) {
        let baseline = recorder.finish();
        baseline.write(path)?;
        let recorded: usize = baseline.entries.iter().map(|e| e.count).sum();
        reported.said.push_str(&format!(
            "recorded {recorded} {} in the baseline {}\n",
            if recorded == 1 { "finding" } else { "findings" },
            path.display()
        ));
        // Applying what was just written hides every recordable finding, which the sink did.
        let applied = crate::baseline::Applied {
            hidden: reported_hidden(&baseline),
            stale: Vec::new(),
        };
        reported
            .said
            .push_str(&super::baseline_said(&applied, path, plan.quiet));
    }
    if let (Some(applier), Some(path)) = (applier, plan.baseline) {
        let applied = applier.finish();
        reported
            .said
            .push_str(&super::baseline_said(&applied, path, plan.quiet));
    }
    sort(&mut reported);
    Ok(reported)
}

/// How many findings a freshly written baseline hides: all it records.
fn reported_hidden(baseline: &Baseline) -> usize {
    baseline.entries.iter().map(|e| e.count).sum()
}

/// Takes each checked file in input order and keeps what the outputs need of it.
struct Sink<'a, 'p, F> {
    resolver: &'a crate::config::Resolver,
    applier: Option<Applier<'a>>,
    recorder: Option<Recorder>,
    plan: &'a Plan<'p>,
    reported: Reported,
    /// The first configuration error; later files are no longer reported.
    error: Option<String>,
    each: F,
}

impl<F: FnMut(CheckedFile, &[Diagnostic])> Sink<'_, '_, F> {
    fn take(&mut self, mut file: CheckedFile) {
        if self.error.is_some() {
            return;
        }
        match self.resolver.lookup(&file.source.path) {
            Ok(Some(config)) => config
                .effective(&file.source.path)
                .apply(&mut file.findings),
            Ok(None) => {}
            Err(e) => {
                self.error = Some(e.render());
                return;
            }
        }
        if let Some(recorder) = &mut self.recorder {
            recorder.file(&file);
            file.findings.retain(|f| !crate::baseline::recordable(f));
        }
        if let Some(applier) = &mut self.applier {
            applier.file(&mut file);
        }
        if let Some(changed) = &self.plan.changed {
            let path = file
                .source
                .path
                .canonicalize()
                .unwrap_or_else(|_| file.source.path.clone());
            if !changed.contains(&path) {
                return;
            }
        }
        let reported = &mut self.reported;
        let display = file.source.display_path();
        reported.summary.files += 1;
        let diagnostics: Vec<Diagnostic> = file
            .findings
            .iter()
            .map(|finding| Diagnostic::resolve(&file.source, finding))
            .collect();
        for d in &diagnostics {
            match d.severity {
                Severity::Error => reported.summary.errors += 1,
                Severity::Warning => reported.summary.warnings += 1,
                Severity::Info => reported.summary.infos += 1,
            }
        }
        for fix in file.findings.iter().filter_map(|f| f.fix.as_ref()) {
            match fix.applicability {
                crate::diagnostic::Applicability::Safe => reported.summary.fixable += 1,
                crate::diagnostic::Applicability::Unsafe => reported.summary.unsafe_fixable += 1,
            }
        }
        if !diagnostics.is_empty() && !reported.drawn.is_empty() {
            let sources: HashMap<String, Arc<String>> =
                HashMap::from([(display.clone(), Arc::clone(&file.source.text))]);
            for (drawing, blocks) in &mut reported.drawn {
                blocks.extend(human::blocks(
                    &diagnostics,
                    &sources,
                    drawing.style,
                    drawing.width,
                ));
            }
        }
        (self.each)(file, &diagnostics);
        reported.diagnostics.extend(diagnostics);
        reported.paths.push(display);
    }
}

/// Puts the diagnostics (and their drawings with them) in output order, as
/// [`crate::report::diagnostics`] does for a whole run: by file, each file's root causes first.
fn sort(reported: &mut Reported) {
    let d = &reported.diagnostics;
    let key = |i: usize| {
        let p = &d[i].primary.place;
        (
            &p.file,
            !crate::diagnostic::is_root_cause(d[i].code),
            p.start.line,
            p.start.column,
            d[i].code,
        )
    };
    let mut order: Vec<usize> = (0..d.len()).collect();
    order.sort_by(|&a, &b| key(a).cmp(&key(b)));
    if order.iter().enumerate().all(|(i, &j)| i == j) {
        return;
    }
    permute(&mut reported.diagnostics, &order);
    for (_, blocks) in &mut reported.drawn {
        permute(blocks, &order);
    }
}

/// Reorders `items` so that the i-th is the one that was at `order[i]`.
fn permute<T>(items: &mut Vec<T>, order: &[usize]) {
    let mut slots: Vec<Option<T>> = std::mem::take(items).into_iter().map(Some).collect();
    *items = order
        .iter()
        .filter_map(|&i| slots.get_mut(i).and_then(Option::take))
        .collect();
}
