//! Property test: [`diff`] against a reference built from `check`'s JSON of
//! each version (and the documents' JSON for node changes), on random pairs
//! of versions where the second removes, adds, rewires, re-labels and moves
//! nodes of the first.

use super::diff;
use crate::analysis::single_points_of_failure;
use crate::model::{Document, Kind, Node, NodeId, ValidDocument};
use crate::report::check_json;
use proptest::prelude::*;
use std::collections::{BTreeMap, BTreeSet};

/// One node's spec: kind, dependencies (positions), rule, users, position.
type Spec = (usize, BTreeSet<usize>, u32, u64, i8);

fn document(specs: &[Spec], ids: &[usize]) -> ValidDocument {
    // Dependencies on positions that are not in this version are dropped.
    let present: BTreeSet<usize> = ids.iter().copied().collect();
    let nodes = specs
        .iter()
        .zip(ids)
        .map(|((kind, deps, rule, users, x), &id)| {
            let mut node = Node::new(format!("n{id:02}"), Kind::ALL[*kind]);
            node.depends_on = deps.iter().filter(|d| present.contains(d)).map(|d| NodeId(format!("n{d:02}"))).collect();
            node.requires = crate::analysis::oracle::requirement(*rule, node.depends_on.len() as u32);
            node.users = *users;
            node.x = Some(f64::from(*x));
            node
        })
        .collect();
    ValidDocument::new(Document { nodes, ..Document::default() }).expect("generated versions are valid")
}

fn spec(n: usize) -> impl Strategy<Value = Spec> {
    (0usize..5, proptest::collection::btree_set(0..n, 0..=3), 0u32..4, 0u64..100, any::<i8>())
}

/// Two versions over ids 0..16: BASE has some, HEAD others; a shared id may
/// keep its spec, get a new one, or only move.
fn versions() -> impl Strategy<Value = (ValidDocument, ValidDocument)> {
    const N: usize = 16;
    (
        proptest::collection::vec(spec(N), N),
        proptest::collection::vec(spec(N), N),
        proptest::collection::vec(0u8..6, N),
    )
        .prop_map(|(base_specs, other_specs, fate)| {
            let (mut base, mut head, mut base_ids, mut head_ids) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
            for i in 0..N {
                let moved = (base_specs[i].0, base_specs[i].1.clone(), base_specs[i].2, base_specs[i].3, other_specs[i].4);
                let (in_base, in_head) = match fate[i] {
                    0 => (Some(base_specs[i].clone()), None),                 // removed
                    1 => (None, Some(other_specs[i].clone())),                // added
                    2 => (Some(base_specs[i].clone()), Some(other_specs[i].clone())), // rewritten
                    3 => (Some(base_specs[i].clone()), Some(moved)),          // moved only
                    _ => (Some(base_specs[i].clone()), Some(base_specs[i].clone())), // kept
                };
                if let Some(s) = in_base {
                    base.push(s);
                    base_ids.push(i);
                }
                if let Some(s) = in_head {
                    head.push(s);
                    head_ids.push(i);
                }
            }
            (document(&base, &base_ids), document(&head, &head_ids))
        })
}

/// id → (features, users), from `check --json` of one version.
fn check_map(valid: &ValidDocument) -> BTreeMap<String, (BTreeSet<String>, u64)> {
    let graph = valid.graph();
    let json = serde_json::to_value(check_json(graph, &single_points_of_failure(graph))).unwrap();
    json["spofs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            let features = s["features"].as_array().unwrap().iter().map(|f| f.as_str().unwrap().to_owned()).collect();
            (s["id"].as_str().unwrap().to_owned(), (features, s["users"].as_u64().unwrap()))
        })
        .collect()
}

/// id → the node's JSON without `x` and `y`.
fn node_map(valid: &ValidDocument) -> BTreeMap<String, serde_json::Value> {
    valid
        .nodes
        .iter()
        .map(|node| {
            let mut value = serde_json::to_value(node).unwrap();
            let object = value.as_object_mut().unwrap();
            object.remove("x");
            object.remove("y");
            (node.id.to_string(), value)
        })
        .collect()
}

fn ids<'a>(items: impl Iterator<Item = &'a NodeId>) -> Vec<String> {
    items.map(|id| id.to_string()).collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    #[test]
    fn diff_matches_a_reference_built_from_check((base, head) in versions()) {
        let delta = diff(&base, &head);
        let (before, after) = (check_map(&base), check_map(&head));
        let (base_nodes, head_nodes) = (node_map(&base), node_map(&head));

        let added: Vec<String> = head_nodes.keys().filter(|id| !base_nodes.contains_key(*id)).cloned().collect();
        let removed: Vec<String> = base_nodes.keys().filter(|id| !head_nodes.contains_key(*id)).cloned().collect();
        let changed: Vec<String> = head_nodes.iter().filter(|(id, v)| base_nodes.get(*id).is_some_and(|b| b != *v)).map(|(id, _)| id.clone()).collect();
        prop_assert_eq!(ids(delta.nodes_added.iter()), added);
        prop_assert_eq!(ids(delta.nodes_removed.iter()), removed);
        prop_assert_eq!(ids(delta.nodes_changed.iter()), changed);

        let entries = |list: &[super::SpofEntry]| -> Vec<(String, BTreeSet<String>, u64)> {
            list.iter().map(|e| (e.id.to_string(), ids(e.features.iter()).into_iter().collect(), e.users)).collect()
        };
        let spofs_added: Vec<_> = after.iter().filter(|(id, _)| !before.contains_key(*id)).map(|(id, (f, u))| (id.clone(), f.clone(), *u)).collect();
        let spofs_removed: Vec<_> = before.iter().filter(|(id, _)| !after.contains_key(*id)).map(|(id, (f, u))| (id.clone(), f.clone(), *u)).collect();
        prop_assert_eq!(entries(&delta.spofs_added), spofs_added);
        prop_assert_eq!(entries(&delta.spofs_removed), spofs_removed);

        let worse: Vec<(String, Vec<String>, u64, u64)> = after
            .iter()
            .filter_map(|(id, (features, users))| {
                let (old, old_users) = before.get(id)?;
                let new: Vec<String> = features.difference(old).cloned().collect();
                (!new.is_empty()).then(|| (id.clone(), new, *users, *old_users))
            })
            .collect();
        let actual: Vec<_> = delta.spofs_worse.iter().map(|w| (w.id.to_string(), ids(w.new_features.iter()), w.users, w.base_users)).collect();
        prop_assert_eq!(actual, worse.clone());
        prop_assert_eq!(delta.has_new_risk(), !delta.spofs_added.is_empty() || !worse.is_empty());
        // Every sorted list is sorted by id, and sorted features too.
        prop_assert!(delta.spofs_worse.iter().all(|w| w.features.windows(2).all(|p| p[0] < p[1])));
    }
}

#[test]
fn a_version_compared_with_itself_has_no_change() {
    let kakao = crate::format::parse(include_str!("../../assets/examples/kakao-2022.json")).unwrap();
    let delta = diff(&kakao, &kakao);
    assert!(!delta.has_new_risk());
    assert_eq!(delta.verdict(), "No new risk");
    assert!(delta.nodes_added.is_empty() && delta.nodes_removed.is_empty() && delta.nodes_changed.is_empty());
}
