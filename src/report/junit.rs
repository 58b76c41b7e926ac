//! `--format junit`: JUnit XML for CI systems that show test reports (GitLab, Jenkins, Azure).
//! One test suite per playbook; one failing test case per finding (its type is the severity),
//! and one passing case for a playbook without findings, so every file checked is visible.

use super::Diagnostic;
use super::links::full_message;

/// `files` lists every playbook of the run, findings or not, in output order.
pub fn render(diagnostics: &[Diagnostic], files: &[String]) -> String {
    let total = diagnostics.len();
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let tests = total
        + files
            .iter()
            .filter(|f| !has_findings(diagnostics, f))
            .count();
    out.push_str(&format!(
        "<testsuites name=\"cordial\" tests=\"{tests}\" failures=\"{total}\" errors=\"0\">\n"
    ));
    for file in files {
        let found: Vec<&Diagnostic> = diagnostics
            .iter()
            .filter(|d| &d.primary.place.file == file)
            .collect();
        out.push_str(&format!(
            "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"0\">\n",
            escape(file),
            found.len().max(1),
            found.len()
        ));
        if found.is_empty() {
            out.push_str(&format!(
                "    <testcase name=\"no findings\" classname=\"{}\"/>\n",
                escape(file)
            ));
        }
        for d in found {
            let p = &d.primary.place;
            out.push_str(&format!(
                "    <testcase name=\"{} at {}:{}\" classname=\"{}\" file=\"{}\" line=\"{}\">\n",
                escape(d.code),
                p.start.line,
                p.start.column,
                escape(file),
                escape(file),
                p.start.line
            ));
            out.push_str(&format!(
                "      <failure type=\"{}\" message=\"{}\">{}:{}:{}: {}</failure>\n",
                d.severity.as_str(),
                escape(&d.message),
                escape(file),
                p.start.line,
                p.start.column,
                escape(&full_message(d))
            ));
            out.push_str("    </testcase>\n");
        }
        out.push_str("  </testsuite>\n");
    }
    out.push_str("</testsuites>\n");
    out
}

fn has_findings(diagnostics: &[Diagnostic], file: &str) -> bool {
    diagnostics.iter().any(|d| d.primary.place.file == file)
}

/// Escapes XML text and attribute values; characters XML 1.0 cannot hold at all become U+FFFD.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' => out.push_str("&#10;"),
            '\t' | '\r' => out.push_str(&format!("&#{};", c as u32)),
            c if (c as u32) < 0x20 || matches!(c, '\u{FFFE}' | '\u{FFFF}') => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn escapes_markup_and_control_characters() {
        assert_eq!(
            super::escape("a<b & \"c\"\u{1}"),
            "a&lt;b &amp; &quot;c&quot;\u{FFFD}"
        );
    }
}
