//! Single points of failure: nodes whose lone failure takes down a feature.
//!
//! For every node v we compute its *kill set* K(v): the nodes u such that
//! failing u alone takes v down (v itself included). With dependencies
//! d1..dn of which k are needed, v goes down exactly when more than n − k of
//! them go down, so outside cycles
//!
//! K(v) = {v} ∪ { u : u ∈ K(di) for at least n − k + 1 of the di }
//!
//! which is the union for "all" (k = n), the intersection for "any" (k = 1) and
//! a count for "at least k". (When every node is an any-node, K(v) is the
//! chain of v's dominators.) Kill sets are computed once per node in
//! topological order of the condensation, dependencies first. Inside a cycle
//! (a strongly connected component) the members' states depend on each other,
//! so each candidate failure is simulated on that component alone, with the
//! states of its outside dependencies read from their kill sets.
//!
//! Cost: linear merges of sorted kill sets, O(Σ_v |deps(v)| · (|K(v)| + max
//! |K(d)|)) outside cycles, plus O(candidates · size) per cycle, instead of n
//! full simulations ([`single_points_of_failure_by_resimulation`],
//! O(n · (n + m))). Kill sets stay small on real graphs because redundancy
//! (any / at least k) cuts them. `benches/analysis.rs` measures both.

use crate::model::{Graph, NodeIndex};
use petgraph::algo::kosaraju_scc;
use std::ops::Range;

/// A node whose lone failure takes down at least one feature other than itself.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Spof {
    pub node: NodeIndex,
    /// Every feature down when `node` alone fails (`node` included if it is a
    /// feature), in index order.
    pub features: Vec<NodeIndex>,
    /// Sum of the users of `features`.
    pub users: u64,
}

/// The single-point-of-failure report of a graph.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SpofReport {
    /// Ranked by users hit (descending), then by id.
    pub spofs: Vec<Spof>,
    /// For each node, the other nodes whose lone failure takes it down, in index order.
    pub killers: Vec<Vec<NodeIndex>>,
}

impl SpofReport {
    pub fn is_spof(&self, node: NodeIndex) -> bool {
        self.spofs.iter().any(|s| s.node == node)
    }

    pub fn spof(&self, node: NodeIndex) -> Option<&Spof> {
        self.spofs.iter().find(|s| s.node == node)
    }

    /// The nodes whose lone failure takes `feature` down (itself excluded).
    pub fn killers_of(&self, node: NodeIndex) -> &[NodeIndex] {
        &self.killers[node as usize]
    }
}

/// Every node's kill set, stored end to end in one buffer: a graph of 100,000
/// nodes would otherwise make 100,000 small allocations.
struct KillSets {
    items: Vec<NodeIndex>,
    spans: Vec<Range<usize>>,
}

impl KillSets {
    fn get(&self, v: NodeIndex) -> &[NodeIndex] {
        &self.items[self.spans[v as usize].clone()]
    }

    /// Records K(v), which must be sorted.
    fn set(&mut self, v: NodeIndex, set: &[NodeIndex]) {
        let start = self.items.len();
        self.items.extend_from_slice(set);
        self.spans[v as usize] = start..self.items.len();
    }
}

/// K(v) for every node: sorted lists of the nodes whose lone failure takes v down.
pub fn kill_sets(graph: &Graph) -> Vec<Vec<NodeIndex>> {
    let kill = compute_kill_sets(graph);
    graph.nodes().map(|v| kill.get(v).to_vec()).collect()
}

