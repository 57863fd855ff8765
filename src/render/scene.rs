//! The map as data: positioned nodes and edges with their states.

use crate::analysis::{NodeState, Outcome, SpofReport};
use super::curve::edge_curve;
use crate::layout::{Layout, Point};
use crate::model::{Document, Graph, Kind, NodeId, NodeIndex};

/// One node as drawn.
#[derive(Clone, Debug, PartialEq)]
pub struct SceneNode {
    pub index: NodeIndex,
    pub id: NodeId,
    /// The full label: the glyph wraps it to fit the box.
    pub label: String,
    pub kind: Kind,
    pub state: NodeState,
    pub spof: bool,
    /// "any", "2 of 3"; none for all.
    pub badge: Option<String>,
    /// Users of a feature, 0 otherwise.
    pub users: u64,
    pub centre: Point,
}

/// One dependency as drawn: from the dependent to its dependency.
#[derive(Clone, Debug, PartialEq)]
pub struct SceneEdge {
    pub from: NodeIndex,
    pub to: NodeIndex,
    /// The dependency is not up, so this edge carries the outage.
    pub broken: bool,
}

#[derive(Clone, Debug, PartialEq, Default)]
pub struct Scene {
    pub nodes: Vec<SceneNode>,
    pub edges: Vec<SceneEdge>,
    pub width: f64,
    pub height: f64,
}

/// A scene's numbers are finite (the layout places every node), so equality
/// is an equivalence. Saying so lets `Rc<Scene>` compare by address first:
/// the map's components compare their scene on every pan step, and a
/// 50,000-node scene compared field by field costs milliseconds.
impl Eq for Scene {}

impl Scene {
    /// An edge's SVG path data, written when it is drawn: a scene is built
    /// again at every change of the failures, and writing 450,000 paths
    /// each time was most of a click at 100,000 nodes.
    #[must_use]
    pub fn path_of(&self, edge: &SceneEdge) -> String {
        edge_path(self.nodes[edge.from as usize].centre, self.nodes[edge.to as usize].centre)
    }
}

/// Everything needed to draw the map in its current state.
pub fn scene(document: &Document, graph: &Graph, layout: &Layout, outcome: &Outcome, spofs: &SpofReport) -> Scene {
    let mut is_spof = vec![false; graph.len()];
    for spof in &spofs.spofs {
        is_spof[spof.node as usize] = true;
    }
    let nodes = graph
        .nodes()
        .map(|v| {
            let node = &document.nodes[v as usize];
            let label = node.label().to_owned();
            SceneNode {
                index: v,
                id: node.id.clone(),
                label,
                kind: node.kind,
                state: outcome.state(v),
                spof: is_spof[v as usize],
                badge: node.requires.badge(graph.dependencies(v).len()),
                users: graph.users(v),
                centre: layout.positions[v as usize],
            }
        })
        .collect();
    let edges = graph
        .edges()
        .map(|(from, to)| SceneEdge {
            from,
            to,
            broken: !outcome.state(to).is_up(),
        })
        .collect();
    Scene {
        nodes,
        edges,
        width: layout.width,
        height: layout.height,
    }
}

/// A coordinate written with one decimal using integer formatting: float
/// formatting of the eight numbers of every edge was most of the cost of
/// building a scene (5 ms of 6 for an edit on a 1,000-node graph).
#[derive(Clone, Copy, Debug)]
pub struct Tenths(pub f64);

impl std::fmt::Display for Tenths {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let tenths = (self.0 * 10.0).round() as i64;
        let sign = if tenths < 0 { "-" } else { "" };
        let magnitude = tenths.unsigned_abs();
        write!(f, "{sign}{}.{}", magnitude / 10, magnitude % 10)
    }
}

/// The edge's curve ([`edge_curve`]) as SVG path data.
pub fn edge_path(from: Point, to: Point) -> String {
    // Written digit by digit: the formatting machinery was most of the cost
    // of a scene (9,000 edges at 2,000 nodes, rebuilt at every drag step).
    let mut path = String::with_capacity(64);
    for (i, point) in edge_curve(from, to).into_iter().enumerate() {
        push_point(&mut path, if i == 0 { 'M' } else if i == 1 { 'C' } else { ' ' }, point);
    }
    path
}

/// Appends a path command (or a separator) and a point, in tenths.
fn push_point(out: &mut String, command: char, point: Point) {
    out.push(command);
    push_tenths(out, point.x);
    out.push(' ');
    push_tenths(out, point.y);
}

/// Appends `value` with one decimal, as [`Tenths`] writes it, without the
/// formatting machinery (path data for tens of thousands of shapes).
fn push_tenths(out: &mut String, value: f64) {
    let tenths = (value * 10.0).round() as i64;
    if tenths < 0 {
        out.push('-');
    }
    let magnitude = tenths.unsigned_abs();
    let mut digits = [0u8; 20];
    let mut whole = magnitude / 10;
    let mut at = digits.len();
    loop {
        at -= 1;
        digits[at] = b'0' + (whole % 10) as u8;
        whole /= 10;
        if whole == 0 {
            break;
        }
    }
    out.extend(digits[at..].iter().map(|&d| d as char));
    out.push('.');
    out.push((b'0' + (magnitude % 10) as u8) as char);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::NODE_HEIGHT;

    #[test]
    fn tenths_are_written_like_one_decimal() {
        for (value, text) in [(0.0, "0.0"), (12.34, "12.3"), (12.36, "12.4"), (-3.04, "-3.0"), (-0.26, "-0.3"), (1e6, "1000000.0")] {
            assert_eq!(Tenths(value).to_string(), text, "{value}");
            let mut pushed = String::new();
            push_tenths(&mut pushed, value);
            assert_eq!(pushed, text, "{value}");
        }
    }

    #[test]
    fn edge_paths_are_the_curve_in_tenths() {
        let path = edge_path(Point { x: 10.04, y: -5.0 }, Point { x: 300.0, y: 200.0 });
        let half = NODE_HEIGHT / 2.0;
        let bend = ((200.0 - half) - (-5.0 + half)) / 2.0;
        let expected = format!(
            "M{} {}C{} {} {} {} {} {}",
            Tenths(10.04), Tenths(-5.0 + half), Tenths(10.04), Tenths(-5.0 + half + bend),
            Tenths(300.0), Tenths(200.0 - half - bend), Tenths(300.0), Tenths(200.0 - half)
        );
        assert_eq!(path, expected);
    }

    #[test]
    fn edges_leave_the_bottom_and_enter_the_top() {
        let path = edge_path(Point { x: 100.0, y: 50.0 }, Point { x: 300.0, y: 200.0 });
        assert!(path.starts_with(&format!("M100.0 {:.1}", 50.0 + NODE_HEIGHT / 2.0)), "{path}");
        assert!(path.ends_with(&format!("300.0 {:.1}", 200.0 - NODE_HEIGHT / 2.0)), "{path}");
    }

}
