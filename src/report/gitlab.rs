//! `--format gitlab`: a GitLab Code Quality report (a JSON array of issues), shown on merge
//! requests. Severity: error → major, warning → minor, info → info.

use serde_json::{Value, json};

use super::Diagnostic;
use super::links::{fingerprints, full_message};
use crate::diagnostic::Severity;

pub fn render(diagnostics: &[Diagnostic]) -> String {
    let issues: Vec<Value> = diagnostics
        .iter()
        .zip(fingerprints(diagnostics))
        .map(|(d, fingerprint)| {
            let p = &d.primary.place;
            json!({
                "type": "issue",
                "check_name": d.code,
                "description": d.message,
                "content": {"body": full_message(d)},
                "categories": [category(d.code)],
                "severity": match d.severity {
                    Severity::Error => "major",
                    Severity::Warning => "minor",
                    Severity::Info => "info",
                },
                "fingerprint": fingerprint,
                "location": {
                    "path": p.file.replace('\\', "/"),
                    "positions": {
                        "begin": {"line": p.start.line, "column": p.start.column},
                        "end": {"line": p.end.line, "column": p.end.column},
                    },
                },
            })
        })
        .collect();
    let mut out = serde_json::to_string_pretty(&issues).unwrap_or_default();
    out.push('\n');
    out
}

/// Code Climate's categories, the closest one per family.
fn category(code: &str) -> &'static str {
    match code.split('/').next().unwrap_or_default() {
        "wording" | "disclosure" | "cadence" | "terms" => "Compatibility",
        "graph" => "Bug Risk",
        "template" => "Style",
        _ => "Clarity",
    }
}
