//! `cordial config FILE`: the settings in force for one playbook, each with where it came from.

use std::path::Path;

use super::{Config, Pattern};
use crate::rules::configured::{HoursSetting, PhraseKind};
use crate::rules::jurisdiction::{JurisdictionParams, Setting};

/// `cordial config FILE`: the settings in force for a playbook and where each came from.
pub fn describe(file: &Path, config: Option<&Config>) -> String {
    let mut out = format!("# settings for {}\n", file.display());
    let Some(config) = config else {
        out.push_str("# no cordial.toml applies: every code at its default severity\n");
        return out;
    };
    out.push_str(&format!("# from {}\n", config.path.display()));
    let e = config.effective(file);
    let quote = |p: &Pattern| format!("\"{}\"", p.0);
    if e.select.is_empty() {
        out.push_str("select = [\"*\"]  # default\n");
    } else {
        for (p, origin) in &e.select {
            let from = origin
                .as_ref()
                .map_or("default".to_string(), |o| o.to_string());
            out.push_str(&format!("select += {}  # {from}\n", quote(p)));
        }
    }
    if e.ignore.is_empty() {
        out.push_str("ignore = []  # default\n");
    }
    for (p, origin) in &e.ignore {
        out.push_str(&format!("ignore += {}  # {origin}\n", quote(p)));
    }
    for s in &e.severity {
        out.push_str(&format!(
            "severity.\"{}\" = \"{}\"  # {}\n",
            s.pattern.0,
            s.severity.as_str(),
            s.origin
        ));
    }
    for o in &e.overrides {
        out.push_str(&format!("# the [[overrides]] at {o} applies\n"));
    }
    match &e.packs {
        Some(l) => {
            let names: Vec<&str> = l.items.iter().map(|j| j.as_str()).collect();
            out.push_str(&format!("packs = {names:?}  # {}\n", l.origin));
        }
        None => out.push_str("packs = []  # default: each playbook's own `jurisdictions`\n"),
    }
    describe_laws(&mut out, file, config);
    for list in &config.phrases {
        let kind = match list.kind {
            PhraseKind::Prohibited => "prohibited",
            PhraseKind::Preferred => "preferred",
        };
        for f in &list.files {
            out.push_str(&format!(
                "phrases.{}.{kind} += \"{}\"  # {} ({} {})\n",
                list.language,
                f.path.display(),
                list.origin,
                f.entries.len(),
                if f.entries.len() == 1 {
                    "phrase"
                } else {
                    "phrases"
                }
            ));
        }
    }
    if let Some((l, _)) = &config.include {
        out.push_str(&format!("include = {:?}  # {}\n", l.items, l.origin));
    }
    if let Some((l, _)) = &config.exclude {
        out.push_str(&format!("exclude = {:?}  # {}\n", l.items, l.origin));
    }
    if config.include.is_some() || config.exclude.is_some() {
        out.push_str(&format!(
            "# this file is {} when found in a folder\n",
            if config.admits(file) {
                "checked"
            } else {
                "skipped"
            }
        ));
    }
    out.push_str("# codes and their severity here:\n");
    for m in crate::rules::all() {
        let state = if e.reports(m.code) {
            e.severity_of(m.code, m.severity).as_str()
        } else {
            "off"
        };
        out.push_str(&format!("#   {:32} {state}\n", m.code));
    }
    out
}

fn setting_line(out: &mut String, setting: &Setting) {
    out.push_str(&format!("{}  # {}\n", setting.what, setting.at));
}

fn hours_lines(out: &mut String, hours: &HoursSetting) {
    for day in [&hours.weekdays, &hours.saturday, &hours.sunday]
        .into_iter()
        .flatten()
    {
        setting_line(out, &day.setting);
    }
}

/// The jurisdiction parameters as written, then as they apply to this playbook.
fn describe_laws(out: &mut String, file: &Path, config: &Config) {
    if config.laws.is_empty() {
        out.push_str("# jurisdiction parameters: each pack's own (none configured)\n");
        return;
    }
    let states = playbook_states(file);
    for (j, law) in config.laws.iter() {
        let base = &law.base.configured;
        for setting in [
            &base.weekdays,
            &base.saturday,
            &base.sunday,
            &base.call_cap,
            &base.bureau_notice,
        ]
        .into_iter()
        .flatten()
        {
            setting_line(out, setting);
        }
        for hours in law.states.values() {
            hours_lines(out, hours);
        }
        let whose = if states.is_empty() {
            if law.states.is_empty() {
                String::new()
            } else {
                " (the playbook names no `states`: the strictest configured state)".to_string()
            }
        } else {
            format!(" (states {})", states.join(", "))
        };
        out.push_str(&format!(
            "# the {} pack's parameters here{whose}:\n",
            j.as_str()
        ));
        in_force(out, &law.for_states(&states));
    }
}

/// Each parameter of a jurisdiction with its value and where it came from.
fn in_force(out: &mut String, law: &JurisdictionParams) {
    let from = |settings: &[std::sync::Arc<Setting>]| {
        if settings.is_empty() {
            "the pack".to_string()
        } else {
            settings
                .iter()
                .map(|s| s.at.clone())
                .collect::<Vec<_>>()
                .join(", ")
        }
    };
    let hours = &law.contact_hours;
    let set = &law.configured;
    for (name, window, settings) in [
        ("weekdays", hours.weekdays, &set.weekdays),
        ("saturday", hours.saturday, &set.saturday),
        ("sunday", hours.sunday, &set.sunday),
    ] {
        let value = window.map_or_else(|| "closed".to_string(), |w| w.describe());
        out.push_str(&format!(
            "#   {:24} {value:13} {}\n",
            format!("contact hours, {name}"),
            from(settings)
        ));
    }
    let cap = law.call_cap.map_or_else(
        || "none".to_string(),
        |c| format!("{} in {} days", c.max_attempts, c.window_days),
    );
    out.push_str(&format!(
        "#   {:24} {cap:13} {}\n",
        "call cap",
        from(&set.call_cap)
    ));
    let notice = law
        .bureau_notice
        .map_or_else(|| "none".to_string(), |n| format!("{} days", n.days()));
    out.push_str(&format!(
        "#   {:24} {notice:13} {}\n",
        "credit-bureau notice",
        from(&set.bureau_notice)
    ));
}

/// The `states` of the playbook, when the file exists and reads.
fn playbook_states(file: &Path) -> Vec<String> {
    let Ok(text) = std::fs::read_to_string(file) else {
        return Vec::new();
    };
    let Ok(value) = serde_saphyr::from_str::<serde_json::Value>(&text) else {
        return Vec::new();
    };
    value
        .get("states")
        .and_then(|s| s.as_array())
        .map(|a| {
            a.iter()
                .filter_map(|s| s.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}
