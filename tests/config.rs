//! `cordial.toml`: discovery (closest wins), `--config`, `--isolated`, selections, severities,
//! per-path overrides, include/exclude, errors with positions, and `cordial config`.

use std::path::Path;

use assert_cmd::Command;

fn cordial(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("cordial").expect("binary built");
    cmd.current_dir(dir).env("NO_COLOR", "1");
    cmd
}

fn fixture(path: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).expect("fixture")
}

/// A repository with a dead end in `a.playbook.yaml` and `legacy/b.playbook.yaml`, and a
/// pressure warning in `w.playbook.yaml`.
fn repo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let dead_end = fixture("tests/fixtures/rules/graph__dead-end/fail.playbook.yaml");
    std::fs::create_dir_all(dir.path().join("legacy")).expect("mkdir");
    std::fs::write(dir.path().join("a.playbook.yaml"), &dead_end).expect("write");
    std::fs::write(
        dir.path().join("legacy/b.playbook.yaml"),
        dead_end.replacen("id: ", "id: legacy-", 1),
    )
    .expect("write");
    dir
}

fn concise(dir: &Path, args: &[&str]) -> (i32, String) {
    let out = cordial(dir)
        .args(["check", "--format", "concise"])
        .args(args)
        .output()
        .expect("runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr),
    )
}

#[test]
fn severities_selections_and_per_path_overrides_apply() {
    let dir = repo();
    std::fs::write(
        dir.path().join("cordial.toml"),
        "[severity]\n\"graph/dead-end\" = \"warning\"\n\n[[overrides]]\npaths = [\"legacy/**\"]\nignore = [\"graph/*\"]\n",
    )
    .expect("write");
    let (code, text) = concise(dir.path(), &["."]);
    assert_eq!(code, 0, "{text}");
    assert!(
        text.contains("./a.playbook.yaml:10:3: warning[graph/dead-end]"),
        "{text}"
    );
    assert!(!text.contains("legacy/b.playbook.yaml:"), "{text}");

    // --isolated: defaults again.
    let (code, text) = concise(dir.path(), &[".", "--isolated"]);
    assert_eq!(code, 1, "{text}");
    assert!(
        text.contains("legacy/b.playbook.yaml:10:3: error[graph/dead-end]"),
        "{text}"
    );
}

#[test]
fn the_closest_file_wins_and_config_overrides_discovery() {
    let dir = repo();
    std::fs::write(
        dir.path().join("cordial.toml"),
        "ignore = [\"graph/dead-end\"]\n",
    )
    .expect("write");
    std::fs::write(dir.path().join("legacy/cordial.toml"), "select = [\"*\"]\n").expect("write");
    let (code, text) = concise(dir.path(), &["."]);
    assert_eq!(code, 1, "{text}");
    assert!(
        text.contains("legacy/b.playbook.yaml:10:3: error[graph/dead-end]"),
        "{text}"
    );
    assert!(!text.contains("./a.playbook.yaml:"), "{text}");
    // --config: one file for everything.
    std::fs::write(
        dir.path().join("strict.toml"),
        "[severity]\n\"graph/*\" = \"info\"\n",
    )
    .expect("write");
    let (code, text) = concise(dir.path(), &[".", "--config", "strict.toml"]);
    assert_eq!(code, 0, "{text}");
    assert_eq!(text.matches("info[graph/dead-end]").count(), 2, "{text}");
}

#[test]
fn threats_stay_errors_whatever_a_family_says() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("t.playbook.yaml"),
        fixture("tests/fixtures/rules/wording__threat/fail-en.playbook.yaml"),
    )
    .expect("write");
    std::fs::write(
        dir.path().join("cordial.toml"),
        "ignore = [\"wording/*\"]\n[severity]\n\"*\" = \"info\"\n",
    )
    .expect("write");
    let (code, text) = concise(dir.path(), &["."]);
    assert_eq!(code, 1, "{text}");
    assert!(text.contains("error[wording/threat]"), "{text}");
}

