//! SMS length as carriers count it (3GPP TS 23.038, the GSM 03.38 alphabet).
//!
//! A message written only with the GSM 7-bit alphabet is counted in septets: 160 fit in one
//! SMS, and a long message is split into segments of 153 (the rest carries the concatenation
//! header). Characters of the extension table (`€`, `[`, `{`, `|`, …) take two septets, an
//! escape and the character. One character outside both tables switches the whole message to
//! UCS-2: 70 UTF-16 units in one SMS, 67 per segment. An escape pair or a surrogate pair is
//! never split across segments, so the count below places them whole.

use std::ops::Range;

/// How the message is encoded on the air.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SmsEncoding {
    /// GSM 7-bit default alphabet (with its extension table).
    Gsm7,
    /// UCS-2 (UTF-16 units), forced by any character outside the GSM alphabet.
    Ucs2,
}

impl SmsEncoding {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Gsm7 => "GSM-7",
            Self::Ucs2 => "UCS-2",
        }
    }
    /// Units that fit in a single, unsplit message.
    pub fn single_limit(self) -> usize {
        match self {
            Self::Gsm7 => 160,
            Self::Ucs2 => 70,
        }
    }
    /// Units per segment of a concatenated message.
    pub fn segment_limit(self) -> usize {
        match self {
            Self::Gsm7 => 153,
            Self::Ucs2 => 67,
        }
    }
}

/// The measured length of one message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SmsLength {
    pub encoding: SmsEncoding,
    /// Characters (Unicode scalar values).
    pub chars: usize,
    /// Septets for GSM-7 (extension characters count 2), UTF-16 units for UCS-2.
    pub units: usize,
    /// Messages the carrier bills: 1 up to the single limit, then one per segment.
    pub segments: usize,
}

/// The GSM 03.38 basic alphabet (the escape code itself left out: nobody types it).
const GSM_BASIC: &str = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?\
¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

/// The GSM 03.38 extension table: each costs an escape septet plus its own.
const GSM_EXTENSION: &str = "^{}\\[~]|€\u{000C}";

/// Septets a character takes in GSM-7, or None when it is outside the alphabet.
pub fn gsm_septets(c: char) -> Option<usize> {
    if GSM_BASIC.contains(c) {
        Some(1)
    } else if GSM_EXTENSION.contains(c) {
        Some(2)
    } else {
        None
    }
}

/// The characters that force UCS-2, with their byte ranges in `text`.
pub fn non_gsm_chars(text: &str) -> Vec<(char, Range<usize>)> {
    text.char_indices()
        .filter(|&(_, c)| gsm_septets(c).is_none())
        .map(|(i, c)| (c, i..i + c.len_utf8()))
        .collect()
}

/// Measures a message as it will be sent.
pub fn measure(text: &str) -> SmsLength {
    let chars = text.chars().count();
    let septets: Option<Vec<usize>> = text.chars().map(gsm_septets).collect();
    let (encoding, costs) = match septets {
        Some(costs) => (SmsEncoding::Gsm7, costs),
        None => (
            SmsEncoding::Ucs2,
            text.chars().map(char::len_utf16).collect(),
        ),
    };
    let units = costs.iter().sum();
    let segments = if units <= encoding.single_limit() {
        1
    } else {
        pack_segments(&costs, encoding.segment_limit())
    };
    SmsLength {
        encoding,
        chars,
        units,
        segments,
    }
}

/// Segments needed when no character's units may be split between two segments.
fn pack_segments(costs: &[usize], limit: usize) -> usize {
    let mut segments = 1;
    let mut used = 0;
    for &cost in costs {
        if used + cost > limit {
            segments += 1;
            used = 0;
        }
        used += cost;
    }
    segments
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_ascii_fits_160() {
        let m = measure(&"a".repeat(160));
        assert_eq!(
            (m.encoding, m.units, m.segments),
            (SmsEncoding::Gsm7, 160, 1)
        );
        let m = measure(&"a".repeat(161));
        assert_eq!(m.segments, 2);
        assert_eq!(measure(&"a".repeat(306)).segments, 2);
        assert_eq!(measure(&"a".repeat(307)).segments, 3);
    }

    #[test]
    fn extension_characters_count_twice() {
        let m = measure("Pay €10 {now}");
        assert_eq!(m.encoding, SmsEncoding::Gsm7);
        assert_eq!(m.chars, 13);
        assert_eq!(m.units, 16);
        // 80 euro signs are 160 septets: one message; 81 overflow into segments of 76 pairs.
        assert_eq!(measure(&"€".repeat(80)).segments, 1);
        assert_eq!(measure(&"€".repeat(81)).segments, 2);
        // 152 plain + one € would straddle 153: the pair moves whole to the next segment.
        let straddling = format!("{}€{}", "a".repeat(152), "a".repeat(10));
        assert_eq!(measure(&straddling).segments, 2);
    }

    #[test]
    fn portuguese_accents_outside_gsm_force_ucs2() {
        // é and à are in the GSM alphabet; ç (lowercase), ã and õ are not.
        assert_eq!(measure("Olá, você é bem-vindo").encoding, SmsEncoding::Ucs2);
        assert_eq!(measure("é à ü Ñ").encoding, SmsEncoding::Gsm7);
        let offenders: Vec<char> = non_gsm_chars("Negociação")
            .into_iter()
            .map(|(c, _)| c)
            .collect();
        assert_eq!(offenders, ['ç', 'ã']);
    }

    #[test]
    fn ucs2_limits_are_70_and_67() {
        let text = format!("ç{}", "a".repeat(69));
        assert_eq!(measure(&text).segments, 1);
        let text = format!("ç{}", "a".repeat(70));
        let m = measure(&text);
        assert_eq!(
            (m.encoding, m.units, m.segments),
            (SmsEncoding::Ucs2, 71, 2)
        );
        assert_eq!(measure(&format!("ç{}", "a".repeat(134))).segments, 3);
    }

    #[test]
    fn emoji_take_two_utf16_units() {
        let m = measure("Hi 👋");
        assert_eq!((m.encoding, m.chars, m.units), (SmsEncoding::Ucs2, 4, 5));
    }

    #[test]
    fn empty_message_is_one_segment() {
        assert_eq!(measure("").segments, 1);
    }
}
