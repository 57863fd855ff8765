//! An edge's curve as numbers: its four control points (what
//! [`super::edge_path`] writes) and the pieces of it inside an area.
//!
//! The big map's canvas strokes only those pieces. Handing the browser
//! whole curves that cross the map cost it half a second to rasterise one
//! redraw at 10,000 nodes zoomed in (a dashed curve 50,000 px long is
//! thousands of dashes, all stroked before the canvas clips them).

use crate::layout::{Point, Rect, NODE_HEIGHT, NODE_WIDTH};

/// A cubic Bézier curve: start, two control points, end.
pub type Cubic = [Point; 4];

/// The curve of the edge from the dependent centred on `from` to its
/// dependency centred on `to`: from the bottom of the one to the top of the
/// other (or between the facing sides when they share a row, or the
/// dependency sits higher), bending vertically.
#[must_use]
pub fn edge_curve(from: Point, to: Point) -> Cubic {
    let half = NODE_HEIGHT / 2.0;
    let (start, end) = if to.y > from.y + 1.0 {
        (Point { x: from.x, y: from.y + half }, Point { x: to.x, y: to.y - half })
    } else if to.y < from.y - 1.0 {
        (Point { x: from.x, y: from.y - half }, Point { x: to.x, y: to.y + half })
    } else {
        // Same row: leave from the side facing the dependency.
        let side = if to.x >= from.x { NODE_WIDTH / 2.0 } else { -NODE_WIDTH / 2.0 };
        (Point { x: from.x + side, y: from.y }, Point { x: to.x - side, y: to.y })
    };
    let bend = ((end.y - start.y) / 2.0).abs().max(24.0) * (end.y - start.y).signum();
    let bend = if bend == 0.0 { 24.0 } else { bend };
    [start, Point { x: start.x, y: start.y + bend }, Point { x: end.x, y: end.y - bend }, end]
}

/// A part of a curve: the parameters it runs between and its own control
/// points (the curve restricted to `start..=end`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Piece {
    pub start: f64,
    pub end: f64,
    pub curve: Cubic,
}

/// Splits deeper than this are pieces of under a millionth of the curve.
const MAX_DEPTH: u32 = 24;

/// The pieces of `curve` that may show in `area`, in order along the curve,
/// appended to `out`: every point of the curve inside `area` is on a piece,
/// and every point of a piece is within `finest` of `area` (so with `finest`
/// under the margin a drawing has beyond the screen, nothing visible is
/// lost). Pieces that follow each other share their end points exactly.
///
/// The curve is halved (de Casteljau) where its control points' box meets
/// the area without lying inside it, down to boxes `finest` wide: O(log(curve
/// length / finest)) pieces for each time the curve crosses the area's
/// border.
pub fn pieces_inside(curve: &Cubic, area: &Rect, finest: f64, out: &mut Vec<Piece>) {
    // Depth first, so the stack never holds more than one piece a level: a
    // fixed array, no allocation for each of the tens of thousands of edges
    // of a redraw.
    let whole = (Piece { start: 0.0, end: 1.0, curve: *curve }, 0);
    let mut stack = [whole; MAX_DEPTH as usize + 2];
    let mut len = 1;
    while len > 0 {
        len -= 1;
        let (piece, depth) = stack[len];
        let hull = control_box(&piece.curve);
        if !hull.intersects(area) {
            continue;
        }
        let inside = area.contains(hull.min) && area.contains(hull.max);
        if inside || hull.width().max(hull.height()) <= finest || depth >= MAX_DEPTH {
            out.push(piece);
            continue;
        }
        let (first, second) = halves(&piece);
        // The stack is last in, first out: the second half goes on first.
        stack[len] = (second, depth + 1);
        stack[len + 1] = (first, depth + 1);
        len += 2;
    }
}

/// The box of the control points, which holds the whole curve.
fn control_box(curve: &Cubic) -> Rect {
    curve[1..].iter().fold(Rect { min: curve[0], max: curve[0] }, |box_, &p| box_.union(Rect { min: p, max: p }))
}

fn midpoint(a: Point, b: Point) -> Point {
    Point { x: (a.x + b.x) / 2.0, y: (a.y + b.y) / 2.0 }
}

