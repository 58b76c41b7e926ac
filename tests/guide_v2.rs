//! `cordial-guide/2` for integrators: stable ids, one money representation, enums in the
//! schema, the calendar and the legal limits; and the calendar block of the page.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use cordial::model::Playbook;
use cordial::render::{BuildOptions, GuideInput, build_site, guide_json, guide_schema};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn guide_of(relative: &str) -> serde_json::Value {
    let text = fs::read_to_string(root().join(relative)).expect("readable");
    let playbook: Playbook = serde_saphyr::from_str(&text).expect("parses");
    let guide = guide_json(&GuideInput {
        source_path: relative,
        source_text: &text,
        playbook: &playbook,
        findings: &[],
        exceptions: &[],
        packs: None,
    });
    serde_json::to_value(&guide).expect("serialises")
}

fn bundled() -> Vec<String> {
    let mut paths: Vec<String> = fs::read_dir(root().join("playbooks"))
        .expect("playbooks/")
        .filter_map(|e| e.ok())
        .map(|e| format!("playbooks/{}", e.file_name().to_string_lossy()))
        .filter(|p| p.ends_with(".yaml"))
        .collect();
    paths.sort();
    paths
}

/// Every object with exactly `amount` and `currency` anywhere in `value`.
fn money_objects<'v>(value: &'v serde_json::Value, out: &mut Vec<&'v serde_json::Value>) {
    match value {
        serde_json::Value::Object(map) => {
            if map.contains_key("amount") && map.contains_key("currency") {
                out.push(value);
            }
            map.values().for_each(|v| money_objects(v, out));
        }
        serde_json::Value::Array(items) => items.iter().for_each(|v| money_objects(v, out)),
        _ => {}
    }
}

#[test]
fn transition_and_touch_ids_are_unique_and_do_not_depend_on_order() {
    for path in bundled() {
        let guide = guide_of(&path);
        assert_eq!(guide["format"], "cordial-guide/2");
        let mut ids = BTreeSet::new();
        for step in guide["steps"].as_array().expect("steps") {
            for t in step["transitions"].as_array().expect("transitions") {
                let id = t["id"].as_str().expect("transition id");
                assert!(id.starts_with(&format!("{}->", step["id"].as_str().unwrap_or(""))));
                assert!(ids.insert(id.to_string()), "{path}: duplicate {id}");
            }
        }
        let touches: Vec<&str> = guide["cadence"]
            .as_array()
            .expect("cadence")
            .iter()
            .map(|t| t["id"].as_str().expect("touch id"))
            .collect();
        let unique: BTreeSet<&str> = touches.iter().copied().collect();
        assert_eq!(unique.len(), touches.len(), "{path}: {touches:?}");
    }

    // Reordering branches and touches keeps every id.
    let base = "cordial: 1\nid: t\ntitle: T\nlocale: en\nstart: a\nsteps:\n  a:\n    next:\n      - {when: first, go: b}\n      - {when: second, go: c}\n      - {when: third, go: b}\n  b: {outcome: callback}\n  c: {outcome: refused}\ncadence:\n  - {day: -3, channel: sms}\n  - {day: 0, channel: phone}\n  - {day: 0, channel: phone}\n  - {day: 40, action: credit-bureau-report}\n";
    let reordered = base
        .replace(
            "      - {when: first, go: b}\n      - {when: second, go: c}\n",
            "      - {when: second, go: c}\n      - {when: first, go: b}\n",
        )
        .replace(
            "  - {day: -3, channel: sms}\n  - {day: 0, channel: phone}\n",
            "  - {day: 0, channel: phone}\n  - {day: -3, channel: sms}\n",
        );
    let ids = |yaml: &str| {
        let playbook: Playbook = serde_saphyr::from_str(yaml).expect("parses");
        let guide = guide_json(&GuideInput {
            source_path: "t.yaml",
            source_text: yaml,
            playbook: &playbook,
            findings: &[],
            exceptions: &[],
            packs: None,
        });
        let mut transitions: Vec<(String, String)> = guide.steps[0]
            .transitions
            .iter()
            .map(|t| (t.id.clone(), t.when.clone().unwrap_or_default()))
            .collect();
        transitions.sort();
        let mut touches: Vec<String> = guide.cadence.iter().map(|t| t.id.clone()).collect();
        touches.sort();
        (transitions, touches)
    };
    let (transitions, touches) = ids(base);
    assert_eq!(
        transitions,
        vec![
            ("a->b".to_string(), "first".to_string()),
            ("a->b#2".to_string(), "third".to_string()),
            ("a->c".to_string(), "second".to_string()),
        ]
    );
    assert_eq!(
        touches,
        vec![
            "after-40-credit-bureau-report",
            "before-3-sms",
            "due-phone",
            "due-phone-2"
        ]
    );
    assert_eq!(ids(&reordered).1, touches);
    assert_eq!(
        ids(&reordered).0.iter().map(|t| &t.0).collect::<Vec<_>>(),
        transitions.iter().map(|t| &t.0).collect::<Vec<_>>()
    );
}

