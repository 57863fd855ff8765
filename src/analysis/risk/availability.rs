//! Availability: the probability that a feature is up.
//!
//! Exactly, from the BDD of its failure function F: Q = P(F) by one pass over
//! the BDD's nodes, children first, P(u) = p·P(high) + (1 − p)·P(low) with p
//! the failure probability of u's variable; availability = 1 − Q. O(|BDD|).
//!
//! When F's BDD is too large, a **bound** instead: the functions are rebuilt
//! with only the likeliest failures as variables (the others fixed to "works"),
//! which gives F⁻ ≤ F. Since F ≤ F⁻ ∨ E, where E is "some dropped node that
//! F depends on failed", and E is independent of F⁻ (disjoint variables):
//!
//! P(F⁻) ≤ Q ≤ P(F⁻) + (1 − P(F⁻)) · P(E),  P(E) = 1 − Π (1 − p_i) over the dropped nodes of f's cone.

use super::functions::Variables;
use crate::model::{Graph, NodeIndex};
use biodivine_lib_bdd::Bdd;
use super::estimate::Estimate;

/// A feature's availability: exact, or a bound when its BDD was too large.
pub type Availability = Estimate;

/// P(F) for the BDD of a failure function. BDD nodes are stored children
/// first (biodivine-lib-bdd builds them in post-order), so one forward pass
/// over the node array suffices.
pub fn probability(bdd: &Bdd, variables: &Variables) -> f64 {
    node_probabilities(bdd, variables)[bdd.root_pointer().to_index()]
}

/// P(u) for every node u of `bdd`, by node index.
pub(super) fn node_probabilities(bdd: &Bdd, variables: &Variables) -> Vec<f64> {
    let mut p = vec![0.0; bdd.size()];
    for pointer in bdd.pointers() {
        let u = pointer.to_index();
        p[u] = if pointer.is_zero() {
            0.0
        } else if pointer.is_one() {
            1.0
        } else {
            let (low, high) = (bdd.low_link_of(pointer).to_index(), bdd.high_link_of(pointer).to_index());
            debug_assert!(low < u && high < u, "children come first");
            let q = variables.probability(bdd.var_of(pointer).to_index());
            q * p[high] + (1.0 - q) * p[low]
        };
    }
    p
}

/// The bound on availability for a feature whose reduced function is
/// `reduced` (built over `variables`, a subset of the failing nodes).
pub fn bound(graph: &Graph, feature: NodeIndex, reduced: &Bdd, variables: &Variables) -> Availability {
    let lower_q = probability(reduced, variables);
    let mut all_work = 1.0;
    for v in cone(graph, feature) {
        let p = 1.0 - graph.availability(v).unwrap_or(1.0);
        if p > 0.0 && variables.of_node(v).is_none() {
            all_work *= 1.0 - p;
        }
    }
    let upper_q = lower_q + (1.0 - lower_q) * (1.0 - all_work);
    Availability::Bound { lower: 1.0 - upper_q.min(1.0), upper: 1.0 - lower_q }
}

/// Availability from a mean time between failures and a mean time to
/// repair (same unit): MTBF / (MTBF + MTTR). `None` unless both are finite,
/// MTBF > 0 and MTTR ≥ 0.
pub fn from_mtbf_mttr(mtbf: f64, mttr: f64) -> Option<f64> {
    (mtbf.is_finite() && mttr.is_finite() && mtbf > 0.0 && mttr >= 0.0).then(|| mtbf / (mtbf + mttr))
}

/// "8760 / 4" (hours, or any one unit for both) as an availability: two
/// numbers separated by `/`, `,` or spaces. `None` for anything else.
pub fn parse_mtbf_mttr(text: &str) -> Option<f64> {
    let mut numbers = text.split(['/', ',', ' ']).filter(|part| !part.is_empty()).map(|part| part.replace('_', "").parse::<f64>());
    let (Some(Ok(mtbf)), Some(Ok(mttr)), None) = (numbers.next(), numbers.next(), numbers.next()) else { return None };
    from_mtbf_mttr(mtbf, mttr)
}

