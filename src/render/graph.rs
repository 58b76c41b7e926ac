//! The step diagram: DOT and Mermaid text for other tools, and SVG drawn from our own layout.

use std::fmt::Write as _;

use super::labels::{Labels, Lang};
use super::layout::{Layout, Metrics, layout};
use super::markdown::escape_html;
use super::slug::{Slugs, step_anchor};
use super::text_width::{text_width, wrap_to_width};
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

/// Type sizes of the diagram, in CSS pixels at 100 %. The page never scales the diagram down
/// (it scrolls instead), so these are the sizes read on a phone: 12 px at least, which is also
/// 9 pt on paper, where the diagram is printed at its own size or replaced by the step list.
const TITLE_PX: f64 = 13.0;
const KIND_PX: f64 = 12.0;
const LABEL_PX: f64 = 12.0;
// The sizes above are the promise the guide makes readers: the build fails if one drops below.
const _: () = assert!(TITLE_PX >= 12.0 && KIND_PX >= 12.0 && LABEL_PX >= 12.0);
const TITLE_LINE: f64 = 16.0;
const LABEL_LINE: f64 = 15.0;
/// Widest a branch label may be before it wraps, and the lines it may take.
const LABEL_MAX_WIDTH: f64 = 150.0;
const LABEL_MAX_LINES: usize = 4;
const TITLE_MAX_LINES: usize = 3;
/// Padding inside a node and a label box.
const NODE_PAD_X: f64 = 10.0;
const LABEL_PAD: f64 = 4.0;
/// The printable width and height of an A4 or Letter page inside the margins, in CSS pixels: a
/// wider or taller diagram is printed as the step list, never shrunk below 9 pt.
const PRINT_WIDTH: f64 = 680.0;
/// The widest diagram a phone shows whole (a 390 px screen less the page's margins); a wider
/// one is replaced there by the step list, since scrolling a diagram through a phone-sized
/// window loses the start and the shape.
const PHONE_WIDTH: f64 = 360.0;
const PRINT_HEIGHT: f64 = 900.0;

const SVG_STYLE: &str = "\
.g-node rect{fill:#fff;stroke:#8a94a6;stroke-width:1.2}\
.g-node text{font:13px system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;fill:#1e293b}\
.g-node .g-kind{font-size:12px;letter-spacing:.04em;fill:#475569}\
.g-start rect{stroke:#1d4ed8;stroke-width:2.4}\
.g-good rect{fill:#ecfdf5;stroke:#047857}.g-good text{fill:#064e3b}\
.g-attention rect{fill:#fef2f2;stroke:#b91c1c}.g-attention text{fill:#7f1d1d}\
.g-neutral rect{fill:#f5f3ff;stroke:#6d28d9}.g-neutral text{fill:#3b0764}\
.g-edge{fill:none;stroke:#64748b;stroke-width:1.4}\
.g-back{stroke-dasharray:5 4}\
.g-label rect{fill:#fff;stroke:#cbd5e1;stroke-width:1}\
.g-label text{font:12px system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;fill:#334155}\
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
    svg_and_size(playbook, slugs, t, links).0
}

/// What the diagram writes in each box, measured.
struct Texts {
    titles: Vec<(Vec<String>, bool)>,
    kinds: Vec<Option<String>>,
    labels: Vec<Option<(Vec<String>, bool)>>,
}

impl Texts {
    fn measure(
        playbook: &Playbook,
        t: &Labels,
        all_edges: &[(usize, usize, Option<&str>)],
    ) -> Self {
        let metrics = Metrics::default();
        let inner = metrics.node_width - 2.0 * NODE_PAD_X;
        Self {
            titles: (0..playbook.steps.len())
                .map(|i| wrap_to_width(title_of(playbook, i), TITLE_PX, inner, TITLE_MAX_LINES))
                .collect(),
            kinds: playbook
                .steps
                .values()
                .map(|step| {
                    step.outcome.and_then(|o| {
                        wrap_to_width(&t.outcome(o.as_str()).to_uppercase(), KIND_PX, inner, 1)
                            .0
                            .pop()
                    })
                })
                .collect(),
            labels: all_edges
                .iter()
                .map(|e| {
                    e.2.filter(|l| !l.trim().is_empty())
                        .map(|l| wrap_to_width(l, LABEL_PX, LABEL_MAX_WIDTH, LABEL_MAX_LINES))
                })
                .collect(),
        }
    }

    /// Height every node needs for the most lines any node has (kind line included).
    fn node_height(&self) -> f64 {
        let lines = self
            .titles
            .iter()
            .zip(&self.kinds)
            .map(|((t, _), k)| t.len() + usize::from(k.is_some()))
            .max()
            .unwrap_or(1)
            .max(1);
        (lines as f64 * TITLE_LINE + 2.0 * NODE_PAD_X).max(Metrics::default().node_height)
    }

