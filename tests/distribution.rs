//! What ships for CI and shells: the GitHub Action's check step, the pre-commit hooks,
//! completions, the manual page and `--watch`, each run as users run it.

use std::io::BufRead;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn binary() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_cordial"))
}

fn fixture(path: &str) -> String {
    std::fs::read_to_string(root().join(path)).expect("fixture")
}

/// A folder with `playbooks/p.playbook.yaml` holding a dead end.
fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir_all(dir.path().join("playbooks")).expect("mkdir");
    std::fs::write(
        dir.path().join("playbooks/p.playbook.yaml"),
        fixture("tests/fixtures/rules/graph__dead-end/fail.playbook.yaml"),
    )
    .expect("write");
    dir
}

/// PATH with the freshly built binary first, as the Action's install step leaves it.
fn path_with_cordial() -> String {
    let bin = binary().parent().expect("bin dir").display().to_string();
    format!("{bin}:{}", std::env::var("PATH").unwrap_or_default())
}

#[test]
fn the_action_runs_the_check_writes_sarif_and_the_job_summary() {
    let action = std::fs::read_to_string(root().join("action.yml")).expect("action.yml");
    assert!(action.contains("using: composite"));
    assert!(action.contains("scripts/action-check.sh"));
    assert!(action.contains("github/codeql-action/upload-sarif"));

    let dir = project();
    let git = |args: &[&str]| {
        let ok = Command::new("git")
            .args([
                "-c",
                "user.email=t@example.com",
                "-c",
                "user.name=t",
                "-c",
                "commit.gpgsign=false",
            ])
            .args(args)
            .current_dir(dir.path())
            .output()
            .expect("git")
            .status
            .success();
        assert!(ok, "git {args:?}");
    };
    git(&["init", "-q"]);
    git(&["add", "."]);
    git(&["commit", "-qm", "base"]);
    std::fs::write(
        dir.path().join("playbooks/p.playbook.yaml"),
        fixture("tests/fixtures/rules/graph__dead-end/pass.playbook.yaml"),
    )
    .expect("write");
    let summary = dir.path().join("summary.md");
    let outputs = dir.path().join("outputs.txt");
    let out = Command::new("bash")
        .arg(root().join("scripts/action-check.sh"))
        .current_dir(dir.path())
        .env("PATH", path_with_cordial())
        .env("NO_COLOR", "1")
        .env("CORDIAL_PATHS", "playbooks")
        .env("CORDIAL_SARIF", "out.sarif")
        .env("CORDIAL_DIFF_BASE", "HEAD")
        .env("GITHUB_STEP_SUMMARY", &summary)
        .env("GITHUB_OUTPUT", &outputs)
        .output()
        .expect("the script runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let sarif: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(dir.path().join("out.sarif")).expect("sarif"),
    )
    .expect("JSON");
    assert_eq!(sarif["version"], "2.1.0");
    assert!(
        std::fs::read_to_string(&outputs)
            .expect("outputs")
            .contains("exit-code=0")
    );
    let summary = std::fs::read_to_string(&summary).expect("summary");
    assert!(
        summary.contains("## cordial check") && summary.contains("No error findings."),
        "{summary}"
    );
    assert!(
        summary.contains("**Findings fixed**") && summary.contains("graph/dead-end"),
        "{summary}"
    );

    // Findings: annotations on standard output, exit code 1 in the step's outputs.
    std::fs::write(
        dir.path().join("playbooks/p.playbook.yaml"),
        fixture("tests/fixtures/rules/graph__dead-end/fail.playbook.yaml"),
    )
    .expect("write");
    std::fs::remove_file(&outputs).expect("rm");
    let out = Command::new("bash")
        .arg(root().join("scripts/action-check.sh"))
        .current_dir(dir.path())
        .env("PATH", path_with_cordial())
        .env("GITHUB_OUTPUT", &outputs)
        .env_remove("GITHUB_STEP_SUMMARY")
        .output()
        .expect("the script runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("::error file=playbooks/p.playbook.yaml,line=10"),
        "{stdout}"
    );
    assert!(
        std::fs::read_to_string(&outputs)
            .expect("outputs")
            .contains("exit-code=1")
    );
    assert!(dir.path().join("cordial.sarif").exists());
}

