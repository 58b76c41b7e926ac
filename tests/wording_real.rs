//! Measures the wording engine on sentences quoted from public sources (`tests/corpus/real/`):
//! court opinions and enforcement actions quoting collectors, regulators' notices, consumer-help
//! pages and real companies' letters, in English and Portuguese. The corpus is split by source
//! into a development half and a held-out half (see `docs/wording-accuracy.md`).
//!
//! For each language and half it prints recall per rule and the false-positive rate on the
//! sentences labelled `ok`. Individual misses and false alarms are printed for the development
//! half only: the held-out half shows aggregate figures, so that nobody tunes on it. Every model
//! notice in `notices/` is scanned too and its hits are printed.
//!
//! The held-out figures must not fall below the floors in `floors.tsv`; engine work raises them.
//!
//! Run with `cargo test --test wording_real -- --nocapture`. While tuning, set
//! `CORDIAL_TUNING=1`: the held-out half is then neither scored nor printed (nor checked against
//! its floors), so that a tuning round sees the development half only and the held-out figure
//! is measured once, at the end of the round, by a plain run.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fs;
use std::path::{Path, PathBuf};

#[path = "common/wording_score.rs"]
mod wording_score;
use wording_score::{WORDING_CODES, reported};

const LANGUAGES: [&str; 2] = ["en", "pt"];
const HALVES: [&str; 2] = ["dev", "heldout"];

fn real_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/real")
}

fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The half a source belongs to: FNV-1a (64 bit) of its id, even → `dev`, odd → `heldout`.
/// Stable, and independent of how many sources exist, so adding a source never moves another.
fn half_of(source: &str) -> &'static str {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in source.bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    if hash.is_multiple_of(2) {
        "dev"
    } else {
        "heldout"
    }
}

/// One labelled sentence: `label<TAB>context<TAB>sentence<TAB>source_id`.
struct Row {
    at: String,
    label: String,
    context: String,
    sentence: String,
    source: String,
}

fn rows(language: &str, half: &str) -> Vec<Row> {
    let name = format!("{language}.{half}.tsv");
    let text = read(&real_dir().join(&name));
    let mut rows = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let at = format!("{name}:{}", n + 1);
        let columns: Vec<&str> = line.split('\t').collect();
        let [label, context, sentence, source] = columns[..] else {
            panic!(
                "{at}: expected 4 tab-separated columns (label, context, sentence, source_id), found {}",
                columns.len()
            );
        };
        assert!(
            label == "ok" || WORDING_CODES.contains(&label),
            "{at}: unknown label `{label}` (expected `ok` or one of {WORDING_CODES:?})"
        );
        assert!(!sentence.trim().is_empty(), "{at}: empty sentence");
        assert!(!source.trim().is_empty(), "{at}: empty source id");
        rows.push(Row {
            at,
            label: label.to_owned(),
            context: context.to_owned(),
            sentence: sentence.to_owned(),
            source: source.to_owned(),
        });
    }
    rows
}

/// `sources.tsv`: id → (half, languages).
fn sources() -> HashMap<String, (String, String)> {
    let text = read(&real_dir().join("sources.tsv"));
    let mut map = HashMap::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let columns: Vec<&str> = line.split('\t').collect();
        assert!(
            columns.len() == 8,
            "sources.tsv:{}: expected 8 columns (id, half, language, kind, title, publisher, url, date)",
            n + 1
        );
        let previous = map.insert(
            columns[0].to_owned(),
            (columns[1].to_owned(), columns[2].to_owned()),
        );
        assert!(
            previous.is_none(),
            "sources.tsv:{}: `{}` listed twice",
            n + 1,
            columns[0]
        );
        for (column, what) in [(4, "title"), (5, "publisher"), (6, "url")] {
            assert!(
                !columns[column].trim().is_empty(),
                "sources.tsv:{}: `{}` has no {what}",
                n + 1,
                columns[0]
            );
        }
    }
    map
}

/// A model notice: its header fields and its text lines (line number, text).
struct Notice {
    file: String,
    header: BTreeMap<String, String>,
    lines: Vec<(usize, String)>,
}

