//! The extension point for per-feature numbers compared between versions.
//!
//! Analyses that give each feature a number (the longest outage one failure
//! causes, the availability: see `feature_measures`) add their comparison to
//! a [`RiskDiff`](super::RiskDiff) without the diff knowing them:
//!
//! ```text
//! let mut delta = diff(&base, &head);
//! delta.add_measure(compare_feature_measure("users", &base, &head, |doc| users_per_feature(doc)));
//! ```
//!
//! The JSON then carries `"users_changed": [{"id", "base", "head"}, …]` and
//! the pull-request comment a table of it. A value is a number, `"never"`
//! (hours that never end) or `{"lower", "upper"}` (a bound); `null` when the
//! feature is not in that version. Two numbers that differ by at most one
//! part in a billion are the same: two exact computations of one
//! availability over different variable orders may differ in the last bits.
//! O(features · log features).

use crate::model::{NodeId, ValidDocument};
use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};
use std::cmp::Ordering;

/// What a measure's numbers are, for people.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    /// "10 h".
    Hours,
    /// A probability shown as a percentage: "99.95 %".
    Availability,
    /// A plain number.
    Number,
}

/// A per-feature measure: its JSON name (the field is `"{name}_changed"`),
/// its title for people, and its unit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Measure {
    pub name: &'static str,
    pub title: &'static str,
    pub unit: Unit,
}

/// One feature's value of a measure.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum MeasureValue {
    Number(f64),
    /// Hours that never end (a feature that never comes back).
    Never,
    /// Only known to lie between two numbers (an availability too large to compute exactly).
    Between { lower: f64, upper: f64 },
}

impl From<f64> for MeasureValue {
    fn from(value: f64) -> MeasureValue {
        MeasureValue::Number(value)
    }
}

impl MeasureValue {
    /// The same value, up to rounding (see the module's header).
    pub fn same(self, other: MeasureValue) -> bool {
        let close = |a: f64, b: f64| (a - b).abs() <= 1e-9 * 1f64.max(a.abs()).max(b.abs());
        match (self, other) {
            (MeasureValue::Number(a), MeasureValue::Number(b)) => close(a, b),
            (MeasureValue::Never, MeasureValue::Never) => true,
            (MeasureValue::Between { lower: a, upper: b }, MeasureValue::Between { lower: c, upper: d }) => close(a, c) && close(b, d),
            _ => false,
        }
    }

    /// The value for people: "10 h", "never back", "99.95 %", "between 99.9 % and 99.95 %".
    pub fn text(self, unit: Unit) -> String {
        let number = |value: f64| match unit {
            Unit::Hours => crate::report::recovery::format_hours(value),
            Unit::Availability => crate::report::risk::percent(value),
            Unit::Number => format!("{value}"),
        };
        match self {
            MeasureValue::Number(value) => number(value),
            MeasureValue::Never => "never back".to_owned(),
            MeasureValue::Between { lower, upper } => format!("between {} and {}", number(lower), number(upper)),
        }
    }
}

impl Serialize for MeasureValue {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match *self {
            MeasureValue::Number(value) => serializer.serialize_f64(value),
            MeasureValue::Never => serializer.serialize_str("never"),
            MeasureValue::Between { lower, upper } => {
                let mut map = serializer.serialize_map(Some(2))?;
                map.serialize_entry("lower", &lower)?;
                map.serialize_entry("upper", &upper)?;
                map.end()
            }
        }
    }
}

/// One feature whose measure differs (`None`: the feature is not in that version).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FeatureChange {
    pub id: NodeId,
    pub base: Option<MeasureValue>,
    pub head: Option<MeasureValue>,
}

/// Every feature whose measure differs between the versions, by id.
#[derive(Clone, Debug, PartialEq)]
pub struct MeasureChanges {
    pub measure: Measure,
    pub changes: Vec<FeatureChange>,
}

