//! The contact plan on a calendar: civil dates, the public holidays of each pack, and which
//! days the contact rules leave without contact.
//!
//! Holidays are computed from their legal definition for any year (fixed dates, nth weekdays,
//! and the movable feasts counted from Easter Sunday), never read from a list of years. Dates are
//! proleptic Gregorian, counted as days since 1970-01-01, so no date crate is needed.

use crate::model::{ContactHours, Jurisdiction, Playbook, Touch};
use crate::rules::jurisdiction::params;

/// A calendar date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

/// Day of the week, Monday first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Weekday {
    Monday,
    Tuesday,
    Wednesday,
    Thursday,
    Friday,
    Saturday,
    Sunday,
}

impl Weekday {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Monday => "monday",
            Self::Tuesday => "tuesday",
            Self::Wednesday => "wednesday",
            Self::Thursday => "thursday",
            Self::Friday => "friday",
            Self::Saturday => "saturday",
            Self::Sunday => "sunday",
        }
    }
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        _ => 28,
    }
}

impl Date {
    /// A valid date, or None (`2026-02-30` is not one).
    pub fn new(year: i32, month: u32, day: u32) -> Option<Self> {
        ((1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month))
            .then_some(Self { year, month, day })
    }

    /// Parses `YYYY-MM-DD`.
    pub fn parse_iso(text: &str) -> Option<Self> {
        let mut parts = text.split('-');
        let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
        if parts.next().is_some() || y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return None;
        }
        let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if !(digits(y) && digits(m) && digits(d)) {
            return None;
        }
        Self::new(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
    }

    /// Days since 1970-01-01 (Howard Hinnant's `days_from_civil`).
    pub fn to_days(self) -> i64 {
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `days` after 1970-01-01 (`civil_from_days`).
    pub fn from_days(days: i64) -> Self {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Self { year, month, day }
    }

    pub fn add_days(self, days: i64) -> Self {
        Self::from_days(self.to_days() + days)
    }

    pub fn weekday(self) -> Weekday {
        // 1970-01-01 was a Thursday.
        match (self.to_days() + 3).rem_euclid(7) {
            0 => Weekday::Monday,
            1 => Weekday::Tuesday,
            2 => Weekday::Wednesday,
            3 => Weekday::Thursday,
            4 => Weekday::Friday,
            5 => Weekday::Saturday,
            _ => Weekday::Sunday,
        }
    }

    /// `YYYY-MM-DD`.
    pub fn iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// Easter Sunday of a Gregorian year (the anonymous algorithm of Meeus/Jones/Butcher).
pub fn easter(year: i32) -> Date {
    let a = year.rem_euclid(19);
    let b = year.div_euclid(100);
    let c = year.rem_euclid(100);
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15).rem_euclid(30);
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k).rem_euclid(7);
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    Date {
        year,
        month: month as u32,
        day: day as u32,
    }
}

/// The `n`th (1-based) `weekday` of a month; `n = 0` is the last one.
fn nth_weekday(year: i32, month: u32, weekday: Weekday, n: u32) -> Date {
    let target = weekday as i64;
    if n == 0 {
        let last = Date {
            year,
            month,
            day: days_in_month(year, month),
        };
        let back = (last.weekday() as i64 - target).rem_euclid(7);
        return last.add_days(-back);
    }
    let first = Date {
        year,
        month,
        day: 1,
    };
    let ahead = (target - first.weekday() as i64).rem_euclid(7);
    first.add_days(ahead + 7 * i64::from(n - 1))
}

/// A public holiday.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Holiday {
    pub date: Date,
    pub name: &'static str,
}

fn fixed(year: i32, month: u32, day: u32, name: &'static str) -> Holiday {
    Holiday {
        date: Date { year, month, day },
        name,
    }
}

/// Where a pack's holidays come from, for guides and messages.
pub fn holiday_source(jurisdiction: Jurisdiction) -> &'static str {
    match jurisdiction {
        Jurisdiction::Br => {
            "national holidays (Lei 662/1949, 6.802/1980, 10.607/2002, 14.759/2023) plus Carnival Monday and Tuesday, Good Friday and Corpus Christi, counted from Easter"
        }
        Jurisdiction::Us => {
            "federal holidays (5 U.S.C. 6103), with the observed Friday or Monday when one falls on a weekend"
        }
        Jurisdiction::Uk => {
            "bank holidays of England and Wales (Banking and Financial Dealings Act 1971, Schedule 1), with substitute days; one-off proclaimed holidays are not included"
        }
    }
}

