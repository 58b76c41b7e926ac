//! The promises a text makes about an offer, read from English and Portuguese wording.
//!
//! "20% off", "até 12x sem juros", "no fees", "válida por 5 dias": each claim is extracted with
//! the byte range of its words in the original text, so `terms/claim-mismatch` can compare it
//! with the offers the playbook declares and point at the words. Patterns run on folded text
//! (lowercase, no accents) and tolerate informal spellings (`12X`, `ate 12 parcelas`,
//! `20%OFF`). Amounts of money, dates and overdue counts ("3 parcelas em atraso") are not claims.

use std::ops::Range;
use std::str::FromStr;
use std::sync::LazyLock;

use regex::{Captures, Regex, RegexSet};
use rust_decimal::Decimal;

use super::fold::{Folded, fold};

/// What a claim says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClaimKind {
    /// A discount of this many percent ("20% off", "até 20% de desconto").
    DiscountPct(Decimal),
    /// Payment in this many installments ("12x", "up to 12 payments").
    Installments(u32),
    /// No interest is charged ("interest-free", "sem juros", "0% interest").
    InterestFree,
    /// This monthly interest rate, in percent ("1.99% a.m.", "1.5% interest per month").
    MonthlyInterestPct(Decimal),
    /// No fees are charged ("no fees", "sem taxas").
    NoFees,
    /// The offer stays valid this many days ("valid for 5 days", "nos próximos 5 dias").
    ValidDays(u32),
}

impl ClaimKind {
    /// The claim in words, for messages.
    pub fn describe(&self) -> String {
        match self {
            Self::DiscountPct(p) => {
                // Said aloud: "an 8% discount", "an 18% discount", "a 20% discount".
                let text = p.to_string();
                let whole = text.split('.').next().unwrap_or_default();
                let vowel = whole.starts_with('8')
                    || (whole.len() == 2 && (whole == "11" || whole == "18"));
                format!("{} {text}% discount", if vowel { "an" } else { "a" })
            }
            Self::Installments(n) => format!("{n} installments"),
            Self::InterestFree => "no interest".to_string(),
            Self::MonthlyInterestPct(p) => format!("{p}% interest a month"),
            Self::NoFees => "no fees".to_string(),
            Self::ValidDays(d) => format!("validity of {d} days"),
        }
    }
}

/// One claim and where its words are in the original text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claim {
    pub kind: ClaimKind,
    pub range: Range<usize>,
}

#[derive(Clone, Copy)]
enum Shape {
    Discount,
    Installments,
    InterestFree,
    Rate,
    NoFees,
    /// "valid for 5 days", "válida por 5 dias": says by itself that something stays valid.
    Valid,
    /// "within 5 days", "nos próximos 5 dias": a period, an offer's validity only when the
    /// sentence speaks about an offer.
    Within,
}

/// A percentage: `20`, `1.5`, `1,99`.
const PCT: &str = r"(?P<n>\d{1,3}(?:[.,]\d{1,2})?)\s*%";
/// Words that say "per month" after a rate.
const MONTHLY: &str =
    r"(?:per\s+month|a\s+month|each\s+month|monthly|ao\s+mes|a\.\s?m\.|por\s+mes|mensais)";
/// Words for an installment.
const INSTALLMENT: &str = r"(?:payments|installments|instalments|parcelas|prestacoes|vezes)";

