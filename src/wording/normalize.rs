//! Text normalisation with an offset map back to the original bytes.
//!
//! Scripts are written the way people type: capitals, missing accents, SMS shorthand, curly
//! quotes pasted from a word processor, sometimes look-alike letters or invisible characters
//! that hide a word from a naive search. The matcher reads one canonical form instead:
//!
//! * the text as a person sees it rendered ([`rendered`]): HTML entities decoded (`j&#97;il`),
//!   Markdown link syntax and HTML tags dropped (`[ja](x)il`), a right-to-left override read in
//!   display order; Markdown emphasis inside or around a word removed (`**ja**il`, `_pri_são`);
//! * lowercase, accents and other combining marks removed (NFKD), so `PRISÃO` reads `prisao`;
//! * typographic quotes, apostrophes and dashes unified, invisible characters dropped;
//! * Cyrillic, Greek and Armenian look-alikes and Latin small capitals folded to the Latin letter
//!   they imitate, before NFKD (which would turn `ϲ` into `ς`); blank fillers (U+3164, U+2800)
//!   dropped like other invisible characters;
//! * runs of three or more identical letters shortened (`caloteirooo`), digits and `$ @ !` read
//!   as the letters they stand for (`pr1s4o`, `caloteir0`, `pri$ão`), letters split by spaces,
//!   dots, hyphens or NBSP joined (`j a i l`, `p.r.i.s.ã.o`); web and e-mail addresses, money,
//!   numbers with units (`5pm`, `12x`) and initials (`J. A. Smith`) stay as written;
//! * SMS spellings and English contractions expanded per language (`vc` → `voce`, `won't` →
//!   `will not`), so negations are visible to the context rules;
//! * every token separated by exactly one space, punctuation included (`pay , now !`), with a
//!   leading and trailing space: a phrase written ` pay now` can only match at a word start.
//!
//! Every byte of the normalised text remembers the byte range of the original it came from, so
//! a match maps back onto the words exactly as they were written.

mod rendered;

use std::borrow::Cow;
use std::ops::Range;

use unicode_normalization::char::{decompose_compatible, is_combining_mark};

use rendered::{Shown, rendered};

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
        // Letters shown in reverse (a right-to-left override) come from bytes in reverse
        // order: the range is the span of all of them.
        let from = self.origin[start..end].iter().map(|o| o.0).min();
        let to = self.origin[start..end].iter().map(|o| o.1).max();
        from.unwrap_or(0)..to.unwrap_or(0)
    }
}

