//! Hover, go-to-definition, find-references, rename and completion over a document's
//! [`Symbols`] and findings.

use std::collections::HashMap;
use std::sync::LazyLock;

use lsp_types::{
    CompletionItem, CompletionItemKind, CompletionTextEdit, Location, Position, TextEdit,
    WorkspaceEdit,
};
use regex::Regex;
use serde_json::Value;

use super::document::Document;
use super::symbols::{Kind, Occurrence};
use crate::source::pointer;

/// Markdown for the finding and the name under `position`, if any.
pub fn hover(doc: &Document, position: Position) -> Option<(String, lsp_types::Range)> {
    let offset = doc.offset(position);
    let mut parts = Vec::new();
    let mut range = None;
    for d in doc
        .diagnostics
        .iter()
        .filter(|d| d.primary.place.span.start <= offset && offset <= d.primary.place.span.end)
    {
        let mut text = format!("**{}**: {}\n\n", d.code, d.message);
        if let Some(meta) = crate::rules::meta(d.code) {
            text.push_str(&crate::docs::rule_markdown(meta));
            text.push_str(&format!(
                "[Rule reference]({})",
                crate::docs::help_uri(d.code)
            ));
        }
        parts.push(text);
        range.get_or_insert_with(|| doc.range(&d.primary.place.span));
    }
    if let Some(o) = doc.symbols.at(offset)
        && let Some(text) = describe(doc, o.kind, &o.name)
    {
        parts.insert(0, text);
        range = Some(doc.range(&o.span));
    }
    (!parts.is_empty()).then(|| (parts.join("\n\n---\n\n"), range.unwrap_or_default()))
}

/// What a name refers to, in a few lines of Markdown; None when it is not defined.
pub fn describe(doc: &Document, kind: Kind, name: &str) -> Option<String> {
    let source = &doc.checked.as_ref()?.source;
    let node = source.value.pointer(&pointer([kind.section(), name]))?;
    let text = |key: &str| node.get(key).and_then(Value::as_str);
    let definition = doc.symbols.definition(kind, name)?;
    let line = doc.position(definition.span.start).line + 1;
    let mut out = format!("**{} `{name}`**", kind.what());
    match kind {
        Kind::Step => {
            if let Some(title) = text("title") {
                out.push_str(&format!(": {title}"));
            }
            out.push_str(&format!(" (line {line})"));
            if let Some(first) = node
                .get("say")
                .and_then(Value::as_array)
                .and_then(|s| s.first())
                .and_then(Value::as_str)
            {
                out.push_str(&format!("\n\n> {first}"));
            }
            if let Some(outcome) = text("outcome") {
                out.push_str(&format!("\n\noutcome: `{outcome}`"));
            } else {
                let targets: Vec<String> = doc
                    .symbols
                    .occurrences
                    .iter()
                    .filter(|o| o.kind == Kind::Step && !o.definition)
                    .filter(|o| within(doc, o, &pointer(["steps", name, "next"])))
                    .map(|o| format!("`{}`", o.name))
                    .collect();
                if !targets.is_empty() {
                    out.push_str(&format!("\n\nnext: {}", targets.join(", ")));
                }
            }
        }
        Kind::Offer => {
            if let Some(k) = text("kind") {
                out.push_str(&format!(" ({k})"));
            }
            if let Some(title) = text("title") {
                out.push_str(&format!(": {title}"));
            }
            out.push_str(&format!(" (line {line})"));
            let terms: Vec<String> = node
                .as_object()
                .into_iter()
                .flatten()
                .filter(|(k, _)| !matches!(k.as_str(), "kind" | "title" | "description"))
                .map(|(k, v)| format!("- `{k}`: {}", compact(v)))
                .collect();
            if !terms.is_empty() {
                out.push_str(&format!("\n\n{}", terms.join("\n")));
            }
            if let Some(description) = text("description") {
                out.push_str(&format!("\n\n{description}"));
            }
        }
        Kind::Template => {
            if let Some(channel) = text("channel") {
                out.push_str(&format!(" ({channel})"));
            }
            if let Some(title) = text("title").or(text("subject")) {
                out.push_str(&format!(": {title}"));
            }
            out.push_str(&format!(" (line {line})"));
            if let Some(body) = text("text") {
                out.push_str(&format!(
                    "\n\n> {}",
                    body.lines().next().unwrap_or_default()
                ));
            }
        }
        Kind::Variable => {
            if let Some(k) = text("type") {
                out.push_str(&format!(" ({k})"));
            }
            out.push_str(&format!(" (line {line})"));
            if let Some(example) = node.get("example") {
                out.push_str(&format!("\n\nexample: {}", compact(example)));
            }
            if let Some(description) = text("description") {
                out.push_str(&format!("\n\n{description}"));
            }
        }
    }
    Some(out)
}

