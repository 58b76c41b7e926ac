//! The sentence analysis every wording rule reads: who speaks, to whom, about which act, with
//! which modality, in which clause.
//!
//! A normalised text ([`super::normalize`]) is tagged once with the per-language lexicon
//! (`lexicon/<lang>.txt`: one Aho-Corasick automaton per language over every class, built once
//! per process, plus a few word endings for Portuguese verb forms), then cut into sentences and
//! clauses: conditions (`if`, `unless`, `se`, `caso`, `every day …`), the consequence that
//! follows them, coordinated clauses (`and`, `but`, `or`, `mas`, `ou`), quotes. The frames
//! ([`super::frames`]) are evaluated over the tags of each clause. Everything here is linear in
//! the text: one automaton pass, one pass over the tokens, one over the tags.

use std::ops::Range;
use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, MatchKind};

use super::matcher::parse_entry;

/// A semantic class of the lexicon. Roles, acts, modalities.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[repr(u8)]
pub enum Class {
    /// Who speaks: I, we, our office, a gente, verb forms of the first person.
    Speaker,
    /// The customer: you, your, o senhor, você.
    Addressee,
    /// People around the customer: family, employer, neighbours, church, school, social media.
    Third,
    /// Police, courts, judges, bailiffs, notaries, credit bureaus, government.
    Authority,
    /// Someone else acting: a creditor, collectors in general, anyone.
    Other,
    /// The law itself.
    Law,
    /// The customer's home or person: the door, your street, in person, aí.
    Home,
    Harm,
    Worsen,
    Pursue,
    Visit,
    Expose,
    Sue,
    Seize,
    Report,
    Protest,
    Arrest,
    Cancel,
    /// Cutting a supply (water, power, a line): the hook for utilities' service suspension.
    Cut,
    /// A demand to pay, settle or call: "pay", "settle", "quite", "regularize".
    Demand,
    Future,
    Intent,
    Condition,
    Consequence,
    Possibility,
    Obligation,
    /// A rule or generic statement: "only with a court order", "antes de qualquer protesto".
    Rule,
    /// Advice and rights: "you can ask", "você tem o direito de".
    Advice,
    Past,
    /// Reported speech: "said", "according to", "segundo".
    Reported,
    /// Immediacy: "now", "today", "immediately", "hoje mesmo". Read as a modality of a demand
    /// (`wording/pressure`), not one of the clause's announcement (it carries nothing over).
    Urgency,
    /// A question: the sentence ends with `?` ("Is this account being reported?"). Set by the
    /// analysis on every clause of the sentence, never by the lexicon.
    Question,
}

/// Every class with its name in the lexicon and frame files.
pub const CLASSES: &[(Class, &str)] = &[
    (Class::Speaker, "speaker"),
    (Class::Addressee, "addressee"),
    (Class::Third, "third"),
    (Class::Authority, "authority"),
    (Class::Other, "other"),
    (Class::Law, "law"),
    (Class::Home, "home"),
    (Class::Harm, "act.harm"),
    (Class::Worsen, "act.worsen"),
    (Class::Pursue, "act.pursue"),
    (Class::Visit, "act.visit"),
    (Class::Expose, "act.expose"),
    (Class::Sue, "act.sue"),
    (Class::Seize, "act.seize"),
    (Class::Report, "act.report"),
    (Class::Protest, "act.protest"),
    (Class::Arrest, "act.arrest"),
    (Class::Cancel, "act.cancel"),
    (Class::Cut, "act.cut"),
    (Class::Demand, "act.demand"),
    (Class::Future, "future"),
    (Class::Intent, "intent"),
    (Class::Condition, "condition"),
    (Class::Consequence, "consequence"),
    (Class::Possibility, "possibility"),
    (Class::Obligation, "obligation"),
    (Class::Rule, "rule"),
    (Class::Advice, "advice"),
    (Class::Past, "past"),
    (Class::Reported, "report"),
    (Class::Urgency, "urgency"),
    (Class::Question, "question"),
];

impl Class {
    pub fn parse(name: &str) -> Option<Self> {
        CLASSES.iter().find(|(_, n)| *n == name).map(|(c, _)| *c)
    }

