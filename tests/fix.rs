//! `cordial check --fix`, `--unsafe-fixes` and `--diff` on copies of real files: what is fixed,
//! what is left byte for byte, and what is never touched.

use std::path::{Path, PathBuf};

use assert_cmd::Command;

fn cordial(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("cordial").expect("binary built");
    cmd.current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("NO_GRAPHICS")
        .arg("check")
        .arg("--isolated");
    cmd
}

fn repo(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

/// A temporary folder holding `text` as `name`.
fn with_file(name: &str, text: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join(name);
    std::fs::write(&path, text).expect("write");
    (dir, path)
}

fn typos() -> String {
    std::fs::read_to_string(repo("tests/fixtures/fix/typos.playbook.yaml")).expect("fixture")
}

/// The typos fixture as `--fix` must leave it: the three spans replaced, nothing else.
fn typos_fixed(text: &str) -> String {
    let replaced = text
        .replacen("go: lisetn}", "go: listen}", 1)
        .replacen("    tisp:", "    tips:", 1)
        .replacen("Let the debtor speak", "Let the customer speak", 1);
    assert_ne!(replaced, text);
    replaced
}

fn stdout(out: &assert_cmd::assert::Assert) -> String {
    String::from_utf8_lossy(&out.get_output().stdout).into_owned()
}

#[test]
fn bundled_playbooks_round_trip_byte_for_byte_when_nothing_is_fixable() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut originals = Vec::new();
    for entry in std::fs::read_dir(repo("playbooks")).expect("playbooks") {
        let path = entry.expect("entry").path();
        let bytes = std::fs::read(&path).expect("read");
        let copy = dir.path().join(path.file_name().expect("name"));
        std::fs::write(&copy, &bytes).expect("copy");
        originals.push((copy, bytes));
    }
    assert!(originals.len() >= 5);
    for flag in ["--fix", "--unsafe-fixes"] {
        let out = cordial(dir.path()).args([flag, "."]).assert().code(0);
        assert!(stdout(&out).contains("no findings"), "{}", stdout(&out));
        for (path, bytes) in &originals {
            assert_eq!(
                &std::fs::read(path).expect("read"),
                bytes,
                "{}",
                path.display()
            );
        }
    }
    let out = cordial(dir.path()).args(["--diff", "."]).assert().code(0);
    assert_eq!(stdout(&out), "");
}

