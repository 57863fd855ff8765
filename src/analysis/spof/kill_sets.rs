//! Kill sets with structure shared along chains.
//!
//! The kill set K(v) of a node is the set of nodes whose lone failure takes v
//! down, v included. Stored flat, the sets of a dependency chain n deep cost
//! n²/2 entries. Here each node either
//!
//! - *links* to a node w: K(v) = {v} ∪ extra(v) ∪ K(w), where `extra` is a
//!   sorted span, empty for a node with one dependency (or whose requirement
//!   makes its set that of one dependency plus itself) and, for a node that
//!   needs all of several dependencies, the sets of all but the largest one
//!   (small to large: a chain whose every node also needs its own host
//!   stores one host a node, not the chain again); or
//! - is a *root* whose set is written out: K(v) = {v} ∪ own(v) ∪ shared(v),
//!   two sorted, disjoint spans of one buffer (`shared` lets every member of a
//!   cycle point at one common set).
//!
//! The links form a forest. Following them from v to its root lists K(v): a
//! path without extras lists no node twice (a link goes from a node to one it
//! depends on outside any cycle, so no node on the path kills a node further
//! along it), and a path with extras is listed with a marker that drops
//! repeats. Storing every set costs O(n + written sets + extras); listing
//! K(v) costs O(|K(v)|) plus the repeats in extras along its path.

use crate::model::NodeIndex;
use std::ops::Range;

/// Every node's kill set, as a forest of links over written-out root sets.
///
/// Every array's default is zero (a root with K(v) = {v}), so that a graph of
/// a million nodes gets them as zeroed pages instead of writing them out.
#[derive(Clone, Debug)]
pub struct KillSets {
    /// 0 for a root, else the linked node + 1.
    next_plus_one: Vec<NodeIndex>,
    /// Links from v to its root (0 for a root).
    depth: Vec<u32>,
    /// For a linked node: the root of its tree, and a jump pointer up its
    /// path (Myers' skew-binary scheme: one pointer a node, any ancestor found
    /// in O(log depth)). A root is its own root and jump.
    root: Vec<NodeIndex>,
    jump: Vec<NodeIndex>,
    /// 1 + the depth of the deepest node with an extra on v's path (v
    /// included), or 0 when there is none.
    extra_depth_plus_one: Vec<u32>,
    /// A root's own set, or a link's extra: `start..end` in `items`.
    own: Vec<[usize; 2]>,
    shared: Vec<[usize; 2]>,
    /// Whether a root's own span is all of K(v), v included: readers then
    /// use it in place.
    whole: Vec<bool>,
    /// Whether the path from v has extras, so listing it may repeat nodes.
    repeats: Vec<bool>,
    /// |K(v)| − 1 (an upper bound when the path has extras).
    size_minus_one: Vec<u32>,
    items: Vec<NodeIndex>,
}

fn span(range: [usize; 2]) -> Range<usize> {
    range[0]..range[1]
}

/// Which nodes a listing has produced already: a stamp per node, so that
/// starting a new listing costs O(1).
pub struct Marks {
    stamp: Vec<u32>,
    epoch: u32,
}

impl Marks {
    pub fn new(n: usize) -> Marks {
        Marks { stamp: vec![0; n], epoch: 0 }
    }

    fn start(&mut self) {
        self.epoch = self.epoch.wrapping_add(1);
        if self.epoch == 0 {
            self.stamp.fill(0);
            self.epoch = 1;
        }
    }

    /// True the first time `u` is seen in this listing.
    fn first(&mut self, u: NodeIndex) -> bool {
        std::mem::replace(&mut self.stamp[u as usize], self.epoch) != self.epoch
    }
}

impl KillSets {
    /// `n` roots with empty sets: K(v) = {v}, a node that needs nothing.
    pub fn new(n: usize) -> KillSets {
        KillSets {
            next_plus_one: vec![0; n],
            depth: vec![0; n],
            root: vec![0; n],
            jump: vec![0; n],
            extra_depth_plus_one: vec![0; n],
            own: vec![[0; 2]; n],
            shared: vec![[0; 2]; n],
            whole: vec![false; n],
            repeats: vec![false; n],
            size_minus_one: vec![0; n],
            items: Vec::new(),
        }
    }

    fn next(&self, v: NodeIndex) -> Option<NodeIndex> {
        self.next_plus_one[v as usize].checked_sub(1)
    }

    fn root_of(&self, v: NodeIndex) -> NodeIndex {
        if self.next(v).is_some() { self.root[v as usize] } else { v }
    }

