//! The map some hours into the recovery: the scene of a failure with each
//! node in its state at that hour. At hour 0 (the moment of the failure)
//! nodes are as the failure left them; after it, a node is back (up) once
//! its restore time T ≤ hour, as [`RestoreTimes::state_at`] says, and an
//! edge carries the outage while its dependency is not back. O(n + m).

use super::scene::{Scene, SceneEdge, SceneNode};
use crate::analysis::{NodeState, RestoreTimes};
use crate::model::NodeIndex;

/// A node's state on the map `hour` hours after the failure.
pub fn state_at_hour(times: &RestoreTimes, node: NodeIndex, hour: f64) -> NodeState {
    if hour > 0.0 {
        times.state_at(node, hour)
    } else {
        // A node without recovery hours is back at T = 0, the very moment
        // it went down: the map at 0 shows what the failure took down.
        times.state(node)
    }
}

/// `scene` (drawn for the same graph and failures as `times`) at `hour`.
pub fn scene_at_hour(scene: &Scene, times: &RestoreTimes, hour: f64) -> Scene {
    let state = |v: NodeIndex| state_at_hour(times, v, hour);
    Scene {
        nodes: scene.nodes.iter().map(|node| SceneNode { state: state(node.index), ..node.clone() }).collect(),
        edges: scene.edges.iter().map(|edge| SceneEdge { broken: !state(edge.to).is_up(), ..edge.clone() }).collect(),
        width: scene.width,
        height: scene.height,
    }
}

/// How many nodes are back by `hour` (0 at the moment of the failure): two
/// hours with the same count show the same map, so a player or a slider
/// redraws only when a node comes back.
pub fn nodes_back_by(times: &RestoreTimes, hour: f64) -> usize {
    if hour > 0.0 {
        times.down().filter(|&v| times.hours(v).is_some_and(|t| t <= hour)).count()
    } else {
        0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::restore_properties::{arbitrary_graph, failure_set, restore_hours_by_iteration};
    use crate::analysis::{oracle, restore_times, simulate, single_points_of_failure};
    use crate::format::parse;
    use crate::layout::{layout_document, Point};
    use crate::model::Graph;
    use crate::render::scene;
    use proptest::prelude::*;

    /// A scene of `graph` in the state right after `failed`, without a document.
    fn drawn(graph: &Graph, failed: &[NodeIndex]) -> Scene {
        let outcome = simulate(graph, failed);
        Scene {
            nodes: graph
                .nodes()
                .map(|v| SceneNode {
                    index: v,
                    id: graph.id(v).clone(),
                    label: graph.id(v).to_string(),
                    kind: graph.kind(v),
                    state: outcome.state(v),
                    spof: false,
                    badge: None,
                    users: graph.users(v),
                    centre: Point { x: 0.0, y: 0.0 },
                })
                .collect(),
            edges: graph
                .edges()
                .map(|(from, to)| SceneEdge { from, to, broken: !outcome.state(to).is_up() })
                .collect(),
            width: 1.0,
            height: 1.0,
        }
    }

    #[test]
    fn the_kakao_map_lights_up_as_features_come_back() {
        let valid = parse(include_str!("../../assets/examples/kakao-2022.json")).unwrap();
        let (document, graph) = (valid.document(), valid.graph());
        let pangyo = graph.index_of(&"pangyo".into()).unwrap();
        let outcome = simulate(graph, &[pangyo]);
        let before = scene(document, graph, &layout_document(document, graph), &outcome, &single_points_of_failure(graph));
        let times = restore_times(graph, &[pangyo]);
        let state = |scene: &Scene, id: &str| scene.nodes[graph.index_of(&id.into()).unwrap() as usize].state;
        assert_eq!(scene_at_hour(&before, &times, 0.0), before, "hour 0 is the moment of the failure");
        let noon = scene_at_hour(&before, &times, 12.0);
        assert_eq!(state(&noon, "talk"), NodeState::Up, "messaging is back after about 10 h");
        assert_eq!(state(&noon, "kakao-mail"), NodeState::Down, "mail takes about 88 h");
        assert_eq!(state(&noon, "pangyo"), NodeState::Failed, "the building is not repaired yet");
        let end = scene_at_hour(&before, &times, 127.5);
        assert!(end.nodes.iter().all(|n| n.state.is_up()) && end.edges.iter().all(|e| !e.broken), "everything back");
        assert_eq!(nodes_back_by(&times, 0.0), 0);
        assert_eq!(nodes_back_by(&times, 127.5), times.down().count());
        assert!(nodes_back_by(&times, 12.0) < nodes_back_by(&times, 30.0));
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(500))]

        /// Each node on the map at a random hour is back exactly when its
        /// restore time, found by iterating the definition, is at most
        /// that hour, and otherwise as the failure left it.
        #[test]
        fn the_map_at_an_hour_follows_the_restore_times(
            graph in arbitrary_graph(),
            mask in failure_set(),
            hour in prop_oneof![Just(0.0), 0.0f64..60.0, (0u8..12).prop_map(f64::from)],
        ) {
            let failed: Vec<NodeIndex> = graph.nodes().filter(|&v| mask & (1 << v) != 0).collect();
            let times = restore_times(&graph, &failed);
            let expected = restore_hours_by_iteration(&graph, &failed);
            let down = oracle::down_after(&graph, &failed);
            let before = drawn(&graph, &failed);
            let map = scene_at_hour(&before, &times, hour);
            let up_on_map = |v: NodeIndex| !down[v as usize] || (hour > 0.0 && expected[v as usize] <= hour);
            for node in &map.nodes {
                let v = node.index;
                let state = if up_on_map(v) { NodeState::Up } else { before.nodes[v as usize].state };
                prop_assert_eq!(node.state, state, "node {} at {} h", v, hour);
                prop_assert_eq!(node.state, state_at_hour(&times, v, hour));
                if hour > 0.0 {
                    prop_assert_eq!(node.state, times.state_at(v, hour));
                }
            }
            for edge in &map.edges {
                prop_assert_eq!(edge.broken, !up_on_map(edge.to));
            }
            let back = graph.nodes().filter(|&v| down[v as usize] && up_on_map(v)).count();
            prop_assert_eq!(nodes_back_by(&times, hour), back);
        }
    }
}
