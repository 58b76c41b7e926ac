//! Where each step, offer, template and variable of a playbook is defined and used, read from
//! the parsed document and its spans (not the typed model, which a half-typed playbook in an
//! editor often cannot build).
//!
//! The places a name is used are the ones the reference rules check (`src/rules/refs/`): steps
//! in `start`, `next`, `go`, cadence touches and `compliance`, plus `[text](#step)` links in
//! what agents read; offers in a step's `offers`; templates in cadence touches and
//! `compliance`; variables as `{name}` placeholders in goals, say lines, tips and templates.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;
use serde_json::Value;

use crate::diagnostic::Location;
use crate::source::{SourceFile, pointer};

/// What a name names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    Step,
    Offer,
    Template,
    Variable,
}

impl Kind {
    pub const ALL: [Self; 4] = [Self::Step, Self::Offer, Self::Template, Self::Variable];

    /// The top-level section that defines names of this kind.
    pub fn section(self) -> &'static str {
        match self {
            Self::Step => "steps",
            Self::Offer => "offers",
            Self::Template => "templates",
            Self::Variable => "variables",
        }
    }

    pub fn what(self) -> &'static str {
        match self {
            Self::Step => "step",
            Self::Offer => "offer",
            Self::Template => "template",
            Self::Variable => "variable",
        }
    }
}

/// One place a name is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Occurrence {
    pub kind: Kind,
    pub name: String,
    /// The bytes of the name in the source (inside quotes when it is quoted).
    pub span: Range<usize>,
    /// False when the source spells the name differently (escapes, folding): the span is then
    /// the whole node, good for navigation but not for a rename.
    pub exact: bool,
    /// The key that defines it, rather than a use.
    pub definition: bool,
}

/// Every occurrence of a document, in no particular order.
#[derive(Debug, Clone, Default)]
pub struct Symbols {
    pub occurrences: Vec<Occurrence>,
}

/// `[text](#step-id)`: a link to a step in a say line, tip or goal.
static STEP_LINK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\]\(#([^)\s]+)\)").expect("step link pattern"));

impl Symbols {
    pub fn of(source: &SourceFile) -> Self {
        let mut index = Indexer {
            source,
            out: Vec::new(),
        };
        index.definitions();
        index.step_references();
        index.names_in_lists();
        index.texts();
        Self {
            occurrences: index.out,
        }
    }

    /// The occurrence under a byte offset (its end included, where a cursor after a word is).
    pub fn at(&self, offset: usize) -> Option<&Occurrence> {
        self.occurrences
            .iter()
            .filter(|o| o.span.start <= offset && offset <= o.span.end)
            .min_by_key(|o| o.span.len())
    }

    pub fn definition(&self, kind: Kind, name: &str) -> Option<&Occurrence> {
        self.occurrences
            .iter()
            .find(|o| o.definition && o.kind == kind && o.name == name)
    }

    /// Every occurrence of a name, in source order.
    pub fn all_of(&self, kind: Kind, name: &str) -> Vec<&Occurrence> {
        let mut found: Vec<&Occurrence> = self
            .occurrences
            .iter()
            .filter(|o| o.kind == kind && o.name == name)
            .collect();
        found.sort_by_key(|o| o.span.start);
        found
    }

    /// The defined names of a kind, in source order.
    pub fn defined(&self, kind: Kind) -> Vec<&Occurrence> {
        let mut found: Vec<&Occurrence> = self
            .occurrences
            .iter()
            .filter(|o| o.definition && o.kind == kind)
            .collect();
        found.sort_by_key(|o| o.span.start);
        found
    }
}

struct Indexer<'a> {
    source: &'a SourceFile,
    out: Vec<Occurrence>,
}

