//! A spatial index over a laid-out map: which node boxes and which edges lie
//! in a rectangle (the part of the map a view shows, for drawing only what
//! is visible), and which node is under a point (hit-testing without the
//! browser walking thousands of elements).
//!
//! Nodes are indexed by their boxes; an edge by a box that holds its whole
//! drawn curve, so a query returns every edge that can be seen in the area
//! (and, for long diagonal edges, a few that pass just outside it).
//!
//! The boxes are kept as flat columns of coordinates and every query tests
//! them all. Measured (`cargo bench --bench layout`, see
//! `benches/browser/RENDERING.md`), that is the better trade at map sizes:
//! at 100,000 nodes and 450,000 edges a viewport query takes 0.8 to 1.2 ms
//! natively at any zoom, a hit test 24 µs, and building 12 ms; an R*-tree
//! (rstar) answers a close-up view in 0.3 ms and a hit test in 0.1 µs, but
//! a far view in 12 ms (it collects and sorts tens of thousands of
//! results) and takes 100 to 260 ms to build after every layout; a uniform
//! grid is no better. The map queries only when a view leaves the area it
//! drew (and hit-tests once per pointer move), so a millisecond is never
//! felt, while a quarter of a second more per layout would be.
//!
//! Cost: building O(n + m); a rectangle query O(n + m) at about a
//! nanosecond a box, results in increasing order; a point query O(n).

use super::{Point, Rect};

/// How far an edge's curve can leave the boxes of its two ends: it bends
/// out at least 24 map units vertically from the box it leaves (see
/// `render::edge_path`), which passes the far box only when hand-placed
/// boxes nearly touch.
pub const EDGE_BEND: f64 = 24.0;

/// Boxes as columns (so a scan reads memory in order), each with the index
/// it stands for.
#[derive(Clone, Debug, Default, PartialEq)]
struct Boxes {
    index: Vec<u32>,
    min_x: Vec<f64>,
    min_y: Vec<f64>,
    max_x: Vec<f64>,
    max_y: Vec<f64>,
}

impl Boxes {
    fn new(boxes: impl Iterator<Item = (usize, Rect)>) -> Boxes {
        let mut columns = Boxes::default();
        for (i, rect) in boxes {
            columns.index.push(i as u32);
            columns.min_x.push(rect.min.x);
            columns.min_y.push(rect.min.y);
            columns.max_x.push(rect.max.x);
            columns.max_y.push(rect.max.y);
        }
        columns
    }

    /// Whether box `k` (a position in the columns) shares a point with `area`.
    fn meets(&self, k: usize, area: &Rect) -> bool {
        self.min_x[k] <= area.max.x && area.min.x <= self.max_x[k] && self.min_y[k] <= area.max.y && area.min.y <= self.max_y[k]
    }

    /// Indices of the boxes that share a point with `area`, in increasing
    /// order (the columns are in the order the boxes were given).
    fn meeting(&self, area: Rect) -> Vec<u32> {
        (0..self.index.len()).filter(|&k| self.meets(k, &area)).map(|k| self.index[k]).collect()
    }
}

/// The boxes of a map's nodes and edges, indexed.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SpatialIndex {
    nodes: Boxes,
    edges: Boxes,
}

impl SpatialIndex {
    /// Indexes `node_boxes[i]` as node `i` and `edge_boxes[j]` as edge `j`.
    #[must_use]
    pub fn new(node_boxes: &[Rect], edge_boxes: &[Rect]) -> SpatialIndex {
        SpatialIndex {
            nodes: Boxes::new(node_boxes.iter().copied().enumerate()),
            edges: Boxes::new(edge_boxes.iter().copied().enumerate()),
        }
    }

    /// The index of a laid-out map: node `i` is the box centred on
    /// `positions[i]`, edge `j` joins the centres of `edges[j]` (dependent,
    /// dependency) and is indexed by [`edge_box`]. Edges naming a node
    /// without a position are left out: they are never found.
    #[must_use]
    pub fn of_layout(positions: &[Point], edges: &[(u32, u32)]) -> SpatialIndex {
        let edge_boxes = edges.iter().enumerate().filter_map(|(j, &(a, b))| {
            let (from, to) = (positions.get(a as usize)?, positions.get(b as usize)?);
            Some((j, edge_box(*from, *to)))
        });
        SpatialIndex {
            nodes: Boxes::new(positions.iter().map(|&p| Rect::node_box(p)).enumerate()),
            edges: Boxes::new(edge_boxes),
        }
    }

    /// The nodes whose boxes share a point with `area`, in increasing order.
    #[must_use]
    pub fn nodes_in(&self, area: Rect) -> Vec<u32> {
        self.nodes.meeting(area)
    }

    /// The edges whose boxes share a point with `area`, in increasing order:
    /// every edge whose curve passes through `area`, and possibly some that
    /// only pass near it.
    #[must_use]
    pub fn edges_in(&self, area: Rect) -> Vec<u32> {
        self.edges.meeting(area)
    }

    /// The node whose box holds `point`; where boxes overlap (hand-placed
    /// nodes), the one with the highest index, which is drawn on top.
    #[must_use]
    pub fn node_at(&self, point: Point) -> Option<u32> {
        let at = Rect { min: point, max: point };
        (0..self.nodes.index.len()).rev().find(|&k| self.nodes.meets(k, &at)).map(|k| self.nodes.index[k])
    }
}

