use super::{MINI_MIRANDA, MirandaElements, debt_details, first_debt_word, miranda_elements};
use crate::diagnostic::{Finding, Location, Severity};
use crate::model::{Jurisdiction, Playbook, Step};
use crate::rules::jurisdiction::params;
use crate::rules::{Check, Citation, Context, Example, RuleMeta};
use crate::source::pointer;

pub static META: RuleMeta = RuleMeta {
    code: "disclosure/mini-miranda",
    severity: Severity::Error,
    summary: "the debt is discussed before the debt-collector disclosure, or the first message lacks it",
    packs: &["us"],
    rationale: "A third-party debt collector must tell the consumer, in the first communication, \
that it is a debt collector attempting to collect a debt and that any information obtained will \
be used for that purpose (the \"mini-Miranda\"); every later communication must say that it comes \
from a debt collector.\n\n\
On calls, cordial proves that on every path from `start` the first step that speaks about the \
debt (a `money` variable, an offer, `debt-details-disclosed`, or words such as *balance*, *debt*, \
*payment*) comes at or after a step that gives the disclosure: a step that establishes \
`mini-miranda`, or whose `say` lines state all three elements. The right-party check may come \
first; the disclosure is due before the debt is discussed.\n\n\
In the contact plan, the template of the first touch must carry the full disclosure, and every \
later template must at least say it is from a debt collector. Creditors collecting their own \
accounts (`collector: first-party`) are not debt collectors under the FDCPA and are not checked. \
Negated sentences (\"this is not an attempt to collect a debt\") do not count as the disclosure.\n\n\
The three elements are read by meaning, each within one sentence, not word for word: the \
statute's sentence, the CFPB's model validation notice (\"{collector} is a debt collector. We are \
trying to collect a debt that you owe to {creditor}. We will use any information you give us to \
help collect the debt.\") and faithful paraphrases (\"we are collecting a debt\", \"information \
you provide may be used to collect the debt\", and the Portuguese equivalents) all count.",
    citations: &[Citation {
        pack: "us",
        text: "15 U.S.C. 1692e(11); 12 CFR 1006.18(e)(1)–(2): disclosure in the initial communication and in each subsequent one",
    }],
    examples: &[
        Example {
            lang: "yaml",
            fails: true,
            text: "start: greet\nsteps:\n  greet:\n    say: [\"Hi, I'm calling about your past-due balance.\"]\n    outcome: callback\n",
        },
        Example {
            lang: "yaml",
            fails: false,
            text: "start: greet\nsteps:\n  greet:\n    say: [\"This is ABC Recovery, a debt collector. This is an attempt to collect a debt and any information obtained will be used for that purpose.\"]\n    next: balance\n  balance:\n    say: [\"Your balance is past due.\"]\n    outcome: callback\n",
        },
    ],
    suppressible: true,
};

pub struct MiniMiranda;

/// Whether a step gives the disclosure: by declaration, or in what the agent says.
fn discloses(step: &Step) -> bool {
    step.establishes.iter().any(|f| f == MINI_MIRANDA)
        || step
            .say
            .iter()
            .map(|l| miranda_elements(l))
            .fold(MirandaElements::default(), MirandaElements::merge)
            .complete()
}

/// Where a step first speaks about the debt, with a label; None when it does not.
fn speaks_about_debt(playbook: &Playbook, id: &str, step: &Step) -> Option<(Location, String)> {
    let details = debt_details(playbook, id, step);
    for (i, line) in step.say.iter().enumerate() {
        let line_ptr = pointer(["steps", id, "say", &i.to_string()]);
        if let Some(detail) = details
            .iter()
            .find(|d| d.at.pointer() == Some(line_ptr.as_str()))
        {
            return Some((detail.at.clone(), format!("says {}", detail.what)));
        }
        if let Some(range) = first_debt_word(line) {
            return Some((
                Location::text(line_ptr, range),
                "speaks about the debt".to_string(),
            ));
        }
    }
    details
        .into_iter()
        .next()
        .map(|d| (d.at, format!("gives {}", d.what)))
}

impl Check for MiniMiranda {
    fn run(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        if !cx.packs.has(Jurisdiction::Us) {
            return;
        }
        let Some(who) = params(Jurisdiction::Us).mini_miranda else {
            return;
        };
        if !who.binds(cx.playbook.collector) {
            return;
        }
        let note = META.citations[0].text;
        // Stop the walk at the first step that speaks about the debt as well as at disclosures:
        // a speaking step reached this way is the first to speak on some path, undisclosed.
        let speaks: Vec<Option<(Location, String)>> = cx
            .flow
            .nodes()
            .map(|n| speaks_about_debt(cx.playbook, cx.flow.id(n), cx.flow.step(cx.playbook, n)))
            .collect();
        let disclosed = cx
            .flow
            .must_hold(|n| speaks[n.index()].is_some() || discloses(cx.flow.step(cx.playbook, n)));
        for node in cx.flow.nodes() {
            let Some((at, what)) = &speaks[node.index()] else {
                continue;
            };
            if discloses(cx.flow.step(cx.playbook, node)) {
                continue;
            }
            let Some(path) = disclosed.counterexample(node) else {
                continue;
            };
            let id = cx.flow.id(node);
            out.push(
                Finding::new(META.code, format!("step `{id}` discusses the debt before the debt-collector disclosure"), at.clone())
                    .label(format!("{what} on the path below, with no `{MINI_MIRANDA}` before it"))
                    .help(format!(
                        "give the disclosure first: a step before `{id}` that says \"this is a debt collector, this is an attempt to collect a debt, and any information obtained will be used for that purpose\" and establishes `{MINI_MIRANDA}`"
                    ))
                    .note(note)
                    .path(path.names(cx.flow)),
            );
        }
        self.check_templates(cx, note, out);
    }
}

