use rust_decimal::Decimal;

use super::offer_ptr;
use crate::analysis::claims::{Claim, ClaimKind, extract, sentence_around};
use crate::analysis::fold::fold;
use crate::analysis::schedule::decimal_from_f64;
use crate::diagnostic::{Finding, Location, Severity};
use crate::model::Offer;
use crate::rules::{Check, Citation, Context, Example, RuleMeta};
use crate::source::pointer;

pub static META: RuleMeta = RuleMeta {
    code: "terms/claim-mismatch",
    severity: Severity::Error,
    summary: "a script or template promises more than the offers declare",
    packs: &["core"],
    rationale: "What the customer hears must match what the customer gets. A script that says \
\"12x sem juros\" while the plan charges 1.99 % a month, or \"30 % off\" when the playbook allows \
20 %, is a misleading statement about the debt, however the numbers were meant.\n\n\
cordial reads the claims that `say` lines and templates make, in English and Portuguese, \
including informal spellings: discounts (`20% off`, `20 % de desconto`, `20%OFF`), installment \
counts (`12x`, `até 12 parcelas`, `up to 12 monthly payments`), `interest-free` / `sem juros` / \
`juro zero`, monthly rates (`1,99% a.m.`, `1.5% interest per month`), `no fees` / `sem taxas`, and \
validity (`valid for 5 days`, `válida por 5 dias`, `nos próximos 5 dias`). A claim is tied to \
the offer its sentence names (by title, or by id written as words) when that offer declares \
the term; otherwise a step's claims are compared with the offers that step \
presents (all offers when it presents none), a template's with all the playbook's offers, and \
an offer's `title` and `description` with that offer alone. A period that belongs to the \
consumer's rights or to a reply (\"You may dispute all or part of the debt within 30 days\", a \
validation period, a deadline to answer or to withdraw) is never an offer's validity, and \
\"within 5 days\" is a validity only in a sentence that speaks about an offer. A claim passes when at least one of those offers supports it: a \
discount or installment count up to the declared maximum, no interest when a plan charges 0 % \
(a plan covering the installment count claimed in the same sentence), the stated rate, no fees \
when a plan declares `fees: []`, the declared validity. A discount or installment count that no \
offer declares at all is a hidden term and fails too. Amounts of money and dates are not \
claims.",
    citations: &[
        Citation {
            pack: "us",
            text: "15 U.S.C. 1692e(2)(A) and 1692e(10); 12 CFR 1006.18(a)–(b): no false or misleading representation",
        },
        Citation {
            pack: "br",
            text: "CDC art. 37 §1 (misleading advertising), art. 52 and art. 54-C III (no concealing of charges)",
        },
        Citation {
            pack: "uk",
            text: "FCA CONC 3.3.1R and CONC 7.3.4R; PRIN 2A.5: clear, fair and not misleading",
        },
    ],
    examples: &[
        Example {
            lang: "yaml",
            fails: true,
            text: "offers:\n  plano: {kind: installment-plan, currency: BRL, max_installments: 12, monthly_interest_pct: 1.99, fees: []}\nsteps:\n  proposta:\n    offers: [plano]\n    say: [\"Parcele em até 12x sem juros!\"]\n",
        },
        Example {
            lang: "yaml",
            fails: true,
            text: "offers:\n  early: {kind: discount, currency: USD, max_discount_pct: 20, valid_days: 5}\nsteps:\n  options:\n    offers: [early]\n    say: [\"Pay today and take 30% off.\"]\n",
        },
        Example {
            lang: "yaml",
            fails: false,
            text: "offers:\n  plano: {kind: installment-plan, currency: BRL, max_installments: 12, monthly_interest_pct: 1.99, fees: []}\nsteps:\n  proposta:\n    offers: [plano]\n    say: [\"Parcele em até 12x, com juros de 1,99% a.m. e sem taxas.\"]\n",
        },
    ],
    suppressible: true,
};

pub struct ClaimMismatch;

/// Why a claim fails against a set of offers, and which offer field shows it.
struct Mismatch {
    message: String,
    evidence: Option<(String, String)>,
}

fn pct(value: f64) -> Option<Decimal> {
    decimal_from_f64(value)
}

