//! Phase 2: crossing reduction (the order of the nodes inside each layer).
//!
//! * Initial order: depth-first from the top layer along dependency edges, so
//!   a node's dependencies start out next to each other.
//! * Then alternating down/up sweeps of the barycentre heuristic. Positions
//!   are normalised to `(index + 0.5) / layer_len`, so neighbours in layers of
//!   different widths (and at any layer distance: long edges get no dummy
//!   nodes) can be averaged together. Nodes without neighbours on the sweep's
//!   side keep their slot.
//! * After every sweep a cheap crossing estimate is taken and the best order
//!   seen is kept; sweeping stops after two rounds without improvement.
//!
//! The estimate treats every edge as a straight line in the normalised
//! coordinates and counts, for each gap between two consecutive layers, the
//! inversions among the edges that start or end at that gap (a long edge takes
//! part in its first and its last gap only, so the cost stays O(m log m)
//! instead of O(m * span)). For edges between adjacent layers it is the exact
//! crossing count.
//!
//! Cost per sweep: O(n log n + m log m); at most `MAX_ROUNDS` rounds.

use super::{Csr, LayerGraph};

/// Upper bound on down+up rounds; in practice it stops much earlier.
const MAX_ROUNDS: usize = 12;
/// Rounds without improving the best order before giving up.
const PATIENCE: usize = 2;

/// Node order of every layer, left to right.
pub(super) fn reduce_crossings(g: &LayerGraph, layers: &[u32], num_layers: usize) -> (Vec<Vec<u32>>, Vec<f64>) {
    let mut order = initial_order(g, layers, num_layers);
    let mut pos = vec![0.0; layers.len()];
    let geo = std::env::var("GEO").is_ok();
    for layer in &order {
        if geo { let half = (layer.len() as f64 - 1.0) / 2.0; for (i, &v) in layer.iter().enumerate() { pos[v as usize] = (i as f64 - half) * 196.0; } } else {
        set_positions(layer, &mut pos); }
    }
    let estimator = Estimator::new(g, layers, num_layers);
    let mut scratch = Scratch { geo, median: std::env::var("MEDIAN").is_ok(), ..Scratch::default() };
    let mut best = order.clone();
    let mut best_pos = pos.clone();
    let mut best_count = estimator.count(&pos, &mut scratch);
    let mut stale = 0;
    let max_rounds: usize = std::env::var("ROUNDS").ok().and_then(|s| s.parse().ok()).unwrap_or(MAX_ROUNDS);
    for _ in 0..max_rounds {
        if best_count == 0 {
            break;
        }
        let before = best_count;
        let both = std::env::var("BOTH").is_ok();
        for dir in [0u8, 1, 2] {
            if dir == 2 && !both { continue; }
            let down = dir == 0;
            if dir == 2 { sweep_both(g, &mut order, &mut pos, &mut scratch); } else {
            sweep(g, &mut order, &mut pos, down, &mut scratch); }
            if std::env::var("TIN").is_ok() { transpose(g, layers, &mut order, &mut pos); }
            let count = estimator.count(&pos, &mut scratch);
            if std::env::var("DBG").is_ok() { eprintln!("sweep down={down} count={count} best={best_count}"); }
            if count < best_count {
                best_count = count;
                best.clone_from(&order);
                best_pos.clone_from(&pos);
            }
        }
        if best_count < before {
            stale = 0;
        } else {
            stale += 1;
            if stale >= std::env::var("PAT").ok().and_then(|s| s.parse().ok()).unwrap_or(PATIENCE) {
                break;
            }
        }
    }
    if std::env::var("TRANSPOSE").is_ok() {
        order = best.clone(); pos = best_pos.clone();
        let tp: usize = std::env::var("TRANSPOSE").ok().and_then(|s| s.parse().ok()).unwrap_or(4);
        for _ in 0..tp {
            let swaps = transpose(g, layers, &mut order, &mut pos);
            let count = estimator.count(&pos, &mut scratch);
            if std::env::var("DBG").is_ok() { eprintln!("transpose swaps={swaps} count={count} best={best_count}"); }
            if count < best_count { best_count = count; best.clone_from(&order); best_pos.clone_from(&pos); } else { break; }
            if swaps == 0 { break; }
        }
    }
    (best, best_pos)
}

