//! The output formats by name, and one function that renders any of them for a run.

use std::collections::HashMap;
use std::path::PathBuf;
use std::str::FromStr;
use std::sync::Arc;

use super::{Diagnostic, Summary, human};
use crate::check::CheckedFile;

/// Every output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Human,
    Concise,
    Json,
    Sarif,
    Github,
    Gitlab,
    Junit,
    Rdjson,
}

impl Format {
    pub const ALL: [Format; 8] = [
        Self::Human,
        Self::Concise,
        Self::Json,
        Self::Sarif,
        Self::Github,
        Self::Gitlab,
        Self::Junit,
        Self::Rdjson,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Self::Human => "human",
            Self::Concise => "concise",
            Self::Json => "json",
            Self::Sarif => "sarif",
            Self::Github => "github",
            Self::Gitlab => "gitlab",
            Self::Junit => "junit",
            Self::Rdjson => "rdjson",
        }
    }

    /// Whether the format ends with the closing summary line (the text formats do).
    fn has_closing_line(self) -> bool {
        matches!(self, Self::Human | Self::Concise | Self::Github)
    }
}

/// `--format NAME` (standard output) or `--format NAME=PATH` (a file; `-` is standard output).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputSpec {
    pub format: Format,
    pub path: Option<PathBuf>,
}

impl FromStr for OutputSpec {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let (name, path) = match s.split_once('=') {
            Some((name, "")) => {
                return Err(format!("`{name}=` needs a file after `=`"));
            }
            Some((name, "-")) => (name, None),
            Some((name, path)) => (name, Some(PathBuf::from(path))),
            None => (s, None),
        };
        let names: Vec<&str> = Format::ALL.iter().map(|f| f.name()).collect();
        let format = Format::ALL
            .into_iter()
            .find(|f| f.name() == name.to_ascii_lowercase())
            .ok_or_else(|| {
                let hint = crate::rules::refs::did_you_mean(name, names.iter().copied())
                    .map(|n| format!("did you mean `{n}`? "))
                    .unwrap_or_default();
                format!(
                    "unknown format `{name}`; {hint}formats: {}",
                    names.join(", ")
                )
            })?;
        Ok(Self { format, path })
    }
}

/// What a run found, as every format needs it.
pub struct Run<'a> {
    pub files: Files<'a>,
    pub diagnostics: &'a [Diagnostic],
    pub summary: Summary,
    pub seconds: Option<f64>,
    /// No closing line, and nothing at all from the text formats when nothing was found.
    pub quiet: bool,
}

/// The files of a run, as the formats need them.
#[derive(Clone, Copy)]
pub enum Files<'a> {
    /// Checked files with their texts, from which the human format draws.
    Checked(&'a [CheckedFile]),
    /// Only the files' paths, in order: the human format's drawings were made while each file
    /// was at hand (one per diagnostic, in the order of `Run::diagnostics`, for each drawing).
    Drawn {
        paths: &'a [String],
        drawn: &'a [(Drawing, Vec<String>)],
    },
}

impl Files<'_> {
    fn paths(&self) -> Vec<String> {
        match self {
            Self::Checked(files) => files.iter().map(|f| f.source.display_path()).collect(),
            Self::Drawn { paths, .. } => paths.to_vec(),
        }
    }
}

/// How the human format draws (colour and width only matter on a terminal).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Drawing {
    pub style: human::Style,
    pub width: usize,
}

impl Drawing {
    /// For files: no colour, a fixed width.
    pub const FILE: Drawing = Drawing {
        style: human::Style::Plain,
        width: 100,
    };
}

/// Renders one format for a run.
pub fn render(format: Format, run: &Run<'_>, drawing: Drawing) -> String {
    let d = run.diagnostics;
    let mut text = match format {
        Format::Human => match run.files {
            Files::Checked(files) => {
                let sources: HashMap<String, Arc<String>> = files
                    .iter()
                    .map(|f| (f.source.display_path(), f.source.text.clone()))
                    .collect();
                human::render(d, &sources, drawing.style, drawing.width)
            }
            Files::Drawn { drawn, .. } => match drawn.iter().find(|(w, _)| *w == drawing) {
                Some((_, blocks)) => blocks.concat(),
                // Not drawn ahead: the findings without their snippets.
                None => human::render(d, &HashMap::new(), drawing.style, drawing.width),
            },
        },
        Format::Concise => super::concise::render(d),
        Format::Json => super::json::render(d, &run.summary),
        Format::Sarif => super::sarif::render(d),
        Format::Github => super::github::render(d),
        Format::Gitlab => super::gitlab::render(d),
        Format::Junit => super::junit::render(d, &run.files.paths()),
        Format::Rdjson => super::rdjson::render(d),
    };
    if format.has_closing_line() && !run.quiet {
        text.push_str(&super::closing_line(&run.summary, run.seconds));
        text.push('\n');
    }
    text
}

/// `--statistics`: counts per code instead of the findings (JSON when the format is JSON).
pub fn render_statistics(format: Format, run: &Run<'_>) -> String {
    if format == Format::Json {
        return super::statistics::render_json(run.diagnostics);
    }
    let mut text = super::statistics::render_text(run.diagnostics);
    if !run.quiet {
        text.push_str(&super::closing_line(&run.summary, run.seconds));
        text.push('\n');
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn specs_name_a_format_and_maybe_a_file() {
        let spec: OutputSpec = "sarif=out/results.sarif".parse().expect("valid");
        assert_eq!(spec.format, Format::Sarif);
        assert_eq!(spec.path, Some(PathBuf::from("out/results.sarif")));
        assert_eq!("human=-".parse::<OutputSpec>().expect("valid").path, None);
        let err = "sarf".parse::<OutputSpec>().expect_err("unknown");
        assert!(err.contains("did you mean `sarif`"), "{err}");
        assert!("json=".parse::<OutputSpec>().is_err());
    }
}
