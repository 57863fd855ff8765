//! Refreshing a model from its source while keeping what the architect added.
//!
//! Definition. Let E be the existing model and S the fresh import, with the
//! fields S states for each node. The merged model M has:
//! * **nodes**: every node of E, in E's order, then the nodes only S has, in
//!   S's order. A node of E that S no longer has is **kept and reported**
//!   ([`MergeReport::not_in_source`]): the import cannot tell a node the
//!   source dropped from one the architect drew by hand (a data center, a
//!   power feed); a diff of the two models shows the drift;
//! * **fields of a node both have** (label, kind, requires, users,
//!   availability, recovery/rebuild/tolerance hours, x, y, notes): S's value
//!   where S states the field, else E's. What "stated" means is in each
//!   format's header: a Backstage label and kind, an annotation, a DOT
//!   attribute, a non-empty CSV cell; never a default;
//! * **dependencies of a node S has**: S's dependencies (the source is the
//!   truth about the structure among its own nodes), then E's dependencies on
//!   nodes S does not have (hand-drawn links to hand-drawn nodes), in order.
//!   Nodes only E has keep their dependencies;
//! * **document**: title, notes and audience from S where S states them, else
//!   from E; E's scenarios (every node they name is kept).
//!
//! Merging a model with an import of itself changes nothing. A value kept from
//! E can contradict what S says (`at_least 3` over two dependencies now,
//! tolerance hours on what is no longer a feature): the merge then fails
//! with the model's message, and nothing is written. O(nodes + dependencies).

use super::error::ImportError;
use super::fields::NodeField;
use super::Imported;
use crate::model::{Document, NodeId, ValidDocument};
use std::collections::{HashMap, HashSet};

/// What the merge did, for the person who ran it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MergeReport {
    /// Nodes the source has and the existing model did not.
    pub added: Vec<NodeId>,
    /// Nodes of the existing model the source does not have (kept).
    pub not_in_source: Vec<NodeId>,
}

#[derive(Clone, Debug)]
pub struct Merged {
    pub document: ValidDocument,
    pub report: MergeReport,
}

