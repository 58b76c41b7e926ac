//! The HTML guide: a view model built from the JSON guide, rendered by askama templates.
//!
//! Templates escape every value. The few fields that carry markup (`*_html`) are built here
//! from escaped text only: the Markdown subset, placeholder highlights, the sentences that
//! put amounts in bold, and the SVG diagram.

use askama::Template;

use super::graph::{outcome_tone, svg_diagram};
use super::guide::{Guide, OfferInfo, TemplateInfo};
use super::labels::{Labels, Lang};
use super::markdown::{highlight_placeholders, render_with_links};
use super::sections::{
    example_sentence, offer_terms, outcome_description_pt, outcome_from_str, touch_view,
};
use super::slug::{Slugs, step_anchor};
use crate::model::Playbook;

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
    pub fn of(guide: &Guide, labels: &Labels) -> Self {
        let f = &guide.findings;
        let (tone, text) = labels.status(f.errors, f.warnings, f.infos);
        Self { tone, text }
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
    /// The playbook's own language, for its title and summary.
    pub lang: String,
    pub summary: Option<String>,
    pub locale: String,
    pub jurisdictions: String,
    pub steps: usize,
    pub status: Status,
}

impl IndexRow {
    pub fn new(guide: &Guide, href: String, labels: &Labels) -> Self {
        Self {
            href,
            title: guide.playbook.title.clone(),
            id: guide.playbook.id.clone(),
            lang: html_lang(&guide.playbook.locale),
            summary: guide.playbook.summary.clone(),
            locale: guide.playbook.locale.clone(),
            jurisdictions: jurisdictions_text(guide, labels),
            steps: guide.steps.len(),
            status: Status::of(guide, labels),
        }
    }
}

#[derive(Template)]
#[template(path = "index.html")]
pub struct IndexPage<'a> {
    pub css: &'a str,
    pub t: &'static Labels,
    pub lang: &'static str,
    pub rows: Vec<IndexRow>,
    pub count: String,
    pub version: &'a str,
    pub built: Option<String>,
}

impl IndexPage<'_> {
    /// The index speaks the language all playbooks share, English when they differ.
    pub fn new(rows: Vec<IndexRow>, lang: Lang, built: Option<String>) -> Self {
        let t = lang.labels();
        let count = match lang {
            Lang::En => t.count(rows.len(), "playbook", "playbooks"),
            Lang::Pt => t.count(rows.len(), "roteiro", "roteiros"),
        };
        Self {
            css: CSS,
            t,
            lang: if lang == Lang::Pt { "pt" } else { "en" },
            rows,
            count,
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
    pub terms: Vec<(String, String)>,
    pub presented_in: Vec<NavLink>,
    /// The worked example in one sentence, amounts in bold.
    pub example_html: Option<String>,
    /// The example's principal, with its currency.
    pub principal: String,
    /// The schedule's rows and totals, formatted for the page.
    pub rows: Vec<[String; 5]>,
    pub totals: [String; 3],
}

/// A message template card.
pub struct TemplateView<'g> {
    pub anchor: String,
    pub template: &'g TemplateInfo,
    pub channel: String,
    pub length: String,
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
    pub t: &'static Labels,
    pub lang: String,
    pub guide: &'g Guide,
    pub jurisdictions: String,
    pub collector: &'static str,
    pub status: Status,
    pub summary_html: Option<String>,
    pub svg_html: String,
    pub steps: Vec<StepView>,
    pub offers: Vec<OfferView<'g>>,
    pub templates: Vec<TemplateView<'g>>,
    pub cadence: Vec<TouchView>,
    pub outcomes: Vec<(String, String)>,
    pub packs: String,
    pub previous: Option<NavLink>,
    pub next: Option<NavLink>,
    pub built: Option<String>,
    pub has_placeholders: bool,
}

/// The jurisdictions as a sentence fragment.
pub fn jurisdictions_text(guide: &Guide, labels: &Labels) -> String {
    if guide.playbook.jurisdictions.is_empty() {
        labels.no_jurisdictions.into()
    } else {
        let names: Vec<String> = guide
            .playbook
            .jurisdictions
            .iter()
            .map(|j| labels.jurisdiction(j))
            .collect();
        names.join(", ")
    }
}

