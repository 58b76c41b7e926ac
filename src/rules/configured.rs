//! What `cordial.toml` changes before the rules run: packs added to a playbook, the parameters
//! of a jurisdiction (contact hours, per Brazilian state too; the call cap; the notice days),
//! and extra prohibited and preferred phrases per language. The configuration reader
//! (`crate::config`) builds one [`RuleConfig`] per file, with every jurisdiction's parameters
//! computed once; [`super::Packs`] picks a playbook's view of it.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

use super::jurisdiction::{BR_STATES, JurisdictionParams, LegalHours, Setting, Window};
use crate::model::Jurisdiction;
use crate::wording::matcher::PhraseSet;

/// The settings of one configuration file that the rules read, for one playbook.
#[derive(Debug, Clone, Default)]
pub struct RuleConfig {
    /// Packs added to the playbook (beside its own `jurisdictions`), and where that was written.
    pub packs: Option<(Vec<Jurisdiction>, Arc<Setting>)>,
    /// Parameters per configured jurisdiction.
    pub laws: Arc<BTreeMap<Jurisdiction, LawConfig>>,
    /// Extra phrase files per language subtag (`pt`, `en`).
    pub phrases: Arc<BTreeMap<String, Vec<Arc<PhraseFile>>>>,
}

/// A configured window for one kind of day: its hours (None: closed) and where it was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DaySetting {
    pub window: Option<Window>,
    pub setting: Arc<Setting>,
}

/// Configured contact hours, per kind of day; a day left out keeps the value it inherits.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HoursSetting {
    pub weekdays: Option<DaySetting>,
    pub saturday: Option<DaySetting>,
    pub sunday: Option<DaySetting>,
}

/// One jurisdiction's configured parameters.
#[derive(Debug, Clone)]
pub struct LawConfig {
    /// The pack's parameters with the jurisdiction-level settings applied.
    pub base: Arc<JurisdictionParams>,
    /// Contact hours per state (UF code): they replace the jurisdiction's for customers there.
    pub states: BTreeMap<String, HoursSetting>,
    /// For a playbook that names no state: the strictest of the jurisdiction's hours and of
    /// every configured state's, since its customers may live in any of them.
    pub unnamed: Arc<JurisdictionParams>,
}

/// One kind of day: how to read it from a state's setting, the base window, the base settings.
type DayOf<'a> = (
    fn(&HoursSetting) -> &Option<DaySetting>,
    Option<Window>,
    &'a Vec<Arc<Setting>>,
);

/// One kind of day as a source of a combined window: its hours and where they were configured.
type Source<'a> = (Option<Window>, Option<&'a Arc<Setting>>);

impl LawConfig {
    pub fn new(base: JurisdictionParams, states: BTreeMap<String, HoursSetting>) -> Self {
        let base = Arc::new(base);
        let mut everywhere: Vec<&str> = states.keys().map(String::as_str).collect();
        // Unconfigured states follow the jurisdiction's own hours.
        let all_configured = BR_STATES.iter().all(|s| states.contains_key(*s));
        let unnamed = if states.is_empty() {
            base.clone()
        } else {
            if !all_configured {
                everywhere.push("");
            }
            Arc::new(combine(&base, &states, &everywhere))
        };
        Self {
            base,
            states,
            unnamed,
        }
    }

    /// The parameters for a playbook whose customers live in `states` (none: anywhere).
    pub fn for_states(&self, named: &[String]) -> Arc<JurisdictionParams> {
        if named.is_empty() {
            return self.unnamed.clone();
        }
        if !named.iter().any(|s| self.states.contains_key(s)) {
            return self.base.clone();
        }
        let named: Vec<&str> = named.iter().map(String::as_str).collect();
        Arc::new(combine(&self.base, &self.states, &named))
    }
}

/// The base parameters with the contact hours every one of `states` allows (`""`: a state
/// without its own setting, which follows the base).
fn combine(
    base: &JurisdictionParams,
    states: &BTreeMap<String, HoursSetting>,
    within: &[&str],
) -> JurisdictionParams {
    let mut out = base.clone();
    let hours = &base.contact_hours;
    let configured = &base.configured;
    let days: [DayOf<'_>; 3] = [
        (|h| &h.weekdays, hours.weekdays, &configured.weekdays),
        (|h| &h.saturday, hours.saturday, &configured.saturday),
        (|h| &h.sunday, hours.sunday, &configured.sunday),
    ];
    let mut results = Vec::new();
    for (day, base_window, base_settings) in days {
        let sources: Vec<Source<'_>> = within
            .iter()
            .flat_map(|s| match states.get(*s).and_then(|h| day(h).as_ref()) {
                Some(d) => vec![(d.window, Some(&d.setting))],
                None if base_settings.is_empty() => vec![(base_window, None)],
                None => base_settings
                    .iter()
                    .map(|setting| (base_window, Some(setting)))
                    .collect(),
            })
            .collect();
        results.push(strictest(&sources));
    }
    let [weekdays, saturday, sunday]: [(Option<Window>, Vec<Arc<Setting>>); 3] = results
        .try_into()
        .unwrap_or_else(|_| unreachable!("three kinds of day"));
    out.contact_hours = LegalHours {
        weekdays: weekdays.0,
        saturday: saturday.0,
        sunday: sunday.0,
        ..out.contact_hours
    };
    out.configured.weekdays = weekdays.1;
    out.configured.saturday = saturday.1;
    out.configured.sunday = sunday.1;
    out
}

