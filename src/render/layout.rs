//! Layered layout of the step graph, computed in Rust so the diagram needs no JavaScript.
//!
//! Sugiyama in its simplest honest form: back edges found by a depth-first search from `start`
//! are set aside so the rest is acyclic; layers are longest paths from the sources; edges that
//! skip layers get invisible waypoints so they route around nodes; nodes are ordered within
//! layers by the barycentre of their neighbours, sweeping down and up and keeping the order with
//! the fewest crossings. Everything is deterministic: ties keep document order.

/// A node of the layout: a real step, or a waypoint of an edge that spans several layers.
#[derive(Debug, Clone)]
pub struct Placed {
    /// Index of the step in document order; None for a waypoint.
    pub step: Option<usize>,
    pub layer: usize,
    /// Centre of the node.
    pub x: f64,
    pub y: f64,
}

/// An edge as a polyline through waypoints, from the source's centre to the target's centre.
#[derive(Debug, Clone)]
pub struct RoutedEdge {
    pub from: usize,
    pub to: usize,
    /// Index of the edge in the input list.
    pub input: usize,
    /// Set for edges that go back up (loops); drawn beside the nodes.
    pub back: bool,
    /// Centres of the waypoints between the two ends, top to bottom.
    pub waypoints: Vec<(f64, f64)>,
}

/// The finished layout.
#[derive(Debug, Clone)]
pub struct Layout {
    /// Real steps first (index = step index), then waypoints.
    pub nodes: Vec<Placed>,
    pub edges: Vec<RoutedEdge>,
    pub width: f64,
    pub height: f64,
}

/// Sizes used to place nodes.
#[derive(Debug, Clone, Copy)]
pub struct Metrics {
    pub node_width: f64,
    pub node_height: f64,
    pub waypoint_width: f64,
    pub gap_x: f64,
    pub gap_y: f64,
    pub margin: f64,
}

impl Default for Metrics {
    fn default() -> Self {
        Self {
            node_width: 190.0,
            node_height: 58.0,
            waypoint_width: 16.0,
            gap_x: 28.0,
            gap_y: 46.0,
            margin: 16.0,
        }
    }
}

/// Most waypoints a layout creates (see [`layout`]).
const MAX_WAYPOINTS: usize = 4000;

