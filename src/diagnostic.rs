//! Findings as rules produce them: symbolic locations, no knowledge of any renderer.
//!
//! A rule points at a node of the playbook by JSON pointer (the same address the schema
//! validator uses); the span layer (`crate::source`) turns it into bytes, lines and columns.

use std::ops::Range;

use serde::Serialize;

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Info,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Error => "error",
            Self::Warning => "warning",
            Self::Info => "info",
        }
    }
}

/// Whether a finding's code is one of those that keep part of a file from being checked (a file
/// that cannot be read, YAML that does not parse, a node the schema rejected). Such a finding is
/// the root cause of what the rules then say around it, so reports print it first in its file.
pub fn is_root_cause(code: &str) -> bool {
    matches!(code, "input/unreadable" | "yaml/syntax" | "schema/invalid")
}

/// Which part of a node a location designates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Part {
    /// The key of a mapping entry (falls back to the value for sequence items).
    Key,
    /// The whole value.
    Value,
    /// Bytes `range` of the scalar's decoded string value; mapped back to the source text.
    Text(Range<usize>),
}

/// A place in one playbook file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    /// A node addressed by JSON pointer (`/steps/greet/next/0/go`).
    Node { pointer: String, part: Part },
    /// Raw bytes of the source, for findings that precede the tree (syntax errors).
    Bytes(Range<usize>),
}

impl Location {
    pub fn key(pointer: impl Into<String>) -> Self {
        Self::Node {
            pointer: pointer.into(),
            part: Part::Key,
        }
    }
    pub fn value(pointer: impl Into<String>) -> Self {
        Self::Node {
            pointer: pointer.into(),
            part: Part::Value,
        }
    }
    pub fn text(pointer: impl Into<String>, range: Range<usize>) -> Self {
        Self::Node {
            pointer: pointer.into(),
            part: Part::Text(range),
        }
    }
    pub fn pointer(&self) -> Option<&str> {
        match self {
            Self::Node { pointer, .. } => Some(pointer),
            Self::Bytes(_) => None,
        }
    }
}

/// A location with the words to print beside it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    pub location: Location,
    pub message: Option<String>,
}

/// One problem found in one playbook.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// Rule code from the catalogue (`graph/dead-end`): the public contract.
    pub code: &'static str,
    pub severity: Severity,
    /// What is wrong, in one sentence.
    pub message: String,
    /// Where; its message is the short label drawn under the text.
    pub primary: Label,
    /// Other places that explain the finding (the path that breaks a property, the first definition).
    pub related: Vec<Label>,
    /// What to do about it.
    pub help: Option<String>,
    /// Why it matters: usually the legal citation.
    pub note: Option<String>,
    /// What the wording engine read in the text ("the collector (`we`) announces (`will`) …"):
    /// also drawn in the label, and carried on its own by JSON and SARIF.
    pub reading: Option<String>,
    /// For path properties: one concrete path from `start` that breaks the property, step by step.
    pub path: Vec<PathStep>,
    /// A machine fix, when the rule knows the replacement (`cordial check --fix`).
    pub fix: Option<Fix>,
}

/// Whether `--fix` may apply a fix on its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Applicability {
    /// Certain and meaning-preserving: `--fix` applies it.
    Safe,
    /// Right in most cases but worth a reader's eye (it adds words to what the customer hears):
    /// only `--unsafe-fixes` applies it.
    Unsafe,
}

impl Applicability {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Safe => "safe",
            Self::Unsafe => "unsafe",
        }
    }
}

/// Replace bytes `range` of the original source with `replacement` (an empty range inserts).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub range: Range<usize>,
    pub replacement: String,
}

/// The edits that resolve one finding, all on the source the finding was made from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    /// What the fix does, in a few words ("replace `retrono` with `retorno`").
    pub description: String,
    pub applicability: Applicability,
    /// Non-overlapping edits, in source order.
    pub edits: Vec<Edit>,
}

/// One step of a counter-example path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathStep {
    /// The step id.
    pub name: String,
    /// Where the step is defined (its key).
    pub location: Location,
}

impl Finding {
    /// A finding with the rule's default severity.
    pub fn new(code: &'static str, message: impl Into<String>, at: Location) -> Self {
        let severity = crate::rules::meta(code).map_or(Severity::Error, |m| m.severity);
        Self {
            code,
            severity,
            message: message.into(),
            primary: Label {
                location: at,
                message: None,
            },
            related: Vec::new(),
            help: None,
            note: None,
            reading: None,
            path: Vec::new(),
            fix: None,
        }
    }
    /// Attaches a machine fix (none when the rule could not make a certain one).
    pub fn fix(mut self, fix: Option<Fix>) -> Self {
        self.fix = fix;
        self
    }
    pub fn label(mut self, text: impl Into<String>) -> Self {
        self.primary.message = Some(text.into());
        self
    }
    pub fn help(mut self, text: impl Into<String>) -> Self {
        self.help = Some(text.into());
        self
    }
    pub fn note(mut self, text: impl Into<String>) -> Self {
        self.note = Some(text.into());
        self
    }
    pub fn reading(mut self, text: impl Into<String>) -> Self {
        self.reading = Some(text.into());
        self
    }
    pub fn severity(mut self, severity: Severity) -> Self {
        self.severity = severity;
        self
    }
    /// Attaches a counter-example path given as step ids (each located at its key under `/steps`).
    /// An entry starting with `…` stands for steps left out and points at `steps:` itself.
    pub fn path(mut self, steps: impl IntoIterator<Item = impl AsRef<str>>) -> Self {
        self.path = steps
            .into_iter()
            .map(|id| {
                let id = id.as_ref();
                let location = if id.starts_with(crate::analysis::flow::OMITTED_MARK) {
                    Location::key("/steps")
                } else {
                    Location::key(format!("/steps/{}", crate::source::escape_pointer(id)))
                };
                PathStep {
                    name: id.to_string(),
                    location,
                }
            })
            .collect();
        self
    }
    pub fn related(mut self, at: Location, text: impl Into<String>) -> Self {
        self.related.push(Label {
            location: at,
            message: Some(text.into()),
        });
        self
    }
}