fn compute_kill_sets(graph: &Graph) -> KillSets {
    let mut kill = KillSets {
        items: Vec::new(),
        spans: vec![0..0; graph.len()],
    };
    // Local positions of a cycle's members; reset after each cycle so that the
    // whole pass allocates it once.
    let mut local = vec![NOT_A_MEMBER; graph.len()];
    let mut scratch = Scratch::default();
    // Kosaraju's algorithm is iterative (Tarjan's, in petgraph, recurses once
    // per node of a path and overflows the stack on long chains). It yields
    // the components in post-order: for an edge dependent → dependency, the
    // dependency's component comes first.
    for component in kosaraju_scc(graph) {
        let is_cycle = component.len() > 1 || graph.dependencies(component[0]).contains(&component[0]);
        if is_cycle {
            kill_sets_of_cycle(graph, &component, &mut kill, &mut local);
            for &member in &component {
                local[member as usize] = NOT_A_MEMBER;
            }
        } else {
            let v = component[0];
            kill_set_of(graph, v, &kill, &mut scratch);
            kill.set(v, &scratch.result);
        }
    }
    kill
}

/// Buffers reused from node to node.
#[derive(Default)]
struct Scratch {
    result: Vec<NodeIndex>,
    spare: Vec<NodeIndex>,
    all: Vec<NodeIndex>,
}

/// "At least k" of at most this many dependencies merges their kill sets
/// scanning every head per step; beyond it, sorting them all is cheaper.
const MAX_MERGED: usize = 8;

/// K(v) for a node outside any cycle, from its dependencies' kill sets, into
/// `scratch.result`.
fn kill_set_of(graph: &Graph, v: NodeIndex, kill: &KillSets, scratch: &mut Scratch) {
    scratch.result.clear();
    let dependencies = graph.dependencies(v);
    let n = dependencies.len();
    if n > 0 {
        // A single failure kills v when it takes down more than n − needed dependencies.
        let threshold = n - graph.needed(v) + 1;
        let sets = dependencies.iter().map(|&d| kill.get(d));
        if threshold == 1 || threshold == n {
            // Union and intersection (all and any, most nodes): two sets at a time.
            let keep_common = threshold > 1;
            for (i, set) in sets.enumerate() {
                if i == 0 {
                    scratch.result.extend_from_slice(set);
                } else if keep_common && scratch.result.is_empty() {
                    break;
                } else {
                    merge(&scratch.result, set, keep_common, &mut scratch.spare);
                    std::mem::swap(&mut scratch.result, &mut scratch.spare);
                }
            }
        } else if n <= MAX_MERGED {
            let mut heads: [&[NodeIndex]; MAX_MERGED] = [&[]; MAX_MERGED];
            for (head, set) in heads.iter_mut().zip(sets) {
                *head = set;
            }
            at_least_merged(&mut heads[..n], threshold, &mut scratch.result);
        } else {
            at_least_sorted(sets, threshold, &mut scratch.all, &mut scratch.result);
        }
    }
    if let Err(at) = scratch.result.binary_search(&v) {
        scratch.result.insert(at, v);
    }
}

/// The union of two sorted sets, or their intersection when `keep_common`,
/// into `out`. Written without data-dependent branches: which side advances is
/// a coin toss on real kill sets, and mispredicted branches dominated.
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

/// Appends to `out`, in order, the nodes present in at least `threshold` of
/// the sorted `sets`: the union for 1, the intersection for all of them. A
/// k-way merge: each step takes the smallest head and counts its copies.
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

