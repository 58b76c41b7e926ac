use super::{IDENTITY_VERIFIED, debt_details};
use crate::diagnostic::{Finding, Severity};
use crate::rules::{Check, Citation, Context, Example, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "disclosure/identity-first",
    severity: Severity::Error,
    summary: "debt details (an amount, an offer) on a path before `identity-verified`",
    packs: &["core"],
    rationale: "Whoever picks up the phone may be a relative, a colleague or a flatmate. Telling \
them that the customer owes money, how much, or what settlement is on the table exposes the \
customer to exactly the embarrassment collection law forbids, and leaks personal data. The \
right-party check therefore comes first: until a step establishes `identity-verified`, no step \
may say a `money` variable, present an offer or establish `debt-details-disclosed`.\n\n\
cordial proves this on every path from `start`, not just the usual one. The step that verifies \
the identity may not give details itself either: what it says is said before the check is done. \
A finding shows the shortest path on which the details come first.",
    citations: &[
        Citation {
            pack: "us",
            text: "15 U.S.C. 1692b(2) and 1692c(b); 12 CFR 1006.6(d): no communication about the debt with third parties",
        },
        Citation {
            pack: "br",
            text: "CDC art. 42 caput and art. 71: no exposure to ridicule or embarrassment; LGPD (Lei 13.709/2018) art. 6 III and VII: necessity and security of personal data",
        },
        Citation {
            pack: "uk",
            text: "FCA CONC 7.9.10R: firms take reasonable steps so that third parties do not learn of the customer's debt",
        },
    ],
    examples: &[
        Example {
            lang: "yaml",
            fails: true,
            text: "start: greet\nsteps:\n  greet:\n    say: [\"Hi, I'm calling about your balance of {amount_due}.\"]\n    next: verify\n  verify: {establishes: [identity-verified], next: done}\n  done: {outcome: callback}\n",
        },
        Example {
            lang: "yaml",
            fails: false,
            text: "start: greet\nsteps:\n  greet:\n    say: [\"Hello, may I speak with {customer_name}?\"]\n    establishes: [identity-verified]\n    next: balance\n  balance:\n    say: [\"Your balance is {amount_due}.\"]\n    outcome: callback\n",
        },
    ],
    suppressible: true,
};

pub struct IdentityFirst;

impl Check for IdentityFirst {
    fn run(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let verified = cx.flow.must_establish(cx.playbook, IDENTITY_VERIFIED);
        for node in cx.flow.nodes() {
            let id = cx.flow.id(node);
            let step = cx.flow.step(cx.playbook, node);
            // Most steps come after the identity check on every path: only the others need
            // their debt details read.
            let Some(path) = verified.counterexample(node) else {
                continue;
            };
            let mut details = debt_details(cx.playbook, id, step).into_iter();
            let Some(first) = details.next() else {
                continue;
            };
            let verifies_itself = step.establishes.iter().any(|f| f == IDENTITY_VERIFIED);
            let pt = crate::rules::speaks_portuguese(cx);
            let help = if verifies_itself && pt {
                format!(
                    "a etapa `{id}` confirma a identidade e dá detalhes da dívida ao mesmo tempo: passe os detalhes para uma etapa depois dela"
                )
            } else if pt {
                format!(
                    "faça este caminho passar por uma etapa que estabelece `{IDENTITY_VERIFIED}` antes de `{id}`, ou dê os detalhes depois de confirmar com quem está falando"
                )
            } else if verifies_itself {
                format!(
                    "step `{id}` verifies the identity and gives debt details at once: move the details to a step after it"
                )
            } else {
                format!(
                    "route this path through a step that establishes `{IDENTITY_VERIFIED}` before `{id}`, or move the details after the right-party check"
                )
            };
            let mut finding = Finding::new(
                META.code,
                format!("step `{id}` gives debt details before the customer's identity is verified"),
                first.at,
            )
            .label(format!("{} reached without `{IDENTITY_VERIFIED}` on the path below", first.what))
            .help(help)
            .note(if pt {
                "pode ser outra pessoa na linha: nada sobre a dívida é dito antes de confirmar que é o próprio cliente"
            } else {
                "a third party may be on the line: nothing about the debt is said until the right person is confirmed"
            })
            .path(path.names(cx.flow));
            for other in details {
                finding = finding.related(other.at, format!("also {}", other.what));
            }
            out.push(finding);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::run_check;

    const HEAD: &str = "cordial: 1\nid: t\ntitle: T\nlocale: en\nvariables:\n  amount_due: {type: money, example: 100}\n  customer_name: {type: text, example: Jo}\n";

    #[test]
    fn amount_before_verification_fails_with_the_path() {
        let yaml = format!(
            "{HEAD}start: greet\nsteps:\n  greet:\n    say: [\"Hi {{customer_name}}\"]\n    next:\n      - {{when: ok, go: verify}}\n      - {{when: hurry, go: balance}}\n  verify: {{establishes: [identity-verified], next: balance}}\n  balance:\n    say: [\"You owe {{amount_due}}.\"]\n    outcome: callback\n"
        );
        let found = run_check(&IdentityFirst, &yaml);
        assert_eq!(found.len(), 1);
        let names: Vec<&str> = found[0].path.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["greet", "balance"]);
    }

    #[test]
    fn the_verifying_step_may_not_speak_amounts_itself() {
        let yaml = format!(
            "{HEAD}start: greet\nsteps:\n  greet:\n    say: [\"Hi {{customer_name}}, you owe {{amount_due}}\"]\n    establishes: [identity-verified]\n    outcome: callback\n"
        );
        assert_eq!(run_check(&IdentityFirst, &yaml).len(), 1);
    }

    #[test]
    fn details_after_verification_pass() {
        let yaml = format!(
            "{HEAD}start: greet\nsteps:\n  greet:\n    say: [\"Hi {{customer_name}}\"]\n    establishes: [identity-verified]\n    next: balance\n  balance:\n    say: [\"You owe {{amount_due}}.\"]\n    offers: [plan]\n    outcome: callback\n"
        );
        assert!(run_check(&IdentityFirst, &yaml).is_empty());
    }
}
