//! `--format json`: the stable, versioned contract for CI and other tools.

use serde::Serialize;

use super::{Diagnostic, Place, Summary};

#[derive(Serialize)]
struct Report<'a> {
    version: u32,
    tool: Tool,
    summary: JsonSummary,
    diagnostics: Vec<JsonDiagnostic<'a>>,
}

#[derive(Serialize)]
struct Tool {
    name: &'static str,
    version: &'static str,
}

#[derive(Serialize)]
struct JsonSummary {
    files: usize,
    errors: usize,
    warnings: usize,
    infos: usize,
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    code: &'a str,
    severity: &'a str,
    message: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    help: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<&'a str>,
    /// What the wording engine read in the text.
    #[serde(skip_serializing_if = "Option::is_none")]
    reading: Option<&'a str>,
    file: &'a str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pointer: Option<&'a str>,
    related: Vec<JsonRelated<'a>>,
    /// What `--fix` (or `--unsafe-fixes`) would change.
    #[serde(skip_serializing_if = "Option::is_none")]
    fix: Option<JsonFix<'a>>,
}

#[derive(Serialize)]
struct JsonFix<'a> {
    applicability: &'a str,
    message: &'a str,
    edits: Vec<JsonEdit<'a>>,
}

/// Replace the text from (line, column) to (end_line, end_column) with `content`.
#[derive(Serialize)]
struct JsonEdit<'a> {
    content: &'a str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
}

#[derive(Serialize)]
struct JsonRelated<'a> {
    message: String,
    file: &'a str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
}

fn related<'a>(place: &'a Place, message: String) -> JsonRelated<'a> {
    JsonRelated {
        message,
        file: &place.file,
        line: place.start.line,
        column: place.start.column,
        end_line: place.end.line,
        end_column: place.end.column,
    }
}

/// The JSON report; path steps become related locations.
pub fn render(diagnostics: &[Diagnostic], summary: &Summary) -> String {
    let report = Report {
        version: 1,
        tool: Tool {
            name: "cordial",
            version: env!("CARGO_PKG_VERSION"),
        },
        summary: JsonSummary {
            files: summary.files,
            errors: summary.errors,
            warnings: summary.warnings,
            infos: summary.infos,
        },
        diagnostics: diagnostics
            .iter()
            .map(|d| {
                let p = &d.primary.place;
                let mut rel: Vec<JsonRelated> = d
                    .related
                    .iter()
                    .map(|r| related(&r.place, r.message.clone().unwrap_or_default()))
                    .collect();
                let n = d.path.len();
                rel.extend(d.path.iter().enumerate().map(|(i, (name, place))| {
                    related(place, format!("path step {} of {n}: `{name}`", i + 1))
                }));
                JsonDiagnostic {
                    code: d.code,
                    severity: d.severity.as_str(),
                    message: &d.message,
                    help: d.help.as_deref(),
                    note: d.note.as_deref(),
                    reading: d.reading.as_deref(),
                    file: &p.file,
                    line: p.start.line,
                    column: p.start.column,
                    end_line: p.end.line,
                    end_column: p.end.column,
                    pointer: p.pointer.as_deref(),
                    related: rel,
                    fix: d.fix.as_ref().map(|f| JsonFix {
                        applicability: f.applicability.as_str(),
                        message: &f.description,
                        edits: f
                            .edits
                            .iter()
                            .map(|(place, content)| JsonEdit {
                                content,
                                line: place.start.line,
                                column: place.start.column,
                                end_line: place.end.line,
                                end_column: place.end.column,
                            })
                            .collect(),
                    }),
                }
            })
            .collect(),
    };
    let mut out = serde_json::to_string_pretty(&report).unwrap_or_default();
    out.push('\n');
    out
}
