#![allow(dead_code)]
//! How a wording corpus line is scored, shared by `wording_corpus` (the synthetic corpus) and
//! `wording_real` (the quoted one), so that both measure the engine the same way.
//!
//! A line's context column names the cadence it assumes (`legal-referral`, `small-claims`,
//! `protest`, `credit-bureau-report`, `bureau-notice`, `time-barred`, comma-separated; `-` for
//! none). `wording/legal-action` counts only when that cadence would refuse the announced act.

use cordial::rules::wording::legal_action::Escalations;
use cordial::wording::{LegalAction, codes, scan};

/// The cadence a corpus line assumes, from its context column.
pub fn escalations(context: &str) -> Escalations {
    let has = |name: &str| context.split(',').any(|c| c.trim() == name);
    Escalations {
        court: has("legal-referral") || has("small-claims"),
        protest: has("protest"),
        bureau_report: has("credit-bureau-report"),
        bureau_notice_first: has("bureau-notice"),
        notice_required: true,
        time_barred: has("time-barred"),
    }
}

/// The codes the engine reports for one sentence, legal-action read against its cadence.
pub fn reported(sentence: &str, language: &str, context: &str) -> Vec<&'static str> {
    let cadence = escalations(context);
    let mut found: Vec<&'static str> = scan(sentence, language)
        .into_iter()
        .filter(|hit| {
            hit.code != codes::LEGAL_ACTION
                || hit
                    .action
                    .is_none_or(|a: LegalAction| cadence.refusal(a).is_some())
        })
        .map(|hit| hit.code)
        .collect();
    found.sort_unstable();
    found.dedup();
    found
}

/// Every code a corpus line may be labelled with besides `ok`.
pub const WORDING_CODES: [&str; 8] = [
    codes::THREAT,
    codes::ABUSE,
    codes::SHAMING,
    codes::PRESSURE,
    codes::FALSE_AUTHORITY,
    codes::FALSE_CONSEQUENCE,
    codes::LEGAL_ACTION,
    codes::PRETEXT,
];
