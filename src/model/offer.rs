//! Offers: every number that changes what the customer pays.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Something the agent may propose. Every term that changes what the customer pays must be declared here:
/// a term that is not declared is a hidden term.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Offer {
    /// What kind of offer this is; decides which terms are required.
    pub kind: OfferKind,
    /// Name of the offer in the guide.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// A sentence describing the offer for agents and customers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// ISO 4217 currency code of every amount (`USD`, `BRL`, `GBP`, …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = r"^[A-Z]{3}$"))]
    pub currency: Option<String>,
    /// Most installments the customer may choose.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_installments: Option<u32>,
    /// Smallest installment accepted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 0.0))]
    pub min_installment: Option<f64>,
    /// Monthly interest rate in percent; `0` means interest-free.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 0.0))]
    pub monthly_interest_pct: Option<f64>,
    /// Every fee, named, with its amount. An empty list says there are none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fees: Option<Vec<Fee>>,
    /// Largest discount on the balance, in percent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 0.0))]
    pub max_discount_pct: Option<f64>,
    /// Days the offer stays valid once presented.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_days: Option<u32>,
    /// For a deferral: the most days the first payment may be postponed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_deferral_days: Option<u32>,
    /// A worked example the guide shows, and cordial checks.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub example: Option<OfferExample>,
}

/// The kinds of offer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum OfferKind {
    /// The balance split into monthly installments.
    InstallmentPlan,
    /// A discount for paying the balance, usually within a few days.
    Discount,
    /// Payments postponed for a while.
    Deferral,
    /// A reduced lump sum that settles the account.
    Settlement,
}

impl OfferKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::InstallmentPlan => "installment-plan",
            Self::Discount => "discount",
            Self::Deferral => "deferral",
            Self::Settlement => "settlement",
        }
    }
}

/// A named fee.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Fee {
    /// What the fee is for.
    pub name: String,
    /// Fixed amount, in the offer's currency.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 0.0))]
    pub amount: Option<f64>,
    /// Or a percentage of the principal.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 0.0))]
    pub pct: Option<f64>,
}

/// A worked example of an offer.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OfferExample {
    /// The balance the example starts from.
    #[schemars(range(min = 0.0))]
    pub principal: f64,
    /// Number of installments in the example (default: the offer's maximum).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub installments: Option<u32>,
    /// The installment amount the example states; checked against the computed schedule.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub installment: Option<f64>,
    /// The total the customer pays, as the example states it; checked against the computed schedule.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total: Option<f64>,
}
