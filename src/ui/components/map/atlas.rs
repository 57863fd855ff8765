//! The map at scale (issue 14; the measurements and the design are in
//! `benches/browser/RENDERING.md`). Past [`BIG_MAP`] nodes the SVG holds only
//! the nodes in view at full detail; a canvas under it draws every edge in
//! view, the node shapes at a middle zoom and, far out, the overview (tier
//! bands with counts, cells and edge bundles). Smaller maps keep today's
//! all-SVG drawing.
//!
//! What that needs is kept in two parts. [`Geometry`], the spatial index of
//! node and edge boxes and the map's extent, depends only on where things
//! are, so it is built once per layout in O((n + m) log(n + m)) and kept
//! while failures change (at 100,000 nodes a click to fail rebuilt it). An
//! [`Atlas`] adds what the scene's states give, in O(n): the tier bands
//! with what is down. The overview's cells and bundles
//! ([`Atlas::aggregate`]) are built per cell size (a power of two, so a few
//! per scene) and kept.

use crate::layout::{aggregate, tier_bands, Aggregate, Point, Rect, SpatialIndex, TierBand};
use crate::render::Scene;
use std::cell::RefCell;
use std::rc::Rc;

/// From this many nodes on, the map draws only what is in view, and the
/// edges on a canvas. Below it, the whole map is SVG, as fluid as it was
/// measured at 2,000 nodes.
pub const BIG_MAP: usize = 2_000;

/// About how wide an overview cell is on screen, in CSS pixels. At 24 px
/// the cells just out from the shapes' zoom held one node each, and the
/// bundles were the edges again (225,000 lines at 50,000 nodes, 0.6 s to
/// rasterise).
const CELL_PIXELS: f64 = 48.0;

/// Whether `scene` is drawn the big map's way.
pub fn is_big(scene: &Scene) -> bool {
    scene.nodes.len() >= BIG_MAP
}

/// Where the nodes and edges of one layout are.
pub struct Geometry {
    pub index: SpatialIndex,
    /// The drawing's extent: the scene's size.
    pub drawing: Rect,
    centres: Vec<Point>,
    edges: Vec<(u32, u32)>,
    tiers: Vec<u8>,
}

impl Geometry {
    pub fn of(scene: &Scene) -> Geometry {
        let centres: Vec<Point> = scene.nodes.iter().map(|node| node.centre).collect();
        let edges: Vec<(u32, u32)> = scene.edges.iter().map(|edge| (edge.from, edge.to)).collect();
        Geometry {
            index: SpatialIndex::of_layout(&centres, &edges),
            drawing: Rect::new(Point { x: 0.0, y: 0.0 }, Point { x: scene.width, y: scene.height }),
            tiers: scene.nodes.iter().map(|node| node.kind.tier()).collect(),
            centres,
            edges,
        }
    }
}

/// What the big map draws from, for one scene: its layout's geometry and
/// what is down.
pub struct Atlas {
    pub geometry: Rc<Geometry>,
    pub bands: Vec<TierBand>,
    /// Which nodes are down or failed, by index (the overview's "marked").
    pub down: Vec<bool>,
    aggregates: RefCell<Vec<(i32, Rc<Aggregate>)>>,
}

impl Atlas {
    /// `geometry` must be `Geometry::of` a scene of the same layout.
    pub fn of(geometry: Rc<Geometry>, scene: &Scene) -> Atlas {
        let down: Vec<bool> = scene.nodes.iter().map(|node| !node.state.is_up()).collect();
        Atlas { bands: tier_bands(&geometry.tiers, &geometry.centres, &down), geometry, down, aggregates: RefCell::new(Vec::new()) }
    }

    /// The overview's cells and bundles for a view at `scale`: cells about
    /// [`CELL_PIXELS`] wide on screen, their size in map units rounded to a
    /// power of two so that zooming reuses them.
    pub fn aggregate(&self, scale: f64) -> Rc<Aggregate> {
        let exponent = (CELL_PIXELS / scale.max(1e-6)).log2().round() as i32;
        if let Some((_, kept)) = self.aggregates.borrow().iter().find(|(e, _)| *e == exponent) {
            return Rc::clone(kept);
        }
        let built = Rc::new(aggregate(&self.geometry.centres, &self.geometry.edges, &self.down, 2f64.powi(exponent)));
        self.aggregates.borrow_mut().push((exponent, Rc::clone(&built)));
        built
    }
}

/// A scene compared by address, for memos: a new scene is a new `Rc`, and
/// comparing 10,000 nodes by value on every render would cost more than the
/// memo saves.
pub struct SameScene(pub Rc<Scene>);

impl PartialEq for SameScene {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}
