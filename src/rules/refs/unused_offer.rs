use crate::diagnostic::Severity;
use crate::rules::{Example, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "ref/unused-offer",
    severity: Severity::Warning,
    summary: "an offer that no step presents",
    packs: &["core"],
    rationale: "An offer no step presents is never made to a customer, yet it appears in the guide as if agents could use it. Either a step lost its `offers` entry or the offer is obsolete.",
    citations: &[],
    examples: &[
        Example {
            lang: "yaml",
            fails: true,
            text: "offers:\n  holiday: {kind: deferral, max_deferral_days: 30}\n",
        },
        Example {
            lang: "yaml",
            fails: false,
            text: "steps:\n  alternatives: {offers: [holiday], next: confirm}\noffers:\n  holiday: {kind: deferral, max_deferral_days: 30}\n",
        },
    ],
    suppressible: true,
};
