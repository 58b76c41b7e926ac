//! One open document: its text checked by the same pipeline as `cordial check -`, its findings
//! made into LSP diagnostics, and the conversions between byte offsets and LSP positions
//! (lines and UTF-16 code units, as the protocol counts them).

use std::ops::Range;
use std::path::{Path, PathBuf};

use lsp_types::{
    CodeDescription, DiagnosticRelatedInformation, DiagnosticSeverity, Location, NumberOrString,
    Position, Uri,
};

use super::symbols::{Kind, Symbols};
use super::uri;
use crate::check::{self, CheckedFile, Options};
use crate::config::{Choice, ConfigError, Resolver};
use crate::diagnostic::Severity;
use crate::report::{self, Diagnostic, links};
use crate::source::{LineIndex, SourceFile};

/// An open document, checked.
pub struct Document {
    pub uri: Uri,
    /// The file the document is (or will be) saved as: configuration is looked up from it.
    pub path: PathBuf,
    pub text: String,
    pub lines: LineIndex,
    /// The checked file; None when the text is YAML but not a playbook.
    pub checked: Option<CheckedFile>,
    /// Findings with concrete positions, in output order.
    pub diagnostics: Vec<Diagnostic>,
    /// Steps, offers, templates and variables, where they are defined and used.
    pub symbols: Symbols,
    /// The `cordial.toml` that applies and cannot be used.
    pub config_error: Option<ConfigError>,
    /// Names defined in the last version of the document that could be read, while this one
    /// cannot (a quote or bracket not yet closed): completion still offers them.
    pub earlier_names: Vec<(Kind, String)>,
}

impl Document {
    /// Checks `text` as the playbook `uri`: what `cordial check - --stdin-filename PATH` would
    /// report for it, with the closest `cordial.toml` above PATH applied.
    pub fn new(uri: Uri, text: String) -> Self {
        let path = uri::to_path(&uri);
        let (checked, config_error) = check_text(&path, &text, uri::is_file(&uri));
        let diagnostics = checked
            .as_ref()
            .map(|f| report::diagnostics(std::slice::from_ref(f)))
            .unwrap_or_default();
        let symbols = checked
            .as_ref()
            .map(|f| Symbols::of(&f.source))
            .unwrap_or_default();
        Self {
            uri,
            path,
            lines: LineIndex::new(&text),
            text,
            checked,
            diagnostics,
            symbols,
            config_error,
            earlier_names: Vec::new(),
        }
    }

    /// Keeps the names of `previous` for completion when this version defines none.
    pub fn remember_names(&mut self, previous: &Document) {
        if self.symbols.occurrences.iter().any(|o| o.definition) {
            return;
        }
        self.earlier_names = previous
            .symbols
            .occurrences
            .iter()
            .filter(|o| o.definition)
            .map(|o| (o.kind, o.name.clone()))
            .collect();
        if self.earlier_names.is_empty() {
            self.earlier_names = previous.earlier_names.clone();
        }
    }

    /// The byte offset of an LSP position (clamped to its line, and to the text).
    pub fn offset(&self, position: Position) -> usize {
        let line = position.line as usize + 1;
        if line > self.lines.line_count() {
            return self.text.len();
        }
        let range = self.lines.line_range(&self.text, line);
        let mut units = 0usize;
        for (i, c) in self.text[range.clone()].char_indices() {
            if units >= position.character as usize {
                return range.start + i;
            }
            units += c.len_utf16();
        }
        range.end
    }

    /// The LSP position of a byte offset.
    pub fn position(&self, offset: usize) -> Position {
        position_in(&self.text, &self.lines, offset)
    }

    pub fn range(&self, bytes: &Range<usize>) -> lsp_types::Range {
        lsp_types::Range {
            start: self.position(bytes.start),
            end: self.position(bytes.end),
        }
    }

    /// The LSP diagnostics of the document.
    pub fn lsp_diagnostics(&self) -> Vec<lsp_types::Diagnostic> {
        let mut out: Vec<lsp_types::Diagnostic> = self
            .diagnostics
            .iter()
            .map(|d| self.lsp_diagnostic(d))
            .collect();
        if let Some(error) = &self.config_error {
            out.insert(0, config_diagnostic(error));
        }
        out
    }

