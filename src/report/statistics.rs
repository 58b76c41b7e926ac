//! `--statistics`: how many findings of each code, most frequent first.

use std::collections::BTreeMap;

use serde_json::json;

use super::Diagnostic;
use crate::diagnostic::Severity;

/// (code, severity, count), most frequent first, then by code.
pub fn counts(diagnostics: &[Diagnostic]) -> Vec<(&'static str, Severity, usize)> {
    let mut by_code: BTreeMap<(&'static str, Severity), usize> = BTreeMap::new();
    for d in diagnostics {
        *by_code.entry((d.code, d.severity)).or_insert(0) += 1;
    }
    let mut rows: Vec<_> = by_code.into_iter().map(|((c, s), n)| (c, s, n)).collect();
    rows.sort_by(|a, b| b.2.cmp(&a.2).then(a.0.cmp(b.0)).then(a.1.cmp(&b.1)));
    rows
}

/// A table: count, code, severity, the rule's summary.
pub fn render_text(diagnostics: &[Diagnostic]) -> String {
    let rows = counts(diagnostics);
    let count_width = rows
        .iter()
        .map(|r| r.2.to_string().len())
        .max()
        .unwrap_or(1);
    let code_width = rows.iter().map(|r| r.0.len()).max().unwrap_or(0);
    let mut out = String::new();
    for (code, severity, n) in rows {
        let summary = crate::rules::meta(code).map_or("", |m| m.summary);
        out.push_str(&format!(
            "{n:>count_width$}  {code:code_width$}  {:7}  {summary}\n",
            severity.as_str()
        ));
    }
    out
}

/// The same rows as JSON, for `--statistics --format json`.
pub fn render_json(diagnostics: &[Diagnostic]) -> String {
    let rows: Vec<_> = counts(diagnostics)
        .into_iter()
        .map(|(code, severity, n)| json!({"code": code, "severity": severity.as_str(), "count": n}))
        .collect();
    let mut out = serde_json::to_string_pretty(&rows).unwrap_or_default();
    out.push('\n');
    out
}
