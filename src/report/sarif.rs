//! `--format sarif`: SARIF 2.1.0 for code-scanning dashboards (GitHub code scanning, Azure
//! DevOps, IDE viewers). Every rule of the catalogue is a reporting descriptor with its help;
//! every finding a result with a line-free fingerprint and, for path properties, a code flow.

use serde_json::{Value, json};

use super::links::{citation_text, fingerprints};
use super::{Diagnostic, Place};
use crate::diagnostic::Severity;
use crate::rules;

/// The key of cordial's entry in `partialFingerprints`; versioned so the recipe can change.
pub const FINGERPRINT_KEY: &str = "cordialFinding/v1";

/// The SARIF log of a run.
pub fn render(diagnostics: &[Diagnostic]) -> String {
    let catalogue = rules::all();
    let rules: Vec<Value> = catalogue.iter().map(|m| descriptor(m)).collect();
    let results: Vec<Value> = diagnostics
        .iter()
        .zip(fingerprints(diagnostics))
        .map(|(d, fingerprint)| {
            let mut primary = location(&d.primary.place, None);
            // What the wording engine read (who acts, what act, towards whom) is the message of
            // the main location, so code-scanning views show it on the line.
            if let Some(reading) = &d.reading {
                primary["message"] = json!({"text": reading});
            }
            let mut result = json!({
                "ruleId": d.code,
                "level": level(d.severity),
                "message": {"text": message(d)},
                "locations": [primary],
                "partialFingerprints": {FINGERPRINT_KEY: fingerprint},
            });
            if let Some(index) = catalogue.iter().position(|m| m.code == d.code) {
                result["ruleIndex"] = json!(index);
            }
            if !d.related.is_empty() {
                result["relatedLocations"] = d
                    .related
                    .iter()
                    .enumerate()
                    .map(|(i, r)| {
                        let mut l = location(&r.place, r.message.as_deref());
                        l["id"] = json!(i);
                        l
                    })
                    .collect();
            }
            if let Some(fix) = &d.fix {
                result["fixes"] = json!([sarif_fix(fix)]);
            }
            if !d.path.is_empty() {
                let n = d.path.len();
                let steps: Vec<Value> = d
                    .path
                    .iter()
                    .enumerate()
                    .map(|(i, (name, place))| {
                        json!({
                            "location": location(place, Some(&format!("path step {} of {n}: `{name}`", i + 1))),
                            "nestingLevel": 0,
                            "executionOrder": i + 1,
                        })
                    })
                    .collect();
                result["codeFlows"] = json!([{
                    "message": {"text": "a path from `start` that breaks the property"},
                    "threadFlows": [{"locations": steps}],
                }]);
            }
            result
        })
        .collect();
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "cordial",
                "version": env!("CARGO_PKG_VERSION"),
                "informationUri": "https://cordial.dev",
                "rules": rules,
            }},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    });
    let mut out = serde_json::to_string_pretty(&log).unwrap_or_default();
    out.push('\n');
    out
}

fn descriptor(m: &rules::RuleMeta) -> Value {
    let mut help = format!("{}\n\n{}", m.summary, m.rationale);
    if !m.citations.is_empty() {
        help.push_str("\n\nThe law:");
        for c in m.citations {
            help.push_str(&format!("\n- {}: {}", c.pack, c.text));
        }
    }
    let family = m.code.split('/').next().unwrap_or(m.code);
    let mut tags: Vec<&str> = vec![family];
    tags.extend(m.packs.iter().copied());
    json!({
        "id": m.code,
        "name": pascal_case(m.code),
        "shortDescription": {"text": m.summary},
        "fullDescription": {"text": m.rationale},
        "help": {"text": help.clone(), "markdown": help},
        "helpUri": crate::docs::help_uri(m.code),
        "defaultConfiguration": {"level": level(m.severity)},
        "properties": {"tags": tags, "suppressible": m.suppressible},
    })
}

