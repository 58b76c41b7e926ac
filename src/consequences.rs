//! One typo, one finding: what follows only from a misspelt reference is told under it.
//!
//! A `go: verfy` leaves `verify` and everything after it unreachable, so a plain run reports the
//! typo and then every step it cut off, and a required outcome it hid: eleven findings for one
//! slip. For each reference the did-you-mean can repair (`verfy` → `verify`), the rules run again
//! on the repaired playbook; the findings that disappear are consequences of the typo. They are
//! removed from the report and summed up in the typo's note, so the reader fixes the cause and
//! sees the rest go with it. A reference with no close name repairs nothing: what follows from it
//! is reported as usual, since nobody can tell what was meant.

use std::collections::HashSet;

use serde_json::Value;

use crate::diagnostic::{Finding, Location};
use crate::model::Playbook;
use crate::rules::refs::did_you_mean;
use crate::source::SourceFile;

/// Most typos repaired one at a time: each costs one more run of the rules.
const MAX_REPAIRS: usize = 4;
/// Most reference findings looked at for a repair: each costs a did-you-mean search.
const MAX_CANDIDATES: usize = 16;
/// Past this many steps a playbook is not checked again: a generated file of thousands of steps
/// would pay a full run per typo, and its findings are read by a tool rather than a person.
const MAX_STEPS: usize = 2_000;

/// The rules, run once over a playbook.
pub type RunRules<'a> = dyn Fn(&Playbook) -> Vec<Finding> + 'a;

/// Folds the consequences of each repairable reference typo into that typo's finding.
pub fn group(
    findings: &mut Vec<Finding>,
    playbook: &Playbook,
    source: &SourceFile,
    invalid: &[String],
    run: &RunRules<'_>,
) {
    if playbook.steps.len() > MAX_STEPS {
        return;
    }
    let typos: Vec<(usize, String, String)> = findings
        .iter()
        .enumerate()
        .filter(|(_, f)| is_reference(f.code))
        .take(MAX_CANDIDATES)
        .filter_map(|(i, f)| {
            let (pointer, close) = repair(f, playbook, source)?;
            Some((i, pointer, close))
        })
        .take(MAX_REPAIRS)
        .collect();
    let mut consequences: Vec<(usize, Vec<usize>)> = Vec::new();
    let mut taken: HashSet<usize> = HashSet::new();
    for (cause, pointer, close) in typos {
        let mut value = source.value.clone();
        let Some(slot) = value.pointer_mut(&pointer) else {
            continue;
        };
        *slot = Value::String(close);
        let (Some(repaired), _) = crate::check::deserialize_tolerant(&value, invalid) else {
            continue;
        };
        let after: HashSet<Key> = run(&repaired).iter().map(Key::of).collect();
        let gone: Vec<usize> = findings
            .iter()
            .enumerate()
            .filter(|(i, f)| {
                *i != cause
                    && !taken.contains(i)
                    && !is_reference(f.code)
                    && !after.contains(&Key::of(f))
            })
            .map(|(i, _)| i)
            .collect();
        taken.extend(gone.iter().copied());
        consequences.push((cause, gone));
    }
    for (cause, gone) in &consequences {
        if gone.is_empty() {
            continue;
        }
        let summary = describe(gone.iter().map(|&i| &findings[i]));
        let cause = &mut findings[*cause];
        let note =
            format!("fixing it also removes what it causes, not reported separately: {summary}");
        cause.note = Some(match cause.note.take() {
            Some(before) => format!("{before}; {note}"),
            None => note,
        });
    }
    let mut i = 0;
    findings.retain(|_| {
        let keep = !taken.contains(&i);
        i += 1;
        keep
    });
}

