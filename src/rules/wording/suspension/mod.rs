//! `wording/suspension`: announcing a supply cut (water, power, telephone) is lawful only when
//! the cadence takes it after the written notice the pack requires; a false threat otherwise.
//! Exposing the cut to other people ("your neighbours will see the cut") is shaming.
//!
//! The decision lives here, with its own words ([`lexicon`]) and its own table of notice
//! periods per pack and sector ([`requirement`]), so that it does not depend on the wording
//! engine's phrase packs. The wording check calls [`announcements`] only to keep the engine's
//! generic "your utilities will be cut off" (a false consequence when a collector says it)
//! from repeating this rule's finding for a creditor that really supplies the service.

pub mod lexicon;

use std::ops::Range;

use crate::analysis::fold::fold;
use crate::diagnostic::{Finding, Location, Severity};
use crate::model::{EscalationAction, Jurisdiction, Playbook, Sector};
use crate::rules::wording::shaming;
use crate::rules::{Check, Citation, Context, Example, RuleMeta};
use lexicon::Service;

pub static META: RuleMeta = RuleMeta {
    code: "wording/suspension",
    severity: Severity::Error,
    summary: "announces a supply cut the cadence does not take after the notice the law requires",
    packs: &["en", "pt"],
    rationale: "A water, power or telephone company may suspend the service of a customer who does not \
pay, but only after the written notice the law requires; announcing the cut otherwise (\"cortamos a \
sua água amanhã\") is a threat. cordial reads the announcement against the cadence: it is lawful only \
when the cadence has a `service-suspension` action, an earlier touch establishes \
`suspension-notice-sent`, and the days between them reach the notice period of every pack in force \
(br: 30 days for water, 15 for power and telephone; us: 10 days, cordial's default for the state \
rules; uk: 28 days for energy, cordial's default, and never for domestic water). An announcement \
that puts the cut on today or tomorrow is refused whatever the cadence. Sector rules: in the br pack \
a school may never bar exams or withhold documents for non-payment, and a health plan needs the \
notice too.\n\n\
Saying the cut out loud to, or in front of, other people (\"os seus vizinhos vão ver o corte\") is \
reported as `wording/shaming`.",
    citations: &[
        Citation {
            pack: "br",
            text: "Lei 11.445/2007 art. 40 V and §2 (water: formal notice at least 30 days before); ANEEL Resolução Normativa 1.000/2021 (power: written notice at least 15 days before); Anatel Resolução 632/2014 art. 90 (telecom: notice at least 15 days before); Lei 9.870/1999 art. 6 (schools); Lei 9.656/1998 art. 13 parágrafo único II (health plans); CDC art. 42 and 71",
        },
        Citation {
            pack: "us",
            text: "state public utility commission rules (written notice before disconnection, commonly 10 to 14 days); FDCPA 15 U.S.C. 1692e(5) (no threat of action not intended or not lawful)",
        },
        Citation {
            pack: "uk",
            text: "Water Industry Act 1991 s.61(1A) (no disconnection of domestic water for non-payment); Ofgem standard licence conditions for supply (disconnection for debt only as a last resort, after notice); FCA CONC 7.11.6R",
        },
    ],
    examples: &[
        Example {
            lang: "pt",
            fails: true,
            text: "Cortamos a sua água amanhã.",
        },
        Example {
            lang: "en",
            fails: true,
            text: "We will shut off your water tomorrow.",
        },
        Example {
            lang: "yaml",
            fails: false,
            text: "creditor: {name: Águas do Vale, sector: utility}\ncadence:\n  - {day: 10, channel: letter, template: aviso, establishes: [suspension-notice-sent]}\n  - {day: 45, action: service-suspension}\nsteps:\n  aviso:\n    say: [\"Só depois de um aviso por escrito com 30 dias podemos cortar a água.\"]\n",
        },
    ],
    suppressible: true,
};