#[test]
fn every_amount_is_a_decimal_string_with_its_currency() {
    let mut seen = 0;
    for path in bundled() {
        let guide = guide_of(&path);
        let mut found = Vec::new();
        money_objects(&guide, &mut found);
        for money in found {
            let amount = money["amount"].as_str().expect("amount is a string");
            assert!(
                amount.parse::<f64>().is_ok() && amount.contains('.'),
                "{path}: {money}"
            );
            let currency = money["currency"].as_str().expect("currency");
            assert!(currency.len() == 3 && currency.chars().all(|c| c.is_ascii_uppercase()));
            seen += 1;
        }
        // No bare number is left where money used to be.
        for offer in guide["offers"].as_array().expect("offers") {
            assert!(!offer["min_installment"].is_number(), "{path}");
            if let Some(example) = offer.get("example") {
                assert!(example["principal"].is_object(), "{path}");
                if let Some(schedule) = example.get("schedule") {
                    assert_eq!(schedule["rounding"]["mode"], "half-away-from-zero");
                    assert_eq!(schedule["rounding"]["remainder"], "last-installment");
                }
            }
        }
    }
    assert!(seen > 20, "only {seen} amounts in the bundled guides");
}

#[test]
fn the_schema_rejects_words_outside_the_vocabularies() {
    let schema = guide_schema();
    let validator = jsonschema::validator_for(&schema).expect("schema compiles");
    let mut guide = guide_of("playbooks/overindebted-clients.playbook.yaml");
    assert!(validator.is_valid(&guide));
    let last = guide["steps"].as_array().map_or(0, Vec::len) - 1;
    for (pointer, wrong) in [
        (format!("/steps/{last}/outcome"), "happy"),
        ("/cadence/0/channel".to_string(), "pigeon"),
        ("/playbook/collector".to_string(), "someone"),
        ("/steps/0/record/0/type".to_string(), "blob"),
        ("/calendar/shift_rule".to_string(), "whenever"),
    ] {
        let mut broken = guide.clone();
        if let Some(slot) = broken.pointer_mut(&pointer) {
            *slot = serde_json::Value::String(wrong.into());
            assert!(!validator.is_valid(&broken), "{pointer} = {wrong} passed");
        } else if pointer.contains("record") {
            // This playbook's first step records nothing; try a step that does.
            continue;
        } else {
            panic!("{pointer} not in the guide");
        }
    }
    // Money is never a bare number.
    if let Some(slot) = guide.pointer_mut("/offers/0/example/principal") {
        *slot = serde_json::json!(1500.0);
        assert!(!validator.is_valid(&guide));
    }
}

#[test]
fn record_fields_take_the_type_of_their_variable() {
    let guide = guide_of("playbooks/overindebted-clients.playbook.yaml");
    let record: Vec<&serde_json::Value> = guide["steps"]
        .as_array()
        .expect("steps")
        .iter()
        .flat_map(|s| s["record"].as_array().into_iter().flatten())
        .collect();
    let first_payment = record
        .iter()
        .find(|r| r["name"] == "first_payment_date")
        .expect("recorded");
    assert_eq!(first_payment["type"], "date");
    assert_eq!(first_payment["declared"], true);
    let undeclared = record
        .iter()
        .find(|r| r["declared"] == false)
        .expect("some field is not a variable");
    assert_eq!(undeclared["type"], "text");
}

