//! The JSON guide, format `cordial-guide/2`: what dialers, CRMs and chatbots read.
//!
//! A separate output model, not the input types serialised again, so the playbook format can
//! evolve without breaking consumers. Adding optional fields is compatible; renaming or removing
//! one, or changing what it means, is a new format number (`docs/guide-json.md` lists what
//! changed from `cordial-guide/1`). Every amount of money is a [`Money`]: a decimal string exact
//! to the currency's minor unit plus the currency code. Closed vocabularies are enums in the
//! schema: text fields that hold one are typed with the playbook's own enum (`schemars(with)`),
//! so the schema and the words the guide writes are the same list.

use schemars::JsonSchema;
use serde::Serialize;

use crate::model::{Channel, Collector, EscalationAction, Jurisdiction, OfferKind, Outcome};

/// The format marker: always `cordial-guide/2` for this version of the model.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
pub enum Format {
    #[serde(rename = "cordial-guide/2")]
    V2,
}

/// An amount of money. `amount` is exact: a decimal string with as many places as the
/// currency's minor unit (`1500.00`, `JPY` `1500`), never a binary float.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Money {
    #[schemars(regex(pattern = r"^-?[0-9]+(\.[0-9]+)?$"))]
    pub amount: String,
    /// ISO 4217 code; `XXX` (the code for "no currency") when neither the offer nor a pack names one.
    #[schemars(regex(pattern = r"^[A-Z]{3}$"))]
    pub currency: String,
}

/// Reads as its decimal amount wherever the page formats an amount (`t.money(code, &money)`).
impl std::ops::Deref for Money {
    type Target = str;
    fn deref(&self) -> &str {
        &self.amount
    }
}

/// Schema-only vocabularies for text fields the HTML renderer also reads as text.
#[allow(dead_code)] // never built: only their schema is used, through `schemars(with)`
mod vocab {
    use schemars::JsonSchema;

    /// How an SMS is encoded.
    #[derive(JsonSchema)]
    pub enum SmsEncoding {
        #[serde(rename = "GSM-7")]
        Gsm7,
        #[serde(rename = "UCS-2")]
        Ucs2,
    }

    /// How serious a finding is.
    #[derive(JsonSchema)]
    #[serde(rename_all = "lowercase")]
    pub enum Severity {
        Error,
        Warning,
        Info,
    }

    /// What kind of value a variable or a record field holds.
    #[derive(JsonSchema)]
    #[serde(rename_all = "lowercase")]
    pub enum ValueKind {
        Text,
        Money,
        Date,
        Number,
        Percent,
    }
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
    /// The contact plan on the calendar of the example due date; absent without one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub calendar: Option<CalendarInfo>,
    /// When customers may be contacted, in their local time, as the playbook plans it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contact_hours: Option<ContactHoursInfo>,
    /// The limits each jurisdiction's law sets, as the packs apply them.
    pub legal_limits: Vec<LegalLimitsInfo>,
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
    /// Jurisdiction codes whose packs were applied: the playbook's `jurisdictions`, or, when it
    /// declares none, those inferred from it (see `jurisdictions_inferred`).
    #[schemars(with = "Vec<Jurisdiction>")]
    pub jurisdictions: Vec<String>,
    /// True when the playbook declares no `jurisdictions` and the ones listed were inferred
    /// (from a `pt-BR` locale, a CNPJ, BRL offers, …).
    pub jurisdictions_inferred: bool,
    /// Who collects.
    #[schemars(with = "Collector")]
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
    #[schemars(with = "vocab::ValueKind")]
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
    /// Fields the agent must document, with the kind of value each holds.
    pub record: Vec<RecordField>,
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
    #[schemars(with = "Option<Outcome>")]
    pub outcome: Option<String>,
    /// Outcomes reachable from this step (its own included).
    #[schemars(with = "Vec<Outcome>")]
    pub reachable_outcomes: Vec<String>,
    /// Whether a path from `start` reaches this step.
    pub reachable: bool,
}

/// A field the agent documents in a step.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct RecordField {
    /// The field's name as the playbook writes it.
    pub name: String,
    /// The kind of value: the type of the variable of the same name, else `text`.
    #[schemars(with = "vocab::ValueKind")]
    #[serde(rename = "type")]
    pub kind: String,
    /// Whether `type` comes from a declared variable (false: the `text` default).
    pub declared: bool,
}

