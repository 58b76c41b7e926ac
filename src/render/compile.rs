//! Builds the `cordial-guide/2` model from a checked playbook. The HTML guide is rendered from
//! this same model, so the page and the JSON never disagree.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use sha2::{Digest, Sha256};

use super::GuideInput;
use super::guide::*;
use super::markdown::plain_text;
use super::placement::finding_pointers;
use crate::analysis::calendar::{self, Forbidden, example_due_date, place_touches};
use crate::analysis::fill::{MoneyStyle, example_text, fill_for_customer};
use crate::analysis::flow::Flow;
use crate::analysis::schedule::{currency_decimals, decimal_from_f64, price_schedule, round_money};
use crate::analysis::sms::measure;
use crate::diagnostic::Severity;
use crate::model::{
    Channel, Next, Offer, OfferKind, Outcome, Playbook, TimeWindow, Touch, VariableKind,
};
use crate::rules::Packs;
use crate::rules::jurisdiction::{BureauNotice, Window, hhmm};

/// Version of the tool and of its rule packs.
pub const TOOL_VERSION: &str = env!("CARGO_PKG_VERSION");

/// Wording packs that exist; other languages get only the language-neutral rules.
const WORDING_PACKS: [&str; 2] = ["en", "pt"];

/// Compiles the JSON guide of one playbook.
pub fn guide_json(input: &GuideInput<'_>) -> Guide {
    let playbook = input.playbook;
    let own_packs;
    let packs = match input.packs {
        Some(packs) => packs,
        None => {
            own_packs = Packs::for_playbook(playbook);
            &own_packs
        }
    };
    let flow = Flow::new(playbook);
    let touch_ids = touch_ids(&playbook.cadence);
    let calendar = calendar_info(playbook, &touch_ids);
    Guide {
        format: Format::V2,
        generator: Generator {
            name: "cordial".into(),
            version: TOOL_VERSION.into(),
        },
        playbook: metadata(playbook, packs),
        source: Source {
            path: input.source_path.to_string(),
            sha256: sha256_hex(input.source_text.as_bytes()),
        },
        start: playbook.start.clone(),
        variables: playbook
            .variables
            .iter()
            .map(|(name, v)| VariableInfo {
                name: name.clone(),
                kind: variable_kind(v.kind).into(),
                example: example_text(v),
                description: v.description.clone(),
            })
            .collect(),
        steps: steps(playbook, &flow),
        facts: facts(playbook, &touch_ids),
        outcomes: outcomes(playbook),
        offers: playbook
            .offers
            .iter()
            .map(|(id, offer)| offer_info(playbook, id, offer))
            .collect(),
        templates: templates(playbook),
        cadence: playbook
            .cadence
            .iter()
            .zip(&touch_ids)
            .map(|(t, id)| TouchInfo {
                id: id.clone(),
                day: t.day,
                channel: t.channel.map(|c| c.as_str().into()),
                template: t.template.clone(),
                step: t.step.clone(),
                attempts: (t.channel == Some(Channel::Phone)).then(|| t.call_attempts()),
                action: t.action.map(|a| a.as_str().into()),
                establishes: t.establishes.clone(),
                note: t.note.clone(),
            })
            .collect(),
        legal_limits: legal_limits(packs, calendar.as_ref()),
        calendar,
        contact_hours: playbook.contact_hours.as_ref().map(|h| ContactHoursInfo {
            weekdays: window(h.weekdays()),
            saturday: h.saturday().map(window),
            sunday: h.sunday().map(window),
        }),
        findings: findings(input),
        rule_packs: rule_packs(packs),
    }
}

