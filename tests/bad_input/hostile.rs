//! Hostile inputs, generated here (never committed): each is answered with a diagnostic or a
//! normal check, and the good file beside it is still checked. Sizes are the in release
//! builds and a tenth of them in debug test builds, where the same code paths run; the
//! benchmark (`cargo bench`) measures the full sizes' times.

use std::collections::HashMap;
use std::sync::Arc;

use cordial::check::{self, CheckedFile, Options};
use cordial::report::{self, human};

use super::{GOOD, first_code, run};

/// `full` in release builds, a tenth of it in debug builds.
fn scaled(full: usize) -> usize {
    if cfg!(debug_assertions) {
        full / 10
    } else {
        full
    }
}

fn head(id: &str) -> String {
    // No pack applies: these inputs are about size and shape, not the law.
    format!("cordial: 1\nid: {id}\ntitle: Hostile\nlocale: en\njurisdictions: []\n")
}

/// Renders a run in every format, as the CLI would; panics are what this looks for.
fn render_all(files: &[CheckedFile]) -> String {
    let diagnostics = report::diagnostics(files);
    let summary = report::Summary::of(files);
    let sources: HashMap<String, Arc<String>> = files
        .iter()
        .map(|f| (f.source.display_path(), f.source.text.clone()))
        .collect();
    let _ = report::json::render(&diagnostics, &summary);
    let _ = report::sarif::render(&diagnostics);
    let _ = report::github::render(&diagnostics);
    let _ = human::render(&diagnostics, &sources, human::Style::Narrated, 80);
    human::render(&diagnostics, &sources, human::Style::Plain, 100)
}

fn chain(steps: usize, requires: &str) -> String {
    let mut y = head("chain");
    y.push_str("start: s0\nsteps:\n");
    for i in 0..steps {
        y.push_str(&format!("  s{i}: {{{requires}next: s{}}}\n", i + 1));
    }
    y.push_str(&format!("  s{steps}: {{outcome: paid}}\n"));
    y
}

fn code_of<'a>(checked: &'a [CheckedFile], name: &str) -> &'a CheckedFile {
    checked
        .iter()
        .find(|f| f.source.path.ends_with(name))
        .unwrap_or_else(|| panic!("{name} is in the run"))
}

#[test]
fn budgets_and_encodings_give_diagnostics_and_the_run_goes_on() {
    let big = "x".repeat(scaled(1_000_000));
    let mut alias_bytes = format!("{}a: &big \"{big}\"\nb: [", head("alias"));
    alias_bytes.push_str(&vec!["*big"; 999].join(", "));
    alias_bytes.push_str("]\n");
    let deep_flow = format!("{}x: {}", head("df"), "[".repeat(scaled(100_000)));
    let deep_block = format!("{}x:\n  {}1\n", head("db"), "- ".repeat(scaled(100_000)));
    let mut utf16 = vec![0xff, 0xfe];
    utf16.extend(GOOD.encode_utf16().flat_map(u16::to_le_bytes));
    let many_docs = format!("{GOOD}---\n{GOOD}---\n{GOOD}");
    let files: Vec<(&str, Vec<u8>, &str)> = vec![
        ("alias-bytes.yaml", alias_bytes.into_bytes(), "yaml/syntax"),
        ("deep-flow.yaml", deep_flow.into_bytes(), "yaml/syntax"),
        ("deep-block.yaml", deep_block.into_bytes(), "yaml/syntax"),
        ("utf16.yaml", utf16, "input/unreadable"),
        (
            "nul.yaml",
            b"cordial: 1\nid: n\x00ul\n".to_vec(),
            "input/unreadable",
        ),
        ("lone.yaml", b"---\n".to_vec(), "schema/invalid"),
        ("docs.yaml", many_docs.into_bytes(), "yaml/syntax"),
        (
            "bom.yaml",
            format!("\u{feff}{}", GOOD.replace("id: good", "id: bom")).into_bytes(),
            "none",
        ),
        ("good.yaml", GOOD.as_bytes().to_vec(), "none"),
    ];
    let named: Vec<(&str, Vec<u8>)> = files.iter().map(|(n, b, _)| (*n, b.clone())).collect();
    let (_dir, checked) = run(&named);
    for (name, _, expected) in &files {
        let file = code_of(&checked, name);
        assert_eq!(first_code(file), *expected, "{name}: {:?}", file.findings);
    }
    let utf16 = code_of(&checked, "utf16.yaml");
    assert!(
        utf16.findings[0].message.contains("UTF-16"),
        "{:?}",
        utf16.findings
    );
    render_all(&checked);
}