/// The public holidays of a pack in one year, sorted by date.
pub fn holidays(jurisdiction: Jurisdiction, year: i32) -> Vec<Holiday> {
    let easter = easter(year);
    let from_easter = |days: i64, name| Holiday {
        date: easter.add_days(days),
        name,
    };
    let mut out = match jurisdiction {
        Jurisdiction::Br => vec![
            fixed(year, 1, 1, "Confraternização Universal"),
            from_easter(-48, "Carnaval (segunda-feira)"),
            from_easter(-47, "Carnaval (terça-feira)"),
            from_easter(-2, "Sexta-feira Santa"),
            fixed(year, 4, 21, "Tiradentes"),
            fixed(year, 5, 1, "Dia do Trabalho"),
            from_easter(60, "Corpus Christi"),
            fixed(year, 9, 7, "Independência do Brasil"),
            fixed(year, 10, 12, "Nossa Senhora Aparecida"),
            fixed(year, 11, 2, "Finados"),
            fixed(year, 11, 15, "Proclamação da República"),
            fixed(year, 11, 20, "Dia Nacional de Zumbi e da Consciência Negra"),
            fixed(year, 12, 25, "Natal"),
        ],
        Jurisdiction::Us => {
            let mut days = Vec::new();
            let mut observed = |h: Holiday| {
                // 5 U.S.C. 6103(b): Saturday holidays are observed on Friday, Sunday ones on Monday.
                let shift = match h.date.weekday() {
                    Weekday::Saturday => -1,
                    Weekday::Sunday => 1,
                    _ => 0,
                };
                if shift != 0 {
                    days.push(Holiday {
                        date: h.date.add_days(shift),
                        name: h.name,
                    });
                }
                days.push(h);
            };
            observed(fixed(year, 1, 1, "New Year's Day"));
            observed(fixed(year, 6, 19, "Juneteenth National Independence Day"));
            observed(fixed(year, 7, 4, "Independence Day"));
            observed(fixed(year, 11, 11, "Veterans Day"));
            observed(fixed(year, 12, 25, "Christmas Day"));
            // New Year's Day of next year falling on a Saturday is observed on 31 December.
            if Date::new(year + 1, 1, 1).map(Date::weekday) == Some(Weekday::Saturday) {
                days.push(fixed(year, 12, 31, "New Year's Day"));
            }
            days.extend([
                Holiday {
                    date: nth_weekday(year, 1, Weekday::Monday, 3),
                    name: "Birthday of Martin Luther King, Jr.",
                },
                Holiday {
                    date: nth_weekday(year, 2, Weekday::Monday, 3),
                    name: "Washington's Birthday",
                },
                Holiday {
                    date: nth_weekday(year, 5, Weekday::Monday, 0),
                    name: "Memorial Day",
                },
                Holiday {
                    date: nth_weekday(year, 9, Weekday::Monday, 1),
                    name: "Labor Day",
                },
                Holiday {
                    date: nth_weekday(year, 10, Weekday::Monday, 2),
                    name: "Columbus Day",
                },
                Holiday {
                    date: nth_weekday(year, 11, Weekday::Thursday, 4),
                    name: "Thanksgiving Day",
                },
            ]);
            days.retain(|h| h.date.year == year);
            days
        }
        Jurisdiction::Uk => {
            let new_year = fixed(year, 1, 1, "New Year's Day");
            let new_year = match new_year.date.weekday() {
                Weekday::Saturday => from_date(new_year.date.add_days(2), new_year.name),
                Weekday::Sunday => from_date(new_year.date.add_days(1), new_year.name),
                _ => new_year,
            };
            let christmas = Date {
                year,
                month: 12,
                day: 25,
            };
            // Schedule 1: Christmas and Boxing Day each move to the next weekday not already taken.
            let (christmas_day, boxing_day) = match christmas.weekday() {
                Weekday::Friday => (christmas, christmas.add_days(3)),
                Weekday::Saturday => (christmas.add_days(2), christmas.add_days(3)),
                Weekday::Sunday => (christmas.add_days(2), christmas.add_days(1)),
                _ => (christmas, christmas.add_days(1)),
            };
            vec![
                new_year,
                from_easter(-2, "Good Friday"),
                from_easter(1, "Easter Monday"),
                Holiday {
                    date: nth_weekday(year, 5, Weekday::Monday, 1),
                    name: "Early May bank holiday",
                },
                Holiday {
                    date: nth_weekday(year, 5, Weekday::Monday, 0),
                    name: "Spring bank holiday",
                },
                Holiday {
                    date: nth_weekday(year, 8, Weekday::Monday, 0),
                    name: "Summer bank holiday",
                },
                from_date(christmas_day, "Christmas Day"),
                from_date(boxing_day, "Boxing Day"),
            ]
        }
    };
    out.sort_by_key(|h| h.date);
    out
}