/// Compares a per-feature measure: `measure` gives (feature id, value) for
/// one version; features whose value differs, appears or disappears are kept.
pub fn compare_feature_measure<V: Into<MeasureValue>>(
    name: &'static str,
    base: &ValidDocument,
    head: &ValidDocument,
    measure: impl Fn(&ValidDocument) -> Vec<(NodeId, V)>,
) -> MeasureChanges {
    let values = |document| measure(document).into_iter().map(|(id, value)| (id, value.into())).collect();
    compare_values(Measure { name, title: name, unit: Unit::Number }, values(base), values(head))
}

/// The features whose value differs between `before` and `after` (each a
/// list of (feature id, value), in any order), sorted by id.
pub fn compare_values(measure: Measure, mut before: Vec<(NodeId, MeasureValue)>, mut after: Vec<(NodeId, MeasureValue)>) -> MeasureChanges {
    before.sort_by(|a, b| a.0.cmp(&b.0));
    after.sort_by(|a, b| a.0.cmp(&b.0));
    let mut changes = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < before.len() || j < after.len() {
        let order = match (before.get(i), after.get(j)) {
            (Some(b), Some(a)) => b.0.cmp(&a.0),
            (Some(_), None) => Ordering::Less,
            _ => Ordering::Greater,
        };
        let (id, b, a) = match order {
            Ordering::Less => (&before[i].0, Some(before[i].1), None),
            Ordering::Greater => (&after[j].0, None, Some(after[j].1)),
            Ordering::Equal => (&before[i].0, Some(before[i].1), Some(after[j].1)),
        };
        i += usize::from(order != Ordering::Greater);
        j += usize::from(order != Ordering::Less);
        let same = match (b, a) {
            (Some(b), Some(a)) => b.same(a),
            _ => false,
        };
        if !same {
            changes.push(FeatureChange { id: id.clone(), base: b, head: a });
        }
    }
    MeasureChanges { measure, changes }
}

impl Serialize for super::MeasureFields {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for measure in &self.0 {
            map.serialize_entry(&format!("{}_changed", measure.measure.name), &measure.changes)?;
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
        let number = |v: f64| Some(MeasureValue::Number(v));
        let rows: Vec<_> = changes.iter().map(|c| (c.id.as_str(), c.base, c.head)).collect();
        assert_eq!(rows, [("a", number(1.0), None), ("b", number(2.0), number(5.0)), ("c", None, number(3.0))]);
        let json = serde_json::to_value(&delta).unwrap();
        assert_eq!(json["users_changed"][1], serde_json::json!({"id": "b", "base": 2.0, "head": 5.0}));
        assert_eq!(json["users_changed"][0], serde_json::json!({"id": "a", "base": 1.0, "head": null}));
        assert!(json.get("nodes_added").is_some());
    }

    #[test]
    fn never_and_bounds_in_json_and_for_people_and_rounding_is_no_change() {
        let value = |v: MeasureValue| serde_json::to_value(v).unwrap();
        assert_eq!(value(MeasureValue::Never), serde_json::json!("never"));
        assert_eq!(value(MeasureValue::Between { lower: 0.5, upper: 0.75 }), serde_json::json!({"lower": 0.5, "upper": 0.75}));
        assert_eq!(MeasureValue::Number(127.5).text(Unit::Hours), "127.5 h");
        assert_eq!(MeasureValue::Never.text(Unit::Hours), "never back");
        assert_eq!(MeasureValue::Number(0.9995).text(Unit::Availability), "99.95 %");
        assert_eq!(MeasureValue::Between { lower: 0.999, upper: 0.9995 }.text(Unit::Availability), "between 99.9 % and 99.95 %");
        let measure = Measure { name: "availability", title: "Availability", unit: Unit::Availability };
        let one = |v: MeasureValue| vec![(NodeId::from("f"), v)];
        let rounded = compare_values(measure, one(0.999_000_000_000_1.into()), one(0.999.into()));
        assert!(rounded.changes.is_empty(), "a difference in the last bits is rounding");
        assert_eq!(compare_values(measure, one(0.999.into()), one(0.9991.into())).changes.len(), 1);
        assert_eq!(compare_values(measure, one(MeasureValue::Never), one(MeasureValue::Never)).changes.len(), 0);
        assert_eq!(compare_values(measure, one(1.0.into()), one(MeasureValue::Never)).changes.len(), 1);
    }
}
