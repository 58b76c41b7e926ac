//! Wording rules: what a playbook's texts say to, and about, the customer.
//!
//! One check ([`Wording`]) scans every checked text once with the wording engine
//! ([`crate::wording::scan`]) and turns each hit into a finding of its rule; each rule file holds
//! the rule's documentation (`META`) and the words of its findings (`TEXT`). The playbook's own
//! lists (`compliance.prohibited`, `compliance.require`) and each step's `avoid` list are read
//! here too, with the same normalisation.
//!
//! Checked texts: the playbook `title` and `summary`; each step's `title`, `goal`, `say`, `tips`;
//! each template's `title`, `subject`, `text`; and everything else the guide shows ([`shown`]):
//! branch `when` labels, variable examples (also in place in the lines that use them) and
//! descriptions, offer titles, descriptions and fee names, cadence notes, the creditor's name.
//! Never a step's `avoid` list: those are "don't say" examples for training.

pub mod abuse;
pub mod avoided;
pub mod configured;
pub mod false_authority;
pub mod false_consequence;
pub mod legal_action;
pub mod locale_fallback;
pub mod locale_mismatch;
pub mod memo;
pub mod prefer;
pub mod pressure;
pub mod pretext;
pub mod prohibited;
pub mod required;
pub mod shaming;
pub mod shown;
pub mod suspension;
pub mod threat;

use crate::diagnostic::{Finding, Location};
use crate::model::Playbook;
use crate::rules::{Check, Context, Packs, RuleMeta};
use crate::source::pointer;
use crate::wording::{self, Hit, codes};

/// The words of a finding of one rule.
pub struct RuleText {
    /// The finding's message: what is wrong.
    pub message: &'static str,
    /// Drawn under the words.
    pub label: &'static str,
    /// What to write instead, when the list gives no suggestion of its own.
    pub help: &'static str,
    /// The same advice for a playbook written in Portuguese (its example in Portuguese too).
    pub help_pt: &'static str,
}

/// Every text of a playbook the wording rules read, with its JSON pointer.
pub fn checked_texts(playbook: &Playbook) -> Vec<(String, &str)> {
    let mut texts: Vec<(String, &str)> = vec![(pointer(["title"]), playbook.title.as_str())];
    if let Some(summary) = &playbook.summary {
        texts.push((pointer(["summary"]), summary));
    }
    for (id, step) in &playbook.steps {
        if let Some(title) = &step.title {
            texts.push((pointer(["steps", id, "title"]), title));
        }
        if let Some(goal) = &step.goal {
            texts.push((pointer(["steps", id, "goal"]), goal));
        }
        for (i, line) in step.say.iter().enumerate() {
            texts.push((pointer(["steps", id, "say", &i.to_string()]), line));
        }
        for (i, tip) in step.tips.iter().enumerate() {
            texts.push((pointer(["steps", id, "tips", &i.to_string()]), tip));
        }
    }
    for (id, template) in &playbook.templates {
        if let Some(title) = &template.title {
            texts.push((pointer(["templates", id, "title"]), title));
        }
        if let Some(subject) = &template.subject {
            texts.push((pointer(["templates", id, "subject"]), subject));
        }
        texts.push((pointer(["templates", id, "text"]), template.text.as_str()));
    }
    texts.extend(shown::guide_texts(playbook));
    texts
}

/// The citations of a rule for the packs in force, as one note. When the playbook names no
/// jurisdiction, the pack its locale suggests is cited (`pt` → br, `en-GB` → uk, other `en` →
/// us), and every citation when the locale suggests none. Unsuppressible rules say so.
pub fn citation_note(meta: &RuleMeta, packs: &Packs, locale: &str) -> Option<String> {
    let implied = implied_pack(locale);
    let in_force = |pack: &str| {
        pack == "core"
            || packs.jurisdictions.iter().any(|j| j.as_str() == pack)
            || (packs.jurisdictions.is_empty() && implied == Some(pack))
    };
    let active: Vec<&str> = meta
        .citations
        .iter()
        .filter(|c| in_force(c.pack))
        .map(|c| c.text)
        .collect();
    let chosen: Vec<&str> = if active.is_empty() {
        meta.citations.iter().map(|c| c.text).collect()
    } else {
        active
    };
    let mut note = chosen.join("; ");
    if !meta.suppressible {
        if !note.is_empty() {
            note.push_str("; ");
        }
        note.push_str("this rule cannot be silenced");
    }
    (!note.is_empty()).then_some(note)
}

