//! Layered ("Sugiyama-style") layout of dependency graphs, drawn top to
//! bottom: user-facing features at the top, then services, data stores, data
//! centers and providers at the bottom.
//!
//! # Phases
//!
//! 1. **Layer assignment** (`rank.rs`): each tier that has nodes gets a band of
//!    consecutive layers, in tier order (empty tiers take no space). Inside a
//!    band a node sits below its same-tier dependents (longest path over the
//!    same-tier edges, after dropping DFS back edges so cycles cannot loop).
//! 2. **Crossing reduction** (`order.rs`): depth-first initial order from the
//!    top layer, then rounds of down/up/both barycentre sweeps, each followed
//!    by a pass of adjacent swaps, keeping the best order according to a
//!    cheap crossing estimate (`estimate.rs`) and stopping when it no longer
//!    improves. Long edges get no dummy nodes: a node's barycentre uses its
//!    neighbours at any layer distance. Because edges are drawn straight,
//!    the sweeps work on real x coordinates (each sorted layer is placed as
//!    close to its barycentres as spacing allows), not on slot indices.
//! 3. **Coordinates** (`coords.rs`): y from the layer; x starts from the
//!    crossing reduction's placement (layers packed and centred, then fitted
//!    to their barycentres) and a few passes pull every node towards the mean
//!    x of all its neighbours while keeping the order and the minimum spacing
//!    (solved exactly per layer by isotonic regression). Finally the drawing
//!    is shifted so the leftmost box starts at [`MARGIN`].
//!
//! Between phases 2 and 3, a drawing far wider than a screen has its wide
//! layers wrapped into staggered rows and is ordered again (`wrap.rs`).
//!
//! # Complexity
//!
//! With n nodes and m edges: layer assignment is O(n + m); a
//! crossing-reduction sweep is O(n log n + m log m) plus a transpose pass
//! bounded by O(m * 64) (hub pairs are skipped), and there are at most 36
//! sweeps, usually far fewer; the estimate samples at most
//! max(2m, 65,536) edge-gap pairs; coordinates are O(n + m) per pass with a
//! fixed number of passes. No step is quadratic in n and memory is O(n + m +
//! layers). Measured natively (release): about 60 ms for 1,000 nodes / 5,000
//! edges and about 100 ms for 5,000 nodes / 25,000 edges. [`crossings`] is
//! the exception: O(m²) in the worst case, for tests and benchmarks only.
//!
//! # Input tolerance
//!
//! Edges may form cycles, be self-loops, point "upwards" in tier order or be
//! duplicated; self-loops and edges naming a node `>= n` are ignored. Every
//! node is always placed, and the result is deterministic.

mod coords;
mod estimate;
mod order;
mod rank;
mod wrap;

use std::collections::BTreeMap;
use std::ops::Range;

/// Geometry shared by the app and the SVG renderer.
pub const NODE_WIDTH: f64 = 152.0;
pub const NODE_HEIGHT: f64 = 56.0;
/// Vertical gap between layers.
pub const LAYER_GAP: f64 = 52.0;
/// Horizontal gap between nodes.
pub const NODE_GAP: f64 = 20.0;
pub const MARGIN: f64 = 40.0;

#[derive(Clone, Copy, Debug, PartialEq, Default)]
pub struct Point {
    pub x: f64,
    pub y: f64,
}

/// Input: n nodes 0..n, each with a tier (0 = feature … 4 = provider; any u8,
/// smaller is higher on the page), and edges (dependent, dependency) meaning
/// "dependent depends on dependency". Edges may form cycles, may include
/// self-loops and may go "upward" in tier; the layout still terminates and
/// places every node.
pub struct LayoutInput<'a> {
    pub tiers: &'a [u8],
    pub edges: &'a [(u32, u32)],
}

#[derive(Clone, Debug, PartialEq, Default)]
pub struct Layout {
    /// Centre of each node, in the same order as the input.
    pub positions: Vec<Point>,
    /// Layer index of each node (0 = top); all 0 when every node was
    /// hand-placed (no layering was needed).
    pub layers: Vec<u32>,
    /// Size of the drawing including MARGIN on every side.
    pub width: f64,
    pub height: f64,
}

