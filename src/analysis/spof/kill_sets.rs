//! Kill sets with structure shared along chains.
//!
//! The kill set K(v) of a node is the set of nodes whose lone failure takes v
//! down, v included. Stored flat, the sets of a dependency chain n deep cost
//! n²/2 entries; here each node either *links* to another node w with
//! K(v) = {v} ∪ K(w) (a node with one dependency, or whose requirement makes
//! its set equal to one of its dependencies' plus itself), or is a *root*
//! whose set is written out: K(v) = {v} ∪ own(v) ∪ shared(v), two sorted,
//! disjoint spans of one buffer (`shared` lets every member of a cycle point
//! at one common set). The links form a forest; following them from v to its
//! root lists K(v) without repetition, so enumerating K(v) costs O(|K(v)|),
//! and storing every set costs O(n + written sets).
//!
//! Why the walk never repeats a node: a link goes from a node to one it
//! depends on (directly or through all its dependencies) outside any cycle,
//! so no node on the path can be a killer of a node further along it.

use crate::model::NodeIndex;
use std::ops::Range;

/// `next[v]` for a root.
const ROOT: NodeIndex = NodeIndex::MAX;

/// Every node's kill set, as a forest of links over written-out root sets.
#[derive(Clone, Debug)]
pub struct KillSets {
    next: Vec<NodeIndex>,
    /// Links from v to its root (0 for a root).
    depth: Vec<u32>,
    own: Vec<Range<usize>>,
    shared: Vec<Range<usize>>,
    /// Whether a root's own span is all of K(v), v included: readers then
    /// use it in place.
    whole: Vec<bool>,
    /// |K(v)|.
    size: Vec<u32>,
    items: Vec<NodeIndex>,
}

impl KillSets {
    /// `n` roots with empty sets: K(v) = {v}, a node that needs nothing.
    pub fn new(n: usize) -> KillSets {
        KillSets {
            next: vec![ROOT; n],
            depth: vec![0; n],
            own: vec![0..0; n],
            shared: vec![0..0; n],
            whole: vec![false; n],
            size: vec![1; n],
            items: Vec::new(),
        }
    }

    /// K(v) = {v} ∪ K(w); `w` must already be final.
    pub fn link(&mut self, v: NodeIndex, w: NodeIndex) {
        self.next[v as usize] = w;
        self.depth[v as usize] = self.depth[w as usize] + 1;
        self.size[v as usize] = self.size[w as usize] + 1;
    }

    /// K(v) = `set` (sorted, v included); a copy is stored.
    pub fn set_whole(&mut self, v: NodeIndex, set: &[NodeIndex]) {
        debug_assert!(set.binary_search(&v).is_ok());
        self.own[v as usize] = self.push(set);
        self.whole[v as usize] = true;
        self.size[v as usize] = set.len() as u32;
    }

    /// K(v) = {v} ∪ `set` (sorted; v may be in it or in the shared set).
    pub fn set_own(&mut self, v: NodeIndex, set: &[NodeIndex]) {
        self.own[v as usize] = self.push(set);
        self.size[v as usize] = self.count_root(v);
    }

    /// Stores a sorted set once, for [`KillSets::share`].
    pub fn push(&mut self, set: &[NodeIndex]) -> Range<usize> {
        let start = self.items.len();
        self.items.extend_from_slice(set);
        start..self.items.len()
    }

    /// Adds a stored set (disjoint from v's own) to the root v.
    pub fn share(&mut self, v: NodeIndex, span: Range<usize>) {
        self.shared[v as usize] = span;
        self.size[v as usize] = self.count_root(v);
    }

    fn count_root(&self, v: NodeIndex) -> u32 {
        let (own, shared) = self.root_spans(v);
        let has_v = own.binary_search(&v).is_ok() || shared.binary_search(&v).is_ok();
        (own.len() + shared.len() + usize::from(!has_v)) as u32
    }

    /// |K(v)|, O(1).
    pub fn size(&self, v: NodeIndex) -> usize {
        self.size[v as usize] as usize
    }

    pub fn next(&self, v: NodeIndex) -> Option<NodeIndex> {
        let next = self.next[v as usize];
        (next != ROOT).then_some(next)
    }

    pub fn depth(&self, v: NodeIndex) -> u32 {
        self.depth[v as usize]
    }

    /// Follows `steps` links up from v.
    pub fn up(&self, mut v: NodeIndex, steps: u32) -> NodeIndex {
        for _ in 0..steps {
            v = self.next[v as usize];
        }
        v
    }

