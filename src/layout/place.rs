//! Hand-placed nodes stay where they are; the others get the layered
//! position nearest to theirs that overlaps no box placed before them.
//! O(layered layout + n · boxes in the neighbouring rows).

use super::{extent, layered, Layout, LayoutInput, Point, NODE_GAP, NODE_HEIGHT, NODE_WIDTH};
use std::collections::BTreeMap;

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
    use crate::layout::test_graphs::{assert_no_overlap, chaotic_graph, pt, realistic_graph};
    use crate::layout::{bounds, MARGIN};

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
