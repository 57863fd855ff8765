//! Counting merges of sorted node sets: the nodes present in at least
//! `threshold` of n sets (the union for 1, the intersection for n).
//!
//! Intersections are merged two at a time, O(Σ|set|) since they only
//! shrink. Other counts over few sets (most nodes have under ten
//! dependencies) are merged pairwise or with a k-way merge, O(n · Σ|set|);
//! over many sets (a node with 200,000 dependencies) they are concatenated
//! and sorted once, O(S log S) for S = Σ|set|, instead of growing a union one
//! set at a time, which is O(n · S).

use crate::model::NodeIndex;

/// Up to this many sets are merged by scanning every head per step.
const MAX_MERGED: usize = 8;

/// Scratch buffers reused from node to node, so a pass allocates once.
#[derive(Default)]
pub struct Scratch {
    spare: Vec<NodeIndex>,
    all: Vec<NodeIndex>,
}

/// Writes into `out` (cleared first), in order, the nodes present in at least
/// `threshold` (≥ 1) of the sorted `sets`.
pub fn at_least(sets: &[&[NodeIndex]], threshold: usize, out: &mut Vec<NodeIndex>, scratch: &mut Scratch) {
    out.clear();
    let n = sets.len();
    if threshold == 0 || threshold > n {
        return;
    }
    // Intersections only shrink, so two at a time costs at most 2 · Σ|set|
    // for any n; unions grow, so only few of them are merged that way.
    if threshold == n || (n <= MAX_MERGED && threshold == 1) {
        // Intersection and union (any and all, most nodes): two sets at a time.
        let keep_common = threshold > 1;
        out.extend_from_slice(sets[0]);
        for set in &sets[1..] {
            if keep_common && out.is_empty() {
                break;
            }
            if keep_common {
                intersection(out, set, &mut scratch.spare);
            } else {
                union(out, set, &mut scratch.spare);
            }
            std::mem::swap(out, &mut scratch.spare);
        }
    } else if n <= MAX_MERGED {
        let mut heads: [&[NodeIndex]; MAX_MERGED] = [&[]; MAX_MERGED];
        heads[..n].copy_from_slice(sets);
        at_least_merged(&mut heads[..n], threshold, out);
    } else {
        at_least_sorted(sets, threshold, &mut scratch.all, out);
    }
}

/// The union of two sorted sets into `out`.
pub fn union(a: &[NodeIndex], b: &[NodeIndex], out: &mut Vec<NodeIndex>) {
    merge(a, b, false, out);
}

/// The intersection of two sorted sets into `out`.
pub fn intersection(a: &[NodeIndex], b: &[NodeIndex], out: &mut Vec<NodeIndex>) {
    merge(a, b, true, out);
}

/// Written without data-dependent branches: which side advances is a coin
/// toss on real kill sets, and mispredicted branches dominated.
fn merge(a: &[NodeIndex], b: &[NodeIndex], keep_common: bool, out: &mut Vec<NodeIndex>) {
    out.clear();
    out.resize(a.len() + b.len(), 0);
    let (mut i, mut j, mut k) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        let (x, y) = (a[i], b[j]);
        out[k] = x.min(y);
        k += usize::from(!keep_common || x == y);
        i += usize::from(x <= y);
        j += usize::from(y <= x);
    }
    if keep_common {
        out.truncate(k);
    } else {
        // One side is exhausted; the rest of the other follows unchanged.
        let rest = if i < a.len() { &a[i..] } else { &b[j..] };
        out[k..k + rest.len()].copy_from_slice(rest);
        out.truncate(k + rest.len());
    }
}

/// A k-way merge: each step takes the smallest head and counts its copies.
fn at_least_merged(sets: &mut [&[NodeIndex]], threshold: usize, out: &mut Vec<NodeIndex>) {
    // Empty sets can never contribute; dropping them keeps every head valid.
    let mut live = 0;
    for i in 0..sets.len() {
        if !sets[i].is_empty() {
            sets.swap(live, i);
            live += 1;
        }
    }
    // Stop as soon as too few sets are left for anything to reach the threshold.
    while live >= threshold {
        let smallest = sets[..live].iter().map(|s| s[0]).min().unwrap_or(NodeIndex::MAX);
        let mut copies = 0;
        let mut i = 0;
        while i < live {
            if sets[i][0] == smallest {
                copies += 1;
                sets[i] = &sets[i][1..];
                if sets[i].is_empty() {
                    live -= 1;
                    sets.swap(i, live);
                    continue;
                }
            }
            i += 1;
        }
        if copies >= threshold {
            out.push(smallest);
        }
    }
}

/// For many sets, where scanning every head per step would cost more than one sort.
fn at_least_sorted(sets: &[&[NodeIndex]], threshold: usize, all: &mut Vec<NodeIndex>, out: &mut Vec<NodeIndex>) {
    all.clear();
    for set in sets {
        all.extend_from_slice(set);
    }
    all.sort_unstable();
    for run in all.chunk_by(|a, b| a == b) {
        if run.len() >= threshold {
            out.push(run[0]);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The definition: count each node's copies.
    fn reference(sets: &[Vec<NodeIndex>], threshold: usize) -> Vec<NodeIndex> {
        let mut counts = std::collections::BTreeMap::new();
        for set in sets {
            for &u in set {
                *counts.entry(u).or_insert(0) += 1;
            }
        }
        counts.into_iter().filter(|&(_, c)| c >= threshold).map(|(u, _)| u).collect()
    }

    proptest! {
        #[test]
        fn counts_copies_for_every_size_and_threshold(
            sets in proptest::collection::vec(proptest::collection::btree_set(0u32..40, 0..12), 1..20),
            threshold in 1usize..20,
        ) {
            let sets: Vec<Vec<NodeIndex>> = sets.into_iter().map(|s| s.into_iter().collect()).collect();
            let slices: Vec<&[NodeIndex]> = sets.iter().map(Vec::as_slice).collect();
            let mut out = Vec::new();
            at_least(&slices, threshold, &mut out, &mut Scratch::default());
            prop_assert_eq!(out, reference(&sets, threshold));
        }
    }

    #[test]
    fn union_and_intersection_of_two() {
        let mut out = Vec::new();
        union(&[1, 3, 5], &[2, 3], &mut out);
        assert_eq!(out, [1, 2, 3, 5]);
        intersection(&[1, 3, 5], &[2, 3, 5], &mut out);
        assert_eq!(out, [3, 5]);
    }
}
