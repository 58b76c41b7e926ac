//! Installment schedules: the standard annuity (Price table, French amortisation) in decimal
//! arithmetic, the way lenders and collection systems compute them.
//!
//! Every payment is rounded to the currency's minor unit; the rounding difference lands on the
//! last installment, which therefore also closes the balance to exactly zero. Interest of each
//! period is computed on the outstanding balance and rounded the same way, so the schedule adds
//! up to the cent: `total == principal + total_interest`.

use rust_decimal::prelude::*;

/// Decimal places of an ISO 4217 currency's minor unit (2 when the code is unknown).
pub fn currency_decimals(code: &str) -> u32 {
    match code.trim().to_ascii_uppercase().as_str() {
        "BIF" | "CLP" | "DJF" | "GNF" | "ISK" | "JPY" | "KMF" | "KRW" | "PYG" | "RWF" | "UGX"
        | "UYI" | "VND" | "VUV" | "XAF" | "XOF" | "XPF" => 0,
        "BHD" | "IQD" | "JOD" | "KWD" | "LYD" | "OMR" | "TND" => 3,
        "CLF" | "UYW" => 4,
        _ => 2,
    }
}

/// One line of a schedule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Installment {
    /// 1-based position in the schedule.
    pub number: u32,
    /// What the customer pays this period.
    pub payment: Decimal,
    /// The part of the payment that is interest.
    pub interest: Decimal,
    /// The part of the payment that reduces the balance.
    pub principal: Decimal,
    /// The balance left after this payment.
    pub balance: Decimal,
}

/// A complete repayment schedule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Schedule {
    pub installments: Vec<Installment>,
    /// Sum of every payment.
    pub total: Decimal,
    /// Sum of every interest part: `total - principal`.
    pub total_interest: Decimal,
}

impl Schedule {
    /// The regular payment (the first installment's); the last may differ by the rounding.
    pub fn regular_payment(&self) -> Option<Decimal> {
        self.installments.first().map(|i| i.payment)
    }
}

/// Rounds money the way invoices do: half away from zero, to `decimals` places.
pub fn round_money(value: Decimal, decimals: u32) -> Decimal {
    value.round_dp_with_strategy(decimals, RoundingStrategy::MidpointAwayFromZero)
}

/// The longest schedule computed: a hundred years of monthly payments. Beyond it a count is a
/// typo, and computing it would only cost memory.
pub const MAX_INSTALLMENTS: u32 = 1200;

/// The annual effective rate of a monthly rate, in percent, to two places:
/// `((1 + m/100)^12 − 1) × 100` (1.99 % a month is 26.68 % a year). None on overflow or a
/// negative rate.
pub fn annual_effective_rate_pct(monthly_rate_pct: Decimal) -> Option<Decimal> {
    if monthly_rate_pct.is_sign_negative() {
        return None;
    }
    let factor = Decimal::ONE.checked_add(monthly_rate_pct.checked_div(Decimal::ONE_HUNDRED)?)?;
    let mut compounded = Decimal::ONE;
    for _ in 0..12 {
        compounded = compounded.checked_mul(factor)?;
    }
    let pct = compounded
        .checked_sub(Decimal::ONE)?
        .checked_mul(Decimal::ONE_HUNDRED)?;
    Some(round_money(pct, 2))
}

/// Money rounded and written with exactly `decimals` places (`500` → `500.00`).
pub fn format_money(value: Decimal, decimals: u32) -> String {
    let mut rounded = round_money(value, decimals);
    rounded.rescale(decimals);
    rounded.to_string()
}

/// The Price (French) schedule of `principal` repaid in `count` equal monthly installments at
/// `monthly_rate_pct` percent a month, rounded to `decimals` places.
///
/// None when there is nothing sensible to compute: no installments, more than
/// [`MAX_INSTALLMENTS`], a negative principal or rate, or numbers so large that decimal
/// arithmetic would overflow.
pub fn price_schedule(
    principal: Decimal,
    monthly_rate_pct: Decimal,
    count: u32,
    decimals: u32,
) -> Option<Schedule> {
    if count == 0
        || count > MAX_INSTALLMENTS
        || principal.is_sign_negative()
        || monthly_rate_pct.is_sign_negative()
    {
        return None;
    }
    let rate = monthly_rate_pct.checked_div(Decimal::ONE_HUNDRED)?;
    let n = Decimal::from(count);
    let exact_payment = if rate.is_zero() {
        principal.checked_div(n)?
    } else {
        // PMT = P·r·(1+r)^n / ((1+r)^n − 1)
        let growth = (Decimal::ONE + rate).checked_powu(u64::from(count))?;
        let denominator = growth.checked_sub(Decimal::ONE)?;
        if denominator.is_zero() {
            return None; // a rate too small for decimal precision: treat as not computable
        }
        principal
            .checked_mul(rate)?
            .checked_mul(growth)?
            .checked_div(denominator)?
    };
    let payment = round_money(exact_payment, decimals);

    let mut balance = round_money(principal, decimals);
    let mut installments = Vec::with_capacity(count as usize);
    let mut total = Decimal::ZERO;
    for number in 1..=count {
        let interest = round_money(balance.checked_mul(rate)?, decimals);
        // The last installment pays whatever is left, absorbing every rounding difference.
        let this_payment = if number == count {
            balance.checked_add(interest)?
        } else {
            payment
        };
        let principal_part = this_payment.checked_sub(interest)?;
        balance = balance.checked_sub(principal_part)?;
        total = total.checked_add(this_payment)?;
        installments.push(Installment {
            number,
            payment: this_payment,
            interest,
            principal: principal_part,
            balance,
        });
    }
    let total_interest = total.checked_sub(round_money(principal, decimals))?;
    Some(Schedule {
        installments,
        total,
        total_interest,
    })
}

