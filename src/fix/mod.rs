//! Applying the machine fixes that rules attach to findings (`cordial check --fix`).
//!
//! A fix is a list of byte-range edits on the source the finding was made from. This module
//! picks the fixes a run may apply, applies those that do not overlap, has the result checked
//! again, and goes round until no fix is left (at most [`MAX_ROUNDS`] times). Text outside the
//! edited ranges is never touched, so comments, quoting, indentation and line endings stay byte
//! for byte. A text that does not parse is never fixed, and a round whose result does not parse
//! is taken back one fix at a time. The editor integration reuses [`fixes`] and [`apply`].

pub mod diff;
pub mod edit;
pub mod write;

use crate::diagnostic::{Applicability, Finding, Fix};

/// The codes whose findings may carry a fix, how safe it is, and what it does: for
/// `cordial explain` and `docs/fixes.md` (a test holds the page to this list).
pub const OFFERED: &[(&str, Applicability, &str)] = &[
    (
        "schema/invalid",
        Applicability::Safe,
        "an unknown key or an allowed value misspelt: renamed to the one near key or value",
    ),
    (
        "ref/unknown-step",
        Applicability::Safe,
        "a misspelt step id: replaced by the one near step id",
    ),
    (
        "ref/unknown-offer",
        Applicability::Safe,
        "a misspelt offer id: replaced by the one near offer id",
    ),
    (
        "ref/unknown-template",
        Applicability::Safe,
        "a misspelt template id: replaced by the one near template id",
    ),
    (
        "ref/undeclared-variable",
        Applicability::Safe,
        "a misspelt placeholder: replaced by the one near declared variable",
    ),
    (
        "ref/unknown-fact",
        Applicability::Safe,
        "a misspelt fact: replaced by the one near known or required fact",
    ),
    (
        "wording/prefer",
        Applicability::Safe,
        "the listed word replaced by the preferred one, in the same case",
    ),
    (
        "disclosure/opt-out",
        Applicability::Unsafe,
        "\"Reply STOP to opt out.\" added to an English SMS template",
    ),
    (
        "disclosure/mini-miranda",
        Applicability::Unsafe,
        "the pack's disclosure sentence added to an English template",
    ),
];

/// What `--fix` can do for a code, if anything.
pub fn offered(code: &str) -> Option<(Applicability, &'static str)> {
    OFFERED
        .iter()
        .find(|(c, _, _)| *c == code)
        .map(|&(_, applicability, what)| (applicability, what))
}

/// Which fixes a run applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// `--fix`: the safe ones.
    Safe,
    /// `--unsafe-fixes`: every fix.
    Unsafe,
}

impl Mode {
    pub fn admits(self, applicability: Applicability) -> bool {
        match self {
            Self::Safe => applicability == Applicability::Safe,
            Self::Unsafe => true,
        }
    }
}

/// Most rounds of fix-and-check per file: each round fixes what the previous one uncovered
/// (a renamed key whose value then gets a did-you-mean); a fix that keeps coming back stops here.
pub const MAX_ROUNDS: usize = 10;

/// The fixes of `findings` that `mode` admits, each with the finding it resolves, in source
/// order: what an editor offers as code actions and what `--fix` applies.
pub fn fixes(findings: &[Finding], mode: Mode) -> Vec<(&Finding, &Fix)> {
    let mut out: Vec<(&Finding, &Fix)> = findings
        .iter()
        .filter_map(|f| Some((f, f.fix.as_ref()?)))
        .filter(|(_, fix)| mode.admits(fix.applicability) && !fix.edits.is_empty())
        .collect();
    out.sort_by_key(|(_, fix)| fix.edits.first().map(|e| (e.range.start, e.range.end)));
    out
}

/// Whether two fixes touch the same bytes (two insertions at one place count as touching: their
/// order would be a guess).
fn overlap(a: &Fix, b: &Fix) -> bool {
    a.edits.iter().any(|x| {
        b.edits.iter().any(|y| {
            (x.range.start < y.range.end && y.range.start < x.range.end)
                || x.range.start == y.range.start
        })
    })
}

/// The fixes to apply together: in order, each one that overlaps none taken before.
pub fn compatible<'f>(candidates: impl IntoIterator<Item = &'f Fix>) -> Vec<&'f Fix> {
    let mut taken: Vec<&Fix> = Vec::new();
    for fix in candidates {
        if !taken.iter().any(|t| overlap(t, fix)) {
            taken.push(fix);
        }
    }
    taken
}

/// `text` with the edits of `fixes` applied. The fixes must not overlap ([`compatible`]); edits
/// outside the text or off a character boundary are left out.
pub fn apply(text: &str, fixes: &[&Fix]) -> String {
    let mut edits: Vec<&crate::diagnostic::Edit> = fixes.iter().flat_map(|f| &f.edits).collect();
    edits.sort_by_key(|e| (e.range.start, e.range.end));
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for edit in edits {
        let (start, end) = (edit.range.start, edit.range.end);
        let fits = at <= start
            && start <= end
            && end <= text.len()
            && text.is_char_boundary(start)
            && text.is_char_boundary(end);
        if !fits {
            continue;
        }
        out.push_str(&text[at..start]);
        out.push_str(&edit.replacement);
        at = end;
    }
    out.push_str(&text[at..]);
    out
}

/// A text checked again: its findings, or None when it does not parse.
pub trait Checked {
    fn findings(&self) -> &[Finding];
}

impl Checked for Vec<Finding> {
    fn findings(&self) -> &[Finding] {
        self
    }
}

