use super::*;
use crate::diagnostic::Finding;
use crate::source::{Comment, SourceFile};

/// A source whose line `n` (1-based) is "line n", with comments given as (line, text).
fn source(lines: usize, comments: &[(usize, &str)]) -> SourceFile {
    let text: String = (1..=lines).map(|n| format!("line {n:02}\n")).collect();
    let mut file = SourceFile::new("t.playbook.yaml".into(), text);
    file.comments = comments
        .iter()
        .map(|&(line, body)| {
            let start = (line - 1) * 8 + 4;
            Comment {
                span: start..start + 1 + body.len(),
                text: body.to_string(),
            }
        })
        .collect();
    file
}

/// A finding of `code` on line `line`.
fn at_line(code: &'static str, line: usize) -> Finding {
    let start = (line - 1) * 8;
    Finding::new(code, "m", Location::Bytes(start..start + 4))
}

fn codes(findings: &[Finding]) -> Vec<&'static str> {
    findings.iter().map(|f| f.code).collect()
}

#[test]
fn parses_codes_and_reasons() {
    let parsed =
        parse_comment(" cordial: allow wording/pressure, wording/prefer -- approved by legal");
    assert_eq!(
        parsed,
        Some((
            vec!["wording/pressure".to_string(), "wording/prefer".to_string()],
            Some("approved by legal".to_string())
        ))
    );
    assert_eq!(
        parse_comment("cordial: allow wording/pressure"),
        Some((vec!["wording/pressure".to_string()], None))
    );
    assert_eq!(parse_comment(" cordial: allowance"), None);
    assert_eq!(parse_comment(" just a comment"), None);
}

#[test]
fn a_comment_silences_its_line_and_the_next() {
    let file = source(
        5,
        &[(2, " cordial: allow wording/pressure -- real deadline")],
    );
    let findings = vec![
        at_line("wording/pressure", 3),
        at_line("wording/pressure", 4),
        at_line("wording/prefer", 3),
    ];
    let out = apply(None, &file, findings, false);
    assert_eq!(codes(&out), ["wording/pressure", "wording/prefer"]);
}

#[test]
fn missing_reasons_are_reported_and_do_not_apply() {
    let file = source(3, &[(1, " cordial: allow wording/pressure")]);
    let out = apply(None, &file, vec![at_line("wording/pressure", 1)], false);
    assert_eq!(
        codes(&out),
        ["wording/pressure", "suppression/missing-reason"]
    );
}

#[test]
fn the_editor_placeholder_is_not_a_reason() {
    let comment = format!(" cordial: allow wording/pressure -- {REASON_PLACEHOLDER}");
    let file = source(3, &[(1, comment.as_str())]);
    let out = apply(None, &file, vec![at_line("wording/pressure", 2)], false);
    assert_eq!(
        codes(&out),
        ["wording/pressure", "suppression/missing-reason"]
    );
}

#[test]
fn threat_abuse_and_shaming_cannot_be_silenced() {
    let file = source(
        3,
        &[(1, " cordial: allow wording/threat -- manager said so")],
    );
    let out = apply(None, &file, vec![at_line("wording/threat", 2)], false);
    assert_eq!(codes(&out), ["wording/threat", "suppression/forbidden"]);
}

#[test]
fn unused_exceptions_are_reported() {
    let file = source(
        3,
        &[
            (1, " cordial: allow wording/pressure -- old campaign"),
            (3, " cordial: allow wording/presure -- typo"),
        ],
    );
    let out = apply(None, &file, Vec::new(), false);
    assert_eq!(codes(&out), ["suppression/unused", "suppression/unused"]);
    assert!(out[1].message.contains("not a rule code"));
}

#[test]
fn no_ignores_keeps_everything_but_reports_malformed_exceptions() {
    let file = source(
        3,
        &[
            (1, " cordial: allow wording/pressure -- ok"),
            (2, " cordial: allow wording/prefer"),
        ],
    );
    let out = apply(None, &file, vec![at_line("wording/pressure", 1)], true);
    assert_eq!(
        codes(&out),
        ["wording/pressure", "suppression/missing-reason"]
    );
}

#[test]
fn allow_entries_cover_their_step_or_template() {
    let yaml = "cordial: 1\nid: t\ntitle: T\nlocale: en\nstart: a\ncompliance:\n  allow:\n    - {rule: wording/pressure, step: a, reason: approved}\n    - {rule: wording/pretext, template: sms, reason: approved}\n    - {rule: wording/prefer}\nsteps:\n  a: {outcome: paid}\n  ab: {outcome: paid}\n";
    let playbook: Playbook = serde_saphyr::from_str(yaml).expect("parses");
    let file = SourceFile::new("t.playbook.yaml".into(), yaml.to_string());
    let findings = vec![
        Finding::new(
            "wording/pressure",
            "m",
            Location::text("/steps/a/say/0", 0..3),
        ),
        Finding::new(
            "wording/pressure",
            "m",
            Location::text("/steps/ab/say/0", 0..3),
        ),
    ];
    let out = apply(Some(&playbook), &file, findings, false);
    assert_eq!(
        codes(&out),
        [
            "wording/pressure",
            "suppression/missing-reason",
            "suppression/unused"
        ]
    );
    assert_eq!(out[0].primary.location.pointer(), Some("/steps/ab/say/0"));
    assert_eq!(
        out[2].primary.location.pointer(),
        Some("/compliance/allow/1")
    );
}
