//! The playbook's JSON Schema (generated from the model) and validation errors made into findings
//! at the node they concern.

use std::sync::LazyLock;

use jsonschema::ValidationError;
use jsonschema::error::{TypeKind, ValidationErrorKind};
use serde_json::Value;

use crate::diagnostic::{Finding, Location};
use crate::model::Playbook;
use crate::rules::refs::{did_you_mean, near_miss};
use crate::source::{SourceFile, escape_pointer, unescape_pointer};

const CODE: &str = "schema/invalid";

/// The draft-07 schema of the playbook format, as committed at `schema/playbook.schema.json`.
pub fn playbook_schema() -> Value {
    let generator = schemars::generate::SchemaSettings::draft07().into_generator();
    let schema = generator.into_root_schema_for::<Playbook>();
    let mut value = serde_json::to_value(schema).unwrap_or(Value::Null);
    if let Value::Object(map) = &mut value {
        map.insert(
            "$id".into(),
            Value::String("https://cordial.dev/schema/playbook.schema.json".into()),
        );
    }
    value
}

static SCHEMA: LazyLock<Value> = LazyLock::new(playbook_schema);
static VALIDATOR: LazyLock<Option<jsonschema::Validator>> =
    LazyLock::new(|| jsonschema::validator_for(&SCHEMA).ok());

/// Builds the validator, for [`crate::rules::warm_ups`].
pub fn warm_up() {
    LazyLock::force(&VALIDATOR);
}

/// Every violation of the schema, each at its own node; `source` (the document's file) gives
/// the fixes of near-miss keys and values their bytes.
pub fn validate(value: &Value, source: Option<&SourceFile>) -> Validation {
    let mut out = Validation::default();
    let Some(validator) = VALIDATOR.as_ref() else {
        out.findings.push(Finding::new(
            CODE,
            "internal error: the playbook schema does not compile",
            Location::Bytes(0..0),
        ));
        return out;
    };
    for error in validator.iter_errors(value) {
        map_error(&error, value, source, &mut out);
    }
    // Map keys are not schema values: the slug rule for ids is checked here.
    out.findings.extend(crate::ids::check(value));
    out.findings.dedup();
    out
}

/// The schema's verdict on a document.
#[derive(Debug, Default)]
pub struct Validation {
    pub findings: Vec<Finding>,
    /// Pointers of the nodes that are themselves invalid (not of mappings missing a key): the
    /// nodes to leave out when building the model from the rest.
    pub invalid: Vec<String>,
}

/// What a node is, for messages: "a step", "an offer"…
fn noun(pointer: &str) -> &'static str {
    let tokens: Vec<&str> = pointer.split('/').skip(1).collect();
    match tokens.as_slice() {
        [] => "the playbook",
        ["steps", _] => "a step",
        ["steps", _, "next", _] => "a branch",
        ["offers", _] => "an offer",
        ["offers", _, "fees", _] => "a fee",
        ["offers", _, "example"] => "an offer example",
        ["templates", _] => "a template",
        ["variables", _] => "a variable",
        ["cadence", _] => "a cadence touch",
        ["compliance"] => "the compliance block",
        ["compliance", "prohibited", _] => "a prohibited phrase",
        ["compliance", "require", _] => "a required phrase",
        ["compliance", "allow", _] => "an exception",
        ["contact_hours", ..] => "contact hours",
        ["debt"] => "the debt block",
        ["creditor"] => "the creditor",
        _ => "this mapping",
    }
}

/// The last token of a pointer, for messages.
fn field(pointer: &str) -> String {
    pointer
        .rsplit('/')
        .next()
        .map(unescape_pointer)
        .unwrap_or_default()
}

/// The schema node that describes the instance at `pointer` (following `$ref`, `items`,
/// `properties`, `additionalProperties`, and the first fitting branch of `anyOf`).
fn schema_at(pointer: &str) -> Option<&'static Value> {
    let mut node = resolve(&SCHEMA)?;
    for token in pointer.split('/').skip(1) {
        let token = unescape_pointer(token);
        node = step_into(node, &token)?;
    }
    Some(node)
}

