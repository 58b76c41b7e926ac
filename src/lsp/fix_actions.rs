//! Code actions from the fix engine (`src/fix`): a quick fix for each finding that carries a
//! fix, and `source.fixAll.cordial`, the safe fixes of the whole document as `cordial check
//! --fix` applies them. Nothing here decides what to change: the rules made the fixes and
//! `fix::fix_text` runs the rounds. This module only checks each result as `--fix` does (it
//! must parse, with the same configuration) and writes it as LSP edits.

use std::collections::HashMap;
use std::ops::Range;

use lsp_types::{CodeAction, CodeActionKind, TextEdit, WorkspaceEdit};

use super::document::{Document, check_text};
use crate::diagnostic::{Applicability, Finding, Fix};
use crate::fix::{self, Mode};
use crate::report::Diagnostic;

/// The kind of the fix-all action: a `source.fixAll` action, named after the server so that
/// an editor can run cordial's alone on save.
pub const FIX_ALL: CodeActionKind = CodeActionKind::new("source.fixAll.cordial");

/// The quick fix of one finding, when it has a fix and the text it gives parses. Safe fixes
/// are the preferred action for their finding; unsafe ones say so in their title.
pub fn quick_fix(doc: &Document, d: &Diagnostic) -> Vec<CodeAction> {
    let Some(fix) = fix_of(doc, d) else {
        return Vec::new();
    };
    // Edits are byte ranges of the checked text; one that does not fall on it is not sent.
    if !fixable(doc)
        || fix
            .edits
            .iter()
            .any(|e| doc.text.get(e.range.clone()).is_none())
    {
        return Vec::new();
    }
    if recheck(doc, &fix::apply(&doc.text, &[fix])).is_none() {
        return Vec::new();
    }
    let edits = fix
        .edits
        .iter()
        .map(|e| (e.range.clone(), e.replacement.clone()))
        .collect();
    let safe = fix.applicability == Applicability::Safe;
    vec![CodeAction {
        title: title(d.code, fix),
        kind: Some(CodeActionKind::QUICKFIX),
        diagnostics: Some(vec![doc.lsp_diagnostic(d)]),
        edit: Some(workspace_edit(doc, edits)),
        is_preferred: Some(safe),
        ..CodeAction::default()
    }]
}

/// Every safe fix of the document at once, round after round: the text `cordial check --fix`
/// would write. None when there is nothing to fix or the result would be the same text.
pub fn fix_all(doc: &Document) -> Option<CodeAction> {
    let checked = doc.checked.as_ref().filter(|_| fixable(doc))?;
    if fix::fixes(&checked.findings, Mode::Safe).is_empty() {
        return None;
    }
    let outcome = fix::fix_text(&doc.text, &checked.findings, Mode::Safe, |text| {
        recheck(doc, text)
    });
    if outcome.applied == 0 || outcome.text == doc.text {
        return None;
    }
    let fixes = if outcome.applied == 1 { "fix" } else { "fixes" };
    Some(CodeAction {
        title: format!(
            "Apply the {} safe {fixes} (as `cordial check --fix`)",
            outcome.applied
        ),
        kind: Some(FIX_ALL),
        edit: Some(workspace_edit(doc, edits_between(&doc.text, &outcome.text))),
        ..CodeAction::default()
    })
}

/// The fix of the finding `d` was resolved from: the same code, description and edits.
fn fix_of<'d>(doc: &'d Document, d: &Diagnostic) -> Option<&'d Fix> {
    let placed = d.fix.as_ref()?;
    let findings = &doc.checked.as_ref()?.findings;
    fix::fixes(findings, Mode::Unsafe)
        .into_iter()
        .find(|(f, fix)| {
            f.code == d.code
                && fix.description == placed.description
                && fix.edits.len() == placed.edits.len()
                && fix
                    .edits
                    .iter()
                    .zip(&placed.edits)
                    .all(|(e, (place, text))| e.range == place.span && e.replacement == *text)
        })
        .map(|(_, fix)| fix)
}

