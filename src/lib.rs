//! cordial: checks debt-collection playbooks and compiles them into guides.
//!
//! The pipeline reads in one direction: [`load`] (YAML with source spans) → [`model`] (serde
//! types) → [`rules`] (findings with symbolic locations) → [`report`] (people and machines).

pub mod analysis;
pub mod diagnostic;
pub mod model;
pub mod render;
pub mod rules;
pub mod source;
pub mod load;
pub mod schema;
pub mod check;
pub mod report;
pub mod docs;
