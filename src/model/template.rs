//! Message templates, the contact cadence and contact hours.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A message sent to the customer.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Template {
    /// How it is sent.
    pub channel: Channel,
    /// Name of the template in the guide.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Subject line, for e-mail.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    /// The message; may use `{variables}`. Checked for wording, disclosures and length.
    pub text: String,
}

/// A contact channel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Channel {
    Sms,
    Email,
    Letter,
    Whatsapp,
    Ivr,
    Push,
    Phone,
}

impl Channel {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Sms => "sms",
            Self::Email => "email",
            Self::Letter => "letter",
            Self::Whatsapp => "whatsapp",
            Self::Ivr => "ivr",
            Self::Push => "push",
            Self::Phone => "phone",
        }
    }
}

/// One planned contact, or an escalation, on a day relative to the due date.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Touch {
    /// Day relative to the due date: `-3` is three days before, `0` the due date, `5` five days after.
    pub day: i32,
    /// How the customer is contacted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel: Option<Channel>,
    /// Id of the template sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub template: Option<String>,
    /// Id of the step a call starts at.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub step: Option<String>,
    /// Call attempts that day (default 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1))]
    pub attempts: Option<u32>,
    /// An escalation taken that day instead of a contact.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub action: Option<EscalationAction>,
    /// What this touch achieves, such as `bureau-notice-sent` for the written notice before a credit-bureau report, or `suspension-notice-sent` before a service suspension.
    #[serde(default)]
    pub establishes: Vec<String>,
    /// A remark for the guide.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl Touch {
    /// Call attempts this touch makes (phone touches only).
    pub fn call_attempts(&self) -> u32 {
        if self.channel == Some(Channel::Phone) {
            self.attempts.unwrap_or(1)
        } else {
            0
        }
    }
}

/// An escalation step of the contact plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum EscalationAction {
    /// Register the debt with a credit bureau (SPC, Serasa, Equifax, …).
    CreditBureauReport,
    /// Protest the debt at a notary (Brazil's protesto em cartório).
    Protest,
    /// File a claim at a small-claims court.
    SmallClaims,
    /// Hand the account to lawyers for a lawsuit.
    LegalReferral,
    /// Stop collecting and write the debt off.
    WriteOff,
    /// Suspend the service or supply (water, power, telephone), after the notice the law requires.
    ServiceSuspension,
}

impl EscalationAction {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::CreditBureauReport => "credit-bureau-report",
            Self::Protest => "protest",
            Self::SmallClaims => "small-claims",
            Self::LegalReferral => "legal-referral",
            Self::WriteOff => "write-off",
            Self::ServiceSuspension => "service-suspension",
        }
    }
}

/// When customers may be contacted, in their local time. The short form `{from, to}` is the weekday window only.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum ContactHours {
    /// Monday to Friday only.
    Weekdays(TimeWindow),
    /// A window per kind of day.
    Weekly(WeeklyHours),
}

/// Contact windows per kind of day; an absent day means no contact that day.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct WeeklyHours {
    /// Monday to Friday.
    pub weekdays: TimeWindow,
    /// Saturday; absent: no contact on Saturdays.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub saturday: Option<TimeWindow>,
    /// Sunday and holidays; absent: no contact on Sundays and holidays.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sunday: Option<TimeWindow>,
}

impl ContactHours {
    pub fn weekdays(&self) -> &TimeWindow {
        match self {
            Self::Weekdays(w) => w,
            Self::Weekly(w) => &w.weekdays,
        }
    }
    pub fn saturday(&self) -> Option<&TimeWindow> {
        match self {
            Self::Weekdays(_) => None,
            Self::Weekly(w) => w.saturday.as_ref(),
        }
    }
    pub fn sunday(&self) -> Option<&TimeWindow> {
        match self {
            Self::Weekdays(_) => None,
            Self::Weekly(w) => w.sunday.as_ref(),
        }
    }
}

/// A window of the day, `HH:MM` to `HH:MM`, 24-hour clock.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TimeWindow {
    /// Start, `HH:MM`.
    #[schemars(regex(pattern = r"^([01][0-9]|2[0-3]):[0-5][0-9]$"))]
    pub from: String,
    /// End, `HH:MM`.
    #[schemars(regex(pattern = r"^([01][0-9]|2[0-4]):[0-5][0-9]$"))]
    pub to: String,
}

impl TimeWindow {
    /// Minutes since midnight of `from` and `to`; None when malformed (the schema reports it).
    pub fn minutes(&self) -> Option<(u32, u32)> {
        Some((parse_hhmm(&self.from)?, parse_hhmm(&self.to)?))
    }
}

/// Minutes since midnight of an `HH:MM` string.
pub fn parse_hhmm(s: &str) -> Option<u32> {
    let (h, m) = s.split_once(':')?;
    let (h, m): (u32, u32) = (h.parse().ok()?, m.parse().ok()?);
    (h <= 24 && m < 60 && h * 60 + m <= 24 * 60).then_some(h * 60 + m)
}
