//! Phase 2: crossing reduction (the order of the nodes inside each layer).
//!
//! Edges are drawn as straight lines, and long edges get no dummy nodes, so
//! the ordering works on actual x coordinates rather than on slot indices:
//!
//! * Initial order: depth-first from the top layer along dependency edges,
//!   so a node's dependencies start out next to each other; every layer is
//!   packed and centred on x = 0.
//! * Rounds of three barycentre sweeps: top to bottom using upper
//!   neighbours, bottom to top using lower neighbours, then all layers using
//!   both. A layer is sorted by the mean x of each node's neighbours (at any
//!   layer distance) and then placed as close to those means as the minimum
//!   spacing allows ([`fit_layer`]), so later layers see realistic positions.
//!   Nodes without neighbours on the sweep's side keep their slot.
//! * After each sweep one pass of adjacent swaps ([`transpose`]) fixes
//!   local mistakes the barycentre cannot see.
//! * The [`Estimator`] scores each sweep; the best order (and its x) is kept,
//!   and sweeping stops after `PATIENCE` rounds without improvement.
//! * How many sweeps and polishing passes a graph gets is its [`Effort`]:
//!   all of them on small graphs, on big ones what `WORK_BUDGET` allows.
//!
//! Cost per sweep: O(n log n + m log m) plus the transpose pass, which is
//! O(m * sqrt(`PAIR_BUDGET`)) at worst; at most `MAX_ROUNDS` rounds, and at
//! most max(3, `WORK_BUDGET` / (n + segments)) sweeps.

use super::coords::{fit_layer, Fit, SPACING};
use super::estimate::Estimator;
use super::{Csr, LayerGraph};

/// Upper bound on rounds; in practice it stops much earlier.
const MAX_ROUNDS: usize = 12;
/// Rounds without improving the best order before giving up.
const PATIENCE: usize = 2;
/// Extra transpose passes on the best order after the sweeps.
const FINAL_TRANSPOSES: usize = 4;
/// Adjacent pairs whose edge pairs on one side exceed this are not
/// considered for swapping (hubs), which bounds a transpose pass.
const PAIR_BUDGET: usize = 4096;
/// Sweeps of the three kinds in one round.
const SWEEPS: [Sweep; 3] = [Sweep::Down, Sweep::Up, Sweep::Both];
/// Nodes plus edge segments that one ordering may visit in its sweeps and
/// polishing passes, counting each sweep (with its transpose pass and
/// estimate) as one visit of every node and segment: a graph of up to
/// about 100,000 nodes and segments gets every round, a bigger one as many
/// sweeps as fit, so the ordering of a very big graph takes about as long
/// as that of a 100,000-element one (opening 50,000 nodes has to fit into
/// issue 14's budget).
pub(super) const WORK_BUDGET: usize = SWEEPS.len() * MAX_ROUNDS * 100_000;

/// Which neighbours a sweep sorts by, and in which layer order it runs.
#[derive(Clone, Copy)]
enum Sweep {
    Down,
    Up,
    Both,
}

/// How much ordering work to spend on one graph.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Effort {
    /// Sweeps, each followed by a transpose pass and an estimate, in rounds
    /// of the three kinds; the last round may be cut short.
    sweeps: usize,
    /// Transpose passes on the best order afterwards.
    polish: usize,
    /// See [`Effort::affords_two_orderings`].
    twice: bool,
}

impl Effort {
    /// Every round and polishing pass on graphs a person could read whole;
    /// on bigger ones as many sweeps as `budget` (node and segment visits,
    /// [`WORK_BUDGET`] outside tests) allows, and at least one round, so
    /// every graph gets its order.
    pub(super) fn for_size(nodes: usize, segments: usize, budget: usize) -> Effort {
        let full = SWEEPS.len() * MAX_ROUNDS;
        let affordable = budget / (nodes + segments).max(1);
        Effort {
            sweeps: affordable.clamp(SWEEPS.len(), full),
            polish: (affordable.saturating_sub(full) / SWEEPS.len()).min(FINAL_TRANSPOSES),
            twice: affordable >= 2 * SWEEPS.len() * (MAX_ROUNDS + FINAL_TRANSPOSES),
        }
    }

    /// Whether the budget covers two full orderings: one of the whole
    /// layers before wide ones are wrapped into rows, one of the rows.
    pub(super) fn affords_two_orderings(self) -> bool {
        self.twice
    }
}

