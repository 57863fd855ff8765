//! Kill sets for the members of one strongly connected component (a cycle).
//!
//! Inside a cycle the members' states depend on each other, so the formula of
//! `acyclic` does not apply. A failure reaches the component only through a
//! member or an outside dependency, so the candidates are the members and the
//! killers of outside dependencies.
//!
//! - **Every member needs all its dependencies**: any candidate that takes
//!   down one member takes down all of them (the loss travels along every
//!   edge, and every member reaches every other), and nothing else takes any
//!   down (with every outside dependency up, "all up" is a fixed point). So
//!   all members share one set: the members and the killers of the outside
//!   dependencies. O(members + Σ|K(outside dependency)|).
//! - **Otherwise** each candidate is simulated on the component alone,
//!   touching only the members it takes down and their dependents inside the
//!   component, with outside dependencies read from their kill sets. A
//!   candidate that takes down every member is stored once, in a set the
//!   members share, so a long cycle does not cost members × candidates.
//!   O(Σ|K(outside dependency)| log + Σ over candidates of what they take down).

use super::kill_sets::{KillSets, Marks};
use crate::model::{Graph, NodeIndex};

/// Per-pass memory: which component each node is in (reset after each
/// one), and the marks for listing kill sets.
pub struct Members {
    local: Vec<u32>,
    marks: Marks,
}

const NOT_A_MEMBER: u32 = u32::MAX;

impl Members {
    pub fn new(n: usize) -> Members {
        Members { local: vec![NOT_A_MEMBER; n], marks: Marks::new(n) }
    }
}

/// Whether `component` (from a strongly-connected-component pass) is a cycle:
/// several members, or one that depends on itself.
pub fn is_cycle(graph: &Graph, component: &[NodeIndex]) -> bool {
    component.len() > 1 || graph.dependencies(component[0]).contains(&component[0])
}

/// Records the kill sets of a cycle's members; everything they depend on
/// outside the cycle must be final.
pub fn record(graph: &Graph, component: &[NodeIndex], kill: &mut KillSets, members: &mut Members) {
    for (i, &member) in component.iter().enumerate() {
        members.local[member as usize] = i as u32;
    }
    if component.iter().all(|&m| graph.needed(m) == graph.dependencies(m).len()) {
        record_all_needed(graph, component, kill, &members.local, &mut members.marks);
    } else {
        record_by_simulation(graph, component, kill, &members.local, &mut members.marks);
    }
    for &member in component {
        members.local[member as usize] = NOT_A_MEMBER;
    }
}

fn record_all_needed(graph: &Graph, component: &[NodeIndex], kill: &mut KillSets, local: &[u32], marks: &mut Marks) {
    let mut set: Vec<NodeIndex> = component.to_vec();
    for &member in component {
        for &d in graph.dependencies(member) {
            if local[d as usize] == NOT_A_MEMBER {
                kill.for_each(d, marks, |u| set.push(u));
            }
        }
    }
    set.sort_unstable();
    set.dedup();
    let span = kill.push(&set);
    for &member in component {
        kill.share(member, span);
    }
}

