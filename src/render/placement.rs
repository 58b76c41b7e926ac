//! Where a finding sits in the playbook: the JSON pointer of the deepest node written at its
//! line and column, so a guide can mark the very say line or tip a finding is about.

use serde_json::Value;

use super::FindingSummary;
use crate::load::{Limits, parse};
use crate::source::{SourceFile, escape_pointer};

/// The pointer of each finding's node, in order (None when the position is outside every node).
pub fn finding_pointers(source_text: &str, findings: &[FindingSummary]) -> Vec<Option<String>> {
    if findings.is_empty() {
        return Vec::new();
    }
    let mut source = SourceFile::new("guide".into(), source_text.to_string());
    parse(&mut source, &Limits::default());
    findings
        .iter()
        .map(|f| {
            let offset = offset_of(&source, f.line, f.column)?;
            let mut best = None;
            let mut pointer = String::new();
            deepest(&source, &source.value, &mut pointer, offset, &mut best);
            best
        })
        .collect()
}

/// The byte offset of a 1-based line and column (columns count characters).
fn offset_of(source: &SourceFile, line: usize, column: usize) -> Option<usize> {
    if line == 0 || line > source.lines.line_count() {
        return None;
    }
    let range = source.lines.line_range(&source.text, line);
    let text = &source.text[range.clone()];
    let within = text
        .char_indices()
        .nth(column.saturating_sub(1))
        .map_or(text.len(), |(i, _)| i);
    Some(range.start + within)
}

fn deepest(
    source: &SourceFile,
    value: &Value,
    pointer: &mut String,
    offset: usize,
    best: &mut Option<String>,
) {
    if let Some(span) = source.spans.get(pointer) {
        let on_key = span.key.as_ref().is_some_and(|k| k.contains(&offset));
        let in_value = span.value.contains(&offset) || span.value.start == offset;
        if !(on_key || in_value || pointer.is_empty()) {
            return;
        }
        *best = Some(pointer.clone());
        if on_key {
            return;
        }
    }
    let depth = pointer.len();
    match value {
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                pointer.push_str(&format!("/{i}"));
                deepest(source, item, pointer, offset, best);
                pointer.truncate(depth);
            }
        }
        Value::Object(map) => {
            for (key, item) in map {
                pointer.push('/');
                pointer.push_str(&escape_pointer(key));
                deepest(source, item, pointer, offset, best);
                pointer.truncate(depth);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Severity;

    fn at(line: usize, column: usize) -> FindingSummary {
        FindingSummary {
            code: "x".into(),
            severity: Severity::Error,
            message: "m".into(),
            line,
            column,
        }
    }

    #[test]
    fn findings_land_on_the_line_they_concern() {
        let text = "steps:\n  greet:\n    say:\n      - \"Hello\"\n      - \"Pay now or else\"\n    tips: [a, b]\n";
        let found = finding_pointers(text, &[at(5, 18), at(2, 3), at(6, 15), at(99, 1)]);
        assert_eq!(
            found,
            vec![
                Some("/steps/greet/say/1".to_string()),
                Some("/steps/greet".to_string()),
                Some("/steps/greet/tips/1".to_string()),
                None,
            ]
        );
    }
}
