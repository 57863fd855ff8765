//! The map at a distance: what to draw when single nodes are too small to
//! read, and what the overview (minimap) shows.
//!
//! * [`Detail`]: which level of detail a zoom calls for.
//! * [`tier_bands`]: one band per tier (features, services, …) with its
//!   extent and how many of its nodes there are and are marked (down, say).
//! * [`aggregate`]: the map cut into square cells; each cell counts its
//!   nodes, and the edges between two cells become one bundle with a count.
//!   Drawn as cells and bundles, 450,000 edges become a few thousand lines.
//! * [`minimap`]: the bands and the visible area scaled into an overview
//!   box, and the way back from a point of the overview to the map.
//!
//! All are pure functions of the layout. Cost: `tier_bands` O(n);
//! `aggregate` O(n + m) expected (hashing), plus sorting the c cells and b
//! bundles, O(c log c + b log b); `minimap` O(bands).

use super::{Point, Rect, ScreenPoint, NODE_HEIGHT, NODE_WIDTH};
use hashbrown::HashMap;

/// What the map draws at a zoom.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Detail {
    /// Tier bands, cells and bundles: nodes are a few pixels wide.
    Overview,
    /// Every node as its coloured shape and every edge, without text: a
    /// node is big enough to see and click, its label too small to read.
    Shapes,
    /// Everything, labels included.
    Full,
}

impl Detail {
    /// Below this zoom labels cannot be read even at the map's largest
    /// label magnification (13 px labels magnified 2.6× stay under 10 px).
    pub const LABELS_FROM: f64 = 0.3;
    /// Below this zoom a node box is under 12 × 4.5 px: too small to pick
    /// out, and a 1280 × 800 view holds about 8,500 of them.
    pub const SHAPES_FROM: f64 = 0.08;

    #[must_use]
    pub fn at(scale: f64) -> Detail {
        if scale >= Self::LABELS_FROM {
            Detail::Full
        } else if scale >= Self::SHAPES_FROM {
            Detail::Shapes
        } else {
            Detail::Overview
        }
    }
}

/// The nodes of one tier: where they are and how many.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TierBand {
    pub tier: u8,
    /// The smallest rectangle holding the boxes of the tier's nodes.
    pub area: Rect,
    pub nodes: u32,
    /// How many of them are marked (the caller says what that means).
    pub marked: u32,
}

/// One band per tier that has nodes, in tier order. `marked` is indexed like
/// the nodes; a missing entry counts as unmarked.
#[must_use]
pub fn tier_bands(tiers: &[u8], positions: &[Point], marked: &[bool]) -> Vec<TierBand> {
    let mut bands: Vec<Option<TierBand>> = vec![None; 256];
    for (v, (&tier, &p)) in tiers.iter().zip(positions).enumerate() {
        let node = Rect::node_box(p);
        let is_marked = u32::from(marked.get(v).copied().unwrap_or(false));
        let band = bands[usize::from(tier)].get_or_insert(TierBand { tier, area: node, nodes: 0, marked: 0 });
        band.area = band.area.union(node);
        band.nodes += 1;
        band.marked += is_marked;
    }
    bands.into_iter().flatten().collect()
}

/// A square of the map with nodes in it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Cell {
    /// Column and row: the cell covers [col, col + 1) × [row, row + 1)
    /// times the cell size.
    pub col: i64,
    pub row: i64,
    /// Nodes whose centre lies in the cell, and how many of them are marked.
    pub nodes: u32,
    pub marked: u32,
    /// The mean centre of those nodes: where a bundle should start or end.
    pub centre: Point,
}

/// The edges from the nodes of one cell to the nodes of another.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Bundle {
    /// Indices into [`Aggregate::cells`]: the dependents' cell and the
    /// dependencies' cell.
    pub from: u32,
    pub to: u32,
    pub edges: u32,
    /// Edges whose dependency is marked (a broken link when marked = down).
    pub marked: u32,
}

