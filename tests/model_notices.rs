//! Every regulator's model notice in `tests/corpus/real/notices/` passes clean: placed in a
//! playbook of its pack, once as the first letter of the contact plan and once as the lines an
//! agent reads, it draws no finding at all from the wording, disclosure and claim rules (not
//! even the informational `wording/prefer`: the law's own word is right in the law's text).
//!
//! The playbook around a notice supplies what a real letter carries besides it: a US letter that
//! is not itself a validation notice opens with the debt-collector disclosure, a Brazilian one
//! with the creditor's name and CNPJ. The CFPB's Model Form B-1 carries the disclosure itself,
//! in the model form's own words, and gets nothing added. A notice's `# context:` header names
//! the situation it is written for, and the playbook is that situation: Regulation V's notice of
//! furnishing negative information is sent by a creditor that reports to the bureaus (the
//! notice is the bureau notice, and a report follows), the time-barred disclosures go with a
//! debt marked `time_barred`.

use std::collections::BTreeSet;
use std::path::PathBuf;

use cordial::check::{self, Input, Options};
use cordial::report;

/// One notice file: its metadata and its lines.
struct Notice {
    name: String,
    pack: String,
    language: String,
    /// The `# context:` header, comma-separated (`time-barred`, `credit-bureau-report`, …).
    context: Vec<String>,
    lines: Vec<String>,
}

fn notices() -> Vec<Notice> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir("tests/corpus/real/notices")
        .expect("the notices folder exists")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|path| {
            let text = std::fs::read_to_string(&path).expect("notice is readable");
            let field = |key: &str| {
                text.lines()
                    .find_map(|l| l.strip_prefix(&format!("# {key}: ")))
                    .unwrap_or_default()
                    .trim()
                    .to_string()
            };
            Notice {
                name: path
                    .file_stem()
                    .and_then(|s| s.to_str())
                    .unwrap_or_default()
                    .to_string(),
                pack: field("pack"),
                language: field("language"),
                context: field("context")
                    .split(',')
                    .map(|c| c.trim().to_string())
                    .filter(|c| !c.is_empty())
                    .collect(),
                lines: text
                    .lines()
                    .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
                    .map(str::to_string)
                    .collect(),
            }
        })
        .collect()
}

/// Notices that are a first letter in their own right, the debt-collector disclosure included
/// in the regulator's words: nothing is added to them.
const CARRY_THEIR_OWN_DISCLOSURE: &[&str] = &["us-cfpb-model-form-b1"];

const US_DISCLOSURE: &str = "This is a communication from ABC Recovery, a debt collector. This is an attempt to collect a debt and any information obtained will be used for that purpose.";
const BR_IDENTIFICATION: &str =
    "Loja Exemplo Ltda, CNPJ 12.345.678/0001-90, Rua das Flores, 150, São Paulo - SP.";

fn quoted(text: &str) -> String {
    serde_json::to_string(text).expect("a string serialises")
}

/// The placeholders a notice uses, declared so that the playbook is whole.
fn variables(notice: &Notice) -> String {
    let all = notice.lines.join("\n");
    let names: BTreeSet<&str> = all
        .split('{')
        .skip(1)
        .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
        .filter(|name| {
            !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        })
        .collect();
    if names.is_empty() {
        return String::new();
    }
    let mut out = String::from("variables:\n");
    for name in names {
        out.push_str(&format!("  {name}: {{type: text}}\n"));
    }
    out
}

