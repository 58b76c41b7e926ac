//! The built guides in a real browser: headless Chromium opens every page at a wide and a
//! narrow viewport, takes a screenshot, prints it to PDF, and fails on any console error, any
//! network request other than the page itself, any script the page runs, or any dialog. The
//! injection fixture (`<script>`, `onerror=`, `javascript:` links, quotes in ids and titles)
//! is built with the bundled playbooks, so a single escaping slip fails this test.
//!
//! Without Chromium the test fails when `CI` is set (`.ci/install-chromium` installs it) and
//! is skipped with a message otherwise. Screenshots and PDFs are kept under
//! `target/tmp/guide-browser/` for people to look at.

use std::ffi::OsStr;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use cordial::model::Playbook;
use cordial::render::{BuildOptions, GuideInput, build_site};
use headless_chrome::protocol::cdp::types::Event;
use headless_chrome::protocol::cdp::{Log, Network, Page, Runtime};
use headless_chrome::types::PrintToPdfOptions;
use headless_chrome::{Browser, LaunchOptions};

struct Loaded {
    path: String,
    text: String,
    playbook: Playbook,
}

fn load(path: &Path) -> Loaded {
    let text = fs::read_to_string(path).expect("playbook readable");
    let playbook: Playbook = serde_saphyr::from_str(&text).expect("playbook parses");
    Loaded {
        path: path.display().to_string(),
        text,
        playbook,
    }
}

fn playbooks() -> Vec<Loaded> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut paths = vec![root.join("tests/fixtures/guide/example.playbook.yaml")];
    if let Ok(entries) = fs::read_dir(root.join("playbooks")) {
        let mut found: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "yaml" || x == "yml"))
            .collect();
        found.sort();
        paths.extend(found);
    }
    paths.push(root.join("tests/fixtures/guide/injection.playbook.yaml"));
    let mut loaded: Vec<Loaded> = paths.iter().map(|p| load(p)).collect();
    // The design example is also bundled: keep one copy per id (the bundled one comes later).
    let mut seen = std::collections::HashSet::new();
    loaded.reverse();
    loaded.retain(|l| seen.insert(l.playbook.id.clone()));
    loaded.reverse();
    loaded
}

fn find_chromium() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("CHROMIUM") {
        return Some(PathBuf::from(path));
    }
    let path = std::env::var_os("PATH")?;
    for dir in std::env::split_paths(&path) {
        for name in [
            "chromium",
            "chromium-browser",
            "google-chrome",
            "google-chrome-stable",
        ] {
            let candidate = dir.join(name);
            if candidate.is_file() {
                return Some(candidate);
            }
        }
    }
    None
}

/// Everything a page did that a guide must never do.
fn watch(tab: &headless_chrome::Tab, page_url: String) -> Arc<Mutex<Vec<String>>> {
    let problems = Arc::new(Mutex::new(Vec::new()));
    let sink = Arc::clone(&problems);
    let listener = move |event: &Event| {
        let problem = match event {
            Event::LogEntryAdded(e) if e.params.entry.level == Log::LogEntryLevel::Error => {
                Some(format!("console error: {}", e.params.entry.text))
            }
            Event::RuntimeConsoleAPICalled(e)
                if matches!(
                    e.params.Type,
                    Runtime::ConsoleAPICalledEventTypeOption::Error
                        | Runtime::ConsoleAPICalledEventTypeOption::Assert
                ) =>
            {
                Some("console.error called".to_string())
            }
            Event::RuntimeExceptionThrown(e) => {
                Some(format!("exception: {}", e.params.exception_details.text))
            }
            Event::NetworkRequestWillBeSent(e) if e.params.request.url != page_url => {
                Some(format!("network request: {}", e.params.request.url))
            }
            Event::PageJavascriptDialogOpening(e) => {
                Some(format!("dialog opened: {}", e.params.message))
            }
            // Scripts of the page itself (inline or loaded) have its URL or another real URL;
            // the test's own evaluations have none.
            Event::DebuggerScriptParsed(e) if !e.params.url.is_empty() => {
                Some(format!("script ran: {}", e.params.url))
            }
            _ => None,
        };
        if let (Some(problem), Ok(mut list)) = (problem, sink.lock()) {
            list.push(problem);
        }
    };
    tab.add_event_listener(Arc::new(listener))
        .expect("listener");
    problems
}

