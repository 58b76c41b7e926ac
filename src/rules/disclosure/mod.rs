//! Disclosures: who may hear about the debt, and what the customer must be told first.

pub mod creditor_identity;
pub mod identity_first;
pub mod mini_miranda;
pub mod opt_out;

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use crate::analysis::fold::fold;
use crate::diagnostic::Location;
use crate::model::{Playbook, Step, VariableKind};
use crate::rules::refs::placeholders;
use crate::source::pointer;

/// Built-in facts the packs know.
pub const IDENTITY_VERIFIED: &str = "identity-verified";
pub const MINI_MIRANDA: &str = "mini-miranda";
pub const DEBT_DETAILS_DISCLOSED: &str = "debt-details-disclosed";
pub const TERMS_DISCLOSED: &str = "terms-disclosed";

/// One place where a step gives away details of the debt.
pub struct DebtDetail {
    pub at: Location,
    /// What it is, for the label: "the amount `{amount_due}`", "offer `installments`".
    pub what: String,
}

/// The debt details a step gives: `money` placeholders in what the agent says, offers it
/// presents, and a declared `debt-details-disclosed`. In that order, so the first is the words.
pub fn debt_details(playbook: &Playbook, id: &str, step: &Step) -> Vec<DebtDetail> {
    let mut details = Vec::new();
    for (i, line) in step.say.iter().enumerate() {
        for (name, range) in placeholders(line) {
            if playbook
                .variables
                .get(name)
                .is_some_and(|v| v.kind == VariableKind::Money)
            {
                details.push(DebtDetail {
                    at: Location::text(pointer(["steps", id, "say", &i.to_string()]), range),
                    what: format!("the amount `{{{name}}}`"),
                });
            }
        }
    }
    for (i, line) in step.say.iter().enumerate() {
        let at = |range| Location::text(pointer(["steps", id, "say", &i.to_string()]), range);
        for range in literal_amounts(line) {
            details.push(DebtDetail {
                what: format!("the amount \"{}\"", &line[range.clone()]),
                at: at(range),
            });
        }
        if let Some(range) = first_account_word(line) {
            details.push(DebtDetail {
                what: format!("the words \"{}\"", &line[range.clone()]),
                at: at(range),
            });
        }
    }
    for (i, offer) in step.offers.iter().enumerate() {
        details.push(DebtDetail {
            at: Location::value(pointer(["steps", id, "offers", &i.to_string()])),
            what: format!("offer `{offer}`"),
        });
    }
    if let Some(i) = step
        .establishes
        .iter()
        .position(|f| f == DEBT_DETAILS_DISCLOSED)
    {
        details.push(DebtDetail {
            at: Location::value(pointer(["steps", id, "establishes", &i.to_string()])),
            what: format!("`{DEBT_DETAILS_DISCLOSED}`"),
        });
    }
    details
}

/// Amounts written out with a currency: `$312.40`, `R$ 312,40`, `£80`, `312.40 USD`, `50 reais`.
/// Compiles the disclosure patterns, for [`crate::rules::warm_ups`].
pub fn warm_up() {
    for pattern in [
        &LITERAL_AMOUNT,
        &ACCOUNT_WORDS,
        &DEBT_WORDS,
        &COLLECTOR,
        &ATTEMPT,
        &PURPOSE,
    ] {
        LazyLock::force(pattern);
    }
}

static LITERAL_AMOUNT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?:R\$|US\$|\$|£|€)\s?\d[\d.,]*\d|(?:R\$|US\$|\$|£|€)\s?\d|\b\d[\d.,]*\s?(?:USD|BRL|GBP|EUR|reais|dollars|pounds)\b",
    )
    .expect("literal amount pattern")
});

/// The currency amounts written literally in `text` (placeholders are not amounts).
pub fn literal_amounts(text: &str) -> Vec<Range<usize>> {
    LITERAL_AMOUNT.find_iter(text).map(|m| m.range()).collect()
}

/// Words that say the customer's account is in arrears (EN and PT, folded). Narrower than
/// [`first_debt_word`]: "debt" and "payment" alone also occur in the collector's own
/// introduction and in neutral questions, these do not.
static ACCOUNT_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\b(?:overdue|past[-\s]due|arrears|outstanding\s+balance|balance\s+(?:due|owed|of)|you\s+owe|em\s+atraso|atrasad[oa]s?|saldo\s+devedor|(?:sua|a)\s+divida|debito\s+em\s+aberto|inadimplen\w*)\b",
    )
    .expect("account words pattern")
});

/// The byte range of the first words in `text` saying the account is in arrears, if any.
pub fn first_account_word(text: &str) -> Option<Range<usize>> {
    let folded = fold(text);
    ACCOUNT_WORDS
        .find(&folded.text)
        .map(|m| folded.original(m.range()))
}

