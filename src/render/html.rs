//! The HTML guide: a view model built from the JSON guide, rendered by askama templates.
//!
//! Templates escape every value. The few fields that carry markup (`*_html`) are built here
//! from escaped text only: the Markdown subset, placeholder highlights, the sentences that
//! put amounts in bold, and the SVG diagram.

use askama::Template;

use super::graph::{diagram_html, outcome_tone};
use super::guide::{Guide, OfferInfo, TemplateInfo};
use super::guide_words::GuideWords;
use super::labels::{Labels, Lang};
use super::markdown::{highlight_placeholders, render_with_links};
use super::sections::{
    example_sentence, offer_terms, outcome_description_pt, outcome_from_str, touch_view,
};
use super::slug::{Slugs, step_anchor};
use crate::model::Playbook;

/// The stylesheet, inlined into every page: no external requests.
const CSS: &str = concat!(
    include_str!("../../templates/guide.css"),
    include_str!("../../templates/calendar.css"),
    include_str!("../../templates/diagram.css")
);

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

/// A finding shown where it applies, in the page's language.
pub struct FlagView {
    /// `error`, `warning` or `info`: the marker's style.
    pub tone: &'static str,
    pub severity: &'static str,
    pub code: String,
    pub message: String,
    /// `line 12` / `linha 12`.
    pub line: String,
}

/// A say line, tip or goal with the findings on it.
pub struct LineView {
    pub html: String,
    pub flags: Vec<FlagView>,
}

/// A step card (and its call-mode view).
pub struct StepView {
    pub number: usize,
    pub anchor: String,
    /// The call-mode view's id: `call-<slug>`.
    pub call_anchor: String,
    pub id: String,
    pub title: String,
    pub is_start: bool,
    /// `good`, `attention`, `neutral` or empty.
    pub tone: &'static str,
    pub outcome: Option<String>,
    pub goal_html: Option<String>,
    pub say: Vec<LineView>,
    pub tips: Vec<LineView>,
    pub avoid_html: Vec<String>,
    /// Findings on the step that are not on one say line or tip.
    pub flags: Vec<FlagView>,
    pub record: Vec<String>,
    pub establishes: Vec<String>,
    pub requires: Vec<String>,
    /// Indices into the page's offers: the offers presented here, shown inside the step.
    pub offers_here: Vec<usize>,
    pub next: Vec<NextView>,
    /// Steps with a transition into this one, for the way back in call mode.
    pub from: Vec<NextView>,
    pub reachable_outcomes: String,
    pub reachable: bool,
}

/// A transition as a link.
pub struct NextView {
    pub when: Option<String>,
    pub href: Option<String>,
    /// The target's call-mode view.
    pub call_href: Option<String>,
    /// The target's step number, for print and for agents who count.
    pub number: Option<usize>,
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
    /// The schedule's rows, formatted for the page.
    pub rows: Vec<[String; 5]>,
    /// Sums of the rows as shown: payments, interest, principal.
    pub totals: [String; 3],
    /// The fees of the example, when any are charged.
    pub fees: Option<String>,
    /// Payments plus fees, when fees are charged.
    pub total_with_fees: Option<String>,
    /// The rate a month and, where a pack requires it (br: CDC art. 52), a year.
    pub monthly_rate: Option<String>,
    pub annual_rate: Option<String>,
    /// When the offer must be paid by, relative to the day it is presented.
    pub last_day: Option<String>,
    /// What the customer pays with the largest discount.
    pub discounted: Option<String>,
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
    pub w: &'static GuideWords,
    /// The Content-Security-Policy: no network, and only the call-mode script, by its hash.
    pub csp: String,
    pub script: &'static str,
    /// `@page` header and footer with the playbook id, version and source hash.
    pub print_css: String,
    /// Built with errors allowed: the page says it is a draft.
    pub draft: bool,
    pub findings: Vec<FlagView>,
    /// The call-mode view of the start step.
    pub call_start: Option<String>,
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
        if guide.playbook.jurisdictions_inferred {
            format!("{} ({})", names.join(", "), labels.inferred_jurisdiction)
        } else {
            names.join(", ")
        }
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

