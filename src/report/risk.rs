//! The risk report of `blackout analyze`: stable JSON and text for people.
//!
//! JSON: `{"order": K, "features": [{"id", "label", "users", "availability",
//! "hours_down_per_year", "expected_user_hours", "cut_sets", "importance"}, …],
//! "expected_user_hours", "ranking": [{"id", "users_at_stake", "user_hours"}],
//! "fixes": [{"kind", "description", "users_protected", "user_hours_saved",
//! "features_protected", "changes"}]}`. A number that is only bounded is
//! `null` with a sibling `…_bound: {"lower", "upper"}`; cut sets or importance
//! that could not be computed are `null`.

use super::format_users;
use crate::analysis::fixes::{Change, Fix, FixKind};
use crate::analysis::risk::{loss, Availability, CutSet, FeatureRisk, Importance, Loss, RiskReport};
use crate::model::{Document, Graph, NodeId, NodeIndex};
use serde::Serialize;
use std::fmt::Write;

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AnalyzeJson {
    pub order: usize,
    pub features: Vec<FeatureJson>,
    /// Summed over the features listed.
    pub expected_user_hours: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expected_user_hours_bound: Option<BoundJson>,
    pub ranking: Vec<RankingJson>,
    pub fixes: Vec<FixJson>,
}

