//! The validated, indexed graph the analysis runs on.

use super::{Document, Kind, NodeId, Requirement, FORMAT_VERSION};
use std::hash::BuildHasher;
use thiserror::Error;

/// Dense index of a node in a [`Graph`]: its position in the document's node list.
pub type NodeIndex = u32;

/// The most people a feature's `users` or the document's `audience` may
/// state: a thousand billion, over a hundred times the world's population.
/// A larger count is a typo or counts something other than people (requests,
/// sessions), and refusing it keeps every sum of users far from `u64::MAX`
/// (it would take 18 million features at this limit to overflow; sums
/// saturate all the same).
pub const MAX_USERS: u64 = 1_000_000_000_000;

/// A document that breaks the model's rules. Each error names the node and
/// field a person has to fix.
#[derive(Clone, Debug, PartialEq, Error)]
pub enum ModelError {
    #[error("unsupported version {0}; this Blackout reads version {FORMAT_VERSION}")]
    UnsupportedVersion(u32),
    #[error("node #{position} has an empty id")]
    EmptyId { position: usize },
    #[error("duplicate node id \"{0}\"")]
    DuplicateId(NodeId),
    #[error("node \"{node}\" depends on unknown node \"{missing}\"")]
    UnknownReference { node: NodeId, missing: NodeId },
    #[error("node \"{node}\" lists dependency \"{dependency}\" twice")]
    DuplicateDependency { node: NodeId, dependency: NodeId },
    #[error(
        "node \"{node}\": requires at_least {k}, but it has {dependencies} dependencies (k must be between 1 and {dependencies})"
    )]
    AtLeastOutOfRange {
        node: NodeId,
        k: u32,
        dependencies: usize,
    },
    #[error("node \"{node}\": availability {value} must be greater than 0 and at most 1")]
    AvailabilityOutOfRange { node: NodeId, value: f64 },
    #[error("node \"{node}\": {field} must be a finite number")]
    NotFinite { node: NodeId, field: &'static str },
    #[error("node \"{node}\": {field} {value} must be 0 or more hours")]
    NegativeHours { node: NodeId, field: &'static str, value: f64 },
    #[error("node \"{node}\": tolerance_hours is for features only, and this node is a {kind}")]
    ToleranceOnNonFeature { node: NodeId, kind: Kind },
    #[error("node \"{node}\": users {users} is more than {MAX_USERS} (a thousand billion); count people, not requests")]
    TooManyUsers { node: NodeId, users: u64 },
    #[error("audience {0} is more than {MAX_USERS} (a thousand billion); count people, not requests")]
    AudienceTooLarge(u64),
    #[error("audience must be at least 1 person; leave it out when it is not known")]
    EmptyAudience,
    #[error(
        "node \"{node}\": users {users} is more than the document's audience of {audience} (the audience counts everyone who uses any feature)"
    )]
    UsersAboveAudience { node: NodeId, users: u64, audience: u64 },
    #[error("scenario \"{scenario}\" fails unknown node \"{missing}\"")]
    UnknownScenarioNode { scenario: String, missing: NodeId },
}

/// A validated graph: ids resolved, dependencies and dependents as index lists.
#[derive(Clone, Debug, PartialEq)]
pub struct Graph {
    ids: Vec<NodeId>,
    kinds: Vec<Kind>,
    requirements: Vec<Requirement>,
    users: Vec<u64>,
    availability: Vec<Option<f64>>,
    recovery_hours: Vec<f64>,
    rebuild_hours: Vec<Option<f64>>,
    tolerance_hours: Vec<Option<f64>>,
    audience: Option<u64>,
    dependencies: Adjacency,
    dependents: Adjacency,
    index: IdIndex,
}

/// One index list per node, stored end to end: a graph of 100,000 nodes would
/// otherwise make 200,000 small allocations, and the analyses walk these lists
/// in order.
#[derive(Clone, Debug, PartialEq)]
struct Adjacency {
    /// Node v's list is `targets[starts[v]..starts[v + 1]]`.
    starts: Vec<usize>,
    targets: Vec<NodeIndex>,
}

