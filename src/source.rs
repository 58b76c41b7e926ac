//! Source files and the span layer: JSON pointers and byte offsets made into lines and columns.

use std::collections::HashMap;
use std::ops::Range;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use crate::diagnostic::{Location, Part};

/// How a scalar was written, which decides how its decoded text maps back onto the source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScalarStyle {
    Plain,
    SingleQuoted,
    DoubleQuoted,
    Literal,
    Folded,
}

/// Where one node of the document is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NodeSpan {
    /// The key, when the node is a mapping value.
    pub key: Option<Range<usize>>,
    /// The value (for collections: from the first to the last byte of their content).
    pub value: Range<usize>,
    /// Set for scalars.
    pub style: Option<ScalarStyle>,
}

/// A comment of the source, without its `#`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comment {
    /// The whole comment, `#` included.
    pub span: Range<usize>,
    pub text: String,
}

/// A hash map for the per-file tables built on every node or text (spans, keys, readings):
/// foldhash hashes a short string in a fraction of SipHash's time, and its per-process seed
/// keeps a hostile file from choosing colliding keys.
pub type FastMap<K, V> = HashMap<K, V, foldhash::fast::RandomState>;

/// JSON pointer → span of every key and value of a document.
#[derive(Debug, Default, Clone)]
pub struct SpanIndex {
    nodes: FastMap<String, NodeSpan>,
}

impl SpanIndex {
    pub fn reserve(&mut self, additional: usize) {
        self.nodes.reserve(additional);
    }
    pub fn insert(&mut self, pointer: String, span: NodeSpan) {
        self.nodes.insert(pointer, span);
    }
    pub fn get(&self, pointer: &str) -> Option<&NodeSpan> {
        self.nodes.get(pointer)
    }
    pub fn get_mut(&mut self, pointer: &str) -> Option<&mut NodeSpan> {
        self.nodes.get_mut(pointer)
    }
    /// The node at `pointer`, or its nearest ancestor that is written in the source
    /// (nodes inside an alias expansion or a pruned node are not).
    pub fn nearest(&self, pointer: &str) -> Option<(&str, &NodeSpan)> {
        let mut p = pointer;
        loop {
            if let Some((k, v)) = self.nodes.get_key_value(p) {
                return Some((k.as_str(), v));
            }
            if p.is_empty() {
                return None;
            }
            p = p.rfind('/').map_or("", |i| &p[..i]);
        }
    }
}

/// Escapes one reference token of a JSON pointer (RFC 6901).
pub fn escape_pointer(token: &str) -> String {
    if token.contains(['~', '/']) {
        token.replace('~', "~0").replace('/', "~1")
    } else {
        token.to_string()
    }
}

/// Appends `/` and `token`, escaped, to a pointer being built (no intermediate string).
pub fn push_pointer_token(pointer: &mut String, token: &str) {
    pointer.push('/');
    if token.contains(['~', '/']) {
        for c in token.chars() {
            match c {
                '~' => pointer.push_str("~0"),
                '/' => pointer.push_str("~1"),
                _ => pointer.push(c),
            }
        }
    } else {
        pointer.push_str(token);
    }
}

/// Undoes [`escape_pointer`].
pub fn unescape_pointer(token: &str) -> String {
    if token.contains('~') {
        token.replace("~1", "/").replace("~0", "~")
    } else {
        token.to_string()
    }
}

/// A pointer built from tokens, escaping each.
pub fn pointer<I, S>(tokens: I) -> String
where
    I: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    // Room for most pointers (`/steps/<id>/say/<n>`) without growing.
    let mut out = String::with_capacity(48);
    for t in tokens {
        push_pointer_token(&mut out, t.as_ref());
    }
    out
}

/// Line starts of a text, for byte offset → line and column.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
    /// Columns already counted at points of long lines, in offset order: a column is counted
    /// from the nearest point before it, so that the many findings of one long line (a 1 MB
    /// `say`, a one-line flow playbook) cost their own distance each, not the line's length.
    checkpoints: Vec<Checkpoint>,
}

/// Bytes between two checkpoints of a long line.
const CHECKPOINT_BYTES: usize = 1024;

/// A counted point of a long line: its byte offset and the columns before it on its line.
#[derive(Debug, Clone, Copy)]
struct Checkpoint {
    offset: usize,
    chars: usize,
    utf16: usize,
}

