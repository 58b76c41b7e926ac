use super::RuleText;
use crate::diagnostic::Severity;
use crate::rules::{Citation, Example, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "wording/false-consequence",
    severity: Severity::Error,
    summary: "states an untrue consequence (\"your name stays dirty forever\", \"CPF will be cancelled\", \"never get credit again\")",
    packs: &["en", "pt"],
    rationale: "Consequences must be stated as they are. Negative information leaves a Brazilian \
credit register after at most five years, and a US credit file after seven; a CPF, a passport or a \
driving licence is not cancelled for a private debt; nobody is deported, loses their job or passes \
the debt to their children because of an unpaid bill; a balance does not double overnight. Saying \
otherwise misleads the customer about the debt's legal status. True statements stay allowed: \"a \
anotação pode permanecer por até 5 anos\", \"interest keeps accruing at the contract rate\".",
    citations: &[
        Citation {
            pack: "us",
            text: "FDCPA 15 U.S.C. 1692e(2)(A), (8), (10); 12 CFR 1006.18(b)(2)(i); CFPB Bulletins 2013-07 and 2013-08",
        },
        Citation {
            pack: "br",
            text: "CDC art. 43 §1 (five years at most) and §5, Súmula 323/STJ; CDC art. 71 and art. 6º III",
        },
        Citation {
            pack: "uk",
            text: "FCA CONC 7.11 and CONC 3.3.1R (clear, fair and not misleading)",
        },
    ],
    examples: &[
        Example {
            lang: "en",
            fails: true,
            text: "This will stay on your credit report forever.",
        },
        Example {
            lang: "en",
            fails: true,
            text: "You'll never get a mortgage until this is paid.",
        },
        Example {
            lang: "en",
            fails: false,
            text: "Negative information is removed from your credit file after 7 years.",
        },
        Example {
            lang: "pt",
            fails: true,
            text: "Seu CPF vai ser cancelado.",
        },
        Example {
            lang: "pt",
            fails: true,
            text: "Você nunca mais vai conseguir crédito em lugar nenhum.",
        },
        Example {
            lang: "pt",
            fails: false,
            text: "A anotação pode permanecer por até 5 anos.",
        },
    ],
    suppressible: true,
};

pub static TEXT: RuleText = RuleText {
    message: "states a consequence that is not true",
    label: "this is not what happens",
    help: "say what really happens, e.g. \"Negative information is removed after 7 years.\"",
    help_pt: "diga o que realmente acontece, por exemplo: \"A anotação negativa é retirada depois de 5 anos.\"",
};
