//! Forced failures: Q1 of the features above a node that never fails on its
//! own, for its importance ([`super::importance`]).
//!
//! Q1(f, i) is the probability that f is down when i is forced to fail. It
//! needs f's failure function rebuilt with i's constant "works" replaced by
//! "failed", but only where that changes anything, and four facts keep that
//! small:
//!
//! - **Killed nodes are constants.** A node v whose minimal cut sets include
//!   {i} goes down whenever i does: its forced function is "true", known from
//!   the cut-set families without a BDD operation; for such a feature Q1 = 1.
//! - **Only what a surviving feature needs.** The nodes recomputed are those
//!   between i and the features i does not kill, never below a killed node
//!   (nothing under a constant matters) and never above a killed feature.
//! - **One operation for a node that needs all its dependencies.** One down
//!   dependency takes it down, so its function only grows by the changed
//!   inputs: D' = D ∨ ⋁ D'_d over the changed d.
//! - **Propagation stops where a function does not change.**
//!
//! When a cycle lies among the nodes to recompute, the generic sparse
//! re-computation ([`super::redo::Redo`]) runs instead. Cost: O(|up(i)|)
//! hash operations to find the region, then BDD operations on the nodes
//! recomputed only.

use super::availability;
use super::cut_sets::{CutSet, CutSetRule};
use super::functions::{with_forced_failure, BddRule, FailureFunctions, Variables};
use super::redo::Redo;
use super::sweep::{Rule, Slot, Slots, Sweep};
use crate::model::{Graph, NodeIndex};
use biodivine_lib_bdd::{op_function, Bdd};
use hashbrown::{HashMap, HashSet};

/// The functions as they are with the node forced: recomputed ones, killed
/// ones ("true"), and the base for the rest.
struct Forced<'a> {
    base: &'a [Slot<Bdd>],
    killed: &'a HashSet<NodeIndex>,
    recomputed: &'a HashMap<NodeIndex, Slot<Bdd>>,
    truth: &'a Slot<Bdd>,
}

impl Slots<Bdd> for Forced<'_> {
    fn slot(&self, node: NodeIndex) -> &Slot<Bdd> {
        if self.killed.contains(&node) {
            self.truth
        } else {
            self.recomputed.get(&node).unwrap_or(&self.base[node as usize])
        }
    }
}

/// The region of one forced failure, recomputed node by node.
struct Planned {
    killed: HashSet<NodeIndex>,
    /// Nodes to recompute, dependencies first.
    plan: Vec<NodeIndex>,
    next: usize,
    recomputed: HashMap<NodeIndex, Slot<Bdd>>,
    /// The features above the node: killed ones and those recomputed.
    features: Vec<NodeIndex>,
    truth: Slot<Bdd>,
}

enum Method {
    Planned(Planned),
    Generic(Redo<BddRule>),
}

/// One node forced to fail, in progress.
pub struct ForcedFailure {
    node: NodeIndex,
    method: Method,
}

impl ForcedFailure {
    /// Plans the forced failure of `node` over the finished `functions` and
    /// `cut_sets`; `targets` marks the features whose Q1 is wanted.
    pub fn new(graph: &Graph, functions: &FailureFunctions, cut_sets: &Sweep<CutSetRule>, targets: &[bool], node: NodeIndex) -> ForcedFailure {
        let order = functions.order();
        let single = CutSet::single(node);
        let kills = |v: NodeIndex| v == node || cut_sets.slot(v).known().is_some_and(|family| family.binary_search(&single).is_ok());
        // Everything above the node, and which of it the node kills.
        let mut up: HashSet<NodeIndex> = HashSet::new();
        let mut killed: HashSet<NodeIndex> = HashSet::new();
        let mut stack = vec![node];
        up.insert(node);
        while let Some(v) = stack.pop() {
            if kills(v) {
                killed.insert(v);
            }
            for &dependent in graph.dependents(v) {
                if order.component_of(dependent).is_some() && up.insert(dependent) {
                    stack.push(dependent);
                }
            }
        }
        let features: Vec<NodeIndex> = up.iter().copied().filter(|&f| f != node && targets[f as usize]).collect();
        // What the surviving features need, down to (not into) killed nodes.
        let mut needed: HashSet<NodeIndex> = HashSet::new();
        let mut stack: Vec<NodeIndex> = features.iter().copied().filter(|f| !killed.contains(f)).collect();
        while let Some(v) = stack.pop() {
            if killed.contains(&v) || !needed.insert(v) {
                continue;
            }
            stack.extend(graph.dependencies(v).iter().copied().filter(|d| up.contains(d)));
        }
        let in_cycle = needed.iter().any(|&v| order.component_of(v).is_some_and(|c| order.components[c as usize].is_cycle));
        let method = if in_cycle {
            Method::Generic(with_forced_failure(functions, node))
        } else {
            let mut plan: Vec<NodeIndex> = needed.into_iter().collect();
            plan.sort_by_key(|&v| order.component_of(v));
            let truth = Slot::Known(functions.rule().variables.truth());
            Method::Planned(Planned { killed, plan, next: 0, recomputed: HashMap::new(), features, truth })
        };
        ForcedFailure { node, method }
    }

