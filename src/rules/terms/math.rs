use rust_decimal::Decimal;

use super::offer_ptr;
use crate::analysis::schedule::{
    Schedule, currency_decimals, decimal_from_f64, format_money, price_schedule, round_money,
};
use crate::diagnostic::{Finding, Location, Severity};
use crate::model::{Offer, OfferExample, OfferKind};
use crate::rules::{Check, Citation, Context, Example, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "terms/math",
    severity: Severity::Error,
    summary: "impossible or inconsistent offer numbers, or a worked example the schedule does not give",
    packs: &["core"],
    rationale: "The numbers of an offer are what the agent quotes and what the customer signs. \
cordial recomputes them:\n\n\
- installment schedules use the standard annuity formula (Price table, French amortisation): \
`PMT = P·i / (1 − (1 + i)^−n)` with the monthly rate `i`, in decimal arithmetic, each payment \
rounded to the currency's minor unit (cents; none for JPY, three places for KWD) and the rounding \
difference carried by the last installment;\n\n\
- a worked `example` must agree with that schedule: its `installment` within one cent of the \
regular payment, its `total` (the payments plus every declared fee) within one cent per \
installment;\n\n\
- impossible combinations are errors: a discount over 100 %, zero installments, an example with \
more installments than the offer allows, a minimum installment above the example's principal, or \
an example whose installment falls below the offer's own minimum;\n\n\
- for discounts and settlements, an example total may not imply a larger discount than \
`max_discount_pct`.",
    citations: &[
        Citation {
            pack: "us",
            text: "15 U.S.C. 1692e(2)(A); 12 CFR 1006.18(b)(2)(i): no false representation of the amount of a debt",
        },
        Citation {
            pack: "br",
            text: "CDC art. 52 IV–V and art. 54-B: number of installments and total payable with and without financing, stated correctly",
        },
        Citation {
            pack: "uk",
            text: "FCA CONC 3.3.1R and PRIN 2A.5: communications are clear, fair and not misleading",
        },
    ],
    examples: &[
        Example {
            lang: "yaml",
            fails: true,
            text: "installments:\n  kind: installment-plan\n  currency: USD\n  max_installments: 12\n  monthly_interest_pct: 1.5\n  fees: []\n  example: {principal: 1250.00, installment: 104.17}\n",
        },
        Example {
            lang: "yaml",
            fails: false,
            text: "installments:\n  kind: installment-plan\n  currency: USD\n  max_installments: 12\n  monthly_interest_pct: 1.5\n  fees: []\n  example: {principal: 1250.00, installment: 114.60, total: 1375.19}\n",
        },
    ],
    suppressible: true,
};

pub struct Math;

/// Largest amount or percentage taken at face value; beyond it the number is a typo, and the
/// arithmetic below stays far from `Decimal`'s limits.
const LARGEST: i64 = 1_000_000_000_000_000;

/// A declared number as a decimal, when it is a plausible amount.
fn amount(value: f64) -> Option<Decimal> {
    decimal_from_f64(value).filter(|d| d.abs() <= Decimal::from(LARGEST))
}

/// Findings of one offer, with its id and money precision at hand.
struct OfferCheck<'a> {
    id: &'a str,
    offer: &'a Offer,
    decimals: u32,
    out: &'a mut Vec<Finding>,
}