#[test]
fn include_and_exclude_choose_the_files_found_in_folders() {
    let dir = repo();
    std::fs::write(
        dir.path().join("cordial.toml"),
        "exclude = [\"legacy/**\"]\n",
    )
    .expect("write");
    let (_, text) = concise(dir.path(), &["."]);
    assert!(
        text.contains("./a.playbook.yaml:") && !text.contains("legacy/b"),
        "{text}"
    );
    // A file named on the command line is always checked.
    let (_, text) = concise(dir.path(), &["legacy/b.playbook.yaml"]);
    assert!(text.contains("legacy/b.playbook.yaml:10:3"), "{text}");
    std::fs::write(
        dir.path().join("cordial.toml"),
        "include = [\"legacy/*.yaml\"]\n",
    )
    .expect("write");
    let (_, text) = concise(dir.path(), &["."]);
    assert!(
        !text.contains("./a.playbook.yaml:") && text.contains("legacy/b"),
        "{text}"
    );
}

#[test]
fn unknown_keys_are_usage_errors_at_their_position_with_a_suggestion() {
    let dir = repo();
    std::fs::write(
        dir.path().join("cordial.toml"),
        "select = [\"*\"]\nignor = [\"graph/dead-end\"]\n",
    )
    .expect("write");
    let (code, text) = concise(dir.path(), &["."]);
    assert_eq!(code, 2, "{text}");
    assert!(text.contains("unknown key `ignor`"), "{text}");
    assert!(text.contains("cordial.toml:2:1"), "{text}");
    assert!(text.contains("did you mean `ignore`?"), "{text}");
    std::fs::write(
        dir.path().join("cordial.toml"),
        "[severity]\n\"wording/shaming\" = \"info\"\n",
    )
    .expect("write");
    let (code, text) = concise(dir.path(), &["."]);
    assert_eq!(code, 2, "{text}");
    assert!(
        text.contains("cannot be set below error") && text.contains("cordial.toml:2:"),
        "{text}"
    );
}

#[test]
fn config_command_prints_each_setting_and_its_origin() {
    let dir = repo();
    std::fs::write(
        dir.path().join("cordial.toml"),
        "ignore = [\"wording/prefer\"]\n[[overrides]]\npaths = [\"legacy/**\"]\n[overrides.severity]\n\"graph/dead-end\" = \"warning\"\n",
    )
    .expect("write");
    let out = cordial(dir.path())
        .args(["config", "legacy/b.playbook.yaml"])
        .assert()
        .code(0);
    let text = String::from_utf8_lossy(&out.get_output().stdout).to_string();
    assert!(text.contains("# from cordial.toml"), "{text}");
    assert!(
        text.contains("ignore += \"wording/prefer\"  # cordial.toml:1"),
        "{text}"
    );
    assert!(
        text.contains("severity.\"graph/dead-end\" = \"warning\"  # cordial.toml:5"),
        "{text}"
    );
    assert!(
        text.contains("the [[overrides]] at cordial.toml:2 applies"),
        "{text}"
    );
    assert!(
        text.lines()
            .any(|l| l.contains("wording/prefer") && l.ends_with("off")),
        "{text}"
    );
    let out = cordial(dir.path())
        .args(["config", "a.playbook.yaml", "--isolated"])
        .assert()
        .code(0);
    assert!(String::from_utf8_lossy(&out.get_output().stdout).contains("no cordial.toml applies"));
}

/// A one-step playbook with `head` lines after the locale and the given contact hours.
fn hours_playbook(head: &str, hours: &str) -> String {
    format!(
        "cordial: 1\nid: hours\ntitle: Horários\nlocale: pt-BR\n{head}start: s\nsteps:\n  s: {{say: [\"Olá, tudo bem?\"], outcome: callback}}\ncontact_hours:\n{hours}"
    )
}

const BR_HOURS: &str =
    "  weekdays: {from: \"08:00\", to: \"20:00\"}\n  saturday: {from: \"08:00\", to: \"14:00\"}\n";

fn lines_with<'t>(text: &'t str, code: &str) -> Vec<&'t str> {
    text.lines().filter(|l| l.contains(code)).collect()
}

