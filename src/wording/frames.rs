//! Declarative frames over the sentence analysis: a rule fires when a clause shows an agent
//! doing an act towards a target with a modality, and a mention (the law explained, a right,
//! a condition on someone else) is exempt. The frames are data (`frames.txt`), read once per
//! process; `cordial explain` prints them.

use std::ops::Range;
use std::sync::LazyLock;

use super::analysis::{ACTS, Analysis, Class, Classes, Clause, Tag};
use super::{LegalAction, codes};

/// What a frame or an exemption requires of a clause.
#[derive(Debug, Clone, Default)]
pub struct Pattern {
    pub agent: Classes,
    pub act: Classes,
    pub target: Classes,
    /// Empty: any modality.
    pub modality: Classes,
    pub not: Classes,
    /// (exemptions, `scope sentence`) `modality` and `not` are read over the whole sentence:
    /// guidance that opens with advice ("Get advice before borrowing against your home – …
    /// you risk losing your home") explains every clause of it.
    pub sentence: bool,
}

/// A frame: a pattern reported under a code.
#[derive(Debug, Clone)]
pub struct Frame {
    pub code: &'static str,
    pub name: String,
    pub pattern: Pattern,
    /// How the finding names the act, with `{act}` and `{target}` for the words read.
    pub reads: String,
}

/// An exemption: a clause it matches only mentions the act.
#[derive(Debug, Clone)]
pub struct Exemption {
    pub name: String,
    pub applies: Vec<&'static str>,
    pub pattern: Pattern,
    pub reads: String,
}

/// Every frame and exemption of the file.
#[derive(Debug, Clone, Default)]
pub struct FrameSet {
    pub frames: Vec<Frame>,
    pub exemptions: Vec<Exemption>,
}

/// The codes a frame may report, as the catalogue spells them.
const CODES: &[&str] = &[
    codes::THREAT,
    codes::ABUSE,
    codes::SHAMING,
    codes::PRESSURE,
    codes::FALSE_AUTHORITY,
    codes::FALSE_CONSEQUENCE,
    codes::PRETEXT,
    codes::LEGAL_ACTION,
    // Only for `applies`: the law's own word ("devedor") in an explanation of the law.
    codes::PREFER,
];

fn code(name: &str) -> Option<&'static str> {
    CODES.iter().copied().find(|c| *c == name)
}

fn classes(words: &str, line: usize) -> Result<Classes, String> {
    let mut set = Classes::EMPTY;
    for word in words.split_whitespace() {
        if word == "any" {
            continue;
        }
        let class =
            Class::parse(word).ok_or_else(|| format!("line {line}: unknown class `{word}`"))?;
        set = set.with(class);
    }
    Ok(set)
}

