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
//! Cost: O(Σ_v Σ_{d ∈ deps(v)} |K(d)| · log) outside cycles, plus
//! O(candidates · size) per cycle, instead of n full simulations
//! ([`single_points_of_failure_by_resimulation`], O(n · (n + m))). Kill sets
//! stay small on real graphs because redundancy (any / at least k) cuts them.

use crate::model::{Graph, NodeIndex};
use petgraph::algo::tarjan_scc;
use petgraph::graph::DiGraph;

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

/// K(v) for every node: sorted lists of the nodes whose lone failure takes v down.
pub fn kill_sets(graph: &Graph) -> Vec<Vec<NodeIndex>> {
    let mut kill: Vec<Vec<NodeIndex>> = vec![Vec::new(); graph.len()];
    // Local positions of a cycle's members; reset after each cycle so that the
    // whole pass allocates it once.
    let mut local = vec![NOT_A_MEMBER; graph.len()];
    for component in components_dependencies_first(graph) {
        let is_cycle = component.len() > 1 || graph.dependencies(component[0]).contains(&component[0]);
        if is_cycle {
            kill_sets_of_cycle(graph, &component, &mut kill, &mut local);
            for &member in &component {
                local[member as usize] = NOT_A_MEMBER;
            }
        } else {
            let v = component[0];
            kill[v as usize] = kill_set_of(graph, v, &kill);
        }
    }
    kill
}

/// Strongly connected components, each before every component that depends on it.
fn components_dependencies_first(graph: &Graph) -> Vec<Vec<NodeIndex>> {
    let mut g = DiGraph::<(), (), NodeIndex>::with_capacity(graph.len(), 0);
    for _ in graph.nodes() {
        g.add_node(());
    }
    g.extend_with_edges(graph.edges());
    // Tarjan's algorithm yields components in post-order: for an edge
    // dependent → dependency, the dependency's component comes first.
    tarjan_scc(&g)
        .into_iter()
        .map(|c| c.into_iter().map(|i| i.index() as NodeIndex).collect())
        .collect()
}

/// K(v) for a node outside any cycle, from its dependencies' kill sets.
fn kill_set_of(graph: &Graph, v: NodeIndex, kill: &[Vec<NodeIndex>]) -> Vec<NodeIndex> {
    let dependencies = graph.dependencies(v);
    let n = dependencies.len();
    let mut result = if n == 0 {
        Vec::new()
    } else {
        // A single failure kills v when it takes down more than n − needed dependencies.
        let threshold = n - graph.needed(v) + 1;
        let sets = dependencies.iter().map(|&d| kill[d as usize].as_slice());
        if threshold == 1 {
            union(sets)
        } else if threshold == n {
            intersection(sets)
        } else {
            at_least(sets, threshold)
        }
    };
    insert_sorted(&mut result, v);
    result
}

fn union<'a>(sets: impl Iterator<Item = &'a [NodeIndex]>) -> Vec<NodeIndex> {
    let mut all: Vec<NodeIndex> = sets.flatten().copied().collect();
    all.sort_unstable();
    all.dedup();
    all
}

fn intersection<'a>(mut sets: impl Iterator<Item = &'a [NodeIndex]>) -> Vec<NodeIndex> {
    let Some(first) = sets.next() else {
        return Vec::new();
    };
    let mut common = first.to_vec();
    for set in sets {
        if common.is_empty() {
            break;
        }
        common.retain(|u| set.binary_search(u).is_ok());
    }
    common
}

fn at_least<'a>(sets: impl Iterator<Item = &'a [NodeIndex]>, threshold: usize) -> Vec<NodeIndex> {
    let mut all: Vec<NodeIndex> = sets.flatten().copied().collect();
    all.sort_unstable();
    let mut result = Vec::new();
    for run in all.chunk_by(|a, b| a == b) {
        if run.len() >= threshold {
            result.push(run[0]);
        }
    }
    result
}

fn insert_sorted(set: &mut Vec<NodeIndex>, v: NodeIndex) {
    if let Err(at) = set.binary_search(&v) {
        set.insert(at, v);
    }
}

/// Kill sets for the members of one strongly connected component. A failure
/// can reach the component only through a member or an outside dependency, so
/// those are the candidates; each is simulated on the component alone.
fn kill_sets_of_cycle(
    graph: &Graph,
    component: &[NodeIndex],
    kill: &mut [Vec<NodeIndex>],
    local: &mut [u32],
) {
    for (i, &member) in component.iter().enumerate() {
        local[member as usize] = i as u32;
    }
    let local = &*local;
    let is_member = |v: NodeIndex| local[v as usize] != NOT_A_MEMBER;

    let mut candidates: Vec<NodeIndex> = component.to_vec();
    for &member in component {
        for &d in graph.dependencies(member) {
            if !is_member(d) {
                candidates.extend_from_slice(&kill[d as usize]);
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
                .filter(|&&d| !is_member(d) && kill[d as usize].binary_search(&candidate).is_ok())
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
    for (i, &member) in component.iter().enumerate() {
        kill[member as usize] = std::mem::take(&mut results[i]);
    }
}

const NOT_A_MEMBER: u32 = u32::MAX;

/// The single points of failure of `graph`, ranked by users hit.
pub fn single_points_of_failure(graph: &Graph) -> SpofReport {
    report_from_kill_sets(graph, kill_sets(graph))
}

fn report_from_kill_sets(graph: &Graph, kill: Vec<Vec<NodeIndex>>) -> SpofReport {
    let mut features_killed: Vec<Vec<NodeIndex>> = vec![Vec::new(); graph.len()];
    for feature in graph.features() {
        for &u in &kill[feature as usize] {
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
    let killers = kill
        .into_iter()
        .enumerate()
        .map(|(v, mut set)| {
            set.retain(|&u| u as usize != v);
            set
        })
        .collect();
    SpofReport { spofs, killers }
}

/// The same report by simulating every single failure from scratch:
/// O(n · (n + m)). The baseline for benchmarks.
pub fn single_points_of_failure_by_resimulation(graph: &Graph) -> SpofReport {
    let mut kill: Vec<Vec<NodeIndex>> = vec![Vec::new(); graph.len()];
    for u in graph.nodes() {
        let outcome = super::simulate(graph, &[u]);
        for v in outcome.down() {
            kill[v as usize].push(u);
        }
    }
    report_from_kill_sets(graph, kill)
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
    fn cycles_are_exact() {
        // ops and talk need each other (the responders' chat ran on the product);
        // talk also needs either of two sites.
        let g = parse_graph("talk:feature:all:ops,api; ops:service:all:talk; api:service:any:s1,s2; s1; s2");
        let report = single_points_of_failure(&g);
        assert_eq!(ids(&g, &report.spofs.iter().map(|s| s.node).collect::<Vec<_>>()), ["api", "ops"]);
    }
}
