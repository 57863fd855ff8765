//! Single points of failure: nodes whose lone failure takes down a feature.
//!
//! For every node v the *kill set* K(v) holds the nodes whose lone failure
//! takes v down (v included); u is a single point of failure when K(f)
//! contains u for some feature f other than u. Kill sets are found once per
//! node, dependencies first, in topological order of the strongly connected
//! components:
//!
//! - `acyclic`: a node outside cycles, from its dependencies' sets;
//! - `cycle`: the members of a cycle, together;
//! - `kill_sets`: how the sets are stored, sharing structure along chains;
//! - `merge`: counting merges of sorted sets;
//! - `resimulation`: the O(n · (n + m)) baseline, one simulation per node.
//!
//! Cost: output-sensitive. Chains, "any" nodes over branches that meet, and
//! cycles whose members need all their dependencies store no set of their
//! own; a node whose set must be written out costs the sizes of its
//! dependencies' sets. The report then lists each feature's set once:
//! O(n + m + Σ_features |K(f)| + written sets), where the old flat form was
//! O(n · depth) (a 20,000-deep chain asked for 1 GiB).

mod acyclic;
mod cycle;
mod kill_sets;
mod merge;
mod resimulation;

pub use resimulation::single_points_of_failure_by_resimulation;

use crate::model::{Graph, NodeIndex};
use kill_sets::{KillSets, Marks};
use petgraph::algo::kosaraju_scc;

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
#[derive(Clone, Debug)]
pub struct SpofReport {
    /// Ranked by users hit (descending), then by id.
    pub spofs: Vec<Spof>,
    /// For each node, its position in `spofs`, or `NOT_A_SPOF`.
    rank: Vec<u32>,
    kill: KillSets,
}

const NOT_A_SPOF: u32 = u32::MAX;

impl SpofReport {
    pub fn is_spof(&self, node: NodeIndex) -> bool {
        self.spof(node).is_some()
    }

    pub fn spof(&self, node: NodeIndex) -> Option<&Spof> {
        self.spofs.get(self.rank[node as usize] as usize)
    }

    /// The nodes whose lone failure takes `node` down (itself excluded), in
    /// index order. Listed on demand: O(|K(node)| log |K(node)|).
    pub fn killers_of(&self, node: NodeIndex) -> Vec<NodeIndex> {
        self.kill.killers_of(node)
    }
}

/// Two reports are equal when they rank the same single points of failure
/// and give every node the same killers, however the sets are stored.
impl PartialEq for SpofReport {
    fn eq(&self, other: &SpofReport) -> bool {
        self.spofs == other.spofs
            && self.kill.len() == other.kill.len()
            && (0..self.kill.len() as NodeIndex).all(|v| self.killers_of(v) == other.killers_of(v))
    }
}

impl Eq for SpofReport {}

/// The single points of failure of `graph`, ranked by users hit.
pub fn single_points_of_failure(graph: &Graph) -> SpofReport {
    report_from_kill_sets(graph, kill_sets(graph))
}

fn kill_sets(graph: &Graph) -> KillSets {
    let mut kill = KillSets::new(graph.len());
    let mut buffers = acyclic::Buffers::default();
    let mut members = cycle::Members::new(graph.len());
    // Kosaraju's algorithm is iterative (Tarjan's, in petgraph, recurses once
    // per node of a path and overflows the stack on long chains). It yields
    // the components in post-order: for an edge dependent → dependency, the
    // dependency's component comes first.
    for component in kosaraju_scc(graph) {
        if cycle::is_cycle(graph, &component) {
            cycle::record(graph, &component, &mut kill, &mut members);
        } else {
            acyclic::record(graph, component[0], &mut kill, &mut buffers);
        }
    }
    kill
}

fn report_from_kill_sets(graph: &Graph, kill: KillSets) -> SpofReport {
    // Invert feature → killers into killer → features with a counting pass,
    // so each list is allocated once at its final size; features are visited
    // in index order, so every list comes out sorted.
    let mut marks = Marks::new(graph.len());
    let mut hits = vec![0usize; graph.len()];
    for feature in graph.features() {
        kill.for_each(feature, &mut marks, |u| hits[u as usize] += 1);
    }
    let mut features_killed: Vec<Vec<NodeIndex>> = hits.iter().map(|&count| Vec::with_capacity(count)).collect();
    for feature in graph.features() {
        kill.for_each(feature, &mut marks, |u| features_killed[u as usize].push(feature));
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
    let mut rank = vec![NOT_A_SPOF; graph.len()];
    for (position, spof) in spofs.iter().enumerate() {
        rank[spof.node as usize] = position as u32;
    }
    SpofReport { spofs, rank, kill }
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
        assert_eq!(ids(&g, &report.killers_of(1)), ["x", "y"]);
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
