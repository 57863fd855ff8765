//! Single points of failure that are one risk.
//!
//! Let F(u) be the features that the lone failure of u takes down (a
//! [`Spof`](super::Spof)'s `features`). Two single points of failure u and w
//! are **one risk** when F(u) = F(w): whichever of them fails, the same
//! features go dark. This also covers nodes that fail the features only
//! through another one: if u takes w down then F(u) ⊇ F(w) (failures only
//! spread), so "u reaches the features only through w" means F(u) = F(w).
//! The risk groups are the classes of this equivalence.
//!
//! Each group has a **representative**, the member a person would name. A
//! member u *fails only through* w when w is u's only dependent; u and w are
//! *tied* when one of them takes the other down. The representative is the
//! member that the most other members fail only through; among those, the
//! one tied to the most members; then the one that takes down the most
//! members (the furthest upstream); then the smallest id. In the Kakao
//! example the grid feed and the UPS room feed only the building, and the
//! building takes the cache cluster down, so the group reads
//! "SK C&C Pangyo — and 3 more that take down the same features".
//!
//! Groups are ordered like the single points of failure: by users hit
//! (the sum over F, equal within a group) descending, then by the
//! representative's id. The other members are listed by id.
//!
//! Built only from the public output of
//! [`single_points_of_failure`](super::single_points_of_failure): each
//! spof's features and [`SpofReport::killers_of`]. Cost: O(Σ |F(u)|) to
//! group, plus O(Σ_w |killers(w)| · log) over the members of groups of two
//! or more to choose representatives, plus their dependents.

use super::SpofReport;
use crate::model::{Graph, NodeIndex};
use std::collections::HashMap;

/// Single points of failure that take down exactly the same features.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RiskGroup {
    /// The member to name (see the module documentation).
    pub representative: NodeIndex,
    /// The other members, sorted by id.
    pub others: Vec<NodeIndex>,
    /// The features any member takes down, in index order.
    pub features: Vec<NodeIndex>,
    /// Sum of the users of `features` (an upper bound on people, not a head count).
    pub users: u64,
}

impl RiskGroup {
    /// The representative, then the others.
    pub fn members(&self) -> impl Iterator<Item = NodeIndex> + '_ {
        std::iter::once(self.representative).chain(self.others.iter().copied())
    }

    pub fn len(&self) -> usize {
        1 + self.others.len()
    }

    pub fn is_empty(&self) -> bool {
        false
    }
}

const NO_GROUP: usize = usize::MAX;

