use super::{is_contact, touch_ptr};
use crate::diagnostic::{Finding, Location, Severity};
use crate::model::{Channel, EscalationAction, Touch};
use crate::rules::jurisdiction::{BureauNotice, settings_note};
use crate::rules::{Check, Citation, Context, Example, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "cadence/notice-before-escalation",
    severity: Severity::Error,
    summary: "a `credit-bureau-report` without the notice the law requires before it",
    packs: &["us", "br"],
    rationale: "Reporting a debt to a credit bureau affects the customer's access to credit for \
years, so the law makes the collector warn first.\n\n\
- **br**: the consumer receives a written notice by post before the registration; an e-mail or \
SMS alone does not count. cordial requires a touch with `channel: letter` that establishes \
`bureau-notice-sent` at least 10 days before the `credit-bureau-report` (the usual window given \
in the notice).\n\n\
- **us**: before furnishing information, the collector speaks to the consumer or sends a \
message and waits 14 consecutive days. cordial requires the report to come at least 14 days \
after the first contact of the plan.",
    citations: &[
        Citation {
            pack: "br",
            text: "CDC art. 43 §2; STJ Súmulas 359 and 404; REsp 2.056.285/RS (2023): written notice to the postal address before registration",
        },
        Citation {
            pack: "us",
            text: "12 CFR 1006.30(a)(1) and comment 30(a)(1)-2: contact the consumer, or wait 14 days after a message, before furnishing to a consumer reporting agency",
        },
    ],
    examples: &[
        Example {
            lang: "yaml",
            fails: true,
            text: "jurisdictions: [br]\ncadence:\n  - {day: 5, channel: sms, template: lembrete}\n  - {day: 20, channel: email, template: aviso, establishes: [bureau-notice-sent]}\n  - {day: 25, action: credit-bureau-report}\n",
        },
        Example {
            lang: "yaml",
            fails: false,
            text: "jurisdictions: [br]\ncadence:\n  - {day: 5, channel: sms, template: lembrete}\n  - {day: 15, channel: letter, template: aviso, establishes: [bureau-notice-sent]}\n  - {day: 25, action: credit-bureau-report}\n",
        },
    ],
    suppressible: true,
};

/// The fact a touch establishes when it is the notice before a credit-bureau report.
pub const BUREAU_NOTICE_SENT: &str = "bureau-notice-sent";

pub struct NoticeBeforeEscalation;

fn sends_notice(touch: &Touch) -> bool {
    touch.establishes.iter().any(|f| f == BUREAU_NOTICE_SENT)
}

