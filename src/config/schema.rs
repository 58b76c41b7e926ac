//! The JSON Schema of `cordial.toml` (committed as `schema/config.schema.json`), generated from
//! these types for editors (Taplo, Even Better TOML). The reader in `parse.rs` checks the same
//! keys with positions; a test keeps the two key lists equal.

use std::collections::BTreeMap;

use schemars::JsonSchema;

/// cordial's configuration: which codes are reported, at which severity, for which playbooks.
/// The `cordial.toml` closest to a playbook applies to it, as a whole.
#[derive(JsonSchema)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
pub struct ConfigFile {
    /// Codes reported (default: all). A code (`graph/dead-end`), a family (`wording/*`) or `*`.
    select: Option<Vec<String>>,
    /// Codes not reported. `wording/threat`, `wording/abuse` and `wording/shaming` cannot be
    /// ignored; a family leaves them reported.
    ignore: Option<Vec<String>>,
    /// Globs (relative to this file's folder) of the playbooks checked when cordial walks a
    /// folder; files named on the command line are always checked.
    include: Option<Vec<String>>,
    /// Globs of playbooks skipped when cordial walks a folder.
    exclude: Option<Vec<String>>,
    /// Severity per code or family: `error`, `warning` or `info`. The most specific pattern
    /// wins. Rules that cannot be silenced are never below `error`.
    severity: Option<BTreeMap<String, SeverityName>>,
    /// Jurisdiction packs added to every playbook, beside its own `jurisdictions` (even an
    /// explicit `jurisdictions: []`): `us`, `br`, `uk`.
    packs: Option<Vec<PackName>>,
    /// The parameters a jurisdiction's rules read, per pack: contact hours (per Brazilian state
    /// too), the call cap, the notice days. Legal limits may be narrowed, never widened.
    jurisdiction: Option<Jurisdictions>,
    /// Extra phrase files per language subtag of the playbooks' locale (`pt`, `en`).
    phrases: Option<BTreeMap<String, PhraseFiles>>,
    /// Settings for the playbooks some globs match, applied in order.
    overrides: Option<Vec<OverrideEntry>>,
}

/// A jurisdiction pack.
#[derive(JsonSchema)]
#[serde(rename_all = "lowercase")]
#[allow(dead_code)]
pub enum PackName {
    Us,
    Br,
    Uk,
}

/// `[jurisdiction.us]`, `[jurisdiction.br]`, `[jurisdiction.uk]`.
#[derive(JsonSchema)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
pub struct Jurisdictions {
    us: Option<Law>,
    br: Option<Law>,
    uk: Option<Law>,
}

/// One jurisdiction's parameters.
#[derive(JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
#[allow(dead_code)]
pub struct Law {
    /// When customers may be contacted, in their local time.
    contact_hours: Option<ContactHours>,
    /// At most `attempts` call attempts in any `days` consecutive days.
    call_cap: Option<CallCap>,
    /// Days of the notice before a credit-bureau report (br: the letter before it; us: after
    /// the first contact). Never below the pack's legal minimum.
    #[schemars(range(min = 1, max = 366))]
    notice_days: Option<u32>,
    /// Contact hours per Brazilian state (UF code), for the customers there (br only).
    states: Option<BTreeMap<StateCode, StateLaw>>,
}

/// Windows per kind of day: `"HH:MM-HH:MM"` or `"closed"`.
#[derive(JsonSchema)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
pub struct ContactHours {
    /// Monday to Friday.
    weekdays: Option<WindowText>,
    saturday: Option<WindowText>,
    /// Sundays and public holidays.
    sunday: Option<WindowText>,
}

/// `"08:00-20:00"` or `"closed"`; the end comes after the start.
#[derive(JsonSchema)]
#[allow(dead_code)]
pub struct WindowText(
    #[schemars(regex(
        pattern = r"^(closed|([01][0-9]|2[0-3]):[0-5][0-9]\s*[-–]\s*(([01][0-9]|2[0-3]):[0-5][0-9]|24:00))$"
    ))]
    String,
);

/// A call cap.
#[derive(JsonSchema)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
pub struct CallCap {
    #[schemars(range(min = 1, max = 366))]
    attempts: Option<u32>,
    #[schemars(range(min = 1, max = 366))]
    days: Option<u32>,
}

