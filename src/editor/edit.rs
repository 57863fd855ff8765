//! Document edits as pure functions: each takes a document and returns the
//! edited copy, or a message that names the problem (the document is then
//! left exactly as it was).

use crate::layout::Point;
use crate::model::{Document, Graph, Kind, Node, NodeId, Requirement};
use crate::layout::layout_document;

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

/// Applies `edit`; the result always passes the model's validation.
pub fn apply(document: &Document, edit: &Edit) -> Result<Document, String> {
    let mut next = document.clone();
    match edit {
        Edit::AddNode { kind, at } => {
            let mut node = Node::new(fresh_id(document, *kind).0, *kind);
            node.label = Some(format!("New {}", kind.display_name().to_lowercase()));
            if let Some(at) = at {
                node.x = Some(at.x);
                node.y = Some(at.y);
            }
            next.nodes.push(node);
        }
        Edit::Connect { dependent, dependency } => {
            if dependent == dependency {
                return Err(format!("\"{dependent}\" cannot depend on itself"));
            }
            existing(document, dependency)?;
            let node = node_mut(&mut next, dependent)?;
            if node.depends_on.contains(dependency) {
                return Err(format!("\"{dependent}\" already depends on \"{dependency}\""));
            }
            node.depends_on.push(dependency.clone());
        }
        Edit::Disconnect { dependent, dependency } => {
            let node = node_mut(&mut next, dependent)?;
            let before = node.depends_on.len();
            node.depends_on.retain(|d| d != dependency);
            if node.depends_on.len() == before {
                return Err(format!("\"{dependent}\" does not depend on \"{dependency}\""));
            }
            keep_requirement_in_range(node);
        }
        Edit::Delete(ids) => {
            for id in ids {
                existing(document, id)?;
            }
            next.nodes.retain(|n| !ids.contains(&n.id));
            for node in &mut next.nodes {
                node.depends_on.retain(|d| !ids.contains(d));
                keep_requirement_in_range(node);
            }
            for scenario in &mut next.scenarios {
                scenario.fail.retain(|d| !ids.contains(d));
            }
        }
        Edit::Move(positions) => {
            // The first hand placement pins every node where it is drawn, so
            // nothing else jumps and later drag steps need no layout pass.
            pin_unplaced(&mut next)?;
            for (id, at) in positions {
                if !(at.x.is_finite() && at.y.is_finite()) {
                    return Err(format!("\"{id}\" cannot be moved off the map"));
                }
                let node = node_mut(&mut next, id)?;
                node.x = Some(at.x);
                node.y = Some(at.y);
            }
        }
        Edit::Update { id, patch } => {
            let node = node_mut(&mut next, id)?;
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
        }
        Edit::AutoLayout { everything } => {
            if *everything {
                for node in &mut next.nodes {
                    node.x = None;
                    node.y = None;
                }
            } else {
                pin_unplaced(&mut next)?;
            }
        }
        Edit::SetTitle(title) => next.title = title.trim().to_owned(),
    }
    Graph::build(&next).map_err(|e| e.to_string())?;
    Ok(next)
}

/// Writes the laid-out position of every node that has none.
fn pin_unplaced(document: &mut Document) -> Result<(), String> {
    if document.nodes.iter().all(|n| n.x.is_some() && n.y.is_some()) {
        return Ok(());
    }
    let graph = Graph::build(document).map_err(|e| e.to_string())?;
    let layout = layout_document(document, &graph);
    for (node, at) in document.nodes.iter_mut().zip(&layout.positions) {
        node.x = Some(at.x);
        node.y = Some(at.y);
    }
    Ok(())
}

fn existing<'a>(document: &'a Document, id: &NodeId) -> Result<&'a Node, String> {
    document.node(id).ok_or_else(|| format!("there is no node \"{id}\""))
}

