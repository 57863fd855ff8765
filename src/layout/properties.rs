//! Property tests of the layered layout and of `place_missing` on random
//! graphs (any tiers, cycles, self-loops, duplicate and out-of-range edges),
//! each checked against the definitions by brute force. Every graph is laid
//! out twice: with the real work budget (small graphs get full effort) and
//! with none, which takes the path big graphs take (one round, wide layers
//! grouped by one quick set of sweeps before they are wrapped).

use super::{layered_within, order, place_missing, LayoutInput, Point, NODE_GAP, NODE_HEIGHT, NODE_WIDTH};
use proptest::prelude::*;

/// Tiers and raw edges. Tiers come from a range of random width, so a graph
/// sometimes has all its nodes in one tier (a layer wide enough to wrap).
fn arbitrary_graph() -> impl Strategy<Value = (Vec<u8>, Vec<(u32, u32)>)> {
    (0u32..=70, 1u8..=6).prop_flat_map(|(n, tier_range)| {
        let ends = n + 2; // a few edges name nodes that do not exist
        (
            proptest::collection::vec(0..tier_range, n as usize),
            proptest::collection::vec((0..ends, 0..ends), 0..=(3 * n as usize)),
        )
    })
}

const BUDGETS: [usize; 2] = [order::WORK_BUDGET, 0];

/// Whether the boxes of two node centres overlap (touching is allowed).
fn boxes_overlap(p: Point, q: Point) -> bool {
    (p.x - q.x).abs() < NODE_WIDTH && (p.y - q.y).abs() < NODE_HEIGHT
}

/// Whether the same-tier edges form no cycle (self-loops and edges naming
/// missing nodes aside): only then must every dependent sit above its
/// same-tier dependency. Brute force: repeatedly remove nodes without a
/// remaining same-tier dependency.
fn same_tier_acyclic(tiers: &[u8], edges: &[(u32, u32)]) -> bool {
    let n = tiers.len();
    let inner: Vec<(usize, usize)> = edges
        .iter()
        .map(|&(a, b)| (a as usize, b as usize))
        .filter(|&(a, b)| a != b && a < n && b < n && tiers[a] == tiers[b])
        .collect();
    let mut removed = vec![false; n];
    loop {
        let next = (0..n).find(|&v| !removed[v] && !inner.iter().any(|&(a, b)| a == v && !removed[b]));
        match next {
            Some(v) => removed[v] = true,
            None => return removed.iter().all(|&r| r),
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn every_node_is_placed_once_without_overlap((tiers, edges) in arbitrary_graph()) {
        let input = LayoutInput { tiers: &tiers, edges: &edges };
        for budget in BUDGETS {
            let layout = layered_within(&input, budget);
            prop_assert_eq!(layout.positions.len(), tiers.len());
            prop_assert_eq!(layout.layers.len(), tiers.len());
            for (i, &p) in layout.positions.iter().enumerate() {
                prop_assert!(p.x.is_finite() && p.y.is_finite(), "node {} at {:?}", i, p);
                prop_assert!(p.x + NODE_WIDTH / 2.0 <= layout.width && p.y + NODE_HEIGHT / 2.0 <= layout.height);
                for (j, &q) in layout.positions.iter().enumerate().skip(i + 1) {
                    prop_assert!(!boxes_overlap(p, q), "budget {}: nodes {} {:?} and {} {:?}", budget, i, p, j, q);
                }
            }
        }
    }

    #[test]
    fn tiers_and_same_tier_dependencies_go_downwards((tiers, edges) in arbitrary_graph()) {
        let input = LayoutInput { tiers: &tiers, edges: &edges };
        let acyclic = same_tier_acyclic(&tiers, &edges);
        for budget in BUDGETS {
            let y: Vec<f64> = layered_within(&input, budget).positions.iter().map(|p| p.y).collect();
            for a in 0..tiers.len() {
                for b in 0..tiers.len() {
                    if tiers[a] < tiers[b] {
                        prop_assert!(y[a] < y[b], "budget {}: tier {} node {} not above tier {} node {}", budget, tiers[a], a, tiers[b], b);
                    }
                }
            }
            if acyclic {
                for &(a, b) in &edges {
                    let (a, b) = (a as usize, b as usize);
                    if a != b && a < tiers.len() && b < tiers.len() && tiers[a] == tiers[b] {
                        prop_assert!(y[a] < y[b], "budget {}: dependent {} not above {}", budget, a, b);
                    }
                }
            }
        }
    }

    #[test]
    fn the_layout_is_deterministic((tiers, edges) in arbitrary_graph()) {
        let input = LayoutInput { tiers: &tiers, edges: &edges };
        for budget in BUDGETS {
            prop_assert_eq!(layered_within(&input, budget), layered_within(&input, budget));
        }
    }

    /// Hand-placed nodes on distinct cells of a grid (so they never overlap
    /// each other) stay exactly where they are; the others are placed
    /// without overlapping anything.
    #[test]
    fn place_missing_keeps_hand_placed_nodes(
        (tiers, edges) in arbitrary_graph(),
        cells in proptest::collection::vec(proptest::option::of((0i32..12, 0i32..12)), 70),
    ) {
        let mut used = std::collections::BTreeSet::new();
        let fixed: Vec<Option<Point>> = cells
            .iter()
            .take(tiers.len())
            .map(|cell| {
                let (cx, cy) = (*cell)?;
                used.insert((cx, cy)).then(|| Point {
                    x: f64::from(cx) * (NODE_WIDTH + NODE_GAP) + 100.0,
                    y: f64::from(cy) * (NODE_HEIGHT + 30.0) + 60.0,
                })
            })
            .collect();
        let input = LayoutInput { tiers: &tiers, edges: &edges };
        let placed = place_missing(&input, &fixed);
        prop_assert_eq!(placed.positions.len(), tiers.len());
        for (i, &p) in placed.positions.iter().enumerate() {
            if let Some(f) = fixed[i] {
                prop_assert_eq!(p, f);
            }
            prop_assert!(p.x.is_finite() && p.y.is_finite());
            for (j, &q) in placed.positions.iter().enumerate().skip(i + 1) {
                prop_assert!(!boxes_overlap(p, q), "nodes {} {:?} and {} {:?}", i, p, j, q);
            }
        }
        prop_assert_eq!(place_missing(&input, &fixed), placed);
    }
}