fn notices() -> Vec<Notice> {
    let mut paths: Vec<PathBuf> = fs::read_dir(real_dir().join("notices"))
        .expect("tests/corpus/real/notices exists")
        .map(|entry| entry.expect("readable directory entry").path())
        .filter(|path| path.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|path| {
            let file = path.file_name().unwrap().to_string_lossy().into_owned();
            let (mut header, mut lines) = (BTreeMap::new(), Vec::new());
            for (n, line) in read(path).lines().enumerate() {
                if lines.is_empty() && line.starts_with('#') {
                    if let Some((key, value)) = line.trim_start_matches('#').split_once(':') {
                        header.insert(key.trim().to_owned(), value.trim().to_owned());
                    }
                } else if !line.trim().is_empty() {
                    lines.push((n + 1, line.to_owned()));
                }
            }
            for key in ["source", "language", "pack", "kind"] {
                assert!(
                    header.contains_key(key),
                    "notices/{file}: no `# {key}:` header"
                );
            }
            assert!(
                LANGUAGES.contains(&header["language"].as_str()),
                "notices/{file}: language must be en or pt"
            );
            assert!(
                ["us", "uk", "br"].contains(&header["pack"].as_str()),
                "notices/{file}: pack must be us, uk or br"
            );
            assert!(!lines.is_empty(), "notices/{file}: no text");
            Notice {
                file,
                header,
                lines,
            }
        })
        .collect()
}

/// What the engine did on one half of one language.
#[derive(Default)]
struct Score {
    per_rule: BTreeMap<String, (usize, usize)>,
    ok_total: usize,
    false_alarms: usize,
    details: Vec<String>,
}

impl Score {
    fn of(language: &str, rows: &[Row]) -> Score {
        let mut score = Score::default();
        for row in rows {
            let found = violations(&row.sentence, language, &row.context);
            if row.label == "ok" {
                score.ok_total += 1;
                if !found.is_empty() {
                    score.false_alarms += 1;
                    score.details.push(format!(
                        "  FALSE ALARM {found:?} [{}] {}: {}",
                        row.source, row.at, row.sentence
                    ));
                }
            } else {
                let entry = score.per_rule.entry(row.label.clone()).or_default();
                entry.1 += 1;
                if found.contains(&row.label.as_str()) {
                    entry.0 += 1;
                } else {
                    score.details.push(format!(
                        "  MISSED {} (got {found:?}) [{}] {}: {}",
                        row.label, row.source, row.at, row.sentence
                    ));
                }
            }
        }
        score
    }

    /// Recall over every violating sentence, whatever its rule.
    fn recall(&self) -> Option<f64> {
        let (hit, total) = self
            .per_rule
            .values()
            .fold((0, 0), |(h, t), (hit, total)| (h + hit, t + total));
        (total > 0).then(|| hit as f64 / total as f64)
    }

    fn false_alarm_rate(&self) -> Option<f64> {
        (self.ok_total > 0).then(|| self.false_alarms as f64 / self.ok_total as f64)
    }

    fn print(&self, language: &str, half: &str, with_details: bool) {
        println!("\n{language} {half}: recall per rule");
        for (rule, (hit, total)) in &self.per_rule {
            println!(
                "  {rule:<28} {hit:>3}/{total:<3} {:>6.1} %",
                *hit as f64 * 100.0 / *total as f64
            );
        }
        let (hit, total) = self
            .per_rule
            .values()
            .fold((0, 0), |(h, t), (hit, total)| (h + hit, t + total));
        println!(
            "  {:<28} {hit:>3}/{total:<3} {:>8}",
            "all rules",
            percent(self.recall())
        );
        println!(
            "  false alarms on lawful text: {}/{} = {}",
            self.false_alarms,
            self.ok_total,
            percent(self.false_alarm_rate())
        );
        if with_details {
            for line in &self.details {
                println!("{line}");
            }
        }
    }
}

/// The violating codes the engine reports: `wording/prefer` is an informational suggestion
/// ("debtor" → "customer"), not a finding against the text, so it is neither a hit nor a false
/// alarm here.
fn violations(sentence: &str, language: &str, context: &str) -> Vec<&'static str> {
    let mut found = reported(sentence, language, context);
    found.retain(|code| WORDING_CODES.contains(code));
    found
}

fn percent(rate: Option<f64>) -> String {
    rate.map_or_else(|| "n/a".to_owned(), |r| format!("{:.1} %", r * 100.0))
}