/// Lowercase hex SHA-256.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn metadata(playbook: &Playbook, packs: &Packs) -> Metadata {
    let in_force = &packs.jurisdictions;
    Metadata {
        id: playbook.id.clone(),
        title: playbook.title.clone(),
        locale: playbook.locale.clone(),
        jurisdictions_inferred: playbook.jurisdictions.is_empty() && !in_force.is_empty(),
        jurisdictions: in_force.iter().map(|j| j.as_str().to_string()).collect(),
        collector: match playbook.collector {
            crate::model::Collector::FirstParty => "first-party".into(),
            crate::model::Collector::ThirdParty => "third-party".into(),
        },
        owner: playbook.owner.clone(),
        version: playbook.version.clone(),
        summary: playbook.summary.clone(),
        creditor: playbook.creditor.as_ref().map(|c| CreditorInfo {
            name: c.name.clone(),
            tax_id: c.tax_id.clone(),
        }),
        time_barred: playbook.debt.time_barred,
    }
}

fn variable_kind(kind: VariableKind) -> &'static str {
    match kind {
        VariableKind::Text => "text",
        VariableKind::Money => "money",
        VariableKind::Date => "date",
        VariableKind::Number => "number",
        VariableKind::Percent => "percent",
    }
}

fn steps(playbook: &Playbook, flow: &Flow) -> Vec<StepInfo> {
    let money_style = MoneyStyle::for_playbook(playbook);
    let outcomes = flow.outcomes_from_each(playbook);
    let is_step = |id: &str| playbook.steps.contains_key(id);
    playbook
        .steps
        .iter()
        .enumerate()
        .map(|(index, (id, step))| {
            let node = petgraph::graph::NodeIndex::new(index);
            let written: Vec<(Option<&str>, &str)> = match &step.next {
                None => Vec::new(),
                Some(Next::Always(to)) => vec![(None, to.as_str())],
                Some(Next::Branches(branches)) => branches
                    .iter()
                    .map(|b| (Some(b.when.as_str()), b.go.as_str()))
                    .collect(),
            };
            let ids = numbered(written.iter().map(|(_, to)| format!("{id}->{to}")), "#");
            let transitions = written
                .iter()
                .zip(ids)
                .map(|(&(when, to), id)| Transition {
                    id,
                    when: when.map(str::to_string),
                    to: to.to_string(),
                    resolved: playbook.steps.contains_key(to),
                })
                .collect();
            StepInfo {
                id: id.clone(),
                title: step.title.clone().unwrap_or_else(|| id.clone()),
                goal: step.goal.clone(),
                say: step.say.clone(),
                say_example: step
                    .say
                    .iter()
                    .map(|line| fill_for_customer(line, playbook, &money_style))
                    .collect(),
                say_plain: step.say.iter().map(|l| plain_text(l, &is_step)).collect(),
                tips: step.tips.clone(),
                tips_plain: step.tips.iter().map(|l| plain_text(l, &is_step)).collect(),
                avoid: step.avoid.clone(),
                record: step
                    .record
                    .iter()
                    .map(|name| {
                        let declared = playbook.variables.get(name);
                        RecordField {
                            name: name.clone(),
                            kind: declared.map_or("text", |v| variable_kind(v.kind)).into(),
                            declared: declared.is_some(),
                        }
                    })
                    .collect(),
                establishes: step.establishes.clone(),
                requires: step.requires.clone(),
                offers: step.offers.clone(),
                transitions,
                outcome: step.outcome.map(|o| o.as_str().into()),
                reachable_outcomes: outcomes[index]
                    .iter()
                    .map(|o| o.as_str().to_string())
                    .collect(),
                reachable: flow.is_reachable(node),
            }
        })
        .collect()
}

