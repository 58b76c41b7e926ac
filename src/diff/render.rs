//! `cordial diff` as Markdown (for a pull-request comment) and JSON.

use super::{Change, FindingRef, PlaybookDiff};

/// The JSON report (`version` 1).
pub fn json(diffs: &[PlaybookDiff]) -> String {
    let report = serde_json::json!({"version": 1, "playbooks": diffs});
    let mut out = serde_json::to_string_pretty(&report).unwrap_or_default();
    out.push('\n');
    out
}

fn change(c: &Change) -> String {
    match (&c.before, &c.after) {
        (Some(b), Some(a)) => format!("`{}`: {} → {}", c.field, b, a),
        (None, Some(a)) => format!("`{}` added: {}", c.field, a),
        (Some(b), None) => format!("`{}` removed: {}", c.field, b),
        (None, None) => format!("`{}`", c.field),
    }
}

fn finding(f: &FindingRef) -> String {
    format!(
        "{}[`{}`] line {}: {}",
        f.severity, f.code, f.line, f.message
    )
}

fn list(out: &mut String, heading: &str, items: &[String]) {
    if items.is_empty() {
        return;
    }
    out.push_str(&format!("\n**{heading}**\n\n"));
    for i in items {
        out.push_str(&format!("- {i}\n"));
    }
}

/// The Markdown summary.
pub fn markdown(diffs: &[PlaybookDiff]) -> String {
    let mut out = String::from("## cordial: what changed in the playbooks\n");
    if diffs.is_empty() {
        out.push_str("\nNo playbook changed.\n");
        return out;
    }
    let introduced: usize = diffs.iter().map(|d| d.findings_introduced.len()).sum();
    let fixed: usize = diffs.iter().map(|d| d.findings_fixed.len()).sum();
    out.push_str(&format!(
        "\n{} changed; {introduced} findings introduced, {fixed} fixed.\n",
        if diffs.len() == 1 {
            "1 playbook".to_string()
        } else {
            format!("{} playbooks", diffs.len())
        }
    ));
    for d in diffs {
        let state = match (&d.base_file, &d.head_file) {
            (None, Some(f)) => format!(" (added: `{f}`)"),
            (Some(f), None) => format!(" (removed: `{f}`)"),
            (_, Some(f)) => format!(" (`{f}`)"),
            _ => String::new(),
        };
        out.push_str(&format!("\n### `{}`{state}\n", d.id));
        list(
            &mut out,
            "Settings",
            &d.settings.iter().map(change).collect::<Vec<_>>(),
        );
        list(
            &mut out,
            "Steps added",
            &d.steps_added
                .iter()
                .map(|s| format!("`{s}`"))
                .collect::<Vec<_>>(),
        );
        list(
            &mut out,
            "Steps removed",
            &d.steps_removed
                .iter()
                .map(|s| format!("`{s}`"))
                .collect::<Vec<_>>(),
        );
        list(
            &mut out,
            "Steps changed",
            &d.steps_changed
                .iter()
                .map(|n| {
                    format!(
                        "`{}`: {}",
                        n.id,
                        n.changes
                            .iter()
                            .map(|c| format!("`{}`", c.field))
                            .collect::<Vec<_>>()
                            .join(", ")
                    )
                })
                .collect::<Vec<_>>(),
        );
        list(&mut out, "Transitions added", &d.transitions_added);
        list(&mut out, "Transitions removed", &d.transitions_removed);
        list(
            &mut out,
            "Offers added",
            &d.offers_added
                .iter()
                .map(|s| format!("`{s}`"))
                .collect::<Vec<_>>(),
        );
        list(
            &mut out,
            "Offers removed",
            &d.offers_removed
                .iter()
                .map(|s| format!("`{s}`"))
                .collect::<Vec<_>>(),
        );
        list(
            &mut out,
            "Offer terms changed",
            &d.offers_changed
                .iter()
                .flat_map(|n| {
                    n.changes
                        .iter()
                        .map(move |c| format!("`{}` {}", n.id, change(c)))
                })
                .collect::<Vec<_>>(),
        );
        list(
            &mut out,
            "New ways to reach an agreement",
            &d.new_paths_to_agreement,
        );
        list(
            &mut out,
            "Contact plan",
            &d.contact_plan.iter().map(change).collect::<Vec<_>>(),
        );
        list(
            &mut out,
            "Findings introduced",
            &d.findings_introduced
                .iter()
                .map(finding)
                .collect::<Vec<_>>(),
        );
        list(
            &mut out,
            "Findings fixed",
            &d.findings_fixed.iter().map(finding).collect::<Vec<_>>(),
        );
    }
    out
}