/// The `lang` attribute: the locale when it looks like a language tag, else `und` (undetermined).
pub fn html_lang(locale: &str) -> String {
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

impl<'g> GuidePage<'g> {
    pub fn new(
        playbook: &Playbook,
        guide: &'g Guide,
        previous: Option<NavLink>,
        next: Option<NavLink>,
        built: Option<String>,
    ) -> Self {
        let t = Lang::for_locale(&guide.playbook.locale).labels();
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
        let step_href = |id: &str| {
            playbook
                .steps
                .contains_key(id)
                .then(|| format!("#{}", step_anchor(&slugs, id)))
        };
        let markdown = |text: &str| render_with_links(text, vars, &step_href);
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
                outcome: s.outcome.as_deref().map(|o| t.outcome(o)),
                goal_html: s.goal.as_deref().map(markdown),
                say_html: s.say.iter().map(|l| markdown(l)).collect(),
                tips_html: s.tips.iter().map(|l| markdown(l)).collect(),
                avoid_html: s.avoid.iter().map(|l| markdown(l)).collect(),
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
                    .map(|tr| NextView {
                        when: tr.when.clone(),
                        href: tr
                            .resolved
                            .then(|| format!("#{}", step_anchor(&slugs, &tr.to))),
                        title: if tr.resolved {
                            title_of(&tr.to)
                        } else {
                            format!("{} ({})", tr.to, t.no_such_step)
                        },
                    })
                    .collect(),
                reachable_outcomes: s
                    .reachable_outcomes
                    .iter()
                    .map(|o| t.outcome(o))
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
                let example = o.example.as_ref();
                let schedule = example.and_then(|e| e.schedule.as_ref());
                let rows = schedule.map_or_else(Vec::new, |s| {
                    s.rows
                        .iter()
                        .map(|r| {
                            [
                                r.number.to_string(),
                                t.number(&r.payment),
                                t.number(&r.interest),
                                t.number(&r.principal),
                                t.number(&r.balance),
                            ]
                        })
                        .collect()
                });
                let principal =
                    example.map_or_else(String::new, |e| t.money(&currency, &e.principal));
                let totals = match (schedule, example) {
                    (Some(s), Some(e)) => [
                        t.number(&s.total_cost),
                        t.number(&s.total_interest),
                        t.number(&e.principal),
                    ],
                    _ => Default::default(),
                };
                OfferView {
                    principal,
                    rows,
                    totals,
                    anchor: format!("offer-{}", offer_slugs.get(&o.id)),
                    terms: offer_terms(o, &currency, t),
                    example_html: example_sentence(o, &currency, t),
                    presented_in: o.presented_in.iter().map(|id| step_link(id)).collect(),
                    offer: o,
                }
            })
            .collect();

        let templates = guide
            .templates
            .iter()
            .map(|tpl| {
                let mut length = match t.lang {
                    Lang::En => t.count(tpl.characters, "character", "characters"),
                    Lang::Pt => t.count(tpl.characters, "caractere", "caracteres"),
                };
                if let Some(sms) = &tpl.sms {
                    let segments = match t.lang {
                        Lang::En => t.count(sms.segments, "SMS segment", "SMS segments"),
                        Lang::Pt => t.count(sms.segments, "SMS", "SMS"),
                    };
                    length = format!("{length} · {}, {} · {segments}", sms.encoding, sms.units);
                }
                TemplateView {
                    anchor: format!("message-{}", template_slugs.get(&tpl.id)),
                    template: tpl,
                    channel: t.channel(&tpl.channel),
                    length: format!("{length} · {}", t.with_examples),
                    text_html: highlight_placeholders(&tpl.text, vars),
                }
            })
            .collect();

        let cadence = guide
            .cadence
            .iter()
            .map(|touch| touch_view(touch, &slugs, &template_slugs, guide, t))
            .collect();
        let has_placeholders = guide
            .steps
            .iter()
            .any(|s| s.say.iter().zip(&s.say_example).any(|(a, b)| a != b));
        let outcomes = guide
            .outcomes
            .iter()
            .map(|o| {
                let description = match (t.lang, outcome_from_str(&o.outcome)) {
                    (Lang::Pt, Some(outcome)) => outcome_description_pt(outcome).to_string(),
                    _ => o.description.clone(),
                };
                (t.outcome(&o.outcome), description)
            })
            .collect();
        GuidePage {
            css: CSS,
            t,
            lang: html_lang(&guide.playbook.locale),
            jurisdictions: jurisdictions_text(guide, t),
            collector: if guide.playbook.collector == "first-party" {
                t.first_party
            } else {
                t.third_party
            },
            status: Status::of(guide, t),
            summary_html: guide.playbook.summary.as_deref().map(markdown),
            svg_html: svg_diagram(playbook, &slugs, t, true),
            steps,
            offers,
            templates,
            cadence,
            outcomes,
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