/// Parses the frame file; every mistake names its line.
pub fn parse(text: &str) -> Result<FrameSet, String> {
    enum Current {
        None,
        Frame(Frame),
        Exemption(Exemption),
    }
    let mut set = FrameSet::default();
    let mut current = Current::None;
    let finish = |current: Current, set: &mut FrameSet| -> Result<(), String> {
        match current {
            Current::None => {}
            Current::Frame(f) => {
                if f.pattern.act.is_empty() {
                    return Err(format!("frame {}: no `act`", f.name));
                }
                set.frames.push(f);
            }
            Current::Exemption(e) => {
                if e.applies.is_empty() {
                    return Err(format!("exempt {}: no `applies`", e.name));
                }
                set.exemptions.push(e);
            }
        }
        Ok(())
    };
    for (n, line) in text.lines().enumerate() {
        let n = n + 1;
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (key, rest) = line.split_once(' ').unwrap_or((line, ""));
        let rest = rest.trim();
        match key {
            "frame" => {
                finish(std::mem::replace(&mut current, Current::None), &mut set)?;
                let (code_name, name) = rest.split_once(' ').unwrap_or((rest, ""));
                let code = code(code_name)
                    .ok_or_else(|| format!("line {n}: unknown code `{code_name}`"))?;
                current = Current::Frame(Frame {
                    code,
                    name: name.trim().to_string(),
                    pattern: Pattern::default(),
                    reads: String::new(),
                });
            }
            "exempt" => {
                finish(std::mem::replace(&mut current, Current::None), &mut set)?;
                current = Current::Exemption(Exemption {
                    name: rest.to_string(),
                    applies: Vec::new(),
                    pattern: Pattern::default(),
                    reads: String::new(),
                });
            }
            "applies" => match &mut current {
                Current::Exemption(e) => {
                    for name in rest.split_whitespace() {
                        e.applies.push(
                            code(name).ok_or_else(|| format!("line {n}: unknown code `{name}`"))?,
                        );
                    }
                }
                _ => return Err(format!("line {n}: `applies` outside an exemption")),
            },
            "scope" => match (&mut current, rest) {
                (Current::Exemption(e), "sentence") => e.pattern.sentence = true,
                (Current::Exemption(_), "clause") => {}
                (Current::Exemption(_), other) => {
                    return Err(format!(
                        "line {n}: unknown scope `{other}` (clause or sentence)"
                    ));
                }
                _ => return Err(format!("line {n}: `scope` outside an exemption")),
            },
            "agent" | "act" | "target" | "modality" | "not" | "reads" => {
                let pattern = match &mut current {
                    Current::Frame(f) => {
                        if key == "reads" {
                            f.reads = rest.to_string();
                            continue;
                        }
                        &mut f.pattern
                    }
                    Current::Exemption(e) => {
                        if key == "reads" {
                            e.reads = rest.to_string();
                            continue;
                        }
                        &mut e.pattern
                    }
                    Current::None => return Err(format!("line {n}: `{key}` outside a frame")),
                };
                let set = classes(rest, n)?;
                match key {
                    "agent" => pattern.agent = set,
                    "act" => {
                        if !ACTS.meets(set) {
                            return Err(format!("line {n}: `act` names no act class"));
                        }
                        pattern.act = set;
                    }
                    "target" => pattern.target = set,
                    "modality" => pattern.modality = set,
                    _ => pattern.not = set,
                }
            }
            _ => return Err(format!("line {n}: unknown key `{key}`")),
        }
    }
    finish(current, &mut set)?;
    Ok(set)
}

/// The frame file as shipped.
pub const SOURCE: &str = include_str!("frames.txt");

/// The frames, parsed once. The file is checked by a unit test, so an error here means an
/// edited build; it then reads as no frames rather than a crash.
pub static FRAMES: LazyLock<FrameSet> = LazyLock::new(|| parse(SOURCE).unwrap_or_default());

/// One slot of a frame match: the class read and where (bytes of the normalised text).
pub type Slot = Option<(Class, Range<usize>)>;

/// A frame that matched a clause.
#[derive(Debug, Clone)]
pub struct FrameMatch {
    pub frame: &'static Frame,
    pub agent: Slot,
    pub modality: Slot,
    pub act: (Class, Range<usize>),
    pub target: Slot,
    /// The span underlined: the act's words, as a list match would underline them.
    pub range: Range<usize>,
}

impl FrameMatch {
    /// The escalation a legal-action frame announces.
    pub fn action(&self) -> Option<LegalAction> {
        match self.act.0 {
            Class::Sue => Some(LegalAction::Lawsuit),
            Class::Seize => Some(LegalAction::Garnishment),
            Class::Report => Some(LegalAction::BureauReport),
            Class::Protest => Some(LegalAction::Protest),
            _ => None,
        }
    }
}

fn first_of(tags: &[Tag], wanted: Classes) -> Option<(Class, &Tag)> {
    first_of_iter(tags.iter(), wanted)
}

fn first_of_iter<'a>(
    mut tags: impl Iterator<Item = &'a Tag>,
    wanted: Classes,
) -> Option<(Class, &'a Tag)> {
    tags.find_map(|t| wanted.iter().find(|c| t.classes.has(*c)).map(|c| (c, t)))
}

