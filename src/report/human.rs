//! Output for people: miette draws the source snippet; cordial adds the path, help and legal note.

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;
use std::sync::Arc;

use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, NarratableReportHandler, SourceCode,
};

use super::{Diagnostic, PlaceLabel};
use crate::analysis::bidi::neutralized;
use crate::diagnostic::Severity;
use crate::source::LineIndex;

/// How to draw.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// Unicode drawing with colour (a terminal).
    Color,
    /// Unicode drawing without colour (a pipe, a file, `NO_COLOR`).
    Plain,
    /// Sentences for screen readers (`NO_GRAPHICS`).
    Narrated,
}

impl Style {
    /// Chooses from the environment, as miette's own handler would.
    pub fn detect() -> Self {
        let set = |name: &str| std::env::var_os(name).is_some_and(|v| !v.is_empty() && v != "0");
        // FORCE_COLOR and CLICOLOR_FORCE (CI logs that render colour) win over the terminal
        // test, NO_COLOR wins over both.
        let forced = set("FORCE_COLOR") || set("CLICOLOR_FORCE");
        if set("NO_GRAPHICS") {
            Self::Narrated
        } else if set("NO_COLOR")
            || (!forced && !std::io::IsTerminal::is_terminal(&std::io::stdout()))
        {
            Self::Plain
        } else {
            Self::Color
        }
    }
}

mod excerpt;

use excerpt::{Excerpt, Mark};

/// One finding as miette sees it: its labels already placed in the excerpt.
struct Shown<'a> {
    diagnostic: &'a Diagnostic,
    header: String,
    source: Excerpt,
    labels: Vec<LabeledSpan>,
}

impl fmt::Debug for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.header)
    }
}

impl fmt::Display for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.header)
    }
}

impl std::error::Error for Shown<'_> {}

impl miette::Diagnostic for Shown<'_> {
    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.diagnostic.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Info => miette::Severity::Advice,
        })
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(&self.source as &dyn SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        Some(Box::new(self.labels.iter().cloned()))
    }
}

/// Cuts the finding's snippet; related places of the same file too far away to share it are
/// returned for the `see:` lines.
fn shown<'a>(d: &'a Diagnostic, text: &str, index: &LineIndex) -> (Shown<'a>, Vec<&'a PlaceLabel>) {
    let file = &d.primary.place.file;
    let mark = |p: &PlaceLabel| Mark {
        span: p.place.span.start..p.place.span.end.max(p.place.span.start),
        lines: (p.place.start.line, p.place.end.line),
    };
    let same_file: Vec<&PlaceLabel> = d.related.iter().filter(|r| &r.place.file == file).collect();
    let marks: Vec<Mark> = std::iter::once(&d.primary)
        .chain(same_file.iter().copied())
        .map(mark)
        .collect();
    let (source, spans) = Excerpt::cut(file, text, index, &marks, d.primary.place.start.column);
    let mut labels = Vec::new();
    let mut far = Vec::new();
    for (i, (label, span)) in std::iter::once(&d.primary)
        .chain(same_file.iter().copied())
        .zip(spans)
        .enumerate()
    {
        match span {
            Some(span) if i == 0 => labels.push(LabeledSpan::new_primary_with_span(
                label.message.clone(),
                span,
            )),
            Some(span) => labels.push(LabeledSpan::new_with_span(label.message.clone(), span)),
            None => far.push(label),
        }
    }
    let header = format!(
        "{}[{}]: {}",
        d.severity.as_str(),
        d.code,
        neutralized(&d.message)
    );
    (
        Shown {
            diagnostic: d,
            header,
            source,
            labels,
        },
        far,
    )
}

/// Renders findings. `sources` maps a file's display path to its text.
pub fn render(
    diagnostics: &[Diagnostic],
    sources: &HashMap<String, Arc<String>>,
    style: Style,
    width: usize,
) -> String {
    blocks(diagnostics, sources, style, width).concat()
}

/// Each finding drawn on its own (the report is their concatenation), so that a run can draw a
/// file's findings while its text is at hand and keep only the drawings.
pub fn blocks(
    diagnostics: &[Diagnostic],
    sources: &HashMap<String, Arc<String>>,
    style: Style,
    width: usize,
) -> Vec<String> {
    let mut blocks = Vec::with_capacity(diagnostics.len());
    let mut indexed: HashMap<&str, (Arc<String>, LineIndex)> = HashMap::new();
    for d in diagnostics {
        let file = d.primary.place.file.as_str();
        let (text, index) = indexed.entry(file).or_insert_with(|| {
            // Bidi controls would reorder the drawn snippet (and the terminal after it): show
            // them as U+FFFD, which keeps every byte offset.
            let text = sources.get(file).cloned().unwrap_or_default();
            let text = match neutralized(&text) {
                Cow::Borrowed(_) => text,
                Cow::Owned(shown) => Arc::new(shown),
            };
            let index = LineIndex::new(&text);
            (text, index)
        });
        let (shown, far) = shown(d, text, index);
        let mut out = String::new();
        let mut text = String::new();
        let result = match style {
            Style::Narrated => NarratableReportHandler::new().render_report(&mut text, &shown),
            Style::Plain | Style::Color => {
                let mut theme = if style == Style::Color {
                    GraphicalTheme::unicode()
                } else {
                    GraphicalTheme::unicode_nocolor()
                };
                // The header already says `error[code]`; miette's severity glyph would repeat it.
                theme.characters.error = String::new();
                theme.characters.warning = String::new();
                theme.characters.advice = String::new();
                GraphicalReportHandler::new_themed(theme)
                    .with_width(width)
                    .with_wrap_lines(false)
                    .with_context_lines(1)
                    .render_report(&mut text, &shown)
            }
        };
        if result.is_err() || text.trim().is_empty() {
            text = format!(
                "{}\n  at {}:{}:{}\n",
                shown.header, file, d.primary.place.start.line, d.primary.place.start.column
            );
        }
        out.push_str(text.trim_start_matches(' ').trim_end());
        out.push('\n');
        for r in far
            .into_iter()
            .chain(d.related.iter().filter(|r| r.place.file != file))
        {
            out.push_str(&format!(
                "  see: {}:{}:{}{}\n",
                r.place.file,
                r.place.start.line,
                r.place.start.column,
                r.message
                    .as_ref()
                    .map(|m| format!(": {m}"))
                    .unwrap_or_default()
            ));
        }
        if !d.path.is_empty() {
            let steps: Vec<String> = d
                .path
                .iter()
                .map(|(name, place)| format!("{name} (l.{})", place.start.line))
                .collect();
            out.push_str(&wrap("  path: ", &steps.join(" → "), width));
        }
        if let Some(help) = &d.help {
            out.push_str(&wrap("  help: ", help, width));
        }
        if let Some(note) = &d.note {
            out.push_str(&wrap("  note: ", note, width));
        }
        out.push('\n');
        blocks.push(out);
    }
    blocks
}

/// Wraps a labelled paragraph at `width`, indenting continuation lines under the text.
fn wrap(label: &str, text: &str, width: usize) -> String {
    let indent = " ".repeat(label.chars().count());
    let mut out = String::new();
    let mut line = label.to_string();
    let mut empty = true;
    for word in text.split_whitespace() {
        if !empty && line.chars().count() + 1 + word.chars().count() > width {
            out.push_str(line.trim_end());
            out.push('\n');
            line = indent.clone();
            empty = true;
        }
        if !empty {
            line.push(' ');
        }
        line.push_str(word);
        empty = false;
    }
    out.push_str(line.trim_end());
    out.push('\n');
    out
}
