//! The playbook format, version 1: serde and schemars types, the single source of the schema.
//!
//! Doc comments become the JSON Schema's descriptions, which editors show as hover text, so they
//! are written for a process owner rather than for a Rust reader.

mod offer;
mod step;
mod template;

pub use offer::*;
pub use step::*;
pub use template::*;

use indexmap::IndexMap;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A cordial playbook: the service template a company follows with a customer who is behind on payments.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "cordial playbook")]
pub struct Playbook {
    /// Format version of this file. Always `1`.
    #[schemars(range(min = 1, max = 1))]
    pub cordial: u32,
    /// Stable slug, unique across the repository (lowercase letters, digits and dashes).
    #[schemars(regex(pattern = r"^[a-z0-9][a-z0-9-]*$"))]
    pub id: String,
    /// Human title, shown at the top of the guide.
    #[schemars(length(min = 1))]
    pub title: String,
    /// BCP 47 tag of the language the prompts are written in (`en`, `en-US`, `pt-BR`, …). Selects the wording packs.
    #[schemars(regex(pattern = r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$"))]
    pub locale: String,
    /// The law that applies: `us` (FDCPA, Regulation F), `br` (CDC, Lei 14.181/2021), `uk` (FCA CONC 7). Empty: only the universal rules.
    #[serde(default)]
    pub jurisdictions: Vec<Jurisdiction>,
    /// Brazilian states (UF codes: `SP`, `RJ`, …) where this playbook's customers live. Selects the per-state contact hours a `cordial.toml` configures; when left out, the strictest configured state applies.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(inner(regex(
        pattern = r"^(AC|AL|AP|AM|BA|CE|DF|ES|GO|MA|MT|MS|MG|PA|PB|PR|PE|PI|RJ|RN|RS|RO|RR|SC|SP|SE|TO)$"
    )))]
    pub states: Vec<String>,
    /// Who collects: `first-party` (a company collecting its own accounts) or `third-party` (an agency or debt buyer). Default `third-party`.
    #[serde(default)]
    pub collector: Collector,
    /// Who is owed: shown on collection documents (Brazil's CDC art. 42-A wants the creditor's name and CNPJ on every one).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub creditor: Option<Creditor>,
    /// Facts about the portfolio this playbook collects.
    #[serde(default)]
    pub debt: Debt,
    /// Who maintains this playbook.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    /// A free version label, shown in the guide.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// A paragraph introducing the playbook in the guide.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    /// The placeholders `{name}` that prompts and templates may use.
    #[serde(default)]
    pub variables: IndexMap<String, Variable>,
    /// Id of the first step of the conversation.
    pub start: String,
    /// The steps of the conversation, by id. Document order is the guide's order.
    #[schemars(length(min = 1))]
    pub steps: IndexMap<String, Step>,
    /// The offers agents may present, by id.
    #[serde(default)]
    pub offers: IndexMap<String, Offer>,
    /// Message templates (SMS, e-mail, letter, WhatsApp, IVR, push), by id.
    #[serde(default)]
    pub templates: IndexMap<String, Template>,
    /// The contact plan: touches over days relative to the due date.
    #[serde(default)]
    pub cadence: Vec<Touch>,
    /// When customers may be contacted, in their local time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact_hours: Option<ContactHours>,
    /// Playbook-specific phrases, required wording and documented exceptions.
    #[serde(default)]
    pub compliance: Compliance,
}

/// A rule pack for the law of one jurisdiction.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Jurisdiction {
    /// United States: FDCPA and Regulation F (12 CFR part 1006).
    Us,
    /// Brazil: Código de Defesa do Consumidor and Lei 14.181/2021.
    Br,
    /// United Kingdom: FCA Consumer Credit sourcebook, chapter 7.
    Uk,
}

impl Jurisdiction {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Us => "us",
            Self::Br => "br",
            Self::Uk => "uk",
        }
    }
}

/// Who collects the debt.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Collector {
    /// The company collects its own accounts.
    FirstParty,
    /// An agency or a debt buyer collects for someone else.
    #[default]
    ThirdParty,
}

/// The creditor named on collection documents.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Creditor {
    /// The creditor's legal or trade name.
    pub name: String,
    /// Tax id: the CNPJ (Brazil) or another registration number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tax_id: Option<String>,
    /// What the creditor does: `utility`, `telecom`, `bank`, `retail`, `health` or `education`. Selects the sector rules (a utility may announce a supply cut after the notice the law requires; a school may not withhold exams).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sector: Option<Sector>,
}

