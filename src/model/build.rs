//! Checking a document against every rule of the model while building its
//! [`Graph`]. O(nodes + dependencies): each dependency is looked up once in
//! the id table and checked for repetition against a per-node marker, so a
//! node with 200,000 dependencies costs no more than 200,000 nodes with one.

use super::adjacency::{reverse, Adjacency};
use super::id_index::IdIndex;
use super::{Document, Graph, Kind, ModelError, NodeId, NodeIndex, Requirement, FORMAT_VERSION, MAX_USERS};

impl Graph {
    /// Checks every rule of the model and builds the index. O(n + m).
    pub fn build(document: &Document) -> Result<Graph, ModelError> {
        if document.version != FORMAT_VERSION {
            return Err(ModelError::UnsupportedVersion(document.version));
        }
        match document.audience {
            Some(0) => return Err(ModelError::EmptyAudience),
            Some(audience) if audience > MAX_USERS => return Err(ModelError::AudienceTooLarge(audience)),
            _ => {}
        }
        let n = document.nodes.len();
        let ids: Vec<NodeId> = document.nodes.iter().map(|n| n.id.clone()).collect();
        let mut index = IdIndex::with_capacity(n);
        for (position, id) in ids.iter().enumerate() {
            if id.as_str().trim().is_empty() {
                return Err(ModelError::EmptyId { position });
            }
            if !index.insert(&ids, position as NodeIndex) {
                return Err(ModelError::DuplicateId(id.clone()));
            }
        }
        let edges = document.nodes.iter().map(|node| node.depends_on.len()).sum();
        let mut dependencies = Adjacency {
            starts: Vec::with_capacity(n + 1),
            targets: Vec::with_capacity(edges),
        };
        dependencies.starts.push(0);
        // How many dependents each node has, to lay out the reverse lists.
        let mut dependent_counts = vec![0usize; n];
        // last_listed_by[t] = 1 + the position of the last node that listed t,
        // so a repeated dependency is found in O(1) instead of by scanning the list.
        let mut last_listed_by = vec![0u32; n];
        for (position, node) in document.nodes.iter().enumerate() {
            let start = dependencies.targets.len();
            let marker = position as u32 + 1;
            for dependency in &node.depends_on {
                let Some(target) = index.get(&ids, dependency) else {
                    return Err(ModelError::UnknownReference {
                        node: node.id.clone(),
                        missing: dependency.clone(),
                    });
                };
                if std::mem::replace(&mut last_listed_by[target as usize], marker) == marker {
                    return Err(ModelError::DuplicateDependency {
                        node: node.id.clone(),
                        dependency: dependency.clone(),
                    });
                }
                dependencies.targets.push(target);
                dependent_counts[target as usize] += 1;
            }
            let count = dependencies.targets.len() - start;
            if let Requirement::AtLeast(k) = node.requires {
                if k == 0 || k as usize > count {
                    return Err(ModelError::AtLeastOutOfRange {
                        node: node.id.clone(),
                        k,
                        dependencies: count,
                    });
                }
            }
            if let Some(value) = node.availability {
                if !(value > 0.0 && value <= 1.0) {
                    return Err(ModelError::AvailabilityOutOfRange {
                        node: node.id.clone(),
                        value,
                    });
                }
            }
            for (field, value) in [
                ("x", node.x),
                ("y", node.y),
                ("recovery_hours", node.recovery_hours),
                ("rebuild_hours", node.rebuild_hours),
                ("tolerance_hours", node.tolerance_hours),
            ] {
                if value.is_some_and(|v| !v.is_finite()) {
                    return Err(ModelError::NotFinite {
                        node: node.id.clone(),
                        field,
                    });
                }
            }
            for (field, value) in [
                ("recovery_hours", node.recovery_hours),
                ("rebuild_hours", node.rebuild_hours),
                ("tolerance_hours", node.tolerance_hours),
            ] {
                if let Some(value) = value.filter(|v| *v < 0.0) {
                    return Err(ModelError::NegativeHours {
                        node: node.id.clone(),
                        field,
                        value,
                    });
                }
            }
            if node.users > MAX_USERS {
                return Err(ModelError::TooManyUsers {
                    node: node.id.clone(),
                    users: node.users,
                });
            }
            if let Some(audience) = document.audience.filter(|&a| node.kind == Kind::Feature && node.users > a) {
                return Err(ModelError::UsersAboveAudience {
                    node: node.id.clone(),
                    users: node.users,
                    audience,
                });
            }
            if node.tolerance_hours.is_some() && node.kind != Kind::Feature {
                return Err(ModelError::ToleranceOnNonFeature {
                    node: node.id.clone(),
                    kind: node.kind,
                });
            }
            dependencies.starts.push(dependencies.targets.len());
        }
        for scenario in &document.scenarios {
            if let Some(missing) = scenario.fail.iter().find(|id| index.get(&ids, id).is_none()) {
                return Err(ModelError::UnknownScenarioNode {
                    scenario: scenario.name.clone(),
                    missing: missing.clone(),
                });
            }
        }
        let dependents = reverse(&dependencies, dependent_counts);
        Ok(Graph {
            ids,
            kinds: document.nodes.iter().map(|n| n.kind).collect(),
            requirements: document.nodes.iter().map(|n| n.requires).collect(),
            users: document.nodes.iter().map(|n| n.users).collect(),
            availability: document.nodes.iter().map(|n| n.availability).collect(),
            recovery_hours: document.nodes.iter().map(|n| n.recovery_hours.unwrap_or(0.0)).collect(),
            rebuild_hours: document.nodes.iter().map(|n| n.rebuild_hours).collect(),
            tolerance_hours: document.nodes.iter().map(|n| n.tolerance_hours).collect(),
            audience: document.audience,
            dependencies,
            dependents,
            index,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Node, Scenario};

    fn doc(nodes: Vec<Node>) -> Document {
        Document {
            nodes,
            ..Document::default()
        }
    }

    fn node(id: &str, deps: &[&str]) -> Node {
        let mut n = Node::new(id, Kind::Service);
        n.depends_on = deps.iter().map(|d| NodeId::from(*d)).collect();
        n
    }

    #[test]
    fn builds_index_and_both_directions() {
        let g = Graph::build(&doc(vec![node("a", &["b", "c"]), node("b", &["c"]), node("c", &[])]))
            .unwrap();
        assert_eq!(g.len(), 3);
        assert_eq!(g.dependencies(0), &[1, 2]);
        assert_eq!(g.dependents(2), &[0, 1]);
        assert_eq!(g.index_of(&"c".into()), Some(2));
        assert_eq!(g.edges().count(), 3);
    }

    #[test]
    fn names_the_node_in_every_error() {
        let cases: Vec<(Document, ModelError)> = vec![
            (
                doc(vec![node("a", &[]), node("a", &[])]),
                ModelError::DuplicateId("a".into()),
            ),
            (
                doc(vec![node("a", &["ghost"])]),
                ModelError::UnknownReference {
                    node: "a".into(),
                    missing: "ghost".into(),
                },
            ),
            (
                doc(vec![node("a", &["b", "b"]), node("b", &[])]),
                ModelError::DuplicateDependency {
                    node: "a".into(),
                    dependency: "b".into(),
                },
            ),
            (doc(vec![node(" ", &[])]), ModelError::EmptyId { position: 0 }),
            (
                doc(vec![{
                    let mut n = node("q", &["a"]);
                    n.requires = Requirement::AtLeast(2);
                    n
                }, node("a", &[])]),
                ModelError::AtLeastOutOfRange {
                    node: "q".into(),
                    k: 2,
                    dependencies: 1,
                },
            ),
            (
                doc(vec![{
                    let mut n = node("a", &[]);
                    n.availability = Some(1.5);
                    n
                }]),
                ModelError::AvailabilityOutOfRange {
                    node: "a".into(),
                    value: 1.5,
                },
            ),
        ];
        for (document, expected) in cases {
            assert_eq!(Graph::build(&document).unwrap_err(), expected);
        }
    }

    #[test]
    fn hours_must_be_finite_non_negative_and_tolerance_is_for_features() {
        let mut n = node("db", &[]);
        n.recovery_hours = Some(-1.0);
        assert_eq!(
            Graph::build(&doc(vec![n])).unwrap_err().to_string(),
            "node \"db\": recovery_hours -1 must be 0 or more hours"
        );
        let mut n = node("db", &[]);
        n.rebuild_hours = Some(f64::INFINITY);
        assert_eq!(
            Graph::build(&doc(vec![n])).unwrap_err().to_string(),
            "node \"db\": rebuild_hours must be a finite number"
        );
        let mut n = node("db", &[]);
        n.tolerance_hours = Some(4.0);
        assert_eq!(
            Graph::build(&doc(vec![n])).unwrap_err().to_string(),
            "node \"db\": tolerance_hours is for features only, and this node is a service"
        );
        let mut f = Node::new("pay", Kind::Feature);
        f.tolerance_hours = Some(4.0);
        f.recovery_hours = Some(0.5);
        f.rebuild_hours = Some(0.0);
        let g = Graph::build(&doc(vec![f])).unwrap();
        assert_eq!((g.tolerance_hours(0), g.recovery_hours(0), g.rebuild_hours(0)), (Some(4.0), 0.5, Some(0.0)));
        assert_eq!(Graph::build(&doc(vec![node("x", &[])])).unwrap().recovery_hours(0), 0.0, "absent means 0");
    }

    #[test]
    fn at_least_zero_is_out_of_range() {
        let mut n = node("q", &["a"]);
        n.requires = Requirement::AtLeast(0);
        let err = Graph::build(&doc(vec![n, node("a", &[])])).unwrap_err();
        assert!(err.to_string().contains("k must be between 1 and 1"), "{err}");
    }

    #[test]
    fn scenario_must_name_known_nodes() {
        let mut d = doc(vec![node("a", &[])]);
        d.scenarios.push(Scenario {
            name: "fire".into(),
            fail: vec!["b".into()],
        });
        assert_eq!(
            Graph::build(&d).unwrap_err().to_string(),
            "scenario \"fire\" fails unknown node \"b\""
        );
    }

    #[test]
    fn audience_and_users_are_people_counts() {
        let feature = |users: u64| {
            let mut f = Node::new("talk", Kind::Feature);
            f.users = users;
            f
        };
        let with_audience = |audience: Option<u64>, users: u64| Document {
            audience,
            ..doc(vec![feature(users)])
        };
        assert_eq!(Graph::build(&with_audience(Some(0), 0)).unwrap_err(), ModelError::EmptyAudience);
        assert_eq!(
            Graph::build(&with_audience(Some(47_000_000), 47_000_001)).unwrap_err().to_string(),
            "node \"talk\": users 47000001 is more than the document's audience of 47000000 (the audience counts everyone who uses any feature)"
        );
        assert_eq!(
            Graph::build(&with_audience(None, u64::MAX)).unwrap_err(),
            ModelError::TooManyUsers { node: "talk".into(), users: u64::MAX }
        );
        assert_eq!(
            Graph::build(&with_audience(Some(MAX_USERS + 1), 1)).unwrap_err(),
            ModelError::AudienceTooLarge(MAX_USERS + 1)
        );
        let g = Graph::build(&with_audience(Some(47_000_000), 47_000_000)).unwrap();
        assert_eq!(g.audience(), Some(47_000_000));
        assert_eq!(Graph::build(&with_audience(None, MAX_USERS)).unwrap().audience(), None);
        // A service's users count for nothing, so the audience does not bound them.
        let mut service = node("s", &[]);
        service.users = 10;
        assert!(Graph::build(&Document { audience: Some(5), ..doc(vec![service]) }).is_ok());
    }

    #[test]
    fn users_count_only_on_features() {
        let mut service = node("s", &[]);
        service.users = 10;
        let mut feature = Node::new("f", Kind::Feature);
        feature.users = 5;
        let g = Graph::build(&doc(vec![service, feature])).unwrap();
        assert_eq!(g.users(0), 0);
        assert_eq!(g.users(1), 5);
    }
}