/// Normalises `text` for the wording packs of `language` (`en`, `pt`; others get no expansions).
pub fn normalize(text: &str, language: &str) -> Normalized {
    let (folded, verbatim) = fold_characters(text, language);
    let mut out = Builder::default();
    out.space(text.len());
    let mut i = 0;
    while i < folded.len() {
        let (c, start, _) = folded[i];
        if is_word_char(c) {
            let mut j = i + 1;
            while j < folded.len() && continues_word(&folded, j, language) {
                j += 1;
            }
            emit_word(&folded[i..j], verbatim[i], language, &mut out);
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
fn continues_word(folded: &[Folded], j: usize, language: &str) -> bool {
    let c = folded[j].0;
    if is_word_char(c) {
        return true;
    }
    if c != '\'' {
        return false;
    }
    // "don't", "d'água"; and a plural possessive, "debtors' prisons", whose apostrophe is not a
    // closing quote (a quote would end the clause and hide a negation before it).
    let next = folded.get(j + 1).map(|n| n.0);
    next.is_some_and(char::is_alphanumeric)
        || (language == "en"
            && english_plural_possessive(folded, j)
            && next.is_none_or(|n| n == ' '))
}

/// An apostrophe right after the `s` of a word of three letters or more, with a space before
/// the next word's letter: the plural possessive of English.
fn english_plural_possessive(folded: &[Folded], j: usize) -> bool {
    j >= 3
        && folded[j - 1].0 == 's'
        && folded[j - 3..j].iter().all(|f| f.0.is_alphabetic())
        && folded.get(j + 2).is_some_and(|n| n.0.is_alphabetic())
}

/// The text as rendered (entities, Markdown, overrides), then case, accents, compatibility
/// forms, look-alikes, quotes, dashes and invisible characters; then the disguises people
/// read through: symbols standing for letters, emphasis inside a word, letters split apart.
/// Returns the folded characters and, for each, whether it lies in a web or e-mail address.
fn fold_characters(text: &str, language: &str) -> (Vec<Folded>, Vec<bool>) {
    let mut out = Vec::with_capacity(text.len());
    let mut verbatim = Vec::with_capacity(text.len());
    for Shown {
        c,
        start,
        end,
        verbatim: in_address,
    } in rendered(text)
    {
        let before = out.len();
        fold_one(c, start, end, &mut out);
        verbatim.resize(verbatim.len() + out.len() - before, in_address);
    }
    // Each pass below changes only the characters it names; most texts hold none of them, and
    // a pass with nothing to change is skipped rather than run over every character.
    let holds = |out: &[Folded], wanted: &[char]| out.iter().any(|f| wanted.contains(&f.0));
    if holds(&out, &['$', '@', '!']) {
        read_symbols_as_letters(&mut out, &verbatim);
    }
    if holds(&out, &['*', '_', '~']) {
        strip_emphasis(&mut out, &mut verbatim);
    }
    if holds(&out, &['-']) {
        split_hyphenated(&mut out);
    }
    join_split_letters(text, language, &mut out, &mut verbatim);
    (out, verbatim)
}

fn fold_one(c: char, start: usize, end: usize, out: &mut Vec<Folded>) {
    let mut push = |f: char| out.push((f, start, end));
    // Most text is plain ASCII letters and digits: skip the Unicode tables for them.
    if c.is_ascii_alphanumeric() {
        push(c.to_ascii_lowercase());
        return;
    }
    if is_invisible(c) {
        return;
    }
    if c.is_whitespace() {
        push(' ');
        return;
    }
    match c {
        '\'' | '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '`'
        | '\u{00B4}' | '\u{02BC}' => push('\''),
        '"' | '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{00AB}'
        | '\u{00BB}' => push('"'),
        '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE58}' | '\u{FE63}' | '\u{FF0D}' => push('-'),
        _ => {
            // Look-alikes first: NFKD would turn some into other letters (`ϲ` into `ς`).
            let mut lower = c.to_lowercase();
            if let (Some(single), None) = (lower.next(), lower.next()) {
                let folded = fold_lookalike(single);
                if folded != single {
                    push(folded);
                    return;
                }
            }
            decompose_compatible(c, |d| {
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
            })
        }
    }
}

/// Drops the characters marked in `drop` from both sequences.
fn remove_marked(folded: &mut Vec<Folded>, verbatim: &mut Vec<bool>, drop: &[bool]) {
    let mut k = 0;
    folded.retain(|_| {
        k += 1;
        !drop[k - 1]
    });
    let mut k = 0;
    verbatim.retain(|_| {
        k += 1;
        !drop[k - 1]
    });
}

/// `pri$ão`, `j@il`, `pr!são`, `$@f@do`, `!d!ot`: in a word of two letters or more, `$` and
/// `@` read as `s` and `a`, and `!` between two letters (or starting a word of three letters
/// or more) as `i`. Money (`R$ 10`, `$312.40`), exclamations (`now!`) and addresses stay as
/// written.
fn read_symbols_as_letters(folded: &mut [Folded], verbatim: &[bool]) {
    let is_part = |c: char| c.is_alphanumeric() || matches!(c, '$' | '@' | '!');
    let mut i = 0;
    while i < folded.len() {
        if !is_part(folded[i].0) || verbatim[i] {
            i += 1;
            continue;
        }
        let mut j = i;
        while j < folded.len() && is_part(folded[j].0) && !verbatim[j] {
            j += 1;
        }
        let letters = folded[i..j].iter().filter(|f| f.0.is_alphabetic()).count();
        if letters >= 2 {
            for f in &mut folded[i..j] {
                f.0 = match f.0 {
                    '$' => 's',
                    '@' => 'a',
                    other => other,
                };
            }
            for k in i..j.saturating_sub(1) {
                let starts = k == i && letters >= 3;
                if folded[k].0 == '!'
                    && (starts || (k > i && folded[k - 1].0.is_alphabetic()))
                    && folded[k + 1].0.is_alphabetic()
                {
                    folded[k].0 = 'i';
                }
            }
        }
        i = j.max(i + 1);
    }
}

/// Markdown emphasis renders as the word it wraps: `**ja**il`, `_pri_são`, `**jail**`. A run
/// of `*`, `_` or `~` that opens (a letter follows) is paired with the next run of the same
/// kind and length that closes (a letter precedes), and both are dropped. Two runs inside
/// words with a space between them are masks, not emphasis (`sh*t and f*ck`), and an unpaired
/// `*` stays a masked letter.
fn strip_emphasis(folded: &mut Vec<Folded>, verbatim: &mut Vec<bool>) {
    let is_delimiter = |c: char| matches!(c, '*' | '_' | '~');
    // (character, run length, first index, run is inside a word)
    let mut openers: Vec<(char, usize, usize, bool)> = Vec::new();
    let mut drop = vec![false; folded.len()];
    let mut any = false;
    let mut i = 0;
    while i < folded.len() {
        let c = folded[i].0;
        if !is_delimiter(c) || verbatim[i] {
            i += 1;
            continue;
        }
        let mut j = i;
        while j < folded.len() && folded[j].0 == c {
            j += 1;
        }
        let len = j - i;
        let letter_before = i > 0 && folded[i - 1].0.is_alphanumeric();
        let letter_after = folded.get(j).is_some_and(|f| f.0.is_alphanumeric());
        let inside = letter_before && letter_after;
        let mut closed = false;
        if letter_before && let Some(at) = openers.iter().rposition(|o| o.0 == c && o.1 == len) {
            let (_, _, start, opener_inside) = openers[at];
            let spaced = folded[start..i].iter().any(|f| f.0 == ' ');
            if !(inside && opener_inside && spaced) {
                drop[start..start + len].iter_mut().for_each(|d| *d = true);
                drop[i..j].iter_mut().for_each(|d| *d = true);
                openers.truncate(at);
                closed = true;
                any = true;
            }
        }
        if !closed && letter_after {
            openers.push((c, len, i, inside));
        }
        i = j;
    }
    if any {
        remove_marked(folded, verbatim, &drop);
    }
}

/// `j a i l`, `p.r.i.s.ã.o`, `j-a-i-l`: three or more single letters, each separated from the
/// next by one space, dot or hyphen (the same one throughout), are read as one word. Initials
/// with a dot and a space (`J. A. Smith`) and pairs (`p.m.`, `S.A.`) are not joined, nor a
/// run that starts with a one-letter shorthand word (`u r a joke`).
fn join_split_letters(
    text: &str,
    language: &str,
    folded: &mut Vec<Folded>,
    verbatim: &mut Vec<bool>,
) {
    let single = |folded: &[Folded], k: usize| {
        folded[k].0.is_alphabetic()
            && !verbatim[k]
            && (k == 0 || !is_word_char(folded[k - 1].0))
            && folded.get(k + 1).is_none_or(|f| !is_word_char(f.0))
    };
    // Made when the first run is found: most texts have none.
    let mut drop: Vec<bool> = Vec::new();
    let mut any = false;
    let mut k = 0;
    while k < folded.len() {
        // "u r a joke", "n q quero": shorthand words of one letter are not a spelled word.
        let shorthand = match language {
            "en" => matches!(folded[k].0, 'u' | 'r'),
            "pt" => matches!(folded[k].0, 'n' | 'q'),
            _ => false,
        };
        if shorthand || !single(folded, k) {
            k += 1;
            continue;
        }
        let Some(separator) = folded
            .get(k + 1)
            .map(|f| f.0)
            .filter(|c| matches!(c, ' ' | '.'))
        else {
            k += 1;
            continue;
        };
        let mut letters = 1;
        let mut last = k;
        while last + 2 < folded.len() && folded[last + 1].0 == separator && single(folded, last + 2)
        {
            last += 2;
            letters += 1;
        }
        // "a l i a r", "é c r i m e": a leading article, conjunction or verb of one letter
        // (not the first letter of "an i d i o t") is its own word when three letters follow.
        let mut first = k;
        let one_letter_word = match folded[k].0 {
            'a' | 'e' | 'o' => true,
            'i' => text.get(folded[k].1..folded[k].2) == Some("I"),
            _ => false,
        };
        let after_article = k >= 3
            && folded[k - 1].0 == ' '
            && matches!(
                folded[..k - 1]
                    .iter()
                    .rev()
                    .take_while(|f| is_word_char(f.0))
                    .map(|f| f.0)
                    .collect::<String>()
                    .as_str(),
                "na" | "eht" | "mu" | "amu"
            );
        if letters >= 4 && separator == ' ' && one_letter_word && !after_article {
            first = k + 2;
            letters -= 1;
        }
        if letters >= 3 {
            if drop.is_empty() {
                drop = vec![false; folded.len()];
            }
            for at in (first + 1..last).step_by(2) {
                drop[at] = true;
            }
            any = true;
            k = last + 1;
        } else {
            // A shorter run may still start at the next letter ("a p.r.i.s.a.o").
            k += 1;
        }
    }
    if any {
        remove_marked(folded, verbatim, &drop);
    }
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

/// Zero-width, bidirectional, soft-hyphen, variation-selector and control characters, and the
/// blank fillers that render as nothing in Latin text (Hangul fillers, the Braille blank).
fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}' | '\u{1160}' | '\u{17B4}' | '\u{17B5}'
        | '\u{180B}'..='\u{180E}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{206F}' | '\u{2800}' | '\u{3164}'
        | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}' | '\u{FFA0}'
        | '\u{E0000}'..='\u{E007F}' | '\u{E0100}'..='\u{E01EF}')
        || (c.is_control() && !c.is_whitespace())
}

/// Cyrillic, Greek and Armenian letters that look like Latin ones, Latin small capitals, and a
/// few Latin variants NFKD keeps.
fn fold_lookalike(c: char) -> char {
    match c {
        'а' | 'α' | 'ɑ' | 'ᴀ' => 'a',
        'в' | 'β' | 'ʙ' => 'b',
        'с' | 'ϲ' | 'ᴄ' => 'c',
        'ԁ' | 'đ' | 'ᴅ' => 'd',
        'е' | 'ё' | 'є' | 'ε' | 'ᴇ' => 'e',
        'ꜰ' => 'f',
        'ɡ' | 'ɢ' | 'ց' => 'g',
        'һ' | 'н' | 'ʜ' | 'հ' => 'h',
        'і' | 'ї' | 'ι' | 'ı' | 'ɪ' | 'ɩ' => 'i',
        'ј' | 'ϳ' | 'ᴊ' => 'j',
        'к' | 'κ' | 'ᴋ' => 'k',
        'ӏ' | 'ł' | 'ʟ' | 'ǀ' => 'l',
        'м' | 'ᴍ' => 'm',
        'η' | 'п' | 'ɴ' | 'ո' => 'n',
        'о' | 'ο' | 'ø' | 'σ' | 'ᴏ' | 'օ' => 'o',
        'р' | 'ρ' | 'ᴘ' => 'p',
        'ԛ' | 'ǫ' => 'q',
        'ʀ' => 'r',
        'ѕ' | 'ꜱ' => 's',
        'т' | 'τ' | 'ᴛ' => 't',
        'υ' | 'μ' | 'ᴜ' | 'ս' => 'u',
        'ν' | 'ᴠ' => 'v',
        'ԝ' | 'ω' | 'ш' | 'ᴡ' => 'w',
        'х' | 'χ' => 'x',
        'у' | 'γ' | 'ʏ' => 'y',
        'ᴢ' => 'z',
        other => other,
    }
}

/// Builds the normalised text and its origin map.
#[derive(Default)]
struct Builder {
    text: String,
    origin: Vec<(usize, usize)>,
    /// A word's letters, reused from word to word for the shorthand look-up.
    scratch: String,
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
/// Most words need neither, so they are read in place: no copy of the word is made for them.
fn emit_word(word: &[Folded], in_address: bool, language: &str, out: &mut Builder) {
    let start = word[0].1;
    let end = word[word.len() - 1].2;
    let mut word = word;
    // An English possessive names its owner: "attorney's office" reads "attorney office".
    if language == "en"
        && word.len() > 2
        && word[word.len() - 2].0 == '\''
        && word[word.len() - 1].0 == 's'
    {
        let base = &word[..word.len() - 2];
        let kept = [
            "it", "that", "there", "what", "he", "she", "who", "here", "where", "let",
        ];
        if !kept.iter().any(|k| spells(base, k)) {
            word = &word[..word.len() - 2];
        }
    }
    let squeezed: Cow<'_, [Folded]> = if has_run_of_three(word) {
        Cow::Owned(squeeze_repeats(word))
    } else {
        Cow::Borrowed(word)
    };
    let mut plain = std::mem::take(&mut out.scratch);
    plain.clear();
    plain.extend(squeezed.iter().map(|f| f.0));
    let expansion = expand(&plain, language);
    let letters: Cow<'_, [Folded]> = match expansion {
        Some(_) => squeezed,
        None if in_address || !squeezed.iter().any(|f| f.0.is_ascii_digit()) => squeezed,
        None => Cow::Owned(read_digits_as_letters(&squeezed)),
    };
    // Only digits read as letters change the word, so only then is it looked up again.
    let expansion = match (expansion, &letters) {
        (None, Cow::Owned(read)) if read.iter().map(|f| f.0).ne(plain.chars()) => {
            plain.clear();
            plain.extend(read.iter().map(|f| f.0));
            expand(&plain, language)
        }
        (found, _) => found,
    };
    out.scratch = plain;
    if let Some(expansion) = expansion {
        out.space(start);
        out.push_str(expansion.trim(), start, end);
        out.space(end);
        return;
    }
    out.space(start);
    for &(c, s, e) in letters.iter() {
        if c != '\'' {
            out.push(c, s, e);
        }
    }
    out.space(end);
}

/// Whether the folded characters spell `text` exactly.
fn spells(word: &[Folded], text: &str) -> bool {
    word.len() == text.chars().count() && word.iter().zip(text.chars()).all(|(f, c)| f.0 == c)
}

/// Whether [`squeeze_repeats`] would change the word.
fn has_run_of_three(word: &[Folded]) -> bool {
    word.windows(3)
        .any(|w| w[0].0 == w[1].0 && w[1].0 == w[2].0 && w[0].0.is_alphabetic())
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

/// Digits written for the letters they look like (`pr1s4o`, `j41l`, `c4d314`, `caloteir0`).
/// A digit between two letters always stands for a letter. When every digit of a word is one
/// that looks like a letter (0 1 3 4 5 7) and the word has two letters or more, all its
/// digits do, unless the word is a number with a short unit or ordinal after it (`5pm`,
/// `10am`, `3rd`, `100mil`). Words with other digits (`covid19`, `12x`, `mp4`) stay as written.
fn read_digits_as_letters(word: &[Folded]) -> Vec<Folded> {
    let is_letter = |k: usize| word.get(k).is_some_and(|f| f.0.is_alphabetic());
    let leet = |c: char| match c {
        '0' => Some('o'),
        '1' => Some('i'),
        '3' => Some('e'),
        '4' => Some('a'),
        '5' => Some('s'),
        '7' => Some('t'),
        _ => None,
    };
    let letters = word.iter().filter(|f| f.0.is_alphabetic()).count();
    let digits: Vec<usize> = (0..word.len())
        .filter(|&k| word[k].0.is_ascii_digit())
        .collect();
    let inner = |k: usize| k > 0 && is_letter(k - 1) && is_letter(k + 1);
    let all_leet = digits.iter().all(|&k| leet(word[k].0).is_some());
    let number_with_unit = digits.iter().enumerate().all(|(n, &k)| n == k) && letters <= 3;
    let whole_word = !digits.is_empty() && all_leet && letters >= 2 && !number_with_unit;
    word.iter()
        .enumerate()
        .map(|(k, &(c, s, e))| {
            if !(whole_word || inner(k)) {
                return (c, s, e);
            }
            (leet(c).unwrap_or(c), s, e)
        })
        .collect()
}

/// The word without its apostrophes, copied only when it has one.
fn without_apostrophes(word: &str) -> Cow<'_, str> {
    if word.contains('\'') {
        Cow::Owned(word.replace('\'', ""))
    } else {
        Cow::Borrowed(word)
    }
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
    Some(match without_apostrophes(word).as_ref() {
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
    let bare = without_apostrophes(word);
    let expanded = match bare.as_ref() {
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
    fn an_english_plural_possessive_is_not_a_quote() {
        assert_eq!(
            normalize("doesn't have debtors' prisons", "en").text,
            " does not have debtors prisons "
        );
        // A closing quote after a word in `s` stays a quote elsewhere.
        assert!(
            normalize("'os caloteiros' vão", "pt")
                .text
                .contains("caloteiros '")
        );
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
    fn reads_text_as_rendered() {
        assert_eq!(
            norm("**ja**il [ja](https://x.example)il _pri_são", "pt"),
            " jail jail prisao "
        );
        assert_eq!(
            norm("j&#97;il ja&shy;il j&#x61;il", "en"),
            " jail jail jail "
        );
        assert_eq!(
            norm("j41l pr15ão caloteir0 pri$ão c@de!@", "pt"),
            " jail prisao caloteiro prisao cadeia "
        );
        assert_eq!(
            norm("j a i l, p.r.i.s.ã.o, j-a-i-l", "pt"),
            " jail , prisao , jail "
        );
        assert_eq!(
            norm("ᴊᴀɪʟ ϲrime ja\u{3164}il ja\u{2800}il", "en"),
            " jail crime jail jail "
        );
        assert_eq!(norm("f*ck sh*t and f*ck", "en"), " f*ck sh*t and f*ck ");
    }

    #[test]
    fn leaves_numbers_money_and_addresses_alone() {
        assert_eq!(
            norm("R$ 1.500,00 $312.40 50% 5pm 10am 3rd 12x", "pt"),
            " r $ 1 . 500 , 00 $ 312 . 40 50 % 5pm 10am 3rd 12x "
        );
        assert_eq!(
            norm("j.a.il@example.com", "en"),
            " j . a . il @ example . com "
        );
        assert_eq!(
            norm("J. A. Smith, p.m., u r a joke", "en"),
            " j . a . smith , p . m . , you are a joke "
        );
        assert_eq!(norm("a l i a r", "en"), " a liar ");
    }

    #[test]
    fn disguised_words_map_back_to_every_byte_of_them() {
        for (text, word, written) in [
            ("go to \u{202E}liaj\u{202C} now", "jail", "liaj"),
            ("go to j&#97;il now", "jail", "j&#97;il"),
            ("go to **ja**il now", "jail", "ja**il"),
            ("go to j a i l now", "jail", "j a i l"),
        ] {
            let n = normalize(text, "en");
            let at = n.text.find(word).expect(word);
            assert_eq!(
                &text[n.original_range(at..at + word.len())],
                written,
                "{text:?}"
            );
        }
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
            "&#xFFFFFFFF; &#55296; &",
            "\u{202E}",
            "**",
            "[](",
            "[a](b",
            "a . b . c .",
            "$@!",
        ] {
            let n = normalize(text, "pt");
            let _ = n.original_range(0..n.text.len());
            let _ = n.original_range(5..100);
        }
    }
}
