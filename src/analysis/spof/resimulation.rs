//! The single-point-of-failure report by simulating every single failure
//! from scratch: O(n · (n + m)) time and O(Σ|K(v)|) memory. The baseline the
//! benchmarks measure the fast report against.

use super::kill_sets::KillSets;
use super::{report_from_kill_sets, SpofReport};
use crate::analysis::simulate;
use crate::model::Graph;

/// The same report as [`super::single_points_of_failure`], by re-simulation.
pub fn single_points_of_failure_by_resimulation(graph: &Graph) -> SpofReport {
    let mut by_node = vec![Vec::new(); graph.len()];
    for u in graph.nodes() {
        for v in simulate(graph, &[u]).down() {
            by_node[v as usize].push(u);
        }
    }
    let mut kill = KillSets::new(graph.len());
    for (v, set) in graph.nodes().zip(&by_node) {
        kill.set_whole(v, set);
    }
    report_from_kill_sets(graph, kill)
}
