//! A playbook built to break a page (bidi controls, 60-character words, Markdown headings,
//! a threat and an insult-shaped false positive) goes through `cordial build --allow-errors`
//! and comes out safe and legible: nothing reorders, nothing is markup that should be text,
//! the page says it is a draft, and each finding sits on its line in Portuguese.

use std::fs;
use std::path::Path;

use assert_cmd::Command;

const FIXTURE: &str = "tests/fixtures/guide/hostile-display.playbook.yaml";

fn build() -> (tempfile::TempDir, String, serde_json::Value) {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("site");
    Command::cargo_bin("cordial")
        .expect("binary")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["build", FIXTURE, "--allow-errors", "--out"])
        .arg(&out)
        .assert()
        .success();
    let page = fs::read_to_string(out.join("exibicao-segura/index.html")).expect("page");
    let json: serde_json::Value = serde_json::from_str(
        &fs::read_to_string(out.join("exibicao-segura/guide.json")).expect("json"),
    )
    .expect("valid JSON");
    (dir, page, json)
}

fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

#[test]
fn the_hostile_playbook_renders_safely_and_legibly() {
    let source =
        fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(FIXTURE)).expect("fixture");
    assert!(
        source.chars().any(is_bidi_control),
        "the fixture has bidi controls"
    );
    let (_dir, page, json) = build();

    // No control reaches the page; each shows as visible text, and user strings are isolated.
    assert!(!page.chars().any(is_bidi_control));
    assert!(
        page.contains("O saldo é ⟨U+202E⟩0021 ZAR⟨U+202C⟩"),
        "visible controls"
    );
    assert!(page.contains("<bdi>Parcelamento em até 6 vezes</bdi>"));
    assert!(page.contains("overflow-wrap:anywhere"));

    // Only the inline subset is markup.
    assert_eq!(
        page.matches("<h1").count(),
        1,
        "a tip never becomes a heading"
    );
    assert!(page.contains("# Não é um título"));
    assert!(page.contains(
        "Multiplique 2 * 3 e diga <strong>com calma</strong>, <em>devagar</em> e <code>sem pressa</code>; veja <a href=\"#step-proposta\">a proposta</a>."
    ));
    let tips = &json["steps"][0]["tips_plain"];
    assert_eq!(
        tips[1],
        "Multiplique 2 * 3 e diga com calma, devagar e sem pressa; veja a proposta."
    );
    assert_eq!(tips[0], "# Não é um título");

    // A draft, with the threat marked on its own say line, in Portuguese.
    assert!(page.contains("Rascunho — publicado com erros"));
    let threat = page
        .split("<li dir=\"auto\" class=\"flagged flagged-error\">Se não pagar hoje")
        .nth(1)
        .and_then(|rest| rest.split("</li>").next())
        .expect("the threatening line is marked in place");
    assert!(threat.contains(">Erro<") && threat.contains("<code>wording/threat</code>"));
    assert!(
        threat.contains("Ameaça de violência, prisão, polícia"),
        "{threat}"
    );
    let pointers: Vec<&str> = json["findings"]["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter(|f| f["code"] == "wording/threat")
        .filter_map(|f| f["pointer"].as_str())
        .collect();
    assert_eq!(pointers, ["/steps/proposta/say/1"]);

    // Facts, severities and amounts in the page's language.
    assert!(page.contains("<bdi>identidade confirmada</bdi>"));
    assert!(page.contains("R$ 1.609,69"));
    // CDC art. 52: the annual effective rate next to the monthly one.
    assert!(page.contains("<dt>Taxa mensal</dt><dd>1,99%</dd>"));
    assert!(page.contains("<dt>Taxa efetiva anual</dt><dd>26,68%</dd>"));
    assert!(page.contains("<dt>Tarifas</dt><dd>R$ 3,50</dd>"));

    // "Next" targets carry step numbers.
    assert!(page.contains("<span class=\"target-no\">2.</span> <bdi>Proposta</bdi>"));
}

#[test]
fn the_schedule_rows_add_up_to_the_total_shown() {
    let (_dir, page, json) = build();
    let schedule = &json["offers"][0]["example"]["schedule"];
    let cents = |v: &serde_json::Value| -> i64 {
        // guide.json v2: every amount is {amount, currency}.
        let text = v["amount"].as_str().expect("decimal string");
        let (units, fraction) = text.split_once('.').expect("two places");
        units.parse::<i64>().expect("units") * 100 + fraction.parse::<i64>().expect("cents")
    };
    let rows: i64 = schedule["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .map(|r| cents(&r["payment"]))
        .sum();
    let fees = cents(&json["offers"][0]["example"]["fees_total"]);
    assert_eq!(rows + fees, cents(&schedule["total_cost"]));
    let shown = format!("R$ {},{:02}", format_thousands(rows / 100), rows % 100);
    assert!(
        page.contains(&format!(
            "<th scope=\"row\">Total das parcelas</th><td>{shown}</td>"
        )),
        "footer {shown}"
    );
}

fn format_thousands(n: i64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}
