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
mod scenarios;

pub use error::EditError;
pub use requirements::{describe as describe_requirement, RequirementChange};
pub use scenarios::{name_for as scenario_name_for, unique_name as unique_scenario_name};

use super::snapshot::{Scope, Snapshot};
use crate::analysis::fixes::{self, Change, FixError};
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
    /// Apply a proposed fix's changes (`analysis::fixes`), all at once.
    ApplyFix(Vec<Change>),
    /// Store a named failure set with the document.
    AddScenario { name: String, fail: Vec<NodeId> },
    /// Rename the stored scenario at position `index`.
    RenameScenario { index: usize, name: String },
    /// Delete the stored scenario at position `index`.
    DeleteScenario(usize),
}

/// Fields to change on one node; `None` leaves a field as it is.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct NodePatch {
    pub label: Option<String>,
    pub kind: Option<Kind>,
    pub requires: Option<Requirement>,
    pub users: Option<u64>,
    pub availability: Option<Option<f64>>,
    /// Hours to come back once what it needs is back (`None`: the default, 0).
    pub recovery_hours: Option<Option<f64>>,
    /// Hours to come back without its dependencies (`None`: no such way).
    pub rebuild_hours: Option<Option<f64>>,
    /// A feature's impact tolerance in hours (`None`: not stated).
    pub tolerance_hours: Option<Option<f64>>,
    pub notes: Option<Option<String>>,
}

