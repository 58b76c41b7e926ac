//! Shared helpers for the integration tests: run the checker the way the CLI does, render stably.
#![allow(dead_code)]

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use cordial::check::{self, CheckedFile, Options};
use cordial::report::{self, human};

/// Checks paths as `cordial check` would (folders walked, named files always checked).
pub fn check(paths: &[PathBuf]) -> Vec<CheckedFile> {
    let inputs = check::discover(paths).expect("fixture paths exist");
    check::check_inputs(&inputs, &Options::default())
}

/// The human report, without colour and without timing, at a fixed width.
pub fn human(files: &[CheckedFile]) -> String {
    let diagnostics = report::diagnostics(files);
    let sources: HashMap<String, std::sync::Arc<String>> = files
        .iter()
        .map(|f| (f.source.display_path(), f.source.text.clone()))
        .collect();
    let mut text = human::render(&diagnostics, &sources, human::Style::Plain, 100);
    text.push_str(&report::closing_line(&report::Summary::of(files), None));
    text.push('\n');
    text
}

/// The JSON report.
pub fn json(files: &[CheckedFile]) -> String {
    report::json::render(&report::diagnostics(files), &report::Summary::of(files))
}

/// The codes found, in output order.
pub fn codes(files: &[CheckedFile]) -> Vec<&'static str> {
    report::diagnostics(files).iter().map(|d| d.code).collect()
}

/// The crate root, so that paths in snapshots are relative and stable.
pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}
