use super::RuleText;
use crate::diagnostic::Severity;
use crate::rules::{Citation, Example, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "wording/abuse",
    severity: Severity::Error,
    summary: "insults, profanity or humiliating labels (\"deadbeat\", \"caloteiro\", \"mau pagador\")",
    packs: &["en", "pt"],
    rationale: "A customer who is behind on payments is still a customer. Name-calling, profanity and \
labels that humiliate (\"deadbeat\", \"freeloader\", \"caloteiro\", \"vagabundo\", \"171\") are \
abusive under every regime cordial knows, they poison the conversation, and in Brazil exposing the \
consumer to ridicule is a crime (CDC art. 71). Neutral legal terms stay allowed: \"cadastro de \
inadimplentes\" is the name of a register, not an insult; warnings about *golpistas* who impersonate \
the company are advice, not abuse.\n\n\
This rule cannot be silenced: rewrite the sentence.",
    citations: &[
        Citation {
            pack: "us",
            text: "FDCPA 15 U.S.C. 1692d(2) (obscene or profane language, abuse); 12 CFR 1006.14",
        },
        Citation {
            pack: "br",
            text: "CDC art. 42 (no exposure to ridicule) and art. 71 (crime: exposing the consumer to ridicule)",
        },
        Citation {
            pack: "uk",
            text: "Administration of Justice Act 1970 s.40(1)(a) (humiliation); FCA CONC 7.3 and PRIN 2A",
        },
    ],
    examples: &[
        Example {
            lang: "en",
            fails: true,
            text: "Listen, you deadbeat, pay what you owe.",
        },
        Example {
            lang: "en",
            fails: true,
            text: "People like you are why prices go up.",
        },
        Example {
            lang: "en",
            fails: false,
            text: "Beware of scammers who pretend to be us: we never ask for your password.",
        },
        Example {
            lang: "pt",
            fails: true,
            text: "Seu caloteiro, paga o que deve.",
        },
        Example {
            lang: "pt",
            fails: true,
            text: "Você é um mau pagador, todo mundo sabe.",
        },
        Example {
            lang: "pt",
            fails: false,
            text: "Cuidado com golpistas: nunca pedimos sua senha.",
        },
    ],
    suppressible: false,
};

pub static TEXT: RuleText = RuleText {
    message: "insults or humiliates the customer",
    label: "insulting or humiliating",
    help: "address the customer by name and talk about the account, e.g. \"Mr Jones, about your account…\"",
    help_pt: "chame o cliente pelo nome e fale da conta, por exemplo: \"Sr. Silva, sobre a sua conta…\"",
};
