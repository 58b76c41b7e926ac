//! `cordial diff`: what changed between two versions of a set of playbooks, in the terms a
//! reviewer cares about: steps, transitions, offer terms, the ways to reach an agreement, the
//! contact plan, and the findings introduced and fixed.
//!
//! The comparison reads the parsed documents (so formatting and comments do not count), and the
//! findings are matched like baseline entries: code, node pointer and message, never lines.

pub mod render;
pub mod sources;

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;
use serde_json::Value;

use crate::check::CheckedFile;

/// One playbook's changes.
#[derive(Debug, Default, Serialize, PartialEq, Eq)]
pub struct PlaybookDiff {
    /// The playbook id (or its path when it has none).
    pub id: String,
    /// Where it is in the base and the head; None when it was added or removed.
    pub base_file: Option<String>,
    pub head_file: Option<String>,
    /// Top-level settings changed (`title`, `jurisdictions`, `collector`, …).
    pub settings: Vec<Change>,
    pub steps_added: Vec<String>,
    pub steps_removed: Vec<String>,
    /// Steps present in both with different content: the fields that changed.
    pub steps_changed: Vec<NodeChange>,
    pub transitions_added: Vec<String>,
    pub transitions_removed: Vec<String>,
    pub offers_added: Vec<String>,
    pub offers_removed: Vec<String>,
    /// Offers present in both: each term that changed, old → new.
    pub offers_changed: Vec<NodeChange>,
    /// Transitions now on a way from `start` to an agreement that were not before.
    pub new_paths_to_agreement: Vec<String>,
    pub contact_plan: Vec<Change>,
    pub findings_introduced: Vec<FindingRef>,
    pub findings_fixed: Vec<FindingRef>,
}

/// A value that changed; `before`/`after` are None when it was added or removed.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Change {
    pub field: String,
    pub before: Option<String>,
    pub after: Option<String>,
}

/// The changes inside one step or offer.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct NodeChange {
    pub id: String,
    pub changes: Vec<Change>,
}

/// A finding as the diff names it.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, PartialOrd, Ord)]
pub struct FindingRef {
    pub code: String,
    pub severity: String,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pointer: Option<String>,
    /// Where it is, in the version that has it.
    pub line: usize,
}

impl PlaybookDiff {
    pub fn is_empty(&self) -> bool {
        self.settings.is_empty()
            && self.steps_added.is_empty()
            && self.steps_removed.is_empty()
            && self.steps_changed.is_empty()
            && self.transitions_added.is_empty()
            && self.transitions_removed.is_empty()
            && self.offers_added.is_empty()
            && self.offers_removed.is_empty()
            && self.offers_changed.is_empty()
            && self.new_paths_to_agreement.is_empty()
            && self.contact_plan.is_empty()
            && self.findings_introduced.is_empty()
            && self.findings_fixed.is_empty()
    }
}

/// A scalar as a reviewer reads it (`20`, `pt-BR`, `[br, us]`); larger values are summarised.
fn show(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => "null".into(),
        Value::Array(a) if a.iter().all(|x| !x.is_object() && !x.is_array()) => {
            format!("[{}]", a.iter().map(show).collect::<Vec<_>>().join(", "))
        }
        Value::Array(a) => format!("{} items", a.len()),
        Value::Object(o) => {
            let parts: Vec<String> = o.iter().map(|(k, v)| format!("{k}: {}", show(v))).collect();
            format!("{{{}}}", parts.join(", "))
        }
        other => other.to_string(),
    }
}

/// The ids of the mapping under `key` added and removed between two documents, and the entries
/// present in both whose fields changed.
fn keyed_changes(
    before: &Value,
    after: &Value,
    key: &str,
) -> (Vec<String>, Vec<String>, Vec<NodeChange>) {
    let (b, h) = (object(before, key), object(after, key));
    let added = h.keys().filter(|k| !b.contains_key(*k)).cloned().collect();
    let removed = b.keys().filter(|k| !h.contains_key(*k)).cloned().collect();
    let changed = h
        .iter()
        .filter_map(|(id, node)| {
            let changes = field_changes(b.get(id)?, node);
            (!changes.is_empty()).then(|| NodeChange {
                id: id.clone(),
                changes,
            })
        })
        .collect();
    (added, removed, changed)
}

