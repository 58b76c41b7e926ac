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
    /// Settings for the playbooks some globs match, applied in order.
    overrides: Option<Vec<OverrideEntry>>,
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
    }
}