    pub fn name(self) -> &'static str {
        CLASSES
            .iter()
            .find(|(c, _)| *c == self)
            .map_or("", |(_, n)| n)
    }

    const fn bit(self) -> u32 {
        1 << (self as u8)
    }
}

/// A set of classes, as a bit set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub struct Classes(u32);

impl Classes {
    pub const EMPTY: Self = Self(0);

    pub const fn of(classes: &[Class]) -> Self {
        let mut bits = 0;
        let mut i = 0;
        while i < classes.len() {
            bits |= classes[i].bit();
            i += 1;
        }
        Self(bits)
    }

    pub fn with(self, class: Class) -> Self {
        Self(self.0 | class.bit())
    }

    pub fn has(self, class: Class) -> bool {
        self.0 & class.bit() != 0
    }

    pub fn meets(self, other: Self) -> bool {
        self.0 & other.0 != 0
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    pub fn union(self, other: Self) -> Self {
        Self(self.0 | other.0)
    }

    pub fn and(self, other: Self) -> Self {
        Self(self.0 & other.0)
    }

    pub fn iter(self) -> impl Iterator<Item = Class> {
        CLASSES
            .iter()
            .map(|(c, _)| *c)
            .filter(move |c| self.has(*c))
    }
}

/// The classes that name an act.
pub const ACTS: Classes = Classes::of(&[
    Class::Harm,
    Class::Worsen,
    Class::Pursue,
    Class::Visit,
    Class::Expose,
    Class::Sue,
    Class::Seize,
    Class::Report,
    Class::Protest,
    Class::Arrest,
    Class::Cancel,
    Class::Cut,
    Class::Demand,
]);

/// The classes that name who acts.
pub const AGENTS: Classes = Classes::of(&[
    Class::Speaker,
    Class::Addressee,
    Class::Third,
    Class::Authority,
    Class::Other,
    Class::Law,
]);

/// The classes that name how a clause stands: announcement, condition, rule, advice, report.
pub const MODALS: Classes = Classes::of(&[
    Class::Future,
    Class::Intent,
    Class::Condition,
    Class::Consequence,
    Class::Possibility,
    Class::Obligation,
    Class::Rule,
    Class::Advice,
    Class::Past,
    Class::Reported,
    Class::Question,
]);

/// One lexicon match: the classes of a span of the normalised text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tag {
    pub classes: Classes,
    /// Bytes of the normalised text.
    pub range: Range<usize>,
}

/// How a clause stands in its sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClauseKind {
    Plain,
    /// Introduced by a condition: "if you don't pay", "todo dia que você enrola".
    Condition,
    /// Follows a condition or a consequence marker: "…, we will sue", "senão …".
    Consequence,
}

/// A clause: its bytes, its kind, its tags.
#[derive(Debug, Clone)]
pub struct Clause {
    pub range: Range<usize>,
    pub kind: ClauseKind,
    /// Inside double quotes.
    pub quoted: bool,
    /// Indices into [`Analysis::tags`].
    pub tags: Range<usize>,
    /// Index of the sentence in [`Analysis::sentences`].
    pub sentence: usize,
    /// Every class tagged in the clause.
    pub classes: Classes,
    /// Who acts and how, carried over from the clause before when this one does not say:
    /// the items of an enumeration ("a empresa pode cobrar por telefone, …, notificação
    /// judicial e protesto") and the infinitives after a statement ("it is a violation of the
    /// FDCPA, …, to sue") stand under the subject and modality that govern them. Never carried
    /// out of a condition, nor across a quote mark.
    pub inherited: Classes,
}

/// A sentence: the clauses it holds, and every class tagged in it.
#[derive(Debug, Clone)]
pub struct Sentence {
    pub clauses: Range<usize>,
    pub tags: Range<usize>,
    pub classes: Classes,
}

/// The analysis of one normalised text.
#[derive(Debug, Clone)]
pub struct Analysis {
    pub tags: Vec<Tag>,
    pub clauses: Vec<Clause>,
    pub sentences: Vec<Sentence>,
}