/// A decimal from an `f64` as written in YAML (`1.99` stays `1.99`, not its binary neighbour).
pub fn decimal_from_f64(value: f64) -> Option<Decimal> {
    if !value.is_finite() {
        return None;
    }
    Decimal::from_str(&value.to_string())
        .ok()
        .or_else(|| Decimal::from_f64(value))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).expect("test decimal")
    }

    fn payments(s: &Schedule) -> Vec<String> {
        s.installments
            .iter()
            .map(|i| i.payment.to_string())
            .collect()
    }

    #[test]
    fn zero_interest_splits_evenly_with_the_remainder_last() {
        let s = price_schedule(d("100"), d("0"), 3, 2).expect("schedule");
        assert_eq!(payments(&s), ["33.33", "33.33", "33.34"]);
        assert_eq!(s.total, d("100.00"));
        assert_eq!(s.total_interest, d("0.00"));
        assert!(s.installments.iter().all(|i| i.interest.is_zero()));
        assert_eq!(s.installments[2].balance, d("0.00"));
    }

    #[test]
    fn one_installment_pays_one_month_of_interest() {
        let s = price_schedule(d("500"), d("2"), 1, 2).expect("schedule");
        assert_eq!(s.installments.len(), 1);
        assert_eq!(s.installments[0].payment, d("510.00"));
        assert_eq!(s.installments[0].interest, d("10.00"));
        assert_eq!(s.installments[0].principal, d("500.00"));
        assert_eq!(s.total, d("510.00"));
        let free = price_schedule(d("500"), d("0"), 1, 2).expect("schedule");
        assert_eq!(free.total, d("500.00"));
    }

    #[test]
    fn thousand_at_1_99_percent_over_twelve_months() {
        // Hand computation: 1.0199^12 = 1.266751…; PMT = 1000 × 0.0199 × 1.266751 / 0.266751
        // = 94.5015… → 94.50. First month: interest 19.90, principal 74.60, balance 925.40.
        let s = price_schedule(d("1000"), d("1.99"), 12, 2).expect("schedule");
        let first = &s.installments[0];
        assert_eq!(
            (
                first.payment,
                first.interest,
                first.principal,
                first.balance
            ),
            (d("94.50"), d("19.90"), d("74.60"), d("925.40"))
        );
        let last = &s.installments[11];
        assert_eq!(
            (last.payment, last.interest, last.principal, last.balance),
            (d("94.52"), d("1.84"), d("92.68"), d("0.00"))
        );
        assert_eq!(s.total, d("1134.02"));
        assert_eq!(s.total_interest, d("134.02"));
    }

    #[test]
    fn twelve_fifty_at_1_5_percent_over_twelve_months() {
        // 1.015^12 = 1.195618…; PMT = 1250 × 0.015 × 1.195618 / 0.195618 = 114.59999… → 114.60.
        let s = price_schedule(d("1250"), d("1.5"), 12, 2).expect("schedule");
        assert_eq!(s.installments[0].payment, d("114.60"));
        assert_eq!(s.installments[0].interest, d("18.75"));
        assert_eq!(s.installments[11].payment, d("114.59"));
        assert_eq!(s.installments[11].balance, d("0.00"));
        assert_eq!(s.total, d("1375.19"));
        assert_eq!(s.total, d("1250.00") + s.total_interest);
    }

    #[test]
    fn zero_decimal_currencies_round_to_units() {
        let s = price_schedule(d("100000"), d("0"), 3, currency_decimals("JPY")).expect("schedule");
        assert_eq!(payments(&s), ["33333", "33333", "33334"]);
    }

    #[test]
    fn impossible_inputs_give_none() {
        assert!(price_schedule(d("100"), d("1"), 0, 2).is_none());
        assert!(price_schedule(d("-1"), d("1"), 3, 2).is_none());
        assert!(price_schedule(d("100"), d("-1"), 3, 2).is_none());
        assert!(price_schedule(Decimal::MAX, d("50"), 600, 2).is_none());
        assert!(price_schedule(d("100"), d("1"), u32::MAX, 2).is_none());
    }

    #[test]
    fn currency_minor_units() {
        assert_eq!(currency_decimals("BRL"), 2);
        assert_eq!(currency_decimals("usd"), 2);
        assert_eq!(currency_decimals("JPY"), 0);
        assert_eq!(currency_decimals("KRW"), 0);
        assert_eq!(currency_decimals("CLP"), 0);
        assert_eq!(currency_decimals("BHD"), 3);
        assert_eq!(currency_decimals("KWD"), 3);
        assert_eq!(currency_decimals("XYZ"), 2);
    }

    #[test]
    fn money_is_written_with_the_currency_places() {
        assert_eq!(format_money(d("500"), 2), "500.00");
        assert_eq!(format_money(d("94.505"), 2), "94.51");
        assert_eq!(format_money(d("33333.4"), 0), "33333");
    }

    #[test]
    fn yaml_floats_become_exact_decimals() {
        assert_eq!(decimal_from_f64(1.99), Some(d("1.99")));
        assert_eq!(decimal_from_f64(f64::NAN), None);
    }

    #[test]
    fn annual_effective_rate_compounds_twelve_months() {
        let rate =
            |m: &str| annual_effective_rate_pct(m.parse().expect("decimal")).map(|d| d.to_string());
        assert_eq!(rate("1.99").as_deref(), Some("26.68"));
        assert_eq!(rate("0").as_deref(), Some("0"));
        assert_eq!(rate("-1"), None);
    }
}