/// Words that speak about the debt itself (EN and PT, folded).
static DEBT_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\b(?:debts?|balance|past[-\s]due|overdue|owed?|owes|owing|amount\s+due|arrears|payments?|divida|dividas|debitos?|saldo|em\s+atraso|atrasad[oa]s?|parcelas?|pagamentos?|boleto|pendencias?)\b",
    )
    .expect("debt words pattern")
});

/// The byte range of the first word in `text` that speaks about the debt, if any. "Debt
/// collector" and "debt collection" name who is calling, not the debt, and do not count.
pub fn first_debt_word(text: &str) -> Option<Range<usize>> {
    let folded = fold(text);
    DEBT_WORDS.find_iter(&folded.text).find_map(|m| {
        let after = folded.text[m.end()..].trim_start();
        let names_the_caller = m.as_str().starts_with("debt") && after.starts_with("collect");
        (!names_the_caller).then(|| folded.original(m.range()))
    })
}

/// The three elements of the debt-collector disclosure (FDCPA §1692e(11)) found in a text.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct MirandaElements {
    /// "…is a debt collector" / "empresa de cobrança".
    pub collector: bool,
    /// "…attempting to collect a debt" / "tentativa de cobrança de dívida".
    pub attempt: bool,
    /// "…information obtained will be used for that purpose" / "…será usada para esse fim".
    pub purpose: bool,
}

impl MirandaElements {
    pub fn complete(self) -> bool {
        self.collector && self.attempt && self.purpose
    }
    pub fn merge(self, other: Self) -> Self {
        Self {
            collector: self.collector || other.collector,
            attempt: self.attempt || other.attempt,
            purpose: self.purpose || other.purpose,
        }
    }
    /// The missing elements, in words.
    pub fn missing(self) -> Vec<&'static str> {
        let mut missing = Vec::new();
        if !self.collector {
            missing.push("that this is a debt collector");
        }
        if !self.attempt {
            missing.push("that this is an attempt to collect a debt");
        }
        if !self.purpose {
            missing.push("that any information obtained will be used for that purpose");
        }
        missing
    }
}

// The three elements are read by meaning, not word for word: the statute's sentence ("this is
// an attempt to collect a debt and any information obtained will be used for that purpose"),
// the CFPB's model notice ("We are trying to collect a debt that you owe to … We will use any
// information you give us to help collect the debt.") and faithful paraphrases all state them.
// Each pattern stays inside one sentence (`[^.!?]`), so words from different sentences never
// combine into an element.

/// Who speaks: a debt collector, a collection agency.
static COLLECTOR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\bdebt\s+collect(?:or|ors|ion\s+agency|ion\s+company|ion\s+firm)\b|\bcollections?\s+agency\b|\b(?:empresa|agencia|assessoria|escritorio)\s+de\s+cobrancas?\b|\bcobrador(?:a|es)?\s+de\s+dividas?\b")
        .expect("collector pattern")
});
/// What the message is: an attempt to collect a debt.
static ATTEMPT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:attempt(?:ing|s)?|trying|tries|seek(?:ing|s)?|effort|endeavou?r(?:ing|s)?)\s+to\s+collect\s+(?:on\s+)?(?:a|an|the|this|that|your)?\s*(?:outstanding\s+|unpaid\s+|past[-\s]due\s+)?(?:debts?|account|balance)\b|\b(?:we\s+are|we're|i\s+am|i'm|is|are)\s+collecting\s+(?:a|the|this|that|your)\s+(?:debt|account|balance)\b|\bfor\s+the\s+purpose\s+of\s+collecting\s+(?:a|the|this|your)\s+debt\b|\btentativa\s+de\s+(?:cobranca|cobrar|receber)\s+(?:de\s+)?(?:uma\s+|a\s+|esta\s+|sua\s+)?divida\b|\b(?:tentando|buscando|procurando)\s+(?:cobrar|receber)\s+(?:uma|a|esta|sua)\s+divida\b|\b(?:estamos|esta)\s+cobrando\s+(?:uma|a|esta|sua)\s+divida\b")
        .expect("attempt pattern")
});
/// What happens to what the consumer says: it is used to collect the debt.
static PURPOSE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\binformation\b[^.!?]{0,80}?\b(?:will|may|shall|can|is\s+going\s+to)\s+be\s+used\s+(?:for\s+(?:that|this|such|the\s+same)\s+purpose|(?:to\s+(?:help\s+)?|in\s+)?collect(?:ing|ion\s+of)?\s+(?:the|this|that|a|your)\s+debt|for\s+(?:debt\s+)?collection(?:\s+purposes)?|for\s+the\s+purpose\s+of\s+collecting)\b|\b(?:we|i)\s+(?:will|may|can|shall)\s+use\s+(?:any|all|the|what)?\s*(?:information|you\s+tell\s+us)\b[^.!?]{0,60}?\b(?:collect(?:ing|ion\s+of)?\s+(?:the|this|that|a|your)\s+debt|for\s+(?:that|this|such)\s+purpose|for\s+(?:debt\s+)?collection)\b|\binformac(?:ao|oes)\b[^.!?]{0,80}?\b(?:sera|serao|podera|poderao|vai|vao)\s+(?:ser\s+)?(?:usadas?|utilizadas?)\s+(?:para\s+(?:esse|este|tal|essa|esta)\s+(?:fim|finalidade)|(?:para|na)\s+(?:a\s+)?(?:cobranca|cobrar)(?:\s+(?:da|desta|dessa)\s+divida)?)\b|\b(?:usaremos|utilizaremos|vamos\s+usar|vamos\s+utilizar)\s+(?:qualquer|toda|a|as)?\s*informac(?:ao|oes)\b[^.!?]{0,60}?\bcobr")
        .expect("purpose pattern")
});