/// Judges one claim against the offers in scope; None when some offer supports it.
fn judge(claim: &Claim, sibling_count: Option<u32>, offers: &[(&str, &Offer)]) -> Option<Mismatch> {
    let words = claim.kind.describe();
    let field_of = |id: &str, field: &str, text: String| Some((offer_ptr(id, &[field]), text));
    match claim.kind {
        ClaimKind::DiscountPct(claimed) => {
            let declared: Vec<_> = offers
                .iter()
                .filter_map(|(id, o)| Some((*id, pct(o.max_discount_pct?)?)))
                .collect();
            if declared.iter().any(|(_, max)| *max >= claimed) {
                return None;
            }
            Some(match declared.iter().max_by_key(|(_, max)| *max) {
                Some((id, max)) => Mismatch {
                    message: format!(
                        "promises {words}, but the largest discount declared is {max}% (offer `{id}`)"
                    ),
                    evidence: field_of(id, "max_discount_pct", format!("at most {max}%")),
                },
                None => Mismatch {
                    message: format!("promises {words}, but no offer in scope declares a discount"),
                    evidence: None,
                },
            })
        }
        ClaimKind::Installments(claimed) => {
            let declared: Vec<_> = offers
                .iter()
                .filter_map(|(id, o)| Some((*id, o.max_installments?)))
                .collect();
            if declared.iter().any(|(_, max)| *max >= claimed) {
                return None;
            }
            Some(match declared.iter().max_by_key(|(_, max)| *max) {
                Some((id, max)) => Mismatch {
                    message: format!("promises {words}, but offer `{id}` allows at most {max}"),
                    evidence: field_of(
                        id,
                        "max_installments",
                        format!("at most {max} installments"),
                    ),
                },
                None => Mismatch {
                    message: format!(
                        "promises {words}, but no offer in scope declares an installment plan"
                    ),
                    evidence: None,
                },
            })
        }
        ClaimKind::InterestFree => {
            let all_rated: Vec<_> = offers
                .iter()
                .filter_map(|(id, o)| {
                    Some((*id, pct(o.monthly_interest_pct?)?, o.max_installments))
                })
                .collect();
            // With a count claimed in the same text, judge the plans that allow that count;
            // when none does, the count is wrong on its own and every plan is judged.
            let covering: Vec<_> = all_rated
                .iter()
                .filter(|(_, _, max)| sibling_count.is_none_or(|n| max.is_none_or(|max| max >= n)))
                .map(|&(id, rate, _)| (id, rate))
                .collect();
            let rated = if covering.is_empty() {
                all_rated.iter().map(|&(id, rate, _)| (id, rate)).collect()
            } else {
                covering
            };
            if rated.is_empty() || rated.iter().any(|(_, r)| r.is_zero()) {
                return None;
            }
            let (id, rate) = rated[0];
            Some(Mismatch {
                message: format!("promises {words}, but offer `{id}` charges {rate}% a month"),
                evidence: field_of(id, "monthly_interest_pct", format!("{rate}% a month")),
            })
        }
        ClaimKind::MonthlyInterestPct(claimed) => {
            let rated: Vec<_> = offers
                .iter()
                .filter_map(|(id, o)| Some((*id, pct(o.monthly_interest_pct?)?)))
                .collect();
            if rated.is_empty() || rated.iter().any(|(_, r)| *r == claimed) {
                return None;
            }
            let (id, rate) = rated[0];
            Some(Mismatch {
                message: format!("states {words}, but offer `{id}` charges {rate}% a month"),
                evidence: field_of(id, "monthly_interest_pct", format!("{rate}% a month")),
            })
        }
        ClaimKind::NoFees => {
            let with_fees: Vec<_> = offers
                .iter()
                .filter_map(|(id, o)| Some((*id, o.fees.as_ref()?)))
                .collect();
            if with_fees.is_empty() || with_fees.iter().any(|(_, fees)| fees.is_empty()) {
                return None;
            }
            let (id, fees) = with_fees[0];
            let names = fees
                .iter()
                .map(|f| f.name.as_str())
                .collect::<Vec<_>>()
                .join(", ");
            Some(Mismatch {
                message: format!("promises {words}, but offer `{id}` charges: {names}"),
                evidence: field_of(id, "fees", format!("fees: {names}")),
            })
        }
        ClaimKind::ValidDays(claimed) => {
            let declared: Vec<_> = offers
                .iter()
                .filter_map(|(id, o)| Some((*id, o.valid_days?)))
                .collect();
            if declared.is_empty() || declared.iter().any(|(_, d)| *d == claimed) {
                return None;
            }
            let (id, days) = declared[0];
            Some(Mismatch {
                message: format!("states a {words}, but offer `{id}` is valid for {days} days"),
                evidence: field_of(id, "valid_days", format!("valid for {days} days")),
            })
        }
    }
}

