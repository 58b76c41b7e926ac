//! The HTML guide: a view model built from the JSON guide, rendered by askama templates.
//!
//! Templates escape every value. The few fields that carry markup (`*_html`) are built here
//! from escaped text only: the Markdown subset, placeholder highlights and the SVG diagram.

use askama::Template;

use super::graph::{outcome_tone, svg_diagram};
use super::guide::{Guide, OfferInfo, TemplateInfo, TouchInfo};
use super::markdown::{highlight_placeholders, render as markdown};
use super::slug::{Slugs, step_anchor};
use crate::model::{Outcome, Playbook};

/// The stylesheet, inlined into every page: no external requests.
const CSS: &str = include_str!("../../templates/guide.css");

/// Status of a playbook as the index and the header show it.
#[derive(Debug, Clone)]
pub struct Status {
    /// `clean`, `warnings` or `errors`: the badge's style.
    pub tone: &'static str,
    pub text: String,
}

impl Status {
    pub fn of(guide: &Guide) -> Self {
        let f = &guide.findings;
        let plural = |n: usize, word: &str| {
            if n == 1 {
                format!("1 {word}")
            } else {
                format!("{n} {word}s")
            }
        };
        if f.errors > 0 {
            Self {
                tone: "errors",
                text: format!("{} — published with errors", plural(f.errors, "error")),
            }
        } else if f.warnings > 0 {
            Self {
                tone: "warnings",
                text: format!("Checked: {} in force", plural(f.warnings, "warning")),
            }
        } else if f.infos > 0 {
            Self {
                tone: "clean",
                text: format!(
                    "Checked, no errors or warnings ({})",
                    plural(f.infos, "suggestion")
                ),
            }
        } else {
            Self {
                tone: "clean",
                text: "Checked, no findings".into(),
            }
        }
    }
}

/// A link to a neighbouring page.
#[derive(Debug, Clone)]
pub struct NavLink {
    pub href: String,
    pub title: String,
}

/// One row of the index.
#[derive(Debug, Clone)]
pub struct IndexRow {
    pub href: String,
    pub title: String,
    pub id: String,
    pub summary: Option<String>,
    pub locale: String,
    pub jurisdictions: String,
    pub steps: usize,
    pub status: Status,
}

#[derive(Template)]
#[template(path = "index.html")]
pub struct IndexPage<'a> {
    pub css: &'a str,
    pub rows: Vec<IndexRow>,
    pub version: &'a str,
    pub built: Option<String>,
}

impl<'a> IndexPage<'a> {
    pub fn new(rows: Vec<IndexRow>, built: Option<String>) -> Self {
        Self {
            css: CSS,
            rows,
            version: super::TOOL_VERSION,
            built,
        }
    }
}

/// A step card.
pub struct StepView {
    pub number: usize,
    pub anchor: String,
    pub id: String,
    pub title: String,
    pub is_start: bool,
    /// `good`, `attention`, `neutral` or empty.
    pub tone: &'static str,
    pub outcome: Option<String>,
    pub goal_html: Option<String>,
    pub say_html: Vec<String>,
    pub tips_html: Vec<String>,
    pub avoid_html: Vec<String>,
    pub record: Vec<String>,
    pub establishes: Vec<String>,
    pub requires: Vec<String>,
    pub offers: Vec<NavLink>,
    pub next: Vec<NextView>,
    pub reachable_outcomes: String,
    pub reachable: bool,
}

/// A transition as a link.
pub struct NextView {
    pub when: Option<String>,
    pub href: Option<String>,
    pub title: String,
}

/// An offer card.
pub struct OfferView<'g> {
    pub anchor: String,
    pub offer: &'g OfferInfo,
    pub currency: String,
    pub terms: Vec<(String, String)>,
    pub presented_in: Vec<NavLink>,
}

/// A message template card.
pub struct TemplateView<'g> {
    pub anchor: String,
    pub template: &'g TemplateInfo,
    pub channel: String,
    pub text_html: String,
}

/// One touch of the contact plan.
pub struct TouchView {
    pub day: String,
    pub when: String,
    /// `before`, `due`, `after` or `escalation`: the marker's style.
    pub tone: &'static str,
    pub what: String,
    pub link: Option<NavLink>,
    pub detail: Vec<String>,
}

#[derive(Template)]
#[template(path = "guide.html")]
pub struct GuidePage<'g> {
    pub css: &'static str,
    pub lang: String,
    pub guide: &'g Guide,
    pub jurisdictions: String,
    pub status: Status,
    pub summary_html: Option<String>,
    pub svg_html: String,
    pub steps: Vec<StepView>,
    pub offers: Vec<OfferView<'g>>,
    pub templates: Vec<TemplateView<'g>>,
    pub cadence: Vec<TouchView>,
    pub packs: String,
    pub previous: Option<NavLink>,
    pub next: Option<NavLink>,
    pub built: Option<String>,
    pub has_placeholders: bool,
}