/// Lays out `count` steps with `edges` (from, to), starting from `start`.
pub fn layout(
    count: usize,
    edges: &[(usize, usize)],
    start: Option<usize>,
    metrics: Metrics,
) -> Layout {
    let back = back_edges(count, edges, start);
    let layers = longest_path_layers(count, edges, &back);

    // The layered graph: back edges are reversed (they point up, so they run from the target
    // down to the source) and every edge that skips layers gets one waypoint per layer.
    let mut node_layer: Vec<usize> = layers.clone();
    let mut node_step: Vec<Option<usize>> = (0..count).map(Some).collect();
    let mut segments: Vec<(usize, usize)> = Vec::new();
    let mut chains: Vec<Vec<usize>> = Vec::with_capacity(edges.len());
    // A huge playbook whose edges span many layers would need a waypoint per layer spanned;
    // past a budget long edges are drawn straight instead, so the diagram stays cheap.
    let spans: usize = edges
        .iter()
        .map(|&(from, to)| layers[from].abs_diff(layers[to]).saturating_sub(1))
        .sum();
    let route_long_edges = spans <= MAX_WAYPOINTS;
    for (i, &(from, to)) in edges.iter().enumerate() {
        if from == to {
            chains.push(Vec::new());
            continue;
        }
        let (upper, lower) = if back[i] { (to, from) } else { (from, to) };
        let mut chain = Vec::new();
        let mut previous = upper;
        let spanned = if route_long_edges {
            layers[upper] + 1..layers[lower]
        } else {
            0..0
        };
        for layer in spanned {
            let waypoint = node_layer.len();
            node_layer.push(layer);
            node_step.push(None);
            segments.push((previous, waypoint));
            chain.push(waypoint);
            previous = waypoint;
        }
        segments.push((previous, lower));
        if back[i] {
            // Drawn from the source (below) up to the target.
            chain.reverse();
        }
        chains.push(chain);
    }

    let layer_count = node_layer.iter().copied().max().map_or(0, |m| m + 1);
    let mut order: Vec<Vec<usize>> = vec![Vec::new(); layer_count];
    for (node, &layer) in node_layer.iter().enumerate() {
        order[layer].push(node);
    }
    let order = reduce_crossings(order, &segments, node_layer.len());

    let width_of = |node: usize| {
        if node_step[node].is_some() {
            metrics.node_width
        } else {
            metrics.waypoint_width
        }
    };
    let xs = assign_x(
        &order,
        &segments,
        node_layer.len(),
        &width_of,
        metrics.gap_x,
    );
    let left = (0..node_layer.len())
        .map(|n| xs[n] - width_of(n) / 2.0)
        .fold(f64::INFINITY, f64::min);
    let right = (0..node_layer.len())
        .map(|n| xs[n] + width_of(n) / 2.0)
        .fold(f64::NEG_INFINITY, f64::max);
    let shift = if left.is_finite() {
        metrics.margin - left
    } else {
        0.0
    };
    let content_width = if left.is_finite() { right - left } else { 0.0 };
    // Room on the right for self-loops.
    let loop_room = if edges.iter().any(|&(f, t)| f == t) {
        40.0
    } else {
        0.0
    };

    let nodes: Vec<Placed> = (0..node_layer.len())
        .map(|n| Placed {
            step: node_step[n],
            layer: node_layer[n],
            x: xs[n] + shift,
            y: metrics.margin
                + node_layer[n] as f64 * (metrics.node_height + metrics.gap_y)
                + metrics.node_height / 2.0,
        })
        .collect();
    let routed = edges
        .iter()
        .enumerate()
        .map(|(i, &(from, to))| RoutedEdge {
            from,
            to,
            input: i,
            back: back[i] || from == to,
            waypoints: chains[i]
                .iter()
                .map(|&w| (nodes[w].x, nodes[w].y))
                .collect(),
        })
        .collect();
    let height = 2.0 * metrics.margin
        + layer_count as f64 * metrics.node_height
        + layer_count.saturating_sub(1) as f64 * metrics.gap_y;
    Layout {
        nodes,
        edges: routed,
        width: content_width + 2.0 * metrics.margin + loop_room,
        height,
    }
}

/// Horizontal centres: each node pulled towards the mean of its neighbours in the layer above
/// (sweeping down) and below (sweeping up), keeping the order and the gaps within each layer.
/// Pulling nodes over their neighbours straightens chains and shortens long edges.
fn assign_x(
    order: &[Vec<usize>],
    segments: &[(usize, usize)],
    node_count: usize,
    width_of: &dyn Fn(usize) -> f64,
    gap: f64,
) -> Vec<f64> {
    let mut up: Vec<Vec<usize>> = vec![Vec::new(); node_count];
    let mut down: Vec<Vec<usize>> = vec![Vec::new(); node_count];
    for &(from, to) in segments {
        down[from].push(to);
        up[to].push(from);
    }
    let mut x = vec![0.0; node_count];
    for layer in order {
        let mut at = 0.0;
        for &n in layer {
            x[n] = at + width_of(n) / 2.0;
            at += width_of(n) + gap;
        }
    }
    // Nodes that lead somewhere weigh more than dead ends (outcomes): the main path stays
    // straight, parents sit over it, and outcomes move aside instead of pushing it sideways.
    let weight: Vec<f64> = (0..node_count)
        .map(|n| {
            if down[n].is_empty() {
                0.02
            } else {
                1.0 + down[n].len().min(3) as f64
            }
        })
        .collect();
    // Sweeps down and up, then sweeps that weigh both sides so no direction wins.
    for sweep in 0..40 {
        let downward = sweep % 2 == 0;
        let both = sweep >= 8;
        let layers: Vec<usize> = if downward {
            (0..order.len()).collect()
        } else {
            (0..order.len()).rev().collect()
        };
        for layer in layers {
            let desired: Vec<f64> = order[layer]
                .iter()
                .map(|&n| {
                    let near: Vec<usize> = match (both, downward) {
                        (true, _) => up[n].iter().chain(&down[n]).copied().collect(),
                        (false, true) => up[n].clone(),
                        (false, false) => down[n].clone(),
                    };
                    if near.is_empty() {
                        x[n]
                    } else {
                        let total: f64 = near.iter().map(|&m| weight[m]).sum();
                        near.iter().map(|&m| weight[m] * x[m]).sum::<f64>() / total
                    }
                })
                .collect();
            let widths: Vec<f64> = order[layer].iter().map(|&n| width_of(n)).collect();
            let weights: Vec<f64> = order[layer].iter().map(|&n| weight[n]).collect();
            let placed = closest_ordered(&desired, &widths, &weights, gap);
            for (&n, p) in order[layer].iter().zip(placed) {
                x[n] = p;
            }
        }
    }
    x
}

