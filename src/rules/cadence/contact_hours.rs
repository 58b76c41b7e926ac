use crate::diagnostic::{Finding, Location, Severity};
use crate::model::{ContactHours, TimeWindow};
use crate::rules::jurisdiction::{JurisdictionParams, Setting, Window, hhmm, settings_note};
use crate::rules::{Check, Citation, Context, Example, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "cadence/contact-hours",
    severity: Severity::Error,
    summary: "`contact_hours` outside the window the law allows",
    packs: &["us", "br", "uk"],
    rationale: "Calls and messages at night, early in the morning or on a Sunday intrude on the \
customer's rest and are treated as harassment. `contact_hours` is the window the dialer and the \
message scheduler obey, in the customer's local time; cordial checks each kind of day against \
the pack's table:\n\n\
- **us**: every day 08:00–21:00;\n\n\
- **br**: Monday to Friday 08:00–20:00, Saturday 08:00–14:00, no contact on Sundays and holidays;\n\n\
- **uk**: every day 08:00–21:00, as a warning.\n\n\
The Brazilian default follows the state laws that fix hours (São Paulo, Alagoas); stricter states \
can be configured. The UK rules fix no hours, only \"reasonable\" ones, so the UK pack warns \
outside the usual reading instead of failing. A window that ends before it starts (overnight) \
is always outside.",
    citations: &[
        Citation {
            pack: "us",
            text: "15 U.S.C. 1692c(a)(1); 12 CFR 1006.6(b)(1)(i): no communication before 8 a.m. or after 9 p.m. local time",
        },
        Citation {
            pack: "br",
            text: "CDC art. 42 and 71 (rest and leisure); São Paulo Lei 15.426/2014; Alagoas Lei 7.782/2016",
        },
        Citation {
            pack: "uk",
            text: "FCA CONC 7.9.4G: no contact at unreasonable times",
        },
    ],
    examples: &[
        Example {
            lang: "yaml",
            fails: true,
            text: "jurisdictions: [br]\ncontact_hours:\n  weekdays: {from: \"07:00\", to: \"21:00\"}\n  sunday: {from: \"10:00\", to: \"12:00\"}\n",
        },
        Example {
            lang: "yaml",
            fails: false,
            text: "jurisdictions: [br]\ncontact_hours:\n  weekdays: {from: \"08:00\", to: \"20:00\"}\n  saturday: {from: \"09:00\", to: \"13:00\"}\n",
        },
    ],
    suppressible: true,
};

pub struct ContactHoursCheck;

/// One kind of day of the playbook's plan, where it is written, and the law's window for it.
struct Day<'a> {
    name: &'static str,
    planned: Option<&'a TimeWindow>,
    pointer: String,
    legal: Option<Window>,
    /// Where `cordial.toml` set `legal`, when it did: the settings' `file:line`s and notes.
    configured: Option<(String, String)>,
}

/// The `file:line`s and the note of some configured settings, None when there are none.
fn configured(settings: &[std::sync::Arc<Setting>]) -> Option<(String, String)> {
    let at: Vec<&str> = settings.iter().map(|s| s.at.as_str()).collect();
    Some((at.join(" and "), settings_note(settings)?))
}

fn days<'a>(hours: &'a ContactHours, law: &JurisdictionParams) -> [Day<'a>; 3] {
    let legal = &law.contact_hours;
    let set = &law.configured;
    let weekly = matches!(hours, ContactHours::Weekly(_));
    let at = |day: &str| {
        if weekly {
            format!("/contact_hours/{day}")
        } else {
            "/contact_hours".to_string()
        }
    };
    [
        Day {
            name: "Monday to Friday",
            planned: Some(hours.weekdays()),
            pointer: at("weekdays"),
            legal: legal.weekdays,
            configured: configured(&set.weekdays),
        },
        Day {
            name: "Saturday",
            planned: hours.saturday(),
            pointer: at("saturday"),
            legal: legal.saturday,
            configured: configured(&set.saturday),
        },
        Day {
            name: "Sunday and holidays",
            planned: hours.sunday(),
            pointer: at("sunday"),
            legal: legal.sunday,
            configured: configured(&set.sunday),
        },
    ]
}

