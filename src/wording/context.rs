//! Reading a match in its sentence, the way a reviewer would before flagging it.
//!
//! A phrase list knows words, not intent. These checks decide when a matched phrase is not
//! what it seems:
//! * **negation**: a negation that scopes the match ("there is no prison for debt", "não vamos
//!   ligar para o seu trabalho", "we will never contact your employer"), unless it belongs to
//!   a condition ("if you don't pay, …") or does not negate the threat itself ("we won't
//!   hesitate to…", "você não vai escapar da cadeia");
//! * **anti-fraud advice**: a sentence that warns the customer about impostors and scams, or tells
//!   a victim of identity theft to file a police report;
//! * **right of withdrawal**: "você pode se arrepender da compra em até 7 dias" is CDC art. 49,
//!   not a threat;
//! * **agreed visits**: a visit with prior notice, at the customer's request (CONC 7.9.12R).
//!
//! All checks walk a few tokens around the match: linear in the text.

use std::ops::Range;

use super::codes;

/// The tokens of a normalised text with their byte ranges.
pub struct Tokens<'t> {
    items: Vec<(&'t str, Range<usize>)>,
    language: &'t str,
}

impl<'t> Tokens<'t> {
    pub fn new(normalized: &'t str, language: &'t str) -> Self {
        let mut items = Vec::new();
        let mut offset = 0;
        for piece in normalized.split(' ') {
            if !piece.is_empty() {
                items.push((piece, offset..offset + piece.len()));
            }
            offset += piece.len() + 1;
        }
        Self { items, language }
    }

    fn negates(&self, token: &str) -> bool {
        is_negation_in(token, self.language)
    }

    /// Index of the first token starting at or after `byte`.
    fn index_at(&self, byte: usize) -> usize {
        self.items.partition_point(|(_, r)| r.start < byte)
    }

    fn word(&self, i: usize) -> &'t str {
        self.items.get(i).map_or("", |t| t.0)
    }
}

/// Punctuation that ends a clause, and so ends the reach of a negation.
fn is_clause_break(token: &str) -> bool {
    matches!(
        token,
        "." | "!" | "?" | ";" | "," | ":" | "-" | "\"" | "(" | ")" | "…" | "|" | "/"
    ) || token.chars().all(|c| !c.is_alphanumeric() && c != '*')
}

/// Words that start a new clause: a negation before them does not reach past them.
fn is_connector(token: &str) -> bool {
    matches!(
        token,
        "and"
            | "but"
            | "so"
            | "then"
            | "or"
            | "because"
            | "otherwise"
            | "e"
            | "mas"
            | "entao"
            | "ou"
            | "porque"
            | "senao"
            | "pois"
            | "porem"
            | "logo"
    )
}

fn is_sentence_break(token: &str) -> bool {
    matches!(token, "." | "!" | "?" | ";" | "…")
}

/// Words that negate what follows them, in `language` ("no" is a negation in English but
/// "in the" in Portuguese: `no seu trabalho`).
pub(crate) fn is_negation_in(token: &str, language: &str) -> bool {
    is_negation(token) || (token == "no" && language != "pt")
}

/// Words that negate what follows them in every supported language.
pub(crate) fn is_negation(token: &str) -> bool {
    matches!(
        token,
        "not"
            | "never"
            | "nobody"
            | "none"
            | "nothing"
            | "neither"
            | "nor"
            | "without"
            | "nao"
            | "nunca"
            | "jamais"
            | "nem"
            | "ninguem"
            | "nenhum"
            | "nenhuma"
            | "nada"
            | "sem"
    )
}

/// Words that make a following negation part of a condition ("if you don't pay").
fn is_conditional(token: &str) -> bool {
    matches!(
        token,
        "if" | "unless"
            | "until"
            | "when"
            | "whoever"
            | "anyone"
            | "who"
            | "se"
            | "caso"
            | "quem"
            | "enquanto"
            | "quando"
            | "ate"
            | "which"
            | "que"
    )
}

