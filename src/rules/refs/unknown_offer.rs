use crate::diagnostic::Severity;
use crate::rules::{Example, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "ref/unknown-offer",
    severity: Severity::Error,
    summary: "a step presents an offer that is not defined",
    packs: &["core"],
    rationale: "A step's `offers` list names what the agent may propose. An offer that is not defined under `offers` has no declared terms, so the agent would be improvising interest, installments or discounts: exactly the hidden terms the law forbids.",
    citations: &[],
    examples: &[
        Example {
            lang: "yaml",
            fails: true,
            text: "steps:\n  alternatives: {offers: [instalments], next: confirm}\noffers:\n  installments: {kind: installment-plan, currency: USD, max_installments: 6, monthly_interest_pct: 0, fees: []}\n",
        },
        Example {
            lang: "yaml",
            fails: false,
            text: "steps:\n  alternatives: {offers: [installments], next: confirm}\noffers:\n  installments: {kind: installment-plan, currency: USD, max_installments: 6, monthly_interest_pct: 0, fees: []}\n",
        },
    ],
    suppressible: true,
};
