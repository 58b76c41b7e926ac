use crate::diagnostic::Severity;
use crate::rules::{Example, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "ref/unused-variable",
    severity: Severity::Warning,
    summary: "a declared variable that no text uses",
    packs: &["core"],
    rationale: "A variable nobody uses is noise for the people who maintain the data feed behind it. It often reveals a renamed placeholder.",
    citations: &[],
    examples: &[
        Example {
            lang: "yaml",
            fails: true,
            text: "variables:\n  due_date: {type: date}\n",
        },
        Example {
            lang: "yaml",
            fails: false,
            text: "variables:\n  due_date: {type: date}\ntemplates:\n  reminder: {channel: sms, text: \"Your payment is due on {due_date}.\"}\n",
        },
    ],
    suppressible: true,
};
