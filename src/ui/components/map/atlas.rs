//! The map at scale (issue 14; the measurements and the design are in
//! `benches/browser/RENDERING.md`). Past [`BIG_MAP`] nodes the SVG holds only
//! the nodes in view at full detail; a canvas under it draws every edge in
//! view, the node shapes at a middle zoom and, far out, the overview (tier
//! bands with counts, cells and edge bundles). Smaller maps keep today's
//! all-SVG drawing.
//!
//! An [`Atlas`] is what that needs from one scene, built once per scene in
//! O(n + m): the spatial index of node and edge boxes, the tier bands and the
//! map's extent. The overview's cells and bundles ([`Atlas::aggregate`]) are
//! built per cell size (a power of two, so a few per scene) and kept.

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

/// What the big map draws from, for one scene.
pub struct Atlas {
    pub index: SpatialIndex,
    pub bands: Vec<TierBand>,
    /// The drawing's extent: the scene's size.
    pub drawing: Rect,
    /// Which nodes are down or failed, by index (the overview's "marked").
    pub down: Vec<bool>,
    centres: Vec<Point>,
    edges: Vec<(u32, u32)>,
    aggregates: RefCell<Vec<(i32, Rc<Aggregate>)>>,
}

impl Atlas {
    pub fn of(scene: &Scene) -> Atlas {
        let centres: Vec<Point> = scene.nodes.iter().map(|node| node.centre).collect();
        let edges: Vec<(u32, u32)> = scene.edges.iter().map(|edge| (edge.from, edge.to)).collect();
        let tiers: Vec<u8> = scene.nodes.iter().map(|node| node.kind.tier()).collect();
        let down: Vec<bool> = scene.nodes.iter().map(|node| !node.state.is_up()).collect();
        Atlas {
            index: SpatialIndex::of_layout(&centres, &edges),
            bands: tier_bands(&tiers, &centres, &down),
            drawing: Rect::new(Point { x: 0.0, y: 0.0 }, Point { x: scene.width, y: scene.height }),
            down,
            centres,
            edges,
            aggregates: RefCell::new(Vec::new()),
        }
    }

    /// The overview's cells and bundles for a view at `scale`: cells about
    /// [`CELL_PIXELS`] wide on screen, their size in map units rounded to a
    /// power of two so that zooming reuses them.
    pub fn aggregate(&self, scale: f64) -> Rc<Aggregate> {
        let exponent = (CELL_PIXELS / scale.max(1e-6)).log2().round() as i32;
        if let Some((_, kept)) = self.aggregates.borrow().iter().find(|(e, _)| *e == exponent) {
            return Rc::clone(kept);
        }
        let built = Rc::new(aggregate(&self.centres, &self.edges, &self.down, 2f64.powi(exponent)));
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