static PATTERNS: LazyLock<Vec<(Regex, Shape)>> = LazyLock::new(|| {
    let sources: Vec<(String, Shape)> = vec![
        (format!(r"(?:\bup\s+to\s+|\bate\s+)?{PCT}\s*(?:off\b|discount\b|de\s+desconto\b|desconto\b|de\s+abatimento\b)"), Shape::Discount),
        (format!(r"\b(?:discount|desconto|abatimento)\s+(?:of\s+|de\s+)?(?:up\s+to\s+|ate\s+)?{PCT}"), Shape::Discount),
        (format!(r"\b(?:save|economize|economia\s+de)\s+(?:up\s+to\s+|ate\s+)?{PCT}"), Shape::Discount),
        (r"\b(?:(?:up\s+to|ate|em\s+ate)\s+)?(?P<n>\d{1,3})\s?x\b".to_string(), Shape::Installments),
        (
            format!(r"\b(?:(?:up\s+to|ate|em\s+ate)\s+)?(?P<n>\d{{1,3}})\s+(?:(?:equal|monthly|fixed|interest-free)\s+)*{INSTALLMENT}\b"),
            Shape::Installments,
        ),
        (
            r"\binterest[-\s]?free\b|\b(?:no|zero|without(?:\s+any)?)\s+interest\b|\b0\s*%\s+(?:de\s+)?(?:interest|juros)\b|\bsem\s+(?:nenhum\s+)?juros\b|\bjuros?\s+zero\b|\bzero\s+(?:de\s+)?juros\b|\bisento\s+de\s+juros\b".to_string(),
            Shape::InterestFree,
        ),
        (format!(r"\b(?:interest|juros)\s+(?:rate\s+)?(?:of\s+|de\s+|at\s+)?{PCT}\s*{MONTHLY}"), Shape::Rate),
        (format!(r"{PCT}\s*(?:de\s+)?(?:monthly\s+)?(?:interest\s+|juros\s+)?{MONTHLY}"), Shape::Rate),
        (
            r"\bno\s+(?:extra\s+|additional\s+)?fees?\b|\b(?:fee|charge)[-\s]free\b|\bwithout\s+(?:any\s+)?fees\b|\bsem\s+(?:nenhuma\s+)?(?:taxas?|tarifas?)\b|\bisento\s+de\s+(?:taxas?|tarifas?)\b|\bzero\s+(?:taxas?|tarifas?)\b".to_string(),
            Shape::NoFees,
        ),
        (
            r"\b(?:valid|good|available)\s+(?:for\s+)?(?:the\s+next\s+)?(?P<n>\d{1,3})\s+(?:business\s+|calendar\s+)?days?\b".to_string(),
            Shape::Valid,
        ),
        (r"\bwithin\s+(?:the\s+next\s+)?(?P<n>\d{1,3})\s+(?:business\s+)?days?\b".to_string(), Shape::Within),
        (r"\bexpires?\s+in\s+(?P<n>\d{1,3})\s+days?\b".to_string(), Shape::Valid),
        (r"\bvalid[ao]s?\s+(?:por|durante)\s+(?:(?:os\s+)?proximos\s+)?(?P<n>\d{1,3})\s+dias?\b".to_string(), Shape::Valid),
        (r"\b(?:nos|durante\s+os)\s+proximos\s+(?P<n>\d{1,3})\s+dias?\b".to_string(), Shape::Within),
        (r"\b(?:expira|vence)\s+em\s+(?P<n>\d{1,3})\s+dias?\b".to_string(), Shape::Valid),
    ];
    sources
        .into_iter()
        .filter_map(|(source, shape)| Regex::new(&source).ok().map(|re| (re, shape)))
        .collect()
});

/// Words after a count that make it a description of the arrears, not an offer.
const ARREARS_AFTER: &[&str] = &[
    "em atraso",
    "atrasad",
    "vencid",
    "em aberto",
    "overdue",
    "late",
    "past due",
    "in arrears",
    "missed",
    "behind",
];
/// Words before a count that make it a description of the arrears.
const ARREARS_BEFORE: &[&str] = &[
    "missed",
    "overdue",
    "late",
    "atrasou",
    "atrasad",
    "vencid",
    "deixou de pagar",
];

/// All patterns in one automaton: most lines make no claim, and one pass tells which patterns
/// are worth running for their positions.
static ANY: LazyLock<Option<RegexSet>> =
    LazyLock::new(|| RegexSet::new(PATTERNS.iter().map(|(re, _)| re.as_str())).ok());

/// Every claim in `text`, in order of position.
pub fn extract(text: &str) -> Vec<Claim> {
    let folded = fold(text);
    let mut claims: Vec<Claim> = Vec::new();
    let candidates: Vec<usize> = match ANY.as_ref() {
        Some(set) => set.matches(&folded.text).into_iter().collect(),
        None => (0..PATTERNS.len()).collect(),
    };
    for (re, shape) in candidates.into_iter().filter_map(|i| PATTERNS.get(i)) {
        for caps in re.captures_iter(&folded.text) {
            let Some(whole) = caps.get(0) else { continue };
            if !stands_alone(&folded, &caps, whole.range(), *shape) {
                continue;
            }
            let Some(kind) = make(*shape, &caps) else {
                continue;
            };
            let range = folded.original(whole.start()..whole.end());
            let range = trim_range(text, range);
            let overlaps_same = claims
                .iter()
                .any(|c| c.kind == kind && c.range.start < range.end && range.start < c.range.end);
            if !overlaps_same {
                claims.push(Claim { kind, range });
            }
        }
    }
    claims.sort_by_key(|c| (c.range.start, c.range.end));
    claims
}

