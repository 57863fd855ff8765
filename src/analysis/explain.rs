//! Why a node is dark: every broken requirement under it, as a tree.
//!
//! After a simulation, a node that is not up is either **failed** (in the
//! failure set) or **broke**: fewer than `needed` of its dependencies are up.
//! The explanation of a dark node v lists, for v and then for each of its
//! dependencies that is down, recursively, which of the two it is and — for
//! a broken requirement — what it needs and every dependency that is down
//! ("Orders DB needs 2 of 3 — DC East and DC West are down"). Not one path:
//! all of them, so a quorum or an "any" that lost several copies shows each.
//!
//! The tree is written in pre-order as a flat list of [`WhyStep`]s, each with
//! its depth. A failed node is a leaf and says so wherever it appears. A
//! broken node is expanded the first time it appears; when it appears again
//! (a dependency shared by several branches, or a cycle of nodes that keep
//! each other down) the step says [`Reason::SeeAbove`], so the list is
//! finite and each broken requirement is explained once. [`explain_all`] does the
//! same for several roots at once, sharing what was already explained.
//!
//! The walk is iterative (no recursion, so a chain of 100,000 nodes cannot
//! overflow the stack). O(size of the dark part reachable from the roots,
//! nodes plus edges).

use super::{NodeState, Outcome};
use crate::model::{Graph, NodeIndex, Requirement};

/// Why one node is down.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reason {
    /// It is in the failure set.
    Failed,
    /// Its requirement is no longer met.
    Broke {
        requirement: Requirement,
        /// How many dependencies it needs up, and how many it has.
        needed: usize,
        dependencies: usize,
        /// Its dependencies that are down, in the order of its `depends_on`.
        down: Vec<NodeIndex>,
    },
    /// Already explained earlier in the list.
    SeeAbove,
}

/// One line of an explanation: a dark node, how deep it sits, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WhyStep {
    pub node: NodeIndex,
    /// 0 for a root; the steps right after a broken requirement at depth d,
    /// at depth d + 1, are its dependencies that are down.
    pub depth: usize,
    pub reason: Reason,
}

/// The explanation of one or more dark nodes, in pre-order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Explanation {
    pub steps: Vec<WhyStep>,
}

impl Explanation {
    pub fn is_empty(&self) -> bool {
        self.steps.is_empty()
    }
}

/// Why `node` is dark (empty when it is up).
pub fn explain(graph: &Graph, outcome: &Outcome, node: NodeIndex) -> Explanation {
    explain_all(graph, outcome, &[node])
}

