//! Graph generators and checks shared by the layout's tests.

use super::{bounds, layer_y, layered, Layout, LayoutInput, Point, MARGIN, NODE_HEIGHT, NODE_WIDTH};
use proptest::strategy::Strategy;

/// Deterministic pseudo-random numbers (64-bit LCG, Knuth's constants).
pub(super) struct Lcg(pub(super) u64);

impl Lcg {
    pub(super) fn below(&mut self, n: u32) -> u32 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) % u64::from(n)) as u32
    }
}

/// Anything goes: random tiers 0..5, random edges including upward
/// ones, cycles, self-loops and duplicates.
pub(super) fn chaotic_graph(n: u32, m: usize, seed: u64) -> (Vec<u8>, Vec<(u32, u32)>) {
    let mut rng = Lcg(seed);
    let tiers = (0..n).map(|_| rng.below(5) as u8).collect();
    let edges = (0..m).map(|_| (rng.below(n), rng.below(n))).collect();
    (tiers, edges)
}

/// Shaped like real data: tiers of decreasing size, edges mostly to the
/// next tiers down, some same-tier edges (acyclic: lower index depends
/// on higher index), a few long ones straight to the providers.
pub(super) fn realistic_graph(n: u32, m: usize, seed: u64) -> (Vec<u8>, Vec<(u32, u32)>) {
    let mut rng = Lcg(seed);
    // Node i's tier grows with i: 30% features, 30% services, ...
    let bounds = [0.3, 0.6, 0.85, 0.97, 1.0].map(|f| (f * f64::from(n)) as u32);
    let tier_of = |v: u32| bounds.iter().position(|&b| v < b).unwrap_or(4) as u8;
    let tiers: Vec<u8> = (0..n).map(tier_of).collect();
    let mut edges = Vec::with_capacity(m);
    while edges.len() < m {
        let a = rng.below(n);
        let t = tier_of(a);
        let lo = if t == 0 {
            0
        } else {
            bounds[usize::from(t) - 1]
        };
        let b = match rng.below(10) {
            // Same tier, pointing to a higher index keeps it acyclic.
            0 | 1 => a + 1 + rng.below((bounds[usize::from(t)] - a).max(2) - 1),
            // Straight to a provider.
            2 => bounds[3] + rng.below(n - bounds[3]),
            // One or two tiers down.
            _ => {
                let tt = (usize::from(t) + 1 + rng.below(2) as usize).min(4);
                let lo_t = bounds[tt - 1];
                lo_t + rng.below((bounds[tt] - lo_t).max(1))
            }
        };
        // Same-tier edges only towards higher indices (acyclic).
        if b < n && b >= lo && (tier_of(b) != t || b > a) {
            edges.push((a, b));
        }
    }
    (tiers, edges)
}

pub(super) fn run(tiers: &[u8], edges: &[(u32, u32)]) -> Layout {
    layered(&LayoutInput { tiers, edges })
}

pub(super) fn overlaps(p: Point, q: Point) -> bool {
    (p.x - q.x).abs() < NODE_WIDTH && (p.y - q.y).abs() < NODE_HEIGHT
}

pub(super) fn assert_no_overlap(positions: &[Point]) {
    for (i, &p) in positions.iter().enumerate() {
        for (j, &q) in positions.iter().enumerate().skip(i + 1) {
            assert!(!overlaps(p, q), "nodes {i} {p:?} and {j} {q:?} overlap");
        }
    }
}

/// Every node placed at a finite point, on its layer's y, inside the
/// drawing, with the leftmost box at MARGIN.
pub(super) fn assert_well_formed(layout: &Layout, n: usize) {
    assert_eq!(layout.positions.len(), n);
    assert_eq!(layout.layers.len(), n);
    for (p, &l) in layout.positions.iter().zip(&layout.layers) {
        assert!(p.x.is_finite() && p.y.is_finite());
        assert_eq!(p.y, layer_y(l));
        assert!(p.x - NODE_WIDTH / 2.0 >= MARGIN - 1e-9);
        assert!(p.x + NODE_WIDTH / 2.0 + MARGIN <= layout.width + 1e-9);
        assert!(p.y + NODE_HEIGHT / 2.0 + MARGIN <= layout.height + 1e-9);
    }
    if n > 0 {
        let (lo, hi) = bounds(&layout.positions);
        assert!((lo.x - MARGIN).abs() < 1e-9);
        assert!((lo.y - MARGIN).abs() < 1e-9);
        assert!((hi.x + MARGIN - layout.width).abs() < 1e-9);
        assert!((hi.y + MARGIN - layout.height).abs() < 1e-9);
    }
}

pub(super) fn assert_tiers_in_order(layout: &Layout, tiers: &[u8]) {
    for (a, &ta) in tiers.iter().enumerate() {
        for (b, &tb) in tiers.iter().enumerate() {
            if ta < tb {
                assert!(layout.positions[a].y < layout.positions[b].y, "{a} {b}");
            }
        }
    }
}

/// A binary tree: node i depends on 2i+1 and 2i+2; one tier per depth.
pub(super) fn tree15() -> (Vec<u8>, Vec<(u32, u32)>) {
    let tiers = (0..15u32).map(|i| (i + 1).ilog2() as u8).collect();
    // Children listed right child first, to not hand the layout the answer.
    let edges = (0..7)
        .flat_map(|i| [(i, 2 * i + 2), (i, 2 * i + 1)])
        .collect();
    (tiers, edges)
}

pub(super) fn pt(x: f64, y: f64) -> Point {
    Point { x, y }
}

/// A layout with the given node centres and nothing else.
pub(super) fn hand_made(points: &[(f64, f64)]) -> Layout {
    Layout {
        positions: points.iter().map(|&(x, y)| pt(x, y)).collect(),
        ..Layout::default()
    }
}

/// Up to `max` random node centres within `spread` of the origin, and up to
/// `3 * max` random edges between them (some naming missing nodes), for
/// the property tests of the map's queries.
pub(super) fn arbitrary_map(spread: f64, max: usize) -> impl proptest::strategy::Strategy<Value = (Vec<Point>, Vec<(u32, u32)>)> {
    let ends = max as u32 + 10;
    (
        proptest::collection::vec((-spread..spread, -spread..spread).prop_map(|(x, y)| pt(x, y)), 0..max),
        proptest::collection::vec((0..ends, 0..ends), 0..3 * max),
    )
}
