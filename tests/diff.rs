//! `cordial diff` on two revisions of a bundled playbook in a throwaway git repository, on two
//! paths, and `check --changed-since`.

use std::path::Path;
use std::process::Command as Process;

use assert_cmd::Command;

fn cordial(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("cordial").expect("binary built");
    cmd.current_dir(dir).env("NO_COLOR", "1");
    cmd
}

fn git(dir: &Path, args: &[&str]) {
    let status = Process::new("git")
        .args([
            "-c",
            "user.email=t@example.com",
            "-c",
            "user.name=t",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .current_dir(dir)
        .output()
        .expect("git runs");
    assert!(
        status.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&status.stderr)
    );
}

const BUNDLED: &str = "playbooks/billing-messages.playbook.yaml";

/// The bundled playbook with a bigger discount, a shortcut step that skips the terms, and one
/// more touch in the cadence.
fn edited(original: &str) -> String {
    let edited = original
        .replacen("max_discount_pct: 20", "max_discount_pct: 30", 1)
        .replacen(
            "  - {day: 20, channel: letter",
            "  - {day: 25, channel: sms, template: aviso-atraso}\n  - {day: 20, channel: letter",
            1,
        )
        .replacen(
            "      - when: O cliente consegue pagar o valor de uma vez\n        go: quitacao\n",
            "      - when: O cliente consegue pagar o valor de uma vez\n        go: quitacao\n      - when: O cliente quer um atalho\n        go: atalho\n",
            1,
        )
        .replacen(
            "\noffers:\n",
            "  atalho:\n    title: Atalho\n    goal: Ir direto ao acordo.\n    next:\n      - when: sim\n        go: confirmar-parcelas\n\noffers:\n",
            1,
        );
    assert_ne!(edited, original);
    edited
}

fn repo() -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().expect("temp dir");
    let original = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(BUNDLED))
        .expect("bundled playbook");
    std::fs::create_dir_all(dir.path().join("playbooks")).expect("mkdir");
    std::fs::write(dir.path().join(BUNDLED), &original).expect("write");
    git(dir.path(), &["init", "-q"]);
    git(dir.path(), &["add", "."]);
    git(dir.path(), &["commit", "-qm", "base"]);
    (dir, original)
}

#[test]
fn diff_of_two_revisions_summarises_the_change_semantically() {
    let (dir, original) = repo();
    std::fs::write(dir.path().join(BUNDLED), edited(&original)).expect("write");
    git(dir.path(), &["commit", "-qam", "head"]);

    let out = cordial(dir.path())
        .args(["diff", "HEAD~1", "HEAD", "--format", "json"])
        .assert()
        .code(0);
    let report: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).expect("JSON");
    let p = &report["playbooks"][0];
    assert_eq!(report["playbooks"].as_array().map(Vec::len), Some(1));
    assert_eq!(p["id"], "billing-messages");
    assert_eq!(p["steps_added"], serde_json::json!(["atalho"]));
    assert_eq!(p["steps_removed"], serde_json::json!([]));
    assert_eq!(p["steps_changed"][0]["id"], "ouvir");
    assert!(
        p["transitions_added"]
            .as_array()
            .expect("list")
            .iter()
            .any(|t| t == "ouvir → atalho (when: O cliente quer um atalho)")
    );
    assert_eq!(
        p["offers_changed"],
        serde_json::json!([{"id": "quitacao", "changes": [{"field": "max_discount_pct", "before": "20", "after": "30"}]}])
    );
    assert_eq!(
        p["new_paths_to_agreement"],
        serde_json::json!(["atalho → confirmar-parcelas", "ouvir → atalho"])
    );
    assert_eq!(p["contact_plan"][0]["after"], "day 25: sms, aviso-atraso");
    let introduced: Vec<&str> = p["findings_introduced"]
        .as_array()
        .expect("list")
        .iter()
        .filter_map(|f| f["code"].as_str())
        .collect();
    assert!(
        introduced.contains(&"terms/undisclosed") && introduced.contains(&"cadence/order"),
        "{introduced:?}"
    );
    assert_eq!(p["findings_fixed"], serde_json::json!([]));

    // Markdown, and the reverse direction: what was introduced is now fixed.
    let out = cordial(dir.path())
        .args(["diff", "HEAD", "HEAD~1"])
        .assert()
        .code(0);
    let text = String::from_utf8_lossy(&out.get_output().stdout).to_string();
    assert!(text.contains("**Steps removed**\n\n- `atalho`"), "{text}");
    assert!(
        text.contains("`quitacao` `max_discount_pct`: 30 → 20"),
        "{text}"
    );
    assert!(text.contains("**Findings fixed**"), "{text}");
}

#[test]
fn diff_against_the_working_tree_and_between_paths() {
    let (dir, original) = repo();
    // Reformatting and comments alone are not changes.
    std::fs::write(
        dir.path().join(BUNDLED),
        format!("# reviewed\n{original}\n\n"),
    )
    .expect("write");
    let out = cordial(dir.path()).args(["diff", "HEAD"]).assert().code(0);
    assert!(String::from_utf8_lossy(&out.get_output().stdout).contains("No playbook changed."));
    std::fs::write(dir.path().join("new.playbook.yaml"), edited(&original)).expect("write");
    let out = cordial(dir.path())
        .args(["diff", BUNDLED, "new.playbook.yaml"])
        .assert()
        .code(0);
    assert!(String::from_utf8_lossy(&out.get_output().stdout).contains("20 → 30"));
    cordial(dir.path())
        .args(["diff", "no-such-rev"])
        .assert()
        .code(2);
}

#[test]
fn changed_since_reports_only_changed_playbooks_but_sees_every_id() {
    let (dir, original) = repo();
    // A new playbook reusing the bundled id: only it changed, and the duplicate is still found.
    std::fs::write(dir.path().join("playbooks/copy.playbook.yaml"), &original).expect("write");
    let out = cordial(dir.path())
        .args([
            "check",
            "playbooks",
            "--changed-since",
            "HEAD",
            "--format",
            "concise",
        ])
        .assert()
        .code(1);
    let text = String::from_utf8_lossy(&out.get_output().stdout).to_string();
    assert!(text.contains("ref/duplicate-id"), "{text}");
    assert!(!text.contains("billing-messages.playbook.yaml:"), "{text}");
    assert!(text.contains("in 1 playbook"), "{text}");
    std::fs::remove_file(dir.path().join("playbooks/copy.playbook.yaml")).expect("rm");
    let out = cordial(dir.path())
        .args(["check", "playbooks", "--changed-since", "HEAD"])
        .assert()
        .code(0);
    assert!(String::from_utf8_lossy(&out.get_output().stdout).contains("0 playbooks checked"));
}
