//! Text normalisation with an offset map back to the original bytes.
//!
//! Scripts are written the way people type: capitals, missing accents, SMS shorthand, curly
//! quotes pasted from a word processor, sometimes look-alike letters or invisible characters
//! that hide a word from a naive search. The matcher reads one canonical form instead:
//!
//! * lowercase, accents and other combining marks removed (NFKD), so `PRISÃO` reads `prisao`;
//! * typographic quotes, apostrophes and dashes unified, invisible characters dropped;
//! * Cyrillic and Greek look-alikes folded to the Latin letter they imitate;
//! * runs of three or more identical letters shortened (`caloteirooo`), digits inside words read
//!   as the letters they stand for (`pr1s4o`);
//! * SMS spellings and English contractions expanded per language (`vc` → `voce`, `won't` →
//!   `will not`), so negations are visible to the context rules;
//! * every token separated by exactly one space, punctuation included (`pay , now !`), with a
//!   leading and trailing space: a phrase written ` pay now` can only match at a word start.
//!
//! Every byte of the normalised text remembers the byte range of the original it came from, so
//! a match maps back onto the words exactly as they were written.

use std::ops::Range;

use unicode_normalization::char::{decompose_compatible, is_combining_mark};

/// A normalised text and, for each of its bytes, the original bytes it stands for.
#[derive(Debug, Clone)]
pub struct Normalized {
    /// Tokens separated by single spaces, with a space at both ends.
    pub text: String,
    origin: Vec<(usize, usize)>,
}

impl Normalized {
    /// The original byte range behind a byte range of [`Self::text`]. Spaces at the edges of
    /// the range are ignored, so the result starts and ends on written characters.
    pub fn original_range(&self, range: Range<usize>) -> Range<usize> {
        let bytes = self.text.as_bytes();
        let mut start = range.start.min(bytes.len());
        let mut end = range.end.min(bytes.len());
        while start < end && bytes[start] == b' ' {
            start += 1;
        }
        while end > start && bytes[end - 1] == b' ' {
            end -= 1;
        }
        if start >= end {
            let at = self.origin.get(start).map_or(0, |o| o.0);
            return at..at;
        }
        self.origin[start].0..self.origin[end - 1].1
    }
}

/// Normalises `text` for the wording packs of `language` (`en`, `pt`; others get no expansions).
pub fn normalize(text: &str, language: &str) -> Normalized {
    let folded = fold_characters(text);
    let mut out = Builder::default();
    out.space(text.len());
    let mut i = 0;
    while i < folded.len() {
        let (c, start, _) = folded[i];
        if is_word_char(c) {
            let mut j = i + 1;
            while j < folded.len() && continues_word(&folded, j) {
                j += 1;
            }
            emit_word(&folded[i..j], language, &mut out);
            i = j;
        } else {
            if c == ' ' {
                out.space(start);
            } else {
                out.space(start);
                out.push(c, folded[i].1, folded[i].2);
                out.space(folded[i].2);
            }
            i += 1;
        }
    }
    out.space(text.len());
    out.finish()
}

/// One folded character and the original bytes it came from.
type Folded = (char, usize, usize);

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '*'
}

/// Whether the character at `j` continues the word before it: letters, digits, masking
/// asterisks (`f*ck`), and an apostrophe or hyphen between two word characters.
fn continues_word(folded: &[Folded], j: usize) -> bool {
    let c = folded[j].0;
    if is_word_char(c) {
        return true;
    }
    c == '\'' && folded.get(j + 1).is_some_and(|n| n.0.is_alphanumeric())
}

