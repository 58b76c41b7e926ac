//! Command-line plumbing shared by `check` and `build`: where each output format goes, and
//! reading a playbook from standard input. The argument structs are flattened into the
//! subcommands in `main.rs`.

pub mod fixing;

use std::io::Read;
use std::path::{Path, PathBuf};

use crate::check::{self, CheckedFile, Options};
use crate::report::output::{self, Drawing, Format, OutputSpec, Run};

pub mod stream;

/// How findings are reported.
#[derive(Debug, Clone, clap::Args)]
pub struct OutputArgs {
    /// Output format, repeatable: `NAME` writes to standard output, `NAME=FILE` to a file.
    /// Formats: human (default), concise, json, sarif, github, gitlab, junit, rdjson.
    #[arg(long = "format", value_name = "FORMAT[=FILE]")]
    pub formats: Vec<OutputSpec>,
    /// Print how many findings of each code instead of the findings themselves.
    #[arg(long)]
    pub statistics: bool,
    /// Print the findings and nothing else: no closing line, no output when nothing is found.
    #[arg(long, short)]
    pub quiet: bool,
}

impl OutputArgs {
    /// The format that goes to standard output (human when no `--format` is given at all), or
    /// why the combination is not possible.
    pub fn stdout_format(&self) -> Result<Option<Format>, String> {
        if self.formats.is_empty() {
            return Ok(Some(Format::Human));
        }
        let to_stdout: Vec<Format> = self
            .formats
            .iter()
            .filter(|s| s.path.is_none())
            .map(|s| s.format)
            .collect();
        match to_stdout.as_slice() {
            [] => Ok(None),
            [one] => Ok(Some(*one)),
            many => Err(format!(
                "only one format can go to standard output, but {} were asked for ({}); write the others to files, e.g. `--format sarif=results.sarif`",
                many.len(),
                many.iter().map(|f| f.name()).collect::<Vec<_>>().join(", ")
            )),
        }
    }

    /// The drawings of the human format that [`OutputArgs::emit`] will ask for, with
    /// `terminal` for standard output.
    pub fn human_drawings(&self, terminal: Drawing) -> Vec<Drawing> {
        let mut drawings = Vec::new();
        let stdout_human = self.stdout_format().ok().flatten() == Some(Format::Human);
        if stdout_human && !self.statistics {
            drawings.push(terminal);
        }
        for spec in &self.formats {
            if spec.format == Format::Human
                && spec.path.is_some()
                && !drawings.contains(&Drawing::FILE)
            {
                drawings.push(Drawing::FILE);
            }
        }
        drawings
    }

    /// Writes every format that goes to a file, and returns the text for the terminal (standard
    /// output for `check`, standard error for `build`), drawn with `terminal`.
    pub fn emit(&self, run: &Run<'_>, terminal: Drawing) -> Result<String, String> {
        let stdout = self.stdout_format()?;
        for spec in &self.formats {
            let Some(path) = &spec.path else { continue };
            let text = output::render(spec.format, run, Drawing::FILE);
            write_file(path, &text)?;
        }
        Ok(match stdout {
            None => String::new(),
            Some(format) if self.statistics => output::render_statistics(format, run),
            Some(format) => output::render(format, run, terminal),
        })
    }
}

