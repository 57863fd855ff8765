//! Circular dependencies and the cold-start hazard they create.
//!
//! A cycle keeps running while it is up (the greatest fixed point), but after a
//! full restart nothing in it can come up first: the least fixed point. That is
//! Kakao's hazard of 2022, where the responders' chat ran on the product they
//! had to recover.

use crate::model::{Graph, NodeIndex};
use petgraph::algo::kosaraju_scc;

/// The circular dependencies of a graph.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct CycleReport {
    /// Strongly connected components of more than one node, each sorted, in
    /// order of their smallest index.
    pub components: Vec<Vec<NodeIndex>>,
    /// Nodes that depend on themselves.
    pub self_dependencies: Vec<NodeIndex>,
    /// Nodes that run now but would not come back after a full restart.
    pub cold_start_hazards: Vec<NodeIndex>,
}

impl CycleReport {
    pub fn is_empty(&self) -> bool {
        self.components.is_empty() && self.self_dependencies.is_empty()
    }
}

/// Reports every cycle and the nodes a full restart would leave down. O(n + m).
pub fn cycles(graph: &Graph) -> CycleReport {
    // Kosaraju's algorithm is iterative in petgraph, so a 100,000-deep chain
    // cannot overflow the stack (wasm's is small).
    let mut components: Vec<Vec<NodeIndex>> = kosaraju_scc(graph)
        .into_iter()
        .filter(|c| c.len() > 1)
        .map(|mut c| {
            c.sort_unstable();
            c
        })
        .collect();
    components.sort_unstable();
    let self_dependencies = graph.nodes().filter(|&v| graph.dependencies(v).contains(&v)).collect();
    let restarted = cold_start(graph, &[]);
    let cold_start_hazards = graph.nodes().filter(|&v| !restarted[v as usize]).collect();
    CycleReport {
        components,
        self_dependencies,
        cold_start_hazards,
    }
}

/// Which nodes come up when everything starts from cold with `failed` still
/// broken: the least fixed point, grown from the nodes that need nothing. O(n + m).
pub fn cold_start(graph: &Graph, failed: &[NodeIndex]) -> Vec<bool> {
    let n = graph.len();
    let mut is_failed = vec![false; n];
    for &v in failed {
        is_failed[v as usize] = true;
    }
    let mut up = vec![false; n];
    let mut up_dependencies = vec![0usize; n];
    let mut worklist: Vec<NodeIndex> = graph
        .nodes()
        .filter(|&v| !is_failed[v as usize] && graph.needed(v) == 0)
        .collect();
    for &v in &worklist {
        up[v as usize] = true;
    }
    while let Some(started) = worklist.pop() {
        for &dependent in graph.dependents(started) {
            let d = dependent as usize;
            up_dependencies[d] += 1;
            if !up[d] && !is_failed[d] && up_dependencies[d] >= graph.needed(dependent) {
                up[d] = true;
                worklist.push(dependent);
            }
        }
    }
    up
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::oracle::graph;

    #[test]
    fn finds_components_self_loops_and_hazards() {
        // a ⇄ b is a cycle; c depends on itself; d depends on a; e is fine.
        let g = graph(&[("a", &["b"]), ("b", &["a"]), ("c", &["c"]), ("d", &["a"]), ("e", &[])]);
        let report = cycles(&g);
        assert_eq!(report.components, vec![vec![0, 1]]);
        assert_eq!(report.self_dependencies, vec![2]);
        assert_eq!(report.cold_start_hazards, vec![0, 1, 2, 3]);
        assert!(!report.is_empty());
    }

    #[test]
    fn redundancy_can_break_the_cold_start_hazard() {
        // ops needs chat OR a phone bridge; chat needs ops. The bridge starts first.
        let g = crate::analysis::oracle::parse_graph("chat:service:all:ops; ops:service:any:chat,phone; phone");
        let report = cycles(&g);
        assert_eq!(report.components.len(), 1);
        assert!(report.cold_start_hazards.is_empty());
        let up = cold_start(&g, &[2]);
        assert_eq!(up, vec![false, false, false]);
    }

    #[test]
    fn a_very_long_chain_does_not_overflow_the_stack() {
        let ids: Vec<String> = (0..200_000).map(|i| format!("n{i}")).collect();
        let deps: Vec<[&str; 1]> = (0..ids.len()).map(|i| [ids.get(i + 1).map_or("n0", String::as_str)]).collect();
        // The last node closes the loop: one component of 200,000 nodes.
        let spec: Vec<(&str, &[&str])> = ids.iter().zip(&deps).map(|(id, d)| (id.as_str(), &d[..])).collect();
        let report = cycles(&graph(&spec));
        assert_eq!(report.components.len(), 1);
        assert_eq!(report.components[0].len(), 200_000);
    }

    #[test]
    fn acyclic_graph_has_no_report() {
        let g = graph(&[("a", &["b"]), ("b", &[])]);
        assert_eq!(cycles(&g), CycleReport::default());
    }
}
