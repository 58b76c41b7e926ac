//! Analyses shared by several rules, computed once per playbook.

pub mod bidi;
pub mod calendar;
pub mod claims;
pub mod fill;
pub mod flow;
pub mod fold;
pub mod language;
pub mod money;
pub mod schedule;
pub mod sms;
