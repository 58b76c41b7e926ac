//! Output options as users run them: several formats at once, stdin, quiet, statistics, exit codes.

use assert_cmd::Command;

fn cordial() -> Command {
    let mut cmd = Command::cargo_bin("cordial").expect("binary built");
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .env_remove("NO_GRAPHICS");
    cmd
}

const DEAD_END: &str = "tests/fixtures/rules/graph__dead-end/fail.playbook.yaml";

fn stdout(out: &assert_cmd::assert::Assert) -> String {
    String::from_utf8_lossy(&out.get_output().stdout).to_string()
}

#[test]
fn several_formats_in_one_run_go_to_their_files_and_one_to_the_terminal() {
    let dir = tempfile::tempdir().expect("temp dir");
    let sarif = dir.path().join("out/results.sarif");
    let junit = dir.path().join("junit.xml");
    let out = cordial()
        .args(["check", DEAD_END, "--format", "human"])
        .arg("--format")
        .arg(format!("sarif={}", sarif.display()))
        .arg("--format")
        .arg(format!("junit={}", junit.display()))
        .assert()
        .code(1);
    let text = stdout(&out);
    assert!(text.contains("error[graph/dead-end]"), "{text}");
    let log: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&sarif).expect("sarif written"))
            .expect("JSON");
    assert_eq!(log["runs"][0]["results"][0]["ruleId"], "graph/dead-end");
    assert!(
        std::fs::read_to_string(&junit)
            .expect("junit written")
            .contains("<failure type=\"error\"")
    );
}

#[test]
fn only_file_outputs_leave_the_terminal_quiet() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("r.json");
    let out = cordial()
        .args(["check", DEAD_END])
        .arg("--format")
        .arg(format!("json={}", file.display()))
        .assert()
        .code(1);
    assert_eq!(stdout(&out), "");
    assert!(
        std::fs::read_to_string(&file)
            .expect("written")
            .contains("graph/dead-end")
    );
}

#[test]
fn two_formats_on_standard_output_is_a_usage_error() {
    let out = cordial()
        .args(["check", DEAD_END, "--format", "json", "--format", "sarif"])
        .assert()
        .code(2);
    let err = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(
        err.contains("only one format can go to standard output"),
        "{err}"
    );
    cordial()
        .args(["check", DEAD_END, "--format", "xml"])
        .assert()
        .code(2);
}

#[test]
fn concise_prints_one_line_per_finding() {
    let out = cordial()
        .args(["check", DEAD_END, "--format", "concise"])
        .assert()
        .code(1);
    let text = stdout(&out);
    let first = text.lines().next().expect("a line");
    assert!(
        first.starts_with(&format!("{DEAD_END}:")) && first.contains(": error[graph/dead-end] "),
        "{text}"
    );
}

#[test]
fn quiet_drops_the_closing_line_and_exit_zero_the_failure() {
    let out = cordial()
        .args([
            "check",
            DEAD_END,
            "--format",
            "concise",
            "--quiet",
            "--exit-zero",
        ])
        .assert()
        .code(0);
    let text = stdout(&out);
    assert!(
        text.contains("graph/dead-end") && !text.contains(" in 1 playbook"),
        "{text}"
    );
    let out = cordial().args(["check", "--quiet"]).assert().code(0);
    assert_eq!(stdout(&out), "", "a clean quiet run prints nothing");
    // --exit-zero never hides that the tool could not run.
    cordial()
        .args(["check", "no/such", "--exit-zero"])
        .assert()
        .code(2);
}

#[test]
fn statistics_count_findings_per_code() {
    let out = cordial()
        .args([
            "check",
            "tests/fixtures/rules/wording__threat",
            "--statistics",
        ])
        .assert()
        .code(1);
    let text = stdout(&out);
    let row = text
        .lines()
        .find(|l| l.contains("wording/threat"))
        .expect("a row");
    assert!(
        row.trim_start().starts_with(|c: char| c.is_ascii_digit()),
        "{text}"
    );
    assert!(!text.contains('╭'), "no snippets: {text}");
    let out = cordial()
        .args([
            "check",
            "tests/fixtures/rules/wording__threat",
            "--statistics",
            "--format",
            "json",
        ])
        .assert()
        .code(1);
    let rows: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).expect("JSON");
    assert!(
        rows.as_array()
            .expect("rows")
            .iter()
            .any(|r| r["code"] == "wording/threat" && r["count"].as_u64() > Some(0))
    );
}

#[test]
fn a_playbook_on_standard_input_is_reported_under_its_given_name() {
    let text =
        std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(DEAD_END))
            .expect("fixture");
    let out = cordial()
        .args([
            "check",
            "-",
            "--stdin-filename",
            "playbooks/new.playbook.yaml",
            "--format",
            "concise",
        ])
        .write_stdin(text.clone())
        .assert()
        .code(1);
    assert!(
        stdout(&out).starts_with("playbooks/new.playbook.yaml:"),
        "{}",
        stdout(&out)
    );
    let out = cordial()
        .args(["check", "-", "--format", "json"])
        .write_stdin(text)
        .assert()
        .code(1);
    assert!(stdout(&out).contains("\"file\": \"<stdin>\""));
    cordial()
        .args(["check", "-", "playbooks"])
        .write_stdin("")
        .assert()
        .code(2);
    cordial()
        .args(["check", "--stdin-filename", "x.yaml"])
        .assert()
        .code(2);
}

#[test]
fn build_writes_its_findings_in_the_formats_asked() {
    let dir = tempfile::tempdir().expect("temp dir");
    let sarif = dir.path().join("build.sarif");
    cordial()
        .args(["build", DEAD_END, "--out"])
        .arg(dir.path().join("site"))
        .arg("--format")
        .arg(format!("sarif={}", sarif.display()))
        .assert()
        .code(1);
    let log: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&sarif).expect("sarif written"))
            .expect("JSON");
    assert_eq!(log["runs"][0]["results"][0]["ruleId"], "graph/dead-end");
}
