//! Reading a file once and parsing it once: one pass over the YAML parser's events builds both
//! the JSON value the schema and the model read and the span index the reports need.
//!
//! The value follows YAML 1.2's core schema with the stances a playbook needs: only
//! `true`/`false` are booleans (`no` stays text), numbers with leading zeros stay text (`017`),
//! merge keys (`<<`) and duplicate keys are reported, custom tags are refused, and budgets on
//! depth, nodes, aliases and scalar bytes keep hostile input from exhausting time or memory.

use std::collections::HashMap;
use std::ops::Range;
use std::path::Path;

use serde_json::{Map, Value};
use serde_saphyr::granit_parser::{Event, Parser, ScalarStyle as YamlStyle, Span};

use crate::diagnostic::{Finding, Location};
use crate::source::{Comment, FastMap, NodeSpan, ScalarStyle, SourceFile, push_pointer_token};

mod scalar;
mod syntax;
pub mod walk;
use scalar::{is_core, resolve_plain};

/// Limits that keep one file from stalling a run.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub max_file_bytes: u64,
    pub max_depth: usize,
    pub max_nodes: usize,
    pub max_alias_expansions: usize,
    pub max_scalar_bytes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_file_bytes: 5 * 1024 * 1024,
            max_depth: 64,
            max_nodes: 250_000,
            max_alias_expansions: 1_000,
            max_scalar_bytes: 8 * 1024 * 1024,
        }
    }
}

const UNREADABLE: &str = "input/unreadable";
const SYNTAX: &str = "yaml/syntax";

/// Reads a file within the size limit. On failure the source holds what could be read, for positions.
pub fn read(path: &Path, limits: &Limits) -> (SourceFile, Option<Finding>) {
    match walk::read_bytes(path, limits.max_file_bytes) {
        Ok(bytes) => from_bytes(path, bytes),
        Err(finding) => (
            SourceFile::new(path.to_path_buf(), String::new()),
            Some(finding),
        ),
    }
}

/// Checks that bytes are UTF-8 text and not empty.
pub fn from_bytes(path: &Path, bytes: Vec<u8>) -> (SourceFile, Option<Finding>) {
    match String::from_utf8(bytes) {
        Ok(text) => {
            let finding = if text.trim_start_matches('\u{feff}').trim().is_empty() {
                Some(
                    Finding::new(UNREADABLE, "the file is empty", Location::Bytes(0..0)).help(
                        "a playbook starts with `cordial: 1`; see `cordial schema` for the keys",
                    ),
                )
            } else {
                text.find('\0').map(|nul| {
                    Finding::new(
                        UNREADABLE,
                        "the file is binary, not text",
                        Location::Bytes(nul..nul + 1),
                    )
                    .label("a NUL byte")
                    .help("a playbook is a UTF-8 text file")
                })
            };
            (SourceFile::new(path.to_path_buf(), text), finding)
        }
        Err(e)
            if e.as_bytes().starts_with(&[0xff, 0xfe])
                || e.as_bytes().starts_with(&[0xfe, 0xff]) =>
        {
            let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
            let finding = Finding::new(
                UNREADABLE,
                "the file is UTF-16 text, not UTF-8",
                Location::Bytes(0..2),
            )
            .label("a UTF-16 byte-order mark")
            .help("save the file as UTF-8 (most editors offer it under 'Save with encoding')");
            (SourceFile::new(path.to_path_buf(), text), Some(finding))
        }
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let bytes = e.into_bytes();
            let bad = bytes[at];
            let text = String::from_utf8_lossy(&bytes).into_owned();
            let finding = Finding::new(
                UNREADABLE,
                format!("the file is not valid UTF-8: byte 0x{bad:02x} at offset {at}"),
                Location::Bytes(at..at + 1),
            )
            .label("not UTF-8")
            .help("save the file as UTF-8 (it looks like Latin-1 or Windows-1252 was used)");
            (SourceFile::new(path.to_path_buf(), text), Some(finding))
        }
    }
}

