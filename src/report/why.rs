//! Why a node is dark, in words: one line a step of an
//! [`Explanation`](crate::analysis::Explanation), indented by depth.
//!
//! "Orders DB needs 2 of 3 — DC East and DC West are down", then each of
//! those, one level deeper. A long list of lost dependencies names the first
//! few and counts the rest.

use super::label;
use super::format_users;
use crate::analysis::{Explanation, Reason, WhyStep};
use crate::model::{Document, Graph, NodeIndex};

/// How many lost dependencies a line names before it counts the rest.
const NAMED: usize = 5;

/// "A", "A and B", "A, B and C", "A, B, C, D, E and 3 more".
fn list(document: &Document, nodes: &[NodeIndex]) -> String {
    let names: Vec<std::borrow::Cow<str>> = nodes.iter().take(NAMED).map(|&v| label(document, v)).collect();
    let rest = nodes.len() - names.len();
    match (names.split_last(), rest) {
        (None, _) => String::new(),
        (Some((last, [])), 0) => last.to_string(),
        (Some((last, init)), 0) => format!("{} and {last}", init.join(", ")),
        (Some(_), more) => format!("{} and {more} more", names.join(", ")),
    }
}

/// One step in words: "Orders DB needs 2 of 3 — DC East and DC West are down".
pub fn why_line(document: &Document, graph: &Graph, step: &WhyStep) -> String {
    let mut name = label(document, step.node);
    let users = graph.users(step.node);
    if users > 0 && step.reason != Reason::SeeAbove {
        name = format!("{name} ({} users)", format_users(users)).into();
    }
    match &step.reason {
        Reason::Failed => format!("{name} failed"),
        Reason::SeeAbove => format!("{name} (see above)"),
        Reason::Broke { needed, dependencies, down, .. } => {
            let verb = if down.len() == 1 { "is" } else { "are" };
            let lost = list(document, down);
            match (*needed, *dependencies) {
                (_, 1) => format!("{name} needs {lost}, which is down"),
                (2, 2) => format!("{name} needs both of its dependencies — {lost} {verb} down"),
                (needed, total) if needed == total => {
                    format!("{name} needs all {total} of its dependencies — {lost} {verb} down")
                }
                (needed, total) => format!("{name} needs {needed} of {total} — {lost} {verb} down"),
            }
        }
    }
}

/// Each step as (depth, line), for an app that draws the tree itself.
pub fn explanation_lines(document: &Document, graph: &Graph, explanation: &Explanation) -> Vec<(usize, String)> {
    explanation.steps.iter().map(|step| (step.depth, why_line(document, graph, step))).collect()
}

/// The explanation as text: a line a step, two spaces of indent a level,
/// after `indent` spaces.
pub fn explanation_text(document: &Document, graph: &Graph, explanation: &Explanation, indent: usize) -> String {
    let mut out = String::new();
    for (depth, line) in explanation_lines(document, graph, explanation) {
        out.extend(std::iter::repeat_n(' ', indent + 2 * depth));
        out.push_str(&line);
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{explain, simulate};
    use crate::format::parse;

    #[test]
    fn reads_every_broken_requirement() {
        let valid = parse(
            r#"{"version": 1, "nodes": [
            {"id": "shop", "label": "Shop", "kind": "feature", "users": 1200, "depends_on": ["orders", "web"]},
            {"id": "web", "label": "Web", "kind": "service", "depends_on": ["east"]},
            {"id": "orders", "label": "Orders DB", "kind": "datastore", "requires": {"at_least": 2}, "depends_on": ["east", "west", "north"]},
            {"id": "east", "label": "DC East", "kind": "datacenter"},
            {"id": "west", "label": "DC West", "kind": "datacenter"},
            {"id": "north", "label": "DC North", "kind": "datacenter"}
        ]}"#,
        )
        .unwrap();
        let (document, graph) = (valid.document(), valid.graph());
        let outcome = simulate(graph, &[3, 4]);
        let text = explanation_text(document, graph, &explain(graph, &outcome, 0), 0);
        assert_eq!(
            text,
            "Shop (1.2 k users) needs both of its dependencies — Orders DB and Web are down\n\
             \x20 Orders DB needs 2 of 3 — DC East and DC West are down\n\
             \x20   DC East failed\n\
             \x20   DC West failed\n\
             \x20 Web needs DC East, which is down\n\
             \x20   DC East failed\n"
        );
    }

    #[test]
    fn long_lists_count_the_rest() {
        let valid = parse(
            r#"{"version": 1, "nodes": [
            {"id": "s", "kind": "service", "requires": "any", "depends_on": ["a", "b", "c", "d", "e", "f", "g"]},
            {"id": "a", "kind": "service"}, {"id": "b", "kind": "service"}, {"id": "c", "kind": "service"},
            {"id": "d", "kind": "service"}, {"id": "e", "kind": "service"}, {"id": "f", "kind": "service"},
            {"id": "g", "kind": "service"}
        ]}"#,
        )
        .unwrap();
        let (document, graph) = (valid.document(), valid.graph());
        let outcome = simulate(graph, &[1, 2, 3, 4, 5, 6, 7]);
        let why = explain(graph, &outcome, 0);
        assert_eq!(why_line(document, graph, &why.steps[0]), "s needs 1 of 7 — a, b, c, d, e and 2 more are down");
        assert_eq!(list(document, &[1, 2, 3]), "a, b and c");
    }
}
