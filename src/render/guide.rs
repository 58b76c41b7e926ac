//! The JSON guide, format `cordial-guide/1`: what dialers, CRMs and chatbots read.
//!
//! A separate output model, not the input types serialised again, so the playbook format can
//! evolve without breaking consumers. Adding optional fields is compatible; renaming or removing
//! one means `cordial-guide/2`. Money computed by cordial is written as decimal strings (exact
//! to the currency's minor unit); numbers copied from the playbook stay JSON numbers.

use schemars::JsonSchema;
use serde::Serialize;

/// The format marker: always `cordial-guide/1` for this version of the model.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
pub enum Format {
    #[serde(rename = "cordial-guide/1")]
    V1,
}

/// A compiled playbook guide.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[schemars(title = "cordial guide")]
pub struct Guide {
    /// Version of this output format; consumers should check it.
    pub format: Format,
    /// The tool that wrote the guide.
    pub generator: Generator,
    /// Who the playbook is for and who maintains it.
    pub playbook: Metadata,
    /// The playbook file the guide was compiled from.
    pub source: Source,
    /// Id of the first step.
    pub start: String,
    /// The placeholders texts may use, with example values.
    pub variables: Vec<VariableInfo>,
    /// The steps in document order.
    pub steps: Vec<StepInfo>,
    /// Every fact that steps or touches establish or require.
    pub facts: Vec<FactInfo>,
    /// Every outcome some step ends with.
    pub outcomes: Vec<OutcomeInfo>,
    /// The offers, with their computed schedules.
    pub offers: Vec<OfferInfo>,
    /// The message templates, with rendered examples and lengths.
    pub templates: Vec<TemplateInfo>,
    /// The contact plan, in the order written.
    pub cadence: Vec<TouchInfo>,
    /// When customers may be contacted, in their local time.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contact_hours: Option<ContactHoursInfo>,
    /// What the check found, and the exceptions in force.
    pub findings: FindingsInfo,
    /// The rule packs the playbook was checked against.
    pub rule_packs: Vec<RulePack>,
}

/// The tool that wrote a guide.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Generator {
    /// Always `cordial`.
    pub name: String,
    /// The tool's version.
    pub version: String,
}

/// Playbook metadata.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Metadata {
    pub id: String,
    pub title: String,
    /// BCP 47 language tag of the prompts.
    pub locale: String,
    /// Jurisdiction codes: `us`, `br`, `uk`.
    pub jurisdictions: Vec<String>,
    /// `first-party` or `third-party`.
    pub collector: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub creditor: Option<CreditorInfo>,
    /// The debts are past the statute of limitations.
    pub time_barred: bool,
}

/// The creditor named on collection documents.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct CreditorInfo {
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tax_id: Option<String>,
}

/// The source file.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Source {
    /// The path as given on the command line.
    pub path: String,
    /// SHA-256 of the file's bytes, lowercase hex.
    pub sha256: String,
}

/// A placeholder.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct VariableInfo {
    pub name: String,
    /// `text`, `money`, `date`, `number` or `percent`.
    pub kind: String,
    /// The example value as it is written into texts.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub example: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// One step of the conversation.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct StepInfo {
    pub id: String,
    /// The step's heading (its id when it has no title).
    pub title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub goal: Option<String>,
    /// What the agent says, with `{placeholders}` as written, in the inline Markdown subset
    /// (emphasis, strong, code, step links; see `docs/format.md`).
    pub say: Vec<String>,
    /// The same lines with placeholders replaced by example values.
    pub say_example: Vec<String>,
    /// The same lines as plain text: the inline markup (`*`, `**`, `` ` ``, step links)
    /// removed, placeholders as written; what a bot or text-to-speech reads.
    pub say_plain: Vec<String>,
    /// Tips as written, in the inline Markdown subset (emphasis, strong, code, step links).
    pub tips: Vec<String>,
    /// The tips as plain text, markup removed.
    pub tips_plain: Vec<String>,
    /// "Don't say" examples for training.
    pub avoid: Vec<String>,
    /// Fields the agent must document.
    pub record: Vec<String>,
    /// Facts that hold once this step is done.
    pub establishes: Vec<String>,
    /// Facts that must hold on every path into this step.
    pub requires: Vec<String>,
    /// Ids of the offers that may be presented here.
    pub offers: Vec<String>,
    /// Where the conversation goes next, in the order written.
    pub transitions: Vec<Transition>,
    /// Set on terminal steps: how the conversation ended.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outcome: Option<String>,
    /// Outcomes reachable from this step (its own included).
    pub reachable_outcomes: Vec<String>,
    /// Whether a path from `start` reaches this step.
    pub reachable: bool,
}

/// A transition out of a step.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Transition {
    /// The situation for a conditional branch; absent for an unconditional move.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub when: Option<String>,
    /// Id of the target step.
    pub to: String,
    /// False when no step has that id (only in guides built with errors allowed).
    pub resolved: bool,
}

