//! Bidirectional formatting characters: which ones reorder text, their names, and a way to
//! show them without letting them act.
//!
//! The embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) change the display
//! order of everything up to their terminator or the end of the paragraph: "0021 ZAR" written
//! after U+202E shows as "RAZ 1200". The marks U+200E, U+200F and U+061C are not counted: they
//! are strong directional characters with no scope, which right-to-left scripts need for
//! punctuation, and they cannot reverse a word or a number (rustc's
//! `text_direction_codepoint_in_literal` lint draws the same line).

/// Whether `c` is an embedding, override or isolate control (or their terminators).
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// The Unicode name of a bidi control, lowercased; None for other characters.
pub fn control_name(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{202A}' => "left-to-right embedding",
        '\u{202B}' => "right-to-left embedding",
        '\u{202C}' => "pop directional formatting",
        '\u{202D}' => "left-to-right override",
        '\u{202E}' => "right-to-left override",
        '\u{2066}' => "left-to-right isolate",
        '\u{2067}' => "right-to-left isolate",
        '\u{2068}' => "first strong isolate",
        '\u{2069}' => "pop directional isolate",
        _ => return None,
    })
}

/// Whether `text` holds a bidi control: a search for their common lead byte, not a decoding of
/// every character (most files have none, and every file is asked).
pub fn has_controls(text: &str) -> bool {
    let bytes = text.as_bytes();
    // U+202A–U+202E are E2 80 AA–AE in UTF-8; U+2066–U+2069 are E2 81 A6–A9.
    memchr::memchr_iter(0xE2, bytes).any(|at| {
        matches!(
            (bytes.get(at + 1), bytes.get(at + 2)),
            (Some(0x80), Some(0xAA..=0xAE)) | (Some(0x81), Some(0xA6..=0xA9))
        )
    })
}

/// Byte offsets and characters of every bidi control in `text`.
pub fn controls(text: &str) -> impl Iterator<Item = (usize, char)> + '_ {
    text.char_indices().filter(|&(_, c)| is_bidi_control(c))
}

/// `text` with each bidi control replaced by U+FFFD, which has the same UTF-8 length (three
/// bytes), so byte offsets and column counts computed on the original still hold.
pub fn neutralized(text: &str) -> std::borrow::Cow<'_, str> {
    if !has_controls(text) {
        return std::borrow::Cow::Borrowed(text);
    }
    std::borrow::Cow::Owned(
        text.chars()
            .map(|c| if is_bidi_control(c) { '\u{FFFD}' } else { c })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lead_byte_search_finds_exactly_the_controls() {
        for c in ('\u{2000}'..='\u{20FF}').chain(['\u{061C}', '\u{200E}', 'a', '“', '€']) {
            let text = format!("ab{c}cd");
            assert_eq!(
                has_controls(&text),
                controls(&text).next().is_some(),
                "U+{:04X}",
                c as u32
            );
        }
        assert!(!has_controls(""));
        assert!(!has_controls("\u{2029}\u{2065}\u{206A}"));
    }

    #[test]
    fn overrides_and_isolates_count_marks_do_not() {
        for c in ['\u{202A}', '\u{202E}', '\u{2066}', '\u{2069}'] {
            assert!(is_bidi_control(c) && control_name(c).is_some());
        }
        for c in ['\u{200E}', '\u{200F}', '\u{061C}', 'a', '\u{200B}'] {
            assert!(!is_bidi_control(c));
        }
    }

    #[test]
    fn neutralizing_keeps_byte_offsets() {
        let text = "pay \u{202E}0021 ZAR\u{202C} now";
        let shown = neutralized(text);
        assert_eq!(shown.len(), text.len());
        assert_eq!(shown, "pay \u{FFFD}0021 ZAR\u{FFFD} now");
        assert!(matches!(
            neutralized("plain"),
            std::borrow::Cow::Borrowed(_)
        ));
    }
}
