//! `--diff`: what `--fix` would change, as a unified diff (the format `patch` and `git apply`
//! read with `-p0`), one file after another, each headed by its path as given.

/// The unified diff of one file, with three lines of context; empty when nothing changes.
/// Line endings are kept as they are, so a CRLF file shows (and patches) as CRLF.
pub fn unified(path: &str, before: &str, after: &str) -> String {
    if before == after {
        return String::new();
    }
    similar::TextDiff::from_lines(before, after)
        .unified_diff()
        .context_radius(3)
        .header(path, path)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::unified;

    #[test]
    fn a_change_shows_as_a_hunk_with_context() {
        let diff = unified("p.yaml", "a: 1\nb: 2\nc: 3\n", "a: 1\nb: two\nc: 3\n");
        assert_eq!(
            diff,
            "--- p.yaml\n+++ p.yaml\n@@ -1,3 +1,3 @@\n a: 1\n-b: 2\n+b: two\n c: 3\n"
        );
        assert_eq!(unified("p.yaml", "x\n", "x\n"), "");
    }
}
