//! Document edits as pure functions: each takes a valid document and returns
//! the edited, validated copy (or `None` when it would change nothing, so
//! that no empty undo step is recorded), or an [`EditError`] that names the
//! problem (the document is then left exactly as it was).
//!
//! Each edit also says which derived results it may have changed
//! ([`Scope`]), and which other nodes' requirements it changed as a side
//! effect ([`RequirementChange`]). O(n + m) per edit (one copy and one
//! validation of the document), plus a layout the first time unplaced nodes
//! are pinned.

mod error;
mod requirements;

pub use error::EditError;
pub use requirements::{describe as describe_requirement, RequirementChange};

use super::snapshot::{Scope, Snapshot};
use crate::layout::Point;
use crate::model::{Document, Kind, Node, NodeId, Requirement, ValidDocument};

/// One change to the document.
#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    /// Add a node of `kind`, at `at` (map coordinates) or where the layout puts it.
    AddNode { kind: Kind, at: Option<Point> },
    /// `dependent` now depends on `dependency`.
    Connect { dependent: NodeId, dependency: NodeId },
    Disconnect { dependent: NodeId, dependency: NodeId },
    /// Delete nodes and every dependency on them.
    Delete(Vec<NodeId>),
    /// Place nodes at these centres (hand-placed positions are saved in the file).
    Move(Vec<(NodeId, Point)>),
    Update { id: NodeId, patch: NodePatch },
    /// Lay out the unplaced nodes around the hand-placed ones and save their
    /// positions, or (`everything`) forget every position and lay out afresh.
    AutoLayout { everything: bool },
    SetTitle(String),
}

/// Fields to change on one node; `None` leaves a field as it is.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct NodePatch {
    pub label: Option<String>,
    pub kind: Option<Kind>,
    pub requires: Option<Requirement>,
    pub users: Option<u64>,
    pub availability: Option<Option<f64>>,
    pub notes: Option<Option<String>>,
}

impl NodePatch {
    /// What the patch may change (labels and notes change nothing derived).
    fn scope(&self) -> Scope {
        Scope {
            layout: self.kind.is_some(),
            analysis: self.kind.is_some() || self.requires.is_some() || self.users.is_some() || self.availability.is_some(),
        }
    }
}

/// The result of an edit that changed something.
#[derive(Clone, Debug)]
pub struct Edited {
    pub document: ValidDocument,
    pub scope: Scope,
    /// Other nodes whose requirement the edit changed (see [`RequirementChange`]).
    pub requirement_changes: Vec<RequirementChange>,
    /// The node an `AddNode` created.
    pub added: Option<NodeId>,
}