/// A JSON value as a short line: strings without quotes.
fn compact(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// Whether an occurrence lies inside the node at `at`.
fn within(doc: &Document, o: &Occurrence, at: &str) -> bool {
    doc.checked
        .as_ref()
        .and_then(|f| f.source.spans.get(at))
        .is_some_and(|s| s.value.start <= o.span.start && o.span.end <= s.value.end)
}

/// Where the name under `position` is defined.
pub fn definition(doc: &Document, position: Position) -> Option<Location> {
    let o = doc.symbols.at(doc.offset(position))?;
    let found = doc.symbols.definition(o.kind, &o.name)?;
    Some(Location::new(doc.uri.clone(), doc.range(&found.span)))
}

/// Every place the name under `position` is written.
pub fn references(doc: &Document, position: Position, declaration: bool) -> Vec<Location> {
    let Some(o) = doc.symbols.at(doc.offset(position)) else {
        return Vec::new();
    };
    doc.symbols
        .all_of(o.kind, &o.name)
        .into_iter()
        .filter(|o| declaration || !o.definition)
        .map(|o| Location::new(doc.uri.clone(), doc.range(&o.span)))
        .collect()
}

/// The step id under `position`, for `textDocument/prepareRename`; Err says why not.
pub fn rename_target(doc: &Document, position: Position) -> Result<&Occurrence, String> {
    match doc.symbols.at(doc.offset(position)) {
        Some(o) if o.kind == Kind::Step => Ok(o),
        Some(o) => Err(format!(
            "only step ids can be renamed; `{}` is a {}",
            o.name,
            o.kind.what()
        )),
        None => Err("there is no step id here to rename".to_string()),
    }
}

/// Renames the step under `position`: its key and every reference, in one edit.
pub fn rename(doc: &Document, position: Position, new_name: &str) -> Result<WorkspaceEdit, String> {
    let target = rename_target(doc, position)?;
    let old = target.name.as_str();
    valid_step_id(new_name)?;
    if new_name != old && doc.symbols.definition(Kind::Step, new_name).is_some() {
        return Err(format!("a step `{new_name}` already exists"));
    }
    let all = doc.symbols.all_of(Kind::Step, old);
    if let Some(odd) = all.iter().find(|o| !o.exact) {
        return Err(format!(
            "`{old}` is written with escapes or line breaks at line {}; rename it there by hand first",
            doc.position(odd.span.start).line + 1
        ));
    }
    let edits = all
        .iter()
        .map(|o| TextEdit::new(doc.range(&o.span), new_name.to_string()))
        .collect();
    Ok(WorkspaceEdit {
        changes: Some(HashMap::from([(doc.uri.clone(), edits)])),
        ..WorkspaceEdit::default()
    })
}

/// A new step id must be usable unquoted as a YAML key and in a `[text](#id)` link: letters,
/// digits, `-` and `_`, not starting with `-`.
pub fn valid_step_id(name: &str) -> Result<(), String> {
    let mut chars = name.chars();
    let Some(first) = chars.next() else {
        return Err("a step id cannot be empty".to_string());
    };
    let allowed = |c: char| c.is_alphanumeric() || c == '-' || c == '_';
    if !(first.is_alphanumeric() || first == '_') || !chars.all(allowed) {
        return Err(format!(
            "`{name}` is not a valid step id: use letters, digits, `-` and `_`, starting with a letter, digit or `_`"
        ));
    }
    if matches!(
        name,
        "true" | "false" | "null" | "yes" | "no" | "on" | "off" | "y" | "n"
    ) {
        return Err(format!(
            "`{name}` reads as a YAML boolean or null; choose another id"
        ));
    }
    Ok(())
}

/// `go: x`, `next: x`, `start: x`, `step: x` (also inside flow mappings).
static STEP_KEY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"(?:^|[\s{,])(?:go|next|start|step):\s*["']?$"#).expect("key"));
static TEMPLATE_KEY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"(?:^|[\s{,])template:\s*["']?$"#).expect("key"));
/// Inside a step's flow list `offers: [a, |`.
static OFFER_LIST: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"^\s+offers:\s*\[[^\]]*[\[,]\s*["']?$"#).expect("list"));

/// The names that may be written at `position`.
pub fn completion(doc: &Document, position: Position) -> Vec<CompletionItem> {
    let offset = doc.offset(position);
    let text = doc.text.as_str();
    let word_start = text[..offset]
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphanumeric() || matches!(c, '-' | '_'))
        .last()
        .map_or(offset, |(i, _)| i);
    let line_start = text[..word_start].rfind(['\n', '\r']).map_or(0, |i| i + 1);
    let before = &text[line_start..word_start];
    let Some(kind) = expected_kind(text, line_start, before) else {
        return Vec::new();
    };
    let closes = kind == Kind::Variable && !text[offset..].starts_with('}');
    let range = doc.range(&(word_start..offset));
    let mut names: Vec<&str> = doc
        .symbols
        .defined(kind)
        .into_iter()
        .map(|o| o.name.as_str())
        .collect();
    if names.is_empty() {
        names = doc
            .earlier_names
            .iter()
            .filter(|(k, _)| *k == kind)
            .map(|(_, n)| n.as_str())
            .collect();
    }
    names
        .into_iter()
        .map(|name| CompletionItem {
            label: name.to_string(),
            kind: Some(match kind {
                Kind::Step => CompletionItemKind::FUNCTION,
                Kind::Offer => CompletionItemKind::VALUE,
                Kind::Template => CompletionItemKind::FILE,
                Kind::Variable => CompletionItemKind::VARIABLE,
            }),
            detail: Some(kind.what().to_string()),
            documentation: describe(doc, kind, name).map(|md| {
                lsp_types::Documentation::MarkupContent(lsp_types::MarkupContent {
                    kind: lsp_types::MarkupKind::Markdown,
                    value: md,
                })
            }),
            text_edit: Some(CompletionTextEdit::Edit(TextEdit::new(
                range,
                if closes {
                    format!("{name}}}")
                } else {
                    name.to_string()
                },
            ))),
            ..CompletionItem::default()
        })
        .collect()
}

