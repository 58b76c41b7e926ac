//! The rule catalogue: every code's metadata, and the checks that produce findings.
//!
//! A rule is one file: a `META` static (code, severity, summary, rationale, citations,
//! examples: what `cordial explain` and `docs/rules.md` print) and, for most rules, a `Check`
//! that reads the shared [`Context`]. Rules never print; they push [`Finding`]s.

mod registry;

pub use registry::{all, checks, meta};

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use crate::analysis::flow::Flow;
use crate::diagnostic::{Finding, Severity};
use crate::model::{Jurisdiction, Playbook};
use crate::source::SourceFile;

/// Documentation and defaults of one rule code.
#[derive(Debug)]
pub struct RuleMeta {
    /// The public code, such as `graph/dead-end`. Never renamed.
    pub code: &'static str,
    /// Default severity.
    pub severity: Severity,
    /// One line: what it catches.
    pub summary: &'static str,
    /// Packs that enable it: `core`, `us`, `br`, `uk` (jurisdictions) or `en`, `pt` (wording).
    pub packs: &'static [&'static str],
    /// Why it matters, in a few sentences of Markdown.
    pub rationale: &'static str,
    /// The law behind it, per pack.
    pub citations: &'static [Citation],
    /// A failing and a passing example (at least one of each).
    pub examples: &'static [Example],
    /// False for rules that no exception may silence (threat, abuse, shaming).
    pub suppressible: bool,
}

/// A legal reference.
#[derive(Debug)]
pub struct Citation {
    /// `us`, `br`, `uk` or `core`.
    pub pack: &'static str,
    pub text: &'static str,
}

/// A documented example: a sentence (wording rules) or a playbook fragment (structural rules).
#[derive(Debug)]
pub struct Example {
    /// `en`, `pt` for sentences; `yaml` for fragments.
    pub lang: &'static str,
    /// True when the example must produce the finding.
    pub fails: bool,
    pub text: &'static str,
}

/// The rule packs in force for one playbook.
#[derive(Debug, Clone, Default)]
pub struct Packs {
    pub jurisdictions: BTreeSet<Jurisdiction>,
    /// The playbook has no `jurisdictions` key (an explicit `[]` is a choice, not a gap).
    pub missing: bool,
    /// When `missing`: what the playbook implies, and the pack applied because of it.
    pub inference: Option<jurisdiction_missing::Inference>,
    /// Primary language subtag of the locale, lowercased (`en`, `pt`, …).
    pub language: String,
    /// The parameters of the jurisdictions a configuration changed (the others: the pack's).
    pub params: BTreeMap<Jurisdiction, Arc<jurisdiction::JurisdictionParams>>,
    /// Where the configuration added packs, when it did.
    pub configured_packs: Option<Arc<jurisdiction::Setting>>,
    /// The configuration's extra phrase files for the playbook's language.
    pub phrases: Vec<Arc<configured::PhraseFile>>,
}

impl Packs {
    pub fn for_playbook(playbook: &Playbook) -> Self {
        let language = playbook
            .locale
            .split(['-', '_'])
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase();
        let inference = jurisdiction_missing::infer(playbook);
        let mut jurisdictions: BTreeSet<Jurisdiction> =
            playbook.jurisdictions.iter().copied().collect();
        jurisdictions.extend(inference.as_ref().and_then(|i| i.jurisdiction));
        Self {
            jurisdictions,
            missing: playbook.jurisdictions.is_empty(),
            inference,
            language,
            ..Self::default()
        }
    }
    /// The packs for a playbook as written: an explicit `jurisdictions: []` turns inference off.
    pub fn for_document(playbook: &Playbook, document: &serde_json::Value) -> Self {
        let mut packs = Self::for_playbook(playbook);
        if document.get("jurisdictions").is_some() && playbook.jurisdictions.is_empty() {
            packs.jurisdictions.clear();
            packs.missing = false;
            packs.inference = None;
        }
        packs
    }
    /// The packs for a playbook as written, with what a configuration adds and changes. The
    /// configuration's packs join the playbook's own, even an explicit `jurisdictions: []` (a
    /// repository's policy is not left to each file; an `[[overrides]]` entry with `packs = []`
    /// exempts files). Inference still adds the pack a playbook without the key implies; the
    /// `jurisdiction/missing` note is then kept only when it adds one the configuration did not.
    pub fn configured(
        playbook: &Playbook,
        document: &serde_json::Value,
        config: Option<&configured::RuleConfig>,
    ) -> Self {
        let mut packs = Self::for_document(playbook, document);
        let Some(config) = config else {
            return packs;
        };
        if let Some((added, setting)) = &config.packs
            && !added.is_empty()
        {
            packs.jurisdictions.extend(added.iter().copied());
            packs.configured_packs = Some(setting.clone());
            let implied = packs.inference.as_ref().and_then(|i| i.jurisdiction);
            if implied.is_none_or(|j| added.contains(&j)) {
                packs.missing = false;
            }
        }
        for (&j, law) in config.laws.iter() {
            packs.params.insert(j, law.for_states(&playbook.states));
        }
        packs.phrases = config
            .phrases
            .get(&packs.language)
            .cloned()
            .unwrap_or_default();
        packs
    }
    /// The parameters in force for one jurisdiction: the configured ones, else the pack's.
    pub fn params(&self, j: Jurisdiction) -> &jurisdiction::JurisdictionParams {
        match self.params.get(&j) {
            Some(p) => p,
            None => jurisdiction::params(j),
        }
    }
    pub fn has(&self, jurisdiction: Jurisdiction) -> bool {
        self.jurisdictions.contains(&jurisdiction)
    }
}

