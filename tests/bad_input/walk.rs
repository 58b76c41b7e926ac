//! A folder scan meets what it cannot read: each entry is reported (or followed), never skipped
//! silently and never fatal to the run.

use std::os::unix::fs::{PermissionsExt, symlink};
use std::path::Path;

use assert_cmd::Command;
use cordial::check::{self, Options};

use super::GOOD;

fn playbook(id: &str) -> String {
    GOOD.replace("id: good", &format!("id: {id}"))
}

fn codes_for(files: &[check::CheckedFile], name: &str) -> Vec<&'static str> {
    files
        .iter()
        .filter(|f| f.source.path.file_name().and_then(|n| n.to_str()) == Some(name))
        .flat_map(|f| f.findings.iter().map(|d| d.code).chain(["checked"]))
        .collect()
}

/// Whether this process ignores file permissions (root does): then a mode-000 file is read.
fn permissions_bind(path: &Path) -> bool {
    std::fs::read(path).is_err()
}

#[test]
fn unreadable_entries_are_reported_and_links_followed() {
    let outside = tempfile::tempdir().expect("temp dir");
    let linked_target = outside.path().join("linked-target.yaml");
    std::fs::write(&linked_target, playbook("linked")).expect("write");

    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path();
    std::fs::write(root.join("good.yaml"), playbook("good")).expect("write");
    symlink(&linked_target, root.join("linked.yaml")).expect("symlink");
    symlink(root.join("nowhere.yaml"), root.join("dangling.yaml")).expect("symlink");
    symlink(root, root.join("loop")).expect("symlink loop");
    let fifo = std::process::Command::new("mkfifo")
        .arg(root.join("pipe.yaml"))
        .status()
        .is_ok_and(|s| s.success());
    let locked = root.join("locked.yaml");
    std::fs::write(&locked, playbook("locked")).expect("write");
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).expect("chmod");
    let secret = root.join("secret");
    std::fs::create_dir(&secret).expect("mkdir");
    std::fs::write(secret.join("inside.yaml"), playbook("inside")).expect("write");
    std::fs::set_permissions(&secret, std::fs::Permissions::from_mode(0o000)).expect("chmod");
    let enforced = permissions_bind(&locked);

    let inputs = check::discover(&[root.to_path_buf()]).expect("a walk error is not fatal");
    let files = check::check_inputs(&inputs, &Options::default());
    assert_eq!(codes_for(&files, "good.yaml"), ["checked"]);
    assert_eq!(
        codes_for(&files, "linked.yaml"),
        ["checked"],
        "links are followed"
    );
    assert_eq!(
        codes_for(&files, "dangling.yaml"),
        ["input/unreadable", "checked"]
    );
    assert_eq!(codes_for(&files, "loop"), ["input/unreadable", "checked"]);
    if fifo {
        assert_eq!(
            codes_for(&files, "pipe.yaml"),
            ["input/unreadable", "checked"]
        );
    }
    if enforced {
        assert_eq!(
            codes_for(&files, "locked.yaml"),
            ["input/unreadable", "checked"]
        );
        assert_eq!(codes_for(&files, "secret"), ["input/unreadable", "checked"]);
    } else {
        // Running as root: permissions do not stop reading, so both are simply checked.
        assert_eq!(codes_for(&files, "locked.yaml"), ["checked"]);
        assert_eq!(codes_for(&files, "inside.yaml"), ["checked"]);
    }

    let output = Command::cargo_bin("cordial")
        .expect("binary built")
        .args(["check", "--format", "json"])
        .arg(root)
        .env("NO_COLOR", "1")
        .timeout(std::time::Duration::from_secs(60))
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).expect("json");
    let unreadable = json["diagnostics"]
        .as_array()
        .expect("list")
        .iter()
        .filter(|d| d["code"] == "input/unreadable")
        .count();
    assert!(unreadable >= 2, "{json}");
    std::fs::set_permissions(&secret, std::fs::Permissions::from_mode(0o755)).expect("chmod back");
}

#[test]
fn output_is_the_same_whatever_the_thread_count() {
    let root = super::common::root();
    let run = |threads: &str| {
        Command::cargo_bin("cordial")
            .expect("binary built")
            .args(["check", "--format", "json"])
            .arg(root.join("playbooks"))
            .arg(root.join("tests/fixtures/rules"))
            .env("RAYON_NUM_THREADS", threads)
            .output()
            .expect("runs")
            .stdout
    };
    let one = run("1");
    assert!(one.len() > 1_000);
    assert_eq!(
        String::from_utf8_lossy(&one),
        String::from_utf8_lossy(&run("2"))
    );
}