#[test]
fn built_guides_render_cleanly_in_chromium() {
    let Some(chromium) = find_chromium() else {
        if std::env::var_os("CI").is_some() {
            panic!("Chromium is required in CI: run .ci/install-chromium");
        }
        eprintln!(
            "SKIPPED browser test: no chromium on PATH (install it with .ci/install-chromium, or set CHROMIUM=/path/to/chromium)"
        );
        return;
    };

    let loaded = playbooks();
    let inputs: Vec<GuideInput> = loaded
        .iter()
        .map(|l| GuideInput {
            source_path: &l.path,
            source_text: &l.text,
            playbook: &l.playbook,
            findings: &[],
            exceptions: &[],
        })
        .collect();
    let work = tempfile::tempdir().expect("tempdir");
    let site = work.path().join("site");
    let report = build_site(&inputs, &site, &BuildOptions::default()).expect("site builds");
    let mut pages = vec![("index".to_string(), site.join("index.html"))];
    pages.extend(
        report
            .guides
            .iter()
            .map(|g| (g.folder.clone(), site.join(&g.folder).join("index.html"))),
    );
    // The standalone diagrams are pages too: a phone opens them to zoom.
    pages.extend(report.guides.iter().map(|g| {
        (
            format!("{}-diagram", g.folder),
            site.join(&g.folder).join("diagram.svg"),
        )
    }));

    let artifacts = Path::new(env!("CARGO_TARGET_TMPDIR")).join("guide-browser");
    let _ = fs::remove_dir_all(&artifacts);
    fs::create_dir_all(&artifacts).expect("artifact dir");

    let mut failures = Vec::new();
    for (viewport, size) in [("wide", (1280, 1800)), ("narrow", (390, 1400))] {
        let profile = tempfile::tempdir().expect("profile dir");
        let args: Vec<&OsStr> = [
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-gpu",
            "--hide-scrollbars",
        ]
        .iter()
        .map(OsStr::new)
        .collect();
        let options = LaunchOptions::default_builder()
            .path(Some(chromium.clone()))
            .headless(true)
            .sandbox(false)
            .window_size(Some(size))
            .user_data_dir(Some(profile.path().to_path_buf()))
            .args(args)
            .idle_browser_timeout(Duration::from_secs(120))
            .build()
            .expect("launch options");
        let browser = Browser::new(options).expect("Chromium starts");

        for (name, path) in &pages {
            let url = format!(
                "file://{}",
                path.canonicalize().expect("page exists").display()
            );
            let tab = browser.new_tab().expect("tab");
            let problems = watch(&tab, url.clone());
            tab.enable_log().expect("log domain");
            tab.enable_runtime().expect("runtime domain");
            tab.enable_debugger().expect("debugger domain");
            tab.call_method(Network::Enable {
                max_total_buffer_size: None,
                max_resource_buffer_size: None,
                max_post_data_size: None,
                report_direct_socket_traffic: None,
                enable_durable_messages: None,
            })
            .expect("network domain");
            tab.navigate_to(&url)
                .expect("navigate")
                .wait_until_navigated()
                .expect("page loads");

            // The example-value switch works without JavaScript.
            if name != "index" && tab.find_element("label.switch").is_ok() {
                tab.find_element("label.switch")
                    .and_then(|l| l.click().map(|_| ()))
                    .expect("switch clicks");
                let shown = tab
                    .evaluate(
                        "getComputedStyle(document.querySelector('.ph-ex')).display",
                        false,
                    )
                    .expect("evaluate")
                    .value;
                if shown != Some(serde_json::json!("inline")) {
                    failures.push(format!(
                        "{viewport} {name}: example values did not appear ({shown:?})"
                    ));
                }
            }

            let png = tab
                .capture_screenshot(Page::CaptureScreenshotFormatOption::Png, None, None, true)
                .expect("screenshot");
            fs::write(artifacts.join(format!("{name}-{viewport}.png")), &png).expect("write png");
            if viewport == "wide" {
                let pdf = tab
                    .print_to_pdf(Some(PrintToPdfOptions {
                        print_background: Some(true),
                        ..Default::default()
                    }))
                    .expect("print to PDF");
                assert!(pdf.starts_with(b"%PDF"), "{name}: not a PDF");
                fs::write(artifacts.join(format!("{name}.pdf")), &pdf).expect("write pdf");
            }
            // Late events (a lazily loaded image, a deferred script) arrive within this window.
            std::thread::sleep(Duration::from_millis(300));
            let found = problems.lock().map(|p| p.clone()).unwrap_or_default();
            failures.extend(found.into_iter().map(|p| format!("{viewport} {name}: {p}")));
            let _ = tab.close(false);
        }
    }
    eprintln!("browser screenshots and PDFs: {}", artifacts.display());
    assert!(
        failures.is_empty(),
        "the guides misbehaved in Chromium:\n{}",
        failures.join("\n")
    );
}