fn record_by_simulation(graph: &Graph, component: &[NodeIndex], kill: &mut KillSets, local: &[u32], marks: &mut Marks) {
    let is_member = |v: NodeIndex| local[v as usize] != NOT_A_MEMBER;
    // (candidate, member) for each outside dependency of the member that the
    // candidate takes down.
    let mut hits: Vec<(NodeIndex, u32)> = Vec::new();
    for (i, &member) in component.iter().enumerate() {
        for &d in graph.dependencies(member) {
            if !is_member(d) {
                kill.for_each(d, marks, |u| hits.push((u, i as u32)));
            }
        }
    }
    hits.sort_unstable();
    let mut candidates: Vec<NodeIndex> = component.iter().copied().chain(hits.iter().map(|&(u, _)| u)).collect();
    candidates.sort_unstable();
    candidates.dedup();

    let size = component.len();
    let mut state = Simulation {
        graph,
        component,
        local,
        lost: vec![0; size],
        down: vec![false; size],
        gone: Vec::new(),
        touched: Vec::new(),
    };
    let mut kills_all: Vec<NodeIndex> = Vec::new();
    let mut partial: Vec<Vec<NodeIndex>> = vec![Vec::new(); size];
    let mut next_hit = 0;
    for &candidate in &candidates {
        let first_hit = next_hit;
        while next_hit < hits.len() && hits[next_hit].0 == candidate {
            next_hit += 1;
        }
        state.run(candidate, hits[first_hit..next_hit].iter().map(|&(_, i)| i));
        if state.gone.len() == size {
            kills_all.push(candidate);
        } else {
            for &i in &state.gone {
                partial[i as usize].push(candidate);
            }
        }
        state.reset();
    }
    let shared = kill.push(&kills_all);
    for (&member, own) in component.iter().zip(&partial) {
        kill.set_own(member, own);
        kill.share(member, shared);
    }
}

/// One candidate's failure, simulated on the component alone.
struct Simulation<'a> {
    graph: &'a Graph,
    component: &'a [NodeIndex],
    local: &'a [u32],
    /// Dependencies each member has lost.
    lost: Vec<usize>,
    down: Vec<bool>,
    /// Members taken down, in order.
    gone: Vec<u32>,
    /// Members whose counters changed, to reset them.
    touched: Vec<u32>,
}

impl Simulation<'_> {
    /// Fails `candidate` given the members (local positions, repeated once
    /// per outside dependency) whose outside dependencies it takes down.
    fn run(&mut self, candidate: NodeIndex, outside_losses: impl Iterator<Item = u32>) {
        let local = self.local[candidate as usize];
        if local != NOT_A_MEMBER {
            self.take_down(local);
        }
        for i in outside_losses {
            self.lose_one(i);
        }
        let mut next = 0;
        while next < self.gone.len() {
            let member = self.component[self.gone[next] as usize];
            next += 1;
            for &dependent in self.graph.dependents(member) {
                let i = self.local[dependent as usize];
                if i != NOT_A_MEMBER {
                    self.lose_one(i);
                }
            }
        }
    }

    fn lose_one(&mut self, i: u32) {
        let member = self.component[i as usize];
        self.lost[i as usize] += 1;
        self.touched.push(i);
        if self.graph.dependencies(member).len() - self.lost[i as usize] < self.graph.needed(member) {
            self.take_down(i);
        }
    }

    fn take_down(&mut self, i: u32) {
        if !std::mem::replace(&mut self.down[i as usize], true) {
            self.gone.push(i);
            self.touched.push(i);
        }
    }

    fn reset(&mut self) {
        for &i in &self.touched {
            self.lost[i as usize] = 0;
            self.down[i as usize] = false;
        }
        self.touched.clear();
        self.gone.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::super::single_points_of_failure;
    use crate::analysis::oracle::parse_graph;

    fn killers(spec: &str, node: u32) -> Vec<String> {
        let g = parse_graph(spec);
        single_points_of_failure(&g).killers_of(node).iter().map(|&u| g.id(u).to_string()).collect()
    }

    #[test]
    fn a_ring_of_all_nodes_shares_one_set() {
        // a → b → c → a, and c also needs base.
        assert_eq!(killers("a:service:all:b; b:service:all:c; c:service:all:a,base; base", 0), ["b", "c", "base"]);
    }

    #[test]
    fn a_ring_with_redundancy_is_simulated() {
        // a needs b or x; b needs a; a failure of x alone leaves the ring up.
        assert_eq!(killers("a:service:any:b,x; b:service:all:a; x", 1), ["a"]);
        // b keeps a up while a keeps b up: the greatest fixed point.
        assert!(killers("a:service:any:b,x; b:service:all:a; x", 0).is_empty());
    }
}
