//! Deterministic synthetic architectures for benchmarks and stress tests.
//!
//! A layered graph shaped like a real estate: features on top, then layers of
//! services, data stores, data centers and providers. Each node depends on
//! `dependencies` nodes of the layers just below it on average, from one to
//! twice that less one (real services do not all have the same number of
//! dependencies, and some have a single one), chosen near its own position
//! (systems are built in clusters, not wired at random), with mixed
//! requirements: of the nodes with several dependencies, roughly 45 % need
//! all, 35 % any and 20 % at least k of them.
//! [`layered_graph_any`] is the same graph with every requirement "any", the
//! case a dominator tree also answers (the networkx comparison in `benches/`).

use crate::model::{Document, Kind, Node, NodeId, Requirement};

/// A small, fast, seedable generator (SplitMix64), so every run builds the
/// same graph without a dependency on a random-number crate.
pub(crate) struct SplitMix64(pub(crate) u64);

impl SplitMix64 {
    pub(crate) fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    pub(crate) fn below(&mut self, n: u64) -> u64 {
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

/// A layered graph of `nodes` nodes with `dependencies` dependencies each on
/// average (nodes of the bottom layer have none).
pub fn layered_graph(nodes: usize, dependencies: usize, seed: u64) -> Document {
    generate(nodes, dependencies, seed, Requirements::Mixed)
}

/// [`layered_graph`] with the same nodes and edges, but every node needs any
/// one of its dependencies.
pub fn layered_graph_any(nodes: usize, dependencies: usize, seed: u64) -> Document {
    generate(nodes, dependencies, seed, Requirements::AnyOnly)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Requirements {
    Mixed,
    AnyOnly,
}

fn generate(nodes: usize, dependencies: usize, seed: u64, requirements: Requirements) -> Document {
    let mut rng = SplitMix64(seed);
    let per_layer = nodes.div_ceil(LAYERS.len()).max(1);
    let layer_of = |i: usize| (i / per_layer).min(LAYERS.len() - 1);
    let mut document = Document {
        title: format!("Generated: {nodes} nodes, about {dependencies} dependencies each"),
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
            // From 1 to 2 × dependencies − 1: `dependencies` on average.
            let wanted = match dependencies {
                0 => 0,
                d => 1 + rng.below(2 * d as u64 - 1) as usize,
            };
            let mut chosen: Vec<usize> = Vec::with_capacity(wanted);
            let mut attempts = 0;
            while chosen.len() < wanted && attempts < wanted * 8 {
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
            // Drawn in both variants, so that they share every random choice
            // and so every edge.
            let mixed = match (rng.below(20), chosen.len()) {
                (_, 0 | 1) => Requirement::All,
                (0..=8, _) => Requirement::All,
                (9..=15, _) => Requirement::Any,
                (_, n) => Requirement::AtLeast(2.min(n as u32).max(1) + (rng.below(n as u64 - 1) as u32).min(1)),
            };
            node.requires = match requirements {
                Requirements::AnyOnly if !chosen.is_empty() => Requirement::Any,
                _ => mixed,
            };
            node.depends_on = chosen.into_iter().map(|t| NodeId(format!("n{t}"))).collect();
        }
        document.nodes.push(node);
    }
    document
}

/// Gives about `per_thousand` nodes in a thousand an availability (99.9 %,
/// 99.95 % or 99.99 %), chosen deterministically from `seed`; the others
/// keep none (they never fail on their own). For the risk benchmarks: a
/// real model carries availabilities on the parts it has numbers for.
pub fn add_availabilities(document: &mut Document, per_thousand: u64, seed: u64) {
    const VALUES: [f64; 3] = [0.999, 0.9995, 0.9999];
    let mut rng = SplitMix64(seed ^ 0xA5A5_A5A5);
    for node in &mut document.nodes {
        let chosen = rng.below(1_000) < per_thousand;
        let value = VALUES[rng.below(VALUES.len() as u64) as usize];
        node.availability = chosen.then_some(value);
    }
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

    #[test]
    fn availabilities_are_deterministic_and_about_the_share_asked() {
        let mut a = layered_graph(2_000, 5, 7);
        add_availabilities(&mut a, 100, 3);
        let count = a.nodes.iter().filter(|n| n.availability.is_some()).count();
        assert!((150..=250).contains(&count), "{count}");
        let mut b = layered_graph(2_000, 5, 7);
        add_availabilities(&mut b, 100, 3);
        assert_eq!(a, b);
        assert!(Graph::build(&a).is_ok());
    }

    #[test]
    fn the_any_variant_differs_only_in_requirements() {
        let mixed = layered_graph(1_000, 5, 7);
        let any = layered_graph_any(1_000, 5, 7);
        assert_eq!(mixed.nodes.len(), any.nodes.len());
        for (m, a) in mixed.nodes.iter().zip(&any.nodes) {
            assert_eq!((&m.id, m.kind, &m.depends_on, m.users), (&a.id, a.kind, &a.depends_on, a.users));
            let expected = if a.depends_on.is_empty() { Requirement::All } else { Requirement::Any };
            assert_eq!(a.requires, expected);
        }
        assert!(mixed.nodes.iter().any(|n| matches!(n.requires, Requirement::AtLeast(_))));
    }
}