    /// One finding as an LSP diagnostic: the CLI's code, severity and message (with its path,
    /// help and law on the following lines, as the one-text formats give them), the related
    /// places and the counter-example path as related information.
    pub fn lsp_diagnostic(&self, d: &Diagnostic) -> lsp_types::Diagnostic {
        let mut related: Vec<DiagnosticRelatedInformation> = d
            .related
            .iter()
            .map(|r| DiagnosticRelatedInformation {
                location: Location::new(self.uri.clone(), self.range(&r.place.span)),
                message: r.message.clone().unwrap_or_else(|| d.message.clone()),
            })
            .collect();
        let n = d.path.len();
        related.extend(d.path.iter().enumerate().map(|(i, (name, place))| {
            DiagnosticRelatedInformation {
                location: Location::new(self.uri.clone(), self.range(&place.span)),
                message: format!("path step {} of {n}: `{name}`", i + 1),
            }
        }));
        lsp_types::Diagnostic {
            range: self.range(&d.primary.place.span),
            severity: Some(severity(d.severity)),
            code: Some(NumberOrString::String(d.code.to_string())),
            code_description: code_description(d.code),
            source: Some("cordial".to_string()),
            message: links::full_message(d),
            related_information: (!related.is_empty()).then_some(related),
            tags: None,
            data: None,
        }
    }
}

/// Lines and UTF-16 columns of a byte offset in `text`.
fn position_in(text: &str, lines: &LineIndex, offset: usize) -> Position {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let line = lines.position(text, offset).line;
    let start = lines.line_range(text, line).start;
    Position {
        line: (line - 1) as u32,
        character: text[start..offset.max(start)].encode_utf16().count() as u32,
    }
}

/// Checks `text` as if read from `path`. A YAML file without a top-level `cordial:` key is
/// not a playbook and gets no findings, as when a folder is scanned: editors attach the server
/// to every YAML file. `configured`: look for a `cordial.toml` (documents that are files).
pub fn check_text(
    path: &Path,
    text: &str,
    configured: bool,
) -> (Option<CheckedFile>, Option<ConfigError>) {
    let options = Options::default();
    // The size limit `cordial check` applies when it reads a file, before parsing anything.
    if text.len() as u64 > options.limits.max_file_bytes {
        let finding = crate::load::walk::too_large(options.limits.max_file_bytes);
        let checked = CheckedFile {
            source: SourceFile::new(path.to_path_buf(), String::new()),
            playbook: None,
            findings: vec![finding],
            packs: None,
        };
        return (Some(checked), None);
    }
    let choice = if configured {
        Choice::Discover
    } else {
        Choice::Isolated
    };
    // The configuration is resolved before the rules run, as `cordial check` does: its packs,
    // jurisdiction parameters and phrase files change what the rules find, not only how the
    // findings are filtered. A configuration that cannot be used is reported and ignored.
    let resolver = Resolver::new(choice).map(std::sync::Arc::new);
    let config = resolver.clone().and_then(|r| r.lookup(path));
    let options = match (&resolver, &config) {
        (Ok(resolver), Ok(Some(_))) => options.configured_by(resolver),
        _ => options,
    };
    let (source, unreadable) = crate::load::from_bytes(path, text.as_bytes().to_vec());
    let Some(mut checked) = check::check_source(source, unreadable, false, &options) else {
        return (None, None);
    };
    match config {
        Ok(Some(config)) => {
            config.effective(path).apply(&mut checked.findings);
            (Some(checked), None)
        }
        Ok(None) => (Some(checked), None),
        Err(error) => (Some(checked), Some(error)),
    }
}

/// A `cordial.toml` that cannot be used, said at the top of the playbook (where the CLI would
/// refuse to run), with the place in the configuration as related information.
fn config_diagnostic(error: &ConfigError) -> lsp_types::Diagnostic {
    let config = SourceFile::new(error.path.clone(), error.text.clone());
    let config_uri =
        uri::from_path(&std::path::absolute(&error.path).unwrap_or_else(|_| error.path.clone()));
    let start = position_in(&config.text, &config.lines, error.span.start);
    let end = position_in(&config.text, &config.lines, error.span.end);
    let mut message = format!(
        "{} cannot be used: {}; the findings below ignore it",
        error.path.display(),
        error.message
    );
    if let Some(help) = &error.help {
        message.push_str(&format!("\nhelp: {help}"));
    }
    lsp_types::Diagnostic {
        range: lsp_types::Range::default(),
        severity: Some(DiagnosticSeverity::ERROR),
        code: Some(NumberOrString::String("config/invalid".to_string())),
        code_description: None,
        source: Some("cordial".to_string()),
        message,
        related_information: config_uri.map(|uri| {
            vec![DiagnosticRelatedInformation {
                location: Location::new(uri, lsp_types::Range { start, end }),
                message: error.message.clone(),
            }]
        }),
        tags: None,
        data: None,
    }
}

