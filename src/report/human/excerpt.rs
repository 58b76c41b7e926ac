//! The few lines of a file one finding shows, cut out before miette sees them.
//!
//! miette reads a snippet by scanning its source from the first byte, and it cannot draw a
//! label past column 65,535. Handing it only the lines a finding needs (long lines cropped
//! around the labels) makes each finding cost the size of its snippet, whatever the size of
//! the file or the length of its lines, and keeps every column within what miette can draw.

use std::ops::Range;

use miette::{MietteError, MietteSpanContents, SourceCode, SourceSpan, SpanContents};

use crate::source::LineIndex;

/// Lines of context above and below the labelled lines.
const CONTEXT_LINES: usize = 1;
/// Most lines a snippet spans; labels further away are listed below it instead.
pub const MAX_SNIPPET_LINES: usize = 16;
/// Lines longer than this many bytes are cropped around their labels.
const MAX_LINE_BYTES: usize = 240;
/// Bytes kept on each side of the labels of a cropped line.
const MARGIN_BYTES: usize = 60;
const ELLIPSIS: &str = "…";

/// One source line as it appears in the excerpt.
struct ShownLine {
    /// The bytes of the original line that are shown.
    window: Range<usize>,
    /// Where `window.start` lands in the excerpt.
    at: usize,
}

/// A handful of lines of one file, possibly cropped, with the first line's number.
pub struct Excerpt {
    name: String,
    text: String,
    /// 0-based number of the excerpt's first line in the file.
    first_line: usize,
    lines: Vec<ShownLine>,
    /// The primary label in excerpt offsets, and its true 0-based line and column.
    primary: (SourceSpan, usize, usize),
}

/// A label to place: its bytes in the file and the lines it starts and ends on (1-based).
#[derive(Clone)]
pub struct Mark {
    pub span: Range<usize>,
    pub lines: (usize, usize),
}

impl Excerpt {
    /// Cuts the lines the marks need out of `text`. `marks[0]` is the primary label, shown at
    /// `primary_column` (1-based, as the other formats count it). Returns the excerpt and, for
    /// each mark, its span in excerpt offsets, or None for a mark too far away to be drawn.
    pub fn cut(
        name: &str,
        text: &str,
        index: &LineIndex,
        marks: &[Mark],
        primary_column: usize,
    ) -> (Self, Vec<Option<SourceSpan>>) {
        let count = index.line_count();
        let clip_lines = |(a, b): (usize, usize)| {
            let a = a.clamp(1, count);
            (a, b.clamp(a, count).min(a + MAX_SNIPPET_LINES - 1))
        };
        let primary = clip_lines(marks[0].lines);
        let (mut lo, mut hi) = primary;
        let mut shown = vec![true];
        for mark in &marks[1..] {
            let (a, b) = clip_lines(mark.lines);
            let (nlo, nhi) = (lo.min(a), hi.max(b));
            let fits = nhi - nlo < MAX_SNIPPET_LINES;
            if fits {
                (lo, hi) = (nlo, nhi);
            }
            shown.push(fits);
        }
        let first = lo.saturating_sub(CONTEXT_LINES).max(1);
        let last = (hi + CONTEXT_LINES).min(count);
        let mut excerpt = String::new();
        let mut lines = Vec::new();
        for line in first..=last {
            let full = index.line_range(text, line);
            let points: Vec<usize> = marks
                .iter()
                .zip(&shown)
                .filter(|(_, s)| **s)
                .flat_map(|(m, _)| [m.span.start, m.span.end])
                .filter(|p| full.contains(p) || *p == full.end)
                .collect();
            let window = crop(text, full.clone(), &points, marks[0].span.start);
            if window.start > full.start {
                excerpt.push_str(ELLIPSIS);
            }
            lines.push(ShownLine {
                window: window.clone(),
                at: excerpt.len(),
            });
            excerpt.push_str(&text[window.clone()]);
            if window.end < full.end {
                excerpt.push_str(ELLIPSIS);
            }
            if line < last {
                excerpt.push('\n');
            }
        }
        let mut this = Self {
            name: name.to_string(),
            text: excerpt,
            first_line: first - 1,
            lines,
            primary: (SourceSpan::from(0..0), primary.0 - 1, primary_column - 1),
        };
        let spans: Vec<Option<SourceSpan>> = marks
            .iter()
            .zip(&shown)
            .map(|(m, s)| s.then(|| this.map(&m.span)))
            .collect();
        if let Some(Some(p)) = spans.first() {
            this.primary.0 = *p;
        }
        (this, spans)
    }

    /// A span of the file in excerpt offsets, clipped to what is shown.
    fn map(&self, span: &Range<usize>) -> SourceSpan {
        let point = |offset: usize| {
            let line = self
                .lines
                .iter()
                .rev()
                .find(|l| l.window.start <= offset)
                .unwrap_or(&self.lines[0]);
            let clamped = offset.clamp(line.window.start, line.window.end);
            line.at + (clamped - line.window.start)
        };
        let start = point(span.start);
        let end = point(span.end).max(start);
        SourceSpan::from(start..end)
    }
}

/// The bytes of a line to show: all of a short line; around `points` (or `primary`, when they
/// lie far apart) for a long one; the start of a long line with no label.
fn crop(text: &str, line: Range<usize>, points: &[usize], primary: usize) -> Range<usize> {
    if line.len() <= MAX_LINE_BYTES {
        return line;
    }
    let (mut lo, mut hi) = match (points.iter().min(), points.iter().max()) {
        (Some(&a), Some(&b)) => (a.saturating_sub(MARGIN_BYTES), b + MARGIN_BYTES),
        _ => (line.start, line.start + MAX_LINE_BYTES),
    };
    if hi - lo > MAX_LINE_BYTES {
        let centre = if line.contains(&primary) {
            primary
        } else {
            lo + MARGIN_BYTES
        };
        lo = centre.saturating_sub(MARGIN_BYTES);
        hi = centre + MAX_LINE_BYTES - MARGIN_BYTES;
    }
    let mut lo = lo.clamp(line.start, line.end);
    let mut hi = hi.clamp(lo, line.end);
    while !text.is_char_boundary(lo) {
        lo -= 1;
    }
    while !text.is_char_boundary(hi) {
        hi += 1;
    }
    lo..hi
}

impl SourceCode for Excerpt {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let inner =
            self.text
                .as_str()
                .read_span(span, context_lines_before, context_lines_after)?;
        // The header's `line:column` names the finding's own position, counted as every other
        // format counts it, not the excerpt's.
        let header = context_lines_before == 0 && context_lines_after == 0;
        let (line, column) = if header && *span == self.primary.0 {
            (self.primary.1, self.primary.2)
        } else {
            (inner.line() + self.first_line, inner.column())
        };
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            inner.data(),
            *inner.span(),
            line,
            column,
            inner.line_count(),
        )))
    }
}