#[test]
fn crlf_positions_are_exact() {
    let text = "cordial: 1\r\nid: crlf\r\ntitle: T\r\nlocale: en\r\nstart: a\r\nsteps:\r\n  a: {next: nowhere}\r\n";
    let (_dir, checked) = run(&[("crlf.yaml", text.as_bytes().to_vec())]);
    let file = &checked[0];
    let finding = file
        .findings
        .iter()
        .find(|f| f.code == "ref/unknown-step")
        .expect("the unknown target is found");
    let at = file
        .source
        .position(file.source.resolve(&finding.primary.location).start);
    assert_eq!((at.line, at.column), (7, 13));
}

#[test]
fn a_finding_past_column_65535_is_drawn_not_a_panic() {
    let steps: Vec<String> = (0..scaled(30_000).max(3_000))
        .map(|i| {
            format!(
                "s{i}: {{say: ['Hello there friend number {i}'], next: s{}}}",
                i + 1
            )
        })
        .collect();
    let text = format!(
        "{{cordial: 1, id: long, title: Long, locale: en, start: s0, steps: {{{}, s{}: {{next: nowhere}}}}}}\n",
        steps.join(", "),
        steps.len()
    );
    assert!(text.len() > 65_535 * 2);
    let (_dir, checked) = run(&[("long.yaml", text.into_bytes())]);
    let shown = render_all(&checked);
    assert!(shown.contains("ref/unknown-step"), "{shown:.2000}");
    // The snippet is cropped around the finding, not the whole line.
    assert!(shown.lines().all(|l| l.len() < 1_000), "a cropped line");
    let d = report::diagnostics(&checked);
    let unknown = d
        .iter()
        .find(|d| d.code == "ref/unknown-step")
        .expect("found");
    assert!(unknown.primary.place.start.column > 65_535);
    assert!(
        shown.contains(&format!(
            "long.yaml:1:{}",
            unknown.primary.place.start.column
        )),
        "the header names the true column"
    );
}