fn severity(severity: Severity) -> DiagnosticSeverity {
    match severity {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info => DiagnosticSeverity::INFORMATION,
    }
}

/// The rule's documentation page, as SARIF's `helpUri` gives it.
fn code_description(code: &str) -> Option<CodeDescription> {
    crate::rules::meta(code)?;
    let href = crate::docs::help_uri(code).parse().ok()?;
    Some(CodeDescription { href })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(text: &str) -> Document {
        let uri: Uri = "untitled:Untitled-1".parse().expect("uri");
        Document::new(uri, text.to_string())
    }

    #[test]
    fn positions_count_utf16_code_units_both_ways() {
        let d = doc("a: \"é 😀 x\"\nb: 1\r\nc: 2\n");
        let x = d.text.find('x').expect("x");
        // `a: "` is 4 units, `é` 1, a space, `😀` 2 (a surrogate pair), a space.
        assert_eq!(d.position(x), Position::new(0, 9));
        assert_eq!(d.offset(Position::new(0, 9)), x);
        let c = d.text.find('c').expect("c");
        assert_eq!(d.position(c), Position::new(2, 0));
        assert_eq!(d.offset(Position::new(2, 0)), c);
        // Past the end of a line: its end; past the last line: the end of the text.
        assert_eq!(
            d.offset(Position::new(1, 99)),
            d.text.find("\r\n").expect("crlf")
        );
        assert_eq!(d.offset(Position::new(9, 0)), d.text.len());
    }

    #[test]
    fn a_configuration_that_cannot_be_used_is_said_at_the_top_pointing_into_it() {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::write(
            dir.path().join("cordial.toml"),
            "select = [\"wording/*\"]\nignor = []\n",
        )
        .expect("config");
        let path = dir.path().join("p.playbook.yaml");
        let uri = uri::from_path(&path).expect("uri");
        let d = Document::new(uri, "cordial: 1\n".to_string());
        let all = d.lsp_diagnostics();
        let first = &all[0];
        assert_eq!(
            first.code,
            Some(NumberOrString::String("config/invalid".into()))
        );
        assert_eq!(first.range, lsp_types::Range::default());
        let related = &first.related_information.as_ref().expect("related")[0];
        assert!(related.location.uri.as_str().ends_with("/cordial.toml"));
        assert_eq!(related.location.range.start, Position::new(1, 0));
        // The findings are still there, unconfigured.
        assert!(all.len() > 1);
    }

    #[test]
    fn the_configuration_reaches_the_rules_as_on_the_command_line() {
        // Phrase files (like packs and jurisdiction parameters) act before the rules run, not
        // as a filter afterwards: the editor must see what `cordial check` sees.
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::write(dir.path().join("vetoed.txt"), "speak with\n").expect("phrases");
        std::fs::write(
            dir.path().join("cordial.toml"),
            "[phrases.en]\nprohibited = [\"vetoed.txt\"]\n",
        )
        .expect("config");
        let text = include_str!("../../playbooks/minimal.playbook.yaml").to_string();
        let path = dir.path().join("p.playbook.yaml");
        let configured = Document::new(uri::from_path(&path).expect("uri"), text.clone());
        let prohibited: Vec<_> = configured
            .diagnostics
            .iter()
            .filter(|f| f.code == "wording/prohibited")
            .collect();
        assert_eq!(prohibited.len(), 1, "{:?}", configured.diagnostics);
        assert!(prohibited[0].message.contains("vetoed.txt:1"));
        assert!(
            doc(&text).diagnostics.is_empty(),
            "no finding without the file"
        );
    }

    #[test]
    fn a_document_over_the_size_limit_is_not_parsed() {
        let big = format!("cordial: 1\n#{}\n", "x".repeat(6 * 1024 * 1024));
        let d = doc(&big);
        let codes: Vec<&str> = d.diagnostics.iter().map(|f| f.code).collect();
        assert_eq!(codes, ["input/unreadable"]);
        assert!(d.diagnostics[0].message.contains("larger than the limit"));
    }

    #[test]
    fn yaml_that_is_not_a_playbook_has_no_findings() {
        let d = doc("name: ci\non: push\n");
        assert!(d.checked.is_none());
        assert!(d.lsp_diagnostics().is_empty());
    }
}