/// Node order of every layer (left to right), improved from `order`, and an
/// x for every node that respects that order and the minimum spacing.
pub(super) fn reduce_crossings(
    g: &LayerGraph,
    layers: &[u32],
    mut order: Vec<Vec<u32>>,
    effort: Effort,
) -> (Vec<Vec<u32>>, Vec<f64>) {
    let mut x = packed(&order, layers.len());
    let mut estimator = Estimator::new(g, layers, order.len());
    let mut scratch = Scratch::default();
    let mut best = (order.clone(), x.clone());
    let mut best_count = estimator.count(&x);
    let mut stale = 0;
    let mut sweeps_left = effort.sweeps;
    'rounds: while best_count > 0 {
        let before = best_count;
        for kind in SWEEPS {
            if sweeps_left == 0 {
                break 'rounds;
            }
            sweeps_left -= 1;
            sweep(g, &mut order, &mut x, kind, &mut scratch);
            transpose(g, layers, &mut order, &mut x, &mut scratch);
            let count = estimator.count(&x);
            if count < best_count {
                best_count = count;
                best.0.clone_from(&order);
                best.1.clone_from(&x);
            }
        }
        if best_count < before {
            stale = 0;
        } else {
            stale += 1;
            if stale >= PATIENCE {
                break;
            }
        }
    }

    // Polish the winner with adjacent swaps while that still helps.
    let (mut order, mut x) = (best.0.clone(), best.1.clone());
    for _ in 0..effort.polish {
        if best_count == 0 || transpose(g, layers, &mut order, &mut x, &mut scratch) == 0 {
            break;
        }
        let count = estimator.count(&x);
        if count >= best_count {
            break;
        }
        best_count = count;
        best.0.clone_from(&order);
        best.1.clone_from(&x);
    }
    best
}

/// One sweep of each kind, unjudged: enough to bring nodes that share
/// neighbours together before wide layers are dealt into rows, which is all
/// the order of the unwrapped layers is used for.
pub(super) fn group(g: &LayerGraph, layers: &[u32], mut order: Vec<Vec<u32>>) -> Vec<Vec<u32>> {
    let mut x = packed(&order, layers.len());
    let mut scratch = Scratch::default();
    for kind in SWEEPS {
        sweep(g, &mut order, &mut x, kind, &mut scratch);
    }
    order
}

/// Every layer packed at minimum spacing and centred on x = 0.
fn packed(order: &[Vec<u32>], n: usize) -> Vec<f64> {
    let mut x = vec![0.0; n];
    for layer in order {
        let half = (layer.len() as f64 - 1.0) / 2.0;
        for (i, &v) in layer.iter().enumerate() {
            x[v as usize] = (i as f64 - half) * SPACING;
        }
    }
    x
}

/// Pre-order DFS along downward edges, roots taken top layer first, each node
/// appended to its layer when first reached.
pub(super) fn initial_order(g: &LayerGraph, layers: &[u32], num_layers: usize) -> Vec<Vec<u32>> {
    let n = layers.len();
    let mut roots: Vec<u32> = (0..n as u32).collect();
    roots.sort_by_key(|&v| (layers[v as usize], v));
    let mut order = vec![Vec::new(); num_layers];
    let mut seen = vec![false; n];
    // Explicit stack: deep chains must not overflow the (small, in wasm)
    // call stack.
    let mut stack: Vec<(usize, usize)> = Vec::new();
    for root in roots {
        let root = root as usize;
        if seen[root] {
            continue;
        }
        seen[root] = true;
        order[layers[root] as usize].push(root as u32);
        stack.push((root, 0));
        while let Some(top) = stack.last_mut() {
            let (v, i) = *top;
            match g.down.neighbours(v).get(i) {
                Some(&w) => {
                    top.1 += 1;
                    let w = w as usize;
                    if !seen[w] {
                        seen[w] = true;
                        order[layers[w] as usize].push(w as u32);
                        stack.push((w, 0));
                    }
                }
                None => {
                    stack.pop();
                }
            }
        }
    }
    order
}

/// Reusable buffers, so sweeps do not allocate per layer.
#[derive(Default)]
struct Scratch {
    /// (barycentre, neighbour count, node) of the movable nodes.
    keyed: Vec<(f64, usize, u32)>,
    movable: Vec<bool>,
    fit: Fit,
    /// Neighbours of the layer being transposed, and where each node's are.
    ends: Vec<End>,
    spans: Vec<[usize; 3]>,
}

fn sweep(g: &LayerGraph, order: &mut [Vec<u32>], x: &mut [f64], kind: Sweep, s: &mut Scratch) {
    let num_layers = order.len();
    match kind {
        Sweep::Down => {
            for layer in order.iter_mut().skip(1) {
                reorder(&[&g.up], layer, x, s);
            }
        }
        Sweep::Up => {
            for layer in order.iter_mut().take(num_layers.saturating_sub(1)).rev() {
                reorder(&[&g.down], layer, x, s);
            }
        }
        Sweep::Both => {
            for layer in order.iter_mut() {
                reorder(&[&g.up, &g.down], layer, x, s);
            }
        }
    }
}