fn facts(playbook: &Playbook, touch_ids: &[String]) -> Vec<FactInfo> {
    // BTreeMap: facts sorted by name, whatever the order of the playbook.
    let mut facts: BTreeMap<&str, FactInfo> = BTreeMap::new();
    fn slot<'m, 'a>(facts: &'m mut BTreeMap<&'a str, FactInfo>, fact: &'a str) -> &'m mut FactInfo {
        facts.entry(fact).or_insert_with(|| FactInfo {
            fact: fact.to_string(),
            established_by_steps: Vec::new(),
            established_by_touches: Vec::new(),
            required_by: Vec::new(),
        })
    }
    for (id, step) in &playbook.steps {
        for fact in &step.establishes {
            slot(&mut facts, fact).established_by_steps.push(id.clone());
        }
        for fact in &step.requires {
            slot(&mut facts, fact).required_by.push(id.clone());
        }
    }
    for (index, touch) in playbook.cadence.iter().enumerate() {
        for fact in &touch.establishes {
            slot(&mut facts, fact)
                .established_by_touches
                .push(touch_ids[index].clone());
        }
    }
    facts.into_values().collect()
}

/// What each outcome means, for the glossary.
pub fn outcome_description(outcome: Outcome) -> &'static str {
    match outcome {
        Outcome::Agreement => "The customer agreed to a plan; its terms are recorded.",
        Outcome::Paid => "The customer paid during the contact.",
        Outcome::PromiseToPay => "The customer promised a payment on a date.",
        Outcome::Callback => "The customer asked to talk another time; the time is recorded.",
        Outcome::Refused => "The customer declined every option.",
        Outcome::Dispute => {
            "The customer disputes the debt; collection pauses until it is verified."
        }
        Outcome::HardshipReferral => {
            "The customer is referred to a team that handles financial hardship."
        }
        Outcome::WrongParty => {
            "The person reached is not the customer; nothing about the debt was said."
        }
        Outcome::Escalated => "The case goes to a supervisor or another team.",
        Outcome::NoContact => "The customer could not be reached.",
    }
}

fn outcomes(playbook: &Playbook) -> Vec<OutcomeInfo> {
    Outcome::ALL
        .iter()
        .filter_map(|&outcome| {
            let steps: Vec<String> = playbook
                .steps
                .iter()
                .filter(|(_, s)| s.outcome == Some(outcome))
                .map(|(id, _)| id.clone())
                .collect();
            (!steps.is_empty()).then(|| OutcomeInfo {
                outcome: outcome.as_str().into(),
                description: outcome_description(outcome).into(),
                steps,
            })
        })
        .collect()
}

/// `ids` made unique in order: the first keeps its id, the next ones get `<sep>2`, `<sep>3`, …
fn numbered(ids: impl Iterator<Item = String>, sep: &str) -> Vec<String> {
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    ids.map(|id| {
        let count = seen.entry(id.clone()).or_insert(0);
        *count += 1;
        if *count == 1 {
            id
        } else {
            format!("{id}{sep}{count}")
        }
    })
    .collect()
}

/// Stable ids of the touches: when, then what (`before-3-sms`, `due-phone`,
/// `after-40-credit-bureau-report`).
fn touch_ids(cadence: &[Touch]) -> Vec<String> {
    numbered(
        cadence.iter().map(|t| {
            let when = match t.day {
                0 => "due".to_string(),
                d if d < 0 => format!("before-{}", d.unsigned_abs()),
                d => format!("after-{d}"),
            };
            let what = match (t.action, t.channel) {
                (Some(action), _) => action.as_str(),
                (None, Some(channel)) => channel.as_str(),
                (None, None) => "touch",
            };
            format!("{when}-{what}")
        }),
        "-",
    )
}

/// The currency amounts of an offer are in: its own, else the playbook's (first pack's), else
/// `XXX`, ISO 4217's code for "no currency".
fn currency_of(playbook: &Playbook, offer: &Offer) -> String {
    offer
        .currency
        .clone()
        .filter(|c| c.len() == 3 && c.bytes().all(|b| b.is_ascii_uppercase()))
        .or_else(|| {
            let style = MoneyStyle::for_playbook(playbook).currency;
            (!style.is_empty()).then_some(style)
        })
        .unwrap_or_else(|| "XXX".into())
}

/// An amount in one currency, written with exactly its minor unit's places.
#[derive(Clone, Copy)]
struct Currency<'a> {
    code: &'a str,
    decimals: u32,
}