/// A language's lexicon, compiled.
struct Lexicon {
    automaton: Option<AhoCorasick>,
    /// Per pattern: its classes and whether the last word may continue.
    patterns: Vec<(Classes, bool)>,
    /// Word endings (`~amos`) and their classes.
    endings: Vec<(String, Classes)>,
    /// Words that end like a verb form but are not one (`!emprestimos`, `!proximos`): no
    /// ending tags them.
    not_endings: std::collections::HashSet<String>,
}

static LEXICON_FILES: &[(&str, &str)] = &[
    ("en", include_str!("lexicon/en.txt")),
    ("pt", include_str!("lexicon/pt.txt")),
];

/// The raw lexicon text of a language, for documentation and tests.
pub fn lexicon_source(language: &str) -> Option<&'static str> {
    LEXICON_FILES
        .iter()
        .find(|(l, _)| *l == language)
        .map(|(_, t)| *t)
}

/// Parses a lexicon file: `[class class]` sections of entries. Unknown class names are errors,
/// reported with their line so a reviewer's typo never silently drops a section.
pub fn parse_lexicon(text: &str) -> Result<Vec<(String, bool, Classes)>, String> {
    let mut current = Classes::EMPTY;
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(header) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            current = Classes::EMPTY;
            for name in header.split_whitespace() {
                let class = Class::parse(name)
                    .ok_or_else(|| format!("line {}: unknown class `{name}`", n + 1))?;
                current = current.with(class);
            }
            continue;
        }
        if current.is_empty() {
            return Err(format!("line {}: entry before any [class] section", n + 1));
        }
        if let Some(ending) = line.strip_prefix('~') {
            out.push((format!("~{ending}"), false, current));
            continue;
        }
        if let Some(word) = line.strip_prefix('!') {
            out.push((format!("!{}", word.trim()), false, current));
            continue;
        }
        let (variants, _) = parse_entry(line);
        out.extend(variants.into_iter().map(|v| (v.text, v.prefix, current)));
    }
    Ok(out)
}

impl Lexicon {
    fn build(text: &str) -> Self {
        let entries = parse_lexicon(text).unwrap_or_default();
        let mut texts = Vec::new();
        let mut patterns = Vec::new();
        let mut endings = Vec::new();
        let mut not_endings = std::collections::HashSet::new();
        for (entry, prefix, classes) in entries {
            if let Some(word) = entry.strip_prefix('!') {
                not_endings.insert(word.to_string());
                continue;
            }
            if let Some(ending) = entry.strip_prefix('~') {
                endings.push((ending.to_string(), classes));
                continue;
            }
            texts.push(format!(" {entry}"));
            patterns.push((classes, prefix));
        }
        Self {
            automaton: super::matcher::automaton(&texts, MatchKind::Standard, None),
            patterns,
            endings,
            not_endings,
        }
    }
}

/// Each language's lexicon, built on first use (and each on its own, so that two threads can
/// build them at once).
static LEXICONS: [(&str, LazyLock<Lexicon>); 2] = [
    ("en", LazyLock::new(|| Lexicon::build(LEXICON_FILES[0].1))),
    ("pt", LazyLock::new(|| Lexicon::build(LEXICON_FILES[1].1))),
];

fn lexicon(language: &str) -> Option<&'static Lexicon> {
    LEXICONS
        .iter()
        .find(|(l, _)| *l == language)
        .map(|(_, x)| LazyLock::force(x))
}

/// Builds each lexicon, one per function, for [`crate::rules::warm_ups`].
pub fn warm_ups() -> Vec<fn()> {
    forcing_each![LEXICONS[0].1, LEXICONS[1].1, super::frames::FRAMES]
}