/// A fact, with the places that establish and require it.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct FactInfo {
    pub fact: String,
    /// Steps that establish it.
    pub established_by_steps: Vec<String>,
    /// Cadence touches (by index) that establish it.
    pub established_by_touches: Vec<usize>,
    /// Steps that require it.
    pub required_by: Vec<String>,
}

/// An outcome and the steps that end with it.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct OutcomeInfo {
    pub outcome: String,
    /// What the outcome means.
    pub description: String,
    pub steps: Vec<String>,
}

/// An offer with every term.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct OfferInfo {
    pub id: String,
    /// `installment-plan`, `discount`, `deferral` or `settlement`.
    pub kind: String,
    pub title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_installments: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_installment: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub monthly_interest_pct: Option<f64>,
    /// Every fee; absent when the playbook does not say (an empty list says there are none).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fees: Option<Vec<FeeInfo>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_discount_pct: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub valid_days: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_deferral_days: Option<u32>,
    /// Steps where the offer may be presented.
    pub presented_in: Vec<String>,
    /// The worked example, computed from its principal.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub example: Option<OfferExampleInfo>,
}

/// A named fee.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct FeeInfo {
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub amount: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pct: Option<f64>,
}

/// A worked example of an offer.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct OfferExampleInfo {
    /// The balance the example starts from.
    pub principal: String,
    /// For installment plans: the computed schedule.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub schedule: Option<ScheduleInfo>,
    /// For discounts and settlements: what the customer pays with the largest discount.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub discounted: Option<DiscountInfo>,
    /// Sum of the fees on this principal.
    pub fees_total: String,
    /// The installment amount the playbook states, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stated_installment: Option<f64>,
    /// The total the playbook states, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stated_total: Option<f64>,
}

/// A repayment schedule (Price table), amounts as decimal strings.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ScheduleInfo {
    pub installments: u32,
    pub monthly_interest_pct: String,
    /// The regular payment (the last may differ by rounding).
    pub payment: String,
    pub rows: Vec<ScheduleRow>,
    pub total_interest: String,
    /// Every payment plus every fee.
    pub total_cost: String,
}

/// One installment.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ScheduleRow {
    pub number: u32,
    pub payment: String,
    pub interest: String,
    pub principal: String,
    pub balance: String,
}

/// A discount applied to the example principal.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct DiscountInfo {
    pub discount_pct: String,
    /// What the customer pays (fees included).
    pub pays: String,
    /// What the customer saves.
    pub saves: String,
}

/// A message template.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct TemplateInfo {
    pub id: String,
    /// `sms`, `email`, `letter`, `whatsapp`, `ivr`, `push` or `phone`.
    pub channel: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    /// The text with `{placeholders}` as written.
    pub text: String,
    /// The text as a customer receives it, with example values.
    pub example: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subject_example: Option<String>,
    /// Characters of the example text.
    pub characters: usize,
    /// For SMS: encoding and segments of the example text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sms: Option<SmsInfo>,
}

/// The length of an SMS.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct SmsInfo {
    /// `GSM-7` or `UCS-2`.
    pub encoding: String,
    /// Septets (GSM-7) or UTF-16 units (UCS-2).
    pub units: usize,
    /// Messages billed.
    pub segments: usize,
}

/// One touch of the contact plan.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct TouchInfo {
    /// Day relative to the due date (negative: before).
    pub day: i32,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub channel: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub template: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub step: Option<String>,
    /// Call attempts that day (phone only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attempts: Option<u32>,
    /// An escalation taken that day.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub action: Option<String>,
    pub establishes: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// Contact windows, `HH:MM` in the customer's local time; an absent day means no contact.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ContactHoursInfo {
    pub weekdays: WindowInfo,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub saturday: Option<WindowInfo>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sunday: Option<WindowInfo>,
}

/// A window of the day.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct WindowInfo {
    pub from: String,
    pub to: String,
}

/// The check's result for this playbook.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct FindingsInfo {
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    pub items: Vec<FindingInfo>,
    /// Documented exceptions that silenced a rule.
    pub exceptions: Vec<ExceptionInfo>,
}

/// One finding.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct FindingInfo {
    pub code: String,
    /// `error`, `warning` or `info`.
    pub severity: String,
    pub message: String,
    pub line: usize,
    pub column: usize,
    /// JSON pointer of the deepest node written at that line and column
    /// (`/steps/greet/say/0`), so a consumer can mark the line it concerns.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pointer: Option<String>,
}

/// An exception in force.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ExceptionInfo {
    pub rule: String,
    /// A step or template id, `playbook`, or `line N`.
    pub scope: String,
    pub reason: String,
}

/// A rule pack and its version.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct RulePack {
    /// `core`, a jurisdiction (`us`, `br`, `uk`) or a language (`en`, `pt`).
    pub name: String,
    pub version: String,
}
