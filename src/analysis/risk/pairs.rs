//! Minimal cut sets of order 2 of a node that goes down when at least t of
//! its inputs do (t ≥ 2), by hit masks instead of products.
//!
//! A set S takes down input i iff it contains a member of i's family; its
//! *hits* are the inputs it takes down. With each node u that is a single
//! member somewhere given its mask m(u) (the inputs {u} takes down), and
//! each member pair P its mask m(P):
//!
//! - {u} is a minimal cut set iff |m(u)| ≥ t;
//! - {u, v} is one iff neither single is and |m(u) ∪ m(v) ∪ m({u, v})| ≥ t.
//!
//! Pairs of nodes that are no member pair hit only through their singles, so
//! nodes with the same mask are interchangeable: classes of equal masks are
//! paired (a few hundred masks at most) and only pairs that qualify are ever
//! formed. Member pairs are checked one by one. The product recursion of
//! [`super::cut_sets`] forms every pair of singles of two inputs before
//! knowing whether it reaches t, which on generated graphs was most of its
//! time. Cost: O(Σ |family| + classes² + output). Masks are 128 bits, so
//! up to 128 inputs; the recursion handles more.

use super::cut_sets::CutSet;
use crate::model::NodeIndex;
use hashbrown::HashMap;

/// The most inputs a mask can tell apart.
pub const MAX_INPUTS: usize = 128;

/// The minimal sets of at most two nodes that take down at least `threshold`
/// of `inputs` (families of order ≤ 2), in order; `None` past `max_sets`.
pub fn at_least(threshold: usize, inputs: &[&Vec<CutSet>], max_sets: usize) -> Option<Vec<CutSet>> {
    debug_assert!(inputs.len() <= MAX_INPUTS && threshold >= 2);
    let t = threshold as u32;
    let mut single: HashMap<NodeIndex, u128> = HashMap::new();
    let mut pair: HashMap<CutSet, u128> = HashMap::new();
    for (i, family) in inputs.iter().enumerate() {
        let bit = 1u128 << i;
        for set in family.iter() {
            match set.nodes() {
                [u] => *single.entry(*u).or_default() |= bit,
                [_, _] => *pair.entry(*set).or_default() |= bit,
                _ => unreachable!("families of order 2 hold sets of one or two nodes"),
            }
        }
    }
    let mut out: Vec<CutSet> = single.iter().filter(|(_, m)| m.count_ones() >= t).map(|(&u, _)| CutSet::single(u)).collect();
    let mut classes: HashMap<u128, Vec<NodeIndex>> = HashMap::new();
    for (&u, &mask) in single.iter().filter(|(_, m)| m.count_ones() < t) {
        classes.entry(mask).or_default().push(u);
    }
    let classes: Vec<(u128, Vec<NodeIndex>)> = classes.into_iter().collect();
    for (a, (mask_a, nodes_a)) in classes.iter().enumerate() {
        // A class with itself: the union is its own mask, below t.
        for (mask_b, nodes_b) in &classes[a + 1..] {
            if (mask_a | mask_b).count_ones() < t {
                continue;
            }
            for &u in nodes_a {
                out.extend(nodes_b.iter().map(|&v| CutSet::pair(u, v)));
            }
            if out.len() > max_sets {
                return None;
            }
        }
    }
    let mask_of = |u: &NodeIndex| single.get(u).copied().unwrap_or(0);
    for (&set, &mask) in &pair {
        let [u, v] = set.nodes() else { unreachable!("a pair") };
        let (mu, mv) = (mask_of(u), mask_of(v));
        if mu.count_ones() < t && mv.count_ones() < t && (mask | mu | mv).count_ones() >= t {
            out.push(set);
        }
    }
    // Member pairs may repeat pairs of classes; nothing else can be absorbed.
    super::cut_sets::sort(&mut out);
    out.dedup();
    (out.len() <= max_sets).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn family(sets: &[&[NodeIndex]]) -> Vec<CutSet> {
        let mut family: Vec<CutSet> = sets
            .iter()
            .map(|nodes| match nodes {
                [u] => CutSet::single(*u),
                [u, v] => CutSet::pair(*u, *v),
                _ => unreachable!(),
            })
            .collect();
        super::super::cut_sets::sort(&mut family);
        family
    }

    #[test]
    fn singles_classes_and_member_pairs_by_hand() {
        // Three inputs, two needed down: 1 takes down the first two alone;
        // 2 and 3 one each; {4, 5} the third, 4 the second.
        let a = family(&[&[1], &[2]]);
        let b = family(&[&[1], &[3], &[4]]);
        let c = family(&[&[4, 5], &[6]]);
        let result = at_least(2, &[&a, &b, &c], 100).unwrap();
        let expected = family(&[&[1], &[2, 3], &[2, 4], &[2, 6], &[3, 6], &[4, 6], &[4, 5]]);
        assert_eq!(result, expected);
        assert_eq!(at_least(2, &[&a, &b, &c], 3), None, "too many");
        // All three down: only 1 with 6 hits each ({4, 5} misses the first).
        assert_eq!(at_least(3, &[&a, &b, &c], 100).unwrap(), family(&[&[1, 6]]));
    }
}
