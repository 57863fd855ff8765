//! Restore times: for how long each node stays down after a failure set, and
//! at what cost in user-hours.
//!
//! A failure set F happens at hour 0. D is the set of nodes down right after
//! it (the greatest fixed point, as in [`simulate`](super::simulate)). A node
//! outside D has T(v) = 0. For v in D
//!
//! ```text
//! T(v) = min(ready(v) + recovery_hours(v), rebuild_hours(v) if given, else ∞)
//! ```
//!
//! where ready(v) is the hour at which v's requirement is met again by
//! dependencies that are back: the latest T of its dependencies for "all" (0
//! with none), the earliest for "any", the k-th earliest for "at least k". A
//! failed node follows the same rule (its recovery hours are its repair). T is
//! what a restoration sequence can actually reach: nodes that wait on each
//! other in a cycle, with no rebuild, never come back (T = ∞, `None` here).
//! Of the solutions of these equations it is the greatest, the one reached by
//! iterating from "never" downward (which is how the test oracle computes it).
//!
//! The pass is Knuth's generalisation of Dijkstra's algorithm to such
//! equations: nodes are finalised in increasing T. Each node of D starts with
//! its rebuild hours as a candidate, and is ready at hour 0 if enough of its
//! dependencies are outside D. Finalising a node at hour t counts one more
//! dependency back for each dependent in D; the dependent whose count reaches
//! what its requirement needs is ready at t (its needed-th earliest
//! dependency) and gets the candidate t + recovery. Candidates never lie
//! before the hour being finalised, so the first one popped for a node is its
//! T; nodes never popped wait in a cycle and never come back.
//!
//! When D has no cycle, as in most architectures, the same times follow
//! without a heap: taking D in an order where every node comes after its
//! dependencies in D (Kahn's), each node's ready hour is the latest, earliest
//! or needed-th earliest of its dependencies' final times. The pass tries
//! that first and falls back to the heap when nodes of D are left waiting on
//! each other.
//!
//! Cost: O(|D| + m_D) without a cycle in D, O((|D| + m_D) log |D|) with one,
//! where m_D counts the edges with an end in D; each node enters the heap at
//! most twice. Finding D itself is a sweep up the dependents from the failed
//! nodes, O(|D| + m_D). The working buffers are sized to the graph once and
//! every node's state is stamped with its pass, so starting another pass
//! clears nothing: [`single_failure_restores`](super::single_failure_restores)
//! runs one pass per single failure inside that failure's down set.

use super::NodeState;
use crate::model::{Graph, NodeIndex};
use std::cmp::{Ordering, Reverse};
use std::collections::{BinaryHeap, HashMap, HashSet};

/// Restore times after one failure set, for every node.
#[derive(Clone, Debug, PartialEq)]
pub struct RestoreTimes {
    /// T per node: 0 for nodes that stayed up, infinity for never.
    hours: Vec<f64>,
    /// The state right after the failure (hour 0, before anything is back).
    states: Vec<NodeState>,
}

/// One dark feature on the recovery timeline.
#[derive(Clone, Debug, PartialEq)]
pub struct FeatureRestore {
    pub feature: NodeIndex,
    /// Hours until it is back; `None`: never.
    pub hours: Option<f64>,
    pub users: u64,
    /// users × hours; `None` when it never comes back.
    pub user_hours: Option<f64>,
}

/// Why a node never comes back: it waits, through `chain`, on nodes that wait
/// on each other.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Blocker {
    /// From the node to the first node of the cycle, both included: each one
    /// waits on the next (it depends on it, and that one never comes back).
    pub chain: Vec<NodeIndex>,
    /// The strongly connected never-back nodes the chain ends in, in index
    /// order: a cycle (or a node that depends on itself) with no rebuild.
    pub cycle: Vec<NodeIndex>,
}

