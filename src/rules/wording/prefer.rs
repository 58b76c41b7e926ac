use super::RuleText;
use crate::diagnostic::Severity;
use crate::rules::{Example, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "wording/prefer",
    severity: Severity::Info,
    summary: "a respectful alternative exists (\"debtor\" → \"customer\", \"devedor\" → \"cliente\")",
    packs: &["en", "pt"],
    rationale: "Words shape how agents treat people. Calling someone \"the debtor\" or \"o devedor\" \
reduces them to their debt, even in internal guidance that agents then repeat on the phone. Nothing \
here is unlawful, so this is information only: the help gives the word to use instead. A \
`cordial.toml` may add an organisation's own `phrase => wording` files per language \
(`[phrases.pt] preferred = [\"compliance/preferidas.txt\"]`); each finding names the file and \
line of its entry.",
    citations: &[],
    examples: &[
        Example {
            lang: "en",
            fails: true,
            text: "Confirm the debtor's address before discussing the balance.",
        },
        Example {
            lang: "en",
            fails: false,
            text: "Confirm the customer's address before discussing the balance.",
        },
        Example {
            lang: "pt",
            fails: true,
            text: "Confirme o endereço do devedor.",
        },
        Example {
            lang: "pt",
            fails: false,
            text: "Confirme o endereço do cliente.",
        },
    ],
    suppressible: true,
};

pub static TEXT: RuleText = RuleText {
    message: "a more respectful word exists",
    label: "a more respectful word exists",
    help: "talk about the customer, not the debt",
    help_pt: "fale do cliente, não da dívida",
};