const PAIR_BUDGET: usize = 4096;

fn transpose(g: &LayerGraph, layers: &[u32], order: &mut [Vec<u32>], pos: &mut [f64]) -> usize {
    let mut swaps = 0;
    for layer in order.iter_mut() {
        for i in 1..layer.len() {
            let (u, v) = (layer[i - 1] as usize, layer[i] as usize);
            let (xu, xv) = (pos[u], pos[v]);
            let mut keep = 0usize; let mut swap = 0usize;
            for side in [&g.up, &g.down] {
                let (nu, nv) = (side.neighbours(u), side.neighbours(v));
                if nu.len() * nv.len() > PAIR_BUDGET { continue; }
                for &a in nu { for &b in nv {
                    if a == b { continue; }
                    let la = layers[a as usize].abs_diff(layers[u]) as f64;
                    let lb = layers[b as usize].abs_diff(layers[u]) as f64;
                    let d = la.min(lb);
                    let (xa, xb) = (pos[a as usize], pos[b as usize]);
                    if xu + (xa - xu) * d / la > xv + (xb - xv) * d / lb { keep += 1; }
                    if xu + (xb - xu) * d / lb > xv + (xa - xv) * d / la { swap += 1; }
                }}
            }
            if swap < keep {
                layer.swap(i - 1, i);
                pos[u] = xv; pos[v] = xu;
                swaps += 1;
            }
        }
    }
    swaps
}