/// Lays out the whole graph; see the module documentation for the phases.
#[must_use]
pub fn layered(input: &LayoutInput) -> Layout {
    let n = input.tiers.len();
    let edges = valid_edges(n, input.edges);
    let layers = rank::assign_layers(input.tiers, &edges);
    let num_layers = layers.iter().max().map_or(0, |&l| l as usize + 1);
    let graph = LayerGraph::new(n, &layers, &edges);
    let (order, xs) = order::reduce_crossings(&graph, &layers, num_layers);
    // A drawing much wider than a screen gets its wide layers split into rows,
    // then ordered again with the rows as layers.
    let (layers, graph, order, xs) = match wrap::wrap_wide_layers(&layers, &order) {
        Some(wrapped) => {
            let num_layers = wrapped.iter().max().map_or(0, |&l| l as usize + 1);
            let graph = LayerGraph::new(n, &wrapped, &edges);
            let (order, xs) = order::reduce_crossings(&graph, &wrapped, num_layers);
            (wrapped, graph, order, xs)
        }
        None => (layers, graph, order, xs),
    };
    let xs = coords::balance(&graph, &order, xs);

    let min_x = xs.iter().copied().fold(f64::INFINITY, f64::min);
    let shift = MARGIN + NODE_WIDTH / 2.0 - min_x;
    let positions: Vec<Point> = xs
        .iter()
        .zip(&layers)
        .map(|(&x, &l)| Point {
            x: x + shift,
            y: layer_y(l),
        })
        .collect();
    let (width, height) = extent(&positions);
    Layout {
        positions,
        layers,
        width,
        height,
    }
}

/// Keep the positions of nodes that already have one (hand-placed, `Some`),
/// and place the others: run [`layered`] for all, then give each unplaced
/// node its layered position, moved right until its box overlaps no box
/// placed so far (fixed nodes and earlier unplaced ones), leaving
/// [`NODE_GAP`] to the box it had to clear. Unplaced nodes are handled top to
/// bottom, left to right, so the layered order survives the shifting.
///
/// `fixed` is indexed like the nodes; missing entries and non-finite points
/// count as unplaced. `layers` are the layered ones, also for fixed nodes.
/// `width`/`height` reach from the origin to the far edges of all boxes plus
/// [`MARGIN`] (as for [`layered`]); use [`bounds`] when hand-placed nodes may
/// sit at negative coordinates.
#[must_use]
pub fn place_missing(input: &LayoutInput, fixed: &[Option<Point>]) -> Layout {
    let n = input.tiers.len();
    let fixed_at = |v: usize| {
        fixed
            .get(v)
            .copied()
            .flatten()
            .filter(|p| p.x.is_finite() && p.y.is_finite())
    };
    // Everything hand-placed (the usual case while editing): no layered pass,
    // so a drag step costs O(n) rather than a full layout.
    if let Some(positions) = (0..n).map(fixed_at).collect::<Option<Vec<Point>>>() {
        let (width, height) = extent(&positions);
        return Layout { positions, layers: vec![0; n], width, height };
    }
    let mut layout = layered(input);

    let mut occupied = Occupancy::default();
    let mut missing = Vec::new();
    for v in 0..n {
        match fixed_at(v) {
            Some(p) => {
                layout.positions[v] = p;
                occupied.insert(p);
            }
            None => missing.push(v),
        }
    }
    missing.sort_by(|&a, &b| {
        let (pa, pb) = (layout.positions[a], layout.positions[b]);
        pa.y.total_cmp(&pb.y).then(pa.x.total_cmp(&pb.x))
    });
    for v in missing {
        let p = occupied.free_spot(layout.positions[v]);
        layout.positions[v] = p;
        occupied.insert(p);
    }

    let (width, height) = extent(&layout.positions);
    layout.width = width;
    layout.height = height;
    layout
}

