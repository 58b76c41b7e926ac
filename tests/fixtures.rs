//! Every rule's failing and passing fixtures, with snapshots of the human and JSON output.
//!
//! Layout: `tests/fixtures/rules/<code, with `/` written `__`>/fail*.playbook.yaml` must produce
//! the code, `pass*.playbook.yaml` must not. A `fail`/`pass` folder is checked as one run (for
//! codes about several files, such as `ref/duplicate-id`).

mod common;

use std::path::PathBuf;

fn fixture_dirs() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir("tests/fixtures/rules")
        .expect("tests/fixtures/rules exists")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    dirs
}

fn cases(dir: &PathBuf) -> Vec<(PathBuf, bool)> {
    let mut cases: Vec<(PathBuf, bool)> = std::fs::read_dir(dir)
        .expect("fixture folder is readable")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter_map(|p| {
            let name = p.file_name()?.to_str()?.to_string();
            let fails = name.starts_with("fail");
            (fails || name.starts_with("pass")).then_some((p, fails))
        })
        .collect();
    cases.sort();
    cases
}

#[test]
fn every_fixture_does_what_its_name_says_and_matches_its_snapshots() {
    let _ = std::env::set_current_dir(common::root());
    let mut problems = Vec::new();
    for dir in fixture_dirs() {
        let dir_name = dir
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_string();
        let code = dir_name.replace("__", "/");
        for (case, fails) in cases(&dir) {
            let relative = case
                .strip_prefix(common::root())
                .unwrap_or(&case)
                .to_path_buf();
            let files = common::check(std::slice::from_ref(&relative));
            let found = common::codes(&files);
            let has = found.contains(&code.as_str());
            if has != fails {
                problems.push(format!(
                    "{}: expected {}`{code}`, found {found:?}",
                    relative.display(),
                    if fails { "" } else { "no " }
                ));
            }
            let stem = case
                .file_stem()
                .and_then(|s| s.to_str())
                .unwrap_or_default()
                .trim_end_matches(".playbook")
                .to_string();
            let name = format!("{dir_name}__{stem}");
            insta::with_settings!({ snapshot_path => "snapshots/fixtures", prepend_module_to_snapshot => false, omit_expression => true }, {
                insta::assert_snapshot!(format!("{name}.human"), common::human(&files));
                insta::assert_snapshot!(format!("{name}.json"), common::json(&files));
            });
        }
    }
    assert!(
        problems.is_empty(),
        "fixtures that do not do what their name says:\n{}",
        problems.join("\n")
    );
}

#[test]
fn every_rule_has_a_failing_and_a_passing_fixture() {
    let _ = std::env::set_current_dir(common::root());
    let dirs: Vec<String> = fixture_dirs()
        .iter()
        .filter_map(|d| d.file_name()?.to_str().map(str::to_string))
        .collect();
    let mut missing = Vec::new();
    for meta in cordial::rules::all() {
        let dir_name = meta.code.replace('/', "__");
        let present = dirs.contains(&dir_name);
        let (mut fail, mut pass) = (false, false);
        if present {
            for (_, fails) in cases(&PathBuf::from("tests/fixtures/rules").join(&dir_name)) {
                if fails { fail = true } else { pass = true }
            }
        }
        if !(fail && pass) {
            missing.push(meta.code);
        }
    }
    assert!(
        missing.is_empty(),
        "rules without both a failing and a passing fixture: {missing:?}"
    );
}

/// Every frame of `src/wording/frames.txt` has a failing and a passing fixture in its rule's
/// folder (`fail-frame-<name>-…`, `pass-frame-<name>-…`), and every exemption a passing one in
/// the folder of one of the codes it applies to (`pass-exempt-<name>-…`): a reviewer who edits
/// the frames sees each reading at work.
#[test]
fn every_frame_and_exemption_has_its_fixtures() {
    let _ = std::env::set_current_dir(common::root());
    let names = |code: &str| -> Vec<String> {
        let dir = PathBuf::from("tests/fixtures/rules").join(code.replace('/', "__"));
        cases(&dir)
            .into_iter()
            .filter_map(|(p, _)| p.file_name()?.to_str().map(str::to_string))
            .collect()
    };
    let frames = &*cordial::wording::frames::FRAMES;
    let mut missing = Vec::new();
    for frame in &frames.frames {
        let files = names(frame.code);
        for side in ["fail", "pass"] {
            let prefix = format!("{side}-frame-{}-", frame.name);
            if !files.iter().any(|f| f.starts_with(&prefix)) {
                missing.push(format!("{}: {prefix}*", frame.code));
            }
        }
    }
    for exemption in &frames.exemptions {
        let prefix = format!("pass-exempt-{}-", exemption.name);
        if !exemption
            .applies
            .iter()
            .any(|code| names(code).iter().any(|f| f.starts_with(&prefix)))
        {
            missing.push(format!("{:?}: {prefix}*", exemption.applies));
        }
    }
    assert!(
        missing.is_empty(),
        "frames or exemptions without their fixtures:\n{}",
        missing.join("\n")
    );
}
