//! `[phrases.<language>]`: extra prohibited and preferred phrase files, per language.
//!
//! ```toml
//! [phrases.pt]
//! prohibited = ["compliance/proibidas.txt"]
//! preferred = ["compliance/preferidas.txt"]
//! ```
//!
//! A file holds one entry a line; blank lines and lines starting with `#` are skipped. A
//! prohibited entry is a phrase; a preferred entry is `phrase => wording to use instead`. Phrases
//! are written as in the built-in lists: `*` at the end matches any ending, `{a|b}` either word.
//! Paths are relative to the configuration file's folder. Each file is read and compiled once
//! per process, however many configurations and playbooks name it.

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::{Arc, LazyLock, Mutex};

use toml_edit::Item;

use super::parse::{ConfigError, Reader};
use crate::rules::configured::{PhraseEntry, PhraseFile, PhraseKind};

/// The keys of a `[phrases.<language>]` table (the JSON Schema has the same).
pub const PHRASE_KEYS: &[&str] = &["prohibited", "preferred"];

/// One phrase list of the configuration, for `cordial config`: where it was written, and its files.
#[derive(Debug, Clone)]
pub struct PhraseList {
    pub language: String,
    pub kind: PhraseKind,
    pub files: Vec<Arc<PhraseFile>>,
    pub origin: super::Origin,
}

type Cache = Mutex<HashMap<(PathBuf, PhraseKind, String), Arc<PhraseFile>>>;

/// Every phrase file read by this process, by canonical path, kind and language.
static READ: LazyLock<Cache> = LazyLock::new(|| Mutex::new(HashMap::new()));

impl PhraseKind {
    fn key(self) -> &'static str {
        match self {
            Self::Prohibited => "prohibited",
            Self::Preferred => "preferred",
        }
    }
}

/// The entries of a phrase file's text; Err is the byte range and message of a bad line.
fn entries(
    text: &str,
    kind: PhraseKind,
) -> Result<Vec<PhraseEntry>, (Range<usize>, String, String)> {
    let mut out = Vec::new();
    let mut offset = 0;
    for (i, raw) in text.split_inclusive('\n').enumerate() {
        let start = offset;
        offset += raw.len();
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let span = start..start + raw.trim_end().len();
        let (phrase, instead) = match (kind, line.split_once("=>")) {
            (PhraseKind::Prohibited, None) => (line, None),
            (PhraseKind::Prohibited, Some(_)) => {
                return Err((
                    span,
                    "a prohibited-phrase file lists phrases only, without `=>`".into(),
                    "write the phrase alone; a wording to use instead belongs in a `preferred` file".into(),
                ));
            }
            (PhraseKind::Preferred, Some((p, s)))
                if !p.trim().is_empty() && !s.trim().is_empty() =>
            {
                (p.trim(), Some(s.trim().to_string()))
            }
            (PhraseKind::Preferred, _) => {
                return Err((
                    span,
                    "a preferred-phrase line needs `phrase => wording to use instead`".into(),
                    "for example `devedor => cliente`".into(),
                ));
            }
        };
        if !phrase.chars().any(char::is_alphanumeric) {
            return Err((
                span,
                format!("`{phrase}` has no letters or digits to match"),
                "write a word or an expression; `#` starts a comment line".into(),
            ));
        }
        out.push(PhraseEntry {
            phrase: phrase.to_string(),
            instead,
            line: i + 1,
        });
    }
    Ok(out)
}

/// Reads (or takes from the process cache) one phrase file.
fn load(
    path: &Path,
    kind: PhraseKind,
    language: &str,
) -> Result<Arc<PhraseFile>, Result<ConfigError, std::io::Error>> {
    let canonical = path.canonicalize().map_err(Err)?;
    let key = (canonical, kind, language.to_string());
    if let Some(file) = READ.lock().unwrap_or_else(|e| e.into_inner()).get(&key) {
        return Ok(file.clone());
    }
    let text = std::fs::read_to_string(path).map_err(Err)?;
    let entries = entries(&text, kind).map_err(|(span, message, help)| {
        Ok(ConfigError {
            path: path.to_path_buf(),
            text: text.clone(),
            span,
            message,
            help: Some(help),
        })
    })?;
    let file = Arc::new(PhraseFile::new(path.to_path_buf(), kind, entries, language));
    READ.lock()
        .unwrap_or_else(|e| e.into_inner())
        .insert(key, file.clone());
    Ok(file)
}

