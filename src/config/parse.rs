//! Reads `cordial.toml` with positions: every unknown key, wrong type, unknown code or bad glob
//! is an error at its line and column, with a did-you-mean where one is close.

use std::ops::Range;
use std::path::Path;

use toml_edit::{Item, Value};

use super::{Config, Listed, Origin, Override, Pattern, SeverityOverride};
use crate::diagnostic::Severity;
use crate::model::Jurisdiction;

/// The keys of the top level, and of an `[[overrides]]` entry (the JSON Schema has the same).
pub const TOP_KEYS: &[&str] = &[
    "select",
    "ignore",
    "include",
    "exclude",
    "severity",
    "packs",
    "jurisdiction",
    "phrases",
    "overrides",
];
pub const OVERRIDE_KEYS: &[&str] = &["paths", "select", "ignore", "severity", "packs"];

/// A configuration file that cannot be used.
#[derive(Debug, Clone)]
pub struct ConfigError {
    pub path: std::path::PathBuf,
    pub text: String,
    pub span: Range<usize>,
    pub message: String,
    pub help: Option<String>,
}

impl ConfigError {
    pub fn unreadable(path: &Path, e: std::io::Error) -> Self {
        Self {
            path: path.to_path_buf(),
            text: String::new(),
            span: 0..0,
            message: format!("cannot read the configuration: {e}"),
            help: None,
        }
    }

    /// The error drawn like a playbook finding (file, line, column, underline, help).
    pub fn render(&self) -> String {
        let source = crate::source::SourceFile::new(self.path.clone(), self.text.clone());
        let mut finding = crate::diagnostic::Finding::new(
            "config/invalid",
            self.message.clone(),
            crate::diagnostic::Location::Bytes(self.span.clone()),
        )
        .severity(Severity::Error);
        finding.help = self.help.clone();
        let d = crate::report::Diagnostic::resolve(&source, &finding);
        let sources =
            std::collections::HashMap::from([(source.display_path(), source.text.clone())]);
        crate::report::human::render(&[d], &sources, crate::report::human::Style::detect(), 100)
    }
}

/// A string of the file and where it is written.
type Spanned = (String, Option<Range<usize>>);

pub(super) struct Reader<'a> {
    pub(super) path: &'a Path,
    pub(super) text: &'a str,
    pub(super) lines: crate::source::LineIndex,
}