/// `floors.tsv`: scope (`en`, `pt`, `notices`) → (min recall %, max false-positive %).
fn floors() -> HashMap<String, (Option<f64>, f64)> {
    let text = read(&real_dir().join("floors.tsv"));
    let mut map = HashMap::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let columns: Vec<&str> = line.split('\t').collect();
        let [scope, min_recall, max_false_positives] = columns[..] else {
            panic!(
                "floors.tsv:{}: expected scope, min_recall_pct, max_false_positive_pct",
                n + 1
            );
        };
        let number = |text: &str| -> f64 {
            text.trim()
                .parse()
                .unwrap_or_else(|_| panic!("floors.tsv:{}: `{text}` is not a number", n + 1))
        };
        let min_recall = (min_recall.trim() != "-").then(|| number(min_recall));
        map.insert(scope.to_owned(), (min_recall, number(max_false_positives)));
    }
    map
}

#[test]
fn every_sentence_is_in_its_sources_half() {
    let sources = sources();
    let mut seen: HashSet<(String, String)> = HashSet::new();
    for language in LANGUAGES {
        for half in HALVES {
            for row in rows(language, half) {
                let Some((listed_half, listed_languages)) = sources.get(&row.source) else {
                    panic!("{}: source `{}` is not in sources.tsv", row.at, row.source);
                };
                assert_eq!(
                    half_of(&row.source),
                    half,
                    "{}: source `{}` belongs to the {} half",
                    row.at,
                    row.source,
                    half_of(&row.source)
                );
                assert_eq!(
                    listed_half, half,
                    "{}: sources.tsv puts `{}` in the {listed_half} half",
                    row.at, row.source
                );
                assert!(
                    listed_languages.split(',').any(|l| l == language),
                    "{}: sources.tsv does not list `{language}` for `{}`",
                    row.at,
                    row.source
                );
                assert!(
                    seen.insert((language.to_owned(), row.sentence.clone())),
                    "{}: sentence listed twice",
                    row.at
                );
            }
        }
    }
    for notice in notices() {
        assert!(
            sources.contains_key(&notice.header["source"]),
            "notices/{}: source `{}` is not in sources.tsv",
            notice.file,
            notice.header["source"]
        );
    }
}

/// Prints every figure in a fixed order (one test, so that the report does not interleave with
/// another test's output) and checks the held-out half and the model notices against
/// `floors.tsv`.
#[test]
fn real_corpus_report_stays_above_its_floors() {
    let floors = floors();
    let mut failures = held_out_failures(&floors);
    failures.extend(notice_failures(&floors));
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

fn held_out_failures(floors: &HashMap<String, (Option<f64>, f64)>) -> Vec<String> {
    let mut failures = Vec::new();
    let tuning = std::env::var_os("CORDIAL_TUNING").is_some();
    for language in LANGUAGES {
        for half in HALVES {
            if tuning && half == "heldout" {
                println!("\n{language} heldout: hidden while tuning (CORDIAL_TUNING is set)");
                continue;
            }
            let score = Score::of(language, &rows(language, half));
            score.print(language, half, half == "dev");
            if half != "heldout" {
                continue;
            }
            let Some(&(min_recall, max_false_positives)) = floors.get(language) else {
                panic!("floors.tsv has no `{language}` line");
            };
            if let (Some(floor), Some(recall)) = (min_recall, score.recall())
                && recall * 100.0 < floor
            {
                failures.push(format!(
                    "{language} held-out recall {:.1} % is below its floor of {floor} %",
                    recall * 100.0
                ));
            }
            if let Some(rate) = score.false_alarm_rate()
                && rate * 100.0 > max_false_positives
            {
                failures.push(format!(
                    "{language} held-out false alarms {:.1} % are above their ceiling of {max_false_positives} %",
                    rate * 100.0
                ));
            }
        }
    }
    failures
}

fn notice_failures(floors: &HashMap<String, (Option<f64>, f64)>) -> Vec<String> {
    let (mut total, mut flagged) = (0usize, 0usize);
    println!("\nmodel notices: lines the wording scan flags");
    for notice in notices() {
        let language = notice.header["language"].as_str();
        let context = notice.header.get("context").map_or("-", String::as_str);
        for (line, text) in &notice.lines {
            total += 1;
            let found = violations(text, language, context);
            if !found.is_empty() {
                flagged += 1;
                println!("  notices/{}:{line} {found:?}: {text}", notice.file);
            }
        }
    }
    let rate = flagged as f64 * 100.0 / total as f64;
    println!("  {flagged}/{total} lines flagged = {rate:.1} %");
    let Some(&(_, ceiling)) = floors.get("notices") else {
        panic!("floors.tsv has no `notices` line");
    };
    if rate > ceiling {
        vec![format!(
            "{rate:.1} % of model-notice lines flagged, above the ceiling of {ceiling} %"
        )]
    } else {
        Vec::new()
    }
}
