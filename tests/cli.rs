//! The binary as users and CI run it: exit codes, formats, paths as given.

use assert_cmd::Command;

fn cordial() -> Command {
    let mut cmd = Command::cargo_bin("cordial").expect("binary built");
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .env_remove("NO_GRAPHICS");
    cmd
}

#[test]
fn bundled_playbooks_pass_clean() {
    let out = cordial().arg("check").assert().code(0);
    let stdout = String::from_utf8_lossy(&out.get_output().stdout).to_string();
    assert!(stdout.contains("checked, no findings"), "{stdout}");
}

#[test]
fn json_output_follows_the_contract() {
    let out = cordial()
        .args([
            "check",
            "--format",
            "json",
            "tests/fixtures/rules/graph__dead-end/fail.playbook.yaml",
        ])
        .assert()
        .code(1);
    let report: serde_json::Value =
        serde_json::from_slice(&out.get_output().stdout).expect("valid JSON");
    assert_eq!(report["version"], 1);
    assert_eq!(report["tool"]["name"], "cordial");
    assert_eq!(report["summary"]["files"], 1);
    let first = &report["diagnostics"][0];
    for key in [
        "code",
        "severity",
        "message",
        "file",
        "line",
        "column",
        "end_line",
        "end_column",
        "related",
    ] {
        assert!(first.get(key).is_some(), "missing `{key}` in {first}");
    }
    assert_eq!(
        first["file"],
        "tests/fixtures/rules/graph__dead-end/fail.playbook.yaml"
    );
    assert!(
        report["diagnostics"]
            .as_array()
            .expect("list")
            .iter()
            .any(|d| d["code"] == "graph/dead-end")
    );
}

#[test]
fn a_missing_path_is_a_usage_error() {
    cordial().args(["check", "no/such/folder"]).assert().code(2);
}

#[test]
fn an_explicit_file_that_is_not_a_playbook_is_reported() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("config.yaml");
    std::fs::write(&file, "name: something else\n").expect("write");
    let out = cordial().arg("check").arg(&file).assert().code(1);
    assert!(String::from_utf8_lossy(&out.get_output().stdout).contains("not a cordial playbook"));
}

#[test]
fn a_folder_scan_skips_yaml_files_that_are_not_playbooks() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("config.yaml"), "name: something else\n").expect("write");
    let out = cordial().arg("check").arg(dir.path()).assert().code(0);
    assert!(String::from_utf8_lossy(&out.get_output().stdout).contains("0 playbooks checked"));
}

#[test]
fn deny_warnings_turns_warnings_into_failure() {
    let fixture = "tests/fixtures/rules/graph__unreachable/fail.playbook.yaml";
    cordial().args(["check", fixture]).assert().code(0);
    cordial()
        .args(["check", "--deny-warnings", fixture])
        .assert()
        .code(1);
}

#[test]
fn explain_prints_the_rule_and_unknown_codes_are_usage_errors() {
    let out = cordial()
        .args(["explain", "graph/no-exit"])
        .assert()
        .code(0);
    let text = String::from_utf8_lossy(&out.get_output().stdout).to_string();
    assert!(
        text.contains("Why it matters") && text.contains("Fails") && text.contains("Passes"),
        "{text}"
    );
    cordial()
        .args(["explain", "graph/no-exits"])
        .assert()
        .code(2);
}

#[test]
fn rules_lists_every_code() {
    let out = cordial().arg("rules").assert().code(0);
    let text = String::from_utf8_lossy(&out.get_output().stdout).to_string();
    for meta in cordial::rules::all() {
        assert!(text.contains(meta.code), "{} missing", meta.code);
    }
}

#[test]
fn schema_command_prints_the_committed_schema() {
    let out = cordial().arg("schema").assert().code(0);
    let committed = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/schema/playbook.schema.json"
    ))
    .expect("committed");
    assert_eq!(out.get_output().stdout, committed);
}

#[test]
fn sarif_and_github_formats_carry_the_findings() {
    let fixture = "tests/fixtures/rules/graph__dead-end/fail.playbook.yaml";
    let out = cordial()
        .args(["check", "--format", "sarif", fixture])
        .assert()
        .code(1);
    let sarif: serde_json::Value =
        serde_json::from_slice(&out.get_output().stdout).expect("valid JSON");
    assert_eq!(sarif["version"], "2.1.0");
    assert!(
        sarif["runs"][0]["results"]
            .as_array()
            .expect("results")
            .iter()
            .any(|r| r["ruleId"] == "graph/dead-end")
    );
    let out = cordial()
        .args(["check", "--format", "github", fixture])
        .assert()
        .code(1);
    let text = String::from_utf8_lossy(&out.get_output().stdout).to_string();
    assert!(
        text.contains("::error file=tests/fixtures/rules/graph__dead-end/fail.playbook.yaml,line="),
        "{text}"
    );
}

#[test]
fn narrated_output_for_screen_readers() {
    let fixture = "tests/fixtures/rules/graph__dead-end/fail.playbook.yaml";
    let out = cordial()
        .env("NO_GRAPHICS", "1")
        .args(["check", fixture])
        .assert()
        .code(1);
    let text = String::from_utf8_lossy(&out.get_output().stdout).to_string();
    assert!(!text.contains('╭'), "{text}");
    assert!(text.contains("graph/dead-end"), "{text}");
}