/// Filters out numbers that belong to money, and counts that describe arrears.
fn stands_alone(folded: &Folded, caps: &Captures<'_>, whole: Range<usize>, shape: Shape) -> bool {
    let text = folded.text.as_str();
    if let Some(n) = caps.name("n") {
        // `R$ 12x`, `$1.5%`, `1.250,12x`: the number is part of an amount.
        let before = text[..n.start()].trim_end();
        if before.ends_with(['$', '€', '£', '.', ',']) || before.ends_with(char::is_numeric) {
            return false;
        }
    }
    match shape {
        Shape::Installments => {
            let after = text[whole.end..].trim_start();
            let window_start = floor_char_boundary(text, whole.start.saturating_sub(20));
            let before = &text[window_start..whole.start];
            !ARREARS_AFTER.iter().any(|w| after.starts_with(w))
                && !ARREARS_BEFORE.iter().any(|w| before.contains(w))
        }
        // "sem taxa de juros" speaks about interest, not fees.
        Shape::NoFees => !text[whole.end..].trim_start().starts_with("de juros"),
        Shape::Valid | Shape::Within => {
            let sentence = &text[sentence_around(text, whole.clone())];
            let speaks_of_rights = RIGHTS_PERIOD.is_match(sentence);
            let speaks_of_offer = matches!(shape, Shape::Valid) || OFFER_WORDS.is_match(sentence);
            !speaks_of_rights && speaks_of_offer
        }
        _ => true,
    }
}

/// A period that belongs to the consumer's rights or to a reply, not to an offer: the dispute
/// window and validation period ("You may dispute all or part of the debt within 30 days"),
/// requests for verification, the right of withdrawal, a deadline to answer or to complain.
/// Compiles the claim patterns, for [`crate::rules::warm_ups`].
pub fn warm_up() {
    LazyLock::force(&PATTERNS);
    LazyLock::force(&ANY);
    LazyLock::force(&RIGHTS_PERIOD);
    LazyLock::force(&OFFER_WORDS);
}

static RIGHTS_PERIOD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:disput\w*|validat\w*|valid(?:ity)?\s+of\s+the\s+debt|verif\w*|notif(?:y|ies|ied)|request\w*|respond\w*|repl(?:y|ies)|write\s+to\s+us|in\s+writing|contest\w*|object\w*|complain\w*|cancel\w*|withdraw\w*|cooling[-\s]off|original\s+creditor|assume\w*|contestar|contestacao|contest[ae]\w*|impugn\w*|reclam\w*|responder|resposta|arrependimento|desistencia|procon|ouvidoria)\b")
        .expect("rights period pattern")
});

/// Words that make a sentence speak about an offer.
static OFFER_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:offers?|discount\w*|deal|plans?|proposals?|settle\w*|arrangements?|promotion\w*|waive\w*|reduced|off|save|ofertas?|descontos?|propostas?|condic\w*|acordos?|promoc\w*|abatimento|parcel\w*|campanha)\b|%")
        .expect("offer words pattern")
});

/// The byte range of the sentence around `range`: from after the last `.`, `!`, `?`, `;` or
/// line break before it to the next one after it. A dot followed by a letter or digit
/// (`1.5%`, `R$ 1.500,00`, `a.m.`) does not end a sentence.
pub fn sentence_around(text: &str, range: Range<usize>) -> Range<usize> {
    let bytes = text.as_bytes();
    let ends_here = |i: usize| match bytes[i] {
        b'!' | b'?' | b';' | b'\n' => true,
        b'.' => bytes.get(i + 1).is_none_or(|b| !b.is_ascii_alphanumeric()),
        _ => false,
    };
    let start = (0..range.start.min(bytes.len()))
        .rev()
        .find(|&i| ends_here(i))
        .map_or(0, |i| i + 1);
    let end = (range.end.min(bytes.len())..bytes.len())
        .find(|&i| ends_here(i))
        .unwrap_or(bytes.len());
    start..end.max(start)
}

