//! The per-feature numbers `blackout diff` and the app's Compare add to a
//! risk diff, when the files carry what they need:
//!
//! - **`restore_hours`** (when either version has recovery data: recovery or
//!   rebuild hours on a node, or a tolerance on a feature): for each feature,
//!   the longest outage the lone failure of any one node causes it, in hours,
//!   or `"never"` when one single failure leaves it down for good
//!   ([`longest_single_failure_outages`], which defines it). One number that
//!   answers "how long can one failure keep this feature dark?"; a change
//!   that removes a redundancy makes it longer, a faster recovery shorter.
//! - **`availability`** (when either version gives some node an
//!   availability): each feature's availability, as `blackout analyze`
//!   computes it (exact, or `{"lower", "upper"}` when only a bound is known).
//!
//! A version without recovery data still has restore hours (every feature
//! back at hour 0, but for cycles), and one without availabilities has
//! availability 1 for every feature: when only one version carries the data,
//! the diff shows what it adds.
//!
//! Cost per version: one restore pass per single point of failure inside
//! its down set (none without recovery hours and cycles), and, with
//! availabilities, the BDDs of `analyze` at order 1 without importance.

use super::measures::{compare_values, Measure, MeasureValue, Unit};
use super::RiskDiff;
use crate::analysis::risk::{analyze, Availability, RiskOptions};
use crate::analysis::{has_recovery_data, longest_single_failure_outages, SpofReport};
use crate::model::{NodeId, NodeIndex, ValidDocument};

/// `"restore_hours_changed"`.
pub const RESTORE_HOURS: Measure =
    Measure { name: "restore_hours", title: "Longest outage from one failure", unit: Unit::Hours };

/// `"availability_changed"`.
pub const AVAILABILITY: Measure = Measure { name: "availability", title: "Availability", unit: Unit::Availability };

/// Both measures for every feature of one version.
#[derive(Clone, Debug, PartialEq)]
pub struct FeatureMeasures {
    /// Whether the version has recovery data (restore hours are then compared).
    pub has_recovery_data: bool,
    /// Whether some node has an availability (availabilities are then compared).
    pub has_availability: bool,
    /// (feature, longest single-failure outage), in index order.
    pub restore_hours: Vec<(NodeIndex, MeasureValue)>,
    /// (feature, availability), in index order.
    pub availability: Vec<(NodeIndex, MeasureValue)>,
}

impl FeatureMeasures {
    /// The measures of `document`, whose single-point-of-failure report is `spofs`.
    pub fn of(document: &ValidDocument, spofs: &SpofReport) -> FeatureMeasures {
        let graph = document.graph();
        let restore_hours = longest_single_failure_outages(graph, spofs)
            .into_iter()
            .map(|outage| (outage.feature, outage.hours.map_or(MeasureValue::Never, MeasureValue::Number)))
            .collect();
        let has_availability = graph.nodes().any(|v| graph.availability(v).is_some());
        let availability = if has_availability {
            let options = RiskOptions { order: 1, importance: false, ..RiskOptions::default() };
            analyze(graph, options)
                .features
                .into_iter()
                .map(|risk| {
                    let value = match risk.availability {
                        Availability::Exact(value) => MeasureValue::Number(value),
                        Availability::Bound { lower, upper } => MeasureValue::Between { lower, upper },
                    };
                    (risk.feature, value)
                })
                .collect()
        } else {
            // Nothing fails on its own: every feature is always up.
            graph.features().map(|f| (f, MeasureValue::Number(1.0))).collect()
        };
        FeatureMeasures { has_recovery_data: has_recovery_data(graph), has_availability, restore_hours, availability }
    }
}

