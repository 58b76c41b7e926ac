//! A new user's first minutes: skipped files are named, `init` writes a playbook that passes,
//! codes are found whatever their case.

use assert_cmd::Command;

fn cordial() -> Command {
    let mut cmd = Command::cargo_bin("cordial").expect("binary built");
    cmd.env("NO_COLOR", "1")
        .env_remove("FORCE_COLOR")
        .env_remove("CLICOLOR_FORCE");
    cmd
}

#[test]
fn a_folder_scan_names_the_yaml_files_it_skips_and_fails_on_near_misses() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("ci.yaml"), "name: ci\non: push\n").expect("write");
    std::fs::write(
        dir.path().join("typo.yaml"),
        "cordail: 1\nid: x\ntitle: X\nlocale: en\nstart: a\nsteps:\n  a: {outcome: paid}\n",
    )
    .expect("write");
    let out = cordial()
        .arg("check")
        .arg(dir.path())
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1), "a near miss fails the run");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stdout.contains("did you mean `cordial`?"), "{stdout}");
    assert!(stderr.contains("skipped 1 YAML file"), "{stderr}");
    assert!(stderr.contains("ci.yaml"), "{stderr}");
    assert!(
        stdout.contains("in 1 playbook, 1 other YAML file skipped"),
        "the closing line counts the skipped files: {stdout}"
    );
}

#[test]
fn init_with_flags_writes_a_playbook_that_passes() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("agua.playbook.yaml");
    cordial()
        .args([
            "init",
            "--locale",
            "PT",
            "--jurisdictions",
            "BR",
            "--sector",
            "utility",
        ])
        .args(["--collector", "third-party"])
        .arg(&path)
        .write_stdin("")
        .assert()
        .success();
    let text = std::fs::read_to_string(&path).expect("written");
    assert!(
        text.starts_with("# yaml-language-server: $schema="),
        "{text}"
    );
    cordial().arg("check").arg(&path).assert().success();
    // A second run does not overwrite it.
    cordial()
        .args(["init", "--locale", "en"])
        .arg(&path)
        .write_stdin("")
        .assert()
        .code(1);
}

#[test]
fn init_lists_the_allowed_values_of_a_wrong_one() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = cordial()
        .args(["init", "--sector", "utilty"])
        .arg(dir.path().join("x.yaml"))
        .write_stdin("")
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("`utility`, `telecom`, `bank`"), "{stderr}");
    assert!(stderr.contains("did you mean `utility`?"), "{stderr}");
}

#[test]
fn explain_ignores_case() {
    cordial()
        .args(["explain", "GRAPH/DEAD-END"])
        .assert()
        .success();
}