/// Positions as close as possible (weighted least squares) to `desired`, in the same order,
/// with at least `gap` between neighbouring boxes: pool-adjacent-violators on offset positions.
fn closest_ordered(desired: &[f64], widths: &[f64], weights: &[f64], gap: f64) -> Vec<f64> {
    // Offset of each centre from the first one when packed tight.
    let mut offset = vec![0.0; desired.len()];
    for i in 1..desired.len() {
        offset[i] = offset[i - 1] + (widths[i - 1] + widths[i]) / 2.0 + gap;
    }
    // Blocks of (weighted sum, weight, members) whose means must be non-decreasing.
    let mut blocks: Vec<(f64, f64, usize)> = Vec::new();
    for ((d, o), w) in desired.iter().zip(&offset).zip(weights) {
        blocks.push(((d - o) * w, *w, 1));
        while blocks.len() > 1 {
            let (s2, w2, c2) = blocks[blocks.len() - 1];
            let (s1, w1, c1) = blocks[blocks.len() - 2];
            if s1 / w1 <= s2 / w2 {
                break;
            }
            blocks.pop();
            blocks.pop();
            blocks.push((s1 + s2, w1 + w2, c1 + c2));
        }
    }
    let mut out = Vec::with_capacity(desired.len());
    for (sum, weight, count) in blocks {
        let mean = sum / weight;
        for _ in 0..count {
            out.push(mean + offset[out.len()]);
        }
    }
    out
}

/// Marks the edges that close a cycle in a depth-first search from `start`, then from every
/// other unvisited node in document order. Iterative, so deep graphs cannot overflow the stack.
fn back_edges(count: usize, edges: &[(usize, usize)], start: Option<usize>) -> Vec<bool> {
    let mut outgoing: Vec<Vec<usize>> = vec![Vec::new(); count];
    for (i, &(from, _)) in edges.iter().enumerate() {
        outgoing[from].push(i);
    }
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        Open,
        Done,
    }
    let mut mark = vec![Mark::New; count];
    let mut back = vec![false; edges.len()];
    let roots = start.into_iter().chain(0..count);
    for root in roots {
        if root >= count || mark[root] != Mark::New {
            continue;
        }
        let mut stack: Vec<(usize, usize)> = vec![(root, 0)];
        mark[root] = Mark::Open;
        while let Some(&mut (node, ref mut next)) = stack.last_mut() {
            if let Some(&edge) = outgoing[node].get(*next) {
                *next += 1;
                let target = edges[edge].1;
                match mark[target] {
                    Mark::New => {
                        mark[target] = Mark::Open;
                        stack.push((target, 0));
                    }
                    Mark::Open => back[edge] = true,
                    Mark::Done => {}
                }
            } else {
                mark[node] = Mark::Done;
                stack.pop();
            }
        }
    }
    back
}

