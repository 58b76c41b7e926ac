use crate::diagnostic::{Finding, Location, Severity};
use crate::model::Outcome;
use crate::rules::disclosure::TERMS_DISCLOSED;
use crate::rules::{Check, Citation, Context, Example, RuleMeta};
use crate::source::pointer;

pub static META: RuleMeta = RuleMeta {
    code: "terms/undisclosed",
    severity: Severity::Error,
    summary: "a path reaches an agreement, a promise to pay, or an offer, without `terms-disclosed`",
    packs: &["core"],
    rationale: "A customer can only agree to terms they have heard: the number of installments, \
the interest, the fees, the total they will pay. cordial proves that on every path from `start` \
a step establishing `terms-disclosed` comes before any step whose outcome is `agreement` or \
`promise-to-pay`, and that a step presenting `offers` either discloses their terms itself \
(establishes `terms-disclosed`) or comes after a step that did. A \"quick close\" branch that \
jumps from the greeting to the agreement is the usual culprit; the finding shows that path.",
    citations: &[
        Citation {
            pack: "us",
            text: "15 U.S.C. 1692e(2)(A) and 1692e(10); 12 U.S.C. 5531 (UDAAP): no misleading or concealed terms",
        },
        Citation {
            pack: "br",
            text: "CDC art. 46, 52 and 54-B: the consumer is informed of every term before contracting, or is not bound by it",
        },
        Citation {
            pack: "uk",
            text: "FCA CONC 7.3.4R and PRIN 2A.5: an arrangement the customer understands before agreeing",
        },
    ],
    examples: &[
        Example {
            lang: "yaml",
            fails: true,
            text: "start: greet\nsteps:\n  greet:\n    next:\n      - {when: Wants to pay, go: agreed}\n      - {when: Wants options, go: terms}\n  terms: {establishes: [terms-disclosed], next: agreed}\n  agreed: {outcome: agreement}\n",
        },
        Example {
            lang: "yaml",
            fails: false,
            text: "start: greet\nsteps:\n  greet: {next: terms}\n  terms: {offers: [plan], establishes: [terms-disclosed], next: agreed}\n  agreed: {outcome: agreement}\n",
        },
    ],
    suppressible: true,
};

pub struct Undisclosed;

impl Check for Undisclosed {
    fn run(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let establishes = |n| {
            cx.flow
                .step(cx.playbook, n)
                .establishes
                .iter()
                .any(|f| f == TERMS_DISCLOSED)
        };
        let disclosed = cx.flow.must_hold(establishes);
        for node in cx.flow.nodes() {
            let step = cx.flow.step(cx.playbook, node);
            let id = cx.flow.id(node);
            let (at, message, label) = match step.outcome {
                Some(outcome @ (Outcome::Agreement | Outcome::PromiseToPay)) => (
                    Location::value(pointer(["steps", id, "outcome"])),
                    format!(
                        "{} can be reached at step `{id}` before the terms are disclosed",
                        article(outcome)
                    ),
                    format!("reached without `{TERMS_DISCLOSED}` on the path below"),
                ),
                _ if !step.offers.is_empty() && !establishes(node) => (
                    Location::key(pointer(["steps", id, "offers"])),
                    format!("step `{id}` presents offers without disclosing their terms"),
                    format!(
                        "offers presented without `{TERMS_DISCLOSED}` on the path below, nor in this step"
                    ),
                ),
                _ => continue,
            };
            let Some(path) = disclosed.counterexample(node) else {
                continue;
            };
            out.push(
                Finding::new(META.code, message, at)
                    .label(label)
                    .help(format!(
                        "make a step on this path state every term (installments, interest, fees, total) and establish `{TERMS_DISCLOSED}`"
                    ))
                    .note("the customer must hear every term before agreeing")
                    .path(path.names(cx.flow)),
            );
        }
    }
}

fn article(outcome: Outcome) -> &'static str {
    match outcome {
        Outcome::PromiseToPay => "a promise to pay",
        _ => "an agreement",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::run_check;

    const HEAD: &str = "cordial: 1\nid: t\ntitle: T\nlocale: en\n";

    #[test]
    fn shortcut_to_agreement_fails_with_its_path() {
        let yaml = format!(
            "{HEAD}start: greet\nsteps:\n  greet:\n    next:\n      - {{when: pay, go: agreed}}\n      - {{when: options, go: terms}}\n  terms: {{establishes: [terms-disclosed], next: agreed}}\n  agreed: {{outcome: agreement}}\n"
        );
        let found = run_check(&Undisclosed, &yaml);
        assert_eq!(found.len(), 1);
        let names: Vec<&str> = found[0].path.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["greet", "agreed"]);
    }

    #[test]
    fn promise_to_pay_and_offer_steps_are_checked() {
        let yaml = format!(
            "{HEAD}start: greet\nsteps:\n  greet: {{offers: [plan], next: promise}}\n  promise: {{outcome: promise-to-pay}}\n"
        );
        assert_eq!(run_check(&Undisclosed, &yaml).len(), 2);
    }

    #[test]
    fn disclosure_on_every_path_passes() {
        let yaml = format!(
            "{HEAD}start: greet\nsteps:\n  greet: {{next: terms}}\n  terms: {{offers: [plan], establishes: [terms-disclosed], next: agreed}}\n  agreed: {{outcome: agreement}}\n"
        );
        assert!(run_check(&Undisclosed, &yaml).is_empty());
    }
}
