//! Every output format: snapshots on representative fixtures, and the SARIF of every fixture
//! (and of awkward file names) validated against the official SARIF 2.1.0 schema.

mod common;

use std::path::{Path, PathBuf};

use cordial::check::CheckedFile;
use cordial::report::output::{self, Drawing, Files, Format, Run};
use cordial::report::{self, Summary};

fn render(format: Format, files: &[CheckedFile]) -> String {
    let diagnostics = report::diagnostics(files);
    let run = Run {
        files: Files::Checked(files),
        diagnostics: &diagnostics,
        summary: Summary::of(files),
        seconds: None,
        quiet: false,
    };
    output::render(format, &run, Drawing::FILE)
}

/// The official OASIS schema (errata 01), vendored with its origin in tests/schemas/README.md.
/// It declares draft-04 but uses draft-06's `uri-reference` format for artifact URIs, which a
/// draft-04 validator ignores; validating as draft-07 (the same keywords it uses) checks it.
fn sarif_validator() -> jsonschema::Validator {
    let text =
        std::fs::read_to_string(common::root().join("tests/schemas/sarif-schema-2.1.0.json"))
            .expect("vendored SARIF schema");
    let schema: serde_json::Value = serde_json::from_str(&text).expect("schema is JSON");
    jsonschema::options()
        .with_draft(jsonschema::Draft::Draft7)
        .should_validate_formats(true)
        .build(&schema)
        .expect("the SARIF schema compiles")
}

