//! The central list of rules. Adding a rule: write its file, then name it here once.

use super::{Check, RuleMeta};
use std::sync::LazyLock;

macro_rules! registry {
    (metas: [$($meta:path),* $(,)?], checks: [$($check:expr),* $(,)?]) => {
        static METAS: &[&RuleMeta] = &[$(&$meta),*];
        static CHECKS: LazyLock<Vec<Box<dyn Check>>> = LazyLock::new(|| vec![$(Box::new($check)),*]);
    };
}

use super::*;

registry! {
    metas: [
        input::UNREADABLE,
        input::YAML_SYNTAX,
        input::SCHEMA_INVALID,
        refs::unknown_step::META,
        refs::unknown_offer::META,
        refs::unknown_template::META,
        refs::undeclared_variable::META,
        refs::malformed_placeholder::META,
        refs::unused_offer::META,
        refs::unused_template::META,
        refs::unused_variable::META,
        refs::duplicate_id::META,
        jurisdiction_missing::META,
        facts::META,
        graph::dead_end::META,
        graph::terminal_with_next::META,
        graph::unreachable::META,
        graph::no_exit::META,
        graph::duplicate_branch::META,
        graph::missing_fact::META,
        graph::required_branch::META,
        disclosure::identity_first::META,
        disclosure::mini_miranda::META,
        disclosure::opt_out::META,
        disclosure::creditor_identity::META,
        terms::missing::META,
        terms::math::META,
        terms::claim_mismatch::META,
        terms::undisclosed::META,
        cadence::contact_hours::META,
        cadence::call_frequency::META,
        cadence::notice_before_escalation::META,
        cadence::order::META,
        cadence::forbidden_day::META,
        template::sms_length::META,
        text::bidi_control::META,
        wording::threat::META,
        wording::abuse::META,
        wording::shaming::META,
        wording::pressure::META,
        wording::false_authority::META,
        wording::false_consequence::META,
        wording::legal_action::META,
        wording::suspension::META,
        wording::pretext::META,
        wording::prohibited::META,
        wording::required::META,
        wording::avoided::META,
        wording::prefer::META,
        wording::locale_fallback::META,
        wording::locale_mismatch::META,
        suppression::MISSING_REASON,
        suppression::UNUSED,
        suppression::FORBIDDEN,
    ],
    checks: [
        refs::References,
        refs::malformed_placeholder::MalformedPlaceholder,
        jurisdiction_missing::MissingJurisdiction,
        facts::UnknownFact,
        graph::dead_end::DeadEnd,
        graph::terminal_with_next::TerminalWithNext,
        graph::unreachable::Unreachable,
        graph::no_exit::NoExit,
        graph::duplicate_branch::DuplicateBranch,
        graph::missing_fact::MissingFact,
        graph::required_branch::RequiredBranch,
        disclosure::identity_first::IdentityFirst,
        disclosure::mini_miranda::MiniMiranda,
        disclosure::opt_out::OptOut,
        disclosure::creditor_identity::CreditorIdentity,
        terms::missing::Missing,
        terms::math::Math,
        terms::claim_mismatch::ClaimMismatch,
        terms::undisclosed::Undisclosed,
        cadence::contact_hours::ContactHoursCheck,
        cadence::call_frequency::CallFrequency,
        cadence::notice_before_escalation::NoticeBeforeEscalation,
        cadence::order::Order,
        cadence::forbidden_day::ForbiddenDay,
        template::sms_length::SmsLength,
        text::bidi_control::BidiControl,
        wording::Wording,
        wording::suspension::Suspension,
    ]
}

/// Every rule, in catalogue order.
pub fn all() -> &'static [&'static RuleMeta] {
    METAS
}

/// The metadata of one code.
pub fn meta(code: &str) -> Option<&'static RuleMeta> {
    // Codes are lowercase; `GRAPH/DEAD-END` typed in a hurry is the same code.
    METAS
        .iter()
        .copied()
        .find(|m| m.code.eq_ignore_ascii_case(code.trim()))
}

/// Every check, run in this order on each playbook.
pub fn checks() -> &'static [Box<dyn Check>] {
    &CHECKS
}
