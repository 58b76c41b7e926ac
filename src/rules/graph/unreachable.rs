use super::step_ptr;
use crate::diagnostic::{Finding, Location, Severity};
use crate::rules::{Check, Context, Example, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "graph/unreachable",
    severity: Severity::Warning,
    summary: "a step that no path from `start` reaches",
    packs: &["core"],
    rationale: "A step nobody can reach is never used in a call, yet trainers teach it and reviewers \
approve it. Usually a branch was renamed or removed and the step was left behind.",
    citations: &[],
    examples: &[
        Example {
            lang: "yaml",
            fails: true,
            text: "start: greet\nsteps:\n  greet: {outcome: paid}\n  orphan: {outcome: refused}\n",
        },
        Example {
            lang: "yaml",
            fails: false,
            text: "start: greet\nsteps:\n  greet: {next: done}\n  done: {outcome: paid}\n",
        },
    ],
    suppressible: true,
};

pub struct Unreachable;

impl Check for Unreachable {
    fn run(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        if cx.flow.start.is_none() {
            return; // ref/unknown-step already reports the missing start
        }
        for node in cx.flow.nodes().filter(|&n| !cx.flow.is_reachable(n)) {
            let id = cx.flow.id(node);
            out.push(
                Finding::new(
                    META.code,
                    format!("step `{id}` cannot be reached from `{}`", cx.playbook.start),
                    Location::key(step_ptr(id)),
                )
                .label("no path leads here")
                .help("add a branch that goes to this step, or remove it"),
            );
        }
    }
}
