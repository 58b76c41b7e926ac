use super::RuleText;
use crate::diagnostic::Severity;
use crate::rules::{Citation, Example, RuleMeta};

pub static META: RuleMeta = RuleMeta {
    code: "wording/pretext",
    severity: Severity::Error,
    summary: "a false reason to make the customer get in touch (parcel, prize, declined card, family emergency)",
    packs: &["en", "pt"],
    rationale: "A message that makes the customer call back about a parcel, a prize, a declined card \
or a family emergency, when the call is really about a debt, deceives them about why they are being \
contacted. The FCA gives the \"missed delivery\" card as its example of what not to do. A US \
limited-content voicemail (\"this is Robin from ABC, please call me\") omits the purpose on purpose \
and is lawful: it gives no false reason.",
    citations: &[
        Citation {
            pack: "us",
            text: "FDCPA 15 U.S.C. 1692e(10) (deceptive means), 1692f(5); 12 CFR 1006.2(j) (limited-content message)",
        },
        Citation {
            pack: "br",
            text: "CDC art. 71 (afirmações enganosas) and art. 6º III-IV",
        },
        Citation {
            pack: "uk",
            text: "FCA CONC 7.9.2R (no statement that makes the customer misunderstand why to get in touch) and 7.9.3G",
        },
    ],
    examples: &[
        Example {
            lang: "en",
            fails: true,
            text: "We have a parcel for you, call to rebook delivery.",
        },
        Example {
            lang: "en",
            fails: false,
            text: "Hi, this is Robin from ABC Inc., please call me back at 555-0100.",
        },
        Example {
            lang: "pt",
            fails: true,
            text: "Você foi sorteado, ligue para resgatar.",
        },
        Example {
            lang: "pt",
            fails: false,
            text: "Olá, aqui é a Ana da Empresa X. Por favor, retorne no 0800 000 0000.",
        },
    ],
    suppressible: true,
};

pub static TEXT: RuleText = RuleText {
    message: "gives a false reason to get in touch",
    label: "not the real reason for the contact",
    help: "say why you are writing, e.g. \"Please call us about your account with XYZ Bank.\"",
    help_pt: "diga por que está entrando em contato, por exemplo: \"Por favor, fale conosco sobre a sua conta no Banco XYZ.\"",
};
