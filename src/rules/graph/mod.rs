//! Rules about the step graph: every conversation can end, and every step can be reached.

pub mod dead_end;
pub mod duplicate_branch;
pub mod missing_fact;
pub mod no_exit;
pub mod required_branch;
pub mod terminal_with_next;
pub mod unreachable;

use crate::source::pointer;

/// Pointer to a step.
pub(crate) fn step_ptr(id: &str) -> String {
    pointer(["steps", id])
}
