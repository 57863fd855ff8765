//! The kill set of a node outside any cycle, from its dependencies' sets.
//!
//! With dependencies d1..dn of which k are needed, v goes down exactly when
//! more than n − k of them go down, so
//!
//! K(v) = {v} ∪ { u : u ∈ K(di) for at least t = n − k + 1 of the di }
//!
//! (the union for "all", the intersection for "any"). Three cases avoid
//! writing the set out, so that chains share structure (see `kill_sets`):
//!
//! - **One dependency**: K(v) = {v} ∪ K(d), a link.
//! - **Nested dependencies**: when the dependencies lie on one link path,
//!   their sets are nested, K(e1) ⊇ K(e2) ⊇ … (deepest first), so a node is
//!   in at least t of them iff it is in K(et): a link to et. This covers
//!   redundant paths that rejoin a chain.
//! - **"Any" whose dependencies meet**: the link paths of the dependencies
//!   meet at a node w (the dominator-tree idea) with no extra below w; then
//!   K(w) is in every set, and the parts of two paths below w share no node,
//!   so the intersection is exactly K(w): a link to w.
//!
//! Otherwise the dependencies' sets are merged (`merge`) and the result,
//! with v, stored whole, costing O(Σ|K(di)|) for the node (plus a sort of
//! the chain part of a dependency whose set is shared along a chain). A node
//! that needs all of several dependencies, one of them large, links to the
//! largest and writes out only the others' sets (small to large). Finding
//! where link paths meet, or whether they nest, costs O(log depth) per
//! dependency (jump pointers, see `kill_sets`).

use super::kill_sets::KillSets;
use super::merge::{self, Scratch};
use crate::model::{Graph, NodeIndex};

/// Buffers reused from node to node.
#[derive(Default)]
pub struct Buffers {
    by_depth: Vec<NodeIndex>,
    /// The dependencies' sorted sets end to end, and where each ends.
    sets: Vec<NodeIndex>,
    ends: Vec<usize>,
    one: Vec<NodeIndex>,
    spare: Vec<NodeIndex>,
    result: Vec<NodeIndex>,
    merge: Scratch,
}

/// Records K(v) for a node outside any cycle whose dependencies are final.
pub fn record(graph: &Graph, v: NodeIndex, kill: &mut KillSets, buffers: &mut Buffers) {
    let dependencies = graph.dependencies(v);
    let n = dependencies.len();
    match n {
        // K(v) = {v}, stored whole so that dependents read it in place.
        0 => return kill.set_whole(v, &[v]),
        1 => return link_or_copy(v, dependencies[0], kill, buffers),
        _ => {}
    }
    let threshold = n - graph.needed(v) + 1;
    // For "any", where the paths meet is also the answer when they are nested.
    let linked = if threshold == n {
        meeting_point(dependencies, kill)
    } else {
        nested(dependencies, threshold, kill, &mut buffers.by_depth)
    };
    if let Some(w) = linked {
        return link_or_copy(v, w, kill, buffers);
    }
    // "All" with a large dependency: link to it, and write out only the
    // others' sets (small to large).
    let others = if threshold == 1 {
        dependencies.iter().copied().max_by_key(|&d| kill.size(d)).filter(|&w| kill.size(w) >= COPY_LIMIT)
    } else {
        None
    };
    // Sets stored whole are read in place; the others are listed first.
    buffers.sets.clear();
    buffers.ends.clear();
    let dependencies: &[NodeIndex] = match others {
        Some(w) => {
            buffers.by_depth.clear();
            buffers.by_depth.extend(dependencies.iter().copied().filter(|&d| d != w));
            &buffers.by_depth
        }
        None => dependencies,
    };
    let n = dependencies.len();
    for &d in dependencies {
        if kill.as_slice(d).is_none() {
            kill.sorted_into(d, &mut buffers.one, &mut buffers.spare);
            buffers.sets.extend_from_slice(&buffers.one);
            buffers.ends.push(buffers.sets.len());
        }
    }
    let (mut start, mut listed) = (0, buffers.ends.iter());
    let set_of = |d: NodeIndex| {
        kill.as_slice(d).unwrap_or_else(|| {
            let end = *listed.next().expect("one listed set per dependency not stored whole");
            let set = &buffers.sets[start..end];
            start = end;
            set
        })
    };
    // Most nodes have a few dependencies: no allocation for them.
    let mut few: [&[NodeIndex]; FEW] = [&[]; FEW];
    let many: Vec<&[NodeIndex]>;
    let sets: &[&[NodeIndex]] = if n <= FEW {
        for (slot, set) in few.iter_mut().zip(dependencies.iter().copied().map(set_of)) {
            *slot = set;
        }
        &few[..n]
    } else {
        many = dependencies.iter().copied().map(set_of).collect();
        &many
    };
    merge::at_least(sets, threshold, &mut buffers.result, &mut buffers.merge);
    if let Some(w) = others {
        return kill.link_with_extra(v, w, &buffers.result);
    }
    if let Err(at) = buffers.result.binary_search(&v) {
        buffers.result.insert(at, v);
    }
    kill.set_whole(v, &buffers.result);
}

