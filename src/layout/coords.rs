//! Phase 3: horizontal coordinates, and the per-layer placement step the
//! crossing reduction also uses.
//!
//! Crossing reduction already leaves every node at an x that keeps its
//! layer's order and spacing (starting from layers packed at `NODE_WIDTH +
//! NODE_GAP` and centred on x = 0, so narrow layers sit in the middle of the
//! widest). Here a few balancing passes pull every node towards the mean x
//! of all its neighbours, above and below, so a node ends up centred over its
//! dependencies and under its dependents where spacing allows.
//!
//! Each layer is solved exactly as a weighted least-squares fit of its
//! targets under the constraints "keep the order" and "keep the minimum
//! spacing" ([`fit_layer`]): substituting `y_i = x_i - i * SPACING` turns the
//! constraints into "y non-decreasing", i.e. isotonic regression, which the
//! pool-adjacent-violators algorithm solves in O(layer length).
//!
//! Cost: O(`BALANCE_PASSES` * (n + m)).

use super::{Csr, LayerGraph, NODE_GAP, NODE_WIDTH};

/// Passes over all layers pulling towards all neighbours. Two are enough
/// for the crossing reduction's output; more mostly shift things by pixels.
const BALANCE_PASSES: usize = 2;
/// Centre-to-centre distance of neighbouring nodes in a layer.
pub(super) const SPACING: f64 = NODE_WIDTH + NODE_GAP;

/// Final x of every node's centre (arbitrary origin; the caller shifts it),
/// starting from `x`, which must already respect `order` and SPACING.
pub(super) fn balance(g: &LayerGraph, order: &[Vec<u32>], mut x: Vec<f64>) -> Vec<f64> {
    let mut fit = Fit::default();
    for _ in 0..BALANCE_PASSES {
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
