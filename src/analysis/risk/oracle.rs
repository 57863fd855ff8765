//! Brute force from the definitions, for the property tests: every one of the
//! 2^n failure sets, each simulated by plain fixed-point iteration
//! ([`crate::analysis::oracle::down_after`]) and weighed by its probability.
//! Nothing here uses BDDs, cut-set families or the risk module's code.

use crate::analysis::oracle::down_after;
use crate::model::{Graph, NodeIndex};

/// Each node's own failure probability, with some nodes' overridden (forced
/// to fail: 1, forced to work: 0).
fn probabilities(graph: &Graph, forced: Option<(NodeIndex, f64)>) -> Vec<f64> {
    graph
        .nodes()
        .map(|v| match forced {
            Some((node, p)) if node == v => p,
            _ => 1.0 - graph.availability(v).unwrap_or(1.0),
        })
        .collect()
}

fn members(graph: &Graph, mask: u32) -> Vec<NodeIndex> {
    graph.nodes().filter(|&v| mask & (1 << v) != 0).collect()
}

fn weight(p: &[f64], mask: u32) -> f64 {
    p.iter().enumerate().map(|(v, &p)| if mask & (1 << v) != 0 { p } else { 1.0 - p }).product()
}

/// Q: the probability that `feature` is down, with an optional forced node.
pub fn unavailability(graph: &Graph, feature: NodeIndex, forced: Option<(NodeIndex, f64)>) -> f64 {
    let p = probabilities(graph, forced);
    (0..1u32 << graph.len())
        .filter(|&mask| down_after(graph, &members(graph, mask))[feature as usize])
        .map(|mask| weight(&p, mask))
        .sum()
}

/// Birnbaum as Σ over failure sets of the other nodes of P(set) × [the
/// feature's state depends on `node`]: the same number as Q1 − Q0, with an
/// exact 0 when `node` never matters.
pub fn birnbaum(graph: &Graph, feature: NodeIndex, node: NodeIndex) -> f64 {
    let p = probabilities(graph, Some((node, 0.0)));
    (0..1u32 << graph.len())
        .filter(|&mask| mask & (1 << node) == 0)
        .filter(|&mask| {
            let with = down_after(graph, &members(graph, mask | 1 << node))[feature as usize];
            let without = down_after(graph, &members(graph, mask))[feature as usize];
            with && !without
        })
        .map(|mask| weight(&p, mask))
        .sum()
}

/// Every minimal cut set of `feature` of size ≤ `order`, each sorted by index.
pub fn minimal_cut_sets(graph: &Graph, feature: NodeIndex, order: usize) -> Vec<Vec<NodeIndex>> {
    let is_cut = |mask: u32| mask & (1 << feature) == 0 && down_after(graph, &members(graph, mask))[feature as usize];
    let mut result: Vec<Vec<NodeIndex>> = (1..1u32 << graph.len())
        .filter(|&mask| mask.count_ones() as usize <= order && is_cut(mask))
        // Minimal: no proper, non-empty subset is a cut set.
        .filter(|&mask| {
            let mut sub = (mask - 1) & mask;
            while sub != 0 {
                if is_cut(sub) {
                    return false;
                }
                sub = (sub - 1) & mask;
            }
            true
        })
        .map(|mask| members(graph, mask))
        .collect();
    result.sort_by(|a, b| a.len().cmp(&b.len()).then_with(|| a.cmp(b)));
    result
}
