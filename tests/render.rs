//! The guide compiler end to end: JSON snapshot, schema, determinism, atomicity, escaping.

use std::fs;
use std::path::{Path, PathBuf};

use cordial::diagnostic::Severity;
use cordial::model::Playbook;
use cordial::render::{
    BuildOptions, ExceptionInForce, FindingSummary, GuideInput, build_site, csp_hash, guide_json,
    guide_schema,
};

struct Loaded {
    path: String,
    text: String,
    playbook: Playbook,
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/guide")
        .join(name)
}

fn load(path: &Path) -> Loaded {
    let text = fs::read_to_string(path).expect("fixture readable");
    let playbook: Playbook = serde_saphyr::from_str(&text).expect("fixture parses");
    let relative = path
        .strip_prefix(env!("CARGO_MANIFEST_DIR"))
        .unwrap_or(path);
    Loaded {
        path: relative.display().to_string(),
        text,
        playbook,
    }
}

fn input(loaded: &Loaded) -> GuideInput<'_> {
    GuideInput {
        source_path: &loaded.path,
        source_text: &loaded.text,
        playbook: &loaded.playbook,
        findings: &[],
        exceptions: &[],
        packs: None,
    }
}

/// The bundled playbooks, when the repository has them, plus the design example.
fn all_playbooks() -> Vec<Loaded> {
    let mut paths = vec![fixture("example.playbook.yaml")];
    let bundled = Path::new(env!("CARGO_MANIFEST_DIR")).join("playbooks");
    if let Ok(entries) = fs::read_dir(&bundled) {
        let mut found: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "yaml" || x == "yml"))
            .collect();
        found.sort();
        paths.extend(found);
    }
    let mut loaded: Vec<Loaded> = paths.iter().map(|p| load(p)).collect();
    // The design example is bundled too: keep the bundled copy, one per id.
    let mut seen = std::collections::HashSet::new();
    loaded.reverse();
    loaded.retain(|l| seen.insert(l.playbook.id.clone()));
    loaded.reverse();
    loaded
}

