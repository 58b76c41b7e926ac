use crate::diagnostic::{Finding, Location, Severity};
use crate::model::RequiredScope;
use crate::rules::{Context, Example, RuleMeta};
use crate::source::pointer;
use crate::wording::{self, codes};

pub static META: RuleMeta = RuleMeta {
    code: "wording/required",
    severity: Severity::Error,
    summary: "a phrase that `compliance.require` demands is missing from a template or step",
    packs: &["core"],
    rationale: "Some sentences must be said or written every time: the opt-out instruction of an \
SMS (\"Reply STOP to opt out\"), the recording notice of a call, the company's identification. \
`compliance.require` lists them with where they must appear: every template of a channel, one \
step's `say` lines, or one template. The phrase is found folding case, accents and spelling \
variants, on whole words, so a capitalised or unaccented copy still counts.",
    citations: &[],
    examples: &[
        Example {
            lang: "yaml",
            fails: true,
            text: "compliance:\n  require:\n    - {phrase: \"Reply STOP to opt out\", in: sms}\ntemplates:\n  reminder: {channel: sms, text: \"Your payment is due on {due_date}.\"}\n",
        },
        Example {
            lang: "yaml",
            fails: false,
            text: "compliance:\n  require:\n    - {phrase: \"Reply STOP to opt out\", in: sms}\ntemplates:\n  reminder: {channel: sms, text: \"Your payment is due on {due_date}. Reply STOP to opt out.\"}\n",
        },
    ],
    suppressible: true,
};

/// Reports every required phrase missing where `compliance.require` wants it.
pub fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let language = cx.packs.language.as_str();
    let playbook = cx.playbook;
    // Each text normalised once, each phrase's automaton built once, however many rules and
    // templates there are.
    let mut normalized: std::collections::HashMap<String, String> =
        std::collections::HashMap::new();
    let mut contains = |key: &str, text: &str, set: &crate::wording::matcher::PhraseSet<usize>| {
        let folded = normalized
            .entry(key.to_string())
            .or_insert_with(|| wording::normalize(text, language).text);
        !set.find(folded).is_empty()
    };
    for (i, required) in playbook.compliance.require.iter().enumerate() {
        let phrase = required.phrase.as_str();
        let set = wording::phrase_set([phrase], language);
        let rule_at = Location::value(pointer(["compliance", "require", &i.to_string()]));
        match &required.scope {
            RequiredScope::Channel(channel) => {
                for (id, template) in playbook
                    .templates
                    .iter()
                    .filter(|(_, t)| t.channel == *channel)
                {
                    let whole = format!(
                        "{}\n{}",
                        template.subject.as_deref().unwrap_or_default(),
                        template.text
                    );
                    if !contains(&format!("template:{id}:whole"), &whole, &set) {
                        out.push(missing(
                            phrase,
                            &format!("{} template `{id}`", channel.as_str()),
                            pointer(["templates", id, "text"]),
                            &rule_at,
                            language,
                        ));
                    }
                }
            }
            RequiredScope::Template { template } => {
                let Some(found) = playbook.templates.get(template) else {
                    continue;
                };
                if !contains(&format!("template:{template}"), &found.text, &set) {
                    out.push(missing(
                        phrase,
                        &format!("template `{template}`"),
                        pointer(["templates", template, "text"]),
                        &rule_at,
                        language,
                    ));
                }
            }
            RequiredScope::Step { step } => {
                let Some(found) = playbook.steps.get(step) else {
                    continue;
                };
                let said = found.say.join("\n");
                if !contains(&format!("step:{step}"), &said, &set) {
                    let at = if found.say.is_empty() {
                        pointer(["steps", step])
                    } else {
                        pointer(["steps", step, "say"])
                    };
                    out.push(missing(
                        phrase,
                        &format!("step `{step}`"),
                        at,
                        &rule_at,
                        language,
                    ));
                }
            }
        }
    }
}

fn missing(phrase: &str, place: &str, at: String, rule_at: &Location, language: &str) -> Finding {
    let location = if at.matches('/').count() == 2 {
        Location::key(at)
    } else {
        Location::value(at)
    };
    Finding::new(
        codes::REQUIRED,
        format!("{place} does not say \"{phrase}\""),
        location,
    )
    .label("required phrase missing")
    .help(if language == "pt" {
        format!("inclua \"{phrase}\" no texto")
    } else {
        format!("add \"{phrase}\" to it")
    })
    .related(rule_at.clone(), "required here")
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{codes, run_check};
    use crate::rules::wording::Wording;

    const BASE: &str = "cordial: 1\nid: t\ntitle: T\nlocale: en\nstart: a\ncompliance:\n  require:\n    - {phrase: \"Reply STOP to opt out\", in: sms}\n    - {phrase: \"this call may be recorded\", in: {step: a}}\nsteps:\n  a:\n    say: [\"Hello! This call MAY be recorded.\"]\n    outcome: paid\ntemplates:\n";

    #[test]
    fn missing_phrases_are_reported_per_template_and_step() {
        let ok = format!(
            "{BASE}  r: {{channel: sms, text: \"Due {{due_date}}. reply stop to opt-out\"}}\n"
        );
        assert_eq!(codes(&run_check(&Wording, &ok)), Vec::<&str>::new());
        let missing = format!(
            "{BASE}  r: {{channel: sms, text: \"Due {{due_date}}.\"}}\n  e: {{channel: email, text: \"Due.\"}}\n"
        );
        assert_eq!(codes(&run_check(&Wording, &missing)), ["wording/required"]);
    }
}