/// Human name of a jurisdiction code.
fn jurisdiction_name(code: &str) -> String {
    match code {
        "us" => "United States".into(),
        "br" => "Brazil".into(),
        "uk" => "United Kingdom".into(),
        other => other.to_string(),
    }
}

/// The jurisdictions as a sentence fragment.
pub fn jurisdictions_text(guide: &Guide) -> String {
    if guide.playbook.jurisdictions.is_empty() {
        "None (universal rules only)".into()
    } else {
        guide
            .playbook
            .jurisdictions
            .iter()
            .map(|j| jurisdiction_name(j))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// Capitalised channel name.
fn channel_name(channel: &str) -> String {
    match channel {
        "sms" => "SMS".into(),
        "email" => "E-mail".into(),
        "whatsapp" => "WhatsApp".into(),
        "ivr" => "IVR".into(),
        other => {
            let mut chars = other.chars();
            chars
                .next()
                .map_or(String::new(), |c| c.to_uppercase().chain(chars).collect())
        }
    }
}

fn touch_day(day: i32) -> (String, String, &'static str) {
    match day {
        d if d < 0 => (
            format!("Day {d}"),
            format!("{} before the due date", days(-(d as i64))),
            "before",
        ),
        0 => ("Day 0".into(), "On the due date".into(), "due"),
        d => (
            format!("Day +{d}"),
            format!("{} after the due date", days(d as i64)),
            "after",
        ),
    }
}

fn days(n: i64) -> String {
    if n == 1 {
        "1 day".into()
    } else {
        format!("{n} days")
    }
}

/// The `lang` attribute: the locale when it looks like a language tag, else `und` (undetermined).
fn html_lang(locale: &str) -> String {
    let plausible = !locale.is_empty()
        && locale.len() <= 35
        && locale
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if plausible {
        locale.replace('_', "-")
    } else {
        "und".into()
    }
}

fn outcome_from_str(s: &str) -> Option<Outcome> {
    Outcome::ALL.iter().copied().find(|o| o.as_str() == s)
}

impl<'g> GuidePage<'g> {
    pub fn new(
        playbook: &Playbook,
        guide: &'g Guide,
        previous: Option<NavLink>,
        next: Option<NavLink>,
        built: Option<String>,
    ) -> Self {
        let slugs = Slugs::new(playbook.steps.keys().map(String::as_str));
        let offer_slugs = Slugs::new(playbook.offers.keys().map(String::as_str));
        let template_slugs = Slugs::new(playbook.templates.keys().map(String::as_str));
        let vars = &playbook.variables;
        let title_of = |id: &str| {
            guide
                .steps
                .iter()
                .find(|s| s.id == id)
                .map_or_else(|| id.to_string(), |s| s.title.clone())
        };
        let step_link = |id: &str| NavLink {
            href: format!("#{}", step_anchor(&slugs, id)),
            title: title_of(id),
        };

        let steps = guide
            .steps
            .iter()
            .enumerate()
            .map(|(i, s)| StepView {
                number: i + 1,
                anchor: step_anchor(&slugs, &s.id),
                id: s.id.clone(),
                title: s.title.clone(),
                is_start: s.id == guide.start,
                tone: s
                    .outcome
                    .as_deref()
                    .and_then(outcome_from_str)
                    .map_or("", outcome_tone),
                outcome: s.outcome.as_ref().map(|o| o.replace('-', " ")),
                goal_html: s.goal.as_ref().map(|g| markdown(g, vars)),
                say_html: s.say.iter().map(|l| markdown(l, vars)).collect(),
                tips_html: s.tips.iter().map(|l| markdown(l, vars)).collect(),
                avoid_html: s.avoid.iter().map(|l| markdown(l, vars)).collect(),
                record: s.record.clone(),
                establishes: s.establishes.clone(),
                requires: s.requires.clone(),
                offers: s
                    .offers
                    .iter()
                    .map(|o| NavLink {
                        href: format!("#offer-{}", offer_slugs.get(o)),
                        title: guide
                            .offers
                            .iter()
                            .find(|x| &x.id == o)
                            .map_or_else(|| o.clone(), |x| x.title.clone()),
                    })
                    .collect(),
                next: s
                    .transitions
                    .iter()
                    .map(|t| NextView {
                        when: t.when.clone(),
                        href: t
                            .resolved
                            .then(|| format!("#{}", step_anchor(&slugs, &t.to))),
                        title: if t.resolved {
                            title_of(&t.to)
                        } else {
                            format!("{} (no such step)", t.to)
                        },
                    })
                    .collect(),
                reachable_outcomes: s
                    .reachable_outcomes
                    .iter()
                    .map(|o| o.replace('-', " "))
                    .collect::<Vec<_>>()
                    .join(", "),
                reachable: s.reachable,
            })
            .collect();

        let offers = guide
            .offers
            .iter()
            .map(|o| {
                let currency = o.currency.clone().unwrap_or_default();
                let amount = |v: f64| {
                    if currency.is_empty() {
                        format!("{v:.2}")
                    } else {
                        format!("{currency} {v:.2}")
                    }
                };
                let mut terms = vec![("Kind".to_string(), o.kind.replace('-', " "))];
                if let Some(n) = o.max_installments {
                    terms.push(("Up to".into(), format!("{n} monthly installments")));
                }
                if let Some(v) = o.min_installment {
                    terms.push(("Smallest installment".into(), amount(v)));
                }
                if let Some(v) = o.monthly_interest_pct {
                    let text = if v == 0.0 {
                        "none (interest-free)".to_string()
                    } else {
                        format!("{v}% a month")
                    };
                    terms.push(("Interest".into(), text));
                }
                match &o.fees {
                    Some(fees) if fees.is_empty() => terms.push(("Fees".into(), "none".into())),
                    Some(fees) => {
                        for f in fees {
                            let value = match (f.amount, f.pct) {
                                (Some(a), Some(p)) => {
                                    format!("{} + {p}% of the balance", amount(a))
                                }
                                (Some(a), None) => amount(a),
                                (None, Some(p)) => format!("{p}% of the balance"),
                                (None, None) => "amount not stated".into(),
                            };
                            terms.push((format!("Fee: {}", f.name), value));
                        }
                    }
                    None => terms.push(("Fees".into(), "not stated".into())),
                }
                if let Some(v) = o.max_discount_pct {
                    terms.push(("Largest discount".into(), format!("{v}%")));
                }
                if let Some(v) = o.valid_days {
                    terms.push((
                        "Valid for".into(),
                        format!("{} once presented", days(i64::from(v))),
                    ));
                }
                if let Some(v) = o.max_deferral_days {
                    terms.push((
                        "First payment postponed by up to".into(),
                        days(i64::from(v)),
                    ));
                }
                if !currency.is_empty() {
                    terms.push(("Currency".into(), currency.clone()));
                }
                OfferView {
                    anchor: format!("offer-{}", offer_slugs.get(&o.id)),
                    offer: o,
                    currency,
                    terms,
                    presented_in: o.presented_in.iter().map(|id| step_link(id)).collect(),
                }
            })
            .collect();

        let templates = guide
            .templates
            .iter()
            .map(|t| TemplateView {
                anchor: format!("message-{}", template_slugs.get(&t.id)),
                template: t,
                channel: channel_name(&t.channel),
                text_html: highlight_placeholders(&t.text, vars),
            })
            .collect();

        let cadence = guide
            .cadence
            .iter()
            .map(|t| touch_view(t, &slugs, &template_slugs, guide))
            .collect();
        let has_placeholders = guide
            .steps
            .iter()
            .any(|s| s.say.iter().zip(&s.say_example).any(|(a, b)| a != b));
        GuidePage {
            css: CSS,
            lang: html_lang(&guide.playbook.locale),
            jurisdictions: jurisdictions_text(guide),
            status: Status::of(guide),
            summary_html: guide.playbook.summary.as_ref().map(|s| markdown(s, vars)),
            svg_html: svg_diagram(playbook, &slugs, true),
            steps,
            offers,
            templates,
            cadence,
            packs: guide
                .rule_packs
                .iter()
                .map(|p| p.name.clone())
                .collect::<Vec<_>>()
                .join(", "),
            previous,
            next,
            built,
            has_placeholders,
            guide,
        }
    }
}

fn touch_view(t: &TouchInfo, slugs: &Slugs, template_slugs: &Slugs, guide: &Guide) -> TouchView {
    let (day, when, mut tone) = touch_day(t.day);
    let mut detail = Vec::new();
    let (what, link) = if let Some(action) = &t.action {
        tone = "escalation";
        let what = match action.as_str() {
            "credit-bureau-report" => "Escalation: report to a credit bureau",
            "protest" => "Escalation: protest at a notary",
            "small-claims" => "Escalation: small-claims court",
            "legal-referral" => "Escalation: referral to lawyers",
            "write-off" => "Stop collecting: write the debt off",
            _ => "Escalation",
        };
        (what.to_string(), None)
    } else {
        let channel = t
            .channel
            .as_deref()
            .map_or_else(|| "Contact".to_string(), channel_name);
        let link = if let Some(template) = &t.template {
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
            t.step.as_ref().map(|step| NavLink {
                href: format!("#{}", step_anchor(slugs, step)),
                title: guide
                    .steps
                    .iter()
                    .find(|s| &s.id == step)
                    .map_or_else(|| step.clone(), |s| s.title.clone()),
            })
        };
        let what = match t.attempts {
            Some(n) if n > 1 => format!("{channel}, up to {n} call attempts"),
            Some(_) => format!("{channel} call"),
            None => channel,
        };
        (what, link)
    };
    if !t.establishes.is_empty() {
        detail.push(format!("Establishes {}", t.establishes.join(", ")));
    }
    if let Some(note) = &t.note {
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