impl NodePatch {
    /// What the patch may change (labels and notes change nothing derived).
    fn scope(&self) -> Scope {
        let hours = self.recovery_hours.is_some() || self.rebuild_hours.is_some() || self.tolerance_hours.is_some();
        Scope {
            layout: self.kind.is_some(),
            analysis: self.kind.is_some() || self.requires.is_some() || self.users.is_some() || self.availability.is_some() || hours,
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
    match edit {
        Edit::AddNode { kind, at } => add_node(before, *kind, *at),
        Edit::Connect { dependent, dependency } => connect(before, dependent, dependency),
        Edit::Disconnect { dependent, dependency } => disconnect(before, dependent, dependency),
        Edit::Delete(ids) => delete(before, ids),
        // Positions do not touch the graph: those edits share it.
        Edit::Move(positions) => moved(snapshot, positions),
        Edit::AutoLayout { everything: false } => moved(snapshot, &[]),
        Edit::AutoLayout { everything: true } => forget_positions(snapshot),
        Edit::Update { id, patch } => update(before, id, patch),
        Edit::SetTitle(title) => {
            let title = title.trim();
            if title == before.title {
                return Ok(None);
            }
            let next = Document { title: title.to_owned(), ..before.clone() };
            finish(before, next, Scope::PRESENTATION, false, None)
        }
        Edit::ApplyFix(changes) => apply_fix(before, changes),
        Edit::AddScenario { name, fail } => scenarios::add(before, name, fail),
        Edit::RenameScenario { index, name } => scenarios::rename(before, *index, name),
        Edit::DeleteScenario(index) => scenarios::delete(before, *index),
    }
}

fn apply_fix(before: &Document, changes: &[Change]) -> Result<Option<Edited>, EditError> {
    if changes.is_empty() {
        return Ok(None);
    }
    let document = fixes::apply(before, changes).map_err(|error| match error {
        FixError::Invalid(model) => EditError::Model(model),
        other => EditError::Fix(other),
    })?;
    // What the fix changes is its purpose, not a side effect to report.
    Ok(Some(Edited { document, scope: Scope::EVERYTHING, requirement_changes: Vec::new(), added: None }))
}

/// Validates the edited document; `report_changes`: look for other nodes
/// whose requirement changed.
fn finish(before: &Document, next: Document, scope: Scope, report_changes: bool, added: Option<NodeId>) -> Result<Option<Edited>, EditError> {
    let requirement_changes = if report_changes { requirements::changes(before, &next, None) } else { Vec::new() };
    let document = ValidDocument::new(next)?;
    Ok(Some(Edited { document, scope, requirement_changes, added }))
}

fn add_node(before: &Document, kind: Kind, at: Option<Point>) -> Result<Option<Edited>, EditError> {
    let mut node = Node::new(fresh_id(before, kind).0, kind);
    node.label = Some(format!("New {}", kind.display_name().to_lowercase()));
    if let Some(at) = at {
        if !(at.x.is_finite() && at.y.is_finite()) {
            return Err(EditError::OffTheMap(node.id));
        }
        node.x = Some(at.x);
        node.y = Some(at.y);
    }
    let added = node.id.clone();
    let mut next = before.clone();
    next.nodes.push(node);
    finish(before, next, Scope::EVERYTHING, false, Some(added))
}

fn connect(before: &Document, dependent: &NodeId, dependency: &NodeId) -> Result<Option<Edited>, EditError> {
    if dependent == dependency {
        return Err(EditError::SelfDependency(dependent.clone()));
    }
    existing(before, dependency)?;
    let mut next = before.clone();
    let node = node_mut(&mut next, dependent)?;
    if node.depends_on.contains(dependency) {
        return Err(EditError::AlreadyDepends { dependent: dependent.clone(), dependency: dependency.clone() });
    }
    node.depends_on.push(dependency.clone());
    finish(before, next, Scope::EVERYTHING, false, None)
}

fn disconnect(before: &Document, dependent: &NodeId, dependency: &NodeId) -> Result<Option<Edited>, EditError> {
    let mut next = before.clone();
    let node = node_mut(&mut next, dependent)?;
    let count = node.depends_on.len();
    node.depends_on.retain(|d| d != dependency);
    if node.depends_on.len() == count {
        return Err(EditError::NotDependent { dependent: dependent.clone(), dependency: dependency.clone() });
    }
    keep_requirement_in_range(node);
    finish(before, next, Scope::EVERYTHING, true, None)
}

fn delete(before: &Document, ids: &[NodeId]) -> Result<Option<Edited>, EditError> {
    for id in ids {
        existing(before, id)?;
    }
    let doomed: std::collections::HashSet<&NodeId> = ids.iter().collect();
    let mut next = before.clone();
    next.nodes.retain(|n| !doomed.contains(&n.id));
    for node in &mut next.nodes {
        node.depends_on.retain(|d| !doomed.contains(d));
        keep_requirement_in_range(node);
    }
    for scenario in &mut next.scenarios {
        scenario.fail.retain(|d| !doomed.contains(d));
    }
    finish(before, next, Scope::EVERYTHING, true, None)
}

fn update(before: &Document, id: &NodeId, patch: &NodePatch) -> Result<Option<Edited>, EditError> {
    let mut next = before.clone();
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
    // The optional numbers: `Some(None)` clears one.
    for (field, value) in [
        (&mut node.availability, patch.availability),
        (&mut node.recovery_hours, patch.recovery_hours),
        (&mut node.rebuild_hours, patch.rebuild_hours),
        (&mut node.tolerance_hours, patch.tolerance_hours),
    ] {
        if let Some(value) = value {
            *field = value;
        }
    }
    if let Some(notes) = &patch.notes {
        node.notes = notes.clone().filter(|n| !n.trim().is_empty());
    }
    if *node == original {
        return Ok(None);
    }
    finish(before, next, patch.scope(), false, None)
}

/// Forgets every position, so the layered layout places everything afresh.
fn forget_positions(snapshot: &Snapshot) -> Result<Option<Edited>, EditError> {
    let document = snapshot.document();
    let placed: Vec<(u32, Option<(f64, f64)>)> =
        document.nodes.iter().enumerate().filter(|(_, n)| n.x.is_some() || n.y.is_some()).map(|(i, _)| (i as u32, None)).collect();
    if placed.is_empty() {
        return Ok(None);
    }
    let document = document.with_positions(placed)?;
    Ok(Some(Edited { document, scope: Scope::POSITIONS, requirement_changes: Vec::new(), added: None }))
}

/// Moves nodes to hand-placed positions. The first hand placement pins every
/// node where it is drawn (so nothing else jumps and later drag steps need
/// no layout pass). The graph is shared, not rebuilt: O(n) for the copy.
fn moved(snapshot: &Snapshot, positions: &[(NodeId, Point)]) -> Result<Option<Edited>, EditError> {
    let document = snapshot.document();
    let graph = document.graph();
    let mut changes: Vec<(u32, Option<(f64, f64)>)> = Vec::new();
    if document.nodes.iter().any(|n| n.x.is_none() || n.y.is_none()) {
        let layout = snapshot.layout();
        for (index, node) in document.nodes.iter().enumerate() {
            if node.x.is_none() || node.y.is_none() {
                let at = layout.positions[index];
                changes.push((index as u32, Some((at.x, at.y))));
            }
        }
    }
    let pinned = !changes.is_empty();
    let mut moves = false;
    for (id, at) in positions {
        if !(at.x.is_finite() && at.y.is_finite()) {
            return Err(EditError::OffTheMap(id.clone()));
        }
        let index = graph.index_of(id).ok_or_else(|| EditError::UnknownNode(id.clone()))?;
        let node = &document.nodes[index as usize];
        moves |= node.x != Some(at.x) || node.y != Some(at.y);
        changes.push((index, Some((at.x, at.y))));
    }
    if !pinned && !moves {
        return Ok(None);
    }
    let document = document.with_positions(changes)?;
    Ok(Some(Edited { document, scope: Scope::POSITIONS, requirement_changes: Vec::new(), added: None }))
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
