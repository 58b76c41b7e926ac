//! Measures the wording engine on the blind probes in `tests/corpus/probes/`: sentences written
//! for issue 8 by someone who had not read the lexicons, frames or phrase lists, one per kind of
//! act (threats of harm, visits, arrest, exposure, false authority, false urgency, announced
//! legal action, insults, pretexts, false consequences) and lawful look-alikes (rights, rules of
//! law, conditions on others, past reports, promises not to act).
//!
//! Each set is measured and printed on its own: the first set (`{en,pt}.tsv`) and round 3
//! (`{en,pt}.round3.tsv`, written before tuning round 3 changed the engine, so that its figures
//! are a "before" no tuning has seen). A set written after the engine was tuned on an earlier one
//! measures something the earlier one no longer can; mixing them would hide that.
//!
//! It prints recall per rule and the false-alarm rate, per language, as aggregates only: the
//! probes stay useful as long as nobody tunes on individual lines, so no line is printed. There
//! is no floor yet; the test fails only when a probe file is malformed or lacks the size its
//! set promises.
//!
//! Run with `cargo test --test wording_probes -- --nocapture`.

use std::collections::BTreeMap;

#[path = "common/wording_score.rs"]
mod wording_score;
use wording_score::{WORDING_CODES, reported};

/// One file of probes and the size it promises, so that a truncated file fails instead of
/// printing figures over too few sentences.
struct ProbeSet {
    name: &'static str,
    language: &'static str,
    file: &'static str,
    text: &'static str,
    /// At least this many sentences in all, with both violating and lawful ones.
    min_total: usize,
    /// At least this many violating sentences for every wording rule (0: no such promise).
    min_per_rule: usize,
    /// At least this many lawful look-alikes.
    min_lawful: usize,
}

const PROBE_SETS: [ProbeSet; 4] = [
    ProbeSet {
        name: "first blind set",
        language: "en",
        file: "en.tsv",
        text: include_str!("corpus/probes/en.tsv"),
        min_total: 60,
        min_per_rule: 0,
        min_lawful: 1,
    },
    ProbeSet {
        name: "first blind set",
        language: "pt",
        file: "pt.tsv",
        text: include_str!("corpus/probes/pt.tsv"),
        min_total: 60,
        min_per_rule: 0,
        min_lawful: 1,
    },
    ProbeSet {
        name: "round 3",
        language: "en",
        file: "en.round3.tsv",
        text: include_str!("corpus/probes/en.round3.tsv"),
        min_total: 200,
        min_per_rule: 12,
        min_lawful: 100,
    },
    ProbeSet {
        name: "round 3",
        language: "pt",
        file: "pt.round3.tsv",
        text: include_str!("corpus/probes/pt.round3.tsv"),
        min_total: 200,
        min_per_rule: 12,
        min_lawful: 100,
    },
];

struct Figures {
    per_rule: BTreeMap<String, (usize, usize)>,
    lawful: usize,
    false_alarms: usize,
}

fn measure(file: &str, language: &str, text: &str) -> Figures {
    let mut figures = Figures {
        per_rule: BTreeMap::new(),
        lawful: 0,
        false_alarms: 0,
    };
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let at = format!("probes/{file}:{}", n + 1);
        let columns: Vec<&str> = line.split('\t').collect();
        let [label, context, sentence, source] = columns[..] else {
            panic!("{at}: expected label, context, sentence, source_id");
        };
        assert!(
            label == "ok" || WORDING_CODES.contains(&label),
            "{at}: unknown label `{label}`"
        );
        assert_eq!(source, "probe", "{at}: a probe's source id is `probe`");
        assert!(!sentence.trim().is_empty(), "{at}: empty sentence");
        // `wording/prefer` is a suggestion, not a finding: neither a hit nor a false alarm.
        let mut found = reported(sentence, language, context);
        found.retain(|code| WORDING_CODES.contains(code));
        if label == "ok" {
            figures.lawful += 1;
            figures.false_alarms += usize::from(!found.is_empty());
        } else {
            let entry = figures.per_rule.entry(label.to_owned()).or_default();
            entry.1 += 1;
            entry.0 += usize::from(found.contains(&label));
        }
    }
    figures
}

fn print(set: &ProbeSet, figures: &Figures) {
    println!(
        "\n{} blind probes, {} ({}): recall per rule",
        set.language, set.name, set.file
    );
    let (mut hit_all, mut total_all) = (0, 0);
    for (rule, (hit, total)) in &figures.per_rule {
        println!(
            "  {rule:<28} {hit:>3}/{total:<3} {:>6.1} %",
            *hit as f64 * 100.0 / *total as f64
        );
        hit_all += hit;
        total_all += total;
    }
    println!(
        "  {:<28} {hit_all:>3}/{total_all:<3} {:>6.1} %",
        "all rules",
        hit_all as f64 * 100.0 / total_all as f64
    );
    println!(
        "  false alarms on lawful look-alikes: {}/{} = {:.1} %",
        figures.false_alarms,
        figures.lawful,
        figures.false_alarms as f64 * 100.0 / figures.lawful as f64
    );
}

#[test]
fn blind_probes_are_measured() {
    for set in &PROBE_SETS {
        let figures = measure(set.file, set.language, set.text);
        let violating: usize = figures.per_rule.values().map(|(_, total)| total).sum();
        assert!(
            violating + figures.lawful >= set.min_total,
            "{}: only {} probes",
            set.file,
            violating + figures.lawful
        );
        assert!(
            violating > 0 && figures.lawful >= set.min_lawful.max(1),
            "{}: probes need violating sentences and at least {} lawful ones",
            set.file,
            set.min_lawful.max(1)
        );
        if set.min_per_rule > 0 {
            for code in WORDING_CODES {
                let total = figures.per_rule.get(code).map_or(0, |(_, total)| *total);
                assert!(
                    total >= set.min_per_rule,
                    "{}: {code} has {total} probes, the set promises {}",
                    set.file,
                    set.min_per_rule
                );
            }
        }
        print(set, &figures);
    }
}
