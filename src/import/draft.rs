//! The last step every reader shares: from drafted nodes, whose dependencies
//! are still references written somewhere in a file, to a checked
//! [`ValidDocument`].
//!
//! It refuses a node defined twice (naming both places), resolves every
//! reference (a reference to nothing is an error naming the entity and the
//! reference, or with placeholders an unknown node), drops repeated
//! dependencies, gives nodes whose source states no kind the default kind
//! (a feature when nothing depends on it, else a service), and runs the
//! model's rules, saying which file and line the offending node comes from.
//! O(nodes + references) expected (hash maps).

use super::error::{ImportError, Location};
use super::fields::{DocumentFields, NodeField, NodeFields};
use crate::model::{Document, Kind, ModelError, Node, NodeId, ValidDocument};
use std::collections::{HashMap, HashSet};

/// What a reader produces.
#[derive(Default)]
pub(crate) struct Draft {
    pub nodes: Vec<DraftNode>,
    pub title: Option<String>,
    pub notes: Option<String>,
    pub audience: Option<u64>,
}

/// One node as a reader found it.
pub(crate) struct DraftNode {
    /// Everything but `depends_on`, which comes from `references`.
    pub node: Node,
    pub stated: NodeFields,
    /// Where the node is defined.
    pub origin: Location,
    /// Its dependencies, in order, as written.
    pub references: Vec<Reference>,
    /// Whether an unstated kind is decided by the default rule (Jaeger, DOT,
    /// CSV) rather than kept as the reader set it (Backstage).
    pub infer_kind: bool,
}

impl DraftNode {
    pub fn new(node: Node, origin: Location) -> DraftNode {
        DraftNode { node, stated: NodeFields::NONE, origin, references: Vec::new(), infer_kind: true }
    }
}

/// A dependency written in a file.
pub(crate) struct Reference {
    pub target: NodeId,
    pub at: Location,
    /// The kind a placeholder for a missing target gets.
    pub placeholder_kind: Kind,
}

/// A checked import and what the source stated, for a merge.
pub(crate) struct Assembled {
    pub document: ValidDocument,
    pub stated: Vec<NodeFields>,
    pub document_stated: DocumentFields,
    pub placeholders: Vec<NodeId>,
}

pub(crate) fn assemble(draft: Draft, placeholders: bool) -> Result<Assembled, ImportError> {
    let Draft { mut nodes, title, notes, audience } = draft;
    let mut index: HashMap<NodeId, usize> = HashMap::with_capacity(nodes.len());
    for (position, draft) in nodes.iter().enumerate() {
        if let Some(&first) = index.get(&draft.node.id) {
            return Err(ImportError::Duplicate {
                entity: draft.node.id.clone(),
                first: nodes[first].origin.clone(),
                second: draft.origin.clone(),
            });
        }
        index.insert(draft.node.id.clone(), position);
    }
    let mut created = Vec::new();
    // Positions of the dependencies already listed for the current node.
    let mut seen: HashSet<usize> = HashSet::new();
    for position in 0..nodes.len() {
        let references = std::mem::take(&mut nodes[position].references);
        seen.clear();
        let mut depends_on = Vec::with_capacity(references.len());
        for reference in references {
            let target = match index.get(&reference.target) {
                Some(&target) => target,
                None if !placeholders => {
                    return Err(ImportError::MissingReference {
                        at: reference.at,
                        entity: nodes[position].node.id.clone(),
                        reference: reference.target,
                    });
                }
                None => {
                    index.insert(reference.target.clone(), nodes.len());
                    created.push(reference.target.clone());
                    nodes.push(placeholder(&reference, &nodes[position].node.id));
                    nodes.len() - 1
                }
            };
            if seen.insert(target) {
                depends_on.push(reference.target);
            }
        }
        nodes[position].node.depends_on = depends_on;
    }
    infer_kinds(&mut nodes, &index);
    let document_stated = DocumentFields {
        title: title.is_some(),
        notes: notes.is_some(),
        audience: audience.is_some(),
    };
    let origins: Vec<Location> = nodes.iter().map(|draft| draft.origin.clone()).collect();
    let stated = nodes.iter().map(|draft| draft.stated).collect();
    let document = Document {
        title: title.unwrap_or_default(),
        notes,
        audience,
        nodes: nodes.into_iter().map(|draft| draft.node).collect(),
        ..Document::default()
    };
    let document = ValidDocument::new(document).map_err(|source| {
        let at = origin_of(&source, &index, &origins)
            .or_else(|| origins.first().cloned())
            .expect("an empty document is valid, so a refused one has a node");
        ImportError::Model { at, source }
    })?;
    Ok(Assembled { document, stated, document_stated, placeholders: created })
}

