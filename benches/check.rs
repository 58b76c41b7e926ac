//! `cargo bench`: where a check's time goes, against the parse-only floor, on generated corpora
//! in English and Portuguese; then series on the inputs that used to grow super-linearly.
//! Prints figures; asserts nothing about time.
//!
//! `cargo bench --bench check -- corpus DIR` only writes the 1,000-playbook corpus to `DIR`
//! (for measuring the CLI's wall time and peak memory, see docs/performance.md).

// The allocator the `cordial` binary ships with, so that the check and the parse floor are both
// measured as users run them.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::path::{Path, PathBuf};
use std::time::Instant;

use cordial::analysis::flow::Flow;
use cordial::check::{self, Input, Options};
use cordial::load::{self, Limits};
use cordial::rules::{self, Context, Packs};

#[path = "check/corpus.rs"]
mod corpus;

/// Seconds per phase, summed over the files of a corpus, on one thread.
#[derive(Default, Clone, Copy)]
struct Split {
    read: f64,
    parse: f64,
    schema: f64,
    model: f64,
    graph: f64,
    wording: f64,
    other: f64,
}

impl Split {
    fn total(&self) -> f64 {
        self.read + self.parse + self.schema + self.model + self.graph + self.wording + self.other
    }
}

/// The phase a check belongs to, by the module it lives in: `rules::graph::*` is the graph,
/// `rules::wording::*` (the wording engine and `wording/suspension`) the wording. (Counting by
/// position put the wording engine under "other rules" once `Suspension` was listed after it.)
fn phase_of(name: &str) -> usize {
    if name.contains("::rules::wording::") {
        2
    } else if name.contains("::rules::graph::") {
        1
    } else {
        0
    }
}

fn timed<T>(slot: &mut f64, f: impl FnOnce() -> T) -> T {
    let started = Instant::now();
    let out = f();
    *slot += started.elapsed().as_secs_f64();
    out
}

/// The pipeline of `check::check_source`, phase by phase, on one thread; `per_check` gets the
/// seconds of each check (by position in `rules::checks()`).
fn split(inputs: &[Input], limits: &Limits, per_check: &mut Vec<f64>) -> Split {
    let mut s = Split::default();
    per_check.resize(rules::checks().len(), 0.0);
    for input in inputs {
        let bytes = timed(&mut s.read, || {
            load::walk::read_bytes(&input.path, limits.max_file_bytes).unwrap_or_default()
        });
        let (mut source, unreadable) = timed(&mut s.read, || load::from_bytes(&input.path, bytes));
        if unreadable.is_some() {
            continue;
        }
        let parsed = timed(&mut s.parse, || load::parse(&mut source, limits));
        if !parsed.complete {
            continue;
        }
        let validation = timed(&mut s.schema, || {
            cordial::schema::validate(&source.value, Some(&source))
        });
        let (playbook, _) = timed(&mut s.model, || {
            check::deserialize_tolerant(&source.value, &validation.invalid)
        });
        let Some(playbook) = playbook else { continue };
        let flow = timed(&mut s.graph, || Flow::new(&playbook));
        let packs = Packs::for_playbook(&playbook);
        let cx = Context::new(&playbook, &source, &flow, &packs);
        let mut out = Vec::new();
        let checks = rules::checks();
        for (i, check) in checks.iter().enumerate() {
            let slot = match phase_of(check.name()) {
                1 => &mut s.graph,
                2 => &mut s.wording,
                _ => &mut s.other,
            };
            let started = Instant::now();
            check.run(&cx, &mut out);
            let seconds = started.elapsed().as_secs_f64();
            *slot += seconds;
            per_check[i] += seconds;
        }
        timed(&mut s.other, || {
            cordial::rules::suppression::apply(Some(&playbook), &source, out, false)
        });
    }
    s
}

/// The floor: read and parse into a `serde_json::Value` with serde-saphyr, nothing else. Its
/// default budget stops a 100,000-step file part way (an error in a fraction of the parse), so
/// the floor parses without one, as the check's own raised limits let it read the whole file.
fn parse_floor(inputs: &[Input]) -> f64 {
    let started = Instant::now();
    for input in inputs {
        let text = std::fs::read_to_string(&input.path).unwrap_or_default();
        let mut options = serde_saphyr::Options::default();
        options.budget = None;
        let _: Result<serde_json::Value, _> = serde_saphyr::from_str_with_options(&text, options);
    }
    started.elapsed().as_secs_f64()
}