/// A transition out of a step.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Transition {
    /// Stable id: `<from>-><to>`, with `#2`, `#3`, … for further transitions between the same
    /// two steps. It does not change when other branches are added, removed or reordered.
    pub id: String,
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
    /// Cadence touches (by id) that establish it.
    pub established_by_touches: Vec<String>,
    /// Steps that require it.
    pub required_by: Vec<String>,
}

/// An outcome and the steps that end with it.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct OutcomeInfo {
    #[schemars(with = "Outcome")]
    pub outcome: String,
    /// What the outcome means.
    pub description: String,
    pub steps: Vec<String>,
}

/// An offer with every term.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct OfferInfo {
    pub id: String,
    #[schemars(with = "OfferKind")]
    pub kind: String,
    pub title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The offer's currency as written; the amounts below carry the currency they are in.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_installments: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_installment: Option<Money>,
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
    pub amount: Option<Money>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pct: Option<f64>,
}

/// A worked example of an offer.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct OfferExampleInfo {
    /// The balance the example starts from.
    pub principal: Money,
    /// For installment plans: the computed schedule.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub schedule: Option<ScheduleInfo>,
    /// For discounts and settlements: what the customer pays with the largest discount.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub discounted: Option<DiscountInfo>,
    /// Sum of the fees on this principal.
    pub fees_total: Money,
    /// The installment amount the playbook states, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stated_installment: Option<Money>,
    /// The total the playbook states, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stated_total: Option<Money>,
}

/// A repayment schedule (Price table), amounts as decimal strings.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ScheduleInfo {
    pub installments: u32,
    pub monthly_interest_pct: String,
    /// The regular payment (the last may differ by rounding).
    pub payment: Money,
    pub rows: Vec<ScheduleRow>,
    pub total_interest: Money,
    /// Every payment plus every fee.
    pub total_cost: Money,
    /// How every amount of the schedule was rounded.
    pub rounding: RoundingInfo,
}

/// The rounding rule of a schedule.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct RoundingInfo {
    /// How a value is rounded to the minor unit.
    pub mode: RoundingMode,
    /// Decimal places kept (the currency's minor unit: 2 for BRL, USD, GBP; 0 for JPY).
    pub decimals: u32,
    /// Where the rounding differences go.
    pub remainder: RoundingRemainder,
}

/// How a value is rounded.
#[derive(Debug, Clone, Copy, Serialize, JsonSchema)]
pub enum RoundingMode {
    /// Half a minor unit rounds away from zero (0.125 → 0.13, −0.125 → −0.13); the payment and
    /// each month's interest on the outstanding balance are rounded this way.
    #[serde(rename = "half-away-from-zero")]
    HalfAwayFromZero,
}

/// Where the rounding differences of a schedule go.
#[derive(Debug, Clone, Copy, Serialize, JsonSchema)]
pub enum RoundingRemainder {
    /// The last installment pays whatever balance is left, so the rows add up to the total.
    #[serde(rename = "last-installment")]
    LastInstallment,
}

/// One installment.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ScheduleRow {
    pub number: u32,
    pub payment: Money,
    pub interest: Money,
    pub principal: Money,
    pub balance: Money,
}

/// A discount applied to the example principal.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct DiscountInfo {
    pub discount_pct: String,
    /// What the customer pays (fees included).
    pub pays: Money,
    /// What the customer saves.
    pub saves: Money,
}

/// A message template.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct TemplateInfo {
    pub id: String,
    #[schemars(with = "Channel")]
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
    #[schemars(with = "vocab::SmsEncoding")]
    pub encoding: String,
    /// Septets (GSM-7) or UTF-16 units (UCS-2).
    pub units: usize,
    /// Messages billed.
    pub segments: usize,
}

/// One touch of the contact plan.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct TouchInfo {
    /// Stable id: `before-3-sms`, `due-phone`, `after-40-credit-bureau-report` (when, then the
    /// channel or action), with `-2`, `-3`, … for further touches alike. It does not change when
    /// other touches are added or reordered.
    pub id: String,
    /// Day relative to the due date (negative: before).
    pub day: i32,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<Channel>")]
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
    #[schemars(with = "Option<EscalationAction>")]
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

/// The contact plan on the calendar of the example due date.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct CalendarInfo {
    /// The example due date, `YYYY-MM-DD`.
    pub due_date: String,
    /// Where the due date comes from.
    pub due_date_source: DueDateSource,
    /// What happens to a touch that falls on a day without contact.
    pub shift_rule: ShiftRule,
    /// Each touch on the calendar, in cadence order.
    pub touches: Vec<CalendarTouch>,
}