/// An unknown node standing for a reference to nothing.
fn placeholder(reference: &Reference, referrer: &NodeId) -> DraftNode {
    let mut node = Node::new(reference.target.as_str(), reference.placeholder_kind);
    node.notes = Some(format!(
        "Unknown: a placeholder for a dependency of {referrer} ({}) that the imported files do not define.",
        reference.at
    ));
    DraftNode { infer_kind: false, ..DraftNode::new(node, reference.at.clone()) }
}

/// A node whose source states no kind is a feature when nothing depends on
/// it (nothing calls it: it faces users), else a service.
fn infer_kinds(nodes: &mut [DraftNode], index: &HashMap<NodeId, usize>) {
    let mut has_dependents = vec![false; nodes.len()];
    for draft in nodes.iter() {
        for dependency in &draft.node.depends_on {
            if *dependency != draft.node.id {
                has_dependents[index[dependency]] = true;
            }
        }
    }
    for (draft, depended_on) in nodes.iter_mut().zip(has_dependents) {
        if draft.infer_kind && !draft.stated.contains(NodeField::Kind) {
            draft.node.kind = if depended_on { Kind::Service } else { Kind::Feature };
        }
    }
}

/// Where the node a model error names was defined.
fn origin_of(error: &ModelError, index: &HashMap<NodeId, usize>, origins: &[Location]) -> Option<Location> {
    let node = match error {
        ModelError::EmptyId { position } => return origins.get(*position).cloned(),
        ModelError::DuplicateId(node)
        | ModelError::UnknownReference { node, .. }
        | ModelError::DuplicateDependency { node, .. }
        | ModelError::AtLeastOutOfRange { node, .. }
        | ModelError::AvailabilityOutOfRange { node, .. }
        | ModelError::NotFinite { node, .. }
        | ModelError::NegativeHours { node, .. }
        | ModelError::ToleranceOnNonFeature { node, .. } => node,
        _ => return None,
    };
    index.get(node).and_then(|&position| origins.get(position)).cloned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    fn at(line: usize) -> Location {
        Location::new(&Arc::from("f.csv"), Some(line))
    }

    fn drafted(id: &str, line: usize, references: &[&str]) -> DraftNode {
        let mut draft = DraftNode::new(Node::new(id, Kind::Service), at(line));
        draft.references = references
            .iter()
            .map(|target| Reference { target: NodeId::from(*target), at: at(line), placeholder_kind: Kind::Datastore })
            .collect();
        draft
    }

    #[test]
    fn resolves_dedupes_and_infers_kinds() {
        let draft = Draft {
            nodes: vec![drafted("web", 2, &["api", "api", "web"]), drafted("api", 3, &[])],
            ..Draft::default()
        };
        let assembled = assemble(draft, false).unwrap();
        let nodes = &assembled.document.nodes;
        assert_eq!(nodes[0].depends_on, vec![NodeId::from("api"), NodeId::from("web")]);
        // A self-dependency does not make a node depended on.
        assert_eq!((nodes[0].kind, nodes[1].kind), (Kind::Feature, Kind::Service));
        assert!(assembled.placeholders.is_empty());
    }

    #[test]
    fn a_missing_reference_is_an_error_or_a_placeholder() {
        let draft = || Draft { nodes: vec![drafted("web", 2, &["db"])], ..Draft::default() };
        let error = assemble(draft(), false).err().unwrap();
        assert_eq!(
            error.to_string(),
            "f.csv line 2: web depends on \"db\", which is not in the imported files (import with placeholders to keep it as an unknown node)"
        );
        let assembled = assemble(draft(), true).unwrap();
        assert_eq!(assembled.placeholders, vec![NodeId::from("db")]);
        let db = &assembled.document.nodes[1];
        assert_eq!(db.kind, Kind::Datastore);
        assert!(db.notes.as_deref().unwrap().starts_with("Unknown: a placeholder for a dependency of web (f.csv line 2)"));
    }

    #[test]
    fn duplicates_and_model_errors_name_the_place() {
        let draft = Draft { nodes: vec![drafted("a", 2, &[]), drafted("a", 5, &[])], ..Draft::default() };
        assert_eq!(
            assemble(draft, false).err().unwrap().to_string(),
            "a is defined twice: at f.csv line 2 and at f.csv line 5"
        );
        let mut bad = drafted("b", 7, &[]);
        bad.node.availability = Some(2.0);
        let draft = Draft { nodes: vec![drafted("a", 2, &["b"]), bad], ..Draft::default() };
        assert_eq!(
            assemble(draft, false).err().unwrap().to_string(),
            "f.csv line 7: node \"b\": availability 2 must be greater than 0 and at most 1"
        );
    }
}
