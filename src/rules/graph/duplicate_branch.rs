use std::collections::HashMap;

use super::step_ptr;
use crate::diagnostic::{Finding, Location, Severity};
use crate::model::Next;
use crate::rules::{Check, Context, Example, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "graph/duplicate-branch",
    severity: Severity::Warning,
    summary: "two branches of one step with the same `when`",
    packs: &["core"],
    rationale: "When two branches share a condition the agent cannot tell which to follow, and the \
second is never taken by anyone who reads from the top. Conditions are compared ignoring case and \
spacing.",
    citations: &[],
    examples: &[
        Example {
            lang: "yaml",
            fails: true,
            text: "next:\n  - {when: Customer agrees, go: confirm}\n  - {when: customer agrees, go: schedule}\n",
        },
        Example {
            lang: "yaml",
            fails: false,
            text: "next:\n  - {when: Customer agrees, go: confirm}\n  - {when: Customer wants time, go: schedule}\n",
        },
    ],
    suppressible: true,
};

pub struct DuplicateBranch;

impl Check for DuplicateBranch {
    fn run(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for (id, step) in &cx.playbook.steps {
            let Some(Next::Branches(branches)) = &step.next else {
                continue;
            };
            let mut seen: HashMap<String, usize> = HashMap::new();
            for (i, branch) in branches.iter().enumerate() {
                let key = branch
                    .when
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
                    .to_lowercase();
                if let Some(&first) = seen.get(&key) {
                    let at = step_ptr(id);
                    out.push(
                        Finding::new(META.code, format!("step `{id}` has two branches for \"{}\"", branch.when.trim()), Location::value(format!("{at}/next/{i}/when")))
                            .label("same condition as an earlier branch")
                            .related(Location::value(format!("{at}/next/{first}/when")), "first branch with this condition")
                            .help("merge the two branches, or make the conditions say what tells them apart"),
                    );
                } else {
                    seen.insert(key, i);
                }
            }
        }
    }
}