impl Reader<'_> {
    pub(super) fn error(
        &self,
        span: Option<Range<usize>>,
        message: String,
        help: Option<String>,
    ) -> ConfigError {
        ConfigError {
            path: self.path.to_path_buf(),
            text: self.text.to_string(),
            span: span.unwrap_or(0..0),
            message,
            help,
        }
    }

    pub(super) fn origin(&self, span: Option<Range<usize>>) -> Origin {
        let offset = span.map_or(0, |s| s.start);
        Origin {
            file: self.path.to_path_buf(),
            line: self.lines.position(self.text, offset).line,
        }
    }

    pub(super) fn check_keys(
        &self,
        table: &dyn toml_edit::TableLike,
        known: &[&str],
        what: &str,
    ) -> Result<(), ConfigError> {
        for (key, _) in table.iter() {
            if known.contains(&key) {
                continue;
            }
            let span = table.key(key).and_then(|k| k.span());
            let hint = crate::rules::refs::did_you_mean(key, known.iter().copied())
                .map(|k| format!("did you mean `{k}`? "))
                .unwrap_or_default();
            return Err(self.error(
                span,
                format!("unknown key `{key}` in {what}"),
                Some(format!("{hint}keys here: {}", known.join(", "))),
            ));
        }
        Ok(())
    }

    pub(super) fn strings(&self, item: &Item, key: &str) -> Result<Vec<Spanned>, ConfigError> {
        let Some(array) = item.as_array() else {
            return Err(self.error(
                item.span(),
                format!("`{key}` must be a list of strings"),
                Some(format!("for example `{key} = [\"wording/*\"]`")),
            ));
        };
        array
            .iter()
            .map(|v| match v {
                Value::String(s) => Ok((s.value().clone(), v.span())),
                _ => Err(self.error(v.span(), format!("`{key}` must hold strings"), None)),
            })
            .collect()
    }

    fn patterns(&self, item: &Item, key: &str) -> Result<Listed<Pattern>, ConfigError> {
        let items = self
            .strings(item, key)?
            .into_iter()
            .map(|(s, span)| self.pattern(&s, span))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Listed {
            origin: self.origin(item.span()),
            items,
        })
    }

    fn pattern(&self, s: &str, span: Option<Range<usize>>) -> Result<Pattern, ConfigError> {
        let codes: Vec<&str> = crate::rules::all().iter().map(|m| m.code).collect();
        let families: Vec<String> = {
            let mut f: Vec<String> = codes
                .iter()
                .filter_map(|c| c.split('/').next())
                .map(|f| format!("{f}/*"))
                .collect();
            f.dedup();
            f
        };
        if s == "*" || codes.contains(&s) || families.iter().any(|f| f == s) {
            return Ok(Pattern(s.to_string()));
        }
        let candidates = codes
            .iter()
            .copied()
            .chain(families.iter().map(String::as_str));
        let hint = crate::rules::refs::did_you_mean(s, candidates)
            .map(|c| format!("did you mean `{c}`? "))
            .unwrap_or_default();
        Err(self.error(
            span,
            format!("`{s}` is not a rule code or family"),
            Some(format!("{hint}write a code (`graph/dead-end`), a family (`wording/*`) or `*`; `cordial rules` lists the codes")),
        ))
    }

    fn globs(
        &self,
        item: &Item,
        key: &str,
    ) -> Result<(Listed<String>, globset::GlobSet), ConfigError> {
        let strings = self.strings(item, key)?;
        let mut builder = globset::GlobSetBuilder::new();
        for (s, span) in &strings {
            let glob = globset::GlobBuilder::new(s)
                .literal_separator(true)
                .build()
                .map_err(|e| {
                    self.error(
                        span.clone(),
                        format!("`{s}` is not a valid glob: {}", e.kind()),
                        Some(
                            "globs are relative to this file's folder: `playbooks/**/*.yaml`"
                                .into(),
                        ),
                    )
                })?;
            builder.add(glob);
        }
        let set = builder
            .build()
            .map_err(|e| self.error(item.span(), format!("invalid globs: {e}"), None))?;
        Ok((
            Listed {
                origin: self.origin(item.span()),
                items: strings.into_iter().map(|(s, _)| s).collect(),
            },
            set,
        ))
    }

    fn severities(&self, item: &Item) -> Result<Vec<SeverityOverride>, ConfigError> {
        let Some(table) = item.as_table_like() else {
            return Err(self.error(
                item.span(),
                "`severity` must be a table of code = severity".into(),
                Some("for example `severity = { \"wording/pressure\" = \"error\" }`".into()),
            ));
        };
        let mut out = Vec::new();
        for (code, value) in table.iter() {
            let key_span = table.key(code).and_then(|k| k.span());
            let pattern = self.pattern(code, key_span.clone())?;
            let severity = match value.as_str() {
                Some("error") => Severity::Error,
                Some("warning") => Severity::Warning,
                Some("info") => Severity::Info,
                _ => {
                    return Err(self.error(
                        value.span().or(key_span),
                        format!(
                            "the severity of `{code}` must be \"error\", \"warning\" or \"info\""
                        ),
                        None,
                    ));
                }
            };
            if severity != Severity::Error
                && crate::rules::meta(code).is_some_and(|m| !m.suppressible)
            {
                return Err(self.error(
                    value.span().or(key_span),
                    format!("`{code}` cannot be set below error"),
                    Some("threats, abuse and shaming are never lawful collection practice; this rule can be neither silenced nor softened".into()),
                ));
            }
            out.push(SeverityOverride {
                pattern,
                severity,
                origin: self.origin(key_span),
            });
        }
        Ok(out)
    }

    /// `packs = ["br"]`: jurisdiction packs added to every playbook.
    fn packs(&self, item: &Item) -> Result<Listed<Jurisdiction>, ConfigError> {
        let names = ["us", "br", "uk"];
        let mut items = Vec::new();
        for (name, span) in self.strings(item, "packs")? {
            let Some(j) = [Jurisdiction::Us, Jurisdiction::Br, Jurisdiction::Uk]
                .into_iter()
                .find(|j| j.as_str() == name)
            else {
                let help = if matches!(name.as_str(), "en" | "pt" | "core" | "universal") {
                    "the core rules always run and the wording packs follow each playbook's locale: `packs` adds the packs of a jurisdiction's law, `us`, `br` or `uk`".to_string()
                } else {
                    let hint = crate::rules::refs::did_you_mean(&name, names.iter().copied())
                        .map(|c| format!("did you mean `{c}`? "))
                        .unwrap_or_default();
                    format!("{hint}the jurisdiction packs are `us`, `br` and `uk`")
                };
                return Err(self.error(
                    span,
                    format!("`{name}` is not a jurisdiction pack"),
                    Some(help),
                ));
            };
            if !items.contains(&j) {
                items.push(j);
            }
        }
        Ok(Listed {
            items,
            origin: self.origin(item.span()),
        })
    }

    fn refuse_unsilenceable(&self, list: &Listed<Pattern>, item: &Item) -> Result<(), ConfigError> {
        for p in &list.items {
            if crate::rules::meta(&p.0).is_some_and(|m| !m.suppressible) {
                return Err(self.error(
                    item.span(),
                    format!("`{}` cannot be ignored", p.0),
                    Some("threats, abuse and shaming are always reported; a family such as `wording/*` ignores the rest of the family but never these".into()),
                ));
            }
        }
        Ok(())
    }
}

