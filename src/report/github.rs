//! `--format github`: workflow commands that GitHub Actions shows as annotations on the diff.
//! The title is the code; the message carries the counter-example path, the help and the law,
//! because an annotation is all a reviewer sees.

use super::Diagnostic;
use super::links::full_message;
use crate::diagnostic::Severity;

fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// One annotation line per finding, with its start and end positions.
pub fn render(diagnostics: &[Diagnostic]) -> String {
    let mut out = String::new();
    for d in diagnostics {
        let command = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        let p = &d.primary.place;
        out.push_str(&format!(
            "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}\n",
            escape_property(&p.file),
            p.start.line,
            p.start.column,
            p.end.line,
            p.end.column,
            escape_property(d.code),
            escape_data(&full_message(d))
        ));
    }
    out
}
