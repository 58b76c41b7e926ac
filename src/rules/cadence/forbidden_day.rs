use super::touch_ptr;
use crate::analysis::calendar::{Date, place_touches};
use crate::diagnostic::{Finding, Location, Severity};
use crate::rules::{Check, Citation, Context, Example, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "cadence/forbidden-day",
    severity: Severity::Warning,
    summary: "a touch of the plan falls on a day without contact for the example due date",
    packs: &["core", "us", "br", "uk"],
    rationale: "`debt.example_due_date` puts the contact plan on a calendar: each touch falls on \
the due date plus its `day`. A call or message that lands on a day the contact rules leave out \
will not happen that day: the dialer moves it to the next day on which contact is allowed (the \
rule `guide.json` names `next-allowed-day`), so the calendar the trainer shows and the one the \
customer lives are different, and touches meant to be days apart can end up on the same day. \
Days without contact are, per pack, Sundays and the national holidays where the law allows no \
contact on them (**br**: national holidays, Carnival, Good Friday and Corpus Christi), and the \
kinds of day the playbook's own `contact_hours` leaves out: Saturdays without a `saturday` \
window, Sundays and the pack's public holidays (**us** federal holidays, **uk** bank holidays \
of England and Wales) without a `sunday` window. Holidays are computed for the year, movable \
feasts from Easter. Letters and escalations are not contacts at a time of day and are not \
checked. It is a warning because the date is an example: pick touch days that avoid the shift, \
or accept it knowingly. A due date that is not a real date is an error.",
    citations: &[
        Citation {
            pack: "br",
            text: "CDC art. 42 and 71 (rest and leisure); São Paulo Lei 15.426/2014 and Alagoas Lei 7.782/2016: no collection contact on Sundays and holidays; Lei 662/1949, 6.802/1980, 10.607/2002, 14.759/2023 (national holidays)",
        },
        Citation {
            pack: "us",
            text: "5 U.S.C. 6103 (federal holidays); 12 CFR 1006.6(b)(1): times the consumer or the collector's policy rule out are inconvenient",
        },
        Citation {
            pack: "uk",
            text: "Banking and Financial Dealings Act 1971, Schedule 1 (bank holidays in England and Wales); FCA CONC 7.9.4G (no contact at unreasonable times)",
        },
    ],
    examples: &[
        Example {
            lang: "yaml",
            fails: true,
            text: "jurisdictions: [br]\ndebt: {example_due_date: \"2026-11-13\"}\ncadence:\n  - {day: 2, channel: phone, step: greet}  # Sunday 15 November\n",
        },
        Example {
            lang: "yaml",
            fails: false,
            text: "jurisdictions: [br]\ndebt: {example_due_date: \"2026-11-13\"}\ncadence:\n  - {day: 3, channel: phone, step: greet}  # Monday 16 November\n",
        },
    ],
    suppressible: true,
};

pub struct ForbiddenDay;

impl Check for ForbiddenDay {
    fn run(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let playbook = cx.playbook;
        let Some(text) = playbook.debt.example_due_date.as_deref() else {
            return;
        };
        let Some(due) = Date::parse_iso(text) else {
            out.push(
                Finding::new(
                    META.code,
                    format!("`example_due_date` {text} is not a date of the calendar"),
                    Location::value("/debt/example_due_date"),
                )
                .severity(Severity::Error)
                .label("no such day")
                .help("write a real date as YYYY-MM-DD"),
            );
            return;
        };
        for placed in place_touches(playbook, due) {
            let Some(why) = &placed.forbidden else {
                continue;
            };
            let touch = &playbook.cadence[placed.index];
            let shift = match placed.shifted_to {
                Some(to) => format!("the dialer moves it to {}", to.iso()),
                None => "no day within a fortnight allows contact".to_string(),
            };
            out.push(
                Finding::new(
                    META.code,
                    format!(
                        "the touch on day {} falls on {}: {}",
                        touch.day,
                        placed.date.iso(),
                        why.describe()
                    ),
                    Location::value(touch_ptr(placed.index, Some("day"))),
                )
                .label(format!("{} ({shift})", placed.date.iso()))
                .related(
                    Location::value("/debt/example_due_date"),
                    format!("due date {}", due.iso()),
                )
                .help("move the touch to a day on which contact is allowed, or accept the shift"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::run_check;

    fn playbook(due: &str, cadence: &str) -> String {
        format!(
            "cordial: 1\nid: t\ntitle: T\nlocale: pt-BR\njurisdictions: [br]\ndebt: {{example_due_date: \"{due}\"}}\nstart: s\nsteps:\n  s: {{outcome: callback}}\ncadence:\n{cadence}"
        )
    }

    #[test]
    fn a_call_on_a_brazilian_sunday_or_holiday_warns() {
        let found = run_check(
            &ForbiddenDay,
            &playbook(
                "2026-11-13",
                "  - {day: 0, channel: sms}\n  - {day: 2, channel: phone}\n  - {day: 7, channel: sms}\n",
            ),
        );
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!(found[0].severity, Severity::Warning);
        assert!(
            found[0].message.contains("2026-11-15"),
            "{}",
            found[0].message
        );
        assert!(
            found[1].message.contains("Consciência Negra"),
            "{}",
            found[1].message
        );
        assert_eq!(found[1].primary.location, Location::value("/cadence/2/day"));
    }

    #[test]
    fn business_days_letters_and_escalations_pass() {
        let cadence = "  - {day: 3, channel: phone}\n  - {day: 2, channel: letter}\n  - {day: 9, action: credit-bureau-report}\n";
        assert!(run_check(&ForbiddenDay, &playbook("2026-11-13", cadence)).is_empty());
    }

    #[test]
    fn no_due_date_no_finding_and_a_false_date_is_an_error() {
        let none = "cordial: 1\nid: t\ntitle: T\nlocale: en\nstart: s\nsteps:\n  s: {outcome: callback}\ncadence:\n  - {day: 2, channel: phone}\n";
        assert!(run_check(&ForbiddenDay, none).is_empty());
        let found = run_check(
            &ForbiddenDay,
            &playbook("2026-02-30", "  - {day: 0, channel: sms}\n"),
        );
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].severity, Severity::Error);
    }
}
