//! The step diagram: DOT and Mermaid text for other tools, and SVG drawn from our own layout.

use std::fmt::Write as _;

use super::labels::{Labels, Lang};
use super::layout::{Layout, Metrics, layout};
use super::markdown::escape_html;
use super::slug::{Slugs, step_anchor};
use crate::model::{Outcome, Playbook};

/// How an outcome is styled: ended well, needs attention, or handed on.
pub fn outcome_tone(outcome: Outcome) -> &'static str {
    match outcome {
        Outcome::Agreement | Outcome::Paid | Outcome::PromiseToPay => "good",
        Outcome::Refused | Outcome::Escalated | Outcome::NoContact => "attention",
        Outcome::Dispute | Outcome::HardshipReferral | Outcome::WrongParty | Outcome::Callback => {
            "neutral"
        }
    }
}

/// Edges between known steps as (from, to, branch label), in document order.
fn edges(playbook: &Playbook) -> Vec<(usize, usize, Option<&str>)> {
    let mut out = Vec::new();
    for (from, step) in playbook.steps.values().enumerate() {
        let labels: Vec<Option<&str>> = match &step.next {
            Some(crate::model::Next::Branches(branches)) => {
                branches.iter().map(|b| Some(b.when.as_str())).collect()
            }
            _ => vec![None],
        };
        for ((_, target), label) in step.transitions().into_iter().zip(labels) {
            if let Some(to) = playbook.steps.get_index_of(target) {
                out.push((from, to, label));
            }
        }
    }
    out
}

fn title_of(playbook: &Playbook, index: usize) -> &str {
    playbook
        .steps
        .get_index(index)
        .map_or("", |(id, step)| step.title.as_deref().unwrap_or(id))
}

/// Graphviz DOT.
pub fn graph_dot(playbook: &Playbook) -> String {
    fn quote(text: &str) -> String {
        let mut out = String::from("\"");
        for c in text.chars() {
            match c {
                '"' => out.push_str("\\\""),
                '\\' => out.push_str("\\\\"),
                '\n' | '\r' => out.push_str("\\n"),
                _ => out.push(c),
            }
        }
        out.push('"');
        out
    }
    let mut out = String::new();
    let _ = writeln!(out, "digraph {} {{", quote(&playbook.id));
    out.push_str("  rankdir=TB;\n  node [shape=box, style=\"rounded,filled\", fillcolor=\"#ffffff\", fontname=\"sans-serif\"];\n");
    for (index, (id, step)) in playbook.steps.iter().enumerate() {
        let mut attrs = format!("label={}", quote(title_of(playbook, index)));
        if let Some(outcome) = step.outcome {
            let fill = match outcome_tone(outcome) {
                "good" => "#ecfdf5",
                "attention" => "#fef2f2",
                _ => "#f5f3ff",
            };
            let _ = write!(
                attrs,
                ", shape=box, style=\"rounded,filled,bold\", fillcolor=\"{fill}\", tooltip={}",
                quote(outcome.as_str())
            );
        }
        if *id == playbook.start {
            attrs.push_str(", penwidth=2");
        }
        let _ = writeln!(out, "  {} [{attrs}];", quote(id));
    }
    for (from, to, label) in edges(playbook) {
        let (Some((from_id, _)), Some((to_id, _))) =
            (playbook.steps.get_index(from), playbook.steps.get_index(to))
        else {
            continue;
        };
        match label {
            Some(label) => {
                let _ = writeln!(
                    out,
                    "  {} -> {} [label={}];",
                    quote(from_id),
                    quote(to_id),
                    quote(label)
                );
            }
            None => {
                let _ = writeln!(out, "  {} -> {};", quote(from_id), quote(to_id));
            }
        }
    }
    out.push_str("}\n");
    out
}

