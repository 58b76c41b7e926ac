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

use crate::analysis::fold::fold_chars;

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

/// Every marker word, packed into an integer (its bytes, little-endian), sorted, with one bit
/// per language that uses it: a binary search over integers per word of the text.
static MARKERS: LazyLock<Vec<(u64, u8)>> = LazyLock::new(|| {
    let mut words: Vec<(u64, u8)> = Vec::new();
    for (bit, language) in Language::ALL.iter().enumerate() {
        words.extend(
            marker_words(*language)
                .split_whitespace()
                .filter_map(|w| pack(w.as_bytes()))
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

/// The longest a marker word can be: a longer word of the text is passed over unread.
const MAX_MARKER_BYTES: usize = 8;

/// A word of at most [`MAX_MARKER_BYTES`] bytes as one integer (no word holds a zero byte).
fn pack(word: &[u8]) -> Option<u64> {
    let mut bytes = [0u8; 8];
    bytes.get_mut(..word.len())?.copy_from_slice(word);
    Some(u64::from_le_bytes(bytes))
}

/// The languages (one bit each, in [`Language::ALL`] order) that use the packed word as a
/// marker.
fn languages_marked_by(packed: u64) -> u8 {
    MARKERS
        .binary_search_by(|(w, _)| w.cmp(&packed))
        .map_or(0, |at| MARKERS[at].1)
}

/// Counts marker words as the folded characters arrive. A word is kept only while it could
/// still be a marker: markers are short ASCII words, so a longer word, or one with a letter
/// outside ASCII, is passed over without being collected.
#[derive(Default)]
struct MarkerCounter {
    counts: [usize; 3],
    word: [u8; MAX_MARKER_BYTES],
    len: usize,
    not_a_marker: bool,
}

impl MarkerCounter {
    fn push(&mut self, c: char) {
        match self.word.get_mut(self.len) {
            Some(slot) if c.is_ascii() => *slot = c as u8,
            _ => self.not_a_marker = true,
        }
        self.len += 1;
    }

    fn end_word(&mut self) {
        if self.len > 0 && !self.not_a_marker {
            let bits = pack(&self.word[..self.len]).map_or(0, languages_marked_by);
            for (i, n) in self.counts.iter_mut().enumerate() {
                *n += usize::from(bits >> i & 1);
            }
        }
        self.len = 0;
        self.not_a_marker = false;
    }
}

/// How many marker words of each language a text has.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Evidence {
    counts: [usize; 3],
}

impl Evidence {
    pub fn of(text: &str) -> Self {
        let mut words = MarkerCounter::default();
        // Placeholders name variables, not words of the text: their braces and what they hold
        // are left out, and the letters either side of one join (`x{a}y` reads as `xy`).
        let mut depth = 0usize;
        let mut read = |c: char| match c {
            '{' => depth += 1,
            '}' => depth = depth.saturating_sub(1),
            _ if depth > 0 => {}
            _ if c.is_alphanumeric() || c == '\'' => words.push(c),
            _ => words.end_word(),
        };
        if text.is_ascii() {
            // ASCII folds byte for byte (the backtick to an apostrophe): no decoding.
            for b in text.bytes() {
                read(if b == b'`' {
                    '\''
                } else {
                    char::from(b.to_ascii_lowercase())
                });
            }
        } else {
            fold_chars(text, read);
        }
        words.end_word();
        Self {
            counts: words.counts,
        }
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
    fn every_marker_fits_the_word_buffer() {
        for language in Language::ALL {
            for word in marker_words(language).split_whitespace() {
                assert!(word.len() <= MAX_MARKER_BYTES && word.is_ascii(), "{word}");
            }
        }
    }

    #[test]
    fn words_are_read_as_the_folded_text_spells_them() {
        // Decomposed accents, typographic apostrophes, capitals and placeholders inside words.
        let composed = Evidence::of("Você não está aí? Então, amanhã é o dia.");
        let decomposed = Evidence::of(
            "Voc\u{65}\u{302} na\u{303}o esta\u{301} ai\u{301}? Enta\u{303}o, amanha\u{303} e\u{301} o dia.",
        );
        assert_eq!(composed, decomposed);
        assert_eq!(composed.count(Language::Portuguese), 6);
        assert_eq!(
            Evidence::of("We DON\u{2019}T know, you{x}r bill").count(Language::English),
            3
        );
        assert_eq!(
            Evidence::of("extraordinarilyyour the").count(Language::English),
            1
        );
    }

    /// The detector as first written: the whole text folded, then split into words.
    fn evidence_by_folding_first(text: &str) -> Evidence {
        let folded = crate::analysis::fold::fold(text);
        let mut counts = [0; 3];
        let mut count = |word: &str| {
            let bits = pack(word.as_bytes()).map_or(0, languages_marked_by);
            for (i, n) in counts.iter_mut().enumerate() {
                *n += usize::from(bits >> i & 1);
            }
        };
        let (mut depth, mut word) = (0usize, String::new());
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
        Evidence { counts }
    }

    #[test]
    fn streaming_reads_every_real_sentence_as_folding_first_did() {
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/corpus/real");
        let mut read = 0;
        for name in [
            "en.dev.tsv",
            "en.heldout.tsv",
            "pt.dev.tsv",
            "pt.heldout.tsv",
        ] {
            let text = std::fs::read_to_string(format!("{root}/{name}")).expect("corpus file");
            for line in text.lines() {
                assert_eq!(
                    Evidence::of(line),
                    evidence_by_folding_first(line),
                    "{line}"
                );
                read += 1;
            }
        }
        assert!(read > 1000);
    }

    #[test]
    fn short_or_mixed_texts_give_no_verdict() {
        assert_eq!(detect("OK"), None);
        assert_eq!(detect("{nome}"), None);
        assert_eq!(detect("Pix ou boleto"), None);
    }
}