    pub fn node(&self) -> NodeIndex {
        self.node
    }

    pub fn is_done(&self) -> bool {
        match &self.method {
            Method::Planned(planned) => planned.next >= planned.plan.len(),
            Method::Generic(redo) => redo.is_done(),
        }
    }

    /// Up to `budget` node computations; returns how many it did.
    pub fn step(&mut self, graph: &Graph, functions: &FailureFunctions, budget: usize) -> usize {
        match &mut self.method {
            Method::Generic(redo) => redo.step(graph, functions.slots(), budget),
            Method::Planned(planned) => {
                let mut done = 0;
                while done < budget && planned.next < planned.plan.len() {
                    let v = planned.plan[planned.next];
                    planned.next += 1;
                    done += 1;
                    if let Some(new) = planned.recompute(graph, functions, v) {
                        planned.recomputed.insert(v, new);
                    }
                }
                done
            }
        }
    }

    /// Q1 of each wanted feature whose function the forced failure changes
    /// (`None`: too large to compute); once [`is_done`](Self::is_done).
    pub fn q1(&self, functions: &FailureFunctions, targets: &[bool]) -> Vec<(NodeIndex, Option<f64>)> {
        let variables = &functions.rule().variables;
        match &self.method {
            Method::Generic(redo) => redo
                .changes()
                .filter(|&(f, _)| f != self.node && targets[f as usize])
                .map(|(f, slot)| (f, q1(slot, variables)))
                .collect(),
            Method::Planned(planned) => planned
                .features
                .iter()
                .filter_map(|&f| match (planned.killed.contains(&f), planned.recomputed.get(&f)) {
                    (true, _) => Some((f, Some(1.0))),
                    (false, Some(slot)) => Some((f, q1(slot, variables))),
                    // Unchanged: Q1 = Q, no importance.
                    (false, None) => None,
                })
                .collect(),
        }
    }
}

fn q1(slot: &Slot<Bdd>, variables: &Variables) -> Option<f64> {
    match slot {
        Slot::Known(bdd) if bdd.is_true() => Some(1.0),
        Slot::Known(bdd) => Some(availability::probability(bdd, variables)),
        _ => None,
    }
}

impl Planned {
    /// The forced function of `v`, or `None` when it is the same as before.
    fn recompute(&self, graph: &Graph, functions: &FailureFunctions, v: NodeIndex) -> Option<Slot<Bdd>> {
        let base = functions.slots();
        let view = Forced { base, killed: &self.killed, recomputed: &self.recomputed, truth: &self.truth };
        let changed: Vec<NodeIndex> = graph
            .dependencies(v)
            .iter()
            .copied()
            .filter(|d| self.killed.contains(d) || self.recomputed.contains_key(d))
            .collect();
        if changed.is_empty() {
            return None;
        }
        let rule = functions.rule();
        let dependencies = graph.dependencies(v).len();
        let new = match &base[v as usize] {
            // Needs all of its dependencies: the old function grows by the changed inputs.
            Slot::Known(old) if graph.needed(v) == dependencies => {
                let mut grown = Some(old.clone());
                for d in changed {
                    grown = match (grown, view.slot(d)) {
                        (Some(acc), Slot::Known(input)) => Bdd::binary_op_with_limit(rule.size_limit, &acc, input, op_function::or),
                        _ => None,
                    };
                }
                grown.map_or(Slot::TooLarge, Slot::Known)
            }
            _ => rule.compute(graph, v, &view),
        };
        (!rule.same(&new, &base[v as usize])).then_some(new)
    }
}