/// Groups the single points of failure of `report` into risks, ordered by users hit.
pub fn risk_groups(graph: &Graph, report: &SpofReport) -> Vec<RiskGroup> {
    // Classes of equal feature sets, in the report's order.
    let mut class_of_features: HashMap<&[NodeIndex], usize> = HashMap::new();
    let mut classes: Vec<Vec<usize>> = Vec::new();
    for (position, spof) in report.spofs.iter().enumerate() {
        let class = *class_of_features.entry(spof.features.as_slice()).or_insert_with(|| {
            classes.push(Vec::new());
            classes.len() - 1
        });
        classes[class].push(position);
    }

    let mut group_of = vec![NO_GROUP; graph.len()];
    for (class, members) in classes.iter().enumerate() {
        for &position in members {
            group_of[report.spofs[position].node as usize] = class;
        }
    }
    // For members of groups of two or more: how many members fail only
    // through each, how many it is tied to, and how many it takes down.
    let mut fail_through = vec![0usize; graph.len()];
    let mut tied = vec![0usize; graph.len()];
    let mut takes_down = vec![0usize; graph.len()];
    for members in classes.iter().filter(|members| members.len() > 1) {
        for &position in members {
            let w = report.spofs[position].node;
            if let &[only] = graph.dependents(w) {
                if only != w && group_of[only as usize] == group_of[w as usize] {
                    fail_through[only as usize] += 1;
                }
            }
            for u in report.killers_of(w) {
                if group_of[u as usize] != group_of[w as usize] {
                    continue;
                }
                takes_down[u as usize] += 1;
                // Count each tied pair once, also when each takes the other down.
                let mutual = report.killers_of(u).binary_search(&w).is_ok();
                if !mutual || u < w {
                    tied[u as usize] += 1;
                    tied[w as usize] += 1;
                }
            }
        }
    }

    let mut groups: Vec<RiskGroup> = classes
        .into_iter()
        .map(|members| {
            let mut nodes: Vec<NodeIndex> = members.iter().map(|&p| report.spofs[p].node).collect();
            let best = nodes
                .iter()
                .copied()
                .enumerate()
                .max_by(|&(_, a), &(_, b)| {
                    let score = |v: NodeIndex| (fail_through[v as usize], tied[v as usize], takes_down[v as usize]);
                    score(a)
                        .cmp(&score(b))
                        .then_with(|| graph.id(b).cmp(graph.id(a)))
                })
                .map(|(i, _)| i)
                .unwrap_or(0);
            let representative = nodes.swap_remove(best);
            nodes.sort_by(|&a, &b| graph.id(a).cmp(graph.id(b)));
            let spof = &report.spofs[members[0]];
            RiskGroup {
                representative,
                others: nodes,
                features: spof.features.clone(),
                users: spof.users,
            }
        })
        .collect();
    groups.sort_by(|a, b| {
        b.users
            .cmp(&a.users)
            .then_with(|| graph.id(a.representative).cmp(graph.id(b.representative)))
    });
    groups
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::oracle::{self, parse_graph};
    use crate::analysis::properties::arbitrary_graph;
    use crate::analysis::single_points_of_failure;
    use proptest::prelude::*;

    fn described(graph: &Graph, groups: &[RiskGroup]) -> Vec<(String, Vec<String>)> {
        groups
            .iter()
            .map(|g| {
                let others = g.others.iter().map(|&v| graph.id(v).to_string()).collect();
                (graph.id(g.representative).to_string(), others)
            })
            .collect()
    }

    #[test]
    fn the_building_stands_for_its_power_and_its_cache() {
        // grid and ups power the building; the cache runs only in it.
        let g = parse_graph(
            "talk:feature:all:api,cache; api:service:any:a1,a2; a1:service:all:dc; a2:service:all:dc; \
             cache:datastore:all:dc; dc:datacenter:all:grid,ups; grid; ups; pay:feature:all:auth; auth",
        );
        let groups = risk_groups(&g, &single_points_of_failure(&g));
        assert_eq!(
            described(&g, &groups),
            vec![
                // pay has 90 users and talk 10 (parse_graph counts by position).
                ("auth".to_owned(), vec![]),
                ("dc".to_owned(), vec!["api".to_owned(), "cache".to_owned(), "grid".to_owned(), "ups".to_owned()]),
            ]
        );
        assert_eq!(groups[1].len(), 5);
        assert_eq!(groups[1].members().next(), Some(groups[1].representative));
    }

    #[test]
    fn the_kakao_example_has_one_pangyo_risk() {
        let valid = crate::format::parse(include_str!("../../assets/examples/kakao-2022.json")).unwrap();
        let g = valid.graph();
        let groups = risk_groups(g, &single_points_of_failure(g));
        let (representative, others) = &described(g, &groups)[0];
        assert_eq!(representative, "pangyo");
        assert_eq!(others, &["cache", "grid-pangyo", "ups-pangyo"]);
        assert_eq!(groups[0].features.len(), 12);
    }

    #[test]
    fn a_building_stands_for_the_one_feed_it_has() {
        let g = parse_graph("f:feature:all:dc; dc:datacenter:all:grid; grid");
        let groups = risk_groups(&g, &single_points_of_failure(&g));
        assert_eq!(described(&g, &groups), vec![("dc".to_owned(), vec!["grid".to_owned()])]);
    }

    #[test]
    fn independent_members_without_a_centre_fall_back_to_the_id() {
        // f needs both a and b: each alone takes f down; neither takes the other down.
        let g = parse_graph("f:feature:all:b,a; a; b");
        let groups = risk_groups(&g, &single_points_of_failure(&g));
        assert_eq!(described(&g, &groups), vec![("a".to_owned(), vec!["b".to_owned()])]);
    }

    /// The groups from the definition alone, by brute-force simulation of every single failure.
    fn brute_force(graph: &Graph) -> Vec<(NodeIndex, Vec<NodeIndex>, Vec<NodeIndex>)> {
        let down: Vec<Vec<bool>> = graph.nodes().map(|u| oracle::down_after(graph, &[u])).collect();
        let features_of = |u: NodeIndex| -> Vec<NodeIndex> { graph.features().filter(|&f| down[u as usize][f as usize]).collect() };
        let spofs: Vec<NodeIndex> = graph.nodes().filter(|&u| features_of(u).iter().any(|&f| f != u)).collect();
        let mut classes: Vec<Vec<NodeIndex>> = Vec::new();
        for &u in &spofs {
            match classes.iter_mut().find(|class| features_of(class[0]) == features_of(u)) {
                Some(class) => class.push(u),
                None => classes.push(vec![u]),
            }
        }
        let takes = |u: NodeIndex, w: NodeIndex| down[u as usize][w as usize];
        let mut result: Vec<_> = classes
            .into_iter()
            .map(|class| {
                let score = |w: NodeIndex| {
                    let through = class.iter().filter(|&&v| v != w && graph.dependents(v) == [w]).count();
                    let tied = class.iter().filter(|&&v| v != w && (takes(v, w) || takes(w, v))).count();
                    let downstream = class.iter().filter(|&&v| v != w && takes(w, v)).count();
                    (through, tied, downstream)
                };
                let best = class.iter().map(|&w| score(w)).max().unwrap();
                let representative = *class.iter().filter(|&&w| score(w) == best).min_by_key(|&&w| graph.id(w)).unwrap();
                let mut others: Vec<NodeIndex> = class.iter().copied().filter(|&w| w != representative).collect();
                others.sort_by_key(|&w| graph.id(w));
                (representative, others, features_of(class[0]))
            })
            .collect();
        let users = |features: &Vec<NodeIndex>| features.iter().map(|&f| graph.users(f)).sum::<u64>();
        result.sort_by(|a, b| users(&b.2).cmp(&users(&a.2)).then_with(|| graph.id(a.0).cmp(graph.id(b.0))));
        result
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(1000))]

        #[test]
        fn groups_match_the_definition(graph in arbitrary_graph()) {
            let groups = risk_groups(&graph, &single_points_of_failure(&graph));
            let actual: Vec<_> = groups.iter().map(|g| (g.representative, g.others.clone(), g.features.clone())).collect();
            prop_assert_eq!(actual, brute_force(&graph));
            for group in &groups {
                prop_assert_eq!(group.users, group.features.iter().map(|&f| graph.users(f)).sum::<u64>());
            }
        }
    }
}
