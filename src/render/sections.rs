//! Pieces of the guide page that need more than a lookup: offer terms and the worked
//! example in words, the contact plan's touches, the outcome glossary in Portuguese.

use super::guide::{Guide, OfferInfo, TouchInfo};
use super::html::{NavLink, TouchView};
use super::labels::{Labels, Lang};
use super::markdown::escape_html;
use super::slug::{Slugs, step_anchor};
use crate::model::Outcome;

pub(super) fn outcome_from_str(s: &str) -> Option<Outcome> {
    Outcome::ALL.iter().copied().find(|o| o.as_str() == s)
}

/// An amount with its currency, escaped, in bold.
fn strong_amount(t: &Labels, currency: &str, amount: &str) -> String {
    format!(
        "<strong>{}</strong>",
        escape_html(&t.money(currency, amount))
    )
}

pub(super) fn example_sentence(offer: &OfferInfo, currency: &str, t: &Labels) -> Option<String> {
    let example = offer.example.as_ref()?;
    let plain = |amount: &str| escape_html(&t.money(currency, amount));
    let has_fees = example
        .fees_total
        .chars()
        .any(|c| c.is_ascii_digit() && c != '0');
    if let Some(s) = &example.schedule {
        let rate = escape_html(&t.number(&s.monthly_interest_pct));
        let payment = strong_amount(t, currency, &s.payment);
        let total = strong_amount(t, currency, &s.total_cost);
        let interest = plain(&s.total_interest);
        let fees = plain(&example.fees_total);
        Some(match t.lang {
            Lang::En => format!(
                "{} payments of {payment} at {rate}% a month: {total} in total, of which {interest} interest{}.",
                s.installments,
                if has_fees {
                    format!(" and {fees} fees")
                } else {
                    String::new()
                }
            ),
            Lang::Pt => format!(
                "{} parcelas de {payment} a {rate}% ao mês: {total} no total, dos quais {interest} de juros{}.",
                s.installments,
                if has_fees {
                    format!(" e {fees} de tarifas")
                } else {
                    String::new()
                }
            ),
        })
    } else {
        example.discounted.as_ref().map(|d| {
            let pct = escape_html(&t.number(&d.discount_pct));
            let pays = strong_amount(t, currency, &d.pays);
            let saves = plain(&d.saves);
            match t.lang {
                Lang::En => format!("With the largest discount ({pct}%), the customer pays {pays} and saves {saves}."),
                Lang::Pt => format!("Com o maior desconto ({pct}%), o cliente paga {pays} e economiza {saves}."),
            }
        })
    }
}

pub(super) fn offer_terms(o: &OfferInfo, currency: &str, t: &Labels) -> Vec<(String, String)> {
    let pt = t.lang == Lang::Pt;
    let amount = |v: &super::guide::Money| t.money(currency, v);
    let mut terms = vec![(t.kind.to_string(), t.offer_kind(&o.kind))];
    if let Some(n) = o.max_installments {
        let value = if pt {
            format!("até {n} parcelas mensais")
        } else {
            format!("up to {n} monthly installments")
        };
        terms.push((if pt { "Parcelas" } else { "Installments" }.into(), value));
    }
    if let Some(v) = &o.min_installment {
        terms.push((
            if pt {
                "Parcela mínima"
            } else {
                "Smallest installment"
            }
            .into(),
            amount(v),
        ));
    }
    if let Some(v) = o.monthly_interest_pct {
        let value = match (v == 0.0, pt) {
            (true, false) => "none (interest-free)".to_string(),
            (true, true) => "sem juros".to_string(),
            (false, false) => format!("{}% a month", t.number(&v.to_string())),
            (false, true) => format!("{}% ao mês", t.number(&v.to_string())),
        };
        terms.push((t.interest.into(), value));
    }
    let fees_label = if pt { "Tarifas" } else { "Fees" };
    match &o.fees {
        Some(fees) if fees.is_empty() => terms.push((
            fees_label.into(),
            if pt { "nenhuma" } else { "none" }.into(),
        )),
        Some(fees) => {
            for f in fees {
                let of_balance = if pt { "do saldo" } else { "of the balance" };
                let value = match (&f.amount, f.pct) {
                    (Some(a), Some(p)) => format!("{} + {p}% {of_balance}", amount(a)),
                    (Some(a), None) => amount(a),
                    (None, Some(p)) => format!("{p}% {of_balance}"),
                    (None, None) => if pt {
                        "valor não informado"
                    } else {
                        "amount not stated"
                    }
                    .into(),
                };
                terms.push((
                    format!("{}: {}", if pt { "Tarifa" } else { "Fee" }, f.name),
                    value,
                ));
            }
        }
        None => terms.push((
            fees_label.into(),
            if pt { "não informadas" } else { "not stated" }.into(),
        )),
    }
    if let Some(v) = o.max_discount_pct {
        terms.push((
            if pt {
                "Desconto máximo"
            } else {
                "Largest discount"
            }
            .into(),
            format!("{}%", t.number(&v.to_string())),
        ));
    }
    if let Some(v) = o.valid_days {
        let days = t.days(i64::from(v));
        let value = if pt {
            format!("{days} após apresentada")
        } else {
            format!("{days} once presented")
        };
        terms.push((if pt { "Validade" } else { "Valid for" }.into(), value));
    }
    if let Some(v) = o.max_deferral_days {
        terms.push((
            if pt {
                "Adiamento máximo"
            } else {
                "Longest deferral"
            }
            .into(),
            t.days(i64::from(v)),
        ));
    }
    if !currency.is_empty() {
        terms.push((
            if pt { "Moeda" } else { "Currency" }.into(),
            currency.to_string(),
        ));
    }
    terms
}

