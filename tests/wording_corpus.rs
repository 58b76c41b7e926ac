//! Measures the wording engine on the labelled corpus in `tests/corpus/`: recall per rule and
//! the false-positive rate on sentences labelled `ok`. Fails below 95 % recall for any rule or
//! above 3 % false positives, per language.
//!
//! Run with `cargo test --test wording_corpus -- --nocapture` to see the table and every miss.

use std::collections::BTreeMap;

use cordial::wording::codes;

#[path = "common/wording_score.rs"]
mod wording_score;
use wording_score::reported;

const MIN_RECALL: f64 = 0.95;
const MAX_FALSE_POSITIVES: f64 = 0.03;

fn measure(language: &str, corpus: &str) -> Vec<String> {
    let mut per_rule: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    let (mut ok_total, mut false_positives) = (0usize, 0usize);
    let mut misses = Vec::new();
    for (n, line) in corpus.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let mut columns = line.splitn(3, '\t');
        let (Some(label), Some(context), Some(sentence)) =
            (columns.next(), columns.next(), columns.next())
        else {
            panic!(
                "{language}.tsv line {}: expected label, context, sentence",
                n + 1
            );
        };
        let found = reported(sentence, language, context);
        if label == "ok" {
            ok_total += 1;
            if !found.is_empty() {
                false_positives += 1;
                misses.push(format!("  FALSE POSITIVE {found:?}: {sentence}"));
            }
        } else {
            let entry = per_rule.entry(label).or_default();
            entry.1 += 1;
            if found.contains(&label) {
                entry.0 += 1;
            } else {
                misses.push(format!("  MISSED {label} (got {found:?}): {sentence}"));
            }
        }
    }
    let mut failures = Vec::new();
    println!("\n{language}: recall per rule");
    for (rule, (hit, total)) in &per_rule {
        let recall = *hit as f64 / *total as f64;
        println!("  {rule:<28} {hit:>3}/{total:<3} {:>6.1} %", recall * 100.0);
        if recall < MIN_RECALL {
            failures.push(format!(
                "{language} {rule}: recall {:.1} % < 95 %",
                recall * 100.0
            ));
        }
    }
    let rate = if ok_total == 0 {
        0.0
    } else {
        false_positives as f64 / ok_total as f64
    };
    println!(
        "  false positives: {false_positives}/{ok_total} = {:.1} %",
        rate * 100.0
    );
    if rate > MAX_FALSE_POSITIVES {
        failures.push(format!(
            "{language}: false-positive rate {:.1} % > 3 %",
            rate * 100.0
        ));
    }
    for miss in &misses {
        println!("{miss}");
    }
    failures
}

#[test]
fn wording_engine_meets_the_quality_bar() {
    let mut failures = measure("en", include_str!("corpus/en.tsv"));
    failures.extend(measure("pt", include_str!("corpus/pt.tsv")));
    assert!(
        failures.is_empty(),
        "quality bar not met:\n{}",
        failures.join("\n")
    );
}

#[test]
fn every_wording_rule_is_in_the_corpus() {
    for corpus in [include_str!("corpus/en.tsv"), include_str!("corpus/pt.tsv")] {
        for code in [
            codes::THREAT,
            codes::ABUSE,
            codes::SHAMING,
            codes::PRESSURE,
            codes::FALSE_AUTHORITY,
            codes::FALSE_CONSEQUENCE,
            codes::PRETEXT,
            codes::LEGAL_ACTION,
            codes::PREFER,
        ] {
            let rows = corpus
                .lines()
                .filter(|l| l.starts_with(&format!("{code}\t")))
                .count();
            assert!(rows >= 8, "{code}: only {rows} labelled sentences");
        }
        let total = corpus
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
            .count();
        assert!(total >= 150, "only {total} sentences");
    }
}
