//! References between parts of a playbook: every name used is defined, everything defined is used.

pub mod duplicate_id;
pub mod undeclared_variable;
pub mod unknown_offer;
pub mod unknown_step;
pub mod unknown_template;
pub mod unused_offer;
pub mod unused_template;
pub mod unused_variable;

use std::collections::HashSet;
use std::sync::LazyLock;

use regex::Regex;

use crate::diagnostic::{Finding, Location};
use crate::model::{Next, RequiredScope};
use crate::rules::{Check, Context};
use crate::source::pointer;

/// `{name}` placeholders; `{{` is not one.
static PLACEHOLDER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\{([A-Za-z_][A-Za-z0-9_]*)\}").expect("placeholder pattern"));

/// The placeholders of a text, with their byte ranges (braces included).
pub fn placeholders(text: &str) -> impl Iterator<Item = (&str, std::ops::Range<usize>)> {
    PLACEHOLDER.captures_iter(text).filter_map(|c| {
        let whole = c.get(0)?;
        Some((c.get(1)?.as_str(), whole.range()))
    })
}

/// Every text a placeholder may appear in: (pointer, text).
pub fn placeholder_texts<'a>(cx: &'a Context<'_>) -> Vec<(String, &'a str)> {
    let mut texts = Vec::new();
    for (id, step) in &cx.playbook.steps {
        if let Some(goal) = &step.goal {
            texts.push((pointer(["steps", id, "goal"]), goal.as_str()));
        }
        for (i, line) in step.say.iter().enumerate() {
            texts.push((pointer(["steps", id, "say", &i.to_string()]), line.as_str()));
        }
        for (i, line) in step.tips.iter().enumerate() {
            texts.push((
                pointer(["steps", id, "tips", &i.to_string()]),
                line.as_str(),
            ));
        }
    }
    for (id, t) in &cx.playbook.templates {
        texts.push((pointer(["templates", id, "text"]), t.text.as_str()));
        if let Some(subject) = &t.subject {
            texts.push((pointer(["templates", id, "subject"]), subject.as_str()));
        }
    }
    texts
}

/// The closest name, if close enough to be a likely typo.
pub fn did_you_mean<'a>(
    wrong: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(wrong, c), c))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

pub struct References;

impl References {
    fn unknown(
        cx: &Context<'_>,
        code: &'static str,
        what: &str,
        section: &str,
        name: &str,
        at: Location,
        out: &mut Vec<Finding>,
    ) {
        let names: Vec<&str> = match section {
            "steps" => cx.playbook.steps.keys().map(String::as_str).collect(),
            "offers" => cx.playbook.offers.keys().map(String::as_str).collect(),
            _ => cx.playbook.templates.keys().map(String::as_str).collect(),
        };
        let help = match did_you_mean(name, names.iter().copied()) {
            Some(close) => {
                let line = cx
                    .source
                    .position(
                        cx.source
                            .resolve(&Location::key(pointer([section, close])))
                            .start,
                    )
                    .line;
                format!("did you mean `{close}` (line {line})?")
            }
            None if names.is_empty() => {
                format!("this playbook defines no {what}s; add one under `{section}:`")
            }
            None => format!("defined {what}s: {}", names.join(", ")),
        };
        out.push(
            Finding::new(
                code,
                format!("`{name}` is not a {what} of this playbook"),
                at,
            )
            .label(format!("no {what} with this id"))
            .help(help),
        );
    }
}