/// Dependencies up to this many are gathered without allocating.
const FEW: usize = 8;

/// Sets under this size are copied rather than linked: a copy is read in
/// place by dependents, a link must be walked and sorted by each of them.
/// Chains beyond it are linked, so storage stays O(n · COPY_LIMIT + written
/// sets) instead of O(n · depth). Measured: on the generated layered graphs
/// (100,000 and 1,000,000 nodes) kill sets stay under 900, so they are all
/// copied, as fast as before; linking sets of 64 or more there made the
/// analysis 2.4 times slower. Tests use a small limit, so that the property
/// tests' small graphs take both paths.
const COPY_LIMIT: usize = if cfg!(test) { 4 } else { 1024 };

/// K(v) = {v} ∪ K(w): a copy when small, a link otherwise.
fn link_or_copy(v: NodeIndex, w: NodeIndex, kill: &mut KillSets, buffers: &mut Buffers) {
    if kill.size(w) >= COPY_LIMIT {
        return kill.link(v, w);
    }
    match kill.as_slice(w) {
        Some(set) => {
            buffers.result.clear();
            buffers.result.extend_from_slice(set);
        }
        None => kill.sorted_into(w, &mut buffers.result, &mut buffers.spare),
    }
    // v depends on w outside any cycle, so it cannot be in K(w).
    let at = buffers.result.partition_point(|&u| u < v);
    buffers.result.insert(at, v);
    kill.set_whole(v, &buffers.result);
}

/// When every dependency lies on the link path of the deepest one, the
/// dependency whose set holds exactly the nodes in at least `threshold` sets.
fn nested(dependencies: &[NodeIndex], threshold: usize, kill: &KillSets, by_depth: &mut Vec<NodeIndex>) -> Option<NodeIndex> {
    // Two roots (depth 0), or two trees, cannot be on one path: the common
    // cases, decided at once.
    if dependencies.iter().filter(|&&d| kill.depth(d) == 0).nth(1).is_some()
        || dependencies[1..].iter().any(|&d| !kill.same_tree(d, dependencies[0]))
    {
        return None;
    }
    by_depth.clear();
    by_depth.extend_from_slice(dependencies);
    by_depth.sort_unstable_by_key(|&d| std::cmp::Reverse(kill.depth(d)));
    let mut at = by_depth[0];
    for &e in &by_depth[1..] {
        // Distinct dependencies at one depth cannot both be on one path.
        at = kill.ancestor_at(at, kill.depth(e));
        if at != e {
            return None;
        }
    }
    Some(by_depth[threshold - 1])
}

/// Where the link paths of all the dependencies meet, if they do.
fn meeting_point(dependencies: &[NodeIndex], kill: &KillSets) -> Option<NodeIndex> {
    dependencies[1..].iter().try_fold(dependencies[0], |w, &d| kill.meet(w, d))
}

#[cfg(test)]
mod tests {
    use super::super::single_points_of_failure;
    use crate::analysis::oracle::parse_graph;

    #[test]
    fn any_node_over_two_branches_of_a_chain_links_to_where_they_meet() {
        // s needs a or b; both run on c, which runs on base.
        let g = parse_graph("f:feature:all:s; s:service:any:a,b; a:service:all:c; b:service:all:c; c:service:all:base; base");
        let report = single_points_of_failure(&g);
        let killers: Vec<&str> = report.killers_of(0).iter().map(|&u| g.id(u).as_str()).collect();
        assert_eq!(killers, ["s", "c", "base"]);
    }

    #[test]
    fn nested_dependencies_pick_the_threshold_th_deepest() {
        // q needs 2 of {a, b, c} where a → b → c: it survives a's loss only.
        let g = parse_graph("q:feature:2:a,b,c; a:service:all:b; b:service:all:c; c");
        let report = single_points_of_failure(&g);
        let killers: Vec<&str> = report.killers_of(0).iter().map(|&u| g.id(u).as_str()).collect();
        assert_eq!(killers, ["b", "c"]);
    }
}
