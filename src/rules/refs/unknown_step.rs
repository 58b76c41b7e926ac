use crate::diagnostic::Severity;
use crate::rules::{Example, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "ref/unknown-step",
    severity: Severity::Error,
    summary: "a reference to a step that is not defined",
    packs: &["core"],
    rationale: "`start`, every `go`, a cadence touch's `step` and the `step` of compliance entries must name a step of this playbook. A typo sends the agent nowhere; cordial suggests the closest existing id.",
    citations: &[],
    examples: &[
        Example {
            lang: "yaml",
            fails: true,
            text: "start: greet\nsteps:\n  greet: {next: retrono}\n  retorno: {outcome: callback}\n",
        },
        Example {
            lang: "yaml",
            fails: false,
            text: "start: greet\nsteps:\n  greet: {next: retorno}\n  retorno: {outcome: callback}\n",
        },
    ],
    suppressible: true,
};