/// The restore time of every node after `failed` fail at hour 0. Ids may
/// repeat. O(n) to lay out the result, plus the pass over the down set.
pub fn restore_times(graph: &Graph, failed: &[NodeIndex]) -> RestoreTimes {
    let mut pass = RestorePass::new(graph);
    pass.take_down(graph, failed);
    pass.restore(graph);
    let mut hours = vec![0.0; graph.len()];
    let mut states = vec![NodeState::Up; graph.len()];
    for (position, &v) in pass.down().iter().enumerate() {
        hours[v as usize] = pass.hours(v).unwrap_or(f64::INFINITY);
        states[v as usize] = if position < pass.failed_count() { NodeState::Failed } else { NodeState::Down };
    }
    RestoreTimes { hours, states }
}

impl RestoreTimes {
    /// Hours until `node` is back: `Some(0.0)` if it never went down, `None` if it never comes back.
    pub fn hours(&self, node: NodeIndex) -> Option<f64> {
        Some(self.hours[node as usize]).filter(|h| h.is_finite())
    }

    /// The state right after the failure.
    pub fn state(&self, node: NodeIndex) -> NodeState {
        self.states[node as usize]
    }

    /// The state at `hour` since the failure: a node is back iff T ≤ hour.
    pub fn state_at(&self, node: NodeIndex, hour: f64) -> NodeState {
        if self.hours[node as usize] <= hour {
            NodeState::Up
        } else {
            self.state(node)
        }
    }

    /// Every node's state at `hour`, in index order.
    pub fn states_at(&self, hour: f64) -> Vec<NodeState> {
        (0..self.states.len() as NodeIndex).map(|v| self.state_at(v, hour)).collect()
    }

    /// The nodes down right after the failure (failed ones included), in index order.
    pub fn down(&self) -> impl Iterator<Item = NodeIndex> + '_ {
        (0..self.states.len() as NodeIndex).filter(|&v| !self.state(v).is_up())
    }

    /// The dark features, sooner back first (never last), then by users
    /// (descending) and id: the recovery timeline.
    pub fn features(&self, graph: &Graph) -> Vec<FeatureRestore> {
        let mut features: Vec<FeatureRestore> = graph
            .features()
            .filter(|&f| !self.state(f).is_up())
            .map(|feature| {
                let hours = self.hours(feature);
                let users = graph.users(feature);
                FeatureRestore {
                    feature,
                    hours,
                    users,
                    user_hours: hours.map(|h| user_hours(users, h)),
                }
            })
            .collect();
        features.sort_by(|a, b| {
            compare_hours(a.hours, b.hours)
                .then(b.users.cmp(&a.users))
                .then_with(|| graph.id(a.feature).cmp(graph.id(b.feature)))
        });
        features
    }

    /// Σ users × T over the dark features that come back, in feature order
    /// (saturating). Features' users overlap, so this is a sum over features,
    /// not over people.
    pub fn user_hours(&self, graph: &Graph) -> f64 {
        self.dark_features(graph).user_hours
    }

    /// When every dark feature is back: the latest of their restore times
    /// (`Some(0.0)` when none went dark), or `None` when one never comes back.
    pub fn last_feature_back(&self, graph: &Graph) -> Option<f64> {
        self.dark_features(graph).last_back
    }

    fn dark_features(&self, graph: &Graph) -> FeaturesBack {
        let mut summary = FeaturesBack::default();
        for feature in graph.features().filter(|&f| !self.state(f).is_up()) {
            summary.add(graph, feature, self.hours(feature));
        }
        summary
    }

    /// Why `node` never comes back; `None` when it does. O(n + m) at most.
    pub fn blocker(&self, graph: &Graph, node: NodeIndex) -> Option<Blocker> {
        let never = |v: NodeIndex| self.hours[v as usize].is_infinite();
        if !never(node) {
            return None;
        }
        // A never-back node has no rebuild and fewer dependencies back than it
        // needs (at least one), so one of its dependencies never comes back
        // either: following them must close a cycle.
        let mut chain = Vec::new();
        let mut position: HashMap<NodeIndex, usize> = HashMap::new();
        let mut current = node;
        let entry = loop {
            if let Some(&at) = position.get(&current) {
                chain.truncate(at + 1);
                break current;
            }
            position.insert(current, chain.len());
            chain.push(current);
            current = graph.dependencies(current).iter().copied().find(|&d| never(d))?;
        };
        // The component of `entry` among never-back nodes: what it reaches
        // through dependencies and what reaches it through dependents.
        let forward = reach(entry, |v| graph.dependencies(v), never);
        let backward = reach(entry, |v| graph.dependents(v), never);
        let mut cycle: Vec<NodeIndex> = forward.intersection(&backward).copied().collect();
        cycle.sort_unstable();
        Some(Blocker { chain, cycle })
    }
}