#[test]
fn long_chains_and_many_findings_stay_bounded() {
    let steps = scaled(100_000);
    let limits = cordial::load::Limits {
        max_nodes: 10 * steps + 1_000,
        ..Default::default()
    };
    let options = Options {
        limits,
        ..Default::default()
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let clean = dir.path().join("chain.yaml");
    std::fs::write(&clean, chain(steps, "")).expect("write");
    // Every step requires a fact nobody establishes: one finding per step, each path bounded.
    let missing = dir.path().join("missing.yaml");
    std::fs::write(
        &missing,
        chain(scaled(10_000), "requires: [nobody-sets-this], "),
    )
    .expect("write");
    let inputs = [clean, missing].map(|path| check::Input { path, named: true });
    let checked = check::check_inputs(&inputs, &options);
    assert!(
        checked[0].findings.is_empty(),
        "a clean chain: {:?}",
        checked[0].findings.first()
    );
    let facts: Vec<_> = checked[1]
        .findings
        .iter()
        .filter(|f| f.code == "path/missing-fact")
        .collect();
    assert_eq!(facts.len(), scaled(10_000));
    assert!(
        facts.iter().all(|f| f.path.len() <= 17),
        "paths are bounded"
    );
    let last = facts.iter().max_by_key(|f| f.path.len()).expect("some");
    assert!(
        last.path[1].name.contains("more steps"),
        "{:?}",
        last.path[1].name
    );
    render_all(&checked);
}

#[test]
fn thousands_of_unknown_targets_and_placeholders_stay_bounded() {
    let n = scaled(30_000);
    let mut y = head("unknown");
    y.push_str("variables:\n  amount: {type: money, example: 12}\n");
    y.push_str("start: s0\nsteps:\n");
    for i in 0..n {
        y.push_str(&format!("  s{i}: {{next: missing-{i}}}\n"));
    }
    let placeholders = "{amount} {nope} ".repeat(scaled(10_000));
    y.push_str(&format!(
        "  last: {{say: [\"{placeholders}\"], outcome: paid}}\n"
    ));
    y.push_str(&format!(
        "templates:\n  t: {{channel: sms, title: T, text: \"{placeholders}\"}}\n"
    ));
    let (_dir, checked) = run(&[("unknown.yaml", y.into_bytes())]);
    let unknown = checked[0]
        .findings
        .iter()
        .filter(|f| f.code == "ref/unknown-step")
        .count();
    assert_eq!(unknown, n);
    assert!(
        checked[0]
            .findings
            .iter()
            .all(|f| f.help.as_ref().is_none_or(|h| h.len() < 2_000)),
        "help texts are bounded"
    );
    render_all(&checked);
}

#[test]
fn a_long_say_line_full_of_matches_is_linear() {
    let line = "You will go to jail. ".repeat(scaled(1_000_000) / 21);
    let y = format!(
        "{}start: a\nsteps:\n  a:\n    say: [\"{line}\"]\n    tips: [\"{}deep\"]\n    outcome: paid\n",
        head("say"),
        "> ".repeat(2_000)
    );
    let (_dir, checked) = run(&[("say.yaml", y.into_bytes())]);
    assert!(
        checked[0]
            .findings
            .iter()
            .any(|f| f.code.starts_with("wording/")),
        "matches found"
    );
    render_all(&checked);
    if let Some(playbook) = &checked[0].playbook {
        let text = checked[0].source.text.as_str();
        let guide = cordial::render::guide_json(&cordial::render::GuideInput {
            source_path: "say.yaml",
            source_text: text,
            playbook,
            findings: &[],
            exceptions: &[],
            packs: None,
        });
        assert!(!guide.steps.is_empty());
    }
}

#[test]
fn a_complete_graph_is_refused_by_the_node_budget_or_checked() {
    let n = scaled(1_000).max(60);
    let mut y = head("complete");
    y.push_str("start: s0\nsteps:\n");
    for i in 0..n {
        let branches: Vec<String> = (0..n)
            .map(|j| format!("{{when: w{j}, go: s{j}}}"))
            .collect();
        y.push_str(&format!("  s{i}:\n    next: [{}]\n", branches.join(", ")));
    }
    let (_dir, checked) = run(&[("complete.yaml", y.into_bytes())]);
    assert!(!checked[0].findings.is_empty(), "no exit, at least");
    render_all(&checked);
}

#[test]
fn long_loops_are_walked_without_a_deep_stack() {
    // Every walk over the step graph keeps its own stack: a loop of thousands of steps is
    // checked on a thread with a small stack. (petgraph's Tarjan, which recursed once per
    // step, overflowed the stack on a 30,000-step chain and aborted the process.)
    let steps = 4_000;
    let mut y = head("loop");
    y.push_str("start: s0\nsteps:\n");
    for i in 0..steps {
        y.push_str(&format!("  s{i}: {{next: s{}}}\n", (i + 1) % steps));
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("loop.yaml");
    std::fs::write(&path, y).expect("write");
    let codes = std::thread::Builder::new()
        .stack_size(256 * 1024)
        .spawn(move || {
            let input = check::Input { path, named: true };
            let file = check::check_file(&input, &Options::default()).expect("checked");
            file.findings.iter().map(|f| f.code).collect::<Vec<_>>()
        })
        .expect("thread")
        .join()
        .expect("no panic");
    assert!(codes.contains(&"graph/no-exit"), "{codes:?}");
}
