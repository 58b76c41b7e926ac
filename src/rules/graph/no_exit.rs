use petgraph::algo::kosaraju_scc;
use petgraph::visit::NodeFiltered;

use super::step_ptr;
use crate::diagnostic::{Finding, Location, Severity};
use crate::rules::{Check, Context, Example, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "graph/no-exit",
    severity: Severity::Error,
    summary: "steps from which no `outcome` can be reached: a loop with no way out",
    packs: &["core"],
    rationale: "A loop with no exit traps the agent and the customer: the guide keeps sending them \
round the same steps (\"ask again\", \"check again\") with no way to close the conversation, which \
is also how repeated, harassing contact begins. Every loop needs at least one branch that leads to \
an outcome.",
    citations: &[],
    examples: &[
        Example {
            lang: "yaml",
            fails: true,
            text: "ask: {next: [{when: No answer, go: retry}]}\nretry: {next: ask}\n",
        },
        Example {
            lang: "yaml",
            fails: false,
            text: "ask: {next: [{when: No answer, go: retry}, {when: Refuses, go: closed}]}\nretry: {next: ask}\nclosed: {outcome: refused}\n",
        },
    ],
    suppressible: true,
};

pub struct NoExit;

impl Check for NoExit {
    fn run(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let can_finish = cx.flow.can_finish(cx.playbook);
        let trapped = |n: petgraph::graph::NodeIndex| !can_finish[n.index()];
        let sub = NodeFiltered::from_fn(&cx.flow.graph, trapped);
        // Kosaraju's algorithm in petgraph is iterative; its Tarjan recurses once per step of a
        // chain and overflows the stack on a long one.
        let mut sccs = kosaraju_scc(&sub);
        for scc in &mut sccs {
            scc.sort();
        }
        sccs.sort();
        for scc in sccs {
            let is_loop = scc.len() > 1 || cx.flow.successors(scc[0]).any(|m| m == scc[0]);
            if !is_loop {
                continue; // a lone step without a loop is a dead end or leads into one
            }
            // Report the loops that the graph can enter; a loop only reachable through another
            // trapped loop is still reported, since it has no exit of its own either.
            let names: Vec<&str> = scc.iter().map(|&n| cx.flow.id(n)).collect();
            let first = names[0];
            let listed = names
                .iter()
                .map(|n| format!("`{n}`"))
                .collect::<Vec<_>>()
                .join(" → ");
            let mut finding = Finding::new(
                META.code,
                if names.len() == 1 {
                    format!("step `{first}` loops on itself with no way to an outcome")
                } else {
                    format!("steps {listed} form a loop with no way to an outcome")
                },
                Location::key(step_ptr(first)),
            )
            .label("the conversation can never end once it gets here")
            .help("give one of these steps a branch that leads to a step with an `outcome` (for example `callback` or `refused`)");
            for name in &names[1..] {
                finding = finding.related(Location::key(step_ptr(name)), "part of the loop");
            }
            out.push(finding);
        }
    }
}
