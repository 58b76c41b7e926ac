//! Texts as the customer receives them: placeholders replaced by the variables' example values.
//!
//! Used wherever the filled length or content matters (SMS segments, the guide's previews).

use crate::analysis::money;
use crate::model::{Jurisdiction, Playbook, ScalarValue, Variable, VariableKind};
use crate::rules::refs::placeholders;

/// How a playbook's messages write amounts: its currency (the offers', else the first
/// jurisdiction's) and its language's separators.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MoneyStyle {
    pub currency: String,
    pub portuguese: bool,
}

impl MoneyStyle {
    pub fn for_playbook(playbook: &Playbook) -> Self {
        let from_offers = playbook.offers.values().find_map(|o| o.currency.clone());
        let from_law = playbook.jurisdictions.first().map(|j| match j {
            Jurisdiction::Us => "USD".to_string(),
            Jurisdiction::Br => "BRL".to_string(),
            Jurisdiction::Uk => "GBP".to_string(),
        });
        Self {
            currency: from_offers.or(from_law).unwrap_or_default(),
            portuguese: playbook.locale.to_ascii_lowercase().starts_with("pt"),
        }
    }
}

/// How much longer than its template a filled text may grow.
pub const MAX_FILLED_EXTRA_BYTES: usize = 64 * 1024;

/// `text` as the customer receives it: every `{name}` replaced by its example, amounts written
/// with the playbook's currency and separators. A placeholder the text already prefixes with a
/// currency symbol (`R$ {valor}`) gets the number alone.
pub fn fill_for_customer(text: &str, playbook: &Playbook, style: &MoneyStyle) -> String {
    let mut filled = String::with_capacity(text.len() + 16);
    let mut copied_up_to = 0;
    for (name, range) in placeholders(text) {
        // Past this the text is far beyond any message limit already: the rest stays unfilled,
        // so ten thousand placeholders of a long example cannot cost gigabytes.
        if filled.len() > text.len() + MAX_FILLED_EXTRA_BYTES {
            break;
        }
        let Some(variable) = playbook.variables.get(name) else {
            continue;
        };
        let value = match (variable.kind, money_example(variable)) {
            (VariableKind::Money, Some(n)) => {
                let decimal = format!("{n:.2}");
                let before = text[..range.start].trim_end();
                let has_symbol = ["R$", "$", "£", "€", &style.currency]
                    .iter()
                    .any(|s| !s.is_empty() && before.ends_with(s));
                if has_symbol {
                    money::group_digits(&decimal, style.portuguese)
                } else {
                    money::with_currency(&style.currency, &decimal, style.portuguese)
                }
            }
            _ => match example_text(variable) {
                Some(v) => v,
                None => continue,
            },
        };
        filled.push_str(&text[copied_up_to..range.start]);
        filled.push_str(&value);
        copied_up_to = range.end;
    }
    filled.push_str(&text[copied_up_to..]);
    filled
}

/// How one variable's example is written into a text; None when it has no example.
pub fn example_text(variable: &Variable) -> Option<String> {
    let example = variable.example.as_ref()?;
    Some(match (variable.kind, money_example(variable)) {
        // Money is always shown with cents, the way a statement prints it.
        (VariableKind::Money, Some(n)) => format!("{n:.2}"),
        _ => example.to_string(),
    })
}

/// The example of a money variable as a number, whether it was written `1250` or `"1250.00"`.
fn money_example(variable: &Variable) -> Option<f64> {
    match variable.example.as_ref()? {
        ScalarValue::Number(n) => Some(*n),
        ScalarValue::Text(t) => t.trim().parse().ok(),
        ScalarValue::Bool(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn playbook(locale: &str, packs: &str) -> Playbook {
        let yaml = format!(
            "cordial: 1\nid: t\ntitle: T\nlocale: {locale}\njurisdictions: [{packs}]\nvariables:\n  valor: {{type: money, example: 1250}}\n  nome: {{type: text, example: Ana}}\n  data: {{type: date}}\nstart: s\nsteps:\n  s: {{outcome: paid}}\n"
        );
        serde_saphyr::from_str(&yaml).expect("parses")
    }

    #[test]
    fn amounts_are_written_as_the_customer_reads_them() {
        let pt = playbook("pt-BR", "br");
        let style = MoneyStyle::for_playbook(&pt);
        assert_eq!(
            fill_for_customer("{nome}, sua fatura de {valor}", &pt, &style),
            "Ana, sua fatura de R$ 1.250,00"
        );
        assert_eq!(
            fill_for_customer("fatura de R$ {valor}", &pt, &style),
            "fatura de R$ 1.250,00"
        );
        let en = playbook("en-US", "us");
        let style = MoneyStyle::for_playbook(&en);
        assert_eq!(
            fill_for_customer("{nome} owes {valor}", &en, &style),
            "Ana owes $1,250.00"
        );
    }

    #[test]
    fn unknown_and_example_less_placeholders_stay_as_written() {
        let pt = playbook("pt-BR", "br");
        let style = MoneyStyle::for_playbook(&pt);
        assert_eq!(
            fill_for_customer("{desconhecido} {data}", &pt, &style),
            "{desconhecido} {data}"
        );
        assert_eq!(
            fill_for_customer("Olá, tudo bem?", &pt, &style),
            "Olá, tudo bem?"
        );
        assert_eq!(fill_for_customer("", &pt, &style), "");
    }

    #[test]
    fn variable_examples_keep_cents() {
        let pt = playbook("pt-BR", "br");
        assert_eq!(
            example_text(&pt.variables["valor"]).as_deref(),
            Some("1250.00")
        );
    }
}