fn best_of<T>(runs: usize, mut f: impl FnMut() -> T) -> (f64, T) {
    let mut best = f64::MAX;
    let mut last = None;
    for _ in 0..runs {
        let started = Instant::now();
        last = Some(f());
        best = best.min(started.elapsed().as_secs_f64());
    }
    (best, last.expect("at least one run"))
}

fn report(label: &str, inputs: &[Input], options: &Options, runs: usize) {
    let bytes: u64 = inputs
        .iter()
        .filter_map(|i| std::fs::metadata(&i.path).ok())
        .map(|m| m.len())
        .sum();
    let _ = check::check_inputs(inputs, options); // automata and validators are built once per process
    let (check_s, files) = best_of(runs, || check::check_inputs(inputs, options));
    let findings: usize = files.iter().map(|f| f.findings.len()).sum();
    drop(files);
    let (floor_s, ()) = best_of(runs, || {
        parse_floor(inputs);
    });
    let mut per_check = Vec::new();
    let (_, s) = best_of(1, || split(inputs, &options.limits, &mut per_check));
    let pct = |x: f64| 100.0 * x / s.total();
    println!(
        "{label:<30} {:>5} files {:>7.2} MB | check {:>8.1} ms ({:>4.2}x floor) | floor {:>7.1} ms | 1-thread split: read {:.0}% parse {:.0}% schema {:.0}% model {:.0}% graph {:.0}% wording {:.0}% other {:.0}% ({:.1}x floor) | {findings} findings",
        inputs.len(),
        bytes as f64 / 1e6,
        check_s * 1e3,
        check_s / floor_s,
        floor_s * 1e3,
        pct(s.read),
        pct(s.parse),
        pct(s.schema),
        pct(s.model),
        pct(s.graph),
        pct(s.wording),
        pct(s.other),
        s.total() / floor_s,
    );
    // The checks that cost most, each as a share of the one-thread total.
    let mut costly: Vec<(f64, &str)> = rules::checks()
        .iter()
        .zip(&per_check)
        .map(|(check, seconds)| (*seconds, check.name()))
        .collect();
    costly.sort_by(|a, b| b.0.total_cmp(&a.0));
    let top: Vec<String> = costly
        .iter()
        .take(8)
        .map(|(seconds, name)| {
            let short = name.rsplit("::").next().unwrap_or(name);
            format!("{short} {:.0}%", pct(*seconds))
        })
        .collect();
    println!("{:<30}   per check: {}", "", top.join(", "));
}

fn write(dir: &Path, name: &str, text: &str) -> Input {
    let path: PathBuf = dir.join(name);
    std::fs::write(&path, text).expect("write");
    Input { path, named: true }
}

