use super::step_ptr;
use crate::diagnostic::{Finding, Location, Severity};
use crate::model::Outcome;
use crate::rules::{Check, Citation, Context, Example, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "path/required-branch",
    severity: Severity::Error,
    summary: "an outcome the pack requires cannot be reached: dispute, wrong party, hardship referral",
    packs: &["us", "br", "uk"],
    rationale: "Some turns of a collection conversation are rights, not edge cases. The customer \
may say the debt is not theirs or is wrong; the person who answers may not be the customer at \
all; the customer may be unable to pay anything. A playbook with no branch for these leaves the \
agent to improvise exactly where the law is strictest. Each pack names the outcomes that must be \
reachable from `start`:\n\n\
- **us**: `dispute` and `wrong-party`;\n\n\
- **uk**: `dispute` and `hardship-referral`;\n\n\
- **br**: `hardship-referral`.\n\n\
A step with the outcome that no path reaches does not count: the finding then points at it.",
    citations: &[
        Citation {
            pack: "us",
            text: "15 U.S.C. 1692g(b) and 12 CFR 1006.34 (disputes); 15 U.S.C. 1692b and 1692c(b) (third parties)",
        },
        Citation {
            pack: "uk",
            text: "FCA CONC 7.14 (disputed debts); CONC 7.3.4R and 7.3.7AR (forbearance, free debt advice)",
        },
        Citation {
            pack: "br",
            text: "CDC art. 104-A (Lei 14.181/2021): renegotiation for over-indebted consumers, preserving the mínimo existencial",
        },
    ],
    examples: &[
        Example {
            lang: "yaml",
            fails: true,
            text: "jurisdictions: [us]\nstart: greet\nsteps:\n  greet: {next: [{when: Agrees, go: agreed}]}\n  agreed: {outcome: agreement}\n",
        },
        Example {
            lang: "yaml",
            fails: false,
            text: "jurisdictions: [us]\nstart: greet\nsteps:\n  greet:\n    next:\n      - {when: Agrees, go: agreed}\n      - {when: Disputes the debt, go: dispute}\n      - {when: Someone else answered, go: wrong-party}\n  agreed: {outcome: agreement}\n  dispute: {outcome: dispute}\n  wrong-party: {outcome: wrong-party}\n",
        },
    ],
    suppressible: true,
};

pub struct RequiredBranch;

fn help(outcome: Outcome) -> &'static str {
    match outcome {
        Outcome::Dispute => {
            "add a branch such as `{when: Customer disputes the debt, go: dispute}` to the steps where the debt is discussed, leading to a step with `outcome: dispute`"
        }
        Outcome::WrongParty => {
            "add a branch such as `{when: Someone else answered, go: wrong-party}` to the right-party check, leading to a step with `outcome: wrong-party` that says nothing about the debt"
        }
        Outcome::HardshipReferral => {
            "add a branch such as `{when: Customer cannot pay any amount, go: hardship}` leading to a step with `outcome: hardship-referral`"
        }
        _ => "add a branch that leads to a step with this outcome",
    }
}

impl Check for RequiredBranch {
    fn run(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        if cx.flow.start.is_none() {
            return; // ref/unknown-step reports the missing start; nothing is reachable
        }
        // Outcome → (packs requiring it, their reasons), in catalogue order.
        let mut required: Vec<(Outcome, Vec<&str>, Vec<&str>)> = Vec::new();
        for pack in cx.packs.jurisdictions.iter().map(|&j| cx.packs.params(j)) {
            for &(outcome, why) in pack.required_outcomes {
                match required.iter_mut().find(|(o, _, _)| *o == outcome) {
                    Some((_, packs, reasons)) => {
                        packs.push(pack.jurisdiction.as_str());
                        reasons.push(why);
                    }
                    None => required.push((outcome, vec![pack.jurisdiction.as_str()], vec![why])),
                }
            }
        }
        required.sort_by_key(|(o, _, _)| *o);
        for (outcome, packs, reasons) in required {
            if cx.flow.outcome_reachable(cx.playbook, outcome) {
                continue;
            }
            let name = outcome.as_str();
            let requirers = match packs.as_slice() {
                [one] => format!("the {one} pack requires"),
                many => format!("the {} packs require", many.join(" and ")),
            };
            let unreachable = cx
                .playbook
                .steps
                .iter()
                .find(|(_, s)| s.outcome == Some(outcome))
                .map(|(id, _)| id);
            let (at, label) = match unreachable {
                Some(id) => (
                    Location::value(format!("{}/outcome", step_ptr(id))),
                    format!("step `{id}` has this outcome, but no path from `start` reaches it"),
                ),
                None => (
                    Location::key("/steps"),
                    format!("no step ends with `outcome: {name}`"),
                ),
            };
            out.push(
                Finding::new(
                    META.code,
                    format!("no path from `start` reaches a `{name}` outcome, which {requirers}"),
                    at,
                )
                .label(label)
                .help(help(outcome))
                .note(reasons.join("; ")),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::run_check;

    fn playbook(packs: &str, steps: &str) -> String {
        format!(
            "cordial: 1\nid: t\ntitle: T\nlocale: en\njurisdictions: [{packs}]\nstart: greet\nsteps:\n{steps}"
        )
    }

    #[test]
    fn missing_outcomes_are_reported_once_per_outcome() {
        let steps = "  greet: {outcome: agreement}\n";
        let found = run_check(&RequiredBranch, &playbook("us, uk", steps));
        let messages: Vec<&str> = found.iter().map(|f| f.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "no path from `start` reaches a `dispute` outcome, which the us and uk packs require",
                "no path from `start` reaches a `hardship-referral` outcome, which the uk pack requires",
                "no path from `start` reaches a `wrong-party` outcome, which the us pack requires",
            ]
        );
        assert!(
            run_check(
                &RequiredBranch,
                &format!("cordial: 1\nid: t\ntitle: T\nlocale: en\nstart: greet\nsteps:\n{steps}")
            )
            .is_empty()
        );
    }

    #[test]
    fn unreachable_outcome_step_is_pointed_at() {
        let steps = "  greet: {outcome: agreement}\n  hardship: {outcome: hardship-referral}\n";
        let found = run_check(&RequiredBranch, &playbook("br", steps));
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].primary.location,
            Location::value("/steps/hardship/outcome")
        );
    }

    #[test]
    fn reachable_outcomes_pass() {
        let steps = "  greet: {next: [{when: a, go: hardship}, {when: b, go: done}]}\n  hardship: {outcome: hardship-referral}\n  done: {outcome: paid}\n";
        assert!(run_check(&RequiredBranch, &playbook("br", steps)).is_empty());
    }
}
