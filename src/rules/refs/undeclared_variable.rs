use crate::diagnostic::Severity;
use crate::rules::{Example, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "ref/undeclared-variable",
    severity: Severity::Error,
    summary: "`{name}` in a text that `variables` does not declare",
    packs: &["core"],
    rationale: "A placeholder that is not declared has no type and no example: the guide cannot show it, SMS lengths cannot be measured, and the system that fills it in may print the braces to the customer.",
    citations: &[],
    examples: &[
        Example {
            lang: "yaml",
            fails: true,
            text: "variables:\n  customer_name: {type: text}\nsteps:\n  greet: {say: [\"Hello {customer}\"], outcome: paid}\n",
        },
        Example {
            lang: "yaml",
            fails: false,
            text: "variables:\n  customer_name: {type: text}\nsteps:\n  greet: {say: [\"Hello {customer_name}\"], outcome: paid}\n",
        },
    ],
    suppressible: true,
};
