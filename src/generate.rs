//! Deterministic synthetic architectures for benchmarks and stress tests.
//!
//! A layered graph shaped like a real estate: features on top, then layers of
//! services, data stores, data centers and providers. Each node depends on
//! about `dependencies` nodes of the layers just below it, chosen near its own
//! position (systems are built in clusters, not wired at random), with mixed
//! requirements: roughly 45 % all, 35 % any and 20 % at least k.

use crate::model::{Document, Kind, Node, NodeId, Requirement};

/// A small, fast, seedable generator (SplitMix64), so every run builds the
/// same graph without a dependency on a random-number crate.
struct SplitMix64(u64);

impl SplitMix64 {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

/// The tier of each of the generated layers, top to bottom.
const LAYERS: [Kind; 10] = [
    Kind::Feature,
    Kind::Service,
    Kind::Service,
    Kind::Service,
    Kind::Service,
    Kind::Datastore,
    Kind::Datastore,
    Kind::Datastore,
    Kind::Datacenter,
    Kind::Provider,
];

/// A layered graph of `nodes` nodes with about `dependencies` dependencies
/// each (nodes of the bottom layer have none).
pub fn layered_graph(nodes: usize, dependencies: usize, seed: u64) -> Document {
    let mut rng = SplitMix64(seed);
    let per_layer = nodes.div_ceil(LAYERS.len()).max(1);
    let layer_of = |i: usize| (i / per_layer).min(LAYERS.len() - 1);
    let mut document = Document {
        title: format!("Generated: {nodes} nodes, {dependencies} dependencies each"),
        ..Document::default()
    };
    for i in 0..nodes {
        let layer = layer_of(i);
        let kind = LAYERS[layer];
        let mut node = Node::new(format!("n{i}"), kind);
        if kind == Kind::Feature {
            node.users = 1_000 + rng.below(5_000_000);
        }
        let below_start = (layer + 1) * per_layer;
        if below_start < nodes {
            // Candidates: the next two layers, in a window around this node's position.
            let below_end = ((layer + 3) * per_layer).min(nodes);
            let position = i % per_layer;
            let window = 40usize;
            let mut chosen: Vec<usize> = Vec::with_capacity(dependencies);
            let mut attempts = 0;
            while chosen.len() < dependencies && attempts < dependencies * 8 {
                attempts += 1;
                let layer_pick = if rng.below(4) == 0 { 1 } else { 0 };
                let start = below_start + layer_pick * per_layer;
                if start >= below_end {
                    continue;
                }
                let span = (below_end - start).min(per_layer);
                let offset = (position + span + rng.below(window as u64) as usize).saturating_sub(window / 2) % span;
                let target = start + offset;
                if !chosen.contains(&target) {
                    chosen.push(target);
                }
            }
            node.requires = match (rng.below(20), chosen.len()) {
                (_, 0 | 1) => Requirement::All,
                (0..=8, _) => Requirement::All,
                (9..=15, _) => Requirement::Any,
                (_, n) => Requirement::AtLeast(2.min(n as u32).max(1) + (rng.below(n as u64 - 1) as u32).min(1)),
            };
            node.depends_on = chosen.into_iter().map(|t| NodeId(format!("n{t}"))).collect();
        }
        document.nodes.push(node);
    }
    document
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Graph;

    #[test]
    fn generates_a_valid_deterministic_layered_graph() {
        let a = layered_graph(1_000, 5, 7);
        let graph = Graph::build(&a).expect("generated graphs are valid");
        assert_eq!(graph.len(), 1_000);
        let edges = graph.edges().count();
        assert!((4_000..=5_000).contains(&edges), "{edges} edges");
        assert_eq!(a, layered_graph(1_000, 5, 7));
        assert!(graph.features().count() >= 90);
    }
}
