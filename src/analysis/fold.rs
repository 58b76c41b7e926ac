//! Case- and accent-folded text that remembers where each byte came from.
//!
//! Claim and disclosure patterns are written once, in lowercase ASCII (`valida por 5 dias`), and
//! matched against the folded text; a match is then mapped back to the bytes of the original
//! string so findings point at the words as the author wrote them. The wording helper builds a
//! fuller normaliser; this one function is the only place to swap when it lands.

use std::ops::Range;

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// A folded text and, for each of its bytes, the original character's byte range.
#[derive(Debug, Clone)]
pub struct Folded {
    pub text: String,
    /// Empty when the text was ASCII: each folded byte is then the original byte at its index
    /// (most texts, spared a 16-byte range per byte).
    origin: Vec<Range<usize>>,
}

impl Folded {
    /// The original byte range behind folded bytes `range`.
    pub fn original(&self, range: Range<usize>) -> Range<usize> {
        if self.origin.is_empty() {
            let start = range.start.min(self.text.len());
            return start..range.end.clamp(start, self.text.len());
        }
        let Some(first) = self.origin.get(range.start) else {
            let at = self.origin.last().map_or(0, |r| r.end);
            return at..at;
        };
        if range.start >= range.end {
            return first.start..first.start;
        }
        let end = range.end.min(self.origin.len());
        first.start..self.origin[end - 1].end
    }
}

/// Lowercases, strips accents (`ação` → `acao`) and turns typographic quotes and dashes into
/// ASCII, keeping a map back to the original bytes.
pub fn fold(text: &str) -> Folded {
    // ASCII folds byte for byte except for the backtick, which becomes an apostrophe.
    if text.is_ascii() {
        let mut folded = text.to_ascii_lowercase();
        if folded.contains('`') {
            folded = folded.replace('`', "'");
        }
        return Folded {
            text: folded,
            origin: Vec::new(),
        };
    }
    let mut folded = String::with_capacity(text.len());
    let mut origin = Vec::with_capacity(text.len());
    for (at, c) in text.char_indices() {
        let source = at..at + c.len_utf8();
        let before = folded.len();
        match c {
            '\u{2018}' | '\u{2019}' | '\u{00B4}' | '`' => folded.push('\''),
            '\u{201C}' | '\u{201D}' | '\u{00AB}' | '\u{00BB}' => folded.push('"'),
            '\u{2010}'..='\u{2015}' => folded.push('-'),
            '\u{00A0}' | '\u{202F}' => folded.push(' '),
            // ASCII lowercases to itself or one letter and has no decomposition: no tables, no
            // allocation (most of every text).
            _ if c.is_ascii() => folded.push(c.to_ascii_lowercase()),
            _ => {
                for lower in c.to_lowercase() {
                    folded.extend(
                        std::iter::once(lower)
                            .nfd()
                            .filter(|d| !is_combining_mark(*d)),
                    );
                }
            }
        }
        origin.extend(std::iter::repeat_n(source, folded.len() - before));
    }
    Folded {
        text: folded,
        origin,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_and_accents() {
        assert_eq!(
            fold("Válida POR 5 Dias, SEM JUROS, ação").text,
            "valida por 5 dias, sem juros, acao"
        );
        assert_eq!(fold("“interest‑free”").text, "\"interest-free\"");
    }

    #[test]
    fn maps_matches_back_to_original_bytes() {
        let text = "Parcelamento em até 12x sem juros";
        let f = fold(text);
        let start = f.text.find("ate 12x").expect("folded match");
        let range = f.original(start..start + "ate 12x".len());
        assert_eq!(&text[range], "até 12x");
        assert_eq!(f.original(3..3), 3..3);
        assert_eq!(f.original(99..100), text.len()..text.len());
    }

    #[test]
    fn ascii_texts_map_to_themselves() {
        let text = "Valid `for` 5 DAYS";
        let f = fold(text);
        assert_eq!(f.text, "valid 'for' 5 days");
        assert_eq!(f.original(6..11), 6..11);
        assert_eq!(f.original(3..3), 3..3);
        assert_eq!(f.original(99..100), text.len()..text.len());
        assert_eq!(fold("").original(0..0), 0..0);
    }
}
