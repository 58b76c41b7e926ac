use std::sync::LazyLock;

use regex::Regex;

use crate::analysis::fold::fold;
use crate::diagnostic::{Finding, Location, Severity};
use crate::model::{Creditor, Jurisdiction};
use crate::rules::jurisdiction::params;
use crate::rules::refs::placeholders;
use crate::rules::{Check, Citation, Context, Example, RuleMeta};
use crate::source::pointer;

pub static META: RuleMeta = RuleMeta {
    code: "disclosure/creditor-identity",
    severity: Severity::Error,
    summary: "a collection template without the creditor's name and CNPJ",
    packs: &["br"],
    rationale: "In Brazil every collection document sent to a consumer must identify the \
supplier who is owed: its name and its CNPJ (or CPF). A message that only says \"Departamento de \
Cobrança\" or \"Assessoria XYZ\" leaves the consumer unable to tell whether the debt is real and \
whom to complain to.\n\n\
A template passes when it names the creditor and shows its tax id, either literally or through \
placeholders:\n\n\
- **name**: the playbook's `creditor.name` written in the text, or a placeholder whose name \
contains `creditor`, `credor`, `empresa`, `company`, `razao_social` or `fornecedor` \
(`{credor}`, `{company_name}`);\n\n\
- **CNPJ**: the playbook's `creditor.tax_id`, any CNPJ-shaped number (`12.345.678/0001-90`), or a \
placeholder whose name contains `cnpj` or `tax_id`.\n\n\
Every channel is reported at the catalogue's severity, an error: art. 42-A speaks of \
\"todos os documentos de cobrança\", and Procon guidance treats an SMS or WhatsApp message that \
asks for payment as one. A short message can carry both in a few characters (`{credor}, CNPJ \
{cnpj}:`), which `template/sms-length` counts like any other text.",
    citations: &[Citation {
        pack: "br",
        text: "CDC art. 42-A (Lei 12.039/2009): collection documents show the supplier's name, address and CPF or CNPJ",
    }],
    examples: &[
        Example {
            lang: "yaml",
            fails: true,
            text: "aviso:\n  channel: letter\n  text: \"Regularize seu débito: pague o boleto anexo.\"\n",
        },
        Example {
            lang: "yaml",
            fails: false,
            text: "aviso:\n  channel: letter\n  text: \"{credor} (CNPJ {cnpj}) informa: regularize seu débito pelo boleto anexo.\"\n",
        },
    ],
    suppressible: true,
};

const NAME_PLACEHOLDERS: &[&str] = &[
    "creditor",
    "credor",
    "empresa",
    "company",
    "razao_social",
    "fornecedor",
];
const TAX_ID_PLACEHOLDERS: &[&str] = &["cnpj", "tax_id"];

static CNPJ_SHAPE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b\d{2}\.?\d{3}\.?\d{3}/?\d{4}-?\d{2}\b").expect("CNPJ pattern"));

fn digits(text: &str) -> String {
    text.chars().filter(char::is_ascii_digit).collect()
}

fn has_placeholder(text: &str, fragments: &[&str]) -> bool {
    placeholders(text).any(|(name, _)| {
        let name = name.to_ascii_lowercase();
        fragments.iter().any(|f| name.contains(f))
    })
}

/// Whether `text` names the creditor, and whether it shows its tax id.
pub fn identifies(text: &str, creditor: Option<&Creditor>) -> (bool, bool) {
    let folded = fold(text).text;
    let named_literally = creditor.is_some_and(|c| {
        let name = fold(c.name.trim()).text;
        !name.is_empty() && folded.contains(&name)
    });
    let tax_id_literally = creditor
        .and_then(|c| c.tax_id.as_deref())
        .is_some_and(|id| {
            let id = digits(id);
            id.len() >= 8 && digits(text).contains(&id)
        });
    let name = named_literally || has_placeholder(text, NAME_PLACEHOLDERS);
    let tax_id =
        tax_id_literally || CNPJ_SHAPE.is_match(text) || has_placeholder(text, TAX_ID_PLACEHOLDERS);
    (name, tax_id)
}

