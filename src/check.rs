//! The check pipeline: find the playbooks, read and parse each once, validate, build the model,
//! run every rule, and hand back findings with concrete positions. Files are checked in parallel.

use std::collections::HashMap;
use std::path::PathBuf;

use serde_json::Value;

use crate::analysis::flow::Flow;
use crate::diagnostic::{Finding, Location};
use crate::load::{self, Limits};
use crate::model::Playbook;
use crate::rules::{self, Context, Packs};
use crate::source::SourceFile;

/// How a run behaves.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub limits: Limits,
    /// Report findings as if no exception (inline or `compliance.allow`) existed.
    pub no_ignores: bool,
    /// `--shard K/N`: only the playbooks of this part are checked.
    pub shard: Option<Shard>,
    /// Keep each file's parsed document after checking (`cordial diff` compares them); a plain
    /// check drops it to stay small.
    pub keep_documents: bool,
    /// The configurations in force: what each playbook's rules read before they run (packs,
    /// jurisdiction parameters, extra phrases). None: the packs' own values.
    pub configs: Option<std::sync::Arc<crate::config::Resolver>>,
}

impl Options {
    /// These options with the configurations a run resolves, so that each playbook's rules
    /// read its packs, parameters and phrases.
    pub fn configured_by(&self, configs: &std::sync::Arc<crate::config::Resolver>) -> Self {
        Self {
            configs: Some(configs.clone()),
            ..self.clone()
        }
    }
}

/// One playbook file after checking.
#[derive(Debug)]
pub struct CheckedFile {
    pub source: SourceFile,
    /// The typed model, when the file could be parsed far enough to build one.
    pub playbook: Option<Playbook>,
    pub findings: Vec<Finding>,
    /// The packs and parameters the rules read (the configuration's included), for the guide's
    /// law panel; None when no playbook was built.
    pub packs: Option<Packs>,
}

/// Why a run could not start.
#[derive(Debug, thiserror::Error)]
pub enum UsageError {
    #[error("{0}: no such file or folder")]
    Missing(PathBuf),
    #[error("cannot list {0}: {1}")]
    Walk(PathBuf, String),
}

/// A file to check, and whether the user named it (named files are checked even if they turn
/// out not to be playbooks, and reported as such).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Input {
    pub path: PathBuf,
    pub named: bool,
}

/// Expands folders (honouring `.gitignore` and hidden files) into YAML files, sorted. What a
/// walk cannot read is kept as a named input, so that it is reported rather than skipped.
pub fn discover(paths: &[PathBuf]) -> Result<Vec<Input>, UsageError> {
    let mut inputs = Vec::new();
    for path in paths {
        if path.is_dir() {
            inputs.extend(load::walk::yaml_files(path).into_iter().map(|f| Input {
                path: f.path,
                named: f.must_report,
            }));
        } else if std::fs::symlink_metadata(path).is_ok() {
            // Files, FIFOs and dangling links alike: reading says what is wrong with them.
            inputs.push(Input {
                path: path.clone(),
                named: true,
            });
        } else {
            return Err(UsageError::Missing(path.clone()));
        }
    }
    inputs.sort();
    inputs.dedup_by(|a, b| a.path == b.path);
    Ok(inputs)
}

/// `--shard K/N`: the K-th of N stable parts of a run (1-based).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    pub index: u32,
    pub count: u32,
}

impl std::str::FromStr for Shard {
    type Err = String;
    fn from_str(text: &str) -> Result<Self, String> {
        let bad = || format!("`{text}` is not K/N with 1 <= K <= N (for example 2/4)");
        let (k, n) = text.split_once('/').ok_or_else(bad)?;
        let (index, count) = (
            k.trim().parse().map_err(|_| bad())?,
            n.trim().parse().map_err(|_| bad())?,
        );
        if index == 0 || count == 0 || index > count {
            return Err(bad());
        }
        Ok(Self { index, count })
    }
}

impl Shard {
    /// Whether a path belongs to this shard: FNV-1a of the path as given, so the split is the
    /// same on every machine and run, and a file keeps its shard when others are added.
    pub fn holds(&self, path: &std::path::Path) -> bool {
        let hash = path
            .to_string_lossy()
            .bytes()
            .fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
                (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
            });
        hash % u64::from(self.count) == u64::from(self.index - 1)
    }
}

