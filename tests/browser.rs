//! The built guides in a real browser: headless Chromium opens every page at a wide and a
//! narrow viewport, takes a screenshot, prints it to PDF, runs axe-core on it (light and dark
//! theme), and fails on any accessibility violation, any console error, any network request
//! other than the page itself, any script but the page's one hashed call-mode script, any
//! dialog, or a page wider than the phone. The injection fixture (`<script>`, `onerror=`,
//! `javascript:` links, quotes in ids and titles) and the display fixture (bidi controls,
//! 60-character words, Markdown headings, real findings built with errors allowed) are built
//! with the bundled playbooks. Call mode is driven with the keyboard alone on a phone-size
//! viewport.
//!
//! axe-core comes from `.ci/install-axe` (`target/axe`, or `AXE_CORE_JS=/path/axe.min.js`).
//!
//! Without Chromium the test fails when `CI` is set (`.ci/install-chromium` installs it) and
//! is skipped with a message otherwise. Screenshots and PDFs are kept under
//! `target/tmp/guide-browser/` for people to look at.

use std::ffi::OsStr;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

mod common;

use cordial::model::Playbook;
use cordial::render::{BuildOptions, FindingSummary, GuideInput, build_site};
use cordial::report::Diagnostic;
use headless_chrome::protocol::cdp::types::Event;
use headless_chrome::protocol::cdp::{Emulation, Log, Network, Page, Runtime};
use headless_chrome::types::PrintToPdfOptions;
use headless_chrome::{Browser, LaunchOptions};

struct Loaded {
    path: String,
    text: String,
    playbook: Playbook,
    /// What `cordial check` finds, as `build --allow-errors` hands it to the guide.
    findings: Vec<FindingSummary>,
}

