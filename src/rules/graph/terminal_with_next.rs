use super::step_ptr;
use crate::diagnostic::{Finding, Location, Severity};
use crate::rules::{Check, Context, Example, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "graph/terminal-with-next",
    severity: Severity::Error,
    summary: "a step with both `next` and `outcome`",
    packs: &["core"],
    rationale: "A step that records an outcome ends the conversation; a `next` beside it is either \
dead text or a sign that the outcome was recorded too early. Reports and dialers would count the \
conversation as finished while the agent's guide continues.",
    citations: &[],
    examples: &[
        Example {
            lang: "yaml",
            fails: true,
            text: "agreed:\n  outcome: agreement\n  next: farewell\n",
        },
        Example {
            lang: "yaml",
            fails: false,
            text: "agreed:\n  outcome: agreement\n",
        },
    ],
    suppressible: true,
};

pub struct TerminalWithNext;

impl Check for TerminalWithNext {
    fn run(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for (id, step) in &cx.playbook.steps {
            if step.next.is_some() && step.outcome.is_some() {
                let at = step_ptr(id);
                out.push(
                    Finding::new(META.code, format!("step `{id}` has both `next` and `outcome`"), Location::key(format!("{at}/next")))
                        .label("a terminal step cannot move on")
                        .related(Location::key(format!("{at}/outcome")), "the outcome ends the conversation here")
                        .help("keep `outcome` if the conversation ends here, or move it to the last step and keep `next`"),
                );
            }
        }
    }
}
