use crate::rules::testing::{codes, run_check};

use super::Suspension;

const HEAD: &str = "cordial: 1\nid: t\ntitle: T\nlocale: pt-BR\njurisdictions: [br]\ncreditor: {name: Águas do Vale, sector: utility}\nstart: a\nsteps:\n  a:\n    say: [\"SAY\"]\n    outcome: hardship-referral\n";
const LAWFUL_CADENCE: &str = "cadence:\n  - {day: 10, channel: letter, establishes: [suspension-notice-sent]}\n  - {day: 45, action: service-suspension}\n";

fn run(say: &str, cadence: &str) -> Vec<&'static str> {
    codes(&run_check(
        &Suspension,
        &format!("{}{cadence}", HEAD.replace("SAY", say)),
    ))
}

#[test]
fn an_immediate_cut_is_refused_even_with_a_lawful_cadence() {
    assert_eq!(
        run("Cortamos a sua água amanhã.", LAWFUL_CADENCE),
        ["wording/suspension"]
    );
    assert_eq!(
        run("Cortamos a sua água amanhã.", ""),
        ["wording/suspension"]
    );
}

#[test]
fn the_cut_after_the_notice_is_lawful_only_with_the_cadence() {
    let lawful = "Só depois de um aviso por escrito com 30 dias podemos cortar a água.";
    assert!(run(lawful, LAWFUL_CADENCE).is_empty());
    assert_eq!(run(lawful, ""), ["wording/suspension"]);
    let short = "cadence:\n  - {day: 30, channel: letter, establishes: [suspension-notice-sent]}\n  - {day: 45, action: service-suspension}\n";
    assert_eq!(run(lawful, short), ["wording/suspension"]);
}

#[test]
fn negated_cuts_pass_and_exposure_is_shaming() {
    assert!(run("Não vamos cortar a sua água enquanto conversamos.", "").is_empty());
    assert_eq!(
        run("Os seus vizinhos vão ver o corte.", LAWFUL_CADENCE),
        ["wording/shaming"]
    );
}

#[test]
fn uk_domestic_water_is_never_cut() {
    let yaml = HEAD
        .replace("jurisdictions: [br]", "jurisdictions: [uk]")
        .replace("locale: pt-BR", "locale: en-GB")
        .replace(
            "SAY",
            "After written notice we may disconnect your water supply.",
        );
    let found = run_check(&Suspension, &format!("{yaml}{LAWFUL_CADENCE}"));
    assert_eq!(codes(&found), ["wording/suspension"]);
    assert!(
        found[0].message.contains("never lawful"),
        "{}",
        found[0].message
    );
}
