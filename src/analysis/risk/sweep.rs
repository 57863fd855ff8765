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
//! most one sweep per member, and so do the symbolic ones. A member that
//! once passes the size limit stays [`Slot::TooLarge`] until the cycle
//! settles: a larger function can have a smaller BDD, so without that rule
//! a member could go back and forth between a function and "too large".
//!
//! Only the nodes in the cones of the features analysed are computed (what
//! no feature depends on cannot change a feature's numbers). The component
//! order is shared ([`Order`]) with the sparse re-computations of
//! [`super::redo`], which need each node's place in it.
//!
//! Work is counted in node computations, so a caller (the app, between two
//! frames) can run a few at a time with [`Sweep::step`].

use crate::model::{Graph, NodeIndex};
use petgraph::algo::kosaraju_scc;
use std::rc::Rc;

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

/// Where a rule reads the current functions of a node's dependencies.
pub trait Slots<T> {
    fn slot(&self, node: NodeIndex) -> &Slot<T>;
}

impl<T> Slots<T> for [Slot<T>] {
    fn slot(&self, node: NodeIndex) -> &Slot<T> {
        &self[node as usize]
    }
}

/// How one node's function follows from its dependencies' functions.
pub trait Rule {
    type Value: Clone;

    /// The function of `node`, from the current slots of its dependencies
    /// (`Pending` ones count as "never down").
    fn compute<S: Slots<Self::Value> + ?Sized>(&self, graph: &Graph, node: NodeIndex, slots: &S) -> Slot<Self::Value>;

    /// Whether `new` adds nothing to `old`. Iteration only grows functions,
    /// so this decides that a cycle has settled.
    fn settled(&self, new: &Self::Value, old: &Self::Value) -> bool;

    /// Whether two slots hold the same function (for cycles and re-computations).
    fn same(&self, new: &Slot<Self::Value>, old: &Slot<Self::Value>) -> bool {
        match (new, old) {
            (Slot::Known(new), Slot::Known(old)) => self.settled(new, old),
            (Slot::TooLarge, Slot::TooLarge) => true,
            // From "never down" to something: settled only if that is "never
            // down" too, which the next sweep confirms.
            _ => false,
        }
    }
}

/// A strongly connected component of the graph.
#[derive(Clone, Debug)]
pub struct Component {
    pub members: Vec<NodeIndex>,
    pub is_cycle: bool,
}

/// The strongly connected components of the nodes analysed, dependencies
/// first, and each node's place in that order. O(n + m) to build.
#[derive(Debug)]
pub struct Order {
    pub components: Vec<Component>,
    /// The component of each node; `None` outside the cones analysed.
    component_of: Vec<Option<u32>>,
}

impl Order {
    /// The components of the nodes in the cones of `roots` (every node when `None`).
    pub fn new(graph: &Graph, roots: Option<&[NodeIndex]>) -> Order {
        let wanted = roots.map(|roots| cones(graph, roots));
        // Kosaraju's algorithm (iterative in petgraph) yields components with
        // each one's dependencies before it.
        let components: Vec<Component> = kosaraju_scc(graph)
            .into_iter()
            .filter(|members| wanted.as_ref().is_none_or(|wanted| wanted[members[0] as usize]))
            .map(|members| {
                let is_cycle = members.len() > 1 || graph.dependencies(members[0]).contains(&members[0]);
                Component { members, is_cycle }
            })
            .collect();
        let mut component_of = vec![None; graph.len()];
        for (index, component) in components.iter().enumerate() {
            for &member in &component.members {
                component_of[member as usize] = Some(index as u32);
            }
        }
        Order { components, component_of }
    }

    pub fn component_of(&self, node: NodeIndex) -> Option<u32> {
        self.component_of[node as usize]
    }

    /// Nodes analysed.
    pub fn len(&self) -> usize {
        self.components.iter().map(|c| c.members.len()).sum()
    }
}

/// Every node the `roots` depend on, directly or not, themselves included.
fn cones(graph: &Graph, roots: &[NodeIndex]) -> Vec<bool> {
    let mut seen = vec![false; graph.len()];
    let mut stack: Vec<NodeIndex> = roots.to_vec();
    for &root in roots {
        seen[root as usize] = true;
    }
    while let Some(v) = stack.pop() {
        for &d in graph.dependencies(v) {
            if !std::mem::replace(&mut seen[d as usize], true) {
                stack.push(d);
            }
        }
    }
    seen
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
    order: Rc<Order>,
    slots: Vec<Slot<R::Value>>,
    cursor: Cursor,
    computed: usize,
}

impl<R: Rule> Sweep<R> {
    /// Every node pending; nothing is computed until [`step`](Self::step). O(n).
    pub fn new(graph: &Graph, order: Rc<Order>, rule: R) -> Sweep<R> {
        Sweep { rule, order, slots: vec![Slot::Pending; graph.len()], cursor: Cursor::default(), computed: 0 }
    }

    pub fn rule(&self) -> &R {
        &self.rule
    }

    pub fn order(&self) -> &Rc<Order> {
        &self.order
    }

    pub fn slot(&self, node: NodeIndex) -> &Slot<R::Value> {
        &self.slots[node as usize]
    }

    pub fn slots(&self) -> &[Slot<R::Value>] {
        &self.slots
    }

    pub fn is_done(&self) -> bool {
        self.cursor.component >= self.order.components.len()
    }

    /// Node computations so far (a cycle member counts once per sweep).
    pub fn computed(&self) -> usize {
        self.computed
    }

    /// Nodes to compute, each cycle member counted once.
    pub fn total(&self) -> usize {
        self.order.len()
    }

    /// Computes up to `budget` node functions and returns how many it did.
    /// A call may run over its budget by the cost of one node.
    pub fn step(&mut self, graph: &Graph, budget: usize) -> usize {
        let mut done = 0;
        while done < budget && !self.is_done() {
            let component = &self.order.components[self.cursor.component];
            let v = component.members[self.cursor.member];
            let (is_cycle, last_member) = (component.is_cycle, self.cursor.member + 1 == component.members.len());
            let new = if is_cycle && matches!(self.slots[v as usize], Slot::TooLarge) {
                Slot::TooLarge
            } else {
                self.rule.compute(graph, v, self.slots.as_slice())
            };
            if is_cycle && !self.rule.same(&new, &self.slots[v as usize]) {
                self.cursor.changed = true;
            }
            self.slots[v as usize] = new;
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
}