    fn jump_of(&self, v: NodeIndex) -> NodeIndex {
        if self.next(v).is_some() { self.jump[v as usize] } else { v }
    }

    /// K(v) = {v} ∪ K(w); `w` must already be final.
    pub fn link(&mut self, v: NodeIndex, w: NodeIndex) {
        self.link_with_extra(v, w, &[]);
    }

    /// K(v) = {v} ∪ `extra` ∪ K(w), `extra` sorted (it may overlap K(w)).
    pub fn link_with_extra(&mut self, v: NodeIndex, w: NodeIndex, extra: &[NodeIndex]) {
        let (vi, wi) = (v as usize, w as usize);
        let (j, jj) = (self.jump_of(w), self.jump_of(self.jump_of(w)));
        let evenly_spaced = self.depth(w) - self.depth(j) == self.depth(j) - self.depth(jj);
        self.jump[vi] = if evenly_spaced { jj } else { w };
        self.root[vi] = self.root_of(w);
        self.next_plus_one[vi] = w + 1;
        self.depth[vi] = self.depth[wi] + 1;
        self.own[vi] = self.push(extra);
        self.repeats[vi] = !extra.is_empty() || self.repeats[wi];
        self.extra_depth_plus_one[vi] = if extra.is_empty() { self.extra_depth_plus_one[wi] } else { self.depth[vi] + 1 };
        self.size_minus_one[vi] = self.size_minus_one[wi].saturating_add(1 + extra.len() as u32);
    }

    /// K(v) = `set` (sorted, v included); a copy is stored.
    pub fn set_whole(&mut self, v: NodeIndex, set: &[NodeIndex]) {
        debug_assert!(set.binary_search(&v).is_ok());
        self.own[v as usize] = self.push(set);
        self.whole[v as usize] = true;
        self.size_minus_one[v as usize] = set.len() as u32 - 1;
    }

    /// K(v) = {v} ∪ `set` (sorted; v may be in it or in the shared set).
    pub fn set_own(&mut self, v: NodeIndex, set: &[NodeIndex]) {
        self.own[v as usize] = self.push(set);
        self.size_minus_one[v as usize] = self.count_root(v) - 1;
    }

    /// Stores a sorted set once, for [`KillSets::share`].
    pub fn push(&mut self, set: &[NodeIndex]) -> [usize; 2] {
        let start = self.items.len();
        self.items.extend_from_slice(set);
        [start, self.items.len()]
    }

    /// Adds a stored set (disjoint from v's own) to the root v.
    pub fn share(&mut self, v: NodeIndex, span: [usize; 2]) {
        self.shared[v as usize] = span;
        self.size_minus_one[v as usize] = self.count_root(v) - 1;
    }

    fn count_root(&self, v: NodeIndex) -> u32 {
        let (own, shared) = self.root_spans(v);
        let has_v = own.binary_search(&v).is_ok() || shared.binary_search(&v).is_ok();
        (own.len() + shared.len() + usize::from(!has_v)) as u32
    }

    /// |K(v)| (an upper bound when its path has extras), O(1).
    pub fn size(&self, v: NodeIndex) -> usize {
        self.size_minus_one[v as usize] as usize + 1
    }

    pub fn depth(&self, v: NodeIndex) -> u32 {
        self.depth[v as usize]
    }

    /// Whether a and b are in one tree of links.
    pub fn same_tree(&self, a: NodeIndex, b: NodeIndex) -> bool {
        self.root_of(a) == self.root_of(b)
    }

    /// The node at `depth` on v's path (`depth` ≤ v's). O(log depth).
    pub fn ancestor_at(&self, mut v: NodeIndex, depth: u32) -> NodeIndex {
        while self.depth(v) > depth {
            let jump = self.jump_of(v);
            v = if self.depth(jump) >= depth { jump } else { self.next_plus_one[v as usize] - 1 };
        }
        v
    }

    /// The first node w on both link paths, if they meet before any node
    /// with an extra: then K(a) ∩ K(b) = K(w) exactly, because the parts of
    /// the two paths below w are disjoint lists of bare nodes. O(log depth).
    pub fn meet(&self, a: NodeIndex, b: NodeIndex) -> Option<NodeIndex> {
        if !self.same_tree(a, b) {
            return None;
        }
        let depth = self.depth(a).min(self.depth(b));
        let (mut x, mut y) = (self.ancestor_at(a, depth), self.ancestor_at(b, depth));
        // Jump targets depend on depth alone, so both sides jump in step.
        while x != y {
            let (jx, jy) = (self.jump_of(x), self.jump_of(y));
            if jx != jy {
                (x, y) = (jx, jy);
            } else {
                (x, y) = (self.next_plus_one[x as usize] - 1, self.next_plus_one[y as usize] - 1);
            }
        }
        // An extra strictly below x on either path breaks the argument.
        let below = |v: NodeIndex| self.extra_depth_plus_one[v as usize] > self.depth(x) + 1;
        (!below(a) && !below(b)).then_some(x)
    }