impl Currency<'_> {
    fn money(&self, value: Decimal) -> Money {
        let mut rounded = round_money(value, self.decimals);
        rounded.rescale(self.decimals);
        Money {
            amount: rounded.to_string(),
            currency: self.code.to_string(),
        }
    }
    /// A playbook number as money; None when it is not a finite amount.
    fn amount(&self, value: f64) -> Option<Money> {
        decimal_from_f64(value).map(|d| self.money(d))
    }
}

fn offer_info(playbook: &Playbook, id: &str, offer: &Offer) -> OfferInfo {
    let code = currency_of(playbook, offer);
    let currency = Currency {
        code: &code,
        decimals: currency_decimals(&code),
    };
    OfferInfo {
        id: id.to_string(),
        kind: offer.kind.as_str().into(),
        title: offer.title.clone().unwrap_or_else(|| id.to_string()),
        description: offer.description.clone(),
        currency: offer.currency.clone(),
        max_installments: offer.max_installments,
        min_installment: offer.min_installment.and_then(|v| currency.amount(v)),
        monthly_interest_pct: offer.monthly_interest_pct,
        fees: offer.fees.as_ref().map(|fees| {
            fees.iter()
                .map(|f| FeeInfo {
                    name: f.name.clone(),
                    amount: f.amount.and_then(|v| currency.amount(v)),
                    pct: f.pct,
                })
                .collect()
        }),
        max_discount_pct: offer.max_discount_pct,
        valid_days: offer.valid_days,
        max_deferral_days: offer.max_deferral_days,
        presented_in: playbook
            .steps
            .iter()
            .filter(|(_, s)| s.offers.iter().any(|o| o == id))
            .map(|(step_id, _)| step_id.clone())
            .collect(),
        example: offer_example(offer, currency),
    }
}

/// The worked example: a schedule for plans, the discounted amount for discounts and
/// settlements. None when there is no example or its numbers cannot be computed.
fn offer_example(offer: &Offer, currency: Currency<'_>) -> Option<OfferExampleInfo> {
    let example = offer.example.as_ref()?;
    let decimals = currency.decimals;
    let money = |value: Decimal| currency.money(value);
    let principal = decimal_from_f64(example.principal)?;
    let mut fees_total = Decimal::ZERO;
    for fee in offer.fees.iter().flatten() {
        if let Some(amount) = fee.amount.and_then(decimal_from_f64) {
            fees_total = fees_total.checked_add(amount)?;
        }
        if let Some(pct) = fee.pct.and_then(decimal_from_f64) {
            fees_total = fees_total.checked_add(
                principal
                    .checked_mul(pct)?
                    .checked_div(Decimal::ONE_HUNDRED)?,
            )?;
        }
    }
    let fees_total = round_money(fees_total, decimals);
    let mut schedule = None;
    let mut discounted = None;
    match offer.kind {
        OfferKind::InstallmentPlan => {
            let count = example.installments.or(offer.max_installments)?;
            let rate = decimal_from_f64(offer.monthly_interest_pct.unwrap_or(0.0))?;
            let computed = price_schedule(principal, rate, count, decimals)?;
            schedule = Some(ScheduleInfo {
                installments: count,
                monthly_interest_pct: rate.normalize().to_string(),
                payment: money(computed.regular_payment()?),
                rows: computed
                    .installments
                    .iter()
                    .map(|i| ScheduleRow {
                        number: i.number,
                        payment: money(i.payment),
                        interest: money(i.interest),
                        principal: money(i.principal),
                        balance: money(i.balance),
                    })
                    .collect(),
                total_interest: money(computed.total_interest),
                total_cost: money(computed.total.checked_add(fees_total)?),
                rounding: RoundingInfo {
                    mode: RoundingMode::HalfAwayFromZero,
                    decimals,
                    remainder: RoundingRemainder::LastInstallment,
                },
            });
        }
        OfferKind::Discount | OfferKind::Settlement => {
            let pct = decimal_from_f64(offer.max_discount_pct.unwrap_or(0.0))?;
            let saves = round_money(
                principal
                    .checked_mul(pct)?
                    .checked_div(Decimal::ONE_HUNDRED)?,
                decimals,
            );
            let pays = principal.checked_sub(saves)?.checked_add(fees_total)?;
            discounted = Some(DiscountInfo {
                discount_pct: pct.normalize().to_string(),
                pays: money(pays),
                saves: money(saves),
            });
        }
        OfferKind::Deferral => {}
    }
    Some(OfferExampleInfo {
        principal: money(principal),
        schedule,
        discounted,
        fees_total: money(fees_total),
        stated_installment: example.installment.and_then(|v| currency.amount(v)),
        stated_total: example.total.and_then(|v| currency.amount(v)),
    })
}

