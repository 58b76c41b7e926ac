//! Texts as the customer receives them: placeholders replaced by the variables' example values.
//!
//! Used wherever the filled length or content matters (SMS segments, the guide's previews).

use indexmap::IndexMap;

use crate::model::{ScalarValue, Variable, VariableKind};
use crate::rules::refs::placeholders;

/// How one variable's example is written into a text; None when it has no example.
pub fn example_text(variable: &Variable) -> Option<String> {
    let example = variable.example.as_ref()?;
    Some(match (variable.kind, example) {
        // Money is always shown with cents, the way a statement prints it.
        (VariableKind::Money, ScalarValue::Number(n)) => format!("{n:.2}"),
        (_, other) => other.to_string(),
    })
}

/// `text` with every `{name}` replaced by the example of variable `name`. Placeholders of
/// unknown variables, or of variables without an example, are left as written.
pub fn fill_examples(text: &str, variables: &IndexMap<String, Variable>) -> String {
    let mut filled = String::with_capacity(text.len());
    let mut copied_up_to = 0;
    for (name, range) in placeholders(text) {
        let Some(value) = variables.get(name).and_then(example_text) else {
            continue;
        };
        filled.push_str(&text[copied_up_to..range.start]);
        filled.push_str(&value);
        copied_up_to = range.end;
    }
    filled.push_str(&text[copied_up_to..]);
    filled
}

#[cfg(test)]
mod tests {
    use super::*;

    fn var(kind: VariableKind, example: Option<ScalarValue>) -> Variable {
        Variable {
            kind,
            example,
            description: None,
        }
    }

    fn variables() -> IndexMap<String, Variable> {
        IndexMap::from([
            (
                "first_name".to_string(),
                var(VariableKind::Text, Some(ScalarValue::Text("Ana".into()))),
            ),
            (
                "balance".to_string(),
                var(VariableKind::Money, Some(ScalarValue::Number(1250.0))),
            ),
            (
                "fee".to_string(),
                var(VariableKind::Money, Some(ScalarValue::Number(3.5))),
            ),
            (
                "count".to_string(),
                var(VariableKind::Number, Some(ScalarValue::Number(12.0))),
            ),
            ("due".to_string(), var(VariableKind::Date, None)),
        ])
    }

    #[test]
    fn replaces_known_placeholders_with_examples() {
        let text = "Hi {first_name}, your balance is ${balance} (fee {fee}) in {count}x.";
        assert_eq!(
            fill_examples(text, &variables()),
            "Hi Ana, your balance is $1250.00 (fee 3.50) in 12x."
        );
    }

    #[test]
    fn leaves_unknown_and_example_less_placeholders() {
        let text = "Due {due}; ref {ticket}; literal {{braces}}.";
        assert_eq!(fill_examples(text, &variables()), text);
    }

    #[test]
    fn no_placeholders_is_identity() {
        assert_eq!(
            fill_examples("Olá, tudo bem?", &variables()),
            "Olá, tudo bem?"
        );
        assert_eq!(fill_examples("", &variables()), "");
    }
}
