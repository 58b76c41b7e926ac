use crate::diagnostic::{Finding, Location, Severity};
use crate::rules::{Example, RuleMeta};
use crate::wording::codes;

pub static META: RuleMeta = RuleMeta {
    code: "wording/locale-fallback",
    severity: Severity::Info,
    summary: "no wording pack for the playbook's language yet: only the universal lists are checked",
    packs: &["core"],
    rationale: "The wording lists exist for English (`en`) and Portuguese (`pt`, shared by pt-BR and \
pt-PT). A playbook in another language is still checked with the universal lists (threatening or \
insulting emoji) and every structural rule, but its sentences are not read for threats, abuse or \
pressure. This finding says so, once per playbook, so that nobody mistakes silence for approval.",
    citations: &[],
    examples: &[
        Example {
            lang: "yaml",
            fails: true,
            text: "locale: de-DE\n",
        },
        Example {
            lang: "yaml",
            fails: false,
            text: "locale: pt-BR\n",
        },
    ],
    suppressible: true,
};

/// The one finding for a playbook whose language has no pack.
pub fn finding(locale: &str) -> Finding {
    Finding::new(
        codes::LOCALE_FALLBACK,
        format!("no wording pack for `{locale}`: only the universal lists are checked"),
        Location::value("/locale"),
    )
    .label("language without a wording pack")
    .help("have the texts reviewed by a person, or write the playbook in a supported language (`en`, `pt`)")
}
