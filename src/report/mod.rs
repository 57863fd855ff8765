//! Reports for people and for machines, built from analysis results.
//!
//! The JSON shapes are the stable, documented output of `blackout check --json`
//! and `blackout simulate --json`; the text forms are what an executive reads.

pub mod risk;

use crate::analysis::{CycleReport, Outcome, SpofReport};
use crate::model::{Document, Graph, NodeId, NodeIndex};
use serde::Serialize;
use std::fmt::Write;

/// `blackout check --json`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CheckJson {
    /// How many features the graph has.
    pub features: usize,
    /// Sorted by users descending, then id.
    pub spofs: Vec<SpofJson>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SpofJson {
    pub id: NodeId,
    /// Sorted ids of the features it takes down.
    pub features: Vec<NodeId>,
    pub users: u64,
}

/// `blackout simulate --json`. Every list is sorted by id; `down` includes the failed nodes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SimulateJson {
    pub failed: Vec<NodeId>,
    pub down: Vec<NodeId>,
    pub features_down: Vec<NodeId>,
    pub users_affected: u64,
}

fn sorted_ids(graph: &Graph, nodes: impl Iterator<Item = NodeIndex>) -> Vec<NodeId> {
    let mut ids: Vec<NodeId> = nodes.map(|v| graph.id(v).clone()).collect();
    ids.sort();
    ids
}

pub fn check_json(graph: &Graph, report: &SpofReport) -> CheckJson {
    CheckJson {
        features: graph.features().count(),
        spofs: report
            .spofs
            .iter()
            .map(|spof| SpofJson {
                id: graph.id(spof.node).clone(),
                features: sorted_ids(graph, spof.features.iter().copied()),
                users: spof.users,
            })
            .collect(),
    }
}

pub fn simulate_json(graph: &Graph, outcome: &Outcome) -> SimulateJson {
    SimulateJson {
        failed: sorted_ids(graph, outcome.failed()),
        down: sorted_ids(graph, outcome.down()),
        features_down: sorted_ids(graph, outcome.features_down(graph)),
        users_affected: outcome.users_affected(graph),
    }
}

/// Users for people: "950", "12 k", "1.5 M", "47 M".
pub fn format_users(users: u64) -> String {
    let value = users as f64;
    // The largest unit in which the number does not round below 1.
    for (unit, suffix) in [(1e9, "B"), (1e6, "M"), (1e3, "k")] {
        let scaled = value / unit;
        if scaled >= 0.9995 {
            return if scaled < 9.95 {
                let text = format!("{scaled:.1}");
                format!("{} {suffix}", text.trim_end_matches(".0"))
            } else {
                format!("{scaled:.0} {suffix}")
            };
        }
    }
    users.to_string()
}

/// "5 of 9 features dark · 61 M users affected", the line an executive reads aloud.
pub fn summary_line(graph: &Graph, outcome: &Outcome) -> String {
    let total = graph.features().count();
    if total == 0 {
        return "No user-facing features yet".to_owned();
    }
    let dark = outcome.features_down(graph).count();
    let features = if total == 1 { "feature" } else { "features" };
    match dark {
        0 if total == 1 => "The only feature is up".to_owned(),
        0 => format!("All {total} features up"),
        _ => format!(
            "{dark} of {total} {features} dark · {} users affected",
            format_users(outcome.users_affected(graph))
        ),
    }
}

/// A node's label for people.
fn label(document: &Document, node: NodeIndex) -> &str {
    document.nodes[node as usize].label()
}

fn labels(document: &Document, nodes: &[NodeIndex]) -> String {
    let names: Vec<&str> = nodes.iter().map(|&v| label(document, v)).collect();
    names.join(", ")
}

/// The single-point-of-failure report as text.
pub fn check_text(document: &Document, graph: &Graph, report: &SpofReport, cycles: &CycleReport) -> String {
    let mut out = String::new();
    let title = if document.title.is_empty() { "Untitled graph" } else { &document.title };
    let features = graph.features().count();
    let _ = writeln!(out, "{title}: {features} features, {} nodes", graph.len());
    if report.spofs.is_empty() {
        let _ = writeln!(out, "No single point of failure: no feature goes dark when any one node fails.");
    } else {
        let _ = writeln!(
            out,
            "{} single points of failure (one failure each takes features down):",
            report.spofs.len()
        );
        for (rank, spof) in report.spofs.iter().enumerate() {
            let _ = writeln!(
                out,
                "{:>3}. {} ({}) takes down {} of {features} features, {} users: {}",
                rank + 1,
                label(document, spof.node),
                graph.kind(spof.node).display_name().to_lowercase(),
                spof.features.len(),
                format_users(spof.users),
                labels(document, &spof.features),
            );
        }
    }
    out.push_str(&cycles_text(document, cycles));
    out
}