/// The outcome glossary in Portuguese (the JSON guide keeps the English descriptions).
pub(super) fn outcome_description_pt(outcome: Outcome) -> &'static str {
    match outcome {
        Outcome::Agreement => "O cliente aceitou um acordo; as condições ficam registradas.",
        Outcome::Paid => "O cliente pagou durante o contato.",
        Outcome::PromiseToPay => "O cliente prometeu um pagamento numa data.",
        Outcome::Callback => {
            "O cliente pediu para conversar em outro momento; o horário fica registrado."
        }
        Outcome::Refused => "O cliente recusou todas as opções.",
        Outcome::Dispute => "O cliente contesta a dívida; a cobrança para até a verificação.",
        Outcome::HardshipReferral => {
            "O cliente é encaminhado à equipe que trata de dificuldade financeira."
        }
        Outcome::WrongParty => "Quem atendeu não é o cliente; nada sobre a dívida foi dito.",
        Outcome::Escalated => "O caso vai para um supervisor ou outra equipe.",
        Outcome::NoContact => "Não foi possível falar com o cliente.",
    }
}

pub(super) fn touch_view(
    touch: &TouchInfo,
    slugs: &Slugs,
    template_slugs: &Slugs,
    guide: &Guide,
    t: &Labels,
) -> TouchView {
    let (day, when, mut tone) = t.touch_day(touch.day);
    let mut detail = Vec::new();
    let (what, link) = if let Some(action) = &touch.action {
        tone = "escalation";
        (t.escalation(action).to_string(), None)
    } else {
        let channel = touch
            .channel
            .as_deref()
            .map_or_else(|| t.contact_plan.to_string(), |c| t.channel(c));
        let link = if let Some(template) = &touch.template {
            let title = guide
                .templates
                .iter()
                .find(|x| &x.id == template)
                .map_or_else(
                    || template.clone(),
                    |x| x.title.clone().unwrap_or_else(|| x.id.clone()),
                );
            Some(NavLink {
                href: format!("#message-{}", template_slugs.get(template)),
                title,
            })
        } else {
            touch.step.as_ref().map(|step| NavLink {
                href: format!("#{}", step_anchor(slugs, step)),
                title: guide
                    .steps
                    .iter()
                    .find(|s| &s.id == step)
                    .map_or_else(|| step.clone(), |s| s.title.clone()),
            })
        };
        (t.call(channel, touch.attempts), link)
    };
    if !touch.establishes.is_empty() {
        detail.push(format!(
            "{}: {}",
            t.establishes,
            touch.establishes.join(", ")
        ));
    }
    if let Some(note) = &touch.note {
        detail.push(note.clone());
    }
    TouchView {
        day,
        when,
        tone,
        what,
        link,
        detail,
    }
}
