use super::offer_ptr;
use crate::diagnostic::{Finding, Location, Severity};
use crate::model::{Offer, OfferKind};
use crate::rules::{Check, Citation, Context, Example, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "terms/missing",
    severity: Severity::Error,
    summary: "an offer lacks a term its kind requires",
    packs: &["core"],
    rationale: "A term that is not declared is a hidden term. When an installment plan does not \
say its interest rate or its fees, the agent improvises them on the call, the guide cannot show a \
schedule, and the customer agrees to a cost nobody wrote down. Each kind of offer must declare \
every number that changes what the customer pays:\n\n\
- `installment-plan`: `currency`, `max_installments`, `monthly_interest_pct`, `fees`;\n\n\
- `deferral`: `currency`, `max_deferral_days`, `monthly_interest_pct`, `fees`;\n\n\
- `discount`: `currency`, `max_discount_pct`, `valid_days`;\n\n\
- `settlement`: `currency`, `max_discount_pct`, `valid_days`.\n\n\
`fees: []` says there are none; `monthly_interest_pct: 0` says the plan is interest-free. Every \
listed fee needs an `amount` or a `pct`.",
    citations: &[
        Citation {
            pack: "us",
            text: "15 U.S.C. 1692e(2)(A) and 1692f(1); 12 CFR 1006.18(b)(2) and 1006.22(b): no misrepresented or unauthorized amounts",
        },
        Citation {
            pack: "br",
            text: "CDC art. 52 I–V and art. 54-B I–III: price, interest, add-ons, number of installments and total, stated before contracting",
        },
        Citation {
            pack: "uk",
            text: "FCA CONC 7.3.4R and PRIN 2A.5 (Consumer Duty, consumer understanding): forbearance terms the customer can understand",
        },
    ],
    examples: &[
        Example {
            lang: "yaml",
            fails: true,
            text: "installments:\n  kind: installment-plan\n  currency: BRL\n  max_installments: 12\n",
        },
        Example {
            lang: "yaml",
            fails: false,
            text: "installments:\n  kind: installment-plan\n  currency: BRL\n  max_installments: 12\n  monthly_interest_pct: 1.99\n  fees: []\n",
        },
    ],
    suppressible: true,
};

/// One term an offer may declare: its key and whether the offer declares it.
struct Term {
    key: &'static str,
    declared: fn(&Offer) -> bool,
    help: &'static str,
}

const CURRENCY: Term = Term {
    key: "currency",
    declared: |o| o.currency.is_some(),
    help: "add `currency:` with the ISO 4217 code of its amounts (`USD`, `BRL`, `GBP`)",
};
const MAX_INSTALLMENTS: Term = Term {
    key: "max_installments",
    declared: |o| o.max_installments.is_some(),
    help: "add `max_installments:` with the most installments the customer may choose",
};
const INTEREST: Term = Term {
    key: "monthly_interest_pct",
    declared: |o| o.monthly_interest_pct.is_some(),
    help: "add `monthly_interest_pct:` with the monthly rate in percent (`0` if it is interest-free)",
};
const FEES: Term = Term {
    key: "fees",
    declared: |o| o.fees.is_some(),
    help: "add `fees:` listing every fee with its amount, or `fees: []` if there are none",
};
const DISCOUNT: Term = Term {
    key: "max_discount_pct",
    declared: |o| o.max_discount_pct.is_some(),
    help: "add `max_discount_pct:` with the largest discount in percent",
};
const VALIDITY: Term = Term {
    key: "valid_days",
    declared: |o| o.valid_days.is_some(),
    help: "add `valid_days:` with the days the offer stays valid once presented",
};
const DEFERRAL: Term = Term {
    key: "max_deferral_days",
    declared: |o| o.max_deferral_days.is_some(),
    help: "add `max_deferral_days:` with the most days the first payment may be postponed",
};

fn required(kind: OfferKind) -> &'static [Term] {
    match kind {
        OfferKind::InstallmentPlan => &[CURRENCY, MAX_INSTALLMENTS, INTEREST, FEES],
        OfferKind::Deferral => &[CURRENCY, DEFERRAL, INTEREST, FEES],
        OfferKind::Discount | OfferKind::Settlement => &[CURRENCY, DISCOUNT, VALIDITY],
    }
}

pub struct Missing;

impl Check for Missing {
    fn run(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for (id, offer) in &cx.playbook.offers {
            let kind = offer.kind.as_str();
            for term in required(offer.kind).iter().filter(|t| !(t.declared)(offer)) {
                out.push(
                    Finding::new(META.code, format!("{kind} offer `{id}` does not declare `{}`", term.key), Location::key(offer_ptr(id, &[])))
                        .label(format!("`{}` missing", term.key))
                        .help(term.help)
                        .note("a term that is not declared is a hidden term: the agent would improvise it on the call"),
                );
            }
            for (i, fee) in offer.fees.iter().flatten().enumerate() {
                if fee.amount.is_none() && fee.pct.is_none() {
                    out.push(
                        Finding::new(
                            META.code,
                            format!("fee `{}` of offer `{id}` has no amount", fee.name),
                            Location::value(offer_ptr(id, &["fees", &i.to_string()])),
                        )
                        .label("neither `amount` nor `pct`")
                        .help(
                            "add `amount:` (in the offer's currency) or `pct:` (of the principal)",
                        ),
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::run_check;

    fn playbook(offer: &str) -> String {
        format!(
            "cordial: 1\nid: t\ntitle: T\nlocale: en\nstart: s\nsteps:\n  s: {{offers: [o], outcome: callback}}\noffers:\n  o: {offer}\n"
        )
    }

    #[test]
    fn each_missing_term_is_reported() {
        let found = run_check(
            &Missing,
            &playbook("{kind: installment-plan, currency: USD, max_installments: 6}"),
        );
        let messages: Vec<&str> = found.iter().map(|f| f.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "installment-plan offer `o` does not declare `monthly_interest_pct`",
                "installment-plan offer `o` does not declare `fees`"
            ]
        );
        assert_eq!(run_check(&Missing, &playbook("{kind: discount}")).len(), 3);
        assert_eq!(run_check(&Missing, &playbook("{kind: deferral, currency: USD, max_deferral_days: 30, monthly_interest_pct: 0, fees: [{name: setup}]}")).len(), 1);
    }

    #[test]
    fn complete_offers_pass() {
        assert!(run_check(&Missing, &playbook("{kind: installment-plan, currency: USD, max_installments: 6, monthly_interest_pct: 0, fees: []}")).is_empty());
        assert!(
            run_check(
                &Missing,
                &playbook("{kind: settlement, currency: BRL, max_discount_pct: 40, valid_days: 3}")
            )
            .is_empty()
        );
        assert!(run_check(&Missing, &playbook("{kind: installment-plan, currency: USD, max_installments: 6, monthly_interest_pct: 1, fees: [{name: setup, amount: 5}]}")).is_empty());
    }
}