/// The nodes reachable from `start` along `next` through nodes where `keep` holds.
fn reach<'g>(
    start: NodeIndex,
    next: impl Fn(NodeIndex) -> &'g [NodeIndex],
    keep: impl Fn(NodeIndex) -> bool,
) -> HashSet<NodeIndex> {
    let mut seen = HashSet::from([start]);
    let mut stack = vec![start];
    while let Some(v) = stack.pop() {
        for &w in next(v) {
            if keep(w) && seen.insert(w) {
                stack.push(w);
            }
        }
    }
    seen
}

/// Whether the file says anything about recovery: recovery or rebuild hours
/// on any node, or a tolerance on a feature.
pub fn has_recovery_data(graph: &Graph) -> bool {
    graph.nodes().any(|v| {
        graph.recovery_hours(v) > 0.0 || graph.rebuild_hours(v).is_some() || graph.tolerance_hours(v).is_some()
    })
}

/// users × hours for one feature, never infinite.
pub fn user_hours(users: u64, hours: f64) -> f64 {
    (users as f64 * hours).min(f64::MAX)
}

/// When a set of dark features is all back, and the user-hours lost, added
/// up feature by feature.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct FeaturesBack {
    /// The latest restore time so far: `None` once one never comes back,
    /// `Some(0.0)` for none.
    pub(super) last_back: Option<f64>,
    /// Σ users × hours over those that come back, saturating at the largest
    /// finite number.
    pub(super) user_hours: f64,
}

impl Default for FeaturesBack {
    fn default() -> Self {
        FeaturesBack { last_back: Some(0.0), user_hours: 0.0 }
    }
}

impl FeaturesBack {
    pub(super) fn add(&mut self, graph: &Graph, feature: NodeIndex, hours: Option<f64>) {
        self.last_back = self.last_back.zip(hours).map(|(last, h)| last.max(h));
        if let Some(h) = hours {
            self.user_hours = (self.user_hours + user_hours(graph.users(feature), h)).min(f64::MAX);
        }
    }
}

/// Restore times in ascending order, never last.
pub fn compare_hours(a: Option<f64>, b: Option<f64>) -> Ordering {
    let never_last = |h: Option<f64>| h.unwrap_or(f64::INFINITY);
    never_last(a).total_cmp(&never_last(b))
}

/// Flags and a count packed in one word, so that the sweeps touch one entry
/// per edge: the node is in D; its restore time is final; and a count of
/// dependencies (in D while taking down; not yet back while restoring).
const DOWN: u32 = 1 << 31;
const BACK: u32 = 1 << 30;
const COUNT: u32 = BACK - 1;

/// What a pass keeps per node, together so that visiting a node is one
/// memory access: its rule, and its state and hours in the current pass.
#[derive(Clone, Copy, Debug, Default)]
struct Slot {
    /// The pass `state` and `hours` belong to; in any other pass the node is
    /// up with nothing counted, so that starting a pass clears nothing.
    pass: u32,
    /// [`DOWN`], [`BACK`] and a count.
    state: u32,
    /// How many dependencies the node needs up, with [`EARLIEST`] set when
    /// that is one of several.
    needed: u32,
    /// How many of them can be down while it still runs.
    slack: u32,
    /// While the node waits: the latest restore time of its dependencies so
    /// far, or minus the earliest (see [`Slot::sign`]). Once back: T.
    hours: f64,
}

/// In [`Slot::needed`]: the node needs one dependency of several, so its
/// ready hour is the earliest of theirs, which it accumulates negated: every
/// node then accumulates with `max`, without a branch on its rule.
const EARLIEST: u32 = 1 << 31;