/// `(id, entry, pass_filenames)` of each hook in .pre-commit-hooks.yaml.
fn hooks() -> Vec<(String, String, bool)> {
    let text = std::fs::read_to_string(root().join(".pre-commit-hooks.yaml")).expect("hooks file");
    let mut hooks = Vec::new();
    for block in text.split("\n- ").skip(1) {
        let field = |name: &str| {
            block
                .lines()
                .map(str::trim)
                .find_map(|l| l.strip_prefix(&format!("{name}: ")))
                .map(str::to_string)
                .unwrap_or_default()
        };
        hooks.push((
            block
                .lines()
                .next()
                .unwrap_or_default()
                .trim_start_matches("id: ")
                .to_string(),
            field("entry"),
            field("pass_filenames") == "true",
        ));
    }
    hooks
}

#[test]
fn the_pre_commit_hooks_run_their_entries() {
    let hooks = hooks();
    assert_eq!(hooks.len(), 2, "{hooks:?}");
    let dir = project();
    for (id, entry, pass_filenames) in hooks {
        let mut words = entry.split_whitespace();
        assert_eq!(words.next(), Some("cordial"), "{id}");
        let mut cmd = Command::new(binary());
        cmd.args(words).current_dir(dir.path()).env("NO_COLOR", "1");
        if pass_filenames {
            cmd.arg("playbooks/p.playbook.yaml");
        }
        let out = cmd.output().expect("hook runs");
        assert_eq!(out.status.code(), Some(1), "{id}");
        assert!(
            String::from_utf8_lossy(&out.stdout)
                .contains("playbooks/p.playbook.yaml:10:3: error[graph/dead-end]"),
            "{id}: {}",
            String::from_utf8_lossy(&out.stdout)
        );
    }
}

#[test]
fn completions_and_the_manual_page_come_from_the_command_line_definitions() {
    for shell in ["bash", "zsh", "fish"] {
        let out = Command::new(binary())
            .args(["completions", shell])
            .output()
            .expect("runs");
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success() && text.contains("changed-since"),
            "{shell}: {text}"
        );
    }
    let out = Command::new(binary()).arg("man").output().expect("runs");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.starts_with(".ie") || text.contains(".TH cordial"),
        "{text}"
    );
    assert!(
        text.contains("completions") && text.contains("diff"),
        "{text}"
    );
}

#[test]
fn watch_checks_again_after_a_save() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("p.playbook.yaml");
    std::fs::write(
        &file,
        fixture("tests/fixtures/rules/graph__dead-end/pass.playbook.yaml"),
    )
    .expect("write");
    let mut child = Command::new(binary())
        .args(["check", ".", "--watch", "--format", "concise"])
        .current_dir(dir.path())
        .env("NO_COLOR", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawns");
    let stdout = child.stdout.take().expect("stdout");
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in std::io::BufReader::new(stdout)
            .lines()
            .map_while(Result::ok)
        {
            let _ = tx.send(line);
        }
    });
    let wait_for = |needle: &str| {
        let deadline = Instant::now() + Duration::from_secs(30);
        while Instant::now() < deadline {
            if let Ok(line) = rx.recv_timeout(Duration::from_millis(200))
                && line.contains(needle)
            {
                return true;
            }
        }
        false
    };
    let first = wait_for("checked, no findings");
    // The watcher is set up before the first run prints, so this save is seen.
    std::fs::write(
        &file,
        fixture("tests/fixtures/rules/graph__dead-end/fail.playbook.yaml"),
    )
    .expect("write");
    let second = wait_for("error[graph/dead-end]");
    let _ = child.kill();
    let _ = child.wait();
    assert!(first, "the first run did not report");
    assert!(second, "the save was not checked again");
}