pub struct CreditorIdentity;

impl Check for CreditorIdentity {
    fn run(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        if !cx.packs.has(Jurisdiction::Br) || !params(Jurisdiction::Br).creditor_identity {
            return;
        }
        let creditor = cx.playbook.creditor.as_ref();
        for (id, template) in &cx.playbook.templates {
            let whole = match &template.subject {
                Some(subject) => format!("{subject}\n{}", template.text),
                None => template.text.clone(),
            };
            let (name, tax_id) = identifies(&whole, creditor);
            if name && tax_id {
                continue;
            }
            let missing = match (name, tax_id) {
                (false, false) => "the creditor's name or CNPJ",
                (false, true) => "the creditor's name",
                _ => "the creditor's CNPJ",
            };
            let pt = crate::rules::speaks_portuguese(cx);
            let help = match creditor {
                Some(c) if pt => format!("escreva no texto o nome do credor (\"{}\") e o CNPJ, ou use campos como `{{credor}}` e `{{cnpj}}`", c.name),
                None if pt => "declare `creditor: {name: …, tax_id: …}` no início do roteiro e escreva os dois no texto, ou use campos como `{credor}` e `{cnpj}`".to_string(),
                Some(c) => format!("write the creditor's name (\"{}\") and CNPJ in the text, or use placeholders such as `{{credor}}` and `{{cnpj}}`", c.name),
                None => "declare `creditor: {name: …, tax_id: …}` at the top of the playbook and write both in the text, or use placeholders such as `{credor}` and `{cnpj}`".to_string(),
            };
            let finding = Finding::new(
                META.code,
                format!(
                    "{} template `{id}` does not show {missing}",
                    template.channel.as_str()
                ),
                Location::value(pointer(["templates", id, "text"])),
            )
            .label(format!("this message does not show {missing}"))
            .help(help)
            .note(META.citations[0].text);
            out.push(finding);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::run_check;

    fn playbook(channel: &str, text: &str) -> String {
        format!(
            "cordial: 1\nid: t\ntitle: T\nlocale: pt-BR\njurisdictions: [br]\ncreditor: {{name: Loja Exemplo, tax_id: \"12.345.678/0001-90\"}}\nstart: s\nsteps:\n  s: {{outcome: callback}}\ntemplates:\n  m: {{channel: {channel}, text: \"{text}\"}}\n"
        )
    }

    #[test]
    fn literal_or_placeholder_identification_passes() {
        assert!(
            run_check(
                &CreditorIdentity,
                &playbook(
                    "letter",
                    "Loja Exemplo, CNPJ 12.345.678/0001-90: regularize."
                )
            )
            .is_empty()
        );
        assert!(
            run_check(
                &CreditorIdentity,
                &playbook("letter", "{credor} (CNPJ {cnpj}) informa.")
            )
            .is_empty()
        );
        assert!(
            run_check(
                &CreditorIdentity,
                &playbook("email", "{company_name}, 12345678000190.")
            )
            .is_empty()
        );
    }

    #[test]
    fn missing_identification_fails_every_channel() {
        let letter = run_check(
            &CreditorIdentity,
            &playbook("letter", "Pague o boleto anexo."),
        );
        assert_eq!(letter.len(), 1);
        assert_eq!(letter[0].severity, Severity::Error);
        assert!(letter[0].message.contains("name or CNPJ"));
        assert_eq!(
            letter[0].primary.message.as_deref(),
            Some("this message does not show the creditor's name or CNPJ")
        );
        let sms = run_check(
            &CreditorIdentity,
            &playbook("sms", "Loja Exemplo: pague hoje."),
        );
        assert_eq!(sms[0].severity, Severity::Error);
        assert!(sms[0].message.contains("CNPJ"));
    }
}
