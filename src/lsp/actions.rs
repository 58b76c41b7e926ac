//! Code actions for the findings in a range. Each provider turns one finding into the actions
//! it offers; the list below is the one place to add another. The document-wide fix-all
//! action (`source.fixAll.cordial`) comes with them, whatever the range.

use std::collections::HashMap;

use lsp_types::{CodeAction, CodeActionKind, TextEdit, WorkspaceEdit};

use super::document::{Document, check_text};
use super::fix_actions;
use crate::report::Diagnostic;
use crate::rules::suppression::{REASON_PLACEHOLDER, may_be_silenced};

/// Turns one finding of a document into the actions it offers.
type Provider = fn(&Document, &Diagnostic) -> Vec<CodeAction>;

/// In the order an editor lists them: the fix (preferred when safe) before the exception.
const PROVIDERS: &[Provider] = &[fix_actions::quick_fix, allow_comment];

/// The kinds the server may answer with, for its capabilities.
pub fn kinds() -> Vec<CodeActionKind> {
    vec![CodeActionKind::QUICKFIX, fix_actions::FIX_ALL]
}

/// The actions for every finding whose primary range meets `range`, and the fix-all action,
/// keeping only the kinds in `only` when the client gives them (`source.fixAll` asks for
/// `source.fixAll.cordial`, as LSP kinds are hierarchical).
pub fn code_actions(
    doc: &Document,
    range: lsp_types::Range,
    only: Option<&[CodeActionKind]>,
) -> Vec<CodeAction> {
    let wanted = |kind: &CodeActionKind| {
        only.is_none_or(|only| {
            only.iter().any(|o| {
                kind.as_str() == o.as_str()
                    || kind
                        .as_str()
                        .strip_prefix(o.as_str())
                        .is_some_and(|rest| rest.starts_with('.'))
            })
        })
    };
    let (start, end) = (doc.offset(range.start), doc.offset(range.end));
    let mut actions: Vec<CodeAction> = Vec::new();
    if wanted(&CodeActionKind::QUICKFIX) {
        actions.extend(
            doc.diagnostics
                .iter()
                .filter(|d| d.primary.place.span.start <= end && start <= d.primary.place.span.end)
                .flat_map(|d| PROVIDERS.iter().flat_map(move |p| p(doc, d))),
        );
    }
    if wanted(&fix_actions::FIX_ALL) {
        actions.extend(fix_actions::fix_all(doc));
    }
    actions
}

/// `# cordial: allow CODE -- <reason>` for a finding that may be silenced: on its own line
/// above the finding (same indentation), or at the end of the finding's line when a line
/// cannot go above it (inside a flow mapping the line above may belong to). Each placement is
/// tried on the text first, and offered only when it silences the finding and breaks nothing.
/// The reason is a placeholder that counts as no reason until it is replaced.
fn allow_comment(doc: &Document, d: &Diagnostic) -> Vec<CodeAction> {
    if !may_be_silenced(d.code) {
        return Vec::new();
    }
    let line = d.primary.place.start.line;
    let line_range = doc.lines.line_range(&doc.text, line);
    let line_text = &doc.text[line_range.clone()];
    let indent = &line_text[..line_text.len() - line_text.trim_start().len()];
    let comment = |reason: &str| format!("# cordial: allow {} -- {reason}", d.code);
    let break_ = if doc.text.contains("\r\n") {
        "\r\n"
    } else {
        "\n"
    };
    let placements = [
        (
            line_range.start..line_range.start,
            format!("{indent}{}{break_}", comment(REASON_PLACEHOLDER)),
            format!("{indent}{}{break_}", comment("trial reason")),
        ),
        (
            line_range.end..line_range.end,
            format!("  {}", comment(REASON_PLACEHOLDER)),
            format!("  {}", comment("trial reason")),
        ),
    ];
    let Some((at, text, _)) = placements
        .into_iter()
        .find(|(at, _, trial)| silences(doc, d, at.clone(), trial))
    else {
        return Vec::new();
    };
    let lsp = doc.lsp_diagnostic(d);
    vec![CodeAction {
        title: format!("Allow `{}` here (write the reason)", d.code),
        kind: Some(CodeActionKind::QUICKFIX),
        diagnostics: Some(vec![lsp]),
        edit: Some(WorkspaceEdit {
            changes: Some(HashMap::from([(
                doc.uri.clone(),
                vec![TextEdit::new(doc.range(&at), text)],
            )])),
            ..WorkspaceEdit::default()
        }),
        ..CodeAction::default()
    }]
}

