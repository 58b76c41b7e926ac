use super::RuleText;
use crate::diagnostic::Severity;
use crate::rules::{Citation, Example, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "wording/false-authority",
    severity: Severity::Error,
    summary: "pretends to be, or to act for, a lawyer, court, police, credit bureau or government",
    packs: &["en", "pt"],
    rationale: "A collector must say who they are. Claiming to call from a court, the police, the \
tax office or the credit bureau, signing as \"legal department\" when no lawyer is involved, or \
headlining a letter \"FINAL SUMMONS\" or \"PODER JUDICIÁRIO\" borrows an authority the collector \
does not have, to frighten. A genuine law firm, or a creditor's real in-house counsel, may say so: \
document it with a `compliance.allow` entry that names who approved it. \"Notificação \
extrajudicial\" and \"Negocie pelo Serasa Limpa Nome\" are legitimate and do not fire.",
    citations: &[
        Citation {
            pack: "us",
            text: "FDCPA 15 U.S.C. 1692e(1), (3), (9), (13), (14); 12 CFR 1006.18(b)(1)(i)-(iii), (vii)-(viii)",
        },
        Citation {
            pack: "br",
            text: "CDC art. 71 (afirmações falsas, incorretas ou enganosas) and art. 6º III (adequate information)",
        },
        Citation {
            pack: "uk",
            text: "FCA CONC 7.11.1R-7.11.5G (misrepresented authority, official-looking documents); AJA 1970 s.40(1)(c)-(d)",
        },
    ],
    examples: &[
        Example {
            lang: "en",
            fails: true,
            text: "This is the legal department calling about your case.",
        },
        Example {
            lang: "en",
            fails: true,
            text: "I'm calling from the county court collections unit.",
        },
        Example {
            lang: "en",
            fails: false,
            text: "This is Sam from ABC Collections, calling on behalf of XYZ Bank.",
        },
        Example {
            lang: "pt",
            fails: true,
            text: "Aqui é da Serasa, estamos regularizando seu CPF.",
        },
        Example {
            lang: "pt",
            fails: true,
            text: "Falo em nome do fórum.",
        },
        Example {
            lang: "pt",
            fails: false,
            text: "Esta é uma notificação extrajudicial da Empresa X sobre o débito em aberto.",
        },
    ],
    suppressible: true,
};

pub static TEXT: RuleText = RuleText {
    message: "claims an authority the collector does not have",
    label: "an authority the collector does not have",
    help: "say who you are, e.g. \"This is Sam from ABC Collections, calling on behalf of XYZ Bank.\"",
    help_pt: "diga quem você é, por exemplo: \"Aqui é a Ana, da Cobranças ABC, em nome do Banco XYZ.\"",
};
