//! `[jurisdiction.<pack>]`: the parameters a jurisdiction's rules read, set before they run.
//!
//! ```toml
//! [jurisdiction.br]
//! contact-hours.weekdays = "08:00-19:00"
//! contact-hours.saturday = "closed"
//! call-cap = { attempts = 5, days = 7 }
//! notice-days = 15
//!
//! [jurisdiction.br.states.SP]
//! contact-hours.weekdays = "09:00-18:00"
//! ```
//!
//! A value may tighten any parameter, and loosen only those the pack marks as good practice
//! rather than law (the uk hours, the br call cap): a configuration file is not the place to
//! lift a statutory limit, which would silence a legal check for every playbook it covers
//! without a reason on record. A documented exception belongs in the playbook, as a reasoned
//! `# cordial: allow`.

use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::Arc;

use toml_edit::Item;

use super::parse::{ConfigError, Reader};
use crate::model::Jurisdiction;
use crate::rules::configured::{DaySetting, HoursSetting, LawConfig};
use crate::rules::jurisdiction::{
    BR_STATES, CallCap, JurisdictionParams, LegalHours, Setting, Window, params,
};

/// The keys of a `[jurisdiction.<pack>]` table, of its `contact-hours`, of its `call-cap`, and
/// of a `[jurisdiction.br.states.<UF>]` table (the JSON Schema has the same).
pub const JURISDICTION_KEYS: &[&str] = &["contact-hours", "call-cap", "notice-days", "states"];
pub const HOURS_KEYS: &[&str] = &["weekdays", "saturday", "sunday"];
pub const CAP_KEYS: &[&str] = &["attempts", "days"];
pub const STATE_KEYS: &[&str] = &["contact-hours"];

const PACKS: [Jurisdiction; 3] = [Jurisdiction::Us, Jurisdiction::Br, Jurisdiction::Uk];

/// The longest period a call cap may count over, and the longest notice: a year.
const MAX_DAYS: i64 = 366;

fn jurisdiction_named(name: &str) -> Option<Jurisdiction> {
    PACKS.into_iter().find(|j| j.as_str() == name)
}

/// `08:00-20:00` (or with an en dash), or `closed`: minutes since midnight, or None.
fn parse_window(text: &str) -> Result<Option<Window>, String> {
    let text = text.trim();
    if text.eq_ignore_ascii_case("closed") {
        return Ok(None);
    }
    let bad =
        || format!("`{text}` is not a window of the day: write \"HH:MM-HH:MM\" or \"closed\"");
    let (from, to) = text
        .split_once('-')
        .or_else(|| text.split_once('–'))
        .ok_or_else(bad)?;
    let minutes = |t: &str| -> Option<u32> {
        let (h, m) = t.trim().split_once(':')?;
        let (h, m): (u32, u32) = (h.parse().ok()?, m.parse().ok()?);
        ((h < 24 && m < 60 && t.trim().len() == 5) || (h == 24 && m == 0)).then_some(h * 60 + m)
    };
    let (from, to) = (minutes(from).ok_or_else(bad)?, minutes(to).ok_or_else(bad)?);
    if to <= from {
        return Err(format!(
            "the window `{text}` ends before it starts (contact hours do not run past midnight)"
        ));
    }
    Ok(Some(Window { from, to }))
}

fn shown(window: Option<Window>) -> String {
    window.map_or_else(|| "closed".to_string(), |w| w.describe())
}

fn key_span(table: &dyn toml_edit::TableLike, key: &str) -> Option<Range<usize>> {
    table.key(key).and_then(|k| k.span())
}

