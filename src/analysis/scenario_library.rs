//! A library of failure scenarios generated from the graph itself.
//!
//! Three families, in this order, each in document order:
//!
//! 1. **Each data center** fails alone (every node of kind `datacenter`).
//! 2. **Each provider** fails alone (every node of kind `provider`).
//! 3. **Each group of copies that share a dependency** fails together. For a
//!    node r that needs fewer than all of its dependencies (`any`, or
//!    `at_least k` with k below their number: r is redundant) and any node
//!    d, the group is G(r, d) = { x ∈ deps(r) : d ∈ deps(x) }, kept when it
//!    has two members or more. These are r's copies that all lean on the same
//!    d, and failing them together (without d) is the common-mode failure the
//!    redundancy of r does not cover: a bad release, a shared configuration,
//!    a fault in d that does not stop d. The same set found from several
//!    (r, d) is listed once, under its first (r, d) in document order.
//!
//! Stored scenarios are the document's; these are suggestions to compare
//! (see `report::compare`) and, in the app, to save. Cost: O(n + Σ over
//! redundant r of Σ_{x ∈ deps(r)} |deps(x)|), plus sorting each group.

use crate::model::{Graph, Kind, NodeIndex};
use std::collections::{HashMap, HashSet};

/// Why a generated scenario is in the library.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ScenarioSource {
    /// One data center fails.
    Datacenter(NodeIndex),
    /// One provider fails.
    Provider(NodeIndex),
    /// The copies of `redundant` that all depend on `shared` fail together.
    SharedDependency { redundant: NodeIndex, shared: NodeIndex },
}

/// A failure set worth trying, and where it comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GeneratedScenario {
    pub source: ScenarioSource,
    /// The nodes to fail, in index order.
    pub fail: Vec<NodeIndex>,
}