fn from_date(date: Date, name: &'static str) -> Holiday {
    Holiday { date, name }
}

/// The holiday of a pack on a date, if any.
pub fn holiday_on(jurisdiction: Jurisdiction, date: Date) -> Option<Holiday> {
    holidays(jurisdiction, date.year)
        .into_iter()
        .find(|h| h.date == date)
}

/// Why no contact may happen on a day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Forbidden {
    /// The pack's law allows no contact on Sundays (and its holidays).
    LawSunday { pack: Jurisdiction },
    /// A public holiday of a pack whose law, or the playbook's own `contact_hours`, allows no
    /// contact on holidays.
    Holiday {
        pack: Jurisdiction,
        name: &'static str,
        /// True when the law forbids it, false when only the playbook's hours leave it out.
        by_law: bool,
    },
    /// The playbook's `contact_hours` has no window for this kind of day.
    PlannedHours { weekday: Weekday },
}

impl Forbidden {
    pub fn by_law(&self) -> bool {
        match self {
            Self::LawSunday { .. } => true,
            Self::Holiday { by_law, .. } => *by_law,
            Self::PlannedHours { .. } => false,
        }
    }

    /// One sentence, for findings and the guide.
    pub fn describe(&self) -> String {
        match self {
            Self::LawSunday { pack } => {
                format!(
                    "a Sunday, when the {} pack allows no contact",
                    pack.as_str()
                )
            }
            Self::Holiday {
                pack,
                name,
                by_law: true,
            } => format!(
                "{name}, a holiday on which the {} pack allows no contact",
                pack.as_str()
            ),
            Self::Holiday { pack, name, .. } => format!(
                "{name}, a {} holiday, and `contact_hours` has no window for holidays",
                pack.as_str()
            ),
            Self::PlannedHours { weekday } => format!(
                "a {}, and `contact_hours` has no window for it",
                capitalised(weekday.as_str())
            ),
        }
    }
}

fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map_or_else(String::new, |c| {
        c.to_uppercase().chain(chars).collect::<String>()
    })
}

/// Why contact on `date` is not allowed, by the packs' law first, then by the playbook's own
/// `contact_hours` (an absent Saturday or Sunday window means no contact that day; the Sunday
/// window also covers public holidays).
pub fn forbidden_on(playbook: &Playbook, date: Date) -> Option<Forbidden> {
    let weekday = date.weekday();
    let mut packs = playbook.jurisdictions.clone();
    packs.sort();
    packs.dedup();
    for &pack in &packs {
        let law = &params(pack).contact_hours;
        if law.sunday.is_none() {
            if weekday == Weekday::Sunday {
                return Some(Forbidden::LawSunday { pack });
            }
            if let Some(h) = holiday_on(pack, date) {
                return Some(Forbidden::Holiday {
                    pack,
                    name: h.name,
                    by_law: true,
                });
            }
        }
    }
    let hours: &ContactHours = playbook.contact_hours.as_ref()?;
    match weekday {
        Weekday::Saturday if hours.saturday().is_none() => {
            return Some(Forbidden::PlannedHours { weekday });
        }
        Weekday::Sunday if hours.sunday().is_none() => {
            return Some(Forbidden::PlannedHours { weekday });
        }
        _ => {}
    }
    if hours.sunday().is_none() {
        for &pack in &packs {
            if let Some(h) = holiday_on(pack, date) {
                return Some(Forbidden::Holiday {
                    pack,
                    name: h.name,
                    by_law: false,
                });
            }
        }
    }
    None
}

