//! Which language a text is written in, from its function words.
//!
//! The `locale` a playbook declares picks its wording lists, so a wrong locale would switch the
//! real checks off. The texts are short (an SMS, one line of a script) and the question is
//! closed (English, Portuguese, or neither), so the detector counts the function words that
//! only one of the candidate languages uses, after folding case and accents. A general-purpose
//! detector (whatlang, lingua) knows dozens of languages but is unreliable on ten words and
//! confuses Portuguese with Galician and Spanish; this one is deterministic, explainable in a
//! sentence and has no model to ship. Spanish is a candidate only so that a Spanish text is
//! never taken for Portuguese.

use std::sync::LazyLock;

use crate::analysis::fold::fold;

/// A language the detector can tell apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Language {
    English,
    Portuguese,
    Spanish,
}

impl Language {
    /// The primary subtag, as a locale writes it.
    pub fn tag(self) -> &'static str {
        match self {
            Self::English => "en",
            Self::Portuguese => "pt",
            Self::Spanish => "es",
        }
    }
    /// Its name, for messages.
    pub fn name(self) -> &'static str {
        match self {
            Self::English => "English",
            Self::Portuguese => "Portuguese",
            Self::Spanish => "Spanish",
        }
    }
    /// The locale to suggest for it.
    pub fn suggested_locale(self) -> &'static str {
        match self {
            Self::English => "en",
            Self::Portuguese => "pt-BR",
            Self::Spanish => "es",
        }
    }
    const ALL: [Self; 3] = [Self::English, Self::Portuguese, Self::Spanish];
}

/// Folded function words that mark one language among the three (words two of them share,
/// such as `a`, `no`, `me`, `do`, `de`, `por`, are left out).
fn marker_words(language: Language) -> &'static str {
    match language {
        Language::English => {
            "the and you your yours we our ours is are was were will would this that these those have \
             has had be been can could should not please it its at if or by from an any all about \
             with for of to today tomorrow now here there what when how my i i'm im don't dont won't \
             wont can't cant you're youre we're were let us just call"
        }
        Language::Portuguese => {
            "e o os um uma uns umas que nao voce voces vc seu sua seus suas ele ela nos nosso nossa \
             nossos nossas pra com em na nas ao aos pelo pela pelos pelas mais muito isso \
             este estao aqui agora hoje amanha ou ja quando foi tem ter ser vai vamos pode \
             sobre sao fica ficar tambem entao obrigado obrigada ate fatura conta"
        }
        Language::Spanish => {
            "el la los las usted ustedes con es su sus del y pero muy hoy manana deuda pago gracias \
             hola cuando puede tiene somos estamos nuestro nuestra"
        }
    }
}

/// Every marker word, sorted, with one bit per language that uses it: a binary search per
/// word of the text, no hashing.
static MARKERS: LazyLock<Vec<(&'static str, u8)>> = LazyLock::new(|| {
    let mut words: Vec<(&'static str, u8)> = Vec::new();
    for (bit, language) in Language::ALL.iter().enumerate() {
        words.extend(
            marker_words(*language)
                .split_whitespace()
                .map(|w| (w, 1 << bit)),
        );
    }
    words.sort_unstable();
    words.dedup_by(|later, first| {
        let same = later.0 == first.0;
        if same {
            first.1 |= later.1;
        }
        same
    });
    words
});

/// The languages (one bit each, in [`Language::ALL`] order) that use `word` as a marker.
fn languages_marked_by(word: &str) -> u8 {
    MARKERS
        .binary_search_by(|(w, _)| (*w).cmp(word))
        .map_or(0, |at| MARKERS[at].1)
}

/// How many marker words of each language a text has.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Evidence {
    counts: [usize; 3],
}

impl Evidence {
    pub fn of(text: &str) -> Self {
        let folded = fold(text);
        let mut counts = [0; 3];
        let mut count = |word: &str| {
            let bits = languages_marked_by(word);
            for (i, n) in counts.iter_mut().enumerate() {
                *n += usize::from(bits >> i & 1);
            }
        };
        // Placeholders name variables, not words of the text: their braces and what they hold
        // are left out, and the letters either side of one join (`x{a}y` reads as `xy`).
        let mut depth = 0usize;
        let mut word = String::new();
        for c in folded.text.chars() {
            match c {
                '{' => depth += 1,
                '}' => depth = depth.saturating_sub(1),
                _ if depth > 0 => {}
                _ if c.is_alphanumeric() || c == '\'' => word.push(c),
                _ => {
                    if !word.is_empty() {
                        count(&word);
                        word.clear();
                    }
                }
            }
        }
        if !word.is_empty() {
            count(&word);
        }
        Self { counts }
    }
    pub fn add(&mut self, other: Self) {
        for (a, b) in self.counts.iter_mut().zip(other.counts) {
            *a += b;
        }
    }
    pub fn count(&self, language: Language) -> usize {
        self.counts[Language::ALL
            .iter()
            .position(|l| *l == language)
            .unwrap_or(0)]
    }
    /// The language the evidence points to: at least `min` marker words, and more than twice
    /// as many as any other language. None when it is too thin or mixed to say.
    pub fn verdict(&self, min: usize) -> Option<Language> {
        let (best, &top) = self.counts.iter().enumerate().max_by_key(|(_, n)| **n)?;
        let runner_up = self
            .counts
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != best)
            .map(|(_, n)| *n)
            .max()
            .unwrap_or(0);
        (top >= min && top > 2 * runner_up).then_some(Language::ALL[best])
    }
}

/// Marker words a single text needs before its own language overrides the playbook's locale.
pub const TEXT_MIN_MARKERS: usize = 3;
/// Marker words all texts together need before the locale is called wrong.
pub const PLAYBOOK_MIN_MARKERS: usize = 8;

/// The language of one text, when it is clear.
pub fn detect(text: &str) -> Option<Language> {
    Evidence::of(text).verdict(TEXT_MIN_MARKERS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_issue_sentence_is_portuguese() {
        assert_eq!(
            detect("manda a polícia aí e você pode ser preso"),
            Some(Language::Portuguese)
        );
        assert_eq!(
            detect("Hi {customer_name}, this is a reminder that your payment is due."),
            Some(Language::English)
        );
    }

    #[test]
    fn spanish_is_not_taken_for_portuguese() {
        assert_ne!(
            detect("Hola, usted tiene una deuda con nosotros y el pago vence hoy."),
            Some(Language::Portuguese)
        );
    }

    #[test]
    fn short_or_mixed_texts_give_no_verdict() {
        assert_eq!(detect("OK"), None);
        assert_eq!(detect("{nome}"), None);
        assert_eq!(detect("Pix ou boleto"), None);
    }
}