    /// Calls `f` on every member of K(v), once each, in no particular order.
    pub fn for_each(&self, v: NodeIndex, marks: &mut Marks, mut f: impl FnMut(NodeIndex)) {
        if !self.repeats[v as usize] {
            let root = self.walk(v, &mut f);
            let (own, shared) = self.root_spans(root);
            // Spans may hold the root itself (stored whole, or a cycle's shared set).
            for span in [own, shared] {
                for &u in span {
                    if u != root {
                        f(u);
                    }
                }
            }
        } else {
            marks.start();
            let mut once = |u: NodeIndex| {
                if marks.first(u) {
                    f(u);
                }
            };
            let root = self.walk(v, &mut once);
            let (own, shared) = self.root_spans(root);
            own.iter().chain(shared).for_each(|&u| once(u));
        }
    }

    /// Calls `f` on the nodes of v's path and their extras; returns the root.
    fn walk(&self, v: NodeIndex, f: &mut impl FnMut(NodeIndex)) -> NodeIndex {
        let mut x = v;
        loop {
            f(x);
            let Some(next) = self.next(x) else { return x };
            for &u in &self.items[span(self.own[x as usize])] {
                f(u);
            }
            x = next;
        }
    }

    fn root_spans(&self, root: NodeIndex) -> (&[NodeIndex], &[NodeIndex]) {
        let r = root as usize;
        (&self.items[span(self.own[r])], &self.items[span(self.shared[r])])
    }

    /// K(v) as one stored slice, when it is stored whole (see `acyclic`).
    pub fn as_slice(&self, v: NodeIndex) -> Option<&[NodeIndex]> {
        self.whole[v as usize].then(|| &self.items[span(self.own[v as usize])])
    }

    /// K(v), sorted, into `out` (cleared first); `spare` is scratch.
    pub fn sorted_into(&self, v: NodeIndex, out: &mut Vec<NodeIndex>, spare: &mut Vec<NodeIndex>) {
        out.clear();
        let root = self.walk(v, &mut |u| out.push(u));
        out.sort_unstable();
        out.dedup();
        let (own, shared) = self.root_spans(root);
        for span in [own, shared] {
            if !span.is_empty() {
                // The root may be both on the path and in a span: a union drops it.
                super::merge::union(out, span, spare);
                std::mem::swap(out, spare);
            }
        }
    }

    /// K(v) without v, sorted.
    pub fn killers_of(&self, v: NodeIndex) -> Vec<NodeIndex> {
        let mut killers = Vec::with_capacity(self.depth(v) as usize);
        let mut spare = Vec::new();
        self.sorted_into(v, &mut killers, &mut spare);
        killers.retain(|&u| u != v);
        killers
    }

    pub fn len(&self) -> usize {
        self.next_plus_one.len()
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
        kill.share(0, cycle);
        kill.share(1, cycle);
        kill.link(2, 0);
        let mut all = Vec::new();
        kill.for_each(2, &mut Marks::new(4), |u| all.push(u));
        all.sort_unstable();
        assert_eq!(all, [0, 1, 2, 3]);
        let (mut out, mut spare) = (Vec::new(), Vec::new());
        kill.sorted_into(1, &mut out, &mut spare);
        assert_eq!(out, [0, 1, 3]);
    }

    #[test]
    fn extras_along_a_path_are_listed_once() {
        // 0 → 1 → 2 (root); 1 also holds 3, and 0 holds 3 again and 4.
        let mut kill = KillSets::new(5);
        kill.link_with_extra(1, 2, &[3]);
        kill.link_with_extra(0, 1, &[3, 4]);
        let mut marks = Marks::new(5);
        for _ in 0..2 {
            let mut all = Vec::new();
            kill.for_each(0, &mut marks, |u| all.push(u));
            all.sort_unstable();
            assert_eq!(all, [0, 1, 2, 3, 4]);
        }
        assert_eq!(kill.killers_of(0), [1, 2, 3, 4]);
        // Paths that meet after a node with an extra do not intersect to the meeting point.
        kill.link(4, 2);
        assert_eq!(kill.meet(1, 4), None);
        assert_eq!(kill.meet(4, 2), Some(2));
    }
}