/// Touches whose date is not allowed move to the next day on which contact is allowed: the
/// rule `guide.json` names `next-allowed-day`. A fortnight is the longest a shift looks ahead;
/// no real calendar has that many days without contact in a row.
pub const MAX_SHIFT_DAYS: i64 = 14;

/// The next allowed day on or after `date`, or None when none comes within [`MAX_SHIFT_DAYS`].
pub fn next_allowed_day(playbook: &Playbook, date: Date) -> Option<Date> {
    (0..=MAX_SHIFT_DAYS)
        .map(|d| date.add_days(d))
        .find(|&d| forbidden_on(playbook, d).is_none())
}

/// A touch placed on the calendar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlacedTouch {
    /// Index of the touch in `cadence`.
    pub index: usize,
    pub date: Date,
    /// Set when the touch contacts the customer on a day without contact.
    pub forbidden: Option<Forbidden>,
    /// Where the touch moves to under `next-allowed-day` (only when forbidden).
    pub shifted_to: Option<Date>,
}

/// Whether the contact rules bind a touch: calls and messages do; a letter is posted, not
/// delivered at a time, and escalations are not contacts.
pub fn bound_by_contact_days(touch: &Touch) -> bool {
    touch.action.is_none()
        && touch
            .channel
            .is_some_and(|c| c != crate::model::Channel::Letter)
}

/// The example due date of the playbook, when it sets one that is a real date.
pub fn example_due_date(playbook: &Playbook) -> Option<Date> {
    playbook
        .debt
        .example_due_date
        .as_deref()
        .and_then(Date::parse_iso)
}

