//! Hostile and broken files: each gives a diagnostic with a position, promptly and in bounded
//! memory, and never stops the other files of the run.

mod common;
#[path = "bad_input/fuzz.rs"]
mod fuzz;
#[path = "bad_input/hostile.rs"]
mod hostile;
#[path = "bad_input/walk.rs"]
mod walk;

use std::path::PathBuf;

use cordial::check::{self, Input, Options};
use rayon::prelude::*;

const GOOD: &str = "cordial: 1\nid: good\ntitle: Good\nlocale: en\njurisdictions: []\nstart: a\nsteps:\n  a: {outcome: paid}\n";

fn run(files: &[(&str, Vec<u8>)]) -> (tempfile::TempDir, Vec<check::CheckedFile>) {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut inputs = Vec::new();
    for (name, bytes) in files {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).expect("write");
        inputs.push(Input { path, named: true });
    }
    let checked = check::check_inputs(&inputs, &Options::default());
    (dir, checked)
}

fn first_code(file: &check::CheckedFile) -> &'static str {
    file.findings.first().map(|f| f.code).unwrap_or("none")
}

#[test]
fn each_bad_file_is_reported_and_the_good_one_still_checked() {
    let mut bomb = String::from("cordial: 1\na0: &a0 [x, x, x, x, x, x, x, x, x]\n");
    for i in 1..12 {
        let p = i - 1;
        bomb.push_str(&format!(
            "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
        ));
    }
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "not-yaml.yaml",
            b"cordial: 1\nsteps: [unclosed\n  : : :\n".to_vec(),
            "yaml/syntax",
        ),
        (
            "duplicate.yaml",
            format!("{}title: Again\n", GOOD.replace("id: good", "id: dup")).into_bytes(),
            "yaml/syntax",
        ),
        ("bomb.yaml", bomb.into_bytes(), "yaml/syntax"),
        (
            "deep.yaml",
            format!("cordial: 1\nx: {}", "[".repeat(10_000)).into_bytes(),
            "yaml/syntax",
        ),
        (
            "latin1.yaml",
            b"cordial: 1\ntitle: cobran\xe7a\n".to_vec(),
            "input/unreadable",
        ),
        (
            "binary.yaml",
            vec![0x7f, b'E', b'L', b'F', 0, 0, 1, 2, 3],
            "input/unreadable",
        ),
        ("empty.yaml", Vec::new(), "input/unreadable"),
        ("good.yaml", GOOD.as_bytes().to_vec(), "none"),
    ];
    let files: Vec<(&str, Vec<u8>)> = cases.iter().map(|(n, b, _)| (*n, b.clone())).collect();
    let (_dir, checked) = run(&files);
    assert_eq!(checked.len(), cases.len());
    for (name, _, expected) in &cases {
        let file = checked
            .iter()
            .find(|f| f.source.path.file_name().and_then(|n| n.to_str()) == Some(name))
            .expect("every file is in the run");
        assert_eq!(first_code(file), *expected, "{name}: {:?}", file.findings);
        if let Some(finding) = file.findings.first() {
            let at = file
                .source
                .position(file.source.resolve(&finding.primary.location).start);
            assert!(at.line >= 1 && at.column >= 1, "{name} has a position");
        }
    }
    let latin1 = checked
        .iter()
        .find(|f| f.source.path.ends_with("latin1.yaml"))
        .expect("present");
    let at = latin1.source.position(
        latin1
            .source
            .resolve(&latin1.findings[0].primary.location)
            .start,
    );
    assert_eq!(
        (at.line, at.column),
        (2, 14),
        "the first byte that is not UTF-8"
    );
}

#[test]
fn a_huge_file_is_refused_without_being_read_whole() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("huge.yaml");
    let file = std::fs::File::create(&path).expect("create");
    file.set_len(100 * 1024 * 1024).expect("sparse 100 MB file");
    let checked = check::check_inputs(&[Input { path, named: true }], &Options::default());
    assert_eq!(first_code(&checked[0]), "input/unreadable");
    assert!(checked[0].findings[0].message.contains("larger than"));
}

#[test]
fn every_prefix_of_every_bundled_playbook_gives_diagnostics_not_a_panic() {
    let root = common::root();
    let mut playbooks: Vec<PathBuf> = std::fs::read_dir(root.join("playbooks"))
        .expect("playbooks/")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .collect();
    playbooks.sort();
    assert!(!playbooks.is_empty());
    for path in playbooks {
        let text = std::fs::read_to_string(&path).expect("readable");
        // Every line end and every 53rd character: each kind of cut (inside a key, a quoted
        // string, a block scalar, a flow collection) happens many times over, at a few percent
        // of the cost of every character.
        let boundaries: Vec<usize> = text
            .char_indices()
            .enumerate()
            .filter(|(n, (i, c))| *c == '\n' || n.is_multiple_of(53) || *i + 1 == text.len())
            .map(|(_, (i, _))| i)
            .chain([text.len()])
            .collect();
        boundaries.par_iter().for_each(|&end| {
            let (source, unreadable) =
                cordial::load::from_bytes(&path, text.as_bytes()[..end].to_vec());
            let checked = check::check_source(source, unreadable, true, &Options::default())
                .expect("a named file is always checked");
            if end < text.len() {
                assert!(
                    !checked.findings.is_empty() || checked.playbook.is_some(),
                    "a cut playbook yields findings or a model"
                );
            }
        });
    }
}