fn sarif_problems(validator: &jsonschema::Validator, sarif: &str) -> Vec<String> {
    let log: serde_json::Value = serde_json::from_str(sarif).expect("SARIF is JSON");
    validator
        .iter_errors(&log)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

fn fixture_cases() -> Vec<PathBuf> {
    let mut cases = Vec::new();
    for dir in std::fs::read_dir("tests/fixtures/rules").expect("fixtures") {
        let dir = dir.expect("entry").path();
        for case in std::fs::read_dir(&dir).expect("fixture folder") {
            let case = case.expect("entry").path();
            let name = case
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or_default();
            if name.starts_with("fail") || name.starts_with("pass") {
                cases.push(case);
            }
        }
    }
    cases.sort();
    cases
}

#[test]
fn every_fixture_gives_sarif_that_the_official_schema_accepts() {
    let _ = std::env::set_current_dir(common::root());
    let validator = sarif_validator();
    let mut problems = Vec::new();
    let cases = fixture_cases();
    assert!(cases.len() > 80, "found only {} fixtures", cases.len());
    for case in cases {
        let files = common::check(std::slice::from_ref(&case));
        for p in sarif_problems(&validator, &render(Format::Sarif, &files)) {
            problems.push(format!("{}: {p}", case.display()));
        }
    }
    assert!(
        problems.is_empty(),
        "invalid SARIF:\n{}",
        problems.join("\n")
    );
}

#[test]
fn the_schema_check_catches_an_unencoded_uri() {
    let validator = sarif_validator();
    let _ = std::env::set_current_dir(common::root());
    let files = common::check(&[PathBuf::from(
        "tests/fixtures/rules/graph__dead-end/fail.playbook.yaml",
    )]);
    let sarif = render(Format::Sarif, &files).replace(
        "tests/fixtures/rules/graph__dead-end/fail.playbook.yaml",
        "tests/fix tures:ç%/x.yaml",
    );
    assert!(!sarif_problems(&validator, &sarif).is_empty());
}

#[test]
fn accented_spaced_percent_and_colon_file_names_give_valid_sarif() {
    let _ = std::env::set_current_dir(common::root());
    let validator = sarif_validator();
    std::fs::create_dir_all("target").expect("target/");
    let dir = tempfile::Builder::new()
        .prefix("sarif names ")
        .tempdir_in("target")
        .expect("temp dir");
    let relative = dir
        .path()
        .strip_prefix(common::root())
        .unwrap_or(dir.path())
        .to_path_buf();
    let failing =
        std::fs::read_to_string("tests/fixtures/rules/graph__dead-end/fail.playbook.yaml")
            .expect("fixture");
    let mut paths = Vec::new();
    for (i, name) in [
        "cobrança amigável.playbook.yaml",
        "100% off.playbook.yaml",
        "a:b #1.playbook.yaml",
    ]
    .iter()
    .enumerate()
    {
        let path = relative.join(name);
        // Distinct ids, so the files do not also report each other as duplicates.
        std::fs::write(&path, failing.replacen("id: ", &format!("id: n{i}-"), 1)).expect("write");
        paths.push(path);
    }
    paths.push(dir.path().join("cobrança amigável.playbook.yaml"));
    let files = common::check(&paths);
    let sarif = render(Format::Sarif, &files);
    let problems = sarif_problems(&validator, &sarif);
    assert!(
        problems.is_empty(),
        "invalid SARIF:\n{}",
        problems.join("\n")
    );
    assert!(
        sarif.contains("cobran%C3%A7a%20amig%C3%A1vel.playbook.yaml"),
        "{sarif}"
    );
    assert!(sarif.contains("100%25%20off"), "{sarif}");
    assert!(sarif.contains("a%3Ab%20%231"), "{sarif}");
    assert!(
        sarif.contains("\"uri\": \"file:///"),
        "absolute paths are file URIs"
    );
}

/// Representative fixtures: a path property (counter-example path), wording with a citation,
/// a reference typo, a file that does not parse, and a clean playbook.
const SNAPSHOT_CASES: &[&str] = &[
    "path__missing-fact/fail.playbook.yaml",
    "wording__threat/fail-pt.playbook.yaml",
    "ref__unknown-step/fail.playbook.yaml",
    "yaml__syntax/fail-unclosed-quote.playbook.yaml",
    "graph__dead-end/pass.playbook.yaml",
];

#[test]
fn every_format_matches_its_snapshots() {
    let _ = std::env::set_current_dir(common::root());
    for case in SNAPSHOT_CASES {
        let path = Path::new("tests/fixtures/rules").join(case);
        assert!(path.exists(), "{} is missing", path.display());
        let files = common::check(&[path]);
        let name = case.replace('/', "__").replace(".playbook.yaml", "");
        insta::with_settings!({ snapshot_path => "snapshots/formats", prepend_module_to_snapshot => false, omit_expression => true }, {
            for format in [Format::Concise, Format::Github, Format::Gitlab, Format::Junit, Format::Rdjson] {
                insta::assert_snapshot!(format!("{name}.{}", format.name()), render(format, &files));
            }
            // The rule catalogue is the same in every log; only the results differ.
            let sarif: serde_json::Value = serde_json::from_str(&render(Format::Sarif, &files)).expect("JSON");
            insta::assert_json_snapshot!(format!("{name}.sarif-results"), sarif["runs"][0]["results"]);
        });
    }
}

#[test]
fn sarif_describes_every_rule_with_help() {
    let _ = std::env::set_current_dir(common::root());
    let files = common::check(&[PathBuf::from(
        "tests/fixtures/rules/graph__dead-end/pass.playbook.yaml",
    )]);
    let sarif: serde_json::Value =
        serde_json::from_str(&render(Format::Sarif, &files)).expect("JSON");
    let run = &sarif["runs"][0];
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    let rules = run["tool"]["driver"]["rules"].as_array().expect("rules");
    assert_eq!(rules.len(), cordial::rules::all().len());
    for rule in rules {
        assert!(
            rule["helpUri"]
                .as_str()
                .is_some_and(|u| u.starts_with("https://")),
            "{rule}"
        );
        assert!(
            rule["help"]["text"].as_str().is_some_and(|t| !t.is_empty()),
            "{rule}"
        );
    }
    insta::with_settings!({ snapshot_path => "snapshots/formats", prepend_module_to_snapshot => false, omit_expression => true }, {
        insta::assert_json_snapshot!("sarif-rule-descriptor", rules.iter().find(|r| r["id"] == "wording/threat"));
    });
}

#[test]
fn fingerprints_do_not_move_when_lines_are_inserted_above() {
    let _ = std::env::set_current_dir(common::root());
    let original =
        std::fs::read_to_string("tests/fixtures/rules/path__missing-fact/fail.playbook.yaml")
            .expect("fixture");
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("x.playbook.yaml");
    let fingerprints = |text: &str| {
        std::fs::write(&path, text).expect("write");
        let files = common::check(std::slice::from_ref(&path));
        let sarif: serde_json::Value =
            serde_json::from_str(&render(Format::Sarif, &files)).expect("JSON");
        let results = sarif["runs"][0]["results"]
            .as_array()
            .expect("results")
            .clone();
        let lines: Vec<u64> = results
            .iter()
            .map(|r| {
                r["locations"][0]["physicalLocation"]["region"]["startLine"]
                    .as_u64()
                    .unwrap_or(0)
            })
            .collect();
        let prints: Vec<String> = results
            .iter()
            .map(|r| {
                r["partialFingerprints"]["cordialFinding/v1"]
                    .as_str()
                    .unwrap_or("")
                    .to_string()
            })
            .collect();
        (lines, prints)
    };
    let (lines_before, before) = fingerprints(&original);
    let (lines_after, after) = fingerprints(&format!("# a comment\n# and another\n{original}"));
    assert!(!before.is_empty());
    assert_ne!(lines_before, lines_after, "the findings moved down");
    assert_eq!(before, after);
}

/// Every format counts columns in characters: on a line with accents before the finding, the
/// human header, the concise line, JSON and SARIF name the same column.
#[test]
fn human_concise_json_and_sarif_give_the_same_column_on_accented_lines() {
    let _ = std::env::set_current_dir(common::root());
    let files = common::check(&[PathBuf::from(
        "tests/fixtures/columns/accented.playbook.yaml",
    )]);
    let json: serde_json::Value =
        serde_json::from_str(&render(Format::Json, &files)).expect("JSON");
    let finding = json["diagnostics"]
        .as_array()
        .and_then(|all| all.iter().find(|f| f["code"] == "wording/threat"))
        .expect("the threat is found");
    let (line, column) = (
        finding["line"].as_u64().expect("line"),
        finding["column"].as_u64().expect("column"),
    );
    let text =
        std::fs::read_to_string("tests/fixtures/columns/accented.playbook.yaml").expect("fixture");
    let source_line = text
        .lines()
        .nth(line as usize - 1)
        .expect("the line exists");
    let before: String = source_line.chars().take(column as usize - 1).collect();
    assert!(
        before.len() > before.chars().count(),
        "the fixture has accents before the finding"
    );
    assert!(source_line[before.len()..].starts_with("chamamos a pol"));
    let place = format!("accented.playbook.yaml:{line}:{column}");
    let human = render(Format::Human, &files);
    assert!(human.contains(&format!("{place}]")), "{human}");
    let concise = render(Format::Concise, &files);
    assert!(
        concise.contains(&format!("{place}: error[wording/threat]")),
        "{concise}"
    );
    let sarif: serde_json::Value =
        serde_json::from_str(&render(Format::Sarif, &files)).expect("SARIF");
    let region = sarif["runs"][0]["results"]
        .as_array()
        .and_then(|all| all.iter().find(|r| r["ruleId"] == "wording/threat"))
        .map(|r| r["locations"][0]["physicalLocation"]["region"].clone())
        .expect("the threat is in SARIF");
    assert_eq!(region["startLine"].as_u64(), Some(line));
    assert_eq!(region["startColumn"].as_u64(), Some(column));
}