impl OfferCheck<'_> {
    fn push(
        &mut self,
        field: &[&str],
        message: String,
        label: impl Into<String>,
        help: impl Into<String>,
    ) {
        self.out.push(
            Finding::new(
                META.code,
                message,
                Location::value(offer_ptr(self.id, field)),
            )
            .label(label)
            .help(help),
        );
    }

    fn money(&self, value: Decimal) -> String {
        let code = self.offer.currency.as_deref().unwrap_or("");
        format!("{} {code}", format_money(value, self.decimals))
            .trim_end()
            .to_string()
    }

    /// One minor unit of the currency: the tolerance for a stated amount.
    fn unit(&self) -> Decimal {
        Decimal::new(1, self.decimals)
    }

    fn limits(&mut self) {
        let id = self.id;
        if let Some(pct) = self.offer.max_discount_pct.filter(|p| *p > 100.0) {
            self.push(
                &["max_discount_pct"],
                format!(
                    "offer `{id}` allows a discount of {}%, over 100%",
                    readable(pct)
                ),
                "a discount cannot exceed the balance",
                "use a percentage between 0 and 100",
            );
        }
        if self.offer.max_installments == Some(0) {
            self.push(
                &["max_installments"],
                format!("offer `{id}` allows zero installments"),
                "a plan needs at least one installment",
                "set `max_installments` to 1 or more",
            );
        }
    }

    fn example(&mut self, example: &OfferExample) {
        let id = self.id;
        let Some(principal) = amount(example.principal) else {
            return;
        };
        if principal.is_sign_negative() {
            self.push(
                &["example", "principal"],
                format!("the example of offer `{id}` starts from a negative balance"),
                "negative principal",
                "use the balance before the offer, a positive amount",
            );
            return;
        }
        if let Some(min) = self
            .offer
            .min_installment
            .and_then(amount)
            .filter(|m| *m > principal)
        {
            let message = format!(
                "offer `{id}` has a minimum installment ({}) above its example's principal ({})",
                self.money(min),
                self.money(principal)
            );
            self.push(
                &["min_installment"],
                message,
                "no installment can reach this minimum",
                "lower `min_installment`, or use a larger example principal",
            );
        }
        if example.installments == Some(0) {
            self.push(
                &["example", "installments"],
                format!("the example of offer `{id}` has zero installments"),
                "at least one installment",
                "use 1 or more installments",
            );
            return;
        }
        if let (Some(n), Some(max)) = (example.installments, self.offer.max_installments)
            && n > max
        {
            self.push(&["example", "installments"], format!("the example of offer `{id}` uses {n} installments, more than its maximum of {max}"), format!("the offer allows at most {max}"), format!("use at most {max} installments in the example"));
        }
        match self.offer.kind {
            OfferKind::InstallmentPlan => self.installment_example(example, principal),
            OfferKind::Discount | OfferKind::Settlement => {
                self.discount_example(example, principal)
            }
            OfferKind::Deferral => {}
        }
    }

    fn fees_total(&self, principal: Decimal) -> Decimal {
        let hundred = Decimal::ONE_HUNDRED;
        self.offer
            .fees
            .iter()
            .flatten()
            .map(|fee| {
                let fixed = fee.amount.and_then(amount).unwrap_or_default();
                let share = fee
                    .pct
                    .and_then(amount)
                    .and_then(|p| principal.checked_mul(p)?.checked_div(hundred));
                fixed + share.map_or(Decimal::ZERO, |s| round_money(s, self.decimals))
            })
            .sum()
    }

    fn installment_example(&mut self, example: &OfferExample, principal: Decimal) {
        let id = self.id;
        let Some(count) = example.installments.or(self.offer.max_installments) else {
            return;
        };
        let Some(rate) = self.offer.monthly_interest_pct.and_then(amount) else {
            return;
        };
        let Some(schedule) = price_schedule(principal, rate, count, self.decimals) else {
            return;
        };
        let Some(regular) = schedule.regular_payment() else {
            return;
        };
        let described = describe(&schedule, count, rate, self.decimals);
        // Only a count the example states explicitly: with the default (the maximum), a small
        // balance simply allows fewer installments.
        let stated_count = example.installments.is_some();
        if let Some(min) = self
            .offer
            .min_installment
            .and_then(amount)
            .filter(|m| stated_count && regular < *m && *m <= principal)
        {
            let message = format!(
                "the example of offer `{id}` pays {} a month, below the offer's minimum installment of {}",
                self.money(regular),
                self.money(min)
            );
            self.push(
                &["example"],
                message,
                described.clone(),
                "use fewer installments in the example, or lower `min_installment`",
            );
        }
        if let Some(stated) = example.installment.and_then(amount)
            && (stated - regular).abs() > self.unit()
        {
            let message = format!(
                "the example of offer `{id}` states an installment of {}, but the schedule gives {}",
                self.money(stated),
                self.money(regular)
            );
            self.push(
                &["example", "installment"],
                message,
                described.clone(),
                format!(
                    "write `installment: {}`, or correct the rate or count",
                    format_money(regular, self.decimals)
                ),
            );
        }
        if let Some(stated) = example.total.and_then(amount) {
            let expected = schedule.total + self.fees_total(principal);
            let tolerance = self.unit() * Decimal::from(count);
            if (stated - expected).abs() > tolerance {
                let message = format!(
                    "the example of offer `{id}` states a total of {}, but the schedule and fees give {}",
                    self.money(stated),
                    self.money(expected)
                );
                self.push(
                    &["example", "total"],
                    message,
                    described,
                    format!(
                        "write `total: {}` (payments plus declared fees)",
                        format_money(expected, self.decimals)
                    ),
                );
            }
        }
    }

    fn discount_example(&mut self, example: &OfferExample, principal: Decimal) {
        let id = self.id;
        let (Some(total), Some(max)) = (
            example.total.and_then(amount),
            self.offer.max_discount_pct.and_then(amount),
        ) else {
            return;
        };
        if principal.is_zero() || max > Decimal::ONE_HUNDRED {
            return; // over 100 % is reported by `limits`
        }
        if total.is_sign_negative() {
            let message = format!(
                "the example of offer `{id}` has a negative total ({})",
                self.money(total)
            );
            self.push(
                &["example", "total"],
                message,
                "a customer never pays a negative amount",
                "write what the customer pays after the discount",
            );
            return;
        }
        let floor = round_money(
            principal * (Decimal::ONE_HUNDRED - max) / Decimal::ONE_HUNDRED,
            self.decimals,
        );
        if total + self.unit() <= floor {
            let implied = round_money((principal - total) * Decimal::ONE_HUNDRED / principal, 2);
            let message = format!(
                "the example of offer `{id}` pays {} of {}, a {implied}% discount, above the maximum of {max}%",
                self.money(total),
                self.money(principal)
            );
            self.push(&["example", "total"], message, format!("at most {max}% off: no less than {}", self.money(floor)), "raise the example total, or the declared `max_discount_pct` if that discount is really offered");
        }
    }
}