/// Number of pairs of edges whose straight segments between node centres
/// properly cross. Pairs sharing an endpoint, self-loops, edges naming
/// nodes without a position, and segments that merely touch or overlap
/// collinearly are not counted. Edges between all layers count, not just
/// adjacent ones.
///
/// O(m²) in the worst case (segments are swept by x extent first, which
/// skips most pairs in practice); meant for tests and benchmarks.
#[must_use]
pub fn crossings(layout: &Layout, edges: &[(u32, u32)]) -> usize {
    struct Seg {
        ends: (u32, u32),
        p: Point,
        q: Point,
        min_x: f64,
        max_x: f64,
        min_y: f64,
        max_y: f64,
    }
    let pos = &layout.positions;
    let mut segs: Vec<Seg> = edges
        .iter()
        .filter(|&&(a, b)| a != b)
        .filter_map(|&(a, b)| {
            let p = *pos.get(a as usize)?;
            let q = *pos.get(b as usize)?;
            Some(Seg {
                ends: (a, b),
                p,
                q,
                min_x: p.x.min(q.x),
                max_x: p.x.max(q.x),
                min_y: p.y.min(q.y),
                max_y: p.y.max(q.y),
            })
        })
        .collect();
    segs.sort_by(|s, t| s.min_x.total_cmp(&t.min_x));

    let mut count = 0;
    for (i, s) in segs.iter().enumerate() {
        for t in &segs[i + 1..] {
            if t.min_x > s.max_x {
                break;
            }
            let shares_end = s.ends.0 == t.ends.0
                || s.ends.0 == t.ends.1
                || s.ends.1 == t.ends.0
                || s.ends.1 == t.ends.1;
            if shares_end || t.min_y > s.max_y || s.min_y > t.max_y {
                continue;
            }
            if properly_cross(s.p, s.q, t.p, t.q) {
                count += 1;
            }
        }
    }
    count
}

/// Bounding box (min, max corners) of the node boxes, for "fit to screen".
/// Both corners are the origin when there are no nodes.
#[must_use]
pub fn bounds(positions: &[Point]) -> (Point, Point) {
    if positions.is_empty() {
        return (Point::default(), Point::default());
    }
    let (mut lo, mut hi) = (
        Point {
            x: f64::INFINITY,
            y: f64::INFINITY,
        },
        Point {
            x: f64::NEG_INFINITY,
            y: f64::NEG_INFINITY,
        },
    );
    for p in positions {
        lo.x = lo.x.min(p.x);
        lo.y = lo.y.min(p.y);
        hi.x = hi.x.max(p.x);
        hi.y = hi.y.max(p.y);
    }
    (
        Point {
            x: lo.x - NODE_WIDTH / 2.0,
            y: lo.y - NODE_HEIGHT / 2.0,
        },
        Point {
            x: hi.x + NODE_WIDTH / 2.0,
            y: hi.y + NODE_HEIGHT / 2.0,
        },
    )
}

/// y of the centres of the nodes in layer `l`.
fn layer_y(l: u32) -> f64 {
    f64::from(l) * (NODE_HEIGHT + LAYER_GAP) + MARGIN + NODE_HEIGHT / 2.0
}

/// Drawing size measured from the origin: far box edges plus MARGIN, and at
/// least 2 * MARGIN (the size of an empty drawing).
fn extent(positions: &[Point]) -> (f64, f64) {
    positions
        .iter()
        .fold((2.0 * MARGIN, 2.0 * MARGIN), |(w, h), p| {
            (
                w.max(p.x + NODE_WIDTH / 2.0 + MARGIN),
                h.max(p.y + NODE_HEIGHT / 2.0 + MARGIN),
            )
        })
}

/// Edges between two distinct existing nodes, sorted and deduplicated.
fn valid_edges(n: usize, edges: &[(u32, u32)]) -> Vec<(u32, u32)> {
    let mut valid: Vec<(u32, u32)> = edges
        .iter()
        .copied()
        .filter(|&(a, b)| a != b && (a as usize) < n && (b as usize) < n)
        .collect();
    valid.sort_unstable();
    valid.dedup();
    valid
}

/// Twice the signed area of the triangle (a, b, c): > 0 when c lies to the
/// left of a→b.
fn orientation(a: Point, b: Point, c: Point) -> f64 {
    (b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x)
}

/// True when segments p1-p2 and q1-q2 cross at a single interior point of both.
fn properly_cross(p1: Point, p2: Point, q1: Point, q2: Point) -> bool {
    let side = |x: f64| {
        if x > 0.0 {
            1
        } else if x < 0.0 {
            -1
        } else {
            0
        }
    };
    let d1 = side(orientation(q1, q2, p1));
    let d2 = side(orientation(q1, q2, p2));
    let d3 = side(orientation(p1, p2, q1));
    let d4 = side(orientation(p1, p2, q2));
    d1 * d2 < 0 && d3 * d4 < 0
}

