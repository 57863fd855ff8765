//! Minimal cut sets up to order K.
//!
//! A cut set of f is a set of nodes other than f whose failure (nothing else
//! failed) takes f down; it is minimal if no proper subset does. Cut sets are
//! structural: they concern every node, whether it has an availability or not.
//!
//! Each node's *family* is the set of its minimal cut sets of size ≤ K (itself
//! included, as {v}). Families follow the failure rule exactly, truncated:
//! with t = n − needed + 1, v goes down when it fails or when t of its
//! dependencies go down, so
//!
//! family(v) = min( {{v}} ∪ { T1 ∪ … ∪ Tt : Ti ∈ family(di), distinct di, |∪| ≤ K } )
//!
//! where min drops supersets. Truncating at K loses nothing: a cut set S of
//! size ≤ K takes down t dependencies, contains a minimal cut set of each (of
//! size ≤ |S| ≤ K), and their union is a cut set inside S, so a minimal S is
//! such a union. Cycles reach their least fixed point by [`super::sweep`]. This
//! is the minimal-solutions recursion of fault-tree engines (Rauzy's, on a
//! ZBDD there) done on explicit families, because a BDD over every node grows
//! exponentially on the generated benchmark graphs (200 nodes were already out
//! of reach) while the families stay polynomial. Families are computed once
//! per node and shared by every feature above it.
//!
//! Cost. A node that needs all its dependencies (t = 1) merges their
//! families: O(Σ |family|). For t ≥ 2, at order 2 the minimal sets follow
//! from which inputs each node takes down ([`super::pairs`], output-sensitive);
//! at other orders, by products over the inputs, smallest family first, each
//! product forming only unions that fit in K (an index of every subset of
//! the smaller family): O(n · t · (|a| + |b|) · 2^K) plus the unions formed.
//!
//! A family larger than `max_sets` makes the node [`Slot::TooLarge`], and its
//! dependents with it: their cut sets are then reported as not computed.

use super::pairs;
use super::sweep::{Rule, Slot, Slots};
use crate::model::{Graph, NodeIndex};
use hashbrown::{HashMap, HashSet};

/// The largest order of cut sets (a cut set is a fixed-size array).
pub const MAX_ORDER: usize = 8;

/// A set of at most [`MAX_ORDER`] nodes, sorted, unused slots zero.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct CutSet {
    len: u8,
    items: [NodeIndex; MAX_ORDER],
}

/// Hashes the members only (unused slots are zero, so this agrees with `Eq`).
impl std::hash::Hash for CutSet {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.nodes().hash(state);
    }
}

impl CutSet {
    pub const EMPTY: CutSet = CutSet { len: 0, items: [0; MAX_ORDER] };

    /// {a, b} for two different nodes.
    pub(super) fn pair(a: NodeIndex, b: NodeIndex) -> CutSet {
        debug_assert_ne!(a, b);
        let mut set = CutSet::EMPTY;
        set.items[0] = a.min(b);
        set.items[1] = a.max(b);
        set.len = 2;
        set
    }

    pub fn single(node: NodeIndex) -> CutSet {
        let mut set = CutSet::EMPTY;
        set.items[0] = node;
        set.len = 1;
        set
    }

    pub fn nodes(&self) -> &[NodeIndex] {
        &self.items[..self.len as usize]
    }

