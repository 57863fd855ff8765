//! The extension point for per-feature numbers compared between versions.
//!
//! Analyses that give each feature a number (the restore-time analysis's
//! hours, the risk analysis's availability) add their comparison to a
//! [`RiskDiff`](super::RiskDiff) without the diff knowing them:
//!
//! ```text
//! let mut delta = diff(&base, &head);
//! delta.add_measure(compare_feature_measure("restore_hours", &base, &head, |doc| restore_hours_per_feature(doc)));
//! ```
//!
//! The JSON then carries `"restore_hours_changed": [{"id", "base", "head"}, …]`
//! and the pull-request comment a table of it. O(features · log).

use crate::model::{NodeId, ValidDocument};
use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};

/// One feature whose measure differs (`None`: the feature or its number is
/// absent in that version).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FeatureChange {
    pub id: NodeId,
    pub base: Option<f64>,
    pub head: Option<f64>,
}

/// Every feature whose measure `name` differs between the versions, by id.
#[derive(Clone, Debug, PartialEq)]
pub struct MeasureChanges {
    /// The JSON field is `"{name}_changed"`; e.g. `restore_hours`.
    pub name: &'static str,
    pub changes: Vec<FeatureChange>,
}

/// Compares a per-feature measure: `measure` gives (feature id, value) for
/// one version; features whose value differs, appears or disappears are kept.
pub fn compare_feature_measure(
    name: &'static str,
    base: &ValidDocument,
    head: &ValidDocument,
    measure: impl Fn(&ValidDocument) -> Vec<(NodeId, f64)>,
) -> MeasureChanges {
    let mut before = measure(base);
    let mut after = measure(head);
    before.sort_by(|a, b| a.0.cmp(&b.0));
    after.sort_by(|a, b| a.0.cmp(&b.0));
    let mut changes = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < before.len() || j < after.len() {
        let order = match (before.get(i), after.get(j)) {
            (Some(b), Some(a)) => b.0.cmp(&a.0),
            (Some(_), None) => std::cmp::Ordering::Less,
            _ => std::cmp::Ordering::Greater,
        };
        let (id, b, a) = match order {
            std::cmp::Ordering::Less => (&before[i].0, Some(before[i].1), None),
            std::cmp::Ordering::Greater => (&after[j].0, None, Some(after[j].1)),
            std::cmp::Ordering::Equal => (&before[i].0, Some(before[i].1), Some(after[j].1)),
        };
        i += usize::from(order != std::cmp::Ordering::Greater);
        j += usize::from(order != std::cmp::Ordering::Less);
        if b != a {
            changes.push(FeatureChange { id: id.clone(), base: b, head: a });
        }
    }
    MeasureChanges { name, changes }
}

impl Serialize for super::MeasureFields {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for measure in &self.0 {
            map.serialize_entry(&format!("{}_changed", measure.name), &measure.changes)?;
        }
        map.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::parse;

    #[test]
    fn keeps_changed_appearing_and_disappearing_values_and_names_the_field() {
        let base = parse(r#"{"version": 1, "nodes": [{"id": "a", "kind": "feature", "users": 1}, {"id": "b", "kind": "feature", "users": 2}]}"#).unwrap();
        let head = parse(r#"{"version": 1, "nodes": [{"id": "b", "kind": "feature", "users": 5}, {"id": "c", "kind": "feature", "users": 3}]}"#).unwrap();
        let users = |doc: &ValidDocument| doc.nodes.iter().map(|n| (n.id.clone(), n.users as f64)).collect();
        let mut delta = crate::diff::diff(&base, &head);
        delta.add_measure(compare_feature_measure("users", &base, &head, users));
        let changes = &delta.measures.0[0].changes;
        let rows: Vec<_> = changes.iter().map(|c| (c.id.as_str(), c.base, c.head)).collect();
        assert_eq!(rows, [("a", Some(1.0), None), ("b", Some(2.0), Some(5.0)), ("c", None, Some(3.0))]);
        let json = serde_json::to_value(&delta).unwrap();
        assert_eq!(json["users_changed"][1], serde_json::json!({"id": "b", "base": 2.0, "head": 5.0}));
        assert!(json.get("nodes_added").is_some());
    }
}