/// Mermaid flowchart. Node names are positional (`s0`, `s1`, …) because Mermaid ids cannot
/// hold every character a step id may contain; labels carry the titles.
pub fn graph_mermaid(playbook: &Playbook) -> String {
    fn label(text: &str) -> String {
        let mut out = String::new();
        for c in text.chars() {
            match c {
                '"' => out.push_str("#quot;"),
                '<' => out.push_str("#lt;"),
                '>' => out.push_str("#gt;"),
                '|' => out.push_str("#124;"),
                '#' => out.push_str("#35;"),
                '\n' | '\r' => out.push(' '),
                _ => out.push(c),
            }
        }
        out
    }
    let mut out = String::from("flowchart TD\n");
    for (index, step) in playbook.steps.values().enumerate() {
        let text = label(title_of(playbook, index));
        match step.outcome {
            Some(outcome) => {
                let _ = writeln!(out, "  s{index}([\"{text}\"]):::{}", outcome_tone(outcome));
            }
            None => {
                let _ = writeln!(out, "  s{index}[\"{text}\"]");
            }
        }
    }
    for (from, to, when) in edges(playbook) {
        match when {
            Some(when) => {
                let _ = writeln!(out, "  s{from} -->|\"{}\"| s{to}", label(when));
            }
            None => {
                let _ = writeln!(out, "  s{from} --> s{to}");
            }
        }
    }
    out.push_str("  classDef good fill:#ecfdf5,stroke:#047857,color:#064e3b\n");
    out.push_str("  classDef attention fill:#fef2f2,stroke:#b91c1c,color:#7f1d1d\n");
    out.push_str("  classDef neutral fill:#f5f3ff,stroke:#6d28d9,color:#3b0764\n");
    out
}

/// A standalone SVG file of the diagram.
/// Outcome names are in the playbook's language, as in its guide.
pub fn graph_svg(playbook: &Playbook) -> String {
    let slugs = Slugs::new(playbook.steps.keys().map(String::as_str));
    let labels = Lang::for_locale(&playbook.locale).labels();
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str(&svg_diagram(playbook, &slugs, labels, false));
    out.push('\n');
    out
}

/// Splits a title into at most `max_lines` lines of about `width` characters.
fn wrap(text: &str, width: usize, max_lines: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    for word in text.split_whitespace() {
        let word: String = if word.chars().count() > width {
            word.chars().take(width - 1).chain(['…']).collect()
        } else {
            word.to_string()
        };
        if current.is_empty() {
            current = word;
        } else if current.chars().count() + 1 + word.chars().count() <= width {
            current.push(' ');
            current.push_str(&word);
        } else {
            lines.push(std::mem::take(&mut current));
            current = word;
        }
    }
    if !current.is_empty() {
        lines.push(current);
    }
    if lines.len() > max_lines {
        lines.truncate(max_lines);
        if let Some(last) = lines.last_mut() {
            while last.chars().count() > width.saturating_sub(1) {
                last.pop();
            }
            last.push('…');
        }
    }
    lines
}

const SVG_STYLE: &str = "\
.g-node rect{fill:#fff;stroke:#8a94a6;stroke-width:1.2}\
.g-node text{font:13px system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;fill:#1e293b}\
.g-node .g-kind{font-size:11px;letter-spacing:.04em;fill:#475569}\
.g-start rect{stroke:#1d4ed8;stroke-width:2.4}\
.g-good rect{fill:#ecfdf5;stroke:#047857}.g-good text{fill:#064e3b}\
.g-attention rect{fill:#fef2f2;stroke:#b91c1c}.g-attention text{fill:#7f1d1d}\
.g-neutral rect{fill:#f5f3ff;stroke:#6d28d9}.g-neutral text{fill:#3b0764}\
.g-edge{fill:none;stroke:#64748b;stroke-width:1.4}\
.g-back{stroke-dasharray:5 4}\
a.g-link:hover rect,a.g-link:focus rect{stroke-width:2.6}";

/// Where each edge leaves and enters its nodes: horizontal offsets from the node's centre.
/// Edges sharing a side of a node are spread along it in the order of the point they head
/// for, so they fan out instead of meeting in one spot and crossing.
/// The edge ends on one side of one node: (x of the point the edge heads for, edge index,
/// whether this is the leaving end), keyed by (node, bottom side?).
type SideEnds = std::collections::BTreeMap<(usize, bool), Vec<(f64, usize, bool)>>;

struct Ports {
    leave: Vec<f64>,
    enter: Vec<f64>,
}