/// Every tag of a normalised text, sorted by start (then longest first).
pub fn tag(normalized: &str, language: &str) -> Vec<Tag> {
    let Some(lexicon) = lexicon(language) else {
        return Vec::new();
    };
    let bytes = normalized.as_bytes();
    let mut tags = Vec::new();
    if let Some(automaton) = &lexicon.automaton {
        for m in automaton.find_overlapping_iter(normalized) {
            let Some(&(classes, prefix)) = lexicon.patterns.get(m.pattern().as_usize()) else {
                continue;
            };
            let mut end = m.end();
            if prefix {
                while end < bytes.len() && bytes[end] != b' ' {
                    end += 1;
                }
            } else if bytes.get(end).is_some_and(|&b| b != b' ') {
                continue;
            }
            tags.push(Tag {
                classes,
                range: m.start() + 1..end,
            });
        }
    }
    if !lexicon.endings.is_empty() {
        for range in words(normalized) {
            let word = &normalized[range.clone()];
            if lexicon.not_endings.contains(word) {
                continue;
            }
            for (ending, classes) in &lexicon.endings {
                if word.len() > ending.len() + 1 && word.ends_with(ending.as_str()) {
                    tags.push(Tag {
                        classes: *classes,
                        range: range.clone(),
                    });
                }
            }
        }
    }
    tags.sort_by(|a, b| {
        a.range
            .start
            .cmp(&b.range.start)
            .then(b.range.end.cmp(&a.range.end))
    });
    tags.dedup();
    tags
}

/// Byte ranges of the tokens of a normalised text.
fn words(normalized: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut offset = 0;
    normalized.split(' ').filter_map(move |piece| {
        let start = offset;
        offset += piece.len() + 1;
        (!piece.is_empty()).then(|| start..start + piece.len())
    })
}

fn is_digits(token: &str) -> bool {
    !token.is_empty() && token.bytes().all(|b| b.is_ascii_digit())
}

fn ends_sentence(token: &str) -> bool {
    matches!(token, "." | "!" | "?" | ";" | "…")
}

fn ends_clause(token: &str) -> bool {
    matches!(
        token,
        "," | ":" | "-" | "(" | ")" | "|" | "/" | "—" | "–" | "\""
    )
}

/// Words that coordinate clauses. Portuguese `e` is left out: folded, it is also `é` ("isso é
/// caso de polícia"), and `so` is English only (`só` folds to it).
fn is_coordinator(token: &str, language: &str) -> bool {
    match language {
        "pt" => matches!(token, "mas" | "ou" | "porque" | "pois" | "porem"),
        _ => matches!(token, "and" | "but" | "or" | "because" | "so"),
    }
}

/// Words that open a condition. Portuguese `se` is also a reflexive pronoun ("vai se
/// arrepender", "não se preocupe"): it opens a condition only where no verb precedes it.
fn opens_condition(token: &str, previous: &str, language: &str) -> bool {
    match token {
        "if" | "unless" | "whenever" => language != "pt",
        "caso" | "enquanto" => language == "pt",
        "se" => {
            language == "pt"
                && !matches!(
                    previous,
                    "nao"
                        | "vai"
                        | "vao"
                        | "vou"
                        | "vamos"
                        | "pode"
                        | "podem"
                        | "ira"
                        | "que"
                        | "voce"
                        | "ele"
                        | "ela"
                        | "eles"
                        | "me"
                        | "te"
                        | "nos"
                        | "lhe"
                        | "ja"
                        | "so"
                )
                && !previous.ends_with('r')
        }
        _ => false,
    }
}

fn opens_consequence(token: &str) -> bool {
    matches!(
        token,
        "otherwise" | "then" | "else" | "senao" | "entao" | "contrario"
    )
}

impl Analysis {
    /// Tags and splits a normalised text.
    pub fn new(normalized: &str, language: &str) -> Self {
        let tags = tag(normalized, language);
        Self::from_tags(normalized, language, tags)
    }