impl Slot {
    fn new(dependencies: usize, needed: usize) -> Slot {
        let earliest = if needed == 1 && dependencies > 1 { EARLIEST } else { 0 };
        Slot {
            needed: needed as u32 | earliest,
            slack: (dependencies - needed) as u32,
            ..Slot::default()
        }
    }

    fn needed(self) -> u32 {
        self.needed & !EARLIEST
    }

    fn needs_one_of_several(self) -> bool {
        self.needed & EARLIEST != 0
    }

    /// 1, or −1 for a node that accumulates the earliest dependency (the
    /// sign bit set arithmetically: a condition would be a branch).
    fn sign(self) -> f64 {
        f64::from_bits(1.0f64.to_bits() | u64::from(self.needs_one_of_several()) << 63)
    }

    /// What a node of D starts accumulating from, with none of its
    /// dependencies up: 0 for the latest of its dependencies' hours, −∞ for
    /// minus the earliest (again without a branch).
    fn waiting_hours(self) -> f64 {
        let all_ones_if_earliest = u64::from(self.needs_one_of_several()).wrapping_neg();
        f64::from_bits(f64::NEG_INFINITY.to_bits() & all_ones_if_earliest)
    }

    /// Whether the ready hour is the latest or earliest of the dependencies'
    /// (accumulated as they come back) rather than the needed-th earliest of
    /// several (selected once they are all back).
    fn accumulates(self) -> bool {
        self.slack == 0 || self.needed() == 1
    }
}

/// A candidate restore time for a node, ordered by hours (then node, so the
/// order is total).
#[derive(Clone, Copy, Debug, PartialEq)]
struct Candidate {
    hours: f64,
    node: NodeIndex,
}

impl Eq for Candidate {}

impl Ord for Candidate {
    fn cmp(&self, other: &Self) -> Ordering {
        self.hours.total_cmp(&other.hours).then(self.node.cmp(&other.node))
    }
}

impl PartialOrd for Candidate {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// The buffers of one pass, sized to the graph once and reused from failure
/// set to failure set: [`RestorePass::reset`] is O(1), since every node's
/// state is stamped with the pass it belongs to.
///
/// The inner loops are written without data-dependent branches (whether a
/// dependent goes down, or is in D, is a coin toss that mispredicted
/// branches made the largest cost): `down` and `order` are written one
/// place ahead of their lengths, and the lengths advance by 0 or 1.
pub(super) struct RestorePass {
    slots: Vec<Slot>,
    /// The current pass, for [`Slot::pass`].
    pass: u32,
    /// D in the order it went down, the failed nodes first: the first
    /// `down_len` entries (one spare entry at the end for the write ahead).
    down: Vec<NodeIndex>,
    down_len: usize,
    failed_count: usize,
    /// D in the order nodes came back (Kahn's order when D has no cycle).
    order: Vec<NodeIndex>,
    order_len: usize,
    heap: BinaryHeap<Reverse<Candidate>>,
    /// Dependencies' restore times, to select the needed-th earliest.
    scratch: Vec<f64>,
    /// Each node's rebuild hours, infinity for none: read without a branch
    /// on whether there is one.
    rebuild: Vec<f64>,
}

impl RestorePass {
    /// Buffers for passes on `graph`. O(n).
    pub(super) fn new(graph: &Graph) -> RestorePass {
        let slots = graph
            .nodes()
            .map(|v| Slot::new(graph.dependencies(v).len(), graph.needed(v)))
            .collect();
        RestorePass {
            slots,
            pass: 1,
            down: vec![0; graph.len() + 1],
            down_len: 0,
            failed_count: 0,
            order: vec![0; graph.len() + 1],
            order_len: 0,
            heap: BinaryHeap::new(),
            scratch: Vec::new(),
            rebuild: graph.nodes().map(|v| graph.rebuild_hours(v).unwrap_or(f64::INFINITY)).collect(),
        }
    }

    /// The node's state in this pass.
    fn state(&self, node: NodeIndex) -> u32 {
        let slot = self.slots[node as usize];
        if slot.pass == self.pass {
            slot.state
        } else {
            0
        }
    }