/// Every touch of the cadence on the calendar of the example due date.
pub fn place_touches(playbook: &Playbook, due: Date) -> Vec<PlacedTouch> {
    playbook
        .cadence
        .iter()
        .enumerate()
        .map(|(index, touch)| {
            let date = due.add_days(i64::from(touch.day));
            let forbidden = bound_by_contact_days(touch)
                .then(|| forbidden_on(playbook, date))
                .flatten();
            let shifted_to = forbidden
                .as_ref()
                .and_then(|_| next_allowed_day(playbook, date));
            PlacedTouch {
                index,
                date,
                forbidden,
                shifted_to,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> Date {
        Date::parse_iso(text).expect("a date")
    }

    #[test]
    fn days_round_trip_and_weekdays_are_right() {
        assert_eq!(d("1970-01-01").to_days(), 0);
        assert_eq!(d("2000-03-01").to_days(), 11_017);
        for days in [-800_000, -1, 0, 59, 60, 10_957, 20_000, 800_000] {
            assert_eq!(Date::from_days(days).to_days(), days);
        }
        assert_eq!(d("2026-12-05").weekday(), Weekday::Saturday);
        assert_eq!(d("2024-02-29").add_days(1), d("2024-03-01"));
        assert_eq!(d("2026-12-31").add_days(1), d("2027-01-01"));
    }

    #[test]
    fn invalid_dates_are_refused() {
        for text in [
            "2026-02-29",
            "2026-13-01",
            "2026-00-10",
            "26-01-01",
            "2026-1-01",
            "x",
        ] {
            assert!(Date::parse_iso(text).is_none(), "{text}");
        }
        assert!(Date::parse_iso("2028-02-29").is_some());
    }

    #[test]
    fn easter_matches_known_years() {
        for (year, date) in [
            (2000, "2000-04-23"),
            (2019, "2019-04-21"),
            (2024, "2024-03-31"),
            (2025, "2025-04-20"),
            (2026, "2026-04-05"),
            (2027, "2027-03-28"),
            (2038, "2038-04-25"),
        ] {
            assert_eq!(easter(year), d(date), "{year}");
        }
    }

    fn dates(j: Jurisdiction, year: i32) -> Vec<String> {
        holidays(j, year).iter().map(|h| h.date.iso()).collect()
    }

    #[test]
    fn brazil_counts_movable_feasts_from_easter() {
        let days = dates(Jurisdiction::Br, 2026);
        for date in [
            "2026-02-16",
            "2026-02-17",
            "2026-04-03",
            "2026-06-04",
            "2026-11-20",
            "2026-04-21",
        ] {
            assert!(days.contains(&date.to_string()), "{date} in {days:?}");
        }
        assert_eq!(days.len(), 13);
    }

    #[test]
    fn us_federal_holidays_with_observed_days() {
        let days = dates(Jurisdiction::Us, 2026);
        for date in [
            "2026-01-19", // MLK
            "2026-02-16", // Washington
            "2026-05-25", // Memorial Day
            "2026-07-03", // Independence Day observed (July 4 is a Saturday)
            "2026-09-07", // Labor Day
            "2026-10-12", // Columbus Day
            "2026-11-26", // Thanksgiving
        ] {
            assert!(days.contains(&date.to_string()), "{date} in {days:?}");
        }
        // 2022-01-01 was a Saturday: observed on Friday 2021-12-31.
        assert!(dates(Jurisdiction::Us, 2021).contains(&"2021-12-31".to_string()));
    }

    #[test]
    fn england_and_wales_substitute_days() {
        // 2022: Christmas on Sunday, so Boxing Day Monday 26 and Christmas substitute Tuesday 27.
        let days = dates(Jurisdiction::Uk, 2022);
        assert!(days.contains(&"2022-12-26".to_string()));
        assert!(days.contains(&"2022-12-27".to_string()));
        // 2026: Good Friday 3 April, Easter Monday 6 April, Boxing Day Saturday -> Monday 28.
        let days = dates(Jurisdiction::Uk, 2026);
        for date in [
            "2026-04-03",
            "2026-04-06",
            "2026-05-04",
            "2026-05-25",
            "2026-08-31",
            "2026-12-25",
            "2026-12-28",
        ] {
            assert!(days.contains(&date.to_string()), "{date} in {days:?}");
        }
        // 2028-01-01 is a Saturday: the bank holiday is Monday 3 January.
        assert!(dates(Jurisdiction::Uk, 2028).contains(&"2028-01-03".to_string()));
    }

    fn playbook(yaml: &str) -> Playbook {
        serde_saphyr::from_str(yaml).expect("test playbook")
    }

    const BR: &str = "cordial: 1\nid: t\ntitle: T\nlocale: pt-BR\njurisdictions: [br]\ndebt: {example_due_date: \"2026-11-13\"}\nstart: s\nsteps:\n  s: {outcome: callback}\ncadence:\n  - {day: 0, channel: sms}\n  - {day: 2, channel: phone}\n  - {day: 7, channel: sms}\n  - {day: 2, channel: letter}\n";

    #[test]
    fn brazil_forbids_sundays_and_holidays_and_shifts_to_the_next_allowed_day() {
        let pb = playbook(BR);
        let due = example_due_date(&pb).expect("due date");
        let placed = place_touches(&pb, due);
        assert_eq!(placed[0].forbidden, None, "Friday 13 November");
        // Day 2 is Sunday 15 November (Proclamação da República as well): the law says no.
        assert_eq!(
            placed[1].forbidden,
            Some(Forbidden::LawSunday {
                pack: Jurisdiction::Br
            })
        );
        assert_eq!(placed[1].shifted_to, Some(d("2026-11-16")));
        // Day 7 is Friday 20 November, Consciência Negra.
        assert!(matches!(
            placed[2].forbidden,
            Some(Forbidden::Holiday { by_law: true, .. })
        ));
        assert_eq!(placed[2].shifted_to, Some(d("2026-11-21")));
        // A letter is posted, not delivered at a time.
        assert_eq!(placed[3].forbidden, None);
    }

    #[test]
    fn us_law_allows_every_day_but_the_playbook_hours_may_not() {
        let open = "cordial: 1\nid: t\ntitle: T\nlocale: en\njurisdictions: [us]\nstart: s\nsteps:\n  s: {outcome: callback}\n";
        let pb = playbook(open);
        assert_eq!(forbidden_on(&pb, d("2026-11-26")), None);
        let weekdays = format!("{open}contact_hours: {{from: \"09:00\", to: \"18:00\"}}\n");
        let pb = playbook(&weekdays);
        assert_eq!(
            forbidden_on(&pb, d("2026-11-28")),
            Some(Forbidden::PlannedHours {
                weekday: Weekday::Saturday
            })
        );
        assert!(matches!(
            forbidden_on(&pb, d("2026-11-26")),
            Some(Forbidden::Holiday { by_law: false, .. })
        ));
        assert_eq!(
            next_allowed_day(&pb, d("2026-11-26")),
            Some(d("2026-11-27"))
        );
    }
}