/// The offers `text` names, by title or by id written as words (`early-settlement` as "early
/// settlement"); names shorter than four letters are too ambiguous to count.
fn named_in<'o>(text: &str, offers: &[(&'o str, &'o Offer)]) -> Vec<(&'o str, &'o Offer)> {
    let folded = format!(" {} ", words_of(&fold(text).text));
    offers
        .iter()
        .filter(|(id, offer)| {
            let title = offer.title.as_deref().map(|t| words_of(&fold(t).text));
            let id = words_of(&id.replace(['-', '_'], " "));
            [Some(id), title]
                .into_iter()
                .flatten()
                .any(|name| name.len() >= 4 && folded.contains(&format!(" {name} ")))
        })
        .copied()
        .collect()
}

/// Lowercase words separated by single spaces, punctuation dropped.
fn words_of(text: &str) -> String {
    text.split(|c: char| !c.is_alphanumeric() && c != '%')
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether `offer` declares the term a claim speaks about, so that naming it ties the claim.
fn declares(kind: ClaimKind, offer: &Offer) -> bool {
    match kind {
        ClaimKind::DiscountPct(_) => offer.max_discount_pct.is_some(),
        ClaimKind::Installments(_) => offer.max_installments.is_some(),
        ClaimKind::InterestFree | ClaimKind::MonthlyInterestPct(_) => {
            offer.monthly_interest_pct.is_some()
        }
        ClaimKind::NoFees => offer.fees.is_some(),
        ClaimKind::ValidDays(_) => offer.valid_days.is_some(),
    }
}

/// Judges every claim of one text. A claim is tied to the offers its sentence names that
/// declare the term it speaks about, else to `offers` (the offers presented).
fn check_text(
    pointer: String,
    text: &str,
    offers: &[(&str, &Offer)],
    all: &[(&str, &Offer)],
    whose: &str,
    out: &mut Vec<Finding>,
) {
    let claims = extract(text);
    let sibling_count = claims.iter().find_map(|c| match c.kind {
        ClaimKind::Installments(n) => Some(n),
        _ => None,
    });
    for claim in &claims {
        let named: Vec<_> = named_in(&text[sentence_around(text, claim.range.clone())], all)
            .into_iter()
            .filter(|(_, offer)| declares(claim.kind, offer))
            .collect();
        let scope = if named.is_empty() { offers } else { &named };
        let Some(mismatch) = judge(claim, sibling_count, scope) else {
            continue;
        };
        let mut finding = Finding::new(META.code, format!("{whose} {}", mismatch.message), Location::text(pointer.clone(), claim.range.clone()))
            .label(format!("claims {}", claim.kind.describe()))
            .help("make the words match the declared offer, or change the offer if this is what is really offered");
        if let Some((at, text)) = mismatch.evidence {
            finding = finding.related(Location::value(at), text);
        }
        out.push(finding);
    }
}

impl Check for ClaimMismatch {
    fn run(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let all: Vec<(&str, &Offer)> = cx
            .playbook
            .offers
            .iter()
            .map(|(id, o)| (id.as_str(), o))
            .collect();
        for (id, step) in &cx.playbook.steps {
            let presented: Vec<(&str, &Offer)> = step
                .offers
                .iter()
                .filter_map(|o| cx.playbook.offers.get_key_value(o))
                .map(|(k, o)| (k.as_str(), o))
                .collect();
            let scope = if step.offers.is_empty() {
                &all
            } else {
                &presented
            };
            for (i, line) in step.say.iter().enumerate() {
                check_text(
                    pointer(["steps", id, "say", &i.to_string()]),
                    line,
                    scope,
                    &all,
                    &format!("step `{id}`"),
                    out,
                );
            }
        }
        // An offer's own title and description are shown to agents in the guide: they must
        // describe that offer and no other.
        for (id, offer) in &cx.playbook.offers {
            let own = [(id.as_str(), offer)];
            let whose = format!("offer `{id}`");
            for (field, text) in [("title", &offer.title), ("description", &offer.description)] {
                if let Some(text) = text {
                    check_text(
                        pointer(["offers", id, field]),
                        text,
                        &own,
                        &own,
                        &whose,
                        out,
                    );
                }
            }
        }
        for (id, template) in &cx.playbook.templates {
            let whose = format!("template `{id}`");
            if let Some(subject) = &template.subject {
                check_text(
                    pointer(["templates", id, "subject"]),
                    subject,
                    &all,
                    &all,
                    &whose,
                    out,
                );
            }
            check_text(
                pointer(["templates", id, "text"]),
                &template.text,
                &all,
                &all,
                &whose,
                out,
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::run_check;

    const OFFERS: &str = "offers:\n  plan: {kind: installment-plan, currency: BRL, max_installments: 12, monthly_interest_pct: 1.99, fees: []}\n  free: {kind: installment-plan, currency: BRL, max_installments: 3, monthly_interest_pct: 0, fees: [{name: boleto, amount: 2.5}]}\n  desconto: {kind: discount, currency: BRL, max_discount_pct: 20, valid_days: 5}\n";

    fn playbook(step_offers: &str, say: &str) -> String {
        format!(
            "cordial: 1\nid: t\ntitle: T\nlocale: pt-BR\nstart: s\nsteps:\n  s:\n    offers: [{step_offers}]\n    say: [\"{say}\"]\n    outcome: callback\n{OFFERS}"
        )
    }

    fn messages(yaml: &str) -> Vec<String> {
        run_check(&ClaimMismatch, yaml)
            .into_iter()
            .map(|f| f.message)
            .collect()
    }

    #[test]
    fn claims_within_the_offers_pass() {
        assert!(
            messages(&playbook(
                "plan, desconto",
                "Até 12x com juros de 1,99% a.m., ou 20% de desconto válido por 5 dias."
            ))
            .is_empty()
        );
        assert!(messages(&playbook("free", "Em até 3x sem juros.")).is_empty());
        assert!(messages(&playbook("plan", "Sem taxas!")).is_empty());
    }

    #[test]
    fn a_claim_is_judged_against_the_offer_its_sentence_names() {
        let yaml = playbook(
            "plan, free, desconto",
            "Plan: 12x at 1,99% a.m. Free: 3x sem juros.",
        )
        .replace("  free: {", "  free: {title: Free, ");
        assert!(messages(&yaml).is_empty(), "{:?}", messages(&yaml));
        let yaml = playbook("plan, free", "Free: 12x sem juros.")
            .replace("  free: {", "  free: {title: Free, ");
        assert_eq!(
            messages(&yaml),
            ["step `s` promises 12 installments, but offer `free` allows at most 3"]
        );
    }

    #[test]
    fn a_dispute_window_is_not_an_offer_validity() {
        let yaml = playbook(
            "desconto",
            "You may dispute all or part of the debt within 30 days. Offer valid for 5 days.",
        );
        assert!(messages(&yaml).is_empty(), "{:?}", messages(&yaml));
    }

    #[test]
    fn claims_beyond_the_offers_fail_and_point_at_the_words() {
        let yaml = playbook("plan, free", "Parcele em 12x sem juros!");
        let found = run_check(&ClaimMismatch, &yaml);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0]
                .message
                .contains("offer `plan` charges 1.99% a month")
        );
        assert_eq!(
            found[0].primary.location,
            Location::text("/steps/s/say/0", 15..24)
        );
        assert_eq!(messages(&playbook("desconto", "Hoje 30%OFF!")).len(), 1);
        assert_eq!(
            messages(&playbook("plan", "In up to 24 payments.")).len(),
            1
        );
        assert_eq!(
            messages(&playbook("desconto", "Válida por 10 dias.")).len(),
            1
        );
        assert_eq!(messages(&playbook("free", "No fees at all.")).len(), 1);
        assert_eq!(
            messages(&playbook("desconto", "Em até 6x.")),
            [
                "step `s` promises 6 installments, but no offer in scope declares an installment plan"
            ]
        );
    }
}