/// Checks every input in parallel; files found in folders that are not playbooks are left out.
pub fn check_inputs(inputs: &[Input], options: &Options) -> Vec<CheckedFile> {
    let mut files = Vec::with_capacity(inputs.len());
    check_in_order(inputs, options, |_, file| files.push(file));
    files
}

/// How many files may be checked ahead of the one being handed out, per thread. Enough to keep
/// every thread busy when file sizes differ; small enough that the run holds a few dozen files,
/// not all of them.
const AHEAD_PER_THREAD: usize = 8;

/// Checks the inputs on `rayon::current_num_threads()` threads and hands each checked file to
/// `each` (with its index in `inputs`) in input order, as soon as it and every file before it
/// are done. Threads take inputs in order and stay at most a few files ahead of the last one
/// handed out, so memory holds that window, never the run: `each` decides what to keep.
/// Duplicate ids are found here, in input order (a file's id is compared with those handed out
/// before it), so the output is the same whatever the thread count.
pub fn check_in_order(
    inputs: &[Input],
    options: &Options,
    mut each: impl FnMut(usize, CheckedFile),
) {
    use std::collections::BTreeMap;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::{Condvar, Mutex, mpsc};

    let cores = rayon::current_num_threads().max(1);
    let threads = cores.clamp(1, inputs.len().max(1));
    let window = threads * AHEAD_PER_THREAD;
    let next = AtomicUsize::new(0);
    // The checks' one-time set-up, shared out piece by piece on every core before the first
    // file (a run of one file too): see `rules::warm_ups`.
    let set_up = if inputs.is_empty() {
        Vec::new()
    } else {
        rules::warm_ups()
    };
    let next_piece = AtomicUsize::new(0);
    let build_set_up = || {
        while let Some(piece) = set_up.get(next_piece.fetch_add(1, Ordering::Relaxed)) {
            piece();
        }
    };
    // The index of the next file to hand out; a thread waits while it would run too far ahead.
    let handed = (Mutex::new(0usize), Condvar::new());
    let mut ids = FirstIds::default();
    std::thread::scope(|scope| {
        let (tx, rx) = mpsc::channel::<(usize, Option<CheckedFile>)>();
        for _ in threads..cores {
            scope.spawn(build_set_up);
        }
        for _ in 0..threads {
            let tx = tx.clone();
            let (next, handed) = (&next, &handed);
            scope.spawn(move || {
                build_set_up();
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(input) = inputs.get(i) else { break };
                    {
                        let (lock, ready) = handed;
                        let mut done = lock.lock().unwrap_or_else(|e| e.into_inner());
                        while i >= *done + window {
                            done = ready.wait(done).unwrap_or_else(|e| e.into_inner());
                        }
                    }
                    let file = check_file(input, options).map(|f| compacted(f, options));
                    if tx.send((i, file)).is_err() {
                        break;
                    }
                }
            });
        }
        drop(tx);
        let mut waiting: BTreeMap<usize, Option<CheckedFile>> = BTreeMap::new();
        let mut turn = 0;
        for (i, file) in rx {
            waiting.insert(i, file);
            while let Some(file) = waiting.remove(&turn) {
                if let Some(mut file) = file {
                    ids.check(&mut file);
                    sort_findings(&mut file);
                    each(turn, file);
                }
                turn += 1;
                let (lock, ready) = &handed;
                *lock.lock().unwrap_or_else(|e| e.into_inner()) = turn;
                ready.notify_all();
            }
        }
    });
}

/// A checked file reduced to what its findings and the repository-wide rules need, not its
/// parsed tree (unless the caller keeps documents).
fn compacted(mut file: CheckedFile, options: &Options) -> CheckedFile {
    if options.keep_documents {
        return file;
    }
    let CheckedFile {
        source, findings, ..
    } = &mut file;
    source.compact(findings.iter().flat_map(|f| {
        std::iter::once(&f.primary.location)
            .chain(f.related.iter().map(|l| &l.location))
            .chain(f.path.iter().map(|p| &p.location))
    }));
    file
}