/// Compressed adjacency lists: the neighbours of node `v` are
/// `adj[start[v]..start[v + 1]]`, in the order the pairs were given.
struct Csr {
    start: Vec<usize>,
    adj: Vec<u32>,
}

impl Csr {
    /// `pairs` are (from, to) with both `< n`.
    fn build(n: usize, pairs: impl IntoIterator<Item = (u32, u32)>) -> Csr {
        let pairs: Vec<(u32, u32)> = pairs.into_iter().collect();
        let mut start = vec![0usize; n + 1];
        for &(a, _) in &pairs {
            start[a as usize + 1] += 1;
        }
        for v in 1..=n {
            start[v] += start[v - 1];
        }
        let mut cursor = start.clone();
        let mut adj = vec![0u32; pairs.len()];
        for (a, b) in pairs {
            adj[cursor[a as usize]] = b;
            cursor[a as usize] += 1;
        }
        Csr { start, adj }
    }

    fn node_count(&self) -> usize {
        self.start.len() - 1
    }

    fn range(&self, v: usize) -> Range<usize> {
        self.start[v]..self.start[v + 1]
    }

    fn neighbours(&self, v: usize) -> &[u32] {
        &self.adj[self.range(v)]
    }
}

/// The graph as the ordering and coordinate phases see it: undirected
/// segments from an upper to a lower layer, whatever the edge direction.
struct LayerGraph {
    /// (upper node, lower node), sorted, without duplicates.
    segments: Vec<(u32, u32)>,
    /// Neighbours in layers above each node.
    up: Csr,
    /// Neighbours in layers below each node.
    down: Csr,
}

impl LayerGraph {
    fn new(n: usize, layers: &[u32], edges: &[(u32, u32)]) -> LayerGraph {
        let mut segments: Vec<(u32, u32)> = edges
            .iter()
            .filter_map(|&(a, b)| {
                let (la, lb) = (layers[a as usize], layers[b as usize]);
                // Only self-loops could share a layer, and those are gone.
                match la.cmp(&lb) {
                    std::cmp::Ordering::Less => Some((a, b)),
                    std::cmp::Ordering::Greater => Some((b, a)),
                    std::cmp::Ordering::Equal => None,
                }
            })
            .collect();
        segments.sort_unstable();
        segments.dedup();
        let down = Csr::build(n, segments.iter().copied());
        let up = Csr::build(n, segments.iter().map(|&(a, b)| (b, a)));
        LayerGraph { segments, up, down }
    }
}

/// Boxes placed so far, bucketed by rows of `NODE_HEIGHT` so a query only
/// looks at boxes that can overlap vertically.
#[derive(Default)]
struct Occupancy {
    rows: BTreeMap<i64, Vec<Point>>,
}

impl Occupancy {
    fn row(y: f64) -> i64 {
        // Saturating float-to-int conversion; absurd coordinates share a row.
        (y / NODE_HEIGHT).floor() as i64
    }

    fn insert(&mut self, p: Point) {
        self.rows.entry(Self::row(p.y)).or_default().push(p);
    }

