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
//! A drawing far wider than a screen has its wide layers wrapped into
//! staggered rows (`wrap.rs`), and phase 2 orders the rows as layers. Which
//! row a node goes to comes from an order of the whole layers: on a small
//! graph a full crossing reduction, on a big one a single unjudged set of
//! sweeps (`order::group`), enough to keep neighbours in neighbouring rows.
//!
//! # Scale: a work budget
//!
//! The ordering gets a budget of node and segment visits (`order::Effort`):
//! a graph of up to about 100,000 nodes plus edges gets all 36 sweeps (up
//! to about 75,000 also every polishing pass), a bigger one as many sweeps
//! as fit, and at least one round. So the ordering of a very big graph costs about as much
//! as that of a 100,000-element one, and the rest of the layout is
//! O((n + m) log(n + m)). Graphs small enough for two full orderings (up to
//! about 37,500 nodes plus edges, so every map a person reads whole) are
//! laid out exactly as before the budget existed. On generated graphs the
//! crossing estimate went from 71,700 to 64,600 at 10,000 nodes, stayed
//! at about 109,000 at 50,000 and rose from 119,000 to 156,000 at 100,000,
//! for a layout 2×, 6× and 10× faster.
//!
//! # Complexity
//!
//! With n nodes and m edges: layer assignment is O(n + m); a
//! crossing-reduction sweep is O(n log n + m log m) plus a transpose pass
//! bounded by O(m * 64) (hub pairs are skipped), and there are at most 36
//! sweeps, and at most `WORK_BUDGET / (n + m)` (but at least 3); the
//! estimate samples at most max(2m, 65,536) edge-gap pairs; coordinates are
//! O(n + m) per pass with a fixed number of passes. No step is quadratic in
//! n and memory is O(n + m + layers). Measured natively (bench profile,
//! thread CPU time, `cargo bench --bench layout`): about 160 ms for 2,000
//! nodes / 9,000 edges, 390 ms for 10,000 / 44,000, 770 ms for 50,000 /
//! 225,000 and 960 ms for 100,000 / 450,000. [`crossings`] is the
//! exception: O(m²) in the worst case, for tests and benchmarks only.
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
mod overview;
mod place;
mod rank;
mod spatial;
mod view;
mod wrap;

#[cfg(test)]
mod test_graphs;
#[cfg(test)]
mod properties;
#[cfg(test)]
mod tests;

pub use crossings::crossings;
pub use document::layout_document;
pub use geometry::{bounds, handle_centre, node_box_contains, Rect, HANDLE_RADIUS};
pub use overview::{aggregate, minimap, tier_bands, Aggregate, Bundle, Cell, Detail, Minimap, TierBand};
pub use place::place_missing;
pub use spatial::{edge_box, SpatialIndex, EDGE_BEND};
pub use view::{ScreenPoint, View};

use geometry::{extent, layer_y};
use layer_graph::{valid_edges, Csr, LayerGraph};
use order::Effort;

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
    layered_within(input, order::WORK_BUDGET)
}

/// [`layered`] with the ordering's work budget as a parameter, so tests can
/// take the big-graph path on small graphs.
fn layered_within(input: &LayoutInput, budget: usize) -> Layout {
    let n = input.tiers.len();
    let edges = valid_edges(n, input.edges);
    let layers = rank::assign_layers(input.tiers, &edges);
    let num_layers = layers.iter().max().map_or(0, |&l| l as usize + 1);
    let graph = LayerGraph::new(n, &layers, &edges);
    let order = order::initial_order(&graph, &layers, num_layers);
    let effort = Effort::for_size(n, graph.segments.len(), budget);
    // A drawing much wider than a screen gets its wide layers split into
    // rows, and is ordered again with the rows as layers.
    let sizes: Vec<usize> = order.iter().map(Vec::len).collect();
    let (layers, graph, order, effort) = match wrap::row_length(&sizes) {
        None => (layers, graph, order, effort),
        // The order of the whole layers then only decides which row each
        // node goes to. A small graph gets it fully ordered and its rows
        // ordered afresh from a depth-first start, which measured slightly
        // fewer crossings; on a big one a quick grouping does that job, and
        // the rows start from it.
        Some(row) if effort.affords_two_orderings() => {
            let (full, _) = order::reduce_crossings(&graph, &layers, order, effort);
            let (wrapped, _) = wrap::into_rows(&layers, &full, row);
            let graph = LayerGraph::new(n, &wrapped, &edges);
            let num_rows = wrapped.iter().max().map_or(0, |&l| l as usize + 1);
            let order = order::initial_order(&graph, &wrapped, num_rows);
            let effort = Effort::for_size(n, graph.segments.len(), budget);
            (wrapped, graph, order, effort)
        }
        Some(row) => {
            let grouped = order::group(&graph, &layers, order);
            let (wrapped, rows) = wrap::into_rows(&layers, &grouped, row);
            let graph = LayerGraph::new(n, &wrapped, &edges);
            let effort = Effort::for_size(n, graph.segments.len(), budget);
            (wrapped, graph, rows, effort)
        }
    };
    let (order, xs) = order::reduce_crossings(&graph, &layers, order, effort);
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