    /// The first node on both link paths, if they meet: then
    /// K(lca) ⊆ K(a) ∩ K(b). O(length of the walk).
    pub fn meet(&self, a: NodeIndex, b: NodeIndex) -> Option<NodeIndex> {
        let (da, db) = (self.depth(a), self.depth(b));
        let (mut a, mut b) = (self.up(a, da.saturating_sub(db)), self.up(b, db.saturating_sub(da)));
        while a != b {
            let (na, nb) = (self.next[a as usize], self.next[b as usize]);
            if na == ROOT || nb == ROOT {
                return None;
            }
            a = na;
            b = nb;
        }
        Some(a)
    }

    /// Calls `f` on every member of K(v), once each, in no particular order.
    pub fn for_each(&self, v: NodeIndex, mut f: impl FnMut(NodeIndex)) {
        let mut x = v;
        loop {
            f(x);
            match self.next(x) {
                Some(next) => x = next,
                None => break,
            }
        }
        let (own, shared) = self.root_spans(x);
        // Spans may hold the root itself (stored whole, or a cycle's shared set).
        for span in [own, shared] {
            for &u in span {
                if u != x {
                    f(u);
                }
            }
        }
    }

    fn root_spans(&self, root: NodeIndex) -> (&[NodeIndex], &[NodeIndex]) {
        let r = root as usize;
        (&self.items[self.own[r].clone()], &self.items[self.shared[r].clone()])
    }

    /// K(v) as one stored slice, when it is stored whole: a root whose own
    /// set holds everything, itself included (what `acyclic` writes).
    pub fn as_slice(&self, v: NodeIndex) -> Option<&[NodeIndex]> {
        self.whole[v as usize].then(|| &self.items[self.own[v as usize].clone()])
    }

    /// K(v), sorted, into `out` (cleared first); `spare` is scratch.
    pub fn sorted_into(&self, v: NodeIndex, out: &mut Vec<NodeIndex>, spare: &mut Vec<NodeIndex>) {
        out.clear();
        let mut x = v;
        loop {
            out.push(x);
            match self.next(x) {
                Some(next) => x = next,
                None => break,
            }
        }
        out.sort_unstable();
        let (own, shared) = self.root_spans(x);
        for span in [own, shared] {
            if !span.is_empty() {
                // The root may appear in both the path and a shared span: a union drops it.
                super::merge::union(out, span, spare);
                std::mem::swap(out, spare);
            }
        }
    }

    /// K(v) without v, sorted.
    pub fn killers_of(&self, v: NodeIndex) -> Vec<NodeIndex> {
        let mut killers = Vec::with_capacity(self.depth(v) as usize);
        self.for_each(v, |u| {
            if u != v {
                killers.push(u);
            }
        });
        killers.sort_unstable();
        killers
    }

    pub fn len(&self) -> usize {
        self.next.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_share_the_set_below_them() {
        // 0 → 1 → 2, and 3 is a root that also holds 2 and 4.
        let mut kill = KillSets::new(5);
        kill.link(1, 2);
        kill.link(0, 1);
        kill.set_whole(3, &[2, 3, 4]);
        assert_eq!(kill.killers_of(0), [1, 2]);
        assert_eq!((kill.size(0), kill.size(3)), (3, 3));
        assert_eq!(kill.as_slice(3), Some(&[2, 3, 4][..]));
        assert_eq!(kill.depth(0), 2);
        assert_eq!(kill.meet(0, 1), Some(1));
        assert_eq!(kill.meet(0, 3), None);
        let (mut out, mut spare) = (Vec::new(), Vec::new());
        kill.sorted_into(3, &mut out, &mut spare);
        assert_eq!(out, [2, 3, 4]);
    }

    #[test]
    fn a_shared_set_may_hold_its_root() {
        let mut kill = KillSets::new(4);
        let cycle = kill.push(&[0, 1, 3]);
        kill.share(0, cycle.clone());
        kill.share(1, cycle);
        kill.link(2, 0);
        let mut all = Vec::new();
        kill.for_each(2, |u| all.push(u));
        all.sort_unstable();
        assert_eq!(all, [0, 1, 2, 3]);
        let (mut out, mut spare) = (Vec::new(), Vec::new());
        kill.sorted_into(1, &mut out, &mut spare);
        assert_eq!(out, [0, 1, 3]);
    }
}
