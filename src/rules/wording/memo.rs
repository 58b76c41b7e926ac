//! One scan per distinct text of a playbook. Playbooks repeat themselves (the same branch label
//! on every step, the same `avoid` line under each offer, the same closing line in every
//! template), and a scan is a pure function of the text and the language it is read in, so a
//! text met again reuses the first reading instead of being normalised and analysed again.

use crate::source::FastMap;

use crate::wording::{self, Hit, Normalized};

/// The readings of one playbook's texts, by (text, language).
#[derive(Default)]
pub struct ScanMemo<'t> {
    readings: FastMap<(&'t str, &'t str), (Normalized, Vec<Hit>)>,
}

impl<'t> ScanMemo<'t> {
    /// The normalisation and the hits of `text` read as `language`, computed the first time.
    pub fn read(&mut self, text: &'t str, language: &'t str) -> &(Normalized, Vec<Hit>) {
        self.readings.entry((text, language)).or_insert_with(|| {
            let normalized = wording::normalize(text, language);
            let hits = wording::scan_normalized(text, &normalized, language);
            (normalized, hits)
        })
    }

    /// The hits of `text` read as `language`.
    pub fn hits(&mut self, text: &'t str, language: &'t str) -> &[Hit] {
        &self.read(text, language).1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_met_again_reads_as_the_first_time() {
        let mut memo = ScanMemo::default();
        let first = memo.hits("We will sue you tomorrow.", "en").to_vec();
        assert!(!first.is_empty());
        assert_eq!(
            memo.hits("We will sue you tomorrow.", "en"),
            first.as_slice()
        );
        // The same words read in another language are another reading.
        assert_ne!(
            memo.hits("We will sue you tomorrow.", "pt"),
            first.as_slice()
        );
        assert_eq!(memo.readings.len(), 2);
    }
}
