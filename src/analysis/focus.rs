//! Focus: what a node depends on, or what depends on it, transitively.
//!
//! The **upstream** focus set of v is v and every node reachable from v by
//! following `depends_on` (everything whose failure could matter to v); the
//! **downstream** focus set is v and every node from which v is reachable
//! (everything v's failure could matter to). The app shows one of them and
//! dims the rest. A breadth-first search: O(n + m), iterative.

use crate::model::{Graph, NodeIndex};

/// Which way to follow the dependencies.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FocusDirection {
    /// What the node depends on, transitively.
    Upstream,
    /// What depends on the node, transitively.
    Downstream,
}

/// The focus set of `node` (itself included), in index order.
pub fn focus_set(graph: &Graph, node: NodeIndex, direction: FocusDirection) -> Vec<NodeIndex> {
    let mut reached = vec![false; graph.len()];
    reached[node as usize] = true;
    let mut frontier = vec![node];
    while let Some(v) = frontier.pop() {
        let next = match direction {
            FocusDirection::Upstream => graph.dependencies(v),
            FocusDirection::Downstream => graph.dependents(v),
        };
        for &w in next {
            if !std::mem::replace(&mut reached[w as usize], true) {
                frontier.push(w);
            }
        }
    }
    graph.nodes().filter(|&v| reached[v as usize]).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::oracle::graph;
    use crate::analysis::properties::arbitrary_graph;
    use proptest::prelude::*;

    #[test]
    fn both_ways_from_the_middle() {
        // app → api → db → dc; report → db.
        let g = graph(&[("app", &["api"]), ("api", &["db"]), ("db", &["dc"]), ("dc", &[]), ("report", &["db"])]);
        assert_eq!(focus_set(&g, 1, FocusDirection::Upstream), vec![1, 2, 3]);
        assert_eq!(focus_set(&g, 2, FocusDirection::Downstream), vec![0, 1, 2, 4]);
        assert_eq!(focus_set(&g, 3, FocusDirection::Upstream), vec![3]);
    }

    proptest! {
        /// Against the transitive closure by repeated squaring of the edge relation.
        #[test]
        fn focus_sets_are_the_transitive_closure(graph in arbitrary_graph()) {
            let n = graph.len();
            let mut reaches = vec![vec![false; n]; n];
            for (v, row) in reaches.iter_mut().enumerate() {
                row[v] = true;
            }
            for (from, to) in graph.edges() {
                reaches[from as usize][to as usize] = true;
            }
            for k in 0..n {
                for i in 0..n {
                    for j in 0..n {
                        if reaches[i][k] && reaches[k][j] {
                            reaches[i][j] = true;
                        }
                    }
                }
            }
            for v in graph.nodes() {
                let up: Vec<NodeIndex> = graph.nodes().filter(|&w| reaches[v as usize][w as usize]).collect();
                let down: Vec<NodeIndex> = graph.nodes().filter(|&w| reaches[w as usize][v as usize]).collect();
                prop_assert_eq!(focus_set(&graph, v, FocusDirection::Upstream), up);
                prop_assert_eq!(focus_set(&graph, v, FocusDirection::Downstream), down);
            }
        }
    }
}
