use super::RuleText;
use crate::diagnostic::Severity;
use crate::rules::{Citation, Example, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "wording/shaming",
    severity: Severity::Error,
    summary: "tells, or threatens to tell, family, employer, neighbours or the public about the debt",
    packs: &["en", "pt"],
    rationale: "A debt is a private matter between the customer and the creditor. Telling an \
employer, a relative, a neighbour or a doorman, posting on social media, or only threatening to, \
uses embarrassment as a weapon: it is forbidden in the United States (third-party communication, \
publication of lists), vexatory collection in Brazil, and a breach of the duty not to embarrass the \
customer publicly in the United Kingdom. Reporting to a credit bureau after the required notice is \
not shaming (see `wording/legal-action`), and neither is promising not to contact anyone else \
(\"we will never contact your employer\").\n\n\
This rule cannot be silenced: rewrite the sentence.",
    citations: &[
        Citation {
            pack: "us",
            text: "FDCPA 15 U.S.C. 1692c(b) (third parties), 1692b(2), 1692d(3) (lists), 1692f(7)-(8); 12 CFR 1006.6(d), 1006.22(f)",
        },
        Citation {
            pack: "br",
            text: "CDC art. 42 (no exposure to ridicule or constraint) and art. 71 (crime: exposing the consumer, interfering with work)",
        },
        Citation {
            pack: "uk",
            text: "FCA CONC 7.9.10R (not publicly embarrassing; third parties must not learn of the debt), 7.9.11G; AJA 1970 s.40(1)(a)",
        },
    ],
    examples: &[
        Example {
            lang: "en",
            fails: true,
            text: "If you don't call back, we'll contact your employer about this debt.",
        },
        Example {
            lang: "en",
            fails: true,
            text: "Your name will go on our public list of defaulters.",
        },
        Example {
            lang: "en",
            fails: false,
            text: "We will never contact your employer or your family about this account.",
        },
        Example {
            lang: "pt",
            fails: true,
            text: "Se não pagar, vamos ligar pro seu chefe.",
        },
        Example {
            lang: "pt",
            fails: true,
            text: "Deixa recado com o porteiro que é da cobrança.",
        },
        Example {
            lang: "pt",
            fails: false,
            text: "Não vamos ligar para o seu trabalho nem falar com sua família.",
        },
    ],
    suppressible: false,
};

pub static TEXT: RuleText = RuleText {
    message: "discloses, or threatens to disclose, the debt to other people",
    label: "the debt is a private matter",
    help: "talk about the account with the customer only, e.g. \"I'd like to find a plan that works for you.\"",
    help_pt: "fale da conta só com o próprio cliente, por exemplo: \"Quero encontrar um plano que funcione para você.\"",
};
