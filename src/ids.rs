//! Ids of steps, offers and templates are slugs (`[a-z0-9][a-z0-9-]*`, as the format says of
//! every id): they become anchors, file names and keys in `guide.json`, and an id written
//! `Step One` in one place and `step-one` in another is a typo no reader sees.

use serde_json::Value;

use crate::diagnostic::{Finding, Location};
use crate::source::escape_pointer;

/// The collections whose keys are ids, with the noun for messages.
const ID_MAPS: [(&str, &str); 3] = [
    ("steps", "step"),
    ("offers", "offer"),
    ("templates", "template"),
];

/// Whether `id` is a slug.
pub fn is_slug(id: &str) -> bool {
    let mut chars = id.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// The slug an author most likely meant: accents folded, case lowered, every other run of
/// characters a single dash (`Confirmação de Identidade` → `confirmacao-de-identidade`).
pub fn suggested_slug(id: &str) -> String {
    let folded = crate::analysis::fold::fold(id).text;
    let mut out = String::with_capacity(folded.len());
    for c in folded.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let trimmed = out.trim_end_matches('-');
    if trimmed.is_empty() {
        "id".to_string()
    } else {
        trimmed.to_string()
    }
}

/// A `schema/invalid` error for each id of a step, offer or template that is not a slug.
pub fn check(root: &Value) -> Vec<Finding> {
    let mut out = Vec::new();
    for (section, noun) in ID_MAPS {
        let Some(map) = root.get(section).and_then(Value::as_object) else {
            continue;
        };
        for id in map.keys().filter(|id| !is_slug(id)) {
            let slug = suggested_slug(id);
            let taken = map.contains_key(&slug);
            let help = if taken {
                format!(
                    "ids are lowercase letters, digits and dashes; `{slug}` is taken, so choose another, e.g. `{slug}-2`, and rename every reference to it"
                )
            } else {
                format!(
                    "rename it `{slug}` (lowercase letters, digits and dashes), and every reference to it"
                )
            };
            out.push(
                Finding::new(
                    "schema/invalid",
                    format!("{noun} id `{id}` is not a slug"),
                    Location::key(format!("/{section}/{}", escape_pointer(id))),
                )
                .label(format!("{} id must be a slug", crate::rules::article(noun)))
                .help(help),
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_with_spaces_or_capitals_get_the_slug_they_meant() {
        assert!(is_slug("greet-2"));
        assert!(!is_slug("Greet"));
        assert!(!is_slug("greet customer"));
        assert!(!is_slug("-greet"));
        assert_eq!(
            suggested_slug("Confirmação de Identidade"),
            "confirmacao-de-identidade"
        );
        assert_eq!(suggested_slug("Step_One!"), "step-one");
        let doc =
            serde_json::json!({"steps": {"Greet Customer": {}, "ok": {}}, "offers": {"Plan": {}}});
        let found = check(&doc);
        assert_eq!(found.len(), 2);
        assert!(
            found[0]
                .help
                .as_deref()
                .unwrap_or_default()
                .contains("`greet-customer`")
        );
    }
}
