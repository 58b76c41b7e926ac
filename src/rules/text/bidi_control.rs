use serde_json::Value;

use crate::analysis::bidi::{control_name, controls};
use crate::diagnostic::{Finding, Location};
use crate::rules::{Check, Citation, Context, Example, RuleMeta};
use crate::source::escape_pointer;

pub static META: RuleMeta = RuleMeta {
    code: "text/bidi-control",
    severity: crate::diagnostic::Severity::Error,
    summary: "a bidirectional control character that reorders how a text is displayed",
    packs: &["core"],
    rationale: "Bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) \
are invisible, and they change the order in which the characters after them are shown: after \
U+202E, `0021 ZAR` displays as `RAZ 1200`. In a playbook, the agent reads one amount while the \
file (and every check) says another, and a reviewer approving the diff sees neither. The same \
trick hides code in source files (\"Trojan Source\", CVE-2021-42574).\n\n\
cordial reports every such character in every text of the file (values, keys and comments), \
at its exact line and column; the terminal output shows it as `\u{FFFD}` so it cannot reorder \
the report. The marks U+200E, U+200F and U+061C are allowed: they carry no scope, cannot \
reverse a word or a number, and right-to-left scripts need them. Guides isolate every text \
of the playbook anyway, so nothing spills into the page's own words.",
    citations: &[Citation {
        pack: "core",
        text: "Unicode Standard Annex #9, Unicode Bidirectional Algorithm; CVE-2021-42574 (Trojan Source)",
    }],
    examples: &[
        Example {
            lang: "yaml",
            fails: true,
            text: "say:\n  - \"Your balance is \\u202E0021 ZAR\\u202C.\"\n",
        },
        Example {
            lang: "yaml",
            fails: false,
            text: "say:\n  - \"Your balance is ZAR 1200.\"\n",
        },
    ],
    suppressible: true,
};

pub struct BidiControl;

impl Check for BidiControl {
    fn run(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        // A value or a comment holds a control only when the file spells it out, as the
        // character itself or as an escape of a double-quoted scalar (`\u202E`): a file with
        // neither, nearly every file, needs no walk over its tree.
        let text = cx.source.text.as_str();
        if !crate::analysis::bidi::has_controls(text) && !text.contains('\\') {
            return;
        }
        let mut pointer = String::new();
        walk(cx, &cx.source.value, &mut pointer, out);
        for comment in &cx.source.comments {
            let raw = &cx.source.text[comment.span.clone()];
            for (at, c) in controls(raw) {
                let start = comment.span.start + at;
                out.push(finding(
                    c,
                    "a comment",
                    Location::Bytes(start..start + c.len_utf8()),
                ));
            }
        }
    }
}

/// Every string value (and mapping key) below `value`, in document order.
fn walk(cx: &Context<'_>, value: &Value, pointer: &mut String, out: &mut Vec<Finding>) {
    let depth = pointer.len();
    match value {
        Value::String(text) => {
            for (at, c) in controls(text) {
                out.push(finding(
                    c,
                    &format!("`{pointer}`"),
                    Location::text(pointer.clone(), at..at + c.len_utf8()),
                ));
            }
        }
        Value::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                pointer.push_str(&format!("/{index}"));
                walk(cx, item, pointer, out);
                pointer.truncate(depth);
            }
        }
        Value::Object(map) => {
            for (key, item) in map {
                pointer.push('/');
                pointer.push_str(&escape_pointer(key));
                for (at, c) in controls(key) {
                    out.push(finding(
                        c,
                        &format!("the key of `{pointer}`"),
                        key_location(cx, pointer, at, c),
                    ));
                }
                walk(cx, item, pointer, out);
                pointer.truncate(depth);
            }
        }
        _ => {}
    }
}

/// The control inside a key as written; the whole key when it was written as an escape.
fn key_location(cx: &Context<'_>, pointer: &str, at: usize, c: char) -> Location {
    let Some(span) = cx.source.spans.get(pointer).and_then(|s| s.key.clone()) else {
        return Location::key(pointer.to_string());
    };
    let raw = &cx.source.text[span.clone()];
    // Keys rarely hold escapes: when the raw key has the control where the decoded one does
    // (same offset, or the first occurrence of that character), point at it exactly.
    let offset = if raw.get(at..).is_some_and(|r| r.starts_with(c)) {
        Some(at)
    } else {
        raw.find(c)
    };
    match offset {
        Some(o) => Location::Bytes(span.start + o..span.start + o + c.len_utf8()),
        None => Location::key(pointer.to_string()),
    }
}

fn finding(c: char, place: &str, at: Location) -> Finding {
    let code = format!("U+{:04X}", u32::from(c));
    let name = control_name(c).unwrap_or("bidirectional control");
    Finding::new(
        META.code,
        format!("{place} contains {code} ({name}), an invisible control that changes the order in which the text around it is displayed"),
        at,
    )
    .label(format!("invisible {code} here"))
    .help(format!(
        "delete the {code}: write the text in the order it is read; guides already isolate right-to-left text"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::flow::Flow;
    use crate::load::{Limits, parse};
    use crate::model::Playbook;
    use crate::rules::Packs;
    use crate::source::SourceFile;

    fn run(yaml: &str) -> (SourceFile, Vec<Finding>) {
        let mut source = SourceFile::new("t.yaml".into(), yaml.to_string());
        parse(&mut source, &Limits::default());
        let playbook: Playbook = serde_saphyr::from_str(yaml).expect("parses");
        let flow = Flow::new(&playbook);
        let packs = Packs::for_playbook(&playbook);
        let cx = Context::new(&playbook, &source, &flow, &packs);
        let mut out = Vec::new();
        BidiControl.run(&cx, &mut out);
        (source, out)
    }

    fn shown(source: &SourceFile, finding: &Finding) -> (usize, usize, String) {
        let range = source.resolve(&finding.primary.location);
        let at = source.position(range.start);
        (at.line, at.column, source.text[range].to_string())
    }

    const HEAD: &str = "cordial: 1\nid: t\ntitle: T\nlocale: en\nstart: s\nsteps:\n";

    #[test]
    fn raw_and_escaped_controls_are_found_where_written() {
        let yaml = format!(
            "{HEAD}  s:\n    say: [\"Balance \u{202E}0021 ZAR\"]\n    tips: [\"a \\u2066b\"]\n    outcome: paid # note \u{2067}x\n"
        );
        let (source, found) = run(&yaml);
        let places: Vec<_> = found.iter().map(|f| shown(&source, f)).collect();
        assert_eq!(
            places,
            vec![
                (8, 20, "\u{202E}".to_string()),
                // An escape is pointed at where it starts.
                (9, 15, "\\".to_string()),
                (10, 26, "\u{2067}".to_string()),
            ],
            "{found:#?}"
        );
        assert!(
            found[0]
                .message
                .contains("`/steps/s/say/0` contains U+202E (right-to-left override)")
        );
    }

    #[test]
    fn keys_are_checked_and_marks_allowed() {
        let yaml = format!(
            "{HEAD}  \"s\u{202D}\": {{outcome: paid}}\n  s: {{say: [\"\u{200F}שלום\u{200E}\"], outcome: paid}}\n"
        );
        let (source, found) = run(&yaml);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(shown(&source, &found[0]), (7, 5, "\u{202D}".to_string()));
    }
}