impl Indexer<'_> {
    fn value(&self, pointer: &str) -> Option<&Value> {
        self.source.value.pointer(pointer)
    }

    fn object(&self, pointer: &str) -> impl Iterator<Item = (&String, &Value)> {
        self.value(pointer)
            .and_then(Value::as_object)
            .into_iter()
            .flatten()
    }

    fn array_len(&self, pointer: &str) -> usize {
        self.value(pointer)
            .and_then(Value::as_array)
            .map_or(0, Vec::len)
    }

    /// Records the name written at a node's key or value, when the node is in the source.
    fn push(&mut self, kind: Kind, name: &str, at: &str, key: bool) {
        let Some(span) = self.source.spans.get(at) else {
            return;
        };
        let whole = if key {
            span.key.clone().unwrap_or_else(|| span.value.clone())
        } else {
            span.value.clone()
        };
        let (span, exact) = name_within(&self.source.text, whole, name);
        self.out.push(Occurrence {
            kind,
            name: name.to_string(),
            span,
            exact,
            definition: key,
        });
    }

    /// A string value at `at`, if there is one, as a use of `kind`.
    fn use_at(&mut self, kind: Kind, at: &str) {
        if let Some(name) = self.value(at).and_then(Value::as_str).map(str::to_string) {
            self.push(kind, &name, at, false);
        }
    }

    fn definitions(&mut self) {
        for kind in Kind::ALL {
            let names: Vec<String> = self
                .object(&pointer([kind.section()]))
                .map(|(k, _)| k.clone())
                .collect();
            for name in names {
                self.push(kind, &name, &pointer([kind.section(), &name]), true);
            }
        }
    }

    fn step_references(&mut self) {
        self.use_at(Kind::Step, "/start");
        let steps: Vec<String> = self.object("/steps").map(|(k, _)| k.clone()).collect();
        for id in &steps {
            let next = pointer(["steps", id, "next"]);
            if self.value(&next).is_some_and(Value::is_string) {
                self.use_at(Kind::Step, &next);
            }
            for i in 0..self.array_len(&next) {
                self.use_at(Kind::Step, &format!("{next}/{i}/go"));
            }
            let offers = pointer(["steps", id, "offers"]);
            for i in 0..self.array_len(&offers) {
                self.use_at(Kind::Offer, &format!("{offers}/{i}"));
            }
        }
    }

    fn names_in_lists(&mut self) {
        for i in 0..self.array_len("/cadence") {
            self.use_at(Kind::Template, &format!("/cadence/{i}/template"));
            self.use_at(Kind::Step, &format!("/cadence/{i}/step"));
        }
        for i in 0..self.array_len("/compliance/require") {
            self.use_at(Kind::Step, &format!("/compliance/require/{i}/in/step"));
            self.use_at(
                Kind::Template,
                &format!("/compliance/require/{i}/in/template"),
            );
        }
        for i in 0..self.array_len("/compliance/allow") {
            self.use_at(Kind::Step, &format!("/compliance/allow/{i}/step"));
            self.use_at(Kind::Template, &format!("/compliance/allow/{i}/template"));
        }
    }

    /// Placeholders and step links inside texts.
    fn texts(&mut self) {
        for (at, text) in texts(&self.source.value) {
            let found: Vec<(Kind, String, Range<usize>)> = crate::rules::refs::placeholders(&text)
                .map(|(name, r)| (Kind::Variable, name.to_string(), r.start + 1..r.end - 1))
                .chain(STEP_LINK.captures_iter(&text).filter_map(|c| {
                    let id = c.get(1)?;
                    Some((Kind::Step, id.as_str().to_string(), id.range()))
                }))
                .collect();
            for (kind, name, range) in found {
                let span = self.source.resolve(&Location::text(at.clone(), range));
                let exact = self.source.text.get(span.clone()) == Some(name.as_str());
                self.out.push(Occurrence {
                    kind,
                    name,
                    span,
                    exact,
                    definition: false,
                });
            }
        }
    }
}

/// The texts placeholders may appear in, by pointer: what `rules::refs::placeholder_texts`
/// reads from the typed model (a test keeps the two in step), plus the `avoid` lines, which
/// the guide renders with the same links.
pub fn texts(document: &Value) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let string = |v: &Value| v.as_str().map(str::to_string);
    if let Some(steps) = document.get("steps").and_then(Value::as_object) {
        for (id, step) in steps {
            if let Some(goal) = step.get("goal").and_then(string) {
                out.push((pointer(["steps", id, "goal"]), goal));
            }
            for field in ["say", "tips", "avoid"] {
                let lines = step.get(field).and_then(Value::as_array);
                for (i, line) in lines.into_iter().flatten().enumerate() {
                    if let Some(line) = string(line) {
                        out.push((pointer(["steps", id, field, &i.to_string()]), line));
                    }
                }
            }
        }
    }
    if let Some(templates) = document.get("templates").and_then(Value::as_object) {
        for (id, t) in templates {
            for field in ["text", "subject"] {
                if let Some(text) = t.get(field).and_then(string) {
                    out.push((pointer(["templates", id, field]), text));
                }
            }
        }
    }
    out
}