/// What a pack requires before a cut of one service.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Requirement {
    /// Written notice at least `days` before the suspension.
    Notice { days: i32, law: &'static str },
    /// Never lawful.
    Never { law: &'static str },
}

/// The requirement of one pack for one service, given the creditor's sector.
pub fn requirement(
    j: Option<Jurisdiction>,
    sector: Option<Sector>,
    service: Service,
) -> Requirement {
    use Requirement::{Never, Notice};
    match (j, sector, service) {
        (Some(Jurisdiction::Br), Some(Sector::Education), _) => Never {
            law: "Lei 9.870/1999 art. 6: a school may not apply pedagogical or administrative sanctions for non-payment",
        },
        (Some(Jurisdiction::Br), _, Service::Water) => Notice {
            days: 30,
            law: "Lei 11.445/2007 art. 40 §2: notice at least 30 days before a water suspension",
        },
        (Some(Jurisdiction::Br), _, Service::Energy) => Notice {
            days: 15,
            law: "ANEEL REN 1.000/2021: written notice at least 15 days before a power suspension",
        },
        (Some(Jurisdiction::Br), Some(Sector::Telecom), _)
        | (Some(Jurisdiction::Br), _, Service::Telecom) => Notice {
            days: 15,
            law: "Anatel Resolução 632/2014 art. 90: notice at least 15 days before a suspension",
        },
        (Some(Jurisdiction::Br), Some(Sector::Health), _) => Notice {
            days: 10,
            law: "Lei 9.656/1998 art. 13 parágrafo único II: notice by the 50th day of default, suspension only after the 60th",
        },
        (Some(Jurisdiction::Br), _, _) => Notice {
            days: 30,
            law: "CDC art. 22 and Lei 11.445/2007 art. 40 §2: an essential service is suspended only after prior notice (30 days, the strictest of the utility rules)",
        },
        (Some(Jurisdiction::Uk), _, Service::Water) => Never {
            law: "Water Industry Act 1991 s.61(1A): domestic water may not be disconnected for non-payment",
        },
        (Some(Jurisdiction::Uk), _, _) => Notice {
            days: 28,
            law: "Ofgem supply licence conditions: disconnection only as a last resort, after notice (28 days is cordial's default)",
        },
        (Some(Jurisdiction::Us), _, _) => Notice {
            days: 10,
            law: "state public utility commission rules: written notice before disconnection (10 days is cordial's default)",
        },
        (None, _, _) => Notice {
            days: 1,
            law: "a suspension is announced only after the notice that precedes it",
        },
    }
}

/// The strictest requirement of the packs in force.
fn strictest(
    playbook: &Playbook,
    jurisdictions: &[Jurisdiction],
    service: Service,
) -> (Requirement, Option<Jurisdiction>) {
    let sector = playbook.creditor.as_ref().and_then(|c| c.sector);
    let candidates: Vec<Option<Jurisdiction>> = if jurisdictions.is_empty() {
        vec![None]
    } else {
        jurisdictions.iter().copied().map(Some).collect()
    };
    candidates
        .into_iter()
        .map(|j| (requirement(j, sector, service), j))
        .max_by_key(|(r, _)| match r {
            Requirement::Never { .. } => i32::MAX,
            Requirement::Notice { days, .. } => *days,
        })
        .unwrap_or((requirement(None, sector, service), None))
}

/// The suspension the cadence takes, and the notice before it.
#[derive(Debug, Clone, Copy, Default)]
struct Plan {
    suspension_day: Option<i32>,
    /// Days between the latest notice before the suspension and the suspension.
    notice_lead: Option<i32>,
}

impl Plan {
    fn of(playbook: &Playbook) -> Self {
        let suspension_day = playbook
            .cadence
            .iter()
            .filter(|t| t.action == Some(EscalationAction::ServiceSuspension))
            .map(|t| t.day)
            .min();
        let notice_lead = suspension_day.and_then(|day| {
            playbook
                .cadence
                .iter()
                .filter(|t| {
                    t.day < day && t.establishes.iter().any(|f| f == "suspension-notice-sent")
                })
                .map(|t| day - t.day)
                .max()
        });
        Self {
            suspension_day,
            notice_lead,
        }
    }
}

/// Whether this rule, rather than the generic false-consequence list, judges supply cuts: the
/// creditor supplies a service (or the cadence suspends one).
pub fn governs(playbook: &Playbook) -> bool {
    matches!(
        playbook.creditor.as_ref().and_then(|c| c.sector),
        Some(Sector::Utility | Sector::Telecom | Sector::Health | Sector::Education)
    ) || playbook
        .cadence
        .iter()
        .any(|t| t.action == Some(EscalationAction::ServiceSuspension))
}

/// The original byte ranges of every supply-cut announcement in `text`, negated or not.
pub fn announcements(text: &str) -> Vec<Range<usize>> {
    let folded = fold(text);
    lexicon::ANNOUNCEMENT
        .find_iter(&folded.text)
        .map(|m| folded.original(m.range()))
        .collect()
}

/// The sentence of `text` around bytes `range` (folded text).
fn sentence(text: &str, range: &Range<usize>) -> Range<usize> {
    let start = text[..range.start]
        .rfind(['.', '!', '?', '\n'])
        .map_or(0, |i| i + 1);
    let end = text[range.end..]
        .find(['.', '!', '?', '\n'])
        .map_or(text.len(), |i| range.end + i);
    start..end
}

/// Whether a negation stands in the three words before `at`, in the same clause ("não vamos
/// cortar"; not "se não pagar, cortamos").
fn negated(text: &str, at: usize) -> bool {
    let before = &text[..at];
    let clause = before
        .rfind([',', ';', ':', '.', '!', '?', '\n'])
        .map_or(before, |i| &before[i + 1..]);
    let words: Vec<&str> = clause.split_whitespace().collect();
    let recent = words[words.len().saturating_sub(3)..].join(" ");
    lexicon::NEGATION.is_match(&recent)
}

pub struct Suspension;

impl Check for Suspension {
    fn run(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let playbook = cx.playbook;
        let jurisdictions: Vec<Jurisdiction> = cx.packs.jurisdictions.iter().copied().collect();
        let plan = Plan::of(playbook);
        let school = playbook.creditor.as_ref().and_then(|c| c.sector) == Some(Sector::Education);
        for (at, text) in cx.checked_texts() {
            let folded = fold(text);
            let mut matches: Vec<(Range<usize>, Service)> = lexicon::ANNOUNCEMENT
                .find_iter(&folded.text)
                .map(|m| (m.range(), lexicon::service_of(m.as_str())))
                .collect();
            if school {
                matches.extend(
                    lexicon::SCHOOL_SANCTION
                        .find_iter(&folded.text)
                        .map(|m| (m.range(), Service::Unspecified)),
                );
            }
            for (range, service) in matches {
                if negated(&folded.text, range.start) {
                    continue;
                }
                let span = sentence(&folded.text, &range);
                let words = &folded.text[span.clone()];
                let (requirement, pack) = strictest(playbook, &jurisdictions, service);
                if let Some(reason) = refusal(requirement, plan, lexicon::IMMEDIATE.is_match(words))
                {
                    let portuguese = cx.packs.language == "pt";
                    out.push(finding(
                        at,
                        folded.original(range),
                        service,
                        requirement,
                        pack,
                        &reason,
                        portuguese,
                    ));
                }
            }
            for cut in lexicon::CUT_WORD.find_iter(&folded.text) {
                let span = sentence(&folded.text, &cut.range());
                if lexicon::EXPOSURE.is_match(&folded.text[span.clone()])
                    && !negated(&folded.text, cut.start())
                {
                    out.push(
                        Finding::new(
                            shaming::META.code,
                            "exposes the customer's supply cut to other people",
                            Location::text(at.clone(), folded.original(span)),
                        )
                        .label("the cut shown or told to others")
                        .help(if cx.packs.language == "pt" {
                            "fale do corte só com o próprio cliente, por escrito, com a data e como evitá-lo"
                        } else {
                            "speak about the suspension to the customer alone, in writing, with the date and how to avoid it"
                        })
                        .note("CDC art. 42 (no exposure to ridicule); FDCPA 15 U.S.C. 1692c(b); FCA CONC 7.9.10R; this rule cannot be silenced"),
                    );
                    break;
                }
            }
        }
    }
}

/// Why announcing the cut is unlawful here; None when the cadence takes it as the law requires.
fn refusal(requirement: Requirement, plan: Plan, immediate: bool) -> Option<String> {
    let days = match requirement {
        Requirement::Never { law } => return Some(format!("never lawful: {law}")),
        Requirement::Notice { days, .. } => days,
    };
    if immediate {
        return Some(format!(
            "it is announced for today or tomorrow, but {days} days of written notice must come first"
        ));
    }
    let Some(day) = plan.suspension_day else {
        return Some("no `service-suspension` action in the cadence".to_string());
    };
    match plan.notice_lead {
        None => Some(format!(
            "no touch establishes `suspension-notice-sent` before the `service-suspension` on day {day}"
        )),
        Some(lead) if lead < days => Some(format!(
            "the notice comes {lead} days before the `service-suspension` on day {day}, and {days} are required"
        )),
        Some(_) => None,
    }
}

fn finding(
    at: &str,
    range: Range<usize>,
    service: Service,
    requirement: Requirement,
    pack: Option<Jurisdiction>,
    reason: &str,
    portuguese: bool,
) -> Finding {
    let (help, law) = match requirement {
        Requirement::Never { law } if portuguese => (
            "não anuncie o corte: a lei não o permite para este credor".to_string(),
            law,
        ),
        Requirement::Never { law } => (
            "do not announce it: the law does not allow it for this creditor".to_string(),
            law,
        ),
        Requirement::Notice { days, law } => {
            // The example is said to the customer, so it is in the playbook's language.
            let example = if portuguese {
                format!(
                    "só depois de um aviso por escrito com {days} dias o fornecimento pode ser suspenso"
                )
            } else {
                format!("only after a written notice {days} days ahead can the supply be suspended")
            };
            let help = if portuguese {
                format!(
                    "anuncie o corte só como a régua o faz: um aviso por escrito (um contato que estabelece `suspension-notice-sent`) pelo menos {days} dias antes de uma ação `service-suspension`; por exemplo: \"{example}\""
                )
            } else {
                format!(
                    "announce the cut only as the cadence takes it: a written notice (a touch that establishes `suspension-notice-sent`) at least {days} days before a `service-suspension` action; for example: \"{example}\""
                )
            };
            (help, law)
        }
    };
    let pack = pack
        .map(|j| format!(" ({} pack)", j.as_str()))
        .unwrap_or_default();
    Finding::new(
        META.code,
        format!("announces a cut of {} ({reason})", service.describe()),
        Location::text(at, range),
    )
    .label("a supply cut the cadence does not take lawfully")
    .help(help)
    .note(format!("{law}{pack}"))
}

#[cfg(test)]
mod tests;