/// The files found in folders that were left out because they are not playbooks, in order.
pub fn skipped(inputs: &[Input], files: &[CheckedFile]) -> Vec<PathBuf> {
    let checked: std::collections::HashSet<&std::path::Path> =
        files.iter().map(|f| f.source.path.as_path()).collect();
    inputs
        .iter()
        .filter(|i| !i.named && !checked.contains(i.path.as_path()))
        .map(|i| i.path.clone())
        .collect()
}

/// One line naming the skipped files, for the end of a human report; None when none were.
pub fn skipped_line(skipped: &[PathBuf]) -> Option<String> {
    let (first, rest) = skipped.split_first()?;
    let mut names = vec![first.display().to_string()];
    names.extend(rest.iter().take(9).map(|p| p.display().to_string()));
    let more = skipped.len().saturating_sub(names.len());
    let tail = if more > 0 {
        format!(" and {more} more")
    } else {
        String::new()
    };
    Some(format!(
        "skipped {} without a top-level `cordial:` key (not playbooks): {}{tail}",
        if skipped.len() == 1 {
            "1 YAML file".to_string()
        } else {
            format!("{} YAML files", skipped.len())
        },
        names.join(", ")
    ))
}

/// Checks one file. None when it was found in a folder and is not a playbook.
pub fn check_file(input: &Input, options: &Options) -> Option<CheckedFile> {
    match load::walk::read_bytes(&input.path, options.limits.max_file_bytes) {
        Ok(bytes) => {
            let (source, unreadable) = load::from_bytes(&input.path, bytes);
            check_source(source, unreadable, input.named, options)
        }
        // A file that cannot be read at all may well be a playbook: always reported.
        Err(finding) => Some(CheckedFile {
            source: SourceFile::new(input.path.clone(), String::new()),
            playbook: None,
            findings: vec![finding],
            packs: None,
        }),
    }
}

/// Checks a file already read (with the finding that made it unreadable, if any).
pub fn check_source(
    mut source: SourceFile,
    unreadable: Option<Finding>,
    named: bool,
    options: &Options,
) -> Option<CheckedFile> {
    if let Some(finding) = unreadable {
        if !named && !crate::playbook_like::mentions_format_key(&source.text) {
            return None;
        }
        return Some(CheckedFile {
            source,
            playbook: None,
            findings: vec![finding],
            packs: None,
        });
    }
    let parsed = load::parse(&mut source, &options.limits);
    let near_miss = if parsed.complete {
        crate::playbook_like::near_miss(&source.value)
    } else {
        None
    };
    let is_playbook = source.value.get("cordial").is_some()
        || near_miss.is_some()
        || (!parsed.complete && crate::playbook_like::mentions_format_key(&source.text));
    if !is_playbook && !named {
        return None;
    }
    let mut findings = parsed.findings;
    if let Some(finding) = near_miss {
        findings.push(finding);
        return Some(CheckedFile {
            source,
            playbook: None,
            findings,
            packs: None,
        });
    }
    if !parsed.complete {
        return Some(CheckedFile {
            source,
            playbook: None,
            findings,
            packs: None,
        });
    }
    if !source.value.is_object() || source.value.get("cordial").is_none() {
        findings.push(
            Finding::new(
                "schema/invalid",
                "this file is not a cordial playbook: it has no top-level `cordial:` key",
                Location::Bytes(0..0),
            )
            .label("expected `cordial: 1` at the top level")
            .help(
                "start the file with `cordial: 1`, or leave it out of the paths given to cordial",
            ),
        );
        return Some(CheckedFile {
            source,
            playbook: None,
            findings,
            packs: None,
        });
    }
    let validation = crate::schema::validate(&source.value, Some(&source));
    findings.extend(validation.findings);
    let (playbook, pruned) = deserialize_tolerant(&source.value, &validation.invalid);
    let mut packs = None;
    if let Some(playbook) = &playbook {
        let configured = options
            .configs
            .as_ref()
            .and_then(|c| c.rule_config(&source.path));
        let in_force = Packs::configured(playbook, &source.value, configured.as_ref());
        // The consequences pass re-runs the rules on edited copies of the playbook, whose
        // packs (locale, jurisdictions) may differ: those are read afresh.
        let run = |edited: &Playbook| {
            let packs = Packs::configured(edited, &source.value, configured.as_ref());
            run_rules(edited, &source, &packs)
        };
        let mut semantic = run_rules(playbook, &source, &in_force);
        // Findings about a node the schema already rejected would only repeat it.
        semantic.retain(|f| {
            !f.primary
                .location
                .pointer()
                .is_some_and(|p| touches_pruned(p, &pruned))
        });
        crate::consequences::drop_unjudgeable_terms(&mut semantic, playbook, &source);
        crate::consequences::group(&mut semantic, playbook, &source, &validation.invalid, &run);
        findings.extend(semantic);
        packs = Some(in_force);
    }
    let findings =
        crate::rules::suppression::apply(playbook.as_ref(), &source, findings, options.no_ignores);
    Some(CheckedFile {
        source,
        playbook,
        findings,
        packs,
    })
}