/// The jurisdiction a locale suggests when the playbook names none.
fn implied_pack(locale: &str) -> Option<&'static str> {
    let mut parts = locale.split(['-', '_']).map(str::to_ascii_lowercase);
    let language = parts.next().unwrap_or_default();
    let region = parts.next().unwrap_or_default();
    match (language.as_str(), region.as_str()) {
        (_, "br") | ("pt", "") => Some("br"),
        (_, "gb" | "uk") => Some("uk"),
        (_, "us") | ("en", "") => Some("us"),
        _ => None,
    }
}

/// The documentation and finding words of a code the engine reports.
fn rule_of(code: &str) -> Option<(&'static RuleMeta, &'static RuleText)> {
    Some(match code {
        codes::THREAT => (&threat::META, &threat::TEXT),
        codes::ABUSE => (&abuse::META, &abuse::TEXT),
        codes::SHAMING => (&shaming::META, &shaming::TEXT),
        codes::PRESSURE => (&pressure::META, &pressure::TEXT),
        codes::FALSE_AUTHORITY => (&false_authority::META, &false_authority::TEXT),
        codes::FALSE_CONSEQUENCE => (&false_consequence::META, &false_consequence::TEXT),
        codes::PRETEXT => (&pretext::META, &pretext::TEXT),
        codes::LEGAL_ACTION => (&legal_action::META, &legal_action::TEXT),
        codes::PREFER => (&prefer::META, &prefer::TEXT),
        _ => return None,
    })
}

fn lowercase_first(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_lowercase().chain(chars).collect())
        .unwrap_or_default()
}

/// Turns one engine hit into a finding located on the words.
fn finding_for(hit: &Hit, at: &str, cx: &Context<'_>, refusal: Option<&str>) -> Option<Finding> {
    let (meta, text) = rule_of(hit.code)?;
    let message = match refusal {
        Some(reason) => format!("{} ({reason})", text.message),
        None => text.message.to_string(),
    };
    // Help speaks the playbook's language: its reader writes the texts in it.
    let pt = crate::rules::speaks_portuguese(cx);
    let help = match hit.suggestion {
        Some(better) if hit.code == codes::PREFER && pt => {
            format!("diga \"{better}\" em vez de \"{}\"", hit.matched)
        }
        Some(better) if hit.code == codes::PREFER => {
            format!("say \"{better}\" instead of \"{}\"", hit.matched)
        }
        // A suggestion that quotes its own example is advice, not a sentence to say; like every
        // help it starts in lowercase.
        Some(better) if better.contains('"') => lowercase_first(better),
        Some(better) if pt => format!("por exemplo: \"{better}\""),
        Some(better) => format!("for example: \"{better}\""),
        None if pt => text.help_pt.to_string(),
        None => text.help.to_string(),
    };
    let verdict = match refusal {
        Some(reason) if reason.contains("time-barred") => {
            "time-barred debt: no such action is lawful"
        }
        _ => text.label,
    };
    // What the engine read comes first, so the reviewer sees why the words were flagged.
    let label = match &hit.reading {
        Some(reading) => format!("{reading}; {verdict}"),
        None => verdict.to_string(),
    };
    let mut finding = Finding::new(meta.code, message, Location::text(at, hit.range.clone()))
        .label(label)
        .help(help)
        .fix(preferred_wording(hit, at, cx));
    if let Some(reading) = &hit.reading {
        finding = finding.reading(reading.clone());
    }
    if let Some(note) = citation_note(meta, cx.packs, &cx.playbook.locale) {
        finding = finding.note(note);
    }
    Some(finding)
}