/// Every generated scenario of `graph`, in the order the module describes.
pub fn scenario_library(graph: &Graph) -> Vec<GeneratedScenario> {
    let mut library = Vec::new();
    for (kind, source) in [
        (Kind::Datacenter, ScenarioSource::Datacenter as fn(NodeIndex) -> ScenarioSource),
        (Kind::Provider, ScenarioSource::Provider),
    ] {
        library.extend(
            graph
                .nodes()
                .filter(|&v| graph.kind(v) == kind)
                .map(|v| GeneratedScenario { source: source(v), fail: vec![v] }),
        );
    }
    let mut seen: HashSet<Vec<NodeIndex>> = HashSet::new();
    // d → the copies of the current r that depend on it, with d in first-seen order.
    let mut copies_on: HashMap<NodeIndex, Vec<NodeIndex>> = HashMap::new();
    let mut shared_order: Vec<NodeIndex> = Vec::new();
    for redundant in graph.nodes() {
        let dependencies = graph.dependencies(redundant);
        if graph.needed(redundant) >= dependencies.len() {
            continue;
        }
        copies_on.clear();
        shared_order.clear();
        for &copy in dependencies {
            for &shared in graph.dependencies(copy) {
                let copies = copies_on.entry(shared).or_default();
                if copies.is_empty() {
                    shared_order.push(shared);
                }
                copies.push(copy);
            }
        }
        // Document order of the shared dependency, so the library is stable.
        shared_order.sort_unstable();
        for &shared in &shared_order {
            let mut fail = copies_on[&shared].clone();
            if fail.len() < 2 {
                continue;
            }
            fail.sort_unstable();
            fail.dedup();
            if seen.insert(fail.clone()) {
                library.push(GeneratedScenario {
                    source: ScenarioSource::SharedDependency { redundant, shared },
                    fail,
                });
            }
        }
    }
    library
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::oracle::parse_graph;
    use crate::analysis::properties::arbitrary_graph;
    use proptest::prelude::*;
    use std::collections::BTreeSet;

    #[test]
    fn sites_providers_and_copies_that_share_a_building() {
        let g = parse_graph(
            "auth:service:any:a1,a2,a3; a1:service:all:dc1,db; a2:service:all:dc1,db; a3:service:all:dc2,db; \
             dc1:datacenter:all:grid; dc2:datacenter:all:grid; db:datastore:all:; grid",
        );
        let idx = |id: &str| g.index_of(&id.into()).unwrap();
        let library = scenario_library(&g);
        let listed: Vec<(ScenarioSource, Vec<NodeIndex>)> = library.into_iter().map(|s| (s.source, s.fail)).collect();
        assert_eq!(
            listed,
            vec![
                (ScenarioSource::Datacenter(idx("dc1")), vec![idx("dc1")]),
                (ScenarioSource::Datacenter(idx("dc2")), vec![idx("dc2")]),
                (ScenarioSource::Provider(idx("grid")), vec![idx("grid")]),
                (
                    ScenarioSource::SharedDependency { redundant: idx("auth"), shared: idx("dc1") },
                    vec![idx("a1"), idx("a2")]
                ),
                (
                    ScenarioSource::SharedDependency { redundant: idx("auth"), shared: idx("db") },
                    vec![idx("a1"), idx("a2"), idx("a3")]
                ),
            ]
        );
    }

    #[test]
    fn kakao_has_its_pangyo_replicas() {
        let valid = crate::format::parse(include_str!("../../assets/examples/kakao-2022.json")).unwrap();
        let g = valid.graph();
        let ids = |nodes: &[NodeIndex]| nodes.iter().map(|&v| g.id(v).as_str()).collect::<Vec<_>>();
        let library = scenario_library(g);
        let sets: Vec<Vec<&str>> = library.iter().map(|s| ids(&s.fail)).collect();
        assert!(sets.contains(&vec!["pangyo"]));
        assert!(sets.contains(&vec!["grid-pangyo"]));
        assert!(sets.contains(&vec!["cache-a", "cache-b"]), "{sets:?}");
        assert!(sets.contains(&vec!["auth-a", "auth-b"]), "{sets:?}");
    }

    /// The groups straight from the definition: every (r, d) pair.
    fn shared_groups_by_definition(graph: &Graph) -> BTreeSet<Vec<NodeIndex>> {
        let mut groups = BTreeSet::new();
        for r in graph.nodes() {
            let deps = graph.dependencies(r);
            if graph.needed(r) >= deps.len() {
                continue;
            }
            for d in graph.nodes() {
                let group: Vec<NodeIndex> = deps.iter().copied().filter(|&x| graph.dependencies(x).contains(&d)).collect();
                let mut group = group;
                group.sort_unstable();
                if group.len() >= 2 {
                    groups.insert(group);
                }
            }
        }
        groups
    }

    proptest! {
        #[test]
        fn the_library_matches_the_definition(graph in arbitrary_graph()) {
            let library = scenario_library(&graph);
            let singles: Vec<NodeIndex> = library
                .iter()
                .filter(|s| !matches!(s.source, ScenarioSource::SharedDependency { .. }))
                .map(|s| s.fail[0])
                .collect();
            let expected_singles: Vec<NodeIndex> = graph
                .nodes()
                .filter(|&v| graph.kind(v) == Kind::Datacenter)
                .chain(graph.nodes().filter(|&v| graph.kind(v) == Kind::Provider))
                .collect();
            prop_assert_eq!(singles, expected_singles);
            let shared: Vec<Vec<NodeIndex>> = library
                .iter()
                .filter(|s| matches!(s.source, ScenarioSource::SharedDependency { .. }))
                .map(|s| s.fail.clone())
                .collect();
            let unique: BTreeSet<Vec<NodeIndex>> = shared.iter().cloned().collect();
            prop_assert_eq!(unique.len(), shared.len(), "each group once");
            prop_assert_eq!(unique, shared_groups_by_definition(&graph));
            for scenario in &library {
                if let ScenarioSource::SharedDependency { redundant, shared } = scenario.source {
                    for &copy in &scenario.fail {
                        prop_assert!(graph.dependencies(redundant).contains(&copy));
                        prop_assert!(graph.dependencies(copy).contains(&shared));
                    }
                }
            }
        }
    }
}