/// The one-time set-up of the checks (the phrase automata, lexicons, pattern sets and the
/// schema validator), as independent pieces. A run hands them out to its threads before the
/// first file, so that the set-up is built on every core at once instead of on the one thread
/// whose first file needs it while the others wait. Each piece is a lazy value: calling one
/// that is built, or being built elsewhere, only waits for it.
pub fn warm_ups() -> Vec<fn()> {
    let mut pieces = crate::wording::matcher::warm_ups();
    pieces.extend(crate::wording::analysis::warm_ups());
    pieces.extend([
        crate::schema::warm_up as fn(),
        wording::suspension::lexicon::warm_up,
        crate::analysis::claims::warm_up,
        disclosure::warm_up,
    ]);
    pieces
}

/// Everything a check may read about one playbook; built once per file.
pub struct Context<'a> {
    pub playbook: &'a Playbook,
    pub source: &'a SourceFile,
    pub flow: &'a Flow,
    pub packs: &'a Packs,
    /// The texts the wording checks read, with their pointers: gathered by the first check
    /// that asks, shared by the others.
    checked_texts: std::sync::OnceLock<Vec<(String, &'a str)>>,
}

impl<'a> Context<'a> {
    pub fn new(
        playbook: &'a Playbook,
        source: &'a SourceFile,
        flow: &'a Flow,
        packs: &'a Packs,
    ) -> Self {
        Self {
            playbook,
            source,
            flow,
            packs,
            checked_texts: std::sync::OnceLock::new(),
        }
    }

    /// [`wording::checked_texts`] of the playbook, gathered once.
    pub fn checked_texts(&self) -> &[(String, &'a str)] {
        self.checked_texts
            .get_or_init(|| wording::checked_texts(self.playbook))
    }
}

/// A pass over one playbook. One check may emit several codes when they share the work.
pub trait Check: Send + Sync {
    fn run(&self, cx: &Context<'_>, out: &mut Vec<Finding>);
    /// The check's type path (`cordial::rules::wording::Wording`), for the bench's per-check
    /// split.
    fn name(&self) -> &'static str {
        std::any::type_name::<Self>()
    }
}

pub mod cadence;
pub mod configured;
pub mod disclosure;
pub mod facts;
pub mod graph;
pub mod input;
pub mod jurisdiction;
pub mod jurisdiction_missing;
pub mod refs;
pub mod suppression;
pub mod template;
pub mod terms;
#[cfg(test)]
pub mod testing;
pub mod text;
pub mod wording;

/// A noun with its indefinite article: `an offer`, `a step`.
pub fn article(noun: &str) -> String {
    let vowel = noun
        .chars()
        .next()
        .is_some_and(|c| "aeiouAEIOU".contains(c));
    format!("{} {noun}", if vowel { "an" } else { "a" })
}

/// Whether the playbook is written in Portuguese (its locale's language): help and examples of
/// the rules whose advice is about the texts are then given in Portuguese.
pub fn speaks_portuguese(cx: &Context<'_>) -> bool {
    cx.packs.language == "pt"
}
