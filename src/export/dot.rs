//! The model as a Graphviz DOT digraph that `dot -Tsvg` draws and that
//! `blackout import` reads back into the same model.
//!
//! `a -> b` means a depends on b. Each node statement carries the model's
//! fields as attributes named like the JSON fields (`label`, `kind`,
//! `requires`, `users`, `availability`, `recovery_hours`, `rebuild_hours`,
//! `tolerance_hours`, `x`, `y`, `notes`; defaults are left out), and the
//! graph carries the title (`label`, which Graphviz shows), `notes` and
//! `audience`. Scenarios are not written: DOT has no place for them.
//! Ids are always quoted; free text is quoted so that Graphviz shows it and
//! the importer reads it back exactly ([`crate::import::dot_syntax`]). Nodes
//! come first, in the model's order, then edges in dependency order, so the
//! import rebuilds the same order. O(nodes + dependencies).

use crate::import::dot_syntax::{quote_id, quote_text};
use crate::import::NodeField;
use crate::model::Document;
use std::fmt::Write;

/// The DOT text of `document`.
pub fn write(document: &Document) -> String {
    let mut out = String::new();
    out.push_str("// Written by Blackout. a -> b: a depends on b.\n");
    out.push_str("digraph blackout {\n");
    if !document.title.is_empty() {
        let _ = writeln!(out, "  label={};", quote_text(&document.title));
    }
    if let Some(notes) = &document.notes {
        let _ = writeln!(out, "  notes={};", quote_text(notes));
    }
    if let Some(audience) = document.audience {
        let _ = writeln!(out, "  audience={audience};");
    }
    for node in &document.nodes {
        let attributes: Vec<String> = NodeField::ALL
            .into_iter()
            .filter_map(|field| {
                let text = field.format(node)?;
                let value = match field {
                    NodeField::Label | NodeField::Notes => quote_text(&text),
                    _ if is_plain(&text) => text,
                    _ => quote_id(&text),
                };
                Some(format!("{}={value}", field.name()))
            })
            .collect();
        let _ = writeln!(out, "  {} [{}];", quote_id(node.id.as_str()), attributes.join(", "));
    }
    for node in &document.nodes {
        for dependency in &node.depends_on {
            let _ = writeln!(out, "  {} -> {};", quote_id(node.id.as_str()), quote_id(dependency.as_str()));
        }
    }
    out.push_str("}\n");
    out
}

/// A DOT identifier (not a keyword) or numeral, written without quotes.
fn is_plain(text: &str) -> bool {
    const KEYWORDS: [&str; 6] = ["node", "edge", "graph", "digraph", "subgraph", "strict"];
    let identifier = text.chars().next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && text.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        && !KEYWORDS.iter().any(|keyword| keyword.eq_ignore_ascii_case(text));
    let digits = text.strip_prefix('-').unwrap_or(text);
    let numeral = !digits.is_empty()
        && digits.chars().any(|c| c.is_ascii_digit())
        && digits.chars().all(|c| c.is_ascii_digit() || c == '.')
        && digits.matches('.').count() <= 1;
    identifier || numeral
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::testing::{import_as, random_document, Text};
    use crate::import::Format;
    use crate::model::{Kind, Node, Requirement};
    use proptest::prelude::*;

    fn read_back(text: &str) -> Document {
        import_as(Format::Dot, "model.dot", &[text], false).unwrap()
    }

    #[test]
    fn writes_attributes_and_escapes_text() {
        let mut pay = Node::new("pay \"now\"", Kind::Feature);
        pay.label = Some("Pay\\ \"quick\"\nline & \u{7}".to_owned());
        pay.users = 23_000_000;
        pay.depends_on = vec!["api".into()];
        let mut api = Node::new("api", Kind::Service);
        api.requires = Requirement::AtLeast(1);
        api.recovery_hours = Some(0.5);
        api.depends_on = vec!["db".into()];
        let document = Document {
            title: "Shop".to_owned(),
            nodes: vec![pay, api, Node::new("db", Kind::Datastore)],
            ..Document::default()
        };
        let text = write(&document);
        assert_eq!(
            text,
            "// Written by Blackout. a -> b: a depends on b.\ndigraph blackout {\n  label=\"Shop\";\n  \"pay \\\"now\\\"\" [label=\"Pay\\\\ \\\"quick\\\"\\nline &amp; &#7;\", kind=feature, users=23000000];\n  \"api\" [kind=service, requires=\"at_least 1\", recovery_hours=0.5];\n  \"db\" [kind=datastore];\n  \"pay \\\"now\\\"\" -> \"api\";\n  \"api\" -> \"db\";\n}\n"
        );
        assert_eq!(read_back(&text), document);
    }

    #[test]
    fn plain_values() {
        assert!(is_plain("feature") && is_plain("-4.5") && is_plain("23000000") && is_plain("0.001"));
        assert!(!is_plain("at_least 2") && !is_plain("1.2.3") && !is_plain("-") && !is_plain("") && !is_plain("graph-x"));
        assert!(!is_plain("Node"));
    }

    proptest! {
        /// Every model survives DOT, but for its scenarios.
        #[test]
        fn round_trips(seed in any::<u64>()) {
            for style in [Text::Plain, Text::Wild] {
                let mut document = random_document(seed, style);
                let back = read_back(&write(&document));
                document.scenarios.clear();
                prop_assert_eq!(back, document);
            }
        }
    }
}
