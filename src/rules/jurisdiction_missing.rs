//! `jurisdiction/missing`: a playbook without `jurisdictions` loses every rule of the law.
//!
//! Without `jurisdictions` only the universal rules run, so a Brazilian playbook would silently
//! skip the CNPJ, hardship-route and contact-hours rules. When the playbook itself makes the law
//! obvious (a `pt-BR` locale, a CNPJ, BRL offers), that pack is applied and this note says why;
//! otherwise the note names every rule that did not run.

use std::sync::LazyLock;

use regex::Regex;

use crate::diagnostic::{Finding, Location, Severity};
use crate::model::{Jurisdiction, Playbook};
use crate::rules::{Check, Context, Example, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "jurisdiction/missing",
    severity: Severity::Info,
    summary: "no `jurisdictions`: the pack the playbook implies was applied, or the law's rules did not run",
    packs: &["core"],
    rationale: "The rules of the law (contact hours, call frequency, the hardship route, the creditor's \
CNPJ, the debt-collector disclosure, opt-out wording, notice before escalation) run only for the packs \
listed in `jurisdictions`. A playbook that leaves the key out would pass those rules by silence.\n\n\
When the playbook makes the jurisdiction obvious, cordial applies that pack and says why: a locale \
with a region (`pt-BR` → br, `en-US` → us, `en-GB` → uk), a creditor `tax_id` shaped like a CNPJ \
(br), or offers in BRL (br) or GBP (uk). The evidence must point to one pack only; when it points to \
several, none is applied and the note says so. An explicit list always wins and is never extended: \
`jurisdictions: []` says on purpose that no pack applies, and silences this note. Otherwise the note \
names every rule that did not run.",
    citations: &[],
    examples: &[
        Example {
            lang: "yaml",
            fails: true,
            text: "locale: pt-BR\ncreditor: {name: Águas do Vale, tax_id: 12.345.678/0001-95}\n",
        },
        Example {
            lang: "yaml",
            fails: false,
            text: "locale: pt-BR\njurisdictions: [br]\ncreditor: {name: Águas do Vale, tax_id: 12.345.678/0001-95}\n",
        },
    ],
    suppressible: true,
};

/// Why a pack was applied to a playbook that names none.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Inference {
    /// The pack applied; None when the evidence points to several.
    pub jurisdiction: Option<Jurisdiction>,
    /// The evidence, in words, each with the pack it points to.
    pub evidence: Vec<(Jurisdiction, String)>,
}

static CNPJ: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*\d{2}\.?\d{3}\.?\d{3}/?\d{4}-?\d{2}\s*$").expect("CNPJ pattern")
});

/// What the playbook says about the law that applies, when `jurisdictions` is empty.
pub fn infer(playbook: &Playbook) -> Option<Inference> {
    if !playbook.jurisdictions.is_empty() {
        return None;
    }
    let mut evidence: Vec<(Jurisdiction, String)> = Vec::new();
    let region = playbook
        .locale
        .split(['-', '_'])
        .nth(1)
        .map(str::to_ascii_lowercase);
    match region.as_deref() {
        Some("br") => evidence.push((
            Jurisdiction::Br,
            format!("the locale is `{}`", playbook.locale),
        )),
        Some("us") => evidence.push((
            Jurisdiction::Us,
            format!("the locale is `{}`", playbook.locale),
        )),
        Some("gb" | "uk") => {
            evidence.push((
                Jurisdiction::Uk,
                format!("the locale is `{}`", playbook.locale),
            ));
        }
        _ => {}
    }
    if let Some(tax_id) = playbook.creditor.as_ref().and_then(|c| c.tax_id.as_deref())
        && CNPJ.is_match(tax_id)
    {
        evidence.push((
            Jurisdiction::Br,
            format!("the creditor's tax id `{tax_id}` is a CNPJ"),
        ));
    }
    for (currency, jurisdiction) in [("BRL", Jurisdiction::Br), ("GBP", Jurisdiction::Uk)] {
        if playbook
            .offers
            .values()
            .any(|o| o.currency.as_deref() == Some(currency))
        {
            evidence.push((jurisdiction, format!("offers are in {currency}")));
        }
    }
    if evidence.is_empty() {
        return None;
    }
    let first = evidence[0].0;
    let single = evidence.iter().all(|(j, _)| *j == first);
    Some(Inference {
        jurisdiction: single.then_some(first),
        evidence,
    })
}

/// Rule codes that run only under some jurisdiction's pack.
fn law_rules() -> Vec<&'static str> {
    crate::rules::all()
        .iter()
        .filter(|m| !m.packs.is_empty() && m.packs.iter().all(|p| matches!(*p, "us" | "br" | "uk")))
        .map(|m| m.code)
        .collect()
}

fn quoted(codes: &[&str]) -> String {
    codes
        .iter()
        .map(|c| format!("`{c}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

pub struct MissingJurisdiction;

impl Check for MissingJurisdiction {
    fn run(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        if !cx.packs.missing {
            return;
        }
        let at = Location::key("/locale");
        let finding = match &cx.packs.inference {
            Some(Inference {
                jurisdiction: Some(j),
                evidence,
            }) => {
                let why: Vec<&str> = evidence.iter().map(|(_, e)| e.as_str()).collect();
                Finding::new(
                    META.code,
                    format!(
                        "no `jurisdictions`: the {} pack was applied because {}",
                        j.as_str(),
                        why.join(" and ")
                    ),
                    at,
                )
                .label(format!("implies `{}`", j.as_str()))
                .help(format!(
                    "write `jurisdictions: [{}]` to say so, or `jurisdictions: []` if no pack applies",
                    j.as_str()
                ))
            }
            other => {
                let conflict = other.as_ref().map(|i| {
                    let why: Vec<String> = i
                        .evidence
                        .iter()
                        .map(|(j, e)| format!("{e} ({})", j.as_str()))
                        .collect();
                    format!(" (the playbook points to several: {})", why.join(", "))
                });
                Finding::new(
                    META.code,
                    format!(
                        "no `jurisdictions`, so only the universal rules ran{}; not checked: {}",
                        conflict.unwrap_or_default(),
                        quoted(&law_rules())
                    ),
                    at,
                )
                .label("no jurisdiction for this playbook")
                .help("add `jurisdictions: [us]`, `[br]` or `[uk]` (several are allowed), or `jurisdictions: []` if no pack applies")
            }
        };
        out.push(finding);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn playbook(extra: &str) -> Playbook {
        serde_saphyr::from_str(&format!(
            "cordial: 1\nid: t\ntitle: T\nlocale: pt\nstart: a\nsteps:\n  a: {{outcome: paid}}\n{extra}"
        ))
        .expect("test playbook")
    }

    #[test]
    fn a_cnpj_implies_brazil() {
        let i = infer(&playbook(
            "creditor: {name: X, tax_id: 12.345.678/0001-95}\n",
        ))
        .expect("inferred");
        assert_eq!(i.jurisdiction, Some(Jurisdiction::Br));
    }

    #[test]
    fn conflicting_evidence_applies_nothing() {
        let p = playbook(
            "creditor: {name: X, tax_id: 12345678000195}\noffers:\n  o: {kind: discount, currency: GBP, max_discount_pct: 5}\n",
        );
        assert_eq!(infer(&p).expect("evidence").jurisdiction, None);
    }

    #[test]
    fn no_evidence_infers_nothing_and_a_list_wins() {
        assert_eq!(infer(&playbook("")), None);
        assert_eq!(
            infer(&playbook(
                "jurisdictions: [us]\ncreditor: {name: X, tax_id: 12345678000195}\n"
            )),
            None
        );
    }
}
