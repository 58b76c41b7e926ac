//! The guide compiler: HTML and JSON guides and step diagrams, from one checked playbook.
//!
//! The CLI checks the playbooks, decides which may be published, and hands them here as
//! [`GuideInput`]s. [`build_site`] writes the whole site atomically; [`guide_json`] and the
//! `graph_*` functions serve `cordial schema --guide` and `cordial graph`.

mod calendar_view;
mod compile;
mod findings_pt;
pub mod graph;
pub mod guide;
mod guide_words;
mod html;
pub mod labels;
pub mod layout;
pub mod markdown;
mod placement;
pub mod publish;
mod sections;
mod site;
pub mod slug;
mod text_width;
mod views;
mod wording;

pub use compile::{TOOL_VERSION, guide_json, outcome_description, rule_packs, sha256_hex};
pub use graph::{graph_dot, graph_mermaid, graph_svg};
pub use site::{
    BuildError, BuildOptions, BuildReport, NextGuide, PublishedGuide, SiteWriter, build_site,
};
pub use views::csp_hash;

use crate::diagnostic::Severity;
use crate::model::Playbook;

/// One checked playbook to publish.
#[derive(Debug, Clone, Copy)]
pub struct GuideInput<'a> {
    /// The path as the user gave it; written into the guide as is.
    pub source_path: &'a str,
    /// The file's text, hashed into the guide.
    pub source_text: &'a str,
    pub playbook: &'a Playbook,
    /// What the check found (after exceptions were applied).
    pub findings: &'a [FindingSummary],
    /// Documented exceptions that silenced findings.
    pub exceptions: &'a [ExceptionInForce],
    /// The packs and parameters the check applied (a configuration's included); None: the
    /// playbook's own packs with their statutory values.
    pub packs: Option<&'a crate::rules::Packs>,
}

/// A finding as the guide shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FindingSummary {
    pub code: String,
    pub severity: Severity,
    pub message: String,
    pub line: usize,
    pub column: usize,
}

impl FindingSummary {
    /// What the guide shows of a finding resolved for the reports.
    pub fn of(diagnostic: &crate::report::Diagnostic) -> Self {
        Self {
            code: diagnostic.code.to_string(),
            severity: diagnostic.severity,
            message: diagnostic.message.clone(),
            line: diagnostic.primary.place.start.line,
            column: diagnostic.primary.place.start.column,
        }
    }
}

/// A documented exception that is in force.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExceptionInForce {
    pub rule: String,
    /// A step or template id, `playbook`, or `line N`.
    pub scope: String,
    pub reason: String,
}

/// The JSON Schema of `guide.json` (draft-07), as committed at `schema/guide.schema.json`.
pub fn guide_schema() -> serde_json::Value {
    let schema = schemars::generate::SchemaSettings::draft07()
        .into_generator()
        .into_root_schema_for::<guide::Guide>();
    serde_json::to_value(schema).unwrap_or(serde_json::Value::Null)
}
