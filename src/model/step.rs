//! Steps of the conversation and their transitions.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// One step of the conversation: what the agent aims for, says and records, and where it goes next.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Step {
    /// Heading of the step in the guide.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// What the agent tries to achieve in this step. Checked for wording.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub goal: Option<String>,
    /// What the agent says. Each line is checked for wording and may use `{variables}`.
    #[serde(default)]
    pub say: Vec<String>,
    /// Guidance for the agent. Checked for wording.
    #[serde(default)]
    pub tips: Vec<String>,
    /// "Don't say" examples for training: shown in the guide, never checked as prohibited wording.
    #[serde(default)]
    pub avoid: Vec<String>,
    /// Fields the agent must document in this step.
    #[serde(default)]
    pub record: Vec<String>,
    /// Facts that hold once this step is done (`identity-verified`, `mini-miranda`, `terms-disclosed`, …).
    #[serde(default)]
    pub establishes: Vec<String>,
    /// Facts that must hold on every path into this step.
    #[serde(default)]
    pub requires: Vec<String>,
    /// Offers that may be presented in this step.
    #[serde(default)]
    pub offers: Vec<String>,
    /// Where the conversation goes next: a step id, or a list of `{when, go}` branches.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next: Option<Next>,
    /// Makes this a terminal step: how the conversation ended.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outcome: Option<Outcome>,
}

/// Transitions out of a step.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum Next {
    /// One unconditional move to this step.
    Always(String),
    /// Conditional branches, tried by the agent in the order written.
    Branches(Vec<Branch>),
}

/// One conditional transition.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Branch {
    /// The situation in which the agent takes this branch.
    pub when: String,
    /// Id of the step to go to.
    pub go: String,
}

/// How a conversation ended.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Outcome {
    Agreement,
    Paid,
    PromiseToPay,
    Callback,
    Refused,
    Dispute,
    HardshipReferral,
    WrongParty,
    Escalated,
    NoContact,
}

impl Outcome {
    pub const ALL: [Self; 10] = [
        Self::Agreement,
        Self::Paid,
        Self::PromiseToPay,
        Self::Callback,
        Self::Refused,
        Self::Dispute,
        Self::HardshipReferral,
        Self::WrongParty,
        Self::Escalated,
        Self::NoContact,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Agreement => "agreement",
            Self::Paid => "paid",
            Self::PromiseToPay => "promise-to-pay",
            Self::Callback => "callback",
            Self::Refused => "refused",
            Self::Dispute => "dispute",
            Self::HardshipReferral => "hardship-referral",
            Self::WrongParty => "wrong-party",
            Self::Escalated => "escalated",
            Self::NoContact => "no-contact",
        }
    }
}

impl Step {
    /// The transitions in the order written, with their index in `next` (None for the short form).
    pub fn transitions(&self) -> Vec<(Option<usize>, &str)> {
        match &self.next {
            None => Vec::new(),
            Some(Next::Always(target)) => vec![(None, target.as_str())],
            Some(Next::Branches(branches)) => branches
                .iter()
                .enumerate()
                .map(|(i, b)| (Some(i), b.go.as_str()))
                .collect(),
        }
    }
}