/// A box that holds the whole drawn curve of an edge between the nodes
/// centred on `from` and `to`: both node boxes, grown vertically by
/// [`EDGE_BEND`] for the curve's bend.
#[must_use]
pub fn edge_box(from: Point, to: Point) -> Rect {
    let both = Rect::node_box(from).union(Rect::node_box(to));
    Rect {
        min: Point { x: both.min.x, y: both.min.y - EDGE_BEND },
        max: Point { x: both.max.x, y: both.max.y + EDGE_BEND },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::test_graphs::{arbitrary_map, pt, realistic_graph};
    use crate::layout::{layered, LayoutInput, NODE_HEIGHT, NODE_WIDTH};
    use proptest::prelude::*;

    fn rect(x0: f64, y0: f64, x1: f64, y1: f64) -> Rect {
        Rect::new(pt(x0, y0), pt(x1, y1))
    }

    #[test]
    fn finds_boxes_in_an_area_and_under_a_point() {
        // Three nodes in a row, 200 apart; an edge from the first to the third.
        let positions = [pt(100.0, 100.0), pt(300.0, 100.0), pt(500.0, 100.0)];
        let index = SpatialIndex::of_layout(&positions, &[(0, 2), (0, 9)]);
        // A viewport over the middle node only (its box is x 224..376).
        assert_eq!(index.nodes_in(rect(230.0, 90.0, 260.0, 110.0)), vec![1]);
        // Touching a box's edge counts.
        assert_eq!(index.nodes_in(rect(376.0, 0.0, 400.0, 10.0 + 100.0)), vec![1]);
        assert_eq!(index.nodes_in(rect(377.0, 0.0, 420.0, 200.0)), Vec::<u32>::new());
        // The long edge passes over the middle; the one naming node 9 is nowhere.
        assert_eq!(index.edges_in(rect(230.0, 90.0, 260.0, 110.0)), vec![0]);
        assert_eq!(index.edges_in(rect(-1e9, -1e9, 1e9, 1e9)), vec![0]);
        assert_eq!(index.node_at(pt(300.0 + NODE_WIDTH / 2.0, 100.0)), Some(1));
        assert_eq!(index.node_at(pt(400.0, 100.0)), None);
    }

    #[test]
    fn overlapping_boxes_hit_the_one_drawn_on_top() {
        let index = SpatialIndex::of_layout(&[pt(0.0, 0.0), pt(10.0, 0.0), pt(500.0, 0.0)], &[]);
        assert_eq!(index.node_at(pt(5.0, 0.0)), Some(1));
        assert_eq!(index.node_at(pt(-70.0, 0.0)), Some(0));
    }

    #[test]
    fn an_edge_box_holds_the_curve_and_both_ends() {
        let (from, to) = (pt(0.0, 0.0), pt(400.0, 300.0));
        let b = edge_box(from, to);
        assert!(b.contains(Rect::node_box(from).min) && b.contains(Rect::node_box(to).max));
        assert_eq!(b.min.y, -NODE_HEIGHT / 2.0 - EDGE_BEND);
    }

    /// Brute force: every box tested against the area.
    fn oracle(boxes: &[Rect], area: Rect) -> Vec<u32> {
        (0..boxes.len() as u32).filter(|&i| boxes[i as usize].intersects(&area)).collect()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        #[test]
        fn queries_match_a_scan_of_every_box(
            (positions, edges) in arbitrary_map(2000.0, 120),
            corner in (-2500.0..2500.0f64, -2500.0..2500.0f64),
            size in (0.0..1500.0f64, 0.0..1500.0f64),
            probe in (-2000.0..2000.0f64, -2000.0..2000.0f64),
        ) {
            let index = SpatialIndex::of_layout(&positions, &edges);
            let area = rect(corner.0, corner.1, corner.0 + size.0, corner.1 + size.1);
            let node_boxes: Vec<Rect> = positions.iter().map(|&p| Rect::node_box(p)).collect();
            prop_assert_eq!(index.nodes_in(area), oracle(&node_boxes, area));
            let n = positions.len() as u32;
            let expected: Vec<u32> = (0..edges.len() as u32)
                .filter(|&j| {
                    let (a, b) = edges[j as usize];
                    a < n && b < n && edge_box(positions[a as usize], positions[b as usize]).intersects(&area)
                })
                .collect();
            prop_assert_eq!(index.edges_in(area), expected);
            let p = pt(probe.0, probe.1);
            let on_top = (0..n).filter(|&i| node_boxes[i as usize].contains(p)).max();
            prop_assert_eq!(index.node_at(p), on_top);
        }
    }

    #[test]
    fn a_viewport_of_a_real_layout_finds_what_a_scan_finds() {
        let (tiers, edges) = realistic_graph(2000, 10_000, 4);
        let layout = layered(&LayoutInput { tiers: &tiers, edges: &edges });
        let index = SpatialIndex::of_layout(&layout.positions, &edges);
        let view = rect(1000.0, 500.0, 1000.0 + 1280.0 / 0.6, 500.0 + 800.0 / 0.6);
        let found = index.nodes_in(view);
        let expected: Vec<u32> = (0..layout.positions.len() as u32)
            .filter(|&i| Rect::node_box(layout.positions[i as usize]).intersects(&view))
            .collect();
        assert!(!found.is_empty());
        assert_eq!(found, expected);
    }
}