    fn from_tags(normalized: &str, language: &str, tags: Vec<Tag>) -> Self {
        let mut clauses: Vec<Clause> = Vec::new();
        let mut sentences: Vec<Sentence> = Vec::new();
        let mut quoted = false;
        let mut clause_start: Option<usize> = None;
        let mut clause_kind = ClauseKind::Plain;
        let mut clause_quoted = false;
        let mut clause_tokens = 0usize;
        let mut sentence_first_clause = 0usize;
        let mut previous = "";
        let mut last_end = 0usize;
        let mut tag_cursor = 0usize;

        let close = |clauses: &mut Vec<Clause>,
                     start: Option<usize>,
                     end: usize,
                     kind: ClauseKind,
                     quoted: bool,
                     sentence: usize,
                     tag_cursor: &mut usize| {
            let Some(start) = start else { return };
            let first = *tag_cursor;
            while *tag_cursor < tags.len() && tags[*tag_cursor].range.start < end {
                *tag_cursor += 1;
            }
            let range = first..*tag_cursor;
            let classes = tags[range.clone()]
                .iter()
                .fold(Classes::EMPTY, |c, t| Classes(c.0 | t.classes.0));
            clauses.push(Clause {
                range: start..end,
                kind,
                quoted,
                tags: range,
                sentence,
                classes,
                inherited: Classes::EMPTY,
            });
        };

        let all: Vec<Range<usize>> = words(normalized).collect();
        for (i, range) in all.iter().cloned().enumerate() {
            let token = &normalized[range.clone()];
            let sentence = sentences.len();
            let after = |k: usize| all.get(i + k).map_or("", |r| &normalized[r.clone()]);
            if token == "." && is_abbreviation(previous, after(1), after(2)) {
                // "U.S.C.", "Dra. Marcela", "et seq.,": the dot belongs to a word.
                continue;
            }
            if matches!(token, "," | ".") && is_digits(previous) && is_digits(after(1)) {
                // "15,000 rupees", "R$ 1.200,00": a separator inside a number ends nothing.
                continue;
            }
            if ends_sentence(token) {
                close(
                    &mut clauses,
                    clause_start.take(),
                    last_end,
                    clause_kind,
                    clause_quoted,
                    sentence,
                    &mut tag_cursor,
                );
                if token == "?" {
                    mark_question(&mut clauses, sentence_first_clause);
                }
                push_sentence(&mut sentences, &clauses, &tags, &mut sentence_first_clause);
                clause_kind = ClauseKind::Plain;
                previous = token;
                continue;
            }
            let starts_condition = opens_condition(token, previous, language)
                || tags[tag_cursor..]
                    .iter()
                    .take_while(|t| t.range.start <= range.start)
                    .any(|t| t.range.start == range.start && t.classes.has(Class::Condition))
                    && !matches!(token, "se" | "until" | "ate" | "when" | "quando");
            let starts_consequence = opens_consequence(token);
            let breaks = ends_clause(token) || is_coordinator(token, language);
            // Inside a condition without a comma, the main clause starts at its own subject
            // or future: "if you don't pay by Friday a warrant will be issued".
            let main_starts = clause_kind == ClauseKind::Condition
                && clause_tokens >= 3
                && tags[tag_cursor..]
                    .iter()
                    .take_while(|t| t.range.start <= range.start)
                    .any(|t| {
                        t.range.start == range.start
                            && (t.classes.has(Class::Future)
                                || (t.classes.has(Class::Speaker) && language != "pt"))
                    });
            if breaks || starts_condition || starts_consequence || main_starts {
                let was_condition = clause_kind == ClauseKind::Condition;
                close(
                    &mut clauses,
                    clause_start.take(),
                    last_end,
                    clause_kind,
                    clause_quoted,
                    sentence,
                    &mut tag_cursor,
                );
                if token == "\"" {
                    quoted = !quoted;
                }
                clause_kind = if starts_condition {
                    ClauseKind::Condition
                } else if starts_consequence
                    || main_starts
                    || was_condition
                    // A consequence goes on past a comma, not past "and", "but", "or".
                    || (clause_kind == ClauseKind::Consequence
                        && !is_coordinator(token, language))
                {
                    ClauseKind::Consequence
                } else {
                    ClauseKind::Plain
                };
                clause_tokens = 0;
                if breaks {
                    previous = token;
                    continue;
                }
            }
            if clause_start.is_none() {
                clause_start = Some(range.start);
                clause_quoted = quoted;
            }
            clause_tokens += 1;
            last_end = range.end;
            previous = token;
        }
        let sentence = sentences.len();
        close(
            &mut clauses,
            clause_start.take(),
            last_end,
            clause_kind,
            clause_quoted,
            sentence,
            &mut tag_cursor,
        );
        push_sentence(&mut sentences, &clauses, &tags, &mut sentence_first_clause);
        inherit(&mut clauses, &tags);
        Self {
            tags,
            clauses,
            sentences,
        }
    }

