//! The validated, indexed graph the analysis runs on. Built (and validated)
//! only by [`Graph::build`], in `build.rs`.

use super::adjacency::Adjacency;
use super::id_index::IdIndex;
use super::{Kind, NodeId, Requirement};

/// Dense index of a node in a [`Graph`]: its position in the document's node list.
pub type NodeIndex = u32;

/// The most people a feature's `users` or the document's `audience` may
/// state: a thousand billion, over a hundred times the world's population.
/// A larger count is a typo or counts something other than people (requests,
/// sessions), and refusing it keeps every sum of users far from `u64::MAX`
/// (it would take 18 million features at this limit to overflow; sums
/// saturate all the same).
pub const MAX_USERS: u64 = 1_000_000_000_000;

/// A validated graph: ids resolved, dependencies and dependents as index lists.
#[derive(Clone, Debug, PartialEq)]
pub struct Graph {
    pub(super) ids: Vec<NodeId>,
    pub(super) kinds: Vec<Kind>,
    pub(super) requirements: Vec<Requirement>,
    pub(super) users: Vec<u64>,
    pub(super) availability: Vec<Option<f64>>,
    pub(super) recovery_hours: Vec<f64>,
    pub(super) rebuild_hours: Vec<Option<f64>>,
    pub(super) tolerance_hours: Vec<Option<f64>>,
    pub(super) audience: Option<u64>,
    pub(super) dependencies: Adjacency,
    pub(super) dependents: Adjacency,
    pub(super) index: IdIndex,
}

impl Graph {
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
