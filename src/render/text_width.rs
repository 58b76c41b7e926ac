//! Text widths for laying out diagram labels without a browser.
//!
//! The diagram's font stack is `system-ui, …, sans-serif`; which face a reader gets is not known
//! when the SVG is written. The widths below are the advance widths of **DejaVu Sans** (read from
//! its `hmtx` table, in thousandths of an em), the widest common sans-serif and the face Linux
//! falls back to: Segoe UI, San Francisco, Roboto, Helvetica and Arial are all narrower, so a label
//! that fits with these widths fits in every face of the stack. Characters outside Basic Latin and
//! Latin-1/Latin Extended-A count a full em (conservative for CJK and symbols); combining marks and
//! zero-width characters count nothing.

/// Advance widths of U+0020..U+007E.
const ASCII: [u16; 95] = [
    318, 401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361, 318, 337, 636, 636, 636,
    636, 636, 636, 636, 636, 636, 636, 337, 337, 838, 838, 838, 531, 1000, 684, 686, 698, 770, 632,
    575, 775, 752, 295, 295, 656, 557, 863, 748, 787, 603, 787, 695, 635, 611, 732, 684, 989, 685,
    611, 685, 390, 337, 390, 838, 500, 500, 613, 635, 550, 635, 615, 352, 635, 634, 278, 278, 579,
    278, 974, 634, 612, 635, 635, 411, 521, 392, 634, 592, 818, 592, 592, 525, 636, 337, 636, 838,
];

/// Advance widths of U+00A0..U+017F.
const LATIN: [u16; 224] = [
    318, 401, 636, 636, 636, 636, 337, 500, 500, 1000, 471, 612, 838, 361, 1000, 500, 500, 838,
    401, 401, 500, 636, 636, 318, 500, 401, 471, 612, 969, 969, 969, 531, 684, 684, 684, 684, 684,
    684, 974, 698, 632, 632, 632, 632, 295, 295, 295, 295, 775, 748, 787, 787, 787, 787, 787, 838,
    787, 732, 732, 732, 732, 611, 605, 630, 613, 613, 613, 613, 613, 613, 982, 550, 615, 615, 615,
    615, 278, 278, 278, 278, 612, 634, 612, 612, 612, 612, 612, 838, 612, 634, 634, 634, 634, 592,
    635, 592, 684, 613, 684, 613, 684, 613, 698, 550, 698, 550, 698, 550, 698, 550, 770, 635, 775,
    635, 632, 615, 632, 615, 632, 615, 632, 615, 632, 615, 775, 635, 775, 635, 775, 635, 775, 635,
    752, 634, 916, 695, 295, 278, 295, 278, 295, 278, 295, 278, 295, 278, 590, 556, 295, 278, 656,
    579, 579, 557, 278, 557, 278, 557, 375, 557, 342, 562, 284, 748, 634, 748, 634, 748, 634, 813,
    748, 634, 787, 612, 787, 612, 787, 612, 1070, 1023, 695, 411, 695, 411, 695, 411, 635, 521,
    635, 521, 635, 521, 635, 521, 611, 392, 611, 392, 611, 392, 732, 634, 732, 634, 732, 634, 732,
    634, 732, 634, 732, 634, 989, 818, 611, 592, 611, 685, 525, 685, 525, 685, 525, 352,
];

/// Width of one character, in thousandths of an em.
fn advance(c: char) -> u32 {
    let code = c as u32;
    match code {
        0x20..=0x7e => u32::from(ASCII[(code - 0x20) as usize]),
        0xa0..=0x17f => u32::from(LATIN[(code - 0xa0) as usize]),
        0x300..=0x36f | 0x200b..=0x200f | 0x2060..=0x2064 | 0xfe00..=0xfe0f => 0,
        _ => 1000,
    }
}

/// Width of `text` set at `font_px` pixels.
pub fn text_width(text: &str, font_px: f64) -> f64 {
    let thousandths: u32 = text.chars().map(advance).sum();
    f64::from(thousandths) * font_px / 1000.0
}

/// Splits `text` into lines no wider than `max_px` at `font_px`, at most `max_lines` of them;
/// a word too long for a line is cut with an ellipsis, and text left over ends the last line
/// with one. Returns the lines and whether anything was cut.
pub fn wrap_to_width(
    text: &str,
    font_px: f64,
    max_px: f64,
    max_lines: usize,
) -> (Vec<String>, bool) {
    let fits = |s: &str| text_width(s, font_px) <= max_px;
    let shorten = |s: &str| {
        let mut out: String = s.to_string();
        while !out.is_empty() && !fits(&format!("{out}…")) {
            out.pop();
        }
        format!("{}…", out.trim_end())
    };
    let mut lines: Vec<String> = Vec::new();
    let mut cut = false;
    let mut current = String::new();
    for word in text.split_whitespace() {
        let candidate = if current.is_empty() {
            word.to_string()
        } else {
            format!("{current} {word}")
        };
        if fits(&candidate) {
            current = candidate;
            continue;
        }
        if !current.is_empty() {
            lines.push(std::mem::take(&mut current));
        }
        if fits(word) {
            current = word.to_string();
        } else {
            lines.push(shorten(word));
            cut = true;
        }
    }
    if !current.is_empty() {
        lines.push(current);
    }
    if lines.len() > max_lines {
        lines.truncate(max_lines);
        cut = true;
        if let Some(last) = lines.last_mut() {
            let base = last.trim_end_matches('…').to_string();
            *last = shorten(&base);
            if !last.ends_with('…') {
                last.push('…');
            }
        }
    }
    (lines, cut)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_follow_the_table() {
        assert_eq!(text_width("", 13.0), 0.0);
        // "i" is narrow, "W" wide: a per-character count would get both wrong.
        assert!(text_width("iiii", 10.0) < text_width("WW", 10.0));
        assert!((text_width("a", 1000.0) - 613.0).abs() < 1e-9);
        assert!((text_width("ã", 1000.0) - 613.0).abs() < 1e-9);
        assert_eq!(text_width("中", 12.0), 12.0);
    }

    #[test]
    fn wrapping_never_exceeds_the_width() {
        let text = "Customer disputes the amount or says the debt is not theirs";
        let (lines, cut) = wrap_to_width(text, 12.0, 120.0, 4);
        assert!(!cut, "{lines:?}");
        assert!(lines.len() > 1);
        for line in &lines {
            assert!(text_width(line, 12.0) <= 120.0, "{line}");
        }
        assert_eq!(lines.join(" "), text);
        let (lines, cut) = wrap_to_width(&"x".repeat(200), 12.0, 100.0, 2);
        assert!(cut && lines.len() == 1 && lines[0].ends_with('…'));
        assert!(text_width(&lines[0], 12.0) <= 100.0);
        let (lines, cut) = wrap_to_width("a b c d e f g h", 12.0, 10.0, 2);
        assert!(cut && lines.len() == 2 && lines[1].ends_with('…'));
    }
}