/// Layer of each node: the longest path to it from a source, ignoring back edges.
fn longest_path_layers(count: usize, edges: &[(usize, usize)], back: &[bool]) -> Vec<usize> {
    let mut indegree = vec![0usize; count];
    let mut outgoing: Vec<Vec<usize>> = vec![Vec::new(); count];
    for (i, &(from, to)) in edges.iter().enumerate() {
        if !back[i] && from != to {
            indegree[to] += 1;
            outgoing[from].push(to);
        }
    }
    let mut layer = vec![0usize; count];
    let mut ready: std::collections::VecDeque<usize> =
        (0..count).filter(|&n| indegree[n] == 0).collect();
    while let Some(node) = ready.pop_front() {
        for &to in &outgoing[node] {
            layer[to] = layer[to].max(layer[node] + 1);
            indegree[to] -= 1;
            if indegree[to] == 0 {
                ready.push_back(to);
            }
        }
    }
    layer
}

/// Orders nodes within layers by barycentre sweeps; keeps the best order seen.
fn reduce_crossings(
    mut order: Vec<Vec<usize>>,
    segments: &[(usize, usize)],
    node_count: usize,
) -> Vec<Vec<usize>> {
    let mut up: Vec<Vec<usize>> = vec![Vec::new(); node_count];
    let mut down: Vec<Vec<usize>> = vec![Vec::new(); node_count];
    for &(from, to) in segments {
        down[from].push(to);
        up[to].push(from);
    }
    let mut best = order.clone();
    let mut best_crossings = crossings(&order, segments, node_count);
    for sweep in 0..8 {
        let downward = sweep % 2 == 0;
        let layers: Vec<usize> = if downward {
            (1..order.len()).collect()
        } else {
            (0..order.len().saturating_sub(1)).rev().collect()
        };
        for layer in layers {
            let reference = if downward { layer - 1 } else { layer + 1 };
            let mut position = vec![0.0; node_count];
            for (i, &n) in order[reference].iter().enumerate() {
                position[n] = i as f64;
            }
            let neighbours = if downward { &up } else { &down };
            let mut keyed: Vec<(f64, usize, usize)> = order[layer]
                .iter()
                .enumerate()
                .map(|(current, &n)| {
                    let near = &neighbours[n];
                    let key = if near.is_empty() {
                        current as f64
                    } else {
                        near.iter().map(|&m| position[m]).sum::<f64>() / near.len() as f64
                    };
                    (key, current, n)
                })
                .collect();
            keyed.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
            order[layer] = keyed.into_iter().map(|(_, _, n)| n).collect();
        }
        let now = crossings(&order, segments, node_count);
        if now < best_crossings {
            best_crossings = now;
            best = order.clone();
        }
    }
    best
}

