//! The least fixed point of "down", node by node and resumable.
//!
//! Both symbolic forms of a node's failure function (a BDD for probabilities,
//! a family of minimal cut sets for cut sets) obey the same rule: a node is
//! down iff it failed itself or enough of its dependencies are down. The state
//! after a set of failures is the greatest fixed point of "up", so the least
//! fixed point of "down", reached from "nothing down". [`Sweep`] computes it
//! over strongly connected components in topological order, dependencies
//! first: a node outside any cycle is computed once; the members of a cycle
//! start from "never down" and are recomputed in turn (each sees the latest
//! values of the others) until a whole sweep changes nothing. That is chaotic
//! Kleene iteration of a monotone operator from the bottom, so it reaches the
//! least fixed point; for each failure set the concrete states settle after at
//! most one sweep per member, and so do the symbolic ones.
//!
//! Work is counted in node computations, so a caller (the app, between two
//! frames) can run a few at a time with [`Sweep::step`].

use crate::model::{Graph, NodeIndex};
use petgraph::algo::kosaraju_scc;

/// What one node's symbolic failure function is, so far.
#[derive(Clone, Debug, PartialEq)]
pub enum Slot<T> {
    /// Not computed yet; a cycle member before its first computation is
    /// "never down", where the fixed point starts.
    Pending,
    Known(T),
    /// Too large to compute within the limits, or depends on one that is.
    TooLarge,
}

impl<T> Slot<T> {
    pub fn known(&self) -> Option<&T> {
        match self {
            Slot::Known(value) => Some(value),
            _ => None,
        }
    }
}

/// How one node's function follows from its dependencies' functions.
pub trait Rule {
    type Value: Clone;

    /// The function of `node`, from the current slots of its dependencies
    /// (`Pending` ones count as "never down").
    fn compute(&self, graph: &Graph, node: NodeIndex, slots: &[Slot<Self::Value>]) -> Slot<Self::Value>;

    /// Whether `new` adds nothing to `old`. Iteration only grows functions,
    /// so this decides that a cycle has settled.
    fn settled(&self, new: &Self::Value, old: &Self::Value) -> bool;
}

#[derive(Clone, Debug)]
struct Component {
    members: Vec<NodeIndex>,
    is_cycle: bool,
}

#[derive(Clone, Copy, Debug, Default)]
struct Cursor {
    component: usize,
    member: usize,
    /// Whether the current sweep over a cycle changed any member.
    changed: bool,
}

/// The functions of every node under one [`Rule`], computed step by step.
#[derive(Clone, Debug)]
pub struct Sweep<R: Rule> {
    rule: R,
    slots: Vec<Slot<R::Value>>,
    components: Vec<Component>,
    cursor: Cursor,
    computed: usize,
    /// When redoing after a change ([`Sweep::redo_from`]): which nodes'
    /// functions differ from before. A node outside cycles none of whose
    /// dependencies changed keeps its old function without recomputing.
    changed: Option<Vec<bool>>,
}

impl<R: Rule> Sweep<R> {
    /// Every node pending; nothing is computed until [`step`](Self::step). O(n + m).
    pub fn new(graph: &Graph, rule: R) -> Sweep<R> {
        // Kosaraju's algorithm (iterative in petgraph) yields components with
        // each one's dependencies before it.
        let components = kosaraju_scc(graph)
            .into_iter()
            .map(|members| {
                let is_cycle = members.len() > 1 || graph.dependencies(members[0]).contains(&members[0]);
                Component { members, is_cycle }
            })
            .collect();
        Sweep { rule, slots: vec![Slot::Pending; graph.len()], components, cursor: Cursor::default(), computed: 0, changed: None }
    }

    /// The same sweep under another rule, recomputing only `node` and what
    /// depends on it, directly or not; every other slot is kept.
    pub fn redo_from(&self, graph: &Graph, node: NodeIndex, rule: R) -> Sweep<R> {
        let mut affected = vec![false; graph.len()];
        affected[node as usize] = true;
        let mut stack = vec![node];
        while let Some(v) = stack.pop() {
            for &dependent in graph.dependents(v) {
                if !std::mem::replace(&mut affected[dependent as usize], true) {
                    stack.push(dependent);
                }
            }
        }
        // A component is affected as a whole: its members reach each other.
        let components: Vec<Component> =
            self.components.iter().filter(|c| affected[c.members[0] as usize]).cloned().collect();
        // Cycles start again from "never down"; other nodes keep their
        // function until a dependency's changes.
        let mut slots = self.slots.clone();
        let mut changed = vec![false; graph.len()];
        changed[node as usize] = true;
        for component in components.iter().filter(|c| c.is_cycle) {
            for &member in &component.members {
                slots[member as usize] = Slot::Pending;
                changed[member as usize] = true;
            }
        }
        Sweep { rule, slots, components, cursor: Cursor::default(), computed: 0, changed: Some(changed) }
    }

    pub fn rule(&self) -> &R {
        &self.rule
    }

    pub fn slot(&self, node: NodeIndex) -> &Slot<R::Value> {
        &self.slots[node as usize]
    }

    pub fn is_done(&self) -> bool {
        self.cursor.component >= self.components.len()
    }

    /// Node computations so far (a cycle member counts once per sweep).
    pub fn computed(&self) -> usize {
        self.computed
    }

    /// Nodes to compute, each cycle member counted once.
    pub fn total(&self) -> usize {
        self.components.iter().map(|c| c.members.len()).sum()
    }

    /// Computes up to `budget` node functions and returns how many it did.
    /// A call may run over its budget by the cost of one node.
    pub fn step(&mut self, graph: &Graph, budget: usize) -> usize {
        let mut done = 0;
        while done < budget && !self.is_done() {
            let component = &self.components[self.cursor.component];
            let v = component.members[self.cursor.member];
            let (is_cycle, last_member) = (component.is_cycle, self.cursor.member + 1 == component.members.len());
            let unaffected = !is_cycle
                && self.changed.as_ref().is_some_and(|changed| {
                    !changed[v as usize] && !graph.dependencies(v).iter().any(|&d| changed[d as usize])
                });
            if !unaffected {
                let new = self.rule.compute(graph, v, &self.slots);
                let settled = self.is_settled(&new, &self.slots[v as usize]);
                if is_cycle && !settled {
                    self.cursor.changed = true;
                }
                if let Some(changed) = &mut self.changed {
                    changed[v as usize] = is_cycle || !settled;
                }
                self.slots[v as usize] = new;
            }
            self.computed += 1;
            done += 1;
            self.cursor = if !last_member {
                Cursor { member: self.cursor.member + 1, ..self.cursor }
            } else if is_cycle && self.cursor.changed {
                Cursor { member: 0, changed: false, ..self.cursor }
            } else {
                Cursor { component: self.cursor.component + 1, member: 0, changed: false }
            };
        }
        done
    }

    /// Runs every remaining step.
    pub fn finish(&mut self, graph: &Graph) {
        self.step(graph, usize::MAX);
    }

    fn is_settled(&self, new: &Slot<R::Value>, old: &Slot<R::Value>) -> bool {
        match (new, old) {
            (Slot::Known(new), Slot::Known(old)) => self.rule.settled(new, old),
            (Slot::TooLarge, Slot::TooLarge) => true,
            // From "never down" to something: settled only if that is "never down" too,
            // which the next sweep confirms.
            _ => false,
        }
    }
}
