//! Building fixes: byte-range edits on the source as written, made only when the replacement is
//! certain to be read back as intended. Every builder checks the bytes it replaces against what
//! the parser decoded, so an escape, a fold or an alias never gets a guessed edit.

use std::ops::Range;

use crate::diagnostic::{Applicability, Edit, Fix, Location, Part};
use crate::source::{ScalarStyle, SourceFile};

/// How a name is written: bare, `'single'` or `"double"` quoted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Quoting {
    Plain,
    Single,
    Double,
}

/// How `raw` (the source bytes of a key or scalar) writes `name`, when it writes it verbatim.
fn quoting(raw: &str, name: &str) -> Option<Quoting> {
    if raw == name {
        Some(Quoting::Plain)
    } else if raw.strip_prefix('\'').and_then(|r| r.strip_suffix('\'')) == Some(name) {
        Some(Quoting::Single)
    } else if raw.strip_prefix('"').and_then(|r| r.strip_suffix('"')) == Some(name) {
        Some(Quoting::Double)
    } else {
        None
    }
}

/// Words YAML parsers read as something other than text when written bare.
const RESERVED_WORDS: &[&str] = &["true", "false", "null", "yes", "no", "on", "off", "y", "n"];

/// Whether `name` reads back as the same text when written with `quoting` (and inside a flow
/// collection): letters, digits, `-`, `_` and `.`, starting with a letter or `_` when bare.
fn writes_as(name: &str, quoting: Quoting) -> bool {
    let ordinary = |c: char| c.is_alphanumeric() || matches!(c, '-' | '_' | '.');
    match quoting {
        Quoting::Plain => {
            name.chars()
                .next()
                .is_some_and(|c| c.is_alphabetic() || c == '_')
                && name.chars().all(ordinary)
                && !RESERVED_WORDS.contains(&name.to_lowercase().as_str())
        }
        Quoting::Single | Quoting::Double => {
            !name.is_empty() && name.chars().all(|c| ordinary(c) || c == ' ')
        }
    }
}

/// A safe fix that renames `old` to `new` where a location (a key, or a scalar value) writes it.
/// None when the location is not written verbatim in the source (an alias, an escape, a
/// pointer the source does not hold) or when `new` would need different quoting.
pub fn rename(source: &SourceFile, at: &Location, old: &str, new: &str) -> Option<Fix> {
    let Location::Node { pointer, part } = at else {
        return None;
    };
    let span = source.spans.get(pointer)?;
    let range = match part {
        Part::Key => span.key.clone()?,
        Part::Value => span.value.clone(),
        Part::Text(_) => return None,
    };
    let quoting = quoting(source.text.get(range.clone())?, old)?;
    if !writes_as(new, quoting) {
        return None;
    }
    let inner = match quoting {
        Quoting::Plain => range,
        Quoting::Single | Quoting::Double => range.start + 1..range.end - 1,
    };
    Some(Fix {
        description: format!("replace `{old}` with `{new}`"),
        applicability: Applicability::Safe,
        edits: vec![Edit {
            range: inner,
            replacement: new.to_string(),
        }],
    })
}

/// Whether `words` can stand inside a scalar of `style` as written, with no escape or quote:
/// letters, digits, spaces and a little punctuation that no YAML style treats specially
/// mid-text.
fn fits_inside(words: &str, style: ScalarStyle) -> bool {
    let ordinary = |c: char| c.is_alphanumeric() || matches!(c, ' ' | '-' | '_' | '.' | ',');
    let plain_safe = !words.contains(" #") && !words.ends_with(' ') && !words.starts_with(' ');
    !words.is_empty() && words.chars().all(ordinary) && (style != ScalarStyle::Plain || plain_safe)
}

/// A fix that replaces bytes `decoded` of the text at `pointer` (as the rules see it) with
/// `replacement`, when those bytes are written in the source exactly as `expected` on one line.
pub fn replace_words(
    source: &SourceFile,
    pointer: &str,
    decoded: Range<usize>,
    expected: &str,
    replacement: &str,
    applicability: Applicability,
) -> Option<Fix> {
    let span = source.spans.get(pointer)?;
    let style = span.style?;
    let raw = source.resolve(&Location::text(pointer, decoded));
    let written = source.text.get(raw.clone())?;
    if written != expected
        || written.contains(['\n', '\r'])
        || raw.start < span.value.start
        || raw.end > span.value.end
        || !fits_inside(replacement, style)
    {
        return None;
    }
    Some(Fix {
        description: format!("replace \"{expected}\" with \"{replacement}\""),
        applicability,
        edits: vec![Edit {
            range: raw,
            replacement: replacement.to_string(),
        }],
    })
}