/// The map cut into cells of one size.
#[derive(Clone, Debug, PartialEq)]
pub struct Aggregate {
    pub cell_size: f64,
    /// Cells with at least one node, by row, then column.
    pub cells: Vec<Cell>,
    /// Bundles between distinct cells, by `from`, then `to`. Edges inside a
    /// cell, self-loops and edges naming a missing node are left out.
    pub bundles: Vec<Bundle>,
}

/// Cuts the map into square cells of `cell_size` map units (at least one
/// node box wide) and counts nodes per cell and edges (dependent,
/// dependency) per pair of cells. `marked` is indexed like the nodes.
#[must_use]
pub fn aggregate(positions: &[Point], edges: &[(u32, u32)], marked: &[bool], cell_size: f64) -> Aggregate {
    let size = if cell_size.is_finite() { cell_size.max(NODE_WIDTH.max(NODE_HEIGHT)) } else { NODE_WIDTH };
    let key = |p: Point| ((p.x / size).floor() as i64, (p.y / size).floor() as i64);
    let is_marked = |v: usize| marked.get(v).copied().unwrap_or(false);

    // Cells in order of first appearance, then renumbered by (row, col).
    let mut slot: HashMap<(i64, i64), u32> = HashMap::new();
    let mut sums: Vec<(i64, i64, u32, u32, f64, f64)> = Vec::new();
    let mut cell_of = Vec::with_capacity(positions.len());
    for (v, &p) in positions.iter().enumerate() {
        let (col, row) = key(p);
        let next = sums.len() as u32;
        let c = *slot.entry((col, row)).or_insert(next);
        if c == next {
            sums.push((col, row, 0, 0, 0.0, 0.0));
        }
        let s = &mut sums[c as usize];
        s.2 += 1;
        s.3 += u32::from(is_marked(v));
        s.4 += p.x;
        s.5 += p.y;
        cell_of.push(c);
    }
    let mut order: Vec<u32> = (0..sums.len() as u32).collect();
    order.sort_unstable_by_key(|&c| (sums[c as usize].1, sums[c as usize].0));
    let mut rank = vec![0u32; sums.len()];
    for (r, &c) in order.iter().enumerate() {
        rank[c as usize] = r as u32;
    }
    let cells = order
        .iter()
        .map(|&c| {
            let (col, row, nodes, marked, sx, sy) = sums[c as usize];
            let count = f64::from(nodes);
            Cell { col, row, nodes, marked, centre: Point { x: sx / count, y: sy / count } }
        })
        .collect();

    let mut counts: HashMap<(u32, u32), (u32, u32)> = HashMap::new();
    for &(a, b) in edges {
        let (Some(&ca), Some(&cb)) = (cell_of.get(a as usize), cell_of.get(b as usize)) else {
            continue;
        };
        let (from, to) = (rank[ca as usize], rank[cb as usize]);
        if from == to {
            continue;
        }
        let count = counts.entry((from, to)).or_insert((0, 0));
        count.0 += 1;
        count.1 += u32::from(is_marked(b as usize));
    }
    let mut bundles: Vec<Bundle> =
        counts.into_iter().map(|((from, to), (edges, marked))| Bundle { from, to, edges, marked }).collect();
    bundles.sort_unstable_by_key(|b| (b.from, b.to));
    Aggregate { cell_size: size, cells, bundles }
}

/// The overview: the drawing's tier bands and the visible area, scaled into
/// a box of a given size.
#[derive(Clone, Debug, PartialEq)]
pub struct Minimap {
    /// Overview pixels per map unit.
    pub scale: f64,
    /// The map point drawn at the overview's top-left corner.
    pub origin: Point,
    /// Each band's area in overview pixels, with the band.
    pub bands: Vec<(Rect, TierBand)>,
    /// The visible area in overview pixels, cut to the overview's box.
    pub viewport: Rect,
}

impl Minimap {
    /// The map point under a point of the overview (to jump there).
    #[must_use]
    pub fn to_map(&self, at: ScreenPoint) -> Point {
        Point { x: self.origin.x + at.x / self.scale, y: self.origin.y + at.y / self.scale }
    }

