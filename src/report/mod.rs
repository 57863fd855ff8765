//! Reports for people and for machines, built from analysis results.
//!
//! The JSON shapes are the stable, documented output of `blackout check --json`
//! and `blackout simulate --json`; the text forms are what an executive reads.
//! What may be said about people affected is decided in [`people`] alone.

mod compare;
mod people;
mod risks;
mod why;

pub use compare::{compare_scenarios, generated_scenarios, scenario_name, stored_scenarios, NamedScenario, ScenarioResult};
pub use people::{users_sum, People, PeopleAffected};
pub use risks::{
    availability_phrase, format_availability, format_hour_count, group_digits, headline, kind_word, outage_phrase, risk_reach, risk_title,
    top_risks, Risk, RiskFigures, HOURS_A_YEAR,
};
pub use why::{explanation_lines, explanation_text, why_line};

use crate::analysis::{explain_all, CycleReport, Outcome, SpofReport};
pub mod recovery;

mod check_stream;
pub mod terminal;

pub use check_stream::write_check_json;

pub mod risk;
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
    /// The sum of the dark features' users, saturating: an upper bound on
    /// people (one person uses several features), kept for compatibility.
    pub users_affected: u64,
    /// How many distinct people lose at least one feature (see [`people`]).
    pub people_affected: PeopleAffected,
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
        people_affected: People::new(graph).of_outcome(graph, outcome),
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

/// "12 of 13 features dark · 47 M people" (or "up to 61 M people" when
/// that is all that is known), the line an executive reads aloud.
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
        _ => match People::new(graph).of_outcome(graph, outcome).phrase() {
            Some(people) => format!("{dark} of {total} {features} dark · {people}"),
            None => format!("{dark} of {total} {features} dark"),
        },
    }
}

/// A node's label for people, with control characters escaped (`terminal`):
/// every text report names nodes through this, so no label can drive a terminal
/// or fake a line of the report.
pub(crate) fn label(document: &Document, node: NodeIndex) -> std::borrow::Cow<'_, str> {
    terminal::escape_controls(document.nodes[node as usize].label())
}

pub(crate) fn labels(document: &Document, nodes: &[NodeIndex], separator: &str) -> String {
    let names: Vec<_> = nodes.iter().map(|&v| label(document, v)).collect();
    names.join(separator)
}

/// The single-point-of-failure report as text: the headline, then each
/// risk (single points of failure that take down the same features, under
/// one name) with the people it reaches.
pub fn check_text(document: &Document, graph: &Graph, report: &SpofReport, cycles: &CycleReport) -> String {
    let mut out = String::new();
    let title = terminal::escape_controls(if document.title.is_empty() { "Untitled graph" } else { &document.title });
    let features = graph.features().count();
    let _ = writeln!(out, "{title}: {features} features, {} nodes", graph.len());
    let risks = top_risks(graph, report);
    let _ = writeln!(out, "{}", headline(document, graph, &risks));
    if !report.spofs.is_empty() {
        let _ = writeln!(
            out,
            "{} single points of failure in {} risks (one failure each takes features down):",
            report.spofs.len(),
            risks.len()
        );
        for (rank, risk) in risks.iter().enumerate() {
            let node = risk.group.representative;
            let _ = writeln!(
                out,
                "{:>3}. {} ({}) {}: {}",
                rank + 1,
                label(document, node),
                graph.kind(node).display_name().to_lowercase(),
                risk_reach(graph, risk).replacen(" — ", ", ", 1),
                labels(document, &risk.group.features, ", "),
            );
            if !risk.group.others.is_empty() {
                let others: Vec<String> = risk
                    .group
                    .others
                    .iter()
                    .map(|&v| format!("{} ({})", label(document, v), graph.kind(v).display_name().to_lowercase()))
                    .collect();
                let _ = writeln!(out, "     the same risk: {}", others.join(", "));
            }
        }
    }
    out.push_str(&cycles_text(document, cycles));
    out
}

fn cycles_text(document: &Document, cycles: &CycleReport) -> String {
    let mut out = String::new();
    for component in &cycles.components {
        let _ = writeln!(out, "Circular dependency: {}", labels(document, component, ", "));
    }
    for &node in &cycles.self_dependencies {
        let _ = writeln!(out, "Depends on itself: {}", label(document, node));
    }
    if !cycles.cold_start_hazards.is_empty() {
        let _ = writeln!(
            out,
            "Cold-start hazard: after a full restart these would not come back: {}",
            labels(document, &cycles.cold_start_hazards, ", ")
        );
    }
    out
}

/// The state after a failure set as text: the summary line, then why each
/// dark feature is dark (every broken requirement under it, each node
/// explained once), features with the most users first.
pub fn simulate_text(document: &Document, graph: &Graph, outcome: &Outcome) -> String {
    let mut out = String::new();
    let failed: Vec<NodeIndex> = outcome.failed().collect();
    let _ = writeln!(out, "Failed: {}", labels(document, &failed, ", "));
    let _ = writeln!(out, "{}", summary_line(graph, outcome));
    let mut dark: Vec<NodeIndex> = outcome.features_down(graph).collect();
    dark.sort_by(|&a, &b| graph.users(b).cmp(&graph.users(a)).then_with(|| graph.id(a).cmp(graph.id(b))));
    if !dark.is_empty() {
        out.push_str("Why:\n");
        out.push_str(&explanation_text(document, graph, &explain_all(graph, outcome, &dark), 2));
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
            r#"{"failed":["login"],"down":["login","pay"],"features_down":["login","pay"],"users_affected":53000000,"people_affected":{"at_least":30000000,"at_most":53000000}}"#
        );
        let text = simulate_text(&doc, &g, &outcome);
        assert_eq!(
            text,
            "Failed: Kakao Login\n\
             2 of 3 features dark · up to 53 M people\n\
             Why:\n\
             \x20 Kakao Login (30 M users) failed\n\
             \x20 Kakao Pay (23 M users) needs Kakao Login, which is down\n\
             \x20   Kakao Login (30 M users) failed\n"
        );
    }

    #[test]
    fn check_text_names_labels_and_cycles() {
        let doc = parse(FILE).unwrap();
        let g = Graph::build(&doc).unwrap();
        let text = check_text(&doc, &g, &single_points_of_failure(&g), &cycles(&g));
        assert!(text.contains("One building, Pangyo, takes down 3 of 3 features — up to 100 M people\n"), "{text}");
        assert!(text.contains("2 single points of failure in 2 risks"), "{text}");
        assert!(text.contains("1. Pangyo (data center) takes down 3 of 3 features, up to 100 M people: Kakao Pay, talk, Kakao Login"), "{text}");
        assert!(!text.contains("Circular"));
    }
}
