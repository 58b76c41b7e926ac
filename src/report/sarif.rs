//! `--format sarif`: SARIF 2.1.0 for code-scanning dashboards. Only the fields cordial fills.

use serde_json::{Value, json};

use super::Diagnostic;
use crate::diagnostic::Severity;
use crate::rules;

/// The SARIF log of a run: every rule of the catalogue as a reporting descriptor, every finding as a result.
pub fn render(diagnostics: &[Diagnostic]) -> String {
    let catalogue = rules::all();
    let rules: Vec<Value> = catalogue
        .iter()
        .map(|m| {
            json!({
                "id": m.code,
                "name": m.code.replace(['/', '-'], "_"),
                "shortDescription": {"text": m.summary},
                "fullDescription": {"text": m.rationale},
                "defaultConfiguration": {"level": level(m.severity)},
            })
        })
        .collect();
    let results: Vec<Value> = diagnostics
        .iter()
        .map(|d| {
            let p = &d.primary.place;
            let mut text = d.message.clone();
            if let Some(help) = &d.help {
                text.push_str(&format!("\nhelp: {help}"));
            }
            let mut primary =
                location(&p.file, p.start.line, p.start.column, p.end.line, p.end.column);
            if let Some(reading) = &d.reading {
                primary["message"] = json!({"text": reading});
            }
            json!({
                "ruleId": d.code,
                "ruleIndex": catalogue.iter().position(|m| m.code == d.code),
                "level": level(d.severity),
                "message": {"text": text},
                "locations": [primary],
                "relatedLocations": d.related.iter().enumerate().map(|(i, r)| {
                    let mut l = location(&r.place.file, r.place.start.line, r.place.start.column, r.place.end.line, r.place.end.column);
                    l["id"] = json!(i);
                    l["message"] = json!({"text": r.message.clone().unwrap_or_default()});
                    l
                }).collect::<Vec<_>>(),
            })
        })
        .collect();
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "cordial", "version": env!("CARGO_PKG_VERSION"), "rules": rules}},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    });
    let mut out = serde_json::to_string_pretty(&log).unwrap_or_default();
    out.push('\n');
    out
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

fn location(file: &str, line: usize, column: usize, end_line: usize, end_column: usize) -> Value {
    json!({
        "physicalLocation": {
            "artifactLocation": {"uri": file.replace('\\', "/"), "uriBaseId": "%SRCROOT%"},
            "region": {"startLine": line, "startColumn": column, "endLine": end_line, "endColumn": end_column},
        }
    })
}
