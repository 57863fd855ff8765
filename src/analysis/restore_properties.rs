//! Property tests for restore times: the Dijkstra-like passes agree exactly
//! with a second, independent method, iterating the definition from "never"
//! downward until nothing changes, on random graphs with cycles, self-loops,
//! at-least requirements (some over more than 8 dependencies), recovery and
//! rebuild hours (0 and equal values included) and random failure sets.

use super::oracle;
use super::{restore_times, single_failure_restores, single_points_of_failure, NodeState};
use crate::model::{Document, Graph, Kind, Node, NodeId, NodeIndex, Requirement};
use proptest::prelude::*;

/// T for every node after `failed`, straight from the definition: nodes up
/// after the failure are at 0; every down node starts at "never" (infinity)
/// and is recomputed from its dependencies until no value changes.
pub(crate) fn restore_hours_by_iteration(graph: &Graph, failed: &[NodeIndex]) -> Vec<f64> {
    let down = oracle::down_after(graph, failed);
    let mut hours: Vec<f64> = down.iter().map(|&d| if d { f64::INFINITY } else { 0.0 }).collect();
    // Every value is reached along a derivation of at most n steps, so n + 1
    // rounds must be enough; more would mean the definition does not settle.
    for _round in 0..=graph.len() + 1 {
        let mut changed = false;
        for v in graph.nodes().filter(|&v| down[v as usize]) {
            let needed = graph.needed(v);
            let ready = if needed == 0 {
                0.0
            } else {
                let mut back: Vec<f64> = graph.dependencies(v).iter().map(|&d| hours[d as usize]).collect();
                back.sort_by(f64::total_cmp);
                back[needed - 1]
            };
            let value = (ready + graph.recovery_hours(v)).min(graph.rebuild_hours(v).unwrap_or(f64::INFINITY));
            if value != hours[v as usize] {
                hours[v as usize] = value;
                changed = true;
            }
        }
        if !changed {
            return hours;
        }
    }
    panic!("iterating from never did not settle");
}

fn as_option(hours: f64) -> Option<f64> {
    Some(hours).filter(|h| h.is_finite())
}

/// Σ users × hours over the features down that come back, in index order.
fn user_hours_of(graph: &Graph, down: &[bool], hours: &[f64]) -> f64 {
    graph
        .features()
        .filter(|&f| down[f as usize] && hours[f as usize].is_finite())
        .map(|f| graph.users(f) as f64 * hours[f as usize])
        .sum()
}

/// Whether `to` is reachable from `from` along dependencies through nodes in `allowed`.
fn reaches(graph: &Graph, from: NodeIndex, to: NodeIndex, allowed: &[bool]) -> bool {
    let mut seen = vec![false; graph.len()];
    let mut stack = vec![from];
    while let Some(v) = stack.pop() {
        for &d in graph.dependencies(v) {
            if allowed[d as usize] && !seen[d as usize] {
                if d == to {
                    return true;
                }
                seen[d as usize] = true;
                stack.push(d);
            }
        }
    }
    false
}

/// Hours drawn so that 0, small equal integers and arbitrary values all occur.
fn hours() -> impl Strategy<Value = f64> {
    prop_oneof![2 => Just(0.0), 3 => (1u8..6).prop_map(f64::from), 2 => 0.0f64..50.0]
}

/// A random graph of up to 12 nodes with recovery data: dependencies
/// anywhere (cycles, self-loops), mostly few, sometimes nearly all of them.
pub(crate) fn arbitrary_graph() -> impl Strategy<Value = Graph> {
    (1usize..=12)
        .prop_flat_map(|n| {
            let dependencies = prop_oneof![
                3 => proptest::collection::btree_set(0..n, 0..=3.min(n)),
                1 => proptest::collection::btree_set(0..n, 0..=n),
            ];
            proptest::collection::vec(
                (
                    0usize..5,
                    dependencies,
                    (0u32..4, any::<u32>()),
                    1u64..100,
                    proptest::option::weighted(0.7, hours()),
                    proptest::option::weighted(0.3, hours()),
                    proptest::option::weighted(0.5, hours()),
                ),
                n,
            )
        })
        .prop_map(|specs| {
            let nodes = specs
                .into_iter()
                .enumerate()
                .map(|(i, (kind, deps, (rule, k), users, recovery, rebuild, tolerance))| {
                    let kind = Kind::ALL[kind];
                    let mut node = Node::new(format!("n{i:02}"), kind);
                    let count = deps.len() as u32;
                    node.depends_on = deps.into_iter().map(|d| NodeId(format!("n{d:02}"))).collect();
                    node.requires = match rule {
                        0 => Requirement::All,
                        1 => Requirement::Any,
                        _ if count > 0 => Requirement::AtLeast(1 + k % count),
                        _ => Requirement::All,
                    };
                    node.users = users;
                    node.recovery_hours = recovery;
                    node.rebuild_hours = rebuild;
                    node.tolerance_hours = tolerance.filter(|_| kind == Kind::Feature);
                    node
                })
                .collect();
            Graph::build(&Document { nodes, ..Document::default() }).expect("generated graph is valid")
        })
}

