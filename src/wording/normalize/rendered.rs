//! The characters a person sees when a text is rendered: HTML entities decoded (`j&#97;il`,
//! `ja&shy;il`), Markdown link syntax and HTML tags dropped so the label reads as plain text
//! (`[ja](x)il` → `jail`), and a right-to-left override read in the order it is displayed
//! (`U+202E liaj U+202C` shows `jail`). Every character keeps the byte range it was written as,
//! so an entity maps back to the whole entity and a reversed letter to its own byte.

use std::sync::LazyLock;

use regex::Regex;

/// One rendered character, the original bytes it came from, and whether it lies inside a web
/// address or an e-mail address (read verbatim: no leetspeak, no joining of split letters).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shown {
    pub c: char,
    pub start: usize,
    pub end: usize,
    pub verbatim: bool,
}

/// Markdown links (`[label](target)`), HTML tags, web and e-mail addresses.
static LINK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\[([^\[\]\n]{1,200})\]\([^()\s]{0,500}\)").expect("markdown link pattern")
});
static TAG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"</?[A-Za-z][A-Za-z0-9]{0,15}(?:\s[^<>\n]{0,200})?/?>").expect("html tag pattern")
});
static ADDRESS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:https?://|www\.)[^\s<>()\[\]]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
        .expect("address pattern")
});

/// Whether `ADDRESS` can match at all: each of its forms needs `://`, `www.` (in any case) or
/// `@`. The pattern starts with a character class, so the regex has no literal to skip ahead
/// with and would otherwise run over every text; most texts have none of the three.
fn may_hold_address(text: &str) -> bool {
    text.contains('@')
        || text.contains("://")
        || text
            .as_bytes()
            .windows(4)
            .any(|w| w.eq_ignore_ascii_case(b"www."))
}

const RIGHT_TO_LEFT_OVERRIDE: char = '\u{202E}';
const POP_DIRECTIONAL: char = '\u{202C}';

/// The text as shown, character by character.
pub fn rendered(text: &str) -> Vec<Shown> {
    // Byte ranges of markup that renders as nothing.
    let mut hidden: Vec<(usize, usize)> = Vec::new();
    // A link needs `[` and a tag `<`: without them the patterns are not run at all.
    if text.contains('[') {
        for caps in LINK.captures_iter(text) {
            let (Some(whole), Some(label)) = (caps.get(0), caps.get(1)) else {
                continue;
            };
            hidden.push((whole.start(), label.start()));
            hidden.push((label.end(), whole.end()));
        }
    }
    if text.contains('<') {
        for tag in TAG.find_iter(text) {
            hidden.push((tag.start(), tag.end()));
        }
    }
    hidden.sort_unstable();
    let verbatim: Vec<(usize, usize)> = if may_hold_address(text) {
        ADDRESS
            .find_iter(text)
            .map(|m| (m.start(), m.end()))
            .collect()
    } else {
        Vec::new()
    };
    let mut out = Vec::with_capacity(text.len());
    let mut hidden_at = 0;
    let mut verbatim_at = 0;
    let mut i = 0;
    let bytes = text.as_bytes();
    while i < text.len() {
        while hidden_at < hidden.len() && hidden[hidden_at].1 <= i {
            hidden_at += 1;
        }
        if let Some(&(s, e)) = hidden.get(hidden_at)
            && s <= i
        {
            i = e.max(i + 1);
            while !text.is_char_boundary(i) {
                i += 1;
            }
            continue;
        }
        while verbatim_at < verbatim.len() && verbatim[verbatim_at].1 <= i {
            verbatim_at += 1;
        }
        let in_address = verbatim.get(verbatim_at).is_some_and(|&(s, _)| s <= i);
        if bytes[i] == b'&'
            && !in_address
            && let Some((c, len)) = entity(&text[i..])
        {
            out.push(Shown {
                c,
                start: i,
                end: i + len,
                verbatim: false,
            });
            i += len;
            continue;
        }
        let c = text[i..].chars().next().unwrap_or(' ');
        out.push(Shown {
            c,
            start: i,
            end: i + c.len_utf8(),
            verbatim: in_address,
        });
        i += c.len_utf8();
    }
    reverse_overrides(&mut out);
    out
}