/// An unsafe fix that ends the text at `pointer` with `sentence` (after a space), for a plain
/// or quoted scalar whose last word is written as decoded. Block scalars (`|`, `>`) get none:
/// where their last line ends is a matter of indentation and chomping better left to a person.
pub fn append_sentence(source: &SourceFile, pointer: &str, sentence: &str) -> Option<Fix> {
    let span = source.spans.get(pointer)?;
    let decoded = source.value.pointer(pointer)?.as_str()?;
    let raw = source.text.get(span.value.clone())?;
    let (body, at, forbidden): (&str, usize, &[&str]) = match span.style? {
        ScalarStyle::Plain => (raw, span.value.end, &[": ", " #", "\n"]),
        ScalarStyle::DoubleQuoted => (raw.strip_suffix('"')?, span.value.end - 1, &["\"", "\\"]),
        ScalarStyle::SingleQuoted => (raw.strip_suffix('\'')?, span.value.end - 1, &["'"]),
        ScalarStyle::Literal | ScalarStyle::Folded => return None,
    };
    let last_word = decoded.split_whitespace().last().unwrap_or_default();
    if !body.ends_with(last_word) || forbidden.iter().any(|f| sentence.contains(f)) {
        return None;
    }
    let separator = if decoded.is_empty() || decoded.ends_with(char::is_whitespace) {
        ""
    } else {
        " "
    };
    Some(Fix {
        description: format!("add \"{sentence}\""),
        applicability: Applicability::Unsafe,
        edits: vec![Edit {
            range: at..at,
            replacement: format!("{separator}{sentence}"),
        }],
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::{Limits, parse};

    fn loaded(text: &str) -> SourceFile {
        let mut source = SourceFile::new("t.yaml".into(), text.to_string());
        parse(&mut source, &Limits::default());
        source
    }

    fn applied(source: &SourceFile, fix: &Fix) -> String {
        crate::fix::apply(&source.text, &[fix])
    }

    #[test]
    fn names_are_renamed_inside_their_quotes_and_only_when_written_verbatim() {
        let source = loaded("a: retrono\nb: \"retrono\"\nc: 're''trono'\nd: *x\n");
        let plain = rename(&source, &Location::value("/a"), "retrono", "retorno").expect("a");
        assert_eq!(
            applied(&source, &plain),
            "a: retorno\nb: \"retrono\"\nc: 're''trono'\nd: *x\n"
        );
        let quoted = rename(&source, &Location::value("/b"), "retrono", "retorno").expect("b");
        assert_eq!(quoted.edits[0].range, 15..22);
        assert!(rename(&source, &Location::value("/c"), "re'trono", "retorno").is_none());
        assert!(rename(&source, &Location::value("/zz"), "x", "y").is_none());
    }

    #[test]
    fn a_bare_name_that_would_read_as_something_else_is_not_written() {
        let source = loaded("a: ture\nb: stp\n");
        assert!(rename(&source, &Location::value("/a"), "ture", "true").is_none());
        assert!(rename(&source, &Location::value("/b"), "stp", "1step").is_none());
        assert!(rename(&source, &Location::value("/b"), "stp", "a: b").is_none());
        assert!(rename(&source, &Location::key("/b"), "b", "step").is_some());
    }

    #[test]
    fn sentences_are_appended_inside_the_quotes_and_never_to_block_scalars() {
        let source = loaded("a: \"Call us.\"\nb: Call us.\nc: |\n  Call us.\nd: 'Call us.'\n");
        let double = append_sentence(&source, "/a", "Reply STOP to opt out.").expect("a");
        assert_eq!(
            applied(&source, &double).lines().next(),
            Some("a: \"Call us. Reply STOP to opt out.\"")
        );
        let plain = append_sentence(&source, "/b", "Reply STOP to opt out.").expect("b");
        assert_eq!(
            applied(&source, &plain).lines().nth(1),
            Some("b: Call us. Reply STOP to opt out.")
        );
        assert!(append_sentence(&source, "/c", "Reply STOP.").is_none());
        assert!(append_sentence(&source, "/d", "Don't.").is_none());
        assert_eq!(double.applicability, Applicability::Unsafe);
    }

    #[test]
    fn words_are_replaced_only_where_the_source_writes_them_as_decoded() {
        let source = loaded(
            "a: \"Call the debtor now\"\nb: \"Call the \\x64ebtor\"\nc: >\n  Call the\n  debtor\n",
        );
        let fix = replace_words(
            &source,
            "/a",
            9..15,
            "debtor",
            "customer",
            Applicability::Safe,
        )
        .expect("verbatim");
        assert_eq!(
            applied(&source, &fix).lines().next(),
            Some("a: \"Call the customer now\"")
        );
        assert!(
            replace_words(
                &source,
                "/b",
                9..15,
                "debtor",
                "customer",
                Applicability::Safe
            )
            .is_none()
        );
        // Folded across a line break: the decoded space is a newline in the source.
        assert!(
            replace_words(
                &source,
                "/c",
                5..15,
                "the debtor",
                "the customer",
                Applicability::Safe
            )
            .is_none()
        );
        assert!(
            replace_words(&source, "/a", 9..15, "debtor", "x\"y", Applicability::Safe).is_none()
        );
    }
}
