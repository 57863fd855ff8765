//! The risk diff between two versions of an architecture file: what a change
//! adds, removes and alters, and above all which single points of failure it
//! creates or makes worse. `blackout diff`, `blackout check --base` and the
//! app's "Compare with…" all call [`diff`].
//!
//! - `nodes`: nodes added, removed and changed (any field but `x` and `y`).
//! - `risk`: single points of failure added, removed and worse.
//! - `measures`: the extension point for per-feature numbers that analyses
//!   compare between versions; `feature_measures`: the two it carries
//!   (restore hours and availability, when the files have the data).
//! - `markdown`: the pull-request comment.
//!
//! Cost: two single-point-of-failure reports plus O(n log n) to match ids.

mod feature_measures;
mod markdown;
mod measures;
mod nodes;
mod risk;
#[cfg(test)]
mod measure_properties;
#[cfg(test)]
mod properties;

pub use markdown::to_markdown;
pub use feature_measures::{FeatureMeasures, AVAILABILITY, RESTORE_HOURS};
pub use measures::{compare_feature_measure, compare_values, FeatureChange, Measure, MeasureChanges, MeasureValue, Unit};
pub use risk::{SpofEntry, WorseSpof};

use crate::analysis::{single_points_of_failure, SpofReport};
use crate::model::{NodeId, ValidDocument};
use serde::Serialize;

/// What changed from BASE to HEAD. Every list is sorted by id.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RiskDiff {
    pub nodes_added: Vec<NodeId>,
    pub nodes_removed: Vec<NodeId>,
    /// Nodes in both whose fields other than `x` and `y` differ.
    pub nodes_changed: Vec<NodeId>,
    /// Single points of failure in HEAD but not BASE, as in HEAD.
    pub spofs_added: Vec<SpofEntry>,
    /// Single points of failure in BASE but not HEAD, as in BASE.
    pub spofs_removed: Vec<SpofEntry>,
    /// Single points of failure in both that take down, in HEAD, a feature
    /// they did not take down in BASE.
    pub spofs_worse: Vec<WorseSpof>,
    /// Per-feature numbers compared by other analyses, each written as its
    /// own `"<name>_changed"` field; none until an analysis adds one with
    /// [`RiskDiff::add_measure`].
    #[serde(flatten)]
    pub measures: MeasureFields,
}

/// The optional measure sections of a diff (see `measures`).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct MeasureFields(pub Vec<MeasureChanges>);

impl RiskDiff {
    /// New risk: a new single point of failure, or one that got worse.
    /// `blackout diff` and `check --base` exit 1 on it.
    pub fn has_new_risk(&self) -> bool {
        !self.spofs_added.is_empty() || !self.spofs_worse.is_empty()
    }

    /// One line for people: "2 new single points of failure, 1 worse" or "No new risk".
    pub fn verdict(&self) -> String {
        let mut parts = Vec::new();
        match self.spofs_added.len() {
            0 => {}
            1 => parts.push("1 new single point of failure".to_owned()),
            n => parts.push(format!("{n} new single points of failure")),
        }
        if !self.spofs_worse.is_empty() {
            parts.push(format!("{} worse", self.spofs_worse.len()));
        }
        let mut verdict = if parts.is_empty() { "No new risk".to_owned() } else { parts.join(", ") };
        match self.spofs_removed.len() {
            0 => {}
            1 => verdict.push_str(" (1 single point of failure removed)"),
            n => verdict.push_str(&format!(" ({n} single points of failure removed)")),
        }
        verdict
    }

    /// Adds the comparison of one per-feature measure (see [`compare_feature_measure`]).
    pub fn add_measure(&mut self, changes: MeasureChanges) {
        self.measures.0.push(changes);
    }
}

/// The risk diff from `base` to `head`.
pub fn diff(base: &ValidDocument, head: &ValidDocument) -> RiskDiff {
    let base_spofs = single_points_of_failure(base.graph());
    let head_spofs = single_points_of_failure(head.graph());
    diff_with_reports(base, &base_spofs, head, &head_spofs)
}

/// [`diff`] when both reports are already at hand.
pub fn diff_with_reports(base: &ValidDocument, base_spofs: &SpofReport, head: &ValidDocument, head_spofs: &SpofReport) -> RiskDiff {
    let nodes = nodes::compare(base, head);
    let risk = risk::compare(base.graph(), base_spofs, head.graph(), head_spofs);
    RiskDiff {
        nodes_added: nodes.added,
        nodes_removed: nodes.removed,
        nodes_changed: nodes.changed,
        spofs_added: risk.added,
        spofs_removed: risk.removed,
        spofs_worse: risk.worse,
        measures: MeasureFields::default(),
    }
}