/// Every rule over one playbook, under the packs and parameters in force for it.
fn run_rules(playbook: &Playbook, source: &SourceFile, packs: &Packs) -> Vec<Finding> {
    let flow = Flow::new(playbook);
    let cx = Context::new(playbook, source, &flow, packs);
    let mut out = Vec::new();
    for check in rules::checks() {
        check.run(&cx, &mut out);
    }
    out
}

/// Whether a finding at `pointer` concerns a node the schema rejected: the node itself or a node
/// inside it, or, for a rejected `next` or `outcome`, the step that lost it (its own findings,
/// such as a dead end, would only echo the schema error).
fn touches_pruned(pointer: &str, pruned: &[String]) -> bool {
    let within =
        |a: &str, b: &str| a == b || (a.starts_with(b) && a.as_bytes().get(b.len()) == Some(&b'/'));
    pruned.iter().any(|p| {
        within(pointer, p)
            || matches!(p.rsplit_once('/'), Some((step, "next" | "outcome")) if pointer == step)
    })
}

/// Builds the typed model even when parts of the document are invalid: each node that serde
/// rejects is removed (the schema has reported it) until the rest deserializes, so that one
/// wrong type does not hide the graph's problems. Gives up when a required node is the problem.
pub fn deserialize_tolerant(value: &Value, invalid: &[String]) -> (Option<Playbook>, Vec<String>) {
    // A valid document (most of them) deserializes as it is, without the copy pruning needs.
    if invalid.is_empty()
        && let Ok(playbook) = <Playbook as serde::Deserialize>::deserialize(value)
    {
        return (Some(playbook), Vec::new());
    }
    let mut value = value.clone();
    let mut pruned = Vec::new();
    // The schema already named most invalid nodes: remove them in one go, deepest first so that
    // list indices stay valid, then let serde name whatever is left.
    let mut known: Vec<&String> = invalid.iter().collect();
    known.sort_by(|a, b| b.cmp(a));
    for pointer in known {
        let tokens: Vec<String> = pointer
            .split('/')
            .skip(1)
            .map(crate::source::unescape_pointer)
            .collect();
        if let Some(removed) = remove_node(&mut value, &tokens) {
            pruned.push(removed);
        }
    }
    for _ in 0..256 {
        let error = match serde_path_to_error::deserialize::<_, Playbook>(&value) {
            Ok(playbook) => return (Some(playbook), pruned),
            Err(e) => e,
        };
        let mut tokens: Vec<String> = Vec::new();
        for segment in error.path().iter() {
            match segment {
                serde_path_to_error::Segment::Seq { index } => tokens.push(index.to_string()),
                serde_path_to_error::Segment::Map { key } => tokens.push(key.clone()),
                serde_path_to_error::Segment::Enum { .. }
                | serde_path_to_error::Segment::Unknown => {}
            }
        }
        // Unknown fields may be reported with the path of their parent; remove the field itself.
        let message = error.inner().to_string();
        if let Some(field) = message
            .strip_prefix("unknown field `")
            .and_then(|m| m.split('`').next())
            && tokens.last().map(String::as_str) != Some(field)
        {
            tokens.push(field.to_string());
        }
        match remove_node(&mut value, &tokens) {
            Some(removed) => pruned.push(removed),
            None => return (None, pruned),
        }
    }
    (None, pruned)
}