/// The safe fix of a `wording/prefer` hit: its suggestion in place of the matched words, in the
/// matched words' case (`Debtor` → `Customer`), when the words are plain letters written as
/// read (no markup, escape or look-alike to lose) and the suggestion fits them word for word.
fn preferred_wording(hit: &Hit, at: &str, cx: &Context<'_>) -> Option<crate::diagnostic::Fix> {
    let better = hit
        .suggestion
        .filter(|_| hit.code == codes::PREFER && hit.replaceable)?;
    if !hit
        .matched
        .chars()
        .all(|c| c.is_alphabetic() || c == ' ' || c == '-')
    {
        return None;
    }
    let replacement = in_case_of(&hit.matched, better);
    crate::fix::edit::replace_words(
        cx.source,
        at,
        hit.range.clone(),
        &hit.matched,
        &replacement,
        crate::diagnostic::Applicability::Safe,
    )
}

/// `better` in the case of the words it replaces: `DEBTOR` → `CUSTOMER`, `Debtor` → `Customer`.
fn in_case_of(matched: &str, better: &str) -> String {
    let letters: Vec<char> = matched.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() > 1 && letters.iter().all(|c| c.is_uppercase()) {
        better.to_uppercase()
    } else if letters.first().is_some_and(|c| c.is_uppercase()) {
        let mut chars = better.chars();
        chars
            .next()
            .map(|first| first.to_uppercase().chain(chars).collect())
            .unwrap_or_default()
    } else {
        better.to_string()
    }
}

/// The wording check: every built-in list, the playbook's own phrases, `avoid` lists.
pub struct Wording;