/// Pre-order DFS along downward edges, roots taken top layer first, each node
/// appended to its layer when first reached.
fn initial_order(g: &LayerGraph, layers: &[u32], num_layers: usize) -> Vec<Vec<u32>> {
    let n = layers.len();
    let mut roots: Vec<u32> = (0..n as u32).collect();
    roots.sort_by_key(|&v| (layers[v as usize], v));
    let mut order = vec![Vec::new(); num_layers];
    let mut seen = vec![false; n];
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

fn set_positions(layer: &[u32], pos: &mut [f64]) {
    let len = layer.len() as f64;
    for (i, &v) in layer.iter().enumerate() {
        pos[v as usize] = (i as f64 + 0.5) / len;
    }
}

/// Reusable buffers, so sweeps do not allocate per layer.
#[derive(Default)]
struct Scratch {
    keyed: Vec<(f64, u32)>,
    movable: Vec<bool>,
    pairs: Vec<(f64, f64)>,
    bottoms: Vec<f64>,
    merge: Vec<f64>,
    geo: bool,
    median: bool,
    med: Vec<f64>,
    fit: super::coords::Fit,
    want: Vec<(f64, f64)>,
}

/// One barycentre sweep: top to bottom using upper neighbours, or bottom to
/// top using lower neighbours.
fn sweep(g: &LayerGraph, order: &mut [Vec<u32>], pos: &mut [f64], down: bool, s: &mut Scratch) {
    let num_layers = order.len();
    if down {
        for layer in order.iter_mut().skip(1) {
            reorder(&g.up, layer, pos, s);
        }
    } else {
        for layer in order.iter_mut().take(num_layers.saturating_sub(1)).rev() {
            reorder(&g.down, layer, pos, s);
        }
    }
}

fn sweep_both(g: &LayerGraph, order: &mut [Vec<u32>], pos: &mut [f64], s: &mut Scratch) {
    for layer in order.iter_mut() { reorder2(&[&g.up, &g.down], layer, pos, s); }
}
fn reorder2(sides: &[&Csr], layer: &mut [u32], pos: &mut [f64], s: &mut Scratch) {
    s.keyed.clear();
    s.movable.clear();
    for &v in layer.iter() {
        let mut sum = 0.0; let mut c = 0;
        for side in sides { for &u in side.neighbours(v as usize) { sum += pos[u as usize]; c += 1; } }
        if c == 0 {
            s.movable.push(false);
        } else {
            s.keyed.push((sum / c as f64, v));
            s.movable.push(true);
        }
    }
    s.keyed.sort_by(|a, b| a.0.total_cmp(&b.0));
        s.want.clear();
        let mut next = s.keyed.iter();
        for (slot, &movable) in layer.iter_mut().zip(&s.movable) {
            if movable {
                if let Some(&(b, v)) = next.next() {
                    *slot = v;
                    let c: usize = sides.iter().map(|sd| sd.neighbours(v as usize).len()).sum();
                    s.want.push((b, c as f64));
                }
            } else {
                s.want.push((pos[*slot as usize], 1.0));
            }
        }
        s.fit.target.clear(); s.fit.weight.clear();
        for &(t, w) in &s.want { s.fit.target.push(t); s.fit.weight.push(w); }
        super::coords::fit_layer(layer, pos, &mut s.fit);
}

/// Sorts one layer by the barycentre of each node's neighbours in `side`.
fn reorder(side: &Csr, layer: &mut [u32], pos: &mut [f64], s: &mut Scratch) {
    s.keyed.clear();
    s.movable.clear();
    for &v in layer.iter() {
        let nb = side.neighbours(v as usize);
        if nb.is_empty() {
            s.movable.push(false);
        } else {
            let key = if s.median {
                s.med.clear(); s.med.extend(nb.iter().map(|&u| pos[u as usize])); s.med.sort_by(f64::total_cmp);
                let k = s.med.len(); if k % 2 == 1 { s.med[k/2] } else { (s.med[k/2 - 1] + s.med[k/2]) / 2.0 }
            } else {
            let sum: f64 = nb.iter().map(|&u| pos[u as usize]).sum();
            sum / nb.len() as f64 };
            s.keyed.push((key, v));
            s.movable.push(true);
        }
    }
    // Ties keep the current order: the sort is stable and `keyed` is in
    // current order.
    s.keyed.sort_by(|a, b| a.0.total_cmp(&b.0));
    if s.geo {
        // remember targets per slot
        s.want.clear();
        let mut next = s.keyed.iter();
        for (slot, &movable) in layer.iter_mut().zip(&s.movable) {
            if movable {
                if let Some(&(b, v)) = next.next() {
                    *slot = v;
                    s.want.push((b, side.neighbours(v as usize).len() as f64));
                }
            } else {
                s.want.push((pos[*slot as usize], 1.0));
            }
        }
        s.fit.target.clear(); s.fit.weight.clear();
        for &(t, w) in &s.want { s.fit.target.push(t); s.fit.weight.push(w); }
        super::coords::fit_layer(layer, pos, &mut s.fit);
        return;
    }
    let mut next = s.keyed.iter();
    for (slot, &movable) in layer.iter_mut().zip(&s.movable) {
        if movable {
            if let Some(&(_, v)) = next.next() {
                *slot = v;
            }
        }
    }
    set_positions(layer, pos);
}

/// Which end of an edge a gap entry stands for.
#[derive(Clone, Copy)]
struct GapEntry {
    edge: u32,
    /// `true`: the gap right below the upper endpoint; `false`: the gap right
    /// above the lower endpoint (only for edges spanning more than one gap).
    k: u32,
}

/// Crossing estimate with the gap membership precomputed (layers are fixed
/// during crossing reduction, only positions change).
struct Estimator<'g> {
    g: &'g LayerGraph,
    layers: &'g [u32],
    /// Entries grouped by gap: gap `k` (between layers k and k+1) owns
    /// `entries[start[k]..start[k + 1]]`.
    start: Vec<usize>,
    entries: Vec<GapEntry>,
}

