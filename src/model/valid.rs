//! The one trusted document type: a [`Document`] that has passed every rule of
//! the model, together with the [`Graph`] that checking it built.
//!
//! Files, autosaves, share links, imports and edits all end in
//! [`ValidDocument::new`]; code that holds one never validates again, and code
//! that needs validity (the editor's `Load`, the analyses) asks for this type.

use super::{Document, Graph, ModelError, NodeIndex};
use std::ops::Deref;
use std::sync::Arc;

/// A validated document and its index. Cheap to clone (shared, immutable).
#[derive(Clone, Debug)]
pub struct ValidDocument {
    document: Arc<Document>,
    graph: Arc<Graph>,
}

impl ValidDocument {
    /// Checks `document` against the model's rules. O(nodes + dependencies).
    pub fn new(document: Document) -> Result<ValidDocument, ModelError> {
        let graph = Graph::build(&document)?;
        Ok(ValidDocument {
            document: Arc::new(document),
            graph: Arc::new(graph),
        })
    }

    /// The same document with the positions of some nodes changed (`None`:
    /// no position). The graph does not depend on positions, so it is
    /// shared, not rebuilt: a drag step costs one copy of the document.
    /// Refused, like any document, when a coordinate is not finite.
    pub fn with_positions(&self, changes: impl IntoIterator<Item = (NodeIndex, Option<(f64, f64)>)>) -> Result<ValidDocument, ModelError> {
        let mut document = (*self.document).clone();
        for (index, at) in changes {
            let node = &mut document.nodes[index as usize];
            if let Some((x, y)) = at {
                for (field, value) in [("x", x), ("y", y)] {
                    if !value.is_finite() {
                        return Err(ModelError::NotFinite { node: node.id.clone(), field });
                    }
                }
            }
            node.x = at.map(|(x, _)| x);
            node.y = at.map(|(_, y)| y);
        }
        Ok(ValidDocument { document: Arc::new(document), graph: Arc::clone(&self.graph) })
    }

    /// The empty document (version 1, no title, no nodes).
    pub fn empty() -> ValidDocument {
        ValidDocument::new(Document::default()).expect("the empty document is valid")
    }

    pub fn document(&self) -> &Document {
        &self.document
    }

    pub fn graph(&self) -> &Graph {
        &self.graph
    }

    /// The document, for editing (copied only when it is shared).
    pub fn into_document(self) -> Document {
        Arc::try_unwrap(self.document).unwrap_or_else(|shared| (*shared).clone())
    }

    /// Whether both are the very same snapshot (no comparison of contents).
    pub fn ptr_eq(&self, other: &ValidDocument) -> bool {
        Arc::ptr_eq(&self.document, &other.document)
    }
}

impl Deref for ValidDocument {
    type Target = Document;

    fn deref(&self) -> &Document {
        &self.document
    }
}

impl PartialEq for ValidDocument {
    fn eq(&self, other: &ValidDocument) -> bool {
        self.ptr_eq(other) || self.document == other.document
    }
}

impl PartialEq<Document> for ValidDocument {
    fn eq(&self, other: &Document) -> bool {
        *self.document == *other
    }
}

impl TryFrom<Document> for ValidDocument {
    type Error = ModelError;

    fn try_from(document: Document) -> Result<ValidDocument, ModelError> {
        ValidDocument::new(document)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Kind, Node, NodeId};

    #[test]
    fn only_valid_documents_get_in() {
        let mut node = Node::new("a", Kind::Service);
        node.depends_on.push(NodeId::from("ghost"));
        let bad = Document { nodes: vec![node], ..Document::default() };
        assert!(ValidDocument::new(bad).is_err());
        let good = Document { nodes: vec![Node::new("a", Kind::Feature)], ..Document::default() };
        let valid = ValidDocument::new(good.clone()).unwrap();
        assert_eq!(valid.graph().len(), 1);
        assert_eq!(valid, good);
        assert!(valid.ptr_eq(&valid.clone()));
        assert_eq!(valid.clone().into_document(), good);
        let moved = valid.with_positions([(0, Some((3.0, 4.0)))]).unwrap();
        assert_eq!((moved.nodes[0].x, moved.nodes[0].y), (Some(3.0), Some(4.0)));
        assert!(std::ptr::eq(moved.graph(), valid.graph()), "the graph is shared");
        assert_eq!(ValidDocument::new(moved.document().clone()).unwrap(), moved);
        assert!(valid.with_positions([(0, Some((f64::NAN, 0.0)))]).is_err());
    }
}
