//! The graph as a Mermaid `flowchart`, for Markdown that GitHub renders inline.
//!
//! Shapes follow the node kind (feature stadium, service rounded, data store
//! cylinder, data center rectangle, provider hexagon); colours come from
//! [`theme`] so the diagram matches the app and the SVG snapshot. State is also
//! written in the label ("failed", "down", "single point of failure"), so it does
//! not rely on colour alone.
//!
//! Labels are user text, and Mermaid text ends up as HTML in the reader's
//! browser. So node ids are never user ids (node `i` is `n{i}`), and every label
//! is a double-quoted string in which each character outside a small safe set
//! is written as a Mermaid entity code `#NNN;` (decimal code point), which
//! Mermaid turns into the HTML character reference `&#NNN;`: the reader sees the
//! character, the parser and the browser only ever see text. The title goes into
//! a `%%` comment with everything but the safe set removed, so it cannot open a
//! `%%{init}%%` directive, a new line or a Markdown code fence.
//!
//! GitHub's Mermaid refuses very large diagrams (about 50,000 characters or 500
//! edges by default); beyond that, share the SVG snapshot or a share link.

use crate::analysis::{NodeState, Outcome, SpofReport};
use crate::model::{Document, Graph, Kind, NodeIndex, Requirement};
use crate::render::theme::{kind_colour, kind_tint, ALERT, DARK_FILL, DARK_INK, INK};
use crate::render::xml_safe;
use crate::report::format_users;
use std::fmt::Write;

/// Mermaid's own line break inside a quoted label (the one piece of markup we write).
const LINE_BREAK: &str = "<br/>";

/// Characters written as they are. Not `:` (Mermaid's entity pre-pass treats a
/// line holding `style`/`classDef`, `:` and `#…;` specially), nor `#`, `;`,
/// quotes, brackets, `<`, `>`, `%`, backticks or anything that is not ASCII.
fn is_safe(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || matches!(
            c,
            ' ' | '.' | ',' | '-' | '_' | '(' | ')' | '/' | '+' | '?' | '!' | '\''
        )
}

/// Encodes user text for the inside of a double-quoted Mermaid label.
///
/// `&` is encoded too (although it cannot break the syntax) so that a label
/// such as `a &lt; b` is shown as written instead of as `a < b`.
pub fn escape_label(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if is_safe(c) {
            out.push(c);
        } else if c.is_control() {
            // New lines and other control characters become a space: a label is one line.
            out.push(' ');
        } else {
            // Noncharacters (U+FFFE, U+FFFF, …) would become character
            // references HTML refuses; the reader sees U+FFFD instead.
            let _ = write!(out, "#{};", xml_safe(c) as u32);
        }
    }
    out
}

/// Reduces the title to the safe set (plus `:` and letters of any script) for
/// a `%%` comment: entities are not decoded in comments, so other characters
/// are dropped, not encoded; without `{`, `%` or a new line the comment cannot
/// turn into a directive or end early.
fn comment_text(text: &str) -> String {
    let kept: String = text
        .chars()
        .map(|c| {
            if is_safe(c) || c == ':' || (!c.is_ascii() && c.is_alphanumeric()) {
                c
            } else {
                ' '
            }
        })
        .collect();
    kept.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The Mermaid id of a node: its index, never its user-chosen id.
fn mermaid_id(node: NodeIndex) -> String {
    format!("n{node}")
}

/// Opening and closing brackets of each kind's shape.
fn shape(kind: Kind) -> (&'static str, &'static str) {
    match kind {
        Kind::Feature => ("([", "])"),
        Kind::Service => ("(", ")"),
        Kind::Datastore => ("[(", ")]"),
        Kind::Datacenter => ("[", "]"),
        Kind::Provider => ("{{", "}}"),
    }
}

/// The second line of a label: kind, requirement, users, state.
fn details(graph: &Graph, outcome: &Outcome, spofs: &SpofReport, node: NodeIndex) -> String {
    let mut parts = vec![graph.kind(node).display_name().to_owned()];
    let dependencies = graph.dependencies(node).len();
    if dependencies > 0 {
        match graph.requirement(node) {
            Requirement::All => {}
            Requirement::Any => parts.push(format!("any of {dependencies}")),
            Requirement::AtLeast(k) => parts.push(format!("{k} of {dependencies}")),
        }
    }
    if graph.is_feature(node) && graph.users(node) > 0 {
        parts.push(format!("{} users", format_users(graph.users(node))));
    }
    match outcome.state(node) {
        NodeState::Up => {}
        NodeState::Down => parts.push("down".to_owned()),
        NodeState::Failed => parts.push("failed".to_owned()),
    }
    if spofs.is_spof(node) {
        parts.push("single point of failure".to_owned());
    }
    parts.join(" \u{b7} ")
}

/// The class that colours a node: its kind while up, else its state.
fn state_class(graph: &Graph, outcome: &Outcome, node: NodeIndex) -> &'static str {
    match outcome.state(node) {
        NodeState::Up => graph.kind(node).as_str(),
        NodeState::Down => "down",
        NodeState::Failed => "failed",
    }
}

