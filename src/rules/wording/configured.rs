//! The extra phrase files of `cordial.toml` (`[phrases.<language>]`): prohibited phrases are
//! reported as `wording/prohibited`, preferred ones as `wording/prefer`, each naming the
//! `file:line` of its entry. They are matched like the built-in lists (same normaliser, whole
//! words, `*` endings), literally: the organisation chose the phrase itself.

use crate::diagnostic::{Applicability, Finding, Location, Severity};
use crate::rules::Context;
use crate::rules::configured::PhraseKind;
use crate::wording::{self, codes};

/// Reports every phrase of the configuration's files found in the checked texts.
/// `in_language` holds the texts the scan already normalised with the playbook's language, by
/// pointer (any text missing from it is normalised here).
pub fn check(
    cx: &Context<'_>,
    texts: &[(String, &str)],
    in_language: &std::collections::HashMap<&str, wording::Normalized>,
    out: &mut Vec<Finding>,
) {
    if cx.packs.phrases.is_empty() {
        return;
    }
    let language = cx.packs.language.as_str();
    let pt = language == "pt";
    for (at, text) in texts {
        let fresh;
        let normalized = match in_language.get(at.as_str()) {
            Some(normalized) => normalized,
            None => {
                fresh = wording::normalize(text, language);
                &fresh
            }
        };
        for file in &cx.packs.phrases {
            for (&index, range) in file.set.find(&normalized.text) {
                let Some(entry) = file.entries.get(index) else {
                    continue;
                };
                let range = normalized.original_range(range);
                let matched = text.get(range.clone()).unwrap_or_default();
                let listed = file.at(entry);
                let location = Location::text(at.as_str(), range.clone());
                let finding = match (file.kind, &entry.instead) {
                    (PhraseKind::Prohibited, _) => Finding::new(
                        codes::PROHIBITED,
                        format!("`{}` is prohibited by {listed}", entry.phrase),
                        location,
                    )
                    .label("on the configuration's prohibited list")
                    .note(format!("{listed}: a phrase the configuration prohibits"))
                    .severity(Severity::Error),
                    (PhraseKind::Preferred, instead) => {
                        let better = instead.as_deref().unwrap_or_default();
                        let finding = Finding::new(
                            codes::PREFER,
                            format!("{listed} prefers other wording"),
                            location,
                        )
                        .label("the configuration prefers other wording")
                        .help(if pt {
                            format!("diga \"{better}\" em vez de \"{matched}\"")
                        } else {
                            format!("say \"{better}\" instead of \"{matched}\"")
                        })
                        .note(format!("{listed}: {} => {better}", entry.phrase));
                        // Only words written exactly as listed are replaced by `--fix`: a
                        // look-alike spelling or a `*` ending is left to people.
                        let exact = matched.to_lowercase() == entry.phrase.to_lowercase()
                            && matched.chars().all(|c| c.is_alphabetic() || c == ' ');
                        finding.fix(
                            exact
                                .then(|| {
                                    crate::fix::edit::replace_words(
                                        cx.source,
                                        at,
                                        range.clone(),
                                        matched,
                                        &super::in_case_of(matched, better),
                                        Applicability::Safe,
                                    )
                                })
                                .flatten(),
                        )
                    }
                };
                out.push(finding);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use crate::rules::configured::{PhraseEntry, PhraseFile, PhraseKind};
    use crate::rules::wording::Wording;

    fn run(yaml: &str, files: Vec<Arc<PhraseFile>>) -> Vec<crate::diagnostic::Finding> {
        crate::rules::testing::run_check_with_packs(&Wording, yaml, |packs| packs.phrases = files)
    }

    fn file(kind: PhraseKind, phrase: &str, instead: Option<&str>) -> Arc<PhraseFile> {
        let entry = PhraseEntry {
            phrase: phrase.into(),
            instead: instead.map(str::to_string),
            line: 4,
        };
        Arc::new(PhraseFile::new("extra.txt".into(), kind, vec![entry], "pt"))
    }

    const YAML: &str = "cordial: 1\nid: t\ntitle: T\nlocale: pt-BR\njurisdictions: []\nstart: a\nsteps:\n  a:\n    say: [\"Olá, aqui é do Setor de Recuperação.\"]\n    outcome: paid\n";

    #[test]
    fn a_prohibited_phrase_is_found_folded_and_named_with_its_line() {
        let found = run(
            YAML,
            vec![file(PhraseKind::Prohibited, "setor de recuperacao", None)],
        );
        let hit = found
            .iter()
            .find(|f| f.code == "wording/prohibited")
            .expect("found");
        assert!(hit.message.contains("extra.txt:4"), "{}", hit.message);
    }

    #[test]
    fn a_preferred_phrase_gets_a_fix_in_the_text_case() {
        let found = run(
            YAML,
            vec![file(
                PhraseKind::Preferred,
                "setor de recuperação",
                Some("equipe de atendimento"),
            )],
        );
        let hit = found
            .iter()
            .find(|f| f.code == "wording/prefer")
            .expect("found");
        assert!(
            hit.note
                .as_deref()
                .is_some_and(|n| n.contains("extra.txt:4"))
        );
        let fix = hit.fix.as_ref().expect("a fix");
        assert_eq!(fix.edits[0].replacement, "Equipe de atendimento");
    }
}
