//! Builds the `cordial-guide/1` model from a checked playbook. The HTML guide is rendered from
//! this same model, so the page and the JSON never disagree.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use sha2::{Digest, Sha256};

use super::GuideInput;
use super::guide::*;
use super::markdown::plain_text;
use super::placement::finding_pointers;
use crate::analysis::fill::{MoneyStyle, example_text, fill_for_customer};
use crate::analysis::flow::Flow;
use crate::analysis::schedule::{currency_decimals, decimal_from_f64, price_schedule, round_money};
use crate::analysis::sms::measure;
use crate::diagnostic::Severity;
use crate::model::{Channel, Next, Offer, OfferKind, Outcome, Playbook, TimeWindow, VariableKind};
use crate::rules::Packs;

/// Version of the tool and of its rule packs.
pub const TOOL_VERSION: &str = env!("CARGO_PKG_VERSION");

/// Wording packs that exist; other languages get only the language-neutral rules.
const WORDING_PACKS: [&str; 2] = ["en", "pt"];

/// Compiles the JSON guide of one playbook.
pub fn guide_json(input: &GuideInput<'_>) -> Guide {
    let playbook = input.playbook;
    let flow = Flow::new(playbook);
    Guide {
        format: Format::V1,
        generator: Generator {
            name: "cordial".into(),
            version: TOOL_VERSION.into(),
        },
        playbook: metadata(playbook),
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
        facts: facts(playbook),
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
            .map(|t| TouchInfo {
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
        contact_hours: playbook.contact_hours.as_ref().map(|h| ContactHoursInfo {
            weekdays: window(h.weekdays()),
            saturday: h.saturday().map(window),
            sunday: h.sunday().map(window),
        }),
        findings: findings(input),
        rule_packs: rule_packs(playbook),
    }
}

/// Lowercase hex SHA-256.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn metadata(playbook: &Playbook) -> Metadata {
    Metadata {
        id: playbook.id.clone(),
        title: playbook.title.clone(),
        locale: playbook.locale.clone(),
        jurisdictions: playbook
            .jurisdictions
            .iter()
            .map(|j| j.as_str().to_string())
            .collect(),
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
    let is_step = |id: &str| playbook.steps.contains_key(id);
    playbook
        .steps
        .iter()
        .enumerate()
        .map(|(index, (id, step))| {
            let node = petgraph::graph::NodeIndex::new(index);
            let transitions = match &step.next {
                None => Vec::new(),
                Some(Next::Always(to)) => {
                    vec![Transition {
                        when: None,
                        to: to.clone(),
                        resolved: playbook.steps.contains_key(to),
                    }]
                }
                Some(Next::Branches(branches)) => branches
                    .iter()
                    .map(|b| Transition {
                        when: Some(b.when.clone()),
                        to: b.go.clone(),
                        resolved: playbook.steps.contains_key(&b.go),
                    })
                    .collect(),
            };
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
                record: step.record.clone(),
                establishes: step.establishes.clone(),
                requires: step.requires.clone(),
                offers: step.offers.clone(),
                transitions,
                outcome: step.outcome.map(|o| o.as_str().into()),
                reachable_outcomes: flow
                    .outcomes_from(playbook, node)
                    .iter()
                    .map(|o| o.as_str().to_string())
                    .collect(),
                reachable: flow.is_reachable(node),
            }
        })
        .collect()
}

fn facts(playbook: &Playbook) -> Vec<FactInfo> {
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
            slot(&mut facts, fact).established_by_touches.push(index);
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

/// A decimal written with exactly `decimals` places.
fn money(value: Decimal, decimals: u32) -> String {
    let mut rounded = round_money(value, decimals);
    rounded.rescale(decimals);
    rounded.to_string()
}

fn offer_info(playbook: &Playbook, id: &str, offer: &Offer) -> OfferInfo {
    OfferInfo {
        id: id.to_string(),
        kind: offer.kind.as_str().into(),
        title: offer.title.clone().unwrap_or_else(|| id.to_string()),
        description: offer.description.clone(),
        currency: offer.currency.clone(),
        max_installments: offer.max_installments,
        min_installment: offer.min_installment,
        monthly_interest_pct: offer.monthly_interest_pct,
        fees: offer.fees.as_ref().map(|fees| {
            fees.iter()
                .map(|f| FeeInfo {
                    name: f.name.clone(),
                    amount: f.amount,
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
        example: offer_example(offer),
    }
}

/// The worked example: a schedule for plans, the discounted amount for discounts and
/// settlements. None when there is no example or its numbers cannot be computed.
fn offer_example(offer: &Offer) -> Option<OfferExampleInfo> {
    let example = offer.example.as_ref()?;
    let decimals = currency_decimals(offer.currency.as_deref().unwrap_or(""));
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
                payment: money(computed.regular_payment()?, decimals),
                rows: computed
                    .installments
                    .iter()
                    .map(|i| ScheduleRow {
                        number: i.number,
                        payment: money(i.payment, decimals),
                        interest: money(i.interest, decimals),
                        principal: money(i.principal, decimals),
                        balance: money(i.balance, decimals),
                    })
                    .collect(),
                total_interest: money(computed.total_interest, decimals),
                total_cost: money(computed.total.checked_add(fees_total)?, decimals),
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
                pays: money(pays, decimals),
                saves: money(saves, decimals),
            });
        }
        OfferKind::Deferral => {}
    }
    Some(OfferExampleInfo {
        principal: money(principal, decimals),
        schedule,
        discounted,
        fees_total: money(fees_total, decimals),
        stated_installment: example.installment,
        stated_total: example.total,
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
pub fn rule_packs(playbook: &Playbook) -> Vec<RulePack> {
    let packs = Packs::for_playbook(playbook);
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