    /// D, the nodes down after `failed` fail: a breadth-first sweep up the
    /// dependents that touches only D and their dependents. O(|D| + m_D).
    pub(super) fn take_down(&mut self, graph: &Graph, failed: &[NodeIndex]) {
        let pass = self.pass;
        // Local slices and length: written through `self`, the length would
        // go back to memory at every step.
        let (slots, down) = (&mut self.slots[..], &mut self.down[..]);
        let mut len = self.down_len;
        for &v in failed {
            let slot = &mut slots[v as usize];
            if slot.pass != pass || slot.state & DOWN == 0 {
                slot.pass = pass;
                slot.state = DOWN;
                down[len] = v;
                len += 1;
            }
        }
        self.failed_count = len;
        let mut next = 0;
        while next < len {
            let lost = down[next];
            next += 1;
            for &dependent in graph.dependents(lost) {
                let slot = &mut slots[dependent as usize];
                // Counted for every dependent, down or not, so that after the
                // sweep it is the number of the node's dependencies in D.
                let this_pass = u32::from(slot.pass == pass).wrapping_neg();
                let counted = (slot.state & this_pass) + 1;
                slot.pass = pass;
                // Not down yet (no flag), and more dependencies down than it can lose.
                let goes_down = (counted < DOWN) & (counted > slot.slack);
                slot.state = counted | (u32::from(goes_down) << 31);
                // Set whether or not it goes down: outside D the hours are
                // never read, and a condition would be a branch.
                slot.hours = slot.waiting_hours();
                down[len] = dependent;
                len += usize::from(goes_down);
            }
        }
        self.down_len = len;
    }

    /// T for every node of D (after [`take_down`](Self::take_down)).
    pub(super) fn restore(&mut self, graph: &Graph) {
        let pass = self.pass;
        let (slots, order, scratch, rebuild) =
            (&mut self.slots[..], &mut self.order[..], &mut self.scratch, &self.rebuild[..]);
        // Every other node of D went down because some of its dependencies
        // did, so only failed nodes can be ready from the start; and taking
        // D down already set the others waiting (see `waiting_hours`).
        let mut len = 0;
        for &v in &self.down[..self.failed_count] {
            let slot = &mut slots[v as usize];
            let in_down = slot.state & COUNT;
            let up = slot.needed() + slot.slack - in_down;
            // Needing one of several with some up, it is ready at once.
            slot.hours = if up > 0 { 0.0 } else { slot.waiting_hours() };
            order[len] = v;
            len += usize::from(in_down == 0);
        }
        let mut next = 0;
        while next < len {
            let v = order[next];
            next += 1;
            let hours = finish(graph, slots, scratch, pass, v, rebuild[v as usize]);
            for &dependent in graph.dependents(v) {
                // Taking D down visited every dependent of D, so the slot is
                // this pass's; dependents outside D wait for nothing.
                let slot = &mut slots[dependent as usize];
                let in_down = slot.state & DOWN != 0;
                // Accumulated whether or not the dependent is in D: outside D
                // its hours are never read, and a condition here compiles to
                // a branch. (No NaN can occur, so this is `max`, one
                // instruction where `f64::max` takes several.)
                let signed = slot.sign() * hours;
                slot.hours = if signed > slot.hours { signed } else { slot.hours };
                slot.state -= u32::from(in_down);
                order[len] = dependent;
                len += usize::from(in_down & (slot.state & COUNT == 0));
            }
        }
        self.order_len = len;
        if len < self.down_len {
            self.restore_with_cycles(graph);
        }
    }

