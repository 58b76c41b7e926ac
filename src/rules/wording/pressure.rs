use super::RuleText;
use crate::diagnostic::Severity;
use crate::rules::{Citation, Example, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "wording/pressure",
    severity: Severity::Error,
    summary: "false urgency, pressure to pay in one go, or to borrow or sell to pay",
    packs: &["en", "pt"],
    rationale: "An offer that \"expires when we hang up\", a demand for the whole balance today, or \
advice to take a payday loan, a *consignado*, a cash advance or to sell belongings pushes the customer \
into a decision they may not afford, and often into more debt. The FCA lists these practices by \
name; Brazil's over-indebtedness law forbids pressuring a consumer into credit, especially the \
elderly and the vulnerable. True, reasonable deadlines are fine (\"proposta válida até 15/08\"), and so \
is offering a choice (\"pay in full or choose an instalment plan\").",
    citations: &[
        Citation {
            pack: "us",
            text: "CFPA 12 U.S.C. 5531(d) (abusive practices); FDCPA 15 U.S.C. 1692f; 1692g(b) (overshadowing the validation period)",
        },
        Citation {
            pack: "br",
            text: "CDC art. 54-C IV (Lei 14.181/2021: no pressure to contract credit), art. 39 IV (exploiting weakness), art. 6º IV (coercive methods)",
        },
        Citation {
            pack: "uk",
            text: "FCA CONC 7.3.10R(1)-(3) (single or very few repayments, unreasonably short periods, borrowing or selling property to pay)",
        },
    ],
    examples: &[
        Example {
            lang: "en",
            fails: true,
            text: "This offer expires when we hang up.",
        },
        Example {
            lang: "en",
            fails: true,
            text: "Can't you just put it on a credit card?",
        },
        Example {
            lang: "en",
            fails: false,
            text: "You can pay in full or choose an instalment plan; the offer stays open for 5 days.",
        },
        Example {
            lang: "pt",
            fails: true,
            text: "Pega um empréstimo e quita hoje.",
        },
        Example {
            lang: "pt",
            fails: true,
            text: "Essa proposta só vale até o fim desta ligação.",
        },
        Example {
            lang: "pt",
            fails: false,
            text: "Proposta válida até 15/08, pode pensar com calma.",
        },
    ],
    suppressible: true,
};

pub static TEXT: RuleText = RuleText {
    message: "pressures the customer with false urgency or to borrow or sell",
    label: "false urgency, or pressure to borrow or sell",
    help: "give a real deadline and a choice, e.g. \"This offer stays open until {offer_deadline}; take the time you need.\"",
    help_pt: "dê um prazo real e uma escolha, por exemplo: \"Esta proposta vale até {prazo_proposta}; pense com calma.\"",
};
