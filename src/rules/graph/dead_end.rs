use super::step_ptr;
use crate::diagnostic::{Finding, Location, Severity};
use crate::model::Next;
use crate::rules::{Check, Context, Example, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "graph/dead-end",
    severity: Severity::Error,
    summary: "a step with neither `next` nor `outcome`",
    packs: &["core"],
    rationale: "An agent who reaches a step with no way forward and no recorded outcome is left \
without guidance in the middle of a call, and the conversation ends without a result anyone can \
report on. Every step either moves on (`next`) or ends the conversation with an `outcome`.",
    citations: &[],
    examples: &[
        Example {
            lang: "yaml",
            fails: true,
            text: "listen:\n  title: Listen\n  say: [\"Tell me what happened.\"]\n",
        },
        Example {
            lang: "yaml",
            fails: false,
            text: "listen:\n  title: Listen\n  say: [\"Tell me what happened.\"]\n  next: situation\n",
        },
    ],
    suppressible: true,
};

pub struct DeadEnd;

impl Check for DeadEnd {
    fn run(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for (id, step) in &cx.playbook.steps {
            let no_next = match &step.next {
                None => true,
                Some(Next::Branches(b)) => b.is_empty(),
                Some(Next::Always(_)) => false,
            };
            if no_next && step.outcome.is_none() {
                out.push(
                    Finding::new(META.code, format!("step `{id}` has no `next` and no `outcome`"), Location::key(step_ptr(id)))
                        .label("the conversation stops here with no result")
                        .help("add `next:` with the step that follows, or `outcome:` (agreement, paid, promise-to-pay, callback, refused, dispute, hardship-referral, wrong-party, escalated, no-contact) if the conversation ends here"),
                );
            }
        }
    }
}
