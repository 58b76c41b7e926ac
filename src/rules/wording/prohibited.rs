use crate::diagnostic::{Finding, Location, Severity};
use crate::model::PhraseSeverity;
use crate::rules::{Context, Example, RuleMeta};
use crate::wording::{self, codes};

pub static META: RuleMeta = RuleMeta {
    code: "wording/prohibited",
    severity: Severity::Error,
    summary: "a phrase from the playbook's own `compliance.prohibited` list",
    packs: &["core"],
    rationale: "Companies forbid phrases of their own: a slogan legal has rejected, a word the brand \
avoids, an expression a regulator objected to. `compliance.prohibited` lists them, each with a \
reason, an optional `instead` and a severity (`error` or `warning`). They are matched the way the \
built-in lists are: folding case, accents, SMS spellings and look-alike letters, on whole words; \
`*` at the end of a phrase matches any ending (`negativ*`). Unlike the built-in lists, they are \
matched literally: a negation does not excuse them, because the company chose to forbid the phrase \
itself.\n\n\
A `cordial.toml` may add files of prohibited phrases for every playbook of a language \
(`[phrases.pt] prohibited = [\"compliance/proibidas.txt\"]`): they are matched the same way, and \
each finding names the file and line of its phrase.",
    citations: &[],
    examples: &[
        Example {
            lang: "yaml",
            fails: true,
            text: "compliance:\n  prohibited:\n    - {phrase: \"last chance\", reason: \"false urgency\"}\nsteps:\n  offer: {say: [\"This is your LAST CHANCE to settle.\"], outcome: agreement}\n",
        },
        Example {
            lang: "yaml",
            fails: false,
            text: "compliance:\n  prohibited:\n    - {phrase: \"last chance\", reason: \"false urgency\"}\nsteps:\n  offer: {say: [\"This offer stays open until Friday.\"], outcome: agreement}\n",
        },
    ],
    suppressible: true,
};

/// Reports every phrase of `compliance.prohibited` found in the checked texts.
pub fn check(cx: &Context<'_>, texts: &[(String, &str)], out: &mut Vec<Finding>) {
    let phrases = &cx.playbook.compliance.prohibited;
    if phrases.is_empty() {
        return;
    }
    let language = cx.packs.language.as_str();
    let set = wording::phrase_set(phrases.iter().map(|p| p.phrase.as_str()), language);
    for (at, text) in texts {
        let normalized = wording::normalize(text, language);
        for (&index, range) in set.find(&normalized.text) {
            let Some(phrase) = phrases.get(index) else {
                continue;
            };
            let range = normalized.original_range(range);
            let message = match &phrase.reason {
                Some(reason) => format!(
                    "`{}` is prohibited in this playbook: {reason}",
                    phrase.phrase
                ),
                None => format!("`{}` is prohibited in this playbook", phrase.phrase),
            };
            let mut finding = Finding::new(
                codes::PROHIBITED,
                message,
                Location::text(at.as_str(), range),
            )
            .label("on the playbook's prohibited list");
            if let Some(instead) = &phrase.instead {
                finding = finding.help(if language == "pt" {
                    format!("diga \"{instead}\" no lugar")
                } else {
                    format!("say \"{instead}\" instead")
                });
            }
            if phrase.severity == PhraseSeverity::Warning {
                finding = finding.severity(Severity::Warning);
            }
            out.push(finding);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::diagnostic::Severity;
    use crate::rules::testing::run_check;
    use crate::rules::wording::Wording;

    #[test]
    fn playbook_phrases_fold_and_keep_their_severity() {
        let yaml = "cordial: 1\nid: t\ntitle: T\nlocale: pt-BR\nstart: a\ncompliance:\n  prohibited:\n    - {phrase: \"ultima chance\", severity: warning, instead: \"a proposta vale até sexta\"}\nsteps:\n  a:\n    say: [\"É sua ÚLTIMA CHANCE, viu\"]\n    outcome: paid\n";
        let findings: Vec<_> = run_check(&Wording, yaml)
            .into_iter()
            .filter(|f| f.code == "wording/prohibited")
            .collect();
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].severity, Severity::Warning);
        assert_eq!(
            findings[0].primary.location,
            crate::diagnostic::Location::text("/steps/a/say/0", 7..21)
        );
    }
}