/// Whether the document may be fixed at all: `--fix` never touches a text that did not parse,
/// and the CLI would not run with a configuration it cannot use (the findings shown then
/// ignore it, so a finding it silences could be "fixed").
fn fixable(doc: &Document) -> bool {
    doc.config_error.is_none()
        && doc
            .checked
            .as_ref()
            .is_some_and(|c| !c.findings.iter().any(fix::unparsed))
}

/// The findings of a candidate text, checked as the document is (same file, same
/// configuration); None when it does not parse or is no longer a playbook, as `--fix` requires.
fn recheck(doc: &Document, text: &str) -> Option<Vec<Finding>> {
    let (Some(checked), None) = check_text(&doc.path, text, super::uri::is_file(&doc.uri)) else {
        return None;
    };
    (!checked.findings.iter().any(fix::unparsed)).then_some(checked.findings)
}

/// The menu title of a fix: what it does, and "(unsafe …)" when it changes what a message says.
fn title(code: &str, fix: &Fix) -> String {
    let added = || {
        fix.edits
            .iter()
            .map(|e| e.replacement.trim())
            .collect::<Vec<_>>()
            .join(" ")
    };
    let what = match code {
        "wording/prefer" => format!("Use the preferred wording: {}", fix.description),
        "disclosure/opt-out" => format!("Add the opt-out sentence \"{}\"", added()),
        "disclosure/mini-miranda" => format!("Add the debt-collector disclosure \"{}\"", added()),
        _ => capitalised(&fix.description),
    };
    match fix.applicability {
        Applicability::Safe => what,
        Applicability::Unsafe => format!("{what} (unsafe: changes what the message says)"),
    }
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// Byte-range edits on the document as one LSP workspace edit (UTF-16 positions).
fn workspace_edit(doc: &Document, edits: Vec<(Range<usize>, String)>) -> WorkspaceEdit {
    let edits = edits
        .into_iter()
        .map(|(range, text)| TextEdit::new(doc.range(&range), text))
        .collect();
    WorkspaceEdit {
        changes: Some(HashMap::from([(doc.uri.clone(), edits)])),
        ..WorkspaceEdit::default()
    }
}

/// The edits that turn `before` into `after`: each run of changed lines, narrowed to the
/// characters that differ, so an editor keeps its cursor and marks everywhere else. The fix
/// rounds' own edits are offsets into intermediate texts, so the result is compared instead.
fn edits_between(before: &str, after: &str) -> Vec<(Range<usize>, String)> {
    let diff = similar::TextDiff::from_lines(before, after);
    let offsets = |slices: &[&str]| {
        let mut at = vec![0];
        for s in slices {
            at.push(at.last().copied().unwrap_or(0) + s.len());
        }
        at
    };
    let (old_at, new_at) = (offsets(diff.old_slices()), offsets(diff.new_slices()));
    let mut runs: Vec<(Range<usize>, Range<usize>)> = Vec::new();
    for op in diff.ops() {
        let (tag, old, new) = op.as_tag_tuple();
        if tag == similar::DiffTag::Equal {
            continue;
        }
        match runs.last_mut() {
            Some((o, n)) if o.end == old.start && n.end == new.start => {
                (o.end, n.end) = (old.end, new.end);
            }
            _ => runs.push((old, new)),
        }
    }
    runs.into_iter()
        .map(|(old, new)| {
            let removed = &before[old_at[old.start]..old_at[old.end]];
            let added = &after[new_at[new.start]..new_at[new.end]];
            let prefix: usize = removed
                .chars()
                .zip(added.chars())
                .take_while(|(a, b)| a == b)
                .map(|(a, _)| a.len_utf8())
                .sum();
            let suffix: usize = removed[prefix..]
                .chars()
                .rev()
                .zip(added[prefix..].chars().rev())
                .take_while(|(a, b)| a == b)
                .map(|(a, _)| a.len_utf8())
                .sum();
            let start = old_at[old.start] + prefix;
            let end = old_at[old.end] - suffix;
            (start..end, added[prefix..added.len() - suffix].to_string())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use lsp_types::Position;

    fn doc(text: &str) -> Document {
        Document::new("untitled:t.yaml".parse().expect("uri"), text.to_string())
    }

    /// Accented letters and an emoji before the edits on their line: UTF-16 columns differ
    /// from characters and bytes there.
    const PLAYBOOK: &str = "cordial: 1\nid: t\ntitle: T\nlocale: en\nvariables:\n  customer_name: {type: text, example: Jo}\nstart: a\nsteps:\n  a:\n    say:\n      - \"Olá, é 😀 {custmer_name}: we can help the debtor today.\"\n    next:\n      - {when: The customer agrees, go: bb}\n  b:\n    outcome: paid\n";

    /// `text` with LSP edits applied, positions read as UTF-16 code units.
    fn applied(d: &Document, action: &CodeAction) -> String {
        let mut edits = action
            .edit
            .as_ref()
            .expect("edit")
            .changes
            .as_ref()
            .expect("changes")[&d.uri]
            .clone();
        edits.sort_by_key(|e| std::cmp::Reverse((e.range.start.line, e.range.start.character)));
        let mut text = d.text.clone();
        for e in edits {
            text.replace_range(d.offset(e.range.start)..d.offset(e.range.end), &e.new_text);
        }
        text
    }

    fn finding<'d>(d: &'d Document, code: &str) -> &'d Diagnostic {
        d.diagnostics
            .iter()
            .find(|f| f.code == code)
            .unwrap_or_else(|| panic!("no {code}"))
    }

    #[test]
    fn a_finding_with_a_safe_fix_gets_a_preferred_quick_fix_landing_after_the_emoji() {
        let d = doc(PLAYBOOK);
        let actions = quick_fix(&d, finding(&d, "ref/undeclared-variable"));
        assert_eq!(actions.len(), 1);
        let action = &actions[0];
        assert_eq!(
            action.title,
            "Replace `{custmer_name}` with `{customer_name}`"
        );
        assert_eq!(action.is_preferred, Some(true));
        assert_eq!(action.kind, Some(CodeActionKind::QUICKFIX));
        let edit = &action
            .edit
            .as_ref()
            .expect("edit")
            .changes
            .as_ref()
            .expect("c")[&d.uri][0];
        // `      - "Olá, é ` is 16 units, `😀` 2, a space, `{`: the name starts at unit 20.
        assert_eq!(edit.range.start, Position::new(10, 20));
        assert_eq!(edit.range.end, Position::new(10, 32));
        let fixed = applied(&d, action);
        assert_eq!(fixed, PLAYBOOK.replace("custmer_name}", "customer_name}"));
        assert!(
            doc(&fixed)
                .diagnostics
                .iter()
                .all(|f| f.code != "ref/undeclared-variable")
        );

        let prefer = quick_fix(&d, finding(&d, "wording/prefer"));
        assert_eq!(
            prefer[0].title,
            "Use the preferred wording: replace \"debtor\" with \"customer\""
        );
        assert!(applied(&d, &prefer[0]).contains("help the customer today"));
        let step = quick_fix(&d, finding(&d, "ref/unknown-step"));
        assert_eq!(step[0].title, "Replace `bb` with `b`");
    }

    #[test]
    fn an_unsafe_fix_is_not_preferred_and_says_it_changes_the_message() {
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/rules/disclosure__opt-out/fail.playbook.yaml"
        ))
        .expect("fixture");
        let d = doc(&text);
        let actions = quick_fix(&d, finding(&d, "disclosure/opt-out"));
        assert_eq!(actions.len(), 1);
        assert_eq!(actions[0].is_preferred, Some(false));
        assert_eq!(
            actions[0].title,
            "Add the opt-out sentence \"Reply STOP to opt out.\" (unsafe: changes what the message says)"
        );
        assert!(applied(&d, &actions[0]).contains("Reply STOP to opt out."));
        // Unsafe fixes stay out of fix-all, as out of `--fix`.
        assert!(fix_all(&d).is_none_or(|a| !applied(&d, &a).contains("Reply STOP")));
    }

    #[test]
    fn fix_all_gives_what_check_fix_writes_over_several_rounds_and_honours_the_configuration() {
        let dir = tempfile::tempdir().expect("temp dir");
        // A silenced finding is not fixed: `wording/prefer` is ignored for this folder.
        let original = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/fix/typos.playbook.yaml"
        ))
        .expect("fixture");
        for config in ["", "ignore = [\"wording/prefer\"]\n"] {
            std::fs::write(dir.path().join("cordial.toml"), config).expect("config");
            let path = dir.path().join("typos.playbook.yaml");
            std::fs::write(&path, &original).expect("playbook");
            let uri = super::super::uri::from_path(&path).expect("uri");
            let d = Document::new(uri, original.clone());
            let action = fix_all(&d).expect("a fix-all action");
            assert_eq!(action.kind, Some(FIX_ALL));
            let from_editor = applied(&d, &action);

            let mut checked = crate::check::check_source(
                crate::source::SourceFile::new(path.clone(), original.clone()),
                None,
                true,
                &crate::check::Options::default(),
            )
            .expect("a playbook");
            let resolver =
                crate::config::Resolver::new(crate::config::Choice::Discover).expect("resolver");
            crate::config::apply(&resolver, std::slice::from_mut(&mut checked))
                .expect("configuration");
            crate::cli::fixing::fix_files(
                &[&checked],
                crate::cli::fixing::Request {
                    mode: Mode::Safe,
                    write: true,
                },
                crate::config::Choice::Discover,
                &crate::check::Options::default(),
            )
            .expect("fixed");
            let from_cli = std::fs::read_to_string(&path).expect("read");
            assert_eq!(from_editor, from_cli, "with cordial.toml {config:?}");
            // The renamed `tisp:` brings its "debtor" under the wording rules: a second round.
            assert_eq!(
                from_cli.contains("Let the customer speak"),
                config.is_empty()
            );
            assert!(from_cli.contains("tips:") && from_cli.contains("go: listen}"));
        }
    }

    #[test]
    fn a_fix_whose_result_does_not_parse_is_not_offered() {
        let mut d = doc(PLAYBOOK);
        // Make the step fix write an unclosed bracket, as a faulty rule might.
        let checked = d.checked.as_mut().expect("checked");
        let step = checked
            .findings
            .iter_mut()
            .find(|f| f.code == "ref/unknown-step")
            .expect("a step finding");
        step.fix.as_mut().expect("fix").edits[0].replacement = "[b".to_string();
        d.diagnostics = crate::report::diagnostics(std::slice::from_ref(checked));
        assert!(quick_fix(&d, finding(&d, "ref/unknown-step")).is_empty());
        assert_eq!(quick_fix(&d, finding(&d, "wording/prefer")).len(), 1);
        // Fix-all keeps the fixes that leave the text readable, as `--fix` does (the next
        // round checks the text afresh and gets the step's real fix).
        let all = applied(&d, &fix_all(&d).expect("fix-all"));
        assert!(
            !all.contains("[b") && all.contains("help the customer today"),
            "{all}"
        );
    }

    #[test]
    fn edits_between_two_texts_rebuild_the_second_from_the_first() {
        let cases = [
            ("a: stpe-2\nb: 1\n", "a: step-2\nb: 1\n"),
            (
                "x\r\ny: é 😀 debtor\r\nz\r\n",
                "x\r\ny: é 😀 customer\r\nz\r\n",
            ),
            ("one\ntwo\nthree\n", "one\nthree\nfour\n"),
            ("same\n", "same\n"),
            ("no newline", "no newline. Added."),
        ];
        for (before, after) in cases {
            let mut text = before.to_string();
            let mut edits = edits_between(before, after);
            edits.sort_by_key(|(r, _)| std::cmp::Reverse(r.start));
            for (range, with) in edits {
                text.replace_range(range, &with);
            }
            assert_eq!(text, after);
        }
        assert_eq!(
            edits_between("a: stpe-2\n", "a: step-2\n"),
            [(5..7, "ep".to_string())]
        );
    }
}
