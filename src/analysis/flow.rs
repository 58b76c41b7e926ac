//! The step graph and the path queries that rules ask of it.
//!
//! Path properties ("`terms-disclosed` holds on every path into `confirm`") are answered as
//! reachability in the subgraph of steps that do not establish the fact: the property fails at
//! a step exactly when a walk from `start` reaches it through such steps only. One breadth-first
//! search per property is linear in the graph and yields a shortest counter-example path, so no
//! path is ever enumerated.

use std::collections::{HashMap, VecDeque};

use petgraph::Direction;
use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::EdgeRef;

use crate::model::{Outcome, Playbook, Step};

/// A transition: which entry of the source step's `next` it comes from.
#[derive(Debug, Clone, Copy)]
pub struct Edge {
    /// Index in the `next` list, or None for the short form `next: id`.
    pub branch: Option<usize>,
}

/// The steps as a directed graph, in document order, with reachability from `start`.
pub struct Flow {
    pub graph: DiGraph<usize, Edge>,
    ids: Vec<String>,
    index: HashMap<String, NodeIndex>,
    pub start: Option<NodeIndex>,
    reachable: Vec<bool>,
}

impl Flow {
    pub fn new(playbook: &Playbook) -> Self {
        let mut graph = DiGraph::new();
        let mut index = HashMap::new();
        let ids: Vec<String> = playbook.steps.keys().cloned().collect();
        for (i, id) in ids.iter().enumerate() {
            index.insert(id.clone(), graph.add_node(i));
        }
        for (i, step) in playbook.steps.values().enumerate() {
            for (branch, target) in step.transitions() {
                if let Some(&to) = index.get(target) {
                    graph.add_edge(NodeIndex::new(i), to, Edge { branch });
                }
            }
        }
        let start = index.get(&playbook.start).copied();
        let mut flow = Self {
            graph,
            ids,
            index,
            start,
            reachable: Vec::new(),
        };
        flow.reachable = match start {
            Some(s) => flow.walk_from(s, |_| true).0,
            None => vec![false; flow.ids.len()],
        };
        flow
    }