    /// The overview point over a map point.
    #[must_use]
    pub fn to_overview(&self, at: Point) -> ScreenPoint {
        ScreenPoint { x: (at.x - self.origin.x) * self.scale, y: (at.y - self.origin.y) * self.scale }
    }
}

/// Fits `drawing` (the map's extent) whole and centred into a `width` ×
/// `height` overview and places `bands` and `visible` (the area the view
/// shows) in it.
#[must_use]
pub fn minimap(bands: &[TierBand], drawing: Rect, visible: Rect, width: f64, height: f64) -> Minimap {
    let scale = if drawing.width() > 0.0 && drawing.height() > 0.0 && width > 0.0 && height > 0.0 {
        (width / drawing.width()).min(height / drawing.height())
    } else {
        1.0
    };
    let origin = Point {
        x: drawing.min.x - (width / scale - drawing.width()) / 2.0,
        y: drawing.min.y - (height / scale - drawing.height()) / 2.0,
    };
    let mut map = Minimap { scale, origin, bands: Vec::new(), viewport: visible };
    let to_rect = |m: &Minimap, r: Rect| {
        let (a, b) = (m.to_overview(r.min), m.to_overview(r.max));
        Rect::new(Point { x: a.x, y: a.y }, Point { x: b.x, y: b.y })
    };
    map.bands = bands.iter().map(|band| (to_rect(&map, band.area), *band)).collect();
    let whole = to_rect(&map, visible);
    map.viewport = Rect::new(
        Point { x: whole.min.x.clamp(0.0, width), y: whole.min.y.clamp(0.0, height) },
        Point { x: whole.max.x.clamp(0.0, width), y: whole.max.y.clamp(0.0, height) },
    );
    map
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::test_graphs::{arbitrary_map, chaotic_graph, pt};
    use crate::layout::{layered, LayoutInput};
    use proptest::prelude::*;

    #[test]
    fn detail_follows_the_zoom() {
        assert_eq!(Detail::at(1.0), Detail::Full);
        assert_eq!(Detail::at(Detail::LABELS_FROM), Detail::Full);
        assert_eq!(Detail::at(0.2), Detail::Shapes);
        assert_eq!(Detail::at(0.05), Detail::Overview);
    }

    #[test]
    fn bands_count_and_hold_each_tier() {
        let positions = [pt(100.0, 50.0), pt(400.0, 50.0), pt(250.0, 200.0)];
        let bands = tier_bands(&[0, 0, 2], &positions, &[false, true]);
        assert_eq!(bands.len(), 2);
        assert_eq!((bands[0].tier, bands[0].nodes, bands[0].marked), (0, 2, 1));
        assert_eq!(bands[0].area, Rect::node_box(positions[0]).union(Rect::node_box(positions[1])));
        assert_eq!((bands[1].tier, bands[1].nodes, bands[1].marked), (2, 1, 0));
    }

    #[test]
    fn cells_and_bundles_by_hand() {
        // Cells of 200: nodes 0, 1 in cell (0, 0), node 2 in (1, 0), node 3 in (0, 1).
        let positions = [pt(10.0, 10.0), pt(150.0, 20.0), pt(250.0, 10.0), pt(10.0, 250.0)];
        let edges = [(0, 2), (1, 2), (0, 1), (2, 3), (3, 3), (0, 9)];
        let agg = aggregate(&positions, &edges, &[false, false, true, false], 200.0);
        let keys: Vec<(i64, i64, u32)> = agg.cells.iter().map(|c| (c.col, c.row, c.nodes)).collect();
        assert_eq!(keys, vec![(0, 0, 2), (1, 0, 1), (0, 1, 1)]);
        assert_eq!(agg.cells[0].centre, pt(80.0, 15.0));
        assert_eq!(agg.cells[1].marked, 1);
        assert_eq!(
            agg.bundles,
            vec![Bundle { from: 0, to: 1, edges: 2, marked: 2 }, Bundle { from: 1, to: 2, edges: 1, marked: 0 }]
        );
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        /// Against the definition: each node in the cell holding its centre,
        /// each edge counted for its pair of cells.
        #[test]
        fn aggregate_counts_every_node_and_edge(
            (positions, edges) in arbitrary_map(3000.0, 80),
            marks in proptest::collection::vec(any::<bool>(), 0..90),
            size in 100.0..2000.0f64,
        ) {
            let agg = aggregate(&positions, &edges, &marks, size);
            let size = agg.cell_size;
            let cell = |p: Point| ((p.x / size).floor() as i64, (p.y / size).floor() as i64);
            let marked = |v: usize| marks.get(v).copied().unwrap_or(false);
            prop_assert_eq!(agg.cells.iter().map(|c| c.nodes).sum::<u32>() as usize, positions.len());
            for c in &agg.cells {
                let inside: Vec<usize> = (0..positions.len()).filter(|&v| cell(positions[v]) == (c.col, c.row)).collect();
                prop_assert_eq!(c.nodes as usize, inside.len());
                prop_assert_eq!(c.marked as usize, inside.iter().filter(|&&v| marked(v)).count());
            }
            prop_assert!(agg.cells.windows(2).all(|w| (w[0].row, w[0].col) < (w[1].row, w[1].col)));
            for bundle in &agg.bundles {
                let (from, to) = (&agg.cells[bundle.from as usize], &agg.cells[bundle.to as usize]);
                let members: Vec<&(u32, u32)> = edges
                    .iter()
                    .filter(|&&(a, b)| {
                        (a as usize) < positions.len()
                            && (b as usize) < positions.len()
                            && cell(positions[a as usize]) == (from.col, from.row)
                            && cell(positions[b as usize]) == (to.col, to.row)
                    })
                    .collect();
                prop_assert_eq!(bundle.edges as usize, members.len());
                prop_assert_eq!(bundle.marked as usize, members.iter().filter(|&&&(_, b)| marked(b as usize)).count());
            }
            let between = edges
                .iter()
                .filter(|&&(a, b)| {
                    (a as usize) < positions.len()
                        && (b as usize) < positions.len()
                        && cell(positions[a as usize]) != cell(positions[b as usize])
                })
                .count();
            prop_assert_eq!(agg.bundles.iter().map(|b| b.edges as usize).sum::<usize>(), between);
        }
    }

    #[test]
    fn the_minimap_fits_the_drawing_and_shows_the_view() {
        let (tiers, edges) = chaotic_graph(200, 500, 3);
        let layout = layered(&LayoutInput { tiers: &tiers, edges: &edges });
        let bands = tier_bands(&tiers, &layout.positions, &[]);
        let drawing = Rect::new(pt(0.0, 0.0), pt(layout.width, layout.height));
        let visible = Rect::new(pt(-500.0, 100.0), pt(600.0, 400.0));
        let map = minimap(&bands, drawing, visible, 200.0, 150.0);
        // The whole drawing fits, touching two opposite sides.
        let (a, b) = (map.to_overview(drawing.min), map.to_overview(drawing.max));
        assert!(a.x >= -1e-9 && a.y >= -1e-9 && b.x <= 200.0 + 1e-9 && b.y <= 150.0 + 1e-9);
        assert!((a.x.abs() < 1e-9 && (b.x - 200.0).abs() < 1e-9) || (a.y.abs() < 1e-9 && (b.y - 150.0).abs() < 1e-9));
        // The view is cut at the overview's left edge; points map back.
        assert_eq!(map.viewport.min.x, 0.0);
        let p = pt(321.0, 123.0);
        let back = map.to_map(map.to_overview(p));
        assert!((back.x - p.x).abs() < 1e-9 && (back.y - p.y).abs() < 1e-9);
        // Every band, like every node, lies inside the overview.
        assert_eq!(map.bands.len(), bands.len());
        let whole = Rect::new(pt(-1e-9, -1e-9), pt(200.0 + 1e-9, 150.0 + 1e-9));
        assert!(map.bands.iter().all(|(r, _)| whole.contains(r.min) && whole.contains(r.max)));
    }
}
