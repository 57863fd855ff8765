//! The risk analysis against the brute-force oracle on random graphs of up
//! to 10 nodes: cycles, self-loops, all / any / at-least requirements (one
//! node sometimes depends on every node, so more than 8 dependencies occur),
//! availabilities on some nodes, none on others, and some equal to 1.

use super::oracle;
use super::{analyze, Availability, RiskAnalysis, RiskOptions, Stage};
use crate::model::{Document, Graph, Kind, Node, NodeId, NodeIndex, Requirement};
use proptest::prelude::*;

const AVAILABILITIES: [Option<f64>; 6] = [None, None, Some(0.9), Some(0.5), Some(0.999), Some(1.0)];

fn arbitrary_graph() -> impl Strategy<Value = Graph> {
    (1usize..=10, any::<bool>())
        .prop_flat_map(|(n, hub)| {
            let node = (
                0usize..5,
                proptest::collection::btree_set(0..n, 0..=3.min(n)),
                0u32..4,
                0usize..AVAILABILITIES.len(),
                1u64..100,
            );
            (proptest::collection::vec(node, n), Just(hub), 0u32..10)
        })
        .prop_map(|(specs, hub, hub_rule)| {
            let n = specs.len();
            let nodes = specs
                .iter()
                .enumerate()
                .map(|(i, (kind, deps, rule, availability, users))| {
                    let mut node = Node::new(format!("n{i}"), Kind::ALL[*kind]);
                    // The hub depends on every node, itself included.
                    let deps: Vec<usize> = if hub && i == 0 { (0..n).collect() } else { deps.iter().copied().collect() };
                    node.depends_on = deps.iter().map(|d| NodeId(format!("n{d}"))).collect();
                    let count = deps.len() as u32;
                    let rule = if hub && i == 0 { hub_rule } else { *rule };
                    node.requires = match rule {
                        0 => Requirement::All,
                        1 => Requirement::Any,
                        _ if count > 0 => Requirement::AtLeast(1 + rule % count),
                        _ => Requirement::All,
                    };
                    node.availability = AVAILABILITIES[*availability];
                    node.users = *users;
                    node
                })
                .collect();
            Graph::build(&Document { nodes, ..Document::default() }).expect("generated graph is valid")
        })
}

fn close(actual: f64, expected: f64) -> bool {
    (actual - expected).abs() <= 1e-9 + 1e-9 * expected.abs()
}

fn close_option(actual: Option<f64>, expected: Option<f64>) -> bool {
    match (actual, expected) {
        (Some(a), Some(e)) => (a - e).abs() <= 1e-9 + 1e-7 * e.abs(),
        (None, None) => true,
        _ => false,
    }
}

fn ratio(numerator: f64, denominator: f64) -> Option<f64> {
    (denominator != 0.0).then(|| numerator / denominator)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn every_number_matches_brute_force(graph in arbitrary_graph(), order in 1usize..=3) {
        let report = analyze(&graph, RiskOptions { order, ..RiskOptions::default() });
        let features: Vec<NodeIndex> = graph.features().collect();
        prop_assert_eq!(report.features.len(), features.len());
        let mut total = 0.0;
        for (risk, &f) in report.features.iter().zip(&features) {
            prop_assert_eq!(risk.feature, f);
            let q = oracle::unavailability(&graph, f, None);
            let Availability::Exact(value) = risk.availability else {
                return Err(TestCaseError::fail("small graphs are exact"));
            };
            prop_assert!(close(value, 1.0 - q), "availability of {}: {} vs {}", f, value, 1.0 - q);
            total += graph.users(f) as f64 * q * 8_766.0;
            prop_assert!(close(risk.expected_loss.exact().unwrap(), graph.users(f) as f64 * q * 8_766.0));

            let cut_sets: Vec<Vec<NodeIndex>> =
                risk.cut_sets.as_ref().unwrap().iter().map(|s| s.nodes().to_vec()).collect();
            prop_assert_eq!(cut_sets, oracle::minimal_cut_sets(&graph, f, order));

            // Every node other than f with Birnbaum > 0, by Birnbaum descending then id.
            let mut expected: Vec<(NodeIndex, f64)> = graph
                .nodes()
                .filter(|&i| i != f)
                .map(|i| (i, oracle::birnbaum(&graph, f, i)))
                .filter(|&(_, b)| b > 0.0)
                .collect();
            let importance = risk.importance.as_ref().unwrap();
            let actual: Vec<NodeIndex> = importance.iter().map(|m| m.node).collect();
            let mut by_node: Vec<NodeIndex> = actual.clone();
            by_node.sort_unstable();
            expected.sort_by_key(|&(i, _)| i);
            prop_assert_eq!(by_node, expected.iter().map(|&(i, _)| i).collect::<Vec<_>>());
            for pair in importance.windows(2) {
                prop_assert!(pair[0].birnbaum >= pair[1].birnbaum - 1e-12, "ranked by Birnbaum");
            }
            for measure in importance {
                let i = measure.node;
                let q1 = oracle::unavailability(&graph, f, Some((i, 1.0)));
                let q0 = oracle::unavailability(&graph, f, Some((i, 0.0)));
                prop_assert!(close(measure.birnbaum, q1 - q0), "Birnbaum of {} for {}", i, f);
                prop_assert!(close_option(measure.raw, ratio(q1, q)), "RAW of {} for {}: {:?} vs {:?}", i, f, measure.raw, ratio(q1, q));
                prop_assert!(close_option(measure.rrw, ratio(q, q0)), "RRW of {} for {}: {:?} vs {:?}", i, f, measure.rrw, ratio(q, q0));
                prop_assert!(close_option(measure.fussell_vesely, ratio(q - q0, q)), "FV of {} for {}", i, f);
            }
        }
        prop_assert!(close(report.expected_loss.exact().unwrap(), total));
    }

    #[test]
    fn slices_give_the_same_report(graph in arbitrary_graph(), budget in 1usize..5) {
        let whole = analyze(&graph, RiskOptions::default());
        let mut sliced = RiskAnalysis::new(&graph, RiskOptions::default());
        let mut calls = 0;
        while sliced.step(budget).stage != Stage::Done {
            calls += 1;
            prop_assert!(calls < 100_000, "terminates");
        }
        prop_assert_eq!(sliced.report(), whole);
    }

    #[test]
    fn a_tiny_bdd_limit_gives_bounds_that_hold(graph in arbitrary_graph()) {
        let report = analyze(&graph, RiskOptions { bdd_size_limit: 4, ..RiskOptions::default() });
        for risk in &report.features {
            let exact = 1.0 - oracle::unavailability(&graph, risk.feature, None);
            match risk.availability {
                Availability::Exact(value) => prop_assert!(close(value, exact)),
                Availability::Bound { lower, upper } => {
                    prop_assert!(lower <= exact + 1e-12 && exact <= upper + 1e-12, "{} in [{}, {}]", exact, lower, upper);
                    prop_assert!(risk.importance.is_none());
                }
            }
        }
    }
}