/// Whether inserting `insert` at `at` removes the finding (fewer findings of its code on its
/// node) without adding a YAML error.
fn silences(doc: &Document, d: &Diagnostic, at: std::ops::Range<usize>, insert: &str) -> bool {
    let mut text = doc.text.clone();
    text.replace_range(at, insert);
    let (Some(before), (Some(after), _)) = (
        doc.checked.as_ref(),
        check_text(&doc.path, &text, super::uri::is_file(&doc.uri)),
    ) else {
        return false;
    };
    let pointer = d.primary.place.pointer.as_deref();
    let count = |findings: &[crate::diagnostic::Finding]| {
        findings
            .iter()
            .filter(|f| f.code == d.code && f.primary.location.pointer() == pointer)
            .count()
    };
    let syntax = |findings: &[crate::diagnostic::Finding]| {
        findings.iter().filter(|f| f.code == "yaml/syntax").count()
    };
    count(&after.findings) < count(&before.findings)
        && syntax(&after.findings) <= syntax(&before.findings)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(text: &str) -> Document {
        Document::new("untitled:t.yaml".parse().expect("uri"), text.to_string())
    }

    const PLAYBOOK: &str = "cordial: 1\nid: t\ntitle: T\nlocale: en\nstart: a\nsteps:\n  a:\n    say:\n      - \"This offer expires when we hang up.\"\n    outcome: paid\n";

    #[test]
    fn a_finding_that_may_be_silenced_gets_an_allow_comment_above_it() {
        let d = doc(PLAYBOOK);
        let finding = d
            .diagnostics
            .iter()
            .find(|f| f.code == "wording/pressure")
            .expect("a pressure finding");
        let actions = allow_comment(&d, finding);
        assert_eq!(actions.len(), 1);
        let edit = &actions[0]
            .edit
            .as_ref()
            .expect("edit")
            .changes
            .as_ref()
            .expect("changes")[&d.uri][0];
        assert_eq!(
            edit.new_text,
            format!("      # cordial: allow wording/pressure -- {REASON_PLACEHOLDER}\n")
        );
        assert_eq!(edit.range.start, lsp_types::Position::new(8, 0));
    }

    #[test]
    fn rules_that_cannot_be_silenced_get_no_allow_comment() {
        let text = PLAYBOOK.replace(
            "This offer expires when we hang up.",
            "Pay now or you will go to jail.",
        );
        let d = doc(&text);
        let threat = d
            .diagnostics
            .iter()
            .find(|f| f.code == "wording/threat")
            .expect("a threat finding");
        assert!(allow_comment(&d, threat).is_empty());
    }

    #[test]
    fn only_the_kinds_the_client_asks_for_are_answered() {
        let text = PLAYBOOK.replace("start: a", "start: aa");
        let d = doc(&text);
        let everything = lsp_types::Range::new(
            lsp_types::Position::new(0, 0),
            lsp_types::Position::new(99, 0),
        );
        let kinds = |only: Option<&[CodeActionKind]>| -> Vec<String> {
            code_actions(&d, everything, only)
                .into_iter()
                .filter_map(|a| Some(a.kind?.as_str().to_string()))
                .collect()
        };
        let all = kinds(None);
        assert!(all.contains(&"quickfix".to_string()));
        assert_eq!(
            all.last().map(String::as_str),
            Some("source.fixAll.cordial")
        );
        assert_eq!(
            kinds(Some(&[CodeActionKind::SOURCE_FIX_ALL])),
            ["source.fixAll.cordial"]
        );
        assert_eq!(
            kinds(Some(&[CodeActionKind::SOURCE])),
            ["source.fixAll.cordial"]
        );
        assert!(
            kinds(Some(&[CodeActionKind::QUICKFIX]))
                .iter()
                .all(|k| k == "quickfix")
        );
        // `source.fix` is not a parent of `source.fixAll`: kinds split at dots.
        assert!(kinds(Some(&[CodeActionKind::new("source.fix")])).is_empty());
        // On a finding with a fix, the fix comes first, then the exception.
        let titles: Vec<String> = code_actions(&d, everything, None)
            .into_iter()
            .map(|a| a.title)
            .collect();
        let fix = titles.iter().position(|t| t == "Replace `aa` with `a`");
        assert!(fix.is_some(), "{titles:?}");
    }
}
