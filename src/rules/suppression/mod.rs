//! Exceptions: inline `# cordial: allow CODE -- reason` comments and `compliance.allow` entries.

use crate::diagnostic::Finding;
use crate::model::Playbook;
use crate::source::SourceFile;

/// Applies the exceptions of a file to its findings.
pub fn apply(
    _playbook: Option<&Playbook>,
    _source: &SourceFile,
    findings: Vec<Finding>,
    _no_ignores: bool,
) -> Vec<Finding> {
    findings
}