impl Check for NoticeBeforeEscalation {
    fn run(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let cadence = &cx.playbook.cadence;
        for pack in cx.packs.jurisdictions.iter().map(|&j| cx.packs.params(j)) {
            let Some(rule) = pack.bureau_notice else {
                continue;
            };
            // A configured number of days is named in the message, and its line in the note.
            let configured = &pack.configured.bureau_notice;
            let code = match configured.first() {
                Some(s) => format!(
                    "{} pack, as {} configures it",
                    pack.jurisdiction.as_str(),
                    s.at
                ),
                None => format!("{} pack", pack.jurisdiction.as_str()),
            };
            let cited = |citation: &str| match settings_note(configured) {
                Some(setting) => format!("{setting}; the pack: {citation}"),
                None => citation.to_string(),
            };
            for (k, touch) in cadence.iter().enumerate() {
                if touch.action != Some(EscalationAction::CreditBureauReport) {
                    continue;
                }
                let at = Location::value(touch_ptr(k, Some("action")));
                let report_day = i64::from(touch.day);
                match rule {
                    BureauNotice::LetterBefore { days, citation } => {
                        let latest = report_day - i64::from(days);
                        let letters: Vec<(usize, &Touch)> = cadence
                            .iter()
                            .enumerate()
                            .filter(|(_, t)| sends_notice(t) && t.channel == Some(Channel::Letter))
                            .collect();
                        if letters.iter().any(|(_, t)| i64::from(t.day) <= latest) {
                            continue;
                        }
                        let mut finding = Finding::new(
                            META.code,
                            format!("the credit-bureau report on day {report_day} has no letter notice at least {days} days before it ({code})"),
                            at,
                        )
                        .label(format!("needs a letter establishing `{BUREAU_NOTICE_SENT}` by day {latest}"))
                        .help(format!("add `{{day: {latest}, channel: letter, template: …, establishes: [{BUREAU_NOTICE_SENT}]}}` to the cadence, or move the report later"))
                        .note(cited(citation));
                        for (i, letter) in &letters {
                            finding = finding.related(
                                Location::value(touch_ptr(*i, Some("day"))),
                                format!(
                                    "letter notice on day {}, only {} days before",
                                    letter.day,
                                    report_day - i64::from(letter.day)
                                ),
                            );
                        }
                        for (i, other) in cadence
                            .iter()
                            .enumerate()
                            .filter(|(_, t)| sends_notice(t) && t.channel != Some(Channel::Letter))
                        {
                            let channel = other.channel.map_or("no channel", Channel::as_str);
                            finding = finding.related(
                                Location::value(touch_ptr(i, Some("channel"))),
                                format!(
                                    "a notice by {channel} does not count: it must be a letter"
                                ),
                            );
                        }
                        out.push(finding);
                    }
                    BureauNotice::AfterFirstContact { days, citation } => {
                        let first = cadence
                            .iter()
                            .enumerate()
                            .filter(|(_, t)| is_contact(t))
                            .min_by_key(|(i, t)| (t.day, *i));
                        let (message, label) = match first {
                            None => (
                                format!(
                                    "the credit-bureau report on day {report_day} comes without any contact with the customer ({code})"
                                ),
                                "no message or call precedes this report".to_string(),
                            ),
                            Some((_, t)) if report_day >= i64::from(t.day) + i64::from(days) => {
                                continue;
                            }
                            Some((_, t)) => (
                                format!(
                                    "the credit-bureau report on day {report_day} comes {} days after the first contact (day {}), fewer than {days} ({code})",
                                    report_day - i64::from(t.day),
                                    t.day
                                ),
                                format!("at least {days} days after the first contact"),
                            ),
                        };
                        let mut finding = Finding::new(META.code, message, at)
                            .label(label)
                            .help(format!("schedule the report at least {days} days after the first message or call"))
                            .note(cited(citation));
                        if let Some((i, t)) = first {
                            finding = finding.related(
                                Location::value(touch_ptr(i, Some("day"))),
                                format!("first contact on day {}", t.day),
                            );
                        }
                        out.push(finding);
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{cadence_playbook as playbook, run_check};

    #[test]
    fn br_needs_a_letter_ten_days_before() {
        let ok = "  - {day: 15, channel: letter, template: a, establishes: [bureau-notice-sent]}\n  - {day: 25, action: credit-bureau-report}\n";
        assert!(run_check(&NoticeBeforeEscalation, &playbook("br", ok)).is_empty());
        let late = "  - {day: 20, channel: letter, template: a, establishes: [bureau-notice-sent]}\n  - {day: 25, action: credit-bureau-report}\n";
        let found = run_check(&NoticeBeforeEscalation, &playbook("br", late));
        assert_eq!(found.len(), 1);
        assert!(
            found[0].related[0]
                .message
                .as_deref()
                .is_some_and(|m| m.contains("only 5 days"))
        );
        let email = "  - {day: 5, channel: email, template: a, establishes: [bureau-notice-sent]}\n  - {day: 25, action: credit-bureau-report}\n";
        let found = run_check(&NoticeBeforeEscalation, &playbook("br", email));
        assert!(
            found[0].related[0]
                .message
                .as_deref()
                .is_some_and(|m| m.contains("must be a letter"))
        );
    }

    #[test]
    fn us_needs_fourteen_days_after_first_contact() {
        let ok = "  - {day: 1, channel: sms, template: a}\n  - {day: 15, action: credit-bureau-report}\n";
        assert!(run_check(&NoticeBeforeEscalation, &playbook("us", ok)).is_empty());
        let early = "  - {day: 1, channel: sms, template: a}\n  - {day: 10, action: credit-bureau-report}\n";
        assert_eq!(
            run_check(&NoticeBeforeEscalation, &playbook("us", early)).len(),
            1
        );
        let none = "  - {day: 10, action: credit-bureau-report}\n";
        assert_eq!(
            run_check(&NoticeBeforeEscalation, &playbook("us", none)).len(),
            1
        );
        assert!(run_check(&NoticeBeforeEscalation, &playbook("uk", none)).is_empty());
    }
}
