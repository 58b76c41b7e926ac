//! The wording engine: finds threatening, abusive, shaming, pressuring and deceptive language in
//! the texts of a playbook, however it is spelled, and stays quiet on what is fine.
//!
//! [`scan`] normalises a text once ([`normalize`]) and analyses it once ([`analysis`]: sentences,
//! clauses, lexicon tags for roles, acts and modality). The frames ([`frames`]) read who does what
//! to whom over that analysis; the phrase lists ([`matcher`]) keep the fixed expressions
//! (insults, idioms, named pretexts). Matches that their sentence excuses ([`context`]: negation,
//! anti-fraud advice) or that an exemption frame reads as a mention (the law explained, a right, a
//! condition on a creditor) are dropped, and every remaining match is mapped back to the bytes of
//! the original text, with a reading that names what the engine saw. What a match means for a
//! particular playbook (whether a threatened lawsuit is in its cadence) is the rules' business.

/// One warm-up function per lazy value: each forces its value alone, so that several threads can
/// build the automata of a run at once (see [`crate::rules::warm_ups`]).
macro_rules! forcing_each {
    ($($lazy:expr),+ $(,)?) => {
        vec![$(|| { std::sync::LazyLock::force(&$lazy); }),+]
    };
}

pub mod analysis;
pub mod context;
pub mod frames;
pub mod matcher;
pub mod normalize;

use std::ops::Range;

pub use matcher::SUPPORTED_LANGUAGES;
pub use normalize::{Normalized, normalize};

/// The wording codes, as the rule catalogue spells them.
pub mod codes {
    pub const THREAT: &str = "wording/threat";
    pub const ABUSE: &str = "wording/abuse";
    pub const SHAMING: &str = "wording/shaming";
    pub const PRESSURE: &str = "wording/pressure";
    pub const FALSE_AUTHORITY: &str = "wording/false-authority";
    pub const FALSE_CONSEQUENCE: &str = "wording/false-consequence";
    pub const PRETEXT: &str = "wording/pretext";
    pub const LEGAL_ACTION: &str = "wording/legal-action";
    pub const PROHIBITED: &str = "wording/prohibited";
    pub const REQUIRED: &str = "wording/required";
    pub const AVOIDED: &str = "wording/avoided";
    pub const PREFER: &str = "wording/prefer";
    pub const LOCALE_FALLBACK: &str = "wording/locale-fallback";
}

/// An escalation a text may announce; lawful only when the playbook really takes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LegalAction {
    /// Suing, a court claim, "legal action".
    Lawsuit,
    /// Garnishment, seizure, frozen accounts, liens, bailiffs: what a court judgment allows.
    Garnishment,
    /// Registering the debt with a credit bureau (negativação).
    BureauReport,
    /// Protesting the debt at a notary (protesto em cartório).
    Protest,
}

impl LegalAction {
    pub fn parse(name: &str) -> Option<Self> {
        Some(match name {
            "lawsuit" => Self::Lawsuit,
            "garnishment" => Self::Garnishment,
            "bureau" => Self::BureauReport,
            "protest" => Self::Protest,
            _ => return None,
        })
    }

    /// How a message names it.
    pub fn describe(self) -> &'static str {
        match self {
            Self::Lawsuit => "a lawsuit",
            Self::Garnishment => "garnishment or seizure",
            Self::BureauReport => "a credit-bureau report",
            Self::Protest => "a protest at a notary",
        }
    }
}

/// One finding of the engine in one text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub code: &'static str,
    /// Bytes of the original text.
    pub range: Range<usize>,
    /// The original words.
    pub matched: String,
    /// For `wording/legal-action`: the action the words announce.
    pub action: Option<LegalAction>,
    /// A better wording, when the list gives one.
    pub suggestion: Option<&'static str>,
    /// The suggestion replaces the matched words as they are: the words are one listed variant
    /// exactly (no `*` continuation) of an entry whose suggestion fits each variant.
    pub replaceable: bool,
    /// What the engine read, in words: "the collector (`we`) announces (`will`) a visit
    /// (`come round`) to the customer's home (`your house`)". None when the clause shows no
    /// agent or modality around a listed expression.
    pub reading: Option<String>,
}

/// A match before it is mapped back to the original text.
struct Candidate {
    code: &'static str,
    range: Range<usize>,
    action: Option<LegalAction>,
    suggestion: Option<&'static str>,
    replaceable: bool,
    reading: Option<String>,
}

/// Scans one text with the lists of `language` (`en`, `pt`; any other language gets the
/// universal lists only). Matches that a negation, an anti-fraud warning or another excusing
/// context scopes are left out; overlapping matches of the same code are reported once.
pub fn scan(text: &str, language: &str) -> Vec<Hit> {
    scan_normalized(text, &normalize(text, language), language)
}