    pub fn len(&self) -> usize {
        self.ids.len()
    }
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }
    pub fn id(&self, node: NodeIndex) -> &str {
        &self.ids[node.index()]
    }
    pub fn node(&self, id: &str) -> Option<NodeIndex> {
        self.index.get(id).copied()
    }
    pub fn nodes(&self) -> impl Iterator<Item = NodeIndex> + '_ {
        self.graph.node_indices()
    }
    pub fn is_reachable(&self, node: NodeIndex) -> bool {
        self.reachable[node.index()]
    }
    pub fn successors(&self, node: NodeIndex) -> impl Iterator<Item = NodeIndex> + '_ {
        self.graph
            .edges_directed(node, Direction::Outgoing)
            .map(|e| e.target())
    }

    /// The step behind a node.
    pub fn step<'p>(&self, playbook: &'p Playbook, node: NodeIndex) -> &'p Step {
        &playbook.steps[node.index()]
    }

    /// Breadth-first walk from `from`, expanding only out of nodes for which `expand` holds.
    /// Returns the visited set and each visited node's predecessor on a shortest walk.
    fn walk_from(
        &self,
        from: NodeIndex,
        expand: impl Fn(NodeIndex) -> bool,
    ) -> (Vec<bool>, Vec<Option<NodeIndex>>) {
        let mut seen = vec![false; self.len()];
        let mut parent = vec![None; self.len()];
        let mut queue = VecDeque::from([from]);
        seen[from.index()] = true;
        while let Some(n) = queue.pop_front() {
            if !expand(n) {
                continue;
            }
            for m in self.successors(n) {
                if !seen[m.index()] {
                    seen[m.index()] = true;
                    parent[m.index()] = Some(n);
                    queue.push_back(m);
                }
            }
        }
        (seen, parent)
    }

    /// Answers "does the property hold on entry to each step on every path from `start`?",
    /// where the property is established by the steps for which `establishes` is true.
    pub fn must_hold(&self, establishes: impl Fn(NodeIndex) -> bool) -> PathProperty {
        let Some(start) = self.start else {
            return PathProperty {
                violated: vec![false; self.len()],
                parent: vec![None; self.len()],
                depth: vec![0; self.len()],
                start: None,
            };
        };
        let (violated, parent) = self.walk_from(start, |n| !establishes(n));
        let mut depth = vec![0u32; self.len()];
        // Parents come before children in breadth-first order, so one pass in that order would
        // do; walking each chain once with memoisation is as linear and needs no order.
        for n in 0..self.len() {
            if !violated[n] || depth[n] != 0 || NodeIndex::new(n) == start {
                continue;
            }
            let mut chain = vec![n];
            let mut at = n;
            while let Some(p) = parent[at] {
                let p = p.index();
                if depth[p] != 0 || NodeIndex::new(p) == start {
                    break;
                }
                chain.push(p);
                at = p;
            }
            let mut d = parent[at].map_or(0, |p| depth[p.index()]);
            for &c in chain.iter().rev() {
                d += 1;
                depth[c] = d;
            }
        }
        PathProperty {
            violated,
            parent,
            depth,
            start: Some(start),
        }
    }

    /// Up to 64 path properties at once: bit `i` of `establishes[n]` says step `n` establishes
    /// property `i`; bit `i` of the answer for `n` says some path from `start` enters `n`
    /// without property `i`. The bits travel breadth-first together, each reaching each step
    /// at most once, so screening thousands of facts costs one walk per 64 of them.
    pub fn must_hold_each(&self, establishes: &[u64]) -> Vec<u64> {
        let mut violated = vec![0u64; self.len()];
        let Some(start) = self.start else {
            return violated;
        };
        violated[start.index()] = !0;
        let mut pending = vec![0u64; self.len()];
        let mut frontier = vec![(start, !0u64)];
        while !frontier.is_empty() {
            let mut next = Vec::new();
            for (n, bits) in frontier {
                let out = bits & !establishes[n.index()];
                if out == 0 {
                    continue;
                }
                for m in self.successors(n) {
                    let new = out & !violated[m.index()];
                    if new != 0 {
                        if pending[m.index()] == 0 {
                            next.push(m);
                        }
                        pending[m.index()] |= new;
                        violated[m.index()] |= new;
                    }
                }
            }
            frontier = next
                .into_iter()
                .map(|m| (m, std::mem::take(&mut pending[m.index()])))
                .collect();
        }
        violated
    }

    /// [`Self::must_hold`] for a fact that steps list under `establishes`.
    pub fn must_establish(&self, playbook: &Playbook, fact: &str) -> PathProperty {
        self.must_hold(|n| self.step(playbook, n).establishes.iter().any(|f| f == fact))
    }

    /// Steps from which some step with an outcome can be reached.
    pub fn can_finish(&self, playbook: &Playbook) -> Vec<bool> {
        let mut ok = vec![false; self.len()];
        let mut queue: VecDeque<NodeIndex> = self
            .nodes()
            .filter(|&n| self.step(playbook, n).outcome.is_some())
            .collect();
        for n in &queue {
            ok[n.index()] = true;
        }
        while let Some(n) = queue.pop_front() {
            for e in self.graph.edges_directed(n, Direction::Incoming) {
                let m = e.source();
                if !ok[m.index()] {
                    ok[m.index()] = true;
                    queue.push_back(m);
                }
            }
        }
        ok
    }

    /// The outcomes reachable from a step (its own included), in catalogue order.
    pub fn outcomes_from(&self, playbook: &Playbook, node: NodeIndex) -> Vec<Outcome> {
        let (seen, _) = self.walk_from(node, |_| true);
        let mut found: Vec<Outcome> = self
            .nodes()
            .filter(|n| seen[n.index()])
            .filter_map(|n| self.step(playbook, n).outcome)
            .collect();
        found.sort();
        found.dedup();
        found
    }

    /// [`Self::outcomes_from`] for every step at once, in one pass over the strongly connected
    /// components (successors first), instead of one walk per step.
    pub fn outcomes_from_each(&self, playbook: &Playbook) -> Vec<Vec<Outcome>> {
        let bit = |o: Outcome| 1u32 << Outcome::ALL.iter().position(|&a| a == o).unwrap_or(0);
        let mut component = vec![0usize; self.len()];
        let mut masks: Vec<u32> = Vec::new();
        // Kosaraju, not Tarjan: petgraph's Tarjan recurses once per step of a chain and
        // overflows the stack on a long one. Both give the components successors first.
        for (c, members) in petgraph::algo::kosaraju_scc(&self.graph)
            .into_iter()
            .enumerate()
        {
            let mut mask = 0u32;
            for &n in &members {
                component[n.index()] = c;
                if let Some(o) = self.step(playbook, n).outcome {
                    mask |= bit(o);
                }
            }
            // Components come successors first, so every other component reached is done.
            for &n in &members {
                for m in self.successors(n) {
                    let d = component[m.index()];
                    if d != c {
                        mask |= masks[d];
                    }
                }
            }
            masks.push(mask);
        }
        (0..self.len())
            .map(|n| {
                let mask = masks[component[n]];
                Outcome::ALL
                    .iter()
                    .copied()
                    .filter(|&o| mask & bit(o) != 0)
                    .collect()
            })
            .collect()
    }

    /// Whether a step with this outcome is reachable from `start`.
    pub fn outcome_reachable(&self, playbook: &Playbook, outcome: Outcome) -> bool {
        self.nodes()
            .any(|n| self.is_reachable(n) && self.step(playbook, n).outcome == Some(outcome))
    }
}