/// Case, accents, compatibility forms, look-alikes, quotes, dashes and invisible characters.
fn fold_characters(text: &str) -> Vec<Folded> {
    let mut out = Vec::with_capacity(text.len());
    for (start, c) in text.char_indices() {
        let end = start + c.len_utf8();
        let mut push = |f: char| out.push((f, start, end));
        // Most text is plain ASCII letters and digits: skip the Unicode tables for them.
        if c.is_ascii_alphanumeric() {
            push(c.to_ascii_lowercase());
            continue;
        }
        if is_invisible(c) {
            continue;
        }
        if c.is_whitespace() {
            push(' ');
            continue;
        }
        match c {
            '\'' | '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '`'
            | '\u{00B4}' | '\u{02BC}' => push('\''),
            '"' | '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{00AB}'
            | '\u{00BB}' => push('"'),
            '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE58}' | '\u{FE63}' | '\u{FF0D}' => {
                push('-')
            }
            _ => decompose_compatible(c, |d| {
                for lower in d.to_lowercase() {
                    if is_combining_mark(lower) || is_invisible(lower) {
                        continue;
                    }
                    match lower {
                        'ß' => {
                            push('s');
                            push('s');
                        }
                        'æ' => {
                            push('a');
                            push('e');
                        }
                        'œ' => {
                            push('o');
                            push('e');
                        }
                        other => push(fold_lookalike(other)),
                    }
                }
            }),
        }
    }
    split_hyphenated(&mut out);
    out
}

/// A hyphen between two letters joins a compound (`sem-vergonha`, `co-workers`): read it as a
/// space so lists need only the spaced form. Other hyphens stay punctuation.
fn split_hyphenated(folded: &mut [Folded]) {
    for j in 1..folded.len().saturating_sub(1) {
        if folded[j].0 == '-' && folded[j - 1].0.is_alphabetic() && folded[j + 1].0.is_alphabetic()
        {
            folded[j].0 = ' ';
        }
    }
}

/// Zero-width, bidirectional, soft-hyphen, variation-selector and control characters.
fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{180E}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{206F}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}'
        | '\u{E0000}'..='\u{E007F}' | '\u{E0100}'..='\u{E01EF}')
        || (c.is_control() && !c.is_whitespace())
}

/// Cyrillic and Greek letters that look like Latin ones, and a few Latin variants NFKD keeps.
fn fold_lookalike(c: char) -> char {
    match c {
        'а' | 'α' | 'ɑ' => 'a',
        'в' | 'β' => 'b',
        'с' | 'ϲ' => 'c',
        'ԁ' | 'đ' => 'd',
        'е' | 'ё' | 'є' | 'ε' => 'e',
        'ɡ' => 'g',
        'һ' | 'н' => 'h',
        'і' | 'ї' | 'ι' | 'ı' => 'i',
        'ј' => 'j',
        'к' | 'κ' => 'k',
        'ӏ' | 'ł' => 'l',
        'м' => 'm',
        'η' | 'п' => 'n',
        'о' | 'ο' | 'ø' | 'σ' => 'o',
        'р' | 'ρ' => 'p',
        'ԛ' => 'q',
        'ѕ' => 's',
        'т' | 'τ' => 't',
        'υ' | 'μ' => 'u',
        'ν' => 'v',
        'ԝ' | 'ω' | 'ш' => 'w',
        'х' | 'χ' => 'x',
        'у' | 'γ' => 'y',
        other => other,
    }
}

/// Builds the normalised text and its origin map.
#[derive(Default)]
struct Builder {
    text: String,
    origin: Vec<(usize, usize)>,
}

impl Builder {
    fn push(&mut self, c: char, start: usize, end: usize) {
        self.text.push(c);
        for _ in 0..c.len_utf8() {
            self.origin.push((start, end));
        }
    }
    fn push_str(&mut self, s: &str, start: usize, end: usize) {
        for c in s.chars() {
            self.push(c, start, end);
        }
    }
    /// A single separating space (never two in a row).
    fn space(&mut self, at: usize) {
        if !self.text.ends_with(' ') {
            self.push(' ', at, at);
        }
    }
    fn finish(self) -> Normalized {
        Normalized {
            text: self.text,
            origin: self.origin,
        }
    }
}

/// Emits one word: expanded when it is shorthand or a contraction, otherwise letter by letter
/// (keeping each letter's own origin) after squeezing repeats and reading digits as letters.
fn emit_word(word: &[Folded], language: &str, out: &mut Builder) {
    let start = word[0].1;
    let end = word[word.len() - 1].2;
    let mut word = word;
    // An English possessive names its owner: "attorney's office" reads "attorney office".
    if language == "en"
        && word.len() > 2
        && word[word.len() - 2].0 == '\''
        && word[word.len() - 1].0 == 's'
    {
        let base: String = word[..word.len() - 2].iter().map(|f| f.0).collect();
        if !matches!(
            base.as_str(),
            "it" | "that" | "there" | "what" | "he" | "she" | "who" | "here" | "where" | "let"
        ) {
            word = &word[..word.len() - 2];
        }
    }
    let squeezed = squeeze_repeats(word);
    let plain: String = squeezed.iter().map(|f| f.0).collect();
    if let Some(expansion) = expand(&plain, language) {
        out.space(start);
        out.push_str(expansion.trim(), start, end);
        out.space(end);
        return;
    }
    let letters = read_digits_as_letters(&squeezed);
    let plain: String = letters.iter().map(|f| f.0).collect();
    if let Some(expansion) = expand(&plain, language) {
        out.space(start);
        out.push_str(expansion.trim(), start, end);
        out.space(end);
        return;
    }
    out.space(start);
    for &(c, s, e) in &letters {
        if c != '\'' {
            out.push(c, s, e);
        }
    }
    out.space(end);
}

/// `caloteirooo` → `caloteiro`: a run of three or more identical letters becomes one letter
/// that stands for the whole run; doubled letters (`arrears`, `carro`) stay as written.
fn squeeze_repeats(word: &[Folded]) -> Vec<Folded> {
    let mut out: Vec<Folded> = Vec::with_capacity(word.len());
    let mut i = 0;
    while i < word.len() {
        let c = word[i].0;
        let mut j = i + 1;
        while j < word.len() && word[j].0 == c {
            j += 1;
        }
        if j - i >= 3 && c.is_alphabetic() {
            out.push((c, word[i].1, word[j - 1].2));
        } else {
            out.extend_from_slice(&word[i..j]);
        }
        i = j;
    }
    out
}

/// A digit between two letters stands for the letter it looks like (`pr1s4o`, `j4il`); digits
/// at the edge of a word are numbers (`5pm`, `12x`, `10am`).
fn read_digits_as_letters(word: &[Folded]) -> Vec<Folded> {
    let is_letter = |k: usize| word.get(k).is_some_and(|f| f.0.is_alphabetic());
    word.iter()
        .enumerate()
        .map(|(k, &(c, s, e))| {
            if !(k > 0 && is_letter(k - 1) && is_letter(k + 1)) {
                return (c, s, e);
            }
            let letter = match c {
                '0' => 'o',
                '1' => 'i',
                '3' => 'e',
                '4' => 'a',
                '5' => 's',
                '7' => 't',
                other => other,
            };
            (letter, s, e)
        })
        .collect()
}

/// The expansion of shorthand or a contraction, when `word` is one.
fn expand(word: &str, language: &str) -> Option<&'static str> {
    match language {
        "en" => expand_en(word),
        "pt" => expand_pt(word),
        _ => None,
    }
}

fn expand_pt(word: &str) -> Option<&'static str> {
    Some(match word.replace('\'', "").as_str() {
        "vc" | "vcs" | "ce" | "oce" | "voc" => "voce",
        "pq" | "pk" | "porq" => "porque",
        "q" | "ki" => "que",
        "tb" | "tbm" | "tmb" => "tambem",
        "n" | "naum" | "nao" | "nn" | "ñ" => "nao",
        "hj" => "hoje",
        "amn" | "amh" => "amanha",
        "dps" => "depois",
        "mt" | "mto" | "mta" => "muito",
        "pra" | "pa" => "para",
        "pro" => "para o",
        "pros" => "para os",
        "pras" => "para as",
        "qdo" | "qnd" | "qd" | "qndo" => "quando",
        "agr" => "agora",
        "cmg" => "comigo",
        "ctg" => "contigo",
        "td" => "tudo",
        "tds" => "todos",
        "ngm" => "ninguem",
        "oq" => "o que",
        "msg" => "mensagem",
        "sr" => "senhor",
        "sra" => "senhora",
        "ta" => "esta",
        "to" | "tou" => "estou",
        "tao" => "tao",
        "vamo" => "vamos",
        "eh" => "e",
        "pfv" | "pf" | "pfvr" => "por favor",
        "obg" => "obrigado",
        "vdd" => "verdade",
        "fds" => "fim de semana",
        "cel" => "celular",
        "dnv" => "de novo",
        "mil" => "mil",
        _ => return None,
    })
}

fn expand_en(word: &str) -> Option<&'static str> {
    let bare = word.replace('\'', "");
    let expanded = match bare.as_str() {
        "u" | "ya" | "yu" => "you",
        "ur" | "yr" | "youre" if word.contains('\'') => "you are",
        "ur" | "yr" | "yor" => "your",
        "youre" => "you are",
        "r" => "are",
        "pls" | "plz" | "pleas" => "please",
        "b4" => "before",
        "2day" => "today",
        "2morrow" | "2moro" | "tmrw" | "tmr" | "tomorow" | "tommorow" | "tommorrow" => "tomorrow",
        "2nite" | "tonite" => "tonight",
        "gonna" => "going to",
        "gotta" => "got to",
        "wanna" => "want to",
        "gimme" => "give me",
        "cuz" | "coz" | "cos" | "bc" => "because",
        "ppl" => "people",
        "msg" => "message",
        "txt" => "text",
        "nvr" => "never",
        "thx" | "thnx" => "thanks",
        "dont" => "do not",
        "doesnt" => "does not",
        "didnt" => "did not",
        "wont" => "will not",
        "cant" | "cannot" => "can not",
        "isnt" => "is not",
        "arent" => "are not",
        "wasnt" => "was not",
        "werent" => "were not",
        "havent" => "have not",
        "hasnt" => "has not",
        "hadnt" => "had not",
        "shouldnt" => "should not",
        "wouldnt" => "would not",
        "couldnt" => "could not",
        "mustnt" => "must not",
        "aint" => "is not",
        "youll" => "you will",
        "youve" => "you have",
        "youd" => "you would",
        "theyll" => "they will",
        "theyre" => "they are",
        "theyve" => "they have",
        "itll" => "it will",
        "im" => "i am",
        "ive" => "i have",
        "weve" => "we have",
        "its" if word.contains('\'') => "it is",
        "hes" if word.contains('\'') => "he is",
        "shes" if word.contains('\'') => "she is",
        "whos" if word.contains('\'') => "who is",
        "heres" if word.contains('\'') => "here is",
        "wheres" if word.contains('\'') => "where is",
        "whats" => "what is",
        "thats" => "that is",
        "theres" => "there is",
        "lets" => "let us",
        "well" if word.contains('\'') => "we will",
        "were" if word.contains('\'') => "we are",
        "ill" if word.contains('\'') => "i will",
        "id" if word.contains('\'') => "i would",
        "hell" if word.contains('\'') => "he will",
        "shell" if word.contains('\'') => "she will",
        "wed" if word.contains('\'') => "we would",
        _ => return None,
    };
    Some(expanded)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norm(text: &str, language: &str) -> String {
        normalize(text, language).text
    }

    #[test]
    fn folds_case_accents_and_punctuation() {
        assert_eq!(
            norm("VOCÊ vai pra PRISÃO!", "pt"),
            " voce vai para prisao ! "
        );
        assert_eq!(norm("“Don’t”  — ok", "en"), " \" do not \" - ok ");
        assert_eq!(
            norm("co-workers, sem-vergonha", "pt"),
            " co workers , sem vergonha "
        );
    }

    #[test]
    fn removes_invisible_and_lookalike_characters() {
        assert_eq!(norm("pri\u{200B}são", "pt"), " prisao ");
        // Cyrillic а and о inside Latin words.
        assert_eq!(norm("j\u{0430}il c\u{043E}ps", "en"), " jail cops ");
        assert_eq!(norm("ＪＡＩＬ", "en"), " jail ");
    }

    #[test]
    fn expands_sms_spellings_and_contractions() {
        assert_eq!(norm("vc ñ paga pq?", "pt"), " voce nao paga porque ? ");
        assert_eq!(
            norm("u won't, ur late, we'll see", "en"),
            " you will not , your late , we will see "
        );
        assert_eq!(norm("caloteirooo pr1s4o", "pt"), " caloteiro prisao ");
        assert_eq!(
            norm("the debtor's file, it's late", "en"),
            " the debtor file , it is late "
        );
    }

    #[test]
    fn maps_matches_back_to_the_original_bytes() {
        let text = "Vc VAI PRO XADREZ, ou pra PRISÃO";
        let n = normalize(text, "pt");
        let at = n.text.find("prisao").expect("folded");
        let range = n.original_range(at..at + "prisao".len());
        assert_eq!(&text[range], "PRISÃO");
        let at = n.text.find("para o xadrez").expect("expanded");
        let range = n.original_range(at..at + "para o xadrez".len());
        assert_eq!(&text[range], "PRO XADREZ");
    }

    #[test]
    fn squeezed_letters_keep_their_whole_span() {
        let text = "seu CALOTEIROOO!";
        let n = normalize(text, "pt");
        let at = n.text.find("caloteiro").expect("squeezed");
        assert_eq!(&text[n.original_range(at..at + 9)], "CALOTEIROOO");
    }

    #[test]
    fn never_panics_on_odd_input() {
        for text in [
            "",
            " ",
            "\u{200B}",
            "'",
            "-a-",
            "ß",
            "İ",
            "🔫🔫",
            "a\u{301}\u{301}",
            "\r\n\t",
            "3333",
        ] {
            let n = normalize(text, "pt");
            let _ = n.original_range(0..n.text.len());
            let _ = n.original_range(5..100);
        }
    }
}
