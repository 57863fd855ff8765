//! Property tests for nodes with many dependencies: `at_least k` over 9 to
//! 16 dependencies (the other generator stops at 4), where a count of
//! failed dependencies crosses k from either side. The fast analyses must
//! agree with the brute-force oracle exactly.

use super::oracle;
use super::{simulate, single_points_of_failure};
use crate::model::{Document, Graph, Kind, Node, NodeId, NodeIndex, Requirement};
use proptest::prelude::*;

/// 12 to 24 nodes; the first few are features or services that need
/// `at_least k` of 9 to 16 others, anywhere in the graph (cycles included).
fn wide_graph() -> impl Strategy<Value = Graph> {
    (12usize..=24)
        .prop_flat_map(|n| {
            let wide = (proptest::collection::btree_set(0..n, 9..=16.min(n - 1)), 1u32..=16, any::<bool>(), 1u64..50);
            (Just(n), proptest::collection::vec(wide, 1..=4), proptest::collection::vec(proptest::collection::btree_set(0..n, 0..=2), n))
        })
        .prop_map(|(n, wide, narrow)| {
            let mut nodes: Vec<Node> = (0..n)
                .map(|i| {
                    let mut node = Node::new(format!("n{i:02}"), if i % 3 == 0 { Kind::Feature } else { Kind::Service });
                    node.users = i as u64 + 1;
                    node.depends_on = narrow[i].iter().filter(|&&d| d != i).map(|d| NodeId(format!("n{d:02}"))).collect();
                    node
                })
                .collect();
            for (i, (deps, k, feature, users)) in wide.into_iter().enumerate() {
                let node = &mut nodes[i];
                node.depends_on = deps.iter().map(|d| NodeId(format!("n{d:02}"))).collect();
                node.requires = Requirement::AtLeast(1 + (k - 1) % node.depends_on.len() as u32);
                node.kind = if feature { Kind::Feature } else { Kind::Service };
                node.users = users;
            }
            Graph::build(&Document { nodes, ..Document::default() }).expect("generated graph is valid")
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    #[test]
    fn spofs_with_wide_quorums_match_the_oracle(graph in wide_graph()) {
        let report = single_points_of_failure(&graph);
        let mut expected = oracle::spofs(&graph);
        expected.sort_by(|a, b| b.2.cmp(&a.2).then_with(|| graph.id(a.0).cmp(graph.id(b.0))));
        let actual: Vec<_> = report.spofs.iter().map(|s| (s.node, s.features.clone(), s.users)).collect();
        prop_assert_eq!(actual, expected);
    }

    #[test]
    fn failures_around_the_quorum_match_the_oracle(graph in wide_graph(), mask in any::<u32>()) {
        let failed: Vec<NodeIndex> = graph.nodes().filter(|&v| mask & (1 << v) != 0).collect();
        let outcome = simulate(&graph, &failed);
        let expected = oracle::down_after(&graph, &failed);
        for v in graph.nodes() {
            prop_assert_eq!(!outcome.state(v).is_up(), expected[v as usize], "node {}", v);
        }
    }
}