fn write_file(path: &Path, text: &str) -> Result<(), String> {
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)
            .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
    }
    std::fs::write(path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

/// Which `cordial.toml` applies.
#[derive(Debug, Clone, clap::Args)]
pub struct ConfigArgs {
    /// Use this configuration file for every playbook, instead of the closest `cordial.toml`.
    #[arg(long, value_name = "FILE", conflicts_with = "isolated")]
    pub config: Option<PathBuf>,
    /// Ignore every configuration file.
    #[arg(long)]
    pub isolated: bool,
}

impl ConfigArgs {
    pub fn choice(&self) -> crate::config::Choice {
        match (&self.config, self.isolated) {
            (_, true) => crate::config::Choice::Isolated,
            (Some(path), false) => crate::config::Choice::File(path.clone()),
            (None, false) => crate::config::Choice::Discover,
        }
    }
}

/// The name a playbook read from standard input is reported under, unless `--stdin-filename`.
pub const STDIN_NAME: &str = "<stdin>";

/// Finds and checks the playbooks under `paths`; `-` alone reads one playbook from standard
/// input, reported as `stdin_filename`. Err says why the run cannot start.
pub fn check_paths(
    paths: &[PathBuf],
    stdin_filename: Option<&Path>,
    config: crate::config::Choice,
    options: &Options,
) -> Result<Checked, String> {
    let resolver =
        std::sync::Arc::new(crate::config::Resolver::new(config).map_err(|e| e.render())?);
    let options = &options.configured_by(&resolver);
    let mut checked = check_unconfigured(paths, stdin_filename, &resolver, options)?;
    crate::config::apply(&resolver, &mut checked.files).map_err(|e| e.render())?;
    Ok(checked)
}

/// The playbooks of a run, and how many other YAML files the folders held.
#[derive(Debug)]
pub struct Checked {
    pub files: Vec<CheckedFile>,
    pub skipped: usize,
    /// The note naming the skipped files, for the caller to print once (on standard error).
    pub skipped_note: Option<String>,
}

fn check_unconfigured(
    paths: &[PathBuf],
    stdin_filename: Option<&Path>,
    resolver: &crate::config::Resolver,
    options: &Options,
) -> Result<Checked, String> {
    if paths.iter().any(|p| p.as_os_str() == "-") {
        let (source, unreadable) = read_stdin(paths, stdin_filename, options)?;
        return Ok(Checked {
            files: check::check_source(source, unreadable, true, options)
                .into_iter()
                .collect(),
            skipped: 0,
            skipped_note: None,
        });
    }
    let admitted = admitted(paths, stdin_filename, resolver, options)?;
    let files = check::check_inputs(&admitted, options);
    let skipped = check::skipped(&admitted, &files);
    Ok(Checked {
        files,
        skipped: skipped.len(),
        skipped_note: check::skipped_line(&skipped).map(|line| format!("note: {line}")),
    })
}

/// `-`: the one playbook on standard input, reported as `stdin_filename`.
fn read_stdin(
    paths: &[PathBuf],
    stdin_filename: Option<&Path>,
    options: &Options,
) -> Result<
    (
        crate::source::SourceFile,
        Option<crate::diagnostic::Finding>,
    ),
    String,
> {
    if paths.len() > 1 {
        return Err(
            "`-` reads one playbook from standard input and cannot be combined with other paths"
                .into(),
        );
    }
    let mut bytes = Vec::new();
    std::io::stdin()
        .take(options.limits.max_file_bytes + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read standard input: {e}"))?;
    if bytes.len() as u64 > options.limits.max_file_bytes {
        return Err(format!(
            "standard input is larger than the limit of {} bytes (`--max-file-size`)",
            options.limits.max_file_bytes
        ));
    }
    let name = stdin_filename.unwrap_or(Path::new(STDIN_NAME));
    Ok(crate::load::from_bytes(name, bytes))
}

/// The files a run checks: found under `paths`, in this shard, and admitted by the
/// configuration's `include`/`exclude` (named files are always checked).
fn admitted(
    paths: &[PathBuf],
    stdin_filename: Option<&Path>,
    resolver: &crate::config::Resolver,
    options: &Options,
) -> Result<Vec<check::Input>, String> {
    if stdin_filename.is_some() {
        return Err(
            "`--stdin-filename` names the playbook read from `-`; give `-` as the path".into(),
        );
    }
    let mut inputs = check::discover(paths).map_err(|e| e.to_string())?;
    if let Some(shard) = options.shard {
        inputs.retain(|input| shard.holds(&input.path));
    }
    let mut admitted = Vec::with_capacity(inputs.len());
    for input in inputs.drain(..) {
        let admit = input.named
            || resolver
                .lookup(&input.path)
                .map_err(|e| e.render())?
                .is_none_or(|c| c.admits(&input.path));
        if admit {
            admitted.push(input);
        }
    }
    Ok(admitted)
}

/// What to say about an applied baseline; quiet keeps what needs doing (stale entries), not
/// the count of what was left out.
fn baseline_said(applied: &crate::baseline::Applied, path: &Path, quiet: bool) -> String {
    let description = applied.describe(path);
    if quiet {
        description
            .lines()
            .skip(usize::from(applied.hidden > 0))
            .map(|l| format!("{l}\n"))
            .collect()
    } else {
        description
    }
}

/// `cordial config FILE`.
pub fn describe_config(file: &Path, choice: crate::config::Choice) -> Result<String, String> {
    let resolver = crate::config::Resolver::new(choice).map_err(|e| e.render())?;
    let config = resolver.lookup(file).map_err(|e| e.render())?;
    Ok(crate::config::describe(file, config.as_deref()))
}

/// `cordial diff BASE [HEAD]`: two paths, or two git revisions (the working tree when HEAD is
/// left out), restricted to `paths` for revisions.
pub fn diff(
    base: &str,
    head: Option<&str>,
    paths: &[PathBuf],
    json: bool,
) -> Result<String, String> {
    use crate::diff::sources::{self, Side};
    let base_side = Side::guess(base);
    let head_side = match (head, &base_side) {
        (Some(h), _) => Side::guess(h),
        (None, Side::Revision(_)) => Side::Path(PathBuf::new()),
        (None, Side::Path(_)) => {
            return Err("comparing paths needs two: `cordial diff OLD NEW`".into());
        }
    };
    let base_files = sources::load(&base_side, paths)?;
    let head_files = match head_side {
        // The working tree: the same paths as the revision.
        Side::Path(p) if p.as_os_str().is_empty() => {
            let existing: Vec<PathBuf> = paths.iter().filter(|p| p.exists()).cloned().collect();
            let inputs = check::discover(&existing).map_err(|e| e.to_string())?;
            check::check_inputs(&inputs, &sources::diff_options())
        }
        side => sources::load(&side, paths)?,
    };
    let diffs = crate::diff::compare_all(&base_files, &head_files);
    Ok(if json {
        crate::diff::render::json(&diffs)
    } else {
        crate::diff::render::markdown(&diffs)
    })
}

/// The files changed since `rev`, as canonical paths.
pub fn changed_since(rev: &str) -> Result<std::collections::HashSet<PathBuf>, String> {
    Ok(crate::diff::sources::changed_since(rev)?
        .into_iter()
        .map(|p| p.canonicalize().unwrap_or(p))
        .collect())
}

/// The files of `files` changed since `rev` (what `--fix` touches under `--changed-since`).
pub fn changed_files_since<'f>(
    rev: &str,
    files: &'f [CheckedFile],
) -> Result<Vec<&'f CheckedFile>, String> {
    let changed = changed_since(rev)?;
    Ok(files
        .iter()
        .filter(|f| {
            let path = f
                .source
                .path
                .canonicalize()
                .unwrap_or_else(|_| f.source.path.clone());
            changed.contains(&path)
        })
        .collect())
}