impl Reader<'_> {
    fn setting(&self, span: Option<Range<usize>>, what: String) -> Arc<Setting> {
        Arc::new(Setting {
            at: self.origin(span).to_string(),
            what,
        })
    }

    fn table<'i>(
        &self,
        item: &'i Item,
        span: Option<Range<usize>>,
        what: &str,
        example: &str,
    ) -> Result<&'i dyn toml_edit::TableLike, ConfigError> {
        item.as_table_like().ok_or_else(|| {
            self.error(
                item.span().or(span),
                format!("`{what}` must be a table"),
                Some(format!("for example `{example}`")),
            )
        })
    }

    /// `[jurisdiction]`: every configured jurisdiction, its parameters computed once.
    pub(super) fn laws(
        &self,
        item: &Item,
    ) -> Result<BTreeMap<Jurisdiction, LawConfig>, ConfigError> {
        let table = self.table(item, None, "jurisdiction", "[jurisdiction.br]")?;
        let names: Vec<&str> = PACKS.iter().map(|j| j.as_str()).collect();
        self.check_keys(table, &names, "[jurisdiction]")?;
        let mut out = BTreeMap::new();
        for (name, item) in table.iter() {
            let Some(j) = jurisdiction_named(name) else {
                continue;
            };
            let label = format!("[jurisdiction.{name}]");
            let law = self.table(
                item,
                key_span(table, name),
                &label,
                "contact-hours.weekdays = \"09:00-18:00\"",
            )?;
            self.check_keys(law, JURISDICTION_KEYS, &label)?;
            let mut base = params(j).clone();
            if let Some(hours) = law.get("contact-hours") {
                let set = self.hours(j, hours, key_span(law, "contact-hours"), &label)?;
                apply_hours(&mut base, &set);
            }
            if let Some(cap) = law.get("call-cap") {
                self.call_cap(j, &mut base, cap, key_span(law, "call-cap"), &label)?;
            }
            if let Some(days) = law.get("notice-days") {
                self.notice_days(j, &mut base, days, key_span(law, "notice-days"), &label)?;
            }
            let states = match law.get("states") {
                Some(states) => self.states(j, states, key_span(law, "states"))?,
                None => BTreeMap::new(),
            };
            out.insert(j, LawConfig::new(base, states));
        }
        Ok(out)
    }

    /// `contact-hours = { weekdays = "08:00-20:00", saturday = "closed" }`.
    fn hours(
        &self,
        j: Jurisdiction,
        item: &Item,
        span: Option<Range<usize>>,
        label: &str,
    ) -> Result<HoursSetting, ConfigError> {
        let what = format!("{label} contact-hours");
        let table = self.table(
            item,
            span,
            &what,
            "contact-hours.weekdays = \"09:00-18:00\"",
        )?;
        self.check_keys(table, HOURS_KEYS, &what)?;
        let law = &params(j).contact_hours;
        let mut set = HoursSetting::default();
        for (day, value) in table.iter() {
            let span = value.span().or_else(|| key_span(table, day));
            let text = value.as_str().ok_or_else(|| {
                self.error(
                    span.clone(),
                    format!("`contact-hours.{day}` must be a string"),
                    Some("write \"HH:MM-HH:MM\" (such as \"08:00-20:00\") or \"closed\"".into()),
                )
            })?;
            let window = parse_window(text).map_err(|m| {
                self.error(
                    span.clone(),
                    m,
                    Some(
                        "for example `weekdays = \"08:00-20:00\"` or `sunday = \"closed\"`".into(),
                    ),
                )
            })?;
            let (legal, name) = match day {
                "weekdays" => (law.weekdays, "Monday to Friday"),
                "saturday" => (law.saturday, "Saturday"),
                _ => (law.sunday, "Sunday and holidays"),
            };
            self.refuse_looser_hours(j, law, legal, window, name, span.clone())?;
            let setting = DaySetting {
                window,
                setting: self.setting(
                    span,
                    format!("{label} contact-hours.{day} = {}", shown(window)),
                ),
            };
            match day {
                "weekdays" => set.weekdays = Some(setting),
                "saturday" => set.saturday = Some(setting),
                _ => set.sunday = Some(setting),
            }
        }
        Ok(set)
    }

    fn refuse_looser_hours(
        &self,
        j: Jurisdiction,
        law: &LegalHours,
        legal: Option<Window>,
        window: Option<Window>,
        day: &str,
        span: Option<Range<usize>>,
    ) -> Result<(), ConfigError> {
        if !law.binding {
            return Ok(());
        }
        let looser = match (window, legal) {
            (None, _) => false,
            (Some(_), None) => true,
            (Some(w), Some(l)) => !w.within(&l),
        };
        if !looser {
            return Ok(());
        }
        Err(self.error(
            span,
            format!(
                "{} on {day} is wider than the {} pack's legal limit, {}",
                shown(window),
                j.as_str(),
                shown(legal)
            ),
            Some(format!(
                "a configuration may narrow a legal limit, never widen it ({}); for a reviewed exception write `# cordial: allow cadence/contact-hours -- <why, and who approved it>` in the playbook",
                law.citation
            )),
        ))
    }

    fn positive(
        &self,
        item: &Item,
        span: Option<Range<usize>>,
        what: &str,
    ) -> Result<u32, ConfigError> {
        let span = item.span().or(span);
        match item.as_integer() {
            Some(n) if (1..=MAX_DAYS).contains(&n) => Ok(n as u32),
            Some(_) => Err(self.error(
                span,
                format!("`{what}` must be between 1 and {MAX_DAYS}"),
                Some(format!("a {what} of 0 would forbid or allow everything; to turn the rule off, `ignore` its code")),
            )),
            None => Err(self.error(
                span,
                format!("`{what}` must be a whole number"),
                None,
            )),
        }
    }

    /// `call-cap = { attempts = 5, days = 7 }`: at most `attempts` calls in `days` days.
    fn call_cap(
        &self,
        j: Jurisdiction,
        base: &mut JurisdictionParams,
        item: &Item,
        span: Option<Range<usize>>,
        label: &str,
    ) -> Result<(), ConfigError> {
        let what = format!("{label} call-cap");
        let table = self.table(
            item,
            span.clone(),
            &what,
            "call-cap = { attempts = 5, days = 7 }",
        )?;
        self.check_keys(table, CAP_KEYS, &what)?;
        let default = params(j).call_cap;
        let read = |key: &str| -> Result<Option<u32>, ConfigError> {
            table
                .get(key)
                .map(|v| self.positive(v, key_span(table, key), &format!("call-cap.{key}")))
                .transpose()
        };
        let (attempts, days) = (read("attempts")?, read("days")?);
        let (attempts, days) = match (attempts, days, default) {
            (Some(a), Some(d), _) => (a, d),
            (a, d, Some(c)) => (a.unwrap_or(c.max_attempts), d.unwrap_or(c.window_days)),
            _ => {
                return Err(self.error(
                    item.span().or(span),
                    format!(
                        "the {} pack has no call cap of its own: give both `attempts` and `days`",
                        j.as_str()
                    ),
                    Some("for example `call-cap = { attempts = 5, days = 7 }`".into()),
                ));
            }
        };
        if let Some(c) = default.filter(|c| c.binding)
            && (attempts > c.max_attempts || days < c.window_days)
        {
            return Err(self.error(
                item.span().or(span),
                format!(
                    "{attempts} attempts in {days} days may allow more calls than the {} pack's legal limit, {} in {}",
                    j.as_str(),
                    c.max_attempts,
                    c.window_days
                ),
                Some(format!(
                    "a configuration may narrow a legal limit, never widen it ({}): use at most {} attempts over at least {} days",
                    c.citation, c.max_attempts, c.window_days
                )),
            ));
        }
        base.call_cap = Some(CallCap {
            max_attempts: attempts,
            window_days: days,
            ..default.unwrap_or(CallCap {
                max_attempts: attempts,
                window_days: days,
                citation: "the law fixes no number here: the cap is the configuration's",
                binding: false,
            })
        });
        base.configured.call_cap = vec![self.setting(
            item.span().or(span),
            format!("{label} call-cap = {attempts} attempts in {days} days"),
        )];
        Ok(())
    }

    /// `notice-days = 15`: the days of the notice before a credit-bureau report.
    fn notice_days(
        &self,
        j: Jurisdiction,
        base: &mut JurisdictionParams,
        item: &Item,
        span: Option<Range<usize>>,
        label: &str,
    ) -> Result<(), ConfigError> {
        let days = self.positive(item, span.clone(), "notice-days")?;
        let span = item.span().or(span);
        let Some(notice) = params(j).bureau_notice else {
            return Err(self.error(
                span,
                format!("the {} pack checks no notice before a credit-bureau report", j.as_str()),
                Some("`notice-days` changes the br notice (a letter before the report) and the us one (days after the first contact)".into()),
            ));
        };
        if days < notice.days() {
            return Err(self.error(
                span,
                format!(
                    "a notice of {days} days is shorter than the {} pack's legal minimum, {}",
                    j.as_str(),
                    notice.days()
                ),
                Some(format!(
                    "a configuration may lengthen the notice, never shorten it: use {} days or more",
                    notice.days()
                )),
            ));
        }
        base.bureau_notice = Some(notice.with_days(days));
        base.configured.bureau_notice =
            vec![self.setting(span, format!("{label} notice-days = {days}"))];
        Ok(())
    }

    /// `[jurisdiction.br.states.<UF>]`: contact hours for customers in one state.
    fn states(
        &self,
        j: Jurisdiction,
        item: &Item,
        span: Option<Range<usize>>,
    ) -> Result<BTreeMap<String, HoursSetting>, ConfigError> {
        if j != Jurisdiction::Br {
            return Err(self.error(
                span,
                format!("the {} pack has no per-state parameters", j.as_str()),
                Some(
                    "per-state contact hours exist for Brazil: `[jurisdiction.br.states.SP]`"
                        .into(),
                ),
            ));
        }
        let what = "[jurisdiction.br.states]";
        let table = self.table(item, span, what, "[jurisdiction.br.states.SP]")?;
        let mut out = BTreeMap::new();
        for (code, state) in table.iter() {
            let code_span = key_span(table, code);
            if !BR_STATES.contains(&code) {
                // Codes are two letters: a lowercase or swapped code is the likely slip.
                let upper = code.to_ascii_uppercase();
                let swapped: String = upper.chars().rev().collect();
                let hint = [upper, swapped]
                    .into_iter()
                    .find(|c| BR_STATES.contains(&c.as_str()))
                    .or_else(|| {
                        crate::rules::refs::did_you_mean(code, BR_STATES.iter().copied())
                            .map(str::to_string)
                    })
                    .map(|c| format!("did you mean `{c}`? "))
                    .unwrap_or_default();
                return Err(self.error(
                    code_span,
                    format!("`{code}` is not a Brazilian state"),
                    Some(format!(
                        "{hint}write the UF code in capitals: {}",
                        BR_STATES.join(", ")
                    )),
                ));
            }
            let label = format!("[jurisdiction.br.states.{code}]");
            let table = self.table(
                state,
                code_span.clone(),
                &label,
                "contact-hours.weekdays = \"09:00-18:00\"",
            )?;
            self.check_keys(table, STATE_KEYS, &label)?;
            let hours = match table.get("contact-hours") {
                Some(h) => self.hours(j, h, key_span(table, "contact-hours"), &label)?,
                None => HoursSetting::default(),
            };
            out.insert(code.to_string(), hours);
        }
        Ok(out)
    }
}