#[test]
fn a_state_window_changes_contact_hours_as_documented() {
    let dir = tempfile::tempdir().expect("temp dir");
    let write =
        |name: &str, text: &str| std::fs::write(dir.path().join(name), text).expect("write");
    write(
        "a.playbook.yaml",
        &hours_playbook("jurisdictions: [br]\n", BR_HOURS),
    );
    // The pack's defaults: 08:00–20:00 on weekdays passes.
    let (_, text) = concise(dir.path(), &["a.playbook.yaml"]);
    assert!(
        lines_with(&text, "cadence/contact-hours").is_empty(),
        "{text}"
    );

    // A stricter São Paulo window applies to a playbook that names no state (the strictest).
    write(
        "cordial.toml",
        "[jurisdiction.br.states.SP]\ncontact-hours.weekdays = \"09:00-18:00\"\n",
    );
    let (code, text) = concise(dir.path(), &["a.playbook.yaml"]);
    assert_eq!(code, 1, "{text}");
    assert_eq!(
        lines_with(&text, "cadence/contact-hours"),
        [
            "a.playbook.yaml:10:20: error[cadence/contact-hours] contact hours on Monday to Friday (08:00–20:00) go outside 09:00–18:00 allowed by cordial.toml:2 for the br pack"
        ],
        "{text}"
    );
    let out = cordial(dir.path())
        .args(["check", "--format", "json", "a.playbook.yaml"])
        .output()
        .expect("runs");
    let json = String::from_utf8_lossy(&out.stdout);
    assert!(
        json.contains("cordial.toml:2: [jurisdiction.br.states.SP] contact-hours.weekdays = 09:00–18:00; the pack: CDC art. 42"),
        "the note names the configured line: {json}"
    );

    // A playbook for Rio only follows the pack's hours: nobody configured RJ.
    write(
        "a.playbook.yaml",
        &hours_playbook("jurisdictions: [br]\nstates: [RJ]\n", BR_HOURS),
    );
    let (_, text) = concise(dir.path(), &["a.playbook.yaml"]);
    assert!(
        lines_with(&text, "cadence/contact-hours").is_empty(),
        "{text}"
    );
    // …and one for São Paulo gets São Paulo's.
    write(
        "a.playbook.yaml",
        &hours_playbook("jurisdictions: [br]\nstates: [SP, RJ]\n", BR_HOURS),
    );
    let (_, text) = concise(dir.path(), &["a.playbook.yaml"]);
    assert_eq!(
        lines_with(&text, "cadence/contact-hours").len(),
        1,
        "{text}"
    );
}

#[test]
fn a_looser_advisory_window_passes_what_the_defaults_warn_about() {
    let dir = tempfile::tempdir().expect("temp dir");
    let playbook = hours_playbook(
        "jurisdictions: [uk]\n",
        "  from: \"07:30\"\n  to: \"21:00\"\n",
    )
    .replace("locale: pt-BR", "locale: en-GB")
    .replace("Olá, tudo bem?", "Hello, how are you?");
    std::fs::write(dir.path().join("a.playbook.yaml"), playbook).expect("write");
    let (_, text) = concise(dir.path(), &["a.playbook.yaml"]);
    assert_eq!(
        lines_with(&text, "warning[cadence/contact-hours]").len(),
        1,
        "{text}"
    );
    std::fs::write(
        dir.path().join("cordial.toml"),
        "[jurisdiction.uk]\ncontact-hours.weekdays = \"07:30-21:00\"\ncontact-hours.saturday = \"07:30-21:00\"\ncontact-hours.sunday = \"07:30-21:00\"\n",
    )
    .expect("write");
    let (_, text) = concise(dir.path(), &["a.playbook.yaml"]);
    assert!(
        lines_with(&text, "cadence/contact-hours").is_empty(),
        "{text}"
    );
    // The same widening of a legal limit is refused, on the value.
    std::fs::write(
        dir.path().join("cordial.toml"),
        "[jurisdiction.br]\ncontact-hours.weekdays = \"07:30-21:00\"\n",
    )
    .expect("write");
    let (code, text) = concise(dir.path(), &["a.playbook.yaml"]);
    assert_eq!(code, 2, "{text}");
    assert!(text.contains("cordial.toml:2:26"), "{text}");
    assert!(
        text.contains("wider than the br pack's legal limit, 08:00–20:00"),
        "{text}"
    );
}