impl Reader<'_> {
    /// `[phrases]`: the lists per language, their files read.
    pub(super) fn phrases(&self, item: &Item) -> Result<Vec<PhraseList>, ConfigError> {
        let Some(table) = item.as_table_like() else {
            return Err(self.error(
                item.span(),
                "`phrases` must be a table of languages".into(),
                Some("for example `[phrases.pt]` then `prohibited = [\"proibidas.txt\"]`".into()),
            ));
        };
        let mut out = Vec::new();
        for (language, lists) in table.iter() {
            let language_span = table.key(language).and_then(|k| k.span());
            let valid = (2..=3).contains(&language.len())
                && language.chars().all(|c| c.is_ascii_lowercase());
            if !valid {
                return Err(self.error(
                    language_span,
                    format!("`{language}` is not a language subtag"),
                    Some(format!(
                        "write the language of the playbooks' locale in lowercase, such as {}",
                        crate::wording::SUPPORTED_LANGUAGES
                            .iter()
                            .map(|l| format!("`{l}`"))
                            .collect::<Vec<_>>()
                            .join(" or ")
                    )),
                ));
            }
            let what = format!("[phrases.{language}]");
            let Some(lists) = lists.as_table_like() else {
                return Err(self.error(
                    lists.span().or(language_span),
                    format!("`{what}` must be a table"),
                    Some("for example `prohibited = [\"proibidas.txt\"]`".into()),
                ));
            };
            self.check_keys(lists, PHRASE_KEYS, &what)?;
            for kind in [PhraseKind::Prohibited, PhraseKind::Preferred] {
                let Some(item) = lists.get(kind.key()) else {
                    continue;
                };
                let mut files = Vec::new();
                for (name, span) in self.strings(item, kind.key())? {
                    let base = self.path.parent().unwrap_or(Path::new(""));
                    let path = base.join(&name);
                    let file = load(&path, kind, language).map_err(|e| match e {
                        Ok(bad_line) => bad_line,
                        Err(io) => self.error(
                            span.clone(),
                            format!("cannot read the phrase file {}: {io}", path.display()),
                            Some(
                                "phrase files are relative to this configuration file's folder"
                                    .into(),
                            ),
                        ),
                    })?;
                    files.push(file);
                }
                out.push(PhraseList {
                    language: language.to_string(),
                    kind,
                    files,
                    origin: self
                        .origin(item.span().or(lists.key(kind.key()).and_then(|k| k.span()))),
                });
            }
        }
        Ok(out)
    }
}

/// The files per language, as the rules read them.
pub fn by_language(lists: &[PhraseList]) -> BTreeMap<String, Vec<Arc<PhraseFile>>> {
    let mut out: BTreeMap<String, Vec<Arc<PhraseFile>>> = BTreeMap::new();
    for list in lists {
        out.entry(list.language.clone())
            .or_default()
            .extend(list.files.iter().cloned());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_skip_comments_and_blank_lines_and_keep_line_numbers() {
        let found = entries(
            "# cabeçalho\n\núltima chance\nnegativ*\n",
            PhraseKind::Prohibited,
        )
        .expect("valid");
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].line, 3);
        assert_eq!(found[1].phrase, "negativ*");
        let preferred = entries("devedor => cliente\n", PhraseKind::Preferred).expect("valid");
        assert_eq!(preferred[0].instead.as_deref(), Some("cliente"));
    }

    #[test]
    fn a_bad_line_is_an_error_at_that_line() {
        let (span, message, _) =
            entries("a => b\ndevedor\n", PhraseKind::Preferred).expect_err("no arrow");
        assert_eq!(span, 7..14);
        assert!(message.contains("=>"), "{message}");
        assert!(entries("a => b\n", PhraseKind::Prohibited).is_err());
        assert!(entries("...\n", PhraseKind::Prohibited).is_err());
        assert!(entries("devedor =>\n", PhraseKind::Preferred).is_err());
    }
}