    /// The pass for a D with cycles: nodes finalised in increasing T from a
    /// heap of candidates. O((|D| + m_D) log |D|).
    fn restore_with_cycles(&mut self, graph: &Graph) {
        // Each node of D waits for as many more dependencies as its
        // requirement needs beyond those that never went down.
        for &v in &self.down[..self.down_len] {
            let in_down = graph.dependencies(v).iter().filter(|&&d| self.state(d) & DOWN != 0).count();
            let slot = &mut self.slots[v as usize];
            let up = (slot.needed() + slot.slack) as usize - in_down;
            let missing = (slot.needed() as usize).saturating_sub(up) as u32;
            slot.state = DOWN | missing;
            if let Some(rebuild) = graph.rebuild_hours(v) {
                self.heap.push(Reverse(Candidate { hours: rebuild, node: v }));
            }
            if missing == 0 {
                let ready = 0.0;
                self.heap.push(Reverse(Candidate { hours: ready + graph.recovery_hours(v), node: v }));
            }
        }
        while let Some(Reverse(Candidate { hours, node })) = self.heap.pop() {
            let slot = &mut self.slots[node as usize];
            if slot.state & BACK != 0 {
                continue;
            }
            slot.state |= BACK;
            slot.hours = hours;
            for &dependent in graph.dependents(node) {
                let state = self.state(dependent);
                if state & DOWN != 0 && state & BACK == 0 && state & COUNT > 0 {
                    self.slots[dependent as usize].state = state - 1;
                    if (state - 1) & COUNT == 0 {
                        self.heap.push(Reverse(Candidate {
                            hours: hours + graph.recovery_hours(dependent),
                            node: dependent,
                        }));
                    }
                }
            }
        }
    }

    /// D, failed nodes first.
    pub(super) fn down(&self) -> &[NodeIndex] {
        &self.down[..self.down_len]
    }

    /// How many of the first nodes of [`down`](Self::down) failed themselves.
    pub(super) fn failed_count(&self) -> usize {
        self.failed_count
    }

    /// T of a node after [`restore`](Self::restore): `Some(0.0)` outside D, `None` for never.
    pub(super) fn hours(&self, node: NodeIndex) -> Option<f64> {
        let state = self.state(node);
        if state & DOWN == 0 {
            Some(0.0)
        } else if state & BACK != 0 {
            Some(self.slots[node as usize].hours)
        } else {
            None
        }
    }

    /// Makes the buffers ready for another failure set, in O(1): the next
    /// pass ignores every state this one left.
    pub(super) fn reset(&mut self) {
        self.down_len = 0;
        self.order_len = 0;
        self.failed_count = 0;
        if self.pass == u32::MAX {
            // After four billion passes, forget them all once.
            for slot in &mut self.slots {
                slot.pass = 0;
            }
            self.pass = 0;
        }
        self.pass += 1;
    }
}

/// Finalises `v` in pass `pass`, whose dependencies in D are all back: T(v)
/// from its ready hour, its recovery and its rebuild hours (infinity for none).
fn finish(graph: &Graph, slots: &mut [Slot], scratch: &mut Vec<f64>, pass: u32, v: NodeIndex, rebuild: f64) -> f64 {
    let slot = slots[v as usize];
    let ready = if !slot.accumulates() {
        scratch.clear();
        for &d in graph.dependencies(v) {
            let dependency = slots[d as usize];
            let in_down = dependency.pass == pass && dependency.state & DOWN != 0;
            scratch.push(if in_down { dependency.hours } else { 0.0 });
        }
        *scratch.select_nth_unstable_by(slot.needed() as usize - 1, f64::total_cmp).1
    } else if slot.needs_one_of_several() {
        // Subtracting from 0 also turns a −0 into 0.
        0.0 - slot.hours
    } else {
        slot.hours
    };
    let repaired = ready + graph.recovery_hours(v);
    // `min` (no NaN can occur) in one instruction.
    let hours = if rebuild < repaired { rebuild } else { repaired };
    let slot = &mut slots[v as usize];
    slot.hours = hours;
    slot.state |= BACK;
    hours
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Document, Graph, Kind, Node, NodeId, Requirement};

    /// A node for hand-built graphs: `id:requirement:dep,dep:recovery:rebuild`,
    /// with "-" for no rebuild; a bare id is a provider with nothing.
    fn graph(spec: &str) -> Graph {
        let nodes = spec
            .split(';')
            .map(str::trim)
            .map(|item| {
                let parts: Vec<&str> = item.split(':').collect();
                let field = |i: usize| parts.get(i).copied().unwrap_or("");
                let kind = if field(0).starts_with('f') { Kind::Feature } else { Kind::Service };
                let mut node = Node::new(field(0), kind);
                node.users = 10;
                node.requires = match field(1) {
                    "" | "all" => Requirement::All,
                    "any" => Requirement::Any,
                    k => Requirement::AtLeast(k.parse().unwrap()),
                };
                node.depends_on = field(2).split(',').filter(|d| !d.is_empty()).map(NodeId::from).collect();
                node.recovery_hours = field(3).parse().ok();
                node.rebuild_hours = field(4).parse().ok();
                node
            })
            .collect();
        Graph::build(&Document { nodes, ..Document::default() }).unwrap()
    }