/// A Brazilian state's UF code.
#[derive(JsonSchema, PartialEq, Eq, PartialOrd, Ord)]
#[allow(dead_code, clippy::upper_case_acronyms)]
pub enum StateCode {
    AC,
    AL,
    AP,
    AM,
    BA,
    CE,
    DF,
    ES,
    GO,
    MA,
    MT,
    MS,
    MG,
    PA,
    PB,
    PR,
    PE,
    PI,
    RJ,
    RN,
    RS,
    RO,
    RR,
    SC,
    SP,
    SE,
    TO,
}

/// `[jurisdiction.br.states.<UF>]`.
#[derive(JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
#[allow(dead_code)]
pub struct StateLaw {
    /// Replaces the jurisdiction's contact hours for customers in this state.
    contact_hours: Option<ContactHours>,
}

/// `[phrases.<language>]`: phrase files relative to this file's folder, one entry a line,
/// `#` comments.
#[derive(JsonSchema)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
pub struct PhraseFiles {
    /// Files of phrases reported as `wording/prohibited`.
    prohibited: Option<Vec<String>>,
    /// Files of `phrase => wording to use instead` lines, reported as `wording/prefer`.
    preferred: Option<Vec<String>>,
}

/// Settings for the playbooks `paths` matches.
#[derive(JsonSchema)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
pub struct OverrideEntry {
    /// Globs relative to the configuration file's folder, such as `playbooks/legacy/**`.
    paths: Vec<String>,
    /// Replaces the inherited `select`.
    select: Option<Vec<String>>,
    /// Adds to the inherited `ignore`.
    ignore: Option<Vec<String>>,
    /// Adds severity overrides (later ones win among equally specific patterns).
    severity: Option<BTreeMap<String, SeverityName>>,
    /// Replaces the inherited `packs` (`[]` adds none to these files).
    packs: Option<Vec<PackName>>,
}

#[derive(JsonSchema)]
#[serde(rename_all = "lowercase")]
#[allow(dead_code)]
pub enum SeverityName {
    Error,
    Warning,
    Info,
}

/// The schema, with a stable `$id`.
pub fn config_schema() -> serde_json::Value {
    let generator = schemars::generate::SchemaSettings::draft07().into_generator();
    let mut schema =
        serde_json::to_value(generator.into_root_schema_for::<ConfigFile>()).unwrap_or_default();
    if let Some(object) = schema.as_object_mut() {
        object.insert(
            "$id".into(),
            serde_json::Value::String("https://cordial.dev/schema/config.schema.json".into()),
        );
    }
    schema
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_schema_and_the_reader_know_the_same_keys() {
        let schema = super::config_schema();
        let keys = |v: &serde_json::Value| {
            let mut k: Vec<String> = v["properties"]
                .as_object()
                .map(|o| o.keys().cloned().collect())
                .unwrap_or_default();
            k.sort();
            k
        };
        let mut top: Vec<String> = super::super::parse::TOP_KEYS
            .iter()
            .map(|s| s.to_string())
            .collect();
        top.sort();
        assert_eq!(keys(&schema), top);
        let entry = &schema["definitions"]["OverrideEntry"];
        let mut over: Vec<String> = super::super::parse::OVERRIDE_KEYS
            .iter()
            .map(|s| s.to_string())
            .collect();
        over.sort();
        assert_eq!(keys(entry), over);
        let sorted = |list: &[&str]| {
            let mut l: Vec<String> = list.iter().map(|s| s.to_string()).collect();
            l.sort();
            l
        };
        let defs = &schema["definitions"];
        assert_eq!(
            keys(&defs["Law"]),
            sorted(super::super::laws::JURISDICTION_KEYS)
        );
        assert_eq!(
            keys(&defs["ContactHours"]),
            sorted(super::super::laws::HOURS_KEYS)
        );
        assert_eq!(keys(&defs["CallCap"]), sorted(super::super::laws::CAP_KEYS));
        assert_eq!(
            keys(&defs["StateLaw"]),
            sorted(super::super::laws::STATE_KEYS)
        );
        assert_eq!(
            keys(&defs["PhraseFiles"]),
            sorted(super::super::phrases::PHRASE_KEYS)
        );
        let states = defs["Law"]["properties"]["states"]["properties"]
            .as_object()
            .map(|o| o.len());
        assert_eq!(states, Some(crate::rules::jurisdiction::BR_STATES.len()));
    }
}