/// The jurisdiction-level hours replace the pack's, day by day.
fn apply_hours(base: &mut JurisdictionParams, set: &HoursSetting) {
    let hours = &mut base.contact_hours;
    let configured = &mut base.configured;
    for (day, window, settings) in [
        (&set.weekdays, &mut hours.weekdays, &mut configured.weekdays),
        (&set.saturday, &mut hours.saturday, &mut configured.saturday),
        (&set.sunday, &mut hours.sunday, &mut configured.sunday),
    ] {
        if let Some(d) = day {
            *window = d.window;
            *settings = vec![d.setting.clone()];
        }
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::parse_window;
    use crate::config::parse::parse;
    use crate::model::Jurisdiction;
    use crate::rules::jurisdiction::Window;

    fn error(text: &str) -> crate::config::ConfigError {
        parse(Path::new("cordial.toml"), text).expect_err("invalid")
    }

    /// The error's message, help and the text it underlines.
    fn at(text: &str) -> (String, String, String) {
        let e = error(text);
        (
            e.message,
            e.help.unwrap_or_default(),
            text.get(e.span.clone()).unwrap_or_default().to_string(),
        )
    }

    #[test]
    fn windows_read_both_dashes_and_closed_and_refuse_nonsense() {
        assert_eq!(parse_window("08:00-20:00"), Ok(Some(Window::hours(8, 20))));
        assert_eq!(
            parse_window("09:30–18:00"),
            Ok(Some(Window {
                from: 9 * 60 + 30,
                to: 18 * 60
            }))
        );
        assert_eq!(parse_window("closed"), Ok(None));
        assert!(parse_window("20:00-08:00").is_err_and(|m| m.contains("ends before")));
        assert!(parse_window("8-20").is_err());
        assert!(parse_window("08:00-25:00").is_err());
        assert!(parse_window("08:61-20:00").is_err());
    }

    #[test]
    fn bad_values_are_errors_on_the_value_with_help() {
        let (m, _, under) = at("[jurisdiction.br]\ncontact-hours.weekdays = \"18:00-09:00\"\n");
        assert!(m.contains("ends before it starts"), "{m}");
        assert_eq!(under, "\"18:00-09:00\"");
        let (m, h, under) = at("[jurisdiction.br]\ncall-cap = { attempts = 0, days = 7 }\n");
        assert!(m.contains("between 1 and"), "{m}");
        assert!(h.contains("ignore"), "{h}");
        assert_eq!(under, "0");
        let (m, h, under) =
            at("[jurisdiction.br.states.PS]\ncontact-hours.weekdays = \"09:00-18:00\"\n");
        assert!(m.contains("not a Brazilian state"), "{m}");
        assert!(h.contains("did you mean `SP`"), "{h}");
        assert_eq!(under, "PS");
        let (m, h, _) = at("[jurisdiction.br]\ncontact-hour.weekdays = \"09:00-18:00\"\n");
        assert!(m.contains("unknown key `contact-hour`"), "{m}");
        assert!(h.contains("did you mean `contact-hours`"), "{h}");
        let (m, _, _) = at("[jurisdiction.fr]\nnotice-days = 3\n");
        assert!(m.contains("unknown key `fr`"), "{m}");
        let (m, _, _) = at("[jurisdiction.us.states.SP]\n");
        assert!(m.contains("no per-state"), "{m}");
        let (m, h, _) = at("packs = [\"pt\"]\n");
        assert!(m.contains("not a jurisdiction pack"), "{m}");
        assert!(h.contains("locale"), "{h}");
        let (_, h, _) = at("packs = [\"bra\"]\n");
        assert!(h.contains("did you mean `br`"), "{h}");
    }

    #[test]
    fn binding_limits_may_be_narrowed_but_not_widened() {
        let (m, h, _) = at("[jurisdiction.br]\ncontact-hours.weekdays = \"07:00-20:00\"\n");
        assert!(m.contains("wider than the br pack's legal limit"), "{m}");
        assert!(h.contains("cordial: allow cadence/contact-hours"), "{h}");
        let (m, _, _) = at("[jurisdiction.br.states.SP]\ncontact-hours.sunday = \"10:00-12:00\"\n");
        assert!(m.contains("wider"), "{m}");
        let (m, _, _) = at("[jurisdiction.us]\ncall-cap = { attempts = 8 }\n");
        assert!(m.contains("legal limit, 7 in 7"), "{m}");
        let (m, _, _) = at("[jurisdiction.br]\nnotice-days = 5\n");
        assert!(
            m.contains("shorter than the br pack's legal minimum, 10"),
            "{m}"
        );
        let (m, _, _) = at("[jurisdiction.uk]\nnotice-days = 5\n");
        assert!(m.contains("checks no notice"), "{m}");
        // Good practice, not law: the uk hours and the br call cap may be loosened.
        let c = parse(
            Path::new("cordial.toml"),
            "[jurisdiction.uk]\ncontact-hours.weekdays = \"07:30-21:30\"\n[jurisdiction.br]\ncall-cap.attempts = 10\nnotice-days = 20\ncontact-hours.saturday = \"closed\"\n",
        )
        .expect("valid");
        let uk = &c.laws[&Jurisdiction::Uk].base;
        assert_eq!(uk.contact_hours.weekdays.map(|w| w.from), Some(7 * 60 + 30));
        let br = &c.laws[&Jurisdiction::Br].base;
        assert_eq!(
            br.call_cap.map(|c| (c.max_attempts, c.window_days)),
            Some((10, 7))
        );
        assert_eq!(br.bureau_notice.map(|n| n.days()), Some(20));
        assert_eq!(br.contact_hours.saturday, None);
        assert_eq!(br.configured.saturday[0].at, "cordial.toml:6");
        assert_eq!(br.configured.call_cap[0].at, "cordial.toml:4");
    }

    #[test]
    fn a_phrase_file_is_read_relative_to_the_configuration_and_a_bad_line_is_placed() {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::write(dir.path().join("ok.txt"), "# lista\nnome sujo\n").expect("write");
        std::fs::write(
            dir.path().join("bad.txt"),
            "devedor => cliente\ninadimplente\n",
        )
        .expect("write");
        let path = dir.path().join("cordial.toml");
        let c = parse(&path, "[phrases.pt]\nprohibited = [\"ok.txt\"]\n").expect("valid");
        assert_eq!(c.phrase_files["pt"][0].entries[0].line, 2);
        // Read once per process: a second configuration naming the file shares it.
        let again = parse(
            &dir.path().join("other.toml"),
            "[phrases.pt]\nprohibited = [\"ok.txt\"]\n",
        )
        .expect("valid");
        assert!(std::sync::Arc::ptr_eq(
            &c.phrase_files["pt"][0],
            &again.phrase_files["pt"][0]
        ));
        let e =
            parse(&path, "[phrases.pt]\nprohibited = [\"missing.txt\"]\n").expect_err("missing");
        assert!(
            e.message.contains("cannot read the phrase file"),
            "{}",
            e.message
        );
        assert_eq!(e.path, path);
        let e = parse(&path, "[phrases.pt]\npreferred = [\"bad.txt\"]\n").expect_err("bad line");
        assert_eq!(e.path, dir.path().join("bad.txt"));
        assert_eq!(&e.text[e.span.clone()], "inadimplente");
        let e = parse(&path, "[phrases.PT]\nprohibited = []\n").expect_err("language");
        assert!(e.message.contains("language subtag"), "{}", e.message);
    }
}