/// `graph/dead-end` → `GraphDeadEnd`, the identifier-like name SARIF viewers show.
fn pascal_case(code: &str) -> String {
    code.split(['/', '-', '_'])
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_uppercase().chain(c).collect::<String>())
                .unwrap_or_default()
        })
        .collect()
}

fn message(d: &Diagnostic) -> String {
    let mut text = d.message.clone();
    if let Some(help) = &d.help {
        text.push_str(&format!("\nhelp: {help}"));
    }
    if let Some(citation) = citation_text(d) {
        text.push_str(&format!("\nnote: {citation}"));
    }
    text
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A SARIF `fix`: one artifact change per file (a fix never spans two), each edit a
/// replacement of its region (an empty region inserts). The applicability, which SARIF has no
/// field for, goes in the property bag.
fn sarif_fix(fix: &super::PlacedFix) -> Value {
    let replacements: Vec<Value> = fix
        .edits
        .iter()
        .map(|(place, text)| {
            json!({
                "deletedRegion": {
                    "startLine": place.start.line,
                    "startColumn": place.start.column,
                    "endLine": place.end.line,
                    "endColumn": place.end.column,
                },
                "insertedContent": {"text": text},
            })
        })
        .collect();
    let artifact = fix
        .edits
        .first()
        .map(|(place, _)| location(place, None)["physicalLocation"]["artifactLocation"].clone())
        .unwrap_or(Value::Null);
    json!({
        "description": {"text": fix.description},
        "artifactChanges": [{"artifactLocation": artifact, "replacements": replacements}],
        "properties": {"applicability": fix.applicability.as_str()},
    })
}

fn location(place: &Place, message: Option<&str>) -> Value {
    let mut artifact = json!({"uri": uri(&place.file)});
    if !is_absolute(&place.file) {
        artifact["uriBaseId"] = json!("%SRCROOT%");
    }
    let mut l = json!({
        "physicalLocation": {
            "artifactLocation": artifact,
            "region": {
                "startLine": place.start.line,
                "startColumn": place.start.column,
                "endLine": place.end.line,
                "endColumn": place.end.column,
            },
        }
    });
    if let Some(pointer) = &place.pointer {
        l["logicalLocations"] = json!([{"fullyQualifiedName": pointer, "kind": "member"}]);
    }
    if let Some(message) = message {
        l["message"] = json!({"text": message});
    }
    l
}

fn is_absolute(file: &str) -> bool {
    let b = file.as_bytes();
    file.starts_with('/')
        || file.starts_with('\\')
        || (b.len() > 2
            && b[0].is_ascii_alphabetic()
            && b[1] == b':'
            && matches!(b[2], b'/' | b'\\'))
}

/// The path as a URI reference: `/` separators, and every byte outside RFC 3986's unreserved
/// set percent-encoded, so that accented names, spaces, `%`, `#` and `:` stay one valid path.
/// Absolute paths become `file:` URIs; relative ones stay relative to `%SRCROOT%`.
pub fn uri(file: &str) -> String {
    let path = file.replace('\\', "/");
    let mut out = String::new();
    let mut rest = path.as_str();
    if is_absolute(file) {
        out.push_str("file://");
        if !path.starts_with('/') {
            // A drive letter keeps its colon: `file:///C:/…`.
            out.push('/');
            out.push_str(&path[..2]);
            rest = &path[2..];
        }
    }
    for b in rest.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_encode_what_a_relative_reference_cannot_hold() {
        assert_eq!(uri("playbooks/a b.yaml"), "playbooks/a%20b.yaml");
        assert_eq!(uri("cobrança/100%:x.yaml"), "cobran%C3%A7a/100%25%3Ax.yaml");
        assert_eq!(uri("/tmp/x.yaml"), "file:///tmp/x.yaml");
        assert_eq!(uri("C:\\p\\x.yaml"), "file:///C:/p/x.yaml");
    }

    #[test]
    fn rule_names_are_identifiers() {
        assert_eq!(pascal_case("graph/dead-end"), "GraphDeadEnd");
    }
}
