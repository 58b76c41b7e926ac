//! Case- and accent-folded text that remembers where each byte came from.
//!
//! Claim and disclosure patterns are written once, in lowercase ASCII (`valida por 5 dias`), and
//! matched against the folded text; a match is then mapped back to the bytes of the original
//! string so findings point at the words as the author wrote them. The wording helper builds a
//! fuller normaliser; this one function is the only place to swap when it lands.

use std::cell::OnceCell;
use std::ops::Range;

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// A folded text, and the way back from its bytes to the original's.
#[derive(Debug, Clone)]
pub struct Folded {
    pub text: String,
    /// The original text, kept when it was not ASCII (an ASCII text folds byte for byte).
    source: Option<Box<str>>,
    /// For each folded byte, the original character's byte range: built on the first call to
    /// [`Self::original`], since most texts are folded, searched and never mapped back.
    origin: OnceCell<Vec<Range<usize>>>,
}

impl Folded {
    /// The original byte range behind folded bytes `range`.
    pub fn original(&self, range: Range<usize>) -> Range<usize> {
        let Some(source) = &self.source else {
            let start = range.start.min(self.text.len());
            return start..range.end.clamp(start, self.text.len());
        };
        let origin = self.origin.get_or_init(|| origin_map(source));
        let Some(first) = origin.get(range.start) else {
            let at = origin.last().map_or(0, |r| r.end);
            return at..at;
        };
        if range.start >= range.end {
            return first.start..first.start;
        }
        let end = range.end.min(origin.len());
        first.start..origin[end - 1].end
    }
}

/// For each byte `text` folds to, the byte range of the character it came from.
fn origin_map(text: &str) -> Vec<Range<usize>> {
    let mut origin = Vec::with_capacity(text.len());
    for (at, c) in text.char_indices() {
        let source = at..at + c.len_utf8();
        fold_char(c, |f| {
            origin.extend(std::iter::repeat_n(source.clone(), f.len_utf8()))
        });
    }
    origin
}

/// Lowercases, strips accents (`ação` → `acao`) and turns typographic quotes and dashes into
/// ASCII, keeping the way back to the original bytes.
pub fn fold(text: &str) -> Folded {
    // ASCII folds byte for byte except for the backtick, which becomes an apostrophe.
    if text.is_ascii() {
        let mut folded = text.to_ascii_lowercase();
        if folded.contains('`') {
            folded = folded.replace('`', "'");
        }
        return Folded {
            text: folded,
            source: None,
            origin: OnceCell::new(),
        };
    }
    let mut folded = String::with_capacity(text.len());
    fold_chars(text, |f| folded.push(f));
    Folded {
        text: folded,
        source: Some(text.into()),
        origin: OnceCell::new(),
    }
}

/// The folded characters of `text`, one by one, as [`fold`] writes them, without building the
/// text: for readers that only look at its words once (the language detector).
pub fn fold_chars(text: &str, mut each: impl FnMut(char)) {
    for c in text.chars() {
        fold_char(c, &mut each);
    }
}

/// What one character folds to: none (a lone combining mark), one, or several characters.
fn fold_char(c: char, mut out: impl FnMut(char)) {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{00B4}' | '`' => out('\''),
        '\u{201C}' | '\u{201D}' | '\u{00AB}' | '\u{00BB}' => out('"'),
        '\u{2010}'..='\u{2015}' => out('-'),
        '\u{00A0}' | '\u{202F}' => out(' '),
        // ASCII lowercases to itself or one letter and has no decomposition: no tables, no
        // allocation (most of every text).
        _ if c.is_ascii() => out(c.to_ascii_lowercase()),
        _ => {
            for lower in c.to_lowercase() {
                std::iter::once(lower)
                    .nfd()
                    .filter(|d| !is_combining_mark(*d))
                    .for_each(&mut out);
            }
        }
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
        // A decomposed accent folds to nothing: the bytes after it keep their own places.
        let decomposed = "ate\u{301} 12x";
        let f = fold(decomposed);
        assert_eq!(f.text, "ate 12x");
        assert_eq!(f.original(0..3), 0..3);
        assert_eq!(f.original(3..4), 5..6);
        // A character that folds to several: `ﬁ` (U+FB01) lowercases to itself, `İ` to `i̇`.
        let f = fold("İx");
        assert_eq!(f.original(f.text.len() - 1..f.text.len()), 2..3);
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
