//! `cordial.toml`: discovery (closest wins), `--config`, `--isolated`, selections, severities,
//! per-path overrides, include/exclude, errors with positions, and `cordial config`.

use std::path::Path;

use assert_cmd::Command;

fn cordial(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("cordial").expect("binary built");
    cmd.current_dir(dir).env("NO_COLOR", "1");
    cmd
}

fn fixture(path: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).expect("fixture")
}

/// A repository with a dead end in `a.playbook.yaml` and `legacy/b.playbook.yaml`, and a
/// pressure warning in `w.playbook.yaml`.
fn repo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let dead_end = fixture("tests/fixtures/rules/graph__dead-end/fail.playbook.yaml");
    std::fs::create_dir_all(dir.path().join("legacy")).expect("mkdir");
    std::fs::write(dir.path().join("a.playbook.yaml"), &dead_end).expect("write");
    std::fs::write(
        dir.path().join("legacy/b.playbook.yaml"),
        dead_end.replacen("id: ", "id: legacy-", 1),
    )
    .expect("write");
    dir
}

fn concise(dir: &Path, args: &[&str]) -> (i32, String) {
    let out = cordial(dir)
        .args(["check", "--format", "concise"])
        .args(args)
        .output()
        .expect("runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr),
    )
}

#[test]
fn severities_selections_and_per_path_overrides_apply() {
    let dir = repo();
    std::fs::write(
        dir.path().join("cordial.toml"),
        "[severity]\n\"graph/dead-end\" = \"warning\"\n\n[[overrides]]\npaths = [\"legacy/**\"]\nignore = [\"graph/*\"]\n",
    )
    .expect("write");
    let (code, text) = concise(dir.path(), &["."]);
    assert_eq!(code, 0, "{text}");
    assert!(
        text.contains("./a.playbook.yaml:10:3: warning[graph/dead-end]"),
        "{text}"
    );
    assert!(!text.contains("legacy/b.playbook.yaml:"), "{text}");

    // --isolated: defaults again.
    let (code, text) = concise(dir.path(), &[".", "--isolated"]);
    assert_eq!(code, 1, "{text}");
    assert!(
        text.contains("legacy/b.playbook.yaml:10:3: error[graph/dead-end]"),
        "{text}"
    );
}

#[test]
fn the_closest_file_wins_and_config_overrides_discovery() {
    let dir = repo();
    std::fs::write(
        dir.path().join("cordial.toml"),
        "ignore = [\"graph/dead-end\"]\n",
    )
    .expect("write");
    std::fs::write(dir.path().join("legacy/cordial.toml"), "select = [\"*\"]\n").expect("write");
    let (code, text) = concise(dir.path(), &["."]);
    assert_eq!(code, 1, "{text}");
    assert!(
        text.contains("legacy/b.playbook.yaml:10:3: error[graph/dead-end]"),
        "{text}"
    );
    assert!(!text.contains("./a.playbook.yaml:"), "{text}");
    // --config: one file for everything.
    std::fs::write(
        dir.path().join("strict.toml"),
        "[severity]\n\"graph/*\" = \"info\"\n",
    )
    .expect("write");
    let (code, text) = concise(dir.path(), &[".", "--config", "strict.toml"]);
    assert_eq!(code, 0, "{text}");
    assert_eq!(text.matches("info[graph/dead-end]").count(), 2, "{text}");
}

#[test]
fn threats_stay_errors_whatever_a_family_says() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("t.playbook.yaml"),
        fixture("tests/fixtures/rules/wording__threat/fail-en.playbook.yaml"),
    )
    .expect("write");
    std::fs::write(
        dir.path().join("cordial.toml"),
        "ignore = [\"wording/*\"]\n[severity]\n\"*\" = \"info\"\n",
    )
    .expect("write");
    let (code, text) = concise(dir.path(), &["."]);
    assert_eq!(code, 1, "{text}");
    assert!(text.contains("error[wording/threat]"), "{text}");
}

#[test]
fn include_and_exclude_choose_the_files_found_in_folders() {
    let dir = repo();
    std::fs::write(
        dir.path().join("cordial.toml"),
        "exclude = [\"legacy/**\"]\n",
    )
    .expect("write");
    let (_, text) = concise(dir.path(), &["."]);
    assert!(
        text.contains("./a.playbook.yaml:") && !text.contains("legacy/b"),
        "{text}"
    );
    // A file named on the command line is always checked.
    let (_, text) = concise(dir.path(), &["legacy/b.playbook.yaml"]);
    assert!(text.contains("legacy/b.playbook.yaml:10:3"), "{text}");
    std::fs::write(
        dir.path().join("cordial.toml"),
        "include = [\"legacy/*.yaml\"]\n",
    )
    .expect("write");
    let (_, text) = concise(dir.path(), &["."]);
    assert!(
        !text.contains("./a.playbook.yaml:") && text.contains("legacy/b"),
        "{text}"
    );
}

#[test]
fn unknown_keys_are_usage_errors_at_their_position_with_a_suggestion() {
    let dir = repo();
    std::fs::write(
        dir.path().join("cordial.toml"),
        "select = [\"*\"]\nignor = [\"graph/dead-end\"]\n",
    )
    .expect("write");
    let (code, text) = concise(dir.path(), &["."]);
    assert_eq!(code, 2, "{text}");
    assert!(text.contains("unknown key `ignor`"), "{text}");
    assert!(text.contains("cordial.toml:2:1"), "{text}");
    assert!(text.contains("did you mean `ignore`?"), "{text}");
    std::fs::write(
        dir.path().join("cordial.toml"),
        "[severity]\n\"wording/shaming\" = \"info\"\n",
    )
    .expect("write");
    let (code, text) = concise(dir.path(), &["."]);
    assert_eq!(code, 2, "{text}");
    assert!(
        text.contains("cannot be set below error") && text.contains("cordial.toml:2:"),
        "{text}"
    );
}

#[test]
fn config_command_prints_each_setting_and_its_origin() {
    let dir = repo();
    std::fs::write(
        dir.path().join("cordial.toml"),
        "ignore = [\"wording/prefer\"]\n[[overrides]]\npaths = [\"legacy/**\"]\n[overrides.severity]\n\"graph/dead-end\" = \"warning\"\n",
    )
    .expect("write");
    let out = cordial(dir.path())
        .args(["config", "legacy/b.playbook.yaml"])
        .assert()
        .code(0);
    let text = String::from_utf8_lossy(&out.get_output().stdout).to_string();
    assert!(text.contains("# from cordial.toml"), "{text}");
    assert!(
        text.contains("ignore += \"wording/prefer\"  # cordial.toml:1"),
        "{text}"
    );
    assert!(
        text.contains("severity.\"graph/dead-end\" = \"warning\"  # cordial.toml:5"),
        "{text}"
    );
    assert!(
        text.contains("the [[overrides]] at cordial.toml:2 applies"),
        "{text}"
    );
    assert!(
        text.lines()
            .any(|l| l.contains("wording/prefer") && l.ends_with("off")),
        "{text}"
    );
    let out = cordial(dir.path())
        .args(["config", "a.playbook.yaml", "--isolated"])
        .assert()
        .code(0);
    assert!(String::from_utf8_lossy(&out.get_output().stdout).contains("no cordial.toml applies"));
}