pub fn merge(existing: &Document, imported: &Imported) -> Result<Merged, ImportError> {
    let source = imported.document.document();
    let in_source: HashMap<&NodeId, usize> = source.nodes.iter().enumerate().map(|(i, n)| (&n.id, i)).collect();
    let mut report = MergeReport::default();
    let mut nodes = Vec::with_capacity(existing.nodes.len() + source.nodes.len());
    for old in &existing.nodes {
        let Some(&position) = in_source.get(&old.id) else {
            report.not_in_source.push(old.id.clone());
            nodes.push(old.clone());
            continue;
        };
        let mut node = source.nodes[position].clone();
        let stated = imported.stated[position];
        for field in NodeField::ALL {
            if !stated.contains(field) {
                field.copy(old, &mut node);
            }
        }
        node.depends_on.extend(old.depends_on.iter().filter(|d| !in_source.contains_key(d)).cloned());
        nodes.push(node);
    }
    let in_existing: HashSet<&NodeId> = existing.nodes.iter().map(|n| &n.id).collect();
    for node in &source.nodes {
        if !in_existing.contains(&node.id) {
            report.added.push(node.id.clone());
            nodes.push(node.clone());
        }
    }
    let stated = imported.document_stated;
    let document = Document {
        title: if stated.title { source.title.clone() } else { existing.title.clone() },
        notes: if stated.notes { source.notes.clone() } else { existing.notes.clone() },
        audience: if stated.audience { source.audience } else { existing.audience },
        nodes,
        scenarios: existing.scenarios.clone(),
        ..Document::default()
    };
    let document = ValidDocument::new(document).map_err(ImportError::Merge)?;
    Ok(Merged { document, report })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::fields::{DocumentFields, NodeFields};
    use crate::import::testing::{random_document, Text};
    use crate::import::Format;
    use crate::model::{Kind, ModelError, Node, Requirement, Scenario};
    use proptest::prelude::*;

    fn imported(document: Document, stated: Vec<NodeFields>, document_stated: DocumentFields) -> Imported {
        Imported {
            document: ValidDocument::new(document).unwrap(),
            format: Format::Csv,
            stated,
            document_stated,
            placeholders: Vec::new(),
        }
    }

    #[test]
    fn keeps_what_the_source_does_not_state() {
        let mut web = Node::new("web", Kind::Feature);
        web.users = 5_000;
        web.x = Some(10.0);
        web.depends_on = vec!["api".into(), "dc".into()];
        let mut api = Node::new("api", Kind::Service);
        api.requires = Requirement::Any;
        api.depends_on = vec!["old".into()];
        let existing = Document {
            title: "Drawn".to_owned(),
            nodes: vec![web, api, Node::new("old", Kind::Service), Node::new("dc", Kind::Datacenter)],
            scenarios: vec![Scenario { name: "dc fire".to_owned(), fail: vec!["dc".into()] }],
            ..Document::default()
        };
        // The source: web depends on api, api on a new db; web's label stated.
        let mut web = Node::new("web", Kind::Feature);
        web.label = Some("Web shop".to_owned());
        web.depends_on = vec!["api".into()];
        let mut api = Node::new("api", Kind::Service);
        api.depends_on = vec!["db".into()];
        let mut label = NodeFields::NONE;
        label.insert(NodeField::Label);
        let source = Document { nodes: vec![web, api, Node::new("db", Kind::Datastore)], ..Document::default() };
        let merged = merge(&existing, &imported(source, vec![label, NodeFields::NONE, NodeFields::NONE], DocumentFields::default())).unwrap();
        let document = merged.document.document();
        let web = &document.nodes[0];
        assert_eq!((web.label(), web.users, web.x), ("Web shop", 5_000, Some(10.0)));
        assert_eq!(web.depends_on, vec![NodeId::from("api"), NodeId::from("dc")]);
        let api = &document.nodes[1];
        assert_eq!(api.requires, Requirement::Any);
        // "old" is not in the source: kept, so api's link to it is kept too.
        assert_eq!(api.depends_on, vec![NodeId::from("db"), NodeId::from("old")]);
        assert_eq!(document.title, "Drawn");
        assert_eq!(document.scenarios.len(), 1);
        assert_eq!(merged.report.added, vec![NodeId::from("db")]);
        assert_eq!(merged.report.not_in_source, vec![NodeId::from("old"), NodeId::from("dc")]);
    }

    #[test]
    fn a_kept_value_that_no_longer_fits_is_refused() {
        let mut api = Node::new("api", Kind::Service);
        api.requires = Requirement::AtLeast(2);
        api.depends_on = vec!["a".into(), "b".into()];
        let existing = Document {
            nodes: vec![api, Node::new("a", Kind::Service), Node::new("b", Kind::Service)],
            ..Document::default()
        };
        let mut api = Node::new("api", Kind::Service);
        api.depends_on = vec!["a".into()];
        let source = Document {
            nodes: vec![api, Node::new("a", Kind::Service), Node::new("b", Kind::Service)],
            ..Document::default()
        };
        let error = merge(&existing, &imported(source, vec![NodeFields::NONE; 3], DocumentFields::default())).unwrap_err();
        assert!(error.to_string().starts_with("the merged model is invalid: node \"api\": requires at_least 2"), "{error}");
    }

    /// JSON keys of the fields a source may state, written from the file
    /// format's definition (independent of `NodeField`).
    const FIELD_KEYS: [&str; 11] = [
        "label", "kind", "requires", "users", "availability", "recovery_hours", "rebuild_hours",
        "tolerance_hours", "x", "y", "notes",
    ];

    fn stated_sets(seed: u64, count: usize) -> Vec<NodeFields> {
        (0..count)
            .map(|i| {
                let bits = seed.rotate_left(i as u32 * 7) as u16;
                let mut set = NodeFields::NONE;
                for (bit, field) in NodeField::ALL.into_iter().enumerate() {
                    if bits & (1 << bit) != 0 {
                        set.insert(field);
                    }
                }
                set
            })
            .collect()
    }

    proptest! {
        /// Merging an import into the model it came from changes nothing,
        /// whatever the import states.
        #[test]
        fn merging_an_import_with_itself_changes_nothing(seed in any::<u64>(), stated in any::<u64>()) {
            let document = random_document(seed, Text::Plain);
            let count = document.nodes.len();
            let import = imported(document.clone(), stated_sets(stated, count), DocumentFields::default());
            let merged = merge(&document, &import).unwrap();
            prop_assert_eq!(merged.document.document(), &document);
            prop_assert!(merged.report.added.is_empty() && merged.report.not_in_source.is_empty());
        }

        /// The definition, checked field by field on the JSON form.
        #[test]
        fn stated_fields_win_and_the_rest_is_kept(existing_seed in any::<u64>(), source_seed in any::<u64>(), stated in any::<u64>()) {
            let existing = random_document(existing_seed, Text::Plain);
            let source = random_document(source_seed, Text::Plain);
            let stated = stated_sets(stated, source.nodes.len());
            let document_stated = DocumentFields { title: stated_seed_bit(existing_seed, 0), notes: false, audience: stated_seed_bit(existing_seed, 1) };
            let import = imported(source.clone(), stated.clone(), document_stated);
            let merged = match merge(&existing, &import) {
                Ok(merged) => merged.document.into_document(),
                Err(ImportError::Merge(ModelError::AtLeastOutOfRange { .. } | ModelError::ToleranceOnNonFeature { .. })) => return Ok(()),
                Err(other) => return Err(TestCaseError::fail(format!("unexpected {other}"))),
            };
            let json = |node: &Node| serde_json::to_value(node).unwrap();
            let source_ids: Vec<&NodeId> = source.nodes.iter().map(|n| &n.id).collect();
            // Every node of either, once.
            let mut expected_ids: Vec<&NodeId> = existing.nodes.iter().map(|n| &n.id).collect();
            expected_ids.extend(source_ids.iter().copied().filter(|id| existing.node(id).is_none()));
            let ids: Vec<&NodeId> = merged.nodes.iter().map(|n| &n.id).collect();
            prop_assert_eq!(ids, expected_ids);
            for node in &merged.nodes {
                let (old, new) = (existing.node(&node.id), source.nodes.iter().position(|n| n.id == node.id));
                match (old, new) {
                    (Some(old), None) => prop_assert_eq!(node, old),
                    (None, Some(s)) => prop_assert_eq!(node, &source.nodes[s]),
                    (Some(old), Some(s)) => {
                        let (m, o, n) = (json(node), json(old), json(&source.nodes[s]));
                        for (bit, key) in FIELD_KEYS.iter().enumerate() {
                            let winner = if stated[s].contains(NodeField::ALL[bit]) { &n } else { &o };
                            prop_assert_eq!(m.get(*key), winner.get(*key), "field {}", key);
                        }
                        let from_source: Vec<&NodeId> = node.depends_on.iter().filter(|d| source_ids.contains(d)).collect();
                        let others: Vec<&NodeId> = node.depends_on.iter().filter(|d| !source_ids.contains(d)).collect();
                        prop_assert_eq!(from_source, source.nodes[s].depends_on.iter().collect::<Vec<_>>());
                        prop_assert_eq!(others, old.depends_on.iter().filter(|d| !source_ids.contains(d)).collect::<Vec<_>>());
                        prop_assert_eq!(node.depends_on.len(), source.nodes[s].depends_on.len() + old.depends_on.iter().filter(|d| !source_ids.contains(d)).count());
                    }
                    (None, None) => prop_assert!(false, "node from nowhere"),
                }
            }
            let expected_title = if document_stated.title { &source.title } else { &existing.title };
            prop_assert_eq!(&merged.title, expected_title);
            prop_assert_eq!(merged.audience, if document_stated.audience { source.audience } else { existing.audience });
            prop_assert_eq!(merged.scenarios, existing.scenarios);
        }
    }

    fn stated_seed_bit(seed: u64, bit: u32) -> bool {
        seed >> bit & 1 == 1
    }
}