fn object(v: &Value, key: &str) -> serde_json::Map<String, Value> {
    v.get(key)
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default()
}

/// Field-by-field changes between two mappings.
fn field_changes(before: &Value, after: &Value) -> Vec<Change> {
    let empty = serde_json::Map::new();
    let b = before.as_object().unwrap_or(&empty);
    let a = after.as_object().unwrap_or(&empty);
    let keys: BTreeSet<&String> = b.keys().chain(a.keys()).collect();
    keys.into_iter()
        .filter(|k| b.get(*k) != a.get(*k))
        .map(|k| Change {
            field: k.clone(),
            before: b.get(k).map(show),
            after: a.get(k).map(show),
        })
        .collect()
}

/// `from → to` (with the branch's `when` when it has one), and `from ⇒ outcome`.
fn transitions(doc: &Value) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for (id, step) in object(doc, "steps") {
        for branch in step
            .get("next")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            if let Some(go) = branch.get("go").and_then(Value::as_str) {
                out.insert(match branch.get("when").and_then(Value::as_str) {
                    Some(when) => format!("{id} → {go} (when: {when})"),
                    None => format!("{id} → {go}"),
                });
            }
        }
        if let Some(outcome) = step.get("outcome").and_then(Value::as_str) {
            out.insert(format!("{id} ⇒ {outcome}"));
        }
    }
    out
}

/// The edges `a → b` on some way from `start` to a step whose outcome is `agreement`.
fn edges_to_agreement(doc: &Value) -> BTreeSet<(String, String)> {
    let steps = object(doc, "steps");
    let mut edges: Vec<(String, String)> = Vec::new();
    for (id, step) in &steps {
        for branch in step
            .get("next")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            if let Some(go) = branch.get("go").and_then(Value::as_str) {
                edges.push((id.clone(), go.to_string()));
            }
        }
    }
    let start = doc.get("start").and_then(Value::as_str).unwrap_or_default();
    let mut reached: BTreeSet<String> = BTreeSet::from([start.to_string()]);
    let mut frontier = vec![start.to_string()];
    while let Some(s) = frontier.pop() {
        for (a, b) in &edges {
            if *a == s && reached.insert(b.clone()) {
                frontier.push(b.clone());
            }
        }
    }
    let mut leads: BTreeSet<String> = steps
        .iter()
        .filter(|(_, s)| s.get("outcome").and_then(Value::as_str) == Some("agreement"))
        .map(|(id, _)| id.clone())
        .collect();
    let mut frontier: Vec<String> = leads.iter().cloned().collect();
    while let Some(s) = frontier.pop() {
        for (a, b) in &edges {
            if *b == s && leads.insert(a.clone()) {
                frontier.push(a.clone());
            }
        }
    }
    edges
        .into_iter()
        .filter(|(a, b)| reached.contains(a) && leads.contains(b))
        .collect()
}

fn findings(file: &CheckedFile) -> Vec<FindingRef> {
    let mut out: Vec<FindingRef> = file
        .findings
        .iter()
        .map(|f| FindingRef {
            code: f.code.to_string(),
            severity: f.severity.as_str().to_string(),
            message: f.message.clone(),
            pointer: f.primary.location.pointer().map(str::to_string),
            line: file
                .source
                .position(file.source.resolve(&f.primary.location).start)
                .line,
        })
        .collect();
    out.sort();
    out
}

/// Findings of `a` that `b` does not have (matched without lines, as many times as they occur).
fn missing_from(a: &[FindingRef], b: &[FindingRef]) -> Vec<FindingRef> {
    let mut left: BTreeMap<(String, Option<String>, String), usize> = BTreeMap::new();
    for f in b {
        *left
            .entry((f.code.clone(), f.pointer.clone(), f.message.clone()))
            .or_insert(0) += 1;
    }
    a.iter()
        .filter(
            |f| match left.get_mut(&(f.code.clone(), f.pointer.clone(), f.message.clone())) {
                Some(n) if *n > 0 => {
                    *n -= 1;
                    false
                }
                _ => true,
            },
        )
        .cloned()
        .collect()
}