/// Words after a negation that turn it into emphasis rather than denial: "we won't hesitate
/// to", "you won't get away with", "não vai escapar", "don't make us", "you don't want to".
fn breaks_negation(token: &str) -> bool {
    const WORDS: &[&str] = &[
        "so", "only", "just", "apenas", "somente", "let", "make", "want", "think", "wait", "stop",
        "mess", "like", "play", "test", "know", "doubt", "forget", "ignore", "get", "sabe", "pare",
        "parar",
    ];
    const STEMS: &[&str] = &[
        "hesit",
        "pay",
        "pag",
        "settl",
        "surpris",
        "exit",
        "escap",
        "avoid",
        "evit",
        "livr",
        "quer",
        "quis",
        "force",
        "obrig",
        "deix",
        "pens",
        "esper",
        "brinc",
        "mex",
        // "não adianta se esconder que vai ser pior": it is no use, not a denial.
        "adiant",
        "ignor",
        "esquec",
        "duvid",
        "subestim",
        "underestim",
    ];
    WORDS.contains(&token) || STEMS.iter().any(|stem| token.starts_with(stem))
}

/// Whether a negation scopes the match at `range`.
pub fn negated(tokens: &Tokens<'_>, range: &Range<usize>) -> bool {
    let first = tokens.index_at(range.start);
    // A negation before the match, in the same clause.
    let mut i = first;
    let mut steps = 0;
    while i > 0 && steps < 7 {
        i -= 1;
        steps += 1;
        let word = tokens.word(i);
        if is_clause_break(word) || is_connector(word) {
            break;
        }
        // "why not borrow it?" suggests; "nem que pegue emprestado" concedes: neither denies.
        if tokens.negates(word)
            && ((i > 0 && tokens.word(i - 1) == "why") || tokens.word(i + 1) == "que")
        {
            continue;
        }
        // "não se faz de burro" forbids a pretence: the insult stands.
        if tokens.negates(word)
            && tokens.word(i + 1) == "se"
            && tokens.word(i + 2).starts_with("fa")
        {
            continue;
        }
        if tokens.negates(word) {
            let conditional = (i.saturating_sub(3)..i)
                .map(|j| tokens.word(j))
                .any(is_conditional);
            let emphatic = (i + 1..=(i + 2).min(first))
                .map(|j| tokens.word(j))
                .any(breaks_negation);
            if !conditional && !emphatic {
                return true;
            }
        }
    }
    // "prison for debt does not exist", "the police can't get involved": a denial right after
    // the match, made of an auxiliary and `not`, or `not` and a verb of existence.
    let last = tokens.index_at(range.end);
    for j in last..(last + 4).min(tokens.items.len()) {
        let word = tokens.word(j);
        // A new subject starts another proposition: "let your neighbours know you're not paying".
        if is_clause_break(word) || is_connector(word) || is_conditional(word) || is_pronoun(word) {
            break;
        }
        if matches!(word, "not" | "never" | "nao" | "nunca") {
            let auxiliary = j > last && is_auxiliary(tokens.word(j - 1));
            let next = tokens.word(j + 1);
            let existence = [
                "exist", "acontec", "happen", "cab", "appl", "allow", "permit", "aplic", "ha",
            ]
            .iter()
            .any(|stem| next.starts_with(stem));
            // "what kind of loser can't pay", "caloteiro não vai pagar": a claim that someone
            // does not pay denies nothing.
            let then = tokens.word(j + 2);
            if [next, then]
                .iter()
                .any(|w| w.starts_with("pay") || w.starts_with("pag"))
            {
                return false;
            }
            // Portuguese puts the negation before the auxiliary: "seu benefício não será
            // cortado", "a delegacia não tem nada a ver".
            let pt_auxiliary = j == last
                && (is_auxiliary(next)
                    || matches!(
                        next,
                        "serao" | "vao" | "estao" | "tem" | "podem" | "ira" | "irao"
                    ));
            return auxiliary || existence || pt_auxiliary;
        }
    }
    false
}

/// Personal pronouns: the subject of a new proposition.
fn is_pronoun(token: &str) -> bool {
    matches!(
        token,
        "i" | "you"
            | "he"
            | "she"
            | "we"
            | "they"
            | "voce"
            | "voces"
            | "eu"
            | "ele"
            | "ela"
            | "nos"
            | "eles"
            | "elas"
            | "senhor"
            | "senhora"
            | "a gente"
    )
}

/// Auxiliaries that carry a sentence's negation ("is not", "can't", "will never").
fn is_auxiliary(token: &str) -> bool {
    matches!(
        token,
        "is" | "are"
            | "was"
            | "were"
            | "does"
            | "do"
            | "did"
            | "will"
            | "would"
            | "can"
            | "could"
            | "has"
            | "have"
            | "should"
            | "may"
            | "might"
            | "e"
            | "esta"
            | "sera"
            | "foi"
            | "vai"
            | "pode"
    )
}