impl Ports {
    fn assign(placed: &Layout, half_width: f64) -> Self {
        let count = placed.edges.len();
        let mut ports = Self {
            leave: vec![0.0; count],
            enter: vec![0.0; count],
        };
        let mut sides = SideEnds::new();
        for (k, edge) in placed.edges.iter().enumerate() {
            if edge.from == edge.to {
                continue;
            }
            let (Some(from), Some(to)) = (placed.nodes.get(edge.from), placed.nodes.get(edge.to))
            else {
                continue;
            };
            let after_source = edge.waypoints.first().map_or(to.x, |w| w.0);
            let before_target = edge.waypoints.last().map_or(from.x, |w| w.0);
            // Side `true` is the bottom of the node.
            sides
                .entry((edge.from, !edge.back))
                .or_default()
                .push((after_source, k, true));
            sides
                .entry((edge.to, edge.back))
                .or_default()
                .push((before_target, k, false));
        }
        for ends in sides.values_mut() {
            ends.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
            let spacing = ((2.0 * half_width - 40.0) / ends.len() as f64).min(14.0);
            let first = -(ends.len() as f64 - 1.0) / 2.0 * spacing;
            for (i, &(_, k, leaving)) in ends.iter().enumerate() {
                let offset = first + i as f64 * spacing;
                if leaving {
                    ports.leave[k] = offset;
                } else {
                    ports.enter[k] = offset;
                }
            }
        }
        ports
    }
}

/// The diagram as an `<svg>` element, in the words of `t`. With `links` (inside a guide page)
/// each node links to its step's card; a standalone file has no links and its own background.
pub fn svg_diagram(playbook: &Playbook, slugs: &Slugs, t: &Labels, links: bool) -> String {
    let metrics = Metrics::default();
    let all_edges = edges(playbook);
    let pairs: Vec<(usize, usize)> = all_edges.iter().map(|&(f, t, _)| (f, t)).collect();
    let start = playbook.steps.get_index_of(&playbook.start);
    let placed: Layout = layout(playbook.steps.len(), &pairs, start, metrics);
    let (w, h) = (placed.width.ceil(), placed.height.ceil());
    let mut out = String::new();
    let _ = write!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"flow\" viewBox=\"0 0 {w} {h}\" width=\"{w}\" height=\"{h}\" role=\"img\" aria-labelledby=\"flow-title flow-desc\">"
    );
    let _ = write!(
        out,
        "<title id=\"flow-title\">{} {}</title><desc id=\"flow-desc\">{} {}, {} {}.{}</desc>",
        t.step_diagram,
        escape_html(&playbook.title),
        playbook.steps.len(),
        t.steps_word,
        t.starting_at,
        escape_html(title_of(playbook, start.unwrap_or(0))),
        if links {
            format!(" {}", t.diagram_alt)
        } else {
            String::new()
        }
    );
    if !links {
        // A standalone file is viewed on any background: give it its own.
        out.push_str("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>");
    }
    let _ = write!(
        out,
        "<style>{SVG_STYLE}</style><defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M0 0L10 5L0 10z\" fill=\"#64748b\"/></marker></defs>"
    );
    let half_w = metrics.node_width / 2.0;
    let half_h = metrics.node_height / 2.0;
    let ports = Ports::assign(&placed, half_w);
    for (k, edge) in placed.edges.iter().enumerate() {
        let (Some(from), Some(to)) = (placed.nodes.get(edge.from), placed.nodes.get(edge.to))
        else {
            continue;
        };
        let label = all_edges.get(edge.input).and_then(|e| e.2);
        let d = if edge.from == edge.to {
            // A self-loop: out of the right side and back in, a little lower.
            let (sx, sy) = (from.x + half_w, from.y);
            format!(
                "M{sx:.1} {:.1}C{:.1} {:.1} {:.1} {:.1} {sx:.1} {:.1}",
                sy - 10.0,
                sx + 34.0,
                sy - 26.0,
                sx + 34.0,
                sy + 26.0,
                sy + 10.0
            )
        } else {
            // Forward edges leave at the bottom and enter at the top; loops back to an
            // earlier step leave at the top and enter at the bottom.
            let (out_y, in_y) = if edge.back {
                (from.y - half_h, to.y + half_h + 1.0)
            } else {
                (from.y + half_h, to.y - half_h - 1.0)
            };
            let mut points = vec![(from.x + ports.leave[k], out_y)];
            points.extend(edge.waypoints.iter().copied());
            points.push((to.x + ports.enter[k], in_y));
            let mut d = format!("M{:.1} {:.1}", points[0].0, points[0].1);
            for pair in points.windows(2) {
                let ((x1, y1), (x2, y2)) = (pair[0], pair[1]);
                let mid = (y1 + y2) / 2.0;
                let _ = write!(d, "C{x1:.1} {mid:.1} {x2:.1} {mid:.1} {x2:.1} {y2:.1}");
            }
            d
        };
        let class = if edge.back { "g-edge g-back" } else { "g-edge" };
        match label {
            Some(label) => {
                let _ = write!(
                    out,
                    "<path class=\"{class}\" d=\"{d}\" marker-end=\"url(#arrow)\"><title>{}</title></path>",
                    escape_html(label)
                );
            }
            None => {
                let _ = write!(
                    out,
                    "<path class=\"{class}\" d=\"{d}\" marker-end=\"url(#arrow)\"/>"
                );
            }
        }
    }
    for (index, (id, step)) in playbook.steps.iter().enumerate() {
        let Some(node) = placed.nodes.get(index) else {
            continue;
        };
        let mut class = String::from("g-node");
        if Some(index) == start {
            class.push_str(" g-start");
        }
        if let Some(outcome) = step.outcome {
            class.push_str(" g-");
            class.push_str(outcome_tone(outcome));
        }
        let (x, y) = (node.x - half_w, node.y - half_h);
        let radius = if step.outcome.is_some() {
            half_h.min(20.0)
        } else {
            8.0
        };
        let lines = wrap(title_of(playbook, index), 23, 2);
        let kind = step
            .outcome
            .and_then(|o| wrap(&t.outcome(o.as_str()).to_uppercase(), 27, 1).pop());
        let total_lines = lines.len() + usize::from(kind.is_some());
        // Three lines (kind and a two-line title) sit a little tighter.
        let line_height = if total_lines > 2 { 15.0 } else { 17.0 };
        let first_baseline = node.y - (total_lines as f64 - 1.0) * line_height / 2.0 + 4.5;
        let mut body = format!(
            "<rect x=\"{x:.1}\" y=\"{y:.1}\" width=\"{}\" height=\"{}\" rx=\"{radius}\"/>",
            metrics.node_width, metrics.node_height
        );
        let mut line_index = 0;
        if let Some(kind) = &kind {
            let _ = write!(
                body,
                "<text class=\"g-kind\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{}</text>",
                node.x,
                first_baseline,
                escape_html(kind)
            );
            line_index += 1;
        }
        for line in &lines {
            let _ = write!(
                body,
                "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{}</text>",
                node.x,
                first_baseline + line_index as f64 * line_height,
                escape_html(line)
            );
            line_index += 1;
        }
        if links {
            let _ = write!(
                out,
                "<a class=\"g-link\" href=\"#{}\" tabindex=\"-1\"><g class=\"{class}\">{body}</g></a>",
                step_anchor(slugs, id)
            );
        } else {
            let _ = write!(out, "<g class=\"{class}\">{body}</g>");
        }
    }
    out.push_str("</svg>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn playbook(yaml: &str) -> Playbook {
        serde_saphyr::from_str(yaml).expect("test playbook")
    }

    const HOSTILE: &str = r#"
