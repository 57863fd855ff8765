//! Importance measures: how much a feature's unavailability depends on each node.
//!
//! With Q = 1 − availability(f), and Q1 / Q0 the same with node i forced to
//! fail / forced to work: Birnbaum = Q1 − Q0, RAW = Q1 / Q, RRW = Q / Q0,
//! Fussell–Vesely = (Q − Q0) / Q, each `None` where its denominator is 0.
//!
//! For a node that can fail (a BDD variable) all of them come from one pass
//! over the BDD of F, for every variable at once. With π(u) the probability of
//! reaching BDD node u from the root and P(u) the probability of its function:
//!
//! Q_c = R_i + Σ_{u labelled i} π(u) · P(child_c(u)),  c ∈ {0, 1}
//!
//! where R_i is the probability mass of the paths that never test i: the sum,
//! over the edges u → w that jump over i's level, of π(edge) · P(w). Each
//! edge adds its share to a range of levels, kept in a segment tree, so every
//! term is a non-negative sum and no Q_c is found by subtracting nearly equal
//! numbers. Birnbaum = Σ π(u)·(P(high) − P(low)) and Q − Q0 = p_i · Birnbaum
//! (Q is affine in p_i), also without cancellation. O(|BDD| · log v) for v variables.
//!
//! A node that never fails on its own works already, so Q0 = Q; its Q1 is the
//! probability of F rebuilt with the node forced to fail
//! ([`super::functions::with_forced_failure`]).

use super::availability::node_probabilities;
use super::functions::Variables;
use crate::model::NodeIndex;
use biodivine_lib_bdd::Bdd;

/// The four measures of one node for one feature.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Importance {
    pub node: NodeIndex,
    pub birnbaum: f64,
    pub fussell_vesely: Option<f64>,
    pub raw: Option<f64>,
    pub rrw: Option<f64>,
}

/// Q, Q0, Q1 and Birnbaum of one node; the measures follow from them.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Conditional {
    pub node: NodeIndex,
    /// Q with the node forced to work.
    pub q0: f64,
    /// Q with the node forced to fail.
    pub q1: f64,
    pub birnbaum: f64,
    /// Q − Q0, computed without subtracting where it can be.
    pub gain: f64,
}

impl Conditional {
    /// The measures, given Q.
    pub fn measures(&self, q: f64) -> Importance {
        let ratio = |numerator: f64, denominator: f64| (denominator != 0.0).then(|| numerator / denominator);
        Importance {
            node: self.node,
            birnbaum: self.birnbaum,
            fussell_vesely: ratio(self.gain, q),
            raw: ratio(self.q1, q),
            rrw: ratio(q, self.q0),
        }
    }

    /// For a node that never fails on its own: Q0 = Q, and Q1 from the rebuilt function.
    pub fn of_reliable_node(node: NodeIndex, q: f64, q1: f64) -> Conditional {
        Conditional { node, q0: q, q1, birnbaum: (q1 - q).max(0.0), gain: 0.0 }
    }
}