/// How far, in tokens, a sentence is read on each side of a match: enough for any real
/// sentence, and it keeps a long text without full stops linear to scan.
const SENTENCE_REACH: usize = 40;

/// The words of the sentence around `range`, the match itself excluded.
fn sentence<'t>(
    tokens: &'t Tokens<'t>,
    range: &Range<usize>,
) -> impl Iterator<Item = &'t str> + 't {
    let first = tokens.index_at(range.start);
    let last = tokens.index_at(range.end);
    let floor = first.saturating_sub(SENTENCE_REACH);
    let ceiling = (last + SENTENCE_REACH).min(tokens.items.len());
    let start = (floor..first)
        .rev()
        .find(|&i| is_sentence_break(tokens.word(i)))
        .map_or(floor, |i| i + 1);
    let end = (last..ceiling)
        .find(|&i| is_sentence_break(tokens.word(i)))
        .unwrap_or(ceiling);
    (start..end)
        .filter(move |&i| i < first || i >= last)
        .map(move |i| tokens.word(i))
}

/// Whether the sentence around the match (the match itself excluded) contains any of the cues,
/// each a word stem or a phrase of whole words.
fn sentence_has(tokens: &Tokens<'_>, range: &Range<usize>, cues: &[&str]) -> bool {
    let words: Vec<&str> = sentence(tokens, range).collect();
    let joined = format!(" {} ", words.join(" "));
    cues.iter().any(|cue| joined.contains(&format!(" {cue}")))
}

/// Verbs of speech a guideline may forbid: "never say", "não diga", "avoid mentioning".
fn is_speech_verb(token: &str) -> bool {
    [
        "say",
        "tell",
        "mention",
        "suggest",
        "impl",
        "threaten",
        "use",
        "write",
        "call them",
        "diga",
        "dizer",
        "fale",
        "falar",
        "sugir",
        "mencion",
        "ameac",
        "use",
        "escrev",
        "chame",
        "chamar",
        "promet",
        "promis",
    ]
    .iter()
    .any(|stem| token.starts_with(stem))
}

/// Whether, earlier in the sentence, a guideline forbids saying what follows: a speech verb
/// right after a negation or "avoid" ("do not say", "nunca diga", "evite falar").
fn forbids_saying(tokens: &Tokens<'_>, range: &Range<usize>) -> bool {
    let first = tokens.index_at(range.start);
    let floor = first.saturating_sub(SENTENCE_REACH / 2);
    let mut i = first;
    while i > floor {
        i -= 1;
        let word = tokens.word(i);
        if is_sentence_break(word) {
            return false;
        }
        if is_speech_verb(word) {
            let before = (i.saturating_sub(2)..i).map(|j| tokens.word(j));
            if before
                .clone()
                .any(|w| tokens.negates(w) || w.starts_with("avoid") || w.starts_with("evit"))
            {
                return true;
            }
        }
    }
    false
}

/// Whether a word of the same sentence, before the match, starts with one of the stems.
fn sentence_before_has(tokens: &Tokens<'_>, range: &Range<usize>, stems: &[&str]) -> bool {
    let first = tokens.index_at(range.start);
    (first.saturating_sub(SENTENCE_REACH)..first)
        .rev()
        .map(|i| tokens.word(i))
        .take_while(|w| !is_sentence_break(w))
        .any(|w| stems.iter().any(|s| w.starts_with(s)))
}

/// Whether a word of the same clause, before the match, satisfies `test`.
fn clause_before_has(
    tokens: &Tokens<'_>,
    range: &Range<usize>,
    test: impl Fn(&str) -> bool,
) -> bool {
    let first = tokens.index_at(range.start);
    (first.saturating_sub(SENTENCE_REACH)..first)
        .rev()
        .map(|i| tokens.word(i))
        .take_while(|w| !is_clause_break(w))
        .any(test)
}