fn resolve(node: &'static Value) -> Option<&'static Value> {
    let mut node = node;
    for _ in 0..16 {
        match node.get("$ref").and_then(Value::as_str) {
            Some(r) => node = SCHEMA.pointer(r.strip_prefix('#')?)?,
            None => return Some(node),
        }
    }
    None
}

fn step_into(node: &'static Value, token: &str) -> Option<&'static Value> {
    if let Some(p) = node.get("properties").and_then(|p| p.get(token)) {
        return resolve(p);
    }
    if let Some(a) = node.get("additionalProperties").filter(|a| a.is_object()) {
        return resolve(a);
    }
    if let Some(i) = node.get("items").filter(|_| token.parse::<usize>().is_ok()) {
        return resolve(i);
    }
    for branch in node
        .get("anyOf")
        .or_else(|| node.get("oneOf"))
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        if let Some(found) = resolve(branch).and_then(|b| step_into(b, token)) {
            return Some(found);
        }
    }
    None
}

/// The property names a mapping at `pointer` may have.
fn allowed_keys(pointer: &str) -> Vec<&'static str> {
    let Some(node) = schema_at(pointer) else {
        return Vec::new();
    };
    let mut keys: Vec<&str> = node
        .get("properties")
        .and_then(Value::as_object)
        .map(|p| p.keys().map(String::as_str).collect())
        .unwrap_or_default();
    if keys.is_empty() {
        for branch in node
            .get("anyOf")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            if let Some(p) = resolve(branch)
                .and_then(|b| b.get("properties"))
                .and_then(Value::as_object)
            {
                keys.extend(p.keys().map(String::as_str));
            }
        }
    }
    keys
}

fn json_type(value: &Value) -> &'static str {
    match value {
        Value::Null => "nothing (null)",
        Value::Bool(_) => "true/false",
        Value::Number(n) if n.is_i64() || n.is_u64() => "a whole number",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Array(_) => "a list",
        Value::Object(_) => "a mapping",
    }
}

fn type_name(kind: &TypeKind) -> String {
    let one = |t: &jsonschema::JsonType| match t.to_string().as_str() {
        "integer" => "a whole number".to_string(),
        "number" => "a number".to_string(),
        "string" => "text".to_string(),
        "array" => "a list".to_string(),
        "object" => "a mapping".to_string(),
        "boolean" => "true or false".to_string(),
        "null" => "nothing".to_string(),
        other => other.to_string(),
    };
    match kind {
        TypeKind::Single(t) => one(t),
        TypeKind::Multiple(set) => set.iter().map(|t| one(&t)).collect::<Vec<_>>().join(" or "),
    }
}