/// What parsing produced: findings, and whether the value is complete enough to analyse.
pub struct Parsed {
    pub findings: Vec<Finding>,
    pub complete: bool,
}

enum Frame {
    Map {
        pointer: String,
        object: Map<String, Value>,
        key: Option<(String, Range<usize>)>,
        first_keys: FastMap<String, Range<usize>>,
        start: usize,
        anchor: usize,
        discard_value: bool,
    },
    Seq {
        pointer: String,
        items: Vec<Value>,
        start: usize,
        anchor: usize,
    },
    /// A collection used as a mapping key: built, then turned into text.
    ComplexKey { inner: Box<Frame> },
}

/// Pointer prefix for nodes that are parsed but not kept (values of duplicate or merge keys).
const DISCARDED: &str = "\u{0}discarded";

struct Builder<'a> {
    limits: &'a Limits,
    stack: Vec<Frame>,
    /// Anchored values with their size in nodes and scalar bytes, which every alias adds again.
    anchors: HashMap<usize, (Value, Size)>,
    nodes: usize,
    alias_expansions: usize,
    scalar_bytes: usize,
    root: Option<Value>,
    findings: Vec<Finding>,
    spans: Vec<(String, NodeSpan)>,
}

fn byte_range(span: &Span) -> Range<usize> {
    span.byte_range().unwrap_or(0..0)
}

/// Whether the parse should collect the comments: only a suppression (`# cordial: allow …`) or
/// a bidi control (reported wherever it hides) makes a comment matter, and collecting them
/// costs the parser a look-ahead at every event.
fn comments_matter(text: &str) -> bool {
    // A suppression is a comment whose text, trimmed, starts with `cordial:`; a `#` that is not
    // a comment (inside a scalar) only makes the parse collect comments it did not need.
    let suppression = memchr::memchr_iter(b'#', text.as_bytes())
        .any(|at| text[at + 1..].trim_start().starts_with("cordial:"));
    suppression || crate::analysis::bidi::has_controls(text)
}

/// Parses the source's text, filling its value, span index and the comments that matter.
pub fn parse(source: &mut SourceFile, limits: &Limits) -> Parsed {
    let text = source.text.clone();
    let mut options = serde_saphyr::granit_parser::Options::default();
    options.set_emit_comments(comments_matter(&text));
    let mut parser = Parser::new_from_str_with_options(&text, options);
    let mut b = Builder {
        limits,
        stack: Vec::new(),
        anchors: HashMap::new(),
        nodes: 0,
        alias_expansions: 0,
        scalar_bytes: 0,
        root: None,
        findings: Vec::new(),
        spans: Vec::new(),
    };
    let mut documents = 0;
    let mut complete = true;
    while let Some(next) = parser.next_event() {
        let (event, span) = match next {
            Ok(ev) => ev,
            Err(e) => {
                let at = e.marker().byte_offset().unwrap_or(0);
                b.findings.push(syntax::parse_error(&text, &e.info(), at));
                complete = false;
                break;
            }
        };
        let result = match event {
            Event::StreamStart | Event::StreamEnd | Event::DocumentEnd => Ok(()),
            Event::DocumentStart(..) => {
                documents += 1;
                if documents > 1 {
                    let at = byte_range(&span);
                    b.findings.push(
                        Finding::new(
                            SYNTAX,
                            "more than one YAML document in this file",
                            Location::Bytes(at),
                        )
                        .label("a second document starts here")
                        .help("a playbook is one document: move the others to their own files"),
                    );
                    complete = false;
                    break;
                }
                Ok(())
            }
            Event::Comment(body, _) => {
                source.comments.push(Comment {
                    span: byte_range(&span),
                    text: body.into_owned(),
                });
                Ok(())
            }
            Event::Scalar(value, style, anchor, tag) => b.scalar(
                &value,
                style,
                anchor,
                tag.as_deref()
                    .map(|t| (t.handle().to_string(), t.suffix().to_string())),
                byte_range(&span),
            ),
            Event::SequenceStart(_, anchor, tag) => b.open(
                false,
                anchor,
                tag.is_some_and(|t| !is_core(t.handle(), t.suffix())),
                byte_range(&span),
            ),
            Event::MappingStart(_, anchor, tag) => b.open(
                true,
                anchor,
                tag.is_some_and(|t| !is_core(t.handle(), t.suffix())),
                byte_range(&span),
            ),
            Event::SequenceEnd | Event::MappingEnd => b.close(byte_range(&span)),
            Event::Alias(id) => b.alias(id, byte_range(&span)),
            _ => Ok(()),
        };
        if let Err(finding) = result {
            b.findings.push(finding);
            complete = false;
            break;
        }
    }
    source.spans.reserve(b.spans.len());
    for (pointer, span) in b.spans {
        if !pointer.starts_with(DISCARDED) {
            source.spans.insert(pointer, span);
        }
    }
    source.value = if complete {
        b.root.unwrap_or(Value::Null)
    } else {
        Value::Null
    };
    Parsed {
        findings: b.findings,
        complete,
    }
}