impl Check for Wording {
    fn run(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let language = cx.packs.language.as_str();
        let texts = cx.checked_texts();
        // The lists follow the language the texts are written in, not only the declared locale.
        let detected = locale_mismatch::Detected::of(language, texts);
        out.extend(detected.finding(&cx.playbook.locale));
        if !wording::SUPPORTED_LANGUAGES.contains(&language) && !detected.covered() {
            out.push(locale_fallback::finding(&cx.playbook.locale));
        }
        let escalations = legal_action::Escalations::from_playbook(cx.playbook, cx.packs);
        let supplier = suspension::governs(cx.playbook);
        // Texts normalised with the playbook's language, kept for the checks that read them with
        // that language too (`wording/avoided`'s `say` lines, the configuration's phrase files):
        // each text is normalised once.
        let keep_all = !cx.packs.phrases.is_empty();
        let mut in_language: std::collections::HashMap<&str, wording::Normalized> =
            std::collections::HashMap::new();
        let mut memo = memo::ScanMemo::default();
        for (index, (at, text)) in texts.iter().enumerate() {
            // A supplier's own cut is judged by `wording/suspension`, with its notice periods.
            let cuts = if supplier {
                suspension::announcements(text)
            } else {
                Vec::new()
            };
            let read_as = detected.language_of(index);
            let (normalized, hits) = memo.read(text, read_as);
            if read_as == language && (keep_all || avoided::reads(at)) {
                in_language.insert(at.as_str(), normalized.clone());
            }
            for hit in hits {
                if hit.code == codes::FALSE_CONSEQUENCE
                    && cuts
                        .iter()
                        .any(|c| c.start < hit.range.end && hit.range.start < c.end)
                {
                    continue;
                }
                let refusal = match (hit.code, hit.action) {
                    (codes::LEGAL_ACTION, Some(action)) => match escalations.refusal(action) {
                        Some(reason) => Some(reason),
                        None => continue,
                    },
                    _ => None,
                };
                out.extend(finding_for(hit, at, cx, refusal.as_deref()));
            }
        }
        shown::check_examples(cx, texts, language, &escalations, out);
        shown::check_agent_texts(cx, language, &mut memo, out);
        prohibited::check(cx, texts, out);
        configured::check(cx, texts, &in_language, out);
        required::check(cx, out);
        avoided::check(cx, &in_language, out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{codes as finding_codes, run_check};

    /// Every documented sentence example behaves as documented (with an empty cadence).
    #[test]
    fn meta_examples_fire_or_stay_silent_as_documented() {
        let metas = [
            &threat::META,
            &abuse::META,
            &shaming::META,
            &pressure::META,
            &false_authority::META,
            &false_consequence::META,
            &pretext::META,
            &legal_action::META,
            &prefer::META,
        ];
        let mut wrong = Vec::new();
        for meta in metas {
            assert!(
                meta.examples.iter().any(|e| e.fails) && meta.examples.iter().any(|e| !e.fails)
            );
            for lang in ["en", "pt"] {
                assert!(
                    meta.examples.iter().any(|e| e.lang == lang),
                    "{} lacks {lang} examples",
                    meta.code
                );
            }
            for example in meta.examples.iter().filter(|e| e.lang != "yaml") {
                let fired = wording::scan(example.text, example.lang)
                    .iter()
                    .any(|h| h.code == meta.code);
                if fired != example.fails {
                    wrong.push(format!(
                        "{} [{}] {:?}: fired={fired}",
                        meta.code, example.lang, example.text
                    ));
                }
            }
        }
        assert!(
            wrong.is_empty(),
            "examples not as documented:\n{}",
            wrong.join("\n")
        );
    }

    const PLAYBOOK: &str = "cordial: 1\nid: t\ntitle: T\nlocale: en\nstart: a\nsteps:\n  a:\n    say: [\"Pay now or you will go to jail.\"]\n    avoid: [\"You will go to jail\"]\n    tips: [\"Never say the customer could go to jail.\"]\n    outcome: paid\n";

    #[test]
    fn avoid_lists_are_not_checked_but_echoed_in_say_are() {
        let findings = run_check(&Wording, PLAYBOOK);
        assert_eq!(
            finding_codes(&findings),
            // "Pay now" is itself a demand made at once (`wording/pressure`).
            ["wording/avoided", "wording/pressure", "wording/threat"]
        );
        let threat = findings
            .iter()
            .find(|f| f.code == codes::THREAT)
            .expect("threat");
        assert_eq!(
            threat.primary.location,
            Location::text("/steps/a/say/0", 26..30)
        );
        assert!(
            threat
                .note
                .as_deref()
                .is_some_and(|n| n.contains("cannot be silenced"))
        );
    }

    #[test]
    fn unsupported_locale_falls_back_with_one_info() {
        let yaml = PLAYBOOK
            .replace("locale: en", "locale: de-DE")
            .replace("Pay now or you will go to jail.", "Zahlen Sie jetzt 🔫")
            .replace(
                "Never say the customer could go to jail.",
                "Bleiben Sie freundlich.",
            );
        let findings = run_check(&Wording, &yaml);
        assert_eq!(
            finding_codes(&findings),
            ["wording/locale-fallback", "wording/threat"]
        );
    }

    /// The preferred word is a fix only for a listed form written as read, in the text's case.
    #[test]
    fn preferred_words_are_fixed_in_case_and_plurals_are_left_to_people() {
        let yaml = |tip: &str| {
            PLAYBOOK
                .replace("Pay now or you will go to jail.", "Hello.")
                .replace("Never say the customer could go to jail.", tip)
        };
        let fix_of = |tip: &str| {
            crate::rules::testing::run_check_with_spans(&Wording, &yaml(tip))
                .into_iter()
                .find(|f| f.code == codes::PREFER)
                .map(|f| f.fix.map(|x| x.edits[0].replacement.clone()))
        };
        assert_eq!(
            fix_of("Debtor calls come first."),
            Some(Some("Customer".into()))
        );
        assert_eq!(fix_of("Greet the debtor."), Some(Some("customer".into())));
        assert_eq!(fix_of("Greet debtors warmly."), Some(None));
        assert_eq!(fix_of("Greet the d3btor."), Some(None));
    }

    /// A Portuguese threat in a playbook declared English is read with the Portuguese lists.
    #[test]
    fn texts_are_read_in_the_language_they_are_written_in() {
        let yaml = PLAYBOOK.replace(
            "Pay now or you will go to jail.",
            "Se você não pagar hoje, manda a polícia aí e você pode ser preso.",
        );
        let findings = run_check(&Wording, &yaml);
        let found = finding_codes(&findings);
        assert!(found.contains(&"wording/threat"), "{found:?}");
    }
}