/// A declared number as the author would recognise it, without hundreds of digits for a typo.
fn readable(value: f64) -> String {
    if value.abs() >= 1e9 {
        format!("{value:e}")
    } else {
        value.to_string()
    }
}

/// The schedule in a few words, for labels.
fn describe(schedule: &Schedule, count: u32, rate: Decimal, decimals: u32) -> String {
    let regular = schedule.regular_payment().unwrap_or_default();
    let last = schedule.installments.last().map_or(regular, |i| i.payment);
    let money = |v| format_money(v, decimals);
    let tail = if last == regular {
        String::new()
    } else {
        format!(" (last {})", money(last))
    };
    format!(
        "{count} × {}{tail} at {rate}% a month: total {}",
        money(regular),
        money(schedule.total)
    )
}

impl Check for Math {
    fn run(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for (id, offer) in &cx.playbook.offers {
            let decimals = offer.currency.as_deref().map_or(2, currency_decimals);
            let mut check = OfferCheck {
                id,
                offer,
                decimals,
                out,
            };
            check.limits();
            if let Some(example) = &offer.example {
                check.example(example);
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
    const PLAN: &str = "kind: installment-plan, currency: USD, max_installments: 12, monthly_interest_pct: 1.5, fees: []";

    #[test]
    fn hand_computed_example_passes() {
        let yaml = playbook(&format!(
            "{{{PLAN}, example: {{principal: 1250, installment: 114.60, total: 1375.19}}}}"
        ));
        assert!(run_check(&Math, &yaml).is_empty());
        let six = playbook(&format!(
            "{{{PLAN}, example: {{principal: 1250, installments: 6, installment: 219.41, total: 1316.46}}}}"
        ));
        assert!(run_check(&Math, &six).is_empty());
        let free = playbook(
            "{kind: installment-plan, currency: BRL, max_installments: 3, monthly_interest_pct: 0, fees: [{name: boleto, amount: 2.5}], example: {principal: 100, total: 102.50}}",
        );
        assert!(run_check(&Math, &free).is_empty());
    }

    #[test]
    fn wrong_installment_and_total_fail() {
        let yaml = playbook(&format!(
            "{{{PLAN}, example: {{principal: 1250, installment: 104.17, total: 1250}}}}"
        ));
        let found = run_check(&Math, &yaml);
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(found[0].message.contains("114.60 USD"));
        assert!(found[1].message.contains("1375.19 USD"));
    }

    #[test]
    fn impossible_combinations_fail() {
        assert_eq!(
            run_check(
                &Math,
                &playbook("{kind: discount, currency: USD, max_discount_pct: 120, valid_days: 5}")
            )
            .len(),
            1
        );
        assert_eq!(run_check(&Math, &playbook("{kind: installment-plan, currency: USD, max_installments: 0, monthly_interest_pct: 0, fees: []}")).len(), 1);
        let min_above = playbook(
            "{kind: installment-plan, currency: USD, max_installments: 6, min_installment: 500, monthly_interest_pct: 0, fees: [], example: {principal: 300}}",
        );
        assert!(
            run_check(&Math, &min_above)
                .iter()
                .any(|f| f.message.contains("minimum installment (500.00 USD) above"))
        );
        let zero = playbook(
            "{kind: installment-plan, currency: USD, max_installments: 6, monthly_interest_pct: 0, fees: [], example: {principal: 300, installments: 0}}",
        );
        assert_eq!(run_check(&Math, &zero).len(), 1);
        let too_many = playbook(
            "{kind: installment-plan, currency: USD, max_installments: 6, monthly_interest_pct: 0, fees: [], example: {principal: 300, installments: 12}}",
        );
        assert_eq!(run_check(&Math, &too_many).len(), 1);
    }

    #[test]
    fn discount_example_beyond_the_maximum_fails() {
        let over = playbook(
            "{kind: discount, currency: BRL, max_discount_pct: 20, valid_days: 5, example: {principal: 1000, total: 700}}",
        );
        assert_eq!(run_check(&Math, &over).len(), 1);
        let within = playbook(
            "{kind: discount, currency: BRL, max_discount_pct: 20, valid_days: 5, example: {principal: 1000, total: 800}}",
        );
        assert!(run_check(&Math, &within).is_empty());
        let negative = playbook(
            "{kind: discount, currency: BRL, max_discount_pct: 20, valid_days: 5, example: {principal: 1000, total: -5}}",
        );
        assert!(
            run_check(&Math, &negative)[0]
                .message
                .contains("negative total")
        );
        let typo =
            playbook("{kind: discount, currency: BRL, max_discount_pct: 1e300, valid_days: 5}");
        assert!(run_check(&Math, &typo)[0].message.contains("1e300%"));
    }
}