fn scalar_text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn map_error(
    error: &ValidationError<'_>,
    root: &Value,
    source: Option<&SourceFile>,
    out: &mut Validation,
) {
    let pointer = error.instance_path().as_str().to_string();
    let instance = error.instance();
    match error.kind() {
        ValidationErrorKind::Required { .. }
        | ValidationErrorKind::AnyOf { .. }
        | ValidationErrorKind::OneOfNotValid { .. } => {}
        ValidationErrorKind::AdditionalProperties { unexpected }
        | ValidationErrorKind::UnevaluatedProperties { unexpected } => {
            out.invalid.extend(
                unexpected
                    .iter()
                    .map(|k| format!("{pointer}/{}", escape_pointer(k))),
            );
        }
        _ => out.invalid.push(pointer.clone()),
    }
    match error.kind() {
        ValidationErrorKind::AdditionalProperties { unexpected }
        | ValidationErrorKind::UnevaluatedProperties { unexpected } => {
            let allowed = allowed_keys(&pointer);
            for key in unexpected {
                let at = format!("{pointer}/{}", escape_pointer(key));
                let list = allowed.join(", ");
                let close = near_miss(key, allowed.iter().copied());
                // Renaming is certain only towards the one near key, and only when the mapping
                // does not have that key already (two equal keys would not parse).
                let fix = close
                    .filter(|c| c.unique && instance.get(c.best).is_none())
                    .zip(source)
                    .and_then(|(c, source)| {
                        crate::fix::edit::rename(source, &Location::key(at.clone()), key, c.best)
                    });
                let help = match close.map(|c| c.best) {
                    Some(close) => {
                        format!("did you mean `{close}`? Keys of {}: {list}", noun(&pointer))
                    }
                    None => format!("keys of {}: {list}", noun(&pointer)),
                };
                out.findings.push(
                    Finding::new(
                        CODE,
                        format!("unknown key `{key}` in {}", noun(&pointer)),
                        Location::key(at),
                    )
                    .label(format!("not a key of {}", noun(&pointer)))
                    .help(help)
                    .fix(fix),
                );
            }
        }
        ValidationErrorKind::Required { property } => {
            let property = scalar_text(property);
            let at = if pointer.is_empty() {
                first_key_location(root)
            } else {
                Location::key(pointer.clone())
            };
            let described = schema_at(&format!("{pointer}/{}", escape_pointer(&property)))
                .and_then(|s| s.get("description"))
                .and_then(Value::as_str)
                .map(|d| {
                    format!(
                        ": {}",
                        d.split(". ").next().unwrap_or(d).trim_end_matches('.')
                    )
                })
                .unwrap_or_default();
            out.findings.push(
                Finding::new(
                    CODE,
                    format!(
                        "{} is missing the required key `{property}`",
                        noun(&pointer)
                    ),
                    at,
                )
                .label(format!("`{property}` is missing here"))
                .help(format!("add `{property}:`{described}")),
            );
        }
        ValidationErrorKind::Type { kind } => {
            out.findings.push(
                Finding::new(
                    CODE,
                    format!(
                        "`{}` must be {}, not {}",
                        field_or_root(&pointer),
                        type_name(kind),
                        json_type(instance)
                    ),
                    Location::value(pointer.clone()),
                )
                .label(format!("expected {}", type_name(kind)))
                .help(type_help(&pointer, kind)),
            );
        }
        ValidationErrorKind::Enum { .. } | ValidationErrorKind::Constant { .. } => {
            let allowed = allowed_values(&pointer);
            if allowed.is_empty() {
                out.findings.push(
                    Finding::new(
                        CODE,
                        format!("`{}` is not valid here", value_field(&pointer)),
                        Location::value(pointer.clone()),
                    )
                    .label("unexpected value")
                    .help(error.masked().to_string()),
                );
            } else {
                out.findings
                    .push(not_allowed(&pointer, instance, &allowed, source));
            }
        }
        ValidationErrorKind::Pattern { .. } => {
            let (what, help) = match field(&pointer).as_str() {
                "id" => (
                    "a slug",
                    "use lowercase letters, digits and dashes, starting with a letter or digit, e.g. `overindebted-clients`",
                ),
                "locale" => ("a BCP 47 language tag", "e.g. `en`, `en-US`, `pt-BR`"),
                "currency" => (
                    "an ISO 4217 currency code",
                    "three capital letters, e.g. `USD`, `BRL`, `GBP`",
                ),
                "from" | "to" => (
                    "a time of day",
                    "write it as `HH:MM` on the 24-hour clock, quoted: \"08:00\"",
                ),
                _ => (
                    "in the expected format",
                    "see `cordial schema` for the format",
                ),
            };
            out.findings.push(
                Finding::new(
                    CODE,
                    format!("`{}` is not {what}", scalar_text(instance)),
                    Location::value(pointer.clone()),
                )
                .label(format!("`{}` must be {what}", field(&pointer)))
                .help(help),
            );
        }
        ValidationErrorKind::Minimum { limit } | ValidationErrorKind::Maximum { limit }
            if pointer == "/cordial" =>
        {
            out.findings.push(
                Finding::new(
                    CODE,
                    format!("format version {} is not supported", scalar_text(instance)),
                    Location::value(pointer.clone()),
                )
                .label(format!(
                    "this version of cordial reads format version {limit}"
                ))
                .help("write `cordial: 1`"),
            );
        }
        ValidationErrorKind::Minimum { limit }
        | ValidationErrorKind::ExclusiveMinimum { limit } => {
            out.findings.push(
                Finding::new(
                    CODE,
                    format!("`{}` is below its minimum of {limit}", field(&pointer)),
                    Location::value(pointer.clone()),
                )
                .label(format!("must be at least {limit}")),
            );
        }
        ValidationErrorKind::Maximum { limit }
        | ValidationErrorKind::ExclusiveMaximum { limit } => {
            out.findings.push(
                Finding::new(
                    CODE,
                    format!("`{}` is above its maximum of {limit}", field(&pointer)),
                    Location::value(pointer.clone()),
                )
                .label(format!("must be at most {limit}")),
            );
        }
        ValidationErrorKind::MinLength { .. }
        | ValidationErrorKind::MinItems { .. }
        | ValidationErrorKind::MinProperties { .. } => {
            out.findings.push(
                Finding::new(
                    CODE,
                    format!("`{}` must not be empty", field_or_root(&pointer)),
                    Location::value(pointer.clone()),
                )
                .label("empty"),
            );
        }
        ValidationErrorKind::AnyOf { .. } | ValidationErrorKind::OneOfNotValid { .. }
            if instance.is_string() && !allowed_values(&pointer).is_empty() =>
        {
            // A choice among names (`oneOf` of constants): one finding listing them all, never
            // the first constant alone.
            out.invalid.push(pointer.clone());
            out.findings.push(not_allowed(
                &pointer,
                instance,
                &allowed_values(&pointer),
                source,
            ));
        }
        ValidationErrorKind::AnyOf { context } | ValidationErrorKind::OneOfNotValid { context } => {
            // Report the branch that fits the value's shape; never the raw JSON of every branch.
            let fitting = context
                .iter()
                .filter(|branch| {
                    !branch.iter().any(|e| {
                        e.instance_path().as_str() == pointer
                            && matches!(e.kind(), ValidationErrorKind::Type { .. })
                    })
                })
                .min_by_key(|branch| branch.len());
            match fitting {
                Some(branch) => {
                    for e in branch {
                        map_error(e, root, source, out);
                    }
                }
                None => {
                    let shapes = any_of_shapes(&pointer);
                    out.findings.push(
                        Finding::new(
                            CODE,
                            format!(
                                "`{}` must be {shapes}, not {}",
                                field_or_root(&pointer),
                                json_type(instance)
                            ),
                            Location::value(pointer.clone()),
                        )
                        .label(format!("expected {shapes}"))
                        .help(type_help(
                            &pointer,
                            &TypeKind::Single(jsonschema::JsonType::Object),
                        )),
                    );
                }
            }
        }
        _ => {
            out.findings.push(
                Finding::new(
                    CODE,
                    format!("`{}` is not valid here", field_or_root(&pointer)),
                    Location::value(pointer.clone()),
                )
                .label("invalid value")
                .help(error.masked().to_string()),
            );
        }
    }
}