/// The answer to a path property for every step.
pub struct PathProperty {
    /// `violated[n]`: some path from `start` enters `n` without the property.
    violated: Vec<bool>,
    parent: Vec<Option<NodeIndex>>,
    /// Steps from `start` on the shortest such path.
    depth: Vec<u32>,
    start: Option<NodeIndex>,
}

impl PathProperty {
    pub fn violated_at(&self, node: NodeIndex) -> bool {
        self.violated[node.index()]
    }

    /// A shortest path from `start` to `node` (both included) on which the property never holds
    /// before `node`; None when the property holds on every path. A path longer than
    /// [`MAX_PATH_SHOWN`] keeps `start` and the steps nearest `node`, with the number left out
    /// in between, so that each finding costs the same however long the chain.
    pub fn counterexample(&self, node: NodeIndex) -> Option<CounterExample> {
        if !self.violated[node.index()] {
            return None;
        }
        let mut tail = vec![node];
        let mut at = node;
        while let Some(p) = self.parent[at.index()] {
            let depth = self.depth[at.index()] as usize;
            if tail.len() == MAX_PATH_SHOWN - 1 && depth > 1 {
                // `start` (depth 0) heads the path; the steps of depth 1 .. depth - 1 are left out.
                tail.reverse();
                return Some(CounterExample {
                    head: self.start.into_iter().collect(),
                    omitted: depth - 1,
                    tail,
                });
            }
            tail.push(p);
            at = p;
        }
        tail.reverse();
        Some(CounterExample {
            head: Vec::new(),
            omitted: 0,
            tail,
        })
    }
}

/// Most steps a counter-example path shows.
pub const MAX_PATH_SHOWN: usize = 16;

/// A counter-example path: `head`, then `omitted` steps left out, then `tail` (which ends at the
/// step where the property fails).
#[derive(Debug, Clone)]
pub struct CounterExample {
    pub head: Vec<NodeIndex>,
    pub omitted: usize,
    pub tail: Vec<NodeIndex>,
}

