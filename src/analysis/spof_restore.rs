//! Restore times of every single failure that takes features down: for each
//! single point of failure, how long until the last feature it takes down is
//! back and the user-hours lost; and the features whose impact tolerance
//! (`tolerance_hours`) one failure breaks.
//!
//! Each single failure u is replayed on its own down set D_u only: a sparse
//! sweep up the dependents from u, then the restore pass of
//! [`restore`](super::restore) inside D_u, with buffers sized to the graph
//! once and stamped with the pass, so that nothing is cleared between
//! failures. The cost is therefore O(Σ_u (|D_u| + m_{D_u})), times log |D_u|
//! for a D_u with a cycle, plus O(n) once: proportional to what the failures
//! take down (the kill sets that
//! [`single_points_of_failure`](super::single_points_of_failure) computes
//! anyway), not O(n) per node. Failures are replayed in node order, so that
//! neighbours, which take down overlapping sets, find the buffers in cache.
//!
//! A graph without recovery hours and without cycles needs no pass: every
//! node is back at hour 0 after any failure (O(n + m) to find out).
//!
//! The failures replayed are the single points of failure, which this reads
//! from the public [`SpofReport`] (node and features of each), plus each
//! feature with a tolerance that is not one: its own failure takes only
//! itself down among features, and may still outlast its tolerance. No other
//! single failure takes a feature down.

use super::restore::{FeaturesBack, RestorePass};
use super::{compare_hours, SpofReport};
use crate::model::{Graph, NodeIndex};
use petgraph::algo::toposort;

/// Restore times after the lone failure of one single point of failure.
#[derive(Clone, Debug, PartialEq)]
pub struct SpofRestore {
    pub node: NodeIndex,
    /// When the last feature it takes down is back; `None`: one never comes back.
    pub hours: Option<f64>,
    /// Σ users × hours over the features it takes down that come back.
    pub user_hours: f64,
}

/// A feature that some single failures keep down for longer than it tolerates.
#[derive(Clone, Debug, PartialEq)]
pub struct ToleranceBreach {
    pub feature: NodeIndex,
    pub tolerance_hours: f64,
    /// The single failures that breach it, longest outage first (never
    /// first), then by id.
    pub breached_by: Vec<Breach>,
}

/// One single failure that keeps a feature down too long.
#[derive(Clone, Debug, PartialEq)]
pub struct Breach {
    /// The node whose lone failure it is.
    pub node: NodeIndex,
    /// How long the feature stays down after it; `None`: never back.
    pub hours: Option<f64>,
}

/// What [`single_failure_restores`] finds.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct SingleFailureRestores {
    /// One per entry of `SpofReport::spofs`, in the same order.
    pub spofs: Vec<SpofRestore>,
    /// Sorted by feature id.
    pub tolerance_breaches: Vec<ToleranceBreach>,
}

/// Restore times for every single point of failure in `report` (which must
/// be `graph`'s), and every tolerance a single failure breaks.
pub fn single_failure_restores(graph: &Graph, report: &SpofReport) -> SingleFailureRestores {
    if graph.nodes().all(|v| graph.recovery_hours(v) == 0.0) && toposort(graph, None).is_ok() {
        // Without recovery hours and without a cycle, every ready hour is 0
        // all the way up, so every node is back at hour 0 after any failure
        // and no tolerance is broken: `check` on a file without recovery
        // data needs no pass at all.
        return SingleFailureRestores {
            spofs: report
                .spofs
                .iter()
                .map(|spof| SpofRestore { node: spof.node, hours: Some(0.0), user_hours: 0.0 })
                .collect(),
            tolerance_breaches: Vec::new(),
        };
    }
    let mut pass = RestorePass::new(graph);
    // (feature, failed node, hours) for every breach found.
    let mut breaches: Vec<(NodeIndex, Breach)> = Vec::new();
    let mut replay = |pass: &mut RestorePass, node: NodeIndex, features: &[NodeIndex]| {
        pass.take_down(graph, &[node]);
        pass.restore(graph);
        let mut back = FeaturesBack::default();
        for &feature in features {
            debug_assert!(pass.down().contains(&feature), "the SPOF report's features are down");
            let hours = pass.hours(feature);
            back.add(graph, feature, hours);
            if let Some(tolerance) = graph.tolerance_hours(feature) {
                if hours.is_none_or(|h| h > tolerance) {
                    breaches.push((feature, Breach { node, hours }));
                }
            }
        }
        pass.reset();
        back
    };

    let mut is_spof = vec![false; graph.len()];
    let mut spofs: Vec<SpofRestore> = report
        .spofs
        .iter()
        .map(|spof| SpofRestore { node: spof.node, hours: None, user_hours: 0.0 })
        .collect();
    // Replayed in index order rather than rank order: neighbouring nodes
    // tend to take down overlapping sets, so the buffers stay in cache
    // (about twice as fast on the 100,000-node benchmark graph).
    let mut in_index_order: Vec<usize> = (0..spofs.len()).collect();
    in_index_order.sort_unstable_by_key(|&i| report.spofs[i].node);
    for i in in_index_order {
        let spof = &report.spofs[i];
        is_spof[spof.node as usize] = true;
        let back = replay(&mut pass, spof.node, &spof.features);
        spofs[i].hours = back.last_back;
        spofs[i].user_hours = back.user_hours;
    }
    for feature in graph.features() {
        if graph.tolerance_hours(feature).is_some() && !is_spof[feature as usize] {
            replay(&mut pass, feature, &[feature]);
        }
    }
    SingleFailureRestores {
        spofs,
        tolerance_breaches: group_breaches(graph, breaches),
    }
}

