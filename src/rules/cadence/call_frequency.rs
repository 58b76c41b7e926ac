use super::touch_ptr;
use crate::diagnostic::{Finding, Location, Severity};
use crate::rules::jurisdiction::{CallCap, Setting, settings_note};
use crate::rules::{Check, Citation, Context, Example, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "cadence/call-frequency",
    severity: Severity::Error,
    summary: "more than 7 call attempts in any 7 consecutive days",
    packs: &["us", "br"],
    rationale: "Calling again and again is the oldest form of collection harassment. Under \
Regulation F a collector who places more than seven calls about a debt within seven consecutive \
days is presumed to harass the consumer. cordial adds up the `attempts` of every phone touch \
(one when not given) over each window of seven consecutive days of the contact plan and reports \
the first touch that takes a window over the cap, with the other touches of that window.\n\n\
The cap counts attempts, answered or not. It does not model the other half of the presumption, \
no call within seven days after a conversation about the debt, which depends on how each call \
ends.",
    citations: &[
        Citation {
            pack: "us",
            text: "12 CFR 1006.14(b)(2)(i): more than seven telephone calls within seven consecutive days is presumed to violate 15 U.S.C. 1692d(5)",
        },
        Citation {
            pack: "br",
            text: "CDC art. 42 and 71 forbid harassing contact but fix no number; the br pack warns above 7 attempts in 7 days (cordial's default)",
        },
    ],
    examples: &[
        Example {
            lang: "yaml",
            fails: true,
            text: "cadence:\n  - {day: 1, channel: phone, step: greet, attempts: 3}\n  - {day: 3, channel: phone, step: greet, attempts: 3}\n  - {day: 6, channel: phone, step: greet, attempts: 2}\n",
        },
        Example {
            lang: "yaml",
            fails: false,
            text: "cadence:\n  - {day: 1, channel: phone, step: greet, attempts: 3}\n  - {day: 3, channel: phone, step: greet, attempts: 2}\n  - {day: 8, channel: phone, step: greet, attempts: 3}\n",
        },
    ],
    suppressible: true,
};

pub struct CallFrequency;

impl Check for CallFrequency {
    fn run(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for &jurisdiction in &cx.packs.jurisdictions {
            let law = cx.packs.params(jurisdiction);
            if let Some(cap) = law.call_cap {
                // Only the us cap is law; the br number is a default, so its findings warn.
                let severity = if cap.binding {
                    Severity::Error
                } else {
                    Severity::Warning
                };
                check_cap(cx, &cap, severity, &law.configured.call_cap, out);
            }
        }
    }
}

fn check_cap(
    cx: &Context<'_>,
    cap: &CallCap,
    severity: Severity,
    configured: &[std::sync::Arc<Setting>],
    out: &mut Vec<Finding>,
) {
    let note = settings_note(configured);
    {
        let span = i64::from(cap.window_days.max(1));
        let mut calls: Vec<(usize, i64, u32)> = cx
            .playbook
            .cadence
            .iter()
            .enumerate()
            .filter(|(_, t)| t.call_attempts() > 0)
            .map(|(i, t)| (i, i64::from(t.day), t.call_attempts()))
            .collect();
        calls.sort_by_key(|&(i, day, _)| (day, i));
        // Windows start on a calling day; once one is reported, the next must start after it.
        let mut reported_until = i64::MIN;
        for (start, &(_, first_day, _)) in calls.iter().enumerate() {
            if first_day <= reported_until {
                continue;
            }
            let last_day = first_day + span - 1;
            let window: Vec<_> = calls[start..]
                .iter()
                .take_while(|&&(_, day, _)| day <= last_day)
                .collect();
            let total: u64 = window.iter().map(|&&(_, _, n)| u64::from(n)).sum();
            if total <= u64::from(cap.max_attempts) {
                continue;
            }
            let mut running = 0u64;
            let Some(&&(over, over_day, _)) = window.iter().find(|&&&(_, _, n)| {
                running += u64::from(n);
                running > u64::from(cap.max_attempts)
            }) else {
                continue;
            };
            let field = if cx.playbook.cadence[over].attempts.is_some() {
                Some("attempts")
            } else {
                None
            };
            let mut finding = Finding::new(
                META.code,
                format!(
                    "{total} call attempts between day {first_day} and day {last_day}, more than {} in {} days{}",
                    cap.max_attempts,
                    cap.window_days,
                    configured
                        .first()
                        .map_or(String::new(), |s| format!(" (the cap {} sets)", s.at))
                ),
                Location::value(touch_ptr(over, field)),
            )
            .label(format!("day {over_day}: the window goes over {} attempts here", cap.max_attempts))
            .help(format!("spread the calls so that no {} consecutive days hold more than {} attempts, or replace some calls with a message", cap.window_days, cap.max_attempts))
            .note(match &note {
                Some(setting) => format!("{setting}; the pack: {}", cap.citation),
                None => cap.citation.to_string(),
            })
            .severity(severity);
            for &&(other, day, n) in window.iter().filter(|&&&(i, _, _)| i != over) {
                finding = finding.related(
                    Location::value(touch_ptr(other, None)),
                    format!("day {day}: {n} attempt{}", if n == 1 { "" } else { "s" }),
                );
            }
            out.push(finding);
            reported_until = last_day;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{cadence_playbook as playbook, run_check};

    #[test]
    fn eight_attempts_in_a_week_fail_once() {
        let cadence = "  - {day: 1, channel: phone, step: s, attempts: 3}\n  - {day: 3, channel: phone, step: s, attempts: 3}\n  - {day: 7, channel: phone, step: s, attempts: 2}\n  - {day: 8, channel: phone, step: s, attempts: 2}\n";
        let found = run_check(&CallFrequency, &playbook("us", cadence));
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(
            found[0].primary.location,
            Location::value("/cadence/2/attempts")
        );
        assert_eq!(found[0].related.len(), 2);
        // The br pack's number is a default, not law: the same plan warns there.
        let br = run_check(&CallFrequency, &playbook("br", cadence));
        assert_eq!(br.len(), 1, "{br:?}");
        assert_eq!(br[0].severity, Severity::Warning);
        assert!(run_check(&CallFrequency, &playbook("uk", cadence)).is_empty());
    }

    #[test]
    fn seven_attempts_or_spread_calls_pass() {
        let cadence = "  - {day: 1, channel: phone, step: s, attempts: 3}\n  - {day: 3, channel: phone, step: s, attempts: 4}\n  - {day: 10, channel: phone, step: s, attempts: 7}\n  - {day: 10, channel: sms}\n";
        assert!(run_check(&CallFrequency, &playbook("us", cadence)).is_empty());
        let single =
            "  - {day: 1, channel: phone, step: s}\n  - {day: 2, channel: phone, step: s}\n";
        assert!(run_check(&CallFrequency, &playbook("us", single)).is_empty());
    }
}
