//! Files that look like playbooks but would not be checked as one.
//!
//! A folder scan checks only YAML files with a top-level `cordial:` key. A playbook whose format
//! key is misspelt (`cordail: 1`, `Cordial: 1`), or that was saved without it, would otherwise be
//! skipped and the run would pass with nothing checked. Such files are reported as playbooks
//! with an error instead, and the files that really are skipped are named.

use serde_json::Value;

use crate::diagnostic::{Finding, Location};
use crate::source::escape_pointer;

/// The format key every playbook starts with.
pub const FORMAT_KEY: &str = "cordial";

/// Whether `key` is a near miss of `cordial` (another case, a typo, stray spaces), not the key.
pub fn near_format_key(key: &str) -> bool {
    let folded = key.trim().to_lowercase();
    key != FORMAT_KEY
        && folded.chars().count() >= 5
        && strsim::damerau_levenshtein(&folded, FORMAT_KEY) <= 1
}

/// For a file that could not be parsed: does some line start with the format key or a near miss
/// of it, whatever the indentation (a tab on the first line is a syntax error, not a reason to skip).
pub fn mentions_format_key(text: &str) -> bool {
    text.lines().any(|line| {
        let line = line.trim_start_matches('\u{feff}').trim_start();
        line.split_once(':')
            .is_some_and(|(key, _)| key == FORMAT_KEY || near_format_key(key))
    })
}

/// The error for a parsed file without `cordial:` that looks like a playbook: a near miss of
/// the key, or `steps:` together with `start:`. None when it does not look like one.
pub fn near_miss(value: &Value) -> Option<Finding> {
    let object = value.as_object()?;
    if object.contains_key(FORMAT_KEY) {
        return None;
    }
    if let Some(key) = object.keys().find(|k| near_format_key(k)) {
        return Some(
            Finding::new(
                "schema/invalid",
                format!(
                    "`{key}` is not the format key `cordial`: this file looks like a playbook, but nothing in it was checked"
                ),
                Location::key(format!("/{}", escape_pointer(key))),
            )
            .label("did you mean `cordial`?")
            .help("write the format key exactly `cordial: 1` (lowercase) on the first line of the playbook"),
        );
    }
    if object.contains_key("steps") && object.contains_key("start") {
        return Some(
            Finding::new(
                "schema/invalid",
                "this file has `start:` and `steps:` like a playbook but no `cordial: 1` key, so nothing in it was checked",
                Location::key("/start"),
            )
            .label("a playbook's key, in a file without `cordial: 1`")
            .help("add `cordial: 1` as the first key of the playbook; if this file is not a playbook, rename its `start` or `steps` key"),
        );
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn near_misses_of_the_format_key() {
        for key in [
            "cordail", "Cordial", "CORDIAL", "cordal", "cordiall", " cordial",
        ] {
            assert!(near_format_key(key), "{key}");
        }
        for key in ["cordial", "coral", "steps", "title", "cord"] {
            assert!(!near_format_key(key), "{key}");
        }
    }

    #[test]
    fn a_tab_before_the_key_still_mentions_it() {
        assert!(mentions_format_key("\tcordial: 1\nid: x\n"));
        assert!(mentions_format_key("Cordial: 1\n"));
        assert!(!mentions_format_key("name: build\non: push\n"));
    }

    #[test]
    fn steps_with_start_look_like_a_playbook() {
        let value = serde_json::json!({"start": "a", "steps": {"a": {}}});
        assert!(near_miss(&value).is_some());
        let value = serde_json::json!({"steps": ["build"]});
        assert!(near_miss(&value).is_none());
    }
}