fn templates(playbook: &Playbook) -> Vec<TemplateInfo> {
    let money_style = MoneyStyle::for_playbook(playbook);
    playbook
        .templates
        .iter()
        .map(|(id, t)| {
            let example = fill_for_customer(&t.text, playbook, &money_style);
            let sms = (t.channel == Channel::Sms).then(|| {
                let length = measure(&example);
                SmsInfo {
                    encoding: length.encoding.as_str().into(),
                    units: length.units,
                    segments: length.segments,
                }
            });
            TemplateInfo {
                id: id.clone(),
                channel: t.channel.as_str().into(),
                title: t.title.clone(),
                subject: t.subject.clone(),
                text: t.text.clone(),
                characters: example.chars().count(),
                example,
                subject_example: t
                    .subject
                    .as_ref()
                    .map(|s| fill_for_customer(s, playbook, &money_style)),
                sms,
            }
        })
        .collect()
}

/// The calendar of the example due date; None without one (or with one that is no real date).
fn calendar_info(playbook: &Playbook, touch_ids: &[String]) -> Option<CalendarInfo> {
    let due = example_due_date(playbook)?;
    let touches = place_touches(playbook, due)
        .into_iter()
        .map(|placed| CalendarTouch {
            touch: touch_ids[placed.index].clone(),
            date: placed.date.iso(),
            weekday: weekday_name(placed.date.weekday()),
            forbidden: placed.forbidden.as_ref().map(forbidden_info),
            shifted_to: placed.shifted_to.map(calendar::Date::iso),
        })
        .collect();
    Some(CalendarInfo {
        due_date: due.iso(),
        due_date_source: DueDateSource::ExampleDueDate,
        shift_rule: ShiftRule::NextAllowedDay,
        touches,
    })
}

fn weekday_name(day: calendar::Weekday) -> WeekdayName {
    use calendar::Weekday as W;
    match day {
        W::Monday => WeekdayName::Monday,
        W::Tuesday => WeekdayName::Tuesday,
        W::Wednesday => WeekdayName::Wednesday,
        W::Thursday => WeekdayName::Thursday,
        W::Friday => WeekdayName::Friday,
        W::Saturday => WeekdayName::Saturday,
        W::Sunday => WeekdayName::Sunday,
    }
}

fn forbidden_info(why: &Forbidden) -> ForbiddenDayInfo {
    let (reason, jurisdiction, holiday) = match why {
        Forbidden::LawSunday { pack } => (ForbiddenReason::Sunday, Some(pack.as_str()), None),
        Forbidden::Holiday { pack, name, .. } => (
            ForbiddenReason::Holiday,
            Some(pack.as_str()),
            Some(name.to_string()),
        ),
        Forbidden::PlannedHours { .. } => (ForbiddenReason::ContactHours, None, None),
    };
    ForbiddenDayInfo {
        reason,
        jurisdiction: jurisdiction.map(str::to_string),
        holiday,
        by_law: why.by_law(),
        description: why.describe(),
    }
}

fn law_window(w: Option<Window>) -> Option<WindowInfo> {
    w.map(|w| WindowInfo {
        from: hhmm(w.from),
        to: hhmm(w.to),
    })
}

