//! Layered ("Sugiyama-style") layout of dependency graphs, drawn top to
//! bottom: user-facing features at the top, then services, data stores, data
//! centers and providers at the bottom.
//!
//! # Phases
//!
//! 1. **Layer assignment** (`rank.rs`): each tier that has nodes gets a band of
//!    consecutive layers, in tier order (empty tiers take no space). Inside a
//!    band a node sits below its same-tier dependents (longest path over the
//!    same-tier edges, after dropping DFS back edges so cycles cannot loop).
//! 2. **Crossing reduction** (`order.rs`): depth-first initial order from the
//!    top layer, then rounds of down/up/both barycentre sweeps, each followed
//!    by a pass of adjacent swaps, keeping the best order according to a
//!    cheap crossing estimate (`estimate.rs`) and stopping when it no longer
//!    improves. Long edges get no dummy nodes: a node's barycentre uses its
//!    neighbours at any layer distance. Because edges are drawn straight,
//!    the sweeps work on real x coordinates (each sorted layer is placed as
//!    close to its barycentres as spacing allows), not on slot indices.
//! 3. **Coordinates** (`coords.rs`): y from the layer; x starts from the
//!    crossing reduction's placement (layers packed and centred, then fitted
//!    to their barycentres) and a few passes pull every node towards the mean
//!    x of all its neighbours while keeping the order and the minimum spacing
//!    (solved exactly per layer by isotonic regression). Finally the drawing
//!    is shifted so the leftmost box starts at [`MARGIN`].
//!
//! Between phases 2 and 3, a drawing far wider than a screen has its wide
//! layers wrapped into staggered rows and is ordered again (`wrap.rs`).
//!
//! # Complexity
//!
//! With n nodes and m edges: layer assignment is O(n + m); a
//! crossing-reduction sweep is O(n log n + m log m) plus a transpose pass
//! bounded by O(m * 64) (hub pairs are skipped), and there are at most 36
//! sweeps, usually far fewer; the estimate samples at most
//! max(2m, 65,536) edge-gap pairs; coordinates are O(n + m) per pass with a
//! fixed number of passes. No step is quadratic in n and memory is O(n + m +
//! layers). Measured natively (release): about 60 ms for 1,000 nodes / 5,000
//! edges and about 100 ms for 5,000 nodes / 25,000 edges. [`crossings`] is
//! the exception: O(m²) in the worst case, for tests and benchmarks only.
//!
//! # Input tolerance
//!
//! Edges may form cycles, be self-loops, point "upwards" in tier order or be
//! duplicated; self-loops and edges naming a node `>= n` are ignored. Every
//! node is always placed, and the result is deterministic.

mod coords;
mod crossings;
mod document;
mod estimate;
mod geometry;
mod layer_graph;
mod order;
mod place;
mod rank;
mod view;
mod wrap;

#[cfg(test)]
mod test_graphs;
#[cfg(test)]
mod tests;

pub use crossings::crossings;
pub use document::layout_document;
pub use geometry::{bounds, handle_centre, node_box_contains, HANDLE_RADIUS};
pub use place::place_missing;
pub use view::{ScreenPoint, View};

use geometry::{extent, layer_y};
use layer_graph::{valid_edges, Csr, LayerGraph};

/// Geometry shared by the app and the SVG renderer.
pub const NODE_WIDTH: f64 = 152.0;
pub const NODE_HEIGHT: f64 = 56.0;
/// Vertical gap between layers.
pub const LAYER_GAP: f64 = 52.0;
/// Horizontal gap between nodes.
pub const NODE_GAP: f64 = 20.0;
pub const MARGIN: f64 = 40.0;

#[derive(Clone, Copy, Debug, PartialEq, Default)]
pub struct Point {
    pub x: f64,
    pub y: f64,
}

/// Input: n nodes 0..n, each with a tier (0 = feature … 4 = provider; any u8,
/// smaller is higher on the page), and edges (dependent, dependency) meaning
/// "dependent depends on dependency". Edges may form cycles, may include
/// self-loops and may go "upward" in tier; the layout still terminates and
/// places every node.
pub struct LayoutInput<'a> {
    pub tiers: &'a [u8],
    pub edges: &'a [(u32, u32)],
}

#[derive(Clone, Debug, PartialEq, Default)]
pub struct Layout {
    /// Centre of each node, in the same order as the input.
    pub positions: Vec<Point>,
    /// Layer index of each node (0 = top); all 0 when every node was
    /// hand-placed (no layering was needed).
    pub layers: Vec<u32>,
    /// Size of the drawing including MARGIN on every side.
    pub width: f64,
    pub height: f64,
}

/// Lays out the whole graph; see the module documentation for the phases.
#[must_use]
pub fn layered(input: &LayoutInput) -> Layout {
    let n = input.tiers.len();
    let edges = valid_edges(n, input.edges);
    let layers = rank::assign_layers(input.tiers, &edges);
    let num_layers = layers.iter().max().map_or(0, |&l| l as usize + 1);
    let graph = LayerGraph::new(n, &layers, &edges);
    let (order, xs) = order::reduce_crossings(&graph, &layers, num_layers);
    // A drawing much wider than a screen gets its wide layers split into rows,
    // then ordered again with the rows as layers.
    let (layers, graph, order, xs) = match wrap::wrap_wide_layers(&layers, &order) {
        Some(wrapped) => {
            let num_layers = wrapped.iter().max().map_or(0, |&l| l as usize + 1);
            let graph = LayerGraph::new(n, &wrapped, &edges);
            let (order, xs) = order::reduce_crossings(&graph, &wrapped, num_layers);
            (wrapped, graph, order, xs)
        }
        None => (layers, graph, order, xs),
    };
    let xs = coords::balance(&graph, &order, xs);

    let min_x = xs.iter().copied().fold(f64::INFINITY, f64::min);
    let shift = MARGIN + NODE_WIDTH / 2.0 - min_x;
    let positions: Vec<Point> = xs
        .iter()
        .zip(&layers)
        .map(|(&x, &l)| Point {
            x: x + shift,
            y: layer_y(l),
        })
        .collect();
    let (width, height) = extent(&positions);
    Layout {
        positions,
        layers,
        width,
        height,
    }
}