/// What the first message must say, in the pack's words.
const FULL_DISCLOSURE: &str = "This is a communication from a debt collector. This is an attempt to collect a debt and any information obtained will be used for that purpose.";
/// What every later message must say.
const COLLECTOR_NOTICE: &str = "This communication is from a debt collector.";

impl MiniMiranda {
    /// The first template sent needs the full disclosure; later ones the debt-collector notice.
    fn check_templates(&self, cx: &Context<'_>, note: &str, out: &mut Vec<Finding>) {
        let mut touches: Vec<_> = cx
            .playbook
            .cadence
            .iter()
            .filter_map(|t| Some((t.day, t.template.as_deref()?)))
            .collect();
        touches.sort_by_key(|&(day, _)| day); // stable: same-day touches keep their written order
        let mut seen = std::collections::HashSet::new();
        for (position, (day, id)) in touches.into_iter().enumerate() {
            let Some(template) = cx.playbook.templates.get(id) else {
                continue;
            };
            if !seen.insert(id) {
                continue;
            }
            let subject = template
                .subject
                .as_deref()
                .map(miranda_elements)
                .unwrap_or_default();
            let elements = miranda_elements(&template.text).merge(subject);
            let text_at = pointer(["templates", id, "text"]);
            let at = Location::value(text_at.clone());
            // The pack's sentences, added to English texts by `--unsafe-fixes`.
            let fix = |sentence: &str| {
                (cx.packs.language == "en")
                    .then(|| crate::fix::edit::append_sentence(cx.source, &text_at, sentence))
                    .flatten()
            };
            if position == 0 && !elements.complete() {
                out.push(
                    Finding::new(META.code, format!("template `{id}`, the first message of the contact plan (day {day}), lacks the debt-collector disclosure"), at)
                        .label(format!("missing: {}", elements.missing().join("; ")))
                        .help(format!("add: \"{FULL_DISCLOSURE}\""))
                        .note(note)
                        .fix(fix(FULL_DISCLOSURE)),
                );
            } else if position > 0 && !elements.collector {
                out.push(
                    Finding::new(
                        META.code,
                        format!(
                            "template `{id}` (day {day}) does not say it is from a debt collector"
                        ),
                        at,
                    )
                    .label("every message after the first must say it comes from a debt collector")
                    .help(format!("add: \"{COLLECTOR_NOTICE}\""))
                    .note(note)
                    .fix(fix(COLLECTOR_NOTICE)),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::run_check;

    const HEAD: &str = "cordial: 1\nid: t\ntitle: T\nlocale: en\njurisdictions: [us]\n";
    const DISCLOSURE: &str = "This is ABC, a debt collector. This is an attempt to collect a debt and any information obtained will be used for that purpose.";

    #[test]
    fn first_debt_talk_without_disclosure_fails_once() {
        let yaml = format!(
            "{HEAD}start: greet\nsteps:\n  greet:\n    say: [\"Hello, is this Jo?\"]\n    establishes: [identity-verified]\n    next: balance\n  balance:\n    say: [\"Your balance is past due.\"]\n    next: pay\n  pay:\n    say: [\"Can you make a payment today?\"]\n    outcome: callback\n"
        );
        let found = run_check(&MiniMiranda, &yaml);
        assert_eq!(found.len(), 1, "only the first step that speaks: {found:?}");
        let names: Vec<&str> = found[0].path.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["greet", "balance"]);
    }

    #[test]
    fn disclosure_before_debt_talk_passes() {
        let yaml = format!(
            "{HEAD}start: greet\nsteps:\n  greet:\n    say: [\"{DISCLOSURE}\"]\n    next: balance\n  balance:\n    say: [\"Your balance is past due.\"]\n    outcome: callback\n"
        );
        assert!(run_check(&MiniMiranda, &yaml).is_empty());
    }

    #[test]
    fn first_party_collectors_and_other_packs_are_not_checked() {
        let steps = "start: greet\nsteps:\n  greet:\n    say: [\"Your balance is past due.\"]\n    outcome: callback\n";
        assert!(
            run_check(
                &MiniMiranda,
                &format!("{HEAD}collector: first-party\n{steps}")
            )
            .is_empty()
        );
        assert!(
            run_check(
                &MiniMiranda,
                &format!("cordial: 1\nid: t\ntitle: T\nlocale: en\n{steps}")
            )
            .is_empty()
        );
    }

    #[test]
    fn templates_first_full_then_collector_notice() {
        let yaml = format!(
            "{HEAD}start: s\nsteps:\n  s: {{establishes: [mini-miranda], outcome: callback}}\ntemplates:\n  first: {{channel: letter, text: \"{DISCLOSURE}\"}}\n  later: {{channel: sms, text: \"Please call us back.\"}}\n  third: {{channel: sms, text: \"From ABC, a debt collector: please call.\"}}\ncadence:\n  - {{day: 9, channel: sms, template: later}}\n  - {{day: 1, channel: letter, template: first}}\n  - {{day: 12, channel: sms, template: third}}\n"
        );
        let found = run_check(&MiniMiranda, &yaml);
        assert_eq!(found.len(), 1);
        assert!(found[0].message.contains("`later`"));
    }
}