/// Every value an enum-like node accepts (`enum`, or `oneOf`/`anyOf` of constants and
/// references to them), in the schema's order; empty for any other node.
fn allowed_values(pointer: &str) -> Vec<String> {
    fn collect(node: &'static Value, out: &mut Vec<String>, depth: usize) {
        let Some(node) = resolve(node) else { return };
        if depth > 8 {
            return;
        }
        if let Some(values) = node.get("enum").and_then(Value::as_array) {
            out.extend(values.iter().filter(|v| !v.is_null()).map(scalar_text));
        }
        if let Some(c) = node.get("const").filter(|c| !c.is_null()) {
            out.push(scalar_text(c));
        }
        for key in ["oneOf", "anyOf", "allOf"] {
            for branch in node
                .get(key)
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                collect(branch, out, depth + 1);
            }
        }
    }
    let mut out = Vec::new();
    if let Some(node) = schema_at(pointer) {
        collect(node, &mut out, 0);
    }
    let mut seen = std::collections::HashSet::new();
    out.retain(|v| seen.insert(v.clone()));
    out
}

/// The field a value belongs to: its key, or for a list item the list's key.
fn value_field(pointer: &str) -> String {
    let last = field(pointer);
    match pointer.rsplit_once('/') {
        Some((parent, _)) if last.parse::<usize>().is_ok() && !parent.is_empty() => field(parent),
        _ => field_or_root(pointer),
    }
}