#[test]
fn a_call_cap_and_notice_days_reach_the_rules() {
    let dir = tempfile::tempdir().expect("temp dir");
    let playbook = hours_playbook("jurisdictions: [br]\n", BR_HOURS).replace(
        "contact_hours:\n",
        "cadence:\n  - {day: 1, channel: phone, step: s, attempts: 2}\n  - {day: 3, channel: phone, step: s, attempts: 2}\n  - {day: 10, channel: letter, establishes: [bureau-notice-sent]}\n  - {day: 22, action: credit-bureau-report}\ncontact_hours:\n",
    );
    std::fs::write(dir.path().join("a.playbook.yaml"), playbook).expect("write");
    let (_, text) = concise(dir.path(), &["a.playbook.yaml"]);
    assert!(
        lines_with(&text, "cadence/call-frequency").is_empty(),
        "{text}"
    );
    assert!(
        lines_with(&text, "cadence/notice-before-escalation").is_empty(),
        "{text}"
    );
    std::fs::write(
        dir.path().join("cordial.toml"),
        "[jurisdiction.br]\ncall-cap = { attempts = 3, days = 7 }\nnotice-days = 15\n",
    )
    .expect("write");
    let (_, text) = concise(dir.path(), &["a.playbook.yaml"]);
    assert_eq!(
        lines_with(&text, "cadence/call-frequency"),
        [
            "a.playbook.yaml:11:49: warning[cadence/call-frequency] 4 call attempts between day 1 and day 7, more than 3 in 7 days (the cap cordial.toml:2 sets)"
        ],
        "{text}"
    );
    assert_eq!(
        lines_with(&text, "cadence/notice-before-escalation"),
        [
            "a.playbook.yaml:13:23: error[cadence/notice-before-escalation] the credit-bureau report on day 22 has no letter notice at least 15 days before it (br pack, as cordial.toml:3 configures it)"
        ],
        "{text}"
    );
}

#[test]
fn packs_apply_a_jurisdiction_to_playbooks_without_one() {
    let dir = tempfile::tempdir().expect("temp dir");
    let sunday = "  weekdays: {from: \"08:00\", to: \"20:00\"}\n  sunday: {from: \"10:00\", to: \"12:00\"}\n";
    let playbook = hours_playbook("", sunday)
        .replace("locale: pt-BR", "locale: en")
        .replace("Olá, tudo bem?", "Hello, how are you?");
    std::fs::write(dir.path().join("a.playbook.yaml"), &playbook).expect("write");
    let (_, text) = concise(dir.path(), &["a.playbook.yaml"]);
    assert!(
        lines_with(&text, "[cadence/contact-hours]").is_empty(),
        "{text}"
    );
    assert_eq!(lines_with(&text, "jurisdiction/missing").len(), 1, "{text}");
    std::fs::write(dir.path().join("cordial.toml"), "packs = [\"br\"]\n").expect("write");
    let (_, text) = concise(dir.path(), &["a.playbook.yaml"]);
    assert_eq!(
        lines_with(&text, "[cadence/contact-hours]"),
        [
            "a.playbook.yaml:10:3: error[cadence/contact-hours] contact is planned on Sunday and holidays (10:00–12:00), when the br pack allows none"
        ],
        "{text}"
    );
    assert!(
        lines_with(&text, "jurisdiction/missing").is_empty(),
        "{text}"
    );
    // An explicit `jurisdictions: []` does not opt a file out of the repository's packs…
    let explicit = playbook.replace("start: s", "jurisdictions: []\nstart: s");
    std::fs::write(dir.path().join("a.playbook.yaml"), &explicit).expect("write");
    let (_, text) = concise(dir.path(), &["a.playbook.yaml"]);
    assert_eq!(
        lines_with(&text, "[cadence/contact-hours]").len(),
        1,
        "{text}"
    );
    // …an override with `packs = []` does.
    std::fs::write(
        dir.path().join("cordial.toml"),
        "packs = [\"br\"]\n[[overrides]]\npaths = [\"a.playbook.yaml\"]\npacks = []\n",
    )
    .expect("write");
    let (_, text) = concise(dir.path(), &["a.playbook.yaml"]);
    assert!(
        lines_with(&text, "[cadence/contact-hours]").is_empty(),
        "{text}"
    );
}