    pub fn len(&self) -> usize {
        self.len as usize
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The union of two sets, if it has at most `order` nodes.
    fn union(&self, other: &CutSet, order: usize) -> Option<CutSet> {
        let (a, b) = (self.nodes(), other.nodes());
        let mut out = CutSet::EMPTY;
        let (mut i, mut j, mut k) = (0, 0, 0);
        while i < a.len() || j < b.len() {
            let next = match (a.get(i), b.get(j)) {
                (Some(&x), Some(&y)) if x == y => {
                    i += 1;
                    j += 1;
                    x
                }
                (Some(&x), Some(&y)) if x < y => {
                    i += 1;
                    x
                }
                (Some(&x), None) => {
                    i += 1;
                    x
                }
                (_, Some(&y)) => {
                    j += 1;
                    y
                }
                (None, None) => unreachable!("the loop stops when both are used up"),
            };
            if k == order {
                return None;
            }
            out.items[k] = next;
            k += 1;
        }
        out.len = k as u8;
        Some(out)
    }

    /// Every proper, non-empty subset, by bit mask over the members.
    fn proper_subsets(&self) -> impl Iterator<Item = CutSet> + '_ {
        let n = self.len();
        (1..(1u32 << n) - 1).map(move |mask| {
            let mut subset = CutSet::EMPTY;
            for (bit, &node) in self.nodes().iter().enumerate() {
                if mask & (1 << bit) != 0 {
                    subset.items[subset.len as usize] = node;
                    subset.len += 1;
                }
            }
            subset
        })
    }
}

/// The minimal sets among `candidates`, by size then members.
fn minimize(mut candidates: Vec<CutSet>) -> Vec<CutSet> {
    sort(&mut candidates);
    minimize_sorted(candidates)
}

/// Sorts by size, then members (the derived order: unused slots are zero).
/// Sets of up to three nodes sort by one 128-bit key, several times faster.
pub(super) fn sort(sets: &mut [CutSet]) {
    if sets.iter().all(|set| set.len() <= 3) {
        sets.sort_unstable_by_key(|set| {
            let [a, b, c, ..] = set.items;
            (set.len as u128) << 96 | (a as u128) << 64 | (b as u128) << 32 | c as u128
        });
    } else {
        sets.sort_unstable();
    }
}

/// [`minimize`] for candidates already in order: a set is kept unless a
/// proper subset was (smaller sets come first). Singletons are looked up by
/// node, which is all that pairs need.
fn minimize_sorted(mut candidates: Vec<CutSet>) -> Vec<CutSet> {
    candidates.dedup();
    let Some(first) = candidates.first() else { return candidates };
    if first.len() == candidates[candidates.len() - 1].len() {
        // All of one size: none can contain another.
        return candidates;
    }
    let singles: HashSet<NodeIndex> = candidates.iter().take_while(|s| s.len() == 1).map(|s| s.items[0]).collect();
    let mut larger: HashSet<CutSet> = HashSet::new();
    let needs_larger = candidates[candidates.len() - 1].len() > 2;
    candidates.retain(|set| {
        let absorbed = match set.len() {
            1 => false,
            2 => set.nodes().iter().any(|node| singles.contains(node)),
            _ => set.proper_subsets().any(|subset| match subset.len() {
                1 => singles.contains(&subset.items[0]),
                _ => larger.contains(&subset),
            }),
        };
        if !absorbed && set.len() > 1 && needs_larger {
            larger.insert(*set);
        }
        !absorbed
    });
    candidates
}

/// The union of two ordered families, in order, without repeats.
fn merge(a: &[CutSet], b: &[CutSet]) -> Vec<CutSet> {
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => {
                out.push(a[i]);
                i += 1;
            }
            std::cmp::Ordering::Greater => {
                out.push(b[j]);
                j += 1;
            }
            std::cmp::Ordering::Equal => {
                out.push(a[i]);
                i += 1;
                j += 1;
            }
        }
    }
    out.extend_from_slice(&a[i..]);
    out.extend_from_slice(&b[j..]);
    out
}

/// A family indexed for products: by size, and by every non-empty subset of
/// each set (with that set's size). Σ 2^|y| entries, 7 a set at order 3.
struct Indexed<'a> {
    by_size: Vec<&'a [CutSet]>,
    /// (subset T, size s) → the sets of size s that contain T.
    containing: HashMap<(CutSet, u8), Vec<&'a CutSet>>,
}

