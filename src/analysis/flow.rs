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
            };
        };
        let (violated, parent) = self.walk_from(start, |n| !establishes(n));
        PathProperty { violated, parent }
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
}

impl PathProperty {
    pub fn violated_at(&self, node: NodeIndex) -> bool {
        self.violated[node.index()]
    }

    /// A shortest path from `start` to `node` (both included) on which the property never holds
    /// before `node`; None when the property holds on every path.
    pub fn counterexample(&self, node: NodeIndex) -> Option<Vec<NodeIndex>> {
        if !self.violated[node.index()] {
            return None;
        }
        let mut path = vec![node];
        let mut at = node;
        while let Some(p) = self.parent[at.index()] {
            path.push(p);
            at = p;
        }
        path.reverse();
        Some(path)
    }
}
