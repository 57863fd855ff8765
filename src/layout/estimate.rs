//! Cheap crossing estimate used to compare orders during crossing reduction.
//!
//! Every edge is a straight line from its upper to its lower endpoint. Two
//! such lines cross inside the gap between layers k and k+1 exactly when
//! their order at layer k and at layer k+1 differs, so counting inversions per
//! gap and summing gives the number of crossings (touching at a shared
//! endpoint is not an inversion). An edge spanning s gaps would take part in
//! s gaps; to keep the cost bounded each edge is sampled in at most
//! `max(2, GAP_BUDGET / m)` of its gaps, always including the first and the
//! last. Small graphs are therefore counted exactly (for straight lines); big
//! ones approximately, which is all the comparison of orders needs.
//!
//! Cost per count: O(E log E) with E <= max(2m, `GAP_BUDGET`) sampled entries.

use super::LayerGraph;

/// Total gap samples worth spending per estimate.
const GAP_BUDGET: usize = 65_536;

/// One edge sampled at one gap.
#[derive(Clone, Copy)]
struct Sample {
    edge: u32,
    /// Gaps below the edge's upper endpoint (0 = the gap right below it).
    step: u32,
}

pub(super) struct Estimator<'g> {
    g: &'g LayerGraph,
    layers: &'g [u32],
    /// Samples grouped by gap: gap k (between layers k and k+1) owns
    /// `samples[start[k]..start[k + 1]]`. Layers stay fixed while the order
    /// changes, so this is computed once.
    start: Vec<usize>,
    samples: Vec<Sample>,
    pairs: Vec<(f64, f64)>,
    bottoms: Vec<f64>,
    merge: Vec<f64>,
}

impl<'g> Estimator<'g> {
    pub(super) fn new(g: &'g LayerGraph, layers: &'g [u32], num_layers: usize) -> Self {
        let gaps = num_layers.saturating_sub(1);
        let per_edge = (GAP_BUDGET / g.segments.len().max(1)).max(2);
        let mut tagged: Vec<(u32, Sample)> = Vec::new();
        for (e, &(a, b)) in g.segments.iter().enumerate() {
            let (la, lb) = (layers[a as usize], layers[b as usize]);
            let span = (lb - la) as usize;
            let edge = e as u32;
            if span <= per_edge {
                tagged.extend((0..lb - la).map(|step| (la + step, Sample { edge, step })));
            } else {
                // Evenly spread samples; spacing >= 1, so rounding keeps
                // them distinct, and the ends are always included.
                let spacing = (span - 1) as f64 / (per_edge - 1) as f64;
                tagged.extend((0..per_edge).map(|j| {
                    let step = (j as f64 * spacing).round() as u32;
                    (la + step, Sample { edge, step })
                }));
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
        Estimator {
            g,
            layers,
            start,
            samples: tagged.into_iter().map(|(_, s)| s).collect(),
            pairs: Vec::new(),
            bottoms: Vec::new(),
            merge: Vec::new(),
        }
    }

    /// Estimated crossings of straight edges with the nodes at `x`.
    pub(super) fn count(&mut self, x: &[f64]) -> u64 {
        let mut total = 0;
        for k in 0..self.start.len().saturating_sub(1) {
            self.pairs.clear();
            for s in &self.samples[self.start[k]..self.start[k + 1]] {
                let (a, b) = self.g.segments[s.edge as usize];
                let (xa, xb) = (x[a as usize], x[b as usize]);
                let span = self.layers[b as usize] - self.layers[a as usize];
                // Exact at the endpoints: rounding there would turn edges
                // that share an endpoint into false crossings.
                let at = |step: u32| match step {
                    0 => xa,
                    s if s == span => xb,
                    s => xa + (xb - xa) * f64::from(s) / f64::from(span),
                };
                self.pairs.push((at(s.step), at(s.step + 1)));
            }
            self.pairs
                .sort_unstable_by(|p, q| p.0.total_cmp(&q.0).then(p.1.total_cmp(&q.1)));
            self.bottoms.clear();
            self.bottoms.extend(self.pairs.iter().map(|p| p.1));
            total += inversions(&mut self.bottoms, &mut self.merge);
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
                seed = seed
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(1_442_695_040_888_963_407);
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