/// The modality a clause reads with, the order of preference of a label.
const MODALITY_ORDER: &[Class] = &[
    Class::Future,
    Class::Intent,
    Class::Obligation,
    Class::Possibility,
    Class::Condition,
    Class::Consequence,
    Class::Rule,
    Class::Advice,
    Class::Past,
    Class::Reported,
];

/// Whether a clause meets a pattern. With `subject_before`, the agent must be tagged before
/// that byte: an exemption reads who acts, not a court named after the act ("levado a protesto
/// em cartório").
fn matches(
    analysis: &Analysis,
    clause: &Clause,
    pattern: &Pattern,
    subject_before: Option<usize>,
) -> bool {
    let sentence = analysis.sentences.get(clause.sentence);
    let (modalities, present) = match sentence {
        Some(s) if pattern.sentence => (s.classes, s.classes),
        _ => (
            analysis.modalities(clause),
            clause.classes.union(clause.inherited),
        ),
    };
    // An agent carried over from the clause before stands before every word of this one.
    let agent = clause.inherited.meets(pattern.agent)
        || match subject_before {
            None => clause.classes.meets(pattern.agent),
            Some(at) => analysis
                .clause_tags(clause)
                .iter()
                .any(|t| t.range.start < at && t.classes.meets(pattern.agent)),
        };
    (pattern.agent.is_empty() || agent)
        && (pattern.act.is_empty() || clause.classes.meets(pattern.act))
        && (pattern.modality.is_empty() || modalities.meets(pattern.modality))
        && !present.meets(pattern.not)
        && (pattern.target.is_empty()
            || analysis
                .sentences
                .get(clause.sentence)
                .is_some_and(|s| s.classes.meets(pattern.target)))
}

/// Every frame match of a text, in text order.
pub fn find(analysis: &Analysis) -> Vec<FrameMatch> {
    let mut out = Vec::new();
    if !analysis.has_acts() {
        return out;
    }
    for clause in &analysis.clauses {
        if !clause.classes.meets(ACTS) {
            continue;
        }
        for frame in &FRAMES.frames {
            if !matches(analysis, clause, &frame.pattern, None) {
                continue;
            }
            let tags = analysis.clause_tags(clause);
            let Some((act_class, act)) = first_of(tags, frame.pattern.act) else {
                continue;
            };
            // The agent in the clause, else the one it carries over from the clause before.
            let agent = first_of(tags, frame.pattern.agent)
                .or_else(|| {
                    let before = analysis
                        .sentence_tags(clause)
                        .iter()
                        .rev()
                        .filter(|t| t.range.start < clause.range.start);
                    first_of_iter(before, frame.pattern.agent)
                })
                .map(|(c, t)| (c, t.range.clone()));
            let modality_wanted = if frame.pattern.modality.is_empty() {
                Classes::of(MODALITY_ORDER)
            } else {
                frame.pattern.modality
            };
            let modality = first_of(tags, modality_wanted).map(|(c, t)| (c, t.range.clone()));
            // The target: in the clause when it is there, else anywhere in the sentence; never
            // the act's own words unless nothing else names it.
            let target = {
                let outside =
                    |t: &&Tag| t.range.end <= act.range.start || t.range.start >= act.range.end;
                let wanted = frame.pattern.target;
                let sentence = analysis.sentence_tags(clause);
                best_target(tags.iter().filter(outside), wanted)
                    .or_else(|| best_target(sentence.iter().filter(outside), wanted))
                    .or_else(|| best_target(sentence.iter(), wanted))
            };
            out.push(FrameMatch {
                frame,
                agent,
                modality,
                act: (act_class, act.range.clone()),
                target,
                range: act.range.clone(),
            });
        }
    }
    out
}