#[test]
fn extra_phrase_files_are_flagged_with_their_file_and_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir_all(dir.path().join("compliance")).expect("mkdir");
    std::fs::write(
        dir.path().join("compliance/proibidas.txt"),
        "# frases que o jurídico vetou\n\ntudo bem*\n",
    )
    .expect("write");
    std::fs::write(
        dir.path().join("compliance/preferidas.txt"),
        "olá => bom dia\n",
    )
    .expect("write");
    std::fs::write(
        dir.path().join("a.playbook.yaml"),
        hours_playbook("jurisdictions: [br]\n", BR_HOURS),
    )
    .expect("write");
    std::fs::write(
        dir.path().join("cordial.toml"),
        "[phrases.pt]\nprohibited = [\"compliance/proibidas.txt\"]\npreferred = [\"compliance/preferidas.txt\"]\n",
    )
    .expect("write");
    let (code, text) = concise(dir.path(), &["a.playbook.yaml"]);
    assert_eq!(code, 1, "{text}");
    assert!(
        text.contains("a.playbook.yaml:8:19: error[wording/prohibited] `tudo bem*` is prohibited by compliance/proibidas.txt:3"),
        "{text}"
    );
    assert!(
        text.contains("a.playbook.yaml:8:14: info[wording/prefer] compliance/preferidas.txt:1 prefers other wording"),
        "{text}"
    );
    // A bad line is a configuration error placed in the phrase file.
    std::fs::write(dir.path().join("compliance/preferidas.txt"), "olá\n").expect("write");
    let (code, text) = concise(dir.path(), &["a.playbook.yaml"]);
    assert_eq!(code, 2, "{text}");
    assert!(text.contains("compliance/preferidas.txt:1:1"), "{text}");
}

#[test]
fn config_command_shows_parameters_and_phrase_files_with_their_origin() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("proibidas.txt"), "nome sujo\n").expect("write");
    std::fs::write(
        dir.path().join("cordial.toml"),
        "packs = [\"br\"]\n\n[jurisdiction.br]\ncontact-hours.saturday = \"closed\"\ncall-cap = { attempts = 5, days = 7 }\n\n[jurisdiction.br.states.SP]\ncontact-hours.weekdays = \"09:00-18:00\"\n\n[phrases.pt]\nprohibited = [\"proibidas.txt\"]\n",
    )
    .expect("write");
    let out = cordial(dir.path())
        .args(["config", "a.playbook.yaml"])
        .assert()
        .code(0);
    let text = String::from_utf8_lossy(&out.get_output().stdout).to_string();
    let settings: Vec<&str> = text
        .lines()
        .take_while(|l| !l.starts_with("# codes"))
        .collect();
    assert_eq!(
        settings.join("\n"),
        "# settings for a.playbook.yaml
# from cordial.toml
select = [\"*\"]  # default
ignore = []  # default
packs = [\"br\"]  # cordial.toml:1
[jurisdiction.br] contact-hours.saturday = closed  # cordial.toml:4
[jurisdiction.br] call-cap = 5 attempts in 7 days  # cordial.toml:5
[jurisdiction.br.states.SP] contact-hours.weekdays = 09:00–18:00  # cordial.toml:8
# the br pack's parameters here (the playbook names no `states`: the strictest configured state):
#   contact hours, weekdays  09:00–18:00   cordial.toml:8
#   contact hours, saturday  closed        cordial.toml:4
#   contact hours, sunday    closed        the pack
#   call cap                 5 in 7 days   cordial.toml:5
#   credit-bureau notice     10 days       the pack
phrases.pt.prohibited += \"proibidas.txt\"  # cordial.toml:11 (1 phrase)"
    );
}

#[test]
fn a_built_guide_shows_the_configured_limits_and_packs() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("a.playbook.yaml"),
        hours_playbook(
            "states: [SP]\n",
            "  weekdays: {from: \"09:00\", to: \"18:00\"}\n",
        ),
    )
    .expect("write");
    std::fs::write(
        dir.path().join("cordial.toml"),
        "packs = [\"br\"]\n[jurisdiction.br.states.SP]\ncontact-hours.weekdays = \"09:00-18:00\"\n",
    )
    .expect("write");
    cordial(dir.path())
        .args([
            "build",
            "a.playbook.yaml",
            "--out",
            "site",
            "--allow-errors",
        ])
        .assert()
        .code(0);
    let guide: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(dir.path().join("site/hours/guide.json")).expect("guide"),
    )
    .expect("json");
    // The playbook names no jurisdiction: the configuration's pack is the one in force.
    assert_eq!(
        guide["playbook"]["jurisdictions"],
        serde_json::json!(["br"])
    );
    let br = &guide["legal_limits"][0];
    assert_eq!(br["jurisdiction"], "br");
    assert_eq!(
        br["contact_hours"]["weekdays"],
        serde_json::json!({"from": "09:00", "to": "18:00"}),
        "the law panel shows the window the check applied: {br}"
    );
}