/// Anti-fraud and identity-theft advice: the sentence is about impostors, not the customer.
const FRAUD_CUES: &[&str] = &[
    "scam ",
    "scams ",
    "scammers ",
    "scam call",
    "claiming to be",
    "saying they are",
    "dizendo ser",
    "dizendo que e",
    "se dizendo",
    "ligacao golpista",
    "ligacoes golpistas",
    "mensagem golpista",
    "site golpista",
    "phishing",
    "impostor",
    "imposter",
    "fraudster",
    "fraudulent",
    "identity theft",
    "identity thie",
    "pretend",
    "claim to be",
    "claiming to be",
    "claims to be",
    "did not open",
    "is not yours",
    "not recogni",
    "beware",
    "golpe ",
    "golpes ",
    "golpistas ",
    "fraudador",
    "de fraude",
    "se diz",
    "se dizem",
    "se passa",
    "desconfie",
    "nao reconhec",
    "nao abriu",
    "nao for sua",
    "nao for seu",
    "roubo de identidade",
    "falsos",
    "falsas",
];

/// The consumer's right of withdrawal (CDC art. 49, the UK cooling-off period).
const WITHDRAWAL_CUES: &[&str] = &[
    "compra",
    "contratacao",
    "7 dias",
    "sete dias",
    "14 days",
    "fourteen days",
    "direito",
    "desist",
    "cancel",
    "withdraw",
    "cooling off",
    "right to",
    "purchase",
];

/// A visit the customer agreed to, with notice.
const CONSENT_CUES: &[&str] = &[
    "prior notice",
    "advance notice",
    "notice",
    "appointment",
    "if you agree",
    "if you prefer",
    "if you ask",
    "at your request",
    "aviso previo",
    "agendad",
    "hora marcada",
    "se voce concordar",
    "se preferir",
    "com seu consentimento",
    "a seu pedido",
];

/// Whether the matched phrase is excused by its context.
pub fn excused(tokens: &Tokens<'_>, normalized: &str, code: &str, range: &Range<usize>) -> bool {
    if matches!(code, codes::PROHIBITED | codes::REQUIRED | codes::AVOIDED) {
        return false;
    }
    if negated(tokens, range) {
        return true;
    }
    // Talking about threats is not making one: "if anyone threatens you with arrest, tell us".
    if sentence_before_has(tokens, range, &["threat", "ameac", "intimid", "coag"]) {
        return true;
    }
    // "Tip: do not say the debt stays on their file forever": guidance forbidding the words.
    if forbids_saying(tokens, range) {
        return true;
    }
    // "Call us if your card was declined": a condition, not a claim that it was.
    if code == codes::PRETEXT
        && clause_before_has(tokens, range, |w| {
            matches!(w, "if" | "se" | "caso" | "when" | "quando" | "unless")
        })
    {
        return true;
    }
    let matched = normalized.get(range.clone()).unwrap_or_default();
    let fraud_sensitive = matches!(
        code,
        codes::THREAT
            | codes::ABUSE
            | codes::SHAMING
            | codes::FALSE_AUTHORITY
            | codes::FALSE_CONSEQUENCE
            | codes::PRETEXT
            | codes::LEGAL_ACTION
    );
    if fraud_sensitive && sentence_has(tokens, range, FRAUD_CUES) {
        return true;
    }
    if code == codes::THREAT
        && (matched.contains("arrepend") || matched.contains("regret"))
        && sentence_has(tokens, range, WITHDRAWAL_CUES)
    {
        return true;
    }
    code == codes::THREAT && matched.contains("visit") && sentence_has(tokens, range, CONSENT_CUES)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wording::normalize::normalize;

    fn is_negated(text: &str, phrase: &str, language: &str) -> bool {
        let n = normalize(text, language).text;
        let at = n.find(phrase).expect("phrase present");
        negated(&Tokens::new(&n, language), &(at..at + phrase.len()))
    }

    #[test]
    fn negation_scopes_the_match() {
        assert!(is_negated("There is no prison for debt", "prison", "en"));
        assert!(is_negated(
            "não vamos ligar para o seu trabalho",
            "ligar",
            "pt"
        ));
        assert!(is_negated(
            "We will never contact your employer",
            "contact",
            "en"
        ));
        assert!(is_negated("Prisão por dívida não existe", "prisao", "pt"));
    }

    #[test]
    fn conditions_and_emphasis_are_not_negations() {
        assert!(!is_negated(
            "If you don't pay, you'll go to jail",
            "jail",
            "en"
        ));
        assert!(!is_negated("se vc n pagar vai preso", "preso", "pt"));
        assert!(!is_negated(
            "We won't hesitate to call the police",
            "police",
            "en"
        ));
        assert!(!is_negated(
            "você não vai escapar da cadeia",
            "cadeia",
            "pt"
        ));
    }
}
