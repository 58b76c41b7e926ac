//! `--baseline` / `--write-baseline`: adopting cordial on a repository with findings.

use assert_cmd::Command;

fn cordial(dir: &std::path::Path) -> Command {
    let mut cmd = Command::cargo_bin("cordial").expect("binary built");
    cmd.current_dir(dir).env("NO_COLOR", "1");
    cmd
}

fn fixture(path: &str) -> String {
    std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path))
        .expect("fixture")
}

fn stderr(out: &assert_cmd::assert::Assert) -> String {
    String::from_utf8_lossy(&out.get_output().stderr).to_string()
}

#[test]
fn a_baseline_survives_lines_inserted_above_its_finding_and_still_catches_new_ones() {
    let dir = tempfile::tempdir().expect("temp dir");
    let original = fixture("tests/fixtures/rules/graph__dead-end/fail.playbook.yaml");
    std::fs::write(dir.path().join("p.playbook.yaml"), &original).expect("write");
    let out = cordial(dir.path())
        .args(["check", ".", "--write-baseline", "cordial-baseline.json"])
        .assert()
        .code(0);
    assert!(
        stderr(&out).contains("recorded 1 finding"),
        "{}",
        stderr(&out)
    );
    let baseline: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(dir.path().join("cordial-baseline.json")).expect("written"),
    )
    .expect("JSON");
    let entry = &baseline["entries"][0];
    assert_eq!(entry["code"], "graph/dead-end");
    assert!(entry.get("line").is_none(), "no line numbers: {entry}");

    // Lines inserted above the finding: still covered.
    std::fs::write(
        dir.path().join("p.playbook.yaml"),
        format!("# reviewed by compliance\n# second comment line\n\n{original}"),
    )
    .expect("write");
    let out = cordial(dir.path())
        .args([
            "check",
            ".",
            "--baseline",
            "cordial-baseline.json",
            "--format",
            "concise",
        ])
        .assert()
        .code(0);
    assert!(
        stderr(&out).contains("1 finding in the baseline"),
        "{}",
        stderr(&out)
    );
    assert!(!String::from_utf8_lossy(&out.get_output().stdout).contains("graph/dead-end"));

    // A new finding elsewhere fails the run, and only it is reported.
    std::fs::write(
        dir.path().join("q.playbook.yaml"),
        original.replacen("id: ", "id: other-", 1),
    )
    .expect("write");
    let out = cordial(dir.path())
        .args([
            "check",
            ".",
            "--baseline",
            "cordial-baseline.json",
            "--format",
            "concise",
        ])
        .assert()
        .code(1);
    let text = String::from_utf8_lossy(&out.get_output().stdout).to_string();
    assert!(
        text.contains("q.playbook.yaml") && !text.contains("./p.playbook.yaml:"),
        "{text}"
    );
}

#[test]
fn entries_that_no_longer_occur_are_reported() {
    let dir = tempfile::tempdir().expect("temp dir");
    let failing = fixture("tests/fixtures/rules/graph__dead-end/fail.playbook.yaml");
    std::fs::write(dir.path().join("p.playbook.yaml"), &failing).expect("write");
    cordial(dir.path())
        .args(["check", ".", "--write-baseline", "b.json"])
        .assert()
        .code(0);
    let passing = fixture("tests/fixtures/rules/graph__dead-end/pass.playbook.yaml");
    std::fs::write(dir.path().join("p.playbook.yaml"), passing).expect("write");
    let out = cordial(dir.path())
        .args(["check", ".", "--baseline", "b.json"])
        .assert()
        .code(0);
    let err = stderr(&out);
    assert!(
        err.contains("1 entry of the baseline b.json no longer occurs"),
        "{err}"
    );
    assert!(
        err.contains("graph/dead-end p.playbook.yaml /steps/"),
        "{err}"
    );
}

#[test]
fn threats_are_never_baselined() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("t.playbook.yaml"),
        fixture("tests/fixtures/rules/wording__threat/fail-en.playbook.yaml"),
    )
    .expect("write");
    let out = cordial(dir.path())
        .args([
            "check",
            ".",
            "--write-baseline",
            "b.json",
            "--format",
            "concise",
        ])
        .assert()
        .code(1);
    assert!(String::from_utf8_lossy(&out.get_output().stdout).contains("wording/threat"));
}

#[test]
fn a_broken_baseline_is_a_usage_error_with_its_position() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("b.json"),
        "{\"version\": 1, \"entries\": [{\"cod\": 1}]}",
    )
    .expect("write");
    std::fs::write(
        dir.path().join("p.playbook.yaml"),
        fixture("tests/fixtures/rules/graph__dead-end/pass.playbook.yaml"),
    )
    .expect("write");
    let out = cordial(dir.path())
        .args(["check", ".", "--baseline", "b.json"])
        .assert()
        .code(2);
    assert!(stderr(&out).contains("b.json:1:"), "{}", stderr(&out));
    cordial(dir.path())
        .args(["check", ".", "--baseline", "missing.json"])
        .assert()
        .code(2);
}