/// A position for people and tools: 1-based line, column in Unicode scalar values and in UTF-16 units.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    pub line: usize,
    pub column: usize,
    pub column_utf16: usize,
}

impl LineIndex {
    /// Lines end at `\n`, `\r\n` or a lone `\r`, as in YAML.
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'\n' => starts.push(i + 1),
                b'\r' if bytes.get(i + 1) != Some(&b'\n') => starts.push(i + 1),
                _ => {}
            }
            i += 1;
        }
        let checkpoints = checkpoints(text, &starts);
        Self {
            starts,
            checkpoints,
        }
    }

    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// Byte range of a 1-based line, without its line break.
    pub fn line_range(&self, text: &str, line: usize) -> Range<usize> {
        let start = self.starts[line - 1];
        let mut end = self.starts.get(line).copied().unwrap_or(text.len());
        let b = text.as_bytes();
        while end > start && matches!(b[end - 1], b'\n' | b'\r') {
            end -= 1;
        }
        start..end
    }

    /// The position of a byte offset (clamped to the text, moved back to a char boundary).
    pub fn position(&self, text: &str, offset: usize) -> Position {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|&s| s <= offset);
        let mut line_start = self.starts[line - 1];
        // A byte-order mark is not a column.
        if line_start == 0 && text.starts_with('\u{feff}') && offset >= 3 {
            line_start = 3;
        }
        let counted = self
            .checkpoints
            .partition_point(|c| c.offset <= offset)
            .checked_sub(1)
            .map(|i| self.checkpoints[i])
            .filter(|c| c.offset >= line_start)
            .unwrap_or(Checkpoint {
                offset: line_start,
                chars: 0,
                utf16: 0,
            });
        let before = &text[counted.offset..offset];
        Position {
            line,
            column: counted.chars + before.chars().count() + 1,
            column_utf16: counted.utf16 + before.encode_utf16().count() + 1,
        }
    }
}

/// The checkpoints of every line longer than [`CHECKPOINT_BYTES`], counted from the line's
/// first column (after a byte-order mark on the first line).
fn checkpoints(text: &str, starts: &[usize]) -> Vec<Checkpoint> {
    let mut points = Vec::new();
    for (i, &start) in starts.iter().enumerate() {
        let end = starts.get(i + 1).copied().unwrap_or(text.len());
        if end - start <= CHECKPOINT_BYTES {
            continue;
        }
        let start = if start == 0 && text.starts_with('\u{feff}') {
            3
        } else {
            start
        };
        let (mut chars, mut utf16, mut last) = (0, 0, start);
        for (at, c) in text[start..end].char_indices() {
            let offset = start + at;
            if offset - last >= CHECKPOINT_BYTES {
                points.push(Checkpoint {
                    offset,
                    chars,
                    utf16,
                });
                last = offset;
            }
            chars += 1;
            utf16 += c.len_utf16();
        }
    }
    points
}

/// One file of the run, read once, with its spans.
#[derive(Debug)]
pub struct SourceFile {
    /// The path as the user gave it (relative paths stay relative).
    pub path: PathBuf,
    pub text: Arc<String>,
    pub lines: LineIndex,
    pub spans: SpanIndex,
    /// The comments that can matter to a check: those of a file holding a suppression marker
    /// (`cordial:`) or a bidi control; empty otherwise (see `load::parse`).
    pub comments: Vec<Comment>,
    /// The parsed document (`Null` when it could not be parsed).
    pub value: serde_json::Value,
    /// Decoded-to-raw byte maps of long scalars, built once each however many findings they have.
    alignments: Mutex<HashMap<String, Arc<Vec<usize>>>>,
    /// After [`SourceFile::compact`]: the decoded text of the scalars findings point into.
    decoded: HashMap<String, String>,
}

/// Scalars shorter than this are aligned afresh for each finding (cheaper than a cache entry).
const CACHED_ALIGNMENT_BYTES: usize = 4096;

impl SourceFile {
    pub fn new(path: PathBuf, text: String) -> Self {
        let lines = LineIndex::new(&text);
        Self {
            path,
            text: Arc::new(text),
            lines,
            spans: SpanIndex::default(),
            comments: Vec::new(),
            value: serde_json::Value::Null,
            alignments: Mutex::new(HashMap::new()),
            decoded: HashMap::new(),
        }
    }

