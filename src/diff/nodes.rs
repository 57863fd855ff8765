//! Which nodes a change added, removed or changed, matched by id. A change
//! is any field but `x` and `y`: moving a node on the map is not a change
//! to the architecture. O(n) id lookups plus sorting the results.

use crate::model::{Node, NodeId, ValidDocument};

pub struct NodeChanges {
    pub added: Vec<NodeId>,
    pub removed: Vec<NodeId>,
    pub changed: Vec<NodeId>,
}

pub fn compare(base: &ValidDocument, head: &ValidDocument) -> NodeChanges {
    let (base_graph, head_graph) = (base.graph(), head.graph());
    let mut added = Vec::new();
    let mut changed = Vec::new();
    for node in &head.nodes {
        match base_graph.index_of(&node.id) {
            None => added.push(node.id.clone()),
            Some(i) if differs(&base.nodes[i as usize], node) => changed.push(node.id.clone()),
            Some(_) => {}
        }
    }
    let mut removed: Vec<NodeId> =
        base.nodes.iter().filter(|node| head_graph.index_of(&node.id).is_none()).map(|node| node.id.clone()).collect();
    for list in [&mut added, &mut removed, &mut changed] {
        list.sort_unstable();
    }
    NodeChanges { added, removed, changed }
}

/// Whether two versions of a node differ in anything but their position.
fn differs(base: &Node, head: &Node) -> bool {
    // Most nodes are untouched: compare whole first, copy only when needed.
    // Comparing copies with the position cleared keeps every future field in.
    base != head && Node { x: None, y: None, ..base.clone() } != Node { x: None, y: None, ..head.clone() }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::parse;

    #[test]
    fn moves_are_not_changes_but_everything_else_is() {
        let base = parse(r#"{"version": 1, "nodes": [
            {"id": "a", "kind": "service", "x": 1, "y": 2},
            {"id": "b", "kind": "service"},
            {"id": "gone", "kind": "service"}]}"#).unwrap();
        let head = parse(r#"{"version": 1, "nodes": [
            {"id": "new", "kind": "feature"},
            {"id": "b", "kind": "service", "notes": "now documented"},
            {"id": "a", "kind": "service", "x": 50, "y": -3}]}"#).unwrap();
        let changes = compare(&base, &head);
        assert_eq!(changes.added, [NodeId::from("new")]);
        assert_eq!(changes.removed, [NodeId::from("gone")]);
        assert_eq!(changes.changed, [NodeId::from("b")]);
    }
}
