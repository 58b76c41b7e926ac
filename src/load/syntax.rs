//! YAML parse errors made into findings that point where the mistake is, not where the parser
//! gave up.
//!
//! A quote left open runs on to the next quote of the same kind, often several lines below; the
//! parser then complains about what follows that quote. The mistake is where the string opened,
//! so the finding points there and names the far end as related.

use std::ops::Range;

use crate::diagnostic::{Finding, Location};

const SYNTAX: &str = "yaml/syntax";

/// The finding for a parse error `info` at byte `at` of `text`.
pub fn parse_error(text: &str, info: &str, at: usize) -> Finding {
    if let Some(open) = runaway_quote(text, info, at) {
        let close = at.saturating_sub(1);
        let line_of = |byte: usize| text[..byte.min(text.len())].matches('\n').count() + 1;
        let (open_line, close_line) = (line_of(open.start), line_of(close));
        return Finding::new(
            SYNTAX,
            format!("invalid YAML: the quote opened on line {open_line} is not closed on its line"),
            Location::Bytes(open),
        )
        .label(format!("this text runs on to line {close_line}"))
        .related(
            Location::Bytes(close..at),
            "YAML takes this quote as its end",
        )
        .help(format!(
            "close the quote at the end of line {open_line}; a quote inside the text is written \
             `\\\"` in double quotes or `''` in single quotes"
        ));
    }
    Finding::new(
        SYNTAX,
        format!("invalid YAML: {info}"),
        Location::Bytes(at..at),
    )
    .label("here")
    .help("check the indentation and the quotes on this line and the one before")
}

/// Where the quoted scalar that ends just before `at` opened, when the error is about what
/// follows a quoted scalar and that scalar spans lines (a quoted prompt is one line; a string
/// that swallowed line breaks is a quote left open).
fn runaway_quote(text: &str, info: &str, at: usize) -> Option<Range<usize>> {
    if !info.contains("quoted scalar") || at == 0 || at > text.len() {
        return None;
    }
    let bytes = text.as_bytes();
    let close = at - 1;
    let quote = bytes[close];
    if quote != b'"' && quote != b'\'' {
        return None;
    }
    let mut i = close;
    let open = loop {
        if i == 0 {
            return None;
        }
        i -= 1;
        if bytes[i] != quote {
            continue;
        }
        let escaped = match quote {
            b'"' => i > 0 && bytes[i - 1] == b'\\',
            _ => i > 0 && bytes[i - 1] == b'\'',
        };
        if escaped {
            // `\"` inside double quotes; `''` inside single quotes (skip both).
            if quote == b'\'' {
                i -= 1;
            }
            continue;
        }
        break i;
    };
    text[open..close].contains('\n').then_some(open..open + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_quote_left_open_is_reported_where_it_opened() {
        let text = "say:\n  - \"Hello\n  - more\n  - \"Bye\"\n";
        let at = text.find("Bye").unwrap_or_default();
        let f = parse_error(
            text,
            "invalid trailing content after double-quoted scalar",
            at,
        );
        assert_eq!(f.primary.location, Location::Bytes(9..10));
        assert!(f.message.contains("line 2"), "{}", f.message);
        assert_eq!(f.related.len(), 1);
    }

    #[test]
    fn a_closed_one_line_string_keeps_the_parser_position() {
        let text = "say: \"Hello\" x\n";
        let at = text.find(" x").unwrap_or_default();
        let f = parse_error(
            text,
            "invalid trailing content after double-quoted scalar",
            at,
        );
        assert_eq!(f.primary.location, Location::Bytes(at..at));
        let single = "say: 'it''s\n  x' y\n";
        let at = single.find(" y").unwrap_or_default();
        let f = parse_error(
            single,
            "invalid trailing content after single-quoted scalar",
            at,
        );
        assert_eq!(f.primary.location, Location::Bytes(5..6));
    }
}