    /// Keeps only what the given locations need to be resolved later (their spans, the decoded
    /// text they point into) and the playbook's `id`; the rest of the parsed document is
    /// dropped, so a run holds its files' findings, not their trees.
    pub fn compact<'a>(&mut self, locations: impl IntoIterator<Item = &'a Location>) {
        let mut kept = SpanIndex::default();
        let mut decoded = std::mem::take(&mut self.decoded);
        let id_location = Location::value("/id");
        let locations: Vec<&Location> = locations.into_iter().collect();
        for location in locations.into_iter().chain([&id_location]) {
            let Location::Node { pointer, part } = location else {
                continue;
            };
            let Some((found, span)) = self.spans.nearest(pointer) else {
                continue;
            };
            if kept.get(found).is_none() {
                kept.insert(found.to_string(), span.clone());
            }
            if matches!(part, Part::Text(_))
                && found.len() == pointer.len()
                && !decoded.contains_key(pointer)
                && let Some(text) = self.value.pointer(pointer).and_then(|v| v.as_str())
            {
                decoded.insert(pointer.clone(), text.to_string());
            }
        }
        let id = self.value.get("id").cloned();
        self.value = match id {
            Some(id) => serde_json::json!({ "id": id }),
            None => serde_json::Value::Null,
        };
        self.spans = kept;
        self.decoded = decoded;
    }

    pub fn display_path(&self) -> String {
        self.path.display().to_string()
    }

    pub fn position(&self, offset: usize) -> Position {
        self.lines.position(&self.text, offset)
    }

    /// The bytes a location designates.
    pub fn resolve(&self, location: &Location) -> Range<usize> {
        match location {
            Location::Bytes(r) => r.start.min(self.text.len())..r.end.min(self.text.len()),
            Location::Node { pointer, part } => {
                let Some((found, span)) = self.spans.nearest(pointer) else {
                    return 0..0;
                };
                let exact = found.len() == pointer.len();
                match part {
                    Part::Key => span.key.clone().unwrap_or_else(|| span.value.clone()),
                    Part::Value => span.value.clone(),
                    Part::Text(range) if exact => self.text_range(pointer, span, range.clone()),
                    Part::Text(_) => span.value.clone(),
                }
            }
        }
    }

    /// Maps a byte range of a scalar's decoded value onto the source. Falls back to the whole
    /// scalar when the two cannot be aligned.
    fn text_range(&self, pointer: &str, span: &NodeSpan, range: Range<usize>) -> Range<usize> {
        let raw = &self.text[span.value.clone()];
        let decoded = self.value.pointer(pointer).and_then(|v| v.as_str());
        let Some(decoded) = decoded.or_else(|| self.decoded.get(pointer).map(String::as_str))
        else {
            return span.value.clone();
        };
        let aligned = if raw.len() < CACHED_ALIGNMENT_BYTES {
            align_decoded(decoded, raw, range)
        } else {
            let map = {
                let mut cache = self.alignments.lock().unwrap_or_else(|e| e.into_inner());
                cache
                    .entry(pointer.to_string())
                    .or_insert_with(|| Arc::new(alignment(decoded, raw)))
                    .clone()
            };
            range_through(&map, raw, range)
        };
        match aligned {
            Some(r) => span.value.start + r.start..span.value.start + r.end,
            None => span.value.clone(),
        }
    }
}

/// Aligns a byte range of decoded text onto raw source text. Both are walked together: a
/// decoded character matches the next equal raw character within a short window (quotes,
/// escapes, indentation and folded line breaks are skipped over); decoded whitespace matches
/// any raw whitespace.
pub fn align_decoded(decoded: &str, raw: &str, range: Range<usize>) -> Option<Range<usize>> {
    range_through(&alignment(decoded, raw), raw, range)
}

/// For each byte of `decoded` (and one past its end), the raw byte offset it was read from.
fn alignment(decoded: &str, raw: &str) -> Vec<usize> {
    let mut map = Vec::with_capacity(decoded.len() + 1);
    let raw_chars: Vec<(usize, char)> = raw.char_indices().collect();
    let mut j = 0usize;
    for dc in decoded.chars() {
        let mut found = None;
        for (k, &(_, rc)) in raw_chars.iter().enumerate().skip(j).take(12) {
            if rc == dc || (dc.is_whitespace() && rc.is_whitespace()) {
                found = Some(k);
                break;
            }
        }
        let pos = match found {
            Some(k) => {
                j = k + 1;
                raw_chars[k].0
            }
            None => raw_chars.get(j).map_or(raw.len(), |c| c.0),
        };
        for _ in 0..dc.len_utf8() {
            map.push(pos);
        }
    }
    map.push(raw_chars.get(j).map_or(raw.len(), |c| c.0));
    map
}

