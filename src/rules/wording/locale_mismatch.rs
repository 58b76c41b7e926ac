//! `wording/locale-mismatch`: the texts are in another language than the `locale` says.

use crate::analysis::language::{self, Evidence, Language, PLAYBOOK_MIN_MARKERS};
use crate::diagnostic::{Finding, Location, Severity};
use crate::rules::{Example, RuleMeta};
use crate::wording::SUPPORTED_LANGUAGES;

pub static META: RuleMeta = RuleMeta {
    code: "wording/locale-mismatch",
    severity: Severity::Warning,
    summary: "the texts are written in another language than the playbook's `locale`",
    packs: &["core"],
    rationale: "The `locale` picks the wording lists a playbook is read with and the language of its \
guide. A Portuguese script declared `locale: en` would be read with the English lists, and \"manda a \
polícia aí e você pode ser preso\" would pass. cordial therefore reads the language of every text \
from its function words (words such as `the`, `your`, `você`, `não` that only one language uses). A \
text whose language is clear is checked with the lists of that language, whatever the locale says; \
when the texts as a whole are in another language than the locale, this finding names it, so the \
guide's labels and the locale can be corrected.\n\n\
A text too short to tell (an SMS of three words, a name) keeps the locale's lists. Languages without \
a wording pack are only recognised so that they are not mistaken for a supported one.",
    citations: &[],
    examples: &[
        Example {
            lang: "yaml",
            fails: true,
            text: "locale: en\nsteps:\n  greet:\n    say: [\"Olá, você tem uma fatura em aberto e não podemos esperar mais.\"]\n",
        },
        Example {
            lang: "yaml",
            fails: false,
            text: "locale: pt-BR\nsteps:\n  greet:\n    say: [\"Olá, você tem uma fatura em aberto e podemos conversar sobre ela.\"]\n",
        },
    ],
    suppressible: true,
};

/// The languages of a playbook's texts, read once.
pub struct Detected<'d> {
    /// The locale's primary language (`en`, `pt`, `de`, …).
    declared: &'d str,
    /// What all texts together are written in, when clear.
    overall: Option<Language>,
    /// How many texts were clearly in each language (for the message).
    texts_in_overall: usize,
    texts: usize,
    /// Each text's own language when clear, in the order of the texts given to [`Self::of`]:
    /// read once here, not again when the lists are chosen.
    verdicts: Vec<Option<Language>>,
}

impl<'d> Detected<'d> {
    pub fn of(declared: &'d str, texts: &[(String, &str)]) -> Self {
        let mut total = Evidence::default();
        let mut verdicts = Vec::with_capacity(texts.len());
        for (_, text) in texts {
            let evidence = Evidence::of(text);
            total.add(evidence);
            verdicts.push(evidence.verdict(language::TEXT_MIN_MARKERS));
        }
        let overall = total.verdict(PLAYBOOK_MIN_MARKERS);
        Self {
            declared,
            overall,
            texts_in_overall: verdicts
                .iter()
                .filter(|v| **v == overall && v.is_some())
                .count(),
            texts: texts.len(),
            verdicts,
        }
    }

    /// The language whose lists check `text`: its own when that is clear and has a pack, else
    /// the language of the whole playbook when that is clear and has a pack, else the locale's.
    pub fn language_for(&self, text: &str) -> &'d str {
        self.choose(language::detect(text))
    }

    /// [`Self::language_for`] the `index`-th text given to [`Self::of`], from the verdict read
    /// there.
    pub fn language_of(&self, index: usize) -> &'d str {
        self.choose(self.verdicts.get(index).copied().flatten())
    }

    fn choose(&self, own: Option<Language>) -> &'d str {
        let supported = |l: Language| SUPPORTED_LANGUAGES.contains(&l.tag());
        match own {
            Some(own) if supported(own) => own.tag(),
            Some(_) => self.declared,
            None => match self.overall {
                Some(all) if supported(all) && self.mismatch() => all.tag(),
                _ => self.declared,
            },
        }
    }

    /// Whether the texts as a whole are in another language than the locale.
    pub fn mismatch(&self) -> bool {
        self.overall.is_some_and(|l| l.tag() != self.declared)
    }

    /// Whether the texts were read with the lists of a supported language after all.
    pub fn covered(&self) -> bool {
        self.overall
            .is_some_and(|l| SUPPORTED_LANGUAGES.contains(&l.tag()))
    }

    /// The finding, when the locale is wrong.
    pub fn finding(&self, locale: &str) -> Option<Finding> {
        let actual = self.overall.filter(|_| self.mismatch())?;
        let checked = if SUPPORTED_LANGUAGES.contains(&actual.tag()) {
            format!("their wording was checked with the {} lists", actual.name())
        } else {
            "cordial has no wording lists for that language".to_string()
        };
        Some(
            Finding::new(
                META.code,
                format!(
                    "`locale: {locale}`, but the texts are in {} ({} of {} texts clearly so); {checked}",
                    actual.name(),
                    self.texts_in_overall,
                    self.texts
                ),
                Location::value("/locale"),
            )
            .label(format!("the texts are in {}", actual.name()))
            .help(format!(
                "set `locale: {}` (the guide's labels follow the locale), or translate the texts",
                actual.suggested_locale()
            )),
        )
    }
}