cordial: 1
id: x
title: "<script>alert(1)</script>"
locale: en
start: "a\"b"
steps:
  "a\"b":
    title: "Say \"hi\" <b>"
    next:
      - {when: "a|b <i>", go: "c"}
  c: {outcome: agreement}
"#;

    #[test]
    fn svg_escapes_titles_and_ids() {
        let pb = playbook(HOSTILE);
        let slugs = Slugs::new(pb.steps.keys().map(String::as_str));
        let svg = svg_diagram(&pb, &slugs, &crate::render::labels::EN, true);
        assert!(!svg.contains("<script"), "{svg}");
        assert!(!svg.contains("<b>") && !svg.contains("<i>"));
        assert!(svg.contains("href=\"#step-a-b\""), "{svg}");
        assert!(svg.contains("&quot;hi&quot;"));
    }

    #[test]
    fn dot_and_mermaid_quote_labels() {
        let pb = playbook(HOSTILE);
        let dot = graph_dot(&pb);
        assert!(
            dot.contains("\"a\\\"b\" -> \"c\" [label=\"a|b <i>\"];"),
            "{dot}"
        );
        let mermaid = graph_mermaid(&pb);
        assert!(
            mermaid.contains("s0 -->|\"a#124;b #lt;i#gt;\"| s1"),
            "{mermaid}"
        );
        assert!(mermaid.contains("s1([\"c\"]):::good"), "{mermaid}");
    }

    #[test]
    fn wrap_limits_lines() {
        assert_eq!(
            wrap("Understanding the financial situation", 25, 2),
            vec!["Understanding the", "financial situation"]
        );
        assert_eq!(
            wrap("a b c d e f g h i j k l m n o p q r s t u v w x y z", 5, 1),
            vec!["a b …"]
        );
    }
}