/// What fixing one text came to.
#[derive(Debug)]
pub struct Outcome<C> {
    /// The fixed text (the original when nothing applied).
    pub text: String,
    /// How many fixes were applied over all rounds.
    pub applied: usize,
    /// The check of the fixed text; None when nothing was applied.
    pub checked: Option<C>,
}

/// Applies the fixes `mode` admits to `text`, whose findings are `findings`, round after round:
/// `check` checks a candidate text and says None when it does not parse. A text with a finding
/// that says it could not be parsed is left as it is.
pub fn fix_text<C: Checked>(
    text: &str,
    findings: &[Finding],
    mode: Mode,
    mut check: impl FnMut(&str) -> Option<C>,
) -> Outcome<C> {
    let mut outcome = Outcome {
        text: text.to_string(),
        applied: 0,
        checked: None,
    };
    if findings.iter().any(unparsed) {
        return outcome;
    }
    let mut seen = vec![text.to_string()];
    for _ in 0..MAX_ROUNDS {
        let current = match &outcome.checked {
            Some(c) => c.findings(),
            None => findings,
        };
        let chosen = compatible(fixes(current, mode).into_iter().map(|(_, fix)| fix));
        if chosen.is_empty() {
            break;
        }
        let Some((text, count, checked)) = apply_round(&outcome.text, &chosen, &mut check) else {
            break;
        };
        // A text seen before means two fixes undo each other: stop rather than cycle.
        if seen.contains(&text) {
            break;
        }
        seen.push(text.clone());
        outcome.text = text;
        outcome.applied += count;
        outcome.checked = Some(checked);
    }
    outcome
}

/// One round: every chosen fix at once, or, when the result does not parse, each fix on its own
/// in order, keeping those after which the text still parses. None when no fix could be kept.
fn apply_round<C: Checked>(
    text: &str,
    chosen: &[&Fix],
    check: &mut impl FnMut(&str) -> Option<C>,
) -> Option<(String, usize, C)> {
    let together = apply(text, chosen);
    if let Some(checked) = check(&together) {
        return Some((together, chosen.len(), checked));
    }
    // Edits are offsets into `text`: keep the good ones and apply them together at the end.
    let mut kept: Vec<&Fix> = Vec::new();
    for fix in chosen {
        let mut trial = kept.clone();
        trial.push(fix);
        if check(&apply(text, &trial)).is_some() {
            kept = trial;
        }
    }
    if kept.is_empty() {
        return None;
    }
    let fixed = apply(text, &kept);
    let checked = check(&fixed)?;
    Some((fixed, kept.len(), checked))
}

/// Whether a finding says the text could not be read or parsed (such a file is never rewritten).
pub fn unparsed(finding: &Finding) -> bool {
    finding.code.starts_with("yaml/") || finding.code.starts_with("input/")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Edit, Location};

    fn fix(range: std::ops::Range<usize>, with: &str, applicability: Applicability) -> Fix {
        Fix {
            description: String::new(),
            applicability,
            edits: vec![Edit {
                range,
                replacement: with.to_string(),
            }],
        }
    }

    fn finding(fix_: Fix) -> Finding {
        Finding::new("ref/unknown-step", "x", Location::Bytes(0..0)).fix(Some(fix_))
    }

    #[test]
    fn overlapping_fixes_are_applied_first_come_first_served() {
        let a = fix(0..3, "xyz", Applicability::Safe);
        let b = fix(2..5, "B", Applicability::Safe);
        let c = fix(6..7, "C", Applicability::Safe);
        let chosen = compatible([&a, &b, &c]);
        assert_eq!(apply("abcdefgh", &chosen), "xyzdefCh");
    }

    #[test]
    fn unsafe_fixes_need_the_unsafe_mode() {
        let findings = [
            finding(fix(0..1, "S", Applicability::Safe)),
            finding(fix(2..3, "U", Applicability::Unsafe)),
        ];
        assert_eq!(fixes(&findings, Mode::Safe).len(), 1);
        assert_eq!(fixes(&findings, Mode::Unsafe).len(), 2);
    }

    #[test]
    fn rounds_continue_until_nothing_is_left_and_unparsable_results_are_taken_back() {
        // Each round, the check offers to replace the first `a` with `b`; `!` does not parse.
        let check = |text: &str| -> Option<Vec<Finding>> {
            if text.contains('!') {
                return None;
            }
            Some(
                text.find('a')
                    .map(|i| finding(fix(i..i + 1, "b", Applicability::Safe)))
                    .into_iter()
                    .collect(),
            )
        };
        let first = check("aaa").expect("parses");
        let outcome = fix_text("aaa", &first, Mode::Safe, check);
        assert_eq!((outcome.text.as_str(), outcome.applied), ("bbb", 3));

        let breaking = [
            finding(fix(0..1, "!", Applicability::Safe)),
            finding(fix(2..3, "c", Applicability::Safe)),
        ];
        let outcome = fix_text("aaa", &breaking, Mode::Safe, |t: &str| {
            (!t.contains('!')).then(Vec::<Finding>::new)
        });
        assert_eq!((outcome.text.as_str(), outcome.applied), ("aac", 1));
    }

    #[test]
    fn a_text_that_did_not_parse_is_left_alone() {
        let findings = [
            Finding::new("yaml/syntax", "bad", Location::Bytes(0..1)),
            finding(fix(0..1, "b", Applicability::Safe)),
        ];
        let outcome = fix_text("a: [", &findings, Mode::Unsafe, |_: &str| {
            Some(Vec::<Finding>::new())
        });
        assert_eq!((outcome.text.as_str(), outcome.applied), ("a: [", 0));
    }
}