/// The window every source allows, with the settings that decided it: those whose bound is the
/// result's (or, for a closed day, those that close it or take part in an empty overlap).
fn strictest(sources: &[Source<'_>]) -> (Option<Window>, Vec<Arc<Setting>>) {
    let mut window: Option<Window> = None;
    let mut first = true;
    for (w, _) in sources {
        window = match (first, window, w) {
            (true, _, w) => *w,
            (false, Some(a), Some(b)) => a.intersect(b),
            _ => None,
        };
        first = false;
    }
    let mut deciding: Vec<Arc<Setting>> = Vec::new();
    for (w, setting) in sources {
        let Some(setting) = setting else { continue };
        let decides = match (window, w) {
            (Some(r), Some(w)) => w.from == r.from || w.to == r.to,
            (None, None) => true,
            (None, Some(_)) => !sources.iter().any(|(w, _)| w.is_none()),
            (Some(_), None) => false,
        };
        if decides && !deciding.contains(setting) {
            deciding.push(Arc::clone(setting));
        }
    }
    (window, deciding)
}

/// What an extra phrase file lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PhraseKind {
    /// Phrases reported as `wording/prohibited`.
    Prohibited,
    /// Phrases reported as `wording/prefer`, each with the wording to use instead.
    Preferred,
}

/// One line of a phrase file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhraseEntry {
    pub phrase: String,
    /// For preferred phrases: the wording to use instead.
    pub instead: Option<String>,
    pub line: usize,
}

/// An extra phrase file of the configuration, read once per process, with its phrases compiled
/// for one language by the same normaliser as the built-in lists.
pub struct PhraseFile {
    /// The path as shown in findings.
    pub path: PathBuf,
    pub kind: PhraseKind,
    pub entries: Vec<PhraseEntry>,
    /// Entry index per match.
    pub set: PhraseSet<usize>,
}

impl std::fmt::Debug for PhraseFile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PhraseFile")
            .field("path", &self.path)
            .field("kind", &self.kind)
            .field("entries", &self.entries.len())
            .finish()
    }
}

impl PhraseFile {
    pub fn new(path: PathBuf, kind: PhraseKind, entries: Vec<PhraseEntry>, language: &str) -> Self {
        let set = crate::wording::phrase_set(entries.iter().map(|e| e.phrase.as_str()), language);
        Self {
            path,
            kind,
            entries,
            set,
        }
    }
    /// `file:line` of an entry.
    pub fn at(&self, entry: &PhraseEntry) -> String {
        format!("{}:{}", self.path.display(), entry.line)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::jurisdiction::params;

    fn setting(line: usize) -> Arc<Setting> {
        Arc::new(Setting {
            at: format!("cordial.toml:{line}"),
            what: "test".into(),
        })
    }

    fn weekdays(from: u32, to: u32, line: usize) -> HoursSetting {
        HoursSetting {
            weekdays: Some(DaySetting {
                window: Some(Window::hours(from, to)),
                setting: setting(line),
            }),
            ..HoursSetting::default()
        }
    }

    #[test]
    fn a_playbook_without_states_gets_the_strictest_window_of_all() {
        let states = BTreeMap::from([
            ("SP".to_string(), weekdays(9, 18, 3)),
            ("RJ".to_string(), weekdays(8, 21, 5)),
        ]);
        let law = LawConfig::new(params(Jurisdiction::Br).clone(), states);
        let unnamed = &law.unnamed;
        assert_eq!(unnamed.contact_hours.weekdays, Some(Window::hours(9, 18)));
        assert_eq!(unnamed.configured.weekdays, vec![setting(3)]);
        // Saturdays and Sundays are as the pack says: nobody configured them.
        assert_eq!(unnamed.contact_hours.saturday, Some(Window::hours(8, 14)));
        assert!(unnamed.configured.saturday.is_empty());
        // A playbook for RJ only gets RJ's hours; one for a state nobody configured, the base.
        let rj = law.for_states(&["RJ".into()]);
        assert_eq!(rj.contact_hours.weekdays, Some(Window::hours(8, 21)));
        let ba = law.for_states(&["BA".into()]);
        assert_eq!(ba.contact_hours.weekdays, Some(Window::hours(8, 20)));
        assert!(ba.configured.weekdays.is_empty());
        let both = law.for_states(&["RJ".into(), "SP".into()]);
        assert_eq!(both.contact_hours.weekdays, Some(Window::hours(9, 18)));
    }

    #[test]
    fn a_closed_day_in_one_state_closes_it_for_a_playbook_spanning_it() {
        let closed = HoursSetting {
            saturday: Some(DaySetting {
                window: None,
                setting: setting(7),
            }),
            ..HoursSetting::default()
        };
        let law = LawConfig::new(
            params(Jurisdiction::Br).clone(),
            BTreeMap::from([("AL".to_string(), closed)]),
        );
        assert_eq!(law.unnamed.contact_hours.saturday, None);
        assert_eq!(law.unnamed.configured.saturday, vec![setting(7)]);
        let sp = law.for_states(&["SP".into()]);
        assert_eq!(sp.contact_hours.saturday, Some(Window::hours(8, 14)));
    }
}
