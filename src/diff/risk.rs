//! Single points of failure added, removed and made worse between two
//! versions, matched by node id (indices differ between versions). A spof is
//! worse when, in HEAD, it takes down a feature (by id) that it did not take
//! down in BASE. O(features + report sizes · log): each feature's id is
//! looked up once; each feature of a spof in both versions is then one
//! binary search; ids are copied only for the entries written out.

use crate::analysis::{Spof, SpofReport};
use crate::model::{Graph, NodeId};
use serde::Serialize;

/// A single point of failure as `blackout check --json` writes it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SpofEntry {
    pub id: NodeId,
    /// The features it takes down, sorted by id.
    pub features: Vec<NodeId>,
    pub users: u64,
}

/// A single point of failure in both versions that takes down more in HEAD.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct WorseSpof {
    pub id: NodeId,
    /// What it takes down in HEAD, sorted by id.
    pub features: Vec<NodeId>,
    pub users: u64,
    /// The features it takes down in HEAD but did not in BASE, sorted by id.
    pub new_features: Vec<NodeId>,
    /// Its users in BASE.
    pub base_users: u64,
}

pub struct RiskChanges {
    pub added: Vec<SpofEntry>,
    pub removed: Vec<SpofEntry>,
    pub worse: Vec<WorseSpof>,
}

pub fn compare(base: &Graph, base_spofs: &SpofReport, head: &Graph, head_spofs: &SpofReport) -> RiskChanges {
    // Each HEAD feature's index in BASE, looked up once: a spof's features
    // are then compared by index, not by hashing ids again for every spof.
    let mut in_base = vec![None; head.len()];
    for feature in head.features() {
        in_base[feature as usize] = base.index_of(head.id(feature));
    }
    let mut added = Vec::new();
    let mut worse = Vec::new();
    for spof in &head_spofs.spofs {
        let id = head.id(spof.node);
        match spof_by_id(base, base_spofs, id) {
            None => added.push(entry(head, spof)),
            Some(before) => {
                // Matched by index, not by cloning ids: most spofs are unchanged.
                // `before.features` is in index order, so a binary search finds each.
                let mut new_features: Vec<NodeId> = spof
                    .features
                    .iter()
                    .filter(|&&f| in_base[f as usize].is_none_or(|b| before.features.binary_search(&b).is_err()))
                    .map(|&f| head.id(f).clone())
                    .collect();
                if !new_features.is_empty() {
                    new_features.sort_unstable();
                    let now = entry(head, spof);
                    worse.push(WorseSpof {
                        id: now.id,
                        features: now.features,
                        users: now.users,
                        new_features,
                        base_users: before.users,
                    });
                }
            }
        }
    }
    let mut removed: Vec<SpofEntry> = base_spofs
        .spofs
        .iter()
        .filter(|spof| spof_by_id(head, head_spofs, base.id(spof.node)).is_none())
        .map(|spof| entry(base, spof))
        .collect();
    added.sort_unstable_by(|a, b| a.id.cmp(&b.id));
    removed.sort_unstable_by(|a, b| a.id.cmp(&b.id));
    worse.sort_unstable_by(|a, b| a.id.cmp(&b.id));
    RiskChanges { added, removed, worse }
}

/// The single point of failure with this id in another version, if any.
fn spof_by_id<'a>(graph: &Graph, spofs: &'a SpofReport, id: &NodeId) -> Option<&'a Spof> {
    graph.index_of(id).and_then(|v| spofs.spof(v))
}

fn entry(graph: &Graph, spof: &Spof) -> SpofEntry {
    SpofEntry { id: graph.id(spof.node).clone(), features: feature_ids(graph, spof), users: spof.users }
}

fn feature_ids(graph: &Graph, spof: &Spof) -> Vec<NodeId> {
    let mut ids: Vec<NodeId> = spof.features.iter().map(|&f| graph.id(f).clone()).collect();
    ids.sort_unstable();
    ids
}
