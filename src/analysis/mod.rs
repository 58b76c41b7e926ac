//! Analyses shared by several rules, computed once per playbook.

pub mod fill;
pub mod flow;
pub mod schedule;
pub mod sms;
