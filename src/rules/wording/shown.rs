//! Everything else the guide shows, read like the scripts. What the customer hears or reads
//! (the creditor's name, variable examples, offer titles and descriptions, fee names) is read
//! by every wording rule; what only agents read (branch `when` labels, variable descriptions,
//! cadence notes) describes the customer and the process, and is read for threats, insults and
//! shaming: a guide that prints "When the deadbeat hangs up" teaches the word as surely as a
//! `say` line does, while "The customer expects a tax refund" is no pretext.
//!
//! Variable examples are also read where the guide substitutes them, in the example lines of
//! steps and templates: a phrase that only forms with the example in place ("you will go to
//! {place}" with the example "jail") is reported on the line, its underline on the words and
//! the placeholder as written, with the example as a related location.

use std::ops::Range;

use super::finding_for;
use super::legal_action::Escalations;
use super::memo::ScanMemo;
use crate::analysis::fill::example_text;
use crate::diagnostic::{Finding, Location};
use crate::model::{Next, Playbook, ScalarValue, VariableKind};
use crate::rules::Context;
use crate::rules::refs::placeholders;
use crate::source::pointer;
use crate::wording::{self, codes};

/// The guide's other texts the customer hears or reads (the creditor's name, variable
/// examples, offer titles and descriptions, fee names), with their JSON pointers.
pub fn guide_texts(playbook: &Playbook) -> Vec<(String, &str)> {
    let mut texts: Vec<(String, &str)> = Vec::new();
    if let Some(creditor) = &playbook.creditor {
        texts.push((pointer(["creditor", "name"]), creditor.name.as_str()));
    }
    for (name, variable) in &playbook.variables {
        if let Some(ScalarValue::Text(example)) = &variable.example {
            texts.push((pointer(["variables", name, "example"]), example));
        }
    }
    for (id, offer) in &playbook.offers {
        if let Some(title) = &offer.title {
            texts.push((pointer(["offers", id, "title"]), title));
        }
        if let Some(description) = &offer.description {
            texts.push((pointer(["offers", id, "description"]), description));
        }
        for (i, fee) in offer.fees.iter().flatten().enumerate() {
            texts.push((
                pointer(["offers", id, "fees", &i.to_string(), "name"]),
                fee.name.as_str(),
            ));
        }
    }
    texts
}

/// The guide's texts written for agents only: branch `when` labels, variable descriptions,
/// cadence notes. They describe the customer and the process ("The customer expects a tax
/// refund", "Juizado Especial Cível, approved by legal"), so only the words that menace, insult
/// or shame the customer are findings in them.
pub fn agent_texts(playbook: &Playbook) -> Vec<(String, &str)> {
    let mut texts: Vec<(String, &str)> = Vec::new();
    for (name, variable) in &playbook.variables {
        if let Some(description) = &variable.description {
            texts.push((pointer(["variables", name, "description"]), description));
        }
    }
    for (id, step) in &playbook.steps {
        if let Some(Next::Branches(branches)) = &step.next {
            for (i, branch) in branches.iter().enumerate() {
                texts.push((
                    pointer(["steps", id, "next", &i.to_string(), "when"]),
                    branch.when.as_str(),
                ));
            }
        }
    }
    for (i, touch) in playbook.cadence.iter().enumerate() {
        if let Some(note) = &touch.note {
            texts.push((pointer(["cadence", &i.to_string(), "note"]), note));
        }
    }
    texts
}

/// The codes reported in texts written for agents.
const AGENT_CODES: &[&str] = &[codes::THREAT, codes::ABUSE, codes::SHAMING];

/// Reads the agents' texts for threats, insults and shaming.
pub fn check_agent_texts<'t>(
    cx: &Context<'t>,
    language: &'t str,
    memo: &mut ScanMemo<'t>,
    out: &mut Vec<Finding>,
) {
    for (at, text) in agent_texts(cx.playbook) {
        for hit in memo.hits(text, language) {
            if AGENT_CODES.contains(&hit.code) {
                out.extend(finding_for(hit, &at, cx, None));
            }
        }
    }
}

/// A line with its placeholders replaced by their text examples, and where each replacement
/// came from.
struct Filled {
    text: String,
    /// (bytes in `text`, bytes of the placeholder in the line, the variable's name)
    substituted: Vec<(Range<usize>, Range<usize>, String)>,
    /// (start in `text`, start in the line) of every stretch copied as written
    copied: Vec<(usize, usize)>,
}

impl Filled {
    /// The line's bytes behind bytes `range` of the filled text: a substituted example maps to
    /// its whole placeholder.
    fn original(&self, range: &Range<usize>) -> Range<usize> {
        let map = |at: usize, end: bool| {
            if let Some((_, placeholder, _)) = self.substituted.iter().find(|(filled, _, _)| {
                filled.start <= at && (at < filled.end || end && at == filled.end)
            }) {
                return if end {
                    placeholder.end
                } else {
                    placeholder.start
                };
            }
            let (filled_start, line_start) = self
                .copied
                .iter()
                .rev()
                .find(|(f, _)| *f <= at)
                .copied()
                .unwrap_or((0, 0));
            line_start + (at - filled_start)
        };
        map(range.start, false)..map(range.end, true)
    }
}