/// `--watch`: runs `check_once` now and again after every change to a playbook or a
/// `cordial.toml` under `paths` (changes within 200 ms are taken together), until interrupted.
pub fn watch(paths: &[PathBuf], mut check_once: impl FnMut()) -> Result<(), String> {
    use notify::{RecursiveMode, Watcher};
    let (tx, rx) = std::sync::mpsc::channel();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        if let Ok(event) = event {
            let _ = tx.send(event);
        }
    })
    .map_err(|e| format!("cannot watch for changes: {e}"))?;
    for path in paths {
        watcher
            .watch(path, RecursiveMode::Recursive)
            .map_err(|e| format!("cannot watch {}: {e}", path.display()))?;
    }
    let relevant = |event: &notify::Event| {
        !event.kind.is_access()
            && event.paths.iter().any(|p| {
                let name = p.file_name().and_then(|n| n.to_str()).unwrap_or_default();
                name.ends_with(".yaml")
                    || name.ends_with(".yml")
                    || name == crate::config::FILE_NAME
            })
    };
    check_once();
    eprintln!(
        "watching {} for changes (Ctrl-C stops)",
        paths
            .iter()
            .map(|p| p.display().to_string())
            .collect::<Vec<_>>()
            .join(", ")
    );
    while let Ok(event) = rx.recv() {
        if !relevant(&event) {
            continue;
        }
        // An editor's save is often several events: wait until they stop.
        while rx
            .recv_timeout(std::time::Duration::from_millis(200))
            .is_ok()
        {}
        check_once();
    }
    Ok(())
}
