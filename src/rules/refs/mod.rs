//! References between parts of a playbook: every name used is defined, everything defined is used.

pub mod duplicate_id;
pub mod malformed_placeholder;
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
        // Case never matters to a suggestion: `BR` is `br` in the wrong case.
        .map(|c| {
            (
                strsim::jaro_winkler(&wrong.to_lowercase(), &c.to_lowercase()),
                c,
            )
        })
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

pub struct References;

/// What a reference points at.
#[derive(Clone, Copy)]
enum Target {
    Step,
    Offer,
    Template,
}

impl Target {
    fn code(self) -> &'static str {
        match self {
            Self::Step => unknown_step::META.code,
            Self::Offer => unknown_offer::META.code,
            Self::Template => unknown_template::META.code,
        }
    }
    fn what(self) -> &'static str {
        match self {
            Self::Step => "step",
            Self::Offer => "offer",
            Self::Template => "template",
        }
    }
    fn section(self) -> &'static str {
        match self {
            Self::Step => "steps",
            Self::Offer => "offers",
            Self::Template => "templates",
        }
    }
    fn names<'p>(self, cx: &'p Context<'_>) -> Vec<&'p str> {
        let pb = cx.playbook;
        match self {
            Self::Step => pb.steps.keys().map(String::as_str).collect(),
            Self::Offer => pb.offers.keys().map(String::as_str).collect(),
            Self::Template => pb.templates.keys().map(String::as_str).collect(),
        }
    }
}

/// Reports `name` at `at` unless it is defined; suggests the closest name and its line.
fn reference(cx: &Context<'_>, target: Target, name: &str, at: &str, out: &mut Vec<Finding>) {
    let names = target.names(cx);
    if names.contains(&name) {
        return;
    }
    let (what, section) = (target.what(), target.section());
    let help = match did_you_mean(name, names.iter().copied()) {
        Some(close) => {
            let defined = cx.source.resolve(&Location::key(pointer([section, close])));
            let line = cx.source.position(defined.start).line;
            format!("did you mean `{close}` (line {line})?")
        }
        None if names.is_empty() => {
            format!("this playbook defines no {what}s; add one under `{section}:`")
        }
        None => format!("defined {what}s: {}", names.join(", ")),
    };
    out.push(
        Finding::new(
            target.code(),
            format!("`{name}` is not a {what} of this playbook"),
            Location::value(at),
        )
        .label(format!("no {what} with this id"))
        .help(help),
    );
}

impl Check for References {
    fn run(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let pb = cx.playbook;
        reference(cx, Target::Step, &pb.start, "/start", out);
        let mut used_offers = HashSet::new();
        for (id, step) in &pb.steps {
            match &step.next {
                Some(Next::Always(target)) => reference(
                    cx,
                    Target::Step,
                    target,
                    &pointer(["steps", id, "next"]),
                    out,
                ),
                Some(Next::Branches(branches)) => {
                    for (i, b) in branches.iter().enumerate() {
                        let at = pointer(["steps", id, "next", &i.to_string(), "go"]);
                        reference(cx, Target::Step, &b.go, &at, out);
                    }
                }
                None => {}
            }
            for (i, offer) in step.offers.iter().enumerate() {
                used_offers.insert(offer.as_str());
                reference(
                    cx,
                    Target::Offer,
                    offer,
                    &pointer(["steps", id, "offers", &i.to_string()]),
                    out,
                );
            }
        }
        let mut used_templates = HashSet::new();
        for (i, touch) in pb.cadence.iter().enumerate() {
            let i = i.to_string();
            if let Some(t) = &touch.template {
                used_templates.insert(t.as_str());
                reference(
                    cx,
                    Target::Template,
                    t,
                    &pointer(["cadence", &i, "template"]),
                    out,
                );
            }
            if let Some(s) = &touch.step {
                reference(cx, Target::Step, s, &pointer(["cadence", &i, "step"]), out);
            }
        }
        for (i, req) in pb.compliance.require.iter().enumerate() {
            let at = |field: &str| pointer(["compliance", "require", &i.to_string(), "in", field]);
            match &req.scope {
                RequiredScope::Step { step } => reference(cx, Target::Step, step, &at("step"), out),
                RequiredScope::Template { template } => {
                    reference(cx, Target::Template, template, &at("template"), out)
                }
                RequiredScope::Channel(_) => {}
            }
        }
        for (i, allow) in pb.compliance.allow.iter().enumerate() {
            let at = |field: &str| pointer(["compliance", "allow", &i.to_string(), field]);
            if let Some(step) = &allow.step {
                reference(cx, Target::Step, step, &at("step"), out);
            }
            if let Some(t) = &allow.template {
                reference(cx, Target::Template, t, &at("template"), out);
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
