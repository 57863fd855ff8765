//! The longest outage one failure can cause each feature: a per-feature
//! number for restore times, which `blackout diff` compares between versions.
//!
//! For a feature f, with T_f(F) its restore time after the failure set F
//! ([`restore_times`](super::restore_times)) and D(F) the nodes down right
//! after F:
//!
//! ```text
//! longest(f) = max { T_f({u}) : u a node with f ∈ D({u}) }
//! ```
//!
//! the longest that the lone failure of any one node keeps f dark; `None`
//! ("never") when some single failure leaves f down for good (it waits on a
//! cycle with no rebuild). The failure of f itself counts, so the maximum is
//! over a set that is never empty. Every other node whose lone failure takes
//! f down is a single point of failure, which takes f down by definition, so
//! the nodes replayed are the single points of failure (from the report) and
//! the features that are not one.
//!
//! Cost: one restore pass per replayed failure, inside its own down set, with
//! buffers shared between passes (as in
//! [`single_failure_restores`](super::single_failure_restores)):
//! O(Σ_u (|D_u| + m_{D_u})), times log |D_u| for a down set with a cycle.
//! A graph without recovery hours and without a cycle needs no pass: every
//! node is back at hour 0 after any failure. O(n + m) to find that out.

use super::restore::RestorePass;
use super::{compare_hours, SpofReport};
use crate::model::{Graph, NodeIndex};
use petgraph::algo::toposort;

/// One feature's longest single-failure outage.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LongestOutage {
    pub feature: NodeIndex,
    /// Hours until it is back after the worst single failure; `None`: one
    /// single failure leaves it down for good.
    pub hours: Option<f64>,
}

/// [`LongestOutage`] of every feature of `graph`, in index order. `report`
/// must be `graph`'s single-point-of-failure report.
pub fn longest_single_failure_outages(graph: &Graph, report: &SpofReport) -> Vec<LongestOutage> {
    let mut longest: Vec<Option<f64>> = vec![Some(0.0); graph.len()];
    if graph.nodes().any(|v| graph.recovery_hours(v) > 0.0) || toposort(graph, None).is_err() {
        let mut pass = RestorePass::new(graph);
        let mut replay = |failed: NodeIndex, features: &[NodeIndex], longest: &mut [Option<f64>]| {
            pass.take_down(graph, &[failed]);
            pass.restore(graph);
            for &feature in features {
                let hours = pass.hours(feature);
                if compare_hours(hours, longest[feature as usize]).is_gt() {
                    longest[feature as usize] = hours;
                }
            }
            pass.reset();
        };
        for spof in &report.spofs {
            replay(spof.node, &spof.features, &mut longest);
        }
        for feature in graph.features().filter(|&f| !report.is_spof(f)) {
            replay(feature, &[feature], &mut longest);
        }
    }
    graph.features().map(|feature| LongestOutage { feature, hours: longest[feature as usize] }).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::single_points_of_failure;
    use crate::analysis::spof_restore::tests::node;
    use crate::model::{Document, Kind, Node, Requirement};

    fn outages(nodes: Vec<Node>) -> Vec<(String, Option<f64>)> {
        let graph = Graph::build(&Document { nodes, ..Document::default() }).unwrap();
        let report = single_points_of_failure(&graph);
        longest_single_failure_outages(&graph, &report).into_iter().map(|o| (graph.id(o.feature).to_string(), o.hours)).collect()
    }

    #[test]
    fn the_worst_single_failure_by_hand() {
        // shop needs api (any of a1, a2) and db; both sites on dc.
        // dc alone: a1, a2 back at 12 + 1, api 13.5, db 12 + 4 = 16, shop 16 + 0.25.
        // db alone: 4, shop 4.25. a1 alone: nothing goes down but a1. shop alone: 0.25.
        let mut api = node("api", Kind::Service, &["a1", "a2"], 0.5);
        api.requires = Requirement::Any;
        let mut blog = node("blog", Kind::Feature, &[], 2.0);
        blog.rebuild_hours = Some(1.0);
        let nodes = vec![
            node("shop", Kind::Feature, &["api", "db"], 0.25),
            blog,
            api,
            node("a1", Kind::Service, &["dc"], 1.0),
            node("a2", Kind::Service, &["dc"], 1.0),
            node("db", Kind::Datastore, &["dc"], 4.0),
            node("dc", Kind::Datacenter, &[], 12.0),
        ];
        // blog fails alone: repaired in 2 h or rebuilt in 1 h, whichever is sooner.
        assert_eq!(outages(nodes), [("shop".to_owned(), Some(16.25)), ("blog".to_owned(), Some(1.0))]);
    }

    #[test]
    fn never_when_one_failure_leaves_a_cycle_waiting() {
        // a and b need each other: the failure of either leaves both down for good.
        let nodes = vec![
            node("app", Kind::Feature, &["a"], 1.0),
            node("a", Kind::Service, &["b"], 1.0),
            node("b", Kind::Service, &["a"], 1.0),
            node("solo", Kind::Feature, &[], 0.0),
        ];
        assert_eq!(outages(nodes), [("app".to_owned(), None), ("solo".to_owned(), Some(0.0))]);
    }

    #[test]
    fn without_recovery_hours_or_cycles_every_outage_is_zero() {
        let nodes = vec![node("app", Kind::Feature, &["db"], 0.0), node("db", Kind::Datastore, &[], 0.0)];
        assert_eq!(outages(nodes), [("app".to_owned(), Some(0.0))]);
    }
}