/// A decoded range through an [`alignment`] map.
fn range_through(map: &[usize], raw: &str, range: Range<usize>) -> Option<Range<usize>> {
    let start = *map.get(range.start)?;
    let end_char_start = if range.end > range.start {
        *map.get(range.end - 1)?
    } else {
        start
    };
    let end = raw
        .get(end_char_start..)?
        .chars()
        .next()
        .map_or(end_char_start, |c| end_char_start + c.len_utf8());
    (start <= end).then_some(start..end)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Counting every column from the line's start, as positions were counted before checkpoints.
    fn counted_from_line_start(text: &str, index: &LineIndex, offset: usize) -> (usize, usize) {
        let line = index.position(text, offset).line;
        let mut start = index.starts[line - 1];
        if start == 0 && text.starts_with('\u{feff}') && offset >= 3 {
            start = 3;
        }
        let before = &text[start..offset];
        (
            before.chars().count() + 1,
            before.encode_utf16().count() + 1,
        )
    }

    #[test]
    fn columns_on_long_lines_are_those_counted_from_the_line_start() {
        let long: String = "ação 🙂 jail, ".repeat(400);
        let text = format!("\u{feff}{long}\r\nshort\n{long}\r{long}");
        let index = LineIndex::new(&text);
        assert!(!index.checkpoints.is_empty());
        for (offset, _) in text.char_indices().step_by(7) {
            let p = index.position(&text, offset);
            assert_eq!(
                (p.column, p.column_utf16),
                counted_from_line_start(&text, &index, offset),
                "offset {offset}"
            );
        }
    }
    use crate::load::{Limits, parse};

    fn loaded(text: &str) -> SourceFile {
        let mut source = SourceFile::new("t.yaml".into(), text.to_string());
        parse(&mut source, &Limits::default());
        source
    }

    /// The source text a location designates.
    fn shown(source: &SourceFile, location: &Location) -> String {
        source.text[source.resolve(location)].to_string()
    }

    #[test]
    fn pointers_escape_tilde_and_slash_as_rfc_6901_says() {
        assert_eq!(
            pointer(["steps", "a/b~c", "say", "0"]),
            "/steps/a~1b~0c/say/0"
        );
        for token in ["", "plain", "~", "/", "~1", "a/~/b", "não/é"] {
            let mut built = String::from("/x");
            push_pointer_token(&mut built, token);
            assert_eq!(built, format!("/x/{}", escape_pointer(token)));
            assert_eq!(unescape_pointer(&escape_pointer(token)), token);
        }
    }

    #[test]
    fn words_inside_quoted_scalars_map_back_through_escapes_and_tabs() {
        let source = loaded("say: \"Pay \\\"now\\\" or\\tbe SUED\"\n");
        let decoded = source.value["say"].as_str().expect("text").to_string();
        let start = decoded.find("SUED").expect("present");
        assert_eq!(
            shown(&source, &Location::text("/say", start..start + 4)),
            "SUED"
        );
    }

    #[test]
    fn words_inside_folded_and_literal_blocks_map_back() {
        let source = loaded("a: >\n  first line\n  second PRISAO line\nb: x\n");
        let decoded = source.value["a"].as_str().expect("text").to_string();
        let start = decoded.find("PRISAO").expect("present");
        assert_eq!(
            shown(&source, &Location::text("/a", start..start + 6)),
            "PRISAO"
        );
    }

    #[test]
    fn tabs_inside_scalars_do_not_shift_later_positions() {
        let source = loaded("a: \"x\ty\"\nb:\tz\n");
        let b = source.spans.get("/b").expect("b");
        let at = source.position(b.value.start);
        assert_eq!((at.line, at.column), (2, 4));
    }

    #[test]
    fn utf16_columns_count_surrogate_pairs() {
        let source = loaded("a: \"😀 x\"\n");
        let decoded = source.value["a"].as_str().expect("text").to_string();
        let start = decoded.find('x').expect("present");
        let span = source.resolve(&Location::text("/a", start..start + 1));
        let at = source.position(span.start);
        assert_eq!((at.column, at.column_utf16), (7, 8));
    }
}
