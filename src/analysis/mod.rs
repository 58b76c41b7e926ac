//! Analyses shared by several rules, computed once per playbook.

pub mod flow;
