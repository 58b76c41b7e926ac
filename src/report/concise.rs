//! `--format concise`: one `file:line:col: severity[code] message` line per finding, for grep,
//! editors' quickfix lists and people who want the list without snippets.

use super::Diagnostic;

pub fn render(diagnostics: &[Diagnostic]) -> String {
    let mut out = String::new();
    for d in diagnostics {
        let p = &d.primary.place;
        // One line per finding, whatever the message holds.
        let message = d.message.replace(['\n', '\r'], " ");
        out.push_str(&format!(
            "{}:{}:{}: {}[{}] {}\n",
            p.file,
            p.start.line,
            p.start.column,
            d.severity.as_str(),
            d.code,
            message
        ));
    }
    out
}