#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct BoundJson {
    pub lower: f64,
    pub upper: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FeatureJson {
    pub id: NodeId,
    pub label: String,
    pub users: u64,
    /// Exact, or null with `availability_bound`.
    pub availability: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub availability_bound: Option<BoundJson>,
    pub hours_down_per_year: Option<f64>,
    pub expected_user_hours: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expected_user_hours_bound: Option<BoundJson>,
    /// Sorted by size, then ids; ids inside sorted. Null: too many to compute.
    pub cut_sets: Option<Vec<Vec<NodeId>>>,
    /// Birnbaum > 0, descending, then id. Null: availability is a bound.
    pub importance: Option<Vec<ImportanceJson>>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ImportanceJson {
    pub id: NodeId,
    pub birnbaum: f64,
    pub fussell_vesely: Option<f64>,
    pub raw: Option<f64>,
    pub rrw: Option<f64>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RankingJson {
    pub id: NodeId,
    pub users_at_stake: f64,
    pub user_hours: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FixJson {
    /// `replicate`, `use_replicas` or `remove_shared_dependency`.
    pub kind: &'static str,
    pub description: String,
    pub users_protected: u64,
    pub user_hours_saved: Option<f64>,
    pub features_protected: Vec<NodeId>,
    /// The edit, as data: `{"add_node": {…}}`, `{"set_requirement": {"node", "requires"}}`,
    /// `{"replace_dependency": {"node", "old", "new"}}`, `{"remove_dependency": {"node", "dependency"}}`.
    pub changes: Vec<serde_json::Value>,
}

fn bound_of(availability: Availability) -> (Option<f64>, Option<BoundJson>) {
    match availability {
        Availability::Exact(value) => (Some(value), None),
        Availability::Bound { lower, upper } => (None, Some(BoundJson { lower, upper })),
    }
}

fn loss_of(loss: Loss) -> (Option<f64>, Option<BoundJson>) {
    match loss {
        Loss::Exact(user_hours) => (Some(user_hours), None),
        Loss::Bound { lower, upper } => (None, Some(BoundJson { lower, upper })),
    }
}

/// Cut sets as sorted id lists, sorted by size then ids.
pub fn cut_set_ids(graph: &Graph, cut_sets: &[CutSet]) -> Vec<Vec<NodeId>> {
    let mut sets: Vec<Vec<NodeId>> = cut_sets
        .iter()
        .map(|set| {
            let mut ids: Vec<NodeId> = set.nodes().iter().map(|&v| graph.id(v).clone()).collect();
            ids.sort();
            ids
        })
        .collect();
    sets.sort_by(|a, b| a.len().cmp(&b.len()).then_with(|| a.cmp(b)));
    sets
}

fn importance_json(graph: &Graph, measure: &Importance) -> ImportanceJson {
    ImportanceJson {
        id: graph.id(measure.node).clone(),
        birnbaum: measure.birnbaum,
        fussell_vesely: measure.fussell_vesely,
        raw: measure.raw,
        rrw: measure.rrw,
    }
}

fn feature_json(document: &Document, graph: &Graph, risk: &FeatureRisk) -> FeatureJson {
    let (availability, availability_bound) = bound_of(risk.availability);
    let (expected_user_hours, expected_user_hours_bound) = loss_of(risk.expected_loss);
    FeatureJson {
        id: graph.id(risk.feature).clone(),
        label: document.nodes[risk.feature as usize].label().to_owned(),
        users: graph.users(risk.feature),
        availability,
        availability_bound,
        hours_down_per_year: availability.map(loss::hours_down_per_year),
        expected_user_hours,
        expected_user_hours_bound,
        cut_sets: risk.cut_sets.as_ref().map(|sets| cut_set_ids(graph, sets)),
        importance: risk.importance.as_ref().map(|list| list.iter().map(|m| importance_json(graph, m)).collect()),
    }
}

fn change_json(change: &Change) -> serde_json::Value {
    use serde_json::json;
    match change {
        Change::AddNode(node) => json!({ "add_node": node }),
        Change::SetRequirement { node, requires } => json!({ "set_requirement": { "node": node, "requires": requires } }),
        Change::ReplaceDependency { node, old, new } => {
            json!({ "replace_dependency": { "node": node, "old": old, "new": new } })
        }
        Change::RemoveDependency { node, dependency } => {
            json!({ "remove_dependency": { "node": node, "dependency": dependency } })
        }
    }
}

fn fix_json(fix: &Fix) -> FixJson {
    FixJson {
        kind: match fix.kind {
            FixKind::Replicate { .. } => "replicate",
            FixKind::UseReplicas { .. } => "use_replicas",
            FixKind::RemoveSharedDependency { .. } => "remove_shared_dependency",
        },
        description: fix.description.clone(),
        users_protected: fix.users_protected,
        user_hours_saved: fix.user_hours_saved,
        features_protected: fix.features_protected.clone(),
        changes: fix.changes.iter().map(change_json).collect(),
    }
}

/// `blackout analyze --json`.
pub fn analyze_json(document: &Document, graph: &Graph, report: &RiskReport, fixes: &[Fix]) -> AnalyzeJson {
    let (expected_user_hours, expected_user_hours_bound) = loss_of(report.expected_loss);
    AnalyzeJson {
        order: report.order,
        features: report.features.iter().map(|risk| feature_json(document, graph, risk)).collect(),
        expected_user_hours,
        expected_user_hours_bound,
        ranking: report
            .ranking
            .iter()
            .map(|r| RankingJson { id: graph.id(r.node).clone(), users_at_stake: r.users_at_stake, user_hours: r.user_hours })
            .collect(),
        fixes: fixes.iter().map(fix_json).collect(),
    }
}

/// "99.95 %", with as many decimals as it takes to show what is not 100 %.
pub fn percent(availability: f64) -> String {
    if availability >= 1.0 {
        return "100 %".to_owned();
    }
    let down = (1.0 - availability) * 100.0;
    // Two decimals, or more where the first digit of the unavailability needs them.
    let decimals = (-down.log10().floor()).clamp(2.0, 12.0) as usize;
    let text = format!("{:.*}", decimals, availability * 100.0);
    format!("{} %", text.trim_end_matches('0').trim_end_matches('.'))
}

/// "4.4 h", "26 min", "12 s", "0 h".
pub fn duration(hours: f64) -> String {
    if hours <= 0.0 {
        "0 h".to_owned()
    } else if hours >= 10.0 {
        format!("{hours:.0} h")
    } else if hours >= 1.0 {
        format!("{hours:.1} h")
    } else if hours * 60.0 >= 1.0 {
        format!("{:.0} min", hours * 60.0)
    } else {
        format!("{:.0} s", (hours * 3600.0).max(1.0))
    }
}

/// "1.2 M user-hours": user-hours for people.
pub fn user_hours(value: f64) -> String {
    format!("{} user-hours", format_users(value.round().max(0.0) as u64))
}

fn availability_text(availability: Availability) -> String {
    match availability {
        Availability::Exact(value) => {
            format!("{} · {} down a year", percent(value), duration(loss::hours_down_per_year(value)))
        }
        Availability::Bound { lower, upper } => format!(
            "between {} and {} (a bound: too large to compute exactly) · {} to {} down a year",
            percent(lower),
            percent(upper),
            duration(loss::hours_down_per_year(upper)),
            duration(loss::hours_down_per_year(lower))
        ),
    }
}

/// The app's short form: "99.95 % · 4.4 h a year", or for a bound
/// "99.9–99.95 % · 4.4–8.8 h a year (a bound)".
pub fn availability_short(availability: Availability) -> String {
    match availability {
        Availability::Exact(value) => format!("{} · {} a year", percent(value), duration(loss::hours_down_per_year(value))),
        Availability::Bound { lower, upper } => format!(
            "{}–{} · {}–{} a year (a bound)",
            percent(lower).trim_end_matches(" %"),
            percent(upper),
            duration(loss::hours_down_per_year(upper)).trim_end_matches(" h"),
            duration(loss::hours_down_per_year(lower)),
        ),
    }
}

/// Expected user-hours lost a year, for people ("between … and …" for a bound).
pub fn loss_text(loss: Loss) -> String {
    match loss {
        Loss::Exact(hours) => user_hours(hours),
        Loss::Bound { lower, upper } => format!("between {} and {}", user_hours(lower), user_hours(upper)),
    }
}

/// How many cut sets of each order, and how many importance entries, the text lists.
const SHOWN: usize = 5;

fn label(document: &Document, node: NodeIndex) -> &str {
    document.nodes[node as usize].label()
}

/// `blackout analyze` for people.
pub fn analyze_text(document: &Document, graph: &Graph, report: &RiskReport, fixes: &[Fix]) -> String {
    let mut out = String::new();
    let title = if document.title.is_empty() { "Untitled graph" } else { &document.title };
    let _ = writeln!(out, "{title}: risk of {} features (cut sets up to order {})", report.features.len(), report.order);
    for risk in &report.features {
        let f = risk.feature;
        let _ = writeln!(out, "\n{} ({} users): {}", label(document, f), format_users(graph.users(f)), availability_text(risk.availability));
        if graph.users(f) > 0 {
            let _ = writeln!(out, "  expected loss: {} a year", loss_text(risk.expected_loss));
        }
        match &risk.cut_sets {
            None => {
                let _ = writeln!(out, "  cut sets: too many to compute");
            }
            Some(sets) => {
                for (order, name) in (1..=report.order).zip(["single points of failure", "pairs", "triples"].iter().chain(std::iter::repeat(&"larger sets"))) {
                    let mut of_order: Vec<String> = sets
                        .iter()
                        .filter(|s| s.len() == order)
                        .map(|s| s.nodes().iter().map(|&v| label(document, v)).collect::<Vec<_>>().join(" + "))
                        .collect();
                    if of_order.is_empty() {
                        continue;
                    }
                    of_order.sort();
                    let more = of_order.len().saturating_sub(SHOWN);
                    of_order.truncate(SHOWN);
                    let tail = if more > 0 { format!(", and {more} more") } else { String::new() };
                    let _ = writeln!(out, "  {name}: {}{tail}", of_order.join("; "));
                }
            }
        }
        match &risk.importance {
            Some(list) if !list.is_empty() => {
                let top: Vec<String> = list
                    .iter()
                    .take(SHOWN)
                    .map(|m| format!("{} (Birnbaum {:.3})", label(document, m.node), m.birnbaum))
                    .collect();
                let _ = writeln!(out, "  most important: {}", top.join(", "));
            }
            _ => {}
        }
    }
    let _ = writeln!(out, "\nExpected loss, all features: {} a year", loss_text(report.expected_loss));
    if !report.ranking.is_empty() {
        let top: Vec<String> = report
            .ranking
            .iter()
            .take(SHOWN)
            .map(|r| format!("{} ({} users at stake)", label(document, r.node), format_users(r.users_at_stake.round() as u64)))
            .collect();
        let _ = writeln!(out, "Most important overall: {}", top.join(", "));
    }
    if fixes.is_empty() {
        let _ = writeln!(out, "No fix found that protects users or saves expected user-hours.");
    } else {
        let _ = writeln!(out, "What to fix first:");
        for (rank, fix) in fixes.iter().enumerate() {
            let saved = match fix.user_hours_saved {
                Some(hours) if hours > 0.0 => format!(", saves {} a year", user_hours(hours)),
                Some(_) => String::new(),
                None => ", saving not computable exactly (a bound)".to_owned(),
            };
            let _ = writeln!(
                out,
                "{:>3}. {}: protects {} users{saved}",
                rank + 1,
                fix.description,
                format_users(fix.users_protected)
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn availability_and_durations_read_like_a_person_wrote_them() {
        assert_eq!(percent(0.9995), "99.95 %");
        assert_eq!(percent(0.99), "99 %");
        assert_eq!(percent(0.999_987), "99.999 %");
        assert_eq!(percent(0.9801), "98.01 %");
        assert_eq!(percent(1.0), "100 %");
        assert_eq!(duration(4.383), "4.4 h");
        assert_eq!(duration(87.66), "88 h");
        assert_eq!(duration(0.5), "30 min");
        assert_eq!(duration(0.0), "0 h");
        assert_eq!(availability_short(Availability::Exact(0.9995)), "99.95 % · 4.4 h a year");
        assert_eq!(availability_short(Availability::Exact(1.0)), "100 % · 0 h a year");
        assert_eq!(availability_short(Availability::Bound { lower: 0.999, upper: 0.9995 }), "99.9–99.95 % · 4.4–8.8 h a year (a bound)");
    }
}
