use crate::diagnostic::Severity;
use crate::rules::{Example, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "ref/unused-template",
    severity: Severity::Warning,
    summary: "a message template that no cadence touch sends",
    packs: &["core"],
    rationale: "A template that the cadence never sends is dead text: it is reviewed and translated but never reaches a customer. Send it from a cadence touch or remove it.",
    citations: &[],
    examples: &[
        Example {
            lang: "yaml",
            fails: true,
            text: "templates:\n  thanks: {channel: sms, text: \"Thank you for your payment.\"}\ncadence: []\n",
        },
        Example {
            lang: "yaml",
            fails: false,
            text: "templates:\n  thanks: {channel: sms, text: \"Thank you for your payment.\"}\ncadence:\n  - {day: 1, channel: sms, template: thanks}\n",
        },
    ],
    suppressible: true,
};