/// Mostly small failure sets: the bits set in all of several random masks.
pub(crate) fn failure_set() -> impl Strategy<Value = u16> {
    prop_oneof![any::<u16>(), (any::<u16>(), any::<u16>()).prop_map(|(a, b)| a & b)]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn restore_times_match_iteration_from_never(graph in arbitrary_graph(), mask in failure_set()) {
        let failed: Vec<NodeIndex> = graph.nodes().filter(|&v| mask & (1 << v) != 0).collect();
        let times = restore_times(&graph, &failed);
        let expected = restore_hours_by_iteration(&graph, &failed);
        let down = oracle::down_after(&graph, &failed);
        for v in graph.nodes() {
            let i = v as usize;
            prop_assert_eq!(times.hours(v), as_option(expected[i]), "node {}", v);
            let state = if failed.contains(&v) { NodeState::Failed } else if down[i] { NodeState::Down } else { NodeState::Up };
            prop_assert_eq!(times.state(v), state, "node {}", v);
            for hour in [0.0, 1.0, 2.5, 5.0, 25.0, 1e6] {
                let back = expected[i] <= hour;
                prop_assert_eq!(times.state_at(v, hour), if back { NodeState::Up } else { state });
            }
        }
        prop_assert_eq!(times.user_hours(&graph), user_hours_of(&graph, &down, &expected));
        let dark: Vec<NodeIndex> = graph.features().filter(|&f| down[f as usize]).collect();
        let last = dark.iter().map(|&f| expected[f as usize]).fold(0.0, f64::max);
        prop_assert_eq!(times.last_feature_back(&graph), as_option(last));
        // The timeline lists every dark feature once, sooner back first.
        let timeline = times.features(&graph);
        let mut listed: Vec<NodeIndex> = timeline.iter().map(|f| f.feature).collect();
        listed.sort_unstable();
        prop_assert_eq!(listed, dark);
        for pair in timeline.windows(2) {
            let key = |h: Option<f64>| h.unwrap_or(f64::INFINITY);
            prop_assert!(key(pair[0].hours) <= key(pair[1].hours));
        }
        // Every never-back node is blocked by a real chain into a real cycle.
        let never: Vec<bool> = expected.iter().map(|h| h.is_infinite()).collect();
        for v in graph.nodes() {
            let blocker = times.blocker(&graph, v);
            prop_assert_eq!(blocker.is_some(), never[v as usize]);
            let Some(blocker) = blocker else { continue };
            prop_assert_eq!(blocker.chain[0], v);
            for pair in blocker.chain.windows(2) {
                prop_assert!(graph.dependencies(pair[0]).contains(&pair[1]));
            }
            let entry = *blocker.chain.last().unwrap();
            prop_assert!(blocker.cycle.contains(&entry));
            let component: Vec<NodeIndex> = graph
                .nodes()
                .filter(|&u| never[u as usize] && reaches(&graph, entry, u, &never) && reaches(&graph, u, entry, &never))
                .collect();
            prop_assert_eq!(&blocker.cycle, &component);
        }
    }

    #[test]
    fn single_failure_restores_match_iteration_from_never(graph in arbitrary_graph()) {
        let report = single_points_of_failure(&graph);
        let restores = single_failure_restores(&graph, &report);
        prop_assert_eq!(restores.spofs.len(), report.spofs.len());
        for (restore, spof) in restores.spofs.iter().zip(&report.spofs) {
            prop_assert_eq!(restore.node, spof.node);
            let expected = restore_hours_by_iteration(&graph, &[spof.node]);
            let down = oracle::down_after(&graph, &[spof.node]);
            let last = graph.features().filter(|&f| down[f as usize]).map(|f| expected[f as usize]).fold(0.0, f64::max);
            prop_assert_eq!(restore.hours, as_option(last), "spof {}", spof.node);
            prop_assert_eq!(restore.user_hours, user_hours_of(&graph, &down, &expected), "spof {}", spof.node);
        }
        // Every (feature, single failure) whose outage outlasts the
        // feature's tolerance, over all nodes: by feature id, longest first, then id.
        let mut expected: Vec<(NodeIndex, NodeIndex, f64)> = Vec::new();
        for u in graph.nodes() {
            let hours = restore_hours_by_iteration(&graph, &[u]);
            let down = oracle::down_after(&graph, &[u]);
            for f in graph.features().filter(|&f| down[f as usize]) {
                if graph.tolerance_hours(f).is_some_and(|tolerance| hours[f as usize] > tolerance) {
                    expected.push((f, u, hours[f as usize]));
                }
            }
        }
        expected.sort_by(|a, b| a.0.cmp(&b.0).then(b.2.total_cmp(&a.2)).then(a.1.cmp(&b.1)));
        let mut actual: Vec<(NodeIndex, NodeIndex, f64)> = Vec::new();
        for breach in &restores.tolerance_breaches {
            prop_assert_eq!(Some(breach.tolerance_hours), graph.tolerance_hours(breach.feature));
            for by in &breach.breached_by {
                actual.push((breach.feature, by.node, by.hours.unwrap_or(f64::INFINITY)));
            }
        }
        // Ids are n00, n01, …: their order is the index order.
        prop_assert_eq!(actual, expected);
    }
}