/// Drops the findings about terms of a step that presents an offer the schema rejected: what
/// the offer allows could not be read, so "no offer in scope declares an installment plan" or a
/// mismatch with its terms would be stated about an offer the reader can see is there.
pub fn drop_unjudgeable_terms(
    findings: &mut Vec<Finding>,
    playbook: &Playbook,
    source: &SourceFile,
) {
    let Some(raw) = source.value.get("offers").and_then(Value::as_object) else {
        return;
    };
    let rejected: HashSet<&str> = raw
        .keys()
        .map(String::as_str)
        .filter(|id| !playbook.offers.contains_key(*id))
        .collect();
    if rejected.is_empty() {
        return;
    }
    let unjudgeable: HashSet<String> = playbook
        .steps
        .iter()
        .filter(|(_, step)| step.offers.iter().any(|o| rejected.contains(o.as_str())))
        .map(|(id, _)| crate::source::pointer(["steps", id]))
        .collect();
    findings.retain(|f| {
        let Some(at) = f.primary.location.pointer() else {
            return true;
        };
        let step = at.split('/').take(3).collect::<Vec<_>>().join("/");
        !(f.code.starts_with("terms/") && unjudgeable.contains(&step))
    });
}

fn is_reference(code: &str) -> bool {
    matches!(
        code,
        "ref/unknown-step" | "ref/unknown-offer" | "ref/unknown-template"
    )
}

/// For a finding about a misspelt reference: its pointer and the name it most likely meant.
fn repair(finding: &Finding, playbook: &Playbook, source: &SourceFile) -> Option<(String, String)> {
    let names: Vec<&str> = match finding.code {
        "ref/unknown-step" => playbook.steps.keys().map(String::as_str).collect(),
        "ref/unknown-offer" => playbook.offers.keys().map(String::as_str).collect(),
        "ref/unknown-template" => playbook.templates.keys().map(String::as_str).collect(),
        _ => return None,
    };
    let pointer = match &finding.primary.location {
        Location::Node { pointer, .. } => pointer.clone(),
        Location::Bytes(_) => return None,
    };
    let wrong = source.value.pointer(&pointer)?.as_str()?;
    let close = did_you_mean(wrong, names.iter().copied())?;
    Some((pointer, close.to_string()))
}

/// What identifies a finding across two runs of the rules.
#[derive(PartialEq, Eq, Hash)]
struct Key {
    code: &'static str,
    message: String,
    at: String,
}

impl Key {
    fn of(f: &Finding) -> Self {
        Self {
            code: f.code,
            message: f.message.clone(),
            at: format!("{:?}", f.primary.location),
        }
    }
}

/// `4 × graph/unreachable (e.g. step `verify` cannot be reached from `greet`); path/required-branch
/// (no path …)`: one entry per code, in the order found.
fn describe<'a>(findings: impl Iterator<Item = &'a Finding>) -> String {
    let mut codes: Vec<(&str, usize, &str)> = Vec::new();
    for f in findings {
        match codes.iter_mut().find(|(code, ..)| *code == f.code) {
            Some(entry) => entry.1 += 1,
            None => codes.push((f.code, 1, f.message.as_str())),
        }
    }
    codes
        .iter()
        .map(|(code, count, first)| match count {
            1 => format!("{code} ({first})"),
            n => format!("{n} × {code} (e.g. {first})"),
        })
        .collect::<Vec<_>>()
        .join("; ")
}

#[cfg(test)]
mod tests {
    use crate::check::{Options, check_source};
    use crate::source::SourceFile;

    fn codes(next: &str) -> (Vec<&'static str>, Option<String>) {
        let text = format!(
            "cordial: 1\nid: t\ntitle: T\nlocale: en\njurisdictions: []\nstart: a\nsteps:\n  a: {{next: {next}}}\n  verify: {{next: b}}\n  b: {{outcome: paid}}\n"
        );
        let source = SourceFile::new("t.playbook.yaml".into(), text);
        let file = check_source(source, None, true, &Options::default()).expect("a playbook");
        let note = file
            .findings
            .iter()
            .find(|f| f.code == "ref/unknown-step")
            .and_then(|f| f.note.clone());
        (file.findings.iter().map(|f| f.code).collect(), note)
    }

    #[test]
    fn a_typo_with_a_close_name_carries_its_consequences() {
        let (found, note) = codes("verfy");
        assert_eq!(found, ["ref/unknown-step"]);
        let note = note.unwrap_or_default();
        assert!(note.contains("2 × graph/unreachable"), "{note}");
    }

    #[test]
    fn an_unknown_name_with_no_close_one_keeps_what_follows() {
        let (found, note) = codes("zzz");
        assert!(found.contains(&"graph/unreachable"), "{found:?}");
        assert_eq!(note, None);
    }
}