/// One entry per feature, sorted by feature id; each feature's breaches
/// longest first, then by the failed node's id. Grouped by feature index
/// first, so that ids (strings) are compared only to break ties and to order
/// the few features.
fn group_breaches(graph: &Graph, mut breaches: Vec<(NodeIndex, Breach)>) -> Vec<ToleranceBreach> {
    breaches.sort_unstable_by(|(f, a), (g, b)| {
        f.cmp(g)
            .then_with(|| compare_hours(b.hours, a.hours))
            .then_with(|| graph.id(a.node).cmp(graph.id(b.node)))
    });
    let mut grouped: Vec<ToleranceBreach> = breaches
        .chunk_by(|(f, _), (g, _)| f == g)
        .map(|group| {
            let feature = group[0].0;
            ToleranceBreach {
                feature,
                tolerance_hours: graph.tolerance_hours(feature).unwrap_or(0.0),
                breached_by: group.iter().map(|(_, breach)| breach.clone()).collect(),
            }
        })
        .collect();
    grouped.sort_unstable_by(|a, b| graph.id(a.feature).cmp(graph.id(b.feature)));
    grouped
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::analysis::single_points_of_failure;
    use crate::model::{Document, Kind, Node, NodeId, Requirement};

    /// A node with dependencies and recovery hours (shared with `longest_outage`'s tests).
    pub(in crate::analysis) fn node(id: &str, kind: Kind, deps: &[&str], recovery: f64) -> Node {
        let mut node = Node::new(id, kind);
        node.depends_on = deps.iter().map(|d| NodeId::from(*d)).collect();
        node.recovery_hours = Some(recovery);
        node
    }

    /// Two features on one site; pay also needs auth, which is rebuilt after 3 h.
    fn site() -> Graph {
        let mut talk = node("talk", Kind::Feature, &["api"], 1.0);
        talk.users = 40;
        talk.tolerance_hours = Some(10.0);
        let mut pay = node("pay", Kind::Feature, &["api", "auth"], 0.0);
        pay.users = 20;
        pay.tolerance_hours = Some(4.0);
        let mut api = node("api", Kind::Service, &["a1", "a2"], 0.5);
        api.requires = Requirement::Any;
        let mut auth = node("auth", Kind::Service, &["dc"], 2.0);
        auth.rebuild_hours = Some(3.0);
        let nodes = vec![
            talk,
            pay,
            api,
            node("a1", Kind::Service, &["dc"], 1.0),
            node("a2", Kind::Service, &["dc"], 1.0),
            auth,
            node("dc", Kind::Datacenter, &[], 12.0),
        ];
        Graph::build(&Document { nodes, ..Document::default() }).unwrap()
    }

    #[test]
    fn hours_and_user_hours_per_single_point_of_failure() {
        let g = site();
        let report = single_points_of_failure(&g);
        let restores = single_failure_restores(&g, &report);
        let by_id: Vec<(String, Option<f64>, f64)> = restores
            .spofs
            .iter()
            .map(|s| (g.id(s.node).to_string(), s.hours, s.user_hours))
            .collect();
        // dc: a1 and a2 back at 13, api 13.5, talk 14.5; auth rebuilt at 3
        // (before 12 + 2), so pay waits for api only: 13.5.
        // api alone: talk 0.5 + 1, pay 0.5. auth alone: repaired (2 h) before its rebuild (3 h).
        assert_eq!(
            by_id,
            [
                ("api".to_owned(), Some(1.5), 40.0 * 1.5 + 20.0 * 0.5),
                ("dc".to_owned(), Some(14.5), 40.0 * 14.5 + 20.0 * 13.5),
                ("auth".to_owned(), Some(2.0), 20.0 * 2.0),
            ]
        );
        // Only the data center keeps features down beyond their tolerances.
        let at = |id: &str| g.index_of(&id.into()).unwrap();
        let breach = |feature, tolerance_hours, hours| ToleranceBreach {
            feature: at(feature),
            tolerance_hours,
            breached_by: vec![Breach { node: at("dc"), hours: Some(hours) }],
        };
        assert_eq!(restores.tolerance_breaches, [breach("pay", 4.0, 13.5), breach("talk", 10.0, 14.5)]);
    }

    #[test]
    fn without_recovery_hours_or_cycles_everything_is_back_at_once() {
        // The shortcut agrees with a pass per failure.
        let mut document = crate::generate::layered_graph(400, 4, 3);
        for node in document.nodes.iter_mut().step_by(7) {
            node.rebuild_hours = Some(2.0);
        }
        let g = Graph::build(&document).unwrap();
        let report = single_points_of_failure(&g);
        let restores = single_failure_restores(&g, &report);
        assert!(!restores.spofs.is_empty());
        for (restore, spof) in restores.spofs.iter().zip(&report.spofs) {
            let times = crate::analysis::restore_times(&g, &[spof.node]);
            assert_eq!(restore.hours, times.last_feature_back(&g));
            assert_eq!((restore.hours, restore.user_hours), (Some(0.0), 0.0));
        }
    }

    #[test]
    fn a_feature_alone_can_breach_its_own_tolerance() {
        let mut lonely = node("lonely", Kind::Feature, &[], 6.0);
        lonely.tolerance_hours = Some(5.0);
        let mut fine = node("fine", Kind::Feature, &[], 5.0);
        fine.tolerance_hours = Some(5.0);
        let g = Graph::build(&Document { nodes: vec![lonely, fine], ..Document::default() }).unwrap();
        let report = single_points_of_failure(&g);
        assert!(report.spofs.is_empty());
        let restores = single_failure_restores(&g, &report);
        assert_eq!(
            restores.tolerance_breaches,
            [ToleranceBreach {
                feature: 0,
                tolerance_hours: 5.0,
                breached_by: vec![Breach { node: 0, hours: Some(6.0) }],
            }],
            "an outage exactly as long as the tolerance is accepted"
        );
    }
}