/// [`at_least_merged`] for nodes with many dependencies, where scanning every
/// head per step would cost more than one sort.
fn at_least_sorted<'a>(
    sets: impl Iterator<Item = &'a [NodeIndex]>,
    threshold: usize,
    all: &mut Vec<NodeIndex>,
    out: &mut Vec<NodeIndex>,
) {
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

/// Kill sets for the members of one strongly connected component. A failure
/// can reach the component only through a member or an outside dependency, so
/// those are the candidates; each is simulated on the component alone.
fn kill_sets_of_cycle(graph: &Graph, component: &[NodeIndex], kill: &mut KillSets, local: &mut [u32]) {
    for (i, &member) in component.iter().enumerate() {
        local[member as usize] = i as u32;
    }
    let local = &*local;
    let is_member = |v: NodeIndex| local[v as usize] != NOT_A_MEMBER;

    let mut candidates: Vec<NodeIndex> = component.to_vec();
    for &member in component {
        for &d in graph.dependencies(member) {
            if !is_member(d) {
                candidates.extend_from_slice(kill.get(d));
            }
        }
    }
    candidates.sort_unstable();
    candidates.dedup();

    let mut results: Vec<Vec<NodeIndex>> = vec![Vec::new(); component.len()];
    let mut up_dependencies = vec![0usize; component.len()];
    let mut down = vec![false; component.len()];
    let mut worklist = Vec::new();
    for &candidate in &candidates {
        worklist.clear();
        for (i, &member) in component.iter().enumerate() {
            let outside_down = graph
                .dependencies(member)
                .iter()
                .filter(|&&d| !is_member(d) && kill.get(d).binary_search(&candidate).is_ok())
                .count();
            up_dependencies[i] = graph.dependencies(member).len() - outside_down;
            down[i] = member == candidate || up_dependencies[i] < graph.needed(member);
            if down[i] {
                worklist.push(member);
            }
        }
        while let Some(lost) = worklist.pop() {
            for &dependent in graph.dependents(lost) {
                if !is_member(dependent) {
                    continue;
                }
                let i = local[dependent as usize] as usize;
                up_dependencies[i] -= 1;
                if !down[i] && up_dependencies[i] < graph.needed(dependent) {
                    down[i] = true;
                    worklist.push(dependent);
                }
            }
        }
        for (i, result) in results.iter_mut().enumerate() {
            if down[i] {
                result.push(candidate);
            }
        }
    }
    for (result, &member) in results.iter().zip(component) {
        kill.set(member, result);
    }
}

const NOT_A_MEMBER: u32 = u32::MAX;

/// The single points of failure of `graph`, ranked by users hit.
pub fn single_points_of_failure(graph: &Graph) -> SpofReport {
    report_from_kill_sets(graph, &compute_kill_sets(graph))
}

fn report_from_kill_sets(graph: &Graph, kill: &KillSets) -> SpofReport {
    // Invert feature → killers into killer → features with a counting pass,
    // so each list is allocated once at its final size; features are visited
    // in index order, so every list comes out sorted.
    let mut hits = vec![0usize; graph.len()];
    for feature in graph.features() {
        for &u in kill.get(feature) {
            hits[u as usize] += 1;
        }
    }
    let mut features_killed: Vec<Vec<NodeIndex>> = hits.iter().map(|&count| Vec::with_capacity(count)).collect();
    for feature in graph.features() {
        for &u in kill.get(feature) {
            features_killed[u as usize].push(feature);
        }
    }
    let mut spofs: Vec<Spof> = features_killed
        .into_iter()
        .zip(graph.nodes())
        .filter(|(features, u)| features.iter().any(|f| f != u))
        .map(|(features, u)| {
            let users = features.iter().map(|&f| graph.users(f)).sum();
            Spof { node: u, features, users }
        })
        .collect();
    spofs.sort_by(|a, b| b.users.cmp(&a.users).then_with(|| graph.id(a.node).cmp(graph.id(b.node))));
    let killers = graph
        .nodes()
        .map(|v| {
            let set = kill.get(v);
            let mut others = Vec::with_capacity(set.len().saturating_sub(1));
            others.extend(set.iter().copied().filter(|&u| u != v));
            others
        })
        .collect();
    SpofReport { spofs, killers }
}

/// The same report by simulating every single failure from scratch:
/// O(n · (n + m)). The baseline for benchmarks.
pub fn single_points_of_failure_by_resimulation(graph: &Graph) -> SpofReport {
    let mut by_node: Vec<Vec<NodeIndex>> = vec![Vec::new(); graph.len()];
    for u in graph.nodes() {
        let outcome = super::simulate(graph, &[u]);
        for v in outcome.down() {
            by_node[v as usize].push(u);
        }
    }
    let mut kill = KillSets {
        items: Vec::new(),
        spans: vec![0..0; graph.len()],
    };
    for (v, set) in graph.nodes().zip(&by_node) {
        kill.set(v, set);
    }
    report_from_kill_sets(graph, &kill)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::oracle::parse_graph;

    fn ids(graph: &Graph, nodes: &[NodeIndex]) -> Vec<String> {
        nodes.iter().map(|&v| graph.id(v).to_string()).collect()
    }

    #[test]
    fn shared_dependency_is_a_spof_and_redundancy_removes_it() {
        let g = parse_graph("f:feature:all:s; s:service:any:a,b; a:service:all:dc; b:service:all:dc; dc");
        let report = single_points_of_failure(&g);
        assert_eq!(ids(&g, &report.spofs.iter().map(|s| s.node).collect::<Vec<_>>()), ["dc", "s"]);
        // With a data center per replica only the any-node itself remains: it can fail too.
        let g = parse_graph("f:feature:all:s; s:service:any:a,b; a:service:all:dc1; b:service:all:dc2; dc1; dc2");
        let report = single_points_of_failure(&g);
        assert_eq!(ids(&g, &report.spofs.iter().map(|s| s.node).collect::<Vec<_>>()), ["s"]);
    }

    #[test]
    fn ranked_by_users_then_id() {
        let g = parse_graph("big:feature:all:x; small:feature:all:y,x; x; y");
        let report = single_points_of_failure(&g);
        let ranked: Vec<_> = report.spofs.iter().map(|s| (g.id(s.node).to_string(), s.users)).collect();
        // parse_graph gives each feature users = 10 × its position + 10.
        assert_eq!(ranked, vec![("x".into(), 30), ("y".into(), 20)]);
        assert_eq!(ids(&g, report.killers_of(1)), ["x", "y"]);
    }

    #[test]
    fn a_feature_alone_is_not_a_spof_but_counts_itself_when_it_kills_others() {
        let g = parse_graph("lonely:feature:all:; login:feature:all:; pay:feature:all:login");
        let report = single_points_of_failure(&g);
        assert_eq!(report.spofs.len(), 1);
        let login = &report.spofs[0];
        assert_eq!(ids(&g, &login.features), ["login", "pay"]);
    }

    #[test]
    fn quorum_needs_two_losses() {
        let g = parse_graph("f:feature:all:q; q:datastore:2:a,b,c; a:service:all:dc; b:service:all:dc; c; dc");
        let report = single_points_of_failure(&g);
        assert_eq!(ids(&g, &report.spofs.iter().map(|s| s.node).collect::<Vec<_>>()), ["dc", "q"]);
    }

    #[test]
    fn many_dependencies_and_generated_graphs_agree_with_resimulation() {
        // More dependencies than `MAX_MERGED`, with every kind of requirement.
        let providers: Vec<String> = (0..10).map(|i| format!("p{i}")).collect();
        let mut spec = String::new();
        for (i, rule) in ["all", "any", "2", "9", "10"].iter().enumerate() {
            spec += &format!("f{i}:feature:{rule}:{}; ", providers.join(","));
        }
        for (i, p) in providers.iter().enumerate() {
            // Pairs of providers share a data center, so kill sets overlap.
            spec += &format!("{p}:service:all:dc{}; ", i / 2);
        }
        spec += "dc0; dc1; dc2; dc3; dc4";
        let g = parse_graph(&spec);
        assert_eq!(single_points_of_failure(&g), single_points_of_failure_by_resimulation(&g));
        // The benchmarks' graphs: up to 9 dependencies, long chains of kill sets.
        for seed in 0..3 {
            let g = Graph::build(&crate::generate::layered_graph(1_500, 5, seed)).expect("valid");
            assert_eq!(single_points_of_failure(&g), single_points_of_failure_by_resimulation(&g));
        }
    }

    #[test]
    fn cycles_are_exact() {
        // ops and talk need each other (the responders' chat ran on the product);
        // talk also needs either of two sites.
        let g = parse_graph("talk:feature:all:ops,api; ops:service:all:talk; api:service:any:s1,s2; s1; s2");
        let report = single_points_of_failure(&g);
        assert_eq!(ids(&g, &report.spofs.iter().map(|s| s.node).collect::<Vec<_>>()), ["api", "ops"]);
    }
}