impl<'a> Indexed<'a> {
    fn new(family: &'a [CutSet], order: usize) -> Indexed<'a> {
        let mut by_size = vec![&family[..0]; order + 1];
        let mut start = 0;
        while start < family.len() {
            let size = family[start].len();
            let end = start + family[start..].iter().take_while(|s| s.len() == size).count();
            by_size[size.min(order)] = &family[start..end];
            start = end;
        }
        let mut containing: HashMap<(CutSet, u8), Vec<&CutSet>> = HashMap::new();
        for y in family {
            for subset in y.proper_subsets().chain([*y]) {
                containing.entry((subset, y.len() as u8)).or_default().push(y);
            }
        }
        Indexed { by_size, containing }
    }
}

/// The minimal unions of one set from `a` and one from `b`, of size ≤ `order`.
///
/// For x in one family with room r = order − |x|, a y of at most r nodes
/// always fits. A larger y (size s) fits iff it shares at least s − r nodes
/// with x: it is found under one of x's subsets of that size in the other
/// family's index. So only pairs that fit are ever formed (some twice,
/// removed by [`minimize`]). The smaller family is indexed, the larger one
/// walked: O((|a| + |b|) · 2^order) lookups plus the unions formed.
fn product(a: &[CutSet], b: &[CutSet], order: usize) -> Vec<CutSet> {
    let (walked, indexed) = if a.len() >= b.len() { (a, b) } else { (b, a) };
    let indexed = Indexed::new(indexed, order);
    let (a, b) = (walked, &indexed);
    let mut out = Vec::new();
    for x in a {
        let room = order - x.len();
        for y in b.by_size[..=room.min(order)].iter().copied().flatten() {
            out.extend(x.union(y, order));
        }
        if x.is_empty() {
            continue;
        }
        for subset in x.proper_subsets().chain([*x]) {
            // Sets of size room + |subset| that contain the subset fit.
            let size = room + subset.len();
            if size > order || size <= room {
                continue;
            }
            for y in b.containing.get(&(subset, size as u8)).into_iter().flatten() {
                out.extend(x.union(y, order));
            }
        }
    }
    minimize(out)
}

/// The cut-set form of the failure rule ([`Rule`]).
#[derive(Clone, Debug)]
pub struct CutSetRule {
    pub order: usize,
    /// The most minimal cut sets a node's family may hold.
    pub max_sets: usize,
}

impl Rule for CutSetRule {
    type Value = Vec<CutSet>;

    fn compute<S: Slots<Vec<CutSet>> + ?Sized>(&self, graph: &Graph, v: NodeIndex, slots: &S) -> Slot<Vec<CutSet>> {
        let empty = Vec::new();
        let mut inputs = Vec::with_capacity(graph.dependencies(v).len());
        for &d in graph.dependencies(v) {
            match slots.slot(d) {
                Slot::Known(family) => inputs.push(family),
                Slot::Pending => inputs.push(&empty),
                Slot::TooLarge => return Slot::TooLarge,
            }
        }
        let threshold = graph.dependencies(v).len() + 1 - graph.needed(v).max(1);
        let result = self.at_least(threshold, &inputs);
        let family = match result {
            Some(family) => family,
            None => return Slot::TooLarge,
        };
        let family = minimize_sorted(merge(&[CutSet::single(v)], &family));
        if family.len() > self.max_sets {
            return Slot::TooLarge;
        }
        Slot::Known(family)
    }

