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

/// Most names compared for one suggestion: past this, a typo is looked for among names of a
/// similar length only, so 30,000 unknown names against 30,000 steps stay linear.
const MAX_SUGGESTION_CANDIDATES: usize = 2_000;
/// Most names a help text lists.
const MAX_LISTED: usize = 12;

/// The closest name, if close enough to be a likely typo.
pub fn did_you_mean<'a>(
    wrong: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    near_miss(wrong, candidates).map(|n| n.best)
}

/// The names close enough to `wrong` to be a likely typo of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NearMiss<'a> {
    /// The closest one.
    pub best: &'a str,
    /// Whether it is the only one: only then is replacing `wrong` with it certain (a fix).
    pub unique: bool,
}

/// Lowest Jaro-Winkler similarity that counts as a near miss.
const NEAR_MISS: f64 = 0.8;

/// The closest name and whether another name is close too.
pub fn near_miss<'a>(
    wrong: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<NearMiss<'a>> {
    let len = wrong.chars().count();
    let wrong_lower = wrong.to_lowercase();
    let mut best: Option<(f64, &str)> = None;
    // Distinct close names: a name offered twice (defined and also in a catalogue) is one.
    let mut close: Vec<&str> = Vec::new();
    for c in candidates
        .into_iter()
        // Jaro-Winkler scores 0.8 or more only for names of similar length.
        .filter(|c| c.len().abs_diff(wrong.len()) <= len / 2 + 2)
        .take(MAX_SUGGESTION_CANDIDATES)
    {
        // Case never matters to a suggestion: `BR` is `br` in the wrong case.
        let score = strsim::jaro_winkler(&wrong_lower, &c.to_lowercase());
        if score < NEAR_MISS {
            continue;
        }
        if !close.contains(&c) {
            close.push(c);
        }
        // `>=`: among equal scores the last one wins, as `Iterator::max_by` chose before.
        if best.is_none_or(|(b, _)| score >= b) {
            best = Some((score, c));
        }
    }
    best.map(|(_, best)| NearMiss {
        best,
        unique: close.len() == 1,
    })
}

/// `a, b, c` or `a, b, c and 97 more`.
pub fn listed<'a>(names: impl ExactSizeIterator<Item = &'a str>) -> String {
    let total = names.len();
    let shown: Vec<&str> = names.take(MAX_LISTED).collect();
    match total - shown.len() {
        0 => shown.join(", "),
        more => format!("{} and {more} more", shown.join(", ")),
    }
}

pub struct References;

/// The fix of a misspelt placeholder: the name between the braces, where the source writes
/// `{name}` as decoded (never through an escape), and only for a name a placeholder can hold.
fn placeholder_fix(
    cx: &Context<'_>,
    at: &str,
    braces: std::ops::Range<usize>,
    name: &str,
    close: &str,
) -> Option<crate::diagnostic::Fix> {
    let whole = placeholders(&format!("{{{close}}}")).count() == 1;
    let inner = braces.start + 1..braces.end - 1;
    let mut fix = crate::fix::edit::replace_words(
        cx.source,
        at,
        inner,
        name,
        close,
        crate::diagnostic::Applicability::Safe,
    )
    .filter(|_| whole)?;
    fix.description = format!("replace `{{{name}}}` with `{{{close}}}`");
    Some(fix)
}

/// The strings under `field` of each entry of the raw collection at `at` (a field holding one
/// string or a list of strings): what the document names, whether or not the schema kept it.
fn raw_strings<'a>(cx: &'a Context<'_>, at: &str, field: &str) -> Vec<&'a str> {
    let entries: Vec<&serde_json::Value> = match cx.source.value.pointer(at) {
        Some(serde_json::Value::Object(o)) => o.values().collect(),
        Some(serde_json::Value::Array(a)) => a.iter().collect(),
        _ => Vec::new(),
    };
    entries
        .into_iter()
        .filter_map(|e| e.get(field))
        .flat_map(|v| match v {
            serde_json::Value::String(s) => vec![s.as_str()],
            serde_json::Value::Array(a) => a.iter().filter_map(serde_json::Value::as_str).collect(),
            _ => Vec::new(),
        })
        .collect()
}

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
    /// The ids the document defines, rejected nodes included: a node the schema refused is
    /// still the one a reference means, and saying it does not exist would send the reader to
    /// the wrong place.
    fn names<'p>(self, cx: &'p Context<'_>) -> Box<dyn ExactSizeIterator<Item = &'p str> + 'p> {
        if let Some(raw) = self.raw(cx) {
            return Box::new(raw.keys().map(String::as_str));
        }
        let pb = cx.playbook;
        match self {
            Self::Step => Box::new(pb.steps.keys().map(String::as_str)),
            Self::Offer => Box::new(pb.offers.keys().map(String::as_str)),
            Self::Template => Box::new(pb.templates.keys().map(String::as_str)),
        }
    }
    /// The section as written, when it is a mapping.
    fn raw<'p>(
        self,
        cx: &'p Context<'_>,
    ) -> Option<&'p serde_json::Map<String, serde_json::Value>> {
        cx.source.value.get(self.section())?.as_object()
    }
    /// The section is written but is not a mapping: the schema rejected the whole block, and
    /// no reference into it can be judged.
    fn unreadable(self, cx: &Context<'_>) -> bool {
        cx.source
            .value
            .get(self.section())
            .is_some_and(|v| !v.is_object() && !v.is_null())
    }
    fn defines(self, cx: &Context<'_>, name: &str) -> bool {
        let pb = cx.playbook;
        let modelled = match self {
            Self::Step => pb.steps.contains_key(name),
            Self::Offer => pb.offers.contains_key(name),
            Self::Template => pb.templates.contains_key(name),
        };
        modelled || self.raw(cx).is_some_and(|raw| raw.contains_key(name)) || self.unreadable(cx)
    }
}

