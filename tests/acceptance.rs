//! Issue 2's acceptance check: a deliberately broken copy of a bundled playbook yields each
//! expected code at the right line and column, all in one run.

mod common;

use std::path::PathBuf;

#[test]
fn broken_copy_yields_every_expected_finding_in_one_run() {
    let _ = std::env::set_current_dir(common::root());
    let expected =
        std::fs::read_to_string("tests/fixtures/broken/expected.txt").expect("expected.txt");
    let files = common::check(&[PathBuf::from(
        "tests/fixtures/broken/overindebted-broken.playbook.yaml",
    )]);
    let found: Vec<(String, usize, usize)> = cordial::report::diagnostics(&files)
        .iter()
        .map(|d| {
            (
                d.code.to_string(),
                d.primary.place.start.line,
                d.primary.place.start.column,
            )
        })
        .collect();
    let mut missing = Vec::new();
    for line in expected
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
    {
        let parts: Vec<&str> = line.split_whitespace().collect();
        let want = (
            parts[0].to_string(),
            parts[1].parse().expect("line"),
            parts[2].parse().expect("column"),
        );
        if !found.contains(&want) {
            missing.push(line.to_string());
        }
    }
    assert!(
        missing.is_empty(),
        "missing findings {missing:?}; found {found:?}"
    );
    insta::assert_snapshot!("broken_copy_human", common::human(&files));
}