    fn at(graph: &Graph, id: &str) -> NodeIndex {
        graph.index_of(&id.into()).unwrap()
    }

    fn hours_of(graph: &Graph, times: &RestoreTimes, ids: &[&str]) -> Vec<Option<f64>> {
        ids.iter().map(|id| times.hours(at(graph, id))).collect()
    }

    #[test]
    fn series_adds_recovery_along_the_chain() {
        // f needs s needs dc: the data center is repaired in 5 h, s takes 2 h
        // more, the feature 0.5 h more.
        let g = graph("f:all:s:0.5; s:all:dc:2; dc:all::5; grid:all::7");
        let times = restore_times(&g, &[at(&g, "dc")]);
        assert_eq!(hours_of(&g, &times, &["f", "s", "dc", "grid"]), [Some(7.5), Some(7.0), Some(5.0), Some(0.0)]);
        assert_eq!(times.last_feature_back(&g), Some(7.5));
        assert_eq!(times.user_hours(&g), 75.0);
        assert_eq!(times.state_at(at(&g, "s"), 6.9), NodeState::Down);
        assert_eq!(times.state_at(at(&g, "s"), 7.0), NodeState::Up);
        assert_eq!(times.state_at(at(&g, "dc"), 4.0), NodeState::Failed);
        assert_eq!(times.states_at(5.0), [NodeState::Down, NodeState::Down, NodeState::Up, NodeState::Up]);
    }

    #[test]
    fn all_waits_for_the_latest_and_any_for_the_earliest() {
        // Both sites fail; a is repaired in 3 h, b in 8 h.
        let g = graph("fall:all:a,b:1; fany:any:a,b:1; a:all::3; b:all::8");
        let times = restore_times(&g, &[at(&g, "a"), at(&g, "b")]);
        assert_eq!(hours_of(&g, &times, &["fall", "fany"]), [Some(9.0), Some(4.0)]);
        let timeline: Vec<_> = times.features(&g).iter().map(|f| (g.id(f.feature).to_string(), f.hours)).collect();
        assert_eq!(timeline, [("fany".to_owned(), Some(4.0)), ("fall".to_owned(), Some(9.0))]);
        assert_eq!(times.user_hours(&g), 130.0);
    }

    #[test]
    fn two_of_three_waits_for_the_second_earliest() {
        let g = graph("fq:2:a,b,c:1; a:all::6; b:all::2; c:all::4");
        let times = restore_times(&g, &[at(&g, "a"), at(&g, "b"), at(&g, "c")]);
        assert_eq!(times.hours(at(&g, "fq")), Some(5.0));
        // With one replica still up, it is ready once the earliest other is back.
        let times = restore_times(&g, &[at(&g, "a"), at(&g, "b")]);
        assert_eq!(times.hours(at(&g, "fq")), Some(3.0));
    }

    #[test]
    fn a_rebuild_is_a_way_back_without_dependencies() {
        // The tool is rebuilt elsewhere after 4 h, before its building is back (10 h).
        let g = graph("f:all:tool:1; tool:all:dc:2:4; dc:all::10");
        let times = restore_times(&g, &[at(&g, "dc")]);
        assert_eq!(hours_of(&g, &times, &["f", "tool"]), [Some(5.0), Some(4.0)]);
        // A rebuild later than the normal way changes nothing.
        let g = graph("f:all:tool:1; tool:all:dc:2:40; dc:all::10");
        let times = restore_times(&g, &[at(&g, "dc")]);
        assert_eq!(hours_of(&g, &times, &["f", "tool"]), [Some(13.0), Some(12.0)]);
    }

