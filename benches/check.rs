//! `cargo bench`: how fast `cordial check` runs on many playbooks, and on one large one.
//! Prints figures; asserts nothing about time.

use std::path::PathBuf;
use std::time::Instant;

use cordial::check::{self, Input, Options};

/// A realistic playbook of `steps` steps with offers, templates and cadence, id made unique.
fn playbook(id: usize, steps: usize) -> String {
    let mut s = format!(
        "cordial: 1\nid: bench-{id}\ntitle: Bench {id}\nlocale: en-US\njurisdictions: [us]\ncollector: first-party\n\
variables:\n  customer_name: {{type: text, example: \"Jordan Lee\"}}\n  amount_due: {{type: money, example: 1250.00}}\n\
start: s0\nsteps:\n"
    );
    for i in 0..steps {
        let next = if i + 1 == steps {
            "    outcome: agreement\n".to_string()
        } else {
            format!(
                "    next:\n      - when: The customer agrees to continue\n        go: s{}\n      - when: The customer asks for a call back\n        go: callback\n",
                i + 1
            )
        };
        s.push_str(&format!(
            "  s{i}:\n    title: Step {i}\n    goal: Understand the customer's situation without judgment.\n    say:\n      - \"Thank you, {{customer_name}}. I understand this can be a difficult moment, and I am here to help.\"\n      - \"Could you tell me what monthly amount would fit your budget without leaving out essentials?\"\n    tips: [\"Listen actively and do not interrupt.\", \"Acknowledge the difficulty.\"]\n    establishes: [identity-verified, terms-disclosed]\n{next}"
        ));
    }
    s.push_str("  callback:\n    title: Call back\n    say: [\"Of course. When would be a good time to call you back about {amount_due}?\"]\n    outcome: callback\n");
    s
}

fn time(label: &str, inputs: &[Input], bytes: usize) -> f64 {
    let options = Options::default();
    let _ = check::check_inputs(inputs, &options); // warm-up: automata and validators are built once per process
    let runs = 5;
    let started = Instant::now();
    let mut findings = 0;
    for _ in 0..runs {
        findings = check::check_inputs(inputs, &options)
            .iter()
            .map(|f| f.findings.len())
            .sum();
    }
    let seconds = started.elapsed().as_secs_f64() / runs as f64;
    println!(
        "{label:<34} {:>6} files {:>8.2} MB  {:>8.1} ms/run  {:>7.1} MB/s  {:>8.0} files/s  ({findings} findings)",
        inputs.len(),
        bytes as f64 / 1e6,
        seconds * 1e3,
        bytes as f64 / 1e6 / seconds,
        inputs.len() as f64 / seconds
    );
    seconds
}

/// Reading and parsing alone, for comparison with the whole check.
fn time_parse(label: &str, inputs: &[Input], bytes: usize) {
    let runs = 5;
    let started = Instant::now();
    for _ in 0..runs {
        for input in inputs {
            let (mut source, _) = cordial::load::read(&input.path, &Default::default());
            let _ = cordial::load::parse(&mut source, &Default::default());
        }
    }
    let seconds = started.elapsed().as_secs_f64() / runs as f64;
    println!(
        "{label:<34} {:>6} files {:>8.2} MB  {:>8.1} ms/run  {:>7.1} MB/s  (one thread, read + parse only)",
        inputs.len(),
        bytes as f64 / 1e6,
        seconds * 1e3,
        bytes as f64 / 1e6 / seconds
    );
}

/// The wording engine alone on every text the wording rules read, one thread: its share of a
/// check, in the same units as the whole (the check itself runs files in parallel).
fn time_wording(label: &str, inputs: &[Input]) -> f64 {
    let mut playbooks = Vec::new();
    for input in inputs {
        let (mut source, _) = cordial::load::read(&input.path, &Default::default());
        let _ = cordial::load::parse(&mut source, &Default::default());
        if let (Some(playbook), _) = check::deserialize_tolerant(&source.value, &[]) {
            playbooks.push(playbook);
        }
    }
    let texts: Vec<(String, String)> = playbooks
        .iter()
        .flat_map(|p| {
            let language = p
                .locale
                .split(['-', '_'])
                .next()
                .unwrap_or("en")
                .to_string();
            cordial::rules::wording::checked_texts(p)
                .into_iter()
                .map(move |(_, text)| (language.clone(), text.to_string()))
        })
        .collect();
    let runs = 5;
    let started = Instant::now();
    let mut hits = 0;
    for _ in 0..runs {
        hits = texts
            .iter()
            .map(|(language, text)| cordial::wording::scan(text, language).len())
            .sum();
    }
    let seconds = started.elapsed().as_secs_f64() / runs as f64;
    println!(
        "{label:<34} {:>6} texts {:>8.1} ms/run  (one thread, wording scan only: normalise, analyse, frames, lists; {hits} hits)",
        texts.len(),
        seconds * 1e3
    );
    seconds
}

fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    for (label, count, steps) in [
        ("1000 playbooks x 12 steps", 1000, 12),
        ("100 playbooks x 200 steps", 100, 200),
        ("1 playbook x 4000 steps", 1, 4000),
    ] {
        let mut inputs = Vec::new();
        let mut bytes = 0;
        for i in 0..count {
            let text = playbook(i, steps);
            bytes += text.len();
            let path: PathBuf = dir
                .path()
                .join(format!("{label}-{i}.playbook.yaml").replace(' ', "_"));
            std::fs::write(&path, text).expect("write");
            inputs.push(Input { path, named: true });
        }
        let whole = time(label, &inputs, bytes);
        time_parse(label, &inputs, bytes);
        let wording = time_wording(label, &inputs);
        // The check runs files on every core; the wording time is one thread's.
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get()) as f64;
        println!(
            "{label:<34} wording share: {:.0} % of the check's CPU time ({cores} cores)",
            100.0 * wording / (whole * cores)
        );
    }
    let bundled = check::discover(&[PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/playbooks"
    ))])
    .unwrap_or_default();
    let bytes = bundled
        .iter()
        .filter_map(|i| std::fs::metadata(&i.path).ok())
        .map(|m| m.len() as usize)
        .sum();
    let _ = time("bundled playbooks", &bundled, bytes);
}
