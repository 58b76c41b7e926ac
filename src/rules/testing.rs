//! Helpers for rule unit tests: run checks on a YAML snippet without the whole pipeline.

use crate::analysis::flow::Flow;
use crate::diagnostic::Finding;
use crate::model::Playbook;
use crate::rules::{Check, Context, Packs};
use crate::source::SourceFile;

/// Parses a complete playbook (typed, no schema check) and runs one check on it.
pub fn run_check(check: &dyn Check, yaml: &str) -> Vec<Finding> {
    let source = SourceFile::new("test.playbook.yaml".into(), yaml.to_string());
    run_check_on(check, yaml, &source, |_| {})
}

/// As [`run_check`], with the source parsed, so that findings get their fixes (which need the
/// bytes of every node).
pub fn run_check_with_spans(check: &dyn Check, yaml: &str) -> Vec<Finding> {
    let mut source = SourceFile::new("test.playbook.yaml".into(), yaml.to_string());
    crate::load::parse(&mut source, &crate::load::Limits::default());
    run_check_on(check, yaml, &source, |_| {})
}

/// As [`run_check_with_spans`], with the packs changed first (as a configuration changes them).
pub fn run_check_with_packs(
    check: &dyn Check,
    yaml: &str,
    adjust: impl FnOnce(&mut Packs),
) -> Vec<Finding> {
    let mut source = SourceFile::new("test.playbook.yaml".into(), yaml.to_string());
    crate::load::parse(&mut source, &crate::load::Limits::default());
    run_check_on(check, yaml, &source, adjust)
}

fn run_check_on(
    check: &dyn Check,
    yaml: &str,
    source: &SourceFile,
    adjust: impl FnOnce(&mut Packs),
) -> Vec<Finding> {
    let playbook: Playbook = serde_saphyr::from_str(yaml).expect("test playbook parses");
    let flow = Flow::new(&playbook);
    let mut packs = Packs::for_playbook(&playbook);
    adjust(&mut packs);
    let cx = Context::new(&playbook, source, &flow, &packs);
    let mut out = Vec::new();
    check.run(&cx, &mut out);
    out
}

/// The codes of some findings, sorted, for terse assertions.
pub fn codes(findings: &[Finding]) -> Vec<&'static str> {
    let mut c: Vec<_> = findings.iter().map(|f| f.code).collect();
    c.sort_unstable();
    c
}

/// A one-step playbook under `packs` (comma-separated) with the given cadence lines.
pub fn cadence_playbook(packs: &str, cadence: &str) -> String {
    format!(
        "cordial: 1\nid: t\ntitle: T\nlocale: en\njurisdictions: [{packs}]\nstart: s\nsteps:\n  s: {{outcome: callback}}\ncadence:\n{cadence}"
    )
}