/// The page runs one script, the call-mode enhancement, and the CSP allows it by its hash and
/// nothing else. Returns the page without that script, for the other checks.
fn without_the_call_script(html: &str) -> String {
    assert_eq!(html.matches("<script").count(), 1, "exactly one script");
    let start = html.find("<script>").expect("an inline script") + "<script>".len();
    let end = start + html[start..].find("</script>").expect("closed");
    let script = &html[start..end];
    let csp = html
        .split("http-equiv=\"Content-Security-Policy\" content=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("a CSP meta")
        .replace("&#39;", "'");
    assert!(
        csp.contains(&format!("script-src {};", csp_hash(script))),
        "{csp}"
    );
    assert!(csp.starts_with("default-src 'none';"), "{csp}");
    format!(
        "{}{}",
        &html[..start - "<script>".len()],
        &html[end + "</script>".len()..]
    )
}

fn read_tree(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in fs::read_dir(&d).expect("readable dir") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                stack.push(path);
            } else {
                out.push((
                    path.strip_prefix(dir).expect("inside").to_path_buf(),
                    fs::read(&path).expect("file"),
                ));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn json_guide_of_the_design_example() {
    let example = load(&fixture("example.playbook.yaml"));
    let guide = guide_json(&input(&example));
    insta::assert_json_snapshot!("example_guide", guide);
}

#[test]
fn every_guide_validates_against_the_schema() {
    let schema = guide_schema();
    assert_eq!(schema["$schema"], "http://json-schema.org/draft-07/schema#");
    let validator = jsonschema::validator_for(&schema).expect("schema compiles");
    let mut loaded = all_playbooks();
    loaded.push(load(&fixture("injection.playbook.yaml")));
    for l in &loaded {
        let findings = [FindingSummary {
            code: "wording/pressure".into(),
            severity: Severity::Warning,
            message: "m".into(),
            line: 3,
            column: 1,
        }];
        let exceptions = [ExceptionInForce {
            rule: "wording/legal-action".into(),
            scope: "playbook".into(),
            reason: "r".into(),
        }];
        let guide = guide_json(&GuideInput {
            findings: &findings,
            exceptions: &exceptions,
            packs: None,
            ..input(l)
        });
        let value = serde_json::to_value(&guide).expect("guide serialises");
        assert_eq!(value["format"], "cordial-guide/2");
        let errors: Vec<String> = validator
            .iter_errors(&value)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{}: {errors:#?}", l.path);
    }
}

#[test]
fn two_builds_are_byte_identical() {
    let loaded = all_playbooks();
    let inputs: Vec<GuideInput> = loaded.iter().map(input).collect();
    let dir = tempfile::tempdir().expect("tempdir");
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    build_site(&inputs, &a, &BuildOptions::default()).expect("first build");
    build_site(&inputs, &b, &BuildOptions::default()).expect("second build");
    let (ta, tb) = (read_tree(&a), read_tree(&b));
    assert!(ta.len() >= 3);
    assert_eq!(ta, tb);
    // No date sneaks in unless asked for.
    let index = ta
        .iter()
        .find(|(path, _)| path == Path::new("index.html"))
        .map(|(_, bytes)| String::from_utf8(bytes.clone()).expect("utf-8"))
        .expect("index.html");
    assert!(!index.contains(" on 20"), "{index}");
    let dated = dir.path().join("dated");
    build_site(
        &inputs,
        &dated,
        &BuildOptions {
            source_date_epoch: Some(1_700_000_000),
            ..BuildOptions::default()
        },
    )
    .expect("dated build");
    assert!(
        fs::read_to_string(dated.join("index.html"))
            .expect("index")
            .contains("on 2023-11-14")
    );
}

#[test]
fn the_site_has_an_index_and_a_page_and_json_per_playbook() {
    let example = load(&fixture("example.playbook.yaml"));
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("site");
    let report = build_site(&[input(&example)], &out, &BuildOptions::default()).expect("build");
    assert_eq!(report.guides[0].folder, "overindebted-clients");
    for file in [
        "index.html",
        "overindebted-clients/index.html",
        "overindebted-clients/guide.json",
        "overindebted-clients/diagram.svg",
    ] {
        assert!(out.join(file).is_file(), "{file} missing");
    }
    let html = without_the_call_script(
        &fs::read_to_string(out.join("overindebted-clients/index.html")).expect("page"),
    );
    assert!(html.starts_with("<!doctype html>\n<html lang=\"en-US\">"));
    assert!(html.contains("Checked, no findings"));
    assert!(html.contains("href=\"#step-disclose\""));
    // Nothing external: no absolute URL may be loaded (links a user follows are fine).
    for needle in ["src=", "@import", "url(http", "<link", "<script"] {
        assert!(!html.contains(needle), "page contains {needle}");
    }
}

#[test]
fn a_failed_build_leaves_the_previous_site_whole() {
    let example = load(&fixture("example.playbook.yaml"));
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("site");
    build_site(&[input(&example)], &out, &BuildOptions::default()).expect("first build");
    let before = read_tree(&out);

    // A second build that cannot write beside the site fails, and the old one stays whole.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let is_root = fs::metadata("/root")
            .map(|m| m.permissions().mode() & 0o077 == 0)
            .unwrap_or(false)
            && fs::write(dir.path().join(".probe"), b"").is_ok()
            && std::env::var("USER").map(|u| u == "root").unwrap_or(true);
        fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o555)).expect("chmod");
        let result = build_site(&[input(&example)], &out, &BuildOptions::default());
        fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o755)).expect("chmod back");
        if !is_root {
            assert!(result.is_err(), "a read-only parent must fail the build");
        }
        assert_eq!(read_tree(&out), before);
    }

    // A site path that is a file cannot be replaced by a folder: the build fails, the file stays.
    let blocker = dir.path().join("blocked");
    fs::write(&blocker, b"not a folder").expect("file");
    let nested = blocker.join("site");
    assert!(build_site(&[input(&example)], &nested, &BuildOptions::default()).is_err());
    assert_eq!(fs::read(&blocker).expect("file"), b"not a folder");

    // A file someone added to the site is data cordial did not write: the build refuses and
    // leaves it; once it is gone, a rebuild replaces the site as a whole.
    fs::write(out.join("added.html"), b"mine").expect("added file");
    assert!(build_site(&[input(&example)], &out, &BuildOptions::default()).is_err());
    assert_eq!(fs::read(out.join("added.html")).expect("kept"), b"mine");
    fs::remove_file(out.join("added.html")).expect("rm");
    build_site(&[input(&example)], &out, &BuildOptions::default()).expect("rebuild");
    assert_eq!(read_tree(&out), before);
    // No temporary folders are left beside the site.
    let leftovers: Vec<_> = fs::read_dir(dir.path())
        .expect("dir")
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().starts_with(".site."))
        .collect();
    assert!(leftovers.is_empty());
}