impl RiskDiff {
    /// Adds `restore_hours_changed` and `availability_changed` where either
    /// version carries the data (see the module's header). `base` and `head`
    /// are the measures of the versions the diff was made from.
    pub fn add_feature_measures(&mut self, base: (&ValidDocument, &FeatureMeasures), head: (&ValidDocument, &FeatureMeasures)) {
        let by_id = |(document, values): (&ValidDocument, &Vec<(NodeIndex, MeasureValue)>)| -> Vec<(NodeId, MeasureValue)> {
            values.iter().map(|&(v, value)| (document.graph().id(v).clone(), value)).collect()
        };
        if base.1.has_recovery_data || head.1.has_recovery_data {
            let changes = compare_values(RESTORE_HOURS, by_id((base.0, &base.1.restore_hours)), by_id((head.0, &head.1.restore_hours)));
            self.add_measure(changes);
        }
        if base.1.has_availability || head.1.has_availability {
            let changes = compare_values(AVAILABILITY, by_id((base.0, &base.1.availability)), by_id((head.0, &head.1.availability)));
            self.add_measure(changes);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::single_points_of_failure;
    use crate::format::parse;

    fn measured(text: &str) -> (ValidDocument, FeatureMeasures) {
        let document = parse(text).unwrap();
        let measures = FeatureMeasures::of(&document, &single_points_of_failure(document.graph()));
        (document, measures)
    }

    #[test]
    fn a_lost_replica_lengthens_the_outage_and_lowers_the_availability() {
        // BASE: pay runs in two sites; HEAD: only in east, which takes 10 h to come back.
        let (base, base_measures) = measured(r#"{"version": 1, "nodes": [
            {"id": "pay", "kind": "feature", "users": 10, "requires": "any", "depends_on": ["east", "west"]},
            {"id": "east", "kind": "datacenter", "recovery_hours": 10, "availability": 0.99},
            {"id": "west", "kind": "datacenter", "recovery_hours": 4, "availability": 0.9}]}"#);
        let (head, head_measures) = measured(r#"{"version": 1, "nodes": [
            {"id": "pay", "kind": "feature", "users": 10, "depends_on": ["east"]},
            {"id": "east", "kind": "datacenter", "recovery_hours": 10, "availability": 0.99}]}"#);
        let mut delta = crate::diff::diff(&base, &head);
        delta.add_feature_measures((&base, &base_measures), (&head, &head_measures));
        let json = serde_json::to_value(&delta).unwrap();
        // Alone, neither site took pay down; now east does, for 10 h.
        assert_eq!(json["restore_hours_changed"], serde_json::json!([{"id": "pay", "base": 0.0, "head": 10.0}]));
        let availability = &json["availability_changed"][0];
        assert!((availability["base"].as_f64().unwrap() - (1.0 - 0.01 * 0.1)).abs() < 1e-12, "{availability}");
        assert!((availability["head"].as_f64().unwrap() - 0.99).abs() < 1e-12, "{availability}");
    }

    #[test]
    fn measures_appear_only_when_a_version_carries_their_data() {
        let plain = r#"{"version": 1, "nodes": [{"id": "app", "kind": "feature", "users": 1, "depends_on": ["db"]}, {"id": "db", "kind": "datastore"}]}"#;
        let (base, base_measures) = measured(plain);
        let mut delta = crate::diff::diff(&base, &base);
        delta.add_feature_measures((&base, &base_measures), (&base, &base_measures));
        let json = serde_json::to_value(&delta).unwrap();
        assert!(json.get("restore_hours_changed").is_none() && json.get("availability_changed").is_none(), "{json}");
        // HEAD gives db recovery hours only: restore hours compared, availability not.
        let (head, head_measures) = measured(&plain.replace(r#""kind": "datastore""#, r#""kind": "datastore", "recovery_hours": 3"#));
        let mut delta = crate::diff::diff(&base, &head);
        delta.add_feature_measures((&base, &base_measures), (&head, &head_measures));
        let json = serde_json::to_value(&delta).unwrap();
        assert_eq!(json["restore_hours_changed"], serde_json::json!([{"id": "app", "base": 0.0, "head": 3.0}]));
        assert!(json.get("availability_changed").is_none());
    }
}
