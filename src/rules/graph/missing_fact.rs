use std::collections::{BTreeMap, HashMap, HashSet};

use petgraph::graph::NodeIndex;

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
        // Fact → the steps requiring it (with the index of its first mention), in fact order.
        let mut requiring: BTreeMap<&str, Vec<(NodeIndex, usize)>> = BTreeMap::new();
        for node in cx.flow.nodes() {
            let step = cx.flow.step(cx.playbook, node);
            for (i, fact) in step.requires.iter().enumerate() {
                if step.requires[..i].contains(fact) {
                    continue;
                }
                requiring.entry(fact.as_str()).or_default().push((node, i));
            }
        }
        let established: HashSet<&str> = cx
            .playbook
            .steps
            .values()
            .flat_map(|s| s.establishes.iter().map(String::as_str))
            .collect();
        let facts: Vec<&str> = requiring.keys().copied().collect();
        for chunk in facts.chunks(64) {
            let bit: HashMap<&str, usize> =
                chunk.iter().enumerate().map(|(i, f)| (*f, i)).collect();
            let masks: Vec<u64> = cx
                .flow
                .nodes()
                .map(|n| {
                    cx.flow
                        .step(cx.playbook, n)
                        .establishes
                        .iter()
                        .filter_map(|f| bit.get(f.as_str()))
                        .fold(0u64, |m, &b| m | 1 << b)
                })
                .collect();
            let violated = cx.flow.must_hold_each(&masks);
            for (b, &fact) in chunk.iter().enumerate() {
                let steps = &requiring[fact];
                if !steps.iter().any(|(n, _)| violated[n.index()] >> b & 1 == 1) {
                    continue;
                }
                // Only a fact that fails somewhere pays for its own walk and its paths.
                let property = cx.flow.must_establish(cx.playbook, fact);
                let help = if established.contains(fact) {
                    format!(
                        "route this path through a step that establishes `{fact}`, or add `{fact}` to `establishes` of a step on it"
                    )
                } else {
                    format!(
                        "no step establishes `{fact}`: add it to `establishes` of the step that achieves it"
                    )
                };
                for &(node, i) in steps {
                    let Some(path) = property.counterexample(node) else {
                        continue;
                    };
                    let id = cx.flow.id(node);
                    out.push(
                        Finding::new(META.code, format!("step `{id}` requires `{fact}`, which is not established on every path into it"), Location::value(format!("{}/requires/{i}", step_ptr(id))))
                            .label(format!("reached without `{fact}` on the path below"))
                            .help(help.clone())
                            .path(path.names(cx.flow)),
                    );
                }
            }
        }
    }
}
