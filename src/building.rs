//! `cordial build` (part of the binary): the check streams its files in input order, each
//! publishable playbook's guide is rendered and written as soon as the next one is known (for
//! its "next" link), and the site is published whole at the end, or not at all. Memory holds
//! one checked file, one guide and the report, whatever the number of playbooks.

use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Instant;

use cordial::check::CheckedFile;
use cordial::cli::stream::Plan;
use cordial::diagnostic::Severity;
use cordial::render::publish::{Protected, PublishError};
use cordial::render::{
    BuildError, BuildOptions, ExceptionInForce, FindingSummary, GuideInput, NextGuide, SiteWriter,
};
use cordial::report::output::{Files, Run};
use cordial::report::{self, Diagnostic};

use super::{BuildArgs, interrupt, options, print, say_error, terminal_drawing};

/// How many playbooks with errors the refusal names.
const NAMED: usize = 5;

/// A checked playbook waiting for the next one, whose id and title its page links to.
struct Pending {
    file: CheckedFile,
    path: String,
    findings: Vec<FindingSummary>,
    exceptions: Vec<ExceptionInForce>,
}

impl Pending {
    fn input(&self) -> Option<GuideInput<'_>> {
        Some(GuideInput {
            source_path: &self.path,
            source_text: &self.file.source.text,
            playbook: self.file.playbook.as_ref()?,
            findings: &self.findings,
            exceptions: &self.exceptions,
            packs: self.file.packs.as_ref(),
        })
    }

    fn as_next(&self) -> Option<NextGuide<'_>> {
        let playbook = self.file.playbook.as_ref()?;
        Some(NextGuide {
            id: &playbook.id,
            title: &playbook.title,
        })
    }
}

/// What the streamed build did with the files it saw.
struct Stream {
    /// None once the build will publish nothing (a file with errors, or a failure).
    writer: Option<SiteWriter>,
    pending: Option<Pending>,
    unpublishable: Vec<String>,
    failure: Option<BuildError>,
    allow_errors: bool,
    no_ignores: bool,
}

impl Stream {
    fn take(&mut self, file: CheckedFile, diagnostics: &[Diagnostic]) {
        let path = file.source.display_path();
        let has_errors = file.findings.iter().any(|d| d.severity == Severity::Error);
        if file.playbook.is_none() || has_errors {
            self.unpublishable.push(path.clone());
            if !self.allow_errors {
                // Nothing will be published: the temporary site goes now, the check goes on.
                self.writer = None;
                self.pending = None;
            }
        }
        if self.writer.is_none() || file.playbook.is_none() {
            return;
        }
        let findings = diagnostics.iter().map(FindingSummary::of).collect();
        let exceptions = if self.no_ignores {
            Vec::new()
        } else {
            cordial::rules::suppression::in_force(file.playbook.as_ref(), &file.source)
                .into_iter()
                .map(|e| ExceptionInForce {
                    rule: e.rule,
                    scope: e.scope,
                    reason: e.reason,
                })
                .collect()
        };
        let arrived = Pending {
            file,
            path,
            findings,
            exceptions,
        };
        if let Some(before) = self.pending.take() {
            self.write(&before, arrived.as_next());
        }
        self.pending = Some(arrived);
    }

    /// Writes the guide of `pending`, followed by `next`.
    fn write(&mut self, pending: &Pending, next: Option<NextGuide<'_>>) {
        let (Some(writer), Some(input)) = (self.writer.as_mut(), pending.input()) else {
            return;
        };
        if let Err(e) = writer.add(&input, next) {
            if matches!(e, BuildError::Publish(PublishError::Interrupted)) {
                self.stop();
            }
            self.writer = None;
            self.failure = Some(e);
        }
    }

    /// Asked to stop by a signal: the temporary site goes, and the rest of the check with it.
    fn stop(&mut self) -> ! {
        self.writer = None;
        eprintln!(
            "error: {}; the previous site, if any, is unchanged",
            PublishError::Interrupted
        );
        std::process::exit(130);
    }

    /// The last guide, which nothing follows.
    fn flush(&mut self) {
        if let Some(last) = self.pending.take() {
            self.write(&last, None);
        }
    }
}