/// `BR` is not one of `us`, `br`, `uk`: the finding names every allowed value and the closest
/// one (case never matters to the suggestion).
fn not_allowed(
    pointer: &str,
    instance: &Value,
    allowed: &[String],
    source: Option<&SourceFile>,
) -> Finding {
    let value = scalar_text(instance);
    let list = allowed.join(", ");
    let same_but_case = allowed
        .iter()
        .find(|a| a.eq_ignore_ascii_case(value.trim()))
        .map(String::as_str);
    let close = same_but_case.or_else(|| did_you_mean(&value, allowed.iter().map(String::as_str)));
    // A fix only when the intended value is certain: the same letters, or the one close name.
    let certain = same_but_case.or_else(|| {
        near_miss(&value, allowed.iter().map(String::as_str))
            .filter(|c| c.unique)
            .map(|c| c.best)
    });
    let fix = certain
        .filter(|_| instance.is_string())
        .zip(source)
        .and_then(|(best, source)| {
            crate::fix::edit::rename(source, &Location::value(pointer), &value, best)
        });
    let help = match close {
        Some(close) => format!("did you mean `{close}`? Allowed: {list}"),
        None => format!("allowed: {list}"),
    };
    let place = if field(pointer).parse::<usize>().is_ok() {
        "in"
    } else {
        "of"
    };
    Finding::new(
        CODE,
        format!(
            "`{value}` is not an allowed value {place} `{}`",
            value_field(pointer)
        ),
        Location::value(pointer),
    )
    .label("not one of the allowed values")
    .help(help)
    .fix(fix)
}

fn any_of_shapes(pointer: &str) -> String {
    match field(pointer).as_str() {
        "next" => "a step id or a list of `{when, go}` branches".to_string(),
        "contact_hours" => "`{from, to}` or `{weekdays, saturday, sunday}`".to_string(),
        "in" => "a channel name, `{step: id}` or `{template: id}`".to_string(),
        "example" => "text, a number or true/false".to_string(),
        _ => "one of the allowed shapes".to_string(),
    }
}

fn type_help(pointer: &str, kind: &TypeKind) -> String {
    let f = field(pointer);
    match f.as_str() {
        "steps" | "offers" | "templates" | "variables" if pointer.matches('/').count() == 1 => {
            format!(
                "write `{f}` as a mapping from ids to entries, not a list: `{f}:`, then each id indented on its own line (`my-id:`, without `- `) with its keys below it"
            )
        }
        "say" | "tips" | "avoid" | "record" | "establishes" | "requires" | "offers"
        | "jurisdictions" => {
            format!("write `{f}` as a list, e.g. `{f}: [\"…\"]` or one `- item` per line")
        }
        "next" => "write `next: step-id`, or a list of `- {when: …, go: step-id}`".to_string(),
        "from" | "to" => "write times quoted, e.g. `from: \"08:00\"`".to_string(),
        _ => match kind {
            TypeKind::Single(t) if t.to_string() == "string" => {
                format!("quote the value if it should be text: `{f}: \"…\"`")
            }
            _ => format!("`{f}` must be {}; see `cordial schema`", type_name(kind)),
        },
    }
}

fn field_or_root(pointer: &str) -> String {
    if pointer.is_empty() {
        "the document".to_string()
    } else {
        field(pointer)
    }
}

/// The first key of the document, where findings about the whole playbook point.
fn first_key_location(root: &Value) -> Location {
    match root.as_object().and_then(|o| o.keys().next()) {
        Some(k) => Location::key(format!("/{}", escape_pointer(k))),
        None => Location::value(""),
    }
}