/// The creditor's line of business.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Sector {
    /// Water, sewage, electricity or gas supply.
    Utility,
    /// Telephone, internet or pay TV.
    Telecom,
    /// Banks, card issuers and lenders.
    Bank,
    /// Shops and consumer finance at the point of sale.
    Retail,
    /// Health plans, hospitals and clinics.
    Health,
    /// Schools, colleges and universities.
    Education,
}

impl Sector {
    pub const ALL: [Self; 6] = [
        Self::Utility,
        Self::Telecom,
        Self::Bank,
        Self::Retail,
        Self::Health,
        Self::Education,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Utility => "utility",
            Self::Telecom => "telecom",
            Self::Bank => "bank",
            Self::Retail => "retail",
            Self::Health => "health",
            Self::Education => "education",
        }
    }
}

/// Facts about the debts this playbook collects.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Debt {
    /// The debts are past the statute of limitations: no lawsuit may be threatened or filed.
    #[serde(default)]
    pub time_barred: bool,
    /// An example due date, `YYYY-MM-DD`: the guide shows the contact plan on the calendar from it, and `cadence/forbidden-day` checks which touches fall on a day without contact (a Sunday, a holiday, a day `contact_hours` leaves out).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = r"^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"))]
    pub example_due_date: Option<String>,
}

/// A placeholder that prompts and templates may use as `{name}`.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Variable {
    /// What kind of value it holds; `money` values count as debt details.
    #[serde(rename = "type")]
    pub kind: VariableKind,
    /// An example value: the guide shows it, and SMS lengths are measured with it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub example: Option<ScalarValue>,
    /// What the value means, for the guide.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// What kind of value a variable holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum VariableKind {
    Text,
    Money,
    Date,
    Number,
    Percent,
}

/// A scalar example value: text, number or boolean.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum ScalarValue {
    Number(f64),
    Text(String),
    Bool(bool),
}

impl std::fmt::Display for ScalarValue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => write!(f, "{}", *n as i64),
            Self::Number(n) => write!(f, "{n}"),
            Self::Text(s) => f.write_str(s),
            Self::Bool(b) => write!(f, "{b}"),
        }
    }
}

/// Playbook-specific wording rules and documented exceptions.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Compliance {
    /// Extra phrases this playbook forbids (`wording/prohibited`).
    #[serde(default)]
    pub prohibited: Vec<ProhibitedPhrase>,
    /// Phrases that must appear in every template of a channel, or in a given step (`wording/required`).
    #[serde(default)]
    pub require: Vec<RequiredPhrase>,
    /// Documented exceptions: each silences one rule in one step or template, and needs a reason.
    #[serde(default)]
    pub allow: Vec<Allowance>,
}

/// A phrase this playbook forbids.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ProhibitedPhrase {
    /// The phrase; matched folding case, accents and word forms the way the built-in lists are.
    #[schemars(length(min = 1))]
    pub phrase: String,
    /// Why it is forbidden; shown with the finding.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// `error` (default) or `warning`.
    #[serde(default)]
    pub severity: PhraseSeverity,
    /// A wording to use instead, shown as help.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instead: Option<String>,
}

/// How serious a playbook-specific phrase is.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum PhraseSeverity {
    #[default]
    Error,
    Warning,
}

/// A phrase that must appear.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RequiredPhrase {
    /// The phrase; matched folding case and accents.
    #[schemars(length(min = 1))]
    pub phrase: String,
    /// Where it must appear: a channel name (every template of that channel), `{step: id}` or `{template: id}`.
    #[serde(rename = "in")]
    pub scope: RequiredScope,
}

/// Where a required phrase must appear.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum RequiredScope {
    /// Every template of this channel.
    Channel(Channel),
    /// One step's `say` lines.
    Step {
        /// Id of the step.
        step: String,
    },
    /// One template's text.
    Template {
        /// Id of the template.
        template: String,
    },
}

/// A documented exception to one rule.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Allowance {
    /// The rule code to silence, such as `wording/legal-action`.
    pub rule: String,
    /// Limit the exception to this step.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub step: Option<String>,
    /// Limit the exception to this template.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub template: Option<String>,
    /// Why the exception is justified, and who approved it. Required: an exception without a reason is itself a finding.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}