    fn label_sizes(&self) -> Vec<Option<(f64, f64)>> {
        self.labels
            .iter()
            .map(|l| {
                l.as_ref().map(|(lines, _)| {
                    let widest = lines
                        .iter()
                        .map(|line| text_width(line, LABEL_PX))
                        .fold(0.0, f64::max);
                    (
                        widest + 2.0 * LABEL_PAD + 2.0,
                        lines.len() as f64 * LABEL_LINE + 2.0 * LABEL_PAD,
                    )
                })
            })
            .collect()
    }
}

/// The diagram and its width and height in CSS pixels.
fn svg_and_size(playbook: &Playbook, slugs: &Slugs, t: &Labels, links: bool) -> (String, f64, f64) {
    let all_edges = edges(playbook);
    let texts = Texts::measure(playbook, t, &all_edges);
    let metrics = Metrics {
        node_height: texts.node_height(),
        ..Metrics::default()
    };
    let pairs: Vec<(usize, usize)> = all_edges.iter().map(|&(f, t, _)| (f, t)).collect();
    let start = playbook.steps.get_index_of(&playbook.start);
    let placed: Layout = layout(
        playbook.steps.len(),
        &pairs,
        &texts.label_sizes(),
        start,
        metrics,
    );
    // A self-loop's label sits beside its loop, right of the layout's own width.
    let loop_labels_right = placed
        .edges
        .iter()
        .filter(|e| e.from == e.to)
        .filter_map(|e| {
            let node = placed.nodes.get(e.from)?;
            let (w, _) = texts.label_sizes().get(e.input).copied().flatten()?;
            Some(node.x + metrics.node_width / 2.0 + 40.0 + w + Metrics::default().margin)
        })
        .fold(0.0, f64::max);
    let (w, h) = (
        placed.width.max(loop_labels_right).ceil(),
        placed.height.ceil(),
    );
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
        let _ = write!(
            out,
            "<path class=\"{class}\" d=\"{d}\" marker-end=\"url(#arrow)\"/>"
        );
    }
    // Branch conditions as visible labels on their edges, drawn over the lines. A self-loop's
    // label sits beside its loop.
    let sizes = texts.label_sizes();
    for edge in &placed.edges {
        let (Some(Some((lines, cut))), Some(Some((w, h)))) =
            (texts.labels.get(edge.input), sizes.get(edge.input))
        else {
            continue;
        };
        let (cx, cy) = match edge.label_at {
            Some(at) => at,
            None if edge.from == edge.to => match placed.nodes.get(edge.from) {
                Some(n) => (n.x + half_w + 40.0 + w / 2.0, n.y),
                None => continue,
            },
            None => continue,
        };
        let (x, y) = (cx - w / 2.0, cy - h / 2.0);
        let _ = write!(
            out,
            "<g class=\"g-label\"><rect x=\"{x:.1}\" y=\"{y:.1}\" width=\"{w:.1}\" height=\"{h:.1}\" rx=\"4\"/>"
        );
        if *cut {
            // Only a label too long for its box needs the full text as well.
            if let Some(full) = all_edges.get(edge.input).and_then(|e| e.2) {
                let _ = write!(out, "<title>{}</title>", escape_html(full));
            }
        }
        for (i, line) in lines.iter().enumerate() {
            let baseline = y + LABEL_PAD + (i as f64 + 1.0) * LABEL_LINE - 3.5;
            let _ = write!(
                out,
                "<text x=\"{cx:.1}\" y=\"{baseline:.1}\" text-anchor=\"middle\">{}</text>",
                escape_html(line)
            );
        }
        out.push_str("</g>");
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
        let (lines, title_cut) = &texts.titles[index];
        let kind = texts.kinds[index].as_ref();
        let total_lines = lines.len() + usize::from(kind.is_some());
        let line_height = TITLE_LINE;
        let first_baseline = node.y - (total_lines as f64 - 1.0) * line_height / 2.0 + 4.5;
        let mut body = format!(
            "<rect x=\"{x:.1}\" y=\"{y:.1}\" width=\"{}\" height=\"{}\" rx=\"{radius}\"/>",
            metrics.node_width, metrics.node_height
        );
        if *title_cut {
            let _ = write!(
                body,
                "<title>{}</title>",
                escape_html(title_of(playbook, index))
            );
        }
        let mut line_index = 0;
        if let Some(kind) = kind {
            let _ = write!(
                body,
                "<text class=\"g-kind\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{}</text>",
                node.x,
                first_baseline,
                escape_html(kind)
            );
            line_index += 1;
        }
        for line in lines {
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
    (out, w, h)
}

/// The diagram for a guide page: the SVG at its own size in a scroll area (never scaled below
/// its type sizes), and the steps as a numbered list that replaces it on paper when it does not
/// fit a page at its own size.
pub fn diagram_html(playbook: &Playbook, slugs: &Slugs, t: &Labels) -> String {
    let (svg, width, height) = svg_and_size(playbook, slugs, t, true);
    let fits_paper = width <= PRINT_WIDTH && height <= PRINT_HEIGHT;
    let fits_phone = width <= PHONE_WIDTH;
    let mut scroll_class = String::from("diagram-scroll");
    let mut list_class = String::from("diagram-step-list");
    if !fits_paper {
        scroll_class.push_str(" diagram-screen-only");
        list_class.push_str(" diagram-print-list");
    }
    if !fits_phone {
        scroll_class.push_str(" diagram-wide");
        list_class.push_str(" diagram-phone-list");
    }
    let mut out = format!(
        "<div class=\"{scroll_class}\" tabindex=\"0\" role=\"group\" aria-label=\"{}\">{svg}</div>",
        escape_html(t.step_diagram)
    );
    if fits_paper && fits_phone {
        return out;
    }
    let _ = write!(out, "<ol class=\"{list_class}\">");
    let numbers: std::collections::HashMap<&str, usize> = playbook
        .steps
        .keys()
        .enumerate()
        .map(|(i, id)| (id.as_str(), i + 1))
        .collect();
    for (index, (id, step)) in playbook.steps.iter().enumerate() {
        let _ = write!(
            out,
            "<li><a href=\"#{}\">{}</a>",
            step_anchor(slugs, id),
            escape_html(title_of(playbook, index))
        );
        if let Some(outcome) = step.outcome {
            let _ = write!(
                out,
                " <em>({})</em>",
                escape_html(&t.outcome(outcome.as_str()))
            );
        }
        let targets: Vec<(Option<&str>, &str)> = match &step.next {
            Some(crate::model::Next::Branches(b)) => b
                .iter()
                .map(|b| (Some(b.when.as_str()), b.go.as_str()))
                .collect(),
            Some(crate::model::Next::Always(to)) => vec![(None, to.as_str())],
            None => Vec::new(),
        };
        if !targets.is_empty() {
            out.push_str("<ul>");
            for (when, to) in targets {
                let target = match numbers.get(to) {
                    Some(&n) => format!(
                        "<a href=\"#{}\">{n}. {}</a>",
                        step_anchor(slugs, to),
                        escape_html(title_of(playbook, n - 1))
                    ),
                    None => escape_html(to),
                };
                match when {
                    Some(when) => {
                        let _ = write!(out, "<li>{} → {target}</li>", escape_html(when));
                    }
                    None => {
                        let _ = write!(out, "<li>→ {target}</li>");
                    }
                }
            }
            out.push_str("</ul>");
        }
        out.push_str("</li>");
    }
    out.push_str("</ol>");
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

    /// Well-formed XML, checked the simple way: every tag closes in order, attributes are quoted,
    /// and every `&` starts an entity. Enough to catch what a broken playbook could break.
    fn assert_well_formed(svg: &str) {
        let mut open: Vec<String> = Vec::new();
        let mut rest = svg.trim_start();
        if let Some(after) = rest.strip_prefix("<?xml") {
            rest = &after[after.find("?>").expect("declaration ends") + 2..];
        }
        while let Some(lt) = rest.find('<') {
            let text = &rest[..lt];
            for (i, _) in text.match_indices('&') {
                let entity = &text[i..text[i..].find(';').map_or(text.len(), |e| i + e + 1)];
                assert!(
                    ["&amp;", "&lt;", "&gt;", "&quot;", "&#39;", "&apos;"].contains(&entity),
                    "bare & in {text:?}"
                );
            }
            let gt = rest[lt..].find('>').expect("tag ends") + lt;
            let tag = &rest[lt + 1..gt];
            assert!(!tag.contains('<'), "< inside tag {tag:?}");
            assert_eq!(
                tag.matches('"').count() % 2,
                0,
                "unbalanced quotes in {tag:?}"
            );
            if let Some(name) = tag.strip_prefix('/') {
                assert_eq!(open.pop().as_deref(), Some(name), "mismatched </{name}>");
            } else if !tag.ends_with('/') {
                open.push(tag.split_whitespace().next().unwrap_or("").to_string());
            }
            rest = &rest[gt + 1..];
        }
        assert!(open.is_empty(), "unclosed {open:?}");
    }

    const BROKEN: &str = r#"
cordial: 1
id: broken
title: "Broken & odd"
locale: en
start: nowhere
steps:
  a:
    title: "Averyveryveryverylongwordwithoutanyspacesthatgoesonforsixtychars and more"
    next:
      - {when: "", go: b}
      - {when: "goes to a step that does not exist <&>", go: ghost}
      - {when: "loops on itself when the customer repeats the question once more", go: a}
      - {when: "\u202Eevil\u202C & back", go: a}
  b:
    next: a
  c: {outcome: refused}
"#;

    #[test]
    fn svg_stays_well_formed_for_broken_playbooks() {
        let pb = playbook(BROKEN);
        let slugs = Slugs::new(pb.steps.keys().map(String::as_str));
        let svg = graph_svg(&pb);
        assert_well_formed(&svg);
        assert_well_formed(&svg_diagram(&pb, &slugs, &crate::render::labels::EN, true));
        assert_well_formed(&diagram_html(&pb, &slugs, &crate::render::labels::EN));
        assert_well_formed(&graph_svg(&playbook(HOSTILE)));
        let mut empty = pb.clone();
        empty.steps.clear();
        assert_well_formed(&graph_svg(&empty));
        assert!(svg.contains("viewBox=\"0 0 "));
        assert!(!svg.contains("NaN") && !svg.contains("inf"), "{svg}");
    }

    #[test]
    fn branch_conditions_are_visible_text_and_fit_their_boxes() {
        let pb = playbook(BROKEN);
        let svg = graph_svg(&pb);
        // Visible <text>, not a tooltip on the path.
        assert!(svg.contains("<g class=\"g-label\">"));
        assert!(
            svg.contains(">loops on itself when the</text>")
                || svg.contains(">loops on itself when</text>"),
            "{svg}"
        );
        assert!(!svg.contains("</path>"), "no tooltip titles on paths");
        let all = edges(&pb);
        let texts = Texts::measure(&pb, &crate::render::labels::EN, &all);
        for (label, size) in texts.labels.iter().zip(texts.label_sizes()) {
            let (Some((lines, _)), Some((w, h))) = (label, size) else {
                continue;
            };
            for line in lines {
                assert!(text_width(line, LABEL_PX) + 2.0 * LABEL_PAD <= w, "{line}");
            }
            assert!(lines.len() as f64 * LABEL_LINE <= h);
        }
        for (lines, _) in &texts.titles {
            for line in lines {
                assert!(
                    text_width(line, TITLE_PX) <= Metrics::default().node_width - 2.0 * NODE_PAD_X,
                    "{line}"
                );
            }
        }
        // An empty condition draws no empty box.
        assert_eq!(texts.labels[0], None);
    }

    #[test]
    fn no_type_is_smaller_than_twelve_pixels() {
        for (i, _) in SVG_STYLE.match_indices("px") {
            let digits: String = SVG_STYLE[..i]
                .chars()
                .rev()
                .take_while(|c| c.is_ascii_digit() || *c == '.')
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            let size: f64 = digits.parse().expect("a size");
            assert!(size >= 12.0, "{size}px in the diagram's style");
        }
    }

    #[test]
    fn wide_diagrams_print_as_the_step_list() {
        let pb = playbook(BROKEN);
        let slugs = Slugs::new(pb.steps.keys().map(String::as_str));
        let html = diagram_html(&pb, &slugs, &crate::render::labels::EN);
        assert!(html.starts_with("<div class=\"diagram-scroll"));
        let chain = playbook(
            "cordial: 1\nid: c\ntitle: C\nlocale: en\nstart: a\nsteps:\n  a: {next: b}\n  b: {outcome: paid}\n",
        );
        let slugs = Slugs::new(chain.steps.keys().map(String::as_str));
        let small = diagram_html(&chain, &slugs, &crate::render::labels::EN);
        assert!(
            !small.contains("diagram-print-list"),
            "a small diagram prints itself"
        );
        let wide = format!(
            "cordial: 1\nid: w\ntitle: W\nlocale: en\nstart: a\nsteps:\n  a:\n    next:\n{}{}",
            (0..6)
                .map(|i| format!("      - {{when: \"answer number {i}\", go: s{i}}}\n"))
                .collect::<String>(),
            (0..6)
                .map(|i| format!("  s{i}: {{outcome: paid}}\n"))
                .collect::<String>()
        );
        let wide = playbook(&wide);
        let slugs = Slugs::new(wide.steps.keys().map(String::as_str));
        let html = diagram_html(&wide, &slugs, &crate::render::labels::EN);
        assert!(html.contains("diagram-screen-only"));
        assert!(
            html.contains("<li>answer number 3 → <a href=\"#step-s3\">5. s3</a></li>"),
            "{html}"
        );
        // Wider than a phone: the list stands in for it on a small screen.
        assert!(html.contains("diagram-wide") && html.contains("diagram-phone-list"));
        assert!(
            !small.contains("diagram-phone-list"),
            "a two-step chain fits a phone"
        );
    }
}