fn fill(line: &str, playbook: &Playbook) -> Option<Filled> {
    let mut filled = Filled {
        text: String::with_capacity(line.len() + 16),
        substituted: Vec::new(),
        copied: vec![(0, 0)],
    };
    let mut copied_up_to = 0;
    for (name, range) in placeholders(line) {
        let Some(variable) = playbook.variables.get(name) else {
            continue;
        };
        if variable.kind != VariableKind::Text {
            continue;
        }
        let Some(example) = example_text(variable) else {
            continue;
        };
        filled.text.push_str(&line[copied_up_to..range.start]);
        let start = filled.text.len();
        filled.text.push_str(&example);
        filled
            .substituted
            .push((start..filled.text.len(), range.clone(), name.to_string()));
        copied_up_to = range.end;
        filled.copied.push((filled.text.len(), copied_up_to));
    }
    if filled.substituted.is_empty() {
        return None;
    }
    filled.text.push_str(&line[copied_up_to..]);
    Some(filled)
}

/// Reads every example line with its variables' examples in place. Hits that lie wholly in the
/// line as written, or wholly in one example, are reported where those are checked already.
pub fn check_examples(
    cx: &Context<'_>,
    lines: &[(String, &str)],
    language: &str,
    escalations: &Escalations,
    out: &mut Vec<Finding>,
) {
    // The same line filled the same way (a closing line in every template) is read once.
    let mut readings: std::collections::HashMap<String, Vec<wording::Hit>> =
        std::collections::HashMap::new();
    for (at, line) in lines {
        let Some(filled) = fill(line, cx.playbook) else {
            continue;
        };
        let hits = readings
            .entry(filled.text.clone())
            .or_insert_with(|| wording::scan(&filled.text, language));
        for hit in hits.iter() {
            let touched: Vec<&(Range<usize>, Range<usize>, String)> = filled
                .substituted
                .iter()
                .filter(|(r, _, _)| r.start < hit.range.end && hit.range.start < r.end)
                .collect();
            let inside_one = touched.len() == 1
                && touched[0].0.start <= hit.range.start
                && hit.range.end <= touched[0].0.end;
            if touched.is_empty() || inside_one {
                continue;
            }
            let refusal = match (hit.code, hit.action) {
                (codes::LEGAL_ACTION, Some(action)) => match escalations.refusal(action) {
                    Some(reason) => Some(reason),
                    None => continue,
                },
                _ => None,
            };
            let mut located = hit.clone();
            located.range = filled.original(&hit.range);
            located.matched = line
                .get(located.range.clone())
                .unwrap_or_default()
                .to_string();
            let Some(mut finding) = finding_for(&located, at, cx, refusal.as_deref()) else {
                continue;
            };
            for (_, _, name) in touched {
                finding = finding.related(
                    Location::value(pointer(["variables", name, "example"])),
                    format!("the guide shows this example in place of `{{{name}}}`"),
                );
            }
            out.push(finding);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::Wording;
    use crate::rules::testing::{codes, run_check};

    #[test]
    fn every_field_the_guide_shows_is_read() {
        let yaml = "cordial: 1\nid: t\ntitle: T\nlocale: en\ncreditor: {name: Deadbeat Finance}\nvariables:\n  who: {type: text, example: idiot, description: The stupid customer}\nstart: a\nsteps:\n  a:\n    say: [\"Hello.\"]\n    next:\n      - {when: The deadbeat hangs up, go: b}\n      - {when: The customer answers, go: b}\n  b: {outcome: paid}\noffers:\n  o: {kind: installment-plan, title: Plan for losers, description: Pay or go to jail, fees: [{name: Jail fee, amount: 1}]}\ncadence:\n  - {day: 1, channel: phone, step: a, note: Call the deadbeat at noon}\n";
        let found = run_check(&Wording, yaml);
        let at: Vec<String> = found
            .iter()
            .filter_map(|f| f.primary.location.pointer().map(str::to_string))
            .collect();
        for pointer in [
            "/creditor/name",
            "/variables/who/example",
            "/variables/who/description",
            "/steps/a/next/0/when",
            "/offers/o/title",
            "/offers/o/description",
            "/offers/o/fees/0/name",
            "/cadence/0/note",
        ] {
            assert!(
                at.iter().any(|p| p == pointer),
                "{pointer} not read: {at:?}"
            );
        }
        assert!(!at.iter().any(|p| p == "/steps/a/next/1/when"));
        assert!(codes(&found).contains(&"wording/abuse"));
    }

    #[test]
    fn agents_texts_describe_without_being_pretexts() {
        let yaml = "cordial: 1\nid: t\ntitle: T\nlocale: en\nstart: a\nsteps:\n  a:\n    say: [\"Hello.\"]\n    next:\n      - {when: The customer expects a tax refund soon, go: b}\n      - {when: Anything else, go: b}\n  b: {outcome: paid}\n";
        assert!(run_check(&Wording, yaml).is_empty());
    }

    #[test]
    fn a_phrase_formed_with_an_example_is_underlined_on_the_line() {
        let yaml = "cordial: 1\nid: t\ntitle: T\nlocale: en\nvariables:\n  where: {type: text, example: behind}\nstart: a\nsteps:\n  a:\n    say: [\"You will end up {where} bars.\"]\n    outcome: paid\n";
        let found = run_check(&Wording, yaml);
        let on_line: Vec<_> = found
            .iter()
            .filter(|f| f.primary.location.pointer() == Some("/steps/a/say/0"))
            .collect();
        assert_eq!(on_line.len(), 1, "{found:?}");
        let line = "You will end up {where} bars.";
        let crate::diagnostic::Location::Node {
            part: crate::diagnostic::Part::Text(range),
            ..
        } = &on_line[0].primary.location
        else {
            panic!("a text location");
        };
        assert_eq!(&line[range.clone()], "{where} bars");
        assert_eq!(on_line[0].related.len(), 1);
    }
}