#[test]
fn injected_markup_is_inert_text() {
    let hostile = load(&fixture("injection.playbook.yaml"));
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("site");
    let report = build_site(&[input(&hostile)], &out, &BuildOptions::default()).expect("build");
    let page = without_the_call_script(
        &fs::read_to_string(out.join(&report.guides[0].folder).join("index.html")).expect("page"),
    );
    let index = fs::read_to_string(out.join("index.html")).expect("index");
    let diagram =
        fs::read_to_string(out.join(&report.guides[0].folder).join("diagram.svg")).expect("svg");
    for html in [&page, &index, &diagram] {
        let lowered = html.to_ascii_lowercase();
        for needle in [
            "<script",
            "<img",
            "<iframe",
            "<svg onload",
            "<svg/onload",
            "<b ",
            "<marquee",
            "<details open",
            "href=\"javascript",
            "href=\"data:",
            "<style>body",
        ] {
            assert!(!lowered.contains(needle), "found {needle}");
        }
        // Handlers only ever appear escaped, inside text.
        for handler in [
            "onerror=",
            "onload=",
            "onclick=",
            "onmouseover=",
            "ontoggle=",
            "onstart=",
        ] {
            for (at, _) in lowered.match_indices(handler) {
                let before = &lowered[..at];
                let open = before.rfind('<').unwrap_or(0);
                let close = before.rfind('>').unwrap_or(0);
                assert!(
                    close >= open,
                    "{handler} inside a tag: {}",
                    &html[open..(at + 20).min(html.len())]
                );
            }
        }
    }
    assert!(
        page.contains("&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;")
            || page.contains("&#60;script&#62;"),
        "title shown as text"
    );
    // Only links to steps are markup; other links keep their source text.
    assert!(!page.contains("<a href=\"https://example.org\">"));
    assert!(page.contains("[ok](https://example.org)"));
}

/// `CORDIAL_REVIEW_DIR=/tmp/site cargo test --test render review` builds the bundled guides and
/// the injection fixture there, for looking at them in a browser.
#[test]
fn review_site_when_asked() {
    let Some(dir) = std::env::var_os("CORDIAL_REVIEW_DIR") else {
        return;
    };
    let mut loaded = all_playbooks();
    loaded.push(load(&fixture("injection.playbook.yaml")));
    let inputs: Vec<GuideInput> = loaded.iter().map(input).collect();
    build_site(&inputs, Path::new(&dir), &BuildOptions::from_env()).expect("review build");
}

/// A guide built with errors allowed may have no steps, an unknown start, dangling targets and
/// ids that are not slugs: the renderer still writes a whole site and never panics.
#[test]
fn broken_playbooks_still_render() {
    let yaml = r#"
cordial: 1
id: "../../Broken Id"
title: ""
locale: ""
start: nowhere
steps:
  a:
    next: [{when: "x", go: missing}, {when: "y", go: a}]
  b: {}
offers:
  o: {kind: installment-plan, example: {principal: -5}}
  p: {kind: discount, max_discount_pct: 250, example: {principal: 1e300}}
templates:
  t: {channel: sms, text: ""}
cadence:
  - {day: -2147483648}
contact_hours: {from: "99:99", to: "x"}
"#;
    let empty_steps = "cordial: 1\nid: empty\ntitle: Empty\nlocale: en\nstart: a\nsteps: {}\n";
    let loaded: Vec<Loaded> = [yaml, empty_steps]
        .iter()
        .map(|text| Loaded {
            path: "broken.yaml".into(),
            text: text.to_string(),
            playbook: serde_saphyr::from_str(text).expect("parses without the schema"),
        })
        .collect();
    let inputs: Vec<GuideInput> = loaded.iter().map(input).collect();
    let dir = tempfile::tempdir().expect("tempdir");
    let report =
        build_site(&inputs, &dir.path().join("site"), &BuildOptions::default()).expect("build");
    assert_eq!(report.guides[0].folder, "broken-id");
    assert!(dir.path().join("site/broken-id/index.html").is_file());
    assert!(dir.path().join("site/empty/diagram.svg").is_file());
}