fn cycles_text(document: &Document, cycles: &CycleReport) -> String {
    let mut out = String::new();
    for component in &cycles.components {
        let _ = writeln!(out, "Circular dependency: {}", labels(document, component));
    }
    for &node in &cycles.self_dependencies {
        let _ = writeln!(out, "Depends on itself: {}", label(document, node));
    }
    if !cycles.cold_start_hazards.is_empty() {
        let _ = writeln!(
            out,
            "Cold-start hazard: after a full restart these would not come back: {}",
            labels(document, &cycles.cold_start_hazards)
        );
    }
    out
}

/// The state after a failure set as text, with the chain that explains each dark feature.
pub fn simulate_text(document: &Document, graph: &Graph, outcome: &Outcome) -> String {
    let mut out = String::new();
    let failed: Vec<NodeIndex> = outcome.failed().collect();
    let _ = writeln!(out, "Failed: {}", labels(document, &failed));
    let _ = writeln!(out, "{}", summary_line(graph, outcome));
    let mut dark: Vec<NodeIndex> = outcome.features_down(graph).collect();
    dark.sort_by(|&a, &b| graph.users(b).cmp(&graph.users(a)).then_with(|| graph.id(a).cmp(graph.id(b))));
    for feature in dark {
        let chain: Vec<&str> = outcome.explain(feature).iter().map(|&v| label(document, v)).collect();
        let _ = writeln!(
            out,
            "  dark: {} ({} users), because {}",
            label(document, feature),
            format_users(graph.users(feature)),
            chain.join(" → ")
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{cycles, simulate, single_points_of_failure};
    use crate::format::parse;

    #[test]
    fn users_read_like_a_person_wrote_them() {
        for (users, text) in [
            (0, "0"),
            (950, "950"),
            (1_000, "1 k"),
            (12_345, "12 k"),
            (999_499, "999 k"),
            (999_500, "1 M"),
            (1_500_000, "1.5 M"),
            (47_000_000, "47 M"),
            (61_234_567, "61 M"),
            (216_000_000, "216 M"),
            (2_400_000_000, "2.4 B"),
        ] {
            assert_eq!(format_users(users), text, "{users}");
        }
    }

    const FILE: &str = r#"{"version": 1, "title": "T", "nodes": [
        {"id": "pay", "label": "Kakao Pay", "kind": "feature", "users": 23000000, "depends_on": ["login"]},
        {"id": "talk", "kind": "feature", "users": 47000000, "depends_on": ["dc"]},
        {"id": "login", "label": "Kakao Login", "kind": "feature", "users": 30000000, "depends_on": ["dc"]},
        {"id": "dc", "label": "Pangyo", "kind": "datacenter"}
    ]}"#;

    #[test]
    fn check_json_is_sorted_and_stable() {
        let doc = parse(FILE).unwrap();
        let g = Graph::build(&doc).unwrap();
        let json = serde_json::to_string(&check_json(&g, &single_points_of_failure(&g))).unwrap();
        assert_eq!(
            json,
            r#"{"features":3,"spofs":[{"id":"dc","features":["login","pay","talk"],"users":100000000},{"id":"login","features":["login","pay"],"users":53000000}]}"#
        );
    }

    #[test]
    fn simulate_json_and_text() {
        let doc = parse(FILE).unwrap();
        let g = Graph::build(&doc).unwrap();
        let outcome = simulate(&g, &[2]);
        let json = serde_json::to_string(&simulate_json(&g, &outcome)).unwrap();
        assert_eq!(
            json,
            r#"{"failed":["login"],"down":["login","pay"],"features_down":["login","pay"],"users_affected":53000000}"#
        );
        let text = simulate_text(&doc, &g, &outcome);
        assert!(text.contains("2 of 3 features dark · 53 M users affected"), "{text}");
        assert!(text.contains("dark: Kakao Pay (23 M users), because Kakao Pay → Kakao Login"), "{text}");
    }

    #[test]
    fn check_text_names_labels_and_cycles() {
        let doc = parse(FILE).unwrap();
        let g = Graph::build(&doc).unwrap();
        let text = check_text(&doc, &g, &single_points_of_failure(&g), &cycles(&g));
        assert!(text.contains("1. Pangyo (data center) takes down 3 of 3 features, 100 M users"), "{text}");
        assert!(!text.contains("Circular"));
    }
}