impl Adjacency {
    fn of(&self, node: NodeIndex) -> &[NodeIndex] {
        let v = node as usize;
        &self.targets[self.starts[v]..self.starts[v + 1]]
    }
}

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
        for node in &document.nodes {
            let start = dependencies.targets.len();
            for dependency in &node.depends_on {
                let Some(target) = index.get(&ids, dependency) else {
                    return Err(ModelError::UnknownReference {
                        node: node.id.clone(),
                        missing: dependency.clone(),
                    });
                };
                if dependencies.targets[start..].contains(&target) {
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

    pub fn len(&self) -> usize {
        self.ids.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    pub fn nodes(&self) -> impl Iterator<Item = NodeIndex> + Clone {
        0..self.ids.len() as NodeIndex
    }

    pub fn id(&self, node: NodeIndex) -> &NodeId {
        &self.ids[node as usize]
    }

    pub fn index_of(&self, id: &NodeId) -> Option<NodeIndex> {
        self.index.get(&self.ids, id)
    }

    pub fn kind(&self, node: NodeIndex) -> Kind {
        self.kinds[node as usize]
    }

    pub fn is_feature(&self, node: NodeIndex) -> bool {
        self.kind(node) == Kind::Feature
    }

    pub fn requirement(&self, node: NodeIndex) -> Requirement {
        self.requirements[node as usize]
    }

    /// Users of a feature (0 for other kinds, whatever the file says: only
    /// user-facing features count towards "users affected").
    pub fn users(&self, node: NodeIndex) -> u64 {
        if self.is_feature(node) {
            self.users[node as usize]
        } else {
            0
        }
    }

    /// How many distinct people use any feature, when the document says
    /// (validated: at least 1, and no feature has more users).
    pub fn audience(&self) -> Option<u64> {
        self.audience
    }

    /// The probability that `node` is up on its own account; `None`: it never
    /// fails on its own.
    pub fn availability(&self, node: NodeIndex) -> Option<f64> {
        self.availability[node as usize]
    }

    /// Hours to bring `node` back once its requirement is met again (0 by default).
    pub fn recovery_hours(&self, node: NodeIndex) -> f64 {
        self.recovery_hours[node as usize]
    }

    /// Hours from the failure to bring `node` back without its dependencies, if there is a way.
    pub fn rebuild_hours(&self, node: NodeIndex) -> Option<f64> {
        self.rebuild_hours[node as usize]
    }

    /// The longest outage the business accepts for a feature.
    pub fn tolerance_hours(&self, node: NodeIndex) -> Option<f64> {
        self.tolerance_hours[node as usize]
    }

    /// How many dependencies must be up for `node` to run.
    pub fn needed(&self, node: NodeIndex) -> usize {
        self.requirement(node)
            .needed(self.dependencies(node).len())
    }

    pub fn dependencies(&self, node: NodeIndex) -> &[NodeIndex] {
        self.dependencies.of(node)
    }

    pub fn dependents(&self, node: NodeIndex) -> &[NodeIndex] {
        self.dependents.of(node)
    }

    pub fn features(&self) -> impl Iterator<Item = NodeIndex> + '_ {
        self.nodes().filter(|&v| self.is_feature(v))
    }

    /// Every edge as (dependent, dependency).
    pub fn edges(&self) -> impl Iterator<Item = (NodeIndex, NodeIndex)> + '_ {
        self.nodes()
            .flat_map(move |v| self.dependencies(v).iter().map(move |&d| (v, d)))
    }
}

/// Node id → index without storing the ids twice: the table holds indices
/// into the graph's id list and hashes the ids with a fast non-cryptographic
/// hasher (ids come from the user's own file, so flooding is not a concern).
/// On a 100,000-node file this halves `Graph::build` compared with a
/// `HashMap<NodeId, NodeIndex>` of cloned ids.
#[derive(Clone, Debug, Default)]
struct IdIndex {
    table: hashbrown::HashTable<NodeIndex>,
    hasher: hashbrown::DefaultHashBuilder,
}

impl IdIndex {
    fn with_capacity(n: usize) -> Self {
        IdIndex {
            table: hashbrown::HashTable::with_capacity(n),
            hasher: hashbrown::DefaultHashBuilder::default(),
        }
    }

    fn hash(&self, id: &str) -> u64 {
        self.hasher.hash_one(id)
    }

    /// Adds `ids[position]`; false when that id is already there.
    fn insert(&mut self, ids: &[NodeId], position: NodeIndex) -> bool {
        let id = ids[position as usize].as_str();
        let hash = self.hash(id);
        if self.table.find(hash, |&i| ids[i as usize].as_str() == id).is_some() {
            return false;
        }
        let hasher = &self.hasher;
        self.table
            .insert_unique(hash, position, |&i| hasher.hash_one(ids[i as usize].as_str()));
        true
    }

    fn get(&self, ids: &[NodeId], id: &NodeId) -> Option<NodeIndex> {
        let id = id.as_str();
        self.table.find(self.hash(id), |&i| ids[i as usize].as_str() == id).copied()
    }
}

/// Two indexes are equal when they map the same ids, which the id lists beside them decide.
impl PartialEq for IdIndex {
    fn eq(&self, other: &Self) -> bool {
        self.table.len() == other.table.len()
    }
}

/// The dependents of every node, each list in index order, from the
/// dependencies and each node's number of dependents.
fn reverse(dependencies: &Adjacency, counts: Vec<usize>) -> Adjacency {
    let mut starts = Vec::with_capacity(counts.len() + 1);
    starts.push(0);
    let mut total = 0;
    for count in &counts {
        total += count;
        starts.push(total);
    }
    // Where the next dependent of each node goes; nodes are visited in index
    // order, so each list comes out sorted.
    let mut next = starts[..counts.len()].to_vec();
    let mut targets = vec![0; total];
    for v in 0..counts.len() {
        for &d in dependencies.of(v as NodeIndex) {
            targets[next[d as usize]] = v as NodeIndex;
            next[d as usize] += 1;
        }
    }
    Adjacency { starts, targets }
}

/// petgraph's traversal traits, so that its algorithms (strongly connected
/// components) run on the graph itself instead of on a copy. An edge points
/// from a node to a dependency: `Outgoing` neighbours are the dependencies,
/// `Incoming` ones the dependents.
mod traversal {
    use super::{Graph, NodeIndex};
    use petgraph::visit::{
        GraphBase, IntoNeighbors, IntoNeighborsDirected, IntoNodeIdentifiers, NodeCount, NodeIndexable, VisitMap,
        Visitable,
    };
    use petgraph::Direction;
    use std::iter::Copied;
    use std::ops::Range;
    use std::slice::Iter;

    impl GraphBase for Graph {
        type NodeId = NodeIndex;
        /// Edges have no identity of their own: (dependent, dependency).
        type EdgeId = (NodeIndex, NodeIndex);
    }

    impl<'a> IntoNeighbors for &'a Graph {
        type Neighbors = Copied<Iter<'a, NodeIndex>>;

        fn neighbors(self, node: NodeIndex) -> Self::Neighbors {
            self.dependencies(node).iter().copied()
        }
    }

    impl<'a> IntoNeighborsDirected for &'a Graph {
        type NeighborsDirected = Copied<Iter<'a, NodeIndex>>;

        fn neighbors_directed(self, node: NodeIndex, direction: Direction) -> Self::NeighborsDirected {
            match direction {
                Direction::Outgoing => self.dependencies(node).iter().copied(),
                Direction::Incoming => self.dependents(node).iter().copied(),
            }
        }
    }

    impl IntoNodeIdentifiers for &Graph {
        type NodeIdentifiers = Range<NodeIndex>;

        fn node_identifiers(self) -> Self::NodeIdentifiers {
            0..self.len() as NodeIndex
        }
    }

    impl NodeCount for Graph {
        fn node_count(&self) -> usize {
            self.len()
        }
    }

    impl NodeIndexable for Graph {
        fn node_bound(&self) -> usize {
            self.len()
        }

        fn to_index(&self, node: NodeIndex) -> usize {
            node as usize
        }

        fn from_index(&self, index: usize) -> NodeIndex {
            index as NodeIndex
        }
    }

    impl Visitable for Graph {
        type Map = VisitedNodes;

        fn visit_map(&self) -> VisitedNodes {
            VisitedNodes(vec![false; self.len()])
        }

        fn reset_map(&self, map: &mut VisitedNodes) {
            map.0.clear();
            map.0.resize(self.len(), false);
        }
    }

    /// The nodes a petgraph traversal has reached (petgraph's own bit set is
    /// not re-exported).
    #[derive(Clone, Debug, Default)]
    pub struct VisitedNodes(Vec<bool>);

    impl VisitMap<NodeIndex> for VisitedNodes {
        fn visit(&mut self, node: NodeIndex) -> bool {
            !std::mem::replace(&mut self.0[node as usize], true)
        }

        fn is_visited(&self, node: &NodeIndex) -> bool {
            self.0[*node as usize]
        }

        fn unvisit(&mut self, node: NodeIndex) -> bool {
            std::mem::replace(&mut self.0[node as usize], false)
        }
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
