//! Phase 3: horizontal coordinates.
//!
//! Start with every layer packed at `NODE_WIDTH + NODE_GAP` spacing and
//! centred on x = 0 (so narrow layers sit in the middle of the widest one).
//! Then a few relaxation passes pull every node towards the mean x of its
//! neighbours: down passes use upper neighbours, up passes lower neighbours
//! (a light version of Brandes-Köpf's alignment), and final passes use both
//! to balance. Each layer is solved exactly as a weighted least-squares fit
//! of its targets under the constraints "keep the order" and "keep the
//! minimum spacing", via the pool-adjacent-violators algorithm, in O(len).
//!
//! Cost: O(PASSES * (n + m)).

use super::{Csr, LayerGraph, NODE_GAP, NODE_WIDTH};

/// Down+up relaxation passes, followed by `BALANCE_PASSES` using both sides.
const PASSES: usize = 4;
const BALANCE_PASSES: usize = 2;
/// Centre-to-centre distance of neighbouring nodes in a layer.
const SPACING: f64 = NODE_WIDTH + NODE_GAP;

/// x of every node's centre (arbitrary origin; the caller shifts it).
pub(super) fn assign_x(g: &LayerGraph, order: &[Vec<u32>], n: usize, init: Vec<f64>) -> Vec<f64> {
    let mut x = vec![0.0; n];
    for layer in order {
        let half = (layer.len() as f64 - 1.0) / 2.0;
        for (i, &v) in layer.iter().enumerate() {
            x[v as usize] = (i as f64 - half) * SPACING;
        }
    }
    if std::env::var("KEEPX").is_ok() { x = init; }
    let passes: usize = std::env::var("PASSES").ok().and_then(|s| s.parse().ok()).unwrap_or(PASSES);
    let bpasses: usize = std::env::var("BPASSES").ok().and_then(|s| s.parse().ok()).unwrap_or(BALANCE_PASSES);
    let mut fit = Fit::default();
    for _ in 0..passes {
        for layer in order.iter().skip(1) {
            pull(layer, &mut x, &[&g.up], &mut fit);
        }
        for layer in order.iter().rev().skip(1) {
            pull(layer, &mut x, &[&g.down], &mut fit);
        }
    }
    for _ in 0..bpasses {
        for layer in order {
            pull(layer, &mut x, &[&g.up, &g.down], &mut fit);
        }
    }
    x
}

/// Reusable buffers for the per-layer fit.
#[derive(Default)]
pub(super) struct Fit {
    /// Wanted x and its weight, per slot of the layer being fitted.
    pub(super) target: Vec<f64>,
    pub(super) weight: Vec<f64>,
    /// Pooled blocks: (total weight, weighted sum of targets, node count).
    blocks: Vec<(f64, f64, usize)>,
}

/// Moves the nodes of `layer` as close as possible (weighted least squares)
/// to the mean x of their neighbours in `sides`, keeping order and spacing.
fn pull(layer: &[u32], x: &mut [f64], sides: &[&Csr], fit: &mut Fit) {
    fit.target.clear();
    fit.weight.clear();
    for &v in layer {
        let v = v as usize;
        let (mut sum, mut count) = (0.0, 0usize);
        for side in sides {
            for &u in side.neighbours(v) {
                sum += x[u as usize];
                count += 1;
            }
        }
        // Nodes without neighbours on these sides want to stay put, with the
        // weight of one neighbour so they can still be pushed aside.
        let (target, weight) = if count == 0 {
            (x[v], 1.0)
        } else {
            (sum / count as f64, count as f64)
        };
        fit.target.push(target);
        fit.weight.push(weight);
    }
    fit_layer(layer, x, fit);
}

/// Sets x of the nodes of `layer` (in this order) to minimise
/// sum(weight * (x - target)^2) subject to centres at least SPACING apart.
pub(super) fn fit_layer(layer: &[u32], x: &mut [f64], fit: &mut Fit) {
    fit.blocks.clear();
    for (i, (&t, &w)) in fit.target.iter().zip(&fit.weight).enumerate() {
        // Substituting y_i = x_i - i * SPACING turns "x_{i+1} - x_i >=
        // SPACING" into "y non-decreasing": isotonic regression, solved by
        // pooling adjacent violators.
        let y = t - i as f64 * SPACING;
        let mut block = (w, w * y, 1usize);
        // Merge with the previous block while it would sit to the right.
        while let Some(&(pw, ps, pc)) = fit.blocks.last() {
            if ps / pw <= block.1 / block.0 {
                break;
            }
            block = (block.0 + pw, block.1 + ps, block.2 + pc);
            fit.blocks.pop();
        }
        fit.blocks.push(block);
    }

    let mut start = 0;
    for &(w, s, count) in &fit.blocks {
        let y = s / w;
        for (i, &v) in layer.iter().enumerate().skip(start).take(count) {
            x[v as usize] = y + i as f64 * SPACING;
        }
        start += count;
    }
}
