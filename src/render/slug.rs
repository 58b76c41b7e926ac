//! Safe HTML ids and file names for playbook and step ids.
//!
//! Ids come from the playbook author. The schema restricts them, but a guide may be built from a
//! playbook with errors (`--allow-errors`), so nothing written into an attribute or a path is
//! trusted: each id gets a slug of ASCII letters, digits and dashes, made unique by a counter.

use std::collections::{HashMap, HashSet};

/// Lowercase ASCII letters, digits and single dashes; never empty.
pub fn slugify(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    for c in raw.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    if out.is_empty() {
        out.push('x');
    }
    out
}

/// Unique slugs for a list of ids, given in a fixed order (so the mapping is deterministic).
#[derive(Debug, Default, Clone)]
pub struct Slugs {
    by_id: HashMap<String, String>,
    taken: HashSet<String>,
}

impl Slugs {
    pub fn new<'a>(ids: impl IntoIterator<Item = &'a str>) -> Self {
        let mut slugs = Self::default();
        for id in ids {
            slugs.add(id);
        }
        slugs
    }

    /// Assigns a slug to `id` (if it has none yet) and returns it.
    pub fn add(&mut self, id: &str) -> String {
        if let Some(existing) = self.by_id.get(id) {
            return existing.clone();
        }
        let base = slugify(id);
        let mut candidate = base.clone();
        let mut n = 2;
        while self.taken.contains(&candidate) {
            candidate = format!("{base}-{n}");
            n += 1;
        }
        self.taken.insert(candidate.clone());
        self.by_id.insert(id.to_string(), candidate.clone());
        candidate
    }

    /// The slug of an id added before; ids never added get a slug that cannot clash with
    /// assigned ones because it carries a reserved prefix.
    pub fn get(&self, id: &str) -> String {
        match self.by_id.get(id) {
            Some(slug) => slug.clone(),
            None => format!("missing-{}", slugify(id)),
        }
    }
}

/// One slug per position, handed out in order: equal ids get distinct slugs (`a`, `a-2`), so
/// nothing that shares an id is ever written over another.
#[derive(Debug, Default)]
pub struct DistinctSlugs {
    taken: HashSet<String>,
}

impl DistinctSlugs {
    /// The slug of the next position, whose id is `id`.
    pub fn next(&mut self, id: &str) -> String {
        let base = slugify(id);
        let mut candidate = base.clone();
        let mut n = 2;
        while !self.taken.insert(candidate.clone()) {
            candidate = format!("{base}-{n}");
            n += 1;
        }
        candidate
    }
}

/// The HTML id of a step's card.
pub fn step_anchor(slugs: &Slugs, step_id: &str) -> String {
    format!("step-{}", slugs.get(step_id))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_keep_safe_ids_and_clean_the_rest() {
        assert_eq!(slugify("wrong-party"), "wrong-party");
        assert_eq!(
            slugify("\"><script>alert(1)</script>"),
            "script-alert-1-script"
        );
        assert_eq!(slugify("../../etc"), "etc");
        assert_eq!(slugify("“”"), "x");
    }

    #[test]
    fn colliding_slugs_get_counters_in_order() {
        let slugs = Slugs::new(["a b", "a-b", "A_B", "a b"]);
        assert_eq!(slugs.get("a b"), "a-b");
        assert_eq!(slugs.get("a-b"), "a-b-2");
        assert_eq!(slugs.get("A_B"), "a-b-3");
        assert_eq!(slugs.get("nope"), "missing-nope");
    }

    #[test]
    fn equal_ids_get_distinct_slugs_by_position() {
        let mut slugs = DistinctSlugs::default();
        let handed: Vec<String> = ["plan", "plan", "Plan", "plan-2"]
            .into_iter()
            .map(|id| slugs.next(id))
            .collect();
        assert_eq!(handed, ["plan", "plan-2", "plan-3", "plan-2-2"]);
    }
}