impl Check for ContactHoursCheck {
    fn run(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let Some(hours) = &cx.playbook.contact_hours else {
            return;
        };
        let mut found: Vec<Finding> = Vec::new();
        // Binding packs first, so that an advisory pack does not repeat a place already reported.
        let mut packs: Vec<_> = cx
            .packs
            .jurisdictions
            .iter()
            .map(|&j| cx.packs.params(j))
            .collect();
        packs.sort_by_key(|p| !p.contact_hours.binding);
        for pack in packs {
            let legal = &pack.contact_hours;
            let code = pack.jurisdiction.as_str();
            for day in days(hours, pack) {
                // A configured window is named in the message, and its line in the note.
                let by = match &day.configured {
                    Some((at, _)) => format!("{at} for the {code} pack"),
                    None => format!("the {code} pack"),
                };
                let Some(planned) = day.planned else { continue };
                let Some((from, to)) = planned.minutes() else {
                    continue;
                }; // malformed: schema/invalid
                let (location, message, label, help) = match day.legal {
                    None => (
                        Location::key(day.pointer.clone()),
                        format!(
                            "contact is planned on {} ({}–{}), when {by} allows none",
                            day.name, planned.from, planned.to
                        ),
                        "no contact allowed on these days".to_string(),
                        format!(
                            "remove the `{}` window",
                            day.pointer.rsplit('/').next().unwrap_or("sunday")
                        ),
                    ),
                    Some(window) if window.contains(from, to) => continue,
                    Some(window) => {
                        let field = if from < window.from || from > to {
                            "from"
                        } else {
                            "to"
                        };
                        (
                            Location::value(format!("{}/{field}", day.pointer)),
                            format!(
                                "contact hours on {} ({}–{}) go outside {} allowed by {by}",
                                day.name,
                                planned.from,
                                planned.to,
                                window.describe()
                            ),
                            format!("outside {}", window.describe()),
                            format!(
                                "keep the window within {} (from no earlier than {}, to no later than {})",
                                window.describe(),
                                hhmm(window.from),
                                hhmm(window.to)
                            ),
                        )
                    }
                };
                if !legal.binding && found.iter().any(|f| f.primary.location == location) {
                    continue;
                }
                let mut finding = Finding::new(META.code, message, location)
                    .label(label)
                    .help(help)
                    .note(match &day.configured {
                        Some((_, setting)) => format!("{setting}; the pack: {}", legal.citation),
                        None => legal.citation.to_string(),
                    });
                if !legal.binding {
                    finding = finding.severity(Severity::Warning);
                }
                found.push(finding);
            }
        }
        out.extend(found);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::run_check;

    fn playbook(packs: &str, hours: &str) -> String {
        format!(
            "cordial: 1\nid: t\ntitle: T\nlocale: en\njurisdictions: [{packs}]\nstart: s\nsteps:\n  s: {{outcome: callback}}\ncontact_hours: {hours}\n"
        )
    }

    #[test]
    fn us_window_is_eight_to_nine() {
        assert!(
            run_check(
                &ContactHoursCheck,
                &playbook("us", "{from: \"08:00\", to: \"21:00\"}")
            )
            .is_empty()
        );
        let late = run_check(
            &ContactHoursCheck,
            &playbook("us", "{from: \"08:00\", to: \"21:30\"}"),
        );
        assert_eq!(late.len(), 1);
        assert_eq!(
            late[0].primary.location,
            Location::value("/contact_hours/to")
        );
    }

    #[test]
    fn br_forbids_sundays_and_late_saturdays() {
        let hours = "{weekdays: {from: \"08:00\", to: \"20:00\"}, saturday: {from: \"08:00\", to: \"16:00\"}, sunday: {from: \"10:00\", to: \"12:00\"}}";
        let found = run_check(&ContactHoursCheck, &playbook("br", hours));
        assert_eq!(found.len(), 2);
        assert_eq!(
            found[0].primary.location,
            Location::value("/contact_hours/saturday/to")
        );
        assert_eq!(
            found[1].primary.location,
            Location::key("/contact_hours/sunday")
        );
        let ok = "{weekdays: {from: \"08:00\", to: \"20:00\"}, saturday: {from: \"09:00\", to: \"13:00\"}}";
        assert!(run_check(&ContactHoursCheck, &playbook("br", ok)).is_empty());
    }

    #[test]
    fn uk_only_warns_and_does_not_repeat_a_binding_pack() {
        let early = "{from: \"07:30\", to: \"20:00\"}";
        let uk = run_check(&ContactHoursCheck, &playbook("uk", early));
        assert_eq!(uk.len(), 1);
        assert_eq!(uk[0].severity, Severity::Warning);
        let both = run_check(&ContactHoursCheck, &playbook("us, uk", early));
        assert_eq!(both.len(), 1);
        assert_eq!(both[0].severity, Severity::Error);
    }

    #[test]
    fn overnight_windows_are_outside() {
        assert_eq!(
            run_check(
                &ContactHoursCheck,
                &playbook("us", "{from: \"20:00\", to: \"09:00\"}")
            )
            .len(),
            1
        );
    }
}
