//! `ref/malformed-placeholder`: `{nome cliente}` or `{{nome_cliente}}` would be sent as written.

use std::sync::LazyLock;

use regex::Regex;

use super::placeholder_texts;
use crate::diagnostic::{Finding, Location, Severity};
use crate::rules::{Check, Context, Example, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "ref/malformed-placeholder",
    severity: Severity::Warning,
    summary: "braces that look like a placeholder but are not one: `{nome cliente}`, `{{name}}`",
    packs: &["core"],
    rationale: "A placeholder is `{name}`: letters, digits and underscores between single braces. \
`{nome cliente}` (a space), `{nome-cliente}` or `{{nome_cliente}}` (another template language's \
doubled braces) are not filled in, and the customer would receive the braces as written.",
    citations: &[],
    examples: &[
        Example {
            lang: "yaml",
            fails: true,
            text: "steps:\n  greet: {say: [\"Olá, {nome cliente}!\"], outcome: callback}\n",
        },
        Example {
            lang: "yaml",
            fails: false,
            text: "steps:\n  greet: {say: [\"Olá, {nome_cliente}!\"], outcome: callback}\n",
        },
    ],
    suppressible: true,
};

/// Doubled braces around a name, or single braces around words that are not a name.
static MALFORMED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\{\{\s*[\w.\- ]+?\s*\}\}|\{[^{}\s][^{}]*[\s\-.][^{}]*\}")
        .expect("malformed placeholder pattern")
});

pub struct MalformedPlaceholder;

impl Check for MalformedPlaceholder {
    fn run(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for (at, text) in placeholder_texts(cx) {
            for m in MALFORMED.find_iter(text) {
                let inner: String = m
                    .as_str()
                    .trim_matches(['{', '}'])
                    .trim()
                    .chars()
                    .map(|c| if c.is_alphanumeric() { c } else { '_' })
                    .collect();
                out.push(
                    Finding::new(
                        META.code,
                        format!("`{}` is not a placeholder and would be sent as written", m.as_str()),
                        Location::text(at.clone(), m.range()),
                    )
                    .label("not filled in")
                    .help(format!("write `{{{inner}}}`: one pair of braces around letters, digits and underscores")),
                );
            }
        }
    }
}