fn playbook(notice: &Notice) -> String {
    let (locale, head) = match notice.pack.as_str() {
        "us" => (
            "en-US",
            "jurisdictions: [us]\ncollector: third-party\ncreditor: {name: \"Acme Bank\"}\n",
        ),
        "br" => (
            "pt-BR",
            "jurisdictions: [br]\ncreditor: {name: \"Loja Exemplo Ltda\", tax_id: \"12.345.678/0001-90\"}\n",
        ),
        _ => (
            "en-GB",
            "jurisdictions: [uk]\ncreditor: {name: \"Acme Finance\"}\n",
        ),
    };
    assert_eq!(
        locale.starts_with("pt"),
        notice.language == "pt",
        "{}: language and pack disagree",
        notice.name
    );
    let preamble = match notice.pack.as_str() {
        "us" if CARRY_THEIR_OWN_DISCLOSURE.contains(&notice.name.as_str()) => None,
        "us" => Some(US_DISCLOSURE),
        "br" => Some(BR_IDENTIFICATION),
        _ => None,
    };
    let greet = if notice.language == "pt" {
        "Olá, falo com Ana Souza?"
    } else {
        "Hello, may I speak with Jordan Lee?"
    };
    let mut steps = format!(
        "  greet:\n    say: [{}]\n    establishes: [identity-verified]\n    next: {}\n",
        quoted(greet),
        if preamble.is_some() {
            "preamble"
        } else {
            "notice"
        }
    );
    if let Some(preamble) = preamble {
        steps.push_str(&format!(
            "  preamble:\n    say: [{}]\n    establishes: [mini-miranda]\n    next: notice\n",
            quoted(preamble)
        ));
    }
    let say: Vec<String> = notice.lines.iter().map(|l| quoted(l)).collect();
    steps.push_str(&format!(
        "  notice:\n    say: [{}]\n    outcome: callback\n",
        say.join(", ")
    ));
    let mut letter = String::new();
    if let Some(preamble) = preamble {
        letter.push_str(preamble);
        letter.push('\n');
    }
    letter.push_str(&notice.lines.join("\n"));
    // A literal block, as letters are written, so every underline maps onto the source.
    let block: String = letter.lines().map(|l| format!("      {l}\n")).collect();
    let has = |c: &str| notice.context.iter().any(|x| x == c);
    let debt = if has("time-barred") {
        "debt: {time_barred: true}\n"
    } else {
        ""
    };
    let cadence = if has("credit-bureau-report") {
        "  - {day: 1, channel: letter, template: notice, establishes: [bureau-notice-sent]}\n  - {day: 30, action: credit-bureau-report}\n"
    } else {
        "  - {day: 1, channel: letter, template: notice}\n"
    };
    format!(
        "cordial: 1\nid: notice-{}\ntitle: Model notice {}\nlocale: {locale}\n{head}{debt}{}start: greet\nsteps:\n{steps}templates:\n  notice:\n    channel: letter\n    text: |\n{block}cadence:\n{cadence}",
        notice.name,
        notice.name,
        variables(notice),
    )
}

/// (notice, code, words) of every finding of the codes a notice must never draw.
fn findings(notice: &Notice, dir: &std::path::Path) -> Vec<(String, &'static str, String)> {
    let path = dir.join(format!("{}.playbook.yaml", notice.name));
    let yaml = playbook(notice);
    std::fs::write(&path, &yaml).expect("temporary playbook is written");
    let files = check::check_inputs(
        &[Input {
            path: path.clone(),
            named: true,
        }],
        &Options::default(),
    );
    let diagnostics = report::diagnostics(&files);
    assert!(
        !diagnostics
            .iter()
            .any(|d| d.code.starts_with("schema/") || d.code.starts_with("yaml/")),
        "{}: the generated playbook is invalid:\n{yaml}",
        notice.name
    );
    let text = std::fs::read_to_string(&path).expect("readable");
    if std::env::var_os("CORDIAL_KEEP_NOTICES").is_some() {
        let _ = std::fs::write(format!("/tmp/{}.playbook.yaml", notice.name), &text);
    }
    diagnostics
        .iter()
        .filter(|d| {
            d.code.starts_with("wording/")
                || d.code.starts_with("disclosure/")
                || d.code == "terms/claim-mismatch"
        })
        .map(|d| {
            let place = &d.primary.place;
            let words = text.get(place.span.clone()).unwrap_or_default();
            let words: String = words.chars().take(60).collect();
            let at = place.pointer.clone().unwrap_or_default();
            (notice.name.clone(), d.code, format!("{at} {words}"))
        })
        .collect()
}

#[test]
fn every_model_notice_passes_clean() {
    let all = notices();
    assert!(all.len() >= 10, "only {} notices", all.len());
    for name in CARRY_THEIR_OWN_DISCLOSURE {
        assert!(all.iter().any(|n| n.name == *name), "{name} is missing");
    }
    let packs: BTreeSet<&str> = all.iter().map(|n| n.pack.as_str()).collect();
    assert_eq!(packs, BTreeSet::from(["br", "uk", "us"]));
    let dir = tempfile::tempdir().expect("a temporary folder");
    let mut found = Vec::new();
    for notice in &all {
        for (name, code, words) in findings(notice, dir.path()) {
            found.push(format!("{name}: {code} on {words:?}"));
        }
    }
    assert!(
        found.is_empty(),
        "model notices draw wording, disclosure or claim findings:\n{}",
        found.join("\n")
    );
}