/// The graph, the failure set's outcome and the single points of failure as a
/// Mermaid `flowchart TB` (dependents above, edges dependent --> dependency).
///
/// `document` supplies the title and labels and must be the document `graph`
/// was built from; `outcome` and `spofs` must come from that `graph`.
/// Deterministic: the same input gives the same text, byte for byte.
pub fn mermaid(
    document: &Document,
    graph: &Graph,
    outcome: &Outcome,
    spofs: &SpofReport,
) -> String {
    let mut out = String::new();
    out.push_str("flowchart TB\n");
    let title = comment_text(&document.title);
    let title = if title.is_empty() {
        "Blackout graph".to_owned()
    } else {
        title
    };
    let _ = writeln!(out, "%% {title}");

    for node in graph.nodes() {
        let label = document
            .nodes
            .get(node as usize)
            .map_or(graph.id(node).as_str(), |n| n.label());
        let (open, close) = shape(graph.kind(node));
        let _ = writeln!(
            out,
            "    {}{open}\"{}{LINE_BREAK}{}\"{close}",
            mermaid_id(node),
            escape_label(label),
            escape_label(&details(graph, outcome, spofs, node)),
        );
    }

    for (dependent, dependency) in graph.edges() {
        let _ = writeln!(
            out,
            "    {} --> {}",
            mermaid_id(dependent),
            mermaid_id(dependency)
        );
    }

    // Style lines never end in ';': Mermaid's entity pre-pass would eat it.
    for kind in Kind::ALL {
        let _ = writeln!(
            out,
            "    classDef {} fill:{},stroke:{},color:{INK}",
            kind.as_str(),
            kind_tint(kind),
            kind_colour(kind)
        );
    }
    let _ = writeln!(
        out,
        "    classDef down fill:{DARK_FILL},stroke:{DARK_FILL},color:{DARK_INK}"
    );
    // Hatching is impossible in Mermaid: a failed node is dark with a heavy vermillion border.
    let _ = writeln!(
        out,
        "    classDef failed fill:{DARK_FILL},stroke:{ALERT},stroke-width:3px,color:{DARK_INK}"
    );
    // Defined last and applied last, so its ring wins over the state's border.
    let _ = writeln!(
        out,
        "    classDef spof stroke:{ALERT},stroke-width:4px,stroke-dasharray:6 3"
    );

    let classes = Kind::ALL
        .iter()
        .map(|k| k.as_str())
        .chain(["down", "failed"]);
    for class in classes {
        let members: Vec<String> = graph
            .nodes()
            .filter(|&v| state_class(graph, outcome, v) == class)
            .map(mermaid_id)
            .collect();
        if !members.is_empty() {
            let _ = writeln!(out, "    class {} {class}", members.join(","));
        }
    }
    let spof_nodes: Vec<String> = graph
        .nodes()
        .filter(|&v| spofs.is_spof(v))
        .map(mermaid_id)
        .collect();
    if !spof_nodes.is_empty() {
        let _ = writeln!(out, "    class {} spof", spof_nodes.join(","));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{simulate, single_points_of_failure};
    use crate::format::parse;
    use crate::model::{Node, NodeId};

    const KAKAO: &str = include_str!("../../assets/examples/kakao-2022.json");

    fn render(document: &Document, failed: &[&str]) -> String {
        let graph = Graph::build(document).unwrap();
        let failed: Vec<NodeIndex> = failed
            .iter()
            .map(|id| graph.index_of(&NodeId::from(*id)).unwrap())
            .collect();
        let outcome = simulate(&graph, &failed);
        let spofs = single_points_of_failure(&graph);
        mermaid(document, &graph, &outcome, &spofs)
    }

    fn small() -> Document {
        parse(
            r#"{"version": 1, "title": "Shop", "nodes": [
                {"id": "checkout", "label": "Checkout", "kind": "feature", "users": 1200000, "depends_on": ["api"]},
                {"id": "api", "kind": "service", "requires": "any", "depends_on": ["db", "db2"]},
                {"id": "q", "kind": "feature", "requires": {"at_least": 2}, "depends_on": ["db", "db2", "dc"]},
                {"id": "db", "kind": "datastore", "depends_on": ["dc"]},
                {"id": "db2", "kind": "datastore", "depends_on": ["dc"]},
                {"id": "dc", "kind": "datacenter", "depends_on": ["grid"]},
                {"id": "grid", "kind": "provider"}
            ]}"#,
        )
        .unwrap()
        .into_document()
    }

    /// The text between the quotes of node `n{i}`'s label.
    fn label_of(text: &str, i: usize) -> String {
        let line = text
            .lines()
            .find(|l| {
                let rest = l.trim_start().strip_prefix(&format!("n{i}")).unwrap_or("0");
                !rest.starts_with(|c: char| c.is_ascii_digit()) && l.contains('"')
            })
            .unwrap();
        let start = line.find('"').unwrap() + 1;
        let end = line.rfind('"').unwrap();
        line[start..end].to_owned()
    }

    #[test]
    fn structure_header_nodes_edges_and_classes() {
        let document = small();
        let text = render(&document, &["dc"]);
        let mut lines = text.lines();
        assert_eq!(lines.next(), Some("flowchart TB"));
        assert_eq!(lines.next(), Some("%% Shop"));
        let node_lines = text.lines().filter(|l| l.contains('"')).count();
        assert_eq!(node_lines, 7);
        let edges: Vec<&str> = text.lines().filter(|l| l.contains(" --> ")).collect();
        assert_eq!(edges.len(), 9);
        assert_eq!(edges[0].trim(), "n0 --> n1");
        for class in [
            "feature",
            "service",
            "datastore",
            "datacenter",
            "provider",
            "down",
            "failed",
            "spof",
        ] {
            assert!(
                text.contains(&format!("classDef {class} ")),
                "classDef {class}"
            );
        }
        assert!(text.contains("    class n5 failed\n"), "{text}");
        assert!(text.contains("    class n0,n1,n2,n3,n4 down\n"), "{text}");
        assert!(text.contains("    class n6 provider\n"), "{text}");
        // api takes checkout down alone; dc and grid take everything down.
        assert!(text.contains("    class n1,n5,n6 spof\n"), "{text}");
        assert!(text.ends_with("spof\n"));
        assert!(text.contains("fill:#2D2F33,stroke:#D55E00,stroke-width:3px"));
        assert!(text.contains("stroke-dasharray:6 3"));
        assert!(!text
            .lines()
            .any(|l| l.starts_with("    classDef") && l.ends_with(';')));
    }

    #[test]
    fn shapes_follow_kinds() {
        let text = render(&small(), &[]);
        assert!(text.contains("    n0([\""), "feature stadium");
        assert!(text.contains("\"])\n"));
        assert!(text.contains("    n1(\""), "service rounded");
        assert!(text.contains("    n3[(\""), "datastore cylinder");
        assert!(text.contains("    n5[\""), "datacenter rectangle");
        assert!(text.contains("    n6{{\""), "provider hexagon");
        assert!(text.contains("\"}}\n"));
    }

    #[test]
    fn labels_carry_requirement_users_kind_and_state() {
        let text = render(&small(), &["db"]);
        assert_eq!(label_of(&text, 0), "Checkout<br/>Feature #183; 1.2 M users");
        assert_eq!(
            label_of(&text, 1),
            "api<br/>Service #183; any of 2 #183; single point of failure"
        );
        assert_eq!(label_of(&text, 2), "q<br/>Feature #183; 2 of 3");
        assert_eq!(label_of(&text, 3), "db<br/>Data store #183; failed");
        assert_eq!(label_of(&text, 4), "db2<br/>Data store");
        let text = render(&small(), &["db", "db2"]);
        assert_eq!(
            label_of(&text, 0),
            "Checkout<br/>Feature #183; 1.2 M users #183; down"
        );
        assert_eq!(label_of(&text, 2), "q<br/>Feature #183; 2 of 3 #183; down");
        assert_eq!(
            label_of(&text, 5),
            "dc<br/>Data center #183; single point of failure"
        );
        let all_up = render(&small(), &[]);
        assert!(all_up.contains("    class n0,n2 feature\n"), "{all_up}");
    }

    const HOSTILE: [&str; 10] = [
        "<script>alert(1)</script>",
        "\"><img src=x onerror=alert(1)>",
        "]) --> x",
        "%%{init: {\"securityLevel\": \"loose\"}}%%",
        "```\n# heading",
        "line1\nclick n0 call alert(1)\r\nline3",
        "a #35; b; c",
        "x\"] --> n1\n    style n1 fill:red",
        "a &lt; b &amp; {c} | d ~~~",
        "카카오톡 \u{202E}evil \u{1F600}",
    ];

    fn hostile_document() -> Document {
        let mut document = Document {
            title: "%%{init: {}}%%\n```\n<b>Title</b>; #1".to_owned(),
            ..Document::default()
        };
        for (i, label) in HOSTILE.iter().enumerate() {
            let mut node = Node::new(format!("id \"{i}\" --> ]"), Kind::ALL[i % 5]);
            node.label = Some((*label).to_owned());
            document.nodes.push(node);
        }
        document
    }

    #[test]
    fn hostile_labels_are_fully_escaped() {
        let document = hostile_document();
        let text = render(&document, &[]);
        // Header, title, one line per node, 8 classDefs, 5 kind classes: no injected lines.
        assert_eq!(text.lines().count(), 2 + HOSTILE.len() + 8 + 5, "{text}");
        assert_eq!(text.lines().nth(1), Some("%% init: b Title /b 1"));
        assert!(!text.contains("%%{"));
        assert!(!text.contains('`'));
        assert!(!text.contains('~'));
        assert!(!text.contains('\r'));
        assert!(!text.contains("-->"), "no edges, none injected");
        for i in 0..HOSTILE.len() {
            let label = label_of(&text, i).replace(LINE_BREAK, "");
            for forbidden in [
                '<', '>', '"', '\n', '[', ']', '{', '}', '|', '%', '&', ':', '`',
            ] {
                assert!(
                    !label.contains(forbidden),
                    "{forbidden:?} in label {i}: {label}"
                );
            }
            assert!(
                label.chars().all(|c| c.is_ascii() && !c.is_ascii_control()),
                "{label}"
            );
            // The user's id never appears: Mermaid ids are indices.
            assert!(!text.contains(&format!("id \"{i}\"")));
        }
        assert!(label_of(&text, 0).starts_with("#60;script#62;alert(1)#60;/script#62;<br/>"));
        assert!(label_of(&text, 6).starts_with("a #35;35#59; b#59; c<br/>"));
        assert!(
            label_of(&text, 9).starts_with("#52852;#52852;#50724;#53665; #8238;evil #128512;<br/>")
        );
    }

    #[test]
    fn entity_codes_decode_back_to_the_label() {
        // What a reader sees: Mermaid turns #NNN; into the character.
        fn decode(label: &str) -> String {
            let mut out = String::new();
            let mut rest = label;
            while let Some(start) = rest.find('#') {
                out.push_str(&rest[..start]);
                let end = rest[start..].find(';').unwrap() + start;
                let code: u32 = rest[start + 1..end].parse().unwrap();
                out.push(char::from_u32(code).unwrap());
                rest = &rest[end + 1..];
            }
            out.push_str(rest);
            out
        }
        let text = render(&hostile_document(), &[]);
        for (i, original) in HOSTILE.iter().enumerate() {
            let label = label_of(&text, i);
            let shown = decode(label.split(LINE_BREAK).next().unwrap());
            let expected: String = original
                .chars()
                .map(|c| if c.is_control() { ' ' } else { c })
                .collect();
            assert_eq!(shown, expected);
        }
    }

    #[test]
    fn output_is_deterministic_and_matches_the_example() {
        let document = parse(KAKAO).unwrap();
        let graph = Graph::build(&document).unwrap();
        let a = render(&document, &["pangyo"]);
        assert_eq!(a, render(&document, &["pangyo"]));
        assert_eq!(
            a.lines().filter(|l| l.contains(" --> ")).count(),
            graph.edges().count()
        );
        assert_eq!(
            a.lines().filter(|l| l.contains("<br/>")).count(),
            graph.len()
        );
        assert!(a.contains(" failed\n"));
    }

    #[test]
    fn noncharacters_become_the_replacement_character() {
        assert_eq!(escape_label("a\u{FFFE}b\u{FFFF}\u{FDD0}\u{85}"), "a#65533;b#65533;#65533; ");
    }

    #[test]
    fn an_empty_graph_is_still_a_diagram() {
        let text = render(&Document::default(), &[]);
        assert!(text.starts_with("flowchart TB\n%% Blackout graph\n"));
        assert!(!text.contains("    class "));
    }
}
