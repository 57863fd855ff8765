//! Property tests: the fast analyses agree exactly with the brute-force oracle
//! on random graphs with all three requirement kinds, cycles and self-loops.

use super::oracle;
use super::{cold_start, cycles, simulate, single_points_of_failure, single_points_of_failure_by_resimulation};
use crate::model::{Document, Graph, Kind, Node, NodeId, NodeIndex};
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
                    node.requires = oracle::requirement(*rule, deps.len() as u32);
                    node.users = *users;
                    node
                })
                .collect();
            Graph::build(&Document { nodes, ..Document::default() }).expect("generated graph is valid")
        })
}

/// The shapes that used to make the analysis quadratic, at sizes the oracle
/// can check: chains (with rungs that rejoin them), ladders (a chain whose
/// every node also needs a host of its own), long cycles (with chords and
/// outside dependencies), hubs with more than 8 dependencies, stars of
/// features, and random mixtures of them; every requirement kind.
#[derive(Clone, Copy, Debug)]
enum Shape {
    Chain,
    Ladder,
    Cycle,
    Hub,
    Star,
    Mixed,
}

fn shaped_graph() -> impl Strategy<Value = Graph> {
    let shape = prop_oneof![
        Just(Shape::Chain),
        Just(Shape::Ladder),
        Just(Shape::Cycle),
        Just(Shape::Hub),
        Just(Shape::Star),
        Just(Shape::Mixed)
    ];
    (shape, 3usize..=40, any::<u64>()).prop_map(|(shape, n, seed)| build_shape(shape, n, seed))
}

fn build_shape(shape: Shape, n: usize, seed: u64) -> Graph {
    let mut rng = crate::generate::SplitMix64(seed);
    let mut deps: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut features = vec![false; n];
    // Three nodes at the end are shared leaves for every shape.
    let body = n - 3;
    for i in 0..body {
        let pick = |rng: &mut crate::generate::SplitMix64, from: usize, to: usize| from + rng.below((to - from) as u64) as usize;
        match shape {
            Shape::Chain => {
                deps[i].push(i + 1);
                if rng.below(3) == 0 {
                    deps[i].push(pick(&mut rng, i + 1, n));
                }
            }
            Shape::Ladder => {
                // Even nodes form the chain; each odd node is the host of the one before it.
                if i % 2 == 0 {
                    deps[i].extend([i + 1, i + 2]);
                } else if rng.below(3) == 0 {
                    deps[i].push(pick(&mut rng, i + 1, n));
                }
            }
            Shape::Cycle => {
                deps[i].push((i + 1) % body.max(1));
                if rng.below(4) == 0 {
                    deps[i].push(pick(&mut rng, 0, n));
                }
            }
            Shape::Hub => {
                if i == 0 {
                    deps[0].extend(1..n);
                } else if rng.below(2) == 0 {
                    deps[i].push(pick(&mut rng, body, n));
                }
            }
            Shape::Star => {
                if i + 1 < body {
                    deps[i].push(body - 1);
                    features[i] = true;
                    if rng.below(5) == 0 {
                        deps[i].push(pick(&mut rng, body, n));
                    }
                } else {
                    deps[i].extend(body..n);
                }
            }
            Shape::Mixed => {
                for _ in 0..rng.below(12) {
                    // Mostly downwards, sometimes back up: cycles.
                    let j = if rng.below(6) == 0 { pick(&mut rng, 0, n) } else { pick(&mut rng, i + 1, n) };
                    deps[i].push(j);
                }
            }
        }
        if rng.below(3) == 0 {
            features[i] = true;
        }
    }
    let nodes = (0..n)
        .map(|i| {
            let mut list = std::mem::take(&mut deps[i]);
            list.sort_unstable();
            list.dedup();
            let kind = if features[i] { Kind::Feature } else { Kind::ALL[1 + (i % 4)] };
            let mut node = Node::new(format!("n{i:02}"), kind);
            // All and any a quarter of the time each, else at least a random k.
            let rule = match rng.below(4) {
                r @ 0..=1 => r as u32,
                _ => 2 + rng.below(1_000) as u32,
            };
            node.requires = oracle::requirement(rule, list.len() as u32);
            node.depends_on = list.into_iter().map(|d| NodeId(format!("n{d:02}"))).collect();
            node.users = 1 + rng.below(100);
            node
        })
        .collect();
    Graph::build(&Document { nodes, ..Document::default() }).expect("shaped graph is valid")
}

/// The fast report against the oracle: every single point of failure, and
/// every node's killers.
fn assert_matches_oracle(graph: &Graph) -> Result<(), TestCaseError> {
    let report = single_points_of_failure(graph);
    let mut expected = oracle::spofs(graph);
    expected.sort_by(|a, b| b.2.cmp(&a.2).then_with(|| graph.id(a.0).cmp(graph.id(b.0))));
    let actual: Vec<_> = report.spofs.iter().map(|s| (s.node, s.features.clone(), s.users)).collect();
    prop_assert_eq!(&actual, &expected);
    for u in graph.nodes() {
        prop_assert_eq!(report.is_spof(u), expected.iter().any(|e| e.0 == u));
    }
    let down: Vec<Vec<bool>> = graph.nodes().map(|u| oracle::down_after(graph, &[u])).collect();
    for v in graph.nodes() {
        let expected_killers: Vec<NodeIndex> = graph.nodes().filter(|&u| u != v && down[u as usize][v as usize]).collect();
        prop_assert_eq!(report.killers_of(v), expected_killers, "killers of {}", graph.id(v));
    }
    Ok(())
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
            prop_assert_eq!(report.killers_of(v), expected_killers);
        }
    }

    #[test]
    fn spof_report_matches_the_oracle_on_adversarial_shapes(graph in shaped_graph()) {
        assert_matches_oracle(&graph)?;
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