/// Where the example due date comes from.
#[derive(Debug, Clone, Copy, Serialize, JsonSchema)]
pub enum DueDateSource {
    /// The playbook's `debt.example_due_date`.
    #[serde(rename = "debt.example_due_date")]
    ExampleDueDate,
}

/// What a scheduler does with a touch that falls on a day without contact.
#[derive(Debug, Clone, Copy, Serialize, JsonSchema)]
pub enum ShiftRule {
    /// Move it to the next day on which contact is allowed (not a Sunday or holiday the law or
    /// `contact_hours` leaves out, nor a Saturday without a window), looking at most 14 days ahead.
    #[serde(rename = "next-allowed-day")]
    NextAllowedDay,
}

/// One touch on the calendar.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct CalendarTouch {
    /// Id of the touch in `cadence`.
    pub touch: String,
    /// The date it falls on, `YYYY-MM-DD`.
    pub date: String,
    pub weekday: WeekdayName,
    /// Set when a call or message falls on a day without contact.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub forbidden: Option<ForbiddenDayInfo>,
    /// Where `shift_rule` moves it; absent when it is not moved (or no day within 14 allows contact).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shifted_to: Option<String>,
}

/// A day of the week.
#[derive(Debug, Clone, Copy, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum WeekdayName {
    Monday,
    Tuesday,
    Wednesday,
    Thursday,
    Friday,
    Saturday,
    Sunday,
}

/// Why a day has no contact.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ForbiddenDayInfo {
    pub reason: ForbiddenReason,
    /// The pack whose law or holiday it is; absent when only `contact_hours` rules the day out.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<Jurisdiction>")]
    pub jurisdiction: Option<String>,
    /// The holiday's name, for holidays.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub holiday: Option<String>,
    /// Whether the law forbids contact that day (false: the playbook's own hours do).
    pub by_law: bool,
    /// One sentence, in English.
    pub description: String,
}

/// Why a day has no contact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum ForbiddenReason {
    /// A Sunday, when the pack's law allows no contact on Sundays.
    Sunday,
    /// A public holiday of the pack.
    Holiday,
    /// A kind of day `contact_hours` has no window for.
    ContactHours,
}

/// The limits one jurisdiction's law sets.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct LegalLimitsInfo {
    #[schemars(with = "Jurisdiction")]
    pub jurisdiction: String,
    /// When contact is allowed, in the customer's local time.
    pub contact_hours: LegalHoursInfo,
    /// Most call attempts within a rolling window; absent where the law sets no number.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub call_cap: Option<CallCapInfo>,
    /// Notice periods before an escalation.
    pub notice_periods: Vec<NoticePeriodInfo>,
    /// The pack's public holidays.
    pub holidays: HolidaysInfo,
}

/// The contact hours of the law; an absent window means no contact that kind of day.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct LegalHoursInfo {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub weekdays: Option<WindowInfo>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub saturday: Option<WindowInfo>,
    /// Sundays and the pack's public holidays.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sunday_and_holidays: Option<WindowInfo>,
    /// False where the window is the usual reading of a principle rather than a number in the law.
    pub binding: bool,
    pub citation: String,
}

/// A cap on call attempts.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct CallCapInfo {
    pub max_attempts: u32,
    pub window_days: u32,
    pub citation: String,
}

/// A notice period before an escalation.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct NoticePeriodInfo {
    #[schemars(with = "EscalationAction")]
    pub before: String,
    pub kind: NoticeKind,
    pub days: u32,
    pub citation: String,
}

/// What the notice period counts from.
#[derive(Debug, Clone, Copy, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum NoticeKind {
    /// A letter establishing `bureau-notice-sent` at least `days` before the escalation.
    LetterBefore,
    /// The escalation at least `days` after the first contact.
    AfterFirstContact,
}

/// A pack's public holidays.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct HolidaysInfo {
    /// Which holidays, and the law that sets them.
    pub source: String,
    /// Whether the law allows no contact on them.
    pub no_contact_by_law: bool,
    /// The holidays of every year the calendar touches (empty without an example due date).
    pub dates: Vec<HolidayInfo>,
}

/// A public holiday.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct HolidayInfo {
    /// `YYYY-MM-DD`.
    pub date: String,
    pub name: String,
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
    #[schemars(with = "vocab::Severity")]
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