pub(super) fn run_build(args: BuildArgs) -> ExitCode {
    let started = Instant::now();
    if let Err(e) = args.output.stdout_format() {
        eprintln!("error: {e}");
        return ExitCode::from(2);
    }
    let cancel = interrupt::on_signal();
    // From here a signal asks the build to stop, which it does at the next guide (or before
    // publishing), removing its temporary folder.
    let _publishing = interrupt::Publishing::start();
    let build_options = BuildOptions {
        // The inputs, the current folder and home are refused before any time goes to the check.
        protected: Protected::here(&args.paths),
        cancel: Some(Arc::clone(&cancel)),
        ..BuildOptions::from_env()
    };
    let writer = match SiteWriter::begin(&args.out, &build_options) {
        Ok(writer) => writer,
        Err(BuildError::Publish(e)) => return publish_failed(&e),
        Err(e) => {
            eprintln!("error: {e}; the previous site, if any, is unchanged");
            return ExitCode::from(2);
        }
    };
    let mut stream = Stream {
        writer: Some(writer),
        pending: None,
        unpublishable: Vec::new(),
        failure: None,
        allow_errors: args.allow_errors,
        no_ignores: args.no_ignores,
    };
    let terminal = terminal_drawing();
    let plan = Plan {
        drawings: args.output.human_drawings(terminal),
        ..Plan::default()
    };
    let checked = cordial::cli::stream::check_paths_each(
        &args.paths,
        None,
        args.config.choice(),
        &options(&args.run, args.no_ignores),
        plan,
        |file, diagnostics| {
            if cancel.load(Ordering::SeqCst) {
                stream.stop();
            }
            stream.take(file, diagnostics);
        },
    );
    let reported = match checked {
        Ok(reported) => reported,
        Err(e) => {
            say_error(&e);
            return ExitCode::from(2);
        }
    };
    stream.flush();
    let summary = reported.summary;
    let run = Run {
        files: Files::Drawn {
            paths: &reported.paths,
            drawn: &reported.drawn,
        },
        diagnostics: &reported.diagnostics,
        summary: report::Summary {
            skipped: 0,
            ..summary
        },
        seconds: None,
        quiet: args.output.quiet,
    };
    match args.output.emit(&run, terminal) {
        Ok(text) if !reported.diagnostics.is_empty() => eprint!("{text}"),
        Ok(_) => {}
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    }
    if !stream.unpublishable.is_empty() && !args.allow_errors {
        let count = stream.unpublishable.len();
        // The report above names every file; this line stays readable however many there are.
        let mut named = stream.unpublishable[..count.min(NAMED)].join(", ");
        if count > NAMED {
            named.push_str(&format!(" and {} more", count - NAMED));
        }
        eprintln!(
            "error: not publishing: {} with errors ({named}); the site at {} is unchanged. Fix them, or build with --allow-errors.",
            if count == 1 {
                "1 playbook".to_string()
            } else {
                format!("{count} playbooks")
            },
            args.out.display()
        );
        return ExitCode::from(1);
    }
    if let Some(e) = stream.failure {
        return build_failed(e);
    }
    let Some(writer) = stream.writer.take() else {
        return build_failed(PublishError::Interrupted.into());
    };
    if writer.is_empty() && !args.allow_empty {
        let found = if reported.paths.is_empty() {
            format!(
                "no playbook found in {}",
                args.paths
                    .iter()
                    .map(|p| format!("`{}`", p.display()))
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        } else {
            "no playbook could be read".to_string()
        };
        eprintln!(
            "error: not publishing: {found}; the site at `{}` is unchanged.\n  help: a playbook is a .yaml/.yml file with a top-level `cordial:` key; --allow-empty publishes a site with no guides",
            args.out.display()
        );
        return ExitCode::from(1);
    }
    match writer.finish() {
        Ok(built) => {
            let text = format!(
                "{}; built {} in {} ({:.2} s)\n",
                report::closing_line(&summary, None),
                if built.guides.len() == 1 {
                    "1 guide".to_string()
                } else {
                    format!("{} guides", built.guides.len())
                },
                args.out.display(),
                started.elapsed().as_secs_f64()
            );
            print(&text)
        }
        Err(e) => build_failed(e),
    }
}

fn build_failed(error: BuildError) -> ExitCode {
    match error {
        BuildError::Publish(e) => publish_failed(&e),
        e => {
            eprintln!("error: {e}; the previous site, if any, is unchanged");
            ExitCode::from(2)
        }
    }
}

/// Says why nothing was published; exit 2 (the tool could not do what was asked), or 130 after
/// an interruption.
fn publish_failed(error: &PublishError) -> ExitCode {
    match error {
        PublishError::Refused { reason, .. } => {
            eprintln!(
                "error: {error}; nothing was written.\n  help: {}",
                reason.help()
            );
            ExitCode::from(2)
        }
        PublishError::Interrupted => {
            eprintln!("error: {error}; the previous site, if any, is unchanged");
            ExitCode::from(130)
        }
        PublishError::Io { .. } => {
            eprintln!("error: {error}; the previous site, if any, is unchanged");
            ExitCode::from(2)
        }
    }
}
