//! `--format rdjson`: reviewdog's Diagnostic Format (a `DiagnosticResult`), for
//! `reviewdog -f=rdjson`. Its columns count UTF-8 bytes, as reviewdog specifies.

use serde_json::{Value, json};

use super::links::full_message;
use super::{Diagnostic, Place};
use crate::diagnostic::Severity;

pub fn render(diagnostics: &[Diagnostic]) -> String {
    let items: Vec<Value> = diagnostics
        .iter()
        .map(|d| {
            let mut item = json!({
                "message": full_message(d),
                "location": location(&d.primary.place),
                "severity": match d.severity {
                    Severity::Error => "ERROR",
                    Severity::Warning => "WARNING",
                    Severity::Info => "INFO",
                },
                "source": {"name": "cordial"},
                "code": {"value": d.code, "url": crate::docs::help_uri(d.code)},
            });
            if !d.related.is_empty() {
                item["related_locations"] = d
                    .related
                    .iter()
                    .map(|r| {
                        json!({
                            "message": r.message.clone().unwrap_or_default(),
                            "location": location(&r.place),
                        })
                    })
                    .collect();
            }
            // reviewdog offers safe fixes as suggested changes in the pull request; unsafe ones
            // (added sentences) are left to `--unsafe-fixes`, run by a person.
            if let Some(fix) = d
                .fix
                .as_ref()
                .filter(|f| f.applicability == crate::diagnostic::Applicability::Safe)
            {
                item["suggestions"] = fix
                    .edits
                    .iter()
                    .map(|(place, text)| {
                        json!({"range": location(place)["range"].clone(), "text": text})
                    })
                    .collect();
            }
            item
        })
        .collect();
    let result = json!({
        "source": {"name": "cordial", "url": "https://cordial.dev"},
        "diagnostics": items,
    });
    let mut out = serde_json::to_string_pretty(&result).unwrap_or_default();
    out.push('\n');
    out
}

fn location(place: &Place) -> Value {
    json!({
        "path": place.file.replace('\\', "/"),
        "range": {
            "start": {"line": place.start.line, "column": place.start_byte_column},
            "end": {"line": place.end.line, "column": place.end_byte_column},
        },
    })
}