    /// The clause holding the byte `at` of the normalised text (the nearest one before it).
    pub fn clause_at(&self, at: usize) -> Option<&Clause> {
        let i = self.clauses.partition_point(|c| c.range.start <= at);
        i.checked_sub(1).and_then(|i| self.clauses.get(i))
    }

    pub fn clause_tags(&self, clause: &Clause) -> &[Tag] {
        self.tags.get(clause.tags.clone()).unwrap_or_default()
    }

    pub fn sentence_tags(&self, clause: &Clause) -> &[Tag] {
        self.sentences
            .get(clause.sentence)
            .and_then(|s| self.tags.get(s.tags.clone()))
            .unwrap_or_default()
    }

    /// The classes a clause carries, with what its place in the sentence adds: a condition
    /// clause is a condition, the clause after one is its consequence.
    pub fn modalities(&self, clause: &Clause) -> Classes {
        let mut classes = clause.classes.union(clause.inherited);
        match clause.kind {
            ClauseKind::Condition => classes = classes.with(Class::Condition),
            ClauseKind::Consequence => classes = classes.with(Class::Consequence),
            ClauseKind::Plain => {}
        }
        classes
    }

    /// Whether an act tag is present anywhere: frames need one, so texts without any skip
    /// the frame evaluation entirely.
    pub fn has_acts(&self) -> bool {
        self.tags.iter().any(|t| t.classes.meets(ACTS))
    }
}

/// Whether a dot between `previous` and `next` (then `next2`) ends an abbreviation rather than
/// a sentence: initials ("U.S.C.": a letter between dots; `a`, `e`, `i`, `o` are words, so
/// they count only when a dot follows them too), before a comma ("et seq.,"), after a title.
fn is_abbreviation(previous: &str, next: &str, next2: &str) -> bool {
    let letter = |t: &str| t.len() == 1 && t.bytes().all(|b| b.is_ascii_alphabetic());
    let initial = |t: &str| letter(t) && !matches!(t, "a" | "e" | "i" | "o");
    initial(previous)
        || (letter(next) && next2 == ".")
        || matches!(next, "," | ";" | ":")
        || matches!(
            previous,
            "dr" | "dra"
                | "sr"
                | "sra"
                | "srta"
                | "mr"
                | "mrs"
                | "ms"
                | "st"
                | "no"
                | "art"
                | "inc"
                | "ltd"
                | "co"
                | "seq"
                | "vs"
                | "etc"
                | "cf"
                | "nr"
                | "n"
                | "dept"
        )
}

/// Fills [`Clause::inherited`]: a clause that names no subject (no agent before its first act:
/// "for suing you" has an object, not a subject) takes the agents of the clause before it in
/// the sentence, and one that shows no modality takes its agents and modality.
fn inherit(clauses: &mut [Clause], tags: &[Tag]) {
    for i in 1..clauses.len() {
        let (before, rest) = clauses.split_at_mut(i);
        let (previous, clause) = (&before[i - 1], &mut rest[0]);
        let has_subject = tags
            .get(clause.tags.clone())
            .unwrap_or_default()
            .iter()
            .take_while(|t| !t.classes.meets(ACTS))
            .any(|t| t.classes.meets(AGENTS));
        if previous.sentence != clause.sentence
            || previous.kind == ClauseKind::Condition
            || clause.kind == ClauseKind::Condition
            || previous.quoted != clause.quoted
        {
            continue;
        }
        let carried = previous.classes.union(previous.inherited);
        if !clause.classes.meets(MODALS) {
            clause.inherited = carried.and(AGENTS.union(MODALS));
        } else if !has_subject {
            clause.inherited = carried.and(AGENTS);
        }
    }
}

/// Marks every clause from `first` on as part of a question.
fn mark_question(clauses: &mut [Clause], first: usize) {
    for clause in clauses.iter_mut().skip(first) {
        clause.classes = clause.classes.with(Class::Question);
    }
}