/// Applies `edit` to the snapshot's document (its memoised layout places
/// unplaced nodes). `Ok(None)`: the edit changes nothing.
pub fn apply(snapshot: &Snapshot, edit: &Edit) -> Result<Option<Edited>, EditError> {
    let before: &Document = snapshot.document();
    let mut next = before.clone();
    let mut added = None;
    let mut report_changes = false;
    let scope = match edit {
        Edit::AddNode { kind, at } => {
            let mut node = Node::new(fresh_id(before, *kind).0, *kind);
            node.label = Some(format!("New {}", kind.display_name().to_lowercase()));
            if let Some(at) = at {
                if !(at.x.is_finite() && at.y.is_finite()) {
                    return Err(EditError::OffTheMap(node.id));
                }
                node.x = Some(at.x);
                node.y = Some(at.y);
            }
            added = Some(node.id.clone());
            next.nodes.push(node);
            Scope::EVERYTHING
        }
        Edit::Connect { dependent, dependency } => {
            if dependent == dependency {
                return Err(EditError::SelfDependency(dependent.clone()));
            }
            existing(before, dependency)?;
            let node = node_mut(&mut next, dependent)?;
            if node.depends_on.contains(dependency) {
                return Err(EditError::AlreadyDepends { dependent: dependent.clone(), dependency: dependency.clone() });
            }
            node.depends_on.push(dependency.clone());
            Scope::EVERYTHING
        }
        Edit::Disconnect { dependent, dependency } => {
            let node = node_mut(&mut next, dependent)?;
            let count = node.depends_on.len();
            node.depends_on.retain(|d| d != dependency);
            if node.depends_on.len() == count {
                return Err(EditError::NotDependent { dependent: dependent.clone(), dependency: dependency.clone() });
            }
            keep_requirement_in_range(node);
            report_changes = true;
            Scope::EVERYTHING
        }
        Edit::Delete(ids) => {
            for id in ids {
                existing(before, id)?;
            }
            let doomed: std::collections::HashSet<&NodeId> = ids.iter().collect();
            next.nodes.retain(|n| !doomed.contains(&n.id));
            for node in &mut next.nodes {
                node.depends_on.retain(|d| !doomed.contains(d));
                keep_requirement_in_range(node);
            }
            for scenario in &mut next.scenarios {
                scenario.fail.retain(|d| !doomed.contains(d));
            }
            report_changes = true;
            Scope::EVERYTHING
        }
        Edit::Move(positions) => {
            // The first hand placement pins every node where it is drawn, so
            // nothing else jumps and later drag steps need no layout pass.
            let pinned = pin_unplaced(snapshot, &mut next);
            let mut moved = false;
            for (id, at) in positions {
                if !(at.x.is_finite() && at.y.is_finite()) {
                    return Err(EditError::OffTheMap(id.clone()));
                }
                let node = node_mut(&mut next, id)?;
                moved |= node.x != Some(at.x) || node.y != Some(at.y);
                node.x = Some(at.x);
                node.y = Some(at.y);
            }
            if !pinned && !moved {
                return Ok(None);
            }
            Scope::POSITIONS
        }
        Edit::Update { id, patch } => {
            let node = node_mut(&mut next, id)?;
            let original = node.clone();
            if let Some(label) = &patch.label {
                let label = label.trim();
                node.label = (!label.is_empty() && label != node.id.as_str()).then(|| label.to_owned());
            }
            if let Some(kind) = patch.kind {
                node.kind = kind;
            }
            if let Some(requires) = patch.requires {
                node.requires = requires;
            }
            if let Some(users) = patch.users {
                node.users = users;
            }
            if let Some(availability) = patch.availability {
                node.availability = availability;
            }
            if let Some(notes) = &patch.notes {
                node.notes = notes.clone().filter(|n| !n.trim().is_empty());
            }
            if *node == original {
                return Ok(None);
            }
            patch.scope()
        }
        Edit::AutoLayout { everything: true } => {
            if next.nodes.iter().all(|n| n.x.is_none() && n.y.is_none()) {
                return Ok(None);
            }
            for node in &mut next.nodes {
                node.x = None;
                node.y = None;
            }
            Scope::POSITIONS
        }
        Edit::AutoLayout { everything: false } => {
            if !pin_unplaced(snapshot, &mut next) {
                return Ok(None);
            }
            Scope::POSITIONS
        }
        Edit::SetTitle(title) => {
            let title = title.trim();
            if title == before.title {
                return Ok(None);
            }
            next.title = title.to_owned();
            Scope::PRESENTATION
        }
    };
    let requirement_changes = if report_changes { requirements::changes(before, &next, None) } else { Vec::new() };
    let document = ValidDocument::new(next)?;
    Ok(Some(Edited { document, scope, requirement_changes, added }))
}

/// Writes the drawn position of every node that has none into `next` (a copy
/// of the snapshot's document); false when every node was placed already.
fn pin_unplaced(snapshot: &Snapshot, next: &mut Document) -> bool {
    if next.nodes.iter().all(|n| n.x.is_some() && n.y.is_some()) {
        return false;
    }
    let layout = snapshot.layout();
    for (node, at) in next.nodes.iter_mut().zip(&layout.positions) {
        if node.x.is_none() || node.y.is_none() {
            node.x = Some(at.x);
            node.y = Some(at.y);
        }
    }
    true
}

fn existing<'a>(document: &'a Document, id: &NodeId) -> Result<&'a Node, EditError> {
    document.node(id).ok_or_else(|| EditError::UnknownNode(id.clone()))
}

fn node_mut<'a>(document: &'a mut Document, id: &NodeId) -> Result<&'a mut Node, EditError> {
    document.nodes.iter_mut().find(|n| &n.id == id).ok_or_else(|| EditError::UnknownNode(id.clone()))
}

/// After losing dependencies, "at least k" may ask for more than are left.
fn keep_requirement_in_range(node: &mut Node) {
    if let Requirement::AtLeast(k) = node.requires {
        let count = node.depends_on.len() as u32;
        node.requires = match count {
            0 => Requirement::All,
            _ => Requirement::AtLeast(k.min(count)),
        };
    }
}

/// "service-3": the kind and the first free number.
fn fresh_id(document: &Document, kind: Kind) -> NodeId {
    let taken: std::collections::HashSet<&str> = document.nodes.iter().map(|n| n.id.as_str()).collect();
    (1..)
        .map(|n| NodeId(format!("{}-{n}", kind.as_str())))
        .find(|id| !taken.contains(id.as_str()))
        .expect("some number is free")
}

#[cfg(test)]
mod tests;
