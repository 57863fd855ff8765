//! Where things sit on the map: node boxes, layer rows, the drawing's size
//! and the connect handle under a selected node. Shared by the layout, the
//! renderer and the editor's hit-testing, so all three agree.

use super::{Point, LAYER_GAP, MARGIN, NODE_HEIGHT, NODE_WIDTH};

/// An axis-aligned rectangle in map coordinates, edges included: a node's
/// box, the part of the map a view shows, a cell of the overview.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rect {
    pub min: Point,
    pub max: Point,
}

impl Rect {
    /// The rectangle with corners `a` and `b`, in any order.
    #[must_use]
    pub fn new(a: Point, b: Point) -> Rect {
        Rect {
            min: Point { x: a.x.min(b.x), y: a.y.min(b.y) },
            max: Point { x: a.x.max(b.x), y: a.y.max(b.y) },
        }
    }

    /// The box of the node centred on `centre`.
    #[must_use]
    pub fn node_box(centre: Point) -> Rect {
        let half = Point { x: NODE_WIDTH / 2.0, y: NODE_HEIGHT / 2.0 };
        Rect {
            min: Point { x: centre.x - half.x, y: centre.y - half.y },
            max: Point { x: centre.x + half.x, y: centre.y + half.y },
        }
    }

    /// The smallest rectangle holding both.
    #[must_use]
    pub fn union(self, other: Rect) -> Rect {
        Rect {
            min: Point { x: self.min.x.min(other.min.x), y: self.min.y.min(other.min.y) },
            max: Point { x: self.max.x.max(other.max.x), y: self.max.y.max(other.max.y) },
        }
    }

    /// This rectangle with `by` added on every side.
    #[must_use]
    pub fn grown(self, by: f64) -> Rect {
        Rect {
            min: Point { x: self.min.x - by, y: self.min.y - by },
            max: Point { x: self.max.x + by, y: self.max.y + by },
        }
    }

    /// Whether the two share at least one point (touching edges count).
    #[must_use]
    pub fn intersects(&self, other: &Rect) -> bool {
        self.min.x <= other.max.x && other.min.x <= self.max.x && self.min.y <= other.max.y && other.min.y <= self.max.y
    }

    #[must_use]
    pub fn contains(&self, p: Point) -> bool {
        (self.min.x..=self.max.x).contains(&p.x) && (self.min.y..=self.max.y).contains(&p.y)
    }

    #[must_use]
    pub fn width(&self) -> f64 {
        self.max.x - self.min.x
    }

    #[must_use]
    pub fn height(&self) -> f64 {
        self.max.y - self.min.y
    }
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
pub(super) fn layer_y(l: u32) -> f64 {
    f64::from(l) * (NODE_HEIGHT + LAYER_GAP) + MARGIN + NODE_HEIGHT / 2.0
}

/// Drawing size measured from the origin: far box edges plus MARGIN, and at
/// least 2 * MARGIN (the size of an empty drawing).
pub(super) fn extent(positions: &[Point]) -> (f64, f64) {
    positions
        .iter()
        .fold((2.0 * MARGIN, 2.0 * MARGIN), |(w, h), p| {
            (
                w.max(p.x + NODE_WIDTH / 2.0 + MARGIN),
                h.max(p.y + NODE_HEIGHT / 2.0 + MARGIN),
            )
        })
}

/// Whether `point` lies on the box of a node centred on `centre`.
pub fn node_box_contains(centre: Point, point: Point) -> bool {
    (point.x - centre.x).abs() <= NODE_WIDTH / 2.0 && (point.y - centre.y).abs() <= NODE_HEIGHT / 2.0
}

/// Radius of the connect handle drawn under a selected node in edit mode.
pub const HANDLE_RADIUS: f64 = 7.0;

/// Centre of the connect handle of the node centred on `centre`.
pub fn handle_centre(centre: Point) -> Point {
    Point { x: centre.x, y: centre.y + NODE_HEIGHT / 2.0 + 2.0 }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::test_graphs::pt;

    #[test]
    fn bounds_cover_the_boxes() {
        let (lo, hi) = bounds(&[pt(100.0, 50.0), pt(-20.0, 300.0)]);
        assert_eq!(lo, pt(-20.0 - NODE_WIDTH / 2.0, 50.0 - NODE_HEIGHT / 2.0));
        assert_eq!(hi, pt(100.0 + NODE_WIDTH / 2.0, 300.0 + NODE_HEIGHT / 2.0));
    }


    #[test]
    fn boxes_and_handles() {
        let c = pt(100.0, 100.0);
        assert!(node_box_contains(c, pt(100.0 + NODE_WIDTH / 2.0, 100.0)));
        assert!(!node_box_contains(c, pt(100.0, 100.0 + NODE_HEIGHT / 2.0 + 1.0)));
        assert_eq!(handle_centre(c).y, 100.0 + NODE_HEIGHT / 2.0 + 2.0);
    }
}
