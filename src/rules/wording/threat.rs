use super::RuleText;
use crate::diagnostic::Severity;
use crate::rules::{Citation, Example, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "wording/threat",
    severity: Severity::Error,
    summary: "threatens violence, harm, an intimidating visit, or arrest, prison, police or criminal charges over a consumer debt",
    packs: &["en", "pt"],
    rationale: "Nobody goes to prison for an unpaid consumer debt: Brazil's Constitution rules out civil \
imprisonment for debt (only child support remains), and in the United States and the United Kingdom \
an unpaid bill is a civil matter. Saying or hinting otherwise (\"a warrant will be issued\", \"isso é caso \
de polícia\") is a false and frightening statement. Threats of violence, of people \"paying a visit\", or \
veiled menace (\"we know where you live\", \"vai se arrepender\") are forbidden outright and, in Brazil, \
are a crime under CDC art. 71.\n\n\
The engine reads these words however they are spelled (capitals, missing accents, SMS shorthand, \
look-alike letters) and stays quiet when a negation scopes them (\"não existe prisão por dívida\"), \
when the sentence warns the customer about impostors or tells a fraud victim to file a police \
report, when \"arrepender\" is the right of withdrawal, and when a visit is agreed with notice. \
This rule cannot be silenced: rewrite the sentence.",
    citations: &[
        Citation {
            pack: "us",
            text: "FDCPA 15 U.S.C. 1692d(1) (violence or criminal means), 1692e(4) (arrest or imprisonment), 1692e(7) (false implication of a crime); 12 CFR 1006.14, 1006.18(b)(3)",
        },
        Citation {
            pack: "br",
            text: "CF art. 5º LXVII and Súmula Vinculante 25 (no prison for debt); CDC art. 42 (no threat or constraint) and art. 71 (crime: threat, coercion); Código Penal art. 147",
        },
        Citation {
            pack: "uk",
            text: "Administration of Justice Act 1970 s.40(1)(a)-(b); FCA CONC 7.3 and PRIN 2A (Consumer Duty)",
        },
    ],
    examples: &[
        Example {
            lang: "en",
            fails: true,
            text: "If you don't pay by Friday, a warrant will be issued for your arrest.",
        },
        Example {
            lang: "en",
            fails: true,
            text: "We know where you live.",
        },
        Example {
            lang: "en",
            fails: false,
            text: "There is no such thing as prison for debt; we just want to help.",
        },
        Example {
            lang: "en",
            fails: false,
            text: "If you did not open this account, you may file a police report and send us a copy.",
        },
        Example {
            lang: "pt",
            fails: true,
            text: "VC VAI PRO XADREZ se nao pagar",
        },
        Example {
            lang: "pt",
            fails: true,
            text: "Isso já virou caso de polícia.",
        },
        Example {
            lang: "pt",
            fails: false,
            text: "Não existe prisão por dívida: vamos encontrar uma parcela possível.",
        },
        Example {
            lang: "pt",
            fails: false,
            text: "Você pode se arrepender da compra em até 7 dias.",
        },
    ],
    suppressible: false,
};

pub static TEXT: RuleText = RuleText {
    message: "threatens harm, arrest or criminal action over a consumer debt",
    label: "nobody is jailed or harmed over a consumer debt",
    help: "describe the real next step instead, e.g. \"If we can't agree on a plan, the account may be referred for review.\"",
    help_pt: "diga qual é o próximo passo real, por exemplo: \"Se não chegarmos a um acordo, a conta pode seguir para análise.\"",
};