fn floor_char_boundary(text: &str, mut at: usize) -> usize {
    while at > 0 && !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn make(shape: Shape, caps: &Captures<'_>) -> Option<ClaimKind> {
    let number = || caps.name("n").map(|m| m.as_str().replace(',', "."));
    Some(match shape {
        Shape::Discount => ClaimKind::DiscountPct(Decimal::from_str(&number()?).ok()?),
        Shape::Rate => ClaimKind::MonthlyInterestPct(Decimal::from_str(&number()?).ok()?),
        Shape::Installments => ClaimKind::Installments(number()?.parse().ok()?),
        Shape::Valid | Shape::Within => ClaimKind::ValidDays(number()?.parse().ok()?),
        Shape::InterestFree => ClaimKind::InterestFree,
        Shape::NoFees => ClaimKind::NoFees,
    })
}

/// Drops leading and trailing spaces a pattern may have swallowed.
fn trim_range(text: &str, range: Range<usize>) -> Range<usize> {
    let slice = &text[range.clone()];
    let start = range.start + (slice.len() - slice.trim_start().len());
    let end = range.end - (slice.len() - slice.trim_end().len());
    start..end.max(start)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).expect("test decimal")
    }

    /// (kind, words as written) of every claim.
    fn claims(text: &str) -> Vec<(ClaimKind, &str)> {
        extract(text)
            .into_iter()
            .map(|c| (c.kind, &text[c.range]))
            .collect()
    }

    #[test]
    fn english_offer_claims() {
        assert_eq!(
            claims(
                "Take 20% off today, or pay in up to 12 monthly payments, interest-free and with no fees. Valid for 5 days."
            ),
            vec![
                (ClaimKind::DiscountPct(d("20")), "20% off"),
                (ClaimKind::Installments(12), "up to 12 monthly payments"),
                (ClaimKind::InterestFree, "interest-free"),
                (ClaimKind::NoFees, "no fees"),
                (ClaimKind::ValidDays(5), "Valid for 5 days"),
            ]
        );
        assert_eq!(
            claims("We can split it into 12 payments at 1.5% interest per month."),
            vec![
                (ClaimKind::Installments(12), "12 payments"),
                (
                    ClaimKind::MonthlyInterestPct(d("1.5")),
                    "1.5% interest per month"
                )
            ]
        );
    }

    #[test]
    fn portuguese_offer_claims() {
        assert_eq!(
            claims(
                "Parcele em até 12 parcelas sem juros e sem taxas, com 20 % de desconto à vista. Proposta válida por 5 dias."
            ),
            vec![
                (ClaimKind::Installments(12), "em até 12 parcelas"),
                (ClaimKind::InterestFree, "sem juros"),
                (ClaimKind::NoFees, "sem taxas"),
                (ClaimKind::DiscountPct(d("20")), "20 % de desconto"),
                (ClaimKind::ValidDays(5), "válida por 5 dias"),
            ]
        );
        assert_eq!(
            claims("Juros de 1,99% a.m. e condição nos próximos 3 dias."),
            vec![
                (
                    ClaimKind::MonthlyInterestPct(d("1.99")),
                    "Juros de 1,99% a.m."
                ),
                (ClaimKind::ValidDays(3), "nos próximos 3 dias")
            ]
        );
    }

    #[test]
    fn informal_spellings() {
        assert_eq!(
            claims("12X SEM JUROS"),
            vec![
                (ClaimKind::Installments(12), "12X"),
                (ClaimKind::InterestFree, "SEM JUROS")
            ]
        );
        assert_eq!(
            claims("ate 10 parcelas, juro zero"),
            vec![
                (ClaimKind::Installments(10), "ate 10 parcelas"),
                (ClaimKind::InterestFree, "juro zero")
            ]
        );
        assert_eq!(
            claims("Só hoje 30%OFF"),
            vec![(ClaimKind::DiscountPct(d("30")), "30%OFF")]
        );
        assert_eq!(
            claims("até 6x de R$ 99,90"),
            vec![(ClaimKind::Installments(6), "até 6x")]
        );
    }

    #[test]
    fn dispute_windows_and_reply_deadlines_are_not_validity() {
        for text in [
            "You may dispute all or part of the debt within 30 days.",
            "Unless you notify this office within 30 days after receiving this notice, we will assume this debt is valid.",
            "If you request it in writing within 30 days, we will give you the name of the original creditor.",
            "Please reply within 10 days.",
            "Você pode contestar a dívida nos próximos 30 dias.",
            "O direito de arrependimento vale por 7 dias.",
        ] {
            assert!(claims(text).is_empty(), "{text}: {:?}", claims(text));
        }
        assert_eq!(
            claims("Pay within 5 days and take 20% off."),
            vec![
                (ClaimKind::ValidDays(5), "within 5 days"),
                (ClaimKind::DiscountPct(d("20")), "20% off")
            ]
        );
        assert_eq!(
            claims("This offer is valid for 5 days. You may dispute the debt within 30 days."),
            vec![(ClaimKind::ValidDays(5), "valid for 5 days")]
        );
    }

    #[test]
    fn sentences_do_not_end_inside_numbers() {
        let text = "Pay $1.50 a month. Or 1.5% a month for 12 months! Done";
        let at = text.find("12").expect("12");
        assert_eq!(
            &text[sentence_around(text, at..at + 2)],
            " Or 1.5% a month for 12 months"
        );
    }

    #[test]
    fn amounts_dates_and_arrears_are_not_claims() {
        assert!(claims("Your balance is $1,250.12, due on 12/05/2026.").is_empty());
        assert!(claims("Seu saldo é R$ 1.250,00 com vencimento em 05/12.").is_empty());
        assert!(claims("Você tem 3 parcelas em atraso.").is_empty());
        assert!(claims("You have missed 2 payments.").is_empty());
        assert!(claims("Call us between 8 a.m. and 9 p.m.").is_empty());
        assert!(
            claims("sem taxa de juros")
                .iter()
                .all(|(k, _)| *k != ClaimKind::NoFees)
        );
    }
}