/// The two halves of a piece, at the middle of its parameter range.
fn halves(piece: &Piece) -> (Piece, Piece) {
    let [p0, p1, p2, p3] = piece.curve;
    let (a, b, c) = (midpoint(p0, p1), midpoint(p1, p2), midpoint(p2, p3));
    let (d, e) = (midpoint(a, b), midpoint(b, c));
    let middle = midpoint(d, e);
    let at = (piece.start + piece.end) / 2.0;
    (
        Piece { start: piece.start, end: at, curve: [p0, a, d, middle] },
        Piece { start: at, end: piece.end, curve: [middle, e, c, p3] },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The curve at `t`, from the Bernstein form (not by halving).
    fn at(curve: &Cubic, t: f64) -> Point {
        let u = 1.0 - t;
        let w = [u * u * u, 3.0 * u * u * t, 3.0 * u * t * t, t * t * t];
        Point {
            x: (0..4).map(|i| w[i] * curve[i].x).sum(),
            y: (0..4).map(|i| w[i] * curve[i].y).sum(),
        }
    }

    fn distance_to_rect(p: Point, area: &Rect) -> f64 {
        let dx = (area.min.x - p.x).max(p.x - area.max.x).max(0.0);
        let dy = (area.min.y - p.y).max(p.y - area.max.y).max(0.0);
        dx.hypot(dy)
    }

    fn point() -> impl Strategy<Value = Point> {
        (-5_000.0..5_000.0f64, -5_000.0..5_000.0f64).prop_map(|(x, y)| Point { x, y })
    }

    /// Edge curves between random nodes, and now and then any cubic.
    fn curve() -> impl Strategy<Value = Cubic> {
        prop_oneof![
            3 => (point(), point()).prop_map(|(from, to)| edge_curve(from, to)),
            1 => (point(), point(), point(), point()).prop_map(|(a, b, c, d)| [a, b, c, d]),
        ]
    }

    proptest! {
        /// Against sampling the curve at 4,001 parameters: every sample in
        /// the area lies on a piece (its parameter in a piece's range), every
        /// piece is the curve over its range and stays within `finest` of
        /// the area, and pieces come in order without overlapping.
        #[test]
        fn pieces_are_exactly_the_curve_near_the_area(curve in curve(), corner in point(), width in 1.0..4_000.0f64, height in 1.0..3_000.0f64, finest in 1.0..64.0f64) {
            let area = Rect::new(corner, Point { x: corner.x + width, y: corner.y + height });
            let mut pieces = Vec::new();
            pieces_inside(&curve, &area, finest, &mut pieces);
            for pair in pieces.windows(2) {
                prop_assert!(pair[0].end <= pair[1].start, "{pair:?}");
                if pair[0].end == pair[1].start {
                    prop_assert_eq!(pair[0].curve[3], pair[1].curve[0]);
                }
            }
            const SAMPLES: u32 = 4_000;
            for i in 0..=SAMPLES {
                let t = f64::from(i) / f64::from(SAMPLES);
                if area.contains(at(&curve, t)) {
                    prop_assert!(pieces.iter().any(|p| p.start <= t && t <= p.end), "t = {t} is in the area but on no piece");
                }
            }
            let size = (curve.iter().map(|p| p.x.abs().max(p.y.abs())).fold(1.0, f64::max)) * 1e-9;
            for piece in &pieces {
                for k in 0..=64 {
                    let s = f64::from(k) / 64.0;
                    let own = at(&piece.curve, s);
                    let whole = at(&curve, piece.start + s * (piece.end - piece.start));
                    prop_assert!((own.x - whole.x).abs() <= size.max(1e-6) && (own.y - whole.y).abs() <= size.max(1e-6), "{own:?} vs {whole:?}");
                    prop_assert!(distance_to_rect(own, &area) <= finest + 1e-6, "{own:?} is {} from the area", distance_to_rect(own, &area));
                }
            }
        }
    }

    #[test]
    fn a_curve_inside_is_one_piece_and_one_far_away_none() {
        let curve = edge_curve(Point { x: 100.0, y: 100.0 }, Point { x: 400.0, y: 300.0 });
        let mut pieces = Vec::new();
        pieces_inside(&curve, &Rect::new(Point { x: 0.0, y: 0.0 }, Point { x: 1_000.0, y: 1_000.0 }), 8.0, &mut pieces);
        assert_eq!(pieces, vec![Piece { start: 0.0, end: 1.0, curve }]);
        pieces.clear();
        pieces_inside(&curve, &Rect::new(Point { x: 2_000.0, y: 0.0 }, Point { x: 3_000.0, y: 1_000.0 }), 8.0, &mut pieces);
        assert!(pieces.is_empty());
    }

    #[test]
    fn a_long_curve_crossing_a_small_area_is_a_few_short_pieces() {
        // 50,000 map units across, seen through a window 2,000 wide.
        let curve = edge_curve(Point { x: 0.0, y: 0.0 }, Point { x: 50_000.0, y: 2_000.0 });
        let area = Rect::new(Point { x: 24_000.0, y: 0.0 }, Point { x: 26_000.0, y: 2_000.0 });
        let mut pieces = Vec::new();
        pieces_inside(&curve, &area, 8.0, &mut pieces);
        assert!(!pieces.is_empty() && pieces.len() < 40, "{} pieces", pieces.len());
        let drawn: f64 = pieces.iter().map(|p| control_box(&p.curve).width()).sum();
        assert!(drawn < 2_100.0, "the pieces span {drawn} map units");
    }
}