/// Why each of `roots` is dark, in order, each dark node expanded only once
/// across all of them; roots that are up are skipped.
pub fn explain_all(graph: &Graph, outcome: &Outcome, roots: &[NodeIndex]) -> Explanation {
    let mut explained = vec![false; graph.len()];
    let mut steps = Vec::new();
    let mut stack: Vec<(NodeIndex, usize)> = Vec::new();
    for &root in roots {
        if outcome.state(root).is_up() {
            continue;
        }
        stack.push((root, 0));
        while let Some((node, depth)) = stack.pop() {
            let failed = outcome.state(node) == NodeState::Failed;
            if !failed && std::mem::replace(&mut explained[node as usize], true) {
                steps.push(WhyStep { node, depth, reason: Reason::SeeAbove });
                continue;
            }
            let reason = match outcome.state(node) {
                NodeState::Failed => Reason::Failed,
                // Only dark nodes are pushed.
                NodeState::Up | NodeState::Down => {
                    let dependencies = graph.dependencies(node);
                    let down: Vec<NodeIndex> =
                        dependencies.iter().copied().filter(|&d| !outcome.state(d).is_up()).collect();
                    // Pushed in reverse, so they come out in dependency order.
                    stack.extend(down.iter().rev().map(|&d| (d, depth + 1)));
                    Reason::Broke {
                        requirement: graph.requirement(node),
                        needed: graph.needed(node),
                        dependencies: dependencies.len(),
                        down,
                    }
                }
            };
            steps.push(WhyStep { node, depth, reason });
        }
    }
    Explanation { steps }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::oracle::{self, parse_graph};
    use crate::analysis::properties::arbitrary_graph;
    use crate::analysis::simulate;
    use proptest::prelude::*;

    #[test]
    fn a_quorum_shows_every_lost_copy() {
        let g = parse_graph("orders:feature:all:db; db:datastore:2:east,west,north; east; west; north");
        let idx = |id: &str| g.index_of(&id.into()).unwrap();
        let outcome = simulate(&g, &[idx("east"), idx("west")]);
        let why = explain(&g, &outcome, idx("orders"));
        assert_eq!(
            why.steps,
            vec![
                WhyStep {
                    node: idx("orders"),
                    depth: 0,
                    reason: Reason::Broke { requirement: Requirement::All, needed: 1, dependencies: 1, down: vec![idx("db")] },
                },
                WhyStep {
                    node: idx("db"),
                    depth: 1,
                    reason: Reason::Broke {
                        requirement: Requirement::AtLeast(2),
                        needed: 2,
                        dependencies: 3,
                        down: vec![idx("east"), idx("west")],
                    },
                },
                WhyStep { node: idx("east"), depth: 2, reason: Reason::Failed },
                WhyStep { node: idx("west"), depth: 2, reason: Reason::Failed },
            ]
        );
        assert!(explain(&g, &outcome, idx("north")).is_empty(), "north is up");
    }

    #[test]
    fn shared_dependencies_and_cycles_are_explained_once() {
        // a and b need each other and c; c failed. f needs a and b.
        let g = parse_graph("f:feature:all:a,b; a:service:all:b,c; b:service:all:a,c; c");
        let outcome = simulate(&g, &[3]);
        let why = explain_all(&g, &outcome, &[0, 1]);
        let shape: Vec<(NodeIndex, usize, bool)> =
            why.steps.iter().map(|s| (s.node, s.depth, s.reason == Reason::SeeAbove)).collect();
        assert_eq!(
            shape,
            vec![(0, 0, false), (1, 1, false), (2, 2, false), (1, 3, true), (3, 3, false), (3, 2, false), (2, 1, true), (1, 0, true)]
        );
    }

    #[test]
    fn a_long_chain_does_not_overflow_the_stack() {
        let ids: Vec<String> = (0..100_000).map(|i| format!("n{i}")).collect();
        let deps: Vec<Vec<&str>> = (0..ids.len()).map(|i| ids.get(i + 1).map(String::as_str).into_iter().collect()).collect();
        let spec: Vec<(&str, &[&str])> = ids.iter().zip(&deps).map(|(id, d)| (id.as_str(), d.as_slice())).collect();
        let g = oracle::graph(&spec);
        let outcome = simulate(&g, &[99_999]);
        let why = explain(&g, &outcome, 0);
        assert_eq!(why.steps.len(), 100_000);
        assert_eq!(why.steps[99_999].depth, 99_999);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(1000))]

        /// Checked against the definition with the brute-force fixed point:
        /// the steps are exactly the dark nodes reachable from the root through
        /// dark dependencies, each broken one expanded once and each failed
        /// one shown wherever it is reached, each with its true reason,
        /// and each broken requirement followed by its down dependencies.
        #[test]
        fn explanations_match_the_definition(graph in arbitrary_graph(), mask in any::<u16>(), root in 0u32..12) {
            let failed: Vec<NodeIndex> = graph.nodes().filter(|&v| mask & (1 << v) != 0).collect();
            let down = oracle::down_after(&graph, &failed);
            let root = root % graph.len() as NodeIndex;
            let outcome = simulate(&graph, &failed);
            let why = explain(&graph, &outcome, root);
            if !down[root as usize] {
                prop_assert!(why.is_empty());
                return Ok(());
            }
            // Reachable dark nodes, by a plain search.
            let mut reachable = vec![false; graph.len()];
            let mut frontier = vec![root];
            reachable[root as usize] = true;
            while let Some(v) = frontier.pop() {
                if failed.contains(&v) {
                    continue;
                }
                for &d in graph.dependencies(v) {
                    if down[d as usize] && !reachable[d as usize] {
                        reachable[d as usize] = true;
                        frontier.push(d);
                    }
                }
            }
            let mut expanded: Vec<NodeIndex> = why.steps.iter().filter(|s| s.reason != Reason::SeeAbove).map(|s| s.node).collect();
            expanded.sort_unstable();
            expanded.dedup_by(|a, b| a == b && failed.contains(a));
            let expected: Vec<NodeIndex> = graph.nodes().filter(|&v| reachable[v as usize]).collect();
            prop_assert_eq!(expanded, expected, "each reachable broken node expanded exactly once");
            prop_assert_eq!(why.steps[0].node, root);
            prop_assert_eq!(why.steps[0].depth, 0);
            for (i, step) in why.steps.iter().enumerate() {
                prop_assert!(down[step.node as usize]);
                match &step.reason {
                    Reason::Failed => prop_assert!(failed.contains(&step.node)),
                    Reason::SeeAbove => prop_assert!(!failed.contains(&step.node)),
                    Reason::Broke { needed, dependencies, down: lost, .. } => {
                        prop_assert!(!failed.contains(&step.node));
                        let deps = graph.dependencies(step.node);
                        let expected_lost: Vec<NodeIndex> = deps.iter().copied().filter(|&d| down[d as usize]).collect();
                        prop_assert_eq!(lost, &expected_lost);
                        prop_assert_eq!(*dependencies, deps.len());
                        prop_assert!(deps.len() - lost.len() < *needed, "the requirement really broke");
                        // Its children are the next steps one level deeper, in order.
                        let children: Vec<NodeIndex> = why.steps[i + 1..]
                            .iter()
                            .take_while(|s| s.depth > step.depth)
                            .filter(|s| s.depth == step.depth + 1)
                            .map(|s| s.node)
                            .collect();
                        prop_assert_eq!(&children, lost);
                    }
                }
            }
        }
    }
}