/// Which disclosure elements `text` states. A negated statement ("this is not an attempt to
/// collect a debt", used in bankruptcy notices) does not count.
pub fn miranda_elements(text: &str) -> MirandaElements {
    let folded = fold(text);
    let stated = |re: &Regex| {
        re.find_iter(&folded.text).any(|m| {
            let start = m.start().saturating_sub(12);
            let start = (0..=start)
                .rev()
                .find(|&i| folded.text.is_char_boundary(i))
                .unwrap_or(0);
            let before = &folded.text[start..m.start()];
            !(before.contains("not ") || before.contains("nao e ") || before.ends_with("no "))
        })
    };
    MirandaElements {
        collector: stated(&COLLECTOR),
        attempt: stated(&ATTEMPT),
        purpose: stated(&PURPOSE),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_disclosure_in_english_and_portuguese() {
        let en = "This is Sam from ABC Recovery, a debt collector. This is an attempt to collect a debt, and any information obtained will be used for that purpose.";
        assert!(miranda_elements(en).complete());
        let pt = "Somos uma empresa de cobrança. Esta é uma tentativa de cobrança de dívida e qualquer informação obtida será usada para esse fim.";
        assert!(miranda_elements(pt).complete());
    }

    #[test]
    fn model_notice_wording_and_paraphrases_are_the_disclosure() {
        for text in [
            "ABC Recovery is a debt collector. We are trying to collect a debt that you owe to Acme Bank. We will use any information you give us to help collect the debt.",
            "We are a debt collector seeking to collect this debt; anything you tell us, any information, will be used to collect the debt.",
            "I'm with a collection agency. We are collecting a debt, and information you provide may be used for that purpose.",
            "Esta é uma empresa de cobrança. Estamos cobrando uma dívida e as informações fornecidas serão usadas para a cobrança.",
        ] {
            assert!(miranda_elements(text).complete(), "{text}");
        }
        // Elements split over two sentences do not combine into one.
        let e = miranda_elements("We use information. We collect the debt for Acme.");
        assert!(!e.purpose);
    }

    #[test]
    fn negated_or_partial_disclosures() {
        let e = miranda_elements("This is not an attempt to collect a debt.");
        assert!(!e.attempt);
        let e = miranda_elements("This message is from a debt collector.");
        assert!(e.collector && !e.attempt && !e.purpose);
        assert_eq!(e.missing().len(), 2);
    }

    #[test]
    fn literal_amounts_and_arrears_words_are_debt_details() {
        let en = "Calling about the overdue balance of $312.40.";
        let amounts: Vec<&str> = literal_amounts(en).into_iter().map(|r| &en[r]).collect();
        assert_eq!(amounts, ["$312.40"]);
        assert_eq!(&en[first_account_word(en).expect("words")], "overdue");
        let pt = "Sua conta de água em atraso de R$ 312,40.";
        let amounts: Vec<&str> = literal_amounts(pt).into_iter().map(|r| &pt[r]).collect();
        assert_eq!(amounts, ["R$ 312,40"]);
        assert_eq!(&pt[first_account_word(pt).expect("words")], "em atraso");
        assert!(literal_amounts("Hello {customer_name}, this is Sam from ABC.").is_empty());
        assert!(first_account_word("This is an attempt to collect a debt.").is_none());
    }

    #[test]
    fn debt_words_skip_the_collector_name() {
        let text = "I'm a debt collector calling about your past-due balance.";
        let range = first_debt_word(text).expect("a debt word");
        assert_eq!(&text[range], "past-due");
        assert!(first_debt_word("Hello, may I speak with Jordan?").is_none());
        let pt = "Olá! Sua dívida está em aberto.";
        assert_eq!(&pt[first_debt_word(pt).expect("pt word")], "dívida");
    }
}