/// Number of crossing segment pairs. Segments join adjacent layers, so only segments leaving
/// the same layer can cross; each layer's segments are compared among themselves.
fn crossings(order: &[Vec<usize>], segments: &[(usize, usize)], node_count: usize) -> usize {
    let mut position = vec![0usize; node_count];
    let mut layer_of = vec![0usize; node_count];
    for (layer_index, layer) in order.iter().enumerate() {
        for (i, &n) in layer.iter().enumerate() {
            position[n] = i;
            layer_of[n] = layer_index;
        }
    }
    let mut by_layer: Vec<Vec<(usize, usize)>> = vec![Vec::new(); order.len()];
    for &(from, to) in segments {
        by_layer[layer_of[from]].push((position[from], position[to]));
    }
    let mut count = 0;
    for mut pairs in by_layer {
        // Sorted by upper end, a crossing is an inversion of the lower ends.
        pairs.sort_unstable();
        for (i, &(a1, b1)) in pairs.iter().enumerate() {
            count += pairs[i + 1..]
                .iter()
                .filter(|&&(a2, b2)| a2 > a1 && b2 < b1)
                .count();
        }
    }
    count
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chain_goes_down_one_layer_per_step() {
        let l = layout(3, &[(0, 1), (1, 2)], Some(0), Metrics::default());
        let layers: Vec<usize> = l.nodes.iter().map(|n| n.layer).collect();
        assert_eq!(layers, vec![0, 1, 2]);
        assert!(l.nodes[0].y < l.nodes[1].y && l.nodes[1].y < l.nodes[2].y);
    }

    #[test]
    fn loops_are_back_edges_and_do_not_break_layering() {
        let l = layout(
            3,
            &[(0, 1), (1, 2), (2, 1), (1, 1)],
            Some(0),
            Metrics::default(),
        );
        assert_eq!(l.nodes[2].layer, 2);
        assert!(l.edges[2].back && l.edges[3].back);
        // The loop 2 -> 1 spans one layer: no waypoint needed.
        assert!(l.edges[2].waypoints.is_empty());
        assert!(!l.edges[0].back);
    }

    #[test]
    fn long_edges_get_waypoints() {
        let l = layout(3, &[(0, 1), (1, 2), (0, 2)], Some(0), Metrics::default());
        assert_eq!(l.edges[2].waypoints.len(), 1);
        assert_eq!(l.nodes.len(), 4);
    }

    #[test]
    fn barycentre_removes_an_avoidable_crossing() {
        // 0 -> {1, 2}; 1 -> 4; 2 -> 3: documents order 3 before 4, which crosses.
        let edges = [(0, 1), (0, 2), (1, 4), (2, 3)];
        let l = layout(5, &edges, Some(0), Metrics::default());
        assert_eq!(l.nodes[4].x < l.nodes[3].x, l.nodes[1].x < l.nodes[2].x);
    }

    #[test]
    fn long_back_edges_route_through_waypoints_bottom_up() {
        let l = layout(
            4,
            &[(0, 1), (1, 2), (2, 3), (3, 0)],
            Some(0),
            Metrics::default(),
        );
        let back = &l.edges[3];
        assert!(back.back);
        assert_eq!(back.waypoints.len(), 2);
        assert!(
            back.waypoints[0].1 > back.waypoints[1].1,
            "listed from the source upwards"
        );
    }

    #[test]
    fn boxes_keep_order_and_gaps() {
        let placed = closest_ordered(&[0.0, 0.0, 0.0], &[10.0, 10.0, 10.0], &[1.0; 3], 5.0);
        assert_eq!(placed, vec![-15.0, 0.0, 15.0]);
        let placed = closest_ordered(&[0.0, 100.0], &[10.0, 10.0], &[1.0; 2], 5.0);
        assert_eq!(placed, vec![0.0, 100.0]);
        // A heavy node keeps its place; the light one moves aside.
        let placed = closest_ordered(&[0.0, 0.0], &[10.0, 10.0], &[9.0, 1.0], 5.0);
        assert_eq!(placed, vec![-1.5, 13.5]);
    }

    #[test]
    fn a_chain_is_straight() {
        let l = layout(3, &[(0, 1), (1, 2)], Some(0), Metrics::default());
        assert_eq!(l.nodes[0].x, l.nodes[1].x);
        assert_eq!(l.nodes[1].x, l.nodes[2].x);
    }

    #[test]
    fn crossings_count_only_segments_between_the_same_layers() {
        // 0 -> 2 and 1 -> 3 side by side, 2 -> 4 and 3 -> 5 side by side: no crossing, even
        // though positions compared across layers would suggest one.
        let order = vec![vec![0, 1], vec![3, 2], vec![5, 4]];
        let segments = [(0, 2), (1, 3), (2, 4), (3, 5)];
        assert_eq!(crossings(&order, &segments, 6), 1);
        let order = vec![vec![0, 1], vec![2, 3], vec![4, 5]];
        assert_eq!(crossings(&order, &segments, 6), 0);
    }

    #[test]
    fn empty_and_startless_graphs_do_not_panic() {
        let l = layout(0, &[], None, Metrics::default());
        assert!(l.nodes.is_empty());
        let l = layout(2, &[(0, 1), (1, 0)], None, Metrics::default());
        assert_eq!(l.nodes.len(), 2);
    }
}
