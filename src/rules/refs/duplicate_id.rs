use crate::diagnostic::Severity;
use crate::rules::{Example, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "ref/duplicate-id",
    severity: Severity::Error,
    summary: "two playbooks in one run share an `id`",
    packs: &["core"],
    rationale: "The `id` names a playbook's guide (`site/<id>/`) and is how dialers and CRMs refer to it. Two playbooks with one id would overwrite each other's guide and confuse every consumer.",
    citations: &[],
    examples: &[
        Example {
            lang: "yaml",
            fails: true,
            text: "# a.playbook.yaml\nid: renegociacao\n# b.playbook.yaml\nid: renegociacao\n",
        },
        Example {
            lang: "yaml",
            fails: false,
            text: "# a.playbook.yaml\nid: renegociacao\n# b.playbook.yaml\nid: renegociacao-pj\n",
        },
    ],
    suppressible: true,
};
