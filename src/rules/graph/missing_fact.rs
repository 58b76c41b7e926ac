use std::collections::BTreeSet;

use super::step_ptr;
use crate::diagnostic::{Finding, Location, Severity};
use crate::rules::{Check, Citation, Context, Example, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "path/missing-fact",
    severity: Severity::Error,
    summary: "a step `requires` a fact that some path into it never `establishes`",
    packs: &["core"],
    rationale: "`requires` states what must already be true when a step begins: the customer's \
identity was verified, the terms were disclosed. It has to hold on *every* path from `start`, not \
only on the one the author had in mind. cordial proves it over the whole graph and, when it fails, \
shows the shortest path from `start` on which the fact is never established.",
    citations: &[
        Citation {
            pack: "us",
            text: "12 CFR 1006.18(e) and 15 U.S.C. 1692e(11): required disclosures before the debt is discussed",
        },
        Citation {
            pack: "br",
            text: "CDC art. 52 and 54-B: the terms are stated before the consumer contracts",
        },
    ],
    examples: &[
        Example {
            lang: "yaml",
            fails: true,
            text: "start: greet\nsteps:\n  greet:\n    next:\n      - {when: Verified, go: verify}\n      - {when: In a hurry, go: confirm}\n  verify: {establishes: [identity-verified], next: confirm}\n  confirm: {requires: [identity-verified], outcome: agreement}\n",
        },
        Example {
            lang: "yaml",
            fails: false,
            text: "start: greet\nsteps:\n  greet: {next: verify}\n  verify: {establishes: [identity-verified], next: confirm}\n  confirm: {requires: [identity-verified], outcome: agreement}\n",
        },
    ],
    suppressible: true,
};

pub struct MissingFact;

impl Check for MissingFact {
    fn run(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let facts: BTreeSet<&str> = cx
            .playbook
            .steps
            .values()
            .flat_map(|s| s.requires.iter().map(String::as_str))
            .collect();
        for fact in facts {
            let property = cx.flow.must_establish(cx.playbook, fact);
            for node in cx.flow.nodes() {
                let step = cx.flow.step(cx.playbook, node);
                let Some(i) = step.requires.iter().position(|f| f == fact) else {
                    continue;
                };
                let Some(path) = property.counterexample(node) else {
                    continue;
                };
                let id = cx.flow.id(node);
                let established_anywhere = cx
                    .playbook
                    .steps
                    .values()
                    .any(|s| s.establishes.iter().any(|f| f == fact));
                let help = if established_anywhere {
                    format!(
                        "route this path through a step that establishes `{fact}`, or add `{fact}` to `establishes` of a step on it"
                    )
                } else {
                    format!(
                        "no step establishes `{fact}`: add it to `establishes` of the step that achieves it"
                    )
                };
                out.push(
                    Finding::new(META.code, format!("step `{id}` requires `{fact}`, which is not established on every path into it"), Location::value(format!("{}/requires/{i}", step_ptr(id))))
                        .label(format!("reached without `{fact}` on the path below"))
                        .help(help)
                        .path(path.iter().map(|&n| cx.flow.id(n))),
                );
            }
        }
    }
}
