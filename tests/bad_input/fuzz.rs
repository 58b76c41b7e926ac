//! A mutation fuzzer on the stable toolchain: bundled playbooks and rule fixtures, cut, spliced
//! and sprinkled with YAML's sharp edges, go through load → check → every report format →
//! guide and diagrams. The normal test run tries a few hundred inputs from a fixed seed; a long
//! run is
//!
//! ```sh
//! CORDIAL_FUZZ_SECONDS=600 CORDIAL_FUZZ_SEED=$RANDOM cargo test --release --test bad_input fuzz -- --nocapture
//! ```
//!
//! A crashing input is written to `target/fuzz-crashes/` and named in the failure; each one found
//! becomes a file in `tests/fixtures/fuzz/`, which this test replays first.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use cordial::check::{self, Options};
use cordial::report::{self, human};

/// xorshift64*: small, fast and reproducible from its seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// YAML's sharp edges, and the playbook format's.
const TOKENS: &[&str] = &[
    "{",
    "}",
    "[",
    "]",
    ": ",
    "- ",
    "&a ",
    "*a",
    "!!str ",
    "!custom ",
    "\"",
    "'",
    "\n",
    "\t",
    "#",
    "|\n",
    ">-\n",
    "---\n",
    "...\n",
    "\u{feff}",
    "{amount_due}",
    "{nope}",
    "\0",
    "\r\n",
    "\r",
    "<<: ",
    "? ",
    "~",
    "null",
    "1e999",
    "-0",
    "0x1F",
    "017",
    "\u{202e}",
    "é",
    "😀",
    "\\u0000",
    "next: ",
    "go: ",
    "requires: [",
    "establishes: [",
    "outcome: paid",
    "say: [",
    "**",
    "> ",
    "[x](javascript:alert(1))",
    "<script>",
    "%",
    "\u{0301}",
];

fn mutate(rng: &mut Rng, seed: &[u8]) -> Vec<u8> {
    let mut bytes = seed.to_vec();
    for _ in 0..1 + rng.below(4) {
        let at = rng.below(bytes.len() + 1);
        match rng.below(7) {
            0 => {
                let end = (at + rng.below(64)).min(bytes.len());
                bytes.drain(at..end);
            }
            1 | 2 => {
                let token = TOKENS[rng.below(TOKENS.len())].as_bytes();
                bytes.splice(at..at, token.iter().copied());
            }
            3 => {
                let from = rng.below(bytes.len() + 1);
                let end = (from + rng.below(200)).min(bytes.len());
                let copy: Vec<u8> = bytes[from..end].to_vec();
                bytes.splice(at..at, copy);
            }
            4 => bytes.truncate(at),
            5 => {
                if let Some(b) = bytes.get_mut(at) {
                    *b = rng.next() as u8;
                }
            }
            _ => {
                // Indentation shifts, the classic YAML mistake.
                let line_start = bytes[..at]
                    .iter()
                    .rposition(|&b| b == b'\n')
                    .map_or(0, |i| i + 1);
                if rng.below(2) == 0 {
                    bytes.splice(line_start..line_start, *b"  ");
                } else if bytes.get(line_start) == Some(&b' ') {
                    bytes.remove(line_start);
                }
            }
        }
    }
    bytes
}

/// Everything a user can ask of one input; a panic anywhere is the bug.
fn exercise(bytes: &[u8]) {
    let path = Path::new("fuzz.playbook.yaml");
    let (source, unreadable) = cordial::load::from_bytes(path, bytes.to_vec());
    let Some(checked) = check::check_source(source, unreadable, true, &Options::default()) else {
        panic!("a named file is always checked");
    };
    let files = [checked];
    let diagnostics = report::diagnostics(&files);
    let summary = report::Summary::of(&files);
    let _ = report::json::render(&diagnostics, &summary);
    let _ = report::sarif::render(&diagnostics);
    let _ = report::github::render(&diagnostics);
    let sources: HashMap<String, Arc<String>> = files
        .iter()
        .map(|f| (f.source.display_path(), f.source.text.clone()))
        .collect();
    let _ = human::render(&diagnostics, &sources, human::Style::Plain, 100);
    let _ = human::render(&diagnostics, &sources, human::Style::Narrated, 40);
    if let Some(playbook) = &files[0].playbook {
        let _ = cordial::render::guide_json(&cordial::render::GuideInput {
            source_path: "fuzz.playbook.yaml",
            source_text: &files[0].source.text,
            playbook,
            findings: &[],
            exceptions: &[],
            packs: None,
        });
        let _ = cordial::render::graph_dot(playbook);
        let _ = cordial::render::graph_mermaid(playbook);
        let _ = cordial::render::graph_svg(playbook);
    }
}

fn seeds(root: &Path) -> Vec<Vec<u8>> {
    let mut paths: Vec<PathBuf> = Vec::new();
    for folder in ["playbooks", "tests/fixtures/rules"] {
        let inputs = check::discover(&[root.join(folder)]).expect("seed folders exist");
        paths.extend(inputs.into_iter().map(|i| i.path));
    }
    paths.sort();
    paths.iter().filter_map(|p| std::fs::read(p).ok()).collect()
}

/// Runs one input, saving it if it panics.
fn run_one(bytes: &[u8], crashes: &Path) {
    let outcome = std::panic::catch_unwind(|| exercise(bytes));
    if outcome.is_err() {
        std::fs::create_dir_all(crashes).expect("crash folder");
        let name = format!("{:016x}.yaml", fnv(bytes));
        let saved = crashes.join(name);
        std::fs::write(&saved, bytes).expect("save the crash");
        panic!("cordial panicked on {}", saved.display());
    }
}

fn fnv(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
    })
}

#[test]
fn fuzz_mutated_playbooks_never_panic() {
    let root = super::common::root();
    let crashes = root.join("target/fuzz-crashes");
    // Past crashes first: each is a regression fixture.
    if let Ok(entries) = std::fs::read_dir(root.join("tests/fixtures/fuzz")) {
        for entry in entries.flatten() {
            run_one(&std::fs::read(entry.path()).expect("fixture"), &crashes);
        }
    }
    let seeds = seeds(root);
    assert!(!seeds.is_empty());
    let seed = std::env::var("CORDIAL_FUZZ_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x5eed_c0de_u64);
    let budget = std::env::var("CORDIAL_FUZZ_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .map(Duration::from_secs);
    let mut rng = Rng(seed | 1);
    let started = Instant::now();
    let mut tried = 0u64;
    loop {
        let done = match budget {
            Some(b) => started.elapsed() >= b,
            None => tried >= 150,
        };
        if done {
            break;
        }
        let pick = rng.below(seeds.len());
        let input = mutate(&mut rng, &seeds[pick]);
        run_one(&input, &crashes);
        tried += 1;
    }
    if budget.is_some() {
        println!(
            "fuzz: {tried} inputs in {:.0} s from seed {seed}, no panic",
            started.elapsed().as_secs_f64()
        );
    }
}
