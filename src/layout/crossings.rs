//! Counting edge crossings of a drawing: the measure the layout's crossing
//! reduction is judged by in tests and benchmarks.

use super::{Layout, Point};

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::test_graphs::hand_made;

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

}
