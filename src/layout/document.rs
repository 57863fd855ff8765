//! The layout of a document: its tiers and dependencies laid out in layers,
//! with the positions stored in the file (x, y are node centres) kept and the
//! other nodes placed around them. O(n) when every node is hand-placed,
//! else the layered layout's cost.

use super::{layered, place_missing, Layout, LayoutInput, Point};
use crate::model::{Document, Graph};

/// Lays `document` out; `graph` must be the one built from it.
pub fn layout_document(document: &Document, graph: &Graph) -> Layout {
    let tiers: Vec<u8> = graph.nodes().map(|v| graph.kind(v).tier()).collect();
    let edges: Vec<(u32, u32)> = graph.edges().collect();
    let input = LayoutInput { tiers: &tiers, edges: &edges };
    let fixed: Vec<Option<Point>> = document
        .nodes
        .iter()
        .map(|n| match (n.x, n.y) {
            (Some(x), Some(y)) => Some(Point { x, y }),
            _ => None,
        })
        .collect();
    if fixed.iter().all(Option::is_none) {
        layered(&input)
    } else {
        place_missing(&input, &fixed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::parse;

    #[test]
    fn stored_positions_are_kept_and_the_rest_placed() {
        let text = r#"{"version": 1, "nodes": [
            {"id": "a", "kind": "feature", "depends_on": ["b"], "x": 500, "y": 40},
            {"id": "b", "kind": "service"}]}"#;
        let valid = parse(text).unwrap();
        let layout = layout_document(&valid, valid.graph());
        assert_eq!(layout.positions[0], Point { x: 500.0, y: 40.0 });
        assert!(layout.positions[1].y > 40.0, "the dependency is placed below");
    }
}
