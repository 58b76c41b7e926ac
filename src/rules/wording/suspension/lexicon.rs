//! The words of a supply cut, in English and Portuguese, matched on folded text (lowercase,
//! no accents). Kept apart from the wording engine's phrase packs: the decision they feed
//! depends on the playbook's cadence and sector, not on the words alone.

use std::sync::LazyLock;

use regex::Regex;

/// What is cut: the notice the law requires differs by service.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Service {
    Water,
    Energy,
    Telecom,
    /// "the service", "o fornecimento": the sector decides.
    Unspecified,
}

impl Service {
    pub fn describe(self) -> &'static str {
        match self {
            Self::Water => "the water supply",
            Self::Energy => "the power supply",
            Self::Telecom => "the telephone or internet service",
            Self::Unspecified => "the service",
        }
    }
}

const WATER: &str = r"agua|esgoto|water|sewer";
const ENERGY: &str = r"luz|energia|eletricidade|gas|power|electricity|electric|heating";
const TELECOM: &str = r"internet|linha|telefone|celular|sinal|phone|broadband|line|cable";
const OTHER: &str = r"servico|servicos|fornecimento|abastecimento|supply|service|services";

fn nouns() -> String {
    format!("{WATER}|{ENERGY}|{TELECOM}|{OTHER}")
}

/// A verb of cutting followed, within four words, by a service (`cortamos a sua água`,
/// `we will disconnect your power`), or a service followed by a verb (`your water will be shut
/// off`), or a noun of cutting with its service (`o corte da luz`, `disconnection of service`).
pub static ANNOUNCEMENT: LazyLock<Regex> = LazyLock::new(|| {
    let verbs = r"cort\w*|deslig\w*|suspend\w*|suspens\w*|interromp\w*|bloque\w*|cut(?:ting)?\s+off|cut|shut(?:ting)?\s+off|turn(?:ing)?\s+off|switch(?:ing)?\s+off|disconnect\w*|suspend\w*";
    let nouns = nouns();
    Regex::new(&format!(
        r"\b(?:(?:{verbs})(?:\s+\w+){{0,4}}?\s+(?:{nouns})|(?:{nouns})(?:\s+\w+){{0,4}}?\s+(?:{verbs}))\b"
    ))
    .expect("suspension announcement pattern")
});

/// Words that put the cut on a clock the law does not allow: today, tomorrow, now.
pub static IMMEDIATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:hoje|amanha|agora|ja|imediatamente|hoje mesmo|today|tomorrow|tonight|now|immediately|right away)\b")
        .expect("immediacy pattern")
});

/// A negation just before the announcement: "não vamos cortar", "we will never disconnect".
pub static NEGATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:nao|nunca|jamais|sem|not|never|no|won't|wont|don't|dont|cannot|can't|cant)\b")
        .expect("negation pattern")
});

/// Other people shown or told about the cut: neighbours, the street, everyone.
pub static EXPOSURE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:vizinhos?|vizinhanca|rua|predio|condominio|todo mundo|todos|neighbou?rs?|neighbou?rhood|street|everyone|everybody|whole building)\b")
        .expect("exposure pattern")
});

/// Which service a matched announcement names.
pub fn service_of(words: &str) -> Service {
    let has = |alternatives: &str| {
        alternatives
            .split('|')
            .any(|w| words.split(|c: char| !c.is_alphanumeric()).any(|t| t == w))
    };
    if has(WATER) {
        Service::Water
    } else if has(ENERGY) {
        Service::Energy
    } else if has(TELECOM) {
        Service::Telecom
    } else {
        Service::Unspecified
    }
}

/// A noun or verb of cutting, for the exposure check ("os vizinhos vão ver o corte").
pub static CUT_WORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:corte|cortad[oa]|cortar|desligamento|deslig\w*|cut\s+off|shut\s*-?\s*off|shutoff|disconnection|disconnected|disconnect)\b")
        .expect("cut word pattern")
});

/// A school's sanction for non-payment: exams barred, documents withheld, a pupil sent home.
pub static SCHOOL_SANCTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:(?:suspen\w*|impedi\w*|bloque\w*|proibi\w*|barr\w*|ban\w*)(?:\s+\w+){0,4}?\s+(?:provas?|aulas?|exames?|matricula|rematricula|exams?|classes?|lessons?|enrol\w*)|(?:ret\w*|segur\w*|withh\w*|hold\w*)(?:\s+\w+){0,4}?\s+(?:diploma|historico|documentos?|boletim|transcripts?|certificates?|records?))\b")
        .expect("school sanction pattern")
});

/// Compiles every pattern above, for [`crate::rules::warm_ups`].
pub fn warm_up() {
    for pattern in [
        &ANNOUNCEMENT,
        &IMMEDIATE,
        &NEGATION,
        &EXPOSURE,
        &CUT_WORD,
        &SCHOOL_SANCTION,
    ] {
        LazyLock::force(pattern);
    }
}
