//! Property tests: every valid document survives writing and reading, and the
//! reader refuses bytes without panicking.

use super::{parse, read, to_json};
use crate::model::{Document, Kind, Node, NodeId, Requirement, Scenario, ValidDocument};
use proptest::prelude::*;

/// Text people put in files: any characters, quotes and newlines included.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![".{0,12}", "[a-z\"\\\\\n\t<&é😀]{0,8}"]
}

fn finite() -> impl Strategy<Value = f64> {
    prop_oneof![Just(0.0), -1e6..1e6f64, any::<f64>().prop_filter("finite", |v| v.is_finite())]
}

fn hours() -> impl Strategy<Value = Option<f64>> {
    proptest::option::of(prop_oneof![Just(0.0), 0.0..1e4f64])
}

/// A random valid document of up to 10 nodes.
fn valid_document() -> impl Strategy<Value = Document> {
    (1usize..=10)
        .prop_flat_map(|n| {
            let node = (
                0usize..5,
                proptest::collection::btree_set(0..n, 0..=n.min(4)),
                0u32..4,
                prop_oneof![Just(0u64), 0..=crate::model::MAX_USERS],
                proptest::option::of(prop_oneof![Just(1.0), 0.001..=1.0f64]),
                (hours(), hours(), hours()),
                (proptest::option::of(finite()), proptest::option::of(finite())),
                (proptest::option::of(text()), proptest::option::of(text())),
            );
            (
                proptest::collection::vec(node, n),
                text(),
                proptest::option::of(text()),
                proptest::option::of(Just(crate::model::MAX_USERS)),
                proptest::collection::vec((text(), proptest::collection::btree_set(0..n, 0..=2)), 0..3),
            )
        })
        .prop_map(|(specs, title, notes, audience, scenarios)| {
            let nodes = specs
                .iter()
                .enumerate()
                .map(|(i, (kind, deps, rule, users, availability, (recovery, rebuild, tolerance), (x, y), (label, notes)))| {
                    let kind = Kind::ALL[*kind];
                    let mut node = Node::new(format!("n{i}-é"), kind);
                    node.depends_on = deps.iter().map(|d| NodeId(format!("n{d}-é"))).collect();
                    let count = deps.len() as u32;
                    node.requires = match rule {
                        1 => Requirement::Any,
                        2 | 3 if count > 0 => Requirement::AtLeast(1 + rule % count),
                        _ => Requirement::All,
                    };
                    node.users = *users;
                    node.availability = *availability;
                    node.recovery_hours = *recovery;
                    node.rebuild_hours = *rebuild;
                    node.tolerance_hours = if kind == Kind::Feature { *tolerance } else { None };
                    node.x = *x;
                    node.y = *y;
                    node.label = label.clone();
                    node.notes = notes.clone();
                    node
                })
                .collect();
            let scenarios = scenarios
                .into_iter()
                .map(|(name, fail)| Scenario { name, fail: fail.into_iter().map(|i| NodeId(format!("n{i}-é"))).collect() })
                .collect();
            Document { title, notes, audience, nodes, scenarios, ..Document::default() }
        })
        .prop_filter("valid", |document| ValidDocument::new(document.clone()).is_ok())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    #[test]
    fn parse_of_write_is_the_document(document in valid_document()) {
        let text = to_json(&document);
        let read_back = parse(&text).map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
        prop_assert_eq!(read_back, document.clone());
        let with_bom = [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat();
        prop_assert_eq!(read(&with_bom, None).unwrap(), document);
    }

    #[test]
    fn any_bytes_are_read_or_refused_without_panic(bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
        let _ = read(&bytes, None);
    }
}

#[test]
fn a_node_with_200000_dependencies_validates() {
    let mut nodes: Vec<Node> = (0..200_000).map(|i| Node::new(format!("p{i}"), Kind::Provider)).collect();
    let mut hub = Node::new("hub", Kind::Feature);
    hub.depends_on = nodes.iter().map(|n| n.id.clone()).collect();
    hub.requires = Requirement::AtLeast(100_000);
    nodes.push(hub);
    let document = Document { nodes, ..Document::default() };
    let valid = ValidDocument::new(document.clone()).expect("valid");
    assert_eq!(valid.graph().dependencies(200_000).len(), 200_000);
    let mut repeated = document;
    let last = repeated.nodes.last_mut().unwrap();
    last.depends_on.push(NodeId::from("p7"));
    assert_eq!(
        ValidDocument::new(repeated).unwrap_err().to_string(),
        "node \"hub\" lists dependency \"p7\" twice"
    );
}