impl Check for References {
    fn run(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let pb = cx.playbook;
        let step_code = unknown_step::META.code;
        if !pb.steps.contains_key(&pb.start) {
            Self::unknown(
                cx,
                step_code,
                "step",
                "steps",
                &pb.start,
                Location::value("/start"),
                out,
            );
        }
        let mut used_offers = HashSet::new();
        for (id, step) in &pb.steps {
            match &step.next {
                Some(Next::Always(target)) if !pb.steps.contains_key(target) => {
                    Self::unknown(
                        cx,
                        step_code,
                        "step",
                        "steps",
                        target,
                        Location::value(pointer(["steps", id, "next"])),
                        out,
                    );
                }
                Some(Next::Branches(branches)) => {
                    for (i, b) in branches.iter().enumerate() {
                        if !pb.steps.contains_key(&b.go) {
                            let at = Location::value(pointer([
                                "steps",
                                id,
                                "next",
                                &i.to_string(),
                                "go",
                            ]));
                            Self::unknown(cx, step_code, "step", "steps", &b.go, at, out);
                        }
                    }
                }
                _ => {}
            }
            for (i, offer) in step.offers.iter().enumerate() {
                used_offers.insert(offer.as_str());
                if !pb.offers.contains_key(offer) {
                    let at = Location::value(pointer(["steps", id, "offers", &i.to_string()]));
                    Self::unknown(
                        cx,
                        unknown_offer::META.code,
                        "offer",
                        "offers",
                        offer,
                        at,
                        out,
                    );
                }
            }
        }
        let mut used_templates = HashSet::new();
        for (i, touch) in pb.cadence.iter().enumerate() {
            let i = i.to_string();
            if let Some(t) = &touch.template {
                used_templates.insert(t.as_str());
                if !pb.templates.contains_key(t) {
                    let at = Location::value(pointer(["cadence", &i, "template"]));
                    Self::unknown(
                        cx,
                        unknown_template::META.code,
                        "template",
                        "templates",
                        t,
                        at,
                        out,
                    );
                }
            }
            if let Some(s) = &touch.step
                && !pb.steps.contains_key(s)
            {
                Self::unknown(
                    cx,
                    step_code,
                    "step",
                    "steps",
                    s,
                    Location::value(pointer(["cadence", &i, "step"])),
                    out,
                );
            }
        }
        for (i, req) in pb.compliance.require.iter().enumerate() {
            let i = i.to_string();
            match &req.scope {
                RequiredScope::Step { step } if !pb.steps.contains_key(step) => {
                    let at = Location::value(pointer(["compliance", "require", &i, "in", "step"]));
                    Self::unknown(cx, step_code, "step", "steps", step, at, out);
                }
                RequiredScope::Template { template } if !pb.templates.contains_key(template) => {
                    let at =
                        Location::value(pointer(["compliance", "require", &i, "in", "template"]));
                    Self::unknown(
                        cx,
                        unknown_template::META.code,
                        "template",
                        "templates",
                        template,
                        at,
                        out,
                    );
                }
                _ => {}
            }
        }
        for (i, allow) in pb.compliance.allow.iter().enumerate() {
            let i = i.to_string();
            if let Some(step) = &allow.step
                && !pb.steps.contains_key(step)
            {
                let at = Location::value(pointer(["compliance", "allow", &i, "step"]));
                Self::unknown(cx, step_code, "step", "steps", step, at, out);
            }
            if let Some(t) = &allow.template
                && !pb.templates.contains_key(t)
            {
                let at = Location::value(pointer(["compliance", "allow", &i, "template"]));
                Self::unknown(
                    cx,
                    unknown_template::META.code,
                    "template",
                    "templates",
                    t,
                    at,
                    out,
                );
            }
        }

        for id in pb
            .offers
            .keys()
            .filter(|id| !used_offers.contains(id.as_str()))
        {
            out.push(
                Finding::new(unused_offer::META.code, format!("offer `{id}` is never presented"), Location::key(pointer(["offers", id])))
                    .label("no step lists this offer")
                    .help("add it to the `offers` of the step where the agent may propose it, or remove it"),
            );
        }
        for id in pb
            .templates
            .keys()
            .filter(|id| !used_templates.contains(id.as_str()))
        {
            out.push(
                Finding::new(
                    unused_template::META.code,
                    format!("template `{id}` is never sent"),
                    Location::key(pointer(["templates", id])),
                )
                .label("no cadence touch sends this template")
                .help("send it from a touch in `cadence`, or remove it"),
            );
        }

        let mut used_vars = HashSet::new();
        for (ptr, text) in placeholder_texts(cx) {
            for (name, range) in placeholders(text) {
                used_vars.insert(name.to_string());
                if !pb.variables.contains_key(name) {
                    let help = match did_you_mean(name, pb.variables.keys().map(String::as_str)) {
                        Some(close) => format!(
                            "did you mean `{{{close}}}`? Or declare `{name}` under `variables:` with a type and an example"
                        ),
                        None => format!(
                            "declare it under `variables:`, e.g. `{name}: {{type: text, example: \"…\"}}`"
                        ),
                    };
                    out.push(
                        Finding::new(
                            undeclared_variable::META.code,
                            format!("`{{{name}}}` is not a declared variable"),
                            Location::text(ptr.clone(), range),
                        )
                        .label("undeclared placeholder")
                        .help(help),
                    );
                }
            }
        }
        for name in pb
            .variables
            .keys()
            .filter(|n| !used_vars.contains(n.as_str()))
        {
            out.push(
                Finding::new(
                    unused_variable::META.code,
                    format!("variable `{name}` is never used"),
                    Location::key(pointer(["variables", name])),
                )
                .label("no prompt or template uses it")
                .help(format!("use it as `{{{name}}}` in a text, or remove it")),
            );
        }
    }
}