fn first_class(tag: &Tag, wanted: Classes) -> Option<(Class, Range<usize>)> {
    wanted
        .iter()
        .find(|c| tag.classes.has(*c))
        .map(|c| (c, tag.range.clone()))
}

/// Targets from the most specific to the least: a visit's target is the home before "you".
const TARGET_ORDER: &[Class] = &[
    Class::Home,
    Class::Third,
    Class::Authority,
    Class::Other,
    Class::Addressee,
];

/// The most specific target among `tags`, the first of its class.
fn best_target<'a>(
    tags: impl Iterator<Item = &'a Tag> + Clone,
    wanted: Classes,
) -> Option<(Class, Range<usize>)> {
    TARGET_ORDER
        .iter()
        .copied()
        .chain(wanted.iter())
        .filter(|c| wanted.has(*c))
        .find_map(|c| {
            tags.clone()
                .find(|t| t.classes.has(c))
                .map(|t| (c, t.range.clone()))
        })
}

/// The exemption that makes the clause holding `at` a mention for `code`, if any.
pub fn exemption(analysis: &Analysis, code: &str, at: usize) -> Option<&'static Exemption> {
    let clause = analysis.clause_at(at)?;
    FRAMES
        .exemptions
        .iter()
        .find(|e| e.applies.contains(&code) && matches(analysis, clause, &e.pattern, Some(at)))
}

/// How a label names an agent class.
fn agent_noun(class: Class) -> &'static str {
    match class {
        Class::Speaker => "the collector",
        Class::Addressee => "the customer",
        Class::Third => "someone close to the customer",
        Class::Authority => "an authority",
        Class::Other => "someone else",
        Class::Law => "the law",
        _ => "the text",
    }
}

/// How a label names a modality class.
fn modality_verb(class: Class) -> &'static str {
    match class {
        Class::Future => "announces",
        Class::Intent => "states the intent of",
        Class::Obligation => "says there must be",
        Class::Possibility => "raises the possibility of",
        Class::Condition => "makes a condition of",
        Class::Consequence => "makes the consequence",
        Class::Rule => "states as a rule",
        Class::Advice => "advises",
        Class::Past => "reports",
        Class::Reported => "reports",
        Class::Question => "asks about",
        Class::Urgency => "demands",
        _ => "says",
    }
}

/// The reading of a match, in words: "the collector (`we`) announces (`will`) a visit
/// (`come round`) to the customer's home (`your house`)". `words` gives the original words of
/// a normalised range.
pub fn label(m: &FrameMatch, words: &dyn Fn(&Range<usize>) -> String) -> String {
    let mut reads = m.frame.reads.replace("{act}", &words(&m.act.1));
    let target = m.target.as_ref().map(|t| words(&t.1)).unwrap_or_default();
    reads = reads.replace("{target}", &target);
    reads = reads.replace(" (``)", "");
    reading(&m.agent, &m.modality, &reads, words)
}

/// "<agent> (`word`) <modality> (`word`) <what>", leaving out what was not read.
pub fn reading(
    agent: &Slot,
    modality: &Slot,
    what: &str,
    words: &dyn Fn(&Range<usize>) -> String,
) -> String {
    let mut out = String::new();
    match agent {
        Some((class, range)) => {
            out.push_str(&format!("{} (`{}`) ", agent_noun(*class), words(range)));
        }
        None => out.push_str("the text "),
    }
    let agent_words = agent.as_ref().map(|(_, r)| words(r));
    match modality {
        // "we'll": the agent's word already shows the modality.
        Some((class, range)) if agent_words.as_deref() == Some(words(range).as_str()) => {
            out.push_str(&format!("{} ", modality_verb(*class)));
        }
        Some((class, range)) => {
            out.push_str(&format!("{} (`{}`) ", modality_verb(*class), words(range)));
        }
        None => out.push_str("states "),
    }
    out.push_str(what);
    out
}