    /// The first position at or right of `p` whose box overlaps no stored box.
    fn free_spot(&self, mut p: Point) -> Point {
        // Boxes overlap when |dy| < NODE_HEIGHT, so only the adjacent rows matter.
        let row = Self::row(p.y);
        let mut xs: Vec<f64> = (row.saturating_sub(1)..=row.saturating_add(1))
            .filter_map(|r| self.rows.get(&r))
            .flatten()
            .filter(|q| (q.y - p.y).abs() < NODE_HEIGHT)
            .map(|q| q.x)
            .collect();
        xs.sort_by(f64::total_cmp);
        // Sorted by x and p only moves right, so one pass suffices.
        for x in xs {
            if x >= p.x + NODE_WIDTH {
                break;
            }
            if x > p.x - NODE_WIDTH {
                p.x = x + NODE_WIDTH + NODE_GAP;
            }
        }
        p
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Deterministic pseudo-random numbers (64-bit LCG, Knuth's constants).
    struct Lcg(u64);

    impl Lcg {
        fn below(&mut self, n: u32) -> u32 {
            self.0 = self
                .0
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            ((self.0 >> 33) % u64::from(n)) as u32
        }
    }

    /// Anything goes: random tiers 0..5, random edges including upward
    /// ones, cycles, self-loops and duplicates.
    fn chaotic_graph(n: u32, m: usize, seed: u64) -> (Vec<u8>, Vec<(u32, u32)>) {
        let mut rng = Lcg(seed);
        let tiers = (0..n).map(|_| rng.below(5) as u8).collect();
        let edges = (0..m).map(|_| (rng.below(n), rng.below(n))).collect();
        (tiers, edges)
    }

    /// Shaped like real data: tiers of decreasing size, edges mostly to the
    /// next tiers down, some same-tier edges (acyclic: lower index depends
    /// on higher index), a few long ones straight to the providers.
    fn realistic_graph(n: u32, m: usize, seed: u64) -> (Vec<u8>, Vec<(u32, u32)>) {
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

    fn run(tiers: &[u8], edges: &[(u32, u32)]) -> Layout {
        layered(&LayoutInput { tiers, edges })
    }

    fn overlaps(p: Point, q: Point) -> bool {
        (p.x - q.x).abs() < NODE_WIDTH && (p.y - q.y).abs() < NODE_HEIGHT
    }

    fn assert_no_overlap(positions: &[Point]) {
        for (i, &p) in positions.iter().enumerate() {
            for (j, &q) in positions.iter().enumerate().skip(i + 1) {
                assert!(!overlaps(p, q), "nodes {i} {p:?} and {j} {q:?} overlap");
            }
        }
    }

    /// Every node placed at a finite point, on its layer's y, inside the
    /// drawing, with the leftmost box at MARGIN.
    fn assert_well_formed(layout: &Layout, n: usize) {
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

    fn assert_tiers_in_order(layout: &Layout, tiers: &[u8]) {
        for (a, &ta) in tiers.iter().enumerate() {
            for (b, &tb) in tiers.iter().enumerate() {
                if ta < tb {
                    assert!(layout.positions[a].y < layout.positions[b].y, "{a} {b}");
                }
            }
        }
    }

    /// A binary tree: node i depends on 2i+1 and 2i+2; one tier per depth.
    fn tree15() -> (Vec<u8>, Vec<(u32, u32)>) {
        let tiers = (0..15u32).map(|i| (i + 1).ilog2() as u8).collect();
        // Children listed right child first, to not hand the layout the answer.
        let edges = (0..7)
            .flat_map(|i| [(i, 2 * i + 2), (i, 2 * i + 1)])
            .collect();
        (tiers, edges)
    }

    #[test]
    fn empty_input_gives_empty_layout() {
        let layout = run(&[], &[]);
        assert!(layout.positions.is_empty() && layout.layers.is_empty());
        assert_eq!((layout.width, layout.height), (2.0 * MARGIN, 2.0 * MARGIN));
        let placed = place_missing(
            &LayoutInput {
                tiers: &[],
                edges: &[],
            },
            &[],
        );
        assert_eq!(placed, layout);
        assert_eq!(bounds(&[]), (Point::default(), Point::default()));
    }

    #[test]
    fn single_node_sits_in_the_margin_corner() {
        let layout = run(&[3], &[]);
        assert_eq!(
            layout.positions,
            vec![Point {
                x: MARGIN + NODE_WIDTH / 2.0,
                y: MARGIN + NODE_HEIGHT / 2.0
            }]
        );
        assert_eq!(layout.width, NODE_WIDTH + 2.0 * MARGIN);
        assert_eq!(layout.height, NODE_HEIGHT + 2.0 * MARGIN);
    }

    #[test]
    fn no_overlap_and_well_formed_on_various_graphs() {
        let mut graphs = vec![
            tree15(),
            (vec![0, 0, 1, 1, 2, 2], vec![(0, 3), (1, 2), (3, 4), (2, 5)]),
            (vec![1; 40], vec![]),
            (vec![0, 4, 4, 4], vec![(0, 1), (0, 2), (0, 3)]),
            chaotic_graph(300, 900, 1),
            chaotic_graph(50, 400, 2),
            realistic_graph(300, 1500, 3),
        ];
        graphs.push(realistic_graph(2000, 10_000, 4));
        for (tiers, edges) in &graphs {
            let layout = run(tiers, edges);
            assert_well_formed(&layout, tiers.len());
            assert_no_overlap(&layout.positions);
        }
    }

    #[test]
    fn tiers_are_in_order_and_empty_tiers_take_no_space() {
        for (tiers, edges) in [chaotic_graph(300, 900, 5), realistic_graph(300, 1500, 6)] {
            assert_tiers_in_order(&run(&tiers, &edges), &tiers);
        }
        // Tiers 0 and 4 only, no same-tier edges: two adjacent layers.
        let layout = run(&[4, 0, 4], &[(1, 0), (1, 2)]);
        assert_eq!(layout.layers, vec![1, 0, 1]);
        // Upward edges do not change the tier order.
        let layout = run(&[2, 0, 1], &[(0, 1), (0, 2), (2, 1)]);
        assert_eq!(layout.layers, vec![2, 0, 1]);
    }

    #[test]
    fn dependent_sits_above_same_tier_dependency() {
        // A chain plus a shortcut inside tier 1: 1 -> 2 -> 3 and 1 -> 3.
        let layout = run(&[0, 1, 1, 1, 2], &[(0, 1), (1, 2), (2, 3), (1, 3), (3, 4)]);
        assert_eq!(layout.layers, vec![0, 1, 2, 3, 4]);
        // Random acyclic same-tier edges (realistic_graph keeps them acyclic).
        let (tiers, edges) = realistic_graph(300, 1500, 7);
        let layout = run(&tiers, &edges);
        let mut same_tier = 0;
        for &(a, b) in &edges {
            if tiers[a as usize] == tiers[b as usize] {
                same_tier += 1;
                assert!(layout.positions[a as usize].y < layout.positions[b as usize].y);
            }
        }
        assert!(same_tier > 0);
    }

    #[test]
    fn cycles_and_self_loops_terminate() {
        // Same-tier cycle, self-loops, duplicate and out-of-range edges, and a
        // cycle through two tiers.
        let tiers = [1, 1, 1, 0, 2];
        let edges = [
            (0, 1),
            (1, 2),
            (2, 0),
            (0, 0),
            (3, 3),
            (0, 1),
            (3, 0),
            (4, 3),
            (0, 9),
            (9, 9),
        ];
        let layout = run(&tiers, &edges);
        assert_well_formed(&layout, tiers.len());
        assert_no_overlap(&layout.positions);
        assert_tiers_in_order(&layout, &tiers);
        // The cycle 0 -> 1 -> 2 -> 0 is cut at its back edge: a chain.
        assert_eq!(&layout.layers[..3], &[1, 2, 3]);
        // Only self-loops.
        let layout = run(&[0, 0], &[(0, 0), (1, 1)]);
        assert_eq!(layout.layers, vec![0, 0]);
        assert_no_overlap(&layout.positions);
    }

    #[test]
    fn planar_graph_in_crossed_input_order_gets_no_crossings() {
        // Features 0, 1; services 2, 3; stores 4, 5. Feature 0 uses service
        // 3, feature 1 service 2, service 3 store 4, service 2 store 5.
        let tiers = [0, 0, 1, 1, 2, 2];
        let edges = [(0, 3), (1, 2), (3, 4), (2, 5)];
        assert_eq!(crossings(&run(&tiers, &edges), &edges), 0);
    }

    #[test]
    fn sweeps_fix_a_bad_initial_order() {
        // Depth-first order puts services as 3, 5, 4 (two crossings); the
        // drawing is two paths, so zero is possible.
        let tiers = [0, 0, 0, 1, 1, 1];
        let edges = [(0, 3), (0, 5), (1, 4), (2, 3)];
        assert_eq!(crossings(&run(&tiers, &edges), &edges), 0);
    }

    #[test]
    fn complete_bipartite_layers_get_the_minimum() {
        // Two layers of K(a, b) always cross C(a, 2) * C(b, 2) times.
        for (a, b, min) in [(2u32, 2u32, 1usize), (2, 3, 3), (3, 3, 9)] {
            let tiers: Vec<u8> = (0..a + b).map(|v| u8::from(v >= a)).collect();
            let edges: Vec<(u32, u32)> = (0..a)
                .flat_map(|f| (a..a + b).map(move |s| (f, s)))
                .collect();
            assert_eq!(crossings(&run(&tiers, &edges), &edges), min, "K({a},{b})");
        }
    }

    #[test]
    fn tree_gets_no_crossings() {
        let (tiers, edges) = tree15();
        let layout = run(&tiers, &edges);
        assert_eq!(crossings(&layout, &edges), 0);
        assert_no_overlap(&layout.positions);
        // The same tree inside one tier: sub-layers come from the edges.
        let layout = run(&[1; 15], &edges);
        assert_eq!(
            layout.layers,
            tree15().0.iter().map(|&t| u32::from(t)).collect::<Vec<_>>()
        );
        assert_eq!(crossings(&layout, &edges), 0);
    }

    #[test]
    fn parent_is_centred_over_its_children() {
        let layout = run(&[0, 1, 1, 1], &[(0, 1), (0, 2), (0, 3)]);
        let p = &layout.positions;
        assert!((p[0].x - (p[1].x + p[2].x + p[3].x) / 3.0).abs() < 1e-6);
        // Children packed at minimum spacing.
        let mut xs = [p[1].x, p[2].x, p[3].x];
        xs.sort_by(f64::total_cmp);
        assert!((xs[1] - xs[0] - NODE_WIDTH - NODE_GAP).abs() < 1e-6);
    }

    #[test]
    fn layout_is_deterministic() {
        let (tiers, edges) = chaotic_graph(300, 900, 8);
        assert_eq!(run(&tiers, &edges), run(&tiers, &edges));
    }

    #[test]
    fn sweeps_reduce_crossings_on_realistic_graph() {
        // Not a bound on quality, just that ordering does its job against a
        // naive left-to-right placement in node order.
        let (tiers, edges) = realistic_graph(150, 400, 9);
        let layout = run(&tiers, &edges);
        let mut naive = layout.clone();
        let num_layers = layout.layers.iter().max().map_or(0, |&l| l as usize + 1);
        let mut next_x = vec![0.0; num_layers];
        for (v, &l) in layout.layers.iter().enumerate() {
            naive.positions[v].x = next_x[l as usize];
            next_x[l as usize] += NODE_WIDTH + NODE_GAP;
        }
        assert!(crossings(&layout, &edges) < crossings(&naive, &edges));
    }

    #[test]
    fn estimate_is_exact_for_straight_edges_on_small_graphs() {
        // The estimate samples every gap of every edge when the graph is
        // small, so on generic coordinates (jittered: the layout's own grid
        // makes edges meet exactly on layer lines, which the estimate does
        // not count) it must agree with the geometric count.
        let mut rng = Lcg(99);
        for seed in 0..6 {
            let (tiers, edges) = realistic_graph(80, 200, seed);
            let mut layout = run(&tiers, &edges);
            for p in &mut layout.positions {
                p.x += f64::from(rng.below(10_000)) / 97.0;
            }
            let clean = valid_edges(tiers.len(), &edges);
            let num_layers = layout.layers.iter().max().map_or(0, |&l| l as usize + 1);
            let graph = LayerGraph::new(tiers.len(), &layout.layers, &clean);
            let x: Vec<f64> = layout.positions.iter().map(|p| p.x).collect();
            let mut estimator = estimate::Estimator::new(&graph, &layout.layers, num_layers);
            let expected = crossings(&layout, &clean);
            assert!(expected > 0);
            assert_eq!(estimator.count(&x), expected as u64, "seed {seed}");
        }
    }

    fn pt(x: f64, y: f64) -> Point {
        Point { x, y }
    }

    fn hand_made(points: &[(f64, f64)]) -> Layout {
        Layout {
            positions: points.iter().map(|&(x, y)| pt(x, y)).collect(),
            ..Layout::default()
        }
    }

    #[test]
    fn crossings_on_hand_made_coordinates() {
        // 0 1
        // 2 3
        let square = hand_made(&[(0.0, 0.0), (10.0, 0.0), (0.0, 10.0), (10.0, 10.0)]);
        assert_eq!(crossings(&square, &[(0, 3), (1, 2)]), 1, "X");
        assert_eq!(crossings(&square, &[(0, 2), (1, 3)]), 0, "parallel");
        assert_eq!(crossings(&square, &[(0, 3), (0, 2)]), 0, "shared endpoint");
        assert_eq!(
            crossings(&square, &[(0, 3), (3, 0), (1, 2)]),
            2,
            "duplicate"
        );
        assert_eq!(
            crossings(&square, &[(0, 0), (1, 2), (0, 7)]),
            0,
            "self-loop, unknown node"
        );
        // Edge spanning two layers crossing an edge between adjacent layers.
        let tall = hand_made(&[(0.0, 0.0), (20.0, 20.0), (20.0, 0.0), (0.0, 10.0)]);
        assert_eq!(crossings(&tall, &[(0, 1), (2, 3)]), 1);
        // Touching at an interior point (T shape) is not a proper crossing.
        let t = hand_made(&[(0.0, 0.0), (10.0, 0.0), (5.0, 0.0), (5.0, 10.0)]);
        assert_eq!(crossings(&t, &[(0, 1), (2, 3)]), 0);
        // Three mutually crossing lines.
        let star = hand_made(&[
            (0.0, 0.0),
            (10.0, 10.0),
            (10.0, 0.0),
            (0.0, 10.0),
            (5.0, -1.0),
            (5.0, 11.0),
        ]);
        assert_eq!(crossings(&star, &[(0, 1), (2, 3), (4, 5)]), 3);
    }

    #[test]
    fn bounds_cover_the_boxes() {
        let (lo, hi) = bounds(&[pt(100.0, 50.0), pt(-20.0, 300.0)]);
        assert_eq!(lo, pt(-20.0 - NODE_WIDTH / 2.0, 50.0 - NODE_HEIGHT / 2.0));
        assert_eq!(hi, pt(100.0 + NODE_WIDTH / 2.0, 300.0 + NODE_HEIGHT / 2.0));
    }

    #[test]
    fn place_missing_keeps_fixed_nodes_and_avoids_overlap() {
        let (tiers, edges) = realistic_graph(300, 1500, 10);
        let input = LayoutInput {
            tiers: &tiers,
            edges: &edges,
        };
        let auto = layered(&input);
        // Every third node hand-placed on a loose grid that overlaps where
        // the layered layout would put things.
        let fixed: Vec<Option<Point>> = (0..300u32)
            .map(|v| {
                (v % 3 == 0).then(|| {
                    let k = f64::from(v / 3);
                    pt(
                        MARGIN + (k % 10.0) * (NODE_WIDTH + 5.0) + 60.0,
                        MARGIN + (k / 10.0).floor() * (NODE_HEIGHT + 9.0) + 30.0,
                    )
                })
            })
            .collect();
        let placed = place_missing(&input, &fixed);
        assert_eq!(placed.positions.len(), 300);
        assert_eq!(placed.layers, auto.layers);
        for (v, f) in fixed.iter().enumerate() {
            match f {
                Some(p) => assert_eq!(placed.positions[v], *p),
                // Unplaced nodes keep their layer's row and only move right.
                None => {
                    assert_eq!(placed.positions[v].y, auto.positions[v].y);
                    assert!(placed.positions[v].x >= auto.positions[v].x);
                }
            }
        }
        assert_no_overlap(&placed.positions);
        let (_, hi) = bounds(&placed.positions);
        assert_eq!(
            (placed.width, placed.height),
            (hi.x + MARGIN, hi.y + MARGIN)
        );
    }

    #[test]
    fn place_missing_with_nothing_or_everything_fixed() {
        let (tiers, edges) = chaotic_graph(60, 150, 11);
        let input = LayoutInput {
            tiers: &tiers,
            edges: &edges,
        };
        let auto = layered(&input);
        // Nothing fixed (also with a short or NaN-holding `fixed`): the layered layout.
        assert_eq!(place_missing(&input, &[]), auto);
        let nan = vec![Some(pt(f64::NAN, 0.0)); 60];
        assert_eq!(place_missing(&input, &nan), auto);
        // Everything fixed, even overlapping: kept as given.
        let all: Vec<Option<Point>> = (0..60).map(|v| Some(pt(f64::from(v), 0.0))).collect();
        let placed = place_missing(&input, &all);
        assert!(placed
            .positions
            .iter()
            .zip(&all)
            .all(|(p, f)| Some(*p) == *f));
    }

    #[test]
    fn place_missing_moves_right_past_a_blocker() {
        let input = LayoutInput {
            tiers: &[0, 0],
            edges: &[],
        };
        let auto = layered(&input);
        // Put node 1 exactly where node 0 would go.
        let fixed = [None, Some(auto.positions[0])];
        let placed = place_missing(&input, &fixed);
        assert_eq!(placed.positions[1], auto.positions[0]);
        assert_eq!(
            placed.positions[0],
            pt(
                auto.positions[0].x + NODE_WIDTH + NODE_GAP,
                auto.positions[0].y
            )
        );
    }
}