/// [`scan`] of a text already normalised for `language` (`normalized` is
/// `normalize(text, language)`), for callers that read the same normalisation again.
pub fn scan_normalized(text: &str, normalized: &Normalized, language: &str) -> Vec<Hit> {
    let tokens = context::Tokens::new(&normalized.text, language);
    let analysis = analysis::Analysis::new(&normalized.text, language);
    let words = |r: &Range<usize>| {
        text.get(normalized.original_range(r.clone()))
            .unwrap_or_default()
            .to_string()
    };
    let mut candidates: Vec<Candidate> = Vec::new();
    for m in frames::find(&analysis) {
        let code = m.frame.code;
        if context::excused(&tokens, &normalized.text, code, &m.act.1)
            || frames::exemption(&analysis, code, m.act.1.start).is_some()
        {
            continue;
        }
        candidates.push(Candidate {
            code,
            action: m.action(),
            reading: Some(frames::label(&m, &words)),
            range: m.range.clone(),
            suggestion: None,
            replaceable: false,
        });
    }
    let mut by_code = CandidatesByCode::new(&candidates);
    for raw in matcher::find(&normalized.text, language) {
        let code = raw.info.code;
        if context::excused(&tokens, &normalized.text, code, &raw.range)
            || frames::exemption(&analysis, code, raw.range.start).is_some()
        {
            continue;
        }
        // The same act read by a frame and a list: one finding, the frame's reading, the
        // list's suggestion and announced action.
        if let Some(frame_hit) = by_code
            .first_overlapping(&candidates, code, &raw.range)
            .map(|i| &mut candidates[i])
        {
            // The underline covers both, so the list's words stay underlined as before.
            frame_hit.range =
                frame_hit.range.start.min(raw.range.start)..frame_hit.range.end.max(raw.range.end);
            frame_hit.suggestion = frame_hit.suggestion.or(raw.info.suggestion);
            // The underline now covers more than the listed words.
            frame_hit.replaceable = false;
            if raw.info.action.is_some() {
                frame_hit.action = raw.info.action;
            }
            continue;
        }
        by_code.push(code, candidates.len());
        candidates.push(Candidate {
            code,
            reading: frames::phrase_reading(&analysis, &raw.range, &words),
            range: raw.range,
            action: raw.info.action,
            suggestion: raw.info.suggestion,
            replaceable: raw.info.replaceable && !raw.extended && raw.info.suggestion.is_some(),
        });
    }
    candidates.sort_by_key(|c| (c.range.start, std::cmp::Reverse(c.range.end)));
    let mut hits: Vec<Hit> = Vec::new();
    let mut last_end: Vec<(&'static str, usize)> = Vec::new();
    for c in candidates {
        match last_end.iter_mut().find(|(code, _)| *code == c.code) {
            Some((_, end)) if *end > c.range.start => continue,
            Some((_, end)) => *end = c.range.end,
            None => last_end.push((c.code, c.range.end)),
        }
        let range = normalized.original_range(c.range);
        hits.push(Hit {
            code: c.code,
            matched: text.get(range.clone()).unwrap_or_default().to_string(),
            range,
            action: c.action,
            suggestion: c.suggestion,
            replaceable: c.replaceable,
            reading: c.reading,
        });
    }
    hits
}

/// The candidates of each rule in the order they were found, so that a list match finds the
/// first candidate of its rule it overlaps without reading every earlier finding again: a
/// say line of N matches would otherwise cost N² comparisons.
struct CandidatesByCode {
    lists: Vec<(&'static str, CodeList)>,
}

#[derive(Default)]
struct CodeList {
    indices: Vec<usize>,
    /// Every candidate before this position ends at or before `last_start`, so it cannot
    /// overlap a match that starts there or later.
    passed: usize,
    last_start: usize,
}

impl CandidatesByCode {
    fn new(candidates: &[Candidate]) -> Self {
        let mut by_code = CandidatesByCode { lists: Vec::new() };
        for (i, c) in candidates.iter().enumerate() {
            by_code.push(c.code, i);
        }
        by_code
    }

    fn list(&mut self, code: &'static str) -> &mut CodeList {
        let at = match self.lists.iter().position(|(c, _)| *c == code) {
            Some(at) => at,
            None => {
                self.lists.push((code, CodeList::default()));
                self.lists.len() - 1
            }
        };
        &mut self.lists[at].1
    }

    fn push(&mut self, code: &'static str, index: usize) {
        self.list(code).indices.push(index);
    }

    /// The first candidate of `code`, in the order found, that overlaps `range`.
    fn first_overlapping(
        &mut self,
        candidates: &[Candidate],
        code: &'static str,
        range: &Range<usize>,
    ) -> Option<usize> {
        let list = self.list(code);
        if range.start < list.last_start {
            // Matches arrive sorted by start; should one not, read the whole list again.
            list.passed = 0;
        }
        list.last_start = range.start;
        // A candidate only grows when a match overlaps it, so one that ends before this start
        // never overlaps a later match either.
        while list
            .indices
            .get(list.passed)
            .is_some_and(|&i| candidates[i].range.end <= range.start)
        {
            list.passed += 1;
        }
        list.indices[list.passed..].iter().copied().find(|&i| {
            let c = &candidates[i].range;
            c.start < range.end && range.start < c.end
        })
    }
}

/// Whether `phrase` occurs in `text` on whole words, folding case, accents and shorthand the
/// way the built-in lists are (`*` and `{a|b}` work as in the lists). Returns the original bytes.
pub fn find_phrase(text: &str, phrase: &str, language: &str) -> Option<Range<usize>> {
    let normalized = normalize(text, language);
    let set = phrase_set([phrase], language);
    set.find(&normalized.text)
        .first()
        .map(|(_, r)| normalized.original_range(r.clone()))
}

/// A phrase set from playbook-supplied phrases (normalised here), each tagged with its index.
pub fn phrase_set<'p>(
    phrases: impl IntoIterator<Item = &'p str>,
    language: &str,
) -> matcher::PhraseSet<usize> {
    let mut entries = Vec::new();
    for (i, phrase) in phrases.into_iter().enumerate() {
        let (variants, _) = matcher::parse_entry(phrase);
        for v in variants {
            let text = normalize(&v.text, language).text.trim().to_string();
            if !text.is_empty() {
                entries.push((
                    matcher::Variant {
                        text,
                        prefix: v.prefix,
                    },
                    i,
                ));
            }
        }
    }
    matcher::PhraseSet::few(entries)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn candidate(code: &'static str, range: Range<usize>) -> Candidate {
        Candidate {
            code,
            range,
            action: None,
            suggestion: None,
            replaceable: false,
            reading: None,
        }
    }

    #[test]
    fn a_match_joins_the_first_candidate_of_its_rule_it_overlaps() {
        let candidates = vec![
            candidate(codes::THREAT, 0..10),
            candidate(codes::SHAMING, 5..30),
            candidate(codes::THREAT, 8..30),
            candidate(codes::THREAT, 40..50),
        ];
        let mut by_code = CandidatesByCode::new(&candidates);
        assert_eq!(
            by_code.first_overlapping(&candidates, codes::THREAT, &(9..12)),
            Some(0)
        );
        assert_eq!(
            by_code.first_overlapping(&candidates, codes::THREAT, &(12..14)),
            Some(2)
        );
        assert_eq!(
            by_code.first_overlapping(&candidates, codes::THREAT, &(32..35)),
            None
        );
        // A match out of order reads the candidates it had passed again.
        assert_eq!(
            by_code.first_overlapping(&candidates, codes::THREAT, &(1..2)),
            Some(0)
        );
        assert_eq!(
            by_code.first_overlapping(&candidates, codes::PRESSURE, &(1..2)),
            None
        );
    }

    #[test]
    fn underline_lands_on_the_words_as_written() {
        let text = "Se nao pagar VAI PRO XADREZ, e a PRISÃO é certa";
        let hits = scan(text, "pt");
        assert!(
            hits.iter()
                .any(|h| h.code == codes::THREAT && h.matched == "PRISÃO"),
            "{hits:?}"
        );
        for h in &hits {
            assert_eq!(&text[h.range.clone()], h.matched);
        }
    }

    #[test]
    fn negated_and_anti_fraud_sentences_are_quiet() {
        assert!(scan("There is no prison for debt.", "en").is_empty());
        assert!(scan("America doesn't have debtors' prisons anymore.", "en").is_empty());
        assert!(
            scan(
                "Se você não abriu essa conta, registre um B.O. de fraude.",
                "pt"
            )
            .is_empty()
        );
    }

    /// Many hits in one long text without full stops: every one is found. Whether the cost stays
    /// linear is measured by the bench series "say line full of matches", not by a clock here.
    #[test]
    fn long_texts_with_many_hits_are_all_found() {
        let text = "vc vai ser preso nao se caso we will not call your boss or else ".repeat(1_000);
        let hits = scan(&text, "pt");
        assert!(hits.len() >= 1_000, "{} hits", hits.len());
    }

    #[test]
    fn playbook_phrases_fold_like_the_lists() {
        assert_eq!(
            find_phrase("ÚLTIMA chance, hein", "ultima chance", "pt"),
            Some(0..14)
        );
        assert_eq!(find_phrase("nothing here", "last chance", "en"), None);
    }
}