fn push_sentence(
    sentences: &mut Vec<Sentence>,
    clauses: &[Clause],
    tags: &[Tag],
    first_clause: &mut usize,
) {
    if *first_clause >= clauses.len() {
        return;
    }
    let range = *first_clause..clauses.len();
    let first_tag = clauses[range.start].tags.start;
    let last_tag = clauses[range.end - 1].tags.end;
    let classes = tags[first_tag..last_tag]
        .iter()
        .fold(Classes::EMPTY, |c, t| Classes(c.0 | t.classes.0));
    // What the analysis adds to a clause (a question) holds for the sentence too.
    let question = Classes::of(&[Class::Question]);
    let classes = clauses[range.clone()]
        .iter()
        .fold(classes, |c, clause| c.union(clause.classes.and(question)));
    sentences.push(Sentence {
        clauses: range,
        tags: first_tag..last_tag,
        classes,
    });
    *first_clause = clauses.len();
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wording::normalize;

    fn analyse(text: &str, language: &str) -> (String, Analysis) {
        let n = normalize(text, language).text;
        let a = Analysis::new(&n, language);
        (n, a)
    }

    #[test]
    fn every_lexicon_parses() {
        let built: Vec<&str> = LEXICONS.iter().map(|(l, _)| *l).collect();
        let files: Vec<&str> = LEXICON_FILES.iter().map(|(l, _)| *l).collect();
        assert_eq!(built, files);
        for (language, text) in LEXICON_FILES {
            let entries = parse_lexicon(text).unwrap_or_else(|e| panic!("{language}: {e}"));
            assert!(entries.len() > 100, "{language}");
        }
        assert!(parse_lexicon("[act.nope]\nx").is_err());
        assert!(parse_lexicon("x").is_err());
    }

    /// Lexicon entries are matched on normalised text, so they must be written normalised.
    #[test]
    fn every_lexicon_entry_is_already_normalised() {
        let mut wrong = Vec::new();
        for (language, text) in LEXICON_FILES {
            for (entry, _, _) in parse_lexicon(text).unwrap_or_default() {
                if entry.starts_with('~') || entry.starts_with('!') {
                    continue;
                }
                let folded = normalize(&entry, language).text.trim().to_string();
                if folded != entry {
                    wrong.push(format!(
                        "{language}: `{entry}` should be written `{folded}`"
                    ));
                }
            }
        }
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    }

    #[test]
    fn conditions_and_consequences_are_split() {
        let (n, a) = analyse("If you don't pay by Friday, we will come round.", "en");
        assert_eq!(a.clauses.len(), 2, "{n} {:?}", a.clauses);
        assert_eq!(a.clauses[0].kind, ClauseKind::Condition);
        assert_eq!(a.clauses[1].kind, ClauseKind::Consequence);
        assert!(a.clauses[1].classes.has(Class::Speaker));
        assert!(a.clauses[1].classes.has(Class::Visit));
        let (_, a) = analyse("Se nao pagar vai pro xadrez", "pt");
        assert_eq!(a.clauses.len(), 2);
        assert_eq!(a.clauses[1].kind, ClauseKind::Consequence);
    }

    #[test]
    fn portuguese_reflexive_se_opens_no_condition() {
        let (_, a) = analyse("Você vai se arrepender", "pt");
        assert_eq!(a.clauses.len(), 1);
        assert_eq!(a.clauses[0].kind, ClauseKind::Plain);
    }

    #[test]
    fn verb_endings_name_the_speaker() {
        let (_, a) = analyse("Passaremos na sua casa", "pt");
        assert!(a.clauses[0].classes.has(Class::Speaker));
        assert!(a.clauses[0].classes.has(Class::Future));
    }

    /// Nouns and adjectives that end like a first-person verb ("empréstimos", "próximos") are
    /// no speaker.
    #[test]
    fn words_that_only_look_like_verb_forms_name_no_speaker() {
        let (_, a) = analyse("Os próximos empréstimos têm juros mínimos", "pt");
        assert!(!a.clauses[0].classes.has(Class::Speaker), "{:?}", a.tags);
        let (_, a) = analyse("Faremos o acordo", "pt");
        assert!(a.clauses[0].classes.has(Class::Speaker));
    }

    #[test]
    fn sentences_hold_their_clauses() {
        let (_, a) = analyse("We called. If you want, call us back, or write.", "en");
        assert_eq!(a.sentences.len(), 2);
        assert_eq!(a.sentences[0].clauses, 0..1);
    }
}