/// The reading of a list match inside its clause: who acts and with which modality, from the
/// analysis, around the words the list matched.
pub fn phrase_reading(
    analysis: &Analysis,
    range: &Range<usize>,
    words: &dyn Fn(&Range<usize>) -> String,
) -> Option<String> {
    let clause = analysis.clause_at(range.start)?;
    let tags = analysis.clause_tags(clause);
    let outside = |t: &&Tag| t.range.end <= range.start || t.range.start >= range.end;
    let agent = tags.iter().filter(outside).find_map(|t| {
        first_class(
            t,
            Classes::of(&[
                Class::Speaker,
                Class::Authority,
                Class::Third,
                Class::Other,
                Class::Law,
            ]),
        )
    });
    let mut modality = tags
        .iter()
        .find_map(|t| first_class(t, Classes::of(MODALITY_ORDER)));
    if modality.is_none() && clause.kind == super::analysis::ClauseKind::Consequence {
        // The condition before it is what the clause depends on.
        modality = analysis
            .clauses
            .iter()
            .rev()
            .find(|c| c.range.end <= clause.range.start && c.sentence == clause.sentence)
            .and_then(|c| {
                analysis
                    .clause_tags(c)
                    .iter()
                    .find_map(|t| first_class(t, Classes::of(&[Class::Condition])))
            })
            .map(|(_, r)| (Class::Consequence, r));
    }
    (agent.is_some() || modality.is_some())
        .then(|| reading(&agent, &modality, &format!("`{}`", words(range)), words))
}

/// The frames of a code, for `cordial explain`: one paragraph each.
pub fn explain(code: &str) -> Vec<String> {
    let names = |set: Classes| -> String {
        let v: Vec<&str> = set.iter().map(Class::name).collect();
        if v.is_empty() {
            "any".to_string()
        } else {
            v.join(" | ")
        }
    };
    let mut out = Vec::new();
    for f in FRAMES.frames.iter().filter(|f| f.code == code) {
        let mut s = format!(
            "{}: agent {}; act {}; target {}; modality {}",
            f.name,
            names(f.pattern.agent),
            names(f.pattern.act),
            names(f.pattern.target),
            names(f.pattern.modality)
        );
        if !f.pattern.not.is_empty() {
            s.push_str(&format!("; never with {}", names(f.pattern.not)));
        }
        s.push_str(&format!("; reads \"{}\"", f.reads));
        out.push(s);
    }
    for e in FRAMES
        .exemptions
        .iter()
        .filter(|e| e.applies.contains(&code))
    {
        let mut s = format!("exempt, {}: ", e.reads);
        let mut parts = Vec::new();
        if !e.pattern.agent.is_empty() {
            parts.push(format!("agent {}", names(e.pattern.agent)));
        }
        if !e.pattern.modality.is_empty() {
            parts.push(format!("modality {}", names(e.pattern.modality)));
        }
        if !e.pattern.not.is_empty() {
            parts.push(format!("never with {}", names(e.pattern.not)));
        }
        if e.pattern.sentence {
            parts.push("read over the whole sentence".to_string());
        }
        s.push_str(&parts.join("; "));
        out.push(s);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_frames_parse() {
        let set = parse(SOURCE).expect("frames.txt parses");
        assert!(set.frames.len() >= 8);
        assert!(!set.exemptions.is_empty());
    }

    #[test]
    fn mistakes_name_their_line() {
        assert!(
            parse("frame wording/nope x\nact act.visit")
                .unwrap_err()
                .contains("line 1")
        );
        assert!(
            parse("frame wording/threat x\nact speaker")
                .unwrap_err()
                .contains("line 2")
        );
        assert!(parse("frame wording/threat x\nagent speaker").is_err());
        assert!(parse("agent speaker").is_err());
    }

    #[test]
    fn explain_lists_frames_and_exemptions() {
        let lines = explain(codes::LEGAL_ACTION);
        assert!(lines.iter().any(|l| l.contains("announced-escalation")));
        assert!(lines.iter().any(|l| l.starts_with("exempt")));
    }
}
