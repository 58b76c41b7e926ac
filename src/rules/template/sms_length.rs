use crate::analysis::fill::{MoneyStyle, fill_for_customer};
use crate::analysis::sms::{SmsEncoding, measure, non_gsm_chars};
use crate::diagnostic::{Finding, Location, Severity};
use crate::model::Channel;
use crate::rules::{Check, Context, Example, RuleMeta};
use crate::source::pointer;

pub static META: RuleMeta = RuleMeta {
    code: "template/sms-length",
    severity: Severity::Warning,
    summary: "an SMS longer than one segment once example values are filled in",
    packs: &["core"],
    rationale: "An SMS over one segment is split by the network and billed per part; some \
phones show the parts out of order, and a reminder cut in two reads as spam. One segment holds \
160 characters of the GSM 7-bit alphabet, or only 70 when a single character outside it (most \
Portuguese accents such as `ç`, `ã`, `õ`, `á`, curly quotes, emoji) switches the whole message \
to UCS-2; split messages carry 153 or 67 per part. Characters such as `€`, `[`, `{` or `|` count \
twice in GSM-7.\n\n\
cordial measures each SMS template after replacing every placeholder by its variable's \
`example` (money with two decimals), so give realistic examples. When UCS-2 is the reason, the \
finding names the characters that forced it: replacing them is often enough.",
    citations: &[],
    examples: &[
        Example {
            lang: "yaml",
            fails: true,
            text: "lembrete:\n  channel: sms\n  text: \"Olá, {nome}! Sua fatura de R$ {valor} venceu em {vencimento}. Para evitar juros, regularize pelo link ou responda esta mensagem para negociarmos juntos uma condição.\"\n",
        },
        Example {
            lang: "yaml",
            fails: false,
            text: "lembrete:\n  channel: sms\n  text: \"Oi {nome}, sua fatura de R$ {valor} venceu em {vencimento}. Responda para negociar. SAIR p/ cancelar\"\n",
        },
    ],
    suppressible: true,
};

pub struct SmsLength;

impl Check for SmsLength {
    fn run(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let money_style = MoneyStyle::for_playbook(cx.playbook);
        for (id, template) in &cx.playbook.templates {
            if template.channel != Channel::Sms {
                continue;
            }
            let filled = fill_for_customer(&template.text, cx.playbook, &money_style);
            let length = measure(&filled);
            if length.segments <= 1 {
                continue;
            }
            let text_ptr = pointer(["templates", id, "text"]);
            let encoding = length.encoding;
            let limit = encoding.single_limit();
            let unit = if encoding == SmsEncoding::Gsm7 {
                "septets"
            } else {
                "UTF-16 units"
            };
            let message = format!(
                "SMS template `{id}` takes {} segments: {} {unit} ({}) with example values, one segment holds {limit}",
                length.segments,
                length.units,
                encoding.as_str()
            );
            // Point at the first character that forced UCS-2 when it is in the written text;
            // otherwise (plain GSM-7, or the character comes from an example) at the whole text.
            let forcing = non_gsm_chars(&template.text);
            let mut finding = match forcing.first() {
                Some((_, range)) if encoding == SmsEncoding::Ucs2 => {
                    Finding::new(META.code, message, Location::text(text_ptr, range.clone())).label(
                        format!("forces UCS-2, where one segment holds {limit} instead of 160"),
                    )
                }
                _ => Finding::new(META.code, message, Location::value(text_ptr)).label(format!(
                    "{} characters after filling examples",
                    length.chars
                )),
            };
            let help = if encoding == SmsEncoding::Ucs2 {
                let mut chars: Vec<char> =
                    non_gsm_chars(&filled).into_iter().map(|(c, _)| c).collect();
                chars.sort_unstable();
                chars.dedup();
                let listed: String = chars.iter().map(|c| format!("`{c}` ")).collect();
                let fits_gsm = length.chars <= SmsEncoding::Gsm7.single_limit();
                let hint = if fits_gsm {
                    "; without them it would fit in one GSM-7 segment"
                } else {
                    ""
                };
                format!(
                    "characters outside GSM-7 force UCS-2: {}{hint}; replace them or shorten the text",
                    listed.trim_end()
                )
            } else {
                format!(
                    "shorten the text to {limit} characters with example values filled in, or move details to a link"
                )
            };
            finding = finding.help(help);
            out.push(finding);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::run_check;

    fn playbook(text: &str) -> String {
        format!(
            "cordial: 1\nid: t\ntitle: T\nlocale: pt-BR\nvariables:\n  nome: {{type: text, example: Maria}}\n  valor: {{type: money, example: 1250}}\nstart: s\nsteps:\n  s: {{outcome: callback}}\ntemplates:\n  m: {{channel: sms, text: \"{text}\"}}\n"
        )
    }

    #[test]
    fn short_gsm_message_passes() {
        assert!(
            run_check(
                &SmsLength,
                &playbook("Oi {nome}, sua fatura de R$ {valor} venceu. Responda para negociar.")
            )
            .is_empty()
        );
    }

    #[test]
    fn accents_force_ucs2_and_are_named() {
        let text = "Olá {nome}, sua fatura de R$ {valor} está em aberto. Podemos negociar uma condição que caiba no seu orçamento.";
        let found = run_check(&SmsLength, &playbook(text));
        assert_eq!(found.len(), 1);
        let help = found[0].help.as_deref().unwrap_or_default();
        assert!(
            help.contains("`á`") && help.contains("`ç`") && help.contains("one GSM-7 segment"),
            "{help}"
        );
        assert_eq!(
            found[0].primary.location,
            Location::text("/templates/m/text", 2..4)
        );
    }

    #[test]
    fn long_gsm_message_counts_with_examples() {
        let text = format!("Hi {{nome}}, {}", "a".repeat(154));
        let found = run_check(&SmsLength, &playbook(&text));
        assert_eq!(found.len(), 1);
        assert!(
            found[0].message.contains("2 segments: 164 septets (GSM-7)"),
            "{}",
            found[0].message
        );
    }
}
