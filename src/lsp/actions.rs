//! Code actions for the findings in a range. Each provider turns one finding into the actions
//! it offers; the list below is the one place to add another (the `--fix` suggestions, as soon
//! as findings carry them, become one more provider).

use std::collections::HashMap;

use lsp_types::{CodeAction, CodeActionKind, TextEdit, WorkspaceEdit};

use super::document::{Document, check_text};
use crate::report::Diagnostic;
use crate::rules::suppression::{REASON_PLACEHOLDER, may_be_silenced};

/// Turns one finding of a document into the actions it offers.
type Provider = fn(&Document, &Diagnostic) -> Vec<CodeAction>;

const PROVIDERS: &[Provider] = &[allow_comment];

/// The actions for every finding whose primary range meets `range`.
pub fn code_actions(doc: &Document, range: lsp_types::Range) -> Vec<CodeAction> {
    let (start, end) = (doc.offset(range.start), doc.offset(range.end));
    doc.diagnostics
        .iter()
        .filter(|d| d.primary.place.span.start <= end && start <= d.primary.place.span.end)
        .flat_map(|d| PROVIDERS.iter().flat_map(move |p| p(doc, d)))
        .collect()
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
}