    #[test]
    fn a_cycle_without_rebuild_never_comes_back_and_says_why() {
        // ops and chat need each other (Kakao's responders chatted on Kakao);
        // the feature waits on the chat.
        let g = graph("f:all:chat:1; chat:all:ops,dc:1; ops:all:chat:1; dc:all::2");
        let times = restore_times(&g, &[at(&g, "dc")]);
        assert_eq!(hours_of(&g, &times, &["f", "chat", "ops", "dc"]), [None, None, None, Some(2.0)]);
        assert_eq!(times.last_feature_back(&g), None);
        assert_eq!(times.user_hours(&g), 0.0, "only features that come back count");
        assert_eq!(times.state_at(at(&g, "ops"), 1e9), NodeState::Down);
        let blocker = times.blocker(&g, at(&g, "f")).unwrap();
        assert_eq!(blocker.chain, [at(&g, "f"), at(&g, "chat")]);
        assert_eq!(blocker.cycle, [at(&g, "chat"), at(&g, "ops")]);
        assert_eq!(times.blocker(&g, at(&g, "dc")), None);
        let features = times.features(&g);
        assert_eq!((features[0].hours, features[0].user_hours), (None, None));
    }

    #[test]
    fn a_cycle_with_a_rebuild_comes_back_through_it() {
        // A phone bridge replaces the chat for the responders after 0.5 h.
        let g = graph("f:all:chat:1; chat:all:ops,dc:1; ops:all:chat:1:0.5; dc:all::2");
        let times = restore_times(&g, &[at(&g, "dc")]);
        // ops 0.5 (rebuilt), chat max(0.5, 2) + 1 = 3, f 4.
        assert_eq!(hours_of(&g, &times, &["f", "chat", "ops"]), [Some(4.0), Some(3.0), Some(0.5)]);
        assert_eq!(times.blocker(&g, at(&g, "f")), None);
    }

    #[test]
    fn a_self_dependency_is_a_cycle_of_one() {
        let g = graph("f:all:loop; loop:all:loop,dc; dc:all::1");
        let times = restore_times(&g, &[at(&g, "dc")]);
        let blocker = times.blocker(&g, at(&g, "f")).unwrap();
        assert_eq!((blocker.chain, blocker.cycle), (vec![at(&g, "f"), at(&g, "loop")], vec![at(&g, "loop")]));
    }

    #[test]
    fn nothing_down_means_everything_at_zero() {
        let g = graph("f:all:a:3; a:all::1");
        let times = restore_times(&g, &[]);
        assert_eq!(hours_of(&g, &times, &["f", "a"]), [Some(0.0), Some(0.0)]);
        assert_eq!(times.last_feature_back(&g), Some(0.0));
        assert!(times.features(&g).is_empty());
        assert_eq!(times.down().count(), 0);
    }

    #[test]
    fn a_pass_can_be_reused_after_reset() {
        let g = graph("f:all:s:1; s:any:a,b:1; a:all::3; b:all::5");
        let mut pass = RestorePass::new(&g);
        for failed in [vec![at(&g, "a")], vec![at(&g, "a"), at(&g, "b")], vec![at(&g, "b"), at(&g, "b")]] {
            pass.take_down(&g, &failed);
            pass.restore(&g);
            let fresh = restore_times(&g, &failed);
            for v in g.nodes() {
                assert_eq!(pass.hours(v), fresh.hours(v), "{failed:?} node {v}");
            }
            pass.reset();
        }
    }

    #[test]
    fn user_hours_saturate_and_never_is_the_latest() {
        assert_eq!(user_hours(u64::MAX, f64::MAX), f64::MAX);
        let g = graph("f1:all::1; f2:all::1");
        let mut back = FeaturesBack::default();
        back.add(&g, 0, Some(f64::MAX));
        back.add(&g, 1, Some(f64::MAX));
        assert_eq!(back, FeaturesBack { last_back: Some(f64::MAX), user_hours: f64::MAX });
        back.add(&g, 1, None);
        assert_eq!(back.last_back, None);
        back.add(&g, 0, Some(3.0));
        assert_eq!(back.last_back, None, "never stays the latest");
    }
}