#[test]
fn legal_limits_carry_hours_caps_notices_and_holidays() {
    let guide = guide_of("playbooks/overindebted-clients.playbook.yaml");
    let us = &guide["legal_limits"][0];
    assert_eq!(us["jurisdiction"], "us");
    assert_eq!(us["contact_hours"]["weekdays"]["from"], "08:00");
    assert_eq!(us["call_cap"]["max_attempts"], 7);
    assert_eq!(us["notice_periods"][0]["days"], 14);
    let holidays: Vec<&str> = us["holidays"]["dates"]
        .as_array()
        .expect("dates")
        .iter()
        .filter_map(|h| h["date"].as_str())
        .collect();
    assert!(holidays.contains(&"2026-12-25"), "{holidays:?}");
    let br = guide_of("playbooks/cobranca-amigavel.playbook.yaml");
    let br = &br["legal_limits"][0];
    assert!(br["contact_hours"].get("sunday_and_holidays").is_none());
    assert_eq!(br["holidays"]["no_contact_by_law"], true);
}

#[test]
fn the_calendar_shows_forbidden_days_and_the_shift_rule() {
    let fixture = "tests/fixtures/rules/cadence__forbidden-day/fail.playbook.yaml";
    let guide = guide_of(fixture);
    let calendar = &guide["calendar"];
    assert_eq!(calendar["due_date"], "2026-11-13");
    assert_eq!(calendar["due_date_source"], "debt.example_due_date");
    assert_eq!(calendar["shift_rule"], "next-allowed-day");
    let sunday = &calendar["touches"][1];
    assert_eq!(sunday["touch"], "after-2-phone");
    assert_eq!(sunday["date"], "2026-11-15");
    assert_eq!(sunday["weekday"], "sunday");
    assert_eq!(sunday["forbidden"]["reason"], "sunday");
    assert_eq!(sunday["shifted_to"], "2026-11-16");
    assert_eq!(calendar["touches"][2]["forbidden"]["reason"], "holiday");
    assert!(calendar["touches"][0].get("forbidden").is_none());

    // The page shows the same calendar, in the playbook's language.
    let text = fs::read_to_string(root().join(fixture)).expect("readable");
    let playbook: Playbook = serde_saphyr::from_str(&text).expect("parses");
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("site");
    let input = GuideInput {
        source_path: fixture,
        source_text: &text,
        playbook: &playbook,
        findings: &[],
        exceptions: &[],
        packs: None,
    };
    let report = build_site(&[input], &out, &BuildOptions::default()).expect("build");
    let html =
        fs::read_to_string(out.join(&report.guides[0].folder).join("index.html")).expect("page");
    assert!(
        html.contains("Calendário do vencimento de exemplo"),
        "no calendar"
    );
    assert!(html.contains("class=\"cal-month\""));
    assert!(html.contains("<caption>novembro 2026</caption>"));
    assert!(
        html.contains("Não: passa para 16/11/2026"),
        "no shift shown"
    );
    assert!(html.contains("Dia Nacional de Zumbi e da Consciência Negra"));
    assert!(html.contains("cal-forbidden cal-holiday\"><span class=\"cal-day\">20</span>"));
    assert!(html.contains("cal-off cal-forbidden cal-holiday\"><span class=\"cal-day\">15</span>"));
}

#[test]
fn no_due_date_no_calendar() {
    let guide = guide_of("tests/fixtures/rules/cadence__contact-hours/pass.playbook.yaml");
    assert!(guide.get("calendar").is_none());
    assert!(
        guide["legal_limits"][0]["holidays"]["dates"]
            .as_array()
            .is_some_and(Vec::is_empty)
    );
}

#[test]
fn jurisdictions_in_force_are_those_applied_even_when_inferred() {
    // The fixture declares no `jurisdictions` and is `pt-BR`: the br pack ran, so the guide
    // says br, marked as inferred, and carries br's limits; a bundled playbook declares its own.
    let inferred = guide_of("tests/fixtures/rules/wording__threat/fail-pt.playbook.yaml");
    assert_eq!(
        inferred["playbook"]["jurisdictions"],
        serde_json::json!(["br"])
    );
    assert_eq!(inferred["playbook"]["jurisdictions_inferred"], true);
    assert!(
        inferred["legal_limits"]
            .as_array()
            .expect("limits")
            .iter()
            .any(|l| l["jurisdiction"] == "br")
    );
    let declared = guide_of("playbooks/cobranca-amigavel.playbook.yaml");
    assert_eq!(declared["playbook"]["jurisdictions_inferred"], false);
}