impl<'g> Estimator<'g> {
    fn new(g: &'g LayerGraph, layers: &'g [u32], num_layers: usize) -> Self {
        let gaps = num_layers.saturating_sub(1);
        let mut tagged: Vec<(u32, GapEntry)> = Vec::with_capacity(2 * g.segments.len());
        for (e, &(a, b)) in g.segments.iter().enumerate() {
            let (la, lb) = (layers[a as usize], layers[b as usize]);
            let edge = e as u32;
            if std::env::var("FULL").is_ok() {
                for k in 0..lb - la { tagged.push((la + k, GapEntry { edge, k })); }
            } else {
            tagged.push((la, GapEntry { edge, k: 0 }));
            if lb - la > 1 {
                tagged.push((lb - 1, GapEntry { edge, k: lb - la - 1 }));
            }
            }
        }
        tagged.sort_by_key(|&(gap, _)| gap);
        let mut start = vec![0usize; gaps + 1];
        for &(gap, _) in &tagged {
            start[gap as usize + 1] += 1;
        }
        for k in 1..start.len() {
            start[k] += start[k - 1];
        }
        let entries = tagged.into_iter().map(|(_, entry)| entry).collect();
        Estimator { g, layers, start, entries }
    }

    fn count(&self, pos: &[f64], s: &mut Scratch) -> u64 {
        let mut total = 0;
        for gap in self.start.windows(2) {
            s.pairs.clear();
            for entry in &self.entries[gap[0]..gap[1]] {
                let (a, b) = self.g.segments[entry.edge as usize];
                let (pa, pb) = (pos[a as usize], pos[b as usize]);
                let span = f64::from(self.layers[b as usize] - self.layers[a as usize]);
                let step = (pb - pa) / span;
                let k = f64::from(entry.k);
                s.pairs.push((pa + step * k, pa + step * (k + 1.0)));
            }
            s.pairs.sort_by(|x, y| x.0.total_cmp(&y.0).then(x.1.total_cmp(&y.1)));
            s.bottoms.clear();
            s.bottoms.extend(s.pairs.iter().map(|p| p.1));
            total += inversions(&mut s.bottoms, &mut s.merge);
        }
        total
    }
}

/// Number of pairs i < j with `v[i] > v[j]` (strictly), by merge sort; sorts
/// `v` as a side effect. Equal values are shared endpoints, not crossings.
fn inversions(v: &mut [f64], buf: &mut Vec<f64>) -> u64 {
    let n = v.len();
    if n < 2 {
        return 0;
    }
    buf.clear();
    buf.resize(n, 0.0);
    let mut count = 0u64;
    let mut width = 1;
    // Bottom-up merge sort: no recursion, one buffer.
    while width < n {
        let mut lo = 0;
        while lo < n {
            let mid = (lo + width).min(n);
            let hi = (lo + 2 * width).min(n);
            let (mut i, mut j, mut k) = (lo, mid, lo);
            while i < mid && j < hi {
                if v[j] < v[i] {
                    // v[j] is smaller than everything left in the left run.
                    count += (mid - i) as u64;
                    buf[k] = v[j];
                    j += 1;
                } else {
                    buf[k] = v[i];
                    i += 1;
                }
                k += 1;
            }
            buf[k..k + (mid - i)].copy_from_slice(&v[i..mid]);
            k += mid - i;
            buf[k..k + (hi - j)].copy_from_slice(&v[j..hi]);
            lo = hi;
        }
        v.copy_from_slice(buf);
        width *= 2;
    }
    count
}

#[cfg(test)]
mod tests {
    use super::inversions;

    #[test]
    fn inversions_count_strict_pairs() {
        let mut buf = Vec::new();
        assert_eq!(inversions(&mut [], &mut buf), 0);
        assert_eq!(inversions(&mut [1.0, 2.0, 3.0], &mut buf), 0);
        assert_eq!(inversions(&mut [3.0, 2.0, 1.0], &mut buf), 3);
        assert_eq!(inversions(&mut [1.0, 1.0, 1.0], &mut buf), 0);
        assert_eq!(inversions(&mut [2.0, 1.0, 2.0, 1.0, 3.0], &mut buf), 3);
        // Cross-check against the quadratic definition.
        let mut seed = 7u64;
        let v: Vec<f64> = (0..57)
            .map(|_| {
                seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                ((seed >> 33) % 10) as f64
            })
            .collect();
        let slow = (0..v.len())
            .flat_map(|i| (i + 1..v.len()).map(move |j| (i, j)))
            .filter(|&(i, j)| v[i] > v[j])
            .count() as u64;
        assert_eq!(inversions(&mut v.clone(), &mut buf), slow);
    }
}