// A budget breach or syntax error ends the parse; boxing the rare error would only add noise.
#[allow(clippy::result_large_err)]
impl Builder<'_> {
    fn count_node(&mut self, at: &Range<usize>) -> Result<(), Finding> {
        self.nodes += 1;
        if self.nodes > self.limits.max_nodes {
            return Err(Finding::new(
                SYNTAX,
                format!("the document has more than {} nodes", self.limits.max_nodes),
                Location::Bytes(at.clone()),
            )
            .label("limit reached here")
            .help("playbooks are small; this looks like generated or hostile input"));
        }
        Ok(())
    }

    /// The pointer of the node about to be added to the innermost collection.
    fn child_pointer(&self) -> String {
        match self.stack.last() {
            None => String::new(),
            Some(Frame::Map {
                pointer,
                key,
                discard_value,
                ..
            }) => {
                if *discard_value {
                    return DISCARDED.to_string();
                }
                match key {
                    Some((k, _)) => {
                        let mut child = String::with_capacity(pointer.len() + 1 + k.len());
                        child.push_str(pointer);
                        push_pointer_token(&mut child, k);
                        child
                    }
                    None => DISCARDED.to_string(),
                }
            }
            Some(Frame::Seq { pointer, items, .. }) => {
                use std::fmt::Write as _;
                let mut child = String::with_capacity(pointer.len() + 4);
                child.push_str(pointer);
                let _ = write!(child, "/{}", items.len());
                child
            }
            Some(Frame::ComplexKey { .. }) => DISCARDED.to_string(),
        }
    }

    fn expecting_key(&self) -> bool {
        matches!(self.stack.last(), Some(Frame::Map { key: None, .. }))
    }

    fn scalar(
        &mut self,
        value: &str,
        style: YamlStyle,
        anchor: usize,
        tag: Option<(String, String)>,
        at: Range<usize>,
    ) -> Result<(), Finding> {
        self.count_node(&at)?;
        self.scalar_bytes += value.len();
        if self.scalar_bytes > self.limits.max_scalar_bytes {
            return Err(Finding::new(
                SYNTAX,
                "the document's text is larger than the limit",
                Location::Bytes(at),
            )
            .label("limit reached here"));
        }
        if let Some((handle, suffix)) = &tag
            && !is_core(handle, suffix)
        {
            let f = Finding::new(
                SYNTAX,
                format!("unsupported tag `{handle}{suffix}`"),
                Location::Bytes(at.clone()),
            )
            .label("custom tags are not part of the playbook format")
            .help("remove the tag; write the value as plain text or a number");
            self.findings.push(f);
        }
        if self.expecting_key() {
            return self.key(value.to_string(), style, at);
        }
        let resolved = match (&tag, style) {
            (Some((_, s)), _) if s == "str" => Value::String(value.to_string()),
            (_, YamlStyle::Plain) => resolve_plain(value),
            _ => Value::String(value.to_string()),
        };
        let style = match style {
            YamlStyle::Plain => ScalarStyle::Plain,
            YamlStyle::SingleQuoted => ScalarStyle::SingleQuoted,
            YamlStyle::DoubleQuoted => ScalarStyle::DoubleQuoted,
            YamlStyle::Literal => ScalarStyle::Literal,
            YamlStyle::Folded => ScalarStyle::Folded,
        };
        if anchor != 0 {
            let size = Size::of(&resolved);
            self.anchors.insert(anchor, (resolved.clone(), size));
        }
        self.add(resolved, at, Some(style))
    }

    fn key(&mut self, key: String, style: YamlStyle, at: Range<usize>) -> Result<(), Finding> {
        let Some(Frame::Map {
            key: slot,
            first_keys,
            discard_value,
            ..
        }) = self.stack.last_mut()
        else {
            return Ok(());
        };
        *discard_value = false;
        if key == "<<" && style == YamlStyle::Plain {
            self.findings.push(
                Finding::new(SYNTAX, "merge keys (`<<`) are not supported", Location::Bytes(at.clone()))
                    .label("YAML 1.1 merge key")
                    .help("write the keys out in full: readers of the playbook resolve merge keys differently"),
            );
            *discard_value = true;
        } else if let Some(first) = first_keys.get(&key) {
            self.findings.push(
                Finding::new(
                    SYNTAX,
                    format!("duplicate key `{key}`"),
                    Location::Bytes(at.clone()),
                )
                .label("written a second time here")
                .related(Location::Bytes(first.clone()), "first written here")
                .help(
                    "remove one of the two; cordial keeps the first, other tools may keep the last",
                ),
            );
            *discard_value = true;
        } else {
            first_keys.insert(key.clone(), at.clone());
        }
        *slot = Some((key, at));
        Ok(())
    }

    fn open(
        &mut self,
        mapping: bool,
        anchor: usize,
        custom_tag: bool,
        at: Range<usize>,
    ) -> Result<(), Finding> {
        self.count_node(&at)?;
        if self.stack.len() >= self.limits.max_depth {
            return Err(Finding::new(
                SYNTAX,
                format!("nesting deeper than {} levels", self.limits.max_depth),
                Location::Bytes(at),
            )
            .label("too deep")
            .help(
                "playbooks need a handful of levels; this looks like generated or hostile input",
            ));
        }
        if custom_tag {
            self.findings.push(
                Finding::new(
                    SYNTAX,
                    "unsupported tag on a collection",
                    Location::Bytes(at.clone()),
                )
                .label("remove the tag"),
            );
        }
        let as_key = self.expecting_key();
        let pointer = if as_key {
            DISCARDED.to_string()
        } else {
            self.child_pointer()
        };
        let frame = if mapping {
            Frame::Map {
                pointer,
                object: Map::new(),
                key: None,
                first_keys: FastMap::default(),
                start: at.start,
                anchor,
                discard_value: false,
            }
        } else {
            Frame::Seq {
                pointer,
                items: Vec::new(),
                start: at.start,
                anchor,
            }
        };
        if as_key {
            self.findings.push(
                Finding::new(
                    SYNTAX,
                    "a mapping or list used as a key",
                    Location::Bytes(at),
                )
                .label("keys must be plain text")
                .help("use a plain text key"),
            );
            self.stack.push(Frame::ComplexKey {
                inner: Box::new(frame),
            });
        } else {
            self.stack.push(frame);
        }
        Ok(())
    }

    fn close(&mut self, at: Range<usize>) -> Result<(), Finding> {
        let Some(frame) = self.stack.pop() else {
            return Ok(());
        };
        let (frame, as_key) = match frame {
            Frame::ComplexKey { inner } => (*inner, true),
            f => (f, false),
        };
        let (value, start, anchor) = match frame {
            Frame::Map {
                object,
                start,
                anchor,
                ..
            } => (Value::Object(object), start, anchor),
            Frame::Seq {
                items,
                start,
                anchor,
                ..
            } => (Value::Array(items), start, anchor),
            Frame::ComplexKey { .. } => return Ok(()),
        };
        if as_key {
            let text = serde_json::to_string(&value).unwrap_or_default();
            return self.key(text, YamlStyle::DoubleQuoted, start..at.end);
        }
        if anchor != 0 {
            let size = Size::of(&value);
            self.anchors.insert(anchor, (value.clone(), size));
        }
        self.add(value, start..at.end.max(start), None)
    }

    fn alias(&mut self, id: usize, at: Range<usize>) -> Result<(), Finding> {
        self.alias_expansions += 1;
        if self.alias_expansions > self.limits.max_alias_expansions {
            return Err(Finding::new(
                SYNTAX,
                format!("more than {} aliases", self.limits.max_alias_expansions),
                Location::Bytes(at),
            )
            .label("limit reached here")
            .help("write the repeated parts out, or use fewer anchors and aliases"));
        }
        let (value, size) = self
            .anchors
            .get(&id)
            .cloned()
            .unwrap_or((Value::Null, Size { nodes: 1, bytes: 0 }));
        // An alias costs what it expands to: a 1 MB string aliased a thousand times is 1 GB.
        self.nodes += size.nodes.saturating_sub(1);
        self.count_node(&at)?;
        self.scalar_bytes += size.bytes;
        if self.scalar_bytes > self.limits.max_scalar_bytes {
            return Err(Finding::new(
                SYNTAX,
                format!(
                    "aliases expand the document's text past the limit of {} bytes",
                    self.limits.max_scalar_bytes
                ),
                Location::Bytes(at),
            )
            .label("limit reached here")
            .help("write the repeated parts out once, or use fewer aliases"));
        }
        if self.expecting_key() {
            let key = match value {
                Value::String(s) => s,
                other => other.to_string(),
            };
            return self.key(key, YamlStyle::Plain, at);
        }
        self.add(value, at, None)
    }

    /// Adds a finished node to its parent, recording its span.
    fn add(
        &mut self,
        value: Value,
        at: Range<usize>,
        style: Option<ScalarStyle>,
    ) -> Result<(), Finding> {
        let pointer = self.child_pointer();
        let mut key = None;
        match self.stack.last_mut() {
            None => self.root = Some(value),
            Some(Frame::Map {
                object,
                key: pending,
                discard_value,
                ..
            }) => {
                let Some((k, key_span)) = pending.take() else {
                    return Ok(());
                };
                key = Some(key_span);
                if !*discard_value {
                    object.insert(k, value);
                }
                *discard_value = false;
            }
            Some(Frame::Seq { items, .. }) => items.push(value),
            Some(Frame::ComplexKey { .. }) => return Ok(()),
        }
        self.spans.push((
            pointer,
            NodeSpan {
                key,
                value: at,
                style,
            },
        ));
        Ok(())
    }
}

/// What a value costs against the budgets.
#[derive(Debug, Clone, Copy)]
struct Size {
    nodes: usize,
    bytes: usize,
}

impl Size {
    fn of(value: &Value) -> Self {
        let mut size = Self { nodes: 0, bytes: 0 };
        let mut stack = vec![value];
        while let Some(v) = stack.pop() {
            size.nodes += 1;
            match v {
                Value::Array(a) => stack.extend(a),
                Value::Object(o) => {
                    size.bytes += o.keys().map(String::len).sum::<usize>();
                    stack.extend(o.values());
                }
                Value::String(s) => size.bytes += s.len(),
                _ => {}
            }
        }
        size
    }
}

#[cfg(test)]
mod tests;