impl CounterExample {
    /// The step ids in order, with `… N more steps …` where steps are left out.
    pub fn names(&self, flow: &Flow) -> Vec<String> {
        let mut names: Vec<String> = self.head.iter().map(|&n| flow.id(n).to_string()).collect();
        if self.omitted > 0 {
            names.push(format!(
                "{OMITTED_MARK} {} more steps {OMITTED_MARK}",
                self.omitted
            ));
        }
        names.extend(self.tail.iter().map(|&n| flow.id(n).to_string()));
        names
    }

    /// Every node shown, in order.
    pub fn nodes(&self) -> impl Iterator<Item = NodeIndex> + '_ {
        self.head.iter().chain(&self.tail).copied()
    }
}

/// Marks the place of omitted steps in a path (never a step id: ids are slugs).
pub const OMITTED_MARK: &str = "…";

#[cfg(test)]
mod tests {
    use super::*;

    fn playbook(yaml: &str) -> Playbook {
        serde_saphyr::from_str(yaml).expect("test playbook parses")
    }

    /// A graph with a loop, a diamond and two outcomes.
    const GRAPH: &str = "cordial: 1\nid: t\ntitle: T\nlocale: en\nstart: a\nsteps:\n  a: {next: [{when: wx, go: b}, {when: wy, go: c}]}\n  b: {establishes: [f1], next: d}\n  c: {next: [{when: wx, go: d}, {when: wy, go: e}]}\n  d: {establishes: [f2], next: [{when: wx, go: c}, {when: wy, go: done}]}\n  e: {outcome: callback}\n  done: {outcome: paid}\n  lone: {next: done}\n";

    #[test]
    fn outcomes_of_every_step_in_one_pass_match_a_walk_per_step() {
        let pb = playbook(GRAPH);
        let flow = Flow::new(&pb);
        let each = flow.outcomes_from_each(&pb);
        for n in flow.nodes() {
            assert_eq!(
                each[n.index()],
                flow.outcomes_from(&pb, n),
                "{}",
                flow.id(n)
            );
        }
    }

    #[test]
    fn facts_screened_together_match_one_walk_per_fact() {
        let pb = playbook(GRAPH);
        let flow = Flow::new(&pb);
        let facts = ["f1", "f2", "never"];
        let masks: Vec<u64> = flow
            .nodes()
            .map(|n| {
                facts.iter().enumerate().fold(0, |m, (b, f)| {
                    if flow.step(&pb, n).establishes.iter().any(|e| e == f) {
                        m | 1 << b
                    } else {
                        m
                    }
                })
            })
            .collect();
        let together = flow.must_hold_each(&masks);
        for (b, fact) in facts.iter().enumerate() {
            let alone = flow.must_establish(&pb, fact);
            for n in flow.nodes() {
                assert_eq!(
                    together[n.index()] >> b & 1 == 1,
                    alone.violated_at(n),
                    "{fact} at {}",
                    flow.id(n)
                );
            }
        }
    }

    #[test]
    fn long_counterexamples_keep_start_and_the_last_steps() {
        let mut yaml = String::from("cordial: 1\nid: t\ntitle: T\nlocale: en\nstart: s0\nsteps:\n");
        for i in 0..40 {
            yaml.push_str(&format!("  s{i}: {{next: s{}}}\n", i + 1));
        }
        yaml.push_str("  s40: {outcome: paid}\n");
        let pb = playbook(&yaml);
        let flow = Flow::new(&pb);
        let property = flow.must_establish(&pb, "never");
        let last = flow.node("s40").expect("s40");
        let path = property.counterexample(last).expect("violated");
        let names = path.names(&flow);
        assert_eq!(names.len(), MAX_PATH_SHOWN + 1, "{names:?}");
        assert_eq!(names[0], "s0");
        assert_eq!(names[1], "… 25 more steps …");
        assert_eq!(names[2], "s26");
        assert_eq!(names.last().map(String::as_str), Some("s40"));
        let short = property
            .counterexample(flow.node("s3").expect("s3"))
            .expect("violated");
        assert_eq!(short.names(&flow), ["s0", "s1", "s2", "s3"]);
    }
}