/// Letters between a right-to-left override and the end of its run are displayed in reverse.
fn reverse_overrides(shown: &mut [Shown]) {
    let mut i = 0;
    while i < shown.len() {
        if shown[i].c != RIGHT_TO_LEFT_OVERRIDE {
            i += 1;
            continue;
        }
        let start = i + 1;
        let mut end = start;
        while end < shown.len() && !matches!(shown[end].c, POP_DIRECTIONAL | '\n' | '\u{2029}') {
            end += 1;
        }
        shown[start..end].reverse();
        i = end + 1;
    }
}

/// An HTML character reference at the start of `s`: the character and the reference's length.
fn entity(s: &str) -> Option<(char, usize)> {
    let end = s.get(..s.len().min(12))?.find(';')?;
    let body = &s[1..end];
    let c = if let Some(number) = body.strip_prefix('#') {
        let value = match number.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => number.parse().ok()?,
        };
        char::from_u32(value).filter(|c| *c != '\0')?
    } else {
        named_entity(body)?
    };
    Some((c, end + 1))
}

/// The named references people paste from HTML e-mails and word processors.
fn named_entity(name: &str) -> Option<char> {
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{A0}',
        "shy" => '\u{AD}',
        "zwj" => '\u{200D}',
        "zwnj" => '\u{200C}',
        "ndash" => '–',
        "mdash" => '—',
        "lsquo" => '‘',
        "rsquo" => '’',
        "ldquo" => '“',
        "rdquo" => '”',
        "hellip" => '…',
        "euro" => '€',
        "pound" => '£',
        "aacute" => 'á',
        "eacute" => 'é',
        "iacute" => 'í',
        "oacute" => 'ó',
        "uacute" => 'ú',
        "agrave" => 'à',
        "acirc" => 'â',
        "ecirc" => 'ê',
        "ocirc" => 'ô',
        "atilde" => 'ã',
        "otilde" => 'õ',
        "ccedil" => 'ç',
        "uuml" => 'ü',
        "Aacute" => 'Á',
        "Eacute" => 'É',
        "Iacute" => 'Í',
        "Oacute" => 'Ó',
        "Uacute" => 'Ú',
        "Agrave" => 'À',
        "Acirc" => 'Â',
        "Ecirc" => 'Ê',
        "Ocirc" => 'Ô',
        "Atilde" => 'Ã',
        "Otilde" => 'Õ',
        "Ccedil" => 'Ç',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(text: &str) -> String {
        rendered(text).iter().map(|s| s.c).collect()
    }

    /// The quick test never rules out a text the address pattern matches.
    #[test]
    fn the_address_screen_keeps_every_address() {
        for text in [
            "see HTTPS://acme.example/pay",
            "WwW.acme.example",
            "write to help@acme.example",
            "ftp://x.y",
            "no address here, www or https",
        ] {
            assert_eq!(
                ADDRESS.is_match(text),
                may_hold_address(text) && ADDRESS.is_match(text),
                "{text}"
            );
            assert_eq!(
                may_hold_address(text),
                !text.starts_with("no address"),
                "{text}"
            );
        }
    }

    #[test]
    fn entities_links_tags_and_overrides_render_as_read() {
        assert_eq!(
            shown("j&#97;il ja&shy;il j&#x61;il"),
            "jail ja\u{AD}il jail"
        );
        assert_eq!(shown("[ja](https://x.example)il"), "jail");
        assert_eq!(shown("<b>ja</b>il"), "jail");
        assert_eq!(
            shown("go to \u{202E}liaj\u{202C} now"),
            "go to \u{202E}jail\u{202C} now"
        );
        assert_eq!(shown("AT&T & co; &bogus; &#0;"), "AT&T & co; &bogus; &#0;");
    }

    #[test]
    fn entities_keep_their_whole_span_and_addresses_are_verbatim() {
        let text = "c&#97;l help@x.example";
        let chars = rendered(text);
        assert_eq!((chars[1].start, chars[1].end), (1, 6));
        assert!(chars.iter().filter(|s| s.verbatim).count() == "help@x.example".len());
        assert!(!chars[0].verbatim);
    }
}