/// Parses a configuration file's text.
pub fn parse(path: &Path, text: &str) -> Result<Config, ConfigError> {
    let reader = Reader {
        path,
        text,
        lines: crate::source::LineIndex::new(text),
    };
    let document = toml_edit::Document::parse(text).map_err(|e| {
        reader.error(
            e.span(),
            format!("invalid TOML: {}", e.message().trim()),
            None,
        )
    })?;
    let root = document.as_table();
    reader.check_keys(root, TOP_KEYS, "cordial.toml")?;
    let dir = std::path::absolute(path)
        .ok()
        .and_then(|p| p.parent().map(Path::to_path_buf))
        .unwrap_or_default();
    let mut config = Config {
        path: path.to_path_buf(),
        dir,
        select: None,
        ignore: None,
        include: None,
        exclude: None,
        severity: Vec::new(),
        packs: None,
        laws: Default::default(),
        phrases: Vec::new(),
        phrase_files: Default::default(),
        overrides: Vec::new(),
    };
    if let Some(item) = root.get("select") {
        config.select = Some(reader.patterns(item, "select")?);
    }
    if let Some(item) = root.get("ignore") {
        let list = reader.patterns(item, "ignore")?;
        reader.refuse_unsilenceable(&list, item)?;
        config.ignore = Some(list);
    }
    if let Some(item) = root.get("include") {
        config.include = Some(reader.globs(item, "include")?);
    }
    if let Some(item) = root.get("exclude") {
        config.exclude = Some(reader.globs(item, "exclude")?);
    }
    if let Some(item) = root.get("severity") {
        config.severity = reader.severities(item)?;
    }
    if let Some(item) = root.get("packs") {
        config.packs = Some(reader.packs(item)?);
    }
    if let Some(item) = root.get("jurisdiction") {
        config.laws = std::sync::Arc::new(reader.laws(item)?);
    }
    if let Some(item) = root.get("phrases") {
        config.phrases = reader.phrases(item)?;
        config.phrase_files = std::sync::Arc::new(super::phrases::by_language(&config.phrases));
    }
    if let Some(item) = root.get("overrides") {
        let Some(tables) = item.as_array_of_tables() else {
            return Err(reader.error(
                item.span(),
                "`overrides` must be a list of tables, written `[[overrides]]`".into(),
                None,
            ));
        };
        for table in tables.iter() {
            reader.check_keys(table, OVERRIDE_KEYS, "an [[overrides]] entry")?;
            let Some(paths) = table.get("paths") else {
                return Err(reader.error(
                    table.span(),
                    "an [[overrides]] entry needs `paths`, the globs of the files it applies to"
                        .into(),
                    Some("for example `paths = [\"playbooks/legacy/**\"]`".into()),
                ));
            };
            let (paths, matcher) = reader.globs(paths, "paths")?;
            let ignore = match table.get("ignore") {
                Some(item) => {
                    let list = reader.patterns(item, "ignore")?;
                    reader.refuse_unsilenceable(&list, item)?;
                    Some(list)
                }
                None => None,
            };
            config.overrides.push(Override {
                paths: paths.items,
                matcher,
                select: table
                    .get("select")
                    .map(|i| reader.patterns(i, "select"))
                    .transpose()?,
                ignore,
                severity: table
                    .get("severity")
                    .map(|i| reader.severities(i))
                    .transpose()?
                    .unwrap_or_default(),
                packs: table.get("packs").map(|i| reader.packs(i)).transpose()?,
                origin: reader.origin(table.span()),
            });
        }
    }
    Ok(config)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error(text: &str) -> ConfigError {
        parse(Path::new("cordial.toml"), text).expect_err("invalid")
    }

    #[test]
    fn unknown_keys_are_errors_at_their_position_with_a_suggestion() {
        let e = error("select = [\"*\"]\nignor = [\"wording/prefer\"]\n");
        assert_eq!(e.span.start, 15);
        assert!(e.message.contains("unknown key `ignor`"), "{}", e.message);
        assert!(
            e.help
                .as_deref()
                .is_some_and(|h| h.contains("did you mean `ignore`"))
        );
        let e = error("[[overrides]]\npaths = [\"a/**\"]\nsevrity = {}\n");
        assert!(
            e.help.as_deref().is_some_and(|h| h.contains("`severity`")),
            "{e:?}"
        );
    }

    #[test]
    fn codes_are_checked_and_unsilenceable_rules_stay_errors() {
        assert!(
            error("ignore = [\"wording/presure\"]")
                .help
                .unwrap_or_default()
                .contains("`wording/pressure`")
        );
        assert!(
            error("ignore = [\"wording/threat\"]")
                .message
                .contains("cannot be ignored")
        );
        assert!(
            error("[severity]\n\"wording/abuse\" = \"warning\"\n")
                .message
                .contains("below error")
        );
        assert!(
            error("[severity]\n\"graph/dead-end\" = \"fatal\"\n")
                .message
                .contains("must be")
        );
        assert!(
            error("select = \"wording/*\"")
                .message
                .contains("list of strings")
        );
        assert!(
            error("[[overrides]]\nignore = [\"*\"]\n")
                .message
                .contains("needs `paths`")
        );
        assert!(
            error("include = [\"a/[\"]")
                .message
                .contains("not a valid glob")
        );
        assert!(error("select = [").message.contains("invalid TOML"));
    }

    #[test]
    fn a_valid_file_reads() {
        let c = parse(
            Path::new("cordial.toml"),
            "select = [\"wording/*\", \"graph/dead-end\"]\nignore = [\"wording/prefer\"]\n[severity]\n\"wording/pressure\" = \"error\"\n[[overrides]]\npaths = [\"legacy/**\"]\nignore = [\"graph/*\"]\n",
        )
        .expect("valid");
        assert_eq!(c.select.as_ref().map(|s| s.items.len()), Some(2));
        assert_eq!(c.severity[0].origin.line, 4);
        assert_eq!(c.overrides[0].origin.line, 5);
    }
}
