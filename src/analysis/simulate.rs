//! Simulating a failure set: what goes down, and why.

use crate::model::{Graph, NodeIndex};

/// The state of one node after a simulation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum NodeState {
    Up,
    /// Down because too few of its dependencies are up.
    Down,
    /// Failed directly (part of the failure set).
    Failed,
}

impl NodeState {
    pub fn is_up(self) -> bool {
        self == NodeState::Up
    }

    /// The word used in `data-state` attributes and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            NodeState::Up => "up",
            NodeState::Down => "down",
            NodeState::Failed => "failed",
        }
    }
}

/// The result of [`simulate`].
#[derive(Clone, Debug, PartialEq)]
pub struct Outcome {
    states: Vec<NodeState>,
    /// For each down node, the dependency whose loss took it down; following
    /// these leads back to a failed node, because a cause always went down first.
    causes: Vec<Option<NodeIndex>>,
}

impl Outcome {
    pub fn state(&self, node: NodeIndex) -> NodeState {
        self.states[node as usize]
    }

    pub fn states(&self) -> &[NodeState] {
        &self.states
    }

    /// Every node that is not up (failed ones included), in index order.
    pub fn down(&self) -> impl Iterator<Item = NodeIndex> + '_ {
        (0..self.states.len() as NodeIndex).filter(|&v| !self.state(v).is_up())
    }

    pub fn failed(&self) -> impl Iterator<Item = NodeIndex> + '_ {
        (0..self.states.len() as NodeIndex).filter(|&v| self.state(v) == NodeState::Failed)
    }

    pub fn features_down<'a>(&'a self, graph: &'a Graph) -> impl Iterator<Item = NodeIndex> + 'a {
        graph.features().filter(|&f| !self.state(f).is_up())
    }

    /// The sum of `users` over the features that are down, saturating: an
    /// upper bound on the people affected, not a head count (one person uses
    /// several features; `report::people` says what may be claimed).
    pub fn users_affected(&self, graph: &Graph) -> u64 {
        self.features_down(graph).fold(0u64, |sum, f| sum.saturating_add(graph.users(f)))
    }

    /// Why `node` is down: the chain `node → … → failed node`. Empty when it is up.
    pub fn explain(&self, node: NodeIndex) -> Vec<NodeIndex> {
        let mut chain = Vec::new();
        if self.state(node).is_up() {
            return chain;
        }
        let mut current = node;
        chain.push(current);
        while let Some(cause) = self.causes[current as usize] {
            current = cause;
            chain.push(current);
        }
        chain
    }
}

/// Takes down the `failed` nodes and everything that can no longer run.
///
/// A worklist over dependents with a count of up dependencies per node:
/// O(n + m). Ids in `failed` may repeat.
pub fn simulate(graph: &Graph, failed: &[NodeIndex]) -> Outcome {
    let n = graph.len();
    let mut states = vec![NodeState::Up; n];
    let mut causes = vec![None; n];
    let mut up_dependencies: Vec<usize> = graph.nodes().map(|v| graph.dependencies(v).len()).collect();
    let mut worklist = Vec::with_capacity(failed.len());
    for &v in failed {
        if states[v as usize] == NodeState::Up {
            states[v as usize] = NodeState::Failed;
            worklist.push(v);
        }
    }
    while let Some(lost) = worklist.pop() {
        for &dependent in graph.dependents(lost) {
            let d = dependent as usize;
            up_dependencies[d] -= 1;
            if states[d] == NodeState::Up && up_dependencies[d] < graph.needed(dependent) {
                states[d] = NodeState::Down;
                causes[d] = Some(lost);
                worklist.push(dependent);
            }
        }
    }
    Outcome { states, causes }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::oracle::{graph, parse_graph};

    #[test]
    fn all_any_and_quorum() {
        // f needs s (all); s needs a or b (any); q needs 2 of a, b, c.
        let g = parse_graph("f:feature:all:s; s:service:any:a,b; q:feature:2:a,b,c; a; b; c");
        let idx = |id: &str| g.index_of(&id.into()).unwrap();
        let out = simulate(&g, &[idx("a")]);
        assert!(out.state(idx("f")).is_up());
        assert!(out.state(idx("q")).is_up());
        assert_eq!(out.state(idx("a")), NodeState::Failed);

        let out = simulate(&g, &[idx("a"), idx("b")]);
        assert_eq!(out.state(idx("s")), NodeState::Down);
        assert_eq!(out.state(idx("f")), NodeState::Down);
        assert_eq!(out.state(idx("q")), NodeState::Down);
        assert_eq!(out.features_down(&g).count(), 2);
    }

    #[test]
    fn explains_the_chain_back_to_the_failure() {
        let g = graph(&[("pay", &["login"]), ("login", &["auth-db"]), ("auth-db", &["pangyo"]), ("pangyo", &[])]);
        let out = simulate(&g, &[3]);
        assert_eq!(out.explain(0), vec![0, 1, 2, 3]);
        assert_eq!(out.explain(3), vec![3]);
        let healthy = simulate(&g, &[]);
        assert!(healthy.explain(0).is_empty());
    }

    #[test]
    fn cycles_stay_up_until_something_fails() {
        // a and b need each other; both stay up (greatest fixed point) until c fails.
        let g = graph(&[("a", &["b"]), ("b", &["a", "c"]), ("c", &[])]);
        assert_eq!(simulate(&g, &[]).down().count(), 0);
        let out = simulate(&g, &[2]);
        assert_eq!(out.down().collect::<Vec<_>>(), vec![0, 1, 2]);
        assert_eq!(out.explain(0), vec![0, 1, 2]);
    }

    #[test]
    fn repeated_failures_count_once() {
        let g = graph(&[("a", &["b"]), ("b", &[])]);
        let out = simulate(&g, &[1, 1]);
        assert_eq!(out.down().count(), 2);
    }
}