fn node_mut<'a>(document: &'a mut Document, id: &NodeId) -> Result<&'a mut Node, String> {
    document
        .nodes
        .iter_mut()
        .find(|n| &n.id == id)
        .ok_or_else(|| format!("there is no node \"{id}\""))
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
    (1..)
        .map(|n| NodeId(format!("{}-{n}", kind.as_str())))
        .find(|id| document.node(id).is_none())
        .expect("some number is free")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::single_points_of_failure;
    use crate::format::parse;

    fn doc() -> Document {
        parse(
            r#"{"version": 1, "nodes": [
                {"id": "app", "kind": "feature", "users": 10, "depends_on": ["a", "b"]},
                {"id": "a", "kind": "service"},
                {"id": "b", "kind": "service"},
                {"id": "q", "kind": "datastore", "requires": {"at_least": 2}, "depends_on": ["a", "b"]}
            ], "scenarios": [{"name": "lose a", "fail": ["a"]}]}"#,
        )
        .unwrap()
        .into_document()
    }

    fn spof_ids(document: &Document) -> Vec<String> {
        let graph = Graph::build(document).unwrap();
        single_points_of_failure(&graph).spofs.iter().map(|s| graph.id(s.node).to_string()).collect()
    }

    #[test]
    fn add_gives_a_fresh_id_and_optional_position() {
        let added = apply(&doc(), &Edit::AddNode { kind: Kind::Service, at: Some(Point { x: 5.0, y: 6.0 }) }).unwrap();
        let node = added.nodes.last().unwrap();
        assert_eq!(node.id.as_str(), "service-1");
        assert_eq!((node.x, node.y), (Some(5.0), Some(6.0)));
        let twice = apply(&added, &Edit::AddNode { kind: Kind::Service, at: None }).unwrap();
        assert_eq!(twice.nodes.last().unwrap().id.as_str(), "service-2");
    }

    #[test]
    fn connect_and_requires_any_make_and_remove_a_spof() {
        let d = apply(&doc(), &Edit::AddNode { kind: Kind::Datacenter, at: None }).unwrap();
        let connect = |d: &Document, from: &str| {
            apply(d, &Edit::Connect { dependent: from.into(), dependency: "datacenter-1".into() }).unwrap()
        };
        let d = connect(&connect(&d, "a"), "b");
        assert!(spof_ids(&d).contains(&"datacenter-1".to_owned()));
        let patch = NodePatch { requires: Some(Requirement::Any), ..NodePatch::default() };
        let d = apply(&d, &Edit::Update { id: "app".into(), patch }).unwrap();
        assert!(spof_ids(&d).contains(&"datacenter-1".to_owned()), "a and b still share the data center");
        let d = apply(&d, &Edit::Disconnect { dependent: "b".into(), dependency: "datacenter-1".into() }).unwrap();
        assert!(!spof_ids(&d).contains(&"datacenter-1".to_owned()));
    }

    #[test]
    fn connect_refuses_self_duplicates_and_unknown_nodes() {
        let d = doc();
        assert!(apply(&d, &Edit::Connect { dependent: "a".into(), dependency: "a".into() }).unwrap_err().contains("itself"));
        assert!(apply(&d, &Edit::Connect { dependent: "app".into(), dependency: "a".into() }).unwrap_err().contains("already"));
        assert!(apply(&d, &Edit::Connect { dependent: "app".into(), dependency: "zz".into() }).unwrap_err().contains("\"zz\""));
    }

    #[test]
    fn delete_removes_references_and_keeps_quorums_valid() {
        let d = apply(&doc(), &Edit::Delete(vec!["a".into()])).unwrap();
        assert!(d.node(&"a".into()).is_none());
        assert_eq!(d.node(&"app".into()).unwrap().depends_on, vec![NodeId::from("b")]);
        assert_eq!(d.node(&"q".into()).unwrap().requires, Requirement::AtLeast(1));
        assert!(d.scenarios[0].fail.is_empty());
        let d = apply(&d, &Edit::Delete(vec!["b".into()])).unwrap();
        assert_eq!(d.node(&"q".into()).unwrap().requires, Requirement::All);
    }

    #[test]
    fn update_with_k_out_of_range_names_the_problem() {
        let patch = NodePatch { requires: Some(Requirement::AtLeast(3)), ..NodePatch::default() };
        let err = apply(&doc(), &Edit::Update { id: "q".into(), patch }).unwrap_err();
        assert_eq!(err, "node \"q\": requires at_least 3, but it has 2 dependencies (k must be between 1 and 2)");
    }

    #[test]
    fn update_keeps_the_id_when_the_label_changes() {
        let patch = NodePatch { label: Some("Payments API".into()), users: Some(5), ..NodePatch::default() };
        let d = apply(&doc(), &Edit::Update { id: "a".into(), patch }).unwrap();
        let node = d.node(&"a".into()).unwrap();
        assert_eq!((node.label(), node.users), ("Payments API", 5));
    }

    #[test]
    fn move_and_auto_layout() {
        let before = layout_document(&doc(), &Graph::build(&doc()).unwrap());
        let moved = apply(&doc(), &Edit::Move(vec![("a".into(), Point { x: 10.0, y: 20.0 })])).unwrap();
        assert_eq!(moved.node(&"a".into()).unwrap().x, Some(10.0));
        let b = moved.node(&"b".into()).unwrap();
        assert_eq!((b.x, b.y), (Some(before.positions[2].x), Some(before.positions[2].y)), "the others stay where they were drawn");
        let pinned = apply(&moved, &Edit::AutoLayout { everything: false }).unwrap();
        assert_eq!(pinned.node(&"a".into()).unwrap().x, Some(10.0), "hand-placed nodes stay");
        assert!(pinned.nodes.iter().all(|n| n.x.is_some() && n.y.is_some()));
        let fresh = apply(&pinned, &Edit::AutoLayout { everything: true }).unwrap();
        assert!(fresh.nodes.iter().all(|n| n.x.is_none()));
        assert!(apply(&doc(), &Edit::Move(vec![("a".into(), Point { x: f64::NAN, y: 0.0 })])).is_err());
    }
}