/// Most did-you-mean searches per playbook: each compares against every name, so a file with
/// thousands of unknown references gets suggestions for the first ones and a list for the rest.
const MAX_SUGGESTIONS: usize = 200;

/// Reports `name` at `at` unless it is defined; suggests the closest name and its line.
fn reference(
    cx: &Context<'_>,
    target: Target,
    name: &str,
    at: &str,
    suggestions: &mut usize,
    out: &mut Vec<Finding>,
) {
    if target.defines(cx, name) {
        return;
    }
    let (what, section) = (target.what(), target.section());
    let close = if *suggestions < MAX_SUGGESTIONS {
        *suggestions += 1;
        near_miss(name, target.names(cx))
    } else {
        None
    };
    let at = Location::value(at);
    // Only the one near miss is a certain replacement; with two, the help names the closest.
    let fix = close
        .filter(|c| c.unique)
        .and_then(|c| crate::fix::edit::rename(cx.source, &at, name, c.best));
    let help = match close.map(|c| c.best) {
        Some(close) => {
            let defined = cx.source.resolve(&Location::key(pointer([section, close])));
            let line = cx.source.position(defined.start).line;
            format!("did you mean `{close}` (line {line})?")
        }
        None if target.names(cx).len() == 0 => {
            format!("this playbook defines no {what}s; add one under `{section}:`")
        }
        None => format!("defined {what}s: {}", listed(target.names(cx))),
    };
    out.push(
        Finding::new(
            target.code(),
            format!(
                "`{name}` is not {} of this playbook",
                crate::rules::article(what)
            ),
            at,
        )
        .label(format!("no {what} with this id"))
        .help(help)
        .fix(fix),
    );
}

impl Check for References {
    fn run(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let pb = cx.playbook;
        let budget = &mut 0;
        let mut refer = |target, name: &str, at: &str, out: &mut Vec<Finding>| {
            reference(cx, target, name, at, budget, out)
        };
        refer(Target::Step, &pb.start, "/start", out);
        let mut used_offers = HashSet::new();
        let mut used_templates = HashSet::new();
        for (id, step) in &pb.steps {
            match &step.next {
                Some(Next::Always(target)) => {
                    refer(Target::Step, target, &pointer(["steps", id, "next"]), out)
                }
                Some(Next::Branches(branches)) => {
                    for (i, b) in branches.iter().enumerate() {
                        let at = pointer(["steps", id, "next", &i.to_string(), "go"]);
                        refer(Target::Step, &b.go, &at, out);
                    }
                }
                None => {}
            }
            for (i, offer) in step.offers.iter().enumerate() {
                used_offers.insert(offer.as_str());
                refer(
                    Target::Offer,
                    offer,
                    &pointer(["steps", id, "offers", &i.to_string()]),
                    out,
                );
            }
        }
        for (i, touch) in pb.cadence.iter().enumerate() {
            let i = i.to_string();
            if let Some(t) = &touch.template {
                used_templates.insert(t.as_str());
                refer(
                    Target::Template,
                    t,
                    &pointer(["cadence", &i, "template"]),
                    out,
                );
            }
            if let Some(s) = &touch.step {
                refer(Target::Step, s, &pointer(["cadence", &i, "step"]), out);
            }
        }
        for (i, req) in pb.compliance.require.iter().enumerate() {
            let at = |field: &str| pointer(["compliance", "require", &i.to_string(), "in", field]);
            match &req.scope {
                RequiredScope::Step { step } => refer(Target::Step, step, &at("step"), out),
                RequiredScope::Template { template } => {
                    refer(Target::Template, template, &at("template"), out)
                }
                RequiredScope::Channel(_) => {}
            }
        }
        for (i, allow) in pb.compliance.allow.iter().enumerate() {
            let at = |field: &str| pointer(["compliance", "allow", &i.to_string(), field]);
            if let Some(step) = &allow.step {
                refer(Target::Step, step, &at("step"), out);
            }
            if let Some(t) = &allow.template {
                refer(Target::Template, t, &at("template"), out);
            }
        }

        // A reference in a node the schema rejected still uses what it names.
        let raw_offers = raw_strings(cx, "/steps", "offers");
        used_offers.extend(raw_offers.iter().copied());
        let raw_templates = raw_strings(cx, "/cadence", "template");
        used_templates.extend(raw_templates.iter().copied());
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
                    *budget += 1;
                    let close = (*budget <= MAX_SUGGESTIONS)
                        .then(|| near_miss(name, pb.variables.keys().map(String::as_str)))
                        .flatten();
                    let fix = close
                        .filter(|c| c.unique)
                        .and_then(|c| placeholder_fix(cx, &ptr, range.clone(), name, c.best));
                    let help = match close.map(|c| c.best) {
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
                        .help(help)
                        .fix(fix),
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
