//! Re-computing failure functions after one node changes, sparsely.
//!
//! A change at node c (importance forces a node to fail) can only change the
//! functions of the nodes that depend on c, directly or not, and only while
//! the change propagates: a node whose new function equals its old one
//! changes none of its dependents. [`Redo`] keeps the new functions in a
//! sparse overlay over the untouched base (a [`super::sweep::Sweep`] that has
//! finished) and visits components in the base's topological order through a
//! priority queue, queueing a component only when one of its dependencies
//! changed. A cycle restarts from "never down" and is swept until it settles,
//! as in the full sweep; members that end with their old function leave the
//! overlay.
//!
//! Cost: O(c · log c) queue work and one rule computation per changed node
//! and per node next to one (cycle members once per sweep), where c is the
//! number of nodes whose function changes: never the whole graph.

use super::sweep::{Order, Rule, Slot, Slots};
use crate::model::{Graph, NodeIndex};
use hashbrown::{HashMap, HashSet};
use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::rc::Rc;

/// The overlay over the base: a node's new function if it changed.
struct Layered<'a, V> {
    overlay: &'a HashMap<NodeIndex, Slot<V>>,
    base: &'a [Slot<V>],
}

impl<V> Slots<V> for Layered<'_, V> {
    fn slot(&self, node: NodeIndex) -> &Slot<V> {
        self.overlay.get(&node).unwrap_or(&self.base[node as usize])
    }
}

/// A cycle being swept: its component, the next member, and whether this sweep changed any.
#[derive(Clone, Copy, Debug)]
struct CycleCursor {
    component: u32,
    member: usize,
    changed: bool,
}

/// The functions that change after a change at one node, computed step by step.
pub struct Redo<R: Rule> {
    rule: R,
    order: Rc<Order>,
    overlay: HashMap<NodeIndex, Slot<R::Value>>,
    queue: BinaryHeap<Reverse<u32>>,
    queued: HashSet<u32>,
    cycle: Option<CycleCursor>,
    computed: usize,
}

impl<R: Rule> Redo<R> {
    /// Recomputes from `start` (whose function `rule` now computes differently).
    pub fn new(order: Rc<Order>, start: NodeIndex, rule: R) -> Redo<R> {
        let mut redo = Redo {
            rule,
            order,
            overlay: HashMap::new(),
            queue: BinaryHeap::new(),
            queued: HashSet::new(),
            cycle: None,
            computed: 0,
        };
        if let Some(component) = redo.order.component_of(start) {
            redo.enqueue(component);
        }
        redo
    }

    pub fn rule(&self) -> &R {
        &self.rule
    }

    pub fn is_done(&self) -> bool {
        self.cycle.is_none() && self.queue.is_empty()
    }

    /// Rule computations so far.
    pub fn computed(&self) -> usize {
        self.computed
    }

    /// Every node whose function changed, with its new function.
    pub fn changes(&self) -> impl Iterator<Item = (NodeIndex, &Slot<R::Value>)> {
        self.overlay.iter().map(|(&node, slot)| (node, slot))
    }

    /// The new function of `node` if it changed, else `None` (it is the base's).
    pub fn changed(&self, node: NodeIndex) -> Option<&Slot<R::Value>> {
        self.overlay.get(&node)
    }

    fn enqueue(&mut self, component: u32) {
        if self.queued.insert(component) {
            self.queue.push(Reverse(component));
        }
    }

    /// Queues the components of `node`'s dependents (other than `own`).
    fn enqueue_dependents(&mut self, graph: &Graph, node: NodeIndex, own: u32) {
        for &dependent in graph.dependents(node) {
            if let Some(component) = self.order.component_of(dependent).filter(|&c| c != own) {
                self.enqueue(component);
            }
        }
    }

    /// Up to `budget` rule computations over `base`; returns how many it did.
    pub fn step(&mut self, graph: &Graph, base: &[Slot<R::Value>], budget: usize) -> usize {
        let mut done = 0;
        while done < budget && !self.is_done() {
            if let Some(cursor) = self.cycle {
                self.step_cycle(graph, base, cursor);
                done += 1;
                continue;
            }
            let Some(Reverse(component)) = self.queue.pop() else { break };
            let order = Rc::clone(&self.order);
            let members = &order.components[component as usize];
            if members.is_cycle {
                // The least fixed point starts again from "never down".
                for &member in &members.members {
                    self.overlay.insert(member, Slot::Pending);
                }
                self.cycle = Some(CycleCursor { component, member: 0, changed: false });
                continue;
            }
            let v = members.members[0];
            let new = self.rule.compute(graph, v, &Layered { overlay: &self.overlay, base });
            done += 1;
            self.computed += 1;
            if self.rule.same(&new, &base[v as usize]) {
                self.overlay.remove(&v);
            } else {
                self.overlay.insert(v, new);
                self.enqueue_dependents(graph, v, component);
            }
        }
        done
    }

    fn step_cycle(&mut self, graph: &Graph, base: &[Slot<R::Value>], cursor: CycleCursor) {
        let order = Rc::clone(&self.order);
        let members = &order.components[cursor.component as usize].members;
        let v = members[cursor.member];
        // "Too large" sticks until the cycle settles, as in the full sweep.
        let new = match &self.overlay[&v] {
            Slot::TooLarge => Slot::TooLarge,
            _ => self.rule.compute(graph, v, &Layered { overlay: &self.overlay, base }),
        };
        self.computed += 1;
        let changed = cursor.changed || !self.rule.same(&new, &self.overlay[&v]);
        self.overlay.insert(v, new);
        if cursor.member + 1 < members.len() {
            self.cycle = Some(CycleCursor { member: cursor.member + 1, changed, ..cursor });
        } else if changed {
            self.cycle = Some(CycleCursor { member: 0, changed: false, ..cursor });
        } else {
            // Settled: members back at their old function leave the overlay.
            self.cycle = None;
            for &member in members {
                if self.rule.same(&self.overlay[&member], &base[member as usize]) {
                    self.overlay.remove(&member);
                } else {
                    self.enqueue_dependents(graph, member, cursor.component);
                }
            }
        }
    }

    /// Runs every remaining step.
    pub fn finish(&mut self, graph: &Graph, base: &[Slot<R::Value>]) {
        self.step(graph, base, usize::MAX);
    }
}
