//! What several machine formats say the same way: a finding's identity, its path, its law.

use std::collections::HashMap;

use sha2::{Digest, Sha256};

use super::Diagnostic;
use crate::rules;

/// A fingerprint per finding that survives edits elsewhere in the file: the code, the file, the
/// node's JSON pointer and the message (never a line or column), plus the finding's rank among
/// identical ones so that two equal findings on one node stay distinct. Hex SHA-256.
pub fn fingerprints(diagnostics: &[Diagnostic]) -> Vec<String> {
    let mut seen: HashMap<String, usize> = HashMap::new();
    diagnostics
        .iter()
        .map(|d| {
            let key = identity(d);
            let rank = seen.entry(key.clone()).or_insert(0);
            let mut hasher = Sha256::new();
            hasher.update(key.as_bytes());
            hasher.update(b"\0");
            hasher.update(rank.to_string().as_bytes());
            *rank += 1;
            hasher
                .finalize()
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect()
        })
        .collect()
}

/// The line-free identity of a finding: code, file, pointer and message.
pub fn identity(d: &Diagnostic) -> String {
    let p = &d.primary.place;
    format!(
        "{}\0{}\0{}\0{}",
        d.code,
        p.file.replace('\\', "/"),
        p.pointer.as_deref().unwrap_or(""),
        d.message
    )
}

/// `greet (l.9) → confirm (l.18)`, or None when the finding has no counter-example path.
pub fn path_text(d: &Diagnostic) -> Option<String> {
    (!d.path.is_empty()).then(|| {
        d.path
            .iter()
            .map(|(name, place)| format!("{name} (l.{})", place.start.line))
            .collect::<Vec<_>>()
            .join(" → ")
    })
}

/// The law behind a finding: its own note when it has one, else the rule's citations.
pub fn citation_text(d: &Diagnostic) -> Option<String> {
    if let Some(note) = &d.note {
        return Some(note.clone());
    }
    let meta = rules::meta(d.code)?;
    (!meta.citations.is_empty()).then(|| {
        meta.citations
            .iter()
            .map(|c| format!("{}: {}", c.pack, c.text))
            .collect::<Vec<_>>()
            .join("; ")
    })
}

/// The message with its path, help and citation on their own lines, for formats that have one
/// text field.
pub fn full_message(d: &Diagnostic) -> String {
    let mut text = d.message.clone();
    if let Some(path) = path_text(d) {
        text.push_str("\npath: ");
        text.push_str(&path);
    }
    if let Some(help) = &d.help {
        text.push_str("\nhelp: ");
        text.push_str(help);
    }
    if let Some(citation) = citation_text(d) {
        text.push_str("\nnote: ");
        text.push_str(&citation);
    }
    text
}
