//! The catalogue of facts the rules know, and `ref/unknown-fact`.
//!
//! Facts are free slugs, so a typo (`identity-verifed`) would otherwise only show up as the
//! findings its absence causes elsewhere, none of them naming it. Each fact the built-in rules
//! read is listed here with what it means; `docs/facts.md` is this table.

use std::collections::BTreeSet;

use crate::diagnostic::{Finding, Location, Severity};
use crate::rules::refs::near_miss;
use crate::rules::{Check, Context, Example, RuleMeta};
use crate::source::pointer;

/// A fact the rules know: its name, where it is established, and what reads it.
pub struct KnownFact {
    pub name: &'static str,
    /// `step` or `touch`: where a playbook establishes it.
    pub on: &'static str,
    pub meaning: &'static str,
    /// How a Portuguese guide names it.
    pub pt: &'static str,
}

/// Every fact a built-in rule reads.
pub const CATALOGUE: &[KnownFact] = &[
    KnownFact {
        name: "identity-verified",
        on: "step",
        meaning: "the right party is on the line; nothing about the debt is said before it (`disclosure/identity-first`)",
        pt: "identidade confirmada",
    },
    KnownFact {
        name: "mini-miranda",
        on: "step",
        meaning: "the debt-collector disclosure has been given (`disclosure/mini-miranda`, us pack)",
        pt: "aviso de cobrança informado",
    },
    KnownFact {
        name: "debt-details-disclosed",
        on: "step",
        meaning: "the amount and the creditor have been stated; counts as a debt detail for `disclosure/identity-first`",
        pt: "dados da dívida informados",
    },
    KnownFact {
        name: "terms-disclosed",
        on: "step",
        meaning: "the offer's terms have been stated before an agreement (`terms/undisclosed`)",
        pt: "condições informadas",
    },
    KnownFact {
        name: "consent-recorded",
        on: "step",
        meaning: "the customer was told the call is recorded, or agreed to it; shown in the guide",
        pt: "consentimento registrado",
    },
    KnownFact {
        name: "bureau-notice-sent",
        on: "touch",
        meaning: "the written notice before a credit-bureau report was sent (`cadence/notice-before-escalation`, `wording/legal-action`)",
        pt: "aviso de negativação enviado",
    },
    KnownFact {
        name: "suspension-notice-sent",
        on: "touch",
        meaning: "the written notice before a `service-suspension` was sent (`wording/suspension`)",
        pt: "aviso de suspensão enviado",
    },
];

/// Whether the rules know `fact`.
pub fn is_known(fact: &str) -> bool {
    CATALOGUE.iter().any(|f| f.name == fact)
}

/// The catalogue as Markdown, for `docs/facts.md`.
pub fn markdown() -> String {
    let mut text = String::from(
        "# Facts the rules know\n\nGenerated from `src/rules/facts.rs`. A playbook may use other facts of its own; \
one that is established but never required, and is none of these, is reported as \
`ref/unknown-fact` with the closest known name.\n\n| fact | established on | meaning |\n|---|---|---|\n",
    );
    for f in CATALOGUE {
        text.push_str(&format!("| `{}` | {} | {} |\n", f.name, f.on, f.meaning));
    }
    text
}

pub static META: RuleMeta = RuleMeta {
    code: "ref/unknown-fact",
    severity: Severity::Warning,
    summary: "a fact established but never required, and unknown to every rule: often a typo",
    packs: &["core"],
    rationale: "Facts are free names, so `establishes: [identity-verifed]` is accepted as a fact of the \
playbook's own, and the real `identity-verified` is then missing on every path: the findings that \
follow name the missing fact, never the typo. A fact that a step or touch establishes, that no step \
requires and that no rule reads (the catalogue is in `docs/facts.md`) does nothing; this warning \
names it, with the closest known fact.",
    citations: &[],
    examples: &[
        Example {
            lang: "yaml",
            fails: true,
            text: "steps:\n  verify: {establishes: [identity-verifed], outcome: callback}\n",
        },
        Example {
            lang: "yaml",
            fails: false,
            text: "steps:\n  verify: {establishes: [identity-verified], outcome: callback}\n",
        },
    ],
    suppressible: true,
};

pub struct UnknownFact;

impl Check for UnknownFact {
    fn run(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let playbook = cx.playbook;
        let required: BTreeSet<&str> = playbook
            .steps
            .values()
            .flat_map(|s| s.requires.iter().map(String::as_str))
            .collect();
        let mut established: Vec<(String, &str)> = Vec::new();
        for (id, step) in &playbook.steps {
            for (i, fact) in step.establishes.iter().enumerate() {
                established.push((pointer(["steps", id, "establishes", &i.to_string()]), fact));
            }
        }
        for (t, touch) in playbook.cadence.iter().enumerate() {
            for (i, fact) in touch.establishes.iter().enumerate() {
                established.push((
                    pointer(["cadence", &t.to_string(), "establishes", &i.to_string()]),
                    fact,
                ));
            }
        }
        for (at, fact) in established {
            if required.contains(fact) || is_known(fact) {
                continue;
            }
            let candidates = CATALOGUE
                .iter()
                .map(|f| f.name)
                .chain(required.iter().copied());
            let at = Location::value(at);
            let near = near_miss(fact, candidates);
            let fix = near
                .filter(|n| n.unique)
                .and_then(|n| crate::fix::edit::rename(cx.source, &at, fact, n.best));
            let mut finding = Finding::new(
                META.code,
                format!(
                    "fact `{fact}` is established here, but no step requires it and no rule knows it"
                ),
                at,
            )
            .fix(fix);
            finding = match near.map(|n| n.best) {
                Some(near) => finding
                    .label(format!("did you mean `{near}`?"))
                    .help(format!("write `{near}`; `docs/facts.md` lists the facts the rules know")),
                None => finding
                    .label("unknown fact")
                    .help("require it in the step that depends on it, or remove it; `docs/facts.md` lists the facts the rules know"),
            };
            out.push(finding);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::run_check;

    const HEAD: &str = "cordial: 1\nid: t\ntitle: T\nlocale: en\nstart: a\nsteps:\n";

    #[test]
    fn a_misspelt_fact_is_named_with_the_known_one() {
        let yaml = format!("{HEAD}  a: {{establishes: [identity-verifed], outcome: paid}}\n");
        let found = run_check(&UnknownFact, &yaml);
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].primary.message.as_deref(),
            Some("did you mean `identity-verified`?")
        );
    }

    #[test]
    fn known_and_required_facts_pass() {
        let yaml = format!(
            "{HEAD}  a: {{establishes: [identity-verified, own-fact], next: b}}\n  b: {{requires: [own-fact], outcome: paid}}\n"
        );
        assert!(run_check(&UnknownFact, &yaml).is_empty());
    }

    #[test]
    fn the_documentation_is_the_catalogue() {
        let doc = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/facts.md"))
            .unwrap_or_default();
        if std::env::var_os("CORDIAL_UPDATE").is_some() {
            std::fs::write(
                concat!(env!("CARGO_MANIFEST_DIR"), "/docs/facts.md"),
                markdown(),
            )
            .expect("docs/facts.md is writable");
            return;
        }
        assert_eq!(
            doc,
            markdown(),
            "run CORDIAL_UPDATE=1 cargo test --lib facts"
        );
    }
}
