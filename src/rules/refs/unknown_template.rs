use crate::diagnostic::Severity;
use crate::rules::{Example, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "ref/unknown-template",
    severity: Severity::Error,
    summary: "a reference to a message template that is not defined",
    packs: &["core"],
    rationale: "A cadence touch or a compliance entry names a template that does not exist, so the contact plan would send nothing (or a dialer would fail at run time).",
    citations: &[],
    examples: &[
        Example {
            lang: "yaml",
            fails: true,
            text: "cadence:\n  - {day: -3, channel: sms, template: remider}\ntemplates:\n  reminder: {channel: sms, text: \"Hi {customer_name}, a friendly reminder.\"}\n",
        },
        Example {
            lang: "yaml",
            fails: false,
            text: "cadence:\n  - {day: -3, channel: sms, template: reminder}\ntemplates:\n  reminder: {channel: sms, text: \"Hi {customer_name}, a friendly reminder.\"}\n",
        },
    ],
    suppressible: true,
};
