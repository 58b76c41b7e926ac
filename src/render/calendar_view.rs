//! The contact plan on a calendar, for the guide page: month grids from the example due date to
//! the last touch, and a table that says where each touch falls and whether it moves.
//!
//! Everything shown comes from `guide.calendar` (what the check and `guide.json` say); this
//! module only arranges it and words it in the page's language, so it carries its own few words.

use super::guide::{CalendarInfo, ForbiddenDayInfo, ForbiddenReason, Guide};
use super::labels::Lang;
use crate::analysis::calendar::{Date, Weekday};

/// Most month grids drawn; a plan that runs longer is still listed in full in the table.
const MAX_MONTHS: usize = 6;

/// The calendar block.
pub struct CalendarView {
    pub title: &'static str,
    pub intro: String,
    /// Column headings, Monday first: (short, full).
    pub weekdays: [(&'static str, &'static str); 7],
    pub months: Vec<MonthView>,
    pub rows: Vec<TouchRow>,
    pub headings: [&'static str; 4],
    pub legend: [(&'static str, &'static str); 4],
}

/// One month grid.
pub struct MonthView {
    pub name: String,
    pub weeks: Vec<[DayCell; 7]>,
}

/// One day of a grid; `day` 0 is padding before the 1st or after the last.
#[derive(Default, Clone)]
pub struct DayCell {
    pub day: u32,
    /// Space-separated classes: `cal-due`, `cal-touch`, `cal-forbidden`, `cal-shifted`,
    /// `cal-holiday`, `cal-off` (Sunday).
    pub class: String,
    /// Visible marks written in the cell (touch labels, holiday names).
    pub marks: Vec<String>,
}

/// One touch in the table.
pub struct TouchRow {
    pub touch: String,
    pub date: String,
    pub weekday: &'static str,
    /// Empty when the touch may happen that day.
    pub status: String,
    pub forbidden: bool,
}

struct Words {
    title: &'static str,
    intro: &'static str,
    months: [&'static str; 12],
    weekdays: [(&'static str, &'static str); 7],
    headings: [&'static str; 4],
    moves_to: &'static str,
    no_move: &'static str,
    allowed: &'static str,
    due: &'static str,
    legend: [(&'static str, &'static str); 4],
    /// Why a day has no contact: a Sunday by law, outside the playbook's own hours.
    sunday: &'static str,
    own_hours: &'static str,
}

static EN: Words = Words {
    title: "Calendar of the example due date",
    intro: "The contact plan for a debt due on",
    months: [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
    weekdays: [
        ("Mon", "Monday"),
        ("Tue", "Tuesday"),
        ("Wed", "Wednesday"),
        ("Thu", "Thursday"),
        ("Fri", "Friday"),
        ("Sat", "Saturday"),
        ("Sun", "Sunday"),
    ],
    headings: ["Touch", "Date", "Day", "Contact allowed?"],
    moves_to: "No: moves to",
    no_move: "No, and no day within 14 allows contact",
    allowed: "Yes",
    due: "Due date",
    legend: [
        ("cal-due", "due date"),
        ("cal-touch", "touch"),
        ("cal-forbidden", "touch on a day without contact"),
        ("cal-shifted", "where it moves to"),
    ],
    sunday: "Sunday: no contact by law",
    own_hours: "no contact hours on this day in the playbook",
};

static PT: Words = Words {
    title: "Calendário do vencimento de exemplo",
    intro: "A régua de contato para uma dívida que vence em",
    months: [
        "janeiro",
        "fevereiro",
        "março",
        "abril",
        "maio",
        "junho",
        "julho",
        "agosto",
        "setembro",
        "outubro",
        "novembro",
        "dezembro",
    ],
    weekdays: [
        ("seg", "segunda-feira"),
        ("ter", "terça-feira"),
        ("qua", "quarta-feira"),
        ("qui", "quinta-feira"),
        ("sex", "sexta-feira"),
        ("sáb", "sábado"),
        ("dom", "domingo"),
    ],
    headings: ["Contato", "Data", "Dia", "Contato permitido?"],
    moves_to: "Não: passa para",
    no_move: "Não, e nenhum dia nos próximos 14 permite contato",
    allowed: "Sim",
    due: "Vencimento",
    legend: [
        ("cal-due", "vencimento"),
        ("cal-touch", "contato"),
        ("cal-forbidden", "contato em dia sem contato permitido"),
        ("cal-shifted", "para onde ele passa"),
    ],
    sunday: "domingo: contato proibido por lei",
    own_hours: "o roteiro não tem horário de contato neste dia",
};

fn weekday_index(day: Weekday) -> usize {
    day as usize
}

fn format_date(date: Date, lang: Lang, words: &Words) -> String {
    match lang {
        Lang::Pt => format!("{:02}/{:02}/{}", date.day, date.month, date.year),
        Lang::En => format!(
            "{} {} {}",
            date.day,
            &words.months[date.month as usize - 1][..3],
            date.year
        ),
    }
}

/// Why a day is ruled out, in the page's language; a holiday by its own name. The English
/// description is guide.json's own sentence.
fn reason(why: &ForbiddenDayInfo, lang: Lang, words: &Words) -> String {
    if lang == Lang::En && why.reason != ForbiddenReason::Holiday {
        return why.description.clone();
    }
    match why.reason {
        ForbiddenReason::Holiday => why
            .holiday
            .clone()
            .unwrap_or_else(|| why.description.clone()),
        ForbiddenReason::Sunday => words.sunday.to_string(),
        ForbiddenReason::ContactHours => words.own_hours.to_string(),
    }
}

/// An escalation's name short enough for a calendar cell.
fn short_action(action: &str, lang: Lang) -> &str {
    match (lang, action) {
        (Lang::En, "credit-bureau-report") => "bureau report",
        (Lang::En, "small-claims") => "small claims",
        (Lang::En, "legal-referral") => "to lawyers",
        (Lang::En, "write-off") => "write-off",
        (Lang::En, "service-suspension") => "suspension",
        (Lang::Pt, "credit-bureau-report") => "negativação",
        (Lang::Pt, "protest") => "protesto",
        (Lang::Pt, "small-claims") => "juizado",
        (Lang::Pt, "legal-referral") => "jurídico",
        (Lang::Pt, "write-off") => "baixa",
        (Lang::Pt, "service-suspension") => "suspensão",
        (_, other) => other,
    }
}

/// A touch's short label for a cell: `D-3 SMS`, `D+5 Phone`, `D+30 negativação`.
fn touch_label(guide: &Guide, id: &str, lang: Lang) -> String {
    let Some(touch) = guide.cadence.iter().find(|t| t.id == id) else {
        return id.to_string();
    };
    let what = match (touch.action.as_deref(), touch.channel.as_deref()) {
        (Some(action), _) => short_action(action, lang).to_string(),
        (None, Some(channel)) => lang.labels().channel(channel),
        (None, None) => String::new(),
    };
    let day = match touch.day {
        0 => "D".to_string(),
        d if d > 0 => format!("D+{d}"),
        d => format!("D{d}"),
    };
    format!("{day} {what}")
}

impl CalendarView {
    /// The block for a guide with a calendar; None without one.
    pub fn new(guide: &Guide, lang: &Lang) -> Option<Self> {
        let lang = *lang;
        let calendar: &CalendarInfo = guide.calendar.as_ref()?;
        let words = match lang {
            Lang::En => &EN,
            Lang::Pt => &PT,
        };
        let due = Date::parse_iso(&calendar.due_date)?;
        let mut rows = Vec::new();
        // (date, class, mark) for every marked day.
        let mut marks: Vec<(Date, &'static str, String)> = vec![(due, "cal-due", words.due.into())];
        for entry in &calendar.touches {
            let Some(date) = Date::parse_iso(&entry.date) else {
                continue;
            };
            let label = touch_label(guide, &entry.touch, lang);
            let shifted = entry.shifted_to.as_deref().and_then(Date::parse_iso);
            let status = match (&entry.forbidden, shifted) {
                (None, _) => String::new(),
                (Some(why), Some(to)) => format!(
                    "{} {} ({})",
                    words.moves_to,
                    format_date(to, lang, words),
                    reason(why, lang, words)
                ),
                (Some(why), None) => format!("{} ({})", words.no_move, reason(why, lang, words)),
            };
            if entry.forbidden.is_some() {
                marks.push((date, "cal-forbidden", label.clone()));
                if let Some(to) = shifted {
                    marks.push((to, "cal-shifted", format!("→ {label}")));
                }
            } else {
                marks.push((date, "cal-touch", label.clone()));
            }
            rows.push(TouchRow {
                forbidden: entry.forbidden.is_some(),
                touch: label,
                date: format_date(date, lang, words),
                weekday: words.weekdays[weekday_index(date.weekday())].1,
                status: if status.is_empty() {
                    words.allowed.into()
                } else {
                    status
                },
            });
        }
        let first = marks.iter().map(|m| m.0).min()?;
        let last = marks.iter().map(|m| m.0).max()?;
        let holidays = guide
            .legal_limits
            .iter()
            .flat_map(|l| &l.holidays.dates)
            .filter_map(|h| Some((Date::parse_iso(&h.date)?, h.name.clone())))
            .filter(|(d, _)| (first..=last).contains(d));
        for (date, name) in holidays {
            marks.push((date, "cal-holiday", name));
        }
        let mut months = Vec::new();
        let (mut year, mut month) = (first.year, first.month);
        while (year, month) <= (last.year, last.month) && months.len() < MAX_MONTHS {
            months.push(month_view(year, month, &marks, words));
            (year, month) = if month == 12 {
                (year + 1, 1)
            } else {
                (year, month + 1)
            };
        }
        Some(Self {
            title: words.title,
            intro: format!("{} {}.", words.intro, format_date(due, lang, words)),
            weekdays: words.weekdays,
            months,
            rows,
            headings: words.headings,
            legend: words.legend,
        })
    }
}

fn month_view(
    year: i32,
    month: u32,
    marks: &[(Date, &'static str, String)],
    words: &Words,
) -> MonthView {
    let mut weeks: Vec<[DayCell; 7]> = Vec::new();
    let mut week: [DayCell; 7] = Default::default();
    let mut day = 1;
    while let Some(date) = Date::new(year, month, day) {
        let column = weekday_index(date.weekday());
        let mut classes: Vec<&str> = Vec::new();
        if date.weekday() == Weekday::Sunday {
            classes.push("cal-off");
        }
        let mut cell_marks = Vec::new();
        for (_, class, text) in marks.iter().filter(|m| m.0 == date) {
            classes.push(class);
            cell_marks.push(text.clone());
        }
        week[column] = DayCell {
            day,
            class: classes.join(" "),
            marks: cell_marks,
        };
        if column == 6 {
            weeks.push(std::mem::take(&mut week));
        }
        day += 1;
    }
    if week.iter().any(|c| c.day > 0) {
        weeks.push(week);
    }
    MonthView {
        name: format!("{} {year}", words.months[month as usize - 1]),
        weeks,
    }
}