/// Removes the node at `tokens` from its mapping; a node inside a list takes the list with it
/// (removing one item would renumber its siblings and misplace their findings). Returns the
/// pointer of what was removed.
fn remove_node(value: &mut Value, tokens: &[String]) -> Option<String> {
    let mut cut = tokens.len();
    {
        let mut node = &*value;
        let mut kinds = Vec::new();
        for t in tokens {
            kinds.push(node.is_array());
            node = match node {
                Value::Object(o) => match o.get(t) {
                    Some(n) => n,
                    None => break,
                },
                Value::Array(a) => match t.parse::<usize>().ok().and_then(|i| a.get(i)) {
                    Some(n) => n,
                    None => break,
                },
                _ => break,
            };
        }
        while cut > 0 && kinds.get(cut - 1).copied().unwrap_or(false) {
            cut -= 1;
        }
    }
    if cut == 0 {
        return None;
    }
    let (parent_tokens, last) = tokens[..cut].split_at(cut - 1);
    let mut parent = &mut *value;
    for t in parent_tokens {
        parent = match parent {
            Value::Object(o) => o.get_mut(t)?,
            Value::Array(a) => t.parse::<usize>().ok().and_then(|i| a.get_mut(i))?,
            _ => return None,
        };
    }
    match parent {
        Value::Object(o) => o
            .shift_remove(&last[0])
            .map(|_| crate::source::pointer(&tokens[..cut])),
        _ => None,
    }
}

/// `ref/duplicate-id`: two playbooks of one run share an id. Files are seen in input order;
/// only the first file of each id (its path and the line of its `id`) is remembered.
#[derive(Default)]
struct FirstIds {
    first: HashMap<String, (String, usize)>,
}

impl FirstIds {
    fn check(&mut self, file: &mut CheckedFile) {
        let Some(id) = file.source.value.get("id").and_then(Value::as_str) else {
            return;
        };
        let Some((other, line)) = self.first.get(id) else {
            let line = file
                .source
                .position(file.source.resolve(&Location::value("/id")).start)
                .line;
            self.first
                .insert(id.to_string(), (file.source.display_path(), line));
            return;
        };
        file.findings.push(
            Finding::new(
                "ref/duplicate-id",
                format!("playbook id `{id}` is already used by {other}"),
                Location::value("/id"),
            )
            .label("same id as another playbook")
            .help(format!(
                "give each playbook its own id; {other}:{line} defines `{id}` first"
            )),
        );
    }
}

/// Findings in file order, except that what the reader or the schema refused comes first: a
/// rejected node is the root cause of whatever the rules then say about its surroundings.
fn sort_findings(file: &mut CheckedFile) {
    let source = &file.source;
    let mut keyed: Vec<(bool, usize, &'static str, String, Finding)> =
        std::mem::take(&mut file.findings)
            .into_iter()
            .map(|f| {
                (
                    !crate::diagnostic::is_root_cause(f.code),
                    source.resolve(&f.primary.location).start,
                    f.code,
                    f.message.clone(),
                    f,
                )
            })
            .collect();
    keyed.sort_by(|a, b| (a.0, a.1, a.2, &a.3).cmp(&(b.0, b.1, b.2, &b.3)));
    keyed.dedup_by(|a, b| a.1 == b.1 && a.2 == b.2 && a.3 == b.3);
    file.findings = keyed.into_iter().map(|k| k.4).collect();
}

#[cfg(test)]
mod shard_tests {
    use super::Shard;

    #[test]
    fn shards_partition_the_paths_and_reject_bad_specs() {
        let shards: Vec<Shard> = (1..=3)
            .map(|k| format!("{k}/3").parse().expect("valid"))
            .collect();
        for i in 0..300 {
            let path = std::path::PathBuf::from(format!("playbooks/p{i}.yaml"));
            assert_eq!(shards.iter().filter(|s| s.holds(&path)).count(), 1);
        }
        let sizes: Vec<usize> = shards
            .iter()
            .map(|s| {
                (0..300)
                    .filter(|i| s.holds(std::path::Path::new(&format!("playbooks/p{i}.yaml"))))
                    .count()
            })
            .collect();
        assert!(sizes.iter().all(|&n| n > 60), "roughly even: {sizes:?}");
        for bad in ["0/3", "4/3", "1/0", "x/2", "2"] {
            assert!(bad.parse::<Shard>().is_err(), "{bad}");
        }
    }
}