fn load(path: &Path) -> Loaded {
    let text = fs::read_to_string(path).expect("playbook readable");
    let playbook: Playbook = serde_saphyr::from_str(&text).expect("playbook parses");
    let checked = common::check(&[path.to_path_buf()]);
    let findings = checked
        .iter()
        .flat_map(|f| {
            f.findings
                .iter()
                .map(|finding| FindingSummary::of(&Diagnostic::resolve(&f.source, finding)))
        })
        .collect();
    Loaded {
        path: path.display().to_string(),
        text,
        playbook,
        findings,
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
    paths.push(root.join("tests/fixtures/guide/hostile-display.playbook.yaml"));
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
    let own_scripts = Arc::new(Mutex::new(0usize));
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
            // The page's one inline script (allowed by its hash in the CSP) has the page's URL;
            // any other script is a failure. The test's own evaluations have no URL.
            Event::DebuggerScriptParsed(e) if e.params.url == page_url => {
                let mut seen = own_scripts.lock().map_or(2, |mut n| {
                    *n += 1;
                    *n
                });
                (seen > 1).then(|| {
                    seen -= 1;
                    format!("more than one inline script ran ({seen} before)")
                })
            }
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

fn axe_source() -> Option<String> {
    let path = std::env::var_os("AXE_CORE_JS").map_or_else(
        || {
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("target/axe/node_modules/axe-core/axe.min.js")
        },
        PathBuf::from,
    );
    fs::read_to_string(path).ok()
}

/// Runs axe-core on the page as it is now; one line per violation and node.
fn axe_violations(tab: &headless_chrome::Tab, axe: &str) -> Vec<String> {
    if let Err(e) = tab.evaluate(axe, false) {
        return vec![format!("axe-core did not load: {e}")];
    }
    let run = "axe.run(document, {resultTypes: ['violations']}).then(r => JSON.stringify(r.violations.flatMap(v => v.nodes.map(n => v.id + ' (' + v.impact + '): ' + n.target.join(' ') + ' — ' + n.failureSummary.replace(/\\s+/g, ' ')))))";
    match tab.evaluate(run, true).map(|r| r.value) {
        Ok(Some(serde_json::Value::String(json))) => {
            serde_json::from_str(&json).unwrap_or_else(|e| vec![format!("axe output: {e}")])
        }
        other => vec![format!("axe-core did not run: {other:?}")],
    }
}

fn emulate(tab: &headless_chrome::Tab, scheme: &str) {
    tab.call_method(Emulation::SetEmulatedMedia {
        media: None,
        features: Some(vec![Emulation::MediaFeature {
            name: "prefers-color-scheme".into(),
            value: scheme.into(),
        }]),
    })
    .expect("emulate colour scheme");
}

fn eval_string(tab: &headless_chrome::Tab, expression: &str) -> String {
    match tab.evaluate(expression, false).map(|r| r.value) {
        Ok(Some(serde_json::Value::String(s))) => s,
        Ok(other) => format!("{other:?}"),
        Err(e) => format!("error: {e}"),
    }
}

/// Presses Tab until the focused element matches `selector`; false after `limit` presses.
fn tab_to(tab: &headless_chrome::Tab, selector: &str, limit: usize) -> bool {
    let test = format!(
        "String(!!(document.activeElement && document.activeElement.matches({})))",
        serde_json::json!(selector)
    );
    for _ in 0..limit {
        if tab.press_key("Tab").is_err() {
            return false;
        }
        if eval_string(tab, &test) == "true" {
            return true;
        }
    }
    false
}

/// Call mode with the keyboard alone, on a phone: Tab to "Call mode" in the page's contents,
/// Enter, Tab to the first answer, Enter; each time exactly one step is shown, and the trail
/// grows.
fn drive_call_mode(tab: &headless_chrome::Tab, name: &str, artifacts: &Path) -> Vec<String> {
    let mut failures = Vec::new();
    let visible_steps = "String([...document.querySelectorAll('.call-step')].filter(e => e.offsetParent !== null).map(e => e.id).join(','))";
    if !tab_to(tab, ".toc a[href^='#call-']", 40) {
        return vec![format!("{name}: Tab never reached the call-mode link")];
    }
    let _ = tab.press_key("Enter");
    std::thread::sleep(Duration::from_millis(200));
    let first = eval_string(tab, visible_steps);
    if first.is_empty()
        || first.contains(',')
        || eval_string(tab, "location.hash") != format!("#{first}")
    {
        failures.push(format!(
            "{name}: call mode did not show one step after Enter ({first})"
        ));
    }
    let _ = fs::write(
        artifacts.join(format!("{name}-call-start-phone.png")),
        tab.capture_screenshot(Page::CaptureScreenshotFormatOption::Png, None, None, true)
            .unwrap_or_default(),
    );
    if !tab_to(tab, ".call-step:target a.response", 60) {
        failures.push(format!(
            "{name}: Tab never reached an answer button in call mode"
        ));
        return failures;
    }
    let _ = tab.press_key("Enter");
    std::thread::sleep(Duration::from_millis(200));
    let second = eval_string(tab, visible_steps);
    if second.is_empty() || second.contains(',') || second == first {
        failures.push(format!(
            "{name}: the answer did not lead to one next step ({first} → {second})"
        ));
    }
    let trail = eval_string(
        tab,
        "String(document.querySelectorAll('#call-trail li').length)",
    );
    if trail != "2" {
        failures.push(format!(
            "{name}: the trail back has {trail} entries, expected 2"
        ));
    }
    let focused = eval_string(
        tab,
        "document.activeElement.closest('.call-step:target') ? 'in step' : document.activeElement.tagName",
    );
    if focused != "in step" {
        failures.push(format!(
            "{name}: focus is not in the step shown ({focused})"
        ));
    }
    let _ = fs::write(
        artifacts.join(format!("{name}-call-next-phone.png")),
        tab.capture_screenshot(Page::CaptureScreenshotFormatOption::Png, None, None, true)
            .unwrap_or_default(),
    );
    failures
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
            findings: &l.findings,
            exceptions: &[],
            packs: None,
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

    let axe = axe_source();
    if axe.is_none() {
        if std::env::var_os("CI").is_some() {
            panic!("axe-core is required in CI: run .ci/install-axe");
        }
        eprintln!("axe-core not installed (.ci/install-axe): accessibility checks skipped");
    }
    let artifacts = Path::new(env!("CARGO_TARGET_TMPDIR")).join("guide-browser");
    let _ = fs::remove_dir_all(&artifacts);
    fs::create_dir_all(&artifacts).expect("artifact dir");

    // The two viewports run side by side, each in its own browser: on a 2-core CI machine
    // this halves the test's wall time, which is mostly Chromium rendering and axe.
    let failures: Vec<String> = std::thread::scope(|scope| {
        let runs: Vec<_> = [("wide", (1280, 1800)), ("narrow", (390, 1400))]
            .into_iter()
            .map(|(viewport, size)| {
                let (chromium, pages, axe, artifacts) = (&chromium, &pages, &axe, &artifacts);
                scope.spawn(move || {
                    one_viewport(viewport, size, chromium, pages, axe.as_deref(), artifacts)
                })
            })
            .collect();
        runs.into_iter()
            .flat_map(|run| run.join().expect("viewport run"))
            .collect()
    });
    eprintln!("browser screenshots and PDFs: {}", artifacts.display());
    assert!(
        failures.is_empty(),
        "the guides misbehaved in Chromium:\n{}",
        failures.join("\n")
    );
}

/// Dark-theme screenshots of the pages people look at most.
fn dark_shot(viewport: &str, name: &str) -> bool {
    viewport == "wide"
        && (name == "index" || name == "exibicao-segura" || name == "cobranca-amigavel")
}

/// Opens every page in one browser of the given viewport and says what went wrong.
fn one_viewport(
    viewport: &str,
    size: (u32, u32),
    chromium: &Path,
    pages: &[(String, PathBuf)],
    axe: Option<&str>,
    artifacts: &Path,
) -> Vec<String> {
    let mut failures = Vec::new();
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
        .path(Some(chromium.to_path_buf()))
        .headless(true)
        .sandbox(false)
        .window_size(Some(size))
        .user_data_dir(Some(profile.path().to_path_buf()))
        .args(args)
        .idle_browser_timeout(Duration::from_secs(120))
        .build()
        .expect("launch options");
    let browser = Browser::new(options).expect("Chromium starts");

    for (name, path) in pages {
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

        let is_html = path.extension().is_some_and(|x| x == "html");
        if is_html {
            let width = eval_string(
                &tab,
                "String(document.documentElement.scrollWidth - window.innerWidth)",
            );
            if width.parse::<i64>().map_or(true, |extra| extra > 0) {
                failures.push(format!(
                    "{viewport} {name}: the page is wider than the window by {width} px"
                ));
            }
            if let Some(axe) = axe {
                let schemes: &[&str] = if viewport == "wide" {
                    &["light", "dark"]
                } else {
                    &["light"]
                };
                for scheme in schemes {
                    emulate(&tab, scheme);
                    failures.extend(
                        axe_violations(&tab, axe)
                            .into_iter()
                            .map(|v| format!("{viewport} {scheme} {name}: axe {v}")),
                    );
                }
                emulate(&tab, "light");
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
        if dark_shot(viewport, name) {
            emulate(&tab, "dark");
            let png = tab
                .capture_screenshot(Page::CaptureScreenshotFormatOption::Png, None, None, true)
                .expect("screenshot");
            fs::write(artifacts.join(format!("{name}-{viewport}-dark.png")), &png)
                .expect("write png");
            emulate(&tab, "light");
        }
        if viewport == "narrow" && is_html && name != "index" {
            failures.extend(drive_call_mode(&tab, name, artifacts));
            if let Some(axe) = axe {
                failures.extend(
                    axe_violations(&tab, axe)
                        .into_iter()
                        .map(|v| format!("call mode {name}: axe {v}")),
                );
            }
        }
        // Late events (a lazily loaded image, a deferred script) arrive within this window.
        std::thread::sleep(Duration::from_millis(300));
        let found = problems.lock().map(|p| p.clone()).unwrap_or_default();
        failures.extend(found.into_iter().map(|p| format!("{viewport} {name}: {p}")));
        let _ = tab.close(false);
    }
    failures
}
