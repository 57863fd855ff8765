//! Property tests: the fast analyses agree exactly with the brute-force oracle
//! on random graphs with all three requirement kinds, cycles and self-loops.

use super::oracle;
use super::{cold_start, cycles, simulate, single_points_of_failure, single_points_of_failure_by_resimulation};
use crate::model::{Document, Graph, Kind, Node, NodeId, NodeIndex, Requirement};
use proptest::prelude::*;

/// A random graph of up to 12 nodes: each node picks a kind, dependencies
/// anywhere (so cycles and self-loops occur) and a requirement that fits.
pub fn arbitrary_graph() -> impl Strategy<Value = Graph> {
    (1usize..=12)
        .prop_flat_map(|n| {
            proptest::collection::vec(
                (
                    0usize..5,
                    proptest::collection::btree_set(0..n, 0..=4.min(n)),
                    0u32..4,
                    0u64..100,
                ),
                n,
            )
        })
        .prop_map(|specs| {
            let nodes = specs
                .iter()
                .enumerate()
                .map(|(i, (kind, deps, rule, users))| {
                    let mut node = Node::new(format!("n{i:02}"), Kind::ALL[*kind]);
                    node.depends_on = deps.iter().map(|d| NodeId(format!("n{d:02}"))).collect();
                    let count = deps.len() as u32;
                    node.requires = match rule {
                        0 => Requirement::All,
                        1 => Requirement::Any,
                        _ if count > 0 => Requirement::AtLeast(1 + rule % count),
                        _ => Requirement::All,
                    };
                    node.users = *users;
                    node
                })
                .collect();
            Graph::build(&Document { nodes, ..Document::default() }).expect("generated graph is valid")
        })
}

fn failure_set(graph: &Graph, mask: u16) -> Vec<NodeIndex> {
    graph.nodes().filter(|&v| mask & (1 << v) != 0).collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn simulate_matches_the_oracle(graph in arbitrary_graph(), mask in any::<u16>()) {
        let failed = failure_set(&graph, mask);
        let outcome = simulate(&graph, &failed);
        let expected = oracle::down_after(&graph, &failed);
        for v in graph.nodes() {
            prop_assert_eq!(!outcome.state(v).is_up(), expected[v as usize], "node {}", v);
            // Every explanation is a real chain of dependencies ending in a failure.
            let chain = outcome.explain(v);
            if let (Some(&first), Some(&last)) = (chain.first(), chain.last()) {
                prop_assert_eq!(first, v);
                prop_assert!(failed.contains(&last));
                for pair in chain.windows(2) {
                    prop_assert!(graph.dependencies(pair[0]).contains(&pair[1]));
                }
            }
        }
    }

    #[test]
    fn spof_report_matches_the_oracle(graph in arbitrary_graph()) {
        let report = single_points_of_failure(&graph);
        let mut expected = oracle::spofs(&graph);
        expected.sort_by(|a, b| b.2.cmp(&a.2).then_with(|| graph.id(a.0).cmp(graph.id(b.0))));
        let actual: Vec<_> = report.spofs.iter().map(|s| (s.node, s.features.clone(), s.users)).collect();
        prop_assert_eq!(&actual, &expected);
        prop_assert_eq!(&report, &single_points_of_failure_by_resimulation(&graph));
        for v in graph.nodes() {
            let expected_killers: Vec<NodeIndex> = graph
                .nodes()
                .filter(|&u| u != v && oracle::down_after(&graph, &[u])[v as usize])
                .collect();
            prop_assert_eq!(report.killers_of(v), expected_killers.as_slice());
        }
    }

    #[test]
    fn cold_start_matches_the_oracle(graph in arbitrary_graph(), mask in any::<u16>()) {
        let failed = failure_set(&graph, mask);
        prop_assert_eq!(cold_start(&graph, &failed), oracle::up_after_restart(&graph, &failed));
        let report = cycles(&graph);
        let restarted = oracle::up_after_restart(&graph, &[]);
        let hazards: Vec<NodeIndex> = graph.nodes().filter(|&v| !restarted[v as usize]).collect();
        prop_assert_eq!(report.cold_start_hazards, hazards);
    }
}
