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
//! [`add_recovery_hours`] gives a generated graph recovery data, for the
//! restore-time benchmarks.
//!
//! [`shaped_graph`] builds the other shapes that stress an analysis: a deep
//! chain, a long cycle, a hub with many dependencies, a star of many features.

use crate::model::{Document, Kind, Node, NodeId, Requirement};

pub mod sources;

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

/// Adds recovery data to `document`, deterministically from `seed`, without
/// touching its nodes or edges: every node gets `recovery_hours` in half
/// hours, longer the lower its tier (features up to 2 h, services up to 6,
/// data stores up to 12, data centers 4 to 48, providers up to 24); about one
/// service or data store in eight a `rebuild_hours` of 6 to 72; about one
/// feature in five a `tolerance_hours` of 2 to 48.
pub fn add_recovery_hours(document: &mut Document, seed: u64) {
    // A stream of its own, so that the same seed gives the same graph with
    // or without recovery data.
    let mut rng = SplitMix64(seed ^ 0x7265_636F_7665_7279);
    let mut half_hours = |low: u64, high: u64| (low + rng.below(high - low + 1)) as f64 / 2.0;
    for node in &mut document.nodes {
        let (low, high) = match node.kind {
            Kind::Feature => (0, 4),
            Kind::Service => (1, 12),
            Kind::Datastore => (2, 24),
            Kind::Datacenter => (8, 96),
            Kind::Provider => (2, 48),
        };
        node.recovery_hours = Some(half_hours(low, high));
        let draw = half_hours(0, 39);
        node.rebuild_hours = match node.kind {
            Kind::Service | Kind::Datastore if draw < 2.5 => Some(half_hours(12, 144)),
            _ => None,
        };
        node.tolerance_hours = match node.kind {
            Kind::Feature if draw < 4.0 => Some(half_hours(4, 96)),
            _ => None,
        };
    }
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

/// A graph shape for stress tests and benchmarks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// [`layered_graph`]: features on top, providers at the bottom.
    Layered,
    /// A feature on a chain: each node depends on the next one; depth = nodes.
    Chain,
    /// A feature on a chain of services, each of which also needs a host of
    /// its own (a data center): half the nodes on the chain, half hosts.
    Ladder,
    /// A ring of services, each depending on the next, the last on the
    /// first; one of them serves a feature.
    Cycle,
    /// One feature that needs all of `nodes − 1` providers.
    Hub,
    /// `nodes − 2` features that all run on one service, which runs on one provider.
    Star,
}

impl Shape {
    pub const ALL: [Shape; 6] = [Shape::Layered, Shape::Chain, Shape::Ladder, Shape::Cycle, Shape::Hub, Shape::Star];

    /// The name the command line uses (`--shape chain`).
    pub fn name(self) -> &'static str {
        match self {
            Shape::Layered => "layered",
            Shape::Chain => "chain",
            Shape::Ladder => "ladder",
            Shape::Cycle => "cycle",
            Shape::Hub => "hub",
            Shape::Star => "star",
        }
    }

    pub fn from_name(name: &str) -> Option<Shape> {
        Shape::ALL.into_iter().find(|shape| shape.name() == name)
    }
}

/// A graph of `nodes` nodes (at least 3) of the given shape; `dependencies`
/// and `seed` only shape [`Shape::Layered`].
pub fn shaped_graph(shape: Shape, nodes: usize, dependencies: usize, seed: u64) -> Document {
    if shape == Shape::Layered {
        return layered_graph(nodes, dependencies, seed);
    }
    let nodes = nodes.max(3);
    let id = |i: usize| NodeId(format!("n{i}"));
    let mut document = Document {
        title: format!("Generated: {shape:?} of {nodes} nodes").to_lowercase(),
        ..Document::default()
    };
    for i in 0..nodes {
        let (kind, depends_on): (Kind, Vec<NodeId>) = match shape {
            Shape::Layered => unreachable!("handled above"),
            Shape::Chain => match i {
                0 => (Kind::Feature, vec![id(1)]),
                _ if i + 1 == nodes => (Kind::Provider, vec![]),
                _ => (Kind::Service, vec![id(i + 1)]),
            },
            // n0 is the feature; odd nodes form the chain, n(i + 1) hosts n(i).
            Shape::Ladder => match i {
                0 => (Kind::Feature, vec![id(1)]),
                _ if i % 2 == 0 => (Kind::Datacenter, vec![]),
                _ if i + 1 == nodes => (Kind::Service, vec![]),
                _ if i + 2 == nodes => (Kind::Service, vec![id(i + 1)]),
                _ => (Kind::Service, vec![id(i + 1), id(i + 2)]),
            },
            // n0 is the feature; n1 … n(nodes − 1) form the ring.
            Shape::Cycle => match i {
                0 => (Kind::Feature, vec![id(1)]),
                _ if i + 1 == nodes => (Kind::Service, vec![id(1)]),
                _ => (Kind::Service, vec![id(i + 1)]),
            },
            Shape::Hub => match i {
                0 => (Kind::Feature, (1..nodes).map(id).collect()),
                _ => (Kind::Provider, vec![]),
            },
            Shape::Star => match i {
                _ if i + 2 < nodes => (Kind::Feature, vec![id(nodes - 2)]),
                _ if i + 2 == nodes => (Kind::Service, vec![id(nodes - 1)]),
                _ => (Kind::Provider, vec![]),
            },
        };
        let mut node = Node::new(format!("n{i}"), kind);
        if kind == Kind::Feature {
            node.users = 1_000 + (i as u64 % 1_000) * 1_000;
        }
        node.depends_on = depends_on;
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
    fn recovery_hours_are_deterministic_and_leave_the_graph_alone() {
        let plain = layered_graph(1_000, 5, 7);
        let mut with = plain.clone();
        add_recovery_hours(&mut with, 7);
        let mut again = plain.clone();
        add_recovery_hours(&mut again, 7);
        assert_eq!(with, again);
        let graph = Graph::build(&with).expect("valid: hours are finite and non-negative");
        assert!(crate::analysis::has_recovery_data(&graph));
        for (p, w) in plain.nodes.iter().zip(&with.nodes) {
            assert_eq!((&p.id, p.kind, &p.depends_on, p.requires, p.users), (&w.id, w.kind, &w.depends_on, w.requires, w.users));
            assert!(w.recovery_hours.is_some());
        }
        let count = |has: fn(&Node) -> bool| with.nodes.iter().filter(|n| has(n)).count();
        let rebuilds = count(|n| n.rebuild_hours.is_some());
        let tolerances = count(|n| n.tolerance_hours.is_some());
        // One in eight of about 700 services and data stores; one in five of 100 features.
        assert!((50..=130).contains(&rebuilds), "{rebuilds} rebuilds");
        assert!((8..=35).contains(&tolerances), "{tolerances} tolerances");
    }

    #[test]
    fn every_shape_is_valid_and_has_its_single_points_of_failure() {
        use crate::analysis::single_points_of_failure;
        for (shape, spofs) in [(Shape::Chain, 9), (Shape::Ladder, 9), (Shape::Cycle, 9), (Shape::Hub, 9), (Shape::Star, 2)] {
            let graph = Graph::build(&shaped_graph(shape, 10, 5, 1)).expect("shaped graphs are valid");
            assert_eq!(graph.len(), 10);
            assert_eq!(single_points_of_failure(&graph).spofs.len(), spofs, "{shape:?}");
        }
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