        let w = t.lang.words();
        let number_of = |id: &str| guide.steps.iter().position(|s| s.id == id).map(|i| i + 1);
        let call_anchor = |id: &str| format!("call-{}", slugs.get(id));
        // Findings by the step line they concern.
        let placed: Vec<_> = guide
            .findings
            .items
            .iter()
            .map(super::views::place)
            .collect();
        let flags_at = |step: &str, field: &str, index: Option<usize>| -> Vec<FlagView> {
            guide
                .findings
                .items
                .iter()
                .zip(&placed)
                .filter(|(_, p)| {
                    p.as_ref().is_some_and(|(s, f, i)| {
                        s == step
                            && if field.is_empty() {
                                !matches!(f.as_str(), "say" | "tips" | "goal")
                            } else {
                                f == field && (index.is_none() || *i == index)
                            }
                    })
                })
                .map(|(f, _)| super::views::flag(f, w))
                .collect()
        };
        let next_view = |when: Option<String>, to: &str, resolved: bool| NextView {
            when,
            href: resolved.then(|| format!("#{}", step_anchor(&slugs, to))),
            call_href: resolved.then(|| format!("#{}", call_anchor(to))),
            number: if resolved { number_of(to) } else { None },
            title: if resolved {
                title_of(to)
            } else {
                format!("{to} ({})", t.no_such_step)
            },
        };
        let offer_index = |id: &str| guide.offers.iter().position(|o| o.id == id);

        let steps = guide
            .steps
            .iter()
            .enumerate()
            .map(|(i, s)| StepView {
                number: i + 1,
                anchor: step_anchor(&slugs, &s.id),
                call_anchor: call_anchor(&s.id),
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
                say: s
                    .say
                    .iter()
                    .enumerate()
                    .map(|(n, l)| LineView {
                        html: markdown(l),
                        flags: flags_at(&s.id, "say", Some(n)),
                    })
                    .collect(),
                tips: s
                    .tips
                    .iter()
                    .enumerate()
                    .map(|(n, l)| LineView {
                        html: markdown(l),
                        flags: flags_at(&s.id, "tips", Some(n)),
                    })
                    .collect(),
                avoid_html: s.avoid.iter().map(|l| markdown(l)).collect(),
                flags: {
                    let mut flags = flags_at(&s.id, "goal", None);
                    flags.extend(flags_at(&s.id, "", None));
                    flags
                },
                record: s.record.iter().map(|r| r.name.clone()).collect(),
                establishes: s.establishes.iter().map(|f| t.lang.fact(f)).collect(),
                requires: s.requires.iter().map(|f| t.lang.fact(f)).collect(),
                offers_here: s.offers.iter().filter_map(|o| offer_index(o)).collect(),
                next: s
                    .transitions
                    .iter()
                    .map(|tr| next_view(tr.when.clone(), &tr.to, tr.resolved))
                    .collect(),
                from: guide
                    .steps
                    .iter()
                    .filter(|p| p.transitions.iter().any(|tr| tr.resolved && tr.to == s.id))
                    .map(|p| next_view(None, &p.id, true))
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
                let figures = super::views::offer_figures(o, guide, t);
                OfferView {
                    principal,
                    rows,
                    totals: figures.totals,
                    fees: figures.fees,
                    total_with_fees: figures.total_with_fees,
                    monthly_rate: figures.monthly_rate,
                    annual_rate: figures.annual_rate,
                    last_day: figures.last_day,
                    discounted: figures.discounted,
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
            w,
            csp: super::views::content_security_policy(),
            script: super::views::CALL_SCRIPT,
            print_css: super::views::print_css(guide, w),
            draft: guide.findings.errors > 0,
            findings: guide
                .findings
                .items
                .iter()
                .map(|f| super::views::flag(f, w))
                .collect(),
            call_start: playbook
                .steps
                .contains_key(&guide.start)
                .then(|| call_anchor(&guide.start)),
            lang: html_lang(&guide.playbook.locale),
            jurisdictions: jurisdictions_text(guide, t),
            collector: if guide.playbook.collector == "first-party" {
                t.first_party
            } else {
                t.third_party
            },
            status: Status::of(guide, t),
            summary_html: guide.playbook.summary.as_deref().map(markdown),
            // The embedded diagram's boxes are links (for pointers; keyboards use the step list
            // below it): interactive content, so the drawing is a group, not an image.
            svg_html: diagram_html(playbook, &slugs, t).replacen(
                " role=\"img\"",
                " role=\"group\"",
                1,
            ),
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