/// Where `name` is written within `whole` (a key or a scalar, perhaps quoted); the whole span,
/// not exact, when it is spelled otherwise.
fn name_within(text: &str, whole: Range<usize>, name: &str) -> (Range<usize>, bool) {
    let raw = text.get(whole.clone()).unwrap_or_default();
    if raw == name {
        return (whole, true);
    }
    let quoted = raw.len() == name.len() + 2
        && ((raw.starts_with('"') && raw.ends_with('"'))
            || (raw.starts_with('\'') && raw.ends_with('\'')))
        && &raw[1..raw.len() - 1] == name;
    if quoted {
        return (whole.start + 1..whole.end - 1, true);
    }
    (whole, false)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::{Limits, parse};

    fn symbols(text: &str) -> (SourceFile, Symbols) {
        let mut source = SourceFile::new("t.playbook.yaml".into(), text.to_string());
        parse(&mut source, &Limits::default());
        let symbols = Symbols::of(&source);
        (source, symbols)
    }

    const PLAYBOOK: &str = "cordial: 1\nid: t\ntitle: T\nlocale: en\nstart: greet\n\
variables:\n  name: {type: text, example: Jo}\n\
steps:\n  greet:\n    say: [\"Olá 😀 {name}, see [this](#done)\", 'Hi {name}']\n    offers: [plan]\n    next: [{when: ok, go: \"done\"}]\n  done: {outcome: paid, tips: [\"Back to [start](#greet)\"]}\n\
offers:\n  plan: {kind: discount}\n\
templates:\n  sms1: {channel: sms, text: \"{name}\"}\n\
cadence:\n  - {day: 1, template: sms1, step: greet}\n";

    #[test]
    fn every_definition_and_use_is_found_at_its_bytes() {
        let (source, s) = symbols(PLAYBOOK);
        let shown = |o: &Occurrence| &source.text[o.span.clone()];
        let greet = s.all_of(Kind::Step, "greet");
        assert_eq!(greet.len(), 4, "{greet:?}");
        assert!(greet.iter().all(|o| o.exact && shown(o) == "greet"));
        assert!(greet[1].definition);
        // Quoted: the name inside the quotes.
        let done = s.all_of(Kind::Step, "done");
        assert!(
            done.iter()
                .any(|o| !o.definition && o.exact && shown(o) == "done")
        );
        let names = s.all_of(Kind::Variable, "name");
        assert_eq!(names.len(), 4);
        assert!(names.iter().all(|o| shown(o) == "name"));
        assert_eq!(s.all_of(Kind::Offer, "plan").len(), 2);
        assert_eq!(s.all_of(Kind::Template, "sms1").len(), 2);
        let at = source.text.find("{name}").expect("placeholder") + 3;
        assert_eq!(s.at(at).map(|o| o.kind), Some(Kind::Variable));
    }

    #[test]
    fn texts_cover_every_text_the_placeholder_rules_read() {
        for path in std::fs::read_dir("playbooks").expect("playbooks") {
            let path = path.expect("entry").path();
            let file = crate::check::check_file(
                &crate::check::Input { path, named: true },
                &crate::check::Options::default(),
            )
            .expect("a playbook");
            let playbook = file.playbook.as_ref().expect("a model");
            let flow = crate::analysis::flow::Flow::new(playbook);
            let packs = crate::rules::Packs::for_playbook(playbook);
            let cx = crate::rules::Context::new(playbook, &file.source, &flow, &packs);
            let ours: Vec<(String, String)> = texts(&file.source.value);
            for (at, text) in crate::rules::refs::placeholder_texts(&cx) {
                assert!(
                    ours.iter().any(|(p, t)| *p == at && t == text),
                    "{at} is not read by the language server"
                );
            }
        }
    }
}
