//! cordial: checks debt-collection playbooks and compiles them into guides.
//!
//! The pipeline reads in one direction: [`load`] (YAML with source spans) → [`model`] (serde
//! types) → [`rules`] (findings with symbolic locations) → [`report`] (people and machines).

pub mod analysis;
pub mod baseline;
pub mod check;
pub mod cli;
pub mod config;
pub mod consequences;
pub mod diagnostic;
pub mod diff;
pub mod docs;
pub mod fix;
pub mod ids;
pub mod init;
pub mod load;
pub mod lsp;
pub mod model;
pub mod playbook_like;
pub mod render;
pub mod report;
pub mod rules;
pub mod schema;
pub mod source;
pub mod wording;