/// `node` and every node it depends on, directly or not.
pub fn cone(graph: &Graph, node: NodeIndex) -> Vec<NodeIndex> {
    let mut seen = vec![false; graph.len()];
    seen[node as usize] = true;
    let mut stack = vec![node];
    let mut cone = Vec::new();
    while let Some(v) = stack.pop() {
        cone.push(v);
        for &d in graph.dependencies(v) {
            if !std::mem::replace(&mut seen[d as usize], true) {
                stack.push(d);
            }
        }
    }
    cone
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::oracle::parse_graph;
    use crate::analysis::risk::functions::tests::all_functions;
    use crate::analysis::risk::tests::with_availability;

    fn feature_availability(spec: &str, availabilities: &[(&str, f64)]) -> f64 {
        let g = with_availability(&parse_graph(spec), availabilities);
        let variables = Variables::new(&g, 0.0).unwrap();
        let functions = all_functions(&g, variables, usize::MAX);
        1.0 - probability(functions.slot(0).known().unwrap(), &functions.rule().variables)
    }

    #[test]
    fn series_parallel_and_two_of_three_by_hand() {
        let a = [("a", 0.9), ("b", 0.8), ("c", 0.7)];
        // Series: every one must be up.
        let series = feature_availability("f:feature:all:a,b,c; a; b; c", &a);
        assert!((series - 0.9 * 0.8 * 0.7).abs() < 1e-12, "{series}");
        // Parallel: one is enough.
        let parallel = feature_availability("f:feature:any:a,b,c; a; b; c", &a);
        assert!((parallel - (1.0 - 0.1 * 0.2 * 0.3)).abs() < 1e-12, "{parallel}");
        // Two of three: all up, or exactly one down.
        let expected = 0.9 * 0.8 * 0.7 + 0.1 * 0.8 * 0.7 + 0.9 * 0.2 * 0.7 + 0.9 * 0.8 * 0.3;
        let quorum = feature_availability("f:feature:2:a,b,c; a; b; c", &a);
        assert!((quorum - expected).abs() < 1e-12, "{quorum}");
    }

    #[test]
    fn a_cycle_is_up_only_when_every_member_is() {
        // f needs a; a and b need each other: f is up iff f, a and b all are.
        let availability =
            feature_availability("f:feature:all:a; a:service:all:b; b:service:all:a", &[("f", 0.99), ("a", 0.9), ("b", 0.8)]);
        assert!((availability - 0.99 * 0.9 * 0.8).abs() < 1e-12, "{availability}");
        // With a spare for b outside the cycle, the cycle survives b alone.
        let availability = feature_availability(
            "f:feature:all:a; a:service:all:b; b:service:any:a,c; c",
            &[("a", 0.9), ("b", 0.8), ("c", 0.5)],
        );
        assert!((availability - 0.9 * 0.8).abs() < 1e-12, "b down takes a down: {availability}");
    }

    #[test]
    fn availability_from_mtbf_and_mttr() {
        assert_eq!(from_mtbf_mttr(99.0, 1.0), Some(0.99));
        assert_eq!(from_mtbf_mttr(10.0, 0.0), Some(1.0));
        assert_eq!(from_mtbf_mttr(0.0, 1.0), None);
        assert_eq!(from_mtbf_mttr(f64::INFINITY, 1.0), None);
        assert_eq!(parse_mtbf_mttr("8760 / 4"), Some(8760.0 / 8764.0));
        assert_eq!(parse_mtbf_mttr(" 999,1 "), Some(0.999));
        assert_eq!(parse_mtbf_mttr("1_000 0"), Some(1.0));
        for refused in ["", "8760", "8760 / 4 / 2", "a / b", "-5 / 1", "5 / -1"] {
            assert_eq!(parse_mtbf_mttr(refused), None, "{refused:?}");
        }
    }

    #[test]
    fn the_bound_contains_the_exact_value() {
        let g = with_availability(&parse_graph("f:feature:2:a,b,c; a; b; c"), &[("a", 0.9), ("b", 0.99), ("c", 0.999)]);
        let exact = 0.9 * 0.99 * 0.999 + 0.1 * 0.99 * 0.999 + 0.9 * 0.01 * 0.999 + 0.9 * 0.99 * 0.001;
        // Keep only a's and b's failures.
        let variables = Variables::new(&g, 0.005).unwrap();
        assert_eq!(variables.len(), 2);
        let functions = all_functions(&g, variables, usize::MAX);
        let bound = bound(&g, 0, functions.slot(0).known().unwrap(), &functions.rule().variables);
        assert!(bound.lower() <= exact && exact <= bound.upper(), "{bound:?} vs {exact}");
        assert!(bound.upper() - bound.lower() <= 0.001 + 1e-12);
    }
}
