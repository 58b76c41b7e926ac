//! The committed schema and rule reference are what the code generates.

fn assert_current(path: &str, generated: &str) {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let file = root.join(path);
    if std::env::var_os("CORDIAL_UPDATE").is_some() {
        std::fs::write(&file, generated).expect("write the generated file");
        return;
    }
    let committed = std::fs::read_to_string(&file).unwrap_or_default();
    assert!(
        committed == generated,
        "{path} is out of date: run `CORDIAL_UPDATE=1 cargo test --test schema` and commit the result"
    );
}

#[test]
fn playbook_schema_is_current() {
    let generated = serde_json::to_string_pretty(&cordial::schema::playbook_schema())
        .expect("schema serialises")
        + "\n";
    assert_current("schema/playbook.schema.json", &generated);
}

#[test]
fn guide_schema_is_current() {
    let generated = serde_json::to_string_pretty(&cordial::render::guide_schema())
        .expect("schema serialises")
        + "\n";
    assert_current("schema/guide.schema.json", &generated);
}

#[test]
fn rule_reference_is_current() {
    assert_current("docs/rules.md", &cordial::docs::rules_markdown());
}

#[test]
fn bundled_playbooks_name_the_schema_for_editors() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    for entry in std::fs::read_dir(root.join("playbooks")).expect("playbooks/ exists") {
        let path = entry.expect("entry").path();
        let text = std::fs::read_to_string(&path).expect("readable");
        assert!(
            text.starts_with("# yaml-language-server: $schema=../schema/playbook.schema.json\n"),
            "{} lacks the schema modeline on its first line",
            path.display()
        );
    }
}

#[test]
fn schema_validates_the_design_example_shape() {
    // The schema is draft-07 and compiles with the validator used at run time.
    let schema = cordial::schema::playbook_schema();
    assert_eq!(schema["$schema"], "http://json-schema.org/draft-07/schema#");
    assert!(jsonschema::validator_for(&schema).is_ok());
}

#[test]
fn config_schema_is_current() {
    let generated = serde_json::to_string_pretty(&cordial::config::schema::config_schema())
        .expect("schema serialises")
        + "\n";
    assert_current("schema/config.schema.json", &generated);
}