/// What kind of name the text before the word being typed asks for.
fn expected_kind(text: &str, line_start: usize, before: &str) -> Option<Kind> {
    if before.ends_with('{') && !before.ends_with("{{") {
        return Some(Kind::Variable);
    }
    if before.ends_with("](#") {
        return Some(Kind::Step);
    }
    if STEP_KEY.is_match(before) {
        return Some(Kind::Step);
    }
    if TEMPLATE_KEY.is_match(before) {
        return Some(Kind::Template);
    }
    if OFFER_LIST.is_match(before) {
        return Some(Kind::Offer);
    }
    // A block list item: `- |` under a step's `offers:`.
    let dash = before.trim_end().strip_suffix('-')?;
    if !dash.trim().is_empty() {
        return None;
    }
    let indent = dash.len();
    let parent = text[..line_start]
        .lines()
        .rev()
        .filter(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
        .find(|l| {
            let own = l.len() - l.trim_start().len();
            own < indent || (own == indent && !l.trim_start().starts_with('-'))
        })?;
    let nested = parent.starts_with(char::is_whitespace);
    (nested && parent.trim() == "offers:").then_some(Kind::Offer)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hovers_say_what_offers_templates_and_variables_are() {
        let text = "cordial: 1\nid: t\ntitle: T\nlocale: en\nstart: a\n\
variables:\n  who: {type: text, example: Jo, description: The customer's first name}\n\
steps:\n  a:\n    say: [\"Hi {who}\"]\n    offers: [plan]\n    outcome: paid\n\
offers:\n  plan: {kind: discount, title: Early payment, max_discount_pct: 20}\n\
templates:\n  nudge: {channel: sms, text: \"Hi {who}, a reminder.\"}\n\
cadence:\n  - {day: 1, template: nudge}\n";
        let doc = Document::new("untitled:t.yaml".parse().expect("uri"), text.to_string());
        let hover_at = |needle: &str, shift: usize| {
            let at = text.find(needle).expect("needle") + shift;
            hover(&doc, doc.position(at)).expect("a hover").0
        };
        let offer = hover_at("[plan]", 1);
        assert!(
            offer.starts_with("**offer `plan`** (discount): Early payment"),
            "{offer}"
        );
        assert!(offer.contains("- `max_discount_pct`: 20"), "{offer}");
        let template = hover_at("template: nudge", 10);
        assert!(
            template.starts_with("**template `nudge`** (sms)"),
            "{template}"
        );
        assert!(template.contains("> Hi {who}, a reminder."), "{template}");
        let variable = hover_at("{who}\"]", 1);
        assert!(
            variable.starts_with("**variable `who`** (text)"),
            "{variable}"
        );
        assert!(variable.contains("example: Jo"), "{variable}");
        assert!(variable.contains("The customer's first name"), "{variable}");
    }

    #[test]
    fn names_stay_offered_while_the_document_cannot_be_read() {
        let uri: lsp_types::Uri = "untitled:t.yaml".parse().expect("uri");
        let good = "cordial: 1\nid: t\ntitle: T\nlocale: en\nstart: a\nsteps:\n  a: {outcome: paid}\n  b:\n    next: \n";
        let previous = Document::new(uri.clone(), good.to_string());
        let broken = format!("{good}    say: [\"unclosed\n");
        let mut doc = Document::new(uri, broken);
        assert!(
            doc.symbols.defined(Kind::Step).is_empty(),
            "the text cannot be read"
        );
        doc.remember_names(&previous);
        let at = doc.position(good.len() - 1);
        let labels: Vec<String> = completion(&doc, at).into_iter().map(|i| i.label).collect();
        assert_eq!(labels, ["a", "b"]);
    }

    #[test]
    fn step_ids_must_be_plain_yaml_keys() {
        assert!(valid_step_id("ask-again_2").is_ok());
        assert!(valid_step_id("negociação").is_ok());
        for bad in ["", "-x", "a b", "a:b", "#x", "a{b}", "no", "x\"y"] {
            assert!(valid_step_id(bad).is_err(), "{bad:?} was accepted");
        }
    }

    #[test]
    fn the_text_before_the_cursor_says_what_is_expected() {
        let kind = |before: &str| expected_kind(before, 0, before);
        assert_eq!(kind("      - {when: ok, go: "), Some(Kind::Step));
        assert_eq!(kind("    next: "), Some(Kind::Step));
        assert_eq!(kind("  - {day: 1, template: "), Some(Kind::Template));
        assert_eq!(kind("    offers: [plan, "), Some(Kind::Offer));
        assert_eq!(kind("      - \"Hello {"), Some(Kind::Variable));
        assert_eq!(kind("      - \"See [the terms](#"), Some(Kind::Step));
        assert_eq!(kind("    title: "), None);
        assert_eq!(kind("      - \"{{"), None);
        let text = "steps:\n  a:\n    offers:\n      - ";
        let line = text.rfind('\n').expect("line") + 1;
        assert_eq!(expected_kind(text, line, &text[line..]), Some(Kind::Offer));
        let top = "offers:\n  - ";
        let line = top.rfind('\n').expect("line") + 1;
        assert_eq!(expected_kind(top, line, &top[line..]), None);
    }
}