    fn settled(&self, new: &Vec<CutSet>, old: &Vec<CutSet>) -> bool {
        new == old
    }
}

impl CutSetRule {
    /// Minimal sets of size ≤ K that take down at least `threshold` of the
    /// inputs; `None` past `max_sets`. Nothing when there are no inputs.
    fn at_least(&self, threshold: usize, inputs: &[&Vec<CutSet>]) -> Option<Vec<CutSet>> {
        let n = inputs.len();
        if n == 0 {
            return Some(Vec::new());
        }
        let too_many = |family: &Vec<CutSet>| family.len() > self.max_sets;
        if threshold == 1 {
            // Families are kept in order, so their union is a merge.
            let union = inputs.iter().fold(Vec::new(), |union, family| merge(&union, family));
            let family = minimize_sorted(union);
            return (!too_many(&family)).then_some(family);
        }
        if self.order == 2 && n <= pairs::MAX_INPUTS {
            return pairs::at_least(threshold, inputs, self.max_sets);
        }
        // count[j]: minimal sets that take down at least j of the inputs seen
        // so far. Smallest families first: a node that needs any of its
        // dependencies (j = seen) then keeps only the few sets that hit all
        // of the small ones, before it meets a large one.
        let mut inputs = inputs.to_vec();
        inputs.sort_by_key(|family| family.len());
        let mut count: Vec<Vec<CutSet>> = vec![Vec::new(); threshold + 1];
        count[0] = vec![CutSet::EMPTY];
        for (seen, input) in inputs.iter().enumerate() {
            if input.is_empty() {
                continue;
            }
            // Enough inputs must remain to reach the threshold from j − 1.
            let lowest = threshold.saturating_sub(n - seen).max(1);
            for j in (lowest..=threshold.min(seen + 1)).rev() {
                let grown = product(&count[j - 1], input, self.order);
                if grown.is_empty() {
                    continue;
                }
                count[j] = minimize_sorted(merge(&count[j], &grown));
                if too_many(&count[j]) {
                    return None;
                }
            }
        }
        count.pop()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::oracle::parse_graph;
    use crate::analysis::risk::sweep::Sweep;

    fn families(spec: &str, order: usize) -> (Graph, Sweep<CutSetRule>) {
        let g = parse_graph(spec);
        let order_of_nodes = std::rc::Rc::new(crate::analysis::risk::sweep::Order::new(&g, None));
        let mut sweep = Sweep::new(&g, order_of_nodes, CutSetRule { order, max_sets: 1_000 });
        sweep.finish(&g);
        (g, sweep)
    }

    fn named(g: &Graph, family: &[CutSet]) -> Vec<Vec<String>> {
        family.iter().map(|s| s.nodes().iter().map(|&v| g.id(v).to_string()).collect()).collect()
    }

    #[test]
    fn series_parallel_and_two_of_three() {
        let (g, s) = families("f:feature:all:a,b; a; b", 3);
        assert_eq!(named(&g, s.slot(0).known().unwrap()), [["f"].as_slice(), &["a"], &["b"]]);
        let (g, s) = families("f:feature:any:a,b; a; b", 3);
        assert_eq!(named(&g, s.slot(0).known().unwrap()), [vec!["f"], vec!["a", "b"]]);
        let (g, s) = families("f:feature:2:a,b,c; a; b; c", 3);
        assert_eq!(named(&g, s.slot(0).known().unwrap()), [vec!["f"], vec!["a", "b"], vec!["a", "c"], vec!["b", "c"]]);
        // Order 1 keeps only single points.
        let (g, s) = families("f:feature:2:a,b,c; a; b; c", 1);
        assert_eq!(named(&g, s.slot(0).known().unwrap()), [vec!["f"]]);
    }

    #[test]
    fn a_shared_dependency_absorbs_the_pairs_it_is_in() {
        // Both replicas need the site: {site} is minimal, {site, x} is not.
        let (g, s) = families("f:feature:any:a,b; a:service:all:site; b:service:all:site; site", 3);
        assert_eq!(named(&g, s.slot(0).known().unwrap()), [vec!["f"], vec!["site"], vec!["a", "b"]]);
    }

    #[test]
    fn a_cycle_with_a_spare_outside() {
        // a needs b; b needs a or c: {b} and {a} take both down, c alone does not.
        let (g, s) = families("f:feature:all:a; a:service:all:b; b:service:any:a,c; c", 3);
        assert_eq!(named(&g, s.slot(0).known().unwrap()), [vec!["f"], vec!["a"], vec!["b"]]);
    }

    #[test]
    fn unions_stop_at_the_order() {
        let a = CutSet::single(1).union(&CutSet::single(2), 2).unwrap();
        assert_eq!(a.nodes(), &[1, 2]);
        assert_eq!(a.union(&CutSet::single(3), 2), None);
        assert_eq!(a.union(&CutSet::single(2), 2), Some(a));
        assert_eq!(a.proper_subsets().count(), 2);
    }
}