/// Q0, Q1 and Birnbaum for every variable that F tests, in variable order.
pub fn conditionals(bdd: &Bdd, variables: &Variables) -> Vec<Conditional> {
    let size = bdd.size();
    let levels = variables.len();
    if size <= 2 {
        return Vec::new();
    }
    let probability = node_probabilities(bdd, variables);
    let level = |u: usize| {
        let pointer = biodivine_lib_bdd::BddPointer::from_index(u);
        if pointer.is_terminal() {
            levels
        } else {
            bdd.var_of(pointer).to_index()
        }
    };
    // π(u), parents first: parents have higher indices.
    let root = bdd.root_pointer().to_index();
    let mut reach = vec![0.0; size];
    reach[root] = 1.0;
    let mut skipped = SkippedMass::new(levels);
    // The root edge comes from above every level.
    skipped.add(0, level(root), reach[root] * probability[root]);
    // Per level: Σ π·P(low), Σ π·P(high), Σ π·(P(high) − P(low)); None if F never tests it.
    let mut tested: Vec<Option<(f64, f64, f64)>> = vec![None; levels];
    for u in (2..size).rev() {
        let pointer = biodivine_lib_bdd::BddPointer::from_index(u);
        let (low, high) = (bdd.low_link_of(pointer).to_index(), bdd.high_link_of(pointer).to_index());
        let here = level(u);
        let p = variables.probability(here);
        let (to_high, to_low) = (reach[u] * p, reach[u] * (1.0 - p));
        reach[high] += to_high;
        reach[low] += to_low;
        skipped.add(here + 1, level(high), to_high * probability[high]);
        skipped.add(here + 1, level(low), to_low * probability[low]);
        let entry = tested[here].get_or_insert((0.0, 0.0, 0.0));
        entry.0 += reach[u] * probability[low];
        entry.1 += reach[u] * probability[high];
        entry.2 += reach[u] * (probability[high] - probability[low]);
    }
    let mut result = Vec::new();
    for (index, &(low, high, birnbaum)) in tested.iter().enumerate().filter_map(|(i, t)| Some((i, t.as_ref()?))) {
        let rest = skipped.at(index);
        result.push(Conditional {
            node: variables.nodes()[index],
            q0: rest + low,
            q1: rest + high,
            birnbaum,
            gain: variables.probability(index) * birnbaum,
        });
    }
    result
}

/// Range additions of non-negative amounts over levels, point queries:
/// a segment tree whose queries sum one leaf-to-root path.
struct SkippedMass {
    width: usize,
    tree: Vec<f64>,
}

impl SkippedMass {
    fn new(levels: usize) -> SkippedMass {
        let width = levels.next_power_of_two().max(1);
        SkippedMass { width, tree: vec![0.0; 2 * width] }
    }

    /// Adds `amount` to every level in `start..end`.
    fn add(&mut self, start: usize, end: usize, amount: f64) {
        let (mut l, mut r) = (start + self.width, end.min(self.width) + self.width);
        if start >= end || amount == 0.0 {
            return;
        }
        while l < r {
            if l & 1 == 1 {
                self.tree[l] += amount;
                l += 1;
            }
            if r & 1 == 1 {
                r -= 1;
                self.tree[r] += amount;
            }
            l /= 2;
            r /= 2;
        }
    }

    fn at(&self, level: usize) -> f64 {
        let mut i = level + self.width;
        let mut sum = 0.0;
        while i >= 1 {
            sum += self.tree[i];
            i /= 2;
        }
        sum
    }
}

/// Nodes with Birnbaum > 0, by Birnbaum descending, then id.
pub fn rank(mut measures: Vec<Importance>, id: impl Fn(NodeIndex) -> String) -> Vec<Importance> {
    measures.retain(|m| m.birnbaum > 0.0);
    measures.sort_by(|a, b| b.birnbaum.total_cmp(&a.birnbaum).then_with(|| id(a.node).cmp(&id(b.node))));
    measures
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_skipped_mass_tree_adds_ranges() {
        let mut tree = SkippedMass::new(5);
        tree.add(1, 4, 0.5);
        tree.add(0, 2, 0.25);
        tree.add(3, 3, 9.0);
        let values: Vec<f64> = (0..5).map(|l| tree.at(l)).collect();
        assert_eq!(values, vec![0.25, 0.75, 0.5, 0.5, 0.0]);
    }

    #[test]
    fn nulls_where_a_denominator_is_zero() {
        let never_down = Conditional::of_reliable_node(3, 0.0, 1.0).measures(0.0);
        assert_eq!((never_down.birnbaum, never_down.raw, never_down.rrw, never_down.fussell_vesely), (1.0, None, None, None));
        let spare = Conditional { node: 1, q0: 0.0, q1: 0.5, birnbaum: 0.5, gain: 0.05 }.measures(0.05);
        assert_eq!(spare.rrw, None);
        assert_eq!(spare.raw, Some(10.0));
        assert_eq!(spare.fussell_vesely, Some(1.0));
    }
}