const SECTIONS: &[&str] = &[
    "steps",
    "offers",
    "cadence",
    "contact_hours",
    "templates",
    "variables",
];

/// Compares two versions of one playbook (either may be missing).
pub fn compare(id: &str, base: Option<&CheckedFile>, head: Option<&CheckedFile>) -> PlaybookDiff {
    let null = Value::Null;
    let b = base.map_or(&null, |f| &f.source.value);
    let h = head.map_or(&null, |f| &f.source.value);
    let mut d = PlaybookDiff {
        id: id.to_string(),
        base_file: base.map(|f| f.source.display_path()),
        head_file: head.map(|f| f.source.display_path()),
        ..Default::default()
    };
    let strip = |v: &Value| {
        let mut v = v.clone();
        if let Some(o) = v.as_object_mut() {
            for s in SECTIONS {
                o.remove(*s);
            }
        }
        v
    };
    d.settings = field_changes(&strip(b), &strip(h));
    (d.steps_added, d.steps_removed, d.steps_changed) = keyed_changes(b, h, "steps");
    let (bt, ht) = (transitions(b), transitions(h));
    d.transitions_added = ht.difference(&bt).cloned().collect();
    d.transitions_removed = bt.difference(&ht).cloned().collect();
    (d.offers_added, d.offers_removed, d.offers_changed) = keyed_changes(b, h, "offers");
    let (ba, ha) = (edges_to_agreement(b), edges_to_agreement(h));
    d.new_paths_to_agreement = ha
        .difference(&ba)
        .map(|(x, y)| format!("{x} → {y}"))
        .collect();
    d.contact_plan = contact_plan(b, h);
    let (bf, hf) = (
        base.map(findings).unwrap_or_default(),
        head.map(findings).unwrap_or_default(),
    );
    d.findings_introduced = missing_from(&hf, &bf);
    d.findings_fixed = missing_from(&bf, &hf);
    d
}

/// Touches added and removed (`day 3: sms, aviso-atraso`) and contact-hour changes.
fn contact_plan(b: &Value, h: &Value) -> Vec<Change> {
    let touches = |v: &Value| -> Vec<String> {
        v.get("cadence")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .map(|t| {
                let mut parts = Vec::new();
                for key in ["channel", "template", "action"] {
                    if let Some(x) = t.get(key) {
                        parts.push(show(x));
                    }
                }
                format!(
                    "day {}: {}",
                    t.get("day").map(show).unwrap_or_default(),
                    parts.join(", ")
                )
            })
            .collect()
    };
    let (bt, ht) = (touches(b), touches(h));
    let mut out: Vec<Change> = Vec::new();
    for t in bt.iter().filter(|t| !ht.contains(t)) {
        out.push(Change {
            field: "cadence".into(),
            before: Some(t.clone()),
            after: None,
        });
    }
    for t in ht.iter().filter(|t| !bt.contains(t)) {
        out.push(Change {
            field: "cadence".into(),
            before: None,
            after: Some(t.clone()),
        });
    }
    let null = Value::Null;
    for mut c in field_changes(
        b.get("contact_hours").unwrap_or(&null),
        h.get("contact_hours").unwrap_or(&null),
    ) {
        c.field = format!("contact_hours.{}", c.field);
        out.push(c);
    }
    out
}

/// Pairs the playbooks of two versions by id (by path when a file has no id) and compares each.
pub fn compare_all(base: &[CheckedFile], head: &[CheckedFile]) -> Vec<PlaybookDiff> {
    let key = |f: &CheckedFile| {
        f.source
            .value
            .get("id")
            .and_then(Value::as_str)
            .map_or_else(|| f.source.display_path(), str::to_string)
    };
    let mut pairs: BTreeMap<String, (Option<&CheckedFile>, Option<&CheckedFile>)> = BTreeMap::new();
    for f in base {
        pairs.entry(key(f)).or_default().0 = Some(f);
    }
    for f in head {
        pairs.entry(key(f)).or_default().1 = Some(f);
    }
    pairs
        .into_iter()
        .map(|(id, (b, h))| compare(&id, b, h))
        .filter(|d| !d.is_empty() || d.base_file.is_none() || d.head_file.is_none())
        .collect()
}