/// Check time for each size of a generated input; linear growth keeps ms/unit flat.
fn series(label: &str, sizes: &[usize], options: &Options, make: impl Fn(usize) -> String) {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut line = format!("{label:<44}");
    for &n in sizes {
        let input = write(dir.path(), &format!("{n}.yaml"), &make(n));
        let (s, files) = best_of(2, || {
            check::check_inputs(std::slice::from_ref(&input), options)
        });
        // The human report is part of the cost of findings.
        let (r, _) = best_of(1, || corpus::render_human(&files));
        line.push_str(&format!(
            "  n={n}: {:.0} ms (+{:.0} ms human)",
            s * 1e3,
            r * 1e3
        ));
    }
    println!("{line}");
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    // `one FILE STEPS`: writes one generated playbook of STEPS steps (English).
    if let Some(i) = args.iter().position(|a| a == "one") {
        let path = PathBuf::from(args.get(i + 1).expect("one FILE STEPS"));
        let steps: usize = args
            .get(i + 2)
            .and_then(|s| s.parse().ok())
            .expect("one FILE STEPS");
        std::fs::write(&path, corpus::realistic(0, steps)).expect("write");
        println!("wrote {steps} steps to {}", path.display());
        return;
    }
    // `floor PATH...`: the parse floor as a process of its own (one thread), so that its wall
    // time, CPU time, peak memory and instruction count can be compared with `cordial check`
    // by outside tools (`/usr/bin/time -v`, `valgrind --tool=callgrind`).
    if let Some(i) = args.iter().position(|a| a == "floor") {
        let paths: Vec<PathBuf> = args[i + 1..].iter().map(PathBuf::from).collect();
        let inputs = check::discover(&paths).expect("floor PATH...");
        let seconds = parse_floor(&inputs);
        println!("parsed {} files in {:.3} s", inputs.len(), seconds);
        return;
    }
    if let Some(i) = args.iter().position(|a| a == "corpus") {
        let dir = PathBuf::from(args.get(i + 1).expect("corpus DIR"));
        std::fs::create_dir_all(&dir).expect("create DIR");
        for i in 0..1000 {
            write(
                &dir,
                &format!("p{i:04}.playbook.yaml"),
                &corpus::realistic(i, 40),
            );
        }
        println!("wrote 1,000 playbooks to {}", dir.display());
        return;
    }
    let big = Options {
        limits: Limits {
            max_nodes: 5_000_000,
            max_file_bytes: 200 * 1024 * 1024,
            max_scalar_bytes: 200 * 1024 * 1024,
            ..Default::default()
        },
        ..Default::default()
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let corpus: Vec<Input> = (0..1000)
        .map(|i| {
            write(
                dir.path(),
                &format!("p{i:04}.yaml"),
                &corpus::realistic(i, 40),
            )
        })
        .collect();
    report("1000 playbooks x 40 steps", &corpus, &Options::default(), 3);
    for steps in [1_000, 10_000, 100_000] {
        let one = [
            write(
                dir.path(),
                &format!("en-{steps}.yaml"),
                &corpus::realistic(0, steps),
            ),
            write(
                dir.path(),
                &format!("pt-{steps}.yaml"),
                &corpus::realistic(1, steps),
            ),
        ];
        report(
            &format!("1 en + 1 pt x {steps} steps"),
            &one,
            &big,
            if steps > 10_000 { 1 } else { 3 },
        );
    }
    let bundled = check::discover(&[PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/playbooks"
    ))])
    .unwrap_or_default();
    report("bundled playbooks", &bundled, &Options::default(), 5);

    let started = Instant::now();
    let small = [write(dir.path(), "small.yaml", &corpus::realistic(0, 3))];
    let _ = check::check_inputs(&small, &Options::default());
    println!(
        "first check of one small file in this process (automata, validator, packs built): {:.1} ms",
        started.elapsed().as_secs_f64() * 1e3
    );

    println!(
        "\nseries (each size twice the last; linear keeps the time doubling, not quadrupling):"
    );
    series(
        "missing-fact chain (N steps, all failing)",
        &[2_500, 5_000, 10_000],
        &big,
        |n| corpus::chain(n, "requires: [nobody-sets-this], "),
    );
    series(
        "distinct facts (N steps, N/2 facts)",
        &[5_000, 10_000, 20_000],
        &big,
        corpus::many_facts,
    );
    series(
        "clean chain (N steps)",
        &[25_000, 50_000, 100_000],
        &big,
        |n| corpus::chain(n, ""),
    );
    series(
        "unknown next targets (N)",
        &[5_000, 10_000, 20_000],
        &big,
        corpus::unknown_targets,
    );
    series(
        "placeholders in one say and SMS (N)",
        &[2_500, 5_000, 10_000],
        &big,
        corpus::placeholders,
    );
    series(
        "say line full of matches (N KB)",
        &[100, 200, 400],
        &big,
        corpus::matches,
    );
    series(
        "prohibited {a|..|j} x N groups",
        &[4, 8, 12],
        &big,
        corpus::alternatives,
    );
    series(
        "1 MB string aliased N times",
        &[250, 500, 999],
        &big,
        corpus::alias_bytes,
    );
    series(
        "flow-style one-line playbook (N steps)",
        &[2_500, 5_000, 10_000],
        &big,
        corpus::one_line,
    );
}
