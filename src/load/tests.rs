//! Tests of the loader: the YAML stance, spans, budgets and positions.
use super::*;

fn load(text: &str) -> (SourceFile, Parsed) {
    let mut source = SourceFile::new("t.yaml".into(), text.to_string());
    let parsed = parse(&mut source, &Limits::default());
    (source, parsed)
}

#[test]
fn scalars_follow_the_playbook_stance() {
    let (s, p) = load("a: no\nb: 017\nc: 12\nd: 1.5\ne: true\nf: ~\ng: '12'\nh: 0x1f\n");
    assert!(p.findings.is_empty());
    assert_eq!(
        s.value,
        serde_json::json!({"a":"no","b":"017","c":12,"d":1.5,"e":true,"f":null,"g":"12","h":31})
    );
}

#[test]
fn spans_point_at_keys_and_values() {
    let text = "steps:\n  greet:\n    next: listen\n";
    let (s, _) = load(text);
    let span = s.spans.get("/steps/greet/next").expect("indexed");
    assert_eq!(&text[span.key.clone().expect("key")], "next");
    assert_eq!(&text[span.value.clone()], "listen");
}

#[test]
fn duplicate_keys_are_reported_with_both_places_and_parsing_goes_on() {
    let text = "a: 1\nb: {x: 1}\na: 2\nc: 3\n";
    let (s, p) = load(text);
    assert!(p.complete);
    assert_eq!(p.findings.len(), 1);
    assert_eq!(p.findings[0].related.len(), 1);
    assert_eq!(s.value, serde_json::json!({"a":1,"b":{"x":1},"c":3}));
    assert_eq!(&text[s.spans.get("/a").expect("a").value.clone()], "1");
}

#[test]
fn merge_keys_are_refused() {
    let (_, p) = load("base: &b {x: 1}\nother:\n  <<: *b\n  y: 2\n");
    assert_eq!(p.findings.len(), 1);
    assert!(p.findings[0].message.contains("merge"));
}

#[test]
fn alias_bombs_stop_at_the_budget() {
    let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x]\n");
    for i in 1..10 {
        let prev = i - 1;
        text.push_str(&format!("a{i}: &a{i} [*a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}]\n"));
    }
    let (_, p) = load(&text);
    assert!(!p.complete);
    assert_eq!(p.findings[0].code, SYNTAX);
}

#[test]
fn deep_nesting_stops_at_the_budget() {
    let text = "[".repeat(10_000);
    let (_, p) = load(&text);
    assert!(!p.complete);
}

#[test]
fn bom_and_crlf_keep_positions() {
    let text = "\u{feff}a: 1\r\nb: x\r\n";
    let (s, p) = load(text);
    assert!(p.findings.is_empty(), "{:?}", p.findings);
    let at = s.spans.get("/b").expect("b").value.start;
    let pos = s.position(at);
    assert_eq!((pos.line, pos.column), (2, 4));
    let a = s.position(
        s.spans
            .get("/a")
            .expect("a")
            .key
            .clone()
            .expect("key")
            .start,
    );
    assert_eq!((a.line, a.column), (1, 1));
}