#[test]
fn fix_repairs_a_step_target_a_key_and_a_word_and_leaves_every_other_byte() {
    let original = typos();
    let (dir, path) = with_file("typos.playbook.yaml", &original);
    let before = cordial(dir.path())
        .args(["--format", "json", "typos.playbook.yaml"])
        .assert()
        .code(1);
    let report: serde_json::Value =
        serde_json::from_slice(&before.get_output().stdout).expect("json");
    let fixable: Vec<&str> = report["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter(|d| d["fix"]["applicability"] == "safe")
        .map(|d| d["code"].as_str().expect("code"))
        .collect();
    // The wording hit sits under the misspelt key, so it only appears in the second round.
    // The schema finding is the root cause, so it comes first in its file.
    assert_eq!(fixable, ["schema/invalid", "ref/unknown-step"]);

    let out = cordial(dir.path())
        .args(["--fix", "typos.playbook.yaml"])
        .assert()
        .code(0);
    let said = stdout(&out);
    assert!(
        said.contains("no findings") && said.contains("3 fixes applied (0 remaining)"),
        "{said}"
    );
    let fixed = std::fs::read_to_string(&path).expect("read");
    assert_eq!(fixed, typos_fixed(&original));
    let after = cordial(dir.path())
        .args(["--format", "concise", "typos.playbook.yaml"])
        .assert()
        .code(0);
    for code in ["ref/unknown-step", "schema/invalid", "wording/prefer"] {
        assert!(!stdout(&after).contains(code), "{}", stdout(&after));
    }
}

#[test]
fn crlf_files_keep_crlf() {
    let original = typos().replace('\n', "\r\n");
    let (dir, path) = with_file("typos.playbook.yaml", &original);
    cordial(dir.path()).args(["--fix", "."]).assert().code(0);
    let fixed = std::fs::read_to_string(&path).expect("read");
    assert_eq!(fixed, typos_fixed(&original));
    assert_eq!(fixed.matches('\n').count(), fixed.matches("\r\n").count());
}

#[test]
fn diff_shows_the_fixes_and_writes_nothing() {
    let original = typos();
    let (dir, path) = with_file("typos.playbook.yaml", &original);
    let out = cordial(dir.path())
        .args(["--diff", "typos.playbook.yaml"])
        .assert()
        .code(1);
    let diff = stdout(&out);
    assert!(
        diff.starts_with("--- typos.playbook.yaml\n+++ typos.playbook.yaml\n@@ "),
        "{diff}"
    );
    for line in [
        "-      - {when: The customer confirms who they are, go: lisetn}   # was renamed last week\n",
        "+      - {when: The customer confirms who they are, go: listen}   # was renamed last week\n",
        "-    tisp:\n",
        "+    tips:\n",
        "+      - \"Let the customer speak first, and take notes.\"\n",
    ] {
        assert!(diff.contains(line), "{line} in\n{diff}");
    }
    let said = String::from_utf8_lossy(&out.get_output().stderr);
    assert!(
        said.contains("3 fixes would be applied to 1 playbook"),
        "{said}"
    );
    assert_eq!(std::fs::read_to_string(&path).expect("read"), original);
    let leftovers = std::fs::read_dir(dir.path()).expect("list").count();
    assert_eq!(leftovers, 1, "no temporary file is left");
}

#[test]
fn a_file_that_does_not_parse_is_never_rewritten() {
    let original = typos().replace(
        "title: Minimal reminder call",
        "title: [Minimal reminder call",
    );
    let (dir, path) = with_file("typos.playbook.yaml", &original);
    let out = cordial(dir.path())
        .args(["--unsafe-fixes", "--format", "concise", "."])
        .assert()
        .code(1);
    assert!(stdout(&out).contains("yaml/syntax"), "{}", stdout(&out));
    assert_eq!(std::fs::read_to_string(&path).expect("read"), original);
}

#[test]
fn an_ambiguous_did_you_mean_is_not_applied() {
    let text = "cordial: 1\nid: t\ntitle: T\nlocale: en\njurisdictions: []\nstart: greet\nsteps:\n  greet: {say: [\"Hello.\"], next: offer-c}\n  offer-a: {outcome: callback}\n  offer-b: {outcome: callback}\n";
    let (dir, path) = with_file("p.playbook.yaml", text);
    let out = cordial(dir.path())
        .args(["--fix", "--format", "concise", "."])
        .assert()
        .code(1);
    assert!(
        stdout(&out).contains("ref/unknown-step"),
        "{}",
        stdout(&out)
    );
    assert!(stdout(&out).contains("0 fixes applied"), "{}", stdout(&out));
    assert_eq!(std::fs::read_to_string(&path).expect("read"), text);
    // The help still names the closest step.
    let human = cordial(dir.path()).arg(".").assert().code(1);
    assert!(
        stdout(&human).contains("did you mean `offer-"),
        "{}",
        stdout(&human)
    );
}

#[test]
fn the_opt_out_sentence_is_added_only_with_unsafe_fixes() {
    let original = std::fs::read_to_string(repo(
        "tests/fixtures/rules/disclosure__opt-out/fail.playbook.yaml",
    ))
    .expect("fixture");
    let (dir, path) = with_file("p.playbook.yaml", &original);
    let safe = cordial(dir.path())
        .args(["--fix", "--format", "concise", "."])
        .assert()
        .code(1);
    assert!(
        stdout(&safe).contains("0 fixes applied (1 remaining; 1 more fixable with --unsafe-fixes)"),
        "{}",
        stdout(&safe)
    );
    assert_eq!(std::fs::read_to_string(&path).expect("read"), original);
    cordial(dir.path())
        .args(["--unsafe-fixes", "."])
        .assert()
        .code(0);
    let fixed = std::fs::read_to_string(&path).expect("read");
    assert_eq!(
        fixed,
        original.replacen(
            "when convenient.\"",
            "when convenient. Reply STOP to opt out.\"",
            1
        )
    );
}

#[test]
fn standard_input_is_shown_as_a_diff_but_never_written() {
    let (dir, _) = with_file("unused", "");
    cordial(dir.path())
        .args(["--fix", "-"])
        .write_stdin(typos())
        .assert()
        .code(2);
    let out = cordial(dir.path())
        .args(["--diff", "-", "--stdin-filename", "typos.playbook.yaml"])
        .write_stdin(typos())
        .assert()
        .code(1);
    assert!(stdout(&out).contains("+    tips:\n"), "{}", stdout(&out));
}

#[test]
fn the_fixes_page_lists_exactly_the_codes_that_have_fixes() {
    let page = std::fs::read_to_string(repo("docs/fixes.md")).expect("docs/fixes.md");
    let rows: Vec<(String, String)> = page
        .lines()
        .filter_map(|l| {
            let cells: Vec<&str> = l.split('|').map(str::trim).collect();
            let code = cells.get(1)?.strip_prefix('`')?.strip_suffix('`')?;
            Some((code.to_string(), cells.get(2)?.to_string()))
        })
        .collect();
    let offered: Vec<(String, String)> = cordial::fix::OFFERED
        .iter()
        .map(|(code, applicability, _)| (code.to_string(), applicability.as_str().to_string()))
        .collect();
    assert_eq!(rows, offered);
    for (code, _) in &offered {
        assert!(
            cordial::rules::meta(code).is_some(),
            "{code} is a rule code"
        );
    }
    let explained = Command::cargo_bin("cordial")
        .expect("binary built")
        .args(["explain", "disclosure/opt-out"])
        .assert()
        .code(0);
    assert!(
        stdout(&explained).contains("Fix (--unsafe-fixes, when certain; docs/fixes.md)"),
        "{}",
        stdout(&explained)
    );
}

#[cfg(unix)]
#[test]
fn a_symlinked_playbook_is_fixed_through_the_link() {
    let original = typos();
    let (dir, target) = with_file("real.yaml", &original);
    let link = dir.path().join("typos.playbook.yaml");
    std::os::unix::fs::symlink(&target, &link).expect("symlink");
    cordial(dir.path())
        .args(["--fix", "typos.playbook.yaml"])
        .assert()
        .code(0);
    assert!(
        std::fs::symlink_metadata(&link)
            .expect("link")
            .file_type()
            .is_symlink()
    );
    assert_eq!(
        std::fs::read_to_string(&target).expect("read"),
        typos_fixed(&original)
    );
}

#[test]
fn the_skipped_files_are_named_once_when_fixing() {
    let (dir, _path) = with_file("typos.playbook.yaml", &typos());
    std::fs::write(dir.path().join("other.yaml"), "just: data\n").expect("write");
    let out = cordial(dir.path()).args(["--fix", "."]).assert();
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert_eq!(
        stderr.matches("other.yaml").count(),
        1,
        "the note names the skipped file once: {stderr}"
    );
}
