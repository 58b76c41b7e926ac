//! Measures the wording engine on the blind probes in `tests/corpus/probes/{en,pt}.tsv`:
//! sentences written for issue 8 by someone who had not read the lexicons, frames or phrase
//! lists, one per kind of act (threats of harm, visits, arrest, exposure, false authority, false
//! urgency, announced legal action, insults) and lawful look-alikes (rights, rules of law,
//! conditions on others, past reports, promises not to act).
//!
//! It prints recall per rule and the false-alarm rate, per language, as aggregates only: the
//! probes stay useful as long as nobody tunes on individual lines, so no line is printed. There
//! is no floor yet; the test fails only when a probe file is malformed or lacks either side.
//!
//! Run with `cargo test --test wording_probes -- --nocapture`.

use std::collections::BTreeMap;

#[path = "common/wording_score.rs"]
mod wording_score;
use wording_score::{WORDING_CODES, reported};

/// Each language's probes: at least this many sentences, with both violating and lawful ones.
const MIN_PROBES: usize = 60;

struct Figures {
    per_rule: BTreeMap<String, (usize, usize)>,
    lawful: usize,
    false_alarms: usize,
}

fn measure(language: &str, text: &str) -> Figures {
    let mut figures = Figures {
        per_rule: BTreeMap::new(),
        lawful: 0,
        false_alarms: 0,
    };
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let at = format!("probes/{language}.tsv:{}", n + 1);
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

fn print(language: &str, figures: &Figures) {
    println!("\n{language} blind probes: recall per rule");
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
    for (language, text) in [
        ("en", include_str!("corpus/probes/en.tsv")),
        ("pt", include_str!("corpus/probes/pt.tsv")),
    ] {
        let figures = measure(language, text);
        let violating: usize = figures.per_rule.values().map(|(_, total)| total).sum();
        assert!(
            violating + figures.lawful >= MIN_PROBES,
            "{language}: only {} probes",
            violating + figures.lawful
        );
        assert!(
            violating > 0 && figures.lawful > 0,
            "{language}: probes need both violating and lawful sentences"
        );
        print(language, &figures);
    }
}