/// Sorts one layer by the barycentre of each node's neighbours in `sides`,
/// then places it as close to those barycentres as spacing allows.
fn reorder(sides: &[&Csr], layer: &mut [u32], x: &mut [f64], s: &mut Scratch) {
    s.keyed.clear();
    s.movable.clear();
    for &v in layer.iter() {
        let (mut sum, mut count) = (0.0, 0usize);
        for side in sides {
            for &u in side.neighbours(v as usize) {
                sum += x[u as usize];
                count += 1;
            }
        }
        s.movable.push(count > 0);
        if count > 0 {
            s.keyed.push((sum / count as f64, count, v));
        }
    }
    // Ties keep the current order: the sort is stable and `keyed` is in
    // current order.
    s.keyed.sort_by(|a, b| a.0.total_cmp(&b.0));

    s.fit.target.clear();
    s.fit.weight.clear();
    let mut next = s.keyed.iter();
    for (slot, &movable) in layer.iter_mut().zip(&s.movable) {
        let picked = if movable { next.next() } else { None };
        let (target, weight) = match picked {
            Some(&(bary, count, v)) => {
                *slot = v;
                (bary, count as f64)
            }
            // Unconnected on this side: stay in the slot and near the
            // current x, with the weight of one neighbour.
            None => (x[*slot as usize], 1.0),
        };
        s.fit.target.push(target);
        s.fit.weight.push(weight);
    }
    fit_layer(layer, x, &mut s.fit);
}

/// One left-to-right pass over every layer, swapping adjacent nodes when that
/// lowers the crossings among their own edges. Swapped nodes exchange their x,
/// so order and spacing stay valid. Returns the number of swaps.
///
/// Two straight edges leaving neighbours u (left) and v (right) on the same
/// side cross exactly when, at the layer distance of the nearer of their far
/// ends, u's edge is already right of v's. Edges on opposite sides cannot
/// cross each other.
fn transpose(g: &LayerGraph, layers: &[u32], order: &mut [Vec<u32>], x: &mut [f64], s: &mut Scratch) -> usize {
    let mut swaps = 0;
    for layer in order.iter_mut() {
        gather_ends(g, layers, layer, x, s);
        for i in 1..layer.len() {
            let (u, v) = (layer[i - 1] as usize, layer[i] as usize);
            let (xu, xv) = (x[u], x[v]);
            let (su, sv) = (s.spans[i - 1], s.spans[i]);
            let (mut keep, mut swap) = (0usize, 0usize);
            for side in 0..2 {
                let nu = &s.ends[su[side]..su[side + 1]];
                let nv = &s.ends[sv[side]..sv[side + 1]];
                if nu.len() * nv.len() > PAIR_BUDGET {
                    continue;
                }
                for a in nu {
                    for b in nv {
                        if a.node == b.node {
                            continue;
                        }
                        let d = a.dist.min(b.dist);
                        // Currently u at xu, v at xv; swapped v at xu, u at xv.
                        if reach(xu, a.x, d, a.dist) > reach(xv, b.x, d, b.dist) {
                            keep += 1;
                        }
                        if reach(xu, b.x, d, b.dist) > reach(xv, a.x, d, a.dist) {
                            swap += 1;
                        }
                    }
                }
            }
            if swap < keep {
                layer.swap(i - 1, i);
                s.spans.swap(i - 1, i);
                x[u] = xv;
                x[v] = xu;
                swaps += 1;
            }
        }
    }
    swaps
}

/// The far end of an edge, as [`transpose`] compares them.
#[derive(Clone, Copy)]
struct End {
    node: u32,
    /// Layers between the two ends.
    dist: f64,
    x: f64,
}

/// Fills `s.ends` with the upper then lower neighbours of each node of
/// `layer`, and `s.spans[i]` with where those of the i-th node start, switch
/// sides and end. The neighbours sit in other layers, so their x stays put
/// while this layer is transposed; gathered once, the pair tests read them
/// from one contiguous buffer instead of all over the graph.
fn gather_ends(g: &LayerGraph, layers: &[u32], layer: &[u32], x: &[f64], s: &mut Scratch) {
    s.ends.clear();
    s.spans.clear();
    for &v in layer {
        let here = layers[v as usize];
        let mut span = [s.ends.len(); 3];
        for (side, csr) in [&g.up, &g.down].into_iter().enumerate() {
            s.ends.extend(csr.neighbours(v as usize).iter().map(|&a| End {
                node: a,
                dist: f64::from(layers[a as usize].abs_diff(here)),
                x: x[a as usize],
            }));
            span[side + 1] = s.ends.len();
        }
        s.spans.push(span);
    }
}

/// x after `d` of the `len` layers of a straight edge from `from` to `to`;
/// exact at the far end, where rounding would fake crossings.
fn reach(from: f64, to: f64, d: f64, len: f64) -> f64 {
    if d >= len {
        to
    } else {
        from + (to - from) * d / len
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_graphs_get_full_effort_and_big_ones_what_the_budget_allows() {
        let effort = |sweeps, polish, twice| Effort { sweeps, polish, twice };
        for (nodes, segments, expected) in [
            (1_000, 5_000, effort(36, 4, true)),
            (0, 0, effort(36, 4, true)),
            // Every sweep, fewer polishing passes, one ordering only.
            (10_000, 50_000, effort(36, 4, false)),
            (30_000, 60_000, effort(36, 1, false)),
            // 3,600,000 / 275,000 = 13 sweeps: four rounds and a Down sweep.
            (50_000, 225_000, effort(13, 0, false)),
            // Past the budget, still one whole round.
            (1_000_000, 5_000_000, effort(3, 0, false)),
        ] {
            assert_eq!(Effort::for_size(nodes, segments, WORK_BUDGET), expected, "{nodes} nodes, {segments} segments");
        }
    }
}