/// The limits of each pack in force, with the holidays of every year the calendar touches.
fn legal_limits(packs: &Packs, calendar: Option<&CalendarInfo>) -> Vec<LegalLimitsInfo> {
    let years: Vec<i32> = calendar.map_or_else(Vec::new, |c| {
        let mut years: Vec<i32> = c
            .touches
            .iter()
            .flat_map(|t| [Some(&t.date), t.shifted_to.as_ref()])
            .flatten()
            .chain([&c.due_date])
            .filter_map(|d| calendar::Date::parse_iso(d).map(|d| d.year))
            .collect();
        years.sort_unstable();
        years.dedup();
        years
    });
    packs
        .jurisdictions
        .iter()
        .map(|&j| {
            let law = packs.params(j);
            let hours = &law.contact_hours;
            let notice_periods = law
                .bureau_notice
                .iter()
                .map(|notice| {
                    let (kind, days, citation) = match *notice {
                        BureauNotice::LetterBefore { days, citation } => {
                            (NoticeKind::LetterBefore, days, citation)
                        }
                        BureauNotice::AfterFirstContact { days, citation } => {
                            (NoticeKind::AfterFirstContact, days, citation)
                        }
                    };
                    NoticePeriodInfo {
                        before: crate::model::EscalationAction::CreditBureauReport
                            .as_str()
                            .into(),
                        kind,
                        days,
                        citation: citation.into(),
                    }
                })
                .collect();
            LegalLimitsInfo {
                jurisdiction: j.as_str().into(),
                contact_hours: LegalHoursInfo {
                    weekdays: law_window(hours.weekdays),
                    saturday: law_window(hours.saturday),
                    sunday_and_holidays: law_window(hours.sunday),
                    binding: hours.binding,
                    citation: hours.citation.into(),
                },
                call_cap: law.call_cap.map(|cap| CallCapInfo {
                    max_attempts: cap.max_attempts,
                    window_days: cap.window_days,
                    citation: cap.citation.into(),
                }),
                notice_periods,
                holidays: HolidaysInfo {
                    source: calendar::holiday_source(j).into(),
                    no_contact_by_law: hours.sunday.is_none(),
                    dates: years
                        .iter()
                        .flat_map(|&y| calendar::holidays(j, y))
                        .map(|h| HolidayInfo {
                            date: h.date.iso(),
                            name: h.name.into(),
                        })
                        .collect(),
                },
            }
        })
        .collect()
}

fn window(w: &TimeWindow) -> WindowInfo {
    WindowInfo {
        from: w.from.clone(),
        to: w.to.clone(),
    }
}

fn findings(input: &GuideInput<'_>) -> FindingsInfo {
    let count = |severity: Severity| {
        input
            .findings
            .iter()
            .filter(|f| f.severity == severity)
            .count()
    };
    FindingsInfo {
        errors: count(Severity::Error),
        warnings: count(Severity::Warning),
        infos: count(Severity::Info),
        items: input
            .findings
            .iter()
            .zip(finding_pointers(input.source_text, input.findings))
            .map(|(f, pointer)| FindingInfo {
                code: f.code.clone(),
                severity: f.severity.as_str().into(),
                message: f.message.clone(),
                line: f.line,
                column: f.column,
                pointer,
            })
            .collect(),
        exceptions: input
            .exceptions
            .iter()
            .map(|e| ExceptionInfo {
                rule: e.rule.clone(),
                scope: e.scope.clone(),
                reason: e.reason.clone(),
            })
            .collect(),
    }
}

/// The packs in force: `core`, each jurisdiction, and the wording pack of the locale's language.
pub fn rule_packs(packs: &Packs) -> Vec<RulePack> {
    let mut names = vec!["core".to_string()];
    names.extend(packs.jurisdictions.iter().map(|j| j.as_str().to_string()));
    if WORDING_PACKS.contains(&packs.language.as_str()) {
        names.push(packs.language.clone());
    }
    names
        .into_iter()
        .map(|name| RulePack {
            name,
            version: TOOL_VERSION.into(),
        })
        .collect()
}
